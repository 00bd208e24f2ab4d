"""The demo store of scripts/screenshots.py, filled through the real Runtime.

Its clock starts on a Monday at 10:00 in Helsinki (office hours whenever the script runs);
add_people adds the staff accounts and canned replies, demo_conversations the residents
asking, reporting and queueing; the lookups below find what the pictures need (a question
the bot answers with choices, a conversation, the newest ticket, a member of a team).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.runtime import Runtime
from taskstore import Conversation, ServiceNotice, Ticket
from taskstore.models import CannedReply
from taskstore.staff import add_staff

PASSWORD = "esittely salasana 2026"
START = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 10:00 in Helsinki
GENERAL, STREETS = "yleisneuvonta", "kadut_liikenne"
# What a resident writes when the bot asks for a place (the widget's walks too).
PLACE = "Kotikatu 5"
# Buttons that lead a request on towards a ticket or a person, in order of preference.
ONWARD = ("form:send", "form:skip", "ticket:yes", "handoff", "form:previous", "none")
CLARIFY_TRIES = ("lupa", "maksu", "hakemus", "aukioloajat", "kortti", "ilmoittautuminen")


def demo_clock() -> Callable[[], datetime]:
    """Office hours whenever the script runs: START plus the time the script has run."""
    began = time.monotonic()
    return lambda: START + timedelta(seconds=time.monotonic() - began)


async def add_people(runtime: Runtime) -> None:
    people = [
        ("admin", "Anna Admin", "admin", [GENERAL]),
        ("liisa", "Liisa Virtanen", "agent", [GENERAL]),
        ("leena", "Leena Lahti", "lead", [GENERAL]),
        ("pekka", "Pekka Niemi", "agent", [STREETS]),
    ]
    async with runtime.db.transaction() as session:
        for username, name, role, member_of in people:
            await add_staff(session, username, name, PASSWORD, role, member_of)
        replies = [
            ("Kiitos yhteydenotosta", "Kiitos viestistäsi! Selvitämme asian ja palaamme pian."),
            ("Aukioloajat", "Ajantasaiset aukioloajat löydät osoitteesta {web}."),
        ]
        web_address = runtime.content.municipality["web"]
        for title, text in replies:
            session.add(
                CannedReply(
                    team_id=GENERAL, language="fi", title=title, text=text.format(web=web_address)
                )
            )
        session.add(  # a service break of a team the demo residents do not ask about
            ServiceNotice(
                team_id="liikunta_kulttuuri",
                text_fi="Uimahalli on suljettu huoltotöiden vuoksi 14.12. asti.",
                text_sv="Simhallen är stängd för underhåll till 14.12.",
                text_en="The swimming hall is closed for maintenance until 14 December.",
                starts_at=START,
                ends_at=START + timedelta(days=14),
            )
        )


async def walk(runtime: Runtime, language: str, steps: Sequence[str]) -> str:
    """A resident's conversation: each step is typed, then offered buttons that lead on are
    pressed (a few times at most). Returns the token."""
    opened = await runtime.start("web", language=language)
    for text in steps:
        turn = await runtime.handle(opened.token, text=text)
        for _ in range(5):
            offered = {b.payload for m in turn.replies for b in m.buttons}
            payload = next((p for p in ONWARD if p in offered), None)
            if payload is None or turn.state in ("queued", "with_staff"):
                break
            turn = await runtime.handle(opened.token, payload=payload)
    return opened.token


async def demo_conversations(runtime: Runtime) -> None:
    await walk(runtime, "fi", ["Milloin kirjasto on auki?"])
    await walk(runtime, "fi", ["Katuvalo on rikki Kotikadulla", PLACE])
    await walk(runtime, "sv", ["Soptunnan har inte tömts på två veckor", "Torggatan 3"])
    await walk(runtime, "en", ["How many kilos does a moon rock weigh?"])
    await walk(runtime, "fi", ["Roskis jäi tyhjentämättä Torikadulla", "Torikatu 3"])
    await walk(runtime, "fi", ["Tiessä on iso kuoppa Koulukadun kohdalla", "Koulukatu 12"])
    await walk(runtime, "fi", ["Lunta ei ole aurattu Puistotiellä", "Puistotie 4"])


async def clarifying_text(runtime: Runtime) -> str | None:
    """A question the bot answers with choices, found by asking it (then forgotten)."""
    for text in CLARIFY_TRIES:
        opened = await runtime.start("web", language="fi")
        turn = await runtime.handle(opened.token, text=text)
        if any(b.payload.startswith("pick:") for m in turn.replies for b in m.buttons):
            return text
    return None


async def member_of(runtime: Runtime, team: str | None) -> str:
    """A staff account of the team a conversation is with (only that team takes it over),
    added when the dialogue routed it to a team the demo staff are not in."""
    known = {GENERAL: "liisa", STREETS: "pekka"}
    if team is None or team in known:
        return known.get(team or GENERAL, "liisa")
    async with runtime.db.transaction() as session:
        await add_staff(session, "paivi", "Päivi Päivystäjä", PASSWORD, "agent", [team])
    return "paivi"


async def conversation_of(runtime: Runtime, token: str) -> Conversation:
    async with runtime.db.transaction() as session:
        found = await session.scalar(select(Conversation).where(Conversation.token == token))
        assert found is not None
        return found


async def newest_ticket(runtime: Runtime, team: str | None = None) -> Ticket | None:
    async with runtime.db.transaction() as session:
        query = select(Ticket).order_by(Ticket.id.desc()).limit(1)
        if team is not None:
            query = query.where(Ticket.team_id == team)
        return await session.scalar(query)
