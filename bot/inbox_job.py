"""The inbox's background job: every minute the worker holding the `inbox` lease copies new
questions the bot could not handle into the inbox (actions.inbox_work.gather), embeds the
ungrouped ones in the background process (nlu.elsewhere, nlu.similarity) and puts them into
groups. The server's loop only awaits: a chat turn never waits for an embedding.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
from datetime import timedelta

from aiohttp import web

from actions import inbox_work
from bot.background import run_with_app
from bot.runtime import Runtime
from content import Content
from nlu.elsewhere import run_elsewhere
from nlu.similarity import embed_centred
from taskstore import store

LEASE = "inbox"
DAYS = 30  # how far back questions are gathered
BATCH = 500  # questions embedded in one go (about ten seconds of the background process)
REFERENCE = 300  # content examples whose mean centres the embeddings

log = logging.getLogger("kuntabotti.inbox")


class InboxJob:
    def __init__(self, runtime: Runtime, interval: float = 60.0, holder: str | None = None):
        self.runtime = runtime
        self.interval = interval
        self.lease_seconds = interval * 3
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:inbox"
        self._reference: tuple[Content, tuple[str, ...]] | None = None

    def reference(self) -> tuple[str, ...]:
        """A fixed sample of the live content's example questions, all languages; made again
        only when another content version went live."""
        content = self.runtime.content
        if self._reference is None or self._reference[0] is not content:
            texts = sorted(e.text for e in content.training_examples())
            sample = tuple(random.Random(0).sample(texts, min(REFERENCE, len(texts))))
            self._reference = (content, sample)
        return self._reference[1]

    async def tick(self) -> int:
        """One round: gather, then group what is ungrouped; returns how many were grouped."""
        db = self.runtime.db
        now = self.runtime.clock()
        async with db.transaction() as session:
            if not await store.take_lease(session, LEASE, self.holder, now, self.lease_seconds):
                return 0
            await inbox_work.gather(session, now - timedelta(days=DAYS))
        grouped = 0
        reference = self.reference()
        while True:
            async with db.transaction() as session:
                items = await inbox_work.ungrouped(session, BATCH)
                texts = [item.text for item in items]
            if not items:
                return grouped
            vectors = await run_elsewhere(embed_centred, texts, reference)
            async with db.transaction() as session:
                fresh = await inbox_work.ungrouped(session, BATCH)
                if [i.id for i in fresh] != [i.id for i in items]:
                    continue  # another round got there first (a lease hand-over): start over
                await inbox_work.place(session, fresh, vectors)
            grouped += len(items)

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # a bad round must not stop the inbox for good
                log.exception("inbox round failed")
            await asyncio.sleep(self.interval)

    def install(self, app: web.Application) -> None:
        """Run with the aiohttp app: started and stopped with it."""
        run_with_app(app, self._run)
