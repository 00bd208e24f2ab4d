"""Erasable records beside the append-only log, on SQLite and PostgreSQL: the upgrade moves
staff's free text out of old events into notes, and events may be deleted only before a
recorded retention run's cutoff."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from taskstore import Database, Event, InboxCluster, InboxItem, Note, RetentionRun, store, utcnow
from taskstore.db import alembic_config
from taskstore.erasure import erase_conversations
from tests.taskstore.test_taskstore import TEAMS, add_ticket, downgrade, refused

_EVENTS = sa.table(
    "events",
    sa.column("ticket_id", sa.Integer),
    sa.column("type", sa.String),
    sa.column("actor", sa.String),
    sa.column("data", sa.JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


async def test_the_upgrade_moves_comments_and_reasons_into_notes(store_url: str) -> None:
    db = Database(store_url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            await store.sync_teams(session, TEAMS)
            ticket = await add_ticket(session)
        await downgrade(db, "0009")
        async with db.engine.begin() as conn:  # events as issue 15's first slices wrote them
            for type_, data in (
                ("commented", {"text": "Soitin Maijalle"}),
                ("reassigned", {"from_team": "kadut", "to_team": "opetus", "reason": "Koulu"}),
                ("claimed", {}),
            ):
                await conn.execute(
                    sa.insert(_EVENTS).values(
                        ticket_id=ticket.id,
                        type=type_,
                        actor="staff",
                        data=data,
                        created_at=utcnow(),
                    )
                )

        def upgrade(connection: Connection) -> None:
            command.upgrade(alembic_config(connection), "head")

        async with db.engine.begin() as conn:
            await conn.run_sync(upgrade)
        async with db.transaction() as session:
            notes = {n.id: n.text for n in (await session.scalars(select(Note))).all()}
            events = (await session.scalars(select(Event).order_by(Event.id))).all()
        assert sorted(notes.values()) == ["Koulu", "Soitin Maijalle"]
        comment, reassign, claim = events
        assert notes[comment.data["note"]] == "Soitin Maijalle" and "text" not in comment.data
        assert notes[reassign.data["note"]] == "Koulu" and reassign.data["to_team"] == "opetus"
        assert claim.data == {}
    finally:
        await db.close()


async def test_events_go_only_before_a_recorded_runs_cutoff(db: Database) -> None:
    now = utcnow()
    async with db.transaction() as session:
        for age in (30, 10, 1):
            await store.log_event(session, "notice_posted", "system")
            session.add(
                Event(type="created", actor="bot", data={}, created_at=now - timedelta(days=age))
            )
    assert "append-only" in await refused(db, delete(Event))  # no run: nothing may go
    async with db.transaction() as session:
        session.add(RetentionRun(at=now, events_before=now - timedelta(days=5), counts={}, by="t"))
    assert "append-only" in await refused(db, delete(Event))  # newer events still refuse
    async with db.transaction() as session:
        await session.execute(delete(Event).where(Event.created_at < now - timedelta(days=5)))
        ages = (await session.scalars(select(Event.created_at))).all()
    assert len(ages) == 4 and min(ages) > now - timedelta(days=5)
    assert "append-only" in await refused(db, sa.update(RetentionRun).values(by="x"))


async def test_an_inbox_group_left_empty_by_an_erasure_goes_with_it(db: Database) -> None:
    now = utcnow()
    async with db.transaction() as session:
        resident = await store.resident_for(session, "web", "r-inbox", "fi")
        talk = await store.start_conversation(session, resident, "web", "fi")
        message = await store.add_message(session, talk, "in", "resident", "Outo kysymys")
        other = await store.add_message(session, talk, "in", "resident", "Toinen kysymys")
        alone, shared = (
            InboxCluster(centre=b"\0" * 8, size=1, last_at=now),
            InboxCluster(centre=b"\0" * 8, size=2, last_at=now),
        )
        session.add_all([alone, shared])
        await session.flush()
        for ref, cluster in ((message.id, alone), (other.id, shared), (10**6, shared)):
            session.add(
                InboxItem(
                    source="message",
                    ref=ref,
                    kind="fallback",
                    text="x",
                    language="fi",
                    at=now,
                    cluster_id=cluster.id,
                )
            )
    async with db.transaction() as session:
        counts = await erase_conversations(session, [talk.id], now)
        left = {c.id: c.size for c in (await session.scalars(select(InboxCluster))).all()}
    assert counts["inbox_items"] == 2 and left == {shared.id: 1}
