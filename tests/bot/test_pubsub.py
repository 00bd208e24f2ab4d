"""The hub across workers: two runtimes on one PostgreSQL database, each with its bridge."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from aiohttp import web

from bot.hub import TopicEvent
from bot.pubsub import (
    CHANNEL,
    MAX_PAYLOAD,
    PgBridge,
    asyncpg_dsn,
    install_bridge,
    store_loader,
)
from bot.replies import OutMessage
from bot.runtime import Runtime
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Database

TIMEOUT = 20.0
QUESTION = "Milloin kirjasto on auki?"
T = TypeVar("T")


@dataclass
class Worker:
    runtime: Runtime
    bridge: PgBridge


async def new_worker(url: str, content: Content, model: NLUModel) -> Worker:
    runtime = Runtime(Database(url), content, ModelHandle(model))
    # A short backoff keeps the reconnect tests quick; the default is for production.
    bridge = PgBridge(asyncpg_dsn(url), runtime.hub, store_loader(runtime.db), backoff=0.05)
    return Worker(runtime, bridge)


@pytest.fixture
async def workers(
    pg_database_url: str, content: Content, model: NLUModel
) -> AsyncIterator[tuple[Worker, Worker]]:
    a = await new_worker(pg_database_url, content, model)
    await a.runtime.prepare()
    b = await new_worker(pg_database_url, content, model)
    await a.bridge.start()
    await b.bridge.start()
    try:
        yield a, b
    finally:
        for w in (a, b):
            await w.bridge.stop()
            await w.runtime.db.close()


async def get(queue: asyncio.Queue[T]) -> T:
    return await asyncio.wait_for(queue.get(), TIMEOUT)


def drain(queue: asyncio.Queue[T]) -> list[T]:
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


async def until(condition: Callable[[], bool]) -> None:
    """Polls a condition nothing announces (a reconnect), within the timeout."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), TIMEOUT)


async def barrier(sender: Worker, receiver: Worker, name: str) -> None:
    """Everything `sender` published before has been handled by `receiver`'s bridge: one
    connection sends in order, PostgreSQL delivers in order, one inbox hands out in order."""
    queue = receiver.runtime.hub.subscribe_topic(name)
    try:
        sender.runtime.hub.publish_topic(name, {"kind": "barrier"})
        assert await get(queue) == {"kind": "barrier"}
    finally:
        receiver.runtime.hub.unsubscribe_topic(name, queue)


async def new_conversation(a: Worker, b: Worker) -> tuple[str, asyncio.Queue[OutMessage]]:
    """A conversation opened on A with a subscriber on B, past the greeting: B subscribed
    after A published it, so B may or may not have seen it (as a web-chat socket may)."""
    opened = await a.runtime.start("web", language="fi")
    queue = b.runtime.hub.subscribe(opened.token)
    await barrier(a, b, "test:greeting")
    greeting = [m.id for m in opened.replies]
    assert [m.id for m in drain(queue)] in ([], greeting)
    return opened.token, queue


async def take(queue: asyncio.Queue[OutMessage], n: int) -> list[OutMessage]:
    return [await get(queue) for _ in range(n)]


def texts(messages: list[OutMessage]) -> list[tuple[int, str, str]]:
    return [(m.id, m.author, m.text) for m in messages]


async def test_a_turn_on_one_worker_reaches_a_socket_on_another(
    workers: tuple[Worker, Worker],
) -> None:
    a, b = workers
    token, queue = await new_conversation(a, b)

    turn = await a.runtime.handle(token, text=QUESTION)
    assert turn.replies
    received = await take(queue, 1 + len(turn.replies))

    assert received[0].id == turn.message_id
    assert (received[0].author, received[0].text) == ("resident", QUESTION)
    assert texts(received[1:]) == texts(turn.replies)
    assert any("kirjasto" in m.text.lower() for m in turn.replies)
    assert received == await a.runtime.messages_since(token, turn.message_id - 1)

    # Each once: the next turn's first message is the very next thing B hands out.
    second = await a.runtime.handle(token, text="Kiitos")
    received = await take(queue, 1 + len(second.replies))
    assert [m.id for m in received] == [second.message_id, *[r.id for r in second.replies]]
    await barrier(a, b, "test:after")
    assert drain(queue) == []


async def test_a_topic_event_crosses_workers(workers: tuple[Worker, Worker]) -> None:
    a, b = workers
    on_b = b.runtime.hub.subscribe_topic("team:kirjasto")
    other_on_b = b.runtime.hub.subscribe_topic("team:opetus")
    on_a = a.runtime.hub.subscribe_topic("team:kirjasto")

    a.runtime.hub.publish_topic("team:kirjasto", {"kind": "queue_changed", "ticket": 7})

    assert await get(on_b) == {"kind": "queue_changed", "ticket": 7}
    assert await get(on_a) == {"kind": "queue_changed", "ticket": 7}
    await barrier(a, b, "test:after")
    assert drain(other_on_b) == []
    assert drain(on_b) == []


