"""Pictures of kuntabotti for the README and for a city deciding on it: docs/screenshots/.

    .venv/bin/python -m scripts.screenshots [--out docs/screenshots] [--models models]

Starts a real server on a loopback port with a throwaway SQLite store, fills it with demo
data through the real Runtime (staff accounts; residents asking, reporting and queueing),
and drives Debian's Chromium headless (Playwright; no browser is downloaded) through every
state of the web chat widget at 390 px and 1280 px and every console page at 1280 px.

The store's clock starts on a Monday at 10:00 in Helsinki, so teams are in office hours
and a resident asking for a person waits in the queue, whenever the script is run. The
dialogue keeps changing: the walks below press whatever button leads on, and a state that
cannot be reached is reported and skipped, not fatal.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from bot.runtime import Runtime
from console import ConsoleConfig
from content import load_valid_content
from kuntabotti.app import build_app
from kuntabotti.model_store import train_model
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database, Ticket
from taskstore.models import CannedReply
from taskstore.staff import add_staff

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's, as in tests/browser.py
WAIT = 20_000  # ms for an answer
PASSWORD = "esittely salasana 2026"
START = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 10:00 in Helsinki
GENERAL, STREETS = "yleisneuvonta", "kadut_liikenne"
ZONE = "Europe/Helsinki"  # message times as a resident there sees them
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
# What the resident writes when the bot asks for more (a matter, a place).
MATTER = "Katuvalo on rikki Kotikadulla"
PLACE = "Kotikatu 5"
# Buttons that lead a request on towards a ticket or a person, in order of preference.
ONWARD = ("form:send", "form:skip", "ticket:yes", "handoff", "form:previous", "none")
CLARIFY_TRIES = ("lupa", "maksu", "hakemus", "aukioloajat", "kortti", "ilmoittautuminen")


def demo_clock() -> Callable[[], datetime]:
    """Office hours whenever the script runs: START plus the time the script has run."""
    began = time.monotonic()
    return lambda: START + timedelta(seconds=time.monotonic() - began)


class Server:
    """kuntabotti with its console on 127.0.0.1, in a thread with its own event loop."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
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
                build_app(self.runtime, console=ConsoleConfig()), access_log=None
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


# -- demo data through the real Runtime ---------------------------------------------------


async def add_people(runtime: Runtime) -> None:
    people = [
        ("admin", "Anna Admin", "admin", [GENERAL]),
        ("liisa", "Liisa Virtanen", "agent", [GENERAL]),
        ("leena", "Leena Lahti", "lead", [GENERAL]),
        ("pekka", "Pekka Niemi", "agent", [STREETS]),
    ]
    async with runtime.db.transaction() as session:
        for username, name, role, member_of in people:
            await add_staff(session, username, name, PASSWORD, role, member_of)
        replies = [
            ("Kiitos yhteydenotosta", "Kiitos viestistäsi! Selvitämme asian ja palaamme pian."),
            ("Aukioloajat", "Ajantasaiset aukioloajat löydät osoitteesta {web}."),
        ]
        web_address = runtime.content.municipality["web"]
        for title, text in replies:
            session.add(
                CannedReply(
                    team_id=GENERAL, language="fi", title=title, text=text.format(web=web_address)
                )
            )


async def walk(runtime: Runtime, language: str, steps: Sequence[str]) -> str:
    """A resident's conversation: each step is typed, then offered buttons that lead on are
    pressed (a few times at most). Returns the token."""
    opened = await runtime.start("web", language=language)
    for text in steps:
        turn = await runtime.handle(opened.token, text=text)
        for _ in range(5):
            offered = {b.payload for m in turn.replies for b in m.buttons}
            payload = next((p for p in ONWARD if p in offered), None)
            if payload is None or turn.state in ("queued", "with_staff"):
                break
            turn = await runtime.handle(opened.token, payload=payload)
    return opened.token


async def demo_conversations(runtime: Runtime) -> None:
    await walk(runtime, "fi", ["Milloin kirjasto on auki?"])
    await walk(runtime, "fi", ["Katuvalo on rikki Kotikadulla", PLACE])
    await walk(runtime, "sv", ["Soptunnan har inte tömts på två veckor", "Torggatan 3"])
    await walk(runtime, "en", ["How many kilos does a moon rock weigh?"])
    await walk(runtime, "fi", ["Roskis jäi tyhjentämättä Torikadulla", "Torikatu 3"])
    await walk(runtime, "fi", ["Tiessä on iso kuoppa Koulukadun kohdalla", "Koulukatu 12"])
    await walk(runtime, "fi", ["Lunta ei ole aurattu Puistotiellä", "Puistotie 4"])


