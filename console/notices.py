"""Service-break notices: the list of those not yet ended, posting one, changing or ending it.

The communications team and admins post for the whole city or any team, a team lead for the
own teams; agents are refused. Times are written and shown in Helsinki time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from aiohttp import web
from sqlalchemy import select

from actions.notice_board import Notice
from actions.notice_work import LANGUAGES, change_notice, end_notice, post_notice
from actions.sla import HELSINKI
from actions.staff_work import Actor, WorkError
from bot.web import RUNTIME
from console.access import Viewer, may_edit_notice, may_post_notices
from console.shared import form, int_param, render, saved, viewer
from taskstore import ServiceNotice, store

TIME_FORMAT = "%Y-%m-%d %H:%M"
EVERY_TEAM = ""  # the team field's value for a notice told before every team's answers


def _allowed(me: Viewer) -> None:
    if not may_post_notices(me):
        raise web.HTTPForbidden(text="notices are for the communications team and team leads")


def _teams_for(me: Viewer, teams: Mapping[str, object]) -> list[str]:
    """The team choices this person may post for (EVERY_TEAM first when allowed)."""
    own = [t for t in teams if may_edit_notice(me, t)]
    return [EVERY_TEAM, *own] if may_edit_notice(me, None) else own


def _values(notice: ServiceNotice | None, fields: Mapping[str, str] | None) -> dict[str, str]:
    """What the form shows: the posted fields after a refusal, else the notice's own."""
    if fields is not None:
        return dict(fields)
    if notice is None:
        return {}
    return {
        "team": notice.team_id or EVERY_TEAM,
        "fi": notice.text_fi,
        "sv": notice.text_sv,
        "en": notice.text_en,
        "starts": notice.starts_at.astimezone(HELSINKI).strftime(TIME_FORMAT),
        "ends": notice.ends_at.astimezone(HELSINKI).strftime(TIME_FORMAT),
    }


def _moment(value: str) -> datetime:
    """As the form shows it, or as Finns write it ("24.12.2026 8.00")."""
    for pattern in (TIME_FORMAT, "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"):
        try:
            return datetime.strptime(value.strip(), pattern).replace(tzinfo=HELSINKI)
        except ValueError:
            continue
    raise WorkError("Give the start and the end as date and time.")


def _draft(fields: Mapping[str, str], now: datetime) -> Notice:
    team = fields.get("team", EVERY_TEAM)
    starts = fields.get("starts", "").strip()
    return Notice(
        team_id=team or None,
        texts={lang: fields.get(lang, "") for lang in LANGUAGES},
        starts_at=_moment(starts) if starts else now,
        ends_at=_moment(fields.get("ends", "")),
    )


async def notices_page(
    request: web.Request, *, error: str | None = None, fields: Mapping[str, str] | None = None
) -> web.Response:
    me = viewer(request)
    _allowed(me)
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        notices = list(await store.current_notices(session, runtime.clock()))
    return render(
        request,
        "notices.html",
        status=400 if error else 200,
        error=error,
        notices=notices,
        editable={n.id for n in notices if may_edit_notice(me, n.team_id)},
        teams=runtime.content.teams,
        choices=_teams_for(me, runtime.content.teams),
        values=_values(None, fields),
        now=runtime.clock(),
    )


async def notice_post(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    _allowed(me)
    runtime = request.app[RUNTIME]
    fields = await form(request)
    try:
        draft = _draft(fields, runtime.clock())
        if not may_edit_notice(me, draft.team_id):
            raise web.HTTPForbidden(text="not a team of yours")
        async with runtime.db.transaction() as session:
            await post_notice(session, runtime.content, draft, Actor(me.id, runtime.clock()))
    except WorkError as exc:
        return await notices_page(request, error=str(exc), fields=fields)
    raise saved(request, "notice_posted", "/console/notices")


async def _notice(request: web.Request, me: Viewer) -> tuple[ServiceNotice, int]:
    notice_id = int_param(request, "id")
    async with request.app[RUNTIME].db.transaction() as session:
        notice = await session.scalar(select(ServiceNotice).where(ServiceNotice.id == notice_id))
    if notice is None:
        raise web.HTTPNotFound()
    if not may_edit_notice(me, notice.team_id):
        raise web.HTTPForbidden(text="not a team of yours")
    return notice, notice_id


async def notice_page(
    request: web.Request, *, error: str | None = None, fields: Mapping[str, str] | None = None
) -> web.Response:
    me = viewer(request)
    _allowed(me)
    notice, _ = await _notice(request, me)
    runtime = request.app[RUNTIME]
    return render(
        request,
        "notice.html",
        status=400 if error else 200,
        error=error,
        notice=notice,
        teams=runtime.content.teams,
        choices=_teams_for(me, runtime.content.teams),
        values=_values(notice, fields),
        ended=notice.ends_at <= runtime.clock(),
    )


async def notice_change(request: web.Request) -> web.StreamResponse:
    """`action=end` ends it now; otherwise the form's values replace the notice's."""
    me = viewer(request)
    _allowed(me)
    _, notice_id = await _notice(request, me)
    runtime = request.app[RUNTIME]
    fields = await form(request)
    actor = Actor(me.id, runtime.clock())
    try:
        draft = None if fields.get("action") == "end" else _draft(fields, runtime.clock())
        if draft is not None and not may_edit_notice(me, draft.team_id):
            raise web.HTTPForbidden(text="not a team of yours")
        async with runtime.db.transaction() as session:
            notice = await session.get(ServiceNotice, notice_id)
            if notice is None:
                raise web.HTTPNotFound()
            if draft is None:
                await end_notice(session, notice, actor)
            else:
                await change_notice(session, runtime.content, notice, draft, actor)
    except WorkError as exc:
        return await notice_page(request, error=str(exc), fields=fields)
    done = "notice_ended" if draft is None else "saved"
    raise saved(request, done, "/console/notices")
