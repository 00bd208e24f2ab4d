"""A person in a conversation (bot/staff_live.py) end to end: take over, write, hand back;
what the resident sees over REST, a live web-chat socket and Telegram (the Bot API
stand-in); the e-mail to a resident who is not connected (a real local SMTP server); and
the console refusing a second person over HTTP."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from sqlalchemy import select

from actions.staff_work import WorkError
from actions.texts import say
from bot import staff_live
from bot.runtime import MAX_TEXT, Runtime
from bot.telegram import TelegramChannel
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database, Message, Resident, StaffUser, Ticket, store
from taskstore.staff import add_staff
from tests.helpers import telegram_standin as tg
from tests.helpers.console_kit import GENERAL, OFFICE_HOURS, PASSWORD, Console, post
from tests.helpers.live import LiveServer
from tests.helpers.rest_client import Chat
from tests.helpers.smtp_server import Inbox, free_port, mailer_for
from tests.helpers.telegram_standin import TelegramStandIn

T = TypeVar("T")
CHAT = 5151
TIMEOUT = 15.0
LIISA = "Liisa Virtanen"


# -- helpers -------------------------------------------------------------------------------


def on_server(server: LiveServer, coro: Coroutine[Any, Any, T]) -> T:
    """Run a staff operation where the server runs it: its turn locks belong to that loop."""
    return server.call(coro)


async def staff_id(runtime: Runtime, username: str) -> int:
    async with runtime.db.transaction() as session:
        found = await session.scalar(select(StaffUser.id).where(StaffUser.username == username))
    assert found is not None, username
    return found


def messages_after(chat: Chat, since: int) -> list[dict[str, Any]]:
    """What the resident's app gets when it asks for news (REST)."""
    response = chat.http.get(f"/conversations/{chat.token}/messages", params={"since": since})
    assert response.status_code == 200, response.text
    return list(response.json()["messages"])


def last_id(chat: Chat) -> int:
    return max(m.id for m in chat.stored_messages())


def joined_text(content: Content, name: str, team: str, lang: str = "fi") -> str:
    return say("staff_joined", lang, name=name, team=content.teams[team]["name"][lang])


# -- a: take over, write, refuse a second person, hand back --------------------------------