async def clarifying_text(runtime: Runtime) -> str | None:
    """A question the bot answers with choices, found by asking it (then forgotten)."""
    for text in CLARIFY_TRIES:
        opened = await runtime.start("web", language="fi")
        turn = await runtime.handle(opened.token, text=text)
        if any(b.payload.startswith("pick:") for m in turn.replies for b in m.buttons):
            return text
    return None


async def member_of(runtime: Runtime, team: str | None) -> str:
    """A staff account of the team a conversation is with (only that team takes it over),
    added when the dialogue routed it to a team the demo staff are not in."""
    known = {GENERAL: "liisa", STREETS: "pekka"}
    if team is None or team in known:
        return known.get(team or GENERAL, "liisa")
    async with runtime.db.transaction() as session:
        await add_staff(session, "paivi", "Päivi Päivystäjä", PASSWORD, "agent", [team])
    return "paivi"


async def conversation_of(runtime: Runtime, token: str) -> Conversation:
    async with runtime.db.transaction() as session:
        found = await session.scalar(select(Conversation).where(Conversation.token == token))
        assert found is not None
        return found


async def newest_ticket(runtime: Runtime, team: str | None = None) -> Ticket | None:
    async with runtime.db.transaction() as session:
        query = select(Ticket).order_by(Ticket.id.desc()).limit(1)
        if team is not None:
            query = query.where(Ticket.team_id == team)
        return await session.scalar(query)


# -- pictures ---------------------------------------------------------------------------


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


def say(page: Page, text: str) -> None:
    shown = page.locator("#chat-log .msg")
    before = shown.count()
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")
    answered(page, before + 1)


def answered(page: Page, at_least: int) -> None:
    """Wait until the bot (or a person) has said something after the newest message."""
    page.wait_for_function(
        """n => { const all = document.querySelectorAll('#chat-log .msg');
                  return all.length > n && !all[all.length - 1].classList.contains('msg--resident')
                         && document.getElementById('chat-typing').hidden; }""",
        arg=at_least - 1,
    )


def offered(page: Page, payload: str) -> Any:
    return page.locator(f'#chat-log button:enabled[data-payload="{payload}"]').last


def press(page: Page, payload: str) -> None:
    before = page.locator("#chat-log .msg").count()
    offered(page, payload).click()
    answered(page, before + 1)


def lead_on(page: Page, until: str, prefer: Sequence[str], fillers: Sequence[str]) -> None:
    """Press buttons that lead on (or write a filler) until `until` is offered."""
    fill = list(fillers)
    for _ in range(8):
        if offered(page, until).count():
            return
        payload = next((p for p in prefer if offered(page, p).count()), None)
        if payload is not None:
            press(page, payload)
        elif fill:
            say(page, fill.pop(0))
        else:
            break
    expect(offered(page, until)).to_be_visible()


def fresh_chat(page: Page) -> None:
    page.locator("#chat-new").click()
    expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/console/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/console/login"))


