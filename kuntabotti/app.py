"""The web application as `kuntabotti run` serves it, built from its parts: the REST API and
web chat (bot/), the staff console mounted as its own sub-application at /console
(console/), and whatever else start-up adds (scheduler, Telegram webhook, push bridge)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiohttp import web

from bot.clients import CLIENTS, Clients
from bot.limits import LIMITS, Limits
from bot.operations import add_operations_routes
from bot.rest import add_rest_routes
from bot.runtime import Runtime
from bot.web import MAX_BODY, RUNTIME, clear_errors, health
from bot.webchat import add_webchat_routes
from console import ConsoleConfig, create_console

Install = Callable[[web.Application], None]


def build_app(
    runtime: Runtime,
    extra_routes: Sequence[Install] = (),
    console: ConsoleConfig | None = None,
    clients: Clients | None = None,
    limits: Limits | None = None,
) -> web.Application:
    """The main app. With `console`, the staff console is mounted at /console. `clients`:
    how a client's address is read (the proxies to believe); `limits`: rate limits per
    client address (none without)."""
    middlewares = [clear_errors, *([limits.middleware] if limits is not None else [])]
    app = web.Application(middlewares=middlewares, client_max_size=MAX_BODY)
    app[RUNTIME] = runtime
    app[CLIENTS] = clients or Clients()
    if limits is not None:
        app[LIMITS] = limits
    app.router.add_get("/healthz", health)
    add_operations_routes(app)
    add_rest_routes(app)
    add_webchat_routes(app)
    if console is not None:
        app.router.add_get("/console", _to_console)  # before the sub-app claims the prefix
        app.add_subapp("/console", create_console(runtime, console))
    for add in extra_routes:
        add(app)
    return app


async def _to_console(_: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/console/")
