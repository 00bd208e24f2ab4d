"""What a resident sees in the web chat beyond the answers (issue 11, web chat points 2-5
and 9): who is talking, their own words in their own bubble, one send button, the
municipality's own name and kind, clock times and long links. A real server, the real
model and Debian's Chromium, as in tests/bot/test_webchat.py, whose fixtures these reuse.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from bot.pages import render_index
from bot.replies import out_message
from content import Content
from taskstore import store
from taskstore.models import Conversation, Message
from tests.bot import test_webchat as webchat
from tests.bot.test_staff_live import staff_id
from tests.bot.test_webchat import button, connected, press, rows, say, start, token
from tests.helpers.axe import axe_violations, format_violations
from tests.helpers.browser import WAIT
from tests.helpers.console_kit import PASSWORD, STREETS, Console, post
from tests.helpers.live import LiveServer

# Module attributes are how pytest finds fixtures (see tests/bot/test_a11y_widget.py).
page = webchat.page

EMAIL = "maija.meikalainen@example.com"
LONG_URL = (
    "https://www.esimerkkila.example/palvelut/kirjasto-ja-kulttuuri/aukioloajat-ja-"
    "yhteystiedot/paakirjasto?kieli=fi&osio=aukioloajat_ja_poikkeukset"
)


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(
        **{"locale": "fi-FI", "viewport": {"width": 1280, "height": 900}, **options}
    )
    context.set_default_timeout(WAIT)
    return context


def accessible(page: Page) -> None:
    expect(page.locator("#chat-typing")).to_be_hidden()
    found = axe_violations(page)
    assert not found, format_violations(found)


def conversation_id(server: LiveServer, token_: str, team: str | None = None) -> int:
    """The conversation's id; with `team`, first routed there (as the dialogue would)."""

    async def query() -> int:
        async with server.runtime.db.transaction() as s:
            found = await s.scalar(select(Conversation).where(Conversation.token == token_))
            assert found is not None
            if team is not None:
                found.team_id = team
            return found.id

    return server.call(query())


# -- 2: the notice follows who is talking ------------------------------------------------


def test_notice_follows_who_is_talking(browser: Browser, console: Console) -> None:
    base = console.server.base_url
    resident_context, staff_context = new_context(browser), new_context(browser)
    resident, staff = resident_context.new_page(), staff_context.new_page()
    try:
        resident.goto(base + "/")
        connected(resident)
        notice = resident.locator("#chat-notice")
        announce = resident.locator("#chat-announce")
        expect(notice).to_contain_text("Keskustelet botin kanssa, et ihmisen.")
        expect(announce).to_have_attribute("aria-live", "polite")
        expect(announce).to_be_empty()  # nothing changed yet: nothing to announce
        number = conversation_id(console.server, start(resident), team=STREETS)

        staff.goto(base + "/console/login")
        staff.locator("#username").fill("pekka")
        staff.locator("#password").fill(PASSWORD)
        staff.locator("#password").press("Enter")
        expect(staff).to_have_url(re.compile(r"/console/queue"))
        staff.goto(f"{base}/console/conversations/{number}")
        staff.locator("#take-over").click()
        expect(staff.locator("#return-to-bot")).to_be_visible()

        person = "Keskustelet ihmisen kanssa: työntekijä, Kadut ja liikenne."
        expect(resident.locator("#chat-notice-who")).to_have_text(person)
        expect(notice).not_to_contain_text("botin kanssa, et ihmisen")
        expect(notice).to_have_class(re.compile("chat__notice--staff"))
        expect(announce).to_have_text(person)
        expect(resident.locator("#chat-log")).to_contain_text("Pekka Niemi")
        accessible(resident)

        # The notice is in the resident's language, also after a switch and a reload.
        resident.get_by_label("Kieli").select_option("sv")
        expect(resident.locator("#chat-notice-who")).to_have_text(
            "Du chattar med en människa: en anställd, Gator och trafik."
        )
        resident.reload()
        connected(resident)
        expect(resident.locator("#chat-notice-who")).to_contain_text("Gator och trafik")

        staff.locator("#return-to-bot").click()
        expect(staff.locator("#take-over")).to_be_visible()
        expect(resident.locator("#chat-notice-who")).to_have_text(
            "Du chattar med en bot, inte med en människa."
        )
        expect(announce).to_have_text("Du chattar med boten igen, inte med en människa.")
        expect(notice).not_to_have_class(re.compile("chat__notice--staff"))
    finally:
        resident_context.close()
        staff_context.close()


