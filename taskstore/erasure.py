"""Erasing personal data while the record keeps that the matters existed.

A conversation or ticket stays as an anonymous shell (its id, times, team, state, topic),
because the append-only event log and the city's figures refer to it. Everything a person
wrote, and everything that names or reaches the resident, is deleted or blanked: messages,
answer ratings, the inbox's copies, staff's notes, routing corrections, a ticket's
description, details and contacts, a conversation's token and slots, the resident's id on
the channel (a Telegram chat id). Used by a resident's erasure (actions/rights.py) and by
the retention job (actions/retention.py). Runs in the caller's transaction; returns counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, cast, delete, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import Executable

from taskstore.curation import InboxCluster, InboxItem
from taskstore.models import (
    AnswerFeedback,
    Conversation,
    ConversationState,
    Message,
    Resident,
    RoutingCorrection,
    Ticket,
)
from taskstore.records import Note

ERASED = "erased-"  # the prefix of an erased token or channel id: never a real one
CHUNK = 500  # ids per IN (...): under SQLite's and PostgreSQL's parameter limits


def _chunks(ids: Collection[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]


async def _changed(session: AsyncSession, statement: Executable) -> int:
    """Rows an UPDATE or DELETE touched."""
    result: CursorResult[Any] = await session.execute(statement)  # type: ignore[assignment]
    return result.rowcount or 0


def _erased_name(id_column: ColumnElement[int] | InstrumentedAttribute[int]) -> ColumnElement[str]:
    """A unique stand-in made from the row's own id: unique keys hold, nothing personal."""
    return ERASED + cast(id_column, String)


async def _drop_inbox_items(session: AsyncSession, source: str, refs: list[int]) -> int:
    """The inbox's copies of erased rows; their groups' sizes follow, and a group left
    empty goes too (its centre could be one person's question)."""
    if not refs:
        return 0
    where = (InboxItem.source == source) & InboxItem.ref.in_(refs)
    clusters = set((await session.scalars(select(InboxItem.cluster_id).where(where))).all())
    gone = await _changed(session, delete(InboxItem).where(where))
    for cluster_id in clusters - {None}:
        size = select(func.count()).where(InboxItem.cluster_id == cluster_id).scalar_subquery()
        await session.execute(
            update(InboxCluster).where(InboxCluster.id == cluster_id).values(size=size)
        )
        await session.execute(
            delete(InboxCluster).where(InboxCluster.id == cluster_id, InboxCluster.size == 0)
        )
    return gone


async def erase_tickets(session: AsyncSession, ids: Collection[int], now: datetime) -> Counter[str]:
    counts: Counter[str] = Counter()
    for chunk in _chunks(ids):
        corrections = list(
            (
                await session.scalars(
                    select(RoutingCorrection.id).where(RoutingCorrection.ticket_id.in_(chunk))
                )
            ).all()
        )
        counts["inbox_items"] += await _drop_inbox_items(session, "correction", corrections)
        counts["inbox_items"] += await _drop_inbox_items(session, "ticket", chunk)
        counts["routing_corrections"] += len(corrections)
        await session.execute(
            delete(RoutingCorrection).where(RoutingCorrection.ticket_id.in_(chunk))
        )
        counts["notes"] += await _changed(session, delete(Note).where(Note.ticket_id.in_(chunk)))
        counts["tickets"] += await _changed(
            session,
            update(Ticket)
            .where(Ticket.id.in_(chunk))
            .values(
                description="",
                details={},
                contact_email=None,
                contact_phone=None,
                contact_consent=False,
                erased_at=func.coalesce(Ticket.erased_at, now),
                updated_at=Ticket.updated_at,  # erasing is not work on the ticket
            ),
        )
    return counts


async def erase_conversations(
    session: AsyncSession, ids: Collection[int], now: datetime
) -> Counter[str]:
    """The conversations' words gone and their tokens void; their tickets are the caller's
    choice (an open ticket may outlive its conversation's retention)."""
    counts: Counter[str] = Counter()
    for chunk in _chunks(ids):
        in_chunk = Message.conversation_id.in_(chunk)
        messages = list((await session.scalars(select(Message.id).where(in_chunk))).all())
        ratings = list(
            (
                await session.scalars(
                    select(AnswerFeedback.id).where(AnswerFeedback.conversation_id.in_(chunk))
                )
            ).all()
        )
        for part in _chunks(messages):
            counts["inbox_items"] += await _drop_inbox_items(session, "message", part)
        counts["inbox_items"] += await _drop_inbox_items(session, "feedback", ratings)
        await session.execute(
            delete(AnswerFeedback).where(AnswerFeedback.conversation_id.in_(chunk))
        )
        counts["ratings"] += len(ratings)
        counts["messages"] += await _changed(session, delete(Message).where(in_chunk))
        counts["conversations"] += await _changed(
            session,
            update(Conversation)
            .where(Conversation.id.in_(chunk))
            .values(
                token=_erased_name(Conversation.id),
                slots={},
                state=ConversationState.CLOSED,
                erased_at=func.coalesce(Conversation.erased_at, now),
                updated_at=Conversation.updated_at,
            ),
        )
    counts["residents"] += await _erase_residents_left_without_conversations(session, ids)
    return counts


async def _erase_residents_left_without_conversations(
    session: AsyncSession, conversation_ids: Collection[int]
) -> int:
    """A resident whose every conversation is erased loses their channel id too; a Telegram
    resident still talking in a newer conversation keeps theirs."""
    erased = 0
    for chunk in _chunks(conversation_ids):
        residents = select(Conversation.resident_id).where(Conversation.id.in_(chunk))
        still_talking = select(Conversation.resident_id).where(Conversation.erased_at.is_(None))
        erased += await _changed(
            session,
            update(Resident)
            .where(
                Resident.id.in_(residents),
                Resident.id.not_in(still_talking),
                ~Resident.external_id.startswith(ERASED),
            )
            .values(external_id=_erased_name(Resident.id)),
        )
    return erased
