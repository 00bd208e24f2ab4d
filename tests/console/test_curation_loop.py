"""The whole curation loop in a browser, as the communications team lives it: residents ask
one thing the bot does not know, three ways in Finnish and once in Swedish; the inbox shows
one group; a comms person makes a new topic of it with answers in three languages, checks
(the model is trained in the background process) and publishes; the residents' question
gets the new answer with no restart; a rollback brings the old behaviour back. Every page
passes axe; an agent is refused every page of the loop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from actions import content_work
from bot.inbox_job import InboxJob
from console import ConsoleConfig
from content import Content
from content.document import to_document
from content.testset import TEST_SET
from nlu import NLUModel
from taskstore import versions
from taskstore.staff import add_staff
from tests.conftest import DATA
from tests.console.test_console_browser import accessible, new_context
from tests.console.test_console_inbox import MARS
from tests.helpers.console_kit import PASSWORD, STAFF, Console
from tests.helpers.live import LiveServer, eventually, run_live_server
from tests.helpers.rest_client import Chat

ANSWERS = {
    "fi": "Mars on keskimäärin noin 225 miljoonan kilometrin päässä Maasta.",
    "sv": "Mars ligger i genomsnitt cirka 225 miljoner kilometer från jorden.",
    "en": "Mars is on average about 225 million kilometres from the Earth.",
}
MORE = {
    "fi": "Kuinka kaukana Mars on?\nPaljonko on matkaa Marsiin?",
    "sv": "Hur långt är det till Mars?\nVad är avståndet till Mars?",
    "en": "How far is Mars from the Earth?\nWhat is the distance to Mars?\nHow many "
    "kilometres is it to Mars?",
}


@pytest.fixture
def desk(tmp_path: Path, content: Content, model: NLUModel, models_dir: Path) -> Iterator[Console]:
    """A server following the live version, with its own models folder: the session's
    model linked in, the new topic's model trained into it."""
    models = tmp_path / "models"
    models.mkdir()
    for trained in models_dir.glob("*/model.pkl"):
        (models / trained.parent.name).symlink_to(trained.parent)
    for server in run_live_server(
        f"sqlite:///{tmp_path / 'kuntabotti.db'}",
        content,
        model,
        console=ConsoleConfig(models=models, test_set=DATA / TEST_SET),
        live_content=models,
    ):

        async def seed(server: LiveServer = server) -> None:
            async with server.runtime.db.transaction() as session:
                for username, (name, role, teams) in STAFF.items():
                    await add_staff(session, username, name, PASSWORD, role, teams)
                await add_staff(session, "kaisa", "Kaisa Viestintä", PASSWORD, "comms", [])
                await content_work.follow_folder(session, to_document(content))

        server.call(seed())
        yield Console(server)


def asks(desk: Console, text: str, lang: str = "fi") -> str:
    chat = Chat(desk.server, lang)
    chat.send(text)
    return chat.said


def draft_check(desk: Console) -> str:
    async def read() -> str:
        async with desk.server.runtime.db.transaction() as session:
            (draft,) = await versions.drafts(session)
            return str((draft.figures or {}).get("status", ""))

    return desk.server.call(read())


def draft_problems(desk: Console) -> list[str]:
    async def read() -> list[str]:
        async with desk.server.runtime.db.transaction() as session:
            (draft,) = await versions.drafts(session)
            return [p for p in (draft.figures or {}).get("problems", []) if "warning" not in p]

    return desk.server.call(read())


def test_from_the_inbox_to_a_new_answer_and_back(browser: Browser, desk: Console) -> None:
    for text in MARS:
        asks(desk, text, "sv" if text.startswith("Hur") else "fi")
    assert desk.server.call(InboxJob(desk.server.runtime).tick(), timeout=180) == len(MARS)
    assert ANSWERS["fi"] not in asks(desk, MARS[1])

    base = desk.server.base_url
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(base + "/console/")
        page.locator("#username").fill("kaisa")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        expect(page).to_have_url(base + "/console/inbox")  # the comms team's home
        expect(page.locator("li.group")).to_have_count(1)  # four questions, one group
        accessible(page)
        page.locator("li.group h2 a").click()
        for text in MARS:
            expect(page.locator("main")).to_contain_text(text)
        accessible(page)
        page.locator('button[value="new_topic"]').click()
        expect(page).to_have_url(re.compile(r"/console/content/drafts/\d+/new\?group=\d+"))
        accessible(page)
        page.locator("#n-name").fill("yleisneuvonta_mars")
        page.locator("#n-team").select_option("yleisneuvonta")
        titles = {"fi": "Etäisyys Marsiin", "sv": "Avståndet till Mars", "en": "Distance to Mars"}
        for lang in ("fi", "sv", "en"):
            page.locator(f"#n-title-{lang}").fill(titles[lang])
            page.locator(f"#n-answer-{lang}").fill(ANSWERS[lang])
        page.locator('form[action$="/new"] button.primary').click()
        expect(page).to_have_url(re.compile(r"/topics/yleisneuvonta_mars$"))
        expect(page.locator("main")).to_contain_text(MARS[0])  # the group's questions
        for lang, more in MORE.items():
            page.locator(f"#add-{lang}").fill(more)
            page.locator(f'form:has(#add-{lang}) button[type="submit"]').click()
            expect(page.locator("main")).to_contain_text(more.splitlines()[-1])
        accessible(page)

        page.get_by_role("link", name="Takaisin luonnokseen", exact=True).click()
        page.locator('form[action$="/check"] button').click()
        assert eventually(lambda: draft_check(desk) in ("passed", "failed"), 300)
        assert draft_check(desk) == "passed", draft_problems(desk)
        page.reload()
        accessible(page)
        # The check's report: the new topic's held-back questions, the sets before and after.
        page.get_by_role("link", name=re.compile("^Tarkistuksen raportti")).click()
        expect(page.locator("h1")).to_contain_text("Tarkistuksen raportti")
        moved = page.locator("table.moved tr.new")
        expect(moved).to_contain_text(titles["fi"])
        expect(moved).to_contain_text("uusi aihe")
        expect(page.locator("table.regression")).to_contain_text("kaupungin testikysymykset")
        expect(page.locator("table.held-out")).to_contain_text("suomi")
        accessible(page)
        page.get_by_role("link", name="Takaisin luonnokseen", exact=True).click()
        page.locator('form[action$="/publish"] button').click()
        expect(page.locator(".flash")).to_be_visible()

        # The residents' question gets the new answer, in each language, with no restart.
        assert eventually(lambda: ANSWERS["fi"] in asks(desk, MARS[1]), 30)
        assert ANSWERS["sv"] in asks(desk, MARS[3], "sv")

        page.goto(base + "/console/content")
        page.locator('form[action$="/versions/1/rollback"] button').click()
        expect(page.locator(".flash")).to_be_visible()
        accessible(page)
        assert eventually(lambda: ANSWERS["fi"] not in asks(desk, MARS[1]), 30)
    finally:
        context.close()

    pekka = desk.client("pekka")  # an agent
    for path in ("/console/inbox", "/console/inbox/1", "/console/content"):
        assert pekka.get(path).status_code == 403
