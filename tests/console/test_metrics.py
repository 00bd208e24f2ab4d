"""Dashboard figures on the real store (SQLite and PostgreSQL), the SVG charts, and the
dashboard page and CSV over real HTTP."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from actions.sla import HELSINKI
from bot.runtime import Runtime
from console import ConsoleConfig
from console.charts import bar_chart, column_chart
from console.metrics import Metrics, compliance, dashboard_metrics, spread
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database, Message, store
from taskstore.staff import add_staff
from tests.helpers.console_kit import PASSWORD, STAFF, Console, sign_in
from tests.helpers.live import LiveServer, run_live_server

START = datetime(2026, 3, 2, tzinfo=HELSINKI)  # Monday; the period is one week
END = datetime(2026, 3, 9, tzinfo=HELSINKI)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=HELSINKI)
OPETUS, KADUT, WELFARE, GENERAL = "opetus", "kadut_liikenne", "hyvinvointialue", "yleisneuvonta"
SCHOOL, STREETLIGHT = "opetus_koulukuljetus", "kadut_liikenne_katuvalo"
PLACEHOLDER = "[sensitive matter: details not stored]"
PRIVATE_TEXT = "Minulla on salainen terveysasia"
TIME_FIELDS = ("first_response_due", "resolution_due", "first_response_at", "resolved_at")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI)


def nlu(intent: str, team: str, *, fallback: bool = False) -> dict[str, Any]:
    """The stored NLU record of a resident message (as bot/dialogue.py keeps it)."""
    ranking = [{"name": intent, "confidence": 0.4}, {"name": "other", "confidence": 0.2}]
    team_guess = {"id": team, "confidence": 0.8}
    intent_guess = {"name": intent, "confidence": 0.9}
    return dict(intent=intent_guess, team=team_guess, fallback=fallback, ranking=ranking)


def sensitive(intent: str, team: str) -> dict[str, Any]:
    """The shorter record kept for a sensitive message."""
    return {"intent": intent, "team": team, "language": "fi", "sensitive": True}


@dataclass
class World:
    """Builds conversations, messages and tickets with explicit times."""

    session: AsyncSession

    async def conversation(
        self, created: datetime, team: str | None = None, private: bool = False
    ) -> Conversation:
        resident = await store.resident_for(self.session, "web", secrets.token_hex(8), "fi")
        token = secrets.token_urlsafe(16)
        row = Conversation(token=token, resident_id=resident.id, channel="web", slots={})
        row.team_id, row.private, row.created_at = team, private, created
        self.session.add(row)
        await self.session.flush()
        return row

    async def says(self, conversation: Conversation, when: datetime, text: str, nlu: Any) -> None:
        """A resident's message and the bot's reply (which no figure counts)."""
        for author, said, record in (("resident", text, nlu), ("bot", "Vastaus", None)):
            row = Message(conversation_id=conversation.id, author=author, text=said, nlu=record)
            row.direction, row.created_at = "in" if record else "out", when
            self.session.add(row)
        await self.session.flush()

    async def ticket(
        self,
        conversation: Conversation | None,
        team: str,
        created: datetime,
        status: str = "new",
        due: tuple[datetime | None, datetime | None] = (None, None),  # first response, resolution
        done: tuple[datetime | None, datetime | None] = (None, None),
        **fields: Any,
    ) -> None:
        times = zip(TIME_FIELDS, (*due, *done), strict=True)
        fields = {"kind": "question", "description": "-", "status": status, **dict(times), **fields}
        conversation_id = conversation.id if conversation else None
        await store.create_ticket(
            self.session, now=created, conversation_id=conversation_id, team_id=team, **fields
        )


async def build(session: AsyncSession) -> None:
    """The data set behind the expected figures (times in Helsinki, UTC+2 in March)."""
    w = World(session)
    # Sunday 23:30 in Helsinki, before the period: a ticket still waiting.
    c0 = await w.conversation(at(1, 23, 30), team=KADUT)
    await w.says(c0, at(1, 23, 31), "Koulukuljetus?", nlu(SCHOOL, OPETUS))
    await w.ticket(c0, KADUT, at(1, 23, 35), "waiting")
    # C1: answered by the bot alone; one of its messages was sensitive.
    c1 = await w.conversation(at(2, 10))
    await w.says(c1, at(2, 10, 1), "Milloin koulukuljetus alkaa?", nlu(SCHOOL, OPETUS))
    await w.says(c1, at(2, 10, 2), "Entä iltapäivällä?", nlu(SCHOOL, OPETUS))
    await w.says(c1, at(2, 10, 3), PLACEHOLDER, sensitive("opetus_oppilashuolto", OPETUS))
    # C7: answered by the bot alone.
    c7 = await w.conversation(at(2, 18))
    for minute in (1, 2, 3):
        await w.says(c7, at(2, 18, minute), "Katuvalo ei pala", nlu(STREETLIGHT, KADUT))
    # C2: a street ticket, first response after 2 h (due 8 h), resolved in 24 h (due 48 h).
    c2 = await w.conversation(at(3, 10), team=KADUT)
    await w.says(c2, at(3, 10, 1), "Katuvalo on rikki", nlu(STREETLIGHT, KADUT))
    await w.says(c2, at(3, 10, 2), "Tie on kuoppainen", nlu(STREETLIGHT, KADUT, fallback=True))
    await w.ticket(c2, KADUT, at(3, 10), "resolved", (at(3, 18), at(5, 10)), (at(3, 12), at(4, 10)))
    # C3: not understood, handed off; first response after 6 h (due 4 h), resolved late.
    c3 = await w.conversation(at(4, 9), team=OPETUS)
    await w.says(c3, at(4, 9, 0), "Saako koulun pihalla pelata iltaisin?", fb_school())
    await store.log_event(session, "handoff_requested", "resident", conversation=c3)
    due, done = (at(4, 13, 5), at(5, 9, 5)), (at(4, 15, 5), at(6, 9, 5))
    await w.ticket(c3, OPETUS, at(4, 9, 5), "closed", due, done, kind="handoff")
    # C4: private, never answered, overdue on both targets.
    c4 = await w.conversation(at(5, 11), team=WELFARE, private=True)
    await w.says(c4, at(5, 11, 0), PRIVATE_TEXT, fb_school())
    help_at_home = nlu("hyvinvointi_tuki", WELFARE, fallback=True)
    await w.says(c4, at(5, 11, 1), "Tarvitsen apua kotona", help_at_home)
    await w.says(c4, at(5, 11, 2), PLACEHOLDER, sensitive("hyvinvointi_tuki", WELFARE))
    due = (at(5, 15, 5), at(6, 11, 5))
    await w.ticket(c4, WELFARE, at(5, 11, 5), "new", due, kind="private", private=True)
    # C5: not understood, asked for a person, left before a ticket was made.
    c5 = await w.conversation(at(6, 14))
    await w.says(c5, at(6, 14, 0), "Missä on uimahalli?", fb_school())
    await w.says(c5, at(6, 14, 1), PLACEHOLDER, fb_school())
    await store.log_event(session, "handoff_requested", "resident", conversation=c5)
    # A ticket from a form (no conversation), closed without being resolved.
    await w.ticket(None, KADUT, at(6, 12), "closed", (None, at(7, 12)))
    # C6: 01:00 on Sunday in Helsinki is Saturday in UTC; its ticket is not yet due.
    c6 = await w.conversation(at(8, 1))
    await w.says(c6, at(8, 1, 0), "Onko koulussa ruokaa?", fb_school())
    await w.says(c6, at(8, 1, 2), "Koska on syysloma?", fb_school())
    await w.says(c6, at(8, 1, 3), "Mikä on elämän tarkoitus?", nlu("out_of_scope", GENERAL))
    await w.ticket(c6, OPETUS, at(8, 1, 10), "new", (at(11, 10), at(13, 10)))
    # Monday 00:30 in Helsinki (still Sunday in UTC): after the period.
    c8 = await w.conversation(at(9, 0, 30))
    await w.says(c8, at(9, 0, 31), "Koulukuljetus?", nlu(SCHOOL, OPETUS))


def fb_school() -> dict[str, Any]:
    return nlu(SCHOOL, OPETUS, fallback=True)


@pytest.fixture
async def db(db: Database) -> Database:
    """The shared store fixture (tests/helpers/pg.py) with the week's data set built in."""
    async with db.transaction() as session:
        await build(session)
    return db


