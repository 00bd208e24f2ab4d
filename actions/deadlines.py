"""SLA reminders and escalations (issue 4 groundwork): before a ticket waits too long.

At 75 % of a team's target (first response, resolution; business hours) the assignee and the
team are reminded; at the due time the team lead is alerted. Each fires once per ticket and
target: the event log is the memory, so a restart or a second worker never repeats one.
The console shows them as badges; e-mail delivery comes with the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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


async def fire_due(session: AsyncSession, content: Content, now: datetime) -> list[Event]:
    """Log every reminder and escalation that is due and not yet logged."""
    tickets = (
        await session.scalars(select(Ticket).where(Ticket.status.in_(store.OPEN_TICKET_STATUSES)))
    ).all()
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
    for ticket in tickets:
        for deadline in deadlines(ticket, content):
            key = (ticket.id, deadline.event, deadline.target)
            if deadline.moment > now or key in done:
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
    return fired
