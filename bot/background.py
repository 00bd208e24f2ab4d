"""A worker's own long-running jobs (the SLA scheduler, the inbox job, following the live
content version) live as long as its aiohttp app: started with it, cancelled when it stops."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from aiohttp import web


def run_with_app(app: web.Application, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
    task: asyncio.Task[None] | None = None

    async def start(_: web.Application) -> None:
        nonlocal task
        task = asyncio.create_task(job())

    async def stop(_: web.Application) -> None:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
