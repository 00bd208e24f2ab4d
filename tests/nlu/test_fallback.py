"""Fallback thresholds: tuned to catch out-of-scope messages within the false-fallback budget."""

import numpy as np

from nlu.fallback import Thresholds, tune_thresholds

CLASSES = ["a", "b", "out_of_scope"]


def probs(rows: list[list[float]]) -> np.ndarray:
    return np.asarray(rows, dtype=float)


def test_thresholds_catch_unsure_out_of_scope_within_budget() -> None:
    confident = [[0.9, 0.05, 0.05]] * 18 + [[0.05, 0.9, 0.05]] * 18
    unsure_in_scope = [[0.5, 0.45, 0.05]]  # one in-scope message with a thin margin
    out_of_scope = [[0.4, 0.35, 0.25]] * 4 + [[0.1, 0.1, 0.8]] * 4
    p = probs(confident + unsure_in_scope + out_of_scope)
    labels = ["a"] * 18 + ["b"] * 18 + ["a"] + ["out_of_scope"] * 8
    report = tune_thresholds(p, CLASSES, labels, budget=0.05)
    assert report.out_of_scope_recall == 1.0
    assert report.false_fallback_rate <= 0.05
    assert report.thresholds.is_fallback(0.4, 0.35)
    assert not report.thresholds.is_fallback(0.9, 0.05)


def test_budget_is_respected_even_when_it_costs_recall() -> None:
    # Out-of-scope messages look exactly like in-scope ones: nothing can be caught for free.
    p = probs([[0.6, 0.3, 0.1]] * 20)
    labels = ["a"] * 10 + ["out_of_scope"] * 10
    report = tune_thresholds(p, CLASSES, labels, budget=0.05)
    assert report.false_fallback_rate <= 0.05
    assert report.out_of_scope_recall == 0.0


def test_unseen_words_signal_is_used_when_it_separates() -> None:
    p = probs([[0.7, 0.2, 0.1]] * 40)
    labels = ["a"] * 20 + ["out_of_scope"] * 20
    unseen = np.array([0.1] * 20 + [0.95] * 20)
    report = tune_thresholds(p, CLASSES, labels, budget=0.05, unseen=unseen)
    assert report.out_of_scope_recall == 1.0
    assert report.false_fallback_rate == 0.0
    assert report.thresholds.unseen <= 0.9


def test_default_thresholds() -> None:
    assert Thresholds().is_fallback(0.2, 0.1)
    assert Thresholds().is_fallback(0.5, 0.48)
    assert not Thresholds().is_fallback(0.6, 0.1)
