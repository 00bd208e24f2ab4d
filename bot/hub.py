"""Live delivery: open web-chat sockets and staff consoles subscribe to what they show.

A cache, not a source of truth: a client that was away asks the store for messages since
the last id it saw, so nothing depends on having been subscribed.

Two kinds of subscription: a conversation (by token) receives its stored messages, a topic
(e.g. `team:<id>`) receives small event dicts such as `{"kind": "queue_changed"}`. Within
one worker that is all; with several workers an attached bridge (bot/pubsub.py) carries
each publish to the other workers, which hand it to their own subscribers with
`deliver_local` / `deliver_topic_local` (never `publish`, which would echo it back).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Protocol

from bot.replies import OutMessage

QUEUE_LIMIT = 1000

TopicEvent = dict[str, Any]


class Bridge(Protocol):
    """Carries publishes to the other workers. Both calls return at once (the sending is
    the bridge's business) and must not deliver to this worker's subscribers."""

    def notify(self, token: str, message_ids: list[int]) -> None: ...

    def notify_topic(self, topic: str, data: TopicEvent) -> None: ...


class Hub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[OutMessage]]] = defaultdict(set)
        self._topics: dict[str, set[asyncio.Queue[TopicEvent]]] = defaultdict(set)
        self._observers: set[asyncio.Queue[OutMessage]] = set()  # staff views, not residents
        self._bridge: Bridge | None = None

    def attach(self, bridge: Bridge) -> None:
        self._bridge = bridge

    def detach(self, bridge: Bridge) -> None:
        if self._bridge is bridge:
            self._bridge = None

    # -- conversations ------------------------------------------------------------------

    def subscribe(self, token: str, *, observer: bool = False) -> asyncio.Queue[OutMessage]:
        """`observer`: a staff view watching the conversation, which does not make the
        resident count as connected (see `resident_connected`)."""
        queue: asyncio.Queue[OutMessage] = asyncio.Queue(QUEUE_LIMIT)
        self._subscribers[token].add(queue)
        if observer:
            self._observers.add(queue)
        return queue

    def unsubscribe(self, token: str, queue: asyncio.Queue[OutMessage]) -> None:
        self._observers.discard(queue)
        queues = self._subscribers.get(token)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._subscribers[token]

    def has_subscribers(self, token: str) -> bool:
        """In this worker only: a subscriber on another worker is invisible here."""
        return bool(self._subscribers.get(token))

    def resident_connected(self, token: str) -> bool:
        """A resident's own client (web chat) is subscribed, in this worker."""
        return any(q not in self._observers for q in self._subscribers.get(token, ()))

    def publish(self, token: str, messages: Iterable[OutMessage]) -> None:
        """Committed messages to every subscriber of the conversation, in every worker."""
        batch = list(messages)  # read once per subscriber and once for the bridge
        self.deliver_local(token, batch)
        if self._bridge is not None and batch:
            self._bridge.notify(token, [m.id for m in batch])

    def deliver_local(self, token: str, messages: Iterable[OutMessage]) -> None:
        batch = list(messages)
        for queue in self._subscribers.get(token, ()):
            for message in batch:
                if queue.full():  # a stalled client catches up from the store on reconnect
                    break
                queue.put_nowait(message)

    # -- topics -------------------------------------------------------------------------

    def subscribe_topic(self, topic: str) -> asyncio.Queue[TopicEvent]:
        queue: asyncio.Queue[TopicEvent] = asyncio.Queue(QUEUE_LIMIT)
        self._topics[topic].add(queue)
        return queue

    def unsubscribe_topic(self, topic: str, queue: asyncio.Queue[TopicEvent]) -> None:
        queues = self._topics.get(topic)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._topics[topic]

    def has_topic_subscribers(self, topic: str) -> bool:
        return bool(self._topics.get(topic))

    def publish_topic(self, topic: str, data: TopicEvent) -> None:
        """A small JSON-able event to every subscriber of the topic, in every worker. Every
        subscriber gets the same dict: treat it as read-only."""
        # The bridge first: an event it refuses (too large, not JSON) reaches nobody.
        if self._bridge is not None:
            self._bridge.notify_topic(topic, data)
        self.deliver_topic_local(topic, data)

    def deliver_topic_local(self, topic: str, data: TopicEvent) -> None:
        for queue in self._topics.get(topic, ()):
            if not queue.full():  # topic events are hints; a full queue loses nothing stored
                queue.put_nowait(data)
