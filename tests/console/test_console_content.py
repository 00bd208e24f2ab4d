"""The communications team's content pages: a draft started, a topic edited on its page,
checked, published and rolled back, and what a resident hears follows without a restart;
refused edits say why and keep what was written; the pages pass axe in Chromium.

Only drafts that change answers or titles are checked here: their model is the one already
in the session's models folder, so a check takes seconds instead of a training run."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from markupsafe import escape
from playwright.sync_api import Browser, expect

from actions import content_work
from console import ConsoleConfig
from content import Content
from content.document import Document, to_document
from content.edits import set_answer
from content.testset import TEST_SET
from nlu import NLUModel
from taskstore import versions
from taskstore.staff import add_staff
from tests.conftest import DATA
from tests.console.test_console_browser import accessible, new_context, submit
from tests.console.test_console_words import identifiers_in, visible_texts
from tests.helpers.console_kit import PASSWORD, STAFF, Console, post
from tests.helpers.live import LiveServer, eventually, faq_question, run_live_server
from tests.helpers.rest_client import Chat

NEW_ANSWER = "Tämä vastaus tuli sisältöluonnoksesta, joka julkaistiin työpöydältä."
CONTENT = "/console/content"
DRAFT = re.compile(r"/console/content/drafts/(\d+)$")


def run_desk(
    database: Path, content: Content, model: NLUModel, models: Path, approval: bool = False
) -> Iterator[Console]:
    """A server that follows the store's live content version, with version 1 from the
    content folder and the console's staff (plus kaisa and viivi of the communications
    team); `approval`: the city's CONTENT_ANSWER_APPROVAL setting."""
    for server in run_live_server(
        f"sqlite:///{database}",
        content,
        model,
        console=ConsoleConfig(models=models, answer_approval=approval, test_set=DATA / TEST_SET),
        live_content=models,
    ):

        async def seed(server: LiveServer = server) -> None:
            async with server.runtime.db.transaction() as session:
                for username, (name, role, teams) in STAFF.items():
                    await add_staff(session, username, name, PASSWORD, role, teams)
                await add_staff(session, "kaisa", "Kaisa Viestintä", PASSWORD, "comms", [])
                await add_staff(session, "viivi", "Viivi Viestintä", PASSWORD, "comms", [])
                await content_work.follow_folder(session, to_document(content))

        server.call(seed())
        yield Console(server)


@pytest.fixture
def desk(tmp_path: Path, content: Content, model: NLUModel, models_dir: Path) -> Iterator[Console]:
    yield from run_desk(tmp_path / "kuntabotti.db", content, model, models_dir)


@pytest.fixture
def strict_desk(
    tmp_path: Path, content: Content, model: NLUModel, models_dir: Path
) -> Iterator[Console]:
    yield from run_desk(tmp_path / "kuntabotti.db", content, model, models_dir, approval=True)


def start_draft(http: httpx.Client, note: str) -> str:
    response = post(http, f"{CONTENT}/drafts", CONTENT, note=note)
    assert response.status_code == 303, response.text
    found = DRAFT.search(response.headers["location"])
    assert found is not None, response.headers["location"]
    return found.group(0)


def publish_answer(console: Console, content: Content, name: str, answer: str) -> None:
    """A version with another Finnish answer, published straight in the store (as another
    worker or the command line would)."""
    changed: Document = copy.deepcopy(to_document(content))
    set_answer(changed, name, "fi", answer)

    async def publish() -> None:
        async with console.server.runtime.db.transaction() as session:
            await content_work.publish_document(
                session, changed, source="console", note="Välissä julkaistu", by=None
            )

    console.server.call(publish())


def hears(console: Console, question: str, text: str) -> bool:
    chat = Chat(console.server, language="fi")
    chat.send(question)
    return text in chat.said


