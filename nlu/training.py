"""Training: one intent classifier in two stages (team, then intent) over three languages.

Languages are analysed separately (Voikko for Finnish, lemma tables for Swedish and English),
but classified jointly: names, loanwords and service names shared across languages let the
larger Finnish set help the smaller Swedish and English ones (bench/RESULTS.md has the
figures). Fallback thresholds are tuned per language on out-of-fold probabilities.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedShuffleSplit

from nlu.analyzer import Analyzer, IntentInfo, TeamExample, TrainingExample
from nlu.classifier import Vectorizer
from nlu.config import LANGUAGES, NLUConfig
from nlu.fallback import Thresholds, TuningReport, tune_thresholds
from nlu.fold_report import held_out_split, summary
from nlu.hierarchy import GroupedClassifier, TeamStage
from nlu.langid import LanguageIdentifier

Progress = Callable[[str], None]
FORMAT_VERSION = 6
# The first stage's group of an intent that routes to no team (greetings, out of scope).
CORE_GROUP = "core"


@dataclass
class TrainedParts:
    analyzers: dict[str, Analyzer]
    vectorizer: Vectorizer
    intents: GroupedClassifier
    teams: TeamStage
    thresholds: dict[str, Thresholds]
    langid: LanguageIdentifier
    meta: dict[str, Any] = field(default_factory=dict)


def train_parts(
    examples: Sequence[TrainingExample],
    intents: dict[str, IntentInfo],
    config: NLUConfig,
    progress: Progress | None = None,
    data_hash: str = "",
    vocabulary: Sequence[TeamExample] = (),
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
    words = [w for w in vocabulary if w.language in analyzers]
    word_docs = [
        doc
        for lang in languages
        for doc in analyzers[lang].features([w.text for w in words if w.language == lang])
    ]
    word_teams = [w.team for lang in languages for w in words if w.language == lang]
    step("features")

    vectorizer = Vectorizer(config)
    # The vocabulary's words must be features (a word no example has is the point of it),
    # but it teaches only the first stage (which team), not the intents.
    stacked = vectorizer.fit_transform([*docs, *word_docs])
    X, V = stacked[: len(docs)], (stacked[len(docs) :] if word_docs else None)
    groups = [intent_group(intents[label]) for label in labels]
    train, held_out = _held_out_split(labels, example_languages, config)
    train_groups = [groups[i] for i in train]
    # liblinear releases the GIL: the classifiers train side by side, the largest first.
    with ThreadPoolExecutor(max_workers=config.training_threads) as pool:
        words_only = (V, word_teams) if V is not None else None
        intent_job = pool.submit(
            GroupedClassifier(config).fit, X, labels.tolist(), groups, words_only
        )
        probe_job = pool.submit(
            GroupedClassifier(config).fit,
            X[train],
            labels[train].tolist(),
            train_groups,
            words_only,
        )
        langid_job = pool.submit(
            LanguageIdentifier().fit, [e.text for e in ordered], list(example_languages)
        )
        # The comparison of a draft with the live version needs held-back questions that
        # both share (nlu.fold_report); the calibration keeps its own split, whose
        # thresholds were measured on real questions.
        strata = [f"{e.language}|{e.intent}" for e in ordered]
        report_train, report_held = held_out_split(
            [e.text for e in ordered], strata, config.held_out_share
        )
        report_job = pool.submit(
            GroupedClassifier(config).fit,
            X[report_train],
            labels[report_train].tolist(),
            [groups[i] for i in report_train],
            words_only,
        )
        intent_probe = probe_job.result()
        step("held-out scores")
        intent_model = intent_job.result()
        if intent_probe.classes != intent_model.classes:
            raise ValueError("every intent needs examples on both sides of the held-out split")
        intent_probe.calibrate(
            X[held_out], labels[held_out].tolist(), [groups[i] for i in held_out]
        )
        intent_model.use_temperatures(intent_probe.temperatures())
        step("classifier")
        tuning = _tune(
            intent_probe.predict_proba(X[held_out]),
            intent_probe.classes,
            labels[held_out],
            example_languages[held_out],
            _unseen_share(X, vectorizer, train, held_out),
            config,
        )
        step("fallback thresholds")
        langid = langid_job.result()
        report_probe = report_job.result()
        held_back = summary(
            report_probe.predict_proba(X[report_held]),
            report_probe.classes,
            labels[report_held].tolist(),
            example_languages[report_held].tolist(),
        )
    known_lemmas = {name[2:] for name in vectorizer.words.vocabulary_ if name.startswith("l:")}
    for analyzer in analyzers.values():
        analyzer.restrict_lemmas(known_lemmas)
    step("language identification")
    meta = {
        "format": FORMAT_VERSION,
        "data_hash": data_hash,
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(time.perf_counter() - started, 2),
        "examples": {lang: int((example_languages == lang).sum()) for lang in languages},
        "vocabulary": {lang: sum(w.language == lang for w in words) for lang in languages},
        "fallback": {lang: report.to_dict() for lang, report in tuning.items()},
        "held_out": held_back,
    }
    return TrainedParts(
        analyzers,
        vectorizer,
        intent_model,
        TeamStage(intent_model, CORE_GROUP),
        {lang: report.thresholds for lang, report in tuning.items()},
        langid,
        meta,
    )


def intent_group(info: IntentInfo) -> str:
    """The first stage's group of an intent: its team, or the core group if it routes nowhere."""
    return info.team if info.kind in ("faq", "case") else CORE_GROUP


def _held_out_split(
    labels: np.ndarray[Any, Any], languages: np.ndarray[Any, Any], config: NLUConfig
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """One split, stratified by language and intent, so every intent of every language is
    on both sides. One held-out part (not k folds of a nested calibration) is what keeps
    training within seconds at hundreds of intents; it is thousands of messages, enough for
    one temperature and three thresholds per language."""
    strata = np.char.add(np.char.add(languages.astype(str), "|"), labels.astype(str))
    splitter = StratifiedShuffleSplit(
        n_splits=1, test_size=config.held_out_share, random_state=config.seed
    )
    train, held_out = next(splitter.split(np.zeros(len(labels)), strata))
    return np.sort(train), np.sort(held_out)


def _unseen_share(
    X: Any, vectorizer: Vectorizer, train: np.ndarray[Any, Any], held_out: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Per held-out example, the share of its lemmas that the training part never contained."""
    lemma_columns = np.flatnonzero(np.char.startswith(vectorizer.feature_names.astype(str), "l:"))
    lemmas = X[:, lemma_columns].tocsr()
    seen = np.asarray((lemmas[train] != 0).sum(axis=0)).ravel() > 0
    part = lemmas[held_out].copy()
    totals = np.diff(part.indptr)
    part.data = seen[part.indices].astype(float)
    known = np.asarray(part.sum(axis=1)).ravel()
    return np.where(totals > 0, 1.0 - known / np.maximum(totals, 1), 0.0)


def _tune(
    probs: np.ndarray[Any, Any],
    classes: list[str],
    labels: np.ndarray[Any, Any],
    languages: np.ndarray[Any, Any],
    unseen: np.ndarray[Any, Any],
    config: NLUConfig,
) -> dict[str, TuningReport]:
    """Thresholds within the false-fallback budget for each language, on held-out scores."""
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
