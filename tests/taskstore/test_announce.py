"""Announcements wait for their transaction: told after the commit, once, and never for a
transaction that rolled back (taskstore/db.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from taskstore import Announcement, Database, announce_after_commit
from taskstore.models import Team


@pytest.fixture
async def db(store_url: str) -> AsyncIterator[Database]:
    database = Database(store_url)
    await database.migrate()
    yield database
    await database.close()


def heard(db: Database) -> list[list[Announcement]]:
    told: list[list[Announcement]] = []
    db.on_announcements(told.append)
    return told


async def test_a_committed_transaction_is_told_once_after_it_ends(db: Database) -> None:
    told = heard(db)
    async with db.transaction() as session:
        session.add(Team(id="kirjasto", name_fi="Kirjasto", name_sv="Bibliotek", name_en="Library"))
        announce_after_commit(session, "team:kirjasto", {"kind": "queue_changed"})
        announce_after_commit(session, "team:kirjasto", {"kind": "queue_changed"})
        announce_after_commit(session, "conversation:1", {"kind": "state"})
        assert told == []  # not before the change is stored
    assert told == [
        [("team:kirjasto", {"kind": "queue_changed"}), ("conversation:1", {"kind": "state"})]
    ]
    async with db.transaction() as session:
        assert await session.get(Team, "kirjasto") is not None  # what was told is in the store


async def test_a_rolled_back_transaction_tells_nothing(db: Database) -> None:
    told = heard(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            announce_after_commit(session, "team:kirjasto", {"kind": "queue_changed"})
            raise RuntimeError("the change fails")
    assert told == []


async def test_a_session_tells_what_its_committed_transactions_announced(db: Database) -> None:
    """A resident's turn is two transactions in one session: a failing second one must not
    take back what the first one stored and announced."""
    told = heard(db)
    with pytest.raises(RuntimeError):
        async with db.session() as session:
            async with session.begin():
                announce_after_commit(session, "conversation:1", {"kind": "state"})
            async with session.begin():
                announce_after_commit(session, "team:kirjasto", {"kind": "queue_changed"})
                raise RuntimeError("the reply fails")
    assert told == [[("conversation:1", {"kind": "state"})]]
