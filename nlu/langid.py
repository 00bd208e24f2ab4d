"""Language identification for fi / sv / en, trained on our own examples.

Character n-grams separate the three languages well on sentences; on one or two words
("ok", "ja", "tack") they cannot, so a caller may pass the conversation's previous language
as a prior: a short message keeps it unless the evidence against it is strong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline, make_pipeline

from nlu.config import LANGUAGES
from nlu.fastpath import TfidfRow, linear_scores, softmax


@dataclass
class LanguageGuess:
    language: str
    confidence: float


class LanguageIdentifier:
    def __init__(self, short_words: int = 3, keep_prior_above: float = 0.001) -> None:
        self.short_words = short_words
        self.keep_prior_above = keep_prior_above
        self.pipeline: Pipeline = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
            MultinomialNB(alpha=0.05),
        )
        self.languages: tuple[str, ...] = LANGUAGES
        self._row: TfidfRow | None = None

    def fit(self, texts: list[str], languages: list[str]) -> LanguageIdentifier:
        self.pipeline.fit([t.lower() for t in texts], languages)
        self.languages = tuple(str(c) for c in self.pipeline.classes_)
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_row": None}

    def probabilities(self, text: str) -> dict[str, float]:
        """Naive Bayes posteriors, computed as in `predict_proba` (see nlu/fastpath.py)."""
        vectorizer, bayes = self.pipeline.steps[0][1], self.pipeline.steps[1][1]
        if self._row is None:
            self._row = TfidfRow(vectorizer)
        joint = linear_scores(
            bayes.feature_log_prob_, bayes.class_log_prior_, self._row(text.lower())
        )
        probs = softmax(joint)
        return {lang: float(p) for lang, p in zip(self.languages, probs, strict=True)}

    def identify(self, text: str, previous: str | None = None) -> LanguageGuess:
        probs = self.probabilities(text)
        best = max(probs, key=lambda lang: probs[lang])
        short = len(text.split()) <= self.short_words
        if (
            previous in probs
            and previous != best
            and short
            and probs[previous] >= self.keep_prior_above
        ):
            return LanguageGuess(previous, probs[previous])
        return LanguageGuess(best, probs[best])
