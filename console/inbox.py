"""The inbox of what the bot could not handle, for the communications team: resident
questions that fell back or were out of scope, answers a resident said did not help, and
tickets staff moved to another team (a routing correction), newest first.

Only what may be quoted is shown (console.metrics.may_quote): never a sensitive message, a
private conversation or ticket, or a placeholder that stands for words not stored. Grouping
similar questions and acting on them are the next steps of the curation loop (issue 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.web import RUNTIME
from console.access import may_curate
from console.metrics import Reading, may_quote
from console.shared import render, viewer
from taskstore import AnswerFeedback, Conversation, Message, Ticket
from taskstore.models import RoutingCorrection

DAYS = 30  # how far back the inbox looks
SCAN = 5000  # resident messages read at most (newest first) for fallbacks
SHOWN = 300
KINDS = ("fallback", "not_helpful", "rerouted")  # also the page's filter values


@dataclass(frozen=True)
class Item:
    kind: str
    text: str
    language: str
    at: datetime
    guess: str | None  # the intent the model ranked first
    team: str | None  # the model's team; for a reroute, the team it was moved from
    to_team: str | None = None  # a reroute's right team


async def fallbacks(session: AsyncSession, since: datetime) -> list[Item]:
    rows = await session.execute(
        select(Message.text, Message.nlu, Message.created_at, Conversation.language)
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
    found = []
    for text, nlu, at, conversation_language in rows.all():
        reading = Reading.of(nlu)
        if reading is None or reading.answered or not may_quote(text, False, reading):
            continue
        language = _language(nlu, conversation_language)
        found.append(Item("fallback", text, language, at, reading.guess, reading.team))
    return found


async def not_helpful(session: AsyncSession, since: datetime) -> list[Item]:
    rows = await session.execute(
        select(Message.text, Message.nlu, AnswerFeedback.language, AnswerFeedback.created_at)
        .join(Message, Message.id == AnswerFeedback.message_id)
        .join(Conversation, Conversation.id == AnswerFeedback.conversation_id)
        .where(
            AnswerFeedback.helpful.is_(False),
            AnswerFeedback.created_at >= since,
            Conversation.private.is_(False),
        )
    )
    found = []
    for text, nlu, language, at in rows.all():
        reading = Reading.of(nlu)
        if reading is None or not may_quote(text, False, reading):
            continue
        found.append(Item("not_helpful", text, language, at, reading.guess, reading.team))
    return found


async def rerouted(session: AsyncSession, since: datetime) -> list[Item]:
    rows = await session.execute(
        select(RoutingCorrection)
        .join(Ticket, Ticket.id == RoutingCorrection.ticket_id)
        .where(RoutingCorrection.created_at >= since, Ticket.private.is_(False))
    )
    return [
        Item("rerouted", c.question, c.language, c.created_at, c.intent, c.from_team, c.to_team)
        for c in rows.scalars().all()
        if c.question and not c.question.startswith("[")
    ]


def _language(nlu: dict[str, Any], fallback: str) -> str:
    value = nlu.get("language")
    return value if isinstance(value, str) else fallback


async def inbox_page(request: web.Request) -> web.Response:
    me = viewer(request)
    if not may_curate(me):
        raise web.HTTPForbidden(text="the inbox is the communications team's")
    runtime = request.app[RUNTIME]
    kind = request.query.get("kind", "")
    since = runtime.clock() - timedelta(days=DAYS)
    async with runtime.db.transaction() as session:
        items = []
        for source, read in zip(KINDS, (fallbacks, not_helpful, rerouted), strict=True):
            if kind in ("", source):
                items += await read(session, since)
    items.sort(key=lambda item: item.at, reverse=True)
    return render(
        request,
        "inbox.html",
        items=items[:SHOWN],
        total=len(items),
        kind=kind if kind in KINDS else "",
        kinds=KINDS,
        days=DAYS,
    )
