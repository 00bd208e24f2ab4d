"""One SLA scheduler round (actions/deadlines.fire_due) with many open tickets.

The baseline, measured in the same run on the same store: a round as it was before the
bookmark (`full_scan`: every open ticket read, its logged reminders read, its deadlines
worked out). The first round after the upgrade works every ticket out once and logs the
backlog of reminders; the rounds after it read only tickets whose bookmark is due.
Printed: ms per round, and the ratio of the baseline to a bookmarked round.

    python -m bench.sla_round --tickets 14000 [--rounds 5] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from actions.deadlines import deadlines, fire_due
from actions.sla import add_business_hours
from content import load_valid_content
from taskstore import Database, Event, Ticket, store

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
OPEN = store.OPEN_TICKET_STATUSES


async def seed(db: Database, tickets: int) -> None:
    content = load_valid_content(DATA)
    teams = list(content.teams.values())
    rng = random.Random(7)
    async with db.transaction() as session:
        await store.sync_teams(session, teams)
    rows = []
    for n in range(tickets):
        team = teams[n % len(teams)]
        created = NOW - timedelta(minutes=rng.randrange(10, 60 * 24 * 30))
        hours, sla = team["office_hours"], team["sla"]
        rows.append(
            {
                "number": f"KB-2026-{n + 1:06d}",
                "team_id": team["id"],
                "kind": "question",
                "status": rng.choice(store.OPEN_TICKET_STATUSES),
                "description": "-",
                "details": {},
                "created_at": created,
                "updated_at": created,
                "first_response_due": add_business_hours(
                    hours, created, sla["first_response_hours"]
                ),
                "resolution_due": add_business_hours(hours, created, sla["resolution_hours"]),
            }
        )
    async with db.transaction() as session:
        for i in range(0, len(rows), 2000):
            await session.execute(insert(Ticket), rows[i : i + 2000])


async def full_scan(db: Database, now: datetime) -> float:
    """The round before the bookmark, without writing (nothing new is due)."""
    content = load_valid_content(DATA)
    started = time.perf_counter()
    async with db.transaction() as session:
        tickets = (await session.scalars(select(Ticket).where(Ticket.status.in_(OPEN)))).all()
        done = {
            (e.ticket_id, e.type, e.data.get("target"))
            for e in (
                await session.scalars(
                    select(Event).where(
                        Event.type.in_(("reminder_sent", "escalated")),
                        Event.ticket_id.in_([t.id for t in tickets]),
                    )
                )
            ).all()
        }
        due = sum(
            1
            for t in tickets
            for d in deadlines(t, content)
            if d.moment <= now and (t.id, d.event, d.target) not in done
        )
    assert due < 10, due  # the backlog was logged by the first round
    return (time.perf_counter() - started) * 1000


async def rounds(db: Database, count: int) -> list[tuple[float, int]]:
    content = load_valid_content(DATA)
    timings = []
    for n in range(count):
        started = time.perf_counter()
        async with db.transaction() as session:
            fired = await fire_due(session, content, NOW + timedelta(minutes=n))
        timings.append(((time.perf_counter() - started) * 1000, len(fired)))
    return timings


async def main_async(args: argparse.Namespace) -> None:
    folder = tempfile.mkdtemp(prefix="kb-sla-")
    db = Database(args.postgres or f"sqlite:///{folder}/sla.db")
    await db.migrate()
    await seed(db, args.tickets)
    timings = await rounds(db, args.rounds + 1)
    before = [await full_scan(db, NOW + timedelta(minutes=args.rounds)) for _ in range(3)]
    await db.close()
    first, rest = timings[0], timings[1:]
    steady = statistics.median(ms for ms, _ in rest)
    baseline = statistics.median(before)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{backend}, {args.tickets} open tickets")
    print(
        f"first round (works out every ticket, logs the backlog): {first[0]:.0f} ms, "
        f"{first[1]} fired"
    )
    print(f"baseline, a round before the bookmark (median of 3): {baseline:.0f} ms")
    print(f"later rounds (median of {len(rest)}): {steady:.1f} ms, fired {[f for _, f in rest]}")
    print(f"ratio: the baseline takes {baseline / steady:.0f}x a bookmarked round")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=14000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL URL (an empty database)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
