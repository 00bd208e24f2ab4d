"""The shared task store: conversations, messages, tickets and the append-only event log.

SQLAlchemy 2 (async) models with Alembic migrations; SQLite is the embedded default and
PostgreSQL the production database (`DATABASE_URL`). Every worker reads and writes here,
so no conversation state lives only in one process's memory.
"""

from taskstore.curation import ContentVersion, InboxCluster, InboxItem
from taskstore.db import DEFAULT_URL, Announcement, Database, announce_after_commit, async_url
from taskstore.models import (
    AccessEntry,
    AnswerFeedback,
    Conversation,
    ConversationState,
    Event,
    Message,
    Resident,
    ServiceNotice,
    SignInAttempt,
    StaffTeam,
    StaffUser,
    Team,
    Ticket,
    utcnow,
)
from taskstore.records import Note, RetentionRun

__all__ = [
    "DEFAULT_URL",
    "AccessEntry",
    "Announcement",
    "AnswerFeedback",
    "ContentVersion",
    "Conversation",
    "ConversationState",
    "Database",
    "Event",
    "InboxCluster",
    "InboxItem",
    "Message",
    "Note",
    "Resident",
    "RetentionRun",
    "ServiceNotice",
    "SignInAttempt",
    "StaffTeam",
    "StaffUser",
    "Team",
    "Ticket",
    "announce_after_commit",
    "async_url",
    "utcnow",
]
