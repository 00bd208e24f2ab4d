"""Rate limits per client address (bot/limits.py): a flood gets 429 with Retry-After and
stores nothing; another address goes on; limits come from RATE_LIMITS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest
from sqlalchemy import func, select

from bot.limits import DEFAULTS, Limits, Window, parse_limits
from content import Content
from nlu import NLUModel
from taskstore import Conversation, Message
from tests.bot.test_telegram import count
from tests.bot.test_webchat import run
from tests.helpers.console_kit import trust_loopback
from tests.helpers.live import LiveServer, run_live_server


def test_a_window_counts_hits_per_key_and_says_how_long_to_wait() -> None:
    now = [100.0]
    window = Window(2, 60.0, clock=lambda: now[0])
    assert window.wait("a") == 0 and window.wait("a") == 0
    assert window.wait("a") == 60.0  # the oldest hit leaves the window in a minute
    assert window.wait("b") == 0  # another address is not held up
    now[0] += 30
    assert window.wait("a") == 30.0
    now[0] += 30
    assert window.wait("a") == 0


def test_limits_come_from_the_setting_over_the_defaults() -> None:
    assert parse_limits("") == DEFAULTS
    assert parse_limits("conversations=3/10")["conversations"] == (3, 10.0)
    assert parse_limits(" messages=5 ")["messages"] == (5, 60.0)
    for bad in ("flood=1/1", "messages=many/60", "messages"):
        with pytest.raises(ValueError, match="RATE_LIMITS"):
            parse_limits(bad)


@pytest.fixture
def limited(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    yield from run_live_server(
        f"sqlite:///{tmp_path / 'limits.db'}",
        content,
        model,
        extra_routes=[trust_loopback],  # X-Forwarded-For names the client (bot/clients.py)
        limits=Limits(parse_limits("conversations=3/60,messages=4/60,sockets=2/60")),
    )


def client(server: LiveServer, address: str) -> httpx.Client:
    headers = {"X-Forwarded-For": address}
    return httpx.Client(base_url=server.base_url + "/api/v1", headers=headers, timeout=30)


def test_a_flood_from_one_address_is_refused_and_others_go_on(limited: LiveServer) -> None:
    flood = client(limited, "203.0.113.7")
    tokens = [flood.post("/conversations", json={}).json()["token"] for _ in range(3)]
    refused = flood.post("/conversations", json={})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "too many requests" in refused.json()["error"]
    assert limited.call(count(limited.runtime, Conversation)) == 3  # nothing stored for it
    other = client(limited, "198.51.100.4")
    assert other.post("/conversations", json={}).status_code == 201

    for n in range(4):
        sent = flood.post(f"/conversations/{tokens[0]}/messages", json={"text": f"hei {n}"})
        assert sent.status_code == 200
    assert (
        flood.post(f"/conversations/{tokens[0]}/messages", json={"text": "hei"}).status_code == 429
    )

    async def connect(address: str) -> int:
        async with aiohttp.ClientSession() as http:
            try:
                url = limited.base_url + "/ws"
                async with http.ws_connect(url, headers={"X-Forwarded-For": address}):
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert [run(connect("192.0.2.9")) for _ in range(3)] == [101, 101, 429]


def test_web_chat_frames_count_with_the_clients_messages(limited: LiveServer) -> None:
    """A socket is one request: each frame is counted as a message, and one over the limit
    is refused with an error frame and not stored; the socket stays open."""

    async def chat() -> list[str]:
        headers = {"X-Forwarded-For": "192.0.2.44"}
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(limited.base_url + "/ws", headers=headers) as ws,
        ):
            codes = []
            for n in range(5):
                await ws.send_json({"type": "text", "text": f"Kirjaston aukioloajat {n}?"})
                while (frame := await ws.receive_json(timeout=30))["type"] not in (
                    "state",
                    "error",
                ):
                    pass
                codes.append(frame.get("code", "answered"))
            return codes

    assert run(chat()) == ["answered"] * 4 + ["too_many"]

    async def residents_said() -> int:
        async with limited.runtime.db.transaction() as session:
            said = select(func.count()).where(Message.author == "resident")
            return int(await session.scalar(said) or 0)

    assert limited.call(residents_said()) == 4
