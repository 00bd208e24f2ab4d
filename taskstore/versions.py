"""Content versions and drafts in the store (see models.ContentVersion).

Plain reads and writes in the caller's transaction; what they mean for the running bot
(checks, events, the swap in every worker) is actions.content_work's business.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.curation import ContentVersion
from taskstore.models import now_of

PUBLISHED, DRAFT, DISCARDED = "published", "draft", "discarded"


async def live_number(session: AsyncSession) -> int | None:
    """The number of the live version (one indexed read: workers ask it often)."""
    return await session.scalar(select(func.max(ContentVersion.number)))


async def version(session: AsyncSession, number: int) -> ContentVersion | None:
    return await session.scalar(select(ContentVersion).where(ContentVersion.number == number))


async def live(session: AsyncSession) -> ContentVersion | None:
    number = await live_number(session)
    return None if number is None else await version(session, number)


async def history(session: AsyncSession, limit: int = 100) -> list[ContentVersion]:
    """Published versions, newest first (without loading their documents' use)."""
    rows = await session.scalars(
        select(ContentVersion)
        .where(ContentVersion.status == PUBLISHED)
        .order_by(ContentVersion.number.desc())
        .limit(limit)
    )
    return list(rows)


async def add_published(
    session: AsyncSession,
    document: dict[str, Any],
    digest: str,
    *,
    source: str,
    note: str,
    by: int | None,
    based_on: int | None = None,
) -> ContentVersion:
    """The next version number, live from the commit on. Two publishes racing for one
    number: the unique key refuses the second, whose transaction then fails as a whole."""
    row = ContentVersion(
        number=(await live_number(session) or 0) + 1,
        status=PUBLISHED,
        published_by=by,
        published_at=now_of(session),
    )
    return await _add(session, row, document, digest, source, note, by, based_on)


async def _add(
    session: AsyncSession,
    row: ContentVersion,
    document: dict[str, Any],
    digest: str,
    source: str,
    note: str,
    by: int | None,
    based_on: int | None,
) -> ContentVersion:
    row.document, row.digest, row.source, row.note = document, digest, source, note
    row.created_by, row.based_on, row.edits = by, based_on, []
    session.add(row)
    await session.flush()
    return row


async def drafts(session: AsyncSession) -> list[ContentVersion]:
    rows = await session.scalars(
        select(ContentVersion)
        .where(ContentVersion.status == DRAFT)
        .order_by(ContentVersion.created_at.desc(), ContentVersion.id.desc())
    )
    return list(rows)


async def draft(
    session: AsyncSession, draft_id: int, *, lock: bool = False
) -> ContentVersion | None:
    """An open draft; `lock` holds it for an edit (PostgreSQL: FOR UPDATE, so two comms
    people's edits apply one after the other instead of one overwriting the other)."""
    query = select(ContentVersion).where(
        ContentVersion.id == draft_id, ContentVersion.status == DRAFT
    )
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def add_draft(
    session: AsyncSession,
    document: dict[str, Any],
    digest: str,
    *,
    source: str,
    note: str,
    by: int | None,
    based_on: int | None,
) -> ContentVersion:
    row = ContentVersion(number=None, status=DRAFT)
    return await _add(session, row, document, digest, source, note, by, based_on)


def record_edit(session: AsyncSession, row: ContentVersion, by: int | None, what: str) -> None:
    """Append to a draft's change log (a new list: the JSON column sees only a new value)."""
    row.edits = [*row.edits, {"by": by, "at": now_of(session).isoformat(), "what": what}]