def test_a_published_answer_reaches_residents_and_a_rollback_brings_the_old_back(
    desk: Console, content: Content, model: NLUModel
) -> None:
    name, question = faq_question(content, model)
    kaisa = desk.client("kaisa")
    overview = kaisa.get(CONTENT)
    assert overview.status_code == 200 and "from the content folder" in overview.text
    assert not identifiers_in(visible_texts(overview.text), content)
    assert desk.client("admin").get(CONTENT).status_code == 200
    for other in ("leena", "pekka"):  # a lead and an agent
        assert desk.client(other).get(CONTENT).status_code == 403
    assert not hears(desk, question, NEW_ANSWER)

    draft = start_draft(kaisa, "Uusi vastaus")
    topic = f"{draft}/topics/{name}"
    changed = post(kaisa, topic, topic, action="answer", lang="fi", text=NEW_ANSWER)
    assert changed.status_code == 303 and changed.headers["location"].endswith("#in-fi")
    early = post(kaisa, f"{draft}/publish", draft)
    assert early.status_code == 400 and "Only a draft whose check passed" in early.text

    assert post(kaisa, f"{draft}/check", draft).status_code == 303
    first = kaisa.get(draft).text
    if 'data-check="running"' in first:
        assert "Reload" in first and "The check started" in first

    def checked() -> bool:
        return 'data-check="running"' not in kaisa.get(draft).text

    assert eventually(checked, 90), "the check did not finish"
    page = kaisa.get(draft).text
    assert 'data-check="passed"' in page, page
    assert escape(NEW_ANSWER) in page and "the answer changed (suomi)" in page
    # The report: the draft's model is the live one (only an answer changed), so the
    # figures match and nothing moved; the city's test questions are part of the suite.
    report = kaisa.get(f"{draft}/report")
    assert report.status_code == 200 and f'href="{draft}/report"' in page
    assert "the city&#39;s test questions" in report.text, report.text
    assert "No topic moved by a fifth or more." in report.text
    assert "The draft confuses no topics more than the live version does." in report.text
    assert "all topics both versions have" in report.text
    assert desk.client("pekka").get(f"{draft}/report").status_code == 403

    published = post(kaisa, f"{draft}/publish", draft, note="Uusi vastaus julkaistu")
    assert published.status_code == 303 and published.headers["location"] == CONTENT
    assert eventually(lambda: hears(desk, question, NEW_ANSWER), 15)
    listing = kaisa.get(CONTENT).text
    assert 'data-live="2"' in listing and "Kaisa Viestintä" in listing
    assert "Uusi vastaus julkaistu" in listing and "No open drafts." in listing
    assert kaisa.get(draft).status_code == 404  # published: no longer a draft

    rolled = post(kaisa, f"{CONTENT}/versions/1/rollback", CONTENT)
    assert rolled.status_code == 303
    assert eventually(lambda: not hears(desk, question, NEW_ANSWER), 15)
    listing = kaisa.get(CONTENT).text
    assert 'data-live="3"' in listing and "back to version 1" in listing
    assert "Back to version 1." in listing and "Rolled back" in listing
    again = post(kaisa, f"{CONTENT}/versions/3/rollback", CONTENT)
    assert again.status_code == 400 and "That version is live already." in again.text


