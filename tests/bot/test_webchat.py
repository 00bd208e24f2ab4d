"""Web chat end to end: a real server (tests/helpers/live.py), the real model, headless Chromium.

Buttons are found by their payload (`data-payload`), not their labels, so the tests do not
depend on the dialogue's wording; texts are checked where the language is the point.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import aiohttp
import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect
from sqlalchemy import func, select

from bot.replies import out_message
from taskstore import store
from taskstore.models import AnswerFeedback, Conversation, Message, Resident, Ticket
from tests.helpers.browser import WAIT
from tests.helpers.live import LiveServer

T = TypeVar("T")

TICKET = re.compile(r"KB-\d{4}-\d{6}")


def open_chat(
    browser: Browser, server: LiveServer, width: int = 1280, height: int = 900
) -> Iterator[Page]:
    """A Finnish browser with the web chat connected, closed when the caller is done."""
    context = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height})
    context.set_default_timeout(WAIT)
    page = context.new_page()
    page.goto(server.base_url + "/")
    connected(page)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    yield from open_chat(browser, live_server)


def connected(page: Page) -> None:
    """The socket said hello and the greeting (or backlog) is shown. A new conversation has
    no token yet: it is stored with the resident's first message."""
    expect(page.locator("#chat-log .msg--bot").first).to_be_visible()


def say(page: Page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")
    expect(page.locator("#chat-log .msg--resident .msg__text").last).to_have_text(text)


def button(page: Page, payload: str) -> Any:
    return page.locator(f'#chat-log button[data-payload="{payload}"]:enabled').last


def press(page: Page, payload: str) -> None:
    """Click an offered quick reply and wait until the bot has answered it."""
    bots = page.locator("#chat-log .msg--bot")
    before = bots.count()
    button(page, payload).click()
    expect(page.locator("#chat-log .msg").last).not_to_have_class(re.compile("msg--resident"))
    expect(bots).not_to_have_count(before)


def start(page: Page, text: str = "Hei") -> str:
    """The resident's first message, answered: the conversation is stored. Its token."""
    bots = page.locator("#chat-log .msg--bot")
    before = bots.count()
    say(page, text)
    expect(bots).not_to_have_count(before)
    return token(page)


def token(page: Page) -> str:
    value = page.evaluate("() => localStorage.getItem('kuntabotti.token')")
    assert isinstance(value, str)
    return value


def rows(server: LiveServer, model: Any, token_: str) -> list[Any]:
    """The rows of one table that belong to the conversation with this token."""

    async def query() -> list[Any]:
        async with server.runtime.db.transaction() as s:
            conversation = await s.scalar(select(Conversation).where(Conversation.token == token_))
            assert conversation is not None
            found = await s.scalars(select(model).where(model.conversation_id == conversation.id))
            return list(found.all())

    return server.call(query())


def conversation(server: LiveServer, token_: str) -> Conversation:
    async def query() -> Conversation:
        async with server.runtime.db.transaction() as s:
            found = await s.scalar(select(Conversation).where(Conversation.token == token_))
            assert found is not None
            return found

    return server.call(query())


def test_faq_answer_and_helpful_feedback(page: Page, live_server: LiveServer) -> None:
    expect(page.get_by_text("Keskustelet botin kanssa")).to_be_visible()
    say(page, "Milloin kirjasto on auki?")
    expect(button(page, "helpful:yes")).to_be_visible()
    press(page, "helpful:yes")
    # The press is shown as its label, and old choices are no longer offered.
    expect(page.locator("#chat-log .msg--resident .msg__text").last).to_have_text("Kyllä")
    expect(page.locator('#chat-log button[data-payload="helpful:yes"]').last).to_be_disabled()

    feedback = rows(live_server, AnswerFeedback, token(page))
    assert [(f.helpful, f.language) for f in feedback] == [(True, "fi")]
    assert "kirjasto" in feedback[0].intent


def test_unknown_question_becomes_a_ticket(page: Page, live_server: LiveServer) -> None:
    say(page, "Paljonko painaa kuu kiloina?")
    expect(button(page, "handoff")).to_be_visible()  # a first miss: other words, or a person
    say(page, "Paljonko painaa kuu kiloina?")
    offer = page.locator(
        '#chat-log button:enabled[data-payload="ticket:yes"], '
        '#chat-log button:enabled[data-payload="none"]'
    )
    expect(offer.last).to_be_visible()
    if offer.last.get_attribute("data-payload") == "none":  # the bot first offered guesses
        press(page, "none")
    press(page, "ticket:yes")
    press(page, "form:skip")  # no contact details
    press(page, "form:send")

    log = page.locator("#chat-log")
    expect(log).to_contain_text(TICKET)
    number = TICKET.search(log.inner_text())
    assert number is not None
    tickets = rows(live_server, Ticket, token(page))
    assert [t.number for t in tickets] == [number.group()]
    assert "kuu kiloina" in tickets[0].description


def test_reload_resumes_the_conversation(page: Page) -> None:
    say(page, "Milloin kirjasto on auki?")
    expect(button(page, "helpful:yes")).to_be_visible()
    before = page.locator("#chat-log .msg").all_inner_texts()
    first_token = token(page)

    page.reload()
    connected(page)
    expect(page.locator("#chat-log .msg")).to_have_count(len(before))
    assert page.locator("#chat-log .msg").all_inner_texts() == before
    assert token(page) == first_token
    # The unanswered quick replies of the last answer still work after the reload.
    expect(button(page, "helpful:yes")).to_be_enabled()


def test_markup_is_shown_as_text(page: Page) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    evil = "<img src=x onerror=alert(1)> <b>x</b>"
    say(page, evil)
    expect(page.locator("#chat-log .msg--bot").last).to_be_visible()
    assert page.locator("#chat-log img, #chat-log b").count() == 0
    assert alerts == []


def test_keyboard_only(page: Page) -> None:
    page.locator("body").focus()
    for _ in range(30):  # skip link, nav links, language, log, ... then the input
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "chat-input":
            break
    else:
        pytest.fail("Tab never reached the message input")
    page.keyboard.type("Milloin kirjasto on auki?")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log .msg--resident .msg__text").last).to_have_text(
        "Milloin kirjasto on auki?"
    )
    expect(page.locator("#chat-input")).to_be_focused()
    expect(page.locator("#chat-input")).to_have_value("")

    expect(button(page, "helpful:yes")).to_be_visible()
    for _ in range(10):  # back from the input into the newest quick replies
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.dataset.payload") == "helpful:yes":
            break
    else:
        pytest.fail("Shift+Tab never reached the quick reply")
    page.keyboard.press("Space")
    expect(page.locator("#chat-log .msg--resident .msg__text").last).to_have_text("Kyllä")
    expect(page.get_by_text("Hienoa, kiitos palautteesta!")).to_be_visible()
    expect(page.locator("#chat-input")).to_be_focused()


