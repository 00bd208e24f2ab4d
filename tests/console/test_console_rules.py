"""Who may talk to a resident and what happens to held conversations; private transcripts
with several tickets; lockout under parallel attempts; live streams after sign-out.
Real server, real HTTP (tests/helpers/console_kit.py)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from sqlalchemy import select

from actions.base import ActionContext
from actions.tickets import create_ticket
from console import streams
from content import Content
from nlu import NLUModel
from taskstore import Conversation, Event, store
from tests.helpers.console_kit import (
    GENERAL,
    OFFICE_HOURS,
    PASSWORD,
    STREETS,
    WELFARE,
    Console,
    post,
    run_console,
    sign_in,
)


def conversation_state(console: Console, conversation_id: int) -> tuple[str, int | None, str]:
    async def read() -> tuple[str, int | None, str]:
        async with console.server.runtime.db.transaction() as session:
            found = await session.get(Conversation, conversation_id)
            assert found is not None and found.team_id is not None
            return found.state, found.assigned_staff_id, found.team_id

    return console.server.call(read())


def events(console: Console, conversation_id: int, kind: str) -> list[Event]:
    async def read() -> list[Event]:
        async with console.server.runtime.db.transaction() as session:
            query = select(Event).where(
                Event.conversation_id == conversation_id, Event.type == kind
            )
            return list((await session.scalars(query)).all())

    return console.server.call(read())


def act(http: httpx.Client, conversation_id: int, action: str, **data: str) -> int:
    page = f"/console/conversations/{conversation_id}"
    response = post(http, f"{page}/{action}", "/console/queue", **data)
    return response.status_code


def test_a_private_transcript_stays_with_its_team(console: Console, content: Content) -> None:
    async def two_tickets() -> tuple[int, str, str]:
        async with console.server.runtime.db.transaction() as session:
            resident = await store.resident_for(session, "web", "r-two-tickets", "fi")
            conversation = await store.start_conversation(session, resident, "web", "fi")
            await store.add_message(session, conversation, "in", "resident", "[sensitive]")
            ctx = ActionContext(session, conversation, content, OFFICE_HOURS)
            welfare = await create_ticket(
                ctx,
                kind="private",
                description="Arkaluonteinen asia",
                routing={"team": WELFARE, "method": "intent"},
                private=True,
            )
            streets = await create_ticket(
                ctx,
                kind="question",
                description="Katuvalo rikki",
                routing={"team": STREETS, "method": "team_classifier"},
            )
            return conversation.id, welfare.number, streets.number

    conversation_id, welfare, streets = console.server.call(two_tickets())
    pekka, hanna = console.client("pekka"), console.client("hanna")
    assert pekka.get(f"/console/tickets/{streets}").status_code == 200
    assert pekka.get(f"/console/conversations/{conversation_id}").status_code == 403
    page = hanna.get(f"/console/conversations/{conversation_id}")
    assert page.status_code == 200 and welfare in page.text
    assert conversation_state(console, conversation_id)[2] == WELFARE


def test_only_the_conversations_team_talks_and_its_lead_releases(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    conversation_id = ticket.conversation_id
    assert conversation_id is not None
    liisa, matti, leena = (console.client(n) for n in ("liisa", "matti", "leena"))
    admin, pekka = console.client("admin"), console.client("pekka")
    page = f"/console/tickets/{ticket.number}"
    assert post(liisa, f"{page}/helper", page, username="pekka").status_code == 303

    # An admin outside the team and a helper see the conversation but do not talk in it
    # (an admin, like the team lead, may only release it).
    for outsider, actions in ((admin, ("take", "reply")), (pekka, ("take", "reply", "return"))):
        assert outsider.get(f"/console/conversations/{conversation_id}").status_code == 200
        for action in actions:
            assert act(outsider, conversation_id, action, text="hei") == 403, action

    assert act(liisa, conversation_id, "take") == 303
    assert conversation_state(console, conversation_id)[0] == "with_staff"
    assert act(matti, conversation_id, "take") == 400  # held by Liisa
    assert act(matti, conversation_id, "return") == 400
    assert act(leena, conversation_id, "return", release="1") == 303  # the lead releases
    assert conversation_state(console, conversation_id)[:2] == ("bot", None)
    assert len(events(console, conversation_id, "handed_back")) == 1
    # Taking over also gave Liisa the unassigned ticket (the queue must not say unassigned).
    assert "Liisa Virtanen" in liisa.get(page).text


def test_a_held_conversation_reassigned_waits_for_the_new_team(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    conversation_id = ticket.conversation_id
    assert conversation_id is not None
    liisa, pekka = console.client("liisa"), console.client("pekka")
    assert act(liisa, conversation_id, "take") == 303
    page = f"/console/tickets/{ticket.number}"
    moved = post(liisa, f"{page}/reassign", page, team=STREETS, reason="Katuasia")
    assert moved.status_code == 303
    assert conversation_state(console, conversation_id) == ("queued", None, STREETS)
    assert act(pekka, conversation_id, "take") == 303


def test_disabling_a_holder_hands_the_conversation_back(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    conversation_id = ticket.conversation_id
    assert conversation_id is not None
    liisa, admin = console.client("liisa"), console.client("admin")
    assert act(liisa, conversation_id, "take") == 303
    liisa_id = conversation_state(console, conversation_id)[1]
    assert liisa_id is not None
    response = post(
        admin, f"/console/admin/staff/{liisa_id}", "/console/admin/staff", action="disable"
    )
    assert response.status_code == 303
    assert conversation_state(console, conversation_id)[:2] == ("bot", None)
    [released] = events(console, conversation_id, "handed_back")
    assert released.actor == "system"
    assert liisa.get("/console/queue", follow_redirects=False).status_code == 303  # signed out


def test_claims_do_not_take_from_a_colleague_and_reopening_unresolves(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    liisa, matti = console.client("liisa"), console.client("matti")
    page = f"/console/tickets/{ticket.number}"
    assert post(liisa, f"{page}/claim", page).status_code == 303
    refused = post(matti, f"{page}/claim", page)
    assert refused.status_code == 400 and "A colleague has this ticket" in refused.text

    async def resolved_at() -> object:
        async with console.server.runtime.db.transaction() as session:
            found = await store.ticket_by_number(session, ticket.number)
            assert found is not None
            return found.resolved_at

    assert post(liisa, f"{page}/status", page, status="resolved").status_code == 303
    assert console.server.call(resolved_at()) is not None
    assert post(liisa, f"{page}/status", page, status="open").status_code == 303
    assert console.server.call(resolved_at()) is None


def test_parallel_wrong_passwords_are_all_counted_on_postgresql(
    pg_database_url: str, content: Content, model: NLUModel
) -> None:
    server = run_console(pg_database_url, content, model)
    console = next(server)
    try:
        codes: list[int] = []

        def attempt() -> None:
            codes.append(sign_in(console.client(), "matti", "väärä salasana!!").status_code)

        threads = [threading.Thread(target=attempt) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert set(codes) <= {401, 429} and codes.count(401) >= 5
        # Every failure counted: the guesser's next try waits, even with the right password.
        assert sign_in(console.client(), "matti", PASSWORD).status_code == 429
    finally:
        server.close()


def test_a_live_stream_ends_when_the_session_does(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streams, "RECHECK", 0.2)
    monkeypatch.setattr(streams, "KEEPALIVE", 0.2)
    liisa = console.client("liisa")
    same_browser = console.client()
    same_browser.cookies.update(dict(liisa.cookies))
    lines: list[str] = []
    with liisa.stream("GET", f"/console/queue/events?team={GENERAL}") as stream:
        assert stream.status_code == 200
        started = time.monotonic()
        for line in stream.iter_lines():
            lines.append(line)
            if line.startswith(": keepalive") and same_browser.cookies:
                assert post(same_browser, "/console/logout", "/console/queue").status_code == 303
                same_browser.cookies.clear()
            if line == "event: end" or time.monotonic() - started > 20:
                break
    assert "event: end" in lines
