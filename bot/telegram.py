"""Telegram channel: a chat with the bot is a resident; every update goes through `Runtime`.

Two ways to receive updates, both on the event loop the aiohttp server owns (nothing here
blocks it or runs its own loop):

* Polling is for development (no public URL needed); one worker polls (telegram_poller.py).
* A webhook (`add_routes` + `set_webhook`) is for production: Telegram posts each update to
  `POST /telegram/webhook`. The handler processes the update *before* it answers 200, and
  `Runtime.handle` commits the resident's message before it replies, so by the time
  Telegram is told "received" the message is in the task store; if the process dies
  earlier, Telegram sends the update again. A secret header proves the post comes from
  Telegram; without it anyone who guesses the URL could write in a resident's name.

Replies are plain text (no parse mode): answers and input may hold `*`, `_` or `<` that
Telegram would read as markup. Settings: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL and _SECRET.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Final

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from telegram import BotCommand, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from actions.texts import TELEGRAM_COMMANDS, say
from bot.errors import Duplicate
from bot.runtime import MAX_TEXT, BadInput, NotStored, OutMessage, Runtime
from bot.telegram_poller import PollingLeader
from bot.web import json_body
from nlu import LANGUAGES

CHANNEL: Final = "telegram"
WEBHOOK_PATH: Final = "/telegram/webhook"
SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"
# Only what we answer: other update kinds would be delivered (and billed in latency) for nothing.
ALLOWED_UPDATES: Final = ["message", "edited_message", "callback_query"]
# Telegram's own rule for secret_token; checked up front so a bad value fails at start-up.
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_CALLBACK_DATA_MAX = 64  # bytes; a longer payload would make Telegram refuse the whole message


def _in_every_language(key: str, **values: object) -> dict[str, str]:
    return {lang: say(key, lang, **values) for lang in LANGUAGES}


# What the bot tells a Telegram user about Telegram itself (sentences in actions/texts.py).
TEXT_ONLY: Final = _in_every_language("telegram_text_only")
EDITED: Final = _in_every_language("telegram_edited")
BAD_INPUT: Final = _in_every_language("telegram_bad_input", limit=MAX_TEXT)
BUTTON_GONE: Final = _in_every_language("telegram_button_gone")
HELP: Final = _in_every_language("telegram_help")
FAILED: Final = _in_every_language("telegram_failed")
# The command menu Telegram shows, per app language; Finnish is also the default.
COMMANDS: Final = TELEGRAM_COMMANDS

Context = ContextTypes.DEFAULT_TYPE

log = logging.getLogger(__name__)


class TelegramChannel:
    """One bot token served through one `Runtime`; see the module docstring for the modes."""

    def __init__(
        self,
        token: str,
        runtime: Runtime,
        *,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | None = None,
        base_file_url: str | None = None,
    ) -> None:
        """`base_url` (e.g. "http://127.0.0.1:8081/bot") points the bot at another Bot API
        server: a local one, or the stand-in the tests use."""
        if webhook_secret is not None and not _SECRET_RE.fullmatch(webhook_secret):
            raise ValueError("the webhook secret must be 1-256 characters of A-Z a-z 0-9 _ -")
        self.runtime = runtime
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        builder = Application.builder().token(token)
        if base_url is not None:
            builder = builder.base_url(base_url)
            builder = builder.base_file_url(base_file_url or base_url.replace("/bot", "/file/bot"))
        self.application = builder.build()
        # Updates whose message the store refused: the webhook answers them with 503 so that
        # Telegram delivers them again instead of taking them as received.
        self._not_stored: set[int] = set()
        self._add_handlers()
        runtime.outbound[CHANNEL] = self.push

    @classmethod
    def from_env(
        cls, runtime: Runtime, environ: Mapping[str, str] = os.environ
    ) -> TelegramChannel | None:
        """The channel as configured, or None when TELEGRAM_TOKEN is not set."""
        token = environ.get("TELEGRAM_TOKEN", "").strip()
        if not token:
            return None
        url = environ.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
        secret = environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
        if url and not secret:
            raise ValueError("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET as well")
        return cls(token, runtime, webhook_url=url, webhook_secret=secret)

    async def push(self, external_id: str, messages: Sequence[OutMessage]) -> None:
        """Messages nobody on Telegram asked for right now: what a person in the console
        writes (and the bot's notes when they join or leave). A Telegram user cannot pull
        them, so the runtime pushes them here; `external_id` is the chat id we stored."""
        await self._send(int(external_id), list(messages))

    # -- lifecycle ---------------------------------------------------------------------------

    async def start_polling(self, poll_timeout: float = 10) -> None:
        """Development mode: returns once polling runs in the background on this loop."""
        await self.start_sending()
        assert self.application.updater is not None  # the default builder makes one
        await self.application.updater.start_polling(
            timeout=timedelta(seconds=poll_timeout), allowed_updates=ALLOWED_UPDATES
        )

    async def start_webhook(self) -> None:
        """Production mode: ready for `POST /telegram/webhook`; registers the webhook URL with
        Telegram when one is configured (a second worker re-registering it is harmless)."""
        await self.start_sending()
        if self.webhook_url:
            await self.set_webhook(self.webhook_url)

    async def start_sending(self) -> None:
        """Ready to send (and to take webhook updates); polling is separate."""
        await self.application.initialize()
        if not self.application.running:  # add_routes' hook and a caller may both start us
            await self.application.start()
        for language, commands in COMMANDS.items():
            await self.application.bot.set_my_commands(
                [BotCommand(name, about) for name, about in commands],
                language_code=None if language == "fi" else language,
            )

    async def set_webhook(self, url: str) -> None:
        if self.webhook_secret is None:
            raise ValueError("a webhook needs a secret; set TELEGRAM_WEBHOOK_SECRET")
        await self.application.bot.set_webhook(
            url, secret_token=self.webhook_secret, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        """Safe to call twice: `add_routes`' cleanup hook and the server may both stop us."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def add_routes(self, app: web.Application) -> None:
        """Webhook mode inside the aiohttp app: the route, and start/stop with the app so the
        bot runs on the server's loop."""
        if self.webhook_secret is None:
            raise ValueError("a webhook needs a secret; set TELEGRAM_WEBHOOK_SECRET")
        app.router.add_post(WEBHOOK_PATH, self._webhook)
        app.on_startup.append(lambda _: self.start_webhook())
        app.on_cleanup.append(lambda _: self.stop())

    @property
    def polling(self) -> bool:
        return self.application.updater is not None and self.application.updater.running

    async def stop_polling(self) -> None:
        """Another worker polls now; this one still sends (pushes of staff replies)."""
        if self.application.updater is not None and self.polling:
            await self.application.updater.stop()

    def add_polling(self, app: web.Application) -> None:
        """Polling mode with the aiohttp app: every worker can send, one polls at a time."""
        PollingLeader(self).install(app)

    def install(self, app: web.Application) -> None:
        """The configured mode: a webhook when TELEGRAM_WEBHOOK_URL is set, else polling."""
        if self.webhook_url:
            self.add_routes(app)
        else:
            self.add_polling(app)

    async def _webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        assert self.webhook_secret is not None  # add_routes refuses to run without one
        if not hmac.compare_digest(given, self.webhook_secret.encode()):
            return web.Response(status=403, text="forbidden")
        if not self.application.running:
            return web.Response(status=503, text="telegram channel not started")
        data = await json_body(request)
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError):
            return web.Response(status=400, text="not a Telegram update")
        # A failing reply ends in _on_error (logged) and still gets 200: the message is
        # stored, and a redelivered update would be stored again and hold up the chat. Only
        # a message the store refused is left unacknowledged, for Telegram to send again.
        await self.application.process_update(update)
        if update.update_id in self._not_stored:
            self._not_stored.discard(update.update_id)
            return web.Response(status=503, text="not stored; send again")
        return web.Response(text="ok")

    # -- handlers ----------------------------------------------------------------------------

    def _add_handlers(self) -> None:
        app = self.application
        # Commands only in new messages: an edited "/start" must not open a conversation.
        new = filters.UpdateType.MESSAGE
        app.add_handler(CommandHandler("start", self._on_start, filters=new))
        app.add_handler(CommandHandler(["language", "kieli", "sprak"], self._on_language, new))
        app.add_handler(CommandHandler(["help", "apua", "hjalp"], self._on_help, filters=new))
        # Other commands get the help too: as text the model would guess at "/whatever".
        app.add_handler(MessageHandler(new & filters.COMMAND, self._on_help))
        app.add_handler(MessageHandler(new & filters.TEXT, self._on_text))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_handler(MessageHandler(filters.UpdateType.EDITED, self._on_edited))
        # Anything else that carries a message (photo, sticker, voice, location...).
        app.add_handler(TypeHandler(Update, self._on_other))
        app.add_error_handler(self._on_error)

    async def _on_start(self, update: Update, context: Context) -> None:
        chat = _resident_chat(update)
        if chat is None:
            return
        opened = await self.runtime.start(CHANNEL, str(chat.id), _user_language(update))
        await self._send(chat.id, opened.replies)

    async def _on_language(self, update: Update, context: Context) -> None:
        await self._turn(update, payload="language")

    async def _on_text(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await self._turn(update, text=message.text)

    async def _on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        try:
            # First, so the button stops spinning even if the answer takes a moment.
            await query.answer()
        except TelegramError as exc:  # e.g. "query is too old": the press still counts
            log.info("could not answer callback query: %s", exc)
        if query.data:
            await self._turn(update, payload=query.data)

    async def _on_help(self, update: Update, context: Context) -> None:
        """The help, and the number a resident gives the city to ask for their data (their
        chat's id, which is their user id in a private chat)."""
        chat = _resident_chat(update)
        if chat is None:
            return
        token = await self.runtime.token_for(CHANNEL, str(chat.id), _user_language(update))
        lang = await self.runtime.language_of(token)
        number = say("telegram_your_number", lang, number=chat.id)
        await self._send_text(chat.id, f"{HELP[lang]}\n\n{number}")

    async def _on_edited(self, update: Update, context: Context) -> None:
        await self._tell(update, EDITED)

    async def _on_other(self, update: Update, context: Context) -> None:
        if update.effective_message is not None:
            await self._tell(update, TEXT_ONLY)

    async def _on_error(self, update: object, context: Context) -> None:
        # The update id only: the update itself holds the resident's words, which stay out
        # of logs like they stay redacted in the store.
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        language = _user_language(update) or "fi"
        try:
            await self.application.bot.send_message(update.effective_chat.id, FAILED[language])
        except TelegramError:
            log.warning("could not tell chat %s about the failure", update.effective_chat.id)

    # -- helpers -----------------------------------------------------------------------------

    async def _turn(
        self, update: Update, *, text: str | None = None, payload: str | None = None
    ) -> None:
        chat = _resident_chat(update)
        if chat is None:
            return
        try:
            token = await self.runtime.token_for(CHANNEL, str(chat.id), _user_language(update))
        except SQLAlchemyError:
            # Nothing of this update is stored yet: it must not be acknowledged either.
            self._not_stored.add(update.update_id)
            raise
        try:
            turn = await self.runtime.handle(
                token, text=text, payload=payload, delivery=str(update.update_id)
            )
        except Duplicate:
            log.info("telegram update %s delivered again: stored once", update.update_id)
            return
        except NotStored:
            self._not_stored.add(update.update_id)
            raise
        except BadInput:
            # From Telegram only two things are refused: text over MAX_TEXT characters and a
            # button this bot no longer knows (pressed under an old message).
            texts = BAD_INPUT if payload is None else BUTTON_GONE
            await self._send_text(chat.id, texts[await self.runtime.language_of(token)])
            return
        await self._send(chat.id, turn.replies)

    async def _tell(self, update: Update, texts: Mapping[str, str]) -> None:
        """A fixed notice in the conversation's language (started if the chat is new)."""
        chat = _resident_chat(update)
        if chat is None:
            return
        token = await self.runtime.token_for(CHANNEL, str(chat.id), _user_language(update))
        await self._send_text(chat.id, texts[await self.runtime.language_of(token)])

    async def _send(self, chat_id: int, replies: list[OutMessage]) -> None:
        for reply in replies:
            markup = _keyboard(reply)
            parts = _split(reply.text) if reply.text.strip() else (["…"] if markup else [])
            for i, part in enumerate(parts):
                last = i == len(parts) - 1
                await self._send_text(chat_id, part, markup if last else None)

    async def _send_text(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        await self.application.bot.send_message(chat_id, text, reply_markup=markup)


def _resident_chat(update: Update) -> Chat | None:
    """The chat of a person writing to the bot privately; None for channel posts, groups and
    other bots, which are no residents and get no conversation."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != Chat.PRIVATE or user is None or user.is_bot:
        return None
    return chat


def _user_language(update: Update) -> str | None:
    """The Telegram app's language when we speak it ("sv-FI" counts as sv), else None."""
    user = update.effective_user
    code = (user.language_code or "") if user is not None else ""
    language = code.split("-")[0].lower()
    return language if language in LANGUAGES else None


def _keyboard(reply: OutMessage) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    for button in reply.buttons:
        if len(button.payload.encode()) > _CALLBACK_DATA_MAX:
            log.warning("button payload too long for Telegram, left out: %r", button.payload)
            continue
        rows.append([InlineKeyboardButton(button.label, callback_data=button.payload)])
    return InlineKeyboardMarkup(rows) if rows else None


def _split(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Telegram refuses messages over 4096 characters; cut long ones at line breaks."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text] if text else parts


__all__: list[str] = [
    "BAD_INPUT",
    "BUTTON_GONE",
    "EDITED",
    "FAILED",
    "HELP",
    "TEXT_ONLY",
    "TelegramChannel",
]
