"""Residents' data in the console (console/admin_rights.py): an admin finds a resident by an
e-mail they gave, downloads their data and erases it, in Chromium; the keys never travel in
an address; others get 403; every step is in the access log."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, expect

from tests.console.test_console_browser import (
    LONG_EMAIL,
    accessible,
    new_context,
    seed_long_chat,
    sign_in,
)
from tests.helpers.console_kit import Console, post


def test_an_admin_finds_exports_and_erases_a_residents_data(
    browser: Browser, console: Console
) -> None:
    number, conversation_id = seed_long_chat(console)
    base = console.server.base_url
    context = new_context(browser)
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    try:
        sign_in(page, base, "admin")
        page.goto(base + "/console/admin/residents")
        accessible(page)
        page.locator("#r-email").fill(LONG_EMAIL.upper())
        page.locator('form:has(input[value="find"]) button[type="submit"]').click()
        expect(page.locator("#found-title")).to_be_visible()
        expect(page.locator("main")).to_contain_text(number)
        accessible(page)
        with page.expect_download() as info:
            page.locator('form:has(input[value="export"]) button[type="submit"]').click()
        data = json.loads(info.value.path().read_text(encoding="utf-8"))
        [ticket] = data["tickets"]
        assert ticket["number"] == number and ticket["contact"]["email"] == LONG_EMAIL
        [talk] = data["conversations"]
        assert len(talk["messages"]) == 40
        page.locator('input[name="confirm"]').check()
        page.locator('form:has(input[value="erase"]) button[type="submit"]').click()
        expect(page.locator("p.flash")).to_contain_text("40")
        accessible(page)
        assert not any("esimerkki" in url.lower() for url in seen)  # keys only in bodies
        page.goto(f"{base}/console/tickets/{number}")
        expect(page.locator("main")).not_to_contain_text("Soittakaa minulle")
        expect(page.locator("main")).to_contain_text("Asukkaan tiedot poistettiin")
        page.goto(f"{base}/console/admin/access")
        for done in ("haki asukkaan tiedot", "latasi asukkaan tiedot", "poisti asukkaan tiedot"):
            expect(page.locator("table.access")).to_contain_text(done)
    finally:
        context.close()
    admin = console.client("admin")
    again = post(
        admin,
        "/console/admin/residents",
        "/console/admin/residents",
        action="find",
        email=LONG_EMAIL,
    )
    assert again.status_code == 200 and "Nothing was found with these." in again.text
    assert conversation_id  # its shell stays; the store-level test checks every table


def test_only_admins_reach_it_and_an_erasure_must_be_confirmed(console: Console) -> None:
    seed_long_chat(console)
    liisa = console.client("liisa")
    assert liisa.get("/console/admin/residents").status_code == 403
    admin = console.client("admin")
    page = "/console/admin/residents"
    unconfirmed = post(admin, page, page, action="erase", email=LONG_EMAIL)
    assert unconfirmed.status_code == 400 and "Confirm the erasure first." in unconfirmed.text
    empty = post(admin, page, page, action="find")
    assert empty.status_code == 400 and "Give at least one of the three." in empty.text
    found = post(admin, page, page, action="export", email=LONG_EMAIL)
    assert found.status_code == 200 and LONG_EMAIL in found.text
    assert found.headers["cache-control"] == "no-store"
