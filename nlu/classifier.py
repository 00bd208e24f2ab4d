"""Feature vectors and calibrated linear classifiers, with per-feature explanations.

Linear models over sparse TF-IDF features: they train in seconds, parse in well under a
millisecond, and every decision decomposes into feature weights a person can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
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


class LinearClassifier:
    """A linear model whose scores are calibrated by temperature scaling.

    Temperature scaling keeps the ranking and fits one parameter on out-of-fold scores
    (sklearn's CalibratedClassifierCV, ensemble=False), so the deployed model is one linear
    model and its probabilities mean what they say.
    """

    def __init__(self, config: NLUConfig) -> None:
        self.config = config
        self.model: CalibratedClassifierCV | None = None

    def unfitted(self) -> CalibratedClassifierCV:
        """A fresh sklearn estimator as configured, e.g. for cross-validation."""
        return CalibratedClassifierCV(
            _base_estimator(self.config),
            method="temperature",
            cv=self.config.calibration_folds,
            ensemble=False,
        )

    def fit(self, X: sp.csr_matrix, labels: Sequence[str]) -> LinearClassifier:
        self.model = self.unfitted().fit(X, np.asarray(labels))
        # float32 halves the largest part of the model (classes x features); scores move by
        # ~1e-7, far below any threshold. sklearn's own methods use the same array.
        estimator = self.model.calibrated_classifiers_[0].estimator
        estimator.coef_ = estimator.coef_.astype(np.float32)
        self.classes: list[str] = [str(c) for c in self.model.classes_]
        return self

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray[Any, Any]:
        assert self.model is not None, "fit() first"
        return np.asarray(self.model.predict_proba(X))

    def proba_row(self, row: SparseRow) -> np.ndarray[Any, Any]:
        """`predict_proba` for one message: softmax(temperature * decision function)."""
        assert self.model is not None, "fit() first"
        calibrated = self.model.calibrated_classifiers_[0]
        coef = calibrated.estimator.coef_
        if coef.shape[0] < 3:  # binary models have their own score shape: let sklearn do it
            X = sp.csr_matrix(
                (row.values, row.indices, [0, len(row.indices)]), shape=(1, coef.shape[1])
            )
            return np.asarray(self.predict_proba(X)[0])
        scores = linear_scores(coef, calibrated.estimator.intercept_, row)
        return softmax(calibrated.calibrators[0].beta_ * scores)

    def _weights(self) -> np.ndarray[Any, Any]:
        assert self.model is not None, "fit() first"
        return np.asarray(self.model.calibrated_classifiers_[0].estimator.coef_)

    def explain(
        self, row: SparseRow, class_index: int, names: np.ndarray[Any, Any], top: int = 20
    ) -> list[tuple[str, float]]:
        """The features in `row` that pushed hardest towards `class_index`."""
        weights = self._weights()
        if weights.shape[0] == 1:  # binary models keep one row, for the second class
            weights = np.vstack([-weights[0], weights[0]])
        contributions = row.values * weights[class_index, row.indices]
        order = np.argsort(-contributions)[:top]
        return [
            (str(names[row.indices[i]]), float(contributions[i]))
            for i in order
            if contributions[i] > 0
        ]
