"""Staff accounts: who may use the console, in which role and for which teams.

Passwords are stored only as argon2id hashes (argon2-cffi's defaults, RFC 9106's
recommendation); `verify_password` also says when a hash should be upgraded because the
parameters were raised since it was made.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.models import StaffSession, StaffTeam, StaffUser, Team

ROLES = ("agent", "lead", "comms", "admin")
MIN_PASSWORD = 12  # characters; a passphrase, as the city's IT policy would ask

_hasher = PasswordHasher()


class StaffError(ValueError):
    """A staff account change that cannot be made as asked (the text says why).

    `message` is the sentence with its placeholders and `values` fill them, so the console
    can show it translated; `str()` is the English sentence for the command line."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values))
        self.message = message
        self.values = values


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise StaffError("the password must have at least {count} characters", count=MIN_PASSWORD)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> tuple[bool, bool]:
    """(matches, needs a new hash with today's parameters)."""
    try:
        _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class StaffAccount:
    username: str
    display_name: str
    role: str
    active: bool
    teams: tuple[str, ...]


async def add_staff(
    session: AsyncSession,
    username: str,
    display_name: str,
    password: str,
    role: str,
    teams: Sequence[str],
) -> StaffUser:
    if not username or not username.isascii() or not username.replace(".", "").isalnum():
        raise StaffError("a username is letters and digits (a dot allowed), e.g. liisa.virtanen")
    await _check_role_and_teams(session, role, teams)
    if await session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
        raise StaffError("there is already a staff account '{username}'", username=username)
    user = StaffUser(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        active=True,
    )
    session.add(user)
    await session.flush()
    session.add_all(StaffTeam(staff_id=user.id, team_id=team) for team in dict.fromkeys(teams))
    await session.flush()
    return user


async def _check_role_and_teams(session: AsyncSession, role: str, teams: Sequence[str]) -> None:
    if role not in ROLES:
        raise StaffError("role must be one of {roles}", roles=", ".join(ROLES))
    known = set((await session.scalars(select(Team.id))).all())
    unknown = sorted(set(teams) - known)
    if unknown:
        raise StaffError("unknown team(s): {teams}; see data/teams.yml", teams=", ".join(unknown))
    if role in ("agent", "lead") and not teams:
        if role == "agent":
            raise StaffError("an agent belongs to at least one team (--team)")
        raise StaffError("a team lead belongs to at least one team (--team)")


async def set_role_and_teams(
    session: AsyncSession, user: StaffUser, role: str, teams: Sequence[str]
) -> None:
    """A new role and team membership, under the same rules as a new account."""
    await _check_role_and_teams(session, role, teams)
    user.role = role
    await session.execute(delete(StaffTeam).where(StaffTeam.staff_id == user.id))
    session.add_all(StaffTeam(staff_id=user.id, team_id=team) for team in dict.fromkeys(teams))
    await session.flush()


async def display_names(session: AsyncSession, ids: Iterable[int | None]) -> dict[int, str]:
    """Staff id -> display name, for the ids given (None ignored)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    )
    return {staff_id: name for staff_id, name in rows.all()}


async def list_staff(session: AsyncSession) -> list[StaffAccount]:
    users = (await session.scalars(select(StaffUser).order_by(StaffUser.username))).all()
    memberships = (await session.execute(select(StaffTeam.staff_id, StaffTeam.team_id))).all()
    teams: dict[int, list[str]] = {}
    for staff_id, team_id in memberships:
        teams.setdefault(staff_id, []).append(team_id)
    return [
        StaffAccount(
            u.username, u.display_name, u.role, u.active, tuple(sorted(teams.get(u.id, [])))
        )
        for u in users
    ]


async def set_active(session: AsyncSession, username: str, active: bool) -> None:
    user = await session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise StaffError("no staff account '{username}'", username=username)
    user.active = active


async def ensure_first_admin(session: AsyncSession, teams: Sequence[str]) -> str | None:
    """A fresh install has nobody who can sign in: create `admin` with a random password
    (returned, to be shown once). None when any staff account exists already."""
    if await session.scalar(select(StaffUser.id).limit(1)) is not None:
        return None
    password = secrets.token_urlsafe(12)
    await add_staff(session, "admin", "Administrator", password, "admin", teams)
    return password


async def set_password(session: AsyncSession, username: str, password: str) -> None:
    """A new password; ends the account's console sessions."""
    user = await session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise StaffError("no staff account '{username}'", username=username)
    user.password_hash = hash_password(password)
    await session.execute(delete(StaffSession).where(StaffSession.staff_id == user.id))
