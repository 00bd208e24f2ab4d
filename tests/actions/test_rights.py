"""A resident's rights of access and erasure over a real server, on SQLite and PostgreSQL:
a web resident who left an e-mail on a ticket, with staff's comment and reassignment naming
them, and the same person on Telegram; found by each key, exported, erased. Afterwards no
table holds their words, e-mail, Telegram id or token, while another resident's
conversation and the ticket's shell and handoff log remain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from actions import rights, staff_work
from actions.inbox_work import gather
from content import Content
from nlu import NLUModel
from taskstore import AccessEntry, Event, InboxItem, StaffUser, Ticket
from taskstore.models import Base
from taskstore.personal_data import find
from taskstore.staff import add_staff
from tests.helpers.live import SATURDAY, LiveServer, run_live_server
from tests.helpers.rest_client import Chat

NAME = "Zorblattinen"  # a surname no content or model has
EMAIL = "Z.Zorblattinen@Example.com"
TELEGRAM = "7310452986"


@pytest.fixture
def server(store_url: str, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    yield from run_live_server(store_url, content, model, clock=lambda: SATURDAY)


def dump(server: LiveServer) -> str:
    """Every row of every table, as text: where a trace would be."""

    async def run() -> str:
        rows: list[str] = []
        async with server.runtime.db.transaction() as session:
            for table in Base.metadata.sorted_tables:
                rows.extend(repr(tuple(row)) for row in (await session.execute(select(table))))
        return "\n".join(rows).lower()

    return server.call(run())


def in_store(server: LiveServer, work: Any) -> Any:
    async def run() -> Any:
        async with server.runtime.db.transaction() as session:
            return await work(session)

    return server.call(run())


def residents_story(server: LiveServer) -> tuple[Chat, str]:
    """The web conversation with its ticket, staff's work on it, the Telegram conversation."""
    chat = Chat(server, "en")
    chat.send("I want to talk to a human")
    chat.send(f"My neighbour {NAME} parks on my lawn every night, I am {NAME} too")
    chat.send(f"You can reach me at {EMAIL}")
    chat.send(f"Flibbertigibbet {NAME} quux?")  # not understood: an inbox question
    [ticket] = chat.tickets()
    assert ticket.contact_email == EMAIL

    async def staff_and_telegram(session: Any) -> None:
        admin = await add_staff(session, "aino", "Aino", "salasana-123456", "admin", [])
        actor = staff_work.Actor(admin.id, SATURDAY)
        row = await session.get(Ticket, ticket.id)
        await staff_work.comment(session, row, f"Called {NAME}, will call back", actor)
        await staff_work.reassign(
            session, server.runtime.content, row, "yleisneuvonta", f"{NAME} asked", actor
        )
        await gather(session, SATURDAY - timedelta(days=1))

    in_store(server, staff_and_telegram)
    token = server.call(server.runtime.token_for("telegram", TELEGRAM, "en"))
    server.call(server.runtime.handle(token, text=f"Hello, this is {NAME} on Telegram"))
    return chat, ticket.number


def test_a_resident_is_found_exported_and_erased_without_a_trace(server: LiveServer) -> None:
    chat, number = residents_story(server)
    other = Chat(server, "en")
    other.send("When is the library open on Sundays?")
    assert NAME.lower() in dump(server) and TELEGRAM in dump(server)
    events_before = in_store(server, lambda s: s.scalar(select(func.count()).select_from(Event)))

    async def find_all(session: Any) -> Any:
        by_email = await find(session, email=EMAIL.upper())
        by_token = await find(session, token=chat.token)
        by_telegram = await find(session, telegram=TELEGRAM)
        return by_email, by_token, by_telegram

    by_email, by_token, by_telegram = in_store(server, find_all)
    assert by_email.conversations == by_token.conversations and len(by_email.tickets) == 1
    assert by_telegram.residents and not by_telegram.residents & by_email.residents
    subject = by_email
    subject.residents |= by_telegram.residents
    subject.conversations |= by_telegram.conversations

    async def export_and_erase(session: Any) -> tuple[dict[str, Any], Any]:
        staff_id = await session.scalar(select(StaffUser.id).where(StaffUser.username == "aino"))
        data = await rights.export_subject(session, subject, staff_id)
        return data, await rights.erase_subject(session, subject, staff_id)

    data, counts = in_store(server, export_and_erase)
    exported = json.dumps(data)
    assert EMAIL in exported and TELEGRAM in exported and f"Called {NAME}" in exported
    [ticket] = data["tickets"]
    assert ticket["number"] == number and ticket["internal_notes"]
    assert counts["tickets"] == 1 and counts["notes"] == 2 and counts["residents"] == 2
    assert counts["conversations"] == 2 and counts["messages"] > 5 and counts["inbox_items"] >= 1

    left = dump(server)
    for trace in (NAME, EMAIL, TELEGRAM, chat.token, "Flibbertigibbet"):
        assert trace.lower() not in left, trace
    assert "library open on sundays" in left  # another resident's words are untouched
    shell = in_store(server, lambda s: s.scalar(select(Ticket).where(Ticket.number == number)))
    assert shell.erased_at is not None and shell.description == "" and shell.team_id
    events_after = in_store(server, lambda s: s.scalar(select(func.count()).select_from(Event)))
    assert events_after == events_before  # the handoff log keeps that the matter existed
    logged = in_store(server, lambda s: s.scalars(select(AccessEntry.action)))
    assert sorted(logged.all()) == ["erased", "exported"]
    assert not in_store(server, lambda s: find(s, token=chat.token, telegram=TELEGRAM, email=EMAIL))
    assert in_store(server, lambda s: s.scalar(select(func.count()).select_from(InboxItem))) == 0
    response = chat.http.post(f"/conversations/{chat.token}/messages", json={"text": "hi"})
    assert response.status_code == 404  # the old token opens nothing