def test_language_selector_switches_widget_and_bot(page: Page, live_server: LiveServer) -> None:
    page.get_by_label("Kieli").select_option("sv")
    expect(page.locator("#chat-title")).to_have_text("Exempelby – fråga oss")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_text("Du chattar med en bot")).to_be_visible()
    expect(page.get_by_label("Skriv ett meddelande")).to_be_visible()
    expect(page.locator("#chat-log .msg--bot .msg__text").last).to_have_text(
        "Okej, vi fortsätter på svenska."
    )

    say(page, "När är biblioteket öppet?")
    expect(button(page, "helpful:yes")).to_have_text("Ja")
    assert conversation(live_server, token(page)).language == "sv"


def test_reconnects_after_the_connection_drops(page: Page) -> None:
    sockets: list[WebSocketRoute] = []

    def through(ws: WebSocketRoute) -> None:
        ws.connect_to_server()  # frames pass through unchanged
        sockets.append(ws)

    page.route_web_socket(re.compile(r"/ws\?"), through)
    page.reload()
    connected(page)
    say(page, "Milloin kirjasto on auki?")
    expect(button(page, "helpful:yes")).to_be_visible()
    shown = page.locator("#chat-log .msg").count()
    first_token = token(page)

    sockets[-1].close(code=1012, reason="restart")  # the page sees the connection drop
    expect(page.locator("#chat-status")).to_have_text("Yhteys palautui.")
    assert len(sockets) == 2
    assert f"token={first_token}" in sockets[1].url and "since=" in sockets[1].url
    assert token(page) == first_token
    expect(page.locator("#chat-log .msg")).to_have_count(shown)  # nothing shown twice
    press(page, "helpful:yes")
    expect(page.get_by_text("Hienoa, kiitos palautteesta!")).to_be_visible()


