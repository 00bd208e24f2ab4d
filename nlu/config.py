"""The declarative NLU configuration: which components run and how classifiers are set up.

Stored with every trained model, so a model is rebuilt exactly as it was trained.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LANGUAGES = ("fi", "sv", "en")
OUT_OF_SCOPE = "out_of_scope"
NO_INTENT = "nlu_fallback"

# Each language's spaCy pipeline: (registered factory name, its config), in order.
DEFAULT_PIPELINES: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "fi": [("voikko_lemmatizer", {"dictionary": "fi"}), ("rule_entities", {})],
    "sv": [("simplemma_lemmatizer", {"lang": "sv"}), ("rule_entities", {})],
    "en": [("simplemma_lemmatizer", {"lang": "en"}), ("rule_entities", {})],
}


@dataclass
class NLUConfig:
    pipelines: dict[str, list[tuple[str, dict[str, Any]]]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_PIPELINES.items()}
    )
    # Feature weights: word-level (lemmas, compound parts, bigrams) vs character n-grams.
    word_weight: float = 1.0
    char_weight: float = 2.0  # swept 1.0-3.0 on 5-fold CV: 2.0 best (bench/RESULTS.md)
    char_ngrams: tuple[int, int] = (2, 5)
    # Linear model: "linearsvc" or "logreg" (same accuracy here, linearsvc trains ~20x faster:
    # bench/RESULTS.md); scores are calibrated into probabilities by temperature scaling.
    classifier: str = "linearsvc"
    regularization_c: float = 0.5
    # The share held out once for calibration and for tuning the fallback thresholds within
    # this false-fallback budget (nlu/training.py).
    held_out_share: float = 0.2
    # Classifiers train side by side in this many threads (liblinear releases the GIL).
    training_threads: int = 2
    false_fallback_budget: float = 0.05
    max_chars: int = 2000
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NLUConfig:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "pipelines" in known:
            known["pipelines"] = {
                lang: [(n, dict(c)) for n, c in pipes] for lang, pipes in known["pipelines"].items()
            }
        if "char_ngrams" in known:
            known["char_ngrams"] = tuple(known["char_ngrams"])
        return cls(**known)
