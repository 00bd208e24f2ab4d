"""Team queues: a team's tickets sorted by the SLA due time that comes first, with filters
(status, priority, unassigned, mine) and badges for reminders and escalations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web
from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from actions.staff_work import PRIORITIES
from bot.web import RUNTIME
from console.access import Viewer, require_team, ticket_filter
from console.shared import render, viewer
from taskstore import Conversation, ConversationState, Event, StaffUser, Ticket, store
from taskstore.models import TicketHelper
from taskstore.staff import display_names

OPEN_STATUSES = store.OPEN_TICKET_STATUSES
STATUSES = store.TICKET_STATUSES
LIMIT = 500


@dataclass(frozen=True)
class Row:
    ticket: Ticket
    due: datetime | None
    overdue: bool
    assignee: str | None
    live: str | None  # the conversation's state when a person is wanted or holds it
    badges: tuple[str, ...]


def next_due(ticket: Ticket) -> datetime | None:
    """First response while unanswered, then resolution."""
    if ticket.first_response_at is None and ticket.first_response_due is not None:
        return ticket.first_response_due
    return ticket.resolution_due


async def queue_rows(
    session: AsyncSession,
    viewer: Viewer,
    now: datetime,
    *,
    team: str | None,
    status: str = "",
    priority: str = "",
    unassigned: bool = False,
    mine: bool = False,
    helping: bool = False,
) -> list[Row]:
    # Ordered in SQL (the same rule as next_due), so the LIMIT keeps the soonest due.
    due_first = case(
        (
            Ticket.first_response_at.is_(None) & Ticket.first_response_due.is_not(None),
            Ticket.first_response_due,
        ),
        else_=Ticket.resolution_due,
    )
    query = (
        select(Ticket)
        .where(ticket_filter(viewer))
        .order_by(due_first.is_(None), due_first, Ticket.id)
        .limit(LIMIT)
    )
    if team:
        query = query.where(Ticket.team_id == team)
    if helping:
        query = query.where(
            Ticket.id.in_(
                select(TicketHelper.ticket_id).where(
                    (TicketHelper.staff_id == viewer.id) | TicketHelper.team_id.in_(viewer.teams)
                )
            )
        )
    query = query.where(Ticket.status == status if status else Ticket.status.in_(OPEN_STATUSES))
    if priority:
        query = query.where(Ticket.priority == priority)
    if unassigned:
        query = query.where(Ticket.assigned_staff_id.is_(None))
    if mine:
        query = query.where(Ticket.assigned_staff_id == viewer.id)
    tickets = list((await session.scalars(query)).all())
    ids = [t.id for t in tickets]
    badges: dict[int | None, set[str]] = {}
    for ticket_id, kind in (
        await session.execute(
            select(Event.ticket_id, Event.type).where(
                Event.ticket_id.in_(ids), Event.type.in_(("reminder_sent", "escalated"))
            )
        )
    ).all():
        badges.setdefault(ticket_id, set()).add(kind)
    names = await display_names(session, (t.assigned_staff_id for t in tickets))
    live: dict[int | None, str] = dict(
        (
            await session.execute(
                select(Conversation.id, Conversation.state).where(
                    Conversation.id.in_({t.conversation_id for t in tickets} - {None}),
                    Conversation.state.in_(
                        (ConversationState.QUEUED, ConversationState.WITH_STAFF)
                    ),
                )
            )
        ).all()
    )
    rows = []
    for t in tickets:
        due = next_due(t)
        rows.append(
            Row(
                t,
                due,
                due is not None and due <= now and t.status in OPEN_STATUSES,
                names.get(t.assigned_staff_id or 0),  # no staff id is 0
                live.get(t.conversation_id),
                tuple(sorted(badges.get(t.id, ()))),
            )
        )
    return rows


def teams_for(viewer: Viewer, content_teams: Mapping[str, object]) -> list[str]:
    """The queues the viewer may open, their own teams first (the default is the first)."""
    others = sorted(set(content_teams) - viewer.teams) if viewer.is_admin else []
    return sorted(viewer.teams) + others


async def queue_page(request: web.Request) -> web.Response:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    q = request.query
    teams = teams_for(me, runtime.content.teams)
    helping = q.get("view") == "helping"
    team = None if helping else (q.get("team") or (teams[0] if teams else None))
    if team is not None:
        if team not in runtime.content.teams:
            raise web.HTTPNotFound(text="no such team")
        require_team(me, team)
    status = q.get("status", "")
    priority = q.get("priority", "")
    if status not in ("", *STATUSES) or priority not in ("", *PRIORITIES):
        raise web.HTTPBadRequest(text="unknown status or priority")
    rows: list[Row] = []
    async with runtime.db.transaction() as session:
        alone = me.is_admin and await only_account(session)
        if team is not None or helping:
            rows = await queue_rows(
                session,
                me,
                runtime.clock(),
                team=team,
                status=status,
                priority=priority,
                unassigned=q.get("unassigned") == "1",
                mine=q.get("mine") == "1",
                helping=helping,
            )
    return render(
        request,
        "queue.html",
        rows=rows,
        team=team,
        teams=teams,
        team_names=runtime.content.teams,
        helping=helping,
        statuses=STATUSES,
        priorities=PRIORITIES,
        now=runtime.clock(),
        limit=LIMIT,
        guide=alone,
    )


async def only_account(session: AsyncSession) -> bool:
    """A fresh install: `kuntabotti run` made this admin, in the default team only, and
    nobody else can sign in yet. The queue page then says what to do first."""
    active = await session.scalar(
        select(func.count()).select_from(StaffUser).where(StaffUser.active)
    )
    return (active or 0) <= 1
