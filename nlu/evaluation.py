"""Measuring the NLU: cross-validation or an external test set, reported as plain numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from nlu.analyzer import IntentInfo, TeamExample, TrainingExample
from nlu.config import LANGUAGES, OUT_OF_SCOPE, NLUConfig
from nlu.model import NLUModel


@dataclass(frozen=True)
class Prediction:
    language: str
    text: str
    true_intent: str | None
    true_team: str | None
    intent: str
    team: str
    confidence: float
    fallback: bool
    identified_language: str
    # Real sets (nlu/routing_report.py): what the line is, and what the bot would do with it.
    kind: str | None = None  # faq | case | sensitive | oos
    sensitive: bool = False  # kept out of the shared log (the runtime's decision)
    intent_team: str | None = None  # whose answer it gives (None for core intents)
    half: str | None = None  # the dev set's tuning or report half


def cross_validation_folds(
    examples: Sequence[TrainingExample], folds: int, seed: int = 0
) -> list[tuple[list[int], list[int]]]:
    """Stratified by language and intent, so every fold sees every intent of every language.

    Also used by the Rasa side-by-side, so both systems are measured on the same splits.
    """
    splits: list[tuple[list[int], list[int]]] = [([], []) for _ in range(folds)]
    for lang in LANGUAGES:
        index = [i for i, e in enumerate(examples) if e.language == lang]
        if not index:
            continue
        labels = [examples[i].intent for i in index]
        kfold = StratifiedKFold(folds, shuffle=True, random_state=seed)
        for fold, (train, test) in enumerate(kfold.split(index, labels)):
            splits[fold][0].extend(index[i] for i in train)
            splits[fold][1].extend(index[i] for i in test)
    return splits


def predict(
    model: NLUModel, examples: Sequence[TrainingExample], teams: dict[str, str | None]
) -> list[Prediction]:
    """Parse each example in its own language (intent quality), and separately identify it."""
    out = []
    for ex in examples:
        result = model.parse(ex.text, language=ex.language)
        out.append(
            Prediction(
                ex.language,
                ex.text,
                ex.intent,
                teams.get(ex.intent),
                result.intent.name,
                result.team.name,
                result.intent.confidence,
                result.fallback,
                model.langid.identify(ex.text).language,
            )
        )
    return out


def cross_validate(
    examples: Sequence[TrainingExample],
    intents: dict[str, IntentInfo],
    config: NLUConfig | None = None,
    folds: int = 5,
    progress: Callable[[str], None] | None = None,
    vocabulary: Sequence[TeamExample] = (),
) -> dict[str, Any]:
    teams = {
        name: info.team if info.kind in ("faq", "case") else None for name, info in intents.items()
    }
    predictions: list[Prediction] = []
    for fold, (train, test) in enumerate(cross_validation_folds(examples, folds)):
        model = NLUModel.train([examples[i] for i in train], intents, config, vocabulary=vocabulary)
        predictions += predict(model, [examples[i] for i in test], teams)
        if progress:
            progress(f"fold {fold + 1}/{folds}")
    return report(predictions, method=f"{folds}-fold cross-validation")


def report(predictions: Sequence[Prediction], method: str) -> dict[str, Any]:
    per_language = {}
    for lang in LANGUAGES:
        items = [p for p in predictions if p.language == lang]
        if items:
            per_language[lang] = _language_report(items)
    return {
        "method": method,
        "messages": len(predictions),
        "languages": per_language,
        "overall": _language_report(list(predictions), details=False),
    }


def _language_report(items: list[Prediction], details: bool = True) -> dict[str, Any]:
    labelled = [p for p in items if p.true_intent is not None]
    truth = [str(p.true_intent) for p in labelled]
    guess = [p.intent for p in labelled]
    routed = [p for p in items if p.true_team is not None]
    in_scope = [p for p in labelled if p.true_intent != OUT_OF_SCOPE]
    oos = [p for p in labelled if p.true_intent == OUT_OF_SCOPE]
    caught = [p.fallback or p.intent == OUT_OF_SCOPE for p in oos]
    falsely = [p.fallback or p.intent == OUT_OF_SCOPE for p in in_scope]
    out: dict[str, Any] = {
        "messages": len(items),
        "intent_accuracy": _round(accuracy_score(truth, guess)) if labelled else None,
        "intent_macro_f1": _round(f1_score(truth, guess, average="macro", zero_division=0))
        if labelled
        else None,
        "team_routing_accuracy": _round(np.mean([p.team == p.true_team for p in routed]))
        if routed
        else None,
        "out_of_scope_recall": _round(np.mean(caught)) if oos else None,
        "false_fallback_rate": _round(np.mean(falsely)) if in_scope else None,
        "language_id_accuracy": _round(
            np.mean([p.identified_language == p.language for p in items])
        ),
        "calibration_error": _expected_calibration_error(labelled) if labelled else None,
    }
    if details and labelled:
        out["most_confused"] = [
            {"true": t, "predicted": g, "count": n}
            for (t, g), n in Counter(
                (t, g) for t, g in zip(truth, guess, strict=True) if t != g
            ).most_common(10)
        ]
        names = sorted(set(truth))
        p, r, f, s = precision_recall_fscore_support(truth, guess, labels=names, zero_division=0)
        out["per_intent"] = {
            n: {
                "precision": _round(p[i]),
                "recall": _round(r[i]),
                "f1": _round(f[i]),
                "support": int(s[i]),
            }
            for i, n in enumerate(names)
        }
    return out


def _expected_calibration_error(items: list[Prediction], bins: int = 10) -> float:
    """Average gap between confidence and accuracy, weighted by how many fall in each bin."""
    confidence = np.array([p.confidence for p in items])
    correct = np.array([p.intent == p.true_intent for p in items], dtype=float)
    edges = np.minimum((confidence * bins).astype(int), bins - 1)
    gap = sum(
        abs(confidence[edges == b].mean() - correct[edges == b].mean()) * (edges == b).sum()
        for b in range(bins)
        if (edges == b).any()
    )
    return _round(gap / len(items))


def _round(value: Any) -> float:
    return round(float(value), 4)
