"""`kuntabotti notice add|list`: service-break notices from the command line.

The same as the console's notices page (console/notices.py), for scripts and city IT: a
break ("the swimming hall is closed for repairs") is told before that team's answers (each
worker re-reads notices within 10 s).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from actions.sla import HELSINKI
from content import load_valid_content
from kuntabotti.settings import in_store
from taskstore import ServiceNotice, store, utcnow


def parse_time(value: str) -> datetime:
    """ISO date or date-time; without a zone it is Helsinki time, as staff write it."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date or time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=HELSINKI)


def add_notice_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    notice = sub.add_parser("notice", help="service-break notices").add_subparsers(
        title="notice commands"
    )
    add = notice.add_parser(
        "add",
        help="post a service-break notice",
        description="Told before the answers of TEAM (every team without --team) from "
        "--start (default now) until --end. Times without a zone are Helsinki time.",
    )
    add.add_argument("--team", help="team id from data/teams.yml (default: every team)")
    add.add_argument("--start", type=parse_time, help="e.g. 2026-12-01T08:00 (default now)")
    add.add_argument("--end", type=parse_time, required=True, help="e.g. 2026-12-03")
    for lang in ("fi", "sv", "en"):
        add.add_argument(f"--{lang}", required=True, help=f"the notice in {lang}")
    add.add_argument("--database-url", help="overrides DATABASE_URL")
    add.add_argument("--data", type=Path, default=Path("data"), help="content folder")
    add.set_defaults(run=_add)
    listing = notice.add_parser("list", help="notices not yet ended")
    listing.add_argument("--database-url", help="overrides DATABASE_URL")
    listing.set_defaults(run=_list)


def _add(args: argparse.Namespace) -> int:
    content = load_valid_content(args.data)
    if args.team is not None and args.team not in content.teams:
        raise ValueError(f"unknown team {args.team!r}; see data/teams.yml")
    start = args.start or utcnow()
    if args.end <= start:
        raise ValueError("--end must be after --start")

    async def add(session: AsyncSession) -> int:
        await store.sync_teams(session, content.teams.values())
        notice = ServiceNotice(
            team_id=args.team,
            text_fi=args.fi,
            text_sv=args.sv,
            text_en=args.en,
            starts_at=start,
            ends_at=args.end,
        )
        session.add(notice)
        await session.flush()
        return notice.id

    number = in_store(args.database_url, add)
    print(f"notice {number} for {args.team or 'every team'} until {args.end.isoformat()}")
    return 0


def _list(args: argparse.Namespace) -> int:
    async def read(session: AsyncSession) -> list[ServiceNotice]:
        return list(await store.current_notices(session))

    for notice in in_store(args.database_url, read):
        window = f"{notice.starts_at.astimezone(HELSINKI):%Y-%m-%d %H:%M}"
        window += f" - {notice.ends_at.astimezone(HELSINKI):%Y-%m-%d %H:%M}"
        print(f"{notice.id}\t{notice.team_id or '(every team)'}\t{window}\t{notice.text_fi}")
    return 0
