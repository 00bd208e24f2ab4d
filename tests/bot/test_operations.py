"""What city IT watches (bot/operations.py), over real HTTP: /metrics counts turns and
reads the store's queues; it is closed to other machines unless METRICS_TOKEN is given;
/readyz is 503 while the store does not answer."""

from __future__ import annotations

import re

import aiohttp
import httpx
import pytest
from aiohttp import web

from bot.runtime import Runtime
from content import Content
from kuntabotti.app import build_app
from nlu import ModelHandle, NLUModel
from taskstore import Database
from tests.helpers.console_kit import GENERAL, Console
from tests.helpers.live import LiveServer
from tests.helpers.rest_client import Chat


def figure(text: str, name: str, **labels: str) -> float:
    """A sample's value in Prometheus' text format (0 when absent)."""
    shown = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = re.escape(name + (f"{{{shown}}}" if labels else "")) + r" ([0-9.e+-]+)$"
    found = re.search(pattern, text, re.M)
    return float(found.group(1)) if found else 0.0


def scrape(server: LiveServer, **headers: str) -> httpx.Response:
    return httpx.get(server.base_url + "/metrics", headers=headers, timeout=30)


def test_metrics_count_turns_and_read_the_queues(console: Console) -> None:
    server = console.server
    before = scrape(server)
    assert before.status_code == 200 and before.headers["content-type"].startswith("text/plain")
    answered = figure(before.text, "kuntabotti_turns_total", channel="rest", outcome="answered")
    fallback = figure(before.text, "kuntabotti_turns_total", channel="rest", outcome="fallback")
    chat = Chat(server, "en")
    chat.send("When is the library open?")
    chat.send("Flibbertigibbet quux zorp?")
    ticket = console.ticket(GENERAL)
    after = scrape(server).text
    assert figure(after, "kuntabotti_turns_total", channel="rest", outcome="answered") == (
        answered + 1
    )
    assert figure(after, "kuntabotti_turns_total", channel="rest", outcome="fallback") == (
        fallback + 1
    )
    assert figure(after, "kuntabotti_turn_seconds_count") >= 2
    assert figure(after, "kuntabotti_open_tickets", status="new", team=GENERAL) >= 1
    assert figure(after, "kuntabotti_tickets_created_total") >= 1 and ticket.number
    assert "kuntabotti_tickets_past_due" in after and "kuntabotti_content_version" in after


def test_metrics_need_the_token_once_one_is_set(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "scrape-me-please")
    assert scrape(live_server).status_code == 403
    assert scrape(live_server, Authorization="Bearer wrong").status_code == 403
    assert scrape(live_server, Authorization="Bearer scrape-me-please").status_code == 200
    ready = httpx.get(live_server.base_url + "/readyz", timeout=30)
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


async def test_not_ready_while_the_store_does_not_answer(content: Content, model: NLUModel) -> None:
    nowhere = Database("postgresql://postgres@127.0.0.1:9/nothing_listens")
    app = build_app(Runtime(nowhere, content, ModelHandle(model)))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                assert response.status == 503
                assert (await response.json())["status"] == "the store does not answer"
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200  # alive, only not ready
    finally:
        await runner.cleanup()
        await nowhere.close()
