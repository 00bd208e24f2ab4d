"""Keeps a worker on the live content version: a publish or a rollback reaches every
running worker without a restart.

The store's highest version number is the live one (taskstore.versions). A publish
announces it on the `content` topic, which the hub carries to every worker (PostgreSQL:
LISTEN/NOTIFY); each worker also asks the store every `poll` seconds, so a notification
missed while a connection was down, or a publish from the command line on SQLite, is
picked up anyway. Installing builds the content from the version's document and loads its
model from the shared models folder (training it in another process if this machine has
not got it), then swaps both in one step (Runtime.install).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from aiohttp import web

from actions.announce import CONTENT_TOPIC
from bot.background import run_with_app
from bot.metrics import CONTENT_VERSION
from bot.runtime import Runtime
from content.document import from_document, validated
from content.model_store import train_elsewhere
from nlu import NLUModel
from taskstore import versions

POLL = 15.0  # seconds between two looks at the store's live version

log = logging.getLogger(__name__)


class LiveContent:
    def __init__(self, runtime: Runtime, models: Path, installed: int | None, poll: float = POLL):
        self.runtime = runtime
        self.models = models
        self.installed = installed  # the version this worker answers with
        CONTENT_VERSION.set(installed or 0)
        self.poll = poll
        self._lock = asyncio.Lock()

    async def follow(self) -> int | None:
        """Install the live version if this worker has another; returns the live number."""
        async with self._lock:  # a notification and a poll at once install once
            async with self.runtime.db.transaction() as session:
                number = await versions.live_number(session)
                if number is None or number == self.installed:
                    return number
                row = await versions.version(session, number)
                assert row is not None
                document = validated(row.document)
            content = await asyncio.to_thread(from_document, document, f"version {number}")
            trained = await train_elsewhere(document, self.models)
            assert trained.folder is not None  # published versions were checked
            folder = trained.folder
            model = await asyncio.to_thread(NLUModel.load, folder)
            await self.runtime.install(content, model)
            log.info("content version %s installed (model %s)", number, folder.name)
            self.installed = number
            CONTENT_VERSION.set(number)
            return number

    async def _run(self) -> None:
        events = self.runtime.hub.subscribe_topic(CONTENT_TOPIC)
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(events.get(), self.poll)
                try:
                    await self.follow()
                except Exception:  # a bad version or a lost connection: keep the current
                    log.exception("the live content version could not be installed")
        finally:
            self.runtime.hub.unsubscribe_topic(CONTENT_TOPIC, events)

    def install(self, app: web.Application) -> None:
        """Run with the aiohttp app: started and stopped with it."""
        run_with_app(app, self._run)
