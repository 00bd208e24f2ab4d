"""The Telegram channel end to end: real python-telegram-bot against the Bot API stand-in,
the real runtime, dialogue, model and store. Waits are bounded polls of recorded calls."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.runtime import MAX_TEXT, Runtime
from bot.telegram import (
    BAD_INPUT,
    BUTTON_GONE,
    EDITED,
    HELP,
    SECRET_HEADER,
    TEXT_ONLY,
    TelegramChannel,
)
from bot.web import RUNTIME
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database, Message, Resident
from tests.helpers import telegram_standin as tg
from tests.helpers.live import LiveServer, run_live_server
from tests.helpers.rest_client import refuse_resident_messages
from tests.helpers.telegram_standin import Call, TelegramStandIn

SECRET = "s3cret_webhook-Token"
CHAT = 4242


@pytest.fixture
async def runtime(tmp_path: Path, content: Content, model: NLUModel) -> AsyncIterator[Runtime]:
    runtime = Runtime(Database(f"sqlite:///{tmp_path / 'tg.db'}"), content, ModelHandle(model))
    await runtime.prepare()
    yield runtime
    await runtime.db.close()


@pytest.fixture
async def polling(standin: TelegramStandIn, runtime: Runtime) -> AsyncIterator[TelegramChannel]:
    channel = TelegramChannel(tg.TOKEN, runtime, base_url=standin.base_url)
    await channel.start_polling(poll_timeout=1)
    yield channel
    await channel.stop()
    await channel.stop()  # a second stop (server and cleanup hook both stop it) is harmless
    assert not channel.application.running


async def latest_conversation(runtime: Runtime, chat_id: int) -> Conversation | None:
    async with runtime.db.transaction() as session:
        return await session.scalar(
            select(Conversation)
            .join(Resident)
            .where(Resident.channel == "telegram", Resident.external_id == str(chat_id))
            .order_by(Conversation.id.desc())
            .limit(1)
        )


async def stored(runtime: Runtime, chat_id: int) -> list[Message]:
    conversation = await latest_conversation(runtime, chat_id)
    assert conversation is not None
    async with runtime.db.transaction() as session:
        rows = await session.scalars(
            select(Message).where(Message.conversation_id == conversation.id).order_by(Message.id)
        )
        return list(rows)


async def last_turn_replies(runtime: Runtime, chat_id: int) -> list[Message]:
    """The bot messages stored after the resident's last message (all of them if none)."""
    messages = await stored(runtime, chat_id)
    ins = [i for i, m in enumerate(messages) if m.direction == "in"]
    return [m for m in messages[(ins[-1] + 1 if ins else 0) :] if m.author == "bot"]


async def send(standin: TelegramStandIn, runtime: Runtime, update: dict[str, Any]) -> list[Call]:
    """Deliver `update` by polling; return the sendMessage calls of its turn, which must be
    exactly the bot replies the store holds for that turn."""
    before = len(standin.calls_to("sendMessage"))
    standin.queue(update)
    await standin.await_for("sendMessage", after=before)
    # The replies are committed before the first one is sent, so the store is final now.
    replies = await last_turn_replies(runtime, CHAT)
    calls = await standin.await_for("sendMessage", len(replies), after=before)
    assert [c.params["text"] for c in calls] == [m.text for m in replies]
    assert all(c.params["chat_id"] == CHAT for c in calls)
    return calls


async def notice(standin: TelegramStandIn, update: dict[str, Any]) -> str:
    """Deliver an update that gets a fixed notice (nothing stored); return its text."""
    before = len(standin.calls_to("sendMessage"))
    standin.queue(update)
    (call,) = await standin.await_for("sendMessage", after=before)
    assert call.params["chat_id"] == CHAT
    assert "parse_mode" not in call.params
    return str(call.params["text"])


def payloads(call: Call) -> list[str]:
    rows = call.params.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


async def test_start_greets_in_the_app_language(
    polling: TelegramChannel, standin: TelegramStandIn, runtime: Runtime
) -> None:
    calls = await send(standin, runtime, tg.command_update(CHAT, "/start", language_code="sv"))
    assert calls and all(c.params["text"].strip() for c in calls)
    conversation = await latest_conversation(runtime, CHAT)
    assert conversation is not None
    assert (conversation.channel, conversation.language) == ("telegram", "sv")
    assert standin.calls_to("deleteWebhook"), "polling starts by dropping any webhook"
    menus = {c.params.get("language_code") for c in standin.calls_to("setMyCommands")}
    assert menus == {None, "sv", "en"}