def test_take_over_write_and_hand_back(console: Console, content: Content) -> None:
    server = console.server
    runtime = server.runtime
    chat = Chat(server)
    chat.send("Haluan puhua ihmisen kanssa")
    chat.send("Haluan puhua ihmisen kanssa")  # asked for the matter: insisting names none
    assert chat.state == "queued", chat.said
    [ticket] = chat.tickets()
    assert ticket.first_response_at is None
    conversation_id = chat.conversation().id
    liisa = on_server(server, staff_id(runtime, "liisa"))
    matti = on_server(server, staff_id(runtime, "matti"))

    seen = last_id(chat)
    on_server(server, staff_live.take_over(runtime, conversation_id, liisa))
    [joined] = messages_after(chat, seen)
    assert joined["author"] == "bot"
    assert joined["text"] == joined_text(content, LIISA, ticket.team_id)
    assert chat.conversation().state == "with_staff"
    # Taking over what one already holds changes nothing (a double click).
    on_server(server, staff_live.take_over(runtime, conversation_id, liisa))
    assert messages_after(chat, joined["id"]) == []

    # The bot is silent now, but the resident's words are kept.
    chat.send("Hei, onko siellä joku?")
    assert chat.state == "with_staff" and chat.last["replies"] == []
    assert chat.stored_messages()[-1].text == "Hei, onko siellä joku?"

    seen = last_id(chat)
    answer = "Hei, Liisa täällä. Miten voin auttaa?"
    sent = on_server(server, staff_live.reply(runtime, conversation_id, liisa, f"  {answer}\n"))
    [arrived] = messages_after(chat, seen)
    assert (arrived["author"], arrived["text"], arrived["id"]) == ("staff", answer, sent.id)
    assert chat.stored_messages()[-1].staff_id == liisa
    [ticket] = chat.tickets()
    assert ticket.first_response_at is not None and ticket.status == "open"

    # Matti cannot take over, write or hand back what Liisa holds.
    for attempt in (
        staff_live.take_over(runtime, conversation_id, matti),
        staff_live.reply(runtime, conversation_id, matti, "Matti tässä"),
        staff_live.hand_back(runtime, conversation_id, matti),
    ):
        with pytest.raises(staff_live.Held) as held:
            on_server(server, attempt)
        assert held.value.holder == LIISA
    # The same refusal through the console.
    http = console.client("matti")
    http.headers["Accept-Language"] = "en"  # the console's own words are checked below
    page = http.get(f"/console/conversations/{conversation_id}")
    assert page.status_code == 200
    assert f"{LIISA} holds this conversation." in page.text
    assert 'id="take-over"' not in page.text and 'id="reply-form"' not in page.text
    url = f"/console/conversations/{conversation_id}"
    refused = post(http, f"{url}/reply", url, text="Matti vastaa kuitenkin")
    assert refused.status_code == 400
    assert f"{LIISA} holds this conversation." in refused.text
    texts = [m.text for m in chat.stored_messages()]
    assert "Matti tässä" not in texts and "Matti vastaa kuitenkin" not in texts
    assert chat.conversation().assigned_staff_id == liisa
    mine_http = console.client("liisa")
    mine_http.headers["Accept-Language"] = "en"
    mine = mine_http.get(url)
    assert "You hold this conversation" in mine.text and 'id="reply-form"' in mine.text

    seen = last_id(chat)
    on_server(server, staff_live.hand_back(runtime, conversation_id, liisa))
    [back] = messages_after(chat, seen)
    assert (back["author"], back["text"]) == ("bot", say("back_to_bot", "fi"))
    chat.send("Milloin kirjasto on auki?")
    assert chat.state == "bot" and chat.last["replies"]
    assert "kirjasto" in chat.said.lower()

    types = [e.type for e in chat.events()]
    assert [types.count(t) for t in ("taken_over", "replied", "handed_back")] == [1, 1, 1]
    replied = next(e for e in chat.events() if e.type == "replied")
    assert (replied.staff_id, replied.ticket_id) == (liisa, ticket.id)


def test_an_empty_or_overlong_reply_is_refused(console: Console) -> None:
    server = console.server
    chat = Chat(server)
    conversation_id = chat.conversation().id
    liisa = on_server(server, staff_id(server.runtime, "liisa"))
    before = len(chat.stored_messages())
    for text, why in (("  \n ", "empty"), ("x" * (MAX_TEXT + 1), "too long")):
        with pytest.raises(WorkError, match=why):
            on_server(server, staff_live.reply(server.runtime, conversation_id, liisa, text))
    assert len(chat.stored_messages()) == before
    assert "replied" not in [e.type for e in chat.events()]


# -- b: e-mail to a resident who is not connected ------------------------------------------


@pytest.fixture
async def runtime(tmp_path: Path, content: Content, model: NLUModel) -> AsyncIterator[Runtime]:
    runtime = Runtime(
        Database(f"sqlite:///{tmp_path / 'live.db'}", clock=lambda: OFFICE_HOURS),
        content,
        ModelHandle(model),
    )
    await runtime.prepare()
    async with runtime.db.transaction() as session:
        await add_staff(session, "liisa", LIISA, PASSWORD, "agent", [GENERAL])
    yield runtime
    await runtime.db.close()


async def ticket_with_contact(
    runtime: Runtime,
    *,
    consent: bool,
    channel: str = "web",
    external_id: str | None = None,
    language: str = "sv",
    email: str = "asukas@esimerkki.example",
) -> tuple[int, str, Ticket]:
    """A conversation with a ticket that carries a contact, as the dialogue's form leaves
    it: (conversation id, token, ticket)."""
    async with runtime.db.transaction() as session:
        resident = await store.resident_for(
            session, channel, external_id or f"r-{email}-{consent}", language
        )
        conversation = await store.latest_conversation(session, resident)
        if conversation is None:
            conversation = await store.start_conversation(session, resident, channel, language)
        conversation.team_id = GENERAL
        await store.add_message(session, conversation, "in", "resident", "Katulamppu on rikki")
        ticket = await store.create_ticket(
            session,
            now=OFFICE_HOURS,
            conversation_id=conversation.id,
            team_id=GENERAL,
            kind="question",
            language=language,
            description="Katulamppu on rikki",
            contact_email=email,
            contact_consent=consent,
        )
        return conversation.id, conversation.token, ticket


