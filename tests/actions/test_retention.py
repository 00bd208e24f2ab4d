"""Retention on SQLite and PostgreSQL: what is past its period is erased or deleted, what is
still in use is kept, and each run is on record; the settings' text is checked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from actions import retention
from actions.retention import Periods, RetentionError
from bot.runtime import Runtime
from bot.scheduler import DeadlineScheduler
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database, Event, Message, RetentionRun, Ticket, store
from tests.taskstore.test_taskstore import TEAMS, refused

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=800)  # past every default period


class Clock:
    def __init__(self) -> None:
        self.now = LONG_AGO

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def world(store_url: str) -> AsyncIterator[tuple[Database, Clock]]:
    clock = Clock()
    db = Database(store_url, clock=clock)
    await db.migrate()
    async with db.transaction() as session:
        await store.sync_teams(session, TEAMS)
    yield db, clock
    await db.close()


async def conversation(db: Database, name: str, *, ticket: str | None = None) -> int:
    """A conversation with two messages naming `name`, and a ticket in status `ticket`."""
    async with db.transaction() as session:
        resident = await store.resident_for(session, "web", name, "fi")
        talk = await store.start_conversation(session, resident, "web", "fi")
        await store.add_message(session, talk, "in", "resident", f"Minä olen {name}")
        await store.add_message(session, talk, "out", "bot", "Kiitos")
        if ticket is not None:
            row = await store.create_ticket(
                session,
                conversation_id=talk.id,
                team_id="kadut",
                kind="question",
                description=f"{name} kysyy",
                status=ticket,
            )
            await store.log_event(session, "created", "bot", ticket=row, conversation=talk)
        return talk.id


async def texts(db: Database) -> str:
    async with db.transaction() as session:
        said = (await session.scalars(select(Message.text))).all()
        described = (await session.scalars(select(Ticket.description))).all()
    return " ".join([*said, *described])


async def test_what_is_past_its_period_is_erased_and_the_run_recorded(
    world: tuple[Database, Clock],
) -> None:
    db, clock = world
    await conversation(db, "Vanhanen")  # nothing said for 800 days: erased
    await conversation(db, "Avoinna", ticket="open")  # old but its ticket is still worked on
    await conversation(db, "Ratkaistu", ticket="resolved")  # resolved 800 days ago: erased
    clock.now = NOW - timedelta(days=10)
    await conversation(db, "Tuore", ticket="resolved")  # recent: kept
    clock.now = NOW
    async with db.transaction() as session:
        events_before = await session.scalar(select(func.count()).select_from(Event))
        assert await retention.due(session, NOW)
        record = await retention.run(session, Periods(events=700), NOW, "test")
    left = await texts(db)
    assert "Vanhanen" not in left and "Ratkaistu" not in left
    assert "Avoinna" in left and "Tuore" in left
    assert record.counts["conversations"] == 2 and record.counts["tickets"] == 1
    assert record.counts["messages"] == 4 and record.counts["events"] == 2
    assert record.events_before == NOW - timedelta(days=700)
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == events_before - 2
        erased = (
            await session.scalars(select(Conversation).where(Conversation.erased_at.is_not(None)))
        ).all()
        assert {c.token for c in erased} == {f"erased-{c.id}" for c in erased}
        assert not await retention.due(session, NOW + timedelta(hours=23))
        assert await retention.due(session, NOW + timedelta(days=1))
    # The record is the city's: it cannot be changed or removed, and no newer event may go.
    assert "append-only" in await refused(db, delete(RetentionRun))
    assert "append-only" in await refused(db, delete(Event))


async def test_only_the_scheduler_leader_runs_it_and_once_a_day(
    world: tuple[Database, Clock], content: Content, model: NLUModel
) -> None:
    db, clock = world
    runtime = Runtime(db, content, ModelHandle(model))
    leader = DeadlineScheduler(runtime, holder="a", periods=Periods())
    other = DeadlineScheduler(runtime, holder="b", periods=Periods())
    for minutes in (0, 1, 60):
        clock.now = NOW + timedelta(minutes=minutes)
        await leader.tick()
        await other.tick()
    clock.now = NOW + timedelta(days=1, minutes=1)
    await leader.tick()
    async with db.transaction() as session:
        runs = (await session.scalars(select(RetentionRun).order_by(RetentionRun.id))).all()
    assert [(r.by, r.at) for r in runs] == [("a", NOW), ("a", clock.now)]


def test_periods_are_read_from_the_setting_with_clear_errors() -> None:
    assert Periods.parse("") == Periods()
    assert Periods.parse("conversations=30, events=off") == Periods(conversations=30, events=None)
    assert Periods.parse("tickets=90").describe() == "conversations=365,tickets=90,events=off"
    for bad, says in (
        ("messages=3", "unknown"),
        ("tickets=-1", "not a number"),
        ("tickets=0", "not a number"),
    ):
        with pytest.raises(RetentionError, match=says):
            Periods.parse(bad)
