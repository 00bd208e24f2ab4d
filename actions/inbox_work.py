"""The inbox in the store: questions gathered from their sources, grouped by meaning, ranked,
and what the communications team does to a group (ignore, reopen, mark as done).

`gather` copies new questions in (and updates what happened to ones already there);
`place` puts embedded questions into groups (nlu.similarity), ignored groups included, so
a question like an ignored one stays out of the way (done groups take no more: a failure
after the fix is news). Ranking: each question counts by what
happened (not understood, no offered topic fit and unhelpful answers count fully; a request
for a person after an answer and a staff reroute count less) and by its age (halved every
week), so a big, recent, clear failure comes first.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from actions.inbox_sources import KINDS, Item, collect
from nlu.similarity import DIM, THRESHOLD, Groups, typical, varied
from taskstore.curation import InboxCluster, InboxItem
from taskstore.models import RoutingCorrection, now_of

OPEN, IGNORED, DONE = "open", "ignored", "done"
STATUSES = (OPEN, IGNORED, DONE)
WEIGHT = {
    "fallback": 1.0,
    "none_fit": 1.0,
    "not_helpful": 1.0,
    "person_after_answer": 0.6,
    "rerouted": 0.6,
    "resolved": 0.5,  # staff answered it: a candidate for an answer the bot could give
}
HALF_LIFE_DAYS = 7.0
EXAMPLES = 4


async def gather(session: AsyncSession, since: datetime) -> int:
    """Copy the sources' new questions in; returns how many were new."""
    found = await collect(session, since)
    # Keys and kinds only: the rows' texts and vectors are not needed to tell what is new.
    rows = await session.execute(
        select(InboxItem.source, InboxItem.ref, InboxItem.id, InboxItem.kind).where(
            InboxItem.at >= since
        )
    )
    known = {(source, ref): (item_id, kind) for source, ref, item_id, kind in rows.all()}
    new = 0
    for item in found:
        seen = known.get((item.source, item.ref))
        if seen is None:
            session.add(_row(item))
            new += 1
        elif seen[1] != item.kind:  # e.g. a fallback whose clarification then did not fit
            await session.execute(
                update(InboxItem).where(InboxItem.id == seen[0]).values(kind=item.kind)
            )
    await session.flush()
    return new


def _row(item: Item) -> InboxItem:
    return InboxItem(
        source=item.source,
        ref=item.ref,
        kind=item.kind,
        text=item.text,
        language=item.language,
        at=item.at,
        guess=item.guess,
        team=item.team,
        to_team=item.to_team,
        reply=item.reply,
    )


async def ungrouped(session: AsyncSession, limit: int) -> list[InboxItem]:
    rows = await session.scalars(
        select(InboxItem).where(InboxItem.vector.is_(None)).order_by(InboxItem.id).limit(limit)
    )
    return list(rows)


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


async def place(
    session: AsyncSession, items: list[InboxItem], vectors: np.ndarray, threshold: float = THRESHOLD
) -> None:
    """Put embedded questions into the nearest open or ignored group, or new groups. A done
    group takes no more: a question like it that still fails after the content was fixed is
    news, and starts a group of its own."""
    clusters = list(
        await session.scalars(
            select(InboxCluster).where(InboxCluster.status != DONE).order_by(InboxCluster.id)
        )
    )
    groups = Groups(
        np.vstack([_vector(c.centre) for c in clusters]).astype(np.float32)
        if clusters
        else np.zeros((0, DIM), dtype=np.float32),
        [c.size for c in clusters],
    )
    placed = groups.assign(vectors, threshold)
    for index in range(len(clusters), len(groups.sizes)):
        first = items[placed.index(index)]
        cluster = InboxCluster(status=OPEN, centre=b"", size=0, last_at=first.at, handled_as="")
        session.add(cluster)
        clusters.append(cluster)
    await session.flush()
    for item, vector, index in zip(items, vectors, placed, strict=True):
        cluster = clusters[index]
        item.vector = vector.astype(np.float32).tobytes()
        item.cluster_id = cluster.id
        cluster.last_at = max(cluster.last_at, item.at)
    for index, cluster in enumerate(clusters):
        if groups.sizes[index] != cluster.size:
            cluster.size = groups.sizes[index]
            cluster.centre = groups.centres[index].astype(np.float32).tobytes()
    await session.flush()


@dataclass(frozen=True)
class Group:
    """A group as the inbox shows it."""

    id: int
    status: str
    # ignored | out_of_scope | examples:<intent> | new_topic:<intent> | team:<team>
    handled_as: str
    score: float
    size: int  # questions within the period
    last_at: datetime
    typical: str
    examples: list[str]
    guesses: list[tuple[str, int]]  # intents the model ranked first, most often first
    languages: list[tuple[str, int]]
    kinds: list[tuple[str, int]]
    teams: list[tuple[str, int]]  # the right teams of reroutes, the teams that resolved
    replies: dict[str, list[str]]  # language -> staff replies to resolved tickets
    texts: dict[str, list[str]]  # language -> every question (for "add as examples")


