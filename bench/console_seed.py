"""Seeding for bench/console_pages.py: a store of realistic size, through the store's own
functions (see that module's docstring for what is seeded). seed() adds the staff, the
tickets in batches (their rows: bench/console_seed_tickets.py) and the conversations the bot
answered alone; store_size() says what the store takes on disk."""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.console_seed_tickets import (
    OTHER_WEIGHT,
    TEAM_WEIGHTS,
    Seeded,
    Seeder,
    web_conversations,
)

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD_DAYS = 30
BATCH = 1000  # tickets per seeding transaction
TICKET_PAGES = 25  # distinct tickets the ticket page cycles over
USERNAME, PASSWORD = "bench.agent", "a long bench password"


def model_dir() -> Path:
    pointer = ROOT / "models" / "latest"
    if not pointer.exists():
        raise SystemExit("no trained model (models/latest): run `.venv/bin/kuntabotti train` first")
    return ROOT / "models" / pointer.read_text().strip()


# --- seeding ------------------------------------------------------------------------------


async def bot_only_conversations(
    seeder: Seeder, session: AsyncSession, n: int, seeded: Seeded
) -> None:
    """Conversations the bot answered alone: a question and the answer, no ticket."""
    from taskstore import Message

    rows = []
    for _ in range(n):
        _team, lang, created, intent = seeder.pick()
        rows.append((lang, created, intent))
    conversations = await web_conversations(
        session, [(lang, created, None, False) for lang, created, _ in rows]
    )
    messages = []
    for conv, (lang, created, intent) in zip(conversations, rows, strict=True):
        sensitive = intent.sensitive
        question = "[sensitive]" if sensitive else seeder.example(intent, lang)
        nlu = (
            {"intent": intent.name, "team": intent.team, "language": lang, "sensitive": True}
            if sensitive
            else seeder.record(question, lang)
        )
        answer = intent.answers.get(lang) or next(iter(intent.answers.values()), "...")
        for author, said, record, at in (
            ("resident", question, nlu, created + timedelta(seconds=5)),
            ("bot", answer, None, created + timedelta(seconds=6)),
        ):
            messages.append(
                Message(
                    conversation_id=conv.id,
                    direction="in" if author == "resident" else "out",
                    author=author,
                    text=said,
                    nlu=record,
                    redacted=False,
                    created_at=at,
                )
            )
    session.add_all(messages)
    await session.flush()
    seeded.conversations += n
    seeded.messages += len(messages)


async def seed(url: str, tickets: int, bot_conversations: int) -> Seeded:
    from content import load_valid_content
    from nlu import NLUModel
    from taskstore import Database, Ticket, store, utcnow
    from taskstore.staff import add_staff

    started = time.perf_counter()
    content = load_valid_content(ROOT / "data")
    model = NLUModel.load(model_dir())
    db = Database(url)
    seeded = Seeded()
    try:
        await db.migrate()
        async with db.transaction() as session:
            if await session.scalar(select(func.count()).select_from(Ticket)):
                raise SystemExit("the database already has tickets: give an empty one")
            await store.sync_teams(session, content.teams.values())
        seeder = Seeder(content, model, random.Random(4), utcnow())
        largest = max(seeder.teams, key=lambda t: TEAM_WEIGHTS.get(t, OTHER_WEIGHT))
        async with db.transaction() as session:
            # The signed-in viewer: admin (sees every team and the city) and a member of the
            # largest team; then two agents per team, to whom tickets are assigned.
            await add_staff(session, USERNAME, "Bench Agent", PASSWORD, "admin", [largest])
            for team in seeder.teams:
                seeder.staff[team] = []
                for k in (1, 2):
                    name = f"bench.{team.replace('_', '')}{k}"
                    user = await add_staff(
                        session, name, f"Agent {k} {team}", PASSWORD, "agent", [team]
                    )
                    seeder.staff[team].append(user.id)
        done = 0
        while done < tickets:
            n = min(BATCH, tickets - done)
            async with db.transaction() as session:
                await seeder.batch(session, n, seeded)
            done += n
            print(f"  seeded {done} tickets ({time.perf_counter() - started:.0f} s)", flush=True)
        done = 0
        while done < bot_conversations:
            n = min(4 * BATCH, bot_conversations - done)
            async with db.transaction() as session:
                await bot_only_conversations(seeder, session, n, seeded)
            done += n
        print(f"  {len(seeder.records)} distinct messages parsed for the NLU records")
    finally:
        await db.close()
    seeded.seconds = time.perf_counter() - started
    return seeded


async def store_size(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        with sqlite3.connect(path) as conn:  # fold the WAL into the file, as at a restart
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = path.with_name(path.name + "-wal")
        extra = f" (+ WAL {wal.stat().st_size / 2**20:.1f} MB)" if wal.exists() else ""
        return f"SQLite file {path.stat().st_size / 2**20:.1f} MB{extra}"
    from taskstore import Database

    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            size = await conn.scalar(text("SELECT pg_database_size(current_database())"))
    finally:
        await db.close()
    return f"PostgreSQL database {int(size or 0) / 2**20:.1f} MB"


async def seed_inbox_questions(url: str, count: int) -> None:
    from bench.curation import seed_inbox
    from taskstore import Database, utcnow

    db = Database(url)
    try:
        async with db.transaction() as session:
            await seed_inbox(session, count, utcnow())
    finally:
        await db.close()
