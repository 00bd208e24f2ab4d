"""The hub across workers: PostgreSQL LISTEN/NOTIFY between the worker processes.

Every worker keeps one dedicated connection that LISTENs on `kuntabotti_hub` and also sends
this worker's NOTIFYs, so what one worker publishes reaches the sockets of all others. A
notification carries message ids only (payloads are limited to 8000 bytes); the receiving
worker reads the messages from the store, where they were committed before the publish.
Topic events are small dicts and travel whole.

Notifications are hints, like the hub itself: while the connection is down, other workers'
notifications are missed (an open client shows those messages when it reconnects or the
conversation moves on) and our own wait in a bounded outbox until it is back.

SQLite has no second process to talk to, so `install_bridge` only acts on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from aiohttp import web
from sqlalchemy import make_url, select

from bot.hub import Hub, TopicEvent
from bot.replies import OutMessage, out_message
from bot.runtime import Runtime
from taskstore import Conversation, Database, Message, async_url

CHANNEL = "kuntabotti_hub"
MAX_PAYLOAD = 7999  # bytes; PostgreSQL refuses a NOTIFY payload of 8000 or more
IDS_PER_NOTICE = 300  # even 300 ids of 19 digits leave room for a 64-character token
OUTBOX_LIMIT = 1000  # our notifications waiting for the connection; older ones give way
INBOX_LIMIT = 1000  # other workers' notifications waiting for a store read
KEEPALIVE = 30.0  # seconds; an idle connection is pinged so that a dead one shows up
CONNECT_TIMEOUT = 10.0
CLOSE_TIMEOUT = 2.0
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 30.0
# Query parameters SQLAlchemy's asyncpg dialect consumes itself; asyncpg would pass unknown
# ones to the server as settings, which it refuses.
_SQLALCHEMY_ONLY = {"prepared_statement_cache_size", "prepared_statement_name_func"}

Loader = Callable[[str, list[int]], Awaitable[list[OutMessage]]]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Messages:
    token: str
    ids: list[int]


@dataclass(frozen=True)
class _Topic:
    topic: str
    data: TopicEvent


def asyncpg_dsn(database_url: str) -> str:
    """The plain postgresql:// DSN asyncpg.connect takes, from any URL Database accepts."""
    url = make_url(async_url(database_url))
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"not a PostgreSQL URL: {url.get_backend_name()}")
    query = {k: v for k, v in url.query.items() if k not in _SQLALCHEMY_ONLY}
    return url.set(drivername="postgresql", query=query).render_as_string(hide_password=False)


def store_loader(db: Database) -> Loader:
    """Reads notified messages back, only those of the named conversation, oldest first."""

    async def load(token: str, ids: list[int]) -> list[OutMessage]:
        async with db.transaction() as session:
            rows = await session.scalars(
                select(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Conversation.token == token, Message.id.in_(ids))
                .order_by(Message.id)
            )
            return [out_message(m) for m in rows]

    return load


