"""One message through fitted sklearn models, without sklearn's per-call input checks.

sklearn is built for batches: for a single message its validation (array checks, dataframe
detection) costs several times the arithmetic, which alone would break the 2 ms parse
budget. These helpers read the fitted attributes (vocabulary, idf, coefficients, the
calibration temperature) and do the same arithmetic with numpy. tests/nlu/test_fastpath.py pins
that the results equal sklearn's own `transform` and `predict_proba`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


class SparseRow(NamedTuple):
    indices: np.ndarray[Any, Any]
    values: np.ndarray[Any, Any]


EMPTY = SparseRow(np.zeros(0, dtype=np.int64), np.zeros(0))


class TfidfRow:
    """`TfidfVectorizer.transform` for one document (raw counts, idf, sublinear tf, L2)."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.idf: np.ndarray[Any, Any] = vectorizer.idf_
        self.sublinear = bool(vectorizer.sublinear_tf)
        self.analyze: Callable[[Any], list[str]] = vectorizer.build_analyzer()

    def __call__(self, doc: Any) -> SparseRow:
        counts = Counter(self.analyze(doc))
        known = [(self.vocabulary[f], n) for f, n in counts.items() if f in self.vocabulary]
        if not known:
            return EMPTY
        known.sort()
        indices = np.fromiter((i for i, _ in known), dtype=np.int64, count=len(known))
        tf = np.fromiter((n for _, n in known), dtype=np.float64, count=len(known))
        if self.sublinear:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[indices]
        norm = float(np.sqrt(values @ values))
        return SparseRow(indices, values / norm if norm else values)


def softmax(scores: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    shifted = np.exp(scores - scores.max())
    return np.asarray(shifted / shifted.sum())


def linear_scores(
    coef: np.ndarray[Any, Any], intercept: np.ndarray[Any, Any] | float, row: SparseRow
) -> np.ndarray[Any, Any]:
    """coef @ x + intercept for a sparse x, touching only the columns x uses."""
    return np.asarray(coef[:, row.indices] @ row.values + intercept)
