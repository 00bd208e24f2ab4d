"""The access log in the store: entries added and read back, never changed or removed; on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from taskstore import AccessEntry, Database, access_log, utcnow
from taskstore.staff import add_staff
from tests.taskstore.test_taskstore import refused


async def test_entries_are_kept_as_written_and_cannot_be_changed(db: Database) -> None:
    async with db.transaction() as session:
        liisa = await add_staff(session, "liisa", "Liisa", "salasana-12345", "admin", [])
        await access_log.record(session, liisa.id, "opened", "ticket", "KB-2026-000001")
        await access_log.record(session, liisa.id, "opened", "conversation", "7")
        with pytest.raises(ValueError, match="unknown access"):
            await access_log.record(session, liisa.id, "peeked", "ticket", "x")
    assert "append-only" in await refused(db, update(AccessEntry).values(target="KB-0"))
    assert "append-only" in await refused(db, delete(AccessEntry))
    async with db.transaction() as session:
        since = utcnow() - timedelta(days=1)
        found = await access_log.entries(session, since)
        one = await access_log.entries(session, since, target="KB-2026-000001")
        nobody = await access_log.entries(session, since, staff_id=liisa.id + 1)
    assert [(e.action, e.kind, e.target) for e in found] == [
        ("opened", "conversation", "7"),
        ("opened", "ticket", "KB-2026-000001"),
    ]
    assert len(one) == 1 and nobody == []
