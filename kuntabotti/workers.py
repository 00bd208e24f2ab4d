"""`kuntabotti run --workers N`: N worker processes under gunicorn, each the same app as
`kuntabotti run` (kuntabotti.run.build) on aiohttp's GunicornWebWorker.

gunicorn keeps the workers: it restarts one that dies, and on SIGTERM each stops taking
connections and lets the requests in progress finish (SHUTDOWN_SECONDS). What must happen
once happens here first, in the master, before any worker starts: the schema upgrade, a
training when the content changed, the first admin account. What the workers share goes
through PostgreSQL: turns of one conversation are held across workers (an advisory lock),
live messages cross workers (LISTEN/NOTIFY), one worker leads the SLA scheduler, the inbox
job and Telegram polling (leases), and each follows the published content version. SQLite
lets one process write at a time, so it is refused with the reason.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from gunicorn.app.base import BaseApplication
from sqlalchemy.engine import make_url

from kuntabotti.settings import Settings

BOOT_SECONDS = 180  # a worker loads the model before it reports in: more than gunicorn's 30 s
METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"


class WorkersNeedPostgres(ValueError):
    pass


def check(settings: Settings, workers: int) -> None:
    if workers < 1:
        raise ValueError("--workers must be 1 or more")
    if workers > 1 and make_url(settings.database_url).get_backend_name() == "sqlite":
        raise WorkersNeedPostgres(
            "several workers need PostgreSQL (set DATABASE_URL): SQLite lets one process "
            "write at a time, and the workers share turns, leases and live messages through "
            "the database"
        )


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn run from code: our options, no command line, the app factory as its app."""

    def __init__(self, factory: Callable[[], Awaitable[web.Application]], options: dict[str, Any]):
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[[], Awaitable[web.Application]]:
        return self.factory


def _forget(pid: int) -> None:
    """A process's figures stop counting in /metrics' sums of live workers. Imported here:
    prometheus-client must first load after METRICS_DIR is set."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


def _worker_gone(server: Any, worker: Any) -> None:
    _forget(worker.pid)


def serve_workers(settings: Settings, workers: int) -> None:
    check(settings, workers)
    # Set before prometheus-client is first imported (by the workers' app): it then counts
    # in files every worker writes and /metrics sums.
    metrics_dir = tempfile.mkdtemp(prefix="kuntabotti-metrics-")
    os.environ[METRICS_DIR] = metrics_dir
    from kuntabotti.run import SHUTDOWN_SECONDS, announce, build, first_admin

    async def once() -> None:
        built = await build(settings)
        announce(settings, built, await first_admin(built.runtime))
        await built.runtime.db.close()

    asyncio.run(once())  # the model is let go here: each worker loads its own
    _forget(os.getpid())  # the master answers no turns: its figures are not a worker's

    async def factory() -> web.Application:
        return (await build(settings)).app

    options = {
        "bind": f"{settings.host}:{settings.port}",
        "workers": workers,
        "worker_class": "aiohttp.GunicornWebWorker",
        "timeout": BOOT_SECONDS,
        "graceful_timeout": math.ceil(SHUTDOWN_SECONDS / 0.95),  # a worker waits 95 % of it
        "accesslog": None,  # paths hold conversation tokens
        "child_exit": _worker_gone,
        "proc_name": "kuntabotti",
    }
    print(f"kuntabotti: {workers} workers (gunicorn)", flush=True)
    try:
        _Gunicorn(factory, options).run()
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)