def test_staff_reply_arrives_live(page: Page, live_server: LiveServer) -> None:
    key = start(page)

    async def staff_says(text: str) -> None:
        async with live_server.runtime.db.transaction() as s:
            found = await store.conversation_by_token(s, key)
            assert found is not None
            stored = await store.add_message(s, found, "out", "staff", text)
            message = out_message(stored)
        live_server.runtime.hub.publish(key, [message])

    live_server.call(staff_says("Hei, tässä Maija kirjastosta."))
    staff = page.locator("#chat-log .msg--staff")
    expect(staff.locator(".msg__text")).to_have_text("Hei, tässä Maija kirjastosta.")
    expect(staff).to_contain_text("Työntekijä")


def test_screenshot_of_a_conversation(page: Page) -> None:
    say(page, "Mitä pysäköintilupa maksaa?")
    expect(button(page, "helpful:yes")).to_be_visible()
    page.screenshot(path="/tmp/webchat.png", full_page=True)


# -- the websocket itself ---------------------------------------------------------------


async def frames_until(ws: aiohttp.ClientWebSocketResponse, kind: str) -> list[dict[str, Any]]:
    """Frames up to and including the first of type `kind`."""
    got: list[dict[str, Any]] = []
    while True:
        frame = json.loads(await ws.receive_str(timeout=WAIT / 1000))
        got.append(frame)
        if frame["type"] == kind:
            return got


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a client coroutine in its own thread and loop: Playwright's sync API occupies
    this thread's event loop once the browser is up."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=120)


def test_websocket_protocol(live_server: LiveServer) -> None:
    run(websocket_protocol(live_server.base_url + "/ws"))


async def websocket_protocol(url: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url, params={"lang": "en"}) as ws:
            hello = json.loads(await ws.receive_str(timeout=5))
            assert hello["type"] == "hello" and hello["language"] == "en"
            assert hello["token"] is None  # nothing is stored before the resident writes
            greeting = [json.loads(await ws.receive_str(timeout=5)) for _ in range(2)]
            assert [(m["author"], m["id"]) for m in greeting] == [("bot", -2), ("bot", -1)]

            bad = [
                "not json",
                "[1, 2]",
                json.dumps({"type": "shout", "text": "hi"}),
                json.dumps({"type": "text", "text": 5}),
                json.dumps({"type": "text", "text": "   "}),
                json.dumps({"type": "text", "text": "x" * 4001}),
                json.dumps({"type": "button", "payload": "rm -rf"}),
                json.dumps({"type": "button", "payload": "handoff\n"}),
                '{"type": "text", "text": ' + "[" * 5000 + "]" * 5000 + "}",  # too deep
            ]
            for frame in bad:
                await ws.send_str(frame)
                error = json.loads(await ws.receive_str(timeout=5))
                assert error["type"] == "error" and error["error"], frame
            await ws.send_bytes(b"\x00")
            assert json.loads(await ws.receive_str(timeout=5))["type"] == "error"

            # Still open: a good frame starts the conversation, is stored and answered.
            await ws.send_json({"type": "text", "text": "When is the library open?"})
            turn = await frames_until(ws, "state")
            [started] = [f for f in turn if f["type"] == "token"]
            assert turn[0] == started and started["token"]
            messages = [f for f in turn if f["type"] == "message"]
            assert messages[0]["author"] == "resident"
            assert messages[0]["text"] == "When is the library open?"
            assert any(m["author"] == "bot" for m in messages[1:])
            last_seen = messages[0]["id"]

        # Resume: the same token and only what came after `since`.
        params = {"token": started["token"], "since": str(last_seen), "lang": "fi"}
        async with http.ws_connect(url, params=params) as ws:
            again = json.loads(await ws.receive_str(timeout=5))
            assert again == {
                "type": "hello",
                "token": started["token"],
                "language": "en",
                "who": "bot",
                "team": None,
            }
            backlog = json.loads(await ws.receive_str(timeout=5))
            assert backlog["type"] == "message" and backlog["id"] > last_seen

        # An unknown token gets a new conversation instead of an error.
        async with http.ws_connect(url, params={"token": "nope", "lang": "sv"}) as ws:
            fresh = json.loads(await ws.receive_str(timeout=5))
            assert fresh["token"] is None and fresh["language"] == "sv"

        # A frame over the size limit is a protocol violation: the socket is closed.
        async with http.ws_connect(url) as ws:
            await frames_until(ws, "hello")
            await ws.send_str(json.dumps({"type": "text", "text": "y" * 20_000}))
            while (msg := await ws.receive(timeout=5)).type is aiohttp.WSMsgType.TEXT:
                pass
            assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert ws.close_code == 1009


