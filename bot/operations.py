"""What city IT watches: `/metrics` for Prometheus (prometheus-client) and `/readyz`.

- A worker's own figures (bot/metrics.py) are summed over all workers under
  `kuntabotti run --workers N` (PROMETHEUS_MULTIPROC_DIR).
- The store's figures (open tickets by team and status, tickets past an SLA target, tickets
  ever created) are read from the store when scraped, so every worker answers the same.
- `/metrics` answers a request that carries METRICS_TOKEN as a bearer token, or without a
  token set, only requests from this machine (the peer address: a proxy in front cannot
  make it public by accident).
- `/healthz` says the process runs (liveness); `/readyz` says it can work: the store
  answers (readiness; the model is loaded before a worker listens). A load balancer sends
  turns only to ready workers.
"""

from __future__ import annotations

import asyncio
import hmac
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from bot.metrics import OWN
from bot.web import RUNTIME
from taskstore import Ticket
from taskstore.store import OPEN_TICKET_STATUSES

LOOPBACK = ("127.0.0.1", "::1")
READY_TIMEOUT = 2.0  # seconds for the store to answer a readiness check


class StoreFigures(Collector):
    """The store's figures, read once per scrape (filled in by `metrics` before collecting:
    the store is async, a collector is not)."""

    def __init__(self, rows: dict[str, Any]) -> None:
        self.rows = rows

    def collect(self) -> Iterator[Any]:
        queue = GaugeMetricFamily(
            "kuntabotti_open_tickets",
            "Tickets a person still has work on",
            labels=["team", "status"],
        )
        for team, status, count in self.rows["open"]:
            queue.add_metric([team, status], count)
        yield queue
        late = GaugeMetricFamily(
            "kuntabotti_tickets_past_due", "Open tickets past an SLA target", labels=["target"]
        )
        for target, count in self.rows["late"].items():
            late.add_metric([target], count)
        yield late
        yield CounterMetricFamily(
            "kuntabotti_tickets_created", "Tickets created", value=self.rows["created"]
        )


async def store_figures(request: web.Request) -> dict[str, Any]:
    runtime = request.app[RUNTIME]
    now: datetime = runtime.clock()
    is_open = Ticket.status.in_(OPEN_TICKET_STATUSES)
    async with runtime.db.transaction() as session:
        open_rows = (
            await session.execute(
                select(Ticket.team_id, Ticket.status, func.count())
                .where(is_open)
                .group_by(Ticket.team_id, Ticket.status)
            )
        ).all()
        first = await session.scalar(
            select(func.count()).where(
                is_open, Ticket.first_response_at.is_(None), Ticket.first_response_due < now
            )
        )
        resolution = await session.scalar(
            select(func.count()).where(is_open, Ticket.resolution_due < now)
        )
        created = await session.scalar(select(func.count()).select_from(Ticket))
    return {
        "open": [tuple(row) for row in open_rows],
        "late": {"first_response": first or 0, "resolution": resolution or 0},
        "created": created or 0,
    }


def _allowed(request: web.Request) -> bool:
    token = os.environ.get("METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return hmac.compare_digest(given.encode(), token.encode())
    peer: Any = request.transport.get_extra_info("peername") if request.transport else None
    return bool(peer) and peer[0] in LOOPBACK


async def metrics(request: web.Request) -> web.Response:
    if not _allowed(request):
        raise web.HTTPForbidden(text="set METRICS_TOKEN, or scrape from this machine")
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for metric in OWN:
            registry.register(metric)
    registry.register(StoreFigures(await store_figures(request)))
    return web.Response(
        body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


async def ready(request: web.Request) -> web.Response:
    runtime = request.app[RUNTIME]
    try:
        async with asyncio.timeout(READY_TIMEOUT), runtime.db.transaction() as session:
            await session.scalar(select(1))
    except Exception:
        return web.json_response({"status": "the store does not answer"}, status=503)
    # The model is loaded before the server listens: a worker that answers has one.
    return web.json_response({"status": "ready"})


def add_operations_routes(app: web.Application) -> None:
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/readyz", ready)
