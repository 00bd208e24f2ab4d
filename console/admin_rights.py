"""Residents' data for admins: find a person's data by what they can show (the conversation
token their browser keeps, their Telegram user id, an e-mail they gave on a ticket), export
it as JSON (GDPR art. 15) and erase it (art. 17); and the retention periods and the record
of retention runs. The keys travel only in POST bodies, never in addresses or logs; every
find, export and erasure is in the access log (actions/rights.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from aiohttp import web
from sqlalchemy import func, select

from actions import rights
from bot.web import RUNTIME
from console.access import require_admin
from console.shared import CONSOLE, form, render, viewer
from taskstore import Conversation, Message, RetentionRun, Ticket, access_log
from taskstore.personal_data import Subject, find

RUNS_SHOWN = 10
KEYS = ("token", "telegram", "email")
COUNTED = ("conversations", "messages", "tickets", "notes")


async def residents_page(request: web.Request) -> web.Response:
    require_admin(viewer(request))
    erased = {k: request.query[k] for k in COUNTED if request.query.get(k, "").isdigit()}
    return await _page(request, {}, None, erased=erased)


async def _page(
    request: web.Request,
    keys: Mapping[str, str],
    subject: Subject | None,
    *,
    erased: Mapping[str, str] | None = None,
    error: str | None = None,
) -> web.Response:
    runtime = request.app[RUNTIME]
    found: dict[str, object] = {}
    async with runtime.db.transaction() as session:
        runs = (
            await session.scalars(
                select(RetentionRun).order_by(RetentionRun.id.desc()).limit(RUNS_SHOWN)
            )
        ).all()
        if subject:
            found["tickets"] = (
                await session.scalars(
                    select(Ticket).where(Ticket.id.in_(subject.tickets)).order_by(Ticket.id)
                )
            ).all()
            found["conversations"] = (
                await session.execute(
                    select(Conversation, func.count(Message.id))
                    .outerjoin(Message, Message.conversation_id == Conversation.id)
                    .where(Conversation.id.in_(subject.conversations))
                    .group_by(Conversation.id)
                    .order_by(Conversation.id)
                )
            ).all()
    return render(
        request,
        "admin_residents.html",
        status=400 if error else 200,
        error=error,
        keys=keys,
        searched=subject is not None,
        found=found,
        runs=runs,
        periods=request.app[CONSOLE].retention,
        erased=erased or {},
    )


async def _subject(
    request: web.Request, fields: Mapping[str, str]
) -> tuple[dict[str, str], Subject]:
    keys = {k: fields.get(k, "").strip()[:320] for k in KEYS}
    async with request.app[RUNTIME].db.transaction() as session:
        subject = await find(session, **keys)
    return keys, subject


async def residents_action(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    require_admin(me)
    fields = await form(request)
    action = fields.get("action", "")
    keys, subject = await _subject(request, fields)
    if not any(keys.values()):
        return await _page(request, keys, None, error="Give at least one of the three.")
    db = request.app[RUNTIME].db
    if action == "find":
        if subject:
            async with db.transaction() as session:
                await access_log.record(
                    session, me.id, "opened", "resident", rights.target(subject)
                )
        return await _page(request, keys, subject)
    if not subject:
        return await _page(request, keys, subject, error="Nothing was found with these.")
    if action == "export":
        async with db.transaction() as session:
            data = await rights.export_subject(session, subject, me.id)
        response = web.Response(
            text=json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response.headers["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        response.headers["Cache-Control"] = "no-store"
        return response
    if action == "erase":
        if fields.get("confirm") != "yes":
            return await _page(request, keys, subject, error="Confirm the erasure first.")
        async with db.transaction() as session:
            counts = await rights.erase_subject(session, subject, me.id)
        raise web.HTTPSeeOther(
            "/console/admin/residents?" + "&".join(f"{k}={counts.get(k, 0)}" for k in COUNTED)
        )
    raise web.HTTPBadRequest(text="unknown action")
