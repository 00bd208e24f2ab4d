"""The conversation runtime: the one interface every channel talks to.

A channel (REST, web chat, Telegram) calls `start()` for a new conversation and `handle()`
for each message or button press. `handle()` commits the resident's message before it
thinks about a reply, then runs the dialogue and commits the replies, so nothing a channel
accepted is lost even if the reply fails. All state is in the task store; this object only
holds caches (the model handle, the content) and is safe to run in several workers.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from bot.dialogue import Dialogue, Incoming
from bot.errors import BadInput, Duplicate, NotStored, UnknownConversation
from bot.hub import Hub
from bot.metrics import observe_turn
from bot.payloads import PAYLOAD
from bot.replies import Button, OutMessage, out_message
from content import Content
from nlu import LANGUAGES, ModelHandle, NLUModel
from taskstore import Announcement, Database, Message, store

MAX_TEXT = 4000  # characters a channel may hand in; longer input is refused, not cut
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # no database can store these
MAX_PAYLOAD = 64  # Telegram's callback_data limit; our payloads are short

# Pushes messages a person wrote to a channel that cannot pull them (Telegram): called with
# the resident's id on that channel (the chat id) and the stored messages.
Outbound = Callable[[str, Sequence[OutMessage]], Awaitable[None]]


@dataclass(frozen=True)
class Opened:
    token: str
    language: str
    replies: list[OutMessage]
    conversation_id: int


@dataclass(frozen=True)
class TurnResult:
    token: str
    state: str
    language: str
    message_id: int  # the resident's stored message
    replies: list[OutMessage] = field(default_factory=list)


@dataclass(frozen=True)
class TicketStatus:
    number: str
    status: str
    team: str
    created_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None


class Runtime:
    def __init__(
        self,
        db: Database,
        content: Content,
        nlu: ModelHandle,
    ) -> None:
        self.db = db
        self.content = content
        self.nlu = nlu
        self.hub = Hub()
        db.on_announcements(self._tell_hub)  # what actions announced, once committed
        self.dialogue = Dialogue(content, nlu, self.clock)
        self.outbound: dict[str, Outbound] = {}  # channel -> push (set by the channel)
        # A cache: a lock lives while a turn of its conversation holds or awaits it.
        self._turn_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def install(self, content: Content, model: NLUModel) -> None:
        """A new content version and its model, for the turns that start from now on.
        Content and model change together (no await between them), and a turn that read
        its message with the old model reads it again (bot.understanding.reread)."""
        if content.teams != self.content.teams:
            async with self.db.transaction() as session:
                await store.sync_teams(session, content.teams.values())
        self.content = self.dialogue.content = content
        self.nlu.swap(model)

    def _tell_hub(self, announcements: list[Announcement]) -> None:
        for topic, data in announcements:
            self.hub.publish_topic(topic, data)

    def clock(self) -> datetime:
        """Now, by the store's clock: deadlines, periods and recorded times agree."""
        return self.db.clock()

    def turn_lock(self, token: str) -> asyncio.Lock:
        """One turn at a time per conversation in this worker: between a turn's two
        transactions another turn of the same conversation must not slip in (two tabs, a
        double click). Across workers the store's hold covers it (Database.session)."""
        lock = self._turn_locks.get(token)
        if lock is None:
            lock = self._turn_locks[token] = asyncio.Lock()
        return lock

    async def prepare(self) -> None:
        """Create or upgrade the schema and mirror the teams: run once at start-up."""
        await self.db.migrate()
        async with self.db.transaction() as session:
            await store.sync_teams(session, self.content.teams.values())

    async def start(
        self, channel: str, external_id: str | None = None, language: str | None = None
    ) -> Opened:
        """A new conversation with the greeting. Without `external_id` (web, REST) every
        conversation is its own resident; the token is the browser's key to it."""
        lang = _language(language)
        async with self.db.transaction() as session:
            resident = await store.resident_for(session, channel, external_id or _fresh_id(), lang)
            conversation = await store.start_conversation(session, resident, channel, lang)
            stored = await self.dialogue.greet(session, conversation)
            replies = [out_message(m) for m in stored]
        self.hub.publish(conversation.token, replies)
        return Opened(conversation.token, lang, replies, conversation.id)

    def preview(self, language: str | None = None) -> tuple[str, list[OutMessage]]:
        """The greeting a new conversation will open with, not stored: a channel shows it
        before the resident writes, so a visit that writes nothing stores nothing. Its ids
        are negative (-n..-1, in order): never a stored message's."""
        lang = _language(language)
        said = self.dialogue.greeting(lang)
        now = self.clock()
        return lang, [
            OutMessage(index - len(said), "bot", item.text, now, list(item.buttons))
            for index, item in enumerate(said)
        ]

    async def token_for(self, channel: str, external_id: str, language: str | None = None) -> str:
        """The resident's current conversation on a channel that knows who writes (Telegram),
        started without a greeting when there is none."""
        async with self.db.transaction() as session:
            resident = await store.resident_for(session, channel, external_id, _language(language))
            conversation = await store.latest_conversation(session, resident)
            if conversation is None:
                conversation = await store.start_conversation(
                    session, resident, channel, resident.language
                )
            return conversation.token

    async def handle(
        self,
        token: str,
        *,
        text: str | None = None,
        payload: str | None = None,
        delivery: str | None = None,
    ) -> TurnResult:
        """One resident message (`text`) or button press (`payload`), answered. `delivery`:
        the channel's id of this delivery; one the conversation has stored raises Duplicate."""
        incoming = incoming_of(text, payload)
        started = time.perf_counter()
        # In this worker the turn lock, across workers the store's hold (PostgreSQL): the
        # turn's two transactions are never split by another turn of the conversation.
        async with self.turn_lock(token), self.db.session(hold=f"turn:{token}") as session:
            try:
                async with session.begin():
                    conversation = await store.conversation_by_token(session, token, lock=True)
                    if conversation is None:
                        raise UnknownConversation(token)
                    # Under the conversation's lock: a redelivery waits for the first.
                    if delivery is not None and await store.has_delivery(
                        session, conversation, delivery
                    ):
                        raise Duplicate(delivery)
                    prepared = self.dialogue.prepare(conversation, incoming)
                    received = await store.add_message(
                        session,
                        conversation,
                        "in",
                        "resident",
                        prepared.stored_text,
                        nlu=prepared.nlu_record,
                        redacted=prepared.redacted,
                        delivery=delivery,
                    )
            except (SQLAlchemyError, OSError) as exc:
                raise NotStored("the message could not be stored") from exc
            # The resident's message is committed: whatever happens next, it is not lost.
            async with session.begin():
                # Read again (and lock on PostgreSQL): another worker may have moved on.
                await session.refresh(conversation, with_for_update=not self.db.is_sqlite)
                stored = await self.dialogue.respond(session, conversation, prepared, received.id)
                replies = [out_message(m) for m in stored]
                state, language = conversation.state, conversation.language
        observe_turn(conversation.channel, prepared.nlu_record, time.perf_counter() - started)
        self.hub.publish(token, [out_message(received), *replies])
        return TurnResult(token, state, language, received.id, replies)

    async def language_of(self, token: str) -> str:
        """The conversation's language (it follows the resident), for channel notices."""
        async with self.db.transaction() as session:
            conversation = await store.conversation_by_token(session, token)
            if conversation is None:
                raise UnknownConversation(token)
            return conversation.language

    async def messages_since(self, token: str, since_id: int = 0) -> list[OutMessage]:
        async with self.db.transaction() as session:
            conversation = await store.conversation_by_token(session, token)
            if conversation is None:
                raise UnknownConversation(token)
            rows: list[Message] = list(await store.messages_since(session, conversation, since_id))
            return [out_message(m) for m in rows]

    async def ticket_status(self, number: str, token: str) -> TicketStatus | None:
        """A ticket's status, only for the conversation that created it."""
        async with self.db.transaction() as session:
            conversation = await store.conversation_by_token(session, token)
            ticket = await store.ticket_by_number(session, number)
            if conversation is None or ticket is None:
                return None
            if ticket.conversation_id != conversation.id:
                return None
            team = self.content.teams.get(ticket.team_id, {})
            name = team.get("name", {}).get(conversation.language, ticket.team_id)
            return TicketStatus(
                ticket.number,
                ticket.status,
                name,
                ticket.created_at,
                ticket.first_response_due,
                ticket.resolution_due,
            )


