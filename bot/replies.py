"""What channels show: stored messages with their quick-reply buttons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from actions.base import Button
from taskstore import Message


@dataclass(frozen=True)
class OutMessage:
    id: int
    author: str  # resident | bot | staff
    text: str
    created_at: datetime
    buttons: list[Button] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author": self.author,
            "text": self.text,
            "buttons": [b.to_dict() for b in self.buttons],
            "created_at": self.created_at.isoformat(),
        }


def out_message(message: Message) -> OutMessage:
    buttons = [Button(b["payload"], b["label"]) for b in message.buttons or []]
    return OutMessage(message.id, message.author, message.text, message.created_at, buttons)


__all__ = ["Button", "OutMessage", "out_message"]
