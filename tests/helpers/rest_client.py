"""A small client for the REST channel, as a resident's app would use it in the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select, text

from taskstore import Conversation, Event, Message, Ticket
from tests.helpers.live import LiveServer


@dataclass
class Chat:
    server: LiveServer
    language: str | None = None
    token: str = ""
    last: dict[str, Any] = field(default_factory=dict)
    greeting: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.server.base_url + "/api/v1", timeout=30)
        body = {"language": self.language} if self.language else {}
        response = self.http.post("/conversations", json=body)
        assert response.status_code == 201, response.text
        self.token = response.json()["token"]
        self.greeting = response.json()["messages"]

    def send(self, text: str | None = None, payload: str | None = None) -> dict[str, Any]:
        body = {"text": text} if text is not None else {"payload": payload}
        response = self.http.post(f"/conversations/{self.token}/messages", json=body)
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.last

    def press(self, payload: str) -> dict[str, Any]:
        """Press a button the bot offered in its last replies (and fail if it did not)."""
        offered = [b["payload"] for m in self.last.get("replies", []) for b in m["buttons"]]
        assert payload in offered, f"{payload} not offered; offered: {offered}"
        return self.send(payload=payload)

    @property
    def said(self) -> str:
        return "\n".join(m["text"] for m in self.last["replies"])

    @property
    def state(self) -> str:
        return str(self.last["state"])

    # -- reading what the server stored ----------------------------------------------
    def conversation(self) -> Conversation:
        return self._one(select(Conversation).where(Conversation.token == self.token))

    def stored_messages(self) -> list[Message]:
        conversation = self.conversation()
        return self._all(
            select(Message).where(Message.conversation_id == conversation.id).order_by(Message.id)
        )

    def tickets(self) -> list[Ticket]:
        conversation = self.conversation()
        return self._all(select(Ticket).where(Ticket.conversation_id == conversation.id))

    def events(self) -> list[Event]:
        conversation = self.conversation()
        return self._all(
            select(Event).where(Event.conversation_id == conversation.id).order_by(Event.id)
        )

    def _one(self, query: Any) -> Any:
        async def run() -> Any:
            async with self.server.runtime.db.transaction() as session:
                return await session.scalar(query)

        return self.server.call(run())

    def _all(self, query: Any) -> list[Any]:
        async def run() -> list[Any]:
            async with self.server.runtime.db.transaction() as session:
                return list((await session.scalars(query)).all())

        return self.server.call(run())


def refuse_resident_messages(server: LiveServer, refuse: bool) -> None:
    """A real database fault for the tests: SQLite refuses new resident messages."""

    async def run() -> None:
        async with server.runtime.db.transaction() as session:
            if refuse:
                await session.execute(
                    text(
                        "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages "
                        "WHEN NEW.author = 'resident' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    )
                )
            else:
                await session.execute(text("DROP TRIGGER refuse_messages"))

    server.call(run())
