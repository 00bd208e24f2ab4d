"""The staff console at /console: team queues, tickets, live takeover, administration,
dashboards. Server-rendered pages (Jinja2) with plain forms; see shared.py for what they share
and access.py for who may see what."""

from __future__ import annotations

from aiohttp import web

from bot.runtime import Runtime
from bot.web import RUNTIME
from console import (
    admin,
    admin_access,
    admin_rights,
    auth,
    content_pages,
    content_report,
    content_topics,
    dashboard,
    inbox,
    live,
    notices,
    queue,
    streams,
    tickets,
)
from console.auth import is_https, require_login
from console.i18n import LANGUAGES
from console.reports import install_reports
from console.shared import (
    CONSOLE,
    HERE,
    LANG_COOKIE,
    ConsoleConfig,
    form,
    redirect,
    saved,
    viewer,
)

__all__ = ["ConsoleConfig", "create_console"]


async def home(request: web.Request) -> web.StreamResponse:
    """The communications team has no queue: its work starts at the inbox."""
    raise redirect("/console/inbox" if viewer(request).role == "comms" else "/console/queue")


async def choose_language(request: web.Request) -> web.StreamResponse:
    fields = await form(request)
    lang = fields.get("lang", "")
    back = fields.get("next", "")
    target = back if back.startswith("/console/") else "/console/"
    response = saved(request, "language", target) if lang in LANGUAGES else redirect(target)
    if lang in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, lang, path="/console", samesite="Strict", secure=is_https(request)
        )
    raise response


def create_console(runtime: Runtime, config: ConsoleConfig | None = None) -> web.Application:
    """The console as a sub-application, to be mounted at /console: its sign-in middleware
    guards its own routes only, and its report thread starts and stops with it."""
    app = web.Application(middlewares=[require_login])
    app[RUNTIME] = runtime
    app[CONSOLE] = config or ConsoleConfig()
    install_reports(app, runtime.db.url)
    r = app.router
    r.add_get("/", home)
    r.add_get("/login", auth.login_page)
    r.add_post("/login", auth.login)
    r.add_post("/logout", auth.logout)
    r.add_post("/language", choose_language)
    r.add_get("/queue", queue.queue_page)
    r.add_get("/queue/events", streams.queue_events)
    r.add_get("/tickets/{number}", tickets.ticket_page)
    r.add_post("/tickets/{number}/{action}", tickets.ticket_action)
    r.add_get("/conversations/{id}", live.conversation_page)
    r.add_post("/conversations/{id}/{action}", live.conversation_action)
    r.add_get("/conversations/{id}/events", streams.conversation_events)
    r.add_get("/admin/staff", admin.staff_page)
    r.add_post("/admin/staff", admin.staff_add)
    r.add_post("/admin/staff/{id}", admin.staff_change)
    r.add_get("/admin/teams", admin.teams_page)
    r.add_get("/admin/access", admin_access.access_page)
    r.add_get("/admin/access.csv", admin_access.access_csv)
    r.add_get("/admin/residents", admin_rights.residents_page)
    r.add_post("/admin/residents", admin_rights.residents_action)
    r.add_get("/teams/{team}/replies", admin.replies_page)
    r.add_post("/teams/{team}/replies", admin.replies_change)
    r.add_get("/inbox", inbox.inbox_page)
    r.add_get("/inbox/{id}", inbox.group_page)
    r.add_post("/inbox/{id}", inbox.group_action)
    r.add_get("/notices", notices.notices_page)
    r.add_post("/notices", notices.notice_post)
    r.add_get("/notices/{id}", notices.notice_page)
    r.add_post("/notices/{id}", notices.notice_change)
    r.add_get("/content", content_pages.content_page)
    r.add_post("/content/drafts", content_pages.draft_start)
    r.add_post("/content/versions/{number}/rollback", content_pages.version_rollback)
    r.add_get("/content/drafts/{id}", content_pages.draft_page)
    r.add_post("/content/drafts/{id}/check", content_pages.draft_check)
    r.add_post("/content/drafts/{id}/publish", content_pages.draft_publish)
    r.add_post("/content/drafts/{id}/discard", content_pages.draft_discard)
    r.add_post("/content/drafts/{id}/approve", content_pages.draft_approve)
    r.add_get("/content/drafts/{id}/report", content_report.report_page)
    r.add_get("/content/drafts/{id}/new", content_topics.new_topic_page)
    r.add_post("/content/drafts/{id}/new", content_topics.new_topic_post)
    r.add_get("/content/drafts/{id}/topics/{name}", content_topics.topic_page)
    r.add_post("/content/drafts/{id}/topics/{name}", content_topics.topic_change)
    r.add_get("/dashboard", dashboard.dashboard_page)
    r.add_get("/dashboard.csv", dashboard.dashboard_csv)
    r.add_static("/static/", HERE / "static", follow_symlinks=False)
    return app
