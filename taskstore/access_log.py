"""The access log's two operations: add an entry in the transaction that read the data, and
read entries back for the admins' page and export. Rows are never changed (triggers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore.models import AccessEntry, now_of

ACTIONS = ("opened", "exported", "erased")
KINDS = ("ticket", "conversation", "resident", "log")


async def record(session: AsyncSession, staff_id: int, action: str, kind: str, target: str) -> None:
    if action not in ACTIONS or kind not in KINDS:
        raise ValueError(f"unknown access {action} {kind}")
    session.add(
        AccessEntry(at=now_of(session), staff_id=staff_id, action=action, kind=kind, target=target)
    )


async def entries(
    session: AsyncSession,
    since: datetime,
    *,
    staff_id: int | None = None,
    target: str = "",
    limit: int = 500,
) -> Sequence[AccessEntry]:
    """Newest first, since `since`, by one person or about one target if asked."""
    query = select(AccessEntry).where(AccessEntry.at >= since)
    if staff_id is not None:
        query = query.where(AccessEntry.staff_id == staff_id)
    if target:
        query = query.where(AccessEntry.target == target)
    return (await session.scalars(query.order_by(AccessEntry.id.desc()).limit(limit))).all()