async def figures(
    db: Database, teams: list[str] | None, include_private: bool, period: Any = (START, END)
) -> Metrics:
    start, end = period
    async with db.transaction() as session:
        private = include_private
        return await dashboard_metrics(
            session, teams=teams, start=start, end=end, now=NOW, include_private=private
        )


def per_day(m: Metrics, which: str) -> list[int]:
    points = m.contacts_per_day if which == "contacts" else m.tickets_per_day
    assert [d.day for d, _ in points] == [2, 3, 4, 5, 6, 7, 8]  # Helsinki days, Mon-Sun
    return [n for _, n in points]


# --- figures on the store ----------------------------------------------------------------


async def test_city_figures(db: Database) -> None:
    m = await figures(db, None, include_private=True)
    assert m.contacts == 7  # C0 and C8 are outside the period
    assert per_day(m, "contacts") == [2, 1, 1, 1, 1, 0, 1]
    assert m.bot_resolved == 2 and m.bot_resolved_share == pytest.approx(2 / 7)  # C1, C7
    assert m.tickets == 5
    assert per_day(m, "tickets") == [0, 1, 1, 1, 1, 0, 1]
    assert (m.first_response.count, m.first_response.median, m.first_response.p90) == (2, 4, 6)
    assert (m.resolution.count, m.resolution.median, m.resolution.p90) == (2, 36, 48)
    # First response: C2 in time; C3 late; C4 unanswered past due; C6 not yet due.
    sla = m.first_response_sla
    assert (sla.met, sla.missed, sla.pending, sla.share) == (1, 2, 1, pytest.approx(1 / 3))
    # Resolution: the same, and the form ticket closed unresolved is not judged.
    sla = m.resolution_sla
    assert (sla.met, sla.missed, sla.pending, sla.share) == (1, 2, 1, pytest.approx(1 / 3))
    assert m.backlog_per_status == (("new", 2), ("open", 0), ("waiting", 1))
    assert m.backlog == 3
    # Counted, never quoted: the sensitive intents count, out_of_scope is not "understood".
    top = ((STREETLIGHT, 4), (SCHOOL, 2), ("hyvinvointi_tuki", 1), ("opetus_oppilashuolto", 1))
    assert m.top_intents == top
    topics = [(t.team, t.intent, t.count, t.examples) for t in m.unanswered]
    assert topics == [
        # Newest first, at most three; neither the private text nor the placeholder.
        (OPETUS, SCHOOL, 6, ("Koska on syysloma?", "Onko koulussa ruokaa?", "Missä on uimahalli?")),
        (WELFARE, "hyvinvointi_tuki", 1, ()),  # only in a private conversation
        (KADUT, STREETLIGHT, 1, ("Tie on kuoppainen",)),
        (GENERAL, "out_of_scope", 1, ("Mikä on elämän tarkoitus?",)),
    ]


