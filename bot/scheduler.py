"""The SLA scheduler: every minute the leader among the workers fires due reminders, and
once a day it runs the retention job (actions/retention.py).

Leadership is a lease row in the task store, renewed each round; when the leader stops (a
deploy, a crash) another worker takes over once the lease expires. Each reminder is logged
once (actions/deadlines.py), so even an overlap at a hand-over cannot repeat one. With a
mailer the leader also e-mails what it fired, in the same round: a mail goes out at most once,
and a mail server that is down loses that round's mails (logged) but never stops a round.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import datetime

from aiohttp import web

from actions import retention
from actions.deadline_mail import deadline_mails
from actions.deadlines import fire_due
from bot.background import run_with_app
from bot.mailer import Mailer
from bot.runtime import Runtime
from taskstore import Event, store

LEASE = "sla-scheduler"
log = logging.getLogger("kuntabotti.scheduler")


class DeadlineScheduler:
    def __init__(
        self,
        runtime: Runtime,
        interval: float = 60.0,
        holder: str | None = None,
        mailer: Mailer | None = None,
        console_url: str | None = None,
        periods: retention.Periods | None = None,
    ):
        self.runtime = runtime
        self.periods = periods or retention.Periods()
        self.mailer = mailer
        self.console_url = console_url  # the console's public base URL, for links in mails
        self.interval = interval
        self.lease_seconds = interval * 3  # a leader may miss two rounds before losing it
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}"

    async def tick(self) -> list[Event]:
        """One round: renew leadership, and if held, log what is due."""
        now = self.runtime.clock()
        db = self.runtime.db
        async with db.transaction() as session:
            leading = await store.take_lease(session, LEASE, self.holder, now, self.lease_seconds)
        if not leading:
            return []
        async with db.transaction() as session:
            fired = await fire_due(session, self.runtime.content, now)
        for event in fired:
            log.info("%s %s for ticket %s", event.type, event.data.get("target"), event.ticket_id)
        if fired and self.mailer is not None:
            await self._mail(self.mailer, fired)
        await self._retain(now)
        return fired

    async def _retain(self, now: datetime) -> None:
        """Its own transaction: a failed retention run never takes the reminders with it."""
        try:
            async with self.runtime.db.transaction() as session:
                if not await retention.due(session, now):
                    return
                record = await retention.run(session, self.periods, now, self.holder)
            log.info("retention run %s: %s", record.id, dict(record.counts))
        except Exception:
            log.exception("the retention run failed; the next round tries again")

    async def _mail(self, mailer: Mailer, fired: list[Event]) -> None:
        """E-mail the round's reminders and escalations; failures are logged, never raised:
        the events are logged already and the console shows them either way."""
        try:
            async with self.runtime.db.transaction() as session:
                mails = await deadline_mails(session, self.runtime.content, fired, self.console_url)
            failures = await mailer.send_all(mails)
        except Exception:
            log.exception("SLA mails of this round could not be sent")
            return
        for mail, error in failures:
            log.error("SLA mail %r not sent: %s", mail.subject, error, exc_info=error)

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # a bad round must not stop the reminders for good
                log.exception("SLA scheduler round failed")
            await asyncio.sleep(self.interval)

    def install(self, app: web.Application) -> None:
        """Run with the aiohttp app: started and stopped with it."""
        run_with_app(app, self._run)
