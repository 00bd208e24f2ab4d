"""The curation loop's figures, in one process with the real runtime and store:

1. publish -> first answer: an answer edit (no training) and a new topic (trained by the
   check in the background process; the check's time is given separately), measured from
   the commit of the publish to the first resident turn that answers with the new version;
2. chat turn latency while a draft's model trains in the background process, against the
   same turns idle, measured in the same run (closed loop, `--conversations` at once);
3. the inbox's ranking (what its page computes) with `--inbox` questions in the store.

usage: python -m bench.curation [--conversations 20] [--turns 300] [--inbox 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import random
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from actions import content_work, inbox_work
from bench.common import percentile
from bot.live_content import LiveContent
from bot.runtime import Runtime
from content import load_valid_content
from content.document import Document, to_document
from content.edits import add_examples, new_intent, set_answer
from content.model_store import latest_model_dir, train_elsewhere, train_model
from nlu import ModelHandle, NLUModel
from taskstore import Database
from taskstore.curation import InboxCluster, InboxItem

QUESTIONS = ("milloin kirjasto on auki", "miten haen päivähoitopaikkaa", "jäteaseman aukioloajat")
NEW = {
    "fi": [
        "kuinka kaukana mars on maasta",
        "mikä on marsin etäisyys",
        "paljonko on matkaa marsiin",
    ],
    "sv": ["hur långt är det till mars", "vad är avståndet till mars"],
    "en": ["how far is mars from the earth", "what is the distance to mars"],
}


async def turns(runtime: Runtime, conversations: int, count: int) -> list[float]:
    """Latencies (ms) of `count` turns over `conversations` concurrent conversations."""
    tokens = [(await runtime.start("rest", language="fi")).token for _ in range(conversations)]
    latencies: list[float] = []
    left = count

    async def talk(token: str) -> None:
        nonlocal left
        while left > 0:
            left -= 1
            started = time.perf_counter()
            await runtime.handle(token, text=random.choice(QUESTIONS))
            latencies.append((time.perf_counter() - started) * 1000)

    await asyncio.gather(*(talk(t) for t in tokens))
    return latencies


async def first_answer(runtime: Runtime, question: str, expected: str, since: float) -> float:
    token = (await runtime.start("rest", language="fi")).token
    while True:
        turn = await runtime.handle(token, text=question)
        if any(expected in r.text for r in turn.replies):
            return time.perf_counter() - since
        await asyncio.sleep(0.05)


async def publish(runtime: Runtime, document: Document, note: str) -> float:
    async with runtime.db.transaction() as session:
        await content_work.publish_document(session, document, source="console", note=note, by=None)
    return time.perf_counter()


async def seed_inbox(session: AsyncSession, count: int, now: datetime) -> None:
    """`count` questions in groups of five on average, spread over the last week."""
    rng = np.random.default_rng(14)
    groups = max(1, count // 5)
    centres = rng.normal(size=(groups, 384)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    clusters = [
        InboxCluster(status="open", centre=c.tobytes(), size=0, last_at=now, handled_as="")
        for c in centres
    ]
    session.add_all(clusters)
    await session.flush()
    for n in range(count):
        g = int(rng.integers(groups))
        vector = centres[g] + rng.normal(scale=0.05, size=384).astype(np.float32)
        vector /= np.linalg.norm(vector)
        clusters[g].size += 1
        session.add(
            InboxItem(
                source="message",
                ref=n,
                kind="fallback",
                text=f"kysymys numero {n}",
                language="fi",
                at=now - timedelta(minutes=n),
                vector=vector.astype(np.float32).tobytes(),
                cluster_id=clusters[g].id,
            )
        )


async def main(args: argparse.Namespace) -> None:
    content = load_valid_content(Path("data"))
    folder = Path(tempfile.mkdtemp(prefix="kb-curation-"))
    models = folder / "models"
    trained = latest_model_dir(Path("models")) or train_model(content, Path("models"))[0]
    models.mkdir()
    (models / trained.name).symlink_to(trained.resolve())
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    runtime = Runtime(db, content, ModelHandle(NLUModel.load(trained)))
    await runtime.prepare()
    document = to_document(content)
    async with db.transaction() as session:
        await content_work.follow_folder(session, document)
    live = LiveContent(runtime, models, 1)
    follower = asyncio.create_task(live._run())  # as `kuntabotti run` installs it
    try:
        idle = await turns(runtime, args.conversations, args.turns)
        draft = copy.deepcopy(document)
        new_intent(
            draft,
            "yleisneuvonta_mars",
            team="yleisneuvonta",
            kind="faq",
            sensitive=False,
            titles={
                "fi": "Etäisyys Marsiin",
                "sv": "Avståndet till Mars",
                "en": "Distance to Mars",
            },
            answers={
                "fi": "Marsiin on noin 225 miljoonaa km.",
                "sv": "Till Mars är det ca 225 miljoner km.",
                "en": "Mars is about 225 million km away.",
            },
        )
        for lang, texts in NEW.items():
            add_examples(draft, "yleisneuvonta_mars", lang, texts)
        started = time.perf_counter()
        check = asyncio.create_task(train_elsewhere(draft, models, check=True))
        await asyncio.sleep(3)  # the background process has started its work
        busy = await turns(runtime, args.conversations, args.turns)
        result = await check
        checked_in = time.perf_counter() - started
        assert result.folder is not None, result.problems
        for name, values in (("idle", idle), ("while training", busy)):
            print(
                f"chat turns {name:15}: p50 {percentile(values, 50):6.1f} ms  p99 "
                f"{percentile(values, 99):6.1f} ms  ({len(values)} turns)"
            )
        print(f"p99 while training / idle: {percentile(busy, 99) / percentile(idle, 99):.2f}")
        print(f"check of a draft with a new topic (validation + training): {checked_in:.1f} s")
        since = await publish(runtime, draft, "new topic")
        took = await first_answer(runtime, "kuinka kaukana mars on maasta", "225", since)
        print(f"publish -> first answer, new topic (model trained by the check): {took:.2f} s")
        edited = copy.deepcopy(draft)
        set_answer(edited, "yleisneuvonta_mars", "fi", "Marsiin on keskimäärin 225 miljoonaa km.")
        since = await publish(runtime, edited, "answer edit")
        took = await first_answer(runtime, "kuinka kaukana mars on maasta", "keskimäärin", since)
        print(f"publish -> first answer, answer edit (no training): {took:.2f} s")

        async with db.transaction() as session:
            await seed_inbox(session, args.inbox, runtime.clock())
        started = time.perf_counter()
        async with db.transaction() as session:
            groups, total = await inbox_work.ranked(
                session, inbox_work.OPEN, runtime.clock() - timedelta(days=30), 50
            )
        print(
            f"inbox ranking with {args.inbox} questions ({total} groups): "
            f"{time.perf_counter() - started:.2f} s for the first {len(groups)} groups"
        )
    finally:
        follower.cancel()
        await db.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--inbox", type=int, default=10_000)
    asyncio.run(main(parser.parse_args()))
