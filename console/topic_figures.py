"""How a topic fared with residents over a period, for its editing page: how often it was
the bot's reading of a message, how its answer was rated, how often it was the model's first
guess for a question that fell back anyway, and how many tickets named it. Sensitive
messages keep no reading of their own (bot.understanding), so they are not counted here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import AnswerFeedback, Message, Ticket


@dataclass(frozen=True)
class TopicFigures:
    messages: int  # resident messages the bot read as the topic
    helpful: int
    not_helpful: int
    fallbacks: int  # fell back although the topic was the model's first guess
    tickets: int  # tickets created that name the topic

    @property
    def helpful_share(self) -> float | None:
        rated = self.helpful + self.not_helpful
        return self.helpful / rated if rated else None


async def topic_figures(session: AsyncSession, name: str, since: datetime) -> TopicFigures:
    intent = Message.nlu["intent"]["name"].as_string()
    first_guess = Message.nlu["ranking"][0]["name"].as_string()
    fallback = Message.nlu["fallback"].as_boolean()
    resident = (Message.author == "resident", Message.created_at >= since)
    messages = await session.scalar(
        select(func.count(Message.id)).where(*resident, intent == name, fallback.is_(False))
    )
    fallbacks = await session.scalar(
        select(func.count(Message.id)).where(*resident, first_guess == name, fallback.is_(True))
    )
    rated = dict(
        (
            await session.execute(
                select(AnswerFeedback.helpful, func.count(AnswerFeedback.id))
                .where(AnswerFeedback.intent == name, AnswerFeedback.created_at >= since)
                .group_by(AnswerFeedback.helpful)
            )
        ).all()
    )
    tickets = await session.scalar(
        select(func.count(Ticket.id)).where(Ticket.intent == name, Ticket.created_at >= since)
    )
    return TopicFigures(
        messages or 0, rated.get(True, 0), rated.get(False, 0), fallbacks or 0, tickets or 0
    )