def _language(language: str | None) -> str:
    if language is None:
        return "fi"
    if language not in LANGUAGES:
        raise BadInput(f"language must be one of {', '.join(LANGUAGES)}")
    return language


def _fresh_id() -> str:
    return secrets.token_hex(12)


def incoming_of(text: str | None, payload: str | None) -> Incoming:
    """What a channel hands in, checked before anything is stored (BadInput says why)."""
    if (text is None) == (payload is None):
        raise BadInput("send either text or payload")
    if payload is not None:
        if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD:
            raise BadInput(f"payload must be a string of 1 to {MAX_PAYLOAD} characters")
        if not PAYLOAD.fullmatch(payload):
            raise BadInput(f"unknown button payload {payload!r}")
        return Incoming(text=None, payload=payload)
    if not isinstance(text, str):
        raise BadInput("text must be a string")
    if len(text) > MAX_TEXT:
        raise BadInput(f"text is longer than {MAX_TEXT} characters")
    if not text.strip():
        raise BadInput("text is empty")
    if _UNSTORABLE.search(text):
        raise BadInput("text contains a NUL or an unpaired surrogate character")
    return Incoming(text=text, payload=None)


__all__ = [
    "BadInput",
    "Button",
    "Duplicate",
    "NotStored",
    "Opened",
    "OutMessage",
    "Runtime",
    "TicketStatus",
    "TurnResult",
    "UnknownConversation",
]
