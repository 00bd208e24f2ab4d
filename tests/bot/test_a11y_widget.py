"""Accessibility of the web chat widget: axe-core (tests/helpers/axe.py) finds no serious or
critical violation in the states a resident sees. A real server, the real model and
Debian's Chromium, as in tests/bot/test_webchat.py, whose fixtures and helpers these reuse.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.bot import test_webchat as webchat
from tests.bot.test_webchat import button, press, say
from tests.helpers.axe import axe_violations, format_violations

# Module attributes are how pytest finds fixtures; importing them by name would make ruff
# see the test parameters as redefinitions. (`browser` comes from tests/helpers/browser.py.)
page = webchat.page


def assert_accessible(page: Page) -> None:
    # A reply that is still arriving would be checked half-drawn.
    expect(page.locator("#chat-typing")).to_be_hidden()
    found = axe_violations(page)
    assert not found, format_violations(found)


def test_greeting(page: Page) -> None:
    # The greeting comes as two messages; wait for both before checking.
    expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()
    assert_accessible(page)


def test_answer_with_quick_replies(page: Page) -> None:
    say(page, "Milloin kirjasto on auki?")
    expect(button(page, "helpful:yes")).to_be_visible()
    assert_accessible(page)
    # Pressed: the group is now disabled buttons, one of them marked as the choice.
    press(page, "helpful:yes")
    expect(page.locator('#chat-log button[data-payload="helpful:yes"]').last).to_be_disabled()
    assert_accessible(page)


def test_swedish(page: Page) -> None:
    page.get_by_label("Kieli").select_option("sv")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#chat-log .msg--bot .msg__text").last).to_have_text(
        "Okej, vi fortsätter på svenska."
    )
    assert_accessible(page)
    say(page, "När är biblioteket öppet?")
    expect(button(page, "helpful:yes")).to_have_text("Ja")
    assert_accessible(page)


def test_axe_finds_a_planted_violation(page: Page) -> None:
    """The check can fail: an unlabelled text field (critical) and an image without text
    (critical) are reported, and `context` limits the check to part of the page."""
    page.evaluate(
        """() => {
          const input = document.createElement("input");
          input.id = "planted-input";
          document.getElementById("chat").append(input);
          const img = document.createElement("img");
          img.id = "planted-img";
          img.src = "/static/favicon.svg";
          document.getElementById("main").append(img);
        }"""
    )
    found = axe_violations(page)
    assert {v["id"] for v in found} >= {"label", "image-alt"}, format_violations(found)
    message = format_violations(found)
    assert "label (critical)" in message and "#planted-input" in message

    in_chat = axe_violations(page, context="#chat")
    assert {v["id"] for v in in_chat} == {"label"}, format_violations(in_chat)


def test_privacy_notice_and_accessibility_statement_in_the_chats_language(page: Page) -> None:
    expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()
    page.get_by_label("Kieli").select_option("sv")
    link = page.get_by_role("link", name="Tillgänglighetsutlåtande")
    expect(link).to_have_attribute("href", "/accessibility?lang=sv")
    link.click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("h1")).to_have_text("Chattens tillgänglighetsutlåtande")
    expect(page.locator("main")).to_contain_text("WCAG 2.1")
    expect(page.locator("main")).not_to_contain_text("{city")  # placeholders filled
    assert not (found := axe_violations(page)), format_violations(found)
    page.get_by_role("link", name="in English").click()
    expect(page.locator("h1")).to_have_text("Accessibility statement of the chat")
    page.goto(page.url.split("/accessibility")[0] + "/privacy?lang=fi")
    expect(page.locator("h1")).to_have_text("Chatin tietosuojaseloste")
    expect(page.locator("main")).to_contain_text("tietosuojavaltuutetulle")
    assert not (found := axe_violations(page)), format_violations(found)
    page.get_by_role("link", name="Takaisin chattiin").click()
    expect(page.locator("#chat-input")).to_be_visible()
