"""How fast a console password can be guessed: a throttle, never a lockout.

Each sign-in is recorded with the client's address and the name typed (known or not, so
the answers do not tell which names exist; an unknown name only as a digest, since people
type passwords into the name field). After FREE failures of one address with one
name, each further try waits, the wait doubling from FIRST_WAIT up to LONGEST_WAIT; an
address that fails with many names waits likewise after ADDRESS_FREE. A success of the
address with the name starts its count again. The account's owner, signing in from their
own address, is never kept out by someone else's guessing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import SignInAttempt

FREE = 5  # failures of one address with one name before tries wait
ADDRESS_FREE = 30  # failures of one address with any names
FIRST_WAIT = timedelta(seconds=15)
LONGEST_WAIT = timedelta(minutes=15)
WINDOW = timedelta(hours=1)  # failures older than this no longer count
KEPT = timedelta(days=30)  # how long admins can see attempts
UNKNOWN = "?"  # marks a name no account has, kept as a digest


def unknown_name(typed: str) -> str:
    """A name no account has, as stored: a digest (it may be a password typed in the wrong
    field), still the same for each try, so its guesses are counted together."""
    return UNKNOWN + hashlib.sha256(typed.encode()).hexdigest()[:16]


def _wait(failures: int, free: int, last: datetime | None, now: datetime) -> timedelta:
    if last is None or failures < free:
        return timedelta(0)
    wait: timedelta = min(FIRST_WAIT * 2 ** min(failures - free, 16), LONGEST_WAIT)
    left: timedelta = last + wait - now
    return max(left, timedelta(0))


async def wait_before(
    session: AsyncSession, address: str, username: str, now: datetime
) -> timedelta:
    """How long this address must wait before trying this name (zero: it may now)."""
    name = username[:100]
    since = now - WINDOW
    success = await session.scalar(
        select(func.max(SignInAttempt.at)).where(
            SignInAttempt.address == address, SignInAttempt.username == name, SignInAttempt.ok
        )
    )
    counted = max(since, success) if success is not None else since
    failed = ~SignInAttempt.ok
    pair = (
        await session.execute(
            select(func.count(), func.max(SignInAttempt.at)).where(
                SignInAttempt.address == address,
                SignInAttempt.username == name,
                failed,
                SignInAttempt.at > counted,
            )
        )
    ).one()
    anyone = (
        await session.execute(
            select(func.count(), func.max(SignInAttempt.at)).where(
                SignInAttempt.address == address, failed, SignInAttempt.at > since
            )
        )
    ).one()
    return max(_wait(pair[0], FREE, pair[1], now), _wait(anyone[0], ADDRESS_FREE, anyone[1], now))


async def record(
    session: AsyncSession, address: str, username: str, ok: bool, now: datetime
) -> None:
    session.add(SignInAttempt(address=address, username=username[:100], ok=ok, at=now))
    await session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - KEPT))


@dataclass(frozen=True)
class Failures:
    """Failed sign-ins of one name from one address, for the admins' page."""

    username: str
    address: str
    count: int
    last: datetime


async def recent_failures(
    session: AsyncSession, since: datetime, limit: int = 50
) -> list[Failures]:
    rows = await session.execute(
        select(
            SignInAttempt.username,
            SignInAttempt.address,
            func.count(),
            func.max(SignInAttempt.at),
        )
        .where(~SignInAttempt.ok, SignInAttempt.at >= since)
        .group_by(SignInAttempt.username, SignInAttempt.address)
        .order_by(func.max(SignInAttempt.at).desc())
        .limit(limit)
    )
    return [Failures(name, address, count, last) for name, address, count, last in rows.all()]
