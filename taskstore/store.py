"""Operations on the task store, each taking the caller's session so a turn is one transaction.

Everything a worker needs lives here, not in its memory: a second worker (or a restart)
picks a conversation up from the rows alone.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.models import (
    EVENT_TYPES,
    AnswerFeedback,
    Conversation,
    ConversationState,
    Event,
    Lease,
    Message,
    Resident,
    ServiceNotice,
    Team,
    Ticket,
    TicketCounter,
    now_of,
)

# (text, buttons as dicts) of one outgoing message.
MessageSpec = tuple[str, Sequence[dict[str, str]]]

CONVERSATION_STATES = tuple(ConversationState)
OPEN_TICKET_STATUSES = ("new", "open", "waiting")  # a person still has work on these
TICKET_STATUSES = (*OPEN_TICKET_STATUSES, "resolved", "closed")


async def sync_teams(session: AsyncSession, teams: Iterable[dict[str, Any]]) -> None:
    """Mirror data/teams.yml into the teams table (insert new, update changed)."""
    existing = {t.id: t for t in (await session.scalars(select(Team))).all()}
    for spec in teams:
        row = existing.get(spec["id"]) or Team(id=spec["id"])
        row.name_fi, row.name_sv, row.name_en = (spec["name"][k] for k in ("fi", "sv", "en"))
        row.private = bool(spec.get("private", False))
        row.is_default = bool(spec.get("default", False))
        session.add(row)
    await session.flush()  # teams are referenced by rows the caller may add next


async def resident_for(
    session: AsyncSession, channel: str, external_id: str, language: str
) -> Resident:
    # Insert-if-absent in one statement: two first messages of a new chat handled by two
    # workers at once must not both insert (the loser would fail on the unique key).
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(Resident)
        .values(channel=channel, external_id=external_id, language=language)
        .on_conflict_do_nothing(index_elements=[Resident.channel, Resident.external_id])
    )
    resident = await session.scalar(
        select(Resident).where(Resident.channel == channel, Resident.external_id == external_id)
    )
    assert resident is not None
    return resident


async def start_conversation(
    session: AsyncSession, resident: Resident, channel: str, language: str
) -> Conversation:
    conversation = Conversation(
        token=secrets.token_urlsafe(24),
        resident=resident,
        channel=channel,
        language=language,
        state=ConversationState.BOT,
        slots={},
    )
    session.add(conversation)
    await session.flush()
    return conversation


async def conversation_by_token(
    session: AsyncSession, token: str, lock: bool = False
) -> Conversation | None:
    """`lock` holds the row until commit (PostgreSQL): one turn at a time per conversation."""
    query = select(Conversation).where(
        Conversation.token == token, Conversation.erased_at.is_(None)
    )
    if lock:
        query = query.with_for_update(of=Conversation)
    return await session.scalar(query)


async def latest_conversation(session: AsyncSession, resident: Resident) -> Conversation | None:
    return await session.scalar(
        select(Conversation)
        .where(Conversation.resident_id == resident.id, Conversation.erased_at.is_(None))
        .order_by(Conversation.id.desc())
        .limit(1)
    )


async def add_message(
    session: AsyncSession,
    conversation: Conversation,
    direction: str,
    author: str,
    text: str,
    *,
    nlu: dict[str, Any] | None = None,
    buttons: Sequence[dict[str, str]] | None = None,
    redacted: bool = False,
    staff_id: int | None = None,
    delivery: str | None = None,
) -> Message:
    message = _message(
        conversation, direction, author, text, nlu=nlu, buttons=buttons, redacted=redacted
    )
    message.staff_id = staff_id
    message.delivery = delivery
    session.add(message)
    await session.flush()
    return message


async def has_delivery(session: AsyncSession, conversation: Conversation, delivery: str) -> bool:
    """Whether the conversation stored a message of this channel delivery already."""
    found = await session.scalar(
        select(Message.id).where(
            Message.conversation_id == conversation.id, Message.delivery == delivery
        )
    )
    return found is not None


def _message(
    conversation: Conversation,
    direction: str,
    author: str,
    text: str,
    *,
    nlu: dict[str, Any] | None = None,
    buttons: Sequence[dict[str, str]] | None = None,
    redacted: bool = False,
) -> Message:
    return Message(
        conversation_id=conversation.id,
        direction=direction,
        author=author,
        text=text,
        nlu=nlu,
        buttons=list(buttons) if buttons else None,
        redacted=redacted,
    )


async def add_messages(
    session: AsyncSession, conversation: Conversation, author: str, items: Sequence[MessageSpec]
) -> list[Message]:
    """Several outgoing messages in one INSERT (a turn's replies)."""
    messages = [
        _message(conversation, "out", author, text, buttons=buttons) for text, buttons in items
    ]
    if messages:
        session.add_all(messages)
        await session.flush()
    return messages


async def messages_since(
    session: AsyncSession, conversation: Conversation, since_id: int = 0, limit: int = 500
) -> Sequence[Message]:
    return (
        await session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation.id, Message.id > since_id)
            .order_by(Message.id)
            .limit(limit)
        )
    ).all()


