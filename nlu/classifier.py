"""Feature vectors and calibrated linear classifiers, with per-feature explanations.

Linear models over sparse TF-IDF features: they train in seconds, parse in well under a
millisecond, and every decision decomposes into feature weights a person can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from scipy.special import softmax as softmax_rows
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from nlu.config import NLUConfig
from nlu.fastpath import SparseRow, TfidfRow, linear_scores, softmax
from nlu.features import FeatureDoc


def _identity(words: Sequence[str]) -> Sequence[str]:
    return words


class Vectorizer:
    """Word-level and character TF-IDF blocks, each L2-normed, then weighted and stacked."""

    def __init__(self, config: NLUConfig) -> None:
        self.word_weight = config.word_weight
        self.char_weight = config.char_weight
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True, min_df=2
        )
        self._names: np.ndarray[Any, Any] | None = None
        self._rows: tuple[TfidfRow, TfidfRow] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_names": None, "_rows": None}

    def fit_transform(self, docs: Sequence[FeatureDoc]) -> sp.csr_matrix:
        words = self.words.fit_transform([d.words for d in docs])
        chars = self.chars.fit_transform([d.chars for d in docs])
        self._names = self._rows = None
        return self._stack(words, chars)

    def unseen_share(self, doc: FeatureDoc) -> float:
        """The share of the message's lemmas that training never saw (0 when it has none)."""
        lemmas = [w for w in doc.words if w.startswith("l:")]
        if not lemmas:
            return 0.0
        vocabulary = self.words.vocabulary_
        return sum(w not in vocabulary for w in lemmas) / len(lemmas)

    def row(self, doc: FeatureDoc) -> SparseRow:
        """One message's vector, equal to a row of `transform` (see nlu/fastpath.py)."""
        if self._rows is None:
            self._rows = (TfidfRow(self.words), TfidfRow(self.chars))
        words, chars = self._rows[0](doc.words), self._rows[1](doc.chars)
        offset = len(self._rows[0].vocabulary)
        return SparseRow(
            np.concatenate([words.indices, chars.indices + offset]),
            np.concatenate([words.values * self.word_weight, chars.values * self.char_weight]),
        )

    def transform(self, docs: Sequence[FeatureDoc]) -> sp.csr_matrix:
        return self._stack(
            self.words.transform([d.words for d in docs]),
            self.chars.transform([d.chars for d in docs]),
        )

    def _stack(self, words: sp.spmatrix, chars: sp.spmatrix) -> sp.csr_matrix:
        return sp.hstack([words * self.word_weight, chars * self.char_weight], format="csr")

    @property
    def feature_names(self) -> np.ndarray[Any, Any]:
        if self._names is None:
            chars = ["c:" + n for n in self.chars.get_feature_names_out()]
            self._names = np.concatenate([self.words.get_feature_names_out(), chars])
        return self._names


def _base_estimator(config: NLUConfig) -> LogisticRegression | LinearSVC:
    if config.classifier == "linearsvc":
        return LinearSVC(C=config.regularization_c, random_state=config.seed)
    if config.classifier == "logreg":
        return LogisticRegression(C=config.regularization_c, max_iter=3000)
    raise ValueError(f"unknown classifier {config.classifier!r} (use logreg or linearsvc)")


