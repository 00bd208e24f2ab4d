"""What keeps personal data erasable beside an append-only log: staff's free text as notes the
events name, and the record of each retention run. Same Base, naming and clock as
taskstore.models; the package imports this module, so `Base.metadata` always has them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from taskstore.models import Base, stamp


class Note(Base):
    """What a person of staff wrote on a ticket: an internal comment, a reassignment's reason.
    Staff may name the resident in it, so it is not in the event log: the event refers to it
    by id (`data["note"]`) and a resident's erasure deletes it, while the event keeps that
    something was said, by whom and when."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class RetentionRun(Base):
    """One run of the retention job: the cutoffs it applied and how many rows it erased or
    deleted, kept for the city's records. Append-only (triggers). The newest run's
    `events_before` is the only thing that lets events be deleted: the events table's delete
    trigger refuses any event at or after it."""

    __tablename__ = "retention_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    conversations_before: Mapped[datetime | None] = mapped_column()
    tickets_before: Mapped[datetime | None] = mapped_column()
    events_before: Mapped[datetime | None] = mapped_column()
    # {"conversations": n, "messages": n, "tickets": n, "notes": n, "events": n, ...}
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    by: Mapped[str] = mapped_column(String(100))  # the worker that ran it
