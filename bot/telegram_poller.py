"""Exactly one Telegram poller among the workers: Telegram refuses two getUpdates at once
for one bot (409 Conflict), so polling goes with a lease in the task store, as the SLA
scheduler's leadership does. Every worker starts the bot (it sends: staff replies are
pushed from whichever worker took them); only the lease holder polls. When it stops (a
deploy, a crash), another takes over once the lease expires, and Telegram hands it what
was not confirmed: a redelivered update is stored once (bot/telegram.py's delivery id).
The webhook mode needs none of this: any worker takes a POST.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from typing import Protocol

from aiohttp import web

from bot.background import run_with_app
from bot.runtime import Runtime
from taskstore import store

LEASE = "telegram-poller"
log = logging.getLogger("kuntabotti.telegram")


class Pollable(Protocol):
    runtime: Runtime

    @property
    def polling(self) -> bool: ...

    async def start_sending(self) -> None: ...

    async def start_polling(self, poll_timeout: float = 10) -> None: ...

    async def stop_polling(self) -> None: ...

    async def stop(self) -> None: ...


class PollingLeader:
    def __init__(self, channel: Pollable, interval: float = 10.0, holder: str | None = None):
        self.channel = channel
        self.interval = interval
        self.lease_seconds = interval * 3  # a poller may miss two rounds before losing it
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}"

    async def tick(self) -> bool:
        """One round: renew or take the lease; poll while holding it, stop when lost."""
        runtime = self.channel.runtime
        async with runtime.db.transaction() as session:
            leading = await store.take_lease(
                session, LEASE, self.holder, runtime.clock(), self.lease_seconds
            )
        if leading and not self.channel.polling:
            log.info("telegram: this worker polls now (%s)", self.holder)
            await self.channel.start_polling()
        elif not leading and self.channel.polling:
            log.warning("telegram: the polling lease went to another worker; stopping")
            await self.channel.stop_polling()
        return leading

    async def _run(self) -> None:
        await self.channel.start_sending()
        while True:
            try:
                await self.tick()
            except Exception:  # a bad round (the store away) must not end polling for good
                log.exception("telegram polling round failed")
            await asyncio.sleep(self.interval)

    def install(self, app: web.Application) -> None:
        run_with_app(app, self._run)

        async def stop(_: web.Application) -> None:
            await self.channel.stop()

        app.on_cleanup.append(stop)
