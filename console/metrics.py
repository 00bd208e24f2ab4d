"""Dashboard figures for a team or the whole city over a period [start, end). No HTTP here.

What each figure means (a "team" below may be several teams; `teams=None` is the city):

- contacts: conversations started in [start, end). For a team: conversations whose team is
  the team, or that have a ticket of the team, or in which the bot understood a resident's
  message (not a fallback) as the team's matter. The last clause is needed because a
  conversation only gets a team when a ticket is made: without it every conversation the bot
  answered alone would be missing from the team's figures. One conversation may therefore
  count for several teams; the city counts it once.
- resolved by the bot: the contacts with no ticket (of any team) and no `handoff_requested`
  event, as a count and a share of the contacts.
- tickets: tickets of the team created in [start, end), in total and per day.
- first-response time: median and p90 of first_response_at - created_at over the period's
  tickets that got a first response, in wall-clock hours (nights and weekends count; the SLA
  targets are business hours, which is what SLA compliance below measures).
- resolution time: the same for resolved_at - created_at over the tickets that were resolved.
  A ticket closed without being resolved (a duplicate, say) has no resolved_at and is left out.
- median: the middle value (the mean of the two middle ones for an even count). p90: the
  nearest rank, the smallest time within which at least 90 % of the tickets were handled.
- SLA compliance: of the period's tickets with a first-response due time, the share answered
  by it. Unanswered and past due at `now` is missed; unanswered and not yet due is pending and
  left out of the share. The same for resolution, except that a ticket closed without being
  resolved is left out.
- backlog: the team's tickets that are new, open or waiting at `now`, whenever they were
  created, in total and per status.
- top intents: the ten most frequent intents of the resident messages of the period that the
  bot understood (not a fallback). For a team, the messages whose team classifier gave the
  team. `out_of_scope` is not among them: the bot does not answer it (see the next figure).
- unanswered topics: the resident messages of the period that were a fallback or out of scope,
  grouped by the team classifier's team and the intent ranked first, the ten largest groups
  with up to three recent example texts each.
- messages: the resident messages of the period the two lists above are drawn from (with an
  NLU reading; for a team, those whose team classifier gave the team). With it a page tells
  "no messages" from "none understood".

Private (sensitive) matters: with `include_private=False` private tickets, private
conversations and messages the bot flagged as sensitive are left out of every figure. With
True they are counted, but their texts are never shown: examples come only from non-private
conversations, never from sensitive messages, and never placeholders ("[...]").

Periods are short and municipal volumes small, so the rows of the period are loaded (only the
columns needed) and JSON fields are read in Python, the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from actions.readings import Reading, may_quote
from actions.sla import HELSINKI
from taskstore import Conversation, Event, Message, Ticket, store

OPEN_STATUSES = store.OPEN_TICKET_STATUSES
TOP = 10
EXAMPLES = 3

DayCounts = tuple[tuple[date, int], ...]
K = TypeVar("K", str, tuple[str, str])


@dataclass(frozen=True)
class Spread:
    """Durations in wall-clock hours; None when no ticket qualifies."""

    count: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class Compliance:
    met: int
    missed: int
    pending: int  # unanswered (unresolved) and not yet due: not in the share

    @property
    def share(self) -> float | None:
        judged = self.met + self.missed
        return self.met / judged if judged else None


@dataclass(frozen=True)
class Topic:
    team: str | None  # the team classifier's guess
    intent: str | None  # the intent ranked first
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Metrics:
    teams: tuple[str, ...] | None
    start: datetime
    end: datetime
    now: datetime
    include_private: bool
    contacts: int
    contacts_per_day: DayCounts
    bot_resolved: int
    tickets: int
    tickets_per_day: DayCounts
    first_response: Spread
    resolution: Spread
    first_response_sla: Compliance
    resolution_sla: Compliance
    backlog_per_status: tuple[tuple[str, int], ...]
    top_intents: tuple[tuple[str, int], ...]
    unanswered: tuple[Topic, ...]
    messages: int

    @property
    def bot_resolved_share(self) -> float | None:
        return self.bot_resolved / self.contacts if self.contacts else None

    @property
    def backlog(self) -> int:
        return sum(n for _, n in self.backlog_per_status)


async def dashboard_metrics(
    session: AsyncSession,
    *,
    teams: Sequence[str] | None,
    start: datetime,
    end: datetime,
    now: datetime,
    include_private: bool,
) -> Metrics:
    q = _Query(session, None if teams is None else frozenset(teams), start, end, include_private)
    contacts, bot_resolved = await q.contacts()
    tickets = await q.tickets()
    intents, unanswered, messages = await q.messages()
    return Metrics(
        teams=None if teams is None else tuple(teams),
        start=start,
        end=end,
        now=now,
        include_private=include_private,
        contacts=len(contacts),
        contacts_per_day=per_day(contacts, start, end),
        bot_resolved=bot_resolved,
        tickets=len(tickets),
        tickets_per_day=per_day((t.created_at for t in tickets), start, end),
        first_response=spread(
            [t.first_response_at - t.created_at for t in tickets if t.first_response_at]
        ),
        resolution=spread([t.resolved_at - t.created_at for t in tickets if t.resolved_at]),
        first_response_sla=compliance(
            ((t.first_response_due, t.first_response_at) for t in tickets), now
        ),
        resolution_sla=compliance(
            # Closed without being resolved (a duplicate, say): no resolution to judge.
            (
                (t.resolution_due, t.resolved_at)
                for t in tickets
                if t.status != "closed" or t.resolved_at
            ),
            now,
        ),
        backlog_per_status=await q.backlog(now),
        top_intents=intents,
        unanswered=unanswered,
        messages=messages,
    )


@dataclass(frozen=True)
class _Query:
    session: AsyncSession
    scope: frozenset[str] | None  # None: the whole city
    start: datetime
    end: datetime
    include_private: bool

    def _visible(self, private: Any) -> ColumnElement[bool]:
        return true() if self.include_private else private.is_(False)

    def _team(self) -> ColumnElement[bool]:
        return true() if self.scope is None else Ticket.team_id.in_(self.scope)

    async def contacts(self) -> tuple[list[datetime], int]:
        """(start times of the contacts, how many of them the bot handled alone)."""
        period = and_(Conversation.created_at >= self.start, Conversation.created_at < self.end)
        started = select(Conversation.id).where(period)
        found = select(Conversation.id, Conversation.created_at, Conversation.team_id)
        rows = (
            await self.session.execute(found.where(period, self._visible(Conversation.private)))
        ).all()
        linked = select(Ticket.conversation_id, Ticket.team_id, Ticket.private)
        with_ticket: set[int | None] = set()
        team_tickets: set[int | None] = set()
        for conversation_id, team_id, private in await self.session.execute(
            linked.where(Ticket.conversation_id.in_(started))
        ):
            with_ticket.add(conversation_id)
            if self.scope and team_id in self.scope and (self.include_private or not private):
                team_tickets.add(conversation_id)
        handoffs = select(Event.conversation_id).where(
            Event.type == "handoff_requested", Event.conversation_id.in_(started)
        )
        handed_off = set((await self.session.scalars(handoffs)).all())
        if self.scope is not None:
            linked_ids = team_tickets | await self._understood(started)
            rows = [r for r in rows if r.team_id in self.scope or r.id in linked_ids]
        alone = sum(1 for r in rows if r.id not in with_ticket and r.id not in handed_off)
        return [r.created_at for r in rows], alone

    async def _understood(self, started: Any) -> set[int | None]:
        """Conversations with a resident message the bot understood as the scope's matter."""
        messages = select(Message.conversation_id, Message.nlu).where(
            Message.author == "resident", Message.conversation_id.in_(started)
        )
        found: set[int | None] = set()
        for conversation_id, nlu in await self.session.execute(messages):
            reading = Reading.of(nlu)
            if not reading or not reading.answered or not reading.visible(self.include_private):
                continue
            if self.scope and reading.team in self.scope:
                found.add(conversation_id)
        return found

    async def tickets(self) -> list[Any]:
        columns = select(
            Ticket.status,
            Ticket.created_at,
            Ticket.first_response_due,
            Ticket.first_response_at,
            Ticket.resolution_due,
            Ticket.resolved_at,
        )
        period = and_(Ticket.created_at >= self.start, Ticket.created_at < self.end)
        query = columns.where(period, self._team(), self._visible(Ticket.private))
        return list((await self.session.execute(query)).all())

    async def backlog(self, now: datetime) -> tuple[tuple[str, int], ...]:
        query = (
            select(Ticket.status, func.count())
            .where(Ticket.status.in_(OPEN_STATUSES), Ticket.created_at <= now)
            .where(self._team(), self._visible(Ticket.private))
            .group_by(Ticket.status)
        )
        counts = {status: int(n) for status, n in await self.session.execute(query)}
        return tuple((status, counts.get(status, 0)) for status in OPEN_STATUSES)

    async def messages(self) -> tuple[tuple[tuple[str, int], ...], tuple[Topic, ...], int]:
        """(top intents, top unanswered topics, how many messages they were drawn from) of
        the period's resident messages."""
        query = (
            select(Message.nlu, Message.text, Conversation.private)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.author == "resident", self._visible(Conversation.private))
            .where(Message.created_at >= self.start, Message.created_at < self.end)
            # Newest first, so the examples are recent ones.
            .order_by(Message.created_at.desc(), Message.id.desc())
        )
        intents: Counter[str] = Counter()
        topics: Counter[tuple[str, str]] = Counter()
        examples: dict[tuple[str, str], list[str]] = {}
        counted = 0
        for nlu, text, private in await self.session.execute(query):
            reading = Reading.of(nlu)
            if reading is None or not reading.visible(self.include_private):
                continue
            if self.scope is not None and reading.team not in self.scope:
                continue
            counted += 1
            if reading.answered:
                intents.update([reading.intent] if reading.intent else [])
                continue
            key = (reading.team or "", reading.guess or "")
            topics[key] += 1
            shown = examples.setdefault(key, [])
            quote = text.strip()
            if len(shown) < EXAMPLES and may_quote(quote, private, reading) and quote not in shown:
                shown.append(quote)
        top_topics = tuple(
            Topic(team or None, intent or None, count, tuple(examples[(team, intent)]))
            for (team, intent), count in _top(topics)
        )
        return tuple(_top(intents)), top_topics, counted


