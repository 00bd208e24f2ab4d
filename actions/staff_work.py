"""What staff do to tickets: claim, assign, reassign, ask for help, comment, change status.

Each operation checks what the store can check (the assignee is in the team, the team
exists), changes the ticket and appends its event, all in the caller's transaction. Who may
do it is the console's business (console/access.py); these functions trust their caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import announce
from actions import conversation as conversation_state
from actions.sla import add_business_hours
from content import Content
from taskstore import Conversation, Event, StaffTeam, StaffUser, Ticket, store
from taskstore.models import RoutingCorrection, TicketHelper
from taskstore.records import Note

PRIORITIES = ("low", "normal", "high", "urgent")
PRIVATE_QUESTION = "[private matter]"
MAX_COMMENT = 4000


class WorkError(ValueError):
    """An operation that cannot be done as asked; the text says why (shown to staff)."""


@dataclass(frozen=True)
class Actor:
    staff_id: int
    now: datetime


async def _staff_event(
    session: AsyncSession, type_: str, ticket: Ticket, actor: Actor, **data: Any
) -> Event:
    """Every change staff make to a ticket is an event, and its team's queue page reloads."""
    announce.queue_changed(session, ticket.team_id)
    return await store.log_event(
        session, type_, "staff", ticket=ticket, staff_id=actor.staff_id, **data
    )


async def _note(session: AsyncSession, ticket: Ticket, text: str, actor: Actor) -> int:
    """Free text is kept beside the event log, which names it: erasable (records.Note)."""
    note = Note(ticket_id=ticket.id, text=text, created_at=actor.now)
    session.add(note)
    await session.flush()
    return note.id


async def _member(session: AsyncSession, staff_id: int, team_id: str) -> StaffUser:
    user = await session.scalar(
        select(StaffUser)
        .join(StaffTeam, StaffTeam.staff_id == StaffUser.id)
        .where(StaffUser.id == staff_id, StaffTeam.team_id == team_id, StaffUser.active)
    )
    if user is None:
        raise WorkError("That person is not an active member of the ticket's team.")
    return user


async def claim(session: AsyncSession, ticket: Ticket, actor: Actor) -> Event:
    """Take an unassigned ticket; one a colleague has moves only by an explicit assign."""
    await _member(session, actor.staff_id, ticket.team_id)
    if ticket.assigned_staff_id not in (None, actor.staff_id):
        raise WorkError("A colleague has this ticket; assign it to yourself to take it over.")
    ticket.assigned_staff_id = actor.staff_id
    event = await _staff_event(session, "claimed", ticket, actor)
    await _opened(session, ticket, actor)
    return event


async def _opened(session: AsyncSession, ticket: Ticket, actor: Actor) -> None:
    """A person has it now: a new ticket becomes open (with its own event)."""
    if ticket.status == "new":
        await store.set_ticket_status(session, ticket, "open", "staff", actor.staff_id)


async def assign(session: AsyncSession, ticket: Ticket, assignee_id: int, actor: Actor) -> Event:
    """To a teammate, e.g. covering for an absent colleague."""
    user = await _member(session, assignee_id, ticket.team_id)
    previous = ticket.assigned_staff_id
    ticket.assigned_staff_id = user.id
    event = await _staff_event(
        session,
        "assigned",
        ticket,
        actor,
        assignee=user.username,
        assignee_name=user.display_name,
        previous=previous,
    )
    await _opened(session, ticket, actor)
    return event


