"""A published content version reaches running servers without a restart, and a rollback
brings the earlier one back (bot/live_content.py); on SQLite and PostgreSQL, with two
servers on one store as two workers would be."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

from actions import content_work
from bot import understanding
from content import Content
from content.document import Document, to_document
from content.edits import set_answer
from nlu import ModelHandle, NLUModel
from taskstore import Conversation, Database
from tests.helpers.live import LiveServer, eventually, faq_question, run_live_server
from tests.helpers.rest_client import Chat

NEW_ANSWER = "Tämä vastaus tuli uudesta sisältöversiosta."


async def _seed(url: str, document: Document) -> None:
    db = Database(url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            await content_work.follow_folder(session, document)
    finally:
        await db.close()


def test_publish_and_rollback_reach_both_servers_without_a_restart(
    store_url: str, content: Content, model: NLUModel, models_dir: Path
) -> None:
    name, question = faq_question(content, model)
    document = to_document(content)
    asyncio.run(_seed(store_url, document))
    first = run_live_server(store_url, content, model, live_content=models_dir)
    second = run_live_server(store_url, content, model, live_content=models_dir)
    servers: list[LiveServer] = [next(first), next(second)]
    try:

        def answers_with(server: LiveServer, text: str) -> bool:
            chat = Chat(server, "fi")
            chat.send(question)
            return text in chat.said

        old_answer = Chat(servers[0], "fi")
        old_answer.send(question)
        assert NEW_ANSWER not in old_answer.said
        changed = copy.deepcopy(document)
        set_answer(changed, name, "fi", NEW_ANSWER)

        async def publish() -> int:
            async with servers[0].runtime.db.transaction() as session:
                row = await content_work.publish_document(
                    session, changed, source="console", note="uusi vastaus", by=None
                )
                return row.number or 0

        assert servers[0].call(publish()) == 2
        for server in servers:  # the announcing worker at once, the other by its poll
            assert eventually(lambda s=server: answers_with(s, NEW_ANSWER), 15)

        async def roll_back() -> int:
            async with servers[1].runtime.db.transaction() as session:
                row = await content_work.roll_back(session, 1, None)
                return row.number or 0

        assert servers[1].call(roll_back()) == 3
        for server in servers:
            assert eventually(lambda s=server: not answers_with(s, NEW_ANSWER), 15)
    finally:
        for running in (first, second):
            running.close()


def test_a_message_read_by_a_replaced_model_is_read_again(
    content: Content, model: NLUModel, models_dir: Path
) -> None:
    handle = ModelHandle(model)
    conversation = Conversation(language="fi", state="bot", slots={})
    incoming = understanding.Incoming("milloin jäteasema on auki", None)
    prepared = understanding.prepare(content, handle, conversation, incoming)
    assert prepared.parsed_by is model
    assert understanding.reread(handle, conversation, prepared) is prepared
    newer = NLUModel.load(next(p.parent for p in models_dir.glob("*/model.pkl")))
    handle.swap(newer)
    again = understanding.reread(handle, conversation, prepared)
    assert again.parsed_by is newer and again.result is not None
    assert again.stored_text == prepared.stored_text  # what was stored stays as decided
