"""A resident's data, found and exported (GDPR art. 15): what an admin hands over on request
and what an erasure (art. 17) removes. Found by what a resident can show: the conversation
token their browser keeps, their Telegram user id, or the e-mail they gave on a ticket.
Found residents bring all their conversations, and those bring all their tickets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.models import Conversation, Event, Message, Resident, Ticket
from taskstore.records import Note

FORMAT = "kuntabotti-personal-data/1"


@dataclass
class Subject:
    """The rows of one person: what export shows and erasure removes."""

    residents: set[int] = field(default_factory=set)
    conversations: set[int] = field(default_factory=set)
    tickets: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.residents or self.conversations or self.tickets)


async def find(
    session: AsyncSession, *, token: str = "", telegram: str = "", email: str = ""
) -> Subject:
    """Erased rows are never found again: their token and channel id are gone."""
    subject = Subject()
    if token := token.strip():
        resident = await session.scalar(
            select(Conversation.resident_id).where(
                Conversation.token == token, Conversation.erased_at.is_(None)
            )
        )
        subject.residents.update([resident] if resident is not None else [])
    if telegram := telegram.strip():
        found = await session.scalars(
            select(Resident.id).where(
                Resident.channel == "telegram", Resident.external_id == telegram
            )
        )
        subject.residents.update(found.all())
    if email := email.strip().lower():
        rows = await session.execute(
            select(Ticket.id, Ticket.conversation_id).where(
                func.lower(Ticket.contact_email) == email
            )
        )
        for ticket_id, conversation_id in rows.all():
            subject.tickets.add(ticket_id)
            if conversation_id is not None:
                subject.conversations.add(conversation_id)
    await _complete(session, subject)
    return subject


async def _complete(session: AsyncSession, subject: Subject) -> None:
    """Residents bring their conversations, conversations their residents and tickets."""
    if subject.conversations:
        owners = await session.scalars(
            select(Conversation.resident_id).where(Conversation.id.in_(subject.conversations))
        )
        subject.residents.update(owners.all())
    if subject.residents:
        theirs = await session.scalars(
            select(Conversation.id).where(
                Conversation.resident_id.in_(subject.residents), Conversation.erased_at.is_(None)
            )
        )
        subject.conversations.update(theirs.all())
    if subject.conversations:
        tickets = await session.scalars(
            select(Ticket.id).where(
                Ticket.conversation_id.in_(subject.conversations), Ticket.erased_at.is_(None)
            )
        )
        subject.tickets.update(tickets.all())


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


async def export(session: AsyncSession, subject: Subject) -> dict[str, Any]:
    """Everything stored of the subject, as JSON-ready data. Internal notes are marked: the
    admin checks them for other people's data before handing the file over."""
    residents = (
        await session.scalars(select(Resident).where(Resident.id.in_(subject.residents)))
    ).all()
    conversations = (
        await session.scalars(
            select(Conversation)
            .where(Conversation.id.in_(subject.conversations))
            .order_by(Conversation.id)
        )
    ).all()
    messages = (
        await session.scalars(
            select(Message)
            .where(Message.conversation_id.in_(subject.conversations))
            .order_by(Message.id)
        )
    ).all()
    tickets = (
        await session.scalars(
            select(Ticket).where(Ticket.id.in_(subject.tickets)).order_by(Ticket.id)
        )
    ).all()
    notes = (
        await session.scalars(
            select(Note).where(Note.ticket_id.in_(subject.tickets)).order_by(Note.id)
        )
    ).all()
    events = (
        await session.scalars(
            select(Event).where(Event.ticket_id.in_(subject.tickets)).order_by(Event.id)
        )
    ).all()
    return {
        "format": FORMAT,
        "residents": [
            {
                "channel": r.channel,
                "id_on_channel": r.external_id,
                "language": r.language,
                "first_seen": _time(r.created_at),
            }
            for r in residents
        ],
        "conversations": [
            {
                "token": c.token,
                "channel": c.channel,
                "language": c.language,
                "state": c.state,
                "started": _time(c.created_at),
                "messages": [
                    {"at": _time(m.created_at), "from": m.author, "text": m.text}
                    for m in messages
                    if m.conversation_id == c.id
                ],
            }
            for c in conversations
        ],
        "tickets": [
            {
                "number": t.number,
                "team": t.team_id,
                "kind": t.kind,
                "status": t.status,
                "created": _time(t.created_at),
                "resolved": _time(t.resolved_at),
                "description": t.description,
                "details": t.details,
                "contact": {"email": t.contact_email, "phone": t.contact_phone},
                "handling": [
                    {"at": _time(e.created_at), "what": e.type, "by": e.actor}
                    for e in events
                    if e.ticket_id == t.id
                ],
                "internal_notes": [
                    {"at": _time(n.created_at), "text": n.text}
                    for n in notes
                    if n.ticket_id == t.id
                ],
            }
            for t in tickets
        ],
    }
