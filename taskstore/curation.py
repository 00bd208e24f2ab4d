"""The communications team's tables: content versions and drafts, and the inbox's grouped
questions. Same Base, naming and clock as taskstore.models; the package imports this module,
so `Base.metadata` always has them (migrations, the schema test)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from taskstore.models import Base, stamp


class ContentVersion(Base):
    """The content (intents, examples, answers, teams...) as one JSON document
    (content.document). A published version has a number and never changes; the highest
    number is live. A draft has no number: the communications team's edits go there, and
    publishing it makes it the next version. A rollback publishes an earlier version's
    document again as the next number, so the history only grows."""

    __tablename__ = "content_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(10), index=True)  # draft|published|discarded
    document: Mapped[dict[str, Any]] = mapped_column()
    digest: Mapped[str] = mapped_column(String(16))
    based_on: Mapped[int | None] = mapped_column(Integer)  # the version a draft started from
    source: Mapped[str] = mapped_column(String(20))  # data|console|import|rollback
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    published_at: Mapped[datetime | None] = mapped_column()
    # A draft's change log: {"by": staff id or None, "at": ISO time, "what": short text}.
    edits: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # evaluation, when run


class InboxCluster(Base):
    """Similar questions the bot could not handle, grouped (nlu.similarity): what the
    communications team works through. An ignored group keeps its centre, so new similar
    questions join it and stay out of the way; a done group was turned into content."""

    __tablename__ = "inbox_clusters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open|ignored|done
    centre: Mapped[bytes] = mapped_column(LargeBinary)  # float32 unit vector
    size: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[datetime] = mapped_column()  # when its newest question was asked
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    handled_at: Mapped[datetime | None] = mapped_column()
    # What was done: ignored | out_of_scope | examples:<intent> | new_topic:<intent> |
    # team:<team> (staff's routing confirmed)
    handled_as: Mapped[str] = mapped_column(Text, default="")


class InboxItem(Base):
    """One question of the inbox, copied (as stored: redacted) from where it came from:
    a resident message (`message`), an answer rated unhelpful (`feedback`), a routing
    correction (`correction`), a ticket staff resolved (`ticket`). Sensitive and private
    matters never get a row."""

    __tablename__ = "inbox_items"
    __table_args__ = (UniqueConstraint("source", "ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    ref: Mapped[int] = mapped_column(Integer)  # the id of the row in the source's table
    kind: Mapped[str] = mapped_column(String(30))  # fallback|none_fit|not_helpful|...
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    at: Mapped[datetime] = mapped_column(index=True)
    guess: Mapped[str | None] = mapped_column(String(100))  # the intent ranked first
    team: Mapped[str | None] = mapped_column(String(64))
    to_team: Mapped[str | None] = mapped_column(String(64))  # the right / resolving team
    reply: Mapped[str | None] = mapped_column(Text)  # a resolved ticket's staff reply
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)  # None until grouped
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_clusters.id"), index=True)
