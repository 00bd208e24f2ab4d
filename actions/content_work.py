"""What happens to content versions: a folder followed at start-up, drafts opened, edited,
published and discarded, earlier versions brought back. Each appends its event, and a
publish announces the new version so every worker installs it (bot.live_content), all in
the caller's transaction. Who may do it is console/access.py's business.

A published version needs its model trained before it is announced: the caller trains
(content.model_store.train_elsewhere) and publishes only when that succeeded.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from actions import announce
from actions.staff_work import WorkError
from content.diff import diff
from content.document import Document, digest, validated
from taskstore import store
from taskstore import versions as stored
from taskstore.curation import ContentVersion
from taskstore.models import now_of

MAX_NOTE = 500
DATA = "data"


def _actor(by: int | None) -> str:
    return "system" if by is None else "staff"


async def _published(session: AsyncSession, row: ContentVersion, by: int | None) -> None:
    assert row.number is not None
    await store.log_event(
        session,
        "content_published",
        _actor(by),
        staff_id=by,
        version=row.number,
        source=row.source,
        note=row.note,
    )
    announce.content_published(session, row.number)


async def publish_document(
    session: AsyncSession,
    document: Document,
    *,
    source: str,
    note: str,
    by: int | None,
    based_on: int | None = None,
) -> ContentVersion:
    """A document (checked and trained by the caller) as the next live version."""
    row = await stored.add_published(
        session,
        dict(document),
        digest(document),
        source=source,
        note=note[:MAX_NOTE],
        by=by,
        based_on=based_on,
    )
    await _published(session, row, by)
    return row


async def follow_folder(session: AsyncSession, document: Document) -> tuple[ContentVersion, str]:
    """At start-up: the live version, after `data/` (the folder's document) was taken in.

    A fresh store starts from the folder (version 1). A folder changed since the version it
    gave is published as the next version while nobody has published another way since
    (a developer edits data/, a city deploys its content from git); once the communications
    team has published from the console, the store wins and the folder is only reported."""
    live = await stored.live(session)
    folder_digest = digest(document)
    if live is None:
        row = await publish_document(
            session, document, source=DATA, note="The content folder.", by=None
        )
        return row, f"content version {row.number} from the content folder"
    assert live.number is not None
    if live.digest == folder_digest:
        return live, f"content version {live.number}"
    if live.source == DATA:
        row = await publish_document(
            session,
            document,
            source=DATA,
            note="The content folder changed.",
            by=None,
            based_on=live.number,
        )
        return row, f"content version {row.number} from the changed content folder"
    return live, (
        f"content version {live.number} (published in the console; the content folder "
        "differs and is not used: `kuntabotti content import` takes it as a draft)"
    )


async def open_draft(
    session: AsyncSession, by: int | None, note: str, document: Document | None = None
) -> ContentVersion:
    """A draft from the live version, or from `document` (an imported folder)."""
    live = await stored.live(session)
    source = "console" if document is None else "import"
    if document is None:
        if live is None:
            raise WorkError("There is no published content to start from.")
        document = validated(copy.deepcopy(live.document))
    row = await stored.add_draft(
        session,
        dict(document),
        digest(document),
        source=source,
        note=note.strip()[:MAX_NOTE],
        by=by,
        based_on=live.number if live is not None else None,
    )
    await store.log_event(session, "draft_opened", _actor(by), staff_id=by, draft=row.id)
    return row


async def edit_draft(
    session: AsyncSession, draft_id: int, by: int | None, change: Callable[[Document], str]
) -> str:
    """Apply one edit (a content.edits function) to the draft as it is now in the store:
    the row is locked, so two editors' changes both land. EditError leaves it unchanged."""
    row = await stored.draft(session, draft_id, lock=True)
    if row is None:
        raise WorkError("That draft was published or discarded meanwhile.")
    document = validated(copy.deepcopy(row.document))
    what = change(document)
    row.document = dict(document)
    row.digest = digest(document)
    stored.record_edit(session, row, by, what)
    return what


APPROVED = "approved"  # a change-log entry: a second person approved the answers


async def answers_changed(session: AsyncSession, row: ContentVersion) -> bool:
    """The draft changes what residents are told (answers, a case's first question)."""
    base = None if row.based_on is None else await stored.version(session, row.based_on)
    if base is None:
        return True
    changes = diff(validated(base.document), validated(row.document)).intents
    return any(c.answers or c.prompts for c in changes)


def approved(row: ContentVersion) -> bool:
    """Approved as the draft is now (an edit after the approval needs a new one)."""
    return any(e.get("what") == APPROVED and e.get("digest") == row.digest for e in row.edits)


async def approve_draft(session: AsyncSession, draft_id: int, by: int) -> None:
    """A second person's yes to the draft's answers: someone who did not edit it."""
    row = await stored.draft(session, draft_id, lock=True)
    if row is None:
        raise WorkError("That draft was published or discarded meanwhile.")
    if by == row.created_by or any(e.get("by") == by for e in row.edits):
        raise WorkError("You have edited this draft: another person approves its answers.")
    stored.record_edit(session, row, by, APPROVED)
    row.edits = [*row.edits[:-1], {**row.edits[-1], "digest": row.digest}]


async def publish_draft(
    session: AsyncSession,
    draft_id: int,
    by: int | None,
    note: str,
    *,
    second_approval: bool = False,
) -> ContentVersion:
    """The draft becomes the next version (its change log stays with it). With
    `second_approval` (the city's setting), changed answers need `approve_draft` first."""
    row = await stored.draft(session, draft_id, lock=True)
    if row is None:
        raise WorkError("That draft was published or discarded meanwhile.")
    if second_approval and not approved(row) and await answers_changed(session, row):
        raise WorkError(
            "Changed answers need the approval of another person of the communications team."
        )
    number = (await stored.live_number(session) or 0) + 1
    row.number, row.status = number, stored.PUBLISHED
    row.published_by, row.published_at = by, now_of(session)
    if note.strip():
        row.note = note.strip()[:MAX_NOTE]
    await session.flush()
    await _published(session, row, by)
    return row


async def discard_draft(session: AsyncSession, draft_id: int, by: int | None) -> None:
    row = await stored.draft(session, draft_id, lock=True)
    if row is None:
        raise WorkError("That draft was published or discarded meanwhile.")
    row.status = stored.DISCARDED
    await store.log_event(session, "draft_discarded", _actor(by), staff_id=by, draft=row.id)


async def roll_back(
    session: AsyncSession, number: int, by: int | None, note: str = ""
) -> ContentVersion:
    """Version `number`'s content as the next version: one step, recorded like any other."""
    earlier = await stored.version(session, number)
    if earlier is None:
        raise WorkError("No such version.")
    if number == await stored.live_number(session):
        raise WorkError("That version is live already.")
    return await publish_document(
        session,
        validated(copy.deepcopy(earlier.document)),
        source="rollback",
        note=note.strip() or f"Back to version {number}.",
        by=by,
        based_on=number,
    )
