"""Builds each language's spaCy pipeline from the declarative config."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

import nlu.components  # noqa: F401  (registers the component factories by name)


def build_pipeline(lang: str, pipes: list[tuple[str, dict[str, Any]]]) -> Language:
    """A blank spaCy pipeline for `lang` with the named components added in order."""
    nlp = spacy.blank(lang)
    for factory, config in pipes:
        nlp.add_pipe(factory, config=config)
    if "lemmatizer" in nlp.pipe_names:
        # spaCy's own lookup lemmatizer loads its tables (spacy-lookups-data) at initialize.
        nlp.initialize()
    return nlp
