"""Service-break notices in the console: the communications team posts for the city, a team
lead for the own team, agents are refused; a posted notice is told before that team's answers
and an ended one no longer; every change is an event with who made it."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import select

from actions.sla import HELSINKI
from taskstore import Event, ServiceNotice, StaffUser
from tests.console.test_console_browser import accessible, new_context, submit
from tests.helpers.console_kit import GENERAL, OFFICE_HOURS, PASSWORD, STREETS, Console, post
from tests.helpers.rest_client import Chat

SNOW = "Milloin katuja aurataan?"
NOTICE = {
    "fi": "Aurauskalusto on huollossa tiistaihin asti.",
    "sv": "Plogningsutrustningen är på service till tisdag.",
    "en": "The snow ploughs are in maintenance until Tuesday.",
}


def when(hours: float) -> str:
    return (OFFICE_HOURS + timedelta(hours=hours)).astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M")


def notice_form(team: str, **changes: str) -> dict[str, str]:
    """The form's fields: on from now for two days unless `changes` say otherwise."""
    return {"team": team, **NOTICE, "starts": "", "ends": when(48), **changes}


def test_a_notice_is_told_before_the_teams_answers_until_it_ends(console: Console) -> None:
    kaisa = console.comms()
    response = post(kaisa, "/console/notices", "/console/notices", **notice_form(STREETS))
    assert response.status_code == 303
    listing = kaisa.get("/console/notices").text
    assert NOTICE["en"] in listing and "Notice posted." in listing  # the staff's language

    chat = Chat(console.server, language="fi")
    assert chat.send(SNOW)["replies"][0]["text"].endswith(NOTICE["fi"])
    swedish = Chat(console.server, language="sv")
    swedish.send("När plogas gatorna?")
    assert NOTICE["sv"] in swedish.said

    notice_id = notice_ids(console)[0]
    edit = f"/console/notices/{notice_id}"
    changed = notice_form(STREETS, fi="Aurauskalusto on huollossa keskiviikkoon asti.")
    assert post(kaisa, edit, edit, **changed).status_code == 303
    assert post(kaisa, edit, edit, action="end").status_code == 303
    assert "No notices on now or later." in kaisa.get("/console/notices").text
    events = notice_events(console)
    assert events == [(t, notice_id, "kaisa") for t in ("posted", "changed", "ended")]


def test_who_may_post_and_change_which_notice(console: Console) -> None:
    kaisa, leena, pekka = console.comms(), console.client("leena"), console.client("pekka")
    assert pekka.get("/console/notices").status_code == 403  # an agent
    assert "/console/notices" not in pekka.get("/console/queue").text
    # A lead posts for the own team only: not for another team, not for the whole city.
    page = "/console/notices"
    assert post(leena, page, page, **notice_form(GENERAL)).status_code == 303
    assert post(leena, page, page, **notice_form(STREETS)).status_code == 403
    assert post(leena, page, page, **notice_form("")).status_code == 403
    assert post(kaisa, page, page, **notice_form("")).status_code == 303  # every team
    own, city = notice_ids(console)
    assert leena.get(f"/console/notices/{own}").status_code == 200
    assert leena.get(f"/console/notices/{city}").status_code == 403
    assert kaisa.get(f"/console/notices/{own}").status_code == 200


def test_a_refused_notice_says_why_and_keeps_what_was_written(console: Console) -> None:
    kaisa, page = console.comms(), "/console/notices"
    backwards = notice_form(STREETS, starts=when(30), ends=when(2))
    response = post(kaisa, page, page, **backwards)
    assert response.status_code == 400
    assert "The end must be after the start." in response.text
    assert NOTICE["sv"] in response.text  # nothing written is lost
    missing = post(kaisa, page, page, **notice_form(STREETS, sv=" "))
    assert missing.status_code == 400 and "in Finnish, Swedish and English" in missing.text
    garbled = post(kaisa, page, page, **notice_form(STREETS, ends="ensi tiistaina"))
    assert garbled.status_code == 400 and "as date and time" in garbled.text
    finnish = post(kaisa, page, page, **notice_form(STREETS, ends="24.12.2027 8.00"))
    assert finnish.status_code == 303  # as Finns write a time
    assert notice_ids(console) != []


def test_the_notice_pages_are_accessible_and_work(browser: Browser, console: Console) -> None:
    console.comms()
    base = console.server.base_url
    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(base + "/console/login")
        page.locator("#username").fill("kaisa")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        expect(page).to_have_url(f"{base}/console/inbox")  # the comms team's work starts here
        accessible(page)
        page.get_by_role("link", name="Tiedotteet").click()
        accessible(page)
        page.locator("#n-team").select_option(STREETS)
        for lang, text in NOTICE.items():
            page.locator(f"#n-{lang}").fill(text)
        page.locator("#n-ends").fill(when(48))
        submit(page, "notices")
        expect(page.locator("table")).to_contain_text(NOTICE["fi"])
        page.get_by_role("link", name="Muuta tai päätä").click()
        accessible(page)
        page.get_by_role("button", name="Päätä nyt").click()
        expect(page.locator("table")).to_contain_text("Ei voimassa olevia eikä tulevia")
    finally:
        context.close()


def notice_ids(console: Console) -> list[int]:
    async def read() -> list[int]:
        async with console.server.runtime.db.transaction() as session:
            query = select(ServiceNotice.id).order_by(ServiceNotice.id)
            return list((await session.scalars(query)).all())

    return console.server.call(read())


def notice_events(console: Console) -> list[tuple[str, int, str]]:
    """(what, notice id, who) of every notice event, oldest first."""

    async def read() -> list[tuple[str, int, str]]:
        async with console.server.runtime.db.transaction() as session:
            rows = await session.execute(
                select(Event.type, Event.data, StaffUser.username)
                .join(StaffUser, StaffUser.id == Event.staff_id)
                .where(Event.type.like("notice_%"))
                .order_by(Event.id)
            )
            return [(t.removeprefix("notice_"), d["notice"], u) for t, d, u in rows.all()]

    return console.server.call(read())