def test_topic_edits_are_checked_at_once_and_show_in_the_drafts_changes(
    desk: Console, content: Content
) -> None:
    faqs = [i for i in content.intents.values() if i.kind == "faq" and not i.sensitive]
    edited, retired, other = faqs[0], faqs[1], faqs[2]
    core = next(i for i in content.intents.values() if i.kind == "core")
    kaisa = desk.client("kaisa")
    draft = start_draft(kaisa, "Esimerkkejä ja uusi aihe")
    topic = f"{draft}/topics/{edited.name}"
    page = kaisa.get(topic).text
    assert escape(edited.title["en"]) in page and f"Topic id: {edited.name}" in page
    assert "Retire this topic" in page

    added = "Uusi esimerkkikysymys yksi\n\nUusi esimerkkikysymys kaksi"
    response = post(kaisa, topic, topic, action="add_examples", lang="fi", text=added)
    assert response.status_code == 303
    page = kaisa.get(topic).text
    assert "Uusi esimerkkikysymys yksi" in page and "Uusi esimerkkikysymys kaksi" in page

    taken = other.examples["fi"][0].text  # another topic's: the model would learn both ways
    refused = post(kaisa, topic, topic, action="add_examples", lang="fi", text=taken)
    assert refused.status_code == 400
    assert "is already an example of the topic" in refused.text
    assert escape(other.title["fi"]) in refused.text
    assert f">{escape(taken)}</textarea>" in refused.text  # what was written is kept

    unknown = "Soita numeroon {puhelin}."
    refused = post(kaisa, topic, topic, action="answer", lang="fi", text=unknown)
    assert refused.status_code == 400 and "Unknown placeholder {puhelin}" in refused.text
    assert f">{unknown}</textarea>" in refused.text
    swedish = kaisa.get(topic, headers={"Accept-Language": "sv"}).text
    assert "Topic id" not in swedish and "Ämnets id" in swedish

    removed = edited.examples["fi"][0].text
    response = post(kaisa, topic, topic, action="remove_example", lang="fi", text=removed)
    assert response.status_code == 303
    assert f'value="{escape(removed)}"' not in kaisa.get(topic).text
    new_title = "Uusi otsikko ruotsiksi"
    response = post(kaisa, topic, topic, action="title", lang="sv", text=new_title)
    assert response.status_code == 303

    retire = f"{draft}/topics/{retired.name}"
    response = post(kaisa, retire, retire, action="retire")
    assert response.status_code == 303 and response.headers["location"] == draft
    assert kaisa.get(retire).status_code == 404
    own = f"{draft}/topics/{core.name}"
    assert "Retire this topic" not in kaisa.get(own).text
    response = post(kaisa, own, own, action="retire")
    assert response.status_code == 400 and "cannot be retired" in response.text

    new = f"{draft}/new"
    fields = {
        "team": retired.team,
        "kind": "faq",
        "title_fi": "Testiaihe",
        "title_sv": "Testämne",
        "title_en": "Test topic",
        "answer_fi": "Vastaus {team_phone}",
    }
    response = post(kaisa, new, new, name="Huono Tunniste", **fields)
    assert response.status_code == 400 and "a letter first" in response.text
    assert 'value="Testämne"' in response.text
    response = post(kaisa, new, new, name="testi_paikka", location="on", **fields)
    assert response.status_code == 400 and "Only a case asks where" in response.text
    response = post(
        kaisa, new, new, name="testi_paikka", location="on", **{**fields, "kind": "case"}
    )
    assert response.status_code == 303  # a case about a place: the bot asks where

    async def slots() -> list[str]:
        async with desk.server.runtime.db.transaction() as session:
            row = await versions.draft(session, int(draft.rsplit("/", 1)[1]))
            assert row is not None
            return next(i["slots"] for i in row.document["intents"] if i["name"] == "testi_paikka")

    assert desk.server.call(slots()) == ["location"]
    response = post(kaisa, new, new, name="testi_uusi_aihe", **fields)
    assert response.status_code == 303
    assert response.headers["location"] == f"{draft}/topics/testi_uusi_aihe"
    made = kaisa.get(response.headers["location"]).text
    assert "Testiaihe" in made and "No answer." in made and "at least 20 needed" in made

    page = kaisa.get(draft).text
    assert "New topics: 2. Changed topics: 1. Retired topics: 1." in page
    assert "<ins>Uusi esimerkkikysymys yksi</ins>" in page
    assert f"<del>{escape(removed)}</del>" in page and escape(new_title) in page
    assert escape(retired.title["en"]) in page and "Test topic" in page
    assert "2 example questions added (suomi)" in page
    assert "a new topic of" in page and f"{escape(retired.title['en'])}: retired" in page

    found = kaisa.get(draft, params={"q": "uusi esimerkkikysymys"}).text
    assert "1 topics" in found and f'/topics/{edited.name}"' in found
    lacking = kaisa.get(draft, params={"missing": "sv"}).text  # the new topics lack examples
    assert "2 topics" in lacking and '/topics/testi_uusi_aihe"' in lacking
    assert f'/topics/{edited.name}"' not in lacking
    cores = kaisa.get(draft, params={"kind": "core"}).text
    assert f'/topics/{core.name}"' in cores and f'/topics/{edited.name}"' not in cores

    assert "was published after this draft" not in page
    publish_answer(desk, content, other.name, "Välissä julkaistu vastaus.")
    assert "Version 2 was published after this draft" in kaisa.get(draft).text

    assert post(kaisa, f"{draft}/discard", draft).status_code == 303
    assert "No open drafts." in kaisa.get(CONTENT).text
    assert kaisa.get(draft).status_code == 404


