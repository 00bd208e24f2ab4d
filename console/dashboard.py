"""Dashboards for managing by data: a team's or the whole city's figures over a period, as a
page with charts and tables and as a CSV download. The figures are defined in metrics.py.

GET /console/dashboard?team=<id>|city&start=YYYY-MM-DD&end=YYYY-MM-DD (end inclusive, days in
Helsinki time; default: the last 30 days up to today) and /console/dashboard.csv, same query.

Who sees what: a team's dashboard its members and admins; the city's, leads and admins.
Private matters count in a team's figures for the team's own members only, and never in
the city's: its top intents and topics would name sensitive matters to every lead. (The
city's totals are therefore without them; the private team's own dashboard has them.) No
private text is ever shown anywhere (see metrics.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from actions.sla import HELSINKI
from bot.web import RUNTIME
from console import charts
from console.access import Viewer
from console.i18n import gettext
from console.labels import Labels
from console.metrics import Metrics, dashboard_metrics
from console.reports import REPORTS
from console.shared import language, render, viewer

CITY = "city"
DEFAULT_DAYS = 30
MAX_DAYS = 366
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Invalid(Exception):
    """A query the dashboard cannot answer: the (English, translatable) message for a 400."""

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message, self.values = message, values


@dataclass(frozen=True)
class Choice:
    team: str  # a team id or CITY
    first: date
    last: date  # inclusive

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), HELSINKI).astimezone(UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), HELSINKI).astimezone(UTC)

    def query(self) -> str:
        return urlencode(
            {"team": self.team, "start": self.first.isoformat(), "end": self.last.isoformat()}
        )


def options(me: Viewer, teams: Mapping[str, Any]) -> list[str]:
    """The dashboards the viewer may open: own teams first (the default is the first), then
    for admins every other team, then the city for leads and admins."""
    own = sorted(t for t in me.teams if t in teams)
    others = sorted(set(teams) - me.teams) if me.is_admin else []
    return [*own, *others, CITY] if me.sees_city else [*own, *others]


def choose(me: Viewer, query: Mapping[str, str], teams: Mapping[str, Any], today: date) -> Choice:
    """The requested dashboard, checked: 403 for a dashboard not the viewer's, Invalid for a
    team or period that makes no sense."""
    allowed = options(me, teams)
    mine = [t for t in allowed if me.member_of(t)]
    team = query.get("team") or (mine or allowed or [CITY])[0]
    if team != CITY and team not in teams:
        raise Invalid("Unknown team.")
    if team not in allowed:
        raise web.HTTPForbidden(text="this dashboard is not yours to see")
    last = parse_day(query.get("end"), today)
    first = parse_day(query.get("start"), last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise Invalid("The period starts after it ends.")
    if (last - first).days + 1 > MAX_DAYS:
        raise Invalid("The period can be at most {days} days.", days=MAX_DAYS)
    return Choice(team, first, last)


def parse_day(value: str | None, default: date) -> date:
    """A day as the console shows it in any of its languages (31.3.2026, 2026-03-31)."""
    if not value:
        return default
    value = value.strip()
    parsed = None
    try:
        if _DATE.fullmatch(value):
            parsed = date.fromisoformat(value)
        elif found := _DOTTED.fullmatch(value):
            parsed = date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        parsed = None
    # Far-off years would overflow the date arithmetic; no dashboard needs them.
    if parsed is None or not 2000 <= parsed.year <= 2999:
        raise Invalid("Write the dates as YYYY-MM-DD, for example 2026-03-31.")
    return parsed


async def figures(request: web.Request, choice: Choice) -> Metrics:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    city = choice.team == CITY
    now = runtime.clock()

    async def work(session: AsyncSession) -> Metrics:
        return await dashboard_metrics(
            session,
            teams=None if city else [choice.team],
            start=choice.start,
            end=choice.end,
            now=now,
            include_private=not city and me.member_of(choice.team),
        )

    # On the reports thread: a second of aggregation must not stall the residents' chats.
    return await request.app[REPORTS].run(work)


def today(request: web.Request) -> date:
    return request.app[RUNTIME].clock().astimezone(HELSINKI).date()


async def dashboard_page(request: web.Request) -> web.Response:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    teams = runtime.content.teams
    lang = language(request)
    labels = Labels(runtime.content, lang)
    allowed = options(me, teams)
    values: dict[str, Any] = {
        "m": None,
        "choice": None,
        "options": allowed,
        "charts": charts,
        "day": lambda value: day_label(value, lang),
        "place": lambda team: labels.city if team == CITY else labels.team(team),
        "hours": lambda value: hours(value, lang),
        "percent": percent,
    }
    if not allowed:  # no team yet: the page says so
        return render(request, "dashboard.html", **values)
    try:
        choice = choose(me, request.query, teams, today(request))
    except Invalid as exc:
        return render(
            request,
            "dashboard.html",
            status=400,
            error=exc.message,
            error_values=exc.values,
            **values,
        )
    m = await figures(request, choice)
    values.update(choice=choice, m=m, **chart_data(m, labels))
    return render(request, "dashboard.html", **values)


def chart_data(m: Metrics, labels: Labels) -> dict[str, Any]:
    """Labelled points for the charts and rows for the per-day table, in words staff read:
    days in the console's format, team names and intent titles."""
    lang = labels.lang
    points = {
        "contacts": [(day_label(d, lang), n) for d, n in m.contacts_per_day],
        "tickets": [(day_label(d, lang), n) for d, n in m.tickets_per_day],
        "backlog": [(gettext(status, lang), n) for status, n in m.backlog_per_status],
        "intents": [(labels.intent(intent), n) for intent, n in m.top_intents],
        "unanswered": [
            (f"{labels.team(t.team)} · {labels.intent(t.intent)}", t.count) for t in m.unanswered
        ],
    }
    per_day = [
        (day_label(d, lang), contacts, tickets)
        for (d, contacts), (_, tickets) in zip(m.contacts_per_day, m.tickets_per_day, strict=True)
    ]
    return {"points": points, "per_day": per_day}


