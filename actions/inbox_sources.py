"""Where the inbox's questions come from: resident questions that fell back or were out of
scope, whose offered topics did not fit ("none of these"), or after whose answer the
resident asked for a person; answers a resident said did not help; and tickets staff moved
to another team (a routing correction).

Only what may be quoted is taken (actions.readings.may_quote): never a sensitive message, a
private conversation or ticket, or a placeholder that stands for words not stored. Each item
names its source row, so collecting again finds the same item (actions.inbox_work).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions.readings import Reading, may_quote
from taskstore import AnswerFeedback, Conversation, Message, Ticket
from taskstore.models import RoutingCorrection

SCAN = 5000  # resident messages read at most (newest first) for fallbacks
KINDS = ("fallback", "none_fit", "not_helpful", "person_after_answer", "rerouted", "resolved")
UNANSWERED_TICKETS = ("question", "handoff")  # a case's ticket is the bot doing its job


@dataclass(frozen=True)
class Item:
    source: str  # message | feedback | correction: the table `ref` is an id of
    ref: int
    kind: str
    text: str
    language: str
    at: datetime
    guess: str | None  # the intent the model ranked first
    team: str | None  # the model's team; for a reroute, the team it was moved from
    to_team: str | None = None  # a reroute's right team; a resolved ticket's team
    reply: str | None = None  # a resolved ticket's last reply from staff


async def from_conversations(session: AsyncSession, since: datetime) -> list[Item]:
    """Resident questions the bot did not understand (or found out of scope), those whose
    offered topics did not fit ("none of these"), and answered ones after which the resident
    asked for a person."""
    rows = await session.execute(
        select(
            Message.id,
            Message.conversation_id,
            Message.text,
            Message.nlu,
            Message.created_at,
            Conversation.language,
        )
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Message.author == "resident",
            Message.created_at >= since,
            Message.nlu.is_not(None),
            Conversation.private.is_(False),
        )
        .order_by(Message.id.desc())
        .limit(SCAN)
    )
    found: dict[int, Item] = {}  # by the question's message id
    asked: dict[int, tuple[int, Item, bool]] = {}  # conversation -> its last quotable question
    for message_id, conversation_id, text, nlu, at, language in reversed(rows.all()):
        pressed = nlu.get("payload") if isinstance(nlu, dict) else None
        if pressed is not None:
            if (last := asked.get(conversation_id)) is not None:
                question_id, item, answered = last
                if (kind := _kind_after(pressed, answered)) is not None:
                    found[question_id] = replace(item, kind=kind)
            continue
        reading = Reading.of(nlu)
        if reading is None or not may_quote(text, False, reading):
            asked.pop(conversation_id, None)  # nothing of a sensitive question is listed
            continue
        lang = _language(nlu, language)
        item = Item("message", message_id, "fallback", text, lang, at, reading.guess, reading.team)
        asked[conversation_id] = (message_id, item, reading.answered)
        if not reading.answered:
            found[message_id] = item
    return list(found.values())


def _kind_after(pressed: str, answered: bool) -> str | None:
    """What a button pressed after a question says about it."""
    if pressed == "none":
        return "none_fit"
    if pressed == "handoff" and answered:
        return "person_after_answer"
    return None


async def not_helpful(session: AsyncSession, since: datetime) -> list[Item]:
    rows = await session.execute(
        select(
            AnswerFeedback.id,
            Message.text,
            Message.nlu,
            AnswerFeedback.language,
            AnswerFeedback.created_at,
        )
        .join(Message, Message.id == AnswerFeedback.message_id)
        .join(Conversation, Conversation.id == AnswerFeedback.conversation_id)
        .where(
            AnswerFeedback.helpful.is_(False),
            AnswerFeedback.created_at >= since,
            Conversation.private.is_(False),
        )
    )
    found = []
    for feedback_id, text, nlu, language, at in rows.all():
        reading = Reading.of(nlu)
        if reading is None or not may_quote(text, False, reading):
            continue
        found.append(
            Item(
                "feedback",
                feedback_id,
                "not_helpful",
                text,
                language,
                at,
                reading.guess,
                reading.team,
            )
        )
    return found


async def rerouted(session: AsyncSession, since: datetime) -> list[Item]:
    rows = await session.execute(
        select(RoutingCorrection)
        .join(Ticket, Ticket.id == RoutingCorrection.ticket_id)
        .where(RoutingCorrection.created_at >= since, Ticket.private.is_(False))
    )
    return [
        Item(
            "correction",
            c.id,
            "rerouted",
            c.question,
            c.language,
            c.created_at,
            c.intent,
            c.from_team,
            c.to_team,
        )
        for c in rows.scalars().all()
        if c.question and not c.question.startswith("[")
    ]


def _language(nlu: dict[str, Any], fallback: str) -> str:
    value = nlu.get("language")
    return value if isinstance(value, str) else fallback


async def resolved(session: AsyncSession, since: datetime) -> list[Item]:
    """Questions the bot could not answer that staff then resolved: the team that resolved
    it, and the staff's last reply in the conversation as a starting point for an answer."""
    rows = await session.execute(
        select(Ticket).where(
            Ticket.status.in_(("resolved", "closed")),
            Ticket.resolved_at >= since,
            Ticket.private.is_(False),
            Ticket.kind.in_(UNANSWERED_TICKETS),
        )
    )
    tickets = [
        t for t in rows.scalars().all() if t.description and not t.description.startswith("[")
    ]
    replies: dict[int, str] = {}
    conversations = [t.conversation_id for t in tickets if t.conversation_id is not None]
    if conversations:
        said = await session.execute(
            select(Message.conversation_id, Message.text)
            .where(Message.conversation_id.in_(conversations), Message.author == "staff")
            .order_by(Message.id)
        )
        replies = dict(said.all())  # the last one of each conversation wins
    return [
        Item(
            "ticket",
            t.id,
            "resolved",
            t.description,
            t.language,
            t.resolved_at or t.updated_at,
            t.intent,
            t.team_id,
            t.team_id,
            replies.get(t.conversation_id or 0),
        )
        for t in tickets
    ]


async def collect(session: AsyncSession, since: datetime) -> list[Item]:
    """Every source's items since `since`."""
    return [
        *await from_conversations(session, since),
        *await not_helpful(session, since),
        *await rerouted(session, since),
        *await resolved(session, since),
    ]
