"""Notify: tell the resident about service breaks, and the team about a new ticket.

Service-break notices are rows in the task store (the comms team or a console adds them);
the active ones for a team are told before that team's answer. Every answer needs them, so
a worker keeps them in a `NoticeBoard` re-read every few seconds: a new notice reaches
residents within `ttl` seconds. The team is told through the event log (the console's queue
reads it) and the log line below, which never carries the message itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from actions.base import ActionContext, Say
from taskstore import ServiceNotice, Ticket, store

log = logging.getLogger("kuntabotti.notify")


class NoticeBoard:
    """The notices not yet ended, re-read from the store at most every `ttl` seconds."""

    def __init__(self, ttl: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._loaded_at: float | None = None
        self._notices: Sequence[ServiceNotice] = ()

    async def active(
        self, session: AsyncSession, team_id: str, now: datetime
    ) -> list[ServiceNotice]:
        moment = self._clock()
        if self._loaded_at is None or moment - self._loaded_at >= self.ttl:
            self._notices = await store.current_notices(session, now)
            self._loaded_at = moment
        return [n for n in self._notices if store.is_active(n, team_id, now)]


async def service_notices(ctx: ActionContext, team_id: str) -> list[Say]:
    notices = await ctx.notices.active(ctx.session, team_id, ctx.now)
    return [Say(ctx.text("notice", text=getattr(notice, f"text_{ctx.lang}"))) for notice in notices]


def notify_team(ticket: Ticket) -> None:
    log.info(
        "ticket %s for team %s (%s%s)",
        ticket.number,
        ticket.team_id,
        ticket.kind,
        ", private" if ticket.private else "",
    )
