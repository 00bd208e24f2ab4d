"""The communications team's content pages: the live version and its history, the open
drafts, and one draft with its changes, its check and publishing. console/content_topics.py
edits a draft's topics.

The work is actions.content_work's and actions.content_check's; these views check who asks,
call it and redirect (POST, redirect, GET). A publish or a rollback reaches every worker by
itself (bot.live_content), so nothing here swaps content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import content_work
from actions.content_check import (
    FAILED,
    PASSED,
    RUNNING,
    check_state,
    may_publish,
    progress,
    start_check,
)
from actions.staff_work import WorkError
from bot.web import RUNTIME
from console.content_topics import (
    CONTENT,
    Phrase,
    allowed,
    draft_of,
    explained,
    shown,
    team_names,
    title_in,
    topics,
)
from console.i18n import N_, gettext
from console.labels import LANGUAGE_NAMES
from console.shared import CONSOLE, form, int_param, language, render, saved, viewer
from content.diff import diff
from content.document import validated
from nlu import LANGUAGES
from taskstore import StaffUser, versions
from taskstore.curation import ContentVersion

# The change log's entries as content.edits writes them (ids and language codes), and what
# staff read instead: the topic's title and the language's name.
_LOG = (
    (
        re.compile(r"(?P<count>\d+) (?P<lang>\w+) example\(s\) added to (?P<name>\w+)"),
        N_("{topic}: {count} example questions added ({language})"),
    ),
    (
        re.compile(r"(?P<lang>\w+) example removed from (?P<name>\w+)"),
        N_("{topic}: an example question removed ({language})"),
    ),
    (
        re.compile(r"(?P<lang>\w+) answer of (?P<name>\w+) changed"),
        N_("{topic}: the answer changed ({language})"),
    ),
    (
        re.compile(r"(?P<lang>\w+) title of (?P<name>\w+) changed"),
        N_("{topic}: the title changed ({language})"),
    ),
    (
        re.compile(r"new topic (?P<name>\w+) \((?P<team>\w+), (?P<kind>\w+)\)"),
        N_("{topic}: a new topic of {team}"),
    ),
    (re.compile(r"topic (?P<name>\w+) retired"), N_("{topic}: retired")),
    (re.compile(content_work.APPROVED), N_("approved the answers")),
    (
        re.compile(r"(?P<lang>\w+) first question of (?P<name>\w+) changed"),
        N_("{topic}: the first question changed ({language})"),
    ),
    (
        re.compile(r"(?P<count>\d+) example\(s\) from the inbox added to (?P<name>\w+).*"),
        N_("{topic}: {count} questions from the inbox added as examples"),
    ),
    (
        re.compile(
            r"(?P<count>\d+) question\(s\) from the inbox added to the words of team (?P<team>\w+)"
        ),
        N_("{team}: {count} questions from the inbox added to the team's words"),
    ),
)
SOURCES = {
    "data": N_("from the content folder"),
    "console": N_("edited in the console"),
    "import": N_("imported from a content folder"),
    "rollback": N_("back to version {number}"),
}
# The notes the system writes (actions/content_work.py): shown in the staff's language.
SYSTEM_NOTES = (
    N_("The content folder."),
    N_("The content folder changed."),
    N_("From the inbox"),
)
CHECKS = {
    "none": N_("Not checked yet."),
    "stale": N_("Changed since its last check: check it again."),
    RUNNING: N_("Being checked: the content is validated and the bot's model is trained."),
    PASSED: N_("The check passed: the draft can be published."),
    FAILED: N_("The check failed with {count} errors: fix them and check again."),
}


async def staff_names(session: AsyncSession, ids: Iterable[Any]) -> dict[int, str]:
    wanted = {i for i in ids if isinstance(i, int)}
    if not wanted:
        return {}
    rows = await session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    )
    return {staff_id: name for staff_id, name in rows.all()}


def check_status(row: ContentVersion) -> str:
    state = check_state(row)
    if state is None:
        return "stale" if row.figures else "none"
    return str(state.get("status", "none"))


def check_phrase(row: ContentVersion) -> Phrase:
    state = check_state(row) or {}
    return Phrase(CHECKS[check_status(row)], {"count": state.get("errors", 0)})


# --- the versions and the drafts ----------------------------------------------------------


@dataclass(frozen=True)
class Version:
    number: int
    at: datetime
    by: str | None  # None: the system
    note: Phrase
    source: Phrase


@dataclass(frozen=True)
class Draft:
    id: int
    note: str
    at: datetime
    by: str | None
    based_on: int | None
    edits: int
    check: Phrase


def _version(row: ContentVersion, names: Mapping[int, str]) -> Version:
    assert row.number is not None
    by = row.published_by if row.published_by is not None else row.created_by
    return Version(
        row.number,
        row.published_at or row.created_at,
        names.get(by) if by is not None else None,
        # A staff member's own note is looked up too: only the system's are in the catalog.
        Phrase(row.note),
        Phrase(SOURCES.get(row.source, SOURCES["console"]), {"number": row.based_on}),
    )


async def content_page(request: web.Request, *, error: Phrase | None = None) -> web.Response:
    allowed(viewer(request))
    async with request.app[RUNTIME].db.transaction() as session:
        published = await versions.history(session)
        drafts = await versions.drafts(session)
        names = await staff_names(
            session,
            [r.created_by for r in drafts] + [r.published_by or r.created_by for r in published],
        )
    listed = [_version(row, names) for row in published]
    return render(
        request,
        "content.html",
        status=400 if error else 200,
        **shown(error),
        live=listed[0] if listed else None,
        versions=listed,
        drafts=[
            Draft(
                row.id,
                row.note,
                row.created_at,
                names.get(row.created_by) if row.created_by is not None else None,
                row.based_on,
                len(row.edits),
                check_phrase(row),
            )
            for row in drafts
        ],
    )


async def draft_start(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    allowed(me)
    fields = await form(request)
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            row = await content_work.open_draft(session, me.id, fields.get("note", ""))
            draft_id = row.id
    except WorkError as exc:
        return await content_page(request, error=explained(exc))
    raise saved(request, "draft_started", f"{CONTENT}/drafts/{draft_id}")


async def version_rollback(request: web.Request) -> web.StreamResponse:
    """The version's content as the next live version, at once (it was checked when it was
    published, and its model is in the models folder)."""
    me = viewer(request)
    allowed(me)
    number = int_param(request, "number")
    fields = await form(request)
    note = fields.get("note", "").strip() or gettext(
        "Back to version {number}.", language(request), number=number
    )
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            await content_work.roll_back(session, number, me.id, note)
    except WorkError as exc:
        return await content_page(request, error=explained(exc))
    raise saved(request, "rolled_back", CONTENT)


# --- one draft ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    at: datetime | None
    by: str | None
    said: Phrase


def _logged(
    entry: Mapping[str, Any], titles: Mapping[str, str], teams: Mapping[str, str]
) -> Phrase:
    what = str(entry.get("what", ""))
    for pattern, sentence in _LOG:
        if found := pattern.fullmatch(what):
            values = found.groupdict()
            return Phrase(
                sentence,
                {
                    "topic": titles.get(values.get("name", ""), values.get("name", "")),
                    "count": values.get("count", ""),
                    "language": LANGUAGE_NAMES.get(values.get("lang", ""), ""),
                    "team": teams.get(values.get("team", ""), ""),
                },
            )
    return Phrase(what)


def _at(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


async def draft_page(request: web.Request, *, error: Phrase | None = None) -> web.Response:
    allowed(viewer(request))
    row = await draft_of(request)
    lang = language(request)
    async with request.app[RUNTIME].db.transaction() as session:
        base = None if row.based_on is None else await versions.version(session, row.based_on)
        live_number = await versions.live_number(session)
        names = await staff_names(session, [row.created_by, *(e.get("by") for e in row.edits)])
        approval = request.app[CONSOLE].answer_approval and await content_work.answers_changed(
            session, row
        )
    document = validated(row.document)
    before = None if base is None else validated(base.document)
    titles = {i["name"]: title_in(i, lang) for d in (before, document) if d for i in d["intents"]}
    teams = team_names(document, lang)
    state = check_state(row) or {}
    return render(
        request,
        "content_draft.html",
        status=400 if error else 200,
        **shown(error),
        draft=row,
        started_by=names.get(row.created_by) if row.created_by is not None else None,
        live_number=live_number,
        changes=None if before is None else diff(before, document),
        log=[
            Logged(_at(e.get("at")), names.get(e.get("by", -1)), _logged(e, titles, teams))
            for e in reversed(row.edits)
        ],
        check=check_status(row),
        check_said=check_phrase(row),
        steps=progress(request.app[CONSOLE].models, row),
        problems=[str(p) for p in state.get("problems", [])],
        regression=state.get("regression") or {},
        approval=approval,  # the answers changed and the city wants a second person's yes
        approved=content_work.approved(row),
        topics=topics(document, lang, request.query),
        teams=sorted(teams.items(), key=lambda item: item[1]),
        languages=LANGUAGES,
    )


async def draft_check(request: web.Request) -> web.StreamResponse:
    """Starts the check in the background; the page shows how far it is on each load."""
    allowed(viewer(request))
    row = await draft_of(request)
    here = f"{CONTENT}/drafts/{row.id}"
    config = request.app[CONSOLE]
    if await start_check(request.app[RUNTIME].db, config.models, row.id, config.test_set):
        raise saved(request, "check_started", here)
    raise web.HTTPSeeOther(here)  # checked or being checked already: nothing new to say


async def draft_publish(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    allowed(me)
    draft_id = int_param(request, "id")
    fields = await form(request)
    refused = None
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            row = await versions.draft(session, draft_id, lock=True)
            if row is None:
                raise WorkError("That draft was published or discarded meanwhile.")
            if may_publish(row):
                try:
                    await content_work.publish_draft(
                        session,
                        draft_id,
                        me.id,
                        fields.get("note", ""),
                        second_approval=request.app[CONSOLE].answer_approval,
                    )
                except WorkError as exc:  # e.g. the answers wait for a second person
                    refused = explained(exc)
            else:
                refused = Phrase(
                    N_("Only a draft whose check passed as it is now can be published: check it.")
                )
    except WorkError as exc:
        return await content_page(request, error=explained(exc))
    if refused is not None:
        return await draft_page(request, error=refused)
    raise saved(request, "draft_published", CONTENT)


async def draft_approve(request: web.Request) -> web.StreamResponse:
    """A second comms person approves the draft's answers (the city's setting)."""
    me = viewer(request)
    allowed(me)
    draft_id = int_param(request, "id")
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            await content_work.approve_draft(session, draft_id, me.id)
    except WorkError as exc:
        return await draft_page(request, error=explained(exc))
    raise saved(request, "draft_approved", f"{CONTENT}/drafts/{draft_id}")


async def draft_discard(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    allowed(me)
    draft_id = int_param(request, "id")
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            await content_work.discard_draft(session, draft_id, me.id)
    except WorkError as exc:
        return await content_page(request, error=explained(exc))
    raise saved(request, "draft_discarded", CONTENT)