async def test_city_figures_without_private_matters(db: Database) -> None:
    m = await figures(db, None, include_private=False)
    assert (m.contacts, m.tickets, m.backlog) == (6, 4, 2)
    assert m.first_response_sla.missed == 1
    assert (STREETLIGHT, 4) in m.top_intents
    assert {name for name, _ in m.top_intents} == {STREETLIGHT, SCHOOL}  # no sensitive ones
    assert [(t.team, t.count) for t in m.unanswered] == [(OPETUS, 5), (KADUT, 1), (GENERAL, 1)]


async def test_team_figures(db: Database) -> None:
    m = await figures(db, [OPETUS], include_private=True)
    # C1 (understood as a school matter), C3 and C6 (school tickets); C5 was never understood.
    assert m.contacts == 3
    assert per_day(m, "contacts") == [1, 0, 1, 0, 0, 0, 1]
    assert m.bot_resolved == 1
    assert m.tickets == 2
    assert (m.first_response.median, m.first_response.p90) == (6, 6)
    sla = m.first_response_sla
    assert (sla.met, sla.missed, sla.pending, sla.share) == (0, 1, 1, 0.0)
    assert m.backlog_per_status == (("new", 1), ("open", 0), ("waiting", 0))
    assert m.top_intents == ((SCHOOL, 2), ("opetus_oppilashuolto", 1))
    assert [(t.intent, t.count) for t in m.unanswered] == [(SCHOOL, 6)]
    assert PRIVATE_TEXT not in m.unanswered[0].examples

    outsider = await figures(db, [OPETUS], include_private=False)
    assert outsider.contacts == 3 and outsider.tickets == 2
    assert outsider.top_intents == ((SCHOOL, 2),)  # the sensitive message is left out
    assert [(t.intent, t.count) for t in outsider.unanswered] == [(SCHOOL, 5)]


