"""Grouping by meaning (nlu/similarity.py) on given vectors: joining the nearest group, and
picking what a group shows."""

from __future__ import annotations

import numpy as np

from nlu.similarity import Groups, centred, typical, varied


def unit(*weights: float) -> np.ndarray:
    vector = np.asarray(weights, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_a_question_joins_the_nearest_group_at_the_threshold_or_starts_one() -> None:
    groups = Groups(np.zeros((0, 3), dtype=np.float32))
    placed = groups.assign(np.vstack([unit(1, 0, 0), unit(1, 0.2, 0), unit(0, 1, 0)]), 0.9)
    assert placed == [0, 0, 1] and groups.sizes == [2, 1]
    assert abs(float(np.linalg.norm(groups.centres[0])) - 1) < 1e-6
    assert groups.assign(np.vstack([unit(0, 1, 0.1)]), 0.9) == [1] and groups.sizes == [2, 2]


def test_a_group_shows_its_most_typical_question_and_varied_ones() -> None:
    vectors = np.vstack([unit(1, 0.5, 0), unit(1, 0, 0), unit(1, 0, 0.5), unit(1, 0.01, 0)])
    assert typical(vectors, unit(1, 0, 0)) == 1
    assert varied(vectors, 2) == [0, 2]
    assert varied(vectors[:0], 2) == []


def test_centring_spreads_vectors_that_share_a_direction() -> None:
    vectors = np.vstack([unit(1, 0.1, 0), unit(1, 0, 0.1)])
    assert float(vectors[0] @ vectors[1]) > 0.98
    spread = centred(vectors, vectors.mean(axis=0))
    assert float(spread[0] @ spread[1]) < 0
    assert np.allclose(centred(vectors[:1], vectors[0]), 0)