def test_the_content_pages_are_accessible_and_work(
    browser: Browser, desk: Console, content: Content
) -> None:
    name = next(i.name for i in content.intents.values() if i.kind == "faq")
    # A second version, so the history has one to roll back to.
    publish_answer(desk, content, name, "Toinen versio vastauksesta.")
    base = desk.server.base_url
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(base + CONTENT)  # signing in leads back here
        page.locator("#username").fill("kaisa")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        expect(page).to_have_url(base + CONTENT)
        expect(page.locator("h1")).to_have_text("Botin sisältö")
        link = page.get_by_role("link", name="Sisältö", exact=True)
        expect(link).to_have_attribute("aria-current", "page")
        accessible(page)
        page.locator("#d-note").fill("Syksyn korjaukset")
        submit(page, "drafts")
        expect(page).to_have_url(DRAFT)
        expect(page.locator(".flash")).to_contain_text("Luonnos aloitettu.")
        accessible(page)
        page.locator(f'a[href$="/topics/{name}"]').click()
        expect(page.locator("#answer-fi")).to_be_visible()
        accessible(page)
        page.locator("#answer-fi").fill("Soita {puhelin}")
        page.locator('#in-fi form:has(#answer-fi) button[type="submit"]').click()
        expect(page.locator(".alert")).to_contain_text("Tuntematon paikkamerkki {puhelin}")
        accessible(page)
        page.get_by_role("link", name="Takaisin luonnokseen", exact=True).click()
        page.get_by_role("link", name="Uusi aihe", exact=True).click()
        expect(page.locator("#n-name")).to_be_visible()
        accessible(page)
    finally:
        context.close()


def test_a_topic_page_shows_how_the_topic_fared_with_residents(
    desk: Console, content: Content, model: NLUModel
) -> None:
    name, question = faq_question(content, model)
    chat = Chat(desk.server, "fi")
    chat.send(question)
    chat.press("helpful:yes")
    kaisa = desk.client("kaisa")
    draft = start_draft(kaisa, "luvut")
    page = kaisa.get(f"{draft}/topics/{name}").text
    row = re.search(r'<table class="figures">.*?<tbody><tr>(.*?)</tr>', page, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells == ["1", "1 (100 %)", "0", "0", "0"]


def test_with_the_approval_setting_changed_answers_wait_for_a_second_person(
    strict_desk: Console, content: Content, model: NLUModel
) -> None:
    name, question = faq_question(content, model)
    kaisa, viivi = strict_desk.client("kaisa"), strict_desk.client("viivi")
    draft = start_draft(kaisa, "Tarkistettava vastaus")
    topic = f"{draft}/topics/{name}"
    assert post(kaisa, topic, topic, action="answer", lang="fi", text=NEW_ANSWER).status_code == 303
    assert "Approve the answers" in kaisa.get(draft).text
    assert post(kaisa, f"{draft}/check", draft).status_code == 303
    assert eventually(lambda: 'data-check="passed"' in kaisa.get(draft).text, 90)
    waiting = post(kaisa, f"{draft}/publish", draft)
    assert waiting.status_code == 400 and "need the approval of another person" in waiting.text
    own = post(kaisa, f"{draft}/approve", draft)
    assert own.status_code == 400 and "You have edited this draft" in own.text
    assert post(viivi, f"{draft}/approve", draft).status_code == 303
    page = kaisa.get(draft).text
    assert "A second person has approved" in page and "approved the answers" in page
    assert post(kaisa, f"{draft}/publish", draft).status_code == 303
    assert eventually(lambda: hears(strict_desk, question, NEW_ANSWER), 15)
