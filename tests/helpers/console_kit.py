"""The staff console under test: a live server with the console, staff of three teams, and
a signed-in HTTP client per person (as a browser would hold a session)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from bot.clients import CLIENTS, Clients
from console import ConsoleConfig
from content import Content
from nlu import NLUModel
from taskstore import Ticket, store
from taskstore.staff import add_staff
from tests.helpers.live import LiveServer, run_live_server

PASSWORD = "pitkä salasana 2026"
# Monday 30 Nov 2026 10:00 in Helsinki: office hours, so a handoff waits in the queue.
OFFICE_HOURS = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
GENERAL = "yleisneuvonta"  # the default team: handoffs without a topic land here
STREETS = "kadut_liikenne"
WELFARE = "hyvinvointialue"  # a private team
# username -> (name, role, teams)
STAFF = {
    "liisa": ("Liisa Virtanen", "agent", [GENERAL]),
    "matti": ("Matti Korhonen", "agent", [GENERAL]),
    "leena": ("Leena Lahti", "lead", [GENERAL]),
    "pekka": ("Pekka Niemi", "agent", [STREETS]),
    "hanna": ("Hanna Salo", "agent", [WELFARE]),
    "admin": ("Anna Admin", "admin", [STREETS]),
}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Console:
    server: LiveServer

    def client(self, username: str | None = None) -> httpx.Client:
        """A browser-like client; signed in as `username` unless None (anonymous)."""
        http = httpx.Client(
            base_url=self.server.base_url,
            timeout=30,
            headers={"Accept": "text/html", "Accept-Language": "en"},
        )
        if username is not None:
            sign_in(http, username)
        return http

    def comms(self, username: str = "kaisa") -> httpx.Client:
        """A member of the communications team (no team of their own), signed in."""

        async def add() -> None:
            async with self.server.runtime.db.transaction() as session:
                await add_staff(session, username, "Kaisa Viestintä", PASSWORD, "comms", [])

        self.server.call(add())
        return self.client(username)

    def ticket(self, team: str, *, private: bool = False, text: str = "Katuvalo rikki") -> Ticket:
        """A ticket with a conversation behind it, made straight in the store."""

        async def make() -> Ticket:
            async with self.server.runtime.db.transaction() as session:
                resident = await store.resident_for(session, "web", f"r-{team}-{text}", "fi")
                conversation = await store.start_conversation(session, resident, "web", "fi")
                conversation.team_id, conversation.private = team, private
                await store.add_message(session, conversation, "in", "resident", text)
                ticket = await store.create_ticket(
                    session,
                    now=OFFICE_HOURS,
                    conversation_id=conversation.id,
                    team_id=team,
                    kind="private" if private else "question",
                    private=private,
                    language="fi",
                    description=text,
                )
                await store.log_event(session, "created", "bot", ticket=ticket, kind="question")
                return ticket

        return self.server.call(make())


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def sign_in(http: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    page = http.get("/console/login")
    assert page.status_code == 200
    return http.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "username": username, "password": password},
        follow_redirects=False,
    )


def post(http: httpx.Client, path: str, page: str, **data: str) -> httpx.Response:
    """A form post from `page` (whose CSRF token it carries), not following the redirect."""
    token = csrf_of(http.get(page).text)
    return http.post(path, data={"csrf": token, **data}, follow_redirects=False)


def trust_loopback(app: web.Application) -> None:
    """The test client stands behind a proxy on 127.0.0.1: X-Forwarded-For names it, so a
    test can sign in from several addresses (bot/clients.py)."""
    app[CLIENTS] = Clients(frozenset({"127.0.0.1"}))


def run_console(database_url: str, content: Content, model: NLUModel) -> Iterator[Console]:
    for server in run_live_server(
        database_url,
        content,
        model,
        clock=lambda: OFFICE_HOURS,
        console=ConsoleConfig(),
        extra_routes=[trust_loopback],
    ):

        async def staff(server: LiveServer = server) -> None:
            async with server.runtime.db.transaction() as session:
                for username, (name, role, teams) in STAFF.items():
                    await add_staff(session, username, name, PASSWORD, role, teams)

        server.call(staff())
        yield Console(server)


@pytest.fixture
def console(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[Console]:
    yield from run_console(f"sqlite:///{tmp_path / 'kuntabotti.db'}", content, model)
