"""The inbox of what the bot could not handle, for the communications team: similar
questions grouped across languages (bot/inbox_job.py, actions/inbox_work.py), the biggest,
most recent, clearest failures first; and what can be done to a group: add its questions as
examples of a topic (the model's top guess first), start a new topic from it, mark it out of
scope (examples of "out of scope"), confirm where staff moved its questions (they join
that team's words), or ignore it (new similar questions join it and stay out
of the way). Content changes go into the newest open draft (a new one when there is none),
never straight to the live bot.

Sources and what may be shown: actions/inbox_sources.py (never a sensitive or private
matter).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from functools import partial

from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import content_work, inbox_work
from actions.inbox_sources import KINDS
from actions.staff_work import WorkError
from bot.web import RUNTIME
from console.access import Viewer, may_curate
from console.shared import form, int_param, render, saved, viewer
from content.edits import EditError, add_group_examples, add_team_questions
from nlu import OUT_OF_SCOPE
from taskstore import versions
from taskstore.curation import InboxCluster, InboxItem

DAYS = 30  # how far back the inbox looks
SHOWN = 50  # groups on one page
FROM_INBOX = "From the inbox"


def _allowed(me: Viewer) -> None:
    if not may_curate(me):
        raise web.HTTPForbidden(text="the inbox is the communications team's")


async def inbox_page(request: web.Request) -> web.Response:
    me = viewer(request)
    _allowed(me)
    runtime = request.app[RUNTIME]
    status = request.query.get("status", inbox_work.OPEN)
    status = status if status in inbox_work.STATUSES else inbox_work.OPEN
    kind = request.query.get("kind", "")
    kind = kind if kind in KINDS else ""
    since = runtime.clock() - timedelta(days=DAYS)
    async with runtime.db.transaction() as session:
        groups, total = await inbox_work.ranked(session, status, since, SHOWN if not kind else 500)
        waiting = await session.scalar(
            select(func.count(InboxItem.id)).where(InboxItem.cluster_id.is_(None))
        )
    if kind:
        groups = [g for g in groups if any(k == kind for k, _ in g.kinds)][:SHOWN]
    return render(
        request,
        "inbox.html",
        groups=groups,
        total=total,
        questions=sum(g.size for g in groups),
        waiting=waiting or 0,
        showing=status,
        statuses=inbox_work.STATUSES,
        kind=kind,
        kinds=KINDS,
        days=DAYS,
    )


async def _group(session: AsyncSession, cluster_id: int) -> InboxCluster:
    cluster = await session.get(InboxCluster, cluster_id)
    if cluster is None:
        raise web.HTTPNotFound()
    return cluster


async def group_page(
    request: web.Request, *, error: str | None = None, fields: Mapping[str, str] | None = None
) -> web.Response:
    me = viewer(request)
    _allowed(me)
    runtime = request.app[RUNTIME]
    cluster_id = int_param(request, "id")
    since = runtime.clock() - timedelta(days=DAYS * 12)  # a group's page shows its whole year
    async with runtime.db.transaction() as session:
        cluster = await _group(session, cluster_id)
        groups, _ = await inbox_work.ranked(session, cluster.status, since, 10_000)
        draft = next(iter(await versions.drafts(session)), None)
    group = next((g for g in groups if g.id == cluster_id), None)
    if group is None:
        raise web.HTTPNotFound()
    content = runtime.content
    guesses = [name for name, _ in group.guesses if name in content.intents]
    topics = sorted(
        (i for i in content.intents.values() if i.kind in ("faq", "case")),
        key=lambda i: content.intent_title(i.name, "fi").casefold(),
    )
    return render(
        request,
        "inbox_group.html",
        status=400 if error else 200,
        error=error,
        group=group,
        cluster=cluster,
        guesses=guesses,
        topics=[i.name for i in topics],
        chosen=(fields or {}).get("topic") or (guesses[0] if guesses else ""),
        # the team staff moved most of the group's questions to, for "confirm the routing"
        moved_to=(fields or {}).get("team") or next(iter(dict(group.teams)), ""),
        rerouted=any(kind == "rerouted" for kind, _ in group.kinds),
        teams=sorted(content.teams, key=lambda t: str(content.teams[t]["name"]["fi"]).casefold()),
        draft=draft,
    )


async def _draft_id(session: AsyncSession, me: Viewer) -> int:
    """The newest open draft, or a new one: the inbox's changes wait there for a check."""
    drafts = await versions.drafts(session)
    if drafts:
        return drafts[0].id
    return (await content_work.open_draft(session, me.id, FROM_INBOX)).id


async def group_action(request: web.Request) -> web.StreamResponse:
    """`action`: examples (with `topic`), new_topic, out_of_scope, routing (with `team`),
    ignore, reopen."""
    me = viewer(request)
    _allowed(me)
    runtime = request.app[RUNTIME]
    cluster_id = int_param(request, "id")
    fields = await form(request)
    action = fields.get("action", "")
    try:
        async with runtime.db.transaction() as session:
            await _group(session, cluster_id)
            if action in ("ignore", "reopen"):
                status = inbox_work.IGNORED if action == "ignore" else inbox_work.OPEN
                await inbox_work.set_status(session, cluster_id, status, me.id, "ignored")
                target = "/console/inbox"
            elif action == "new_topic":
                draft_id = await _draft_id(session, me)
                target = f"/console/content/drafts/{draft_id}/new?group={cluster_id}"
            elif action in ("examples", "out_of_scope"):
                topic = OUT_OF_SCOPE if action == "out_of_scope" else fields.get("topic", "")
                texts = await inbox_work.group_texts(session, cluster_id)
                draft_id = await _draft_id(session, me)
                await content_work.edit_draft(
                    session, draft_id, me.id, partial(add_group_examples, name=topic, texts=texts)
                )
                done = "out_of_scope" if action == "out_of_scope" else f"examples:{topic}"
                await inbox_work.set_status(session, cluster_id, inbox_work.DONE, me.id, done)
                target = f"/console/content/drafts/{draft_id}"
                if action == "examples":
                    target += f"/topics/{topic}"
            elif action == "routing":  # staff moved these to the right team: teach it
                team = fields.get("team", "")
                texts = await inbox_work.group_texts(session, cluster_id)
                draft_id = await _draft_id(session, me)
                await content_work.edit_draft(
                    session, draft_id, me.id, partial(add_team_questions, team=team, texts=texts)
                )
                await inbox_work.set_status(
                    session, cluster_id, inbox_work.DONE, me.id, f"team:{team}"
                )
                target = f"/console/content/drafts/{draft_id}"
            else:
                raise web.HTTPBadRequest(text="unknown action")
    except (EditError, WorkError) as exc:
        return await group_page(request, error=str(exc), fields=fields)
    raise saved(request, "saved", target)


async def add_new_topic_examples(
    session: AsyncSession, draft_id: int, cluster_id: int, topic: str, me: Viewer
) -> str | None:
    """After a topic was made from a group (the new-topic page's `group`): its questions
    become the topic's first examples and the group is done. None if it is gone."""
    if await session.get(InboxCluster, cluster_id) is None:
        return None
    texts = await inbox_work.group_texts(session, cluster_id)
    what = await content_work.edit_draft(
        session, draft_id, me.id, partial(add_group_examples, name=topic, texts=texts)
    )
    await inbox_work.set_status(session, cluster_id, inbox_work.DONE, me.id, f"new_topic:{topic}")
    return what
