"""Conversation state moves only through actions/conversation.py, and every move tells the
consoles and web chats what changed: the conversation, whether who talks may have changed
(`holder`), and the queues of its team when it enters or leaves them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from actions import conversation as states
from actions.announce import conversation_topic, team_topic
from taskstore import Announcement, Conversation, ConversationState, Database, store
from taskstore.staff import add_staff

TEAMS: list[dict[str, Any]] = [
    {"id": "kadut", "name": {"fi": "Kadut", "sv": "Gator", "en": "Streets"}, "default": True},
    {"id": "kirjasto", "name": {"fi": "Kirjasto", "sv": "Bibliotek", "en": "Library"}},
]
QUEUE = {"kind": "queue_changed"}
STATE = {"kind": "state"}
HOLDER = {"kind": "state", "holder": True}


class World:
    def __init__(self, db: Database, conversation_id: int, staff_id: int) -> None:
        self.db = db
        self.conversation_id = conversation_id
        self.staff_id = staff_id
        self.told: list[Announcement] = []
        db.on_announcements(self.told.extend)

    async def move(self, *moves: Any) -> list[Announcement]:
        """Applies each (transition, *args) to the conversation in one transaction; what it
        announced."""
        self.told.clear()
        async with self.db.transaction() as session:
            conversation = await session.get(Conversation, self.conversation_id)
            assert conversation is not None
            for transition, *args in moves:
                transition(session, conversation, *args)
        return list(self.told)

    async def state(self) -> tuple[str, int | None]:
        async with self.db.transaction() as session:
            conversation = await session.get(Conversation, self.conversation_id)
            assert conversation is not None
            return conversation.state, conversation.assigned_staff_id


@pytest.fixture
async def world(store_url: str) -> AsyncIterator[World]:
    db = Database(store_url)
    await db.migrate()
    async with db.transaction() as session:
        await store.sync_teams(session, TEAMS)
        staff = await add_staff(session, "pekka", "Pekka", "salasana-123456", "agent", ["kadut"])
        resident = await store.resident_for(session, "web", "r1", "fi")
        conversation = await store.start_conversation(session, resident, "web", "fi")
        conversation.team_id = "kadut"
    yield World(db, conversation.id, staff.id)
    await db.close()


async def test_a_person_taking_over_and_handing_back_is_told_to_chat_and_queue(
    world: World,
) -> None:
    chat, queue = conversation_topic(world.conversation_id), team_topic("kadut")
    assert await world.move((states.queued,)) == [(chat, STATE), (queue, QUEUE)]
    told = await world.move((states.taken_over, world.staff_id))
    assert told == [(chat, HOLDER), (queue, QUEUE)]
    assert await world.state() == (ConversationState.WITH_STAFF, world.staff_id)
    assert await world.move((states.handed_back,)) == [(chat, HOLDER), (queue, QUEUE)]
    assert await world.state() == (ConversationState.BOT, None)


async def test_the_bots_own_moves_touch_no_queue_and_a_non_move_tells_nothing(
    world: World,
) -> None:
    chat = conversation_topic(world.conversation_id)
    assert await world.move((states.answering,)) == []  # already with the bot
    assert await world.move((states.clarifying,)) == [(chat, STATE)]
    assert await world.move((states.collecting,)) == [(chat, STATE)]
    assert await world.move((states.form_closed,)) == [(chat, STATE)]
    assert await world.state() == (ConversationState.BOT, None)


async def test_a_form_that_queued_the_resident_leaves_them_queued(world: World) -> None:
    await world.move((states.collecting,), (states.queued,), (states.form_closed,))
    assert await world.state() == (ConversationState.QUEUED, None)


async def test_a_queued_conversation_moving_team_changes_both_queues(world: World) -> None:
    await world.move((states.queued,))
    told = await world.move((states.team_changed, "kirjasto"))
    chat = conversation_topic(world.conversation_id)
    assert told == [(chat, STATE), (team_topic("kadut"), QUEUE), (team_topic("kirjasto"), QUEUE)]


async def test_a_reassigned_conversation_waits_for_the_new_team(world: World) -> None:
    await world.move((states.queued,), (states.taken_over, world.staff_id))
    await world.move((states.team_changed, "kirjasto"), (states.requeued,))
    assert await world.state() == (ConversationState.QUEUED, None)
