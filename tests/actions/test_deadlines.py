"""SLA reminders and escalations: business hours, once each, one leader among workers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from actions.deadlines import fire_due
from actions.sla import HELSINKI
from bot.runtime import Runtime
from bot.scheduler import DeadlineScheduler
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Database, Ticket, store


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=HELSINKI)  # type: ignore[misc]


async def new_ticket(db: Database, created: datetime, team: str = "opetus") -> int:
    """A ticket as the bot makes it (opetus: first response 8 h, resolution 40 h)."""
    from actions.sla import add_business_hours
    from content import load_valid_content
    from tests.conftest import DATA

    hours = load_valid_content(DATA).teams[team]["office_hours"]
    async with db.transaction() as session:
        ticket = await store.create_ticket(
            session,
            now=created,
            team_id=team,
            kind="question",
            description="-",
            first_response_due=add_business_hours(hours, created, 8),
            resolution_due=add_business_hours(hours, created, 40),
        )
        return ticket.id


async def fired_at(db: Database, content: Content, now: datetime) -> list[tuple[str, str]]:
    async with db.transaction() as session:
        return [(e.type, e.data["target"]) for e in await fire_due(session, content, now)]


async def test_reminder_at_75_percent_and_escalation_at_breach_once_each(
    db: Database, content: Content
) -> None:
    await new_ticket(db, at(2026, 12, 4, 13, 0))  # Friday 13:00; office 9-15 (Fri 9-14)
    # 6 business hours (75 % of 8): Friday 13-14, Monday 9-14 -> Monday 14:00.
    assert await fired_at(db, content, at(2026, 12, 7, 13, 59)) == []
    assert await fired_at(db, content, at(2026, 12, 7, 14, 0)) == [
        ("reminder_sent", "first_response")
    ]
    assert await fired_at(db, content, at(2026, 12, 7, 14, 30)) == []  # once
    # 8 business hours: Tuesday 10:00.
    assert await fired_at(db, content, at(2026, 12, 8, 10, 0)) == [("escalated", "first_response")]
    assert await fired_at(db, content, at(2026, 12, 8, 11, 0)) == []


async def test_the_clock_stops_on_public_holidays(db: Database, content: Content) -> None:
    await new_ticket(db, at(2026, 12, 23, 14, 0))  # Wednesday before Christmas
    # 1 h on 23 Dec; 24-26 Dec are holidays; 5 h on Monday 28 Dec -> 14:00.
    assert await fired_at(db, content, at(2026, 12, 28, 13, 59)) == []
    assert await fired_at(db, content, at(2026, 12, 28, 14, 0)) == [
        ("reminder_sent", "first_response")
    ]


async def test_resolved_tickets_are_left_alone(db: Database, content: Content) -> None:
    ticket_id = await new_ticket(db, at(2026, 12, 1, 9, 0))
    async with db.transaction() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        await store.set_ticket_status(session, ticket, "resolved", "staff")
    assert await fired_at(db, content, at(2027, 1, 31, 12, 0)) == []


async def test_one_leader_among_workers(db: Database, content: Content, model: NLUModel) -> None:
    await new_ticket(db, at(2026, 12, 1, 9, 0))
    clock = [at(2026, 12, 1, 15, 0)]  # 6 h later: the reminder is due

    db.clock = lambda: clock[0]

    def worker(name: str) -> DeadlineScheduler:
        runtime = Runtime(db, content, ModelHandle(model))
        return DeadlineScheduler(runtime, interval=60, holder=name)

    first, second = worker("a"), worker("b")
    assert [e.type for e in await first.tick()] == ["reminder_sent"]
    assert await second.tick() == []  # "a" holds the lease
    clock[0] += timedelta(minutes=2)
    assert await second.tick() == []  # still held: leases last three rounds
    # "a" stopped renewing; next day at 11:00 (8 business hours: Tue 9-15, Wed 9-11) the
    # first response is overdue and "b", now the leader, escalates it.
    clock[0] = at(2026, 12, 2, 11, 0)
    fired = await second.tick()
    assert [e.type for e in fired] == ["escalated"]


async def test_a_round_reads_only_what_its_bookmarks_say_is_due(
    db: Database, content: Content
) -> None:
    """Each ticket keeps its next deadline; a changed basis (another team) is worked out
    again, so a bookmark that has become too late never delays a reminder."""
    from sqlalchemy import event

    ticket_id = await new_ticket(db, at(2026, 12, 4, 13, 0))
    assert await fired_at(db, content, at(2026, 12, 4, 13, 5)) == []
    async with db.transaction() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        updated = ticket.updated_at
        assert ticket.next_deadline_at == at(2026, 12, 7, 14, 0)  # the reminder at 75 %
    read: list[int] = []

    def count_rows(*args: Any) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("SELECT") and "FROM tickets" in statement:
            read.append(1)

    event.listen(db.engine.sync_engine, "after_cursor_execute", count_rows)
    try:
        rounds = [await fired_at(db, content, at(2026, 12, 7, 9, m)) for m in range(5)]
    finally:
        event.remove(db.engine.sync_engine, "after_cursor_execute", count_rows)
    assert rounds == [[]] * 5 and len(read) == 5  # one indexed query each, no ticket to work

    # Moved to a team whose reminder falls earlier: the next round works it out again.
    async with db.transaction() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.updated_at == updated  # rounds are not work
        ticket.team_id = "kadut_liikenne"
    # kadut_liikenne: first response in 4 h, so the reminder fell on Monday 11:00.
    assert await fired_at(db, content, at(2026, 12, 7, 13, 0)) == [
        ("reminder_sent", "first_response")
    ]