# --- helpers -----------------------------------------------------------------------------


def _top(counts: Counter[K]) -> list[tuple[K, int]]:
    """The TOP largest, ties in a stable order (by key) so pages and CSVs agree."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def spread(durations: Sequence[timedelta]) -> Spread:
    hours = sorted(d.total_seconds() / 3600 for d in durations)
    if not hours:
        return Spread(0, None, None)
    p90 = hours[math.ceil(0.9 * len(hours)) - 1]
    return Spread(len(hours), statistics.median(hours), p90)


def compliance(
    pairs: Iterable[tuple[datetime | None, datetime | None]], now: datetime
) -> Compliance:
    """(due, done) pairs -> met / missed / pending; no due time: not judged at all."""
    met = missed = pending = 0
    for due, done in pairs:
        if due is None:
            continue
        if done is not None:
            met, missed = (met + 1, missed) if done <= due else (met, missed + 1)
        elif due <= now:
            missed += 1
        else:
            pending += 1
    return Compliance(met, missed, pending)


def days(start: datetime, end: datetime) -> list[date]:
    """The Helsinki calendar days that [start, end) touches."""
    first = start.astimezone(HELSINKI).date()
    last = (end - timedelta(microseconds=1)).astimezone(HELSINKI).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def per_day(times: Iterable[datetime], start: datetime, end: datetime) -> DayCounts:
    counts = Counter(t.astimezone(HELSINKI).date() for t in times)
    return tuple((day, counts.get(day, 0)) for day in days(start, end))