async def dashboard_csv(request: web.Request) -> web.Response:
    me = viewer(request)
    try:
        choice = choose(me, request.query, request.app[RUNTIME].content.teams, today(request))
    except Invalid as exc:
        raise web.HTTPBadRequest(text=str(exc)) from exc
    body = csv_text(choice, await figures(request, choice))
    name = f"kuntabotti-{choice.team}-{choice.first.isoformat()}-{choice.last.isoformat()}.csv"
    response = web.Response(
        # The byte-order mark makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
        body=("\ufeff" + body).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"  # example texts are residents' words
    return response


def csv_text(choice: Choice, m: Metrics) -> str:
    """section,name,value,detail: the period, one row per figure, then the per-day and top
    lists. Shares are fractions (0.75), times hours, empty where there is nothing to measure."""
    rows: list[tuple[object, ...]] = [
        ("period", "team", choice.team, ""),
        ("period", "start", choice.first.isoformat(), ""),
        ("period", "end_inclusive", choice.last.isoformat(), ""),
        ("summary", "contacts", m.contacts, ""),
        ("summary", "resolved_by_bot", m.bot_resolved, ""),
        ("summary", "resolved_by_bot_share", _fraction(m.bot_resolved_share), ""),
        ("summary", "tickets_created", m.tickets, ""),
    ]
    for key, spread in (("first_response", m.first_response), ("resolution", m.resolution)):
        rows += [
            ("summary", f"{key}_tickets", spread.count, ""),
            ("summary", f"{key}_median_hours", _hours(spread.median), ""),
            ("summary", f"{key}_p90_hours", _hours(spread.p90), ""),
        ]
    for key, sla in (("first_response", m.first_response_sla), ("resolution", m.resolution_sla)):
        rows += [
            ("summary", f"{key}_sla_share", _fraction(sla.share), ""),
            ("summary", f"{key}_sla_met", sla.met, ""),
            ("summary", f"{key}_sla_missed", sla.missed, ""),
            ("summary", f"{key}_sla_pending", sla.pending, ""),
        ]
    rows.append(("summary", "backlog", m.backlog, ""))
    rows += [("contacts_per_day", d.isoformat(), n, "") for d, n in m.contacts_per_day]
    rows += [("tickets_per_day", d.isoformat(), n, "") for d, n in m.tickets_per_day]
    rows += [("backlog_per_status", status, n, "") for status, n in m.backlog_per_status]
    rows += [("top_intents", intent, n, "") for intent, n in m.top_intents]
    rows += [
        ("unanswered_topics", f"{t.team or ''}/{t.intent or ''}", t.count, " | ".join(t.examples))
        for t in m.unanswered
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("section", "name", "value", "detail"))
    writer.writerows(tuple(_cell(v) for v in row) for row in rows)
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _fraction(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def hours(value: float | None, lang: str) -> str:
    """ "4.5 h", with a decimal comma in Finnish and Swedish; "–" when nothing was measured."""
    if value is None:
        return "–"
    shown = f"{value:.1f} h"
    return shown.replace(".", ",") if lang in ("fi", "sv") else shown


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def day_label(value: date, lang: str = "fi") -> str:
    """A day as the console's language writes it: 31.3.2026 in Finnish, else 2026-03-31
    (Swedish writes ISO dates; in English it is the one form no reader takes for m/d)."""
    return f"{value.day}.{value.month}.{value.year}" if lang == "fi" else value.isoformat()
