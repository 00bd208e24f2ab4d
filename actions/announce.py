"""Live updates: what changed, told to the open consoles and web chats after the commit.

The code that changes something announces it (`taskstore.announce_after_commit`); the
runtime hands committed announcements to the hub, which reaches every worker. This module
is the one place that names the topics: a team's queue (`team:<id>`, console queue pages)
and a conversation (`conversation:<id>`, its console view and the resident's web chat).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import announce_after_commit


def team_topic(team_id: str) -> str:
    return f"team:{team_id}"


def conversation_topic(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


def queue_changed(session: AsyncSession, team_id: str | None) -> None:
    """The team's queue page reloads its table."""
    if team_id is not None:
        announce_after_commit(session, team_topic(team_id), {"kind": "queue_changed"})


def conversation_changed(session: AsyncSession, conversation_id: int, holder: bool) -> None:
    """The conversation's console view reloads its state; `holder`: who talks to the
    resident (bot or a person) may have changed, so the web chat looks too."""
    data: dict[str, object] = {"kind": "state", "holder": True} if holder else {"kind": "state"}
    announce_after_commit(session, conversation_topic(conversation_id), data)


CONTENT_TOPIC = "content"


def content_published(session: AsyncSession, number: int) -> None:
    """Every worker installs the new live version (bot.live_content)."""
    announce_after_commit(session, CONTENT_TOPIC, {"kind": "content", "version": number})