async def test_question_answer_feedback_and_language(
    polling: TelegramChannel, standin: TelegramStandIn, runtime: Runtime
) -> None:
    await send(standin, runtime, tg.command_update(CHAT, "/start"))
    calls = await send(standin, runtime, tg.text_update(CHAT, "Mitä pysäköintilupa maksaa?"))
    # Stored before answered: the resident's words are in the store under this chat.
    resident = [m for m in await stored(runtime, CHAT) if m.direction == "in"]
    assert [m.text for m in resident] == ["Mitä pysäköintilupa maksaa?"]
    with_buttons = [c for c in calls if payloads(c)]
    assert with_buttons, f"the answer should offer feedback buttons: {calls}"

    # Pressing a button: the callback is answered and the press is a turn of its own.
    pressed = payloads(with_buttons[-1])[0]
    answered = len(standin.calls_to("answerCallbackQuery"))
    await send(standin, runtime, tg.callback_update(CHAT, pressed))
    assert standin.calls_to("answerCallbackQuery")[answered:]
    assert (await stored(runtime, CHAT))[-1].author == "bot"

    calls = await send(standin, runtime, tg.command_update(CHAT, "/kieli"))
    assert {"lang:fi", "lang:sv", "lang:en"} <= {p for c in calls for p in payloads(c)}
    await send(standin, runtime, tg.callback_update(CHAT, "lang:sv"))
    conversation = await latest_conversation(runtime, CHAT)
    assert conversation is not None and conversation.language == "sv"
    # Fixed notices follow the conversation's language, not the Telegram app's (fi here).
    assert await notice(standin, tg.photo_update(CHAT)) == TEXT_ONLY["sv"]


async def test_non_text_updates_get_a_polite_notice_and_the_bot_keeps_going(
    polling: TelegramChannel, standin: TelegramStandIn, runtime: Runtime
) -> None:
    assert await notice(standin, tg.photo_update(CHAT)) == TEXT_ONLY["fi"]
    assert await notice(standin, tg.sticker_update(CHAT)) == TEXT_ONLY["fi"]
    assert await notice(standin, tg.location_update(CHAT)) == TEXT_ONLY["fi"]
    assert await notice(standin, tg.edited_update(CHAT, "korjattu")) == EDITED["fi"]
    assert await notice(standin, tg.text_update(CHAT, "x" * (MAX_TEXT + 50))) == BAD_INPUT["fi"]
    assert await notice(standin, tg.callback_update(CHAT, "gone:v1")) == BUTTON_GONE["fi"]
    # Commands the bot does not know get the help, not a guess of the model at "/whatever".
    number = (
        f"Jos pyydät tietojasi tai niiden poistamista, kerro Telegram-käyttäjänumerosi: {CHAT}."
    )
    assert await notice(standin, tg.command_update(CHAT, "/help")) == f"{HELP['fi']}\n\n{number}"
    assert await notice(standin, tg.command_update(CHAT, "/tilaa")) == f"{HELP['fi']}\n\n{number}"
    assert not [m for m in await stored(runtime, CHAT) if m.direction == "in"]

    calls = await send(standin, runtime, tg.text_update(CHAT, "Milloin uimahalli on auki?"))
    assert calls


async def test_a_failed_reply_keeps_the_message_and_other_chats_are_served(
    polling: TelegramChannel, standin: TelegramStandIn, runtime: Runtime
) -> None:
    blocked = CHAT + 1
    standin.blocked.add(blocked)
    before = len(standin.calls_to("sendMessage"))
    standin.queue(tg.text_update(blocked, "Milloin uimahalli on auki?"))
    # The reply and the error handler's apology both hit "blocked"; neither stops the bot.
    await standin.await_for("sendMessage", 2, after=before)
    conversation = await latest_conversation(runtime, blocked)
    assert conversation is not None
    async with runtime.db.transaction() as session:
        kept = await session.scalar(
            select(Message.text).where(
                Message.conversation_id == conversation.id, Message.direction == "in"
            )
        )
    assert kept == "Milloin uimahalli on auki?"
    assert await send(standin, runtime, tg.text_update(CHAT, "Mitä pysäköintilupa maksaa?"))


# -- webhook -----------------------------------------------------------------------------------