async def next_ticket_number(session: AsyncSession, year: int) -> str:
    """KB-2026-000123: an upsert on the year's counter, atomic on SQLite and PostgreSQL."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(TicketCounter)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=[TicketCounter.year], set_={"last": TicketCounter.last + 1}
        )
        .returning(TicketCounter.last)
    )
    last = (await session.execute(statement)).scalar_one()
    return f"KB-{year}-{last:06d}"


async def create_ticket(session: AsyncSession, **fields: Any) -> Ticket:
    now = fields.pop("now", None) or now_of(session)
    year = fields.pop("year", None) or now.year  # the city's calendar year (actions give it)
    ticket = Ticket(number=await next_ticket_number(session, year), created_at=now, **fields)
    session.add(ticket)
    await session.flush()
    return ticket


async def ticket_by_number(session: AsyncSession, number: str) -> Ticket | None:
    return await session.scalar(select(Ticket).where(Ticket.number == number.upper()))


async def log_event(
    session: AsyncSession,
    type_: str,
    actor: str,
    *,
    ticket: Ticket | None = None,
    conversation: Conversation | None = None,
    staff_id: int | None = None,
    **data: Any,
) -> Event:
    if type_ not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type_!r}")
    event = Event(
        type=type_,
        actor=actor,
        ticket_id=ticket.id if ticket else None,
        conversation_id=conversation.id if conversation else None,
        staff_id=staff_id,
        data=data,
    )
    session.add(event)
    await session.flush()
    return event


async def events_of(
    session: AsyncSession, *, ticket: Ticket | None = None, conversation: Conversation | None = None
) -> Sequence[Event]:
    query = select(Event).order_by(Event.id)
    if ticket is not None:
        query = query.where(Event.ticket_id == ticket.id)
    if conversation is not None:
        query = query.where(Event.conversation_id == conversation.id)
    return (await session.scalars(query)).all()


async def set_ticket_status(
    session: AsyncSession, ticket: Ticket, status: str, actor: str, staff_id: int | None = None
) -> None:
    if status not in TICKET_STATUSES:
        raise ValueError(f"unknown ticket status {status!r}")
    old = ticket.status
    ticket.status = status
    if status == "resolved" and ticket.resolved_at is None:
        ticket.resolved_at = now_of(session)
    await log_event(
        session, "status_changed", actor, ticket=ticket, staff_id=staff_id, old=old, new=status
    )


async def add_feedback(
    session: AsyncSession,
    conversation: Conversation,
    message_id: int | None,
    intent: str,
    helpful: bool,
) -> AnswerFeedback:
    feedback = AnswerFeedback(
        conversation_id=conversation.id,
        message_id=message_id,
        intent=intent,
        language=conversation.language,
        helpful=helpful,
    )
    session.add(feedback)
    await session.flush()
    return feedback


async def current_notices(
    session: AsyncSession, now: datetime | None = None
) -> Sequence[ServiceNotice]:
    """Every notice not yet ended (active now or later), soonest first."""
    return (
        await session.scalars(
            select(ServiceNotice)
            .where(ServiceNotice.ends_at > (now or now_of(session)))
            .order_by(ServiceNotice.starts_at)
        )
    ).all()


async def active_notices(
    session: AsyncSession, team_id: str, now: datetime | None = None
) -> list[ServiceNotice]:
    now = now or now_of(session)
    return [n for n in await current_notices(session, now) if is_active(n, team_id, now)]


def is_active(notice: ServiceNotice, team_id: str, now: datetime) -> bool:
    return notice.team_id in (None, team_id) and notice.starts_at <= now < notice.ends_at


async def take_lease(
    session: AsyncSession, name: str, holder: str, now: datetime, seconds: float
) -> bool:
    """Hold or renew the lease `name` until now + seconds; False while another holds it."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    until = now + timedelta(seconds=seconds)
    statement = (
        insert(Lease)
        .values(name=name, holder=holder, expires_at=until)
        .on_conflict_do_update(
            index_elements=[Lease.name],
            set_={"holder": holder, "expires_at": until},
            where=(Lease.holder == holder) | (Lease.expires_at <= now),
        )
        .returning(Lease.holder)
    )
    return (await session.execute(statement)).scalar_one_or_none() == holder
