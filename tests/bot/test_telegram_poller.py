"""One Telegram poller among workers (bot/telegram_poller.py): two workers on one store and
the Bot API stand-in; the lease holder polls, the other only sends; when the holder stops
renewing, the other takes over and the next update is answered."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.telegram import TelegramChannel
from bot.telegram_poller import PollingLeader
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Database
from tests.helpers import telegram_standin as tg
from tests.helpers.telegram_standin import TelegramStandIn

CHAT = 5252
START = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def workers(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> AsyncIterator[tuple[Clock, list[tuple[TelegramChannel, PollingLeader]]]]:
    clock = Clock()
    pairs = []
    for name in ("a", "b"):
        db = Database(f"sqlite:///{tmp_path / 'tg.db'}", clock=clock)
        runtime = Runtime(db, content, ModelHandle(model))
        await runtime.prepare()
        channel = TelegramChannel(tg.TOKEN, runtime, base_url=standin.base_url)
        await channel.start_sending()
        pairs.append((channel, PollingLeader(channel, interval=10, holder=name)))
    yield clock, pairs
    for channel, _ in pairs:
        await channel.stop()
        await channel.runtime.db.close()


async def test_one_worker_polls_and_another_takes_over_when_it_stops(
    workers: tuple[Clock, list[tuple[TelegramChannel, PollingLeader]]],
    standin: TelegramStandIn,
) -> None:
    clock, [(a, lead_a), (b, lead_b)] = workers
    assert await lead_a.tick() and a.polling
    assert not await lead_b.tick() and not b.polling  # 409 Conflict never happens
    clock.now += timedelta(seconds=10)
    assert await lead_a.tick() and not await lead_b.tick()  # renewed each round

    await a.stop()  # worker A is gone: it renews no more
    clock.now += timedelta(seconds=29)
    assert not await lead_b.tick()  # the lease has not run out yet
    clock.now += timedelta(seconds=2)
    assert await lead_b.tick() and b.polling
    before = len(standin.calls_to("sendMessage"))
    standin.queue(tg.command_update(CHAT, "/start"))
    (greeting, *_) = await standin.await_for("sendMessage", after=before)
    assert greeting.params["chat_id"] == CHAT
