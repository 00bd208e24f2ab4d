"""Live delivery inside one worker: open web-chat sockets subscribe to their conversation.

A cache, not a source of truth: a client that was away asks the store for messages since
the last id it saw, so nothing depends on having been subscribed.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable

from bot.replies import OutMessage

QUEUE_LIMIT = 1000


class Hub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[OutMessage]]] = defaultdict(set)

    def subscribe(self, token: str) -> asyncio.Queue[OutMessage]:
        queue: asyncio.Queue[OutMessage] = asyncio.Queue(QUEUE_LIMIT)
        self._subscribers[token].add(queue)
        return queue

    def unsubscribe(self, token: str, queue: asyncio.Queue[OutMessage]) -> None:
        queues = self._subscribers.get(token)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._subscribers[token]

    def publish(self, token: str, messages: Iterable[OutMessage]) -> None:
        for queue in self._subscribers.get(token, ()):
            for message in messages:
                if queue.full():  # a stalled client catches up from the store on reconnect
                    break
                queue.put_nowait(message)