async def ranked(
    session: AsyncSession, status: str, since: datetime, limit: int
) -> tuple[list[Group], int]:
    """The groups of `status` with questions since `since`, best first, and their count."""
    rows = (
        await session.execute(
            select(InboxItem, InboxCluster.status)
            .join(InboxCluster, InboxCluster.id == InboxItem.cluster_id)
            .where(InboxCluster.status == status, InboxItem.at >= since)
        )
    ).all()
    now = now_of(session)
    members: dict[int, list[InboxItem]] = collections.defaultdict(list)
    scores: dict[int, float] = collections.defaultdict(float)
    for item, _status in rows:
        age = (now - item.at).total_seconds() / 86400
        scores[item.cluster_id or 0] += WEIGHT.get(item.kind, 1.0) * 0.5 ** (age / HALF_LIFE_DAYS)
        members[item.cluster_id or 0].append(item)
    best = sorted(scores, key=lambda c: (-scores[c], -c))[:limit]
    clusters = {
        c.id: c
        for c in await session.scalars(select(InboxCluster).where(InboxCluster.id.in_(best)))
    }
    return [_group(clusters[c], scores[c], members[c]) for c in best], len(scores)


def _counted(values: list[str | None], top: int = 3) -> list[tuple[str, int]]:
    counts = collections.Counter(v for v in values if v)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def _group(cluster: InboxCluster, score: float, items: list[InboxItem]) -> Group:
    items = sorted(items, key=lambda i: i.at, reverse=True)
    vectors = np.vstack([_vector(i.vector or b"") for i in items])
    first = typical(vectors, _vector(cluster.centre))
    shown = [i for i in varied(vectors, EXAMPLES + 1) if i != first][:EXAMPLES]
    texts: dict[str, list[str]] = {}
    replies: dict[str, list[str]] = {}
    for item in items:
        if item.text not in texts.setdefault(item.language, []):
            texts[item.language].append(item.text)
        if item.reply and item.reply not in replies.setdefault(item.language, []):
            replies[item.language].append(item.reply)
    return Group(
        id=cluster.id,
        status=cluster.status,
        handled_as=cluster.handled_as,
        score=score,
        size=len(items),
        last_at=max(i.at for i in items),
        typical=items[first].text,
        examples=[items[i].text for i in shown],
        guesses=_counted([i.guess for i in items]),
        languages=_counted([i.language for i in items], 3),
        kinds=_counted([i.kind for i in items], len(KINDS)),
        teams=_counted([i.to_team for i in items]),
        texts=texts,
        replies={lang: found[:2] for lang, found in replies.items() if found},
    )


async def group_replies(session: AsyncSession, cluster_id: int) -> dict[str, list[str]]:
    """Staff replies to a group's resolved tickets, newest first, by language."""
    rows = await session.execute(
        select(InboxItem.language, InboxItem.reply)
        .where(InboxItem.cluster_id == cluster_id, InboxItem.reply.is_not(None))
        .order_by(InboxItem.at.desc())
    )
    replies: dict[str, list[str]] = {}
    for language, reply in rows.all():
        if reply and reply not in replies.setdefault(language, []):
            replies[language].append(reply)
    return replies


async def group_texts(session: AsyncSession, cluster_id: int) -> dict[str, list[str]]:
    """Every question of a group by language, oldest first, each once."""
    rows = await session.execute(
        select(InboxItem.language, InboxItem.text)
        .where(InboxItem.cluster_id == cluster_id)
        .order_by(InboxItem.at)
    )
    texts: dict[str, list[str]] = {}
    for language, text in rows.all():
        if text not in texts.setdefault(language, []):
            texts[language].append(text)
    return texts


async def set_status(
    session: AsyncSession, cluster_id: int, status: str, by: int | None, what: str = ""
) -> bool:
    """Ignore, reopen or close a group; False if there is no such group. Closing or
    ignoring one marks the routing corrections in it reviewed."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    result = await session.execute(
        update(InboxCluster)
        .where(InboxCluster.id == cluster_id)
        .values(
            status=status,
            handled_by=by if status != OPEN else None,
            handled_at=now_of(session) if status != OPEN else None,
            handled_as=what if status != OPEN else "",
        )
    )
    if status != OPEN:  # the staff reroutes in it have been looked at
        await session.execute(
            update(RoutingCorrection)
            .where(
                RoutingCorrection.id.in_(
                    select(InboxItem.ref).where(
                        InboxItem.cluster_id == cluster_id, InboxItem.source == "correction"
                    )
                )
            )
            .values(reviewed=True)
        )
    return bool(result.rowcount)  # type: ignore[attr-defined]
