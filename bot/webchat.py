"""Web chat: the demo page, the widget's static files and the widget's websocket.

Websocket protocol, JSON text frames on `GET /ws?token=<token>&since=<id>&lang=<fi|sv|en>`:

server -> client
    {"type": "hello", "token": ..., "language": ..., "who": ..., "team": ...}   first,
        always. The token is the browser's key to the conversation. For a missing or
        unknown token it is null: nothing is stored yet, the greeting follows as messages
        with negative ids, and the conversation starts (in `lang`) with the resident's
        first frame. `who` is "bot" or "staff" (a person holds the conversation; `team` is
        then that team's name as {"fi", "sv", "en"}, otherwise null).
    {"type": "token", "token": ...}   the conversation was stored, at the resident's first
        frame: the client keeps this token (the greeting it showed is its first messages).
    {"type": "who", "who": ..., "team": ...}   who is talking changed (a person took the
        conversation over or handed it back).
    {"type": "message", ...OutMessage.to_dict()}   the backlog after `since` (for a new
        conversation: the greeting), then everything stored in the conversation: the
        resident's own messages, bot replies, staff replies. Each id is sent once per socket.
    {"type": "own", "id": ..., "text": ...}   the text this socket sent, when the store kept
        it redacted (personal data, a sensitive matter): only this socket's resident may
        see what they typed in their own bubble; every other viewer gets the stored text.
    {"type": "state", "state": ..., "language": ...}   after each turn this socket sent:
        the conversation language may have changed (switch button or detection).
    {"type": "error", "code": ..., "error": ...}   a frame was refused; the socket stays
        open. code: bad_frame | bad_input | busy | too_many (over RATE_LIMITS' `messages`,
        counted with the client's REST messages) | not_stored | internal |
        unknown_conversation (the socket then closes; reconnecting starts a new one).

client -> server
    {"type": "text", "text": "..."}  and  {"type": "button", "payload": "..."}

Frames over MAX_FRAME bytes are a protocol violation: aiohttp closes the socket (1009).
Texts the runtime refuses (empty, over its MAX_TEXT) get an error frame instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import math
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import WSMsgType, web

from actions.announce import conversation_topic
from bot.clients import clients_of
from bot.limits import limits_of
from bot.pages import STATIC, add_page_routes, index, security_headers
from bot.replies import OutMessage
from bot.runtime import BadInput, NotStored, Runtime, UnknownConversation, incoming_of
from bot.web import RUNTIME, message_id
from nlu import LANGUAGES
from taskstore import ConversationState, store

HEARTBEAT = 25.0  # seconds; below the usual 60 s idle timeout of proxies
MAX_FRAME = 16 * 1024  # bytes; a 4000-character text fits even as escaped JSON
INBOX = 5  # frames waiting for their turn; more means the client is flooding
MAX_TOKEN = 64  # the store's column width; longer cannot be a token

log = logging.getLogger(__name__)


class Refused(Exception):
    """A frame the socket answers with an error frame."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_frame(data: str) -> tuple[str | None, str | None]:
    """(text, payload) from a client frame, or Refused saying what is wrong with it."""
    try:
        frame = json.loads(data)
    except ValueError as exc:
        raise Refused("bad_frame", "frame is not valid JSON") from exc
    except RecursionError as exc:
        raise Refused("bad_frame", "frame is nested too deeply") from exc
    if not isinstance(frame, dict):
        raise Refused("bad_frame", "frame must be a JSON object")
    kind = frame.get("type")
    if kind == "text":
        text = frame.get("text")
        if not isinstance(text, str):
            raise Refused("bad_frame", 'a "text" frame needs "text": a string')
        return text, None
    if kind == "button":
        payload = frame.get("payload")
        if not isinstance(payload, str):
            raise Refused("bad_frame", 'a "button" frame needs "payload": a string')
        return None, payload
    raise Refused("bad_frame", 'unknown frame type; send "text" or "button"')


def _since(query: Mapping[str, str]) -> int:
    try:
        return message_id(query.get("since", "0"))
    except ValueError:
        return 0  # a garbled id only costs a longer backlog, which the client de-duplicates