def test_notice_returns_to_the_bot_when_the_holders_account_is_disabled(
    browser: Browser, console: Console
) -> None:
    """Disabling an account hands its chats back to the bot; the resident is told at once,
    not on their next message."""
    base = console.server.base_url
    context = new_context(browser)
    resident = context.new_page()
    try:
        resident.goto(base + "/")
        connected(resident)
        number = conversation_id(console.server, start(resident), team=STREETS)
        pekka, admin = console.client("pekka"), console.client("admin")
        page = f"/console/conversations/{number}"
        assert post(pekka, f"{page}/take", page).status_code == 303
        who = resident.locator("#chat-notice-who")
        expect(who).to_contain_text("Kadut ja liikenne")

        pekka_id = console.server.call(staff_id(console.server.runtime, "pekka"))
        staff = "/console/admin/staff"
        assert post(admin, f"{staff}/{pekka_id}", staff, action="disable").status_code == 303
        expect(who).to_have_text("Keskustelet botin kanssa, et ihmisen.")
        expect(resident.locator("#chat-announce")).not_to_be_empty()
    finally:
        context.close()


# -- 3: the resident's own words in their own bubble -------------------------------------


def test_own_bubble_shows_what_the_resident_typed(
    browser: Browser, page: Page, live_server: LiveServer
) -> None:
    text = f"Sähköpostini on {EMAIL}, vastatkaa sinne"
    say(page, text)  # waits until the bubble reads exactly what was typed
    expect(page.locator("#chat-log .msg--bot").last).to_be_visible()
    expect(page.locator("#chat-typing")).to_be_hidden()
    expect(page.locator("#chat-log .msg--resident .msg__text").last).to_have_text(text)

    # The store keeps it without the address, and that is what anyone else is sent.
    stored = [m.text for m in rows(live_server, Message, token(page)) if m.author == "resident"]
    assert stored == ["Sähköpostini on [EMAIL], vastatkaa sinne"]
    other = new_context(browser).new_page()
    try:
        other.goto(live_server.base_url + "/")
        connected(other)
        other.evaluate("t => localStorage.setItem('kuntabotti.token', t)", token(page))
        other.reload()
        connected(other)
        bubble = other.locator("#chat-log .msg--resident .msg__text").last
        expect(bubble).to_have_text(
            "Sähköpostini on (sähköpostiosoitetta ei tallennettu keskusteluun), vastatkaa sinne"
        )
        assert EMAIL not in other.content()
    finally:
        other.context.close()

    # After a reload the page no longer knows it: a plain note in the resident's language.
    page.reload()
    connected(page)
    bubble = page.locator("#chat-log .msg--resident .msg__text").last
    expect(bubble).to_contain_text("(sähköpostiosoitetta ei tallennettu keskusteluun)")
    page.get_by_label("Kieli").select_option("en")
    expect(page.locator("#chat-log .msg--resident .msg__text").first).to_contain_text(
        "(e-mail address not stored in the chat)"
    )
    assert EMAIL not in page.content()


# -- 4: one send button on the form's confirm step ---------------------------------------


def reach_confirm(page: Page) -> None:
    """From an unanswerable question to the ticket form's last step, whichever offers the
    dialogue makes on the way (guesses, a ticket, contact details)."""
    question = "Paljonko painaa kuu kiloina?"
    say(page, question)
    for _ in range(6):
        if button(page, "form:send").count():
            return
        onward = [p for p in ("none", "ticket:yes", "form:skip") if button(page, p).count()]
        if onward:
            press(page, onward[0])
        else:
            say(page, question)  # asked to put it another way: the bot still cannot answer
    expect(button(page, "form:send")).to_be_visible()


def test_the_confirm_step_has_one_send_button(page: Page) -> None:
    reach_confirm(page)
    sends = page.get_by_role("button", name=re.compile(r"^Lähetä$"))
    expect(sends).to_have_count(1)
    expect(sends.first).to_have_attribute("data-payload", "form:send")
    # The message box keeps a send button of its own, named for what it sends.
    expect(page.get_by_role("button", name="Lähetä viesti", exact=True)).to_be_visible()
    accessible(page)
    press(page, "form:send")
    expect(page.locator("#chat-log")).to_contain_text(webchat.TICKET)


# -- 5: the municipality's own name and kind ---------------------------------------------

KIND_WORDS = re.compile(r"\b(kunta|kunnan|kunnalta|kunnalle|kaupungin|kommunen|kommunens)\b", re.I)


