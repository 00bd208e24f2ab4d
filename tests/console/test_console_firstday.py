"""A city worker's first day with the console (issue 11, points 5, 10, 12 and 14) over real
HTTP: the first admin is told what to do, forms say they saved, the last admin stays, a
ticket page tells helpers from others, and the dashboard opens on the user's own team with
figures that agree, dates in the console's language and the municipality by its name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from console import ConsoleConfig
from content import Content
from nlu import NLUModel
from taskstore import store
from taskstore.staff import ensure_first_admin
from tests.console.test_console_words import visible_texts
from tests.helpers.console_kit import GENERAL, OFFICE_HOURS, STREETS, Console, post, sign_in
from tests.helpers.live import LiveServer, run_live_server

STATUS = re.compile(r'<div class="flash" role="status">([^<]+)</div>')


def text_of(page: httpx.Response) -> str:
    return " ".join(visible_texts(page.text))


def flash(page: httpx.Response) -> str | None:
    found = STATUS.search(page.text)
    return found.group(1) if found else None


# --- point 10: the first admin -------------------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[tuple[LiveServer, str]]:
    """A fresh install as `kuntabotti run` leaves it: one admin, in the default team."""
    url = f"sqlite:///{tmp_path / 'kuntabotti.db'}"
    for server in run_live_server(url, content, model, console=ConsoleConfig()):

        async def first(server: LiveServer = server) -> str:
            async with server.runtime.db.transaction() as session:
                password = await ensure_first_admin(session, [content.default_team()])
                assert password is not None
                return password

        yield server, server.call(first())


def test_the_first_admin_is_guided_and_cannot_lock_the_console_out(
    fresh: tuple[LiveServer, str], content: Content
) -> None:
    server, password = fresh
    http = Console(server).client()
    assert sign_in(http, "admin", password).status_code == 303
    queue = http.get("/console/queue")
    guide = text_of(queue)
    general = content.teams[content.default_team()]["name"]["en"]
    assert "Getting started" in guide and f"a member of: {general}." in guide
    assert 'href="/console/admin/staff#h-add"' in queue.text

    # The last active admin can neither disable nor demote itself.
    staff = http.get("/console/admin/staff")
    me = re.search(r'action="/console/admin/staff/(\d+)"', staff.text)
    assert me is not None
    path, page = f"/console/admin/staff/{me.group(1)}", "/console/admin/staff"
    for change in ({"action": "disable"}, {"action": "teams", "role": "agent", "teams": GENERAL}):
        refused = post(http, path, page, **change)
        assert refused.status_code == 400 and 'role="alert"' in refused.text
        assert "The console needs an active administrator" in text_of(refused)

    # With a second admin, the first may step down; every form says it saved.
    added = post(
        http,
        page,
        page,
        username="toinen",
        name="Toinen Ylläpitäjä",
        role="admin",
        teams=STREETS,
        password="toinen pitkä salasana",
    )
    assert added.status_code == 303
    after = http.get(page)
    assert flash(after) == "Account added."
    assert flash(http.get(page)) is None  # said once
    assert "Getting started" not in text_of(http.get("/console/queue"))  # no longer alone
    demoted = post(http, path, page, action="teams", role="lead", teams=GENERAL)
    assert demoted.status_code == 303
    assert flash(http.get("/console/queue")) == "Saved."  # a lead now: no admin pages


def test_every_form_says_it_saved(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    liisa = console.client("liisa")
    page = f"/console/tickets/{ticket.number}"
    for action, fields, said in (
        ("claim", {}, "You now handle this ticket."),
        ("status", {"status": "open"}, "Saved."),
        ("priority", {"priority": "high"}, "Saved."),
        ("comment", {"text": "Tarkistan"}, "Comment added."),
        ("helper", {"team": STREETS}, "Helper added."),
    ):
        assert post(liisa, f"{page}/{action}", page, **fields).status_code == 303
        shown = liisa.get(page)
        assert flash(shown) == said, action
    leena = console.client("leena")
    replies = f"/console/teams/{GENERAL}/replies"
    added = post(leena, replies, replies, title="Kiitos", language="fi", text="Kiitos viestistä.")
    assert added.status_code == 303 and flash(leena.get(replies)) == "Canned reply added."
    assert post(leena, "/console/language", replies, lang="fi", next=replies).status_code == 303
    assert flash(leena.get(replies)) == "Kieli vaihdettu."


# --- point 12: the ticket page -------------------------------------------------------------


def test_only_helpers_are_told_they_help_and_the_history_names_the_team(
    console: Console, content: Content
) -> None:
    ticket = console.ticket(GENERAL)
    page = f"/console/tickets/{ticket.number}"
    admin = console.client("admin")  # an admin of the streets team: no helper here
    shown = text_of(admin.get(page))
    assert "No helpers." in shown and "You help on this ticket" not in shown
    general = content.teams[GENERAL]["name"]["en"]
    assert f"{general} handles this ticket" in shown
    liisa = console.client("liisa")
    assert post(liisa, f"{page}/helper", page, team=STREETS).status_code == 303
    for helper in ("pekka", "admin"):  # both in the streets team, which now helps
        assert "You help on this ticket" in text_of(console.client(helper).get(page))


# --- points 14 and 5: the dashboard --------------------------------------------------------


def test_the_dashboard_opens_on_the_users_own_team(console: Console, content: Content) -> None:
    admin = console.client("admin")  # member of the streets team only
    page = text_of(admin.get("/console/dashboard"))
    assert f"Dashboard: {content.teams[STREETS]['name']['en']}" in page
    assert "No messages from residents in this period." in page


def test_the_dashboard_tells_no_messages_from_none_understood(console: Console) -> None:
    async def gibberish() -> None:
        async with console.server.runtime.db.transaction() as session:
            resident = await store.resident_for(session, "web", "nonsense", "fi")
            conversation = await store.start_conversation(session, resident, "web", "fi")
            nlu = {
                "intent": {"name": "nlu_fallback", "confidence": 0.2},
                "team": {"id": GENERAL, "confidence": 0.9},
                "fallback": True,
                "ranking": [],
            }
            await store.add_message(session, conversation, "in", "resident", "asdf", nlu=nlu)

    console.server.call(gibberish())
    leena = console.client("leena")  # a lead of the general team
    page = text_of(leena.get(f"/console/dashboard?team={GENERAL}"))
    assert "The bot understood none of the 1 messages of this period." in page
    city = text_of(leena.get("/console/dashboard?team=city"))
    # One contact, without a ticket: the bot handled it alone, and the two figures agree.
    assert "Contacts 1 " in city and "(1 of 1 contacts)" in city


def test_the_city_figures_agree(console: Console) -> None:
    console.ticket(GENERAL)  # a contact that became a ticket: not resolved by the bot
    leena = console.client("leena")
    city = text_of(leena.get("/console/dashboard?team=city"))
    assert "Contacts 1 " in city and "0 % (0 of 1 contacts)" in city


@pytest.mark.parametrize(
    ("lang", "whole", "start", "end"),
    [
        ("fi", "Koko Esimerkkilä", "1.11.2026", "30.11.2026"),
        ("sv", "Hela Exempelby", "2026-11-01", "2026-11-30"),
        ("en", "All of Esimerkkilä", "2026-11-01", "2026-11-30"),
    ],
)
def test_dates_and_the_municipality_in_the_consoles_language(
    console: Console, lang: str, whole: str, start: str, end: str
) -> None:
    leena = console.client("leena")
    leena.headers["Accept-Language"] = lang
    page = leena.get("/console/dashboard")
    assert f'value="{start}"' in page.text and f'value="{end}"' in page.text
    assert 'type="date"' not in page.text  # the browser's own format is not the console's
    assert f">{whole}</option>" in page.text
    assert "kaupunki" not in text_of(page) and "staden" not in text_of(page)
    city = leena.get(f"/console/dashboard?team=city&start={start}&end={end}")
    assert city.status_code == 200 and f": {whole}" in text_of(city)
    # The other languages' forms are understood too, so a shared link works for everyone.
    assert leena.get("/console/dashboard?start=1.11.2026&end=2026-11-30").status_code == 200
    bad = leena.get("/console/dashboard?start=11/1/2026")
    assert bad.status_code == 400 and 'role="alert"' in bad.text


def test_the_default_period_is_the_last_30_days(console: Console) -> None:
    page = console.client("liisa").get("/console/dashboard").text
    assert f'value="{OFFICE_HOURS.date().isoformat()}"' in page
