"""SLA reminders and escalations (issue 4 groundwork): before a ticket waits too long.

At 75 % of a team's target (first response, resolution; business hours) the assignee and the
team are reminded; at the due time the team lead is alerted. Each fires once per ticket and
target: the event log is the memory, so a restart or a second worker never repeats one.
The console shows them as badges; e-mail delivery comes with the console.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from actions import announce
from actions.sla import add_business_hours
from content import Content
from taskstore import Event, Ticket, store

REMIND_AT = 0.75  # share of the target after which the assignee and the team are reminded


@dataclass(frozen=True)
class Deadline:
    ticket: Ticket
    target: str  # first_response | resolution
    event: str  # reminder_sent | escalated
    moment: datetime


def deadlines(ticket: Ticket, content: Content) -> list[Deadline]:
    """The reminder and escalation moments of a ticket's open targets."""
    team = content.teams.get(ticket.team_id)
    if team is None:
        return []
    found = []
    targets = [("resolution", team["sla"]["resolution_hours"], ticket.resolution_due)]
    if ticket.first_response_at is None:
        targets.append(
            ("first_response", team["sla"]["first_response_hours"], ticket.first_response_due)
        )
    for target, hours, due in targets:
        remind = add_business_hours(team["office_hours"], ticket.created_at, hours * REMIND_AT)
        if remind is not None:
            found.append(Deadline(ticket, target, "reminder_sent", remind))
        if due is not None:
            found.append(Deadline(ticket, target, "escalated", due))
    return found


def basis(team_id: str, team: dict[str, Any]) -> str:
    """What a ticket's deadlines follow from besides its own times: its team, the team's SLA
    and office hours. A ticket whose stored basis differs (moved to another team, a
    published content version changed the SLA) has its deadlines worked out again."""
    spec = json.dumps([team["sla"], team["office_hours"]], sort_keys=True, default=str)
    return f"{team_id}:{hashlib.sha256(spec.encode()).hexdigest()[:16]}"


def _stale(content: Content, now: datetime) -> ColumnElement[bool]:
    """The open tickets a round must look at: something due, or the bookmark unknown."""
    current = or_(
        *(
            (Ticket.team_id == team_id) & (Ticket.deadline_basis == basis(team_id, team))
            for team_id, team in content.teams.items()
        )
    )
    return Ticket.status.in_(store.OPEN_TICKET_STATUSES) & (
        Ticket.deadline_basis.is_(None) | (Ticket.next_deadline_at <= now) | ~current
    )


async def fire_due(session: AsyncSession, content: Content, now: datetime) -> list[Event]:
    """Log every reminder and escalation that is due and not yet logged. Only tickets whose
    bookmark says so are read: a round with nothing due reads next to nothing, however many
    tickets are open (the bookmark is an index). An earlier bookmark than needed only costs
    a look; a later one would delay a reminder, so any change of basis is worked out again."""
    tickets = (await session.scalars(select(Ticket).where(_stale(content, now)))).all()
    if not tickets:
        return []
    done = {
        (e.ticket_id, e.type, e.data.get("target"))
        for e in (
            await session.scalars(
                select(Event).where(
                    Event.type.in_(("reminder_sent", "escalated")),
                    Event.ticket_id.in_([t.id for t in tickets]),
                )
            )
        ).all()
    }
    fired = []
    bookmarks = []
    for ticket in tickets:
        later: list[datetime] = []
        for deadline in deadlines(ticket, content):
            key = (ticket.id, deadline.event, deadline.target)
            if key in done:
                continue
            if deadline.moment > now:
                later.append(deadline.moment)
                continue
            to = "lead" if deadline.event == "escalated" else "assignee_and_team"
            fired.append(
                await store.log_event(
                    session,
                    deadline.event,
                    "system",
                    ticket=ticket,
                    target=deadline.target,
                    to=to,
                    due=deadline.moment.isoformat(),
                )
            )
            announce.queue_changed(session, ticket.team_id)  # a new badge on the queue page
            done.add(key)
        team = content.teams.get(ticket.team_id)
        bookmarks.append(
            {
                "id": ticket.id,
                "next_deadline_at": min(later, default=None),
                "deadline_basis": basis(ticket.team_id, team) if team is not None else None,
                "updated_at": ticket.updated_at,  # not work on the ticket: "last changed" stays
            }
        )
    await session.execute(update(Ticket), bookmarks)
    return fired
