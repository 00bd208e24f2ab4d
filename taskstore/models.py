"""The task store's tables. Shared by every worker and by the staff console.

Times are stored as UTC and always come back timezone-aware (SQLite keeps no zone).
The times the store fills in on its own (`created_at`, `updated_at`...) come from the clock
of the `Database` that writes them (see `stamp`), the clock the runtime also takes deadlines
and dashboard periods from: a row stamped by the wall clock while the runtime lived on
another clock would fall outside the periods that runtime asks about.
The event log is append-only: triggers refuse UPDATE, and DELETE but of events older than
the cutoff of a recorded retention run (taskstore/records.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

CLOCK_OPTION = "kuntabotti_clock"  # the engine's execution option that carries its clock


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(context: Any) -> datetime:
    """A column default: now by the clock of the engine the statement runs on (SQLAlchemy
    passes the execution context to a default that takes one argument)."""
    clock: Callable[[], datetime] = context.execution_options.get(CLOCK_OPTION, utcnow)
    return clock()


def now_of(session: AsyncSession | Session) -> datetime:
    """Now by the clock of the database a session (sync or async) writes to."""
    clock: Callable[[], datetime] = (
        session.get_bind().get_execution_options().get(CLOCK_OPTION, utcnow)
    )
    return clock()


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the task store; use UTC-aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Team(Base):
    """Routing targets, mirrored from data/teams.yml at start-up."""

    __tablename__ = "teams"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(200))
    name_sv: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffUser(Base):
    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="agent")  # agent|lead|comms|admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    # Where SLA reminders and escalations go by e-mail (optional).
    email: Mapped[str | None] = mapped_column(String(320))


class AccessEntry(Base):
    """Who among staff opened which conversation or ticket, or exported or erased what,
    and when (the Information Management Act 906/2019, section 17). Append-only: triggers
    refuse UPDATE and DELETE, as on events. It names what was opened, never its content."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))  # opened | exported | erased
    kind: Mapped[str] = mapped_column(String(20))  # ticket | conversation | resident | log
    target: Mapped[str] = mapped_column(String(64))  # a ticket number or a row id


