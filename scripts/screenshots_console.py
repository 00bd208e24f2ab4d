"""The staff console's pictures of scripts/screenshots.py: each page at 1280 px.

The sign-in page, then as an agent of the streets team the queue, a ticket and the
dashboard, then as the admin the staff, the teams, the canned replies, the service
notices, the inbox (grouped by the inbox job) and one of its groups, and the content pages:
versions, a draft with an edit (checked: its model is trained), a topic and the check's
report.
"""

from __future__ import annotations

import asyncio

from playwright.sync_api import Browser
from sqlalchemy import select

from actions import content_work
from actions.content_check import RUNNING, start_check
from bot.inbox_job import InboxJob
from content.document import to_document
from content.edits import add_examples
from scripts.screenshots_demo import GENERAL, STREETS, newest_ticket
from scripts.screenshots_setup import WAIT, WIDE, ZONE, Camera, Server, sign_in
from taskstore import versions
from taskstore.curation import InboxCluster


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
            ("admin-residents", "/console/admin/residents"),
            ("canned-replies", f"/console/teams/{GENERAL}/replies"),
            ("notices", "/console/notices"),
            ("inbox", "/console/inbox"),
            *server.call(curation_pages(server), timeout=900),
        ]:
            camera.attempt(name, lambda p=path, n=name: camera.console(page, base + p, n))
    finally:
        context.close()


async def curation_pages(server: Server) -> list[tuple[str, str]]:
    """Version 1 from the content folder, the inbox grouped, and a checked draft with one
    edit: the communications team's pages with something on them."""
    runtime = server.runtime
    await InboxJob(runtime).tick()
    name = next(n for n, i in runtime.content.intents.items() if i.kind == "faq")
    async with runtime.db.transaction() as session:
        await content_work.follow_folder(session, to_document(runtime.content))
        draft = await content_work.open_draft(session, None, "Talven kysymykset")
        await content_work.edit_draft(
            session,
            draft.id,
            None,
            lambda d: add_examples(d, name, "fi", ["milloin tämä aukeaa talvella"]),
        )
        group = await session.scalar(select(InboxCluster.id).order_by(InboxCluster.size.desc()))
    config = server.console
    await start_check(runtime.db, config.models, draft.id, config.test_set)
    while True:  # the check trains the draft's model: a minute or two
        async with runtime.db.transaction() as session:
            row = await versions.draft(session, draft.id)
        if row is None or (row.figures or {}).get("status") != RUNNING:
            break
        await asyncio.sleep(2)
    pages = [
        ("content", "/console/content"),
        ("content-draft", f"/console/content/drafts/{draft.id}"),
        ("content-topic", f"/console/content/drafts/{draft.id}/topics/{name}"),
        ("content-report", f"/console/content/drafts/{draft.id}/report"),
    ]
    return ([("inbox-group", f"/console/inbox/{group}")] if group else []) + pages
