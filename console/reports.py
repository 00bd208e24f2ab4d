"""Heavy read-only work (dashboards) away from the chat's event loop.

A dashboard reads and aggregates a period's messages: up to a second of work on a busy
city. On the server's loop that second would stall every resident's turn (SQLite's driver
runs inline), so reports run on their own thread with their own loop and a read-only
database handle, which on SQLite reads a snapshot without taking the writers' turn.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import TypeVar

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import Database

T = TypeVar("T")


class Reports:
    def __init__(self, url: str) -> None:
        self.url = url
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kuntabotti-reports", daemon=True
        )
        self._db: Database | None = None

    def start(self) -> None:
        self._thread.start()

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """`work` in one read-only transaction on the reports thread."""

        async def in_thread() -> T:
            if self._db is None:
                self._db = Database(self.url, read_only=True)
            async with self._db.transaction() as session:
                return await work(session)

        future: Future[T] = asyncio.run_coroutine_threadsafe(in_thread(), self._loop)
        return await asyncio.wrap_future(future)

    async def stop(self) -> None:
        async def close() -> None:
            if self._db is not None:
                await self._db.close()

        if self._thread.is_alive():
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(close(), self._loop))
            self._loop.call_soon_threadsafe(self._loop.stop)
            await asyncio.to_thread(self._thread.join, 10)
        self._loop.close()


REPORTS = web.AppKey("reports", Reports)


def install_reports(app: web.Application, url: str) -> None:
    reports = app[REPORTS] = Reports(url)

    async def start(_: web.Application) -> None:
        reports.start()

    async def stop(_: web.Application) -> None:
        await reports.stop()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
