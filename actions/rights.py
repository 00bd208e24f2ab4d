"""A resident's rights of access and erasure (GDPR arts. 15 and 17), as an admin carries
them out: find the person's data, export it, erase it. Each export and erasure is in the
access log (who, when, whose rows), never what was exported or erased."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import access_log
from taskstore.erasure import erase_conversations, erase_tickets
from taskstore.models import now_of
from taskstore.personal_data import Subject, export


def target(subject: Subject) -> str:
    """The rows' ids for the log: numbers that name nobody once the rows are erased."""
    ids = ",".join(str(i) for i in sorted(subject.residents)) or "-"
    return f"{ids}; {len(subject.tickets)} tickets"[:64]


async def export_subject(session: AsyncSession, subject: Subject, staff_id: int) -> dict[str, Any]:
    data = await export(session, subject)
    await access_log.record(session, staff_id, "exported", "resident", target(subject))
    return data


async def erase_subject(session: AsyncSession, subject: Subject, staff_id: int) -> Counter[str]:
    """All of it in the caller's transaction: an erasure is whole or not at all."""
    now = now_of(session)
    counts = await erase_tickets(session, subject.tickets, now)
    counts.update(await erase_conversations(session, subject.conversations, now))
    await access_log.record(session, staff_id, "erased", "resident", target(subject))
    return counts