def test_a_visit_that_writes_nothing_stores_nothing(live_server: LiveServer) -> None:
    async def visits() -> None:
        async with aiohttp.ClientSession() as http:
            for _ in range(3):
                async with http.ws_connect(live_server.base_url + "/ws") as ws:
                    frames = [json.loads(await ws.receive_str(timeout=5)) for _ in range(3)]
                    assert [f["type"] for f in frames] == ["hello", "message", "message"]

    run(visits())

    async def counts() -> tuple[int, int, int]:
        async with live_server.runtime.db.transaction() as session:
            return tuple(  # type: ignore[return-value]
                [
                    await session.scalar(select(func.count()).select_from(model))
                    for model in (Resident, Conversation, Message)
                ]
            )

    assert live_server.call(counts()) == (0, 0, 0)


def test_page_and_static_files(live_server: LiveServer) -> None:
    run(page_and_static_files(live_server.base_url))


async def page_and_static_files(base_url: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(base_url + "/") as r:
            assert r.status == 200
            assert "script-src 'self'" in r.headers["Content-Security-Policy"]
            page = await r.text()
            assert "Esimerkkilä" in page and "{{" not in page
        static = ("widget.js", "widget-i18n.js", "widget-text.js", "widget.css", "index.html")
        for path in (f"/static/{name}" for name in static):
            async with http.get(base_url + path) as r:
                assert r.status == 200, path
                assert "frame-ancestors 'self'" in r.headers["Content-Security-Policy"], path
        async with http.get(base_url + "/static/../webchat.py") as r:
            assert r.status in (403, 404)


def test_messages_are_in_the_store(page: Page, live_server: LiveServer) -> None:
    say(page, "Milloin kirjasto on auki?")
    expect(button(page, "helpful:yes")).to_be_visible()
    stored = rows(live_server, Message, token(page))
    shown = page.locator("#chat-log .msg").count()
    assert len(stored) == shown


def test_own_redacted_text_goes_back_only_to_its_socket(live_server: LiveServer) -> None:
    run(own_text(live_server.base_url + "/ws"))


async def own_text(url: str) -> None:
    typed = "My phone is 040 123 4567"
    async with aiohttp.ClientSession() as http, http.ws_connect(url, params={"lang": "en"}) as ws:
        await frames_until(ws, "hello")
        await ws.send_json({"type": "text", "text": "Hello"})
        started = next(f for f in await frames_until(ws, "state") if f["type"] == "token")
        params = {"token": started["token"], "lang": "en", "since": "999999999"}
        async with http.ws_connect(url, params=params) as watcher:
            await frames_until(watcher, "hello")
            await ws.send_json({"type": "text", "text": typed})
            turn = await frames_until(ws, "state")
            echo = next(f for f in turn if f["type"] == "message" and f["author"] == "resident")
            assert echo["author"] == "resident" and echo["text"] == "My phone is [PHONE]"
            own = [f for f in turn if f["type"] == "own"]
            assert own == [{"type": "own", "id": echo["id"], "text": typed}]
            # Another viewer of the same conversation gets the stored text only.
            seen = await frames_until(watcher, "message")
            while seen[-1]["id"] != echo["id"]:
                seen += await frames_until(watcher, "message")
            assert seen[-1]["text"] == "My phone is [PHONE]"
            assert not any(f["type"] == "own" for f in seen)
        # A text stored as typed needs no own frame.
        await ws.send_json({"type": "text", "text": "When is the library open?"})
        assert not any(f["type"] == "own" for f in await frames_until(ws, "state"))


def test_a_socket_from_another_sites_page_is_refused(live_server: LiveServer) -> None:
    async def attempt(origin: str | None) -> int:
        async with aiohttp.ClientSession() as http:
            try:
                async with http.ws_connect(live_server.base_url + "/ws", origin=origin) as ws:
                    assert json.loads(await ws.receive_str(timeout=5))["type"] == "hello"
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert run(attempt("https://evil.example")) == 403
    assert run(attempt(live_server.base_url)) == 101  # the chat's own page
    assert run(attempt(None)) == 101  # no browser, no Origin
