"""The staff console in Chromium, end to end: a member of staff works a resident's request
while the resident's web chat is open in a second browser context.

Controls are found by ids and form actions, not by their labels, so the test does not
depend on the console's language (the browser asks for Finnish).
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from taskstore import Ticket, store
from taskstore.models import RoutingCorrection
from tests.bot.test_webchat import connected, say
from tests.helpers.axe import axe_violations, format_violations
from tests.helpers.browser import WAIT
from tests.helpers.console_kit import GENERAL, PASSWORD, STREETS, Console

TICKET = re.compile(r"KB-\d{4}-\d{6}")


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT)
    return context


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/console/")
    expect(page).to_have_url(re.compile(r"/console/login"))
    accessible(page)
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")
    expect(page).to_have_url(re.compile(r"/console/queue"))


def accessible(page: Page) -> None:
    expect(page.locator("h1")).to_be_visible()
    found = axe_violations(page)
    assert not found, format_violations(found)


def submit(page: Page, action: str) -> None:
    """Press the submit button of the form posting to `.../<action>`."""
    page.locator(f'form[action$="/{action}"] button[type="submit"]').first.click()


def test_a_request_from_queue_to_takeover_to_resolution(browser: Browser, console: Console) -> None:
    base = console.server.base_url
    staff_context, resident_context = new_context(browser), new_context(browser)
    staff, resident = staff_context.new_page(), resident_context.new_page()
    try:
        sign_in(staff, base, "liisa")
        accessible(staff)  # the (empty) queue

        # A resident asks for a person; the queue, already open, shows it without a reload.
        resident.goto(base + "/")
        connected(resident)
        say(resident, "Haluan puhua ihmisen kanssa")
        expect(resident.locator('#chat-log button[data-payload="form:cancel"]')).to_be_visible()
        say(resident, "Haluan puhua ihmisen kanssa")  # asked for the matter: insisting names none
        expect(resident.locator("#chat-log .msg--bot").last).to_contain_text(TICKET)
        number = TICKET.search(resident.locator("#chat-log .msg--bot").last.inner_text())
        assert number is not None
        row = staff.locator(f'tr[data-ticket="{number.group(0)}"]')
        expect(row).to_be_visible()
        expect(row.locator(".badge--live")).to_be_visible()  # waiting in the chat
        accessible(staff)

        # Claim it.
        row.locator("a").first.click()
        expect(staff.locator("h1")).to_contain_text(number.group(0))
        accessible(staff)
        submit(staff, "claim")
        expect(staff.locator(".facts")).to_contain_text("Liisa Virtanen")

        # Take the conversation over: the resident is told a person joined.
        staff.locator('a[href^="/console/conversations/"]').first.click()
        expect(staff.locator("#transcript")).to_contain_text("Haluan puhua ihmisen kanssa")
        accessible(staff)
        staff.locator("#take-over").click()
        expect(staff.locator("#return-to-bot")).to_be_visible()
        expect(resident.locator("#chat-log")).to_contain_text("Liisa Virtanen")

        # Messages both ways, live.
        staff.locator("#reply-text").fill("Hei, olen Liisa. Miten voin auttaa?")
        submit(staff, "reply")
        expect(resident.locator("#chat-log .msg--staff").last).to_contain_text("olen Liisa")
        say(resident, "Katuvalo on rikki Kotikadulla")
        expect(staff.locator("#transcript .msg--resident").last).to_contain_text("Katuvalo")
        bots = resident.locator("#chat-log .msg--bot").count()

        # An internal comment stays inside the console.
        staff.goto(f"{base}/console/tickets/{number.group(0)}")
        staff.locator("#comment").fill("Sisäinen huomio: tarkista katuvaloasia")
        submit(staff, "comment")
        expect(staff.locator(".history")).to_contain_text("Sisäinen huomio")
        expect(resident.locator("#chat-log")).not_to_contain_text("Sisäinen huomio")
        assert resident.locator("#chat-log .msg--bot").count() == bots  # the bot was silent

        # Back to the bot.
        staff.goto(f"{base}/console/conversations/{ticket_conversation(console, number.group(0))}")
        staff.locator("#return-to-bot").click()
        expect(staff.locator("#take-over")).to_be_visible()
        expect(resident.locator("#chat-log .msg--bot")).not_to_have_count(bots)

        # Reassign to streets and traffic; the routing correction is kept for curation.
        staff.goto(f"{base}/console/tickets/{number.group(0)}")
        staff.locator("#reassign-team").select_option(STREETS)
        staff.locator("#reassign-reason").fill("Katuvalot kuuluvat katuyksikölle")
        submit(staff, "reassign")
        expect(staff).to_have_url(re.compile(r"/console/queue"))
        corrections = console.server.call(routing_corrections(console))
        assert [(c.from_team, c.to_team) for c in corrections] == [("yleisneuvonta", STREETS)]

        # The streets team resolves it.
        staff_context.clear_cookies()
        sign_in(staff, base, "pekka")
        staff.goto(f"{base}/console/tickets/{number.group(0)}")
        staff.locator("#status").select_option("resolved")
        submit(staff, "status")
        expect(staff.locator(".history")).to_contain_text("→")
        status = console.server.call(ticket_status(console, number.group(0)))
        assert status == "resolved"

        # The team's dashboard shows the day's work as charts, with a CSV beside them.
        staff.goto(f"{base}/console/dashboard?team={STREETS}")
        expect(staff.locator("svg.chart").first).to_be_visible()
        assert staff.locator("svg.chart").count() >= 4
        expect(staff.locator("svg.chart title").first).not_to_be_empty()
        accessible(staff)
        csv = staff.request.get(f"{base}/console/dashboard.csv?team={STREETS}")
        assert csv.ok and "summary,tickets_created,1," in csv.text().replace("\r", "")
    finally:
        staff_context.close()
        resident_context.close()


def ticket_conversation(console: Console, number: str) -> int:
    async def find() -> int:
        async with console.server.runtime.db.transaction() as session:
            found = await session.scalar(
                select(Ticket.conversation_id).where(Ticket.number == number)
            )
            assert found is not None
            return found

    return console.server.call(find())


async def routing_corrections(console: Console) -> list[RoutingCorrection]:
    async with console.server.runtime.db.transaction() as session:
        return list((await session.scalars(select(RoutingCorrection))).all())


async def ticket_status(console: Console, number: str) -> str:
    async with console.server.runtime.db.transaction() as session:
        status = await session.scalar(select(Ticket.status).where(Ticket.number == number))
        assert status is not None
        return status


def test_admin_and_team_pages_are_accessible_and_work(browser: Browser, console: Console) -> None:
    base = console.server.base_url
    context = new_context(browser)
    page = context.new_page()
    try:
        sign_in(page, base, "admin")
        page.goto(base + "/console/admin/staff")
        accessible(page)
        page.locator("#new-username").fill("uusi.tyontekija")
        page.locator("#new-name").fill("Uusi Työntekijä")
        page.locator("#new-role").select_option("agent")
        page.locator(f'input[name="teams"][value="{STREETS}"]').last.check()
        page.locator("#new-password").fill("uusi pitkä salasana")
        submit(page, "staff")
        expect(page.locator("table.accounts")).to_contain_text("uusi.tyontekija")
        page.goto(f"{base}/console/admin/teams")
        expect(page.locator("table.teams")).to_contain_text("Uusi Työntekijä")
        accessible(page)
        page.goto(f"{base}/console/teams/{STREETS}/replies")
        accessible(page)
        page.locator("#r-title").fill("Kiitos yhteydenotosta")
        page.locator("#r-text").fill("Kiitos viestistäsi, selvitämme asian.")
        submit(page, "replies")
        expect(page.locator("table")).to_contain_text("Kiitos viestistäsi")
        for lang in ("sv", "en"):
            page.locator("#console-lang").select_option(lang)
            submit(page, "language")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            accessible(page)
    finally:
        context.close()


LONG_EMAIL = "etunimi.sukunimi.pitka.osoite.joka.ei.mahdu.korttiin@" + "esimerkki" * 6 + ".example"


def seed_long_chat(console: Console) -> tuple[str, int]:
    """A ticket with a long e-mail address and a conversation of 40 messages."""

    async def make() -> tuple[str, int]:
        async with console.server.runtime.db.transaction() as session:
            resident = await store.resident_for(session, "web", "long", "fi")
            conversation = await store.start_conversation(session, resident, "web", "fi")
            conversation.team_id = GENERAL
            for n in range(20):
                await store.add_message(session, conversation, "in", "resident", f"Kysymys {n}")
                await store.add_message(session, conversation, "out", "bot", f"Vastaus {n}")
            ticket = await store.create_ticket(
                session,
                conversation_id=conversation.id,
                team_id=GENERAL,
                kind="question",
                private=False,
                language="fi",
                description="Soittakaa minulle",
                contact_email=LONG_EMAIL,
                contact_consent=True,
            )
            return ticket.number, conversation.id

    return console.server.call(make())


def test_first_day_pages_read_well(browser: Browser, console: Console, tmp_path: Path) -> None:
    """Points 10, 12, 13 and 14 of issue 11 as a person sees them (a US-English browser,
    a Finnish console)."""
    base = console.server.base_url
    number, conversation = seed_long_chat(console)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(WAIT)
    page = context.new_page()
    try:
        sign_in(page, base, "liisa")
        page.locator("#console-lang").select_option("fi")
        submit(page, "language")
        expect(page.locator(".flash[role=status]")).to_have_text("Kieli vaihdettu.")

        # The e-mail breaks inside its card instead of running over it.
        page.goto(f"{base}/console/tickets/{number}")
        contact = page.locator(".facts dd", has_text="@")
        expect(contact).to_be_visible()
        card, box = page.locator("section.card").first.bounding_box(), contact.bounding_box()
        assert card is not None and box is not None
        assert box["x"] + box["width"] <= card["x"] + card["width"]
        submit(page, "claim")
        expect(page.locator(".flash[role=status]")).to_have_text(
            "Asia on nyt sinun käsittelyssäsi."
        )
        accessible(page)
        page.screenshot(path=tmp_path / "ticket.png", full_page=True)

        # The conversation opens on its newest message; the resident is "Asukas" everywhere.
        page.goto(f"{base}/console/conversations/{conversation}")
        newest = page.locator("#transcript li").last
        expect(newest).to_contain_text("Vastaus 19")
        expect(newest).to_be_in_viewport()
        expect(page.locator("#transcript li").first).not_to_be_in_viewport()
        who = page.locator("#transcript .msg--resident .msg__who").all_inner_texts()
        assert set(who) == {"Asukas"}
        accessible(page)
        page.screenshot(path=tmp_path / "conversation.png")

        # Dates in the console's format, whatever the browser's; typed ones are understood.
        page.goto(f"{base}/console/dashboard")
        expect(page.locator("#d-end")).to_have_value("30.11.2026")
        page.locator("#d-start").fill("1.11.2026")
        page.locator("#d-start").press("Enter")
        expect(page.locator("#h-figures")).to_contain_text("1.11.2026–30.11.2026")
        accessible(page)
        page.screenshot(path=tmp_path / "dashboard.png", full_page=True)
    finally:
        context.close()
