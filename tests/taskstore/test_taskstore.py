"""The task store on real databases: every test runs on SQLite and on PostgreSQL (no mocks)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import delete, func, inspect, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import store
from taskstore.db import Database, alembic_config
from taskstore.models import Base, Conversation, Event, Resident, ServiceNotice, Ticket

TEAMS: list[dict[str, Any]] = [
    {"id": "opetus", "name": {"fi": "Opetus", "sv": "Undervisning", "en": "Education"}},
    {"id": "kadut", "name": {"fi": "Kadut", "sv": "Gator", "en": "Streets"}, "default": True},
]
NOW = datetime(2026, 3, 2, 10, 30, 15, 123456, tzinfo=UTC)
HELSINKI = timezone(timedelta(hours=2))
ALL_TABLES = set(Base.metadata.tables) | {"alembic_version"}


# --- helpers -----------------------------------------------------------------------------


@pytest.fixture
async def db(store_url: str) -> AsyncIterator[Database]:
    """A migrated store with the two test teams."""
    database = Database(store_url)
    await database.migrate()
    async with database.transaction() as session:
        await store.sync_teams(session, TEAMS)
    yield database
    await database.close()


async def table_names(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return await conn.run_sync(lambda c: set(inspect(c).get_table_names()))


async def schema_version(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    return None if version is None else str(version)


async def downgrade(db: Database, revision: str) -> None:
    def run(connection: Connection) -> None:
        command.downgrade(alembic_config(connection), revision)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def count(db: Database, model: type[Base]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def new_conversation(db: Database, external_id: str = "chat-1") -> Conversation:
    async with db.transaction() as session:
        resident = await store.resident_for(session, "telegram", external_id, "fi")
        return await store.start_conversation(session, resident, "telegram", "fi")


async def add_ticket(session: AsyncSession, **fields: Any) -> Ticket:
    fields = {"team_id": "opetus", "kind": "question", "description": "Milloin?", **fields}
    return await store.create_ticket(session, **fields)


async def new_ticket(db: Database, **fields: Any) -> Ticket:
    async with db.transaction() as session:
        return await add_ticket(session, **fields)


async def refused(db: Database, statement: Any) -> str:
    """Run a statement that the database must refuse; the error text."""
    with pytest.raises(DBAPIError) as info:
        async with db.transaction() as session:
            await session.execute(statement)
    return str(info.value)


def is_utc(value: datetime | None) -> bool:
    return value is not None and value.tzinfo is not None and value.utcoffset() == timedelta(0)


# --- migrations --------------------------------------------------------------------------

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


async def test_migrate_creates_every_table_and_is_idempotent(store_url: str) -> None:
    db = Database(store_url)
    try:
        assert await table_names(db) == set()
        await db.migrate()
        assert await table_names(db) == ALL_TABLES
        assert await schema_version(db) == HEAD
        await new_conversation(db)

        await db.migrate()  # again: nothing changes, nothing is lost
        assert await table_names(db) == ALL_TABLES
        assert await schema_version(db) == HEAD
        assert await count(db, Conversation) == 1
    finally:
        await db.close()


async def test_downgrade_to_base_and_upgrade_again(store_url: str) -> None:
    db = Database(store_url)
    try:
        await db.migrate()
        await downgrade(db, "base")
        assert await table_names(db) == {"alembic_version"}
        assert await schema_version(db) is None

        await db.migrate()
        assert await table_names(db) == ALL_TABLES
        assert await schema_version(db) == HEAD
        async with db.transaction() as session:  # the append-only triggers are back too
            await store.log_event(session, "created", "system")
        assert "append-only" in await refused(db, delete(Event))
    finally:
        await db.close()


# --- the event log -----------------------------------------------------------------------


async def test_events_are_append_only(db: Database) -> None:
    conversation = await new_conversation(db)
    async with db.transaction() as session:
        await store.log_event(session, "queued", "bot", conversation=conversation, reason="x")

    assert "append-only" in await refused(db, update(Event).values(actor="staff"))
    assert "append-only" in await refused(db, delete(Event))
    async with db.transaction() as session:
        events = await store.events_of(session, conversation=conversation)
    assert [(e.type, e.actor, e.data) for e in events] == [("queued", "bot", {"reason": "x"})]


async def test_log_event_rejects_unknown_type(db: Database) -> None:
    with pytest.raises(ValueError, match="unknown event type"):
        async with db.transaction() as session:
            await store.log_event(session, "exploded", "bot")
    assert await count(db, Event) == 0


async def test_set_ticket_status_logs_old_and_new(db: Database) -> None:
    ticket = await new_ticket(db)
    async with db.transaction() as session:
        ticket = await session.get_one(Ticket, ticket.id)
        await store.set_ticket_status(session, ticket, "resolved", "staff")
        with pytest.raises(ValueError, match="unknown ticket status"):
            await store.set_ticket_status(session, ticket, "lost", "staff")

    async with db.transaction() as session:
        stored = await store.ticket_by_number(session, ticket.number)
        events = await store.events_of(session, ticket=stored)
    assert stored is not None and stored.status == "resolved" and is_utc(stored.resolved_at)
    assert [(e.type, e.actor, e.data) for e in events] == [
        ("status_changed", "staff", {"old": "new", "new": "resolved"})
    ]


# --- ticket numbers ----------------------------------------------------------------------


async def test_ticket_numbers_count_up_per_year(db: Database) -> None:
    assert (await new_ticket(db, now=NOW)).number == "KB-2026-000001"
    assert (await new_ticket(db, now=NOW)).number == "KB-2026-000002"
    assert (await new_ticket(db, now=NOW.replace(year=2027))).number == "KB-2027-000001"
    async with db.transaction() as session:
        found = await store.ticket_by_number(session, "kb-2026-000002")
    assert found is not None and found.number == "KB-2026-000002"


async def test_concurrent_ticket_numbers_are_distinct_and_gap_free(db: Database) -> None:
    # On PostgreSQL, ten transactions at a time hold a connection and wait at the barrier,
    # then all ask for a number at once (the pool has 15 connections). SQLite takes turns.
    barrier = None if db.is_sqlite else asyncio.Barrier(10)

    async def one() -> str:
        async with db.transaction() as session:
            if barrier is not None:
                await session.execute(text("SELECT 1"))
                await barrier.wait()
            return (await add_ticket(session, team_id="kadut", now=NOW)).number

    numbers = await asyncio.wait_for(asyncio.gather(*(one() for _ in range(20))), 60)
    assert sorted(numbers) == [f"KB-2026-{n:06d}" for n in range(1, 21)]
    assert await count(db, Ticket) == 20


# --- times -------------------------------------------------------------------------------


async def test_datetimes_come_back_utc_aware(db: Database) -> None:
    due = datetime(2026, 3, 3, 16, 0, 0, 654321, tzinfo=HELSINKI)
    ticket = await new_ticket(db, now=NOW, first_response_due=due)
    async with db.transaction() as session:
        stored = await store.ticket_by_number(session, ticket.number)
    assert stored is not None
    assert is_utc(stored.created_at) and is_utc(stored.first_response_due)
    assert stored.created_at == NOW
    assert stored.first_response_due == due
    assert stored.first_response_due.hour == 14  # the same instant, told in UTC
    assert stored.resolution_due is None


async def test_the_store_records_times_by_its_own_clock(db: Database) -> None:
    # A clock years from any wall clock the tests will run on: a row stamped by the wall
    # clock cannot pass for it. (Rows stamped that way fell outside the dashboard periods
    # of a runtime on a fixed clock, which broke the console test once the days moved on.)
    past = datetime(2019, 1, 7, 9, 0, tzinfo=UTC)
    db.clock = lambda: past
    async with db.transaction() as session:
        resident = await store.resident_for(session, "web", "r-clock", "fi")
        conversation = await store.start_conversation(session, resident, "web", "fi")
        message = await store.add_message(session, conversation, "in", "resident", "Hei")
        ticket = await store.create_ticket(
            session,
            conversation_id=conversation.id,
            team_id="opetus",
            kind="question",
            description="Hei",
        )
        await store.set_ticket_status(session, ticket, "resolved", "staff")
        event = await store.log_event(session, "created", "bot", ticket=ticket)
        notices_now = await store.active_notices(session, "opetus")
    stamped = [resident.created_at, conversation.created_at, conversation.updated_at]
    stamped += [message.created_at, ticket.created_at, ticket.resolved_at, event.created_at]
    assert stamped == [past] * len(stamped)
    assert ticket.number.startswith("KB-2019-")
    assert notices_now == []

    later = past + timedelta(hours=1)
    db.clock = lambda: later  # the clock is read at each write, not when the store opened
    async with db.transaction() as session:
        again = await store.conversation_by_token(session, conversation.token)
        assert again is not None
        again.state = "closed"
    async with db.transaction() as session:
        stored = await store.conversation_by_token(session, conversation.token)
    assert stored is not None and (stored.created_at, stored.updated_at) == (past, later)


async def test_naive_datetime_is_refused(db: Database) -> None:
    # The type's ValueError reaches the caller wrapped by SQLAlchemy (StatementError.orig).
    naive = datetime(2026, 3, 3, 16, 0)
    with pytest.raises(StatementError, match="naive datetime") as stored:
        await new_ticket(db, now=NOW, first_response_due=naive)
    with pytest.raises(StatementError, match="naive datetime") as queried:
        async with db.transaction() as session:
            await store.active_notices(session, "opetus", now=naive)
    assert isinstance(stored.value.orig, ValueError)
    assert isinstance(queried.value.orig, ValueError)
    assert await count(db, Ticket) == 0


# --- residents, conversations, messages --------------------------------------------------


async def test_resident_for_is_idempotent_per_channel_and_id(db: Database) -> None:
    async with db.transaction() as session:
        first = await store.resident_for(session, "telegram", "42", "fi")
        again = await store.resident_for(session, "telegram", "42", "sv")
    async with db.transaction() as session:
        later = await store.resident_for(session, "telegram", "42", "en")
        other_channel = await store.resident_for(session, "web", "42", "fi")
    assert first.id == again.id == later.id
    assert later.language == "fi"  # the first language stays
    assert other_channel.id != first.id
    assert await count(db, Resident) == 2


async def test_conversations_are_found_by_token_and_resident(db: Database) -> None:
    first = await new_conversation(db)
    second = await new_conversation(db)
    async with db.transaction() as session:
        by_token = await store.conversation_by_token(session, first.token, lock=True)
        latest = await store.latest_conversation(session, first.resident)
        missing = await store.conversation_by_token(session, "no-such-token")
    assert by_token is not None and by_token.id == first.id
    assert by_token.resident_id == first.resident_id and by_token.slots == {}
    assert latest is not None and latest.id == second.id
    assert missing is None


async def test_messages_since_returns_later_messages_in_id_order(db: Database) -> None:
    mine, other = await new_conversation(db, "a"), await new_conversation(db, "b")
    ids = []
    async with db.transaction() as session:
        for i in range(5):
            message = await store.add_message(session, mine, "in", "resident", f"viesti {i}")
            ids.append(message.id)
            await store.add_message(session, other, "out", "bot", f"vastaus {i}")

    async with db.transaction() as session:
        since = await store.messages_since(session, mine, since_id=ids[1])
        limited = await store.messages_since(session, mine, limit=2)
        everything = await store.messages_since(session, mine)
    assert [m.id for m in since] == ids[2:]
    assert [m.text for m in since] == ["viesti 2", "viesti 3", "viesti 4"]
    assert [m.id for m in limited] == ids[:2]
    assert [m.id for m in everything] == ids


# --- service notices ---------------------------------------------------------------------


async def test_active_notices_respect_window_and_team(db: Database) -> None:
    hour = timedelta(hours=1)
    windows = {  # name: (team, starts, ends)
        "pool closed": ("opetus", NOW - hour, NOW + hour),
        "all teams": (None, NOW - hour, NOW + hour),
        "streets": ("kadut", NOW - hour, NOW + hour),
        "over": ("opetus", NOW - 2 * hour, NOW),
        "coming": ("opetus", NOW + hour, NOW + 2 * hour),
        "starts now": ("opetus", NOW, NOW + hour),
    }
    async with db.transaction() as session:
        for name, (team, starts, ends) in windows.items():
            session.add(
                ServiceNotice(
                    team_id=team,
                    text_fi=name,
                    text_sv=name,
                    text_en=name,
                    starts_at=starts,
                    ends_at=ends,
                )
            )

    async def shown(team: str, now: datetime) -> set[str]:
        async with db.transaction() as session:
            return {n.text_en for n in await store.active_notices(session, team, now=now)}

    assert await shown("opetus", NOW) == {"pool closed", "all teams", "starts now"}
    assert await shown("kadut", NOW) == {"streets", "all teams"}
    assert await shown("opetus", NOW + 3 * hour) == set()
    assert await shown("opetus", NOW - hour - timedelta(seconds=1)) == {"over"}


# --- transactions and locking ------------------------------------------------------------


async def test_failing_transaction_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with db.transaction() as session:
            resident = await store.resident_for(session, "web", "x", "fi")
            conversation = await store.start_conversation(session, resident, "web", "fi")
            await store.add_message(session, conversation, "in", "resident", "hei")
            await add_ticket(session, now=NOW)
            raise RuntimeError("boom")
    for model in (Resident, Conversation, Ticket):
        assert await count(db, model) == 0
    assert (await new_ticket(db, now=NOW)).number == "KB-2026-000001"  # no number was used


async def two_turns(db: Database, lock: bool) -> tuple[list[str], str]:
    """Turn A locks a conversation, writes and holds it a while; turn B starts meanwhile.

    Gives the order in which things happened and the state B read.
    """
    token = (await new_conversation(db)).token
    order: list[str] = []
    a_has_it = asyncio.Event()
    b_saw: list[str] = []

    async def turn_a() -> None:
        async with db.transaction() as session:
            conversation = await store.conversation_by_token(session, token, lock=lock)
            assert conversation is not None
            order.append("A read")
            a_has_it.set()
            conversation.state = "collecting"
            await session.flush()
            await asyncio.sleep(0.5)
            order.append("A done")

    async def turn_b() -> None:
        await a_has_it.wait()
        async with db.transaction() as session:
            conversation = await store.conversation_by_token(session, token, lock=lock)
            assert conversation is not None
            order.append("B read")
            b_saw.append(conversation.state)

    await asyncio.wait_for(asyncio.gather(turn_a(), turn_b()), 30)
    return order, b_saw[0]


async def test_locked_conversation_turns_do_not_overlap(db: Database) -> None:
    # PostgreSQL: B waits on the row lock (SELECT ... FOR UPDATE). SQLite: on the single writer.
    order, state_seen_by_b = await two_turns(db, lock=True)
    assert order == ["A read", "A done", "B read"]
    assert state_seen_by_b == "collecting"  # B read the row after A committed


async def test_unlocked_turns_do_overlap_on_postgresql(pg_database_url: str) -> None:
    """The control for the test above: without the lock, PostgreSQL lets B run in between."""
    db = Database(pg_database_url)
    try:
        await db.migrate()
        order, state_seen_by_b = await two_turns(db, lock=False)
    finally:
        await db.close()
    assert order == ["A read", "B read", "A done"]
    assert state_seen_by_b == "bot"


async def test_a_read_only_handle_reads_a_snapshot_and_cannot_write(store_url: str) -> None:
    """Reports (dashboards) use it: on SQLite it never takes the writers' turn."""
    db = Database(store_url)
    await db.migrate()
    reader = Database(store_url, read_only=True)
    try:
        await new_conversation(db)
        # A writer holds SQLite's turn in this process, and a report still reads.
        async with db.session(), reader.transaction() as session:
            assert await session.scalar(select(func.count(Conversation.id))) == 1
        if db.is_sqlite:
            with pytest.raises(OperationalError, match="readonly"):
                async with reader.transaction() as session:
                    await session.execute(delete(Conversation))
    finally:
        await reader.close()
        await db.close()


async def test_the_models_match_the_migrations(store_url: str) -> None:
    """Alembic's autogenerate sees nothing to do: a model change without its migration (or
    the reverse) fails here, on both databases."""
    db = Database(store_url)
    try:
        await db.migrate()
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
            )
        assert diff == []
    finally:
        await db.close()