def _as_columns(scores: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Binary models give one score per message (for the second class): make it two."""
    if scores.ndim == 1:
        return np.column_stack([-scores, scores])
    return scores


def fit_temperature(
    scores: np.ndarray[Any, Any], labels: Sequence[str], classes: list[str]
) -> float:
    """The one factor that makes softmax(t * scores) honest probabilities on held-out scores
    (temperature scaling: the ranking stays, only confidence moves)."""
    index = {c: i for i, c in enumerate(classes)}
    known = np.asarray([label in index for label in labels])
    columns = _as_columns(scores)[known]
    truth = np.asarray([index[label] for label in labels if label in index])
    if truth.size == 0:
        return 1.0

    def loss(log_t: float) -> float:
        log_p = log_softmax(np.exp(log_t) * columns, axis=1)
        return float(-log_p[np.arange(truth.size), truth].mean())

    return float(np.exp(minimize_scalar(loss, bounds=(-5.0, 5.0), method="bounded").x))


class LinearClassifier:
    """A linear model whose scores become probabilities by temperature scaling.

    The temperature is fitted on held-out scores (nlu/training.py holds part of the data
    out once, and tunes the fallback thresholds on the same scores), so the deployed model is
    one linear model, trained once on everything, and its probabilities mean what they say.
    """

    def __init__(self, config: NLUConfig) -> None:
        self.config = config
        self.estimator: LogisticRegression | LinearSVC | None = None
        self.temperature = 1.0
        self.columns: np.ndarray[Any, Any] | None = None
        self._positions: np.ndarray[Any, Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_positions": None}

    def fit(
        self, X: sp.csr_matrix, labels: Sequence[str], own_columns: bool = False
    ) -> LinearClassifier:
        """`own_columns`: keep weights only for the feature columns these examples use (a
        linear SVM gives every other column a zero weight): a classifier of one team's intents
        then holds a fraction of the vocabulary's columns."""
        if own_columns:
            self.columns = np.flatnonzero(np.diff(X.tocsc().indptr))
            X = X[:, self.columns]
        self.estimator = _base_estimator(self.config).fit(X, np.asarray(labels))
        # float16 quarters the largest part of the model (classes x features: 257 MB at 296
        # intents in float32); scores move by ~1e-3 of their size, far below any threshold,
        # and the same parses come out (bench/RESULTS.md). sklearn's methods use this array.
        self.estimator.coef_ = self.estimator.coef_.astype(np.float16)
        self.classes: list[str] = [str(c) for c in self.estimator.classes_]
        return self

    def scores(self, X: sp.csr_matrix) -> np.ndarray[Any, Any]:
        assert self.estimator is not None, "fit() first"
        if self.columns is not None:
            X = X[:, self.columns]
        return _as_columns(np.asarray(self.estimator.decision_function(X)))

    def calibrate(self, scores: np.ndarray[Any, Any], labels: Sequence[str]) -> None:
        self.temperature = fit_temperature(scores, labels, self.classes)

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray[Any, Any]:
        return np.asarray(softmax_rows(self.temperature * self.scores(X), axis=1))

    def proba_row(self, row: SparseRow) -> np.ndarray[Any, Any]:
        """`predict_proba` for one message: softmax(temperature * decision function)."""
        weights = self._weights()
        scores = linear_scores(weights, self._intercepts(), self._own(row)[0])
        return softmax(self.temperature * scores)

    def _own(self, row: SparseRow) -> tuple[SparseRow, np.ndarray[Any, Any]]:
        """The row in this classifier's columns, and those entries' indices in the row."""
        if self.columns is None:
            return row, row.indices
        if self._positions is None:
            # One int32 per feature (~1 MB): an indexing step, where a search per message
            # cost more than the arithmetic.
            self._positions = np.full(int(self.columns[-1]) + 1, -1, dtype=np.int32)
            self._positions[self.columns] = np.arange(len(self.columns), dtype=np.int32)
        mask = row.indices < len(self._positions)
        known, values = row.indices[mask], row.values[mask]
        positions = self._positions[known]
        inside = positions >= 0
        return SparseRow(positions[inside], values[inside]), known[inside]

    def _weights(self) -> np.ndarray[Any, Any]:
        assert self.estimator is not None, "fit() first"
        coef = np.asarray(self.estimator.coef_)
        return np.vstack([-coef[0], coef[0]]) if coef.shape[0] == 1 else coef

    def _intercepts(self) -> np.ndarray[Any, Any]:
        assert self.estimator is not None, "fit() first"
        intercept = np.atleast_1d(np.asarray(self.estimator.intercept_))
        return np.concatenate([-intercept, intercept]) if intercept.shape[0] == 1 else intercept

    def explain(
        self, row: SparseRow, class_index: int, names: np.ndarray[Any, Any], top: int = 20
    ) -> list[tuple[str, float]]:
        """The features in `row` that pushed hardest towards `class_index`."""
        own, indices = self._own(row)
        contributions = own.values * self._weights()[class_index, own.indices]
        order = np.argsort(-contributions)[:top]
        return [
            (str(names[indices[i]]), float(contributions[i])) for i in order if contributions[i] > 0
        ]
