"""The resident's pictures of scripts/screenshots.py: the web chat widget in each state.

A browser walks a resident through the widget (greeting, an answer and its feedback, the
choices of a clarifying question, the ticket form, the queue, a person joining), saving
each state at 1280 px and 390 px, with the staff member's view of the joined conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from playwright.sync_api import Browser, Page, expect

from scripts.screenshots_demo import PLACE, conversation_of, member_of
from scripts.screenshots_setup import WAIT, WIDE, ZONE, Camera, Server, sign_in

# What the resident writes when the bot asks for more (a matter; a place: PLACE).
MATTER = "Katuvalo on rikki Kotikadulla"


def say(page: Page, text: str) -> None:
    shown = page.locator("#chat-log .msg")
    before = shown.count()
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")
    answered(page, before + 1)


def answered(page: Page, at_least: int) -> None:
    """Wait until the bot (or a person) has said something after the newest message."""
    page.wait_for_function(
        """n => { const all = document.querySelectorAll('#chat-log .msg');
                  return all.length > n && !all[all.length - 1].classList.contains('msg--resident')
                         && document.getElementById('chat-typing').hidden; }""",
        arg=at_least - 1,
    )


def offered(page: Page, payload: str) -> Any:
    return page.locator(f'#chat-log button:enabled[data-payload="{payload}"]').last


def press(page: Page, payload: str) -> None:
    before = page.locator("#chat-log .msg").count()
    offered(page, payload).click()
    answered(page, before + 1)


def lead_on(page: Page, until: str, prefer: Sequence[str], fillers: Sequence[str]) -> None:
    """Press buttons that lead on (or write a filler) until `until` is offered."""
    fill = list(fillers)
    for _ in range(8):
        if offered(page, until).count():
            return
        payload = next((p for p in prefer if offered(page, p).count()), None)
        if payload is not None:
            press(page, payload)
        elif fill:
            say(page, fill.pop(0))
        else:
            break
    expect(offered(page, until)).to_be_visible()


def fresh_chat(page: Page) -> None:
    page.locator("#chat-new").click()
    expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()


def widget_pictures(browser: Browser, server: Server, camera: Camera, clarify: str | None) -> None:
    context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    staff_context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    staff_context.set_default_timeout(WAIT)
    staff = staff_context.new_page()
    try:
        page.goto(server.base_url + "/")
        expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()
        camera.attempt("greeting", lambda: camera.widget(page, "greeting"))

        def answer() -> None:
            say(page, "Milloin kirjasto on auki?")
            expect(offered(page, "helpful:yes")).to_be_visible()
            camera.widget(page, "answer")
            press(page, "helpful:yes")
            camera.widget(page, "feedback")

        camera.attempt("answer", answer)

        def clarifying() -> None:
            if clarify is None:
                raise LookupError("no question made the bot offer choices")
            fresh_chat(page)
            say(page, clarify)
            expect(
                page.locator('#chat-log button:enabled[data-payload^="pick:"]').first
            ).to_be_visible()
            camera.widget(page, "clarify")

        camera.attempt("clarify", clarifying)

        def ticket_form() -> None:
            fresh_chat(page)
            say(page, MATTER)
            lead_on(page, "form:send", ("form:skip", "ticket:yes"), [PLACE])
            camera.widget(page, "ticket-form")
            press(page, "form:send")
            camera.widget(page, "ticket-sent")

        camera.attempt("ticket form", ticket_form)

        def queued() -> None:
            fresh_chat(page)
            say(page, "Haluan puhua ihmisen kanssa")
            lead_on(
                page,
                "queue:cancel",
                ("form:previous", "handoff", "ticket:yes", "form:skip", "form:send"),
                [MATTER, PLACE],
            )
            camera.widget(page, "queued")

        camera.attempt("queued", queued)

        def person_joined() -> None:
            token = page.evaluate("() => localStorage.getItem('kuntabotti.token')")
            conversation = server.call(conversation_of(server.runtime, token))
            taker = server.call(member_of(server.runtime, conversation.team_id))
            sign_in(staff, server.base_url, taker)
            staff.goto(f"{server.base_url}/console/conversations/{conversation.id}")
            staff.locator("#take-over").click()
            expect(page.locator("#chat-notice.chat__notice--staff")).to_be_visible()
            staff.locator("#reply-text").fill(
                "Hei, autan tässä asiassa. Kerro vielä, missä kohtaa tarkalleen?"
            )
            staff.locator('form[action$="/reply"] button[type="submit"]').first.click()
            expect(page.locator("#chat-log .msg--staff")).to_be_visible()
            # The bot is silent while a person holds the chat: wait for the bubble only.
            page.locator("#chat-input").fill("Kotikatu 5:n kohdalla, bussipysäkin vieressä.")
            page.locator("#chat-input").press("Enter")
            expect(page.locator("#chat-log .msg").last).to_contain_text("bussipysäkin")
            camera.widget(page, "person-joined")
            staff.goto(f"{server.base_url}/console/conversations/{conversation.id}")
            expect(staff.locator("h1")).to_be_visible()
            camera.shot(staff, "console-conversation.png", full_page=True)

        camera.attempt("person joined", person_joined)
    finally:
        context.close()
        staff_context.close()