async def test_a_private_team_is_empty_to_outsiders(db: Database) -> None:
    member = await figures(db, [WELFARE], include_private=True)
    assert (member.contacts, member.tickets, member.backlog, member.bot_resolved) == (1, 1, 1, 0)
    assert member.first_response.count == 0 and member.first_response.median is None
    assert member.first_response_sla.share == 0.0
    assert member.top_intents == (("hyvinvointi_tuki", 1),)
    assert [(t.intent, t.examples) for t in member.unanswered] == [("hyvinvointi_tuki", ())]

    outsider = await figures(db, [WELFARE], include_private=False)
    assert (outsider.contacts, outsider.tickets, outsider.backlog) == (0, 0, 0)
    assert outsider.bot_resolved_share is None and outsider.first_response_sla.share is None
    assert outsider.top_intents == () and outsider.unanswered == ()


async def test_an_empty_period(db: Database) -> None:
    m = await figures(db, None, True, period=(at(1, 0, month=2), at(2, 0, month=2)))
    assert (m.contacts, m.tickets, m.top_intents, m.unanswered) == (0, 0, (), ())
    assert m.contacts_per_day == ((at(1, 0, month=2).date(), 0),)
    assert m.resolution == spread([])
    assert m.backlog == 3  # the backlog is "now", whatever the period


async def test_what_the_runtime_served_is_in_its_own_days_figures(
    tmp_path: Path, content: Content, model: NLUModel
) -> None:
    """A resident's turn on a runtime whose clock is not the wall clock (a test's fixed
    office hour) counts in the period of that clock's day: the store stamps the messages by
    the same clock the dashboard takes its period from. The day is years before any run of
    this test, so a wall-clock stamp can never fall into it."""
    served_at = datetime(2019, 1, 7, 10, 0, tzinfo=HELSINKI)  # a Monday, office hours
    runtime = Runtime(
        Database(f"sqlite:///{tmp_path / 'clock.db'}", clock=lambda: served_at),
        content,
        ModelHandle(model),
    )
    await runtime.prepare()
    try:
        opened = await runtime.start("web", language="fi")
        turn = await runtime.handle(opened.token, text="Katuvalo on rikki Kotikadulla")
        day = datetime(2019, 1, 7, tzinfo=HELSINKI)
        async with runtime.db.transaction() as session:
            said = await session.get(Message, turn.message_id)
            m = await dashboard_metrics(
                session,
                teams=[KADUT],
                start=day,
                end=day + timedelta(days=1),
                now=runtime.clock(),
                include_private=True,
            )
    finally:
        await runtime.db.close()
    assert said is not None and said.nlu["team"]["id"] == KADUT
    assert [intent for intent, _ in m.top_intents] == [said.nlu["intent"]["name"]]
    assert m.contacts == 1
    assert said.created_at == served_at


def test_median_and_nearest_rank_p90() -> None:
    hours = [timedelta(hours=h) for h in (5, 1, 3, 2, 4, 10, 6, 7, 8, 9)]
    assert (spread(hours).median, spread(hours).p90) == (5.5, 9)
    assert (spread(hours[:1]).median, spread(hours[:1]).p90) == (5, 5)
    assert spread([timedelta(minutes=90)] * 3).median == 1.5


def test_compliance_counts_pending_apart() -> None:
    now = datetime(2026, 3, 10, tzinfo=UTC)
    early, late = now - timedelta(days=2), now + timedelta(days=2)
    # In time (on the dot), late, unanswered past due, not yet due, no target (not judged).
    result = compliance(
        [(early, early), (early, now), (early, None), (late, None), (None, None)], now
    )
    assert (result.met, result.missed, result.pending) == (1, 2, 1)
    assert result.share == pytest.approx(1 / 3)


# --- charts ------------------------------------------------------------------------------


def test_charts_escape_every_label() -> None:
    evil = '<script>alert("x")</script>'
    for svg in (
        bar_chart("c&1", evil, [(evil, 3), ("kadut", 1)], summary=evil),
        column_chart("c&1", evil, [(evil, 2), ("2.3.2026", 0)], summary=evil),
    ):
        assert "<script>" not in svg and 'alert("x")' not in svg
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in svg
        assert 'id="c&amp;1-title"' in svg and 'aria-labelledby="c&amp;1-title c&amp;1-desc"' in svg


