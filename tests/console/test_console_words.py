"""Staff read words, never identifiers (issue 11, point 11): no console page shows an intent
name or a team id as text, in any of its languages, for an agent or an admin, with tickets
and messages the real model read (understood, not understood, not a municipal matter) and a
ticket history of routing, help and reassignment.

Visible text is what a person reads: text nodes (option labels and the page title too), not
attributes or URLs, which carry ids by design."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import httpx
import pytest

from actions.tickets import route
from content import Content
from nlu import NO_INTENT, OUT_OF_SCOPE, NLUModel
from nlu.result import Ranked
from taskstore import store
from tests.helpers.console_kit import GENERAL, OFFICE_HOURS, STREETS, Console, post

# Channel and language codes the store keeps: pages name them in words.
CODES = ("web", "rest", "telegram", "fi", "sv", "en")
LIBRARY = "Voinko varata kirjaston ryhmähuoneen?"
GIBBERISH = "asdfgh qwerty zxcv"


class VisibleText(HTMLParser):
    """The text nodes of a page, each stripped, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def identifiers_in(texts: list[str], content: Content) -> list[str]:
    """The identifiers a page shows. One with an underscore is found anywhere (no word has
    one); one that is also a word ("opetus", "help") only as an identifier stands: a whole
    text, an item of a list ("a, b"), or before a confidence ("opetus (0.99)")."""
    names = {*content.intents, NO_INTENT, OUT_OF_SCOPE, *content.teams, *CODES}
    found = []
    for text in texts:
        for token in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text):
            found.append(f"{token!r} in {text!r}")
        parts = {p.strip() for p in re.split(r"[,·:→;]", text)}
        for name in names:
            if name in parts or re.search(rf"(?<!\w){name} \(\d[.,]\d\d\)", text):
                found.append(f"{name!r} in {text!r}")
    return found


def seed(console: Console, content: Content, model: NLUModel) -> dict[str, str]:
    """Conversations and tickets as the bot leaves them; returns their page paths."""
    understood = model.parse(LIBRARY, language="fi")
    gibberish = replace(model.parse(GIBBERISH, language="fi"), fallback=True)
    off_topic = model.parse(content.intents[OUT_OF_SCOPE].examples["fi"][0].text, language="fi")
    if off_topic.intent.name != OUT_OF_SCOPE:  # what the record says when the bot reads so
        off_topic = replace(off_topic, intent=Ranked(OUT_OF_SCOPE, 0.9))

    async def make() -> dict[str, str]:
        async with console.server.runtime.db.transaction() as session:
            resident = await store.resident_for(session, "web", "words", "fi")
            conversation = await store.start_conversation(session, resident, "web", "fi")
            conversation.team_id = GENERAL
            for result in (understood, gibberish, off_topic):
                record = result.to_dict()
                record.pop("text")
                await store.add_message(
                    session, conversation, "in", "resident", result.text, nlu=record
                )
                await store.add_message(session, conversation, "out", "bot", "Vastaus.")
            tickets = {}
            for key, result, team in (
                ("routed", understood, GENERAL),
                ("fallback", gibberish, GENERAL),
                ("streets", off_topic, STREETS),
            ):
                routing = {**route(result, content), "team": team}
                ticket = await store.create_ticket(
                    session,
                    now=OFFICE_HOURS,
                    conversation_id=conversation.id,
                    team_id=team,
                    kind="question",
                    intent=result.intent.name if result.intent.name in content.intents else None,
                    private=False,
                    language="fi",
                    description=result.text,
                )
                await store.log_event(session, "created", "bot", ticket=ticket, kind="question")
                await store.log_event(session, "routed", "bot", ticket=ticket, **routing)
                tickets[key] = ticket.number
            return {
                "conversation": f"/console/conversations/{conversation.id}",
                **{k: f"/console/tickets/{n}" for k, n in tickets.items()},
            }

    return console.server.call(make())


@pytest.fixture
def pages(console: Console, content: Content, model: NLUModel) -> dict[str, str]:
    paths = seed(console, content, model)
    admin = console.client("admin")
    # A history with help and a reassignment, done as staff do them.
    streets = paths["streets"]
    assert post(admin, f"{streets}/helper", streets, team=GENERAL).status_code == 303
    assert post(admin, f"{streets}/claim", streets).status_code == 303
    moved = post(admin, f"{streets}/reassign", streets, team=GENERAL, reason="Yleinen kysymys")
    assert moved.status_code == 303
    replies = f"/console/teams/{GENERAL}/replies"  # a canned reply shows its language
    added = post(admin, replies, replies, title="Kiitos", language="sv", text="Tack!")
    assert added.status_code == 303
    return paths


AGENT_PAGES = (
    "/console/queue",
    "/console/queue?view=helping",
    "/console/dashboard",
    f"/console/dashboard?team={GENERAL}",
    f"/console/teams/{GENERAL}/replies",
)
ADMIN_PAGES = (
    *AGENT_PAGES,
    f"/console/queue?team={STREETS}",
    "/console/dashboard?team=city",
    f"/console/dashboard?team={STREETS}",
    "/console/admin/staff",
    "/console/admin/teams",
    f"/console/teams/{STREETS}/replies",
)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_page_shows_an_intent_name_or_team_id(
    console: Console, content: Content, pages: dict[str, str], lang: str
) -> None:
    shown: dict[str, list[str]] = {}
    for username, paths in (
        ("liisa", (*AGENT_PAGES, *pages.values())),  # an agent of the general team
        ("admin", (*ADMIN_PAGES, *pages.values())),  # an admin of the streets team
    ):
        http = console.client(username)
        http.headers["Accept-Language"] = lang
        for path in paths:
            page = http.get(path)
            assert page.status_code == 200, (username, path)
            texts = visible_texts(page.text)
            assert any("{" in t for t in texts) is False, (path, [t for t in texts if "{" in t])
            if found := identifiers_in(texts, content):
                shown[f"{username} {path}"] = found
    assert not shown, "\n".join(f"{page}: {found}" for page, found in shown.items())


def test_the_pages_say_how_the_bot_read_and_routed(
    console: Console, content: Content, pages: dict[str, str]
) -> None:
    http: httpx.Client = console.client("liisa")
    transcript = " ".join(visible_texts(http.get(pages["conversation"]).text))
    assert "The bot read this as" in transcript
    assert "The bot did not understand this" in transcript
    assert "not a municipal matter" in transcript
    ticket = " ".join(visible_texts(http.get(pages["routed"]).text))
    assert re.search(r"The bot (chose|read the question as|could not tell)", ticket)
    general = content.teams[GENERAL]["name"]["en"]
    assert f"routed it to {general}" in ticket  # the history names the team
    http.headers["Accept-Language"] = "fi"
    ticket = " ".join(visible_texts(http.get(pages["routed"]).text))
    assert f"ohjasi tiimille {content.teams[GENERAL]['name']['fi']}" in ticket


def test_the_checker_finds_identifiers(content: Content) -> None:
    """The rules above catch what they are for, and leave Finnish words alone."""
    caught = identifiers_in(
        [
            "team_classifier: liikunta_kulttuuri_kirjasto (1.00)",
            "kadut_liikenne, yleisneuvonta",
            "Kadut ja liikenne · out_of_scope",
            "opetus",
            "tiimiluokitin opetus (0.99)",
            "Kanava: web",
        ],
        content,
    )
    assert len(caught) >= 7, caught
    assert not identifiers_in(["Opetus", "Kysyin opetus- ja kirjaamoasiasta", "Help"], content)
