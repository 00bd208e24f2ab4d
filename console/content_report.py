"""A checked draft's report: what changed, the figures of the draft's model against the live
version's (the regression suite and the held-back questions), the topics that moved and the
confusions the draft brings (nlu.fold_report). Read-only: the check makes the figures."""

from __future__ import annotations

from aiohttp import web

from actions.content_check import check_state
from bot.web import RUNTIME
from console.content_pages import check_phrase, check_status
from console.content_topics import allowed, draft_of, title_in
from console.shared import language, render, viewer
from content.diff import diff
from content.document import validated
from nlu import LANGUAGES
from taskstore import versions


async def report_page(request: web.Request) -> web.Response:
    allowed(viewer(request))
    row = await draft_of(request)
    lang = language(request)
    async with request.app[RUNTIME].db.transaction() as session:
        base = None if row.based_on is None else await versions.version(session, row.based_on)
    document = validated(row.document)
    before = None if base is None else validated(base.document)
    titles = {i["name"]: title_in(i, lang) for d in (before, document) if d for i in d["intents"]}
    state = check_state(row) or {}
    return render(
        request,
        "content_report.html",
        draft=row,
        check=check_status(row),
        check_said=check_phrase(row),
        regression=state.get("regression") or {},
        held_out=state.get("held_out"),
        titles=titles,
        changes=None if before is None else diff(before, document),
        languages=LANGUAGES,
    )
