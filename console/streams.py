"""Server-sent event streams of the console: a queue's changes, a conversation's messages.

A stream outlives the request that checked its rights, so every RECHECK seconds it checks
again that the session is valid and the viewer may still see what it streams: signing
out, a disabled account or a ticket moved to another team ends it (an `end` event).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from actions.announce import conversation_topic, team_topic
from bot.replies import OutMessage
from bot.web import RUNTIME
from console.access import Viewer, may_see_conversation
from console.auth import SESSION_COOKIE, load_viewer
from console.shared import int_param, viewer
from taskstore import Conversation

KEEPALIVE = 20.0  # seconds between comments on an idle stream (proxies close silent ones)
RECHECK = 20.0  # seconds between checks that the viewer may still watch

Handle = Callable[[Any], Awaitable[None]]
Check = Callable[[AsyncSession, Viewer], Awaitable[bool]]


async def _open(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    await response.prepare(request)
    return response


async def _still_allowed(request: web.Request, check: Check) -> bool:
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        found = await load_viewer(session, request.cookies.get(SESSION_COOKIE, ""), runtime.clock())
        return found is not None and await check(session, found[0])


async def _pump(
    request: web.Request,
    response: web.StreamResponse,
    sources: Sequence[tuple[asyncio.Queue[Any], Handle]],
    check: Check,
) -> None:
    checked = time.monotonic()
    try:
        while True:
            getters = {asyncio.ensure_future(queue.get()): handle for queue, handle in sources}
            done, pending = await asyncio.wait(
                getters, timeout=KEEPALIVE, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()  # an item stays in its queue until a get returns it
            for task in done:
                await getters[task](task.result())
            if not done:
                await response.write(b": keepalive\n\n")
            if time.monotonic() - checked >= RECHECK:
                if not await _still_allowed(request, check):
                    await response.write(b"event: end\ndata: {}\n\n")
                    return
                checked = time.monotonic()
    except ConnectionResetError:  # the console page closed
        pass


async def conversation_events(request: web.Request) -> web.StreamResponse:
    """Each new message as `message` (with its id), a state change as `state`.

    `since` (or EventSource's Last-Event-ID on a reconnect) is the last message id the page
    has: what was stored between rendering the page and opening the stream comes first."""
    runtime = request.app[RUNTIME]
    conversation_id = int_param(request, "id")
    async with runtime.db.transaction() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            raise web.HTTPNotFound()
        if not await may_see_conversation(session, viewer(request), conversation):
            raise web.HTTPForbidden()
        token = conversation.token

    async def check(session: AsyncSession, me: Viewer) -> bool:
        found = await session.get(Conversation, conversation_id, populate_existing=True)
        return found is not None and await may_see_conversation(session, me, found)

    response = await _open(request)
    # Subscribed before the backlog is read: a message stored in between comes twice and
    # is sent once.
    messages = runtime.hub.subscribe(token, observer=True)
    topic = conversation_topic(conversation_id)
    changes = runtime.hub.subscribe_topic(topic)
    sent: set[int] = set()

    async def send(message: OutMessage) -> None:
        if message.id not in sent:
            sent.add(message.id)
            data = json.dumps(message.to_dict())
            await response.write(f"id: {message.id}\nevent: message\ndata: {data}\n\n".encode())

    async def changed(_: object) -> None:
        await response.write(b"event: state\ndata: {}\n\n")

    try:
        last = request.headers.get("Last-Event-ID") or request.query.get("since", "0")
        for message in await runtime.messages_since(token, _int(last)):
            await send(message)
        await _pump(request, response, [(messages, send), (changes, changed)], check)
    finally:
        runtime.hub.unsubscribe(token, messages)
        runtime.hub.unsubscribe_topic(topic, changes)
    return response


async def queue_events(request: web.Request) -> web.StreamResponse:
    """A `queue` event whenever a ticket of the team changes."""
    me = viewer(request)
    runtime = request.app[RUNTIME]
    team = request.query.get("team", "")
    if not (me.member_of(team) or (me.is_admin and team in runtime.content.teams)):
        raise web.HTTPForbidden()

    async def check(_: AsyncSession, fresh: Viewer) -> bool:
        return fresh.member_of(team) or fresh.is_admin

    response = await _open(request)
    topic = team_topic(team)
    changes = runtime.hub.subscribe_topic(topic)

    async def changed(_: object) -> None:
        await response.write(b"event: queue\ndata: {}\n\n")

    try:
        await _pump(request, response, [(changes, changed)], check)
    finally:
        runtime.hub.unsubscribe_topic(topic, changes)
    return response


def _int(value: str) -> int:
    try:
        return max(0, int(value))
    except ValueError:
        return 0
