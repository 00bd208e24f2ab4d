"""One language's understanding: spaCy analysis, features, intent and team classifiers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from spacy.language import Language
from spacy.tokens import Doc

from nlu.classifier import LinearClassifier, Vectorizer
from nlu.config import NLUConfig
from nlu.fallback import Thresholds, TuningReport, tune_thresholds
from nlu.features import FeatureDoc, featurize
from nlu.pipelines import build_pipeline


@dataclass(frozen=True)
class IntentInfo:
    name: str
    team: str
    kind: str  # faq | case | core
    sensitive: bool = False


@dataclass(frozen=True)
class TrainingExample:
    text: str
    intent: str
    language: str


Progress = Callable[[str], None]


@dataclass
class Classified:
    doc: Doc
    intent_probs: np.ndarray[Any, Any]
    team_probs: np.ndarray[Any, Any]
    row: Any  # the message's sparse feature row, kept for explanations


class LanguageModel:
    """Trained on one language's examples; analyses and classifies that language's messages."""

    def __init__(self, language: str, config: NLUConfig) -> None:
        self.language = language
        self.config = config
        self.nlp: Language = build_pipeline(language, config.pipelines[language])
        self.vectorizer = Vectorizer(config)
        self.intents = LinearClassifier(config)
        self.teams = LinearClassifier(config)
        self.thresholds = Thresholds()
        self.tuning: TuningReport | None = None

    # Pickling leaves out the spaCy pipeline: it is rebuilt from the stored config, which
    # keeps artefacts small and independent of spaCy's binary formats.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["nlp"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.nlp = build_pipeline(self.language, self.config.pipelines[self.language])

    def analyse(self, text: str) -> Doc:
        return self.nlp(text)

    def features(self, texts: Sequence[str]) -> list[FeatureDoc]:
        return [featurize(doc) for doc in self.nlp.pipe(texts, batch_size=256)]

    def fit(
        self,
        examples: Sequence[TrainingExample],
        intents: dict[str, IntentInfo],
        progress: Progress | None = None,
    ) -> LanguageModel:
        step = progress or (lambda _stage: None)
        texts = [e.text for e in examples]
        labels = [e.intent for e in examples]
        docs = self.features(texts)
        step(f"{self.language}: features")
        X = self.vectorizer.fit_transform(docs)
        self.tune_fallback(X, labels)
        step(f"{self.language}: fallback thresholds")
        self.intents.fit(X, labels)
        step(f"{self.language}: intent classifier")
        routable = [i for i, label in enumerate(labels) if intents[label].kind in ("faq", "case")]
        self.teams.fit(X[routable], [intents[labels[i]].team for i in routable])
        step(f"{self.language}: team classifier")
        return self

    def tune_fallback(self, X: Any, labels: list[str]) -> None:
        folds = StratifiedKFold(
            self.config.threshold_folds, shuffle=True, random_state=self.config.seed
        )
        probs = cross_val_predict(
            self.intents.unfitted(), X, np.asarray(labels), cv=folds, method="predict_proba"
        )
        classes = sorted(set(labels))
        self.tuning = tune_thresholds(probs, classes, labels, self.config.false_fallback_budget)
        self.thresholds = self.tuning.thresholds

    def classify(self, text: str) -> Classified:
        doc = self.analyse(text)
        row = self.vectorizer.transform([featurize(doc)])
        return Classified(
            doc, self.intents.predict_proba(row)[0], self.teams.predict_proba(row)[0], row
        )
