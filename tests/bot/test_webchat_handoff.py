"""Asking for a person in the web chat (issue 11, point 1), as the resident sees it: headless
Chromium against a real server whose clock is fixed in or outside office hours."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect

from taskstore.models import Ticket
from tests.bot.test_webchat import TICKET, button, open_chat, press, rows, say, token
from tests.helpers.live import LiveServer

PHONE = (390, 800)


def last_bot(page: Page) -> Locator:
    return page.locator("#chat-log .msg--bot").last


def test_a_person_in_office_hours_gets_the_matter_first(
    browser: Browser, office_open: LiveServer
) -> None:
    for page in open_chat(browser, office_open, *PHONE):
        say(page, "asdfgh")
        expect(button(page, "handoff")).to_be_visible()  # the human path stays visible
        say(page, "Haluan puhua ihmisen kanssa")
        expect(last_bot(page)).to_contain_text("missä asiassa tarvitset apua")
        expect(button(page, "form:previous")).to_have_text("asdfgh")
        assert rows(office_open, Ticket, token(page)) == []

        say(page, "Kysyisin rakennusluvasta terassille")
        expect(last_bot(page)).to_contain_text(TICKET)
        expect(last_bot(page)).to_contain_text("Rakennusvalvonta")
        expect(button(page, "queue:cancel")).to_be_visible()
        [ticket] = rows(office_open, Ticket, token(page))
        assert ticket.description == "Kysyisin rakennusluvasta terassille"


def test_a_person_after_hours_gets_the_contact_step_first(
    browser: Browser, office_closed: LiveServer
) -> None:
    for page in open_chat(browser, office_closed, *PHONE):
        say(page, "Paljonko painaa kuu kiloina?")
        press(page, "handoff")
        press(page, "form:previous")  # the earlier question is the matter
        expect(last_bot(page)).to_contain_text("eivät ole nyt paikalla")
        expect(last_bot(page)).to_contain_text("hyväksyt")  # the consent sentence
        expect(button(page, "form:skip")).to_be_visible()
        assert rows(office_closed, Ticket, token(page)) == []

        say(page, "maija.meikalainen@example.com")
        expect(last_bot(page)).to_contain_text(TICKET)
        [ticket] = rows(office_closed, Ticket, token(page))
        assert ticket.description == "Paljonko painaa kuu kiloina?"
        assert ticket.contact_email == "maija.meikalainen@example.com"
