"""What the pictures of scripts/screenshots.py share: the server and the camera.

Server runs kuntabotti with its console on a loopback port in a thread of its own (running
trains the model if needed and gives the server on the demo store); Camera saves the
pictures and keeps the list of those it could not take; sign_in opens the console as one
of the demo staff. The sizes and the browser's settings are here too.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from playwright.sync_api import Page, expect

from bot.runtime import Runtime
from console import ConsoleConfig
from content import load_valid_content
from content.model_store import train_model
from content.testset import TEST_SET
from kuntabotti.app import build_app
from nlu import ModelHandle, NLUModel
from scripts.screenshots_demo import PASSWORD, demo_clock
from taskstore import Database

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's, as in tests/helpers/browser.py
WAIT = 20_000  # ms for an answer
ZONE = "Europe/Helsinki"  # message times as a resident there sees them
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


class Server:
    """kuntabotti with its console on 127.0.0.1, in a thread with its own event loop."""

    def __init__(self, runtime: Runtime, console: ConsoleConfig) -> None:
        self.runtime = runtime
        self.console = console
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner: web.AppRunner | None = None
        self.base_url = ""

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 120) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def start(self) -> None:
        self.thread.start()

        async def up() -> None:
            await self.runtime.prepare()
            self.runner = web.AppRunner(
                build_app(self.runtime, console=self.console), access_log=None
            )
            await self.runner.setup()
            await web.TCPSite(self.runner, "127.0.0.1", 0).start()
            self.base_url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"

        self.call(up())

    def stop(self) -> None:
        async def down() -> None:
            if self.runner is not None:
                await self.runner.cleanup()
            await self.runtime.db.close()

        self.call(down())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@contextmanager
def running(database_url: str, models: Path) -> Iterator[Server]:
    content = load_valid_content(ROOT / "data")
    target, seconds = train_model(content, models, if_needed=True)
    print(f"model {target.name} ({'reused' if seconds is None else f'trained in {seconds:.0f} s'})")
    database = Database(database_url, clock=demo_clock())
    runtime = Runtime(database, content, ModelHandle(NLUModel.load(target)))
    server = Server(runtime, ConsoleConfig(models=models, test_set=ROOT / "data" / TEST_SET))
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Camera:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []
        self.missed: list[str] = []

    def widget(self, page: Page, name: str) -> None:
        """The widget at 1280 px (the page beside it) and at 390 px (the chat in view)."""
        expect(page.locator("#chat-typing")).to_be_hidden()
        page.evaluate("() => window.scrollTo(0, 0)")  # the 390 px shot before scrolled down
        page.evaluate("() => document.getElementById('chat-log').scrollTop = 1e9")
        self.shot(page, f"widget-{name}-1280.png")
        page.set_viewport_size(NARROW)
        page.evaluate("() => document.getElementById('chat').scrollIntoView()")
        page.evaluate("() => document.getElementById('chat-log').scrollTop = 1e9")
        self.shot(page, f"widget-{name}-390.png")
        page.set_viewport_size(WIDE)

    def console(self, page: Page, url: str, name: str) -> None:
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        self.shot(page, f"console-{name}.png", full_page=True)

    def shot(self, page: Page, name: str, full_page: bool = False) -> None:
        page.wait_for_timeout(300)  # let scrolling and fonts settle
        path = self.out / name
        page.screenshot(path=str(path), full_page=full_page)
        self.saved.append(path)
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def attempt(self, name: str, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception as exc:  # one state the dialogue no longer reaches: skip it
            self.missed.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            print(f"  skipped {name}: {exc}", file=sys.stderr)


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/console/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/console/login"))
