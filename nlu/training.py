"""Training: one intent and one team classifier over all three languages' features.

Languages are analysed separately (Voikko for Finnish, lemma tables for Swedish and English),
but classified jointly: names, loanwords and service names shared across languages let the
larger Finnish set help the smaller Swedish and English ones (bench/RESULTS.md has the
figures). Fallback thresholds are tuned per language on out-of-fold probabilities.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from nlu.analyzer import Analyzer, IntentInfo, TrainingExample
from nlu.classifier import LinearClassifier, Vectorizer
from nlu.config import LANGUAGES, NLUConfig
from nlu.fallback import Thresholds, TuningReport, tune_thresholds
from nlu.langid import LanguageIdentifier

Progress = Callable[[str], None]
FORMAT_VERSION = 3


@dataclass
class TrainedParts:
    analyzers: dict[str, Analyzer]
    vectorizer: Vectorizer
    intents: LinearClassifier
    teams: LinearClassifier
    thresholds: dict[str, Thresholds]
    langid: LanguageIdentifier
    meta: dict[str, Any] = field(default_factory=dict)


def train_parts(
    examples: Sequence[TrainingExample],
    intents: dict[str, IntentInfo],
    config: NLUConfig,
    progress: Progress | None = None,
    data_hash: str = "",
) -> TrainedParts:
    step = progress or (lambda _stage: None)
    started = time.perf_counter()
    languages = [lang for lang in LANGUAGES if any(e.language == lang for e in examples)]
    analyzers = {lang: Analyzer(lang, config.pipelines[lang]) for lang in languages}
    ordered = [e for lang in languages for e in examples if e.language == lang]
    docs = [
        doc
        for lang in languages
        for doc in analyzers[lang].features([e.text for e in ordered if e.language == lang])
    ]
    labels = np.asarray([e.intent for e in ordered])
    example_languages = np.asarray([e.language for e in ordered])
    step("features")

    vectorizer = Vectorizer(config)
    X = vectorizer.fit_transform(docs)
    intent_model = LinearClassifier(config)
    tuning = _tune(intent_model, vectorizer, X, labels, example_languages, config)
    step("fallback thresholds")
    intent_model.fit(X, labels.tolist())
    step("intent classifier")
    routable = np.asarray([intents[label].kind in ("faq", "case") for label in labels])
    team_model = LinearClassifier(config).fit(
        X[routable], [intents[label].team for label in labels[routable]]
    )
    step("team classifier")
    known_lemmas = {name[2:] for name in vectorizer.words.vocabulary_ if name.startswith("l:")}
    for analyzer in analyzers.values():
        analyzer.restrict_lemmas(known_lemmas)
    langid = LanguageIdentifier().fit([e.text for e in ordered], list(example_languages))
    step("language identification")
    meta = {
        "format": FORMAT_VERSION,
        "data_hash": data_hash,
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(time.perf_counter() - started, 2),
        "examples": {lang: int((example_languages == lang).sum()) for lang in languages},
        "fallback": {lang: report.to_dict() for lang, report in tuning.items()},
    }
    return TrainedParts(
        analyzers,
        vectorizer,
        intent_model,
        team_model,
        {lang: report.thresholds for lang, report in tuning.items()},
        langid,
        meta,
    )


def _unseen_out_of_fold(X: Any, vectorizer: Vectorizer, splits: list[Any]) -> np.ndarray[Any, Any]:
    """Per example, the share of its lemmas that its fold's training part never contained."""
    lemma_columns = np.flatnonzero(np.char.startswith(vectorizer.feature_names.astype(str), "l:"))
    lemmas = X[:, lemma_columns].tocsr()
    unseen = np.zeros(X.shape[0])
    for train, test in splits:
        seen = np.asarray((lemmas[train] != 0).sum(axis=0)).ravel() > 0
        held_out = lemmas[test].copy()
        totals = np.diff(held_out.indptr)
        held_out.data = seen[held_out.indices].astype(float)
        known = np.asarray(held_out.sum(axis=1)).ravel()
        unseen[test] = np.where(totals > 0, 1.0 - known / np.maximum(totals, 1), 0.0)
    return unseen


def _tune(
    model: LinearClassifier,
    vectorizer: Vectorizer,
    X: Any,
    labels: np.ndarray[Any, Any],
    languages: np.ndarray[Any, Any],
    config: NLUConfig,
) -> dict[str, TuningReport]:
    """Out-of-fold probabilities, then thresholds within the budget for each language."""
    strata = np.char.add(np.char.add(languages.astype(str), "|"), labels.astype(str))
    folds = StratifiedKFold(config.threshold_folds, shuffle=True, random_state=config.seed)
    splits = list(folds.split(X, strata))
    probs = cross_val_predict(model.unfitted(), X, labels, cv=splits, method="predict_proba")
    unseen = _unseen_out_of_fold(X, vectorizer, splits)
    classes = sorted(set(labels.tolist()))
    return {
        lang: tune_thresholds(
            probs[languages == lang],
            classes,
            labels[languages == lang].tolist(),
            config.false_fallback_budget,
            unseen[languages == lang],
        )
        for lang in sorted(set(languages.tolist()))
    }
