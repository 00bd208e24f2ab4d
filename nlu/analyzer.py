"""One language's analysis: its spaCy pipeline, and the features of its messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlu.components import SimplemmaLemmatizer
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


@dataclass(frozen=True)
class TeamExample:
    """A word or phrase of a team's domain: teaches the team classifier, not an intent."""

    text: str
    team: str
    language: str


class Analyzer:
    """Turns text of one language into a spaCy Doc and classifier features."""

    def __init__(self, language: str, pipes: list[tuple[str, dict[str, Any]]]) -> None:
        self.language = language
        self.pipes = pipes
        self.nlp: Language = build_pipeline(language, pipes)
        self.lemma_table: dict[str, str] | None = None

    # Pickling leaves out the spaCy pipeline: it is rebuilt from the stored config, which
    # keeps artefacts small and independent of spaCy's binary formats.
    def __getstate__(self) -> dict[str, Any]:
        return {"language": self.language, "pipes": self.pipes, "lemma_table": self.lemma_table}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["language"], state["pipes"])  # type: ignore[misc]
        if state.get("lemma_table") is not None:
            for _, component in self.nlp.pipeline:
                if isinstance(component, SimplemmaLemmatizer):
                    component.table = state["lemma_table"]
                    component.lemmatize.cache_clear()
            self.lemma_table = state["lemma_table"]

    def restrict_lemmas(self, lemmas: set[str]) -> None:
        """After training: keep only the lexicon a model can use (see SimplemmaLemmatizer)."""
        for _, component in self.nlp.pipeline:
            if isinstance(component, SimplemmaLemmatizer):
                self.lemma_table = component.restrict_to(lemmas)

    def analyse(self, text: str) -> Doc:
        return self.nlp(text)

    def features(self, texts: Sequence[str]) -> list[FeatureDoc]:
        return [featurize(doc) for doc in self.nlp.pipe(texts, batch_size=256)]
