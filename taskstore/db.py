"""Opening the task store: the engine for a URL, SQLite settings, and schema migration.

SQLite (the embedded default) runs in WAL mode with foreign keys on. Its write transactions
start with BEGIN IMMEDIATE and, within one process, take turns on an asyncio lock: SQLite
has one writer at a time anyway, and waiting in Python is cheaper than retrying on
"database is locked". PostgreSQL needs neither; it is reached through `DATABASE_URL`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from taskstore.inline_sqlite import creator as inline_sqlite_creator
from taskstore.models import CLOCK_OPTION, utcnow

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_URL = "sqlite+aiosqlite:///kuntabotti.db"

Announcement = tuple[str, dict[str, Any]]  # (topic, small JSON-able event)
_PENDING = "announce.pending"  # session.info keys
_COMMITTED = "announce.committed"


def announce_after_commit(session: AsyncSession, topic: str, data: dict[str, Any]) -> None:
    """Tell `topic`'s live subscribers once this session's transaction commits (nothing if
    it rolls back): what changed is announced by the code that changed it, never before
    the change is stored. Repeats within a transaction are told once."""
    pending: list[Announcement] = session.info.setdefault(_PENDING, [])
    if (topic, data) not in pending:
        pending.append((topic, data))


class _AnnouncingSession(Session):
    """Keeps a transaction's announcements until it commits; drops them on a rollback."""


@event.listens_for(_AnnouncingSession, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    session.info.setdefault(_COMMITTED, []).extend(pending)


@event.listens_for(_AnnouncingSession, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


def async_url(url: str) -> str:
    """Accept the URLs people write (postgresql://, sqlite:///) and pick the async driver."""
    for plain, driver in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


def _sqlite_setup(engine: AsyncEngine, read_only: bool) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off so that BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=3000")
        # In WAL mode NORMAL keeps every commit across a crash of the process; only a power
        # cut can lose the last commits.
        cursor.execute("PRAGMA synchronous=NORMAL")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")  # a report can never write by mistake
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A reader takes a snapshot (WAL) and never waits for, or holds up, the writer.
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Database:
    """One engine and its sessions. `transaction()` is the only way to write.

    The database owns the clock of everything that uses it: the times the store records
    (`created_at`...) and the runtime's "now" (deadlines, dashboard periods) both come from
    `clock`, so a test or a replay on another clock sees one consistent world.
    """

    def __init__(
        self,
        url: str = DEFAULT_URL,
        echo: bool = False,
        inline_sqlite: bool = True,
        read_only: bool = False,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """`inline_sqlite=False` goes through aiosqlite's thread (for bench/sqlite_driver.py).
        `read_only`: for reports; on SQLite its transactions read a snapshot without taking
        the writers' turn. `clock`: now, as an aware datetime (tests set another)."""
        self.url = async_url(url)
        self.clock = clock
        parsed = make_url(self.url)
        options: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite" and inline_sqlite:
            options["async_creator"] = inline_sqlite_creator(parsed.database or ":memory:")
        # The column defaults read the clock from here (taskstore.models.stamp); through
        # `now`, so that a clock set later on this Database is the one they use.
        options["execution_options"] = {CLOCK_OPTION: self.now}
        self.engine = create_async_engine(self.url, echo=echo, **options)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            _sqlite_setup(self.engine, read_only)
        self._sessions = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=_AnnouncingSession
        )
        self._write_lock = asyncio.Lock() if self.is_sqlite and not read_only else None
        self._listeners: list[Callable[[list[Announcement]], None]] = []

    def on_announcements(self, listener: Callable[[list[Announcement]], None]) -> None:
        """`listener` gets what each session announced in its committed transactions, when
        the session closes (the runtime hands them to the hub)."""
        self._listeners.append(listener)

    def _announce(self, session: AsyncSession) -> None:
        committed = session.info.pop(_COMMITTED, [])
        if committed:
            for listener in self._listeners:
                listener(committed)

    def now(self) -> datetime:
        return self.clock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on error."""
        async with self.session() as session, session.begin():
            yield session

    @asynccontextmanager
    async def session(self, hold: str | None = None) -> AsyncIterator[AsyncSession]:
        """A session for several transactions in a row (`async with session.begin()`), with
        SQLite's turn held throughout: a resident's turn commits twice back to back. What
        its committed transactions announced is told when it closes (and the turn is over).

        `hold`: on PostgreSQL, a key no other session holds meanwhile, in any worker (an
        advisory lock on the session's one connection, across all its transactions): a
        conversation's turns then never interleave. SQLite's turn already covers it."""
        if hold is not None and not self.is_sqlite:
            async with self._holding(hold) as connection:
                session = self._sessions(bind=connection)
                try:
                    async with session:
                        yield session
                finally:
                    self._announce(session)
            return
        session = self._sessions()
        try:
            if self._write_lock is None:
                async with session:
                    yield session
            else:
                async with self._write_lock, session:
                    yield session
        finally:
            self._announce(session)

    @asynccontextmanager
    async def _holding(self, key: str) -> AsyncIterator[AsyncConnection]:
        """One connection with the advisory lock of `key`. The lock dies with the connection,
        so a worker killed mid-turn blocks nobody; a connection whose unlock failed is
        dropped, never pooled while it may still hold the lock."""
        lock, unlock = (
            text(f"SELECT {call}(hashtextextended(:key, 0))")
            for call in ("pg_advisory_lock", "pg_advisory_unlock")
        )
        connection = await self.engine.connect()
        held = False
        try:
            await connection.execute(lock, {"key": key})
            await connection.commit()  # the lock outlives transactions; the session begins its own
            held = True
            yield connection
        finally:
            try:
                if held:
                    await connection.rollback()
                    await connection.execute(unlock, {"key": key})
                    await connection.commit()
                else:  # a lock request cut short (cancelled) may still have been granted
                    await connection.invalidate()
            except BaseException:
                await connection.invalidate()
                raise
            finally:
                await connection.close()

    async def migrate(self, revision: str = "head") -> None:
        """Create or upgrade the schema with Alembic (idempotent)."""
        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade, revision)

    async def close(self) -> None:
        await self.engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)
