"""The access log for admins (taskstore/access_log.py): who opened which conversation or
ticket, who exported or erased what; filtered by person and by what was opened, and as a
CSV file. Exporting the log is itself logged."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from aiohttp import web
from sqlalchemy import select

from bot.web import RUNTIME
from console.access import require_admin
from console.shared import render, viewer
from taskstore import AccessEntry, StaffUser, access_log

DAYS = 30


async def _entries(request: web.Request) -> tuple[list[AccessEntry], dict[int, str], int | None]:
    runtime = request.app[RUNTIME]
    who = request.query.get("staff", "")
    staff_id = int(who) if who.isdigit() else None
    async with runtime.db.transaction() as session:
        rows = await access_log.entries(
            session,
            runtime.clock() - timedelta(days=DAYS),
            staff_id=staff_id,
            target=request.query.get("target", "").strip()[:64],
        )
        names = dict((await session.execute(select(StaffUser.id, StaffUser.display_name))).all())
    return list(rows), names, staff_id


async def access_page(request: web.Request) -> web.Response:
    require_admin(viewer(request))
    rows, names, staff_id = await _entries(request)
    return render(
        request,
        "admin_access.html",
        entries=rows,
        names=names,
        staff=sorted(names.items(), key=lambda item: item[1].casefold()),
        chosen=staff_id,
        days=DAYS,
    )


async def access_csv(request: web.Request) -> web.Response:
    me = viewer(request)
    require_admin(me)
    rows, names, _ = await _entries(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time_utc", "staff", "action", "kind", "target"])
    for row in rows:
        writer.writerow(
            [row.at.isoformat(), names.get(row.staff_id, ""), row.action, row.kind, row.target]
        )
    async with request.app[RUNTIME].db.transaction() as session:
        await access_log.record(session, me.id, "exported", "log", "access log")
    response = web.Response(
        body=("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv", charset="utf-8"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="kuntabotti-access-log.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