async def test_a_worker_does_not_receive_its_own_notifications_again(
    workers: tuple[Worker, Worker],
) -> None:
    a, b = workers
    token, on_b = await new_conversation(a, b)
    on_a = a.runtime.hub.subscribe(token)
    topic_on_a = a.runtime.hub.subscribe_topic("team:kirjasto")
    topic_on_b = b.runtime.hub.subscribe_topic("team:kirjasto")

    turn = await a.runtime.handle(token, text=QUESTION)
    a.runtime.hub.publish_topic("team:kirjasto", {"kind": "queue_changed"})
    expected = [turn.message_id, *[r.id for r in turn.replies]]
    # B has them, so A's own notifications are in PostgreSQL's queue ahead of B's barrier;
    # once A has the barrier, an echo of its own would have arrived before it.
    assert [m.id for m in await take(on_b, len(expected))] == expected
    assert await get(topic_on_b) == {"kind": "queue_changed"}
    await barrier(b, a, "test:echo")

    assert [m.id for m in drain(on_a)] == expected
    assert drain(topic_on_a) == [{"kind": "queue_changed"}]


async def test_the_bridge_survives_its_connection_being_terminated(
    workers: tuple[Worker, Worker], pg_database_url: str
) -> None:
    a, b = workers
    token, queue = await new_conversation(a, b)
    admin = await asyncpg.connect(asyncpg_dsn(pg_database_url))
    try:

        async def terminate(worker: Worker) -> int:
            pid = worker.bridge.backend_pid
            assert pid is not None
            # With a timeout PostgreSQL waits until the backend is gone.
            assert await admin.fetchval("SELECT pg_terminate_backend($1, 10000)", pid)
            return pid

        # B's listening connection: no notification reaches B until it is back.
        old = await terminate(b)
        await until(lambda: b.bridge.backend_pid not in (None, old))
        # A's: what A publishes before it notices waits in the outbox and goes out after.
        await terminate(a)
        turn = await a.runtime.handle(token, text=QUESTION)
    finally:
        await admin.close()

    received = await take(queue, 1 + len(turn.replies))
    assert received[0].text == QUESTION
    assert texts(received[1:]) == texts(turn.replies)
    await barrier(a, b, "test:after")
    assert drain(queue) == []


async def test_large_batches_go_out_in_chunks_under_the_payload_limit(
    workers: tuple[Worker, Worker], pg_database_url: str
) -> None:
    a, _ = workers
    listener = await asyncpg.connect(asyncpg_dsn(pg_database_url))
    payloads: asyncio.Queue[str] = asyncio.Queue()
    try:
        await listener.add_listener(CHANNEL, lambda *args: payloads.put_nowait(args[3]))
        ids = list(range(10**18, 10**18 + 1000))  # the widest ids a bigint holds
        a.bridge.notify("t" * 64, ids)
        seen: list[int] = []
        while len(seen) < len(ids):
            payload = await get(payloads)
            assert len(payload.encode()) <= MAX_PAYLOAD
            event: dict[str, Any] = json.loads(payload)
            assert (event["w"], event["t"]) == (a.bridge.worker_id, "t" * 64)
            seen += event["ids"]
        assert seen == ids
    finally:
        await listener.close()
    with pytest.raises(ValueError, match="NOTIFY"):
        a.runtime.hub.publish_topic("team:x", {"blob": "x" * MAX_PAYLOAD})


async def test_install_bridge_runs_with_the_app_on_postgresql_only(
    workers: tuple[Worker, Worker],
    pg_database_url: str,
    tmp_path: Path,
    content: Content,
    model: NLUModel,
) -> None:
    sqlite = Runtime(Database(f"sqlite:///{tmp_path / 'x.db'}"), content, ModelHandle(model))
    assert install_bridge(sqlite) is None
    await sqlite.db.close()

    _, b = workers
    served = Runtime(Database(pg_database_url), content, ModelHandle(model))
    installer = install_bridge(served)
    assert installer is not None
    app = web.Application()
    installer(app)
    runner = web.AppRunner(app)
    await runner.setup()  # on_startup: the bridge connects and attaches
    try:
        on_b = b.runtime.hub.subscribe_topic("team:kirjasto")
        event: TopicEvent = {"kind": "queue_changed"}
        served.hub.publish_topic("team:kirjasto", event)
        assert await get(on_b) == event
        await hub_connections(pg_database_url, 3)  # A's, B's and the app's
    finally:
        await runner.cleanup()  # on_cleanup: the bridge closes its connection
        await served.db.close()
    await hub_connections(pg_database_url, 2)


async def hub_connections(url: str, expected: int) -> None:
    """Until the server counts `expected` bridge connections (a closed backend takes a
    moment to leave pg_stat_activity)."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    count = -1

    async def poll() -> None:
        nonlocal count
        while count != expected:
            count = await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database()"
                " AND application_name LIKE 'kuntabotti-hub %'"
            )
            if count != expected:
                await asyncio.sleep(0.02)

    try:
        await asyncio.wait_for(poll(), TIMEOUT)
    finally:
        await conn.close()


def test_the_dsn_is_plain_postgresql() -> None:
    url = "postgresql+asyncpg://kb:s3cret@db.example:5433/kunta?prepared_statement_cache_size=0"
    assert asyncpg_dsn(url) == "postgresql://kb:s3cret@db.example:5433/kunta"
    assert asyncpg_dsn("postgres://kb@h/k?sslmode=require") == "postgresql://kb@h/k?sslmode=require"
    with pytest.raises(ValueError):
        asyncpg_dsn("sqlite:///kuntabotti.db")
