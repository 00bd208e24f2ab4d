"""A real kuntabotti server on a loopback port, for tests that talk HTTP, websockets or a browser.

The server runs in its own thread with its own event loop, so synchronous test code (and
Playwright's sync API) can use it like any remote server. `call()` runs a coroutine on the
server's loop, e.g. to read the store the server writes.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web

from bot.limits import Limits
from bot.live_content import LiveContent
from bot.runtime import Runtime
from console import ConsoleConfig
from content import Content
from kuntabotti.app import build_app
from nlu import ModelHandle, NLUModel
from taskstore import Database, utcnow, versions

T = TypeVar("T")

MONDAY_10 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 10:00 in Helsinki: offices open
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # offices closed


@dataclass
class LiveServer:
    base_url: str
    runtime: Runtime
    loop: asyncio.AbstractEventLoop
    app: web.Application

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)


def run_live_server(
    database_url: str,
    content: Content,
    model: NLUModel,
    extra_routes: Sequence[Callable[[web.Application], None]] = (),
    clock: Callable[[], datetime] = utcnow,
    console: ConsoleConfig | None = None,
    live_content: Path | None = None,
    limits: Limits | None = None,
) -> Iterator[LiveServer]:
    """`live_content`: a models folder; the server then follows the store's live content
    version as `kuntabotti run` does (bot.live_content). `limits`: rate limits (none by
    default: tests send many requests from one address)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> tuple[Runtime, web.AppRunner, int]:
        runtime = Runtime(Database(database_url, clock=clock), content, ModelHandle(model))
        await runtime.prepare()
        routes = list(extra_routes)
        if live_content is not None:
            async with runtime.db.transaction() as session:
                number = await versions.live_number(session)
            routes.append(LiveContent(runtime, live_content, number, poll=1.0).install)
        app = build_app(runtime, routes, console, limits=limits)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        return runtime, runner, port

    runtime, runner, port = asyncio.run_coroutine_threadsafe(start(), loop).result(60)
    server = LiveServer(f"http://127.0.0.1:{port}", runtime, loop, runner.app)
    try:
        yield server
    finally:

        async def stop() -> None:
            await runner.cleanup()
            await runtime.db.close()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def live_server(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    """A fresh server on a fresh SQLite database for one test."""
    yield from run_live_server(f"sqlite:///{tmp_path / 'kuntabotti.db'}", content, model)


@pytest.fixture
def office_open(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    """A server whose clock stands in office hours (a handoff queues for a person)."""
    yield from run_live_server(
        f"sqlite:///{tmp_path / 'open.db'}", content, model, clock=lambda: MONDAY_10
    )


@pytest.fixture
def office_closed(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    """A server whose clock stands on a Saturday (no one to queue for)."""
    yield from run_live_server(
        f"sqlite:///{tmp_path / 'closed.db'}", content, model, clock=lambda: SATURDAY
    )


def eventually(check: Callable[[], bool], seconds: float) -> bool:
    """Whether `check` came true within `seconds` (a server's background work is awaited)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return check()


def faq_question(content: Content, model: NLUModel) -> tuple[str, str]:
    """An FAQ topic and one of its Finnish examples the model answers with that topic."""
    for intent in content.intents.values():
        if intent.kind != "faq" or intent.sensitive:
            continue
        for example in intent.examples["fi"][:5]:
            result = model.parse(example.text, "fi")
            if result.intent.name == intent.name and not result.fallback:
                return intent.name, example.text
    raise AssertionError("no FAQ example the model recognises")
