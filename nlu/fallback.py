"""When to say "I am not sure": thresholds tuned on held-out scores.

Three signals, each cheap and explainable: the top intent's probability, its margin over
the second, and the share of the message's lemmas that never occurred in training (a
question about something we have no content for is mostly unseen words).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from nlu.config import OUT_OF_SCOPE

_CONFIDENCE = np.arange(0.0, 0.91, 0.02)
_MARGIN = np.arange(0.0, 0.51, 0.02)
_UNSEEN = np.array([0.5, 0.6, 0.7, 0.8, 0.9, 1.01])  # 1.01: the signal is not used


@dataclass(frozen=True)
class Thresholds:
    confidence: float = 0.3
    margin: float = 0.05
    unseen: float = 1.01

    def is_fallback(self, top: float, second: float, unseen: float = 0.0) -> bool:
        return top < self.confidence or top - second < self.margin or unseen >= self.unseen

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class TuningReport:
    thresholds: Thresholds
    out_of_scope_recall: float
    false_fallback_rate: float
    errors_caught: float

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "thresholds": self.thresholds.to_dict()}


def tune_thresholds(
    probs: np.ndarray[Any, Any],
    classes: list[str],
    labels: list[str],
    budget: float,
    unseen: np.ndarray[Any, Any] | None = None,
) -> TuningReport:
    """The thresholds that catch the most out-of-scope messages within a false-fallback budget.

    `probs` and `unseen` are out-of-fold, so the figures are what unseen messages will get.
    A message counts as caught when it falls back or is classified out_of_scope; a false
    fallback is an in-scope message caught. Ties go to catching more misclassified in-scope
    messages, since a clarifying question beats a wrong answer.
    """
    order = np.sort(probs, axis=1)
    top, second = order[:, -1], order[:, -2]
    unseen = np.zeros(len(top)) if unseen is None else unseen
    predicted = np.asarray(classes)[probs.argmax(axis=1)]
    truth = np.asarray(labels)
    in_scope = truth != OUT_OF_SCOPE
    wrong = in_scope & (predicted != truth)
    best = TuningReport(Thresholds(0.0, 0.0), *_figures(predicted == OUT_OF_SCOPE, in_scope, wrong))
    best_key = (-1.0, -1.0, -1.0)
    for unseen_cut in _UNSEEN:
        by_unseen = (predicted == OUT_OF_SCOPE) | (unseen >= unseen_cut)
        for confidence in _CONFIDENCE:
            by_confidence = by_unseen | (top < confidence)
            for margin in _MARGIN:
                caught = by_confidence | (top - second < margin)
                recall, false_rate, errors = _figures(caught, in_scope, wrong)
                key = (recall, errors, -false_rate)
                if false_rate <= budget and key > best_key:
                    best_key = key
                    chosen = Thresholds(
                        round(float(confidence), 2),
                        round(float(margin), 2),
                        round(float(unseen_cut), 2),
                    )
                    best = TuningReport(chosen, recall, false_rate, errors)
    return best


def _figures(
    caught: np.ndarray[Any, Any], in_scope: np.ndarray[Any, Any], wrong: np.ndarray[Any, Any]
) -> tuple[float, float, float]:
    recall = float(caught[~in_scope].mean()) if (~in_scope).any() else 1.0
    errors = float(caught[wrong].mean()) if wrong.any() else 1.0
    return recall, float(caught[in_scope].mean()), errors
