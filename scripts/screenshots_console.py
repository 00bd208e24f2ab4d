"""The staff console's pictures of scripts/screenshots.py: each page at 1280 px.

The sign-in page, then as an agent of the streets team the queue, a ticket and the
dashboard, then as the admin the staff, the teams, the canned replies, the service
notices and the inbox.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from scripts.screenshots_demo import GENERAL, STREETS, newest_ticket
from scripts.screenshots_setup import WAIT, WIDE, ZONE, Camera, Server, sign_in


def console_pictures(browser: Browser, server: Server, camera: Camera) -> None:
    context = browser.new_context(locale="fi-FI", timezone_id=ZONE, viewport=WIDE)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    base = server.base_url
    try:
        page.goto(base + "/console/login")
        camera.attempt("login", lambda: camera.shot(page, "console-login.png"))
        sign_in(page, base, "pekka")
        pages = [("queue", "/console/queue")]
        ticket = server.call(newest_ticket(server.runtime, STREETS))
        ticket = ticket or server.call(newest_ticket(server.runtime))
        if ticket is not None:
            pages.append(("ticket", f"/console/tickets/{ticket.number}"))
        else:
            camera.missed.append("ticket: the demo conversations made no ticket")
        pages.append(("dashboard", "/console/dashboard"))
        for name, path in pages:
            camera.attempt(name, lambda p=path, n=name: camera.console(page, base + p, n))
        context.clear_cookies()
        sign_in(page, base, "admin")
        for name, path in [
            ("admin-staff", "/console/admin/staff"),
            ("admin-teams", "/console/admin/teams"),
            ("canned-replies", f"/console/teams/{GENERAL}/replies"),
            ("notices", "/console/notices"),
            ("inbox", "/console/inbox"),
        ]:
            camera.attempt(name, lambda p=path, n=name: camera.console(page, base + p, n))
    finally:
        context.close()