class PgBridge:
    """Attaches itself to `hub` while started; see the module docstring."""

    def __init__(
        self,
        dsn: str,
        hub: Hub,
        loader: Loader,
        *,
        worker_id: str | None = None,
        backoff: float = BACKOFF_FIRST,
        backoff_max: float = BACKOFF_MAX,
        keepalive: float = KEEPALIVE,
    ) -> None:
        self.dsn = dsn
        self.hub = hub
        self.loader = loader
        # Random, not just the pid: two runtimes in one process are two workers too.
        self.worker_id = worker_id or f"{os.getpid()}-{secrets.token_hex(4)}"
        self._backoff, self._backoff_max, self._keepalive = backoff, backoff_max, keepalive
        self._outbox: deque[str] = deque()
        self._dropping = False
        self._wake = asyncio.Event()
        # One queue for both kinds, so events leave here in the order they were sent.
        self._inbox: asyncio.Queue[_Messages | _Topic] = asyncio.Queue(INBOX_LIMIT)
        self._conn: Any = None  # the asyncpg connection while it is LISTENing
        self._tried = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def backend_pid(self) -> int | None:
        """The server process of the connection while it listens (for logs and tests)."""
        return None if self._conn is None else int(self._conn.get_server_pid())

    async def start(self) -> None:
        """Returns once the first connection attempt is over; a failed one is retried in
        the background, so a database that is late does not stop the worker."""
        if self._tasks:
            return
        self.hub.attach(self)
        self._tasks = [
            asyncio.create_task(self._connection(), name="hub bridge connection"),
            asyncio.create_task(self._deliver(), name="hub bridge delivery"),
        ]
        await self._tried.wait()

    async def stop(self) -> None:
        self.hub.detach(self)
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- sending ------------------------------------------------------------------------

    def notify(self, token: str, message_ids: list[int]) -> None:
        for start in range(0, len(message_ids), IDS_PER_NOTICE):
            chunk = message_ids[start : start + IDS_PER_NOTICE]
            self._send({"w": self.worker_id, "t": token, "ids": chunk})

    def notify_topic(self, topic: str, data: TopicEvent) -> None:
        self._send({"w": self.worker_id, "topic": topic, "data": data})

    def _send(self, event: dict[str, Any]) -> None:
        payload = json.dumps(event, separators=(",", ":"))  # ASCII: characters are bytes
        if len(payload) > MAX_PAYLOAD:
            raise ValueError(f"hub event of {len(payload)} bytes; NOTIFY takes {MAX_PAYLOAD}")
        if len(self._outbox) >= OUTBOX_LIMIT:
            self._outbox.popleft()
            if not self._dropping:
                log.warning("hub bridge: outbox full, dropping the oldest notifications")
                self._dropping = True
        self._outbox.append(payload)
        self._wake.set()

    async def _connection(self) -> None:
        """Connect, LISTEN and send until the connection fails; then again, with backoff."""
        delay = self._backoff
        while True:
            try:
                conn = await asyncpg.connect(
                    self.dsn,
                    timeout=CONNECT_TIMEOUT,
                    # Shows in pg_stat_activity, so an operator can tell these apart.
                    server_settings={"application_name": f"kuntabotti-hub {self.worker_id}"},
                )
                try:
                    await conn.add_listener(CHANNEL, self._on_notification)
                    conn.add_termination_listener(lambda _: self._wake.set())
                    self._conn = conn
                    self._tried.set()
                    delay = self._backoff
                    log.info("hub bridge %s: listening on %s", self.worker_id, CHANNEL)
                    await self._pump(conn)
                finally:
                    self._conn = None
                    await _close(conn)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("hub bridge: no PostgreSQL connection (%r); retry in %g s", exc, delay)
            except Exception:  # a bug here must not end cross-worker delivery for good
                log.exception("hub bridge: unexpected error; retry in %g s", delay)
            self._tried.set()
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._backoff_max)

    async def _pump(self, conn: Any) -> None:
        while not conn.is_closed():
            while self._outbox:
                # Outside any transaction: each NOTIFY goes out at once, in order.
                await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, self._outbox[0])
                self._outbox.popleft()  # only once sent: a failed one is sent after reconnect
            self._dropping = False
            self._wake.clear()  # no await since the outbox was seen empty: nothing is missed
            try:
                await asyncio.wait_for(self._wake.wait(), self._keepalive)
            except TimeoutError:
                await conn.execute("SELECT 1")
        raise ConnectionError("connection closed")

    # -- receiving ----------------------------------------------------------------------

    def _on_notification(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            event = json.loads(payload)
        except ValueError:
            log.warning("hub bridge: ignoring a notification that is not JSON")
            return
        if not isinstance(event, dict) or event.get("w") == self.worker_id:
            return  # our own: publish() has delivered it here already
        item = _parse(event)
        if item is None:
            log.warning("hub bridge: ignoring a malformed notification")
            return
        if isinstance(item, _Messages) and not self.hub.has_subscribers(item.token):
            return  # the common case: nobody here shows that conversation
        if isinstance(item, _Topic) and not self.hub.has_topic_subscribers(item.topic):
            return
        try:
            self._inbox.put_nowait(item)
        except asyncio.QueueFull:
            log.warning("hub bridge: inbox full, dropping a notification")

    async def _deliver(self) -> None:
        while True:
            item = await self._inbox.get()
            if isinstance(item, _Topic):
                self.hub.deliver_topic_local(item.topic, item.data)
                continue
            if not self.hub.has_subscribers(item.token):  # gone while waiting
                continue
            try:
                messages = await self.loader(item.token, item.ids)
            except Exception:  # stored all the same: the client sees them when it reconnects
                log.exception("hub bridge: reading notified messages failed")
                continue
            self.hub.deliver_local(item.token, messages)


def _parse(event: dict[str, Any]) -> _Messages | _Topic | None:
    token, ids = event.get("t"), event.get("ids")
    if isinstance(token, str) and isinstance(ids, list):
        if not all(type(i) is int for i in ids):
            return None
        return _Messages(token, ids)
    topic, data = event.get("topic"), event.get("data")
    if isinstance(topic, str) and isinstance(data, dict):
        return _Topic(topic, data)
    return None


async def _close(conn: Any) -> None:
    if conn.is_closed():
        return
    # A failed close() has aborted the connection itself: nothing is left to clean up.
    with contextlib.suppress(Exception):
        await conn.close(timeout=CLOSE_TIMEOUT)


def install_bridge(runtime: Runtime) -> Callable[[web.Application], None] | None:
    """An aiohttp installer that runs a bridge with the app, or None off PostgreSQL."""
    if runtime.db.engine.dialect.name != "postgresql":
        return None
    bridge = PgBridge(asyncpg_dsn(runtime.db.url), runtime.hub, store_loader(runtime.db))

    def install(app: web.Application) -> None:
        async def start(_: web.Application) -> None:
            await bridge.start()

        async def stop(_: web.Application) -> None:
            await bridge.stop()

        app.on_startup.append(start)
        app.on_cleanup.append(stop)

    return install