class ChatSocket:
    """One browser socket: opens or resumes a conversation, forwards the hub, takes turns."""

    def __init__(
        self,
        runtime: Runtime,
        ws: web.WebSocketResponse,
        limit: Callable[[], float] | None = None,
    ) -> None:
        self.runtime = runtime
        self.ws = ws
        self.limit = limit  # seconds this client must wait before another frame, or 0
        self.token = ""
        self.sent: set[int] = set()
        self.queue: asyncio.Queue[OutMessage] | None = None
        self.topic = ""
        self.changes: asyncio.Queue[dict[str, Any]] | None = None
        self.who: dict[str, Any] = {}
        self.echoed: dict[int, str] = {}  # resident message id -> the text the store kept
        self.inbox: asyncio.Queue[tuple[str | None, str | None] | None] = asyncio.Queue(INBOX)
        self.language: str | None = None  # of a conversation not started yet
        self.tasks: list[asyncio.Task[None]] = []  # following the conversation, once it is

    async def send(self, frame: dict[str, Any]) -> None:
        # aiohttp's writer serialises frames itself, so the forwarder and the turn worker
        # may both send; a socket closing under us is no error worth reporting.
        if self.ws.closed:
            return
        with contextlib.suppress(ConnectionError):
            await self.ws.send_json(frame)

    async def error(self, code: str, message: str) -> None:
        """A refused frame: the client shows `code` in its language; the socket stays open."""
        await self.send({"type": "error", "code": code, "error": message})

    async def send_message(self, message: OutMessage) -> None:
        if message.id in self.sent:
            return
        self.sent.add(message.id)
        if message.author == "resident":
            self.echoed[message.id] = message.text
        await self.send({"type": "message", **message.to_dict()})

    async def open(self, query: Mapping[str, str]) -> None:
        token = query.get("token", "")
        if token and len(token) <= MAX_TOKEN:
            # Subscribe before reading the backlog: a message stored in between arrives
            # through the queue (and is dropped there if the backlog had it already).
            self.queue = self.runtime.hub.subscribe(token)
            self.token = token
            try:
                status = await self._status(token)
                if status is not None:
                    language, who = status
                    backlog = await self.runtime.messages_since(token, _since(query))
                    await self.send({"type": "hello", "token": token, "language": language, **who})
                    for message in backlog:
                        await self.send_message(message)
                    return
            except UnknownConversation:
                pass
            self.close()
            self.token = ""
        lang = query.get("lang")
        self.language, greeting = self.runtime.preview(lang if lang in LANGUAGES else None)
        self.who = self._who("bot", None)
        await self.send({"type": "hello", "token": None, "language": self.language, **self.who})
        for message in greeting:
            await self.send_message(message)

    async def _start(self) -> None:
        """The resident's first frame: now the conversation is stored, greeting first."""
        opened = await self.runtime.start("web", language=self.language)
        # Nobody else knows a new token yet, so subscribing after start() misses nothing.
        self.queue = self.runtime.hub.subscribe(opened.token)
        self.token = opened.token
        self.sent.update(m.id for m in opened.replies)  # shown already, as the preview
        self._watch(opened.conversation_id)
        self._follow()
        await self.send({"type": "token", "token": opened.token})

    def _follow(self) -> None:
        """Forward the conversation's messages and changes to this socket."""
        self.tasks.append(asyncio.create_task(self.forward()))
        self.tasks.append(asyncio.create_task(self.watch()))

    async def _status(self, token: str) -> tuple[str, dict[str, Any]] | None:
        """The conversation's language and who talks in it; subscribes to its changes (a
        person taking over or handing back) on first use."""
        async with self.runtime.db.transaction() as session:
            conversation = await store.conversation_by_token(session, token)
            if conversation is None:
                return None
            language, state = conversation.language, conversation.state
            team_id, conversation_id = conversation.team_id, conversation.id
        self._watch(conversation_id)
        self.who = self._who(state, team_id)
        return language, self.who

    def _watch(self, conversation_id: int) -> None:
        if self.changes is None:
            self.topic = conversation_topic(conversation_id)
            self.changes = self.runtime.hub.subscribe_topic(self.topic)

    def _who(self, state: str, team_id: str | None) -> dict[str, Any]:
        if state != ConversationState.WITH_STAFF:
            return {"who": "bot", "team": None}
        teams = self.runtime.content.teams
        team = teams.get(team_id or "") or teams.get(self.runtime.content.default_team(), {})
        names = team.get("name") or {}
        return {"who": "staff", "team": {lang: str(names.get(lang, "")) for lang in LANGUAGES}}

    async def watch(self) -> None:
        """Tells the client when who is talking changes; other changes are not its concern.
        Only staff moves (taking over, handing back, a holder's account disabled) can change
        it, and they say so (`holder` in the event): the resident's own turns, which change
        the state too, cost no look at the store."""
        assert self.changes is not None
        while True:
            if not (await self.changes.get()).get("holder"):
                continue
            while not self.changes.empty():  # a burst of events needs one look at the store
                self.changes.get_nowait()
            before = self.who
            status = await self._status(self.token)
            if status is not None and status[1] != before:
                await self.send({"type": "who", **status[1]})

    async def forward(self) -> None:
        assert self.queue is not None
        while True:
            message = await self.queue.get()
            try:
                await self.send_message(message)
            finally:
                self.queue.task_done()  # lets a turn wait until its messages are out

    async def work(self) -> None:
        """Turns one at a time, in the order the resident sent them."""
        while (item := await self.inbox.get()) is not None:
            text, payload = item
            if not self.token:
                try:
                    await self._start()
                except Exception:
                    log.exception("web chat conversation not started")
                    await self.error(
                        "not_stored", "the message could not be stored; please send it again"
                    )
                    continue
            try:
                turn = await self.runtime.handle(self.token, text=text, payload=payload)
            except BadInput as exc:
                await self.error("bad_input", str(exc))
                continue
            except UnknownConversation:
                await self.error(
                    "unknown_conversation", "unknown conversation; reconnect without a token"
                )
                await self.ws.close()
                return
            except NotStored:
                log.exception("web chat message not stored")
                await self.error(
                    "not_stored", "the message could not be stored; please send it again"
                )
                continue
            except Exception:
                log.exception("web chat turn failed")
                await self.error(
                    "internal", "internal error; the message is stored if it was echoed"
                )
                continue
            # The runtime published the turn's messages before returning; the state frame
            # follows them, so a client reading it knows the turn is complete.
            if self.queue is not None:
                await self.queue.join()
            stored = self.echoed.get(turn.message_id)
            self.echoed.clear()
            if text is not None and stored is not None and stored != text:
                await self.send({"type": "own", "id": turn.message_id, "text": text})
            await self.send({"type": "state", "state": turn.state, "language": turn.language})

    async def receive(self) -> None:
        async for msg in self.ws:
            if msg.type is WSMsgType.ERROR:  # e.g. a frame over MAX_FRAME: aiohttp closes
                break
            if msg.type is not WSMsgType.TEXT:
                await self.error("bad_frame", "send JSON text frames")
                continue
            try:
                item = parse_frame(msg.data)
                incoming_of(*item)  # refused here, before a conversation is started for it
            except Refused as exc:
                await self.error(exc.code, str(exc))
                continue
            except BadInput as exc:
                await self.error("bad_input", str(exc))
                continue
            if self.limit is not None and (wait := self.limit()) > 0:
                await self.error("too_many", f"too many messages; wait {math.ceil(wait)} s")
                continue
            try:
                self.inbox.put_nowait(item)
            except asyncio.QueueFull:
                await self.error("busy", "too many messages at once; wait for the replies")

    async def run(self) -> None:
        if self.token:
            self._follow()
        worker = asyncio.create_task(self.work())
        try:
            await self.receive()
            # Frames already accepted are still answered and stored, so a resident who
            # closed the tab finds the replies on return; the socket just stops listening.
            if not worker.done():
                await self.inbox.put(None)
                await worker
        finally:
            worker.cancel()
            for task in self.tasks:
                task.cancel()

    def close(self) -> None:
        if self.queue is not None:
            self.runtime.hub.unsubscribe(self.token, self.queue)
            self.queue = None
        if self.changes is not None:
            self.runtime.hub.unsubscribe_topic(self.topic, self.changes)
            self.changes = None


async def websocket(request: web.Request) -> web.WebSocketResponse:
    if not clients_of(request).page_allowed(request):
        raise web.HTTPForbidden(text="this chat opens only from the city's own pages")
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_FRAME)
    await ws.prepare(request)
    limits = limits_of(request)
    limit = functools.partial(limits.wait, "messages", request) if limits is not None else None
    chat = ChatSocket(request.app[RUNTIME], ws, limit)
    try:
        await chat.open(request.query)
        await chat.run()
    except Exception:
        # After the handshake there is no HTTP response to turn an error into.
        log.exception("web chat socket failed")
        await chat.error("internal", "internal error")
    finally:
        chat.close()
        await ws.close()
    return ws


def add_webchat_routes(app: web.Application) -> None:
    app.on_response_prepare.append(security_headers)
    app.router.add_get("/", index)
    app.router.add_get("/ws", websocket)
    add_page_routes(app)
    app.router.add_static("/static/", STATIC, follow_symlinks=False)
