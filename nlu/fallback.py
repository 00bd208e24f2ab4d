"""When to say "I am not sure": confidence and margin thresholds tuned on held-out scores."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from nlu.config import OUT_OF_SCOPE


@dataclass(frozen=True)
class Thresholds:
    confidence: float = 0.3
    margin: float = 0.05

    def is_fallback(self, top: float, second: float) -> bool:
        return top < self.confidence or top - second < self.margin

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
    probs: np.ndarray[Any, Any], classes: list[str], labels: list[str], budget: float
) -> TuningReport:
    """The thresholds that catch the most out-of-scope messages within a false-fallback budget.

    `probs` are out-of-fold probabilities, so the figures are what unseen messages will get.
    A message counts as caught when it falls back or is classified out_of_scope; a false
    fallback is an in-scope message caught. Ties go to catching more misclassified in-scope
    messages, since a clarifying question beats a wrong answer.
    """
    order = np.sort(probs, axis=1)
    top, second = order[:, -1], order[:, -2]
    predicted = np.asarray(classes)[probs.argmax(axis=1)]
    truth = np.asarray(labels)
    in_scope = truth != OUT_OF_SCOPE
    wrong = in_scope & (predicted != truth)
    predicted_oos = predicted == OUT_OF_SCOPE
    best: TuningReport | None = None
    best_key: tuple[float, float, float] | None = None
    for confidence in np.arange(0.0, 0.91, 0.02):
        for margin in np.arange(0.0, 0.51, 0.02):
            caught = predicted_oos | (top < confidence) | (top - second < margin)
            false_rate = float(caught[in_scope].mean())
            if false_rate > budget:
                continue
            recall = float(caught[~in_scope].mean()) if (~in_scope).any() else 1.0
            errors = float(caught[wrong].mean()) if wrong.any() else 1.0
            key = (recall, errors, -false_rate)
            if best_key is None or key > best_key:
                best_key = key
                best = TuningReport(
                    Thresholds(round(float(confidence), 2), round(float(margin), 2)),
                    recall,
                    false_rate,
                    errors,
                )
    if best is None:  # even "never fall back" exceeds the budget: out_of_scope alone decides
        caught = predicted_oos
        best = TuningReport(
            Thresholds(0.0, 0.0),
            float(caught[~in_scope].mean()) if (~in_scope).any() else 1.0,
            float(caught[in_scope].mean()),
            0.0,
        )
    return best
