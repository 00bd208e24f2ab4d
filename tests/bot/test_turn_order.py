"""A conversation's turns stay whole across workers: two runtimes on one PostgreSQL
database (two workers) take 40 messages of one conversation at once, and the store holds
each resident message followed by its own replies, never another turn's message between
them. On main before the hold (Database.session), 13 of 40 were split."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.runtime import Runtime
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Database, Message, store

TURNS = 40


async def test_turns_of_one_conversation_do_not_interleave_across_workers(
    pg_database_url: str, content: Content, model: NLUModel
) -> None:
    workers = [Runtime(Database(pg_database_url), content, ModelHandle(model)) for _ in range(2)]
    await workers[0].prepare()
    try:
        opened = await workers[0].start("web", language="fi")
        questions = [f"Milloin kirjasto on auki? ({n})" for n in range(TURNS)]
        await asyncio.gather(
            *(
                workers[n % 2].handle(opened.token, text=question)
                for n, question in enumerate(questions)
            )
        )
        async with workers[0].db.transaction() as session:
            conversation = await store.conversation_by_token(session, opened.token)
            assert conversation is not None
            rows = (
                await session.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation.id)
                    .order_by(Message.id)
                )
            ).all()
    finally:
        for worker in workers:
            await worker.db.close()
    authors = "".join("r" if m.author == "resident" else "b" for m in rows)
    assert authors.count("r") == TURNS and "rr" not in authors and authors.endswith("b")
    assert sorted(m.text for m in rows if m.author == "resident") == sorted(questions)