def test_charts_are_named_and_described_images() -> None:
    points = [("2.3.2026", 2), ("3.3.2026", 5)]
    svg = str(column_chart("days", "Tickets per day", points, summary="7."))
    assert svg.startswith("<svg") and 'role="img"' in svg and 'class="chart"' in svg
    assert 'viewBox="0 0 640 220"' in svg and "style" not in svg
    assert '<title id="days-title">Tickets per day</title>' in svg
    assert '<desc id="days-desc">7. 2.3.2026: 2; 3.3.2026: 5</desc>' in svg
    assert svg.count("<rect") == 2
    bars = str(bar_chart("top", "Top intents", [("a" * 60, 4), ("b", 2)]))
    assert "a" * 60 + ": 4" in bars  # whole in the desc, shortened in the drawing only
    assert 'width="314.0"' in bars and 'width="157.0"' in bars  # proportional bars
    empty = str(bar_chart("none", "Top intents", []))
    assert '<desc id="none-desc">–</desc>' in empty and "<rect" not in empty


# --- the page and the CSV over HTTP ------------------------------------------------------

TODAY = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def server(tmp_path: Path, content: Content, model: NLUModel) -> Iterator[LiveServer]:
    url = f"sqlite:///{tmp_path / 'kuntabotti.db'}"
    for live in run_live_server(url, content, model, clock=lambda: TODAY, console=ConsoleConfig()):

        async def setup(live: LiveServer) -> None:
            async with live.runtime.db.transaction() as session:
                for username, (name, role, teams) in STAFF.items():
                    await add_staff(session, username, name, PASSWORD, role, teams)
                w = World(session)
                yesterday = TODAY - timedelta(days=1)
                c = await w.conversation(yesterday)
                await w.says(c, yesterday, "Aukioloajat?", nlu("aukioloajat", GENERAL))
                await w.says(c, yesterday, "=HYPERLINK(1)", nlu(SCHOOL, GENERAL, fallback=True))
                await w.ticket(c, GENERAL, yesterday)

        live.call(setup(live))
        yield live


def client(server: LiveServer, username: str) -> httpx.Client:
    http = Console(server).client()  # a browser that asks for English pages
    assert sign_in(http, username).status_code == 303
    return http


def test_dashboard_page_and_csv(server: LiveServer) -> None:
    leena = client(server, "leena")  # a lead of the general team
    page = leena.get("/console/dashboard")
    assert page.status_code == 200
    assert 'value="2026-02-09"' in page.text and 'value="2026-03-10"' in page.text  # 30 days
    assert page.text.count('role="img"') == 5 and "<style" not in page.text
    assert "style=" not in page.text and "<script>" not in page.text
    assert "=HYPERLINK(1)" in page.text  # an example, shown as text

    response = leena.get("/console/dashboard.csv?team=city&start=2026-03-01&end=2026-03-10")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="kuntabotti-city-2026-03-01-2026-03-10.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "name", "value", "detail"]
    summary = {name: value for section, name, value, _ in rows if section == "summary"}
    assert (summary["contacts"], summary["tickets_created"], summary["backlog"]) == ("1", "1", "1")
    assert (summary["first_response_median_hours"], summary["resolution_sla_share"]) == ("", "")
    assert ["tickets_per_day", "2026-03-09", "1", ""] in rows
    # A resident's text that a spreadsheet would run as a formula is defused.
    assert [f"{GENERAL}/{SCHOOL}", "1", "'=HYPERLINK(1)"] == rows[-1][1:]


def test_dashboard_access_and_bad_input(server: LiveServer) -> None:
    pekka = client(server, "pekka")  # an agent of the streets team
    assert pekka.get("/console/dashboard").status_code == 200
    assert pekka.get("/console/dashboard?team=city").status_code == 403
    assert pekka.get(f"/console/dashboard.csv?team={GENERAL}").status_code == 403
    assert pekka.get("/console/dashboard?team=nope").status_code == 400
    bad = pekka.get("/console/dashboard?start=1/3/2026")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text and 'role="alert"' in bad.text
    for period in ("start=2026-03-05&end=2026-03-01", "start=2026-02-30", "end=0001-01-01"):
        assert pekka.get(f"/console/dashboard.csv?{period}").status_code == 400
    long = pekka.get("/console/dashboard.csv?start=2025-01-01&end=2026-03-01")
    assert long.status_code == 400 and "366 days" in long.text
    assert pekka.get("/console/dashboard.csv?start=2025-03-10&end=2026-03-10").status_code == 200
    admin = client(server, "admin")  # not a member of the general team, an admin
    assert admin.get(f"/console/dashboard?team={GENERAL}").status_code == 200
    assert admin.get("/console/dashboard?team=city").status_code == 200