def test_names_and_kind_come_from_the_municipality_file(page: Page, content: Content) -> None:
    place = content.municipality
    expected = {
        "fi": (f"{place['name']['fi']} – kysy meiltä", "Kysy meiltä"),
        "sv": (f"{place['name']['sv']} – fråga oss", "Fråga oss"),
        "en": (f"{place['name']['en']} – ask us", "Ask us"),
    }
    expect(page.locator("#chat-log .msg--bot").nth(1)).to_be_visible()
    greeting = page.locator("#chat-log .msg--bot .msg__text").first.inner_text()
    assert place["name"]["fi"] in greeting and not KIND_WORDS.search(greeting)
    for lang in ("fi", "sv", "en"):
        if lang != "fi":
            page.locator("#chat-lang").select_option(lang)
            expect(page.locator("html")).to_have_attribute("lang", lang)
        title, nav = expected[lang]
        expect(page.locator("#chat-title")).to_have_text(title)
        expect(page.locator(".site-nav a[href='#chat']")).to_have_text(nav)
        expect(page.locator(".site-header__brand")).to_have_text(place["title"][lang])
        assert page.title() == place["title"][lang]
        lead = f"{place['name'][lang]} "
        expect(page.locator(".page__lead")).to_contain_text(lead)
        expect(page.locator(".page__lead")).to_contain_text(place["kind"][lang])
        shown = page.locator("body").inner_text()
        assert not KIND_WORDS.search(shown), KIND_WORDS.findall(shown)


def test_the_page_is_rendered_from_any_municipality_file() -> None:
    template = "<html data-m='{{municipality}}'><title>{{title}}</title>{{name}} {{kind}}"
    town = {
        "name": {"fi": "Järvelä & Co", "sv": "Sjöby", "en": "Järvelä"},
        "kind": {"fi": "kunta", "sv": "kommun", "en": "municipality"},
    }
    page = render_index(template, town)
    assert "<title>Järvelä &amp; Co</title>Järvelä &amp; Co kunta" in page
    assert "&quot;kind&quot;: {&quot;fi&quot;: &quot;kunta&quot;" in page
    assert "{{" not in page


# -- 9: clock times follow the language; long links wrap at sensible points --------------


def test_times_follow_a_language_switch(browser: Browser, live_server: LiveServer) -> None:
    context = new_context(browser, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.base_url + "/")
        connected(page)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        times = page.locator("#chat-log time")
        expect(times.first).to_have_text(re.compile(r"^ · \d{2}:\d{2}$"))
        page.get_by_label("Language").select_option("fi")
        expect(page.locator("#chat-log .msg--bot .msg__text").last).to_have_text(
            "Selvä, jatketaan suomeksi."
        )
        for text in times.all_inner_texts():
            assert re.fullmatch(r" ?· \d{2}\.\d{2}", text), text
    finally:
        context.close()


# The text of each line a link is laid out on, from the browser's layout.
LINK_LINES = """a => {
  const range = document.createRange();
  const lines = [];
  let top = null;
  for (const node of a.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const y = Math.round(range.getBoundingClientRect().top);
      if (top === null || y > top + 2) { lines.push(""); top = y; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""


def test_long_links_wrap_at_break_points(browser: Browser, live_server: LiveServer) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_server.base_url + "/")
        connected(page)
        key = start(page)

        async def staff_says(text: str) -> None:
            async with live_server.runtime.db.transaction() as s:
                found = await store.conversation_by_token(s, key)
                assert found is not None
                message = out_message(await store.add_message(s, found, "out", "staff", text))
            live_server.runtime.hub.publish(key, [message])

        live_server.call(staff_says(f"Katso aukioloajat täältä: {LONG_URL} – tervetuloa!"))
        link = page.locator("#chat-log .msg--staff a")
        expect(link).to_have_attribute("href", LONG_URL)
        lines: list[str] = link.evaluate(LINK_LINES)
        assert "".join(lines) == LONG_URL and len(lines) > 1, lines
        at = 0
        for line in lines[:-1]:  # each line ends after a slash or before punctuation
            at += len(line)
            assert line.endswith("/") or LONG_URL[at] in ".?&=#_~-", lines
        bubble = page.locator("#chat-log .msg--staff").bounding_box()
        box = link.bounding_box()
        assert bubble is not None and box is not None
        assert box["x"] + box["width"] <= bubble["x"] + bubble["width"] + 1
        overflow = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth,"
            " document.getElementById('chat-log').scrollWidth,"
            " document.getElementById('chat-log').clientWidth]"
        )
        assert overflow[0] <= overflow[1] and overflow[2] <= overflow[3], overflow
        accessible(page)
    finally:
        context.close()
