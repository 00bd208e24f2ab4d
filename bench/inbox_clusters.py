"""Grouping the inbox: e5 embeddings (nlu/similarity.py) against a character TF-IDF
baseline, with the same online grouping, measured in the same run.

Two labelled sets: the real question set grouped by team (`--devset`, as residents write),
and the content's own example questions grouped by intent across fi, sv and en (intents the
reference mean was not taken from). Figures: adjusted Rand index, purity, and the number
of groups, for a few thresholds, and for the shipped one after merging close groups; then
the time to embed and group N messages.

usage: python -m bench.inbox_clusters [--devset ../shared/devset/real_dev.jsonl] [--time 10000]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from content import load_valid_content
from nlu.similarity import THRESHOLD, Groups, centred, embed

Embedder = Callable[[Sequence[str]], np.ndarray]


def purity(labels: Sequence[str], groups: Sequence[int]) -> float:
    members: dict[int, list[str]] = collections.defaultdict(list)
    for label, group in zip(labels, groups, strict=True):
        members[group].append(label)
    return sum(collections.Counter(m).most_common(1)[0][1] for m in members.values()) / len(labels)


def tfidf(reference: Sequence[str]) -> Embedder:
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    vectorizer.fit(reference)
    return lambda texts: vectorizer.transform(texts).toarray().astype(np.float32)


def e5(reference: Sequence[str]) -> Embedder:
    mean = embed(reference).mean(axis=0)
    return lambda texts: centred(embed(texts), mean)


MERGE_THRESHOLDS = (0.5, 0.55, 0.6, 0.7)


def merges(centres: np.ndarray, sizes: list[int], threshold: float) -> list[tuple[int, int]]:
    """Groups to merge, as (kept, merged into it) index pairs, most similar first, the larger
    kept; each group in one merge a round."""
    similarity = centres @ centres.T
    close = sorted(
        (
            (float(similarity[a, b]), int(a), int(b))
            for a, b in zip(*np.nonzero(np.triu(similarity >= threshold, 1)), strict=True)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    used: set[int] = set()
    pairs = []
    for _, a, b in close:
        if a not in used and b not in used:
            used |= {a, b}
            pairs.append((a, b) if sizes[a] >= sizes[b] else (b, a))
    return pairs


def merged(groups: Groups, placed: list[int], threshold: float) -> list[int]:
    """The groups after rounds of merging open groups whose centres came close, until none
    are that close: an experiment, not shipped (bench/RESULTS.md: no gain)."""
    parent = list(range(len(groups.sizes)))
    centres, sizes = groups.centres.copy(), list(groups.sizes)
    alive = list(range(len(sizes)))
    while pairs := merges(centres[alive], [sizes[i] for i in alive], threshold):
        for a, b in pairs:
            kept, gone = alive[a], alive[b]
            centre = centres[kept] * sizes[kept] + centres[gone] * sizes[gone]
            centres[kept] = centre / max(float(np.linalg.norm(centre)), 1e-9)
            sizes[kept] += sizes[gone]
            parent[gone] = kept
        alive = [i for i in alive if parent[i] == i]

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    return [root(i) for i in placed]


def score(name: str, vectors: np.ndarray, labels: list[str], thresholds: Sequence[float]) -> None:
    for threshold in thresholds:
        groups = Groups(np.zeros((0, vectors.shape[1]), dtype=np.float32))
        placed = groups.assign(vectors, threshold)
        ari = adjusted_rand_score(labels, placed)
        print(
            f"  {name:7} threshold {threshold:.2f}: ARI {ari:.3f}  purity "
            f"{purity(labels, placed):.3f}  groups {len(groups.sizes)} "
            f"(labels {len(set(labels))}, items {len(labels)})"
        )
        if name != "e5" or threshold != THRESHOLD:
            continue
        for merge in MERGE_THRESHOLDS:  # the shipped grouping, then merged
            after = merged(groups, placed, merge)
            print(
                f"    then merged at {merge:.2f}: ARI {adjusted_rand_score(labels, after):.3f}"
                f"  purity {purity(labels, after):.3f}  groups {len(set(after))}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=Path("../shared/devset/real_dev.jsonl"))
    parser.add_argument("--time", type=int, default=10000, help="messages for the timing")
    args = parser.parse_args()
    rng = random.Random(14)
    content = load_valid_content(Path("data"))
    intents = sorted(
        (i for i in content.intents.values() if i.kind in ("faq", "case")), key=lambda i: i.name
    )
    rng.shuffle(intents)
    reference_intents, test_intents = intents[:100], intents[100:160]
    reference = [
        ex.text for i in reference_intents for lang in i.examples for ex in i.examples[lang][:3]
    ]
    embedders = {"e5": e5(reference), "tf-idf": tfidf(reference)}
    thresholds = {"e5": (0.35, 0.4, 0.45, 0.5), "tf-idf": (0.2, 0.3, 0.4, 0.5)}

    texts, labels = [], []
    for intent in test_intents:
        for lang, n in (("fi", 4), ("sv", 3), ("en", 3)):
            for ex in rng.sample(intent.examples[lang], n):
                texts.append(ex.text)
                labels.append(intent.name)
    order = list(range(len(texts)))
    rng.shuffle(order)
    texts, labels = [texts[i] for i in order], [labels[i] for i in order]
    print(f"content examples grouped by intent ({len(test_intents)} intents, fi+sv+en):")
    for name, embedder in embedders.items():
        score(name, embedder(texts), labels, thresholds[name])

    if args.devset.is_file():
        rows = [json.loads(line) for line in args.devset.read_text().splitlines() if line]
        rows = [r for r in rows if r.get("team")]
        print(f"real questions grouped by team ({args.devset}):")
        for name, embedder in embedders.items():
            score(
                name,
                embedder([r["text"] for r in rows]),
                [r["team"] for r in rows],
                thresholds[name],
            )

    pool = [ex.text for i in intents for lang in i.examples for ex in i.examples[lang]]
    sample = rng.sample(pool, min(args.time, len(pool)))
    timings = {}
    for name, embedder in (("e5", embedders["e5"]),):  # tf-idf's dense rows: no fair timing
        started = time.perf_counter()
        vectors = embedder(sample)
        embedded = time.perf_counter()
        Groups(np.zeros((0, vectors.shape[1]), dtype=np.float32)).assign(vectors)
        timings[name] = (embedded - started, time.perf_counter() - embedded)
        print(
            f"{name}: {len(sample)} messages embedded in {timings[name][0]:.1f} s, "
            f"grouped in {timings[name][1]:.2f} s"
        )
    per_message = timings["e5"][0] / len(sample) * 1000
    print(f"e5: {per_message:.1f} ms a message to embed (done once, as questions arrive)")


if __name__ == "__main__":
    main()
