"""A stand-in for the Telegram Bot API, so tests run the real python-telegram-bot offline.

It serves `/bot{token}/{method}` on a loopback port from its own thread and event loop:
the bot under test may run on the test's loop or on a live server's loop, and a blocking
test must not freeze the API the bot is waiting for. It answers what the channel uses
(getMe, long-polling getUpdates, sendMessage, answerCallbackQuery, webhook methods) with
complete objects, because PTB validates what comes back, and records every call.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web

TOKEN = "123456:TEST-standin-token"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Kuntabotti",
    "username": "kuntabotti_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Parameters PTB sends JSON-encoded; every other form value is a plain string (message text).
JSON_PARAMS = {
    "chat_id",
    "offset",
    "limit",
    "timeout",
    "allowed_updates",
    "reply_markup",
    "drop_pending_updates",
    "max_connections",
    "message_id",
    "show_alert",
}


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]


class TelegramStandIn:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.webhook_url = ""
        self.blocked: set[int] = set()  # chats whose user blocked the bot: sendMessage fails
        self._lock = threading.Lock()
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._message_ids = itertools.count(1000)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """What `TelegramChannel(base_url=...)` takes: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> TelegramStandIn:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        # A long poll whose client went away (a poller handed over) still waits: end it.
        asyncio.run_coroutine_threadsafe(_cancel_the_rest(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        # The Event belongs to this loop; made here so waiting on it works on any Python.
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_get("/bot{token}/{method}", self._api)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    # -- what tests use ------------------------------------------------------------------------

    def queue(self, update: dict[str, Any]) -> None:
        """Hand an update to the next (or the waiting) getUpdates; safe from any thread."""

        def add() -> None:
            self._updates.append(update)
            self._new_update.set()

        self._loop.call_soon_threadsafe(add)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def sent_texts(self) -> list[str]:
        return [str(c.params.get("text", "")) for c in self.calls_to("sendMessage")]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 15, after: int = 0
    ) -> list[Call]:
        """Block until `count` calls of `method` beyond the first `after` were recorded."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.calls_to(method)[after:]
            if len(calls) >= count:
                return calls
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} x {method} not seen in {timeout} s; got {calls}")
            time.sleep(0.02)

    async def await_for(
        self, method: str, count: int = 1, timeout: float = 15, after: int = 0
    ) -> list[Call]:
        """`wait_for` for async tests: yields to the bot running on the caller's loop."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.calls_to(method)[after:]
            if len(calls) >= count:
                return calls
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} x {method} not seen in {timeout} s; got {calls}")
            await asyncio.sleep(0.02)

    # -- the Bot API ---------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        with self._lock:
            self.calls.append(Call(method, params))
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        if method == "sendMessage" and params.get("chat_id") in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        answer = self._answers().get(method)
        return _ok(answer(params) if answer else True)

    def _answers(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "getMe": lambda _: BOT_USER,
            "sendMessage": self._send_message,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": lambda _: {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            },
        }

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        # Telegram forgets what an offset confirms.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout", 0)))
            except TimeoutError:
                return []
        limit = int(params.get("limit") or 100)
        return [u for u in self._updates if u["update_id"] >= offset][:limit]

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": params["chat_id"], "type": "private"},
            "from": BOT_USER,
            "text": params["text"],
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = str(params["url"])
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = ""
        return True


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else ""
        params[key] = json.loads(text) if key in JSON_PARAMS else text
    return params


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description}, status=status
    )


# -- realistic updates, as Telegram sends them ---------------------------------------------------

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def user(user_id: int, language_code: str | None = "fi") -> dict[str, Any]:
    found: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Asukas"}
    if language_code is not None:
        found["language_code"] = language_code
    return found


def message(chat_id: int, language_code: str | None = "fi", **fields: Any) -> dict[str, Any]:
    """A private-chat message from user `chat_id` with the given content fields."""
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Asukas"},
        "from": user(chat_id, language_code),
        **fields,
    }


def update(**fields: Any) -> dict[str, Any]:
    return {"update_id": next(_update_ids), **fields}


def text_update(chat_id: int, text: str, language_code: str | None = "fi") -> dict[str, Any]:
    return update(message=message(chat_id, language_code, text=text))


def command_update(chat_id: int, command: str, language_code: str | None = "fi") -> dict[str, Any]:
    """`command` like "/start"; Telegram marks it with a bot_command entity."""
    name = command.split()[0]
    entity = {"type": "bot_command", "offset": 0, "length": len(name)}
    return update(message=message(chat_id, language_code, text=command, entities=[entity]))


def callback_update(
    chat_id: int, data: str, message_id: int = 1000, language_code: str | None = "fi"
) -> dict[str, Any]:
    """A press of an inline button under the bot's message `message_id`."""
    pressed_under = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Asukas"},
        "from": BOT_USER,
        "text": "…",
    }
    query = {
        "id": f"cq-{next(_update_ids)}",
        "from": user(chat_id, language_code),
        "chat_instance": f"ci-{chat_id}",
        "message": pressed_under,
        "data": data,
    }
    return update(callback_query=query)


def photo_update(chat_id: int, language_code: str | None = "fi") -> dict[str, Any]:
    sizes = [
        {"file_id": f"ph{w}", "file_unique_id": f"u{w}", "width": w, "height": w, "file_size": w}
        for w in (90, 320, 800)
    ]
    return update(message=message(chat_id, language_code, photo=sizes, caption="katso"))


def sticker_update(chat_id: int, language_code: str | None = "fi") -> dict[str, Any]:
    sticker = {
        "file_id": "st1",
        "file_unique_id": "stu1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return update(message=message(chat_id, language_code, sticker=sticker))


def location_update(chat_id: int, language_code: str | None = "fi") -> dict[str, Any]:
    return update(
        message=message(chat_id, language_code, location={"latitude": 60.2, "longitude": 24.9})
    )


def edited_update(chat_id: int, text: str, language_code: str | None = "fi") -> dict[str, Any]:
    edited = message(chat_id, language_code, text=text, edit_date=int(time.time()))
    return update(edited_message=edited)


async def _cancel_the_rest() -> None:
    rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)


@pytest.fixture
def standin() -> Iterator[TelegramStandIn]:
    """A running stand-in of the Bot API for one test."""
    server = TelegramStandIn().start()
    yield server
    server.stop()
