"""`kuntabotti staff add|list|disable|password`: staff accounts from the command line (city IT).

The password is asked twice on a terminal (never a command-line argument, which would end
up in the shell history and the process list), or read from standard input for scripts.
Refusals (`StaffError`, a ValueError) reach `kuntabotti`'s main, which prints them.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from content import load_valid_content
from kuntabotti.settings import in_store
from taskstore import store
from taskstore.staff import ROLES, StaffError, add_staff, list_staff, set_active, set_password


def add_staff_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="staff accounts").add_subparsers(title="staff commands")
    add = staff.add_parser(
        "add",
        help="create a staff account",
        description="The password is asked on the terminal, or read from standard input "
        "(first line) when it is not a terminal.",
    )
    add.add_argument("username")
    add.add_argument("--name", required=True, help="display name, e.g. 'Liisa Virtanen'")
    add.add_argument("--role", choices=ROLES, default="agent")
    add.add_argument("--team", action="append", default=[], help="team id; repeat for more")
    add.add_argument("--data", type=Path, default=Path("data"), help="content folder")
    add.set_defaults(run=_add)
    listing = staff.add_parser("list", help="staff accounts with roles and teams")
    listing.set_defaults(run=_list)
    disable = staff.add_parser("disable", help="disable an account (it can no longer log in)")
    disable.add_argument("username")
    disable.set_defaults(run=_disable)
    password = staff.add_parser(
        "password", help="set a new password (asked, or read from standard input)"
    )
    password.add_argument("username")
    password.set_defaults(run=_password)
    for command in (add, listing, disable, password):
        command.add_argument("--database-url", help="overrides DATABASE_URL")


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise StaffError("the passwords differ")
    return first


def _add(args: argparse.Namespace) -> int:
    content = load_valid_content(args.data)
    password = _read_password()

    async def work(session: AsyncSession) -> None:
        await store.sync_teams(session, content.teams.values())
        await add_staff(session, args.username, args.name, password, args.role, args.team)

    in_store(args.database_url, work)
    print(f"staff account {args.username!r} created")
    return 0


def _list(args: argparse.Namespace) -> int:
    for account in in_store(args.database_url, list_staff):
        state = "active" if account.active else "disabled"
        teams = ",".join(account.teams) or "-"
        print(f"{account.username}\t{account.display_name}\t{account.role}\t{teams}\t{state}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    async def work(session: AsyncSession) -> None:
        await set_active(session, args.username, False)

    in_store(args.database_url, work)
    print(f"staff account {args.username!r} disabled")
    return 0


def _password(args: argparse.Namespace) -> int:
    password = _read_password()

    async def work(session: AsyncSession) -> None:
        await set_password(session, args.username, password)

    in_store(args.database_url, work)
    print(f"new password set for {args.username!r}; its console sessions are signed out")
    return 0
