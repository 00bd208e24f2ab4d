"""The staff console at /console: team queues, tickets, live takeover, administration,
dashboards. Server-rendered pages (Jinja2) with plain forms; see web.py for what they share
and access.py for who may see what."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.console import admin, dashboard, live, queue, streams, tickets
from bot.console.auth import add_auth_routes, is_https
from bot.console.i18n import LANGUAGES
from bot.console.reports import install_reports
from bot.console.web import CONSOLE, HERE, LANG_COOKIE, ConsoleConfig, form, redirect, saved
from bot.server import RUNTIME


async def home(_: web.Request) -> web.StreamResponse:
    raise redirect("/console/queue")


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


def console_installer(
    config: ConsoleConfig | None = None,
) -> Callable[[web.Application], None]:
    """An `extra_routes` entry for bot.server.build_app."""

    def install(app: web.Application) -> None:
        app[CONSOLE] = config or ConsoleConfig()
        install_reports(app, app[RUNTIME].db.url)
        add_auth_routes(app)
        r = app.router
        r.add_get("/console", home)
        r.add_get("/console/", home)
        r.add_post("/console/language", choose_language)
        r.add_get("/console/queue", queue.queue_page)
        r.add_get("/console/queue/events", streams.queue_events)
        r.add_get("/console/tickets/{number}", tickets.ticket_page)
        r.add_post("/console/tickets/{number}/{action}", tickets.ticket_action)
        r.add_get("/console/conversations/{id}", live.conversation_page)
        r.add_post("/console/conversations/{id}/{action}", live.conversation_action)
        r.add_get("/console/conversations/{id}/events", streams.conversation_events)
        r.add_get("/console/admin/staff", admin.staff_page)
        r.add_post("/console/admin/staff", admin.staff_add)
        r.add_post("/console/admin/staff/{id}", admin.staff_change)
        r.add_get("/console/admin/teams", admin.teams_page)
        r.add_get("/console/teams/{team}/replies", admin.replies_page)
        r.add_post("/console/teams/{team}/replies", admin.replies_change)
        r.add_get("/console/dashboard", dashboard.dashboard_page)
        r.add_get("/console/dashboard.csv", dashboard.dashboard_csv)
        r.add_static("/console/static/", HERE / "static", follow_symlinks=False)

    return install
