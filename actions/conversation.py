"""Conversation state: the one place that moves a conversation from state to state.

The dialogue, handoffs and staff work call these named transitions instead of assigning
`Conversation.state`; each announces the change (actions.announce), so a console showing
the conversation or its team's queue reloads. States: taskstore.ConversationState.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from actions import announce
from taskstore import Conversation
from taskstore import ConversationState as State

__all__ = [
    "State",
    "answering",
    "clarifying",
    "collecting",
    "form_closed",
    "handed_back",
    "queued",
    "requeued",
    "taken_over",
    "team_changed",
]

# States a team's queue page lists: a change into or out of them changes the queue.
_IN_QUEUE = (State.QUEUED, State.WITH_STAFF)


def _move(session: AsyncSession, conversation: Conversation, to: State) -> None:
    before = conversation.state
    if before == to:
        return
    conversation.state = to
    holder = State.WITH_STAFF in (before, to)
    announce.conversation_changed(session, conversation.id, holder)
    if before in _IN_QUEUE or to in _IN_QUEUE:
        announce.queue_changed(session, conversation.team_id)


def answering(session: AsyncSession, conversation: Conversation) -> None:
    """The bot answers (again): the default of every turn the resident starts."""
    _move(session, conversation, State.BOT)


def clarifying(session: AsyncSession, conversation: Conversation) -> None:
    """The likeliest topics were offered as buttons."""
    _move(session, conversation, State.CLARIFYING)


def collecting(session: AsyncSession, conversation: Conversation) -> None:
    """A ticket or handoff form was opened."""
    _move(session, conversation, State.COLLECTING)


def form_closed(session: AsyncSession, conversation: Conversation) -> None:
    """The form was sent or cancelled; a handoff that queued the resident stays queued."""
    if conversation.state == State.COLLECTING:
        _move(session, conversation, State.BOT)


def queued(session: AsyncSession, conversation: Conversation) -> None:
    """Waiting for a person of the team (asked for in office hours)."""
    _move(session, conversation, State.QUEUED)


def taken_over(session: AsyncSession, conversation: Conversation, staff_id: int) -> None:
    """A person holds the conversation: the bot is silent until it is handed back."""
    conversation.assigned_staff_id = staff_id
    _move(session, conversation, State.WITH_STAFF)


def handed_back(session: AsyncSession, conversation: Conversation) -> None:
    """Back to the bot: by the holder, the resident leaving the queue, or a disabled account."""
    conversation.assigned_staff_id = None
    _move(session, conversation, State.BOT)


def requeued(session: AsyncSession, conversation: Conversation) -> None:
    """The holder's team no longer has it (reassigned): the resident waits for the new team."""
    conversation.assigned_staff_id = None
    _move(session, conversation, State.QUEUED)


def team_changed(session: AsyncSession, conversation: Conversation, team_id: str) -> None:
    """The conversation follows its ticket to another team: both queues change."""
    before = conversation.team_id
    if before == team_id:
        return
    conversation.team_id = team_id
    announce.conversation_changed(session, conversation.id, holder=False)
    if conversation.state in _IN_QUEUE:
        announce.queue_changed(session, before)
        announce.queue_changed(session, team_id)
