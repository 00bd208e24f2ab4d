"""Service-break notices as a worker keeps them.

Notices are rows in the task store (the comms team or a console adds them). Every answer
needs them, so a worker keeps them in a `NoticeBoard` re-read every few seconds: a new
notice reaches residents within `ttl` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import ServiceNotice, store


@dataclass(frozen=True)
class Notice:
    """A notice as plain values, valid outside the session that read it: what the board keeps,
    and what a form gives (actions/notice_work.py)."""

    team_id: str | None
    texts: dict[str, str]
    starts_at: datetime
    ends_at: datetime

    def active(self, team_id: str, now: datetime) -> bool:
        return self.team_id in (None, team_id) and self.starts_at <= now < self.ends_at


class NoticeBoard:
    """The notices not yet ended, re-read from the store at most every `ttl` seconds."""

    def __init__(self, ttl: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._loaded_at: float | None = None
        self._notices: list[Notice] = []

    async def active(self, session: AsyncSession, team_id: str, now: datetime) -> list[Notice]:
        moment = self._clock()
        if self._loaded_at is None or moment - self._loaded_at >= self.ttl:
            self._notices = [_snapshot(n) for n in await store.current_notices(session, now)]
            self._loaded_at = moment
        return [n for n in self._notices if n.active(team_id, now)]


def _snapshot(row: ServiceNotice) -> Notice:
    texts = {"fi": row.text_fi, "sv": row.text_sv, "en": row.text_en}
    return Notice(row.team_id, texts, row.starts_at, row.ends_at)
