"""Checking a draft before it may be published: the whole content checks (file:line, as an
export would show them) and its model trained, in the training process
(content.model_store.train_elsewhere), while the server keeps answering.

The result is kept on the draft (`figures`) with the digest it was made for: an edit after
the check changes the digest, so a draft is publishable only when its latest state passed.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.document import Document, validated
from content.model_store import Suite, document_key, progress_of, train_elsewhere
from content.regression import cases_of_test_set, inbox_cases, protected_cases
from content.testset import load_test_set
from taskstore import Database, versions
from taskstore.curation import ContentVersion, InboxCluster, InboxItem
from taskstore.models import now_of

RUNNING, PASSED, FAILED = "running", "passed", "failed"
STALE_AFTER = 900.0  # seconds: a check that long is taken to have died with its worker

log = logging.getLogger(__name__)


def check_state(row: ContentVersion) -> dict[str, Any] | None:
    """The draft's check, if it was made for the draft as it is now."""
    figures = row.figures or {}
    return figures if figures.get("digest") == row.digest else None


def may_publish(row: ContentVersion) -> bool:
    state = check_state(row)
    return state is not None and state.get("status") == PASSED


def progress(models: Path, row: ContentVersion) -> dict[str, object] | None:
    """How far the training of a running check is (steps of content.model_store)."""
    state = check_state(row)
    if state is None or state.get("status") != RUNNING:
        return None
    return progress_of(models, str(state.get("model", "")))


async def start_check(
    db: Database, models: Path, draft_id: int, test_set: Path | None = None
) -> bool:
    """Mark the draft as being checked and run the check in the background; False when a
    check of this very state is running or done already. `test_set`: the city's test
    questions (content.testset), part of the regression suite."""
    async with db.transaction() as session:
        row = await versions.draft(session, draft_id, lock=True)
        if row is None:
            return False
        state = check_state(row)
        if state is not None and state.get("status") == PASSED:
            return False
        if state is not None and state.get("status") == RUNNING:
            started = datetime.fromisoformat(str(state["started"]))
            if (now_of(session) - started).total_seconds() < STALE_AFTER:
                return False
        document = validated(copy.deepcopy(row.document))
        suite = await _suite(session, document, test_set)
        row.figures = {
            "digest": row.digest,
            "status": RUNNING,
            "model": document_key(document),
            "started": now_of(session).isoformat(),
        }
    task = asyncio.create_task(_check(db, models, draft_id, row.digest, document, suite))
    _running.add(task)
    task.add_done_callback(_running.discard)
    return True


_running: set[asyncio.Task[None]] = set()  # kept: the loop holds tasks only weakly


async def _suite(session: AsyncSession, document: Document, test_set: Path | None) -> Suite:
    """The regression suite: protected topics, the inbox questions already handled and the
    city's test questions."""
    live = await versions.live(session)
    handled = await session.execute(
        select(InboxItem.text, InboxItem.language, InboxCluster.handled_as)
        .join(InboxCluster, InboxCluster.id == InboxItem.cluster_id)
        .where(InboxCluster.status == "done")
    )
    before = validated(live.document) if live is not None else None
    return Suite(
        document_key(before) if before is not None else None,
        {
            "protected": protected_cases(document),
            "inbox": inbox_cases(document, [(t, lang, done) for t, lang, done in handled.all()]),
            "test_set": cases_of_test_set(document, load_test_set(test_set)) if test_set else [],
        },
        before,
    )


async def _check(
    db: Database, models: Path, draft_id: int, digest: str, document: Document, suite: Suite
) -> None:
    regression = held_out = None
    try:
        trained = await train_elsewhere(document, models, check=True, suite=suite)
        status = PASSED if trained.folder is not None else FAILED
        problems, regression, held_out = trained.problems, trained.regression, trained.held_out
    except Exception as exc:  # the training process died: say so on the page
        log.exception("checking draft %s failed", draft_id)
        status, problems = FAILED, [f"the check stopped: {exc}"]
    async with db.transaction() as session:
        row = await versions.draft(session, draft_id, lock=True)
        if row is None or (row.figures or {}).get("digest") != digest:
            return  # published, discarded or edited meanwhile: this result is of no use
        row.figures = {
            **(row.figures or {}),
            "status": status,
            "problems": problems[:200],
            "errors": sum(1 for p in problems if ": error: " in p),
            "regression": regression,
            "held_out": held_out,
            "finished": now_of(session).isoformat(),
        }
