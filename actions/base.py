"""The one interface between the dialogue and what the bot does.

Every action takes an `ActionContext` (the open transaction, the conversation, the content,
the clock) and returns what to say as `Say` items; the dialogue stores and sends them. An
action never talks to a channel and never commits: the dialogue's turn is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from actions.notice_board import NoticeBoard
from actions.texts import say
from content import Content
from taskstore import Conversation


@dataclass(frozen=True)
class Button:
    """A quick reply: `label` is shown, `payload` comes back when it is pressed."""

    payload: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"payload": self.payload, "label": self.label}


@dataclass(frozen=True)
class Say:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)


@dataclass
class ActionContext:
    session: AsyncSession
    conversation: Conversation
    content: Content
    now: datetime
    # Service-break notices; a worker shares one board (a cache) across its turns.
    notices: NoticeBoard = field(default_factory=lambda: NoticeBoard(ttl=0.0))

    @property
    def lang(self) -> str:
        return self.conversation.language

    def text(self, key: str, **values: object) -> str:
        return say(key, self.lang, **values)

    def button(self, payload: str, label_key: str) -> Button:
        return Button(payload, say(label_key, self.lang))

    def team_name(self, team_id: str) -> str:
        team = self.content.teams.get(team_id)
        return str(team["name"][self.lang]) if team else team_id