async def test_a_reply_is_mailed_only_to_an_offline_resident_who_consented(
    runtime: Runtime, content: Content, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    mailer = mailer_for(port)
    liisa = await staff_id(runtime, "liisa")
    conversation_id, token, ticket = await ticket_with_contact(runtime, consent=True)
    assert not runtime.hub.resident_connected(token)
    # A console page watching the conversation is not the resident being there.
    watching = runtime.hub.subscribe(token, observer=True)

    text = "Lampan byts i morgon. Tack för att du meddelade!"
    await staff_live.reply(runtime, conversation_id, liisa, text, mailer=mailer)
    [mail] = inbox.mails
    assert (await watching.get()).text == text  # the console saw it too
    runtime.hub.unsubscribe(token, watching)
    assert mail.recipients == ["asukas@esimerkki.example"]
    assert ticket.number in mail.message["Subject"]
    assert mail.message["Subject"] == say("mail_reply_subject", "sv", number=ticket.number)
    body = mail.body
    assert text in body
    assert content.teams[GENERAL]["name"]["sv"] in body and "chatten" in body  # Swedish

    # The resident has the chat open: the reply reaches them there, not by mail.
    queue = runtime.hub.subscribe(token)
    try:
        await staff_live.reply(runtime, conversation_id, liisa, "Och en sak till.", mailer=mailer)
        live = queue.get_nowait()
        assert (live.author, live.text) == ("staff", "Och en sak till.")
    finally:
        runtime.hub.unsubscribe(token, queue)
    assert len(inbox.mails) == 1

    # No consent, no mail, even with an address.
    other_id, _, _ = await ticket_with_contact(
        runtime, consent=False, email="toinen@esimerkki.example"
    )
    await staff_live.reply(runtime, other_id, liisa, "Kiitos tiedosta.", mailer=mailer)
    assert len(inbox.mails) == 1

    # Every reply is stored whether or not it was mailed.
    async with runtime.db.transaction() as session:
        staff_texts = list(
            await session.scalars(select(Message.text).where(Message.author == "staff"))
        )
    assert sorted(staff_texts) == sorted([text, "Och en sak till.", "Kiitos tiedosta."])


async def test_a_mail_server_that_is_down_does_not_lose_the_reply(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    liisa = await staff_id(runtime, "liisa")
    conversation_id, token, _ = await ticket_with_contact(runtime, consent=True)
    down = mailer_for(free_port(), timeout=1.0)
    sent = await staff_live.reply(runtime, conversation_id, liisa, "Vastaus", mailer=down)
    assert any("reply e-mail" in r.getMessage() and r.exc_info for r in caplog.records)
    assert [m.id for m in await runtime.messages_since(token)][-1] == sent.id


# -- c: Telegram: the reply is pushed to the chat ------------------------------------------


async def bot_messages(runtime: Runtime, chat_id: int) -> int:
    async with runtime.db.transaction() as session:
        return len(
            list(
                await session.scalars(
                    select(Message.id)
                    .join(Conversation, Conversation.id == Message.conversation_id)
                    .join(Resident, Resident.id == Conversation.resident_id)
                    .where(
                        Resident.channel == "telegram",
                        Resident.external_id == str(chat_id),
                        Message.author == "bot",
                    )
                )
            )
        )


@pytest.fixture
async def telegram(standin: TelegramStandIn, runtime: Runtime) -> AsyncIterator[TelegramChannel]:
    channel = TelegramChannel(tg.TOKEN, runtime, base_url=standin.base_url)
    await channel.start_polling(poll_timeout=1)
    yield channel
    await channel.stop()


async def test_a_staff_reply_is_pushed_to_the_telegram_chat(
    telegram: TelegramChannel,
    standin: TelegramStandIn,
    runtime: Runtime,
    content: Content,
    smtp: tuple[Inbox, int],
) -> None:
    assert runtime.outbound["telegram"] == telegram.push
    standin.queue(tg.text_update(CHAT, "Milloin kirjasto on auki?"))
    await standin.await_for("sendMessage")
    # The answer is committed before its first message is sent: wait for all of it, so
    # that what comes next is the staff side only.
    answered = await bot_messages(runtime, CHAT)
    assert answered
    await standin.await_for("sendMessage", answered)
    # A ticket with an address and consent: on Telegram the reply still goes to the chat only.
    conversation_id, _, _ = await ticket_with_contact(
        runtime, consent=True, channel="telegram", external_id=str(CHAT), language="fi"
    )
    async with runtime.db.transaction() as session:
        conversation = await session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.channel == "telegram"
    liisa = await staff_id(runtime, "liisa")
    inbox, port = smtp

    before = len(standin.calls_to("sendMessage"))
    await staff_live.take_over(runtime, conversation_id, liisa)
    [joined] = await standin.await_for("sendMessage", after=before)
    assert joined.params["chat_id"] == CHAT
    assert joined.params["text"] == joined_text(content, LIISA, GENERAL)

    text = "Kirjasto on auki arkisin 9–20. Terveisin Liisa"
    await staff_live.reply(runtime, conversation_id, liisa, text, mailer=mailer_for(port))
    [pushed] = await standin.await_for("sendMessage", after=before + 1)
    assert (pushed.params["chat_id"], pushed.params["text"]) == (CHAT, text)
    assert "reply_markup" not in pushed.params and "parse_mode" not in pushed.params
    assert inbox.mails == []


# -- d: a web chat with an open socket sees the person live ---------------------------------


def test_an_open_web_chat_gets_the_staff_message_live(console: Console, content: Content) -> None:
    asyncio.run(web_chat_live(console, content))


async def web_chat_live(console: Console, content: Content) -> None:
    server = console.server

    async def on_server_async(coro: Coroutine[Any, Any, T]) -> T:
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, server.loop)
        return await asyncio.wrap_future(future)

    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(server.base_url + "/ws", params={"lang": "fi"}) as ws,
    ):
        await frame(ws, "hello")
        await ws.send_json({"type": "text", "text": "Haluan puhua ihmisen kanssa"})
        token = (await frame(ws, "token"))["token"]  # stored with the first message
        state = await frame(ws, "state")
        assert state["state"] == "collecting"  # what is the matter?
        await ws.send_json({"type": "text", "text": "Haluan puhua ihmisen kanssa"})
        state = await frame(ws, "state")
        assert state["state"] == "queued"

        async def find() -> int:
            async with server.runtime.db.transaction() as session:
                found = await store.conversation_by_token(session, token)
                assert found is not None
                return found.id

        conversation_id = await on_server_async(find())
        liisa = console.client("liisa")
        url = f"/console/conversations/{conversation_id}"
        taken = await asyncio.to_thread(post, liisa, f"{url}/take", url)
        assert taken.status_code == 303
        joined = await message_frame(ws, "bot")
        assert joined["text"] == joined_text(content, LIISA, GENERAL)

        text = "Hei! Liisa kaupungin neuvonnasta tässä."
        replied = await asyncio.to_thread(post, liisa, f"{url}/reply", url, text=text)
        assert replied.status_code == 303
        live = await message_frame(ws, "staff")
        assert live["text"] == text

        async def stored_staff() -> list[tuple[int, str]]:
            async with server.runtime.db.transaction() as session:
                rows = await session.execute(
                    select(Message.id, Message.text).where(
                        Message.conversation_id == conversation_id, Message.author == "staff"
                    )
                )
                return [(row.id, row.text) for row in rows]

        assert await on_server_async(stored_staff()) == [(live["id"], text)]


async def frame(ws: aiohttp.ClientWebSocketResponse, kind: str) -> dict[str, Any]:
    """The next frame of `kind`, skipping others (the greeting, echoes of own messages)."""
    while True:
        data = json.loads(await ws.receive_str(timeout=TIMEOUT))
        if data["type"] == kind:
            return dict(data)


async def message_frame(ws: aiohttp.ClientWebSocketResponse, author: str) -> dict[str, Any]:
    while True:
        data = await frame(ws, "message")
        if data["author"] == author:
            return data