def widget_pictures(browser: Browser, server: Server, camera: Camera, clarify: str | None) -> None:
    context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    staff_context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    staff_context.set_default_timeout(WAIT)
    staff = staff_context.new_page()
    try:
        page.goto(server.base_url + "/")
        expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()
        camera.attempt("greeting", lambda: camera.widget(page, "greeting"))

        def answer() -> None:
            say(page, "Milloin kirjasto on auki?")
            expect(offered(page, "helpful:yes")).to_be_visible()
            camera.widget(page, "answer")
            press(page, "helpful:yes")
            camera.widget(page, "feedback")

        camera.attempt("answer", answer)

        def clarifying() -> None:
            if clarify is None:
                raise LookupError("no question made the bot offer choices")
            fresh_chat(page)
            say(page, clarify)
            expect(
                page.locator('#chat-log button:enabled[data-payload^="pick:"]').first
            ).to_be_visible()
            camera.widget(page, "clarify")

        camera.attempt("clarify", clarifying)

        def ticket_form() -> None:
            fresh_chat(page)
            say(page, MATTER)
            lead_on(page, "form:send", ("form:skip", "ticket:yes"), [PLACE])
            camera.widget(page, "ticket-form")
            press(page, "form:send")
            camera.widget(page, "ticket-sent")

        camera.attempt("ticket form", ticket_form)

        def queued() -> None:
            fresh_chat(page)
            say(page, "Haluan puhua ihmisen kanssa")
            lead_on(
                page,
                "queue:cancel",
                ("form:previous", "handoff", "ticket:yes", "form:skip", "form:send"),
                [MATTER, PLACE],
            )
            camera.widget(page, "queued")

        camera.attempt("queued", queued)

        def person_joined() -> None:
            token = page.evaluate("() => localStorage.getItem('kuntabotti.token')")
            conversation = server.call(conversation_of(server.runtime, token))
            taker = server.call(member_of(server.runtime, conversation.team_id))
            sign_in(staff, server.base_url, taker)
            staff.goto(f"{server.base_url}/console/conversations/{conversation.id}")
            staff.locator("#take-over").click()
            expect(page.locator("#chat-notice.chat__notice--staff")).to_be_visible()
            staff.locator("#reply-text").fill(
                "Hei, autan tässä asiassa. Kerro vielä, missä kohtaa tarkalleen?"
            )
            staff.locator('form[action$="/reply"] button[type="submit"]').first.click()
            expect(page.locator("#chat-log .msg--staff")).to_be_visible()
            # The bot is silent while a person holds the chat: wait for the bubble only.
            page.locator("#chat-input").fill("Kotikatu 5:n kohdalla, bussipysäkin vieressä.")
            page.locator("#chat-input").press("Enter")
            expect(page.locator("#chat-log .msg").last).to_contain_text("bussipysäkin")
            camera.widget(page, "person-joined")
            staff.goto(f"{server.base_url}/console/conversations/{conversation.id}")
            expect(staff.locator("h1")).to_be_visible()
            camera.shot(staff, "console-conversation.png", full_page=True)

        camera.attempt("person joined", person_joined)
    finally:
        context.close()
        staff_context.close()


def console_pictures(browser: Browser, server: Server, camera: Camera) -> None:
    context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    base = server.base_url
    try:
        page.goto(base + "/console/login")
        camera.attempt("login", lambda: camera.shot(page, "console-login.png"))
        sign_in(page, base, "pekka")
        pages = [("queue", "/console/queue")]
        ticket = server.call(newest_ticket(server.runtime, STREETS))
        ticket = ticket or server.call(newest_ticket(server.runtime))
        if ticket is not None:
            pages.append(("ticket", f"/console/tickets/{ticket.number}"))
        else:
            camera.missed.append("ticket: the demo conversations made no ticket")
        pages.append(("dashboard", "/console/dashboard"))
        for name, path in pages:
            camera.attempt(name, lambda p=path, n=name: camera.console(page, base + p, n))
        context.clear_cookies()
        sign_in(page, base, "admin")
        for name, path in [
            ("admin-staff", "/console/admin/staff"),
            ("admin-teams", "/console/admin/teams"),
            ("canned-replies", f"/console/teams/{GENERAL}/replies"),
        ]:
            camera.attempt(name, lambda p=path, n=name: camera.console(page, base + p, n))
    finally:
        context.close()


@contextmanager
def running(database_url: str, models: Path) -> Iterator[Server]:
    content = load_valid_content(ROOT / "data")
    target, seconds = train_model(content, models, if_needed=True)
    print(f"model {target.name} ({'reused' if seconds is None else f'trained in {seconds:.0f} s'})")
    database = Database(database_url, clock=demo_clock())
    server = Server(Runtime(database, content, ModelHandle(NLUModel.load(target))))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def take_pictures(database_url: str, models: Path, camera: Camera) -> None:
    with running(database_url, models) as server:
        runtime = server.runtime
        server.call(add_people(runtime))
        server.call(demo_conversations(runtime))
        clarify = server.call(clarifying_text(runtime))
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
            try:
                widget_pictures(browser, server, camera, clarify)
                console_pictures(browser, server, camera)
            finally:
                browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kuntabotti-shots-") as tmp:
        camera = Camera(args.out)
        take_pictures(f"sqlite:///{Path(tmp) / 'demo.db'}", args.models, camera)
    print(f"{len(camera.saved)} pictures in {args.out}")
    for missed in camera.missed:
        print(f"not taken: {missed}", file=sys.stderr)
    return 1 if camera.missed else 0


if __name__ == "__main__":
    sys.exit(main())