@contextmanager
def webhook_server(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> Iterator[LiveServer]:
    def add(app: web.Application) -> None:
        TelegramChannel(
            tg.TOKEN,
            app[RUNTIME],
            webhook_url="https://kunta.example/telegram/webhook",
            webhook_secret=SECRET,
            base_url=standin.base_url,
        ).add_routes(app)

    url = f"sqlite:///{tmp_path / 'webhook.db'}"
    yield from run_live_server(url, content, model, extra_routes=[add])


def post(server: LiveServer, body: bytes, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    request = urllib.request.Request(
        f"{server.base_url}/telegram/webhook", data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


async def count(runtime: Runtime, model: type[Message] | type[Resident]) -> int:
    async with runtime.db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def test_webhook_checks_the_secret_and_stores_before_acknowledging(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> None:
    with webhook_server(tmp_path, content, model, standin) as server:
        (registered,) = standin.calls_to("setWebhook")
        assert registered.params["url"] == "https://kunta.example/telegram/webhook"
        assert registered.params["secret_token"] == SECRET

        body = json.dumps(tg.text_update(CHAT, "Mitä pysäköintilupa maksaa?")).encode()
        assert post(server, body, "wrong-secret") == 403
        assert post(server, body, None) == 403
        assert post(server, b"{not json", SECRET) == 400
        assert post(server, b"{}", SECRET) == 400
        assert server.call(count(server.runtime, Resident)) == 0
        assert server.call(count(server.runtime, Message)) == 0
        assert not standin.calls_to("sendMessage")

        assert post(server, body, SECRET) == 200
        # No waiting: by the time Telegram has its 200, the turn is stored and answered.
        runtime = server.runtime
        messages = server.call(stored(runtime, CHAT))
        assert [m.text for m in messages if m.direction == "in"] == ["Mitä pysäköintilupa maksaa?"]
        sent = standin.calls_to("sendMessage")
        assert sent and [c.params["text"] for c in sent] == [
            m.text for m in messages if m.author == "bot"
        ]


def test_webhook_leaves_a_message_the_store_refuses_unacknowledged(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> None:
    with webhook_server(tmp_path, content, model, standin) as server:
        body = json.dumps(tg.text_update(CHAT, "Milloin kirjasto on auki?")).encode()
        refuse_resident_messages(server, True)
        assert post(server, body, SECRET) == 503  # Telegram will deliver it again
        assert server.call(count(server.runtime, Message)) == 0
        refuse_resident_messages(server, False)
        assert post(server, body, SECRET) == 200
        messages = server.call(stored(server.runtime, CHAT))
        assert [m.text for m in messages if m.direction == "in"] == ["Milloin kirjasto on auki?"]


async def test_configuration_from_the_environment(runtime: Runtime) -> None:
    assert TelegramChannel.from_env(runtime, {}) is None
    polling = TelegramChannel.from_env(runtime, {"TELEGRAM_TOKEN": tg.TOKEN})
    assert polling is not None and polling.webhook_url is None
    env = {
        "TELEGRAM_TOKEN": tg.TOKEN,
        "TELEGRAM_WEBHOOK_URL": "https://kunta.example/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
    }
    webhook = TelegramChannel.from_env(runtime, env)
    assert webhook is not None and webhook.webhook_secret == SECRET
    with pytest.raises(ValueError, match="SECRET"):
        TelegramChannel.from_env(runtime, {**env, "TELEGRAM_WEBHOOK_SECRET": ""})
    with pytest.raises(ValueError, match="secret"):
        TelegramChannel(tg.TOKEN, runtime, webhook_secret="has spaces")


def test_a_redelivered_update_is_stored_and_answered_once(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> None:
    with webhook_server(tmp_path, content, model, standin) as server:
        body = json.dumps(tg.text_update(CHAT, "Milloin kirjasto on auki?")).encode()
        assert post(server, body, SECRET) == 200
        answered = len(standin.calls_to("sendMessage"))
        assert answered > 0
        assert post(server, body, SECRET) == 200  # Telegram thought the reply too slow
        messages = server.call(stored(server.runtime, CHAT))
        assert [m.text for m in messages if m.direction == "in"] == ["Milloin kirjasto on auki?"]
        assert len(standin.calls_to("sendMessage")) == answered
        again = json.dumps(tg.text_update(CHAT, "Milloin kirjasto on auki?")).encode()
        assert post(server, again, SECRET) == 200  # the same words in a new update: a message
        messages = server.call(stored(server.runtime, CHAT))
        assert sum(m.direction == "in" for m in messages) == 2


def test_channel_posts_groups_and_bots_are_no_residents(
    tmp_path: Path, content: Content, model: NLUModel, standin: TelegramStandIn
) -> None:
    group = {"id": -100123, "type": "group", "title": "Kaupunginosayhdistys"}
    channel = {"id": -100456, "type": "channel", "title": "Tiedotteet"}
    other_bot = {"id": 777, "is_bot": True, "first_name": "Botti"}
    updates = [
        tg.update(message={**tg.message(CHAT, text="Hei ryhmä"), "chat": group}),
        tg.update(
            channel_post={
                "message_id": 5,
                "date": 1,
                "chat": channel,
                "text": "Tiedote: katutöitä",
            }
        ),
        tg.update(message={**tg.message(777, text="Olen botti"), "from": other_bot}),
    ]
    with webhook_server(tmp_path, content, model, standin) as server:
        for update in updates:
            assert post(server, json.dumps(update).encode(), SECRET) == 200
        assert server.call(count(server.runtime, Resident)) == 0
        assert server.call(count(server.runtime, Message)) == 0
        assert not standin.calls_to("sendMessage")
