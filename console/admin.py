"""Administration: staff accounts (add, disable, team membership, password reset) for
admins, and each team's canned replies for its lead (and admins)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from actions.handoff import release_held
from bot.web import RUNTIME
from console import sign_in_guard
from console.access import Viewer, require_admin, require_team
from console.i18n import N_
from console.shared import form, int_param, render, saved, viewer
from nlu import LANGUAGES
from taskstore import StaffUser
from taskstore.models import CannedReply, StaffSession
from taskstore.staff import (
    ROLES,
    StaffError,
    add_staff,
    hash_password,
    list_staff,
    set_password,
    set_role_and_teams,
)

MAX_TITLE = 200
FAILURE_DAYS = 7  # failed sign-ins the staff page lists
MAX_REPLY = 4000


async def staff_page(
    request: web.Request, *, error: str | None = None, values: dict[str, object] | None = None
) -> web.Response:
    require_admin(viewer(request))
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        accounts = await list_staff(session)
        rows = (
            await session.execute(select(StaffUser.username, StaffUser.id, StaffUser.email))
        ).all()
        failures = await sign_in_guard.recent_failures(
            session, runtime.clock() - timedelta(days=FAILURE_DAYS)
        )
    return render(
        request,
        "admin_staff.html",
        status=400 if error else 200,
        error=error,
        error_values=values or {},
        accounts=accounts,
        ids={name: uid for name, uid, _ in rows},
        emails={name: email for name, _, email in rows},
        roles=ROLES,
        teams=runtime.content.teams,
        failures=failures,
        failure_days=FAILURE_DAYS,
    )


async def staff_add(request: web.Request) -> web.StreamResponse:
    require_admin(viewer(request))
    runtime = request.app[RUNTIME]
    data = await request.post()
    fields = {k: v for k, v in data.items() if isinstance(v, str)}
    teams = [t for t in data.getall("teams", []) if isinstance(t, str)]
    try:
        password = fields.get("password", "")
        hash_password(password)  # the length rule, before a transaction is opened
        async with runtime.db.transaction() as session:
            user = await add_staff(
                session,
                fields.get("username", "").strip(),
                fields.get("name", "").strip() or fields.get("username", ""),
                password,
                fields.get("role", ""),
                teams,
            )
            user.email = fields.get("email", "").strip() or None
    except StaffError as exc:
        return await staff_page(request, error=exc.message, values=exc.values)
    raise saved(request, "added", "/console/admin/staff")


LAST_ADMIN = N_(
    "The console needs an active administrator: make another account an administrator first."
)


async def _is_last_admin(session: AsyncSession, user: StaffUser) -> bool:
    """Disabling or demoting this account would leave nobody to manage the console."""
    if not (user.active and user.role == "admin"):
        return False
    admins = await session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(StaffUser.role == "admin", StaffUser.active)
    )
    return (admins or 0) <= 1


async def staff_change(request: web.Request) -> web.StreamResponse:
    """Disable or enable an account, set its teams and e-mail, or set a new password."""
    me = viewer(request)
    require_admin(me)
    runtime = request.app[RUNTIME]
    data = await request.post()
    action = str(data.get("action", ""))
    # A refusal is raised, so the transaction rolls back and closes before the page is
    # rendered: on SQLite the page's own transaction would wait for this one forever.
    try:
        async with runtime.db.transaction() as session:
            user = await session.get(StaffUser, int_param(request, "id"))
            if user is None:
                raise web.HTTPNotFound()
            await _change(session, me, user, action, data)
    except StaffError as exc:
        return await staff_page(request, error=exc.message, values=exc.values)
    done = {"disable": "disabled", "enable": "enabled", "password": "password"}
    raise saved(request, done.get(action, "saved"), "/console/admin/staff")


async def _change(
    session: AsyncSession, me: Viewer, user: StaffUser, action: str, data: MultiDictProxy[Any]
) -> None:
    """Applies one change; a disabled account's conversations go back to the bot."""
    if action in ("disable", "enable"):
        if action == "disable" and await _is_last_admin(session, user):
            raise StaffError(LAST_ADMIN)
        if user.id == me.id:
            raise StaffError("You cannot disable your own account.")
        user.active = action == "enable"
        if not user.active:  # signed out everywhere at once; held chats back to the bot
            await session.execute(delete(StaffSession).where(StaffSession.staff_id == user.id))
            await release_held(session, user.id)
    elif action == "teams":
        chosen = sorted(t for t in data.getall("teams", []) if isinstance(t, str))
        role = str(data.get("role", user.role))
        if role != "admin" and await _is_last_admin(session, user):
            raise StaffError(LAST_ADMIN)
        await set_role_and_teams(session, user, role, chosen)
        user.email = str(data.get("email", "")).strip() or None
    elif action == "password":
        await set_password(session, user.username, str(data.get("password", "")))
    else:
        raise web.HTTPBadRequest(text="unknown action")


async def replies_page(request: web.Request, *, error: str | None = None) -> web.Response:
    team = request.match_info["team"]
    me = viewer(request)
    runtime = request.app[RUNTIME]
    if team not in runtime.content.teams:
        raise web.HTTPNotFound()
    require_team(me, team)
    async with runtime.db.transaction() as session:
        replies = (
            await session.scalars(
                select(CannedReply)
                .where(CannedReply.team_id == team)
                .order_by(CannedReply.language, CannedReply.title)
            )
        ).all()
    return render(
        request,
        "replies.html",
        status=400 if error else 200,
        error=error,
        team=team,
        team_names=runtime.content.teams,
        replies=replies,
        manages=me.leads(team),
        languages=LANGUAGES,
    )


async def replies_change(request: web.Request) -> web.StreamResponse:
    team = request.match_info["team"]
    me = viewer(request)
    runtime = request.app[RUNTIME]
    if team not in runtime.content.teams:
        raise web.HTTPNotFound()
    require_team(me, team, lead=True)
    fields = await form(request)
    done = "reply_removed" if fields.get("action") == "delete" else "reply_added"
    title, text = fields.get("title", "").strip(), fields.get("text", "").strip()
    language = fields.get("language", "")
    if done == "reply_added" and (not title or not text or language not in LANGUAGES):
        return await replies_page(request, error="Give a title, a language and a text.")
    async with runtime.db.transaction() as session:
        if fields.get("action") == "delete":
            try:
                reply_id = int(fields.get("id", ""))
            except ValueError as exc:
                raise web.HTTPBadRequest(text="no reply chosen") from exc
            await session.execute(
                delete(CannedReply).where(CannedReply.id == reply_id, CannedReply.team_id == team)
            )
        else:
            session.add(
                CannedReply(
                    team_id=team,
                    language=language,
                    title=title[:MAX_TITLE],
                    text=text[:MAX_REPLY],
                    created_by=me.id,
                    created_at=runtime.clock(),
                )
            )
    raise saved(request, done, f"/console/teams/{team}/replies")


async def teams_page(request: web.Request) -> web.Response:
    """Teams, their people, office hours and SLA targets. The teams themselves are content
    (data/teams.yml: the NLU routes to them); membership is managed on the staff page."""
    require_admin(viewer(request))
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        accounts = await list_staff(session)
    members: dict[str, list[tuple[str, str]]] = {}
    for account in accounts:
        if account.active:
            for team in account.teams:
                members.setdefault(team, []).append((account.display_name, account.role))
    return render(request, "admin_teams.html", teams=runtime.content.teams, members=members)