class SignInAttempt(Base):
    """A console sign-in, by client address and the user name typed (known or not): what
    slows a guesser down (console/sign_in_guard.py) and what admins see of failures. No
    account is ever locked: an attacker elsewhere cannot keep its owner out."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_address_username_at", "address", "username", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(100))  # as typed, cut to 100
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(index=True)


class StaffSession(Base):
    """A console login. The cookie holds a random token; only its SHA-256 is stored, so a
    leaked database does not hand out sessions."""

    __tablename__ = "staff_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token) hex
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=stamp)
    expires_at: Mapped[datetime] = mapped_column()


class StaffTeam(Base):
    __tablename__ = "staff_teams"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), primary_key=True)


class Resident(Base):
    """Who writes, per channel: a Telegram chat, a web-chat browser, a REST client."""

    __tablename__ = "residents"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(2), default="fi")
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class ConversationState(StrEnum):
    """Where a conversation is; `actions.conversation` is the one place that changes it."""

    BOT = "bot"  # the bot answers
    CLARIFYING = "clarifying"  # the likeliest topics were offered as buttons
    COLLECTING = "collecting"  # a ticket or handoff form is being filled in
    QUEUED = "queued"  # waiting for a person of the team (office hours)
    WITH_STAFF = "with_staff"  # a person holds it; the bot is silent
    CLOSED = "closed"


class Conversation(Base):
    __tablename__ = "conversations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2), default="fi")
    # A ConversationState (stored as its text; compare and assign ConversationState members).
    state: Mapped[str] = mapped_column(String(20), default=ConversationState.BOT, index=True)
    # What the state machine remembers between turns (pending offer, form being filled).
    slots: Mapped[dict[str, Any]] = mapped_column(default=dict)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))
    assigned_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=stamp, onupdate=stamp)
    erased_at: Mapped[datetime | None] = mapped_column()  # taskstore/erasure.py

    # Not loaded with the conversation: a turn never needs it, and FOR UPDATE cannot lock an
    # outer join on PostgreSQL.
    resident: Mapped[Resident] = relationship(lazy="raise_on_sql")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation_id_id", "conversation_id", "id"),
        # A channel that redelivers (Telegram after a slow reply) names each delivery: one
        # conversation stores a delivery once.
        Index(
            "ix_messages_conversation_id_delivery",
            "conversation_id",
            "delivery",
            unique=True,
            # Only messages that name a delivery are in it: other channels' inserts skip it.
            sqlite_where=sql_text("delivery IS NOT NULL"),
            postgresql_where=sql_text("delivery IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    author: Mapped[str] = mapped_column(String(10))  # resident | bot | staff
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # As stored: personal data redacted, sensitive details replaced by a placeholder.
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    nlu: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    delivery: Mapped[str | None] = mapped_column(String(64))  # e.g. a Telegram update id


class TicketCounter(Base):
    """Per-year sequence behind KB-YYYY-NNNNNN: gap-free, safe across workers."""

    __tablename__ = "ticket_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # question | case | handoff | private
    intent: Mapped[str | None] = mapped_column(String(100))
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    status: Mapped[str] = mapped_column(String(10), default="new", index=True)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(2), default="fi")
    description: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # case slots, e.g. location
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    first_response_due: Mapped[datetime | None] = mapped_column()
    resolution_due: Mapped[datetime | None] = mapped_column()
    first_response_at: Mapped[datetime | None] = mapped_column()
    resolved_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=stamp, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=stamp, onupdate=stamp)
    erased_at: Mapped[datetime | None] = mapped_column()  # taskstore/erasure.py
    # The SLA scheduler's bookmark (actions/deadlines.py): its next reminder or escalation,
    # and the team and SLA it was worked out from; a changed basis is worked out again.
    next_deadline_at: Mapped[datetime | None] = mapped_column(index=True)
    deadline_basis: Mapped[str | None] = mapped_column(String(100))


EVENT_TYPES = (
    "created",
    "routed",
    "handoff_requested",
    "queued",
    "claimed",
    "assigned",
    "taken_over",
    "handed_back",
    "reassigned",
    "helper_added",
    "commented",
    "replied",
    "status_changed",
    "priority_changed",
    "reminder_sent",
    "escalated",
    "notice_posted",  # service-break notices: no ticket, no conversation; data: notice, team
    "notice_changed",
    "notice_ended",
    "content_published",  # content versions: no ticket, no conversation; data: version, source
    "draft_opened",
    "draft_discarded",
)


class Event(Base):
    """The append-only handoff log: who did what to a ticket or conversation, and when. It
    holds no free text: what staff write is a Note the event names (`data["note"]`), so a
    resident's erasure can remove it. Only a recorded retention run may delete old events."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(10))  # bot | resident | staff | system
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class AnswerFeedback(Base):
    __tablename__ = "answer_feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    intent: Mapped[str] = mapped_column(String(100), index=True)
    language: Mapped[str] = mapped_column(String(2))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class ServiceNotice(Base):
    """A service break ("the pool is closed for repairs"), told before that team's answers."""

    __tablename__ = "service_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))  # None: every team
    text_fi: Mapped[str] = mapped_column(Text)
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class Lease(Base):
    """Leadership for a periodic job (the SLA scheduler): one holder at a time across workers,
    taken over when the holder stops renewing it."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column()


class TicketHelper(Base):
    """A team or person assisting on a ticket; the ticket's own team stays the owner."""

    __tablename__ = "ticket_helpers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    added_by: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class RoutingCorrection(Base):
    """A ticket moved to another team by a person: the question and the right team, kept
    for the communications team's curation (new training examples, team fixes)."""

    __tablename__ = "routing_corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    question: Mapped[str] = mapped_column(Text)  # as stored: redacted
    language: Mapped[str] = mapped_column(String(2))
    intent: Mapped[str | None] = mapped_column(String(100))
    from_team: Mapped[str] = mapped_column(ForeignKey("teams.id"))
    to_team: Mapped[str] = mapped_column(ForeignKey("teams.id"))
    reason: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=stamp)


class CannedReply(Base):
    """A team's ready-made reply, in one language, that staff insert and edit before sending."""

    __tablename__ = "canned_replies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=stamp)
