"""A ticket: its details, SLA, helpers, internal comments and history, and the actions on it
(claim, assign, reassign, ask for help, comment, status, priority). Each action is one
transaction that appends its event; the page then shows the log as the ticket's history."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import staff_work
from actions.staff_work import PRIORITIES, Actor, WorkError
from bot.runtime import Runtime
from bot.web import RUNTIME
from console.access import Viewer, may_work, require_ticket
from console.queue import STATUSES, next_due
from console.shared import form, render, saved, viewer
from taskstore import Event, Note, StaffTeam, StaffUser, Ticket, access_log, store
from taskstore.staff import display_names

Action = Callable[[AsyncSession, Runtime, Ticket, dict[str, str], Actor], Awaitable[Any]]


async def _ticket(session: AsyncSession, me: Viewer, number: str) -> Ticket:
    return await require_ticket(session, me, await store.ticket_by_number(session, number))


async def history(session: AsyncSession, ticket: Ticket) -> list[tuple[Event, str | None]]:
    """The ticket's events and its conversation's, oldest first, with the staff's names."""
    query = select(Event, StaffUser.display_name).outerjoin(
        StaffUser, StaffUser.id == Event.staff_id
    )
    where = Event.ticket_id == ticket.id
    if ticket.conversation_id is not None:
        where = or_(
            where, (Event.conversation_id == ticket.conversation_id) & Event.ticket_id.is_(None)
        )
    rows = (await session.execute(query.where(where).order_by(Event.id))).all()
    return [(event, name) for event, name in rows]


async def notes_of(session: AsyncSession, ticket: Ticket) -> dict[int, str]:
    """What staff wrote on the ticket, by note id (events name their note)."""
    rows = await session.execute(select(Note.id, Note.text).where(Note.ticket_id == ticket.id))
    return {note_id: text for note_id, text in rows.all()}


async def teammates(session: AsyncSession, team_id: str) -> list[StaffUser]:
    return list(
        (
            await session.scalars(
                select(StaffUser)
                .join(StaffTeam, StaffTeam.staff_id == StaffUser.id)
                .where(StaffTeam.team_id == team_id, StaffUser.active)
                .order_by(StaffUser.display_name)
            )
        ).all()
    )


async def ticket_page(request: web.Request, *, error: str | None = None) -> web.Response:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        ticket = await _ticket(session, me, request.match_info["number"])
        await access_log.record(session, me.id, "opened", "ticket", ticket.number)
        events = await history(session, ticket)
        notes = await notes_of(session, ticket)
        helpers = await staff_work.helpers_of(session, ticket)
        mates = await teammates(session, ticket.team_id)
        names = {u.id: u.display_name for u in mates}
        helper_names = await display_names(session, (h.staff_id for h in helpers))
        assignee = (
            await session.get(StaffUser, ticket.assigned_staff_id)
            if ticket.assigned_staff_id
            else None
        )
    routed = next((e.data for e, _ in events if e.type == "routed"), None)
    return render(
        request,
        "ticket.html",
        status=400 if error else 200,
        error=error,
        ticket=ticket,
        events=events,
        notes=notes,
        helpers=helpers,
        helper_names=helper_names,
        teammates=mates,
        names=names,
        assignee=assignee,
        routed=routed,
        due=next_due(ticket),
        now=runtime.clock(),
        works=may_work(me, ticket),
        helping=any(h.staff_id == me.id or me.member_of(h.team_id) for h in helpers),
        teams=runtime.content.teams,
        statuses=STATUSES,
        priorities=PRIORITIES,
    )


async def _claim(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    return await staff_work.claim(s, t, a)


async def _assign(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    try:
        assignee = int(f.get("assignee", ""))
    except ValueError as exc:
        raise WorkError("Choose a teammate.") from exc
    return await staff_work.assign(s, t, assignee, a)


async def _reassign(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    return await staff_work.reassign(s, r.content, t, f.get("team", ""), f.get("reason", ""), a)


async def _helper(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    team = f.get("team") or None
    person = f.get("username", "").strip() or None
    return await staff_work.add_helper(s, r.content, t, a, team_id=team, username=person)


async def _comment(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    return await staff_work.comment(s, t, f.get("text", ""), a)


async def _status(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    return await staff_work.set_status(s, t, f.get("status", ""), a)


async def _priority(s: AsyncSession, r: Runtime, t: Ticket, f: dict[str, str], a: Actor) -> Any:
    return await staff_work.set_priority(s, t, f.get("priority", ""), a)


# name -> (operation, only the owning team may do it)
ACTIONS: dict[str, tuple[Action, bool]] = {
    "claim": (_claim, True),
    "assign": (_assign, True),
    "reassign": (_reassign, True),
    "helper": (_helper, True),
    "comment": (_comment, False),
    "status": (_status, True),
    "priority": (_priority, True),
}


# action -> what the next page says (web.FLASHES)
FLASH = {"claim": "claimed", "comment": "commented", "reassign": "reassigned", "helper": "helper"}


async def ticket_action(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    name = request.match_info["action"]
    if name not in ACTIONS:
        raise web.HTTPNotFound()
    operation, owners_only = ACTIONS[name]
    fields = dict(await form(request))
    number = request.match_info["number"]
    try:
        async with runtime.db.transaction() as session:
            ticket = await _ticket(session, me, number)
            if owners_only and not may_work(me, ticket):
                raise web.HTTPForbidden(text="only the owning team can do this")
            before = ticket.team_id
            await operation(session, runtime, ticket, fields, Actor(me.id, runtime.clock()))
            after = ticket.team_id
    except WorkError as exc:
        return await ticket_page(request, error=str(exc))
    done = FLASH.get(name, "saved")
    if not me.member_of(after) and not me.is_admin:
        raise saved(request, done, "/console/queue", team=before)  # a team we cannot see
    raise saved(request, done, f"/console/tickets/{number}")
