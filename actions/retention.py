"""Retention: what is past its period is erased (conversations, tickets) or deleted (old
events), once a day by the scheduler's leader, and each run is recorded with its cutoffs
and counts (taskstore.records.RetentionRun). The periods are the city's (RETENTION).

- A conversation is past its period when nothing was said in it for that long and none of
  its tickets is kept; its words go, its shell stays (taskstore/erasure.py).
- A ticket is past its period when it was resolved or closed and untouched for that long.
- Events (the handoff log) hold no personal text; by default they are kept, as the city's
  record of how matters were handled. With a period, older ones are deleted: the run's
  `events_before` is what lets the events table's trigger allow it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.erasure import erase_conversations, erase_tickets
from taskstore.models import Conversation, Event, Message, Ticket
from taskstore.records import RetentionRun

EVERY = timedelta(days=1)
BATCH = 5000  # conversations and tickets a run erases at most: a short transaction; the
# next round goes on when a run left more
DONE_STATUSES = ("resolved", "closed")


class RetentionError(ValueError):
    """RETENTION cannot be read; the text says what is wrong."""


@dataclass(frozen=True)
class Periods:
    """Days to keep; None keeps for good."""

    conversations: int | None = 365  # after the last message
    tickets: int | None = 730  # after a resolved or closed ticket was last touched
    events: int | None = None  # the handoff log

    @classmethod
    def parse(cls, text: str) -> Periods:
        """`conversations=365,tickets=730,events=off` over the defaults."""
        values: dict[str, int | None] = {}
        names = {f.name for f in fields(cls)}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, days = part.partition("=")
            name, days = name.strip(), days.strip().lower()
            if name not in names:
                raise RetentionError(f"RETENTION: unknown {name!r}; known: {sorted(names)}")
            if days == "off":
                values[name] = None
            elif days.isdigit() and int(days) > 0:
                values[name] = int(days)
            else:
                raise RetentionError(f"RETENTION: {name}={days!r} is not a number of days or off")
        return cls(**values)

    def describe(self) -> str:
        return ",".join(f"{f.name}={getattr(self, f.name) or 'off'}" for f in fields(self))


def _cutoff(now: datetime, days: int | None) -> datetime | None:
    return None if days is None else now - timedelta(days=days)


async def due(session: AsyncSession, now: datetime) -> bool:
    """A day since the last run, or the last run left work for the next."""
    last = await session.scalar(select(RetentionRun).order_by(RetentionRun.id.desc()).limit(1))
    return last is None or last.at <= now - EVERY or bool(last.counts.get("more"))


async def run(session: AsyncSession, periods: Periods, now: datetime, by: str) -> RetentionRun:
    counts: Counter[str] = Counter()
    tickets_before = _cutoff(now, periods.tickets)
    conversations_before = _cutoff(now, periods.conversations)
    events_before = _cutoff(now, periods.events)
    more = False
    if tickets_before is not None:
        old = list(
            (
                await session.scalars(
                    select(Ticket.id)
                    .where(
                        Ticket.erased_at.is_(None),
                        Ticket.status.in_(DONE_STATUSES),
                        Ticket.updated_at < tickets_before,
                    )
                    .limit(BATCH)
                )
            ).all()
        )
        more = len(old) == BATCH
        counts.update(await erase_tickets(session, old, now))
    if conversations_before is not None:
        said_lately = exists().where(
            Message.conversation_id == Conversation.id, Message.created_at >= conversations_before
        )
        kept_ticket = exists().where(
            Ticket.conversation_id == Conversation.id, Ticket.erased_at.is_(None)
        )
        old = list(
            (
                await session.scalars(
                    select(Conversation.id)
                    .where(
                        Conversation.erased_at.is_(None),
                        Conversation.created_at < conversations_before,
                        ~said_lately,
                        ~kept_ticket,
                    )
                    .limit(BATCH)
                )
            ).all()
        )
        more = more or len(old) == BATCH
        counts.update(await erase_conversations(session, old, now))
    if events_before is not None:
        counts["events"] = int(
            await session.scalar(
                select(func.count()).select_from(Event).where(Event.created_at < events_before)
            )
            or 0
        )
    record = RetentionRun(
        at=now,
        conversations_before=conversations_before,
        tickets_before=tickets_before,
        events_before=events_before,
        counts={**counts, "more": more},
        by=by,
    )
    session.add(record)
    await session.flush()  # the run is on record before the trigger is asked to allow
    if events_before is not None:
        await session.execute(delete(Event).where(Event.created_at < events_before))
    return record
