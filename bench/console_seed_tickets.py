"""The seeded ticket mix of bench/console_pages.py and the rows of one batch of tickets.

The weights say how tickets spread over teams, languages, statuses and priorities; Seeder
picks from them and builds each ticket with its conversation, messages and the events its
history would have logged (claims, replies, status changes, SLA warnings), at explicit
times within the last DAYS days. Seeded tallies what was written.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from taskstore import Conversation

DAYS = 60  # the seeded history
# Relative ticket volumes: streets and general advice get the most (the largest team).
TEAM_WEIGHTS = {"kadut_liikenne": 18, "yleisneuvonta": 12, "varhaiskasvatus": 9, "jatehuolto": 8}
OTHER_WEIGHT = 5
LANGS, LANG_WEIGHTS = ("fi", "sv", "en"), (70, 15, 15)
# status -> share; resolved + closed = 30 %
STATUS_WEIGHTS = {"new": 30, "open": 28, "waiting": 12, "resolved": 25, "closed": 5}
PRIORITY_WEIGHTS = {"low": 2, "normal": 85, "high": 10, "urgent": 3}


@dataclass
class Seeded:
    seconds: float = 0.0
    tickets: int = 0
    conversations: int = 0
    messages: int = 0
    events: int = 0
    open_per_team: Counter[str] = field(default_factory=Counter)
    ticket_numbers: dict[str, list[str]] = field(default_factory=dict)  # team -> numbers


class Seeder:
    """Builds rows with explicit times; NLU records are parses of content examples (cached)."""

    def __init__(self, content: Any, model: Any, rng: random.Random, now: datetime) -> None:
        self.content, self.model, self.rng, self.now = content, model, rng, now
        self.teams = sorted(content.teams)
        self.weights = [TEAM_WEIGHTS.get(t, OTHER_WEIGHT) for t in self.teams]
        self.intents: dict[str, list[Any]] = {t: [] for t in self.teams}
        for intent in content.intents.values():
            if intent.kind in ("faq", "case") and intent.team in self.intents:
                self.intents[intent.team].append(intent)
        self.out_of_scope = content.intents["out_of_scope"]
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.staff: dict[str, list[int]] = {}

    def record(self, text_: str, lang: str) -> dict[str, Any]:
        """The stored NLU record of a message (bot/dialogue.py's _nlu_record)."""
        key = (text_, lang)
        if key not in self.records:
            record = self.model.parse(text_, lang).to_dict()
            record.pop("text")
            record["entities"] = [
                {k: v for k, v in e.items() if k != "value" or not e["pii"]}
                for e in record["entities"]
            ]
            self.records[key] = record
        return self.records[key]

    def example(self, intent: Any, lang: str) -> str:
        examples = intent.examples.get(lang) or next(iter(intent.examples.values()))
        return str(self.rng.choice(examples).text)

    def pick(self) -> tuple[str, str, datetime, Any]:
        """A team (by volume), a language, a moment in the seeded history, an intent."""
        team = self.rng.choices(self.teams, self.weights)[0]
        lang = self.rng.choices(LANGS, LANG_WEIGHTS)[0]
        created = self.now - timedelta(seconds=self.rng.uniform(60, DAYS * 86400))
        return team, lang, created, self.rng.choice(self.intents[team])

    def when(self, start: datetime, lo_hours: float, hi_hours: float) -> datetime:
        moment = start + timedelta(hours=self.rng.uniform(lo_hours, hi_hours))
        return min(moment, self.now - timedelta(minutes=1))

    async def batch(self, session: AsyncSession, n: int, seeded: Seeded) -> None:
        from actions.deadlines import deadlines
        from actions.sla import HELSINKI, add_business_hours
        from actions.tickets import is_private
        from bot.privacy import SENSITIVE_PLACEHOLDER
        from taskstore import Event, Message, store

        rng = self.rng
        plans = []
        for _ in range(n):
            team, lang, created, intent = self.pick()
            plans.append((team, lang, created, intent, is_private(self.content, team, intent.name)))
        conversations = await web_conversations(
            session, [(lang, created, team, private) for team, lang, created, _, private in plans]
        )
        messages: list[Message] = []
        events: list[Event] = []

        def message(conv: Conversation, author: str, said: str, at: datetime, **kw: Any) -> None:
            direction = "in" if author == "resident" else "out"
            messages.append(
                Message(
                    conversation_id=conv.id,
                    direction=direction,
                    author=author,
                    text=said,
                    created_at=at,
                    redacted=False,
                    **kw,
                )
            )

        def event(type_: str, actor: str, at: datetime, **kw: Any) -> None:
            data = kw.pop("data", {})
            events.append(Event(type=type_, actor=actor, created_at=at, data=data, **kw))

        for conv, (team, lang, created, intent, private) in zip(conversations, plans, strict=True):
            spec = self.content.teams[team]
            asked = created + timedelta(seconds=20)
            if private:  # stored as the bot stores a sensitive matter
                question = SENSITIVE_PLACEHOLDER
                nlu = {"intent": intent.name, "team": team, "language": lang, "sensitive": True}
            else:
                question = self.example(intent, lang)
                nlu = self.record(question, lang)
            message(conv, "resident", question, asked, nlu=nlu)
            answer = intent.answers.get(lang) or next(iter(intent.answers.values()), "...")
            message(conv, "bot", answer, asked + timedelta(seconds=1))
            kind = (
                "handoff"
                if rng.random() < 0.1
                else ("case" if intent.kind == "case" else "question")
            )
            opened = asked + timedelta(minutes=rng.uniform(1, 6))
            status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
            agents = self.staff[team]
            answered = status != "new"
            first_response_at = self.when(opened, 0.25, 30) if answered else None
            resolved_at = None
            if status in ("resolved", "closed") and first_response_at is not None:
                resolved_at = self.when(first_response_at, 1, 150)
            assignee = rng.choice(agents) if answered or rng.random() < 0.1 else None
            ticket = await store.create_ticket(
                session,
                now=opened,
                year=opened.astimezone(HELSINKI).year,
                conversation_id=conv.id,
                team_id=team,
                kind="private" if private else kind,
                intent=intent.name,
                priority=rng.choices(list(PRIORITY_WEIGHTS), list(PRIORITY_WEIGHTS.values()))[0],
                status=status,
                private=private,
                language=lang,
                description="" if private else question,
                first_response_due=add_business_hours(
                    spec["office_hours"], opened, spec["sla"]["first_response_hours"]
                ),
                resolution_due=add_business_hours(
                    spec["office_hours"], opened, spec["sla"]["resolution_hours"]
                ),
                first_response_at=first_response_at,
                resolved_at=resolved_at,
                assigned_staff_id=assignee,
                updated_at=resolved_at or first_response_at or opened,
            )
            seeded.ticket_numbers.setdefault(team, []).append(ticket.number)
            if status in ("new", "open", "waiting"):
                seeded.open_per_team[team] += 1
            if kind == "handoff":
                event("handoff_requested", "resident", opened, conversation_id=conv.id)
            where = {"ticket_id": ticket.id, "conversation_id": conv.id}
            event("created", "bot", opened, data={"kind": kind}, **where)
            routing = {
                "team": team,
                "method": "intent",
                "intent": intent.name,
                "intent_confidence": 0.93,
                "team_classifier": team,
                "team_confidence": 0.97,
            }
            event("routed", "bot", opened, data=routing, **where)
            if assignee is not None:
                event(
                    "claimed",
                    "staff",
                    opened + timedelta(minutes=5),
                    ticket_id=ticket.id,
                    staff_id=assignee,
                )
            if first_response_at is not None:
                change = {"old": "new", "new": "open"}
                event(
                    "status_changed",
                    "staff",
                    first_response_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
                message(
                    conv,
                    "staff",
                    "Kiitos viestistä, selvitämme asian.",
                    first_response_at,
                    staff_id=assignee,
                )
                event(
                    "replied",
                    "staff",
                    first_response_at,
                    staff_id=assignee,
                    data={"message_id": None},
                    **where,
                )
            elif not private and rng.random() < 0.6:  # the resident's next message
                if rng.random() < 0.4:
                    follow_up = self.example(self.out_of_scope, lang)
                    nlu = self.record(follow_up, lang)
                else:
                    follow_up = self.example(rng.choice(self.intents[team]), lang)
                    nlu = dict(self.record(follow_up, lang), fallback=rng.random() < 0.3)
                message(conv, "resident", follow_up, asked + timedelta(minutes=1), nlu=nlu)
            if status == "waiting" and first_response_at is not None:
                change = {"old": "open", "new": "waiting"}
                event(
                    "status_changed",
                    "staff",
                    first_response_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
            if resolved_at is not None:
                change = {"old": "open", "new": "resolved"}
                event(
                    "status_changed",
                    "staff",
                    resolved_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
                if status == "closed":
                    change = {"old": "resolved", "new": "closed"}
                    event(
                        "status_changed",
                        "staff",
                        resolved_at,
                        ticket_id=ticket.id,
                        staff_id=assignee,
                        data=change,
                    )
            if status in ("new", "open", "waiting"):  # what the SLA scheduler logged by now
                for d in deadlines(ticket, self.content):
                    if d.moment <= self.now:
                        target = {"target": d.target, "due": d.moment.isoformat()}
                        to = "lead" if d.event == "escalated" else "assignee_and_team"
                        event(
                            d.event,
                            "system",
                            d.moment,
                            ticket_id=ticket.id,
                            data=dict(target, to=to),
                        )
            conv.state = {
                "new": "queued" if rng.random() < 0.3 else "bot",
                "open": "with_staff" if rng.random() < 0.25 else "closed",
            }.get(status, "closed")
        session.add_all(messages)
        session.add_all(events)
        await session.flush()
        seeded.tickets += n
        seeded.conversations += n
        seeded.messages += len(messages)
        seeded.events += len(events)


async def web_conversations(
    session: AsyncSession, opened: list[tuple[str, datetime, str | None, bool]]
) -> list[Conversation]:
    """One web resident and conversation per (language, created, team, private), stored."""
    from taskstore import Conversation, Resident

    residents = [
        Resident(channel="web", external_id=os.urandom(12).hex(), language=lang, created_at=c)
        for lang, c, _, _ in opened
    ]
    session.add_all(residents)
    await session.flush()
    conversations = [
        Conversation(
            token=os.urandom(18).hex(),
            resident_id=resident.id,
            channel="web",
            language=lang,
            state="bot",
            slots={},
            team_id=team,
            private=private,
            created_at=created,
            updated_at=created,
        )
        for resident, (lang, created, team, private) in zip(residents, opened, strict=True)
    ]
    session.add_all(conversations)
    await session.flush()
    return conversations