async def reassign(
    session: AsyncSession,
    content: Content,
    ticket: Ticket,
    to_team: str,
    reason: str,
    actor: Actor,
) -> Event:
    """To another team, with a reason. The new team's SLA applies from the ticket's creation,
    and the question + right team are kept as a routing correction for curation."""
    reason = reason.strip()
    if to_team not in content.teams:
        raise WorkError("Unknown team.")
    if to_team == ticket.team_id:
        raise WorkError("The ticket is already in that team.")
    if not reason:
        raise WorkError("Give a reason for the reassignment.")
    team = content.teams[to_team]
    from_team = ticket.team_id
    private = ticket.private or bool(team.get("private", False))
    session.add(
        RoutingCorrection(
            ticket_id=ticket.id,
            # The comms team reads these: a sensitive matter's words stay in the ticket.
            question=PRIVATE_QUESTION if private else ticket.description,
            language=ticket.language,
            intent=ticket.intent,
            from_team=from_team,
            to_team=to_team,
            reason=reason[:MAX_COMMENT],
            staff_id=actor.staff_id,
            created_at=actor.now,
        )
    )
    ticket.team_id = to_team
    ticket.assigned_staff_id = None
    conversation = (
        await session.get(Conversation, ticket.conversation_id) if ticket.conversation_id else None
    )
    if conversation is not None and conversation.team_id == from_team:
        # The conversation follows its ticket: the new team sees it and can take it over.
        conversation_state.team_changed(session, conversation, to_team)
        conversation.private = conversation.private or ticket.private
        if conversation.state == conversation_state.State.WITH_STAFF:
            conversation_state.requeued(session, conversation)
            await store.log_event(
                session,
                "queued",
                "staff",
                ticket=ticket,
                conversation=conversation,
                staff_id=actor.staff_id,
                reason="reassigned",
            )
    ticket.private = private
    hours, sla = team["office_hours"], team["sla"]
    ticket.first_response_due = add_business_hours(
        hours, ticket.created_at, sla["first_response_hours"]
    )
    ticket.resolution_due = add_business_hours(hours, ticket.created_at, sla["resolution_hours"])
    announce.queue_changed(session, from_team)  # it left that queue
    return await _staff_event(
        session,
        "reassigned",
        ticket,
        actor,
        from_team=from_team,
        to_team=to_team,
        note=await _note(session, ticket, reason[:MAX_COMMENT], actor),
    )


async def add_helper(
    session: AsyncSession,
    content: Content,
    ticket: Ticket,
    actor: Actor,
    *,
    team_id: str | None = None,
    username: str | None = None,
) -> Event:
    """A helping team or person: they see the ticket and comment; the owner team leads."""
    if (team_id is None) == (username is None):
        raise WorkError("Choose a team or a person to help.")
    staff_id = None
    if team_id is not None:
        if team_id not in content.teams or team_id == ticket.team_id:
            raise WorkError("Choose another team than the owning one.")
    else:
        user = await session.scalar(
            select(StaffUser).where(StaffUser.username == username, StaffUser.active)
        )
        if user is None:
            raise WorkError("No active staff account with that username.")
        staff_id = user.id
    if ticket.private:
        raise WorkError("A private ticket stays within its team.")
    exists = await session.scalar(
        select(TicketHelper.id).where(
            TicketHelper.ticket_id == ticket.id,
            TicketHelper.team_id == team_id if team_id else TicketHelper.staff_id == staff_id,
        )
    )
    if exists:
        raise WorkError("Already helping on this ticket.")
    session.add(
        TicketHelper(
            ticket_id=ticket.id,
            team_id=team_id,
            staff_id=staff_id,
            added_by=actor.staff_id,
            created_at=actor.now,
        )
    )
    return await _staff_event(
        session,
        "helper_added",
        ticket,
        actor,
        team=team_id,
        person=username,
    )


async def comment(session: AsyncSession, ticket: Ticket, text: str, actor: Actor) -> Event:
    """An internal note for the team: never shown to the resident."""
    text = text.strip()
    if not text:
        raise WorkError("The comment is empty.")
    if len(text) > MAX_COMMENT:
        raise WorkError("The comment is too long.")
    note = await _note(session, ticket, text, actor)
    return await _staff_event(session, "commented", ticket, actor, note=note)


async def set_status(session: AsyncSession, ticket: Ticket, status: str, actor: Actor) -> None:
    if status == ticket.status:
        return
    if status not in store.TICKET_STATUSES:
        raise WorkError("Unknown status.")
    if status in ("resolved", "closed") and ticket.first_response_at is None:
        ticket.first_response_at = actor.now  # resolving answers the resident too
    await store.set_ticket_status(session, ticket, status, "staff", actor.staff_id)
    announce.queue_changed(session, ticket.team_id)
    if status == "resolved":
        ticket.resolved_at = actor.now
    elif status != "closed":
        ticket.resolved_at = None  # reopened: no longer counts as resolved (dashboards, SLA)


async def set_priority(session: AsyncSession, ticket: Ticket, priority: str, actor: Actor) -> None:
    if priority not in PRIORITIES:
        raise WorkError("Unknown priority.")
    if priority == ticket.priority:
        return
    old, ticket.priority = ticket.priority, priority
    await _staff_event(
        session,
        "priority_changed",
        ticket,
        actor,
        old=old,
        new=priority,
    )


async def helpers_of(session: AsyncSession, ticket: Ticket) -> list[TicketHelper]:
    return list(
        (
            await session.scalars(
                select(TicketHelper)
                .where(TicketHelper.ticket_id == ticket.id)
                .order_by(TicketHelper.id)
            )
        ).all()
    )
