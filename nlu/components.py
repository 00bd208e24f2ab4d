"""spaCy components, registered by name so a pipeline is wired by declarative config.

Each component is small and usable alone: `spacy.blank("fi").add_pipe("voikko_lemmatizer")`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlu.entities import find_entities

if not Token.has_extension("parts"):
    # Compound parts of a word ("pysäköintilupa" -> pysäköinti, lupa); empty when not compound.
    Token.set_extension("parts", default=())
if not Span.has_extension("pii"):
    Span.set_extension("pii", default=False)

_CACHE_SIZE = 200_000
_WORDBASE_SEGMENT = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


def compound_parts(wordbases: str) -> tuple[str, ...]:
    """Parts of a compound from Voikko's WORDBASES, derivational suffixes folded back in.

    "+pysäköi(pysäköidä)+nti(+ti)+lupa(lupa)" -> ("pysäköinti", "lupa"): a segment whose base
    starts with "+" is a suffix of the previous part, not a part of its own.
    """
    parts: list[str] = []
    for match in _WORDBASE_SEGMENT.finditer(wordbases):
        surface, base = match.group(1), match.group(2) or ""
        if base.startswith("+") or not surface:
            if parts:
                parts[-1] += surface
            continue
        parts.append(surface)
    if len(parts) < 2:
        return ()
    # Non-final parts stay as written ("kaupungin"), the head takes its base form.
    head_base = wordbases.rsplit("(", 1)[-1].rstrip(")") if wordbases.endswith(")") else ""
    if head_base and not head_base.startswith("+"):
        parts[-1] = head_base
    return tuple(p.lower() for p in parts)


class VoikkoLemmatizer:
    """Finnish lemmas and compound parts from Voikko's morphological analysis.

    Finnish inflects heavily ("pysäköintiluvan", "pysäköintilupaa"): without lemmas a classifier
    would need every form in its examples. Analyses are cached per word because residents'
    vocabulary is small and Voikko is the costliest step of a parse.
    """

    def __init__(self, nlp: Language, name: str, dictionary: str) -> None:
        from libvoikko import Voikko  # imported here so sv/en pipelines never need libvoikko

        self.name = name
        self._voikko = Voikko(dictionary)
        self.analyze = lru_cache(maxsize=_CACHE_SIZE)(self._analyze)

    def _analyze(self, word: str) -> tuple[str, tuple[str, ...]]:
        analyses = self._voikko.analyze(word)
        if not analyses:
            return word.lower(), ()
        best = analyses[0]
        lemma = str(best.get("BASEFORM", word)).lower()
        return lemma, compound_parts(str(best.get("WORDBASES", "")))

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_alpha:
                token.lemma_, token._.parts = self.analyze(token.text)
            else:
                token.lemma_ = token.lower_
        return doc


@Language.factory("voikko_lemmatizer", default_config={"dictionary": "fi"})
def make_voikko_lemmatizer(nlp: Language, name: str, dictionary: str) -> VoikkoLemmatizer:
    return VoikkoLemmatizer(nlp, name, dictionary)


class SimplemmaLemmatizer:
    """Lemmas for Swedish and English from simplemma's packaged lexicons (no model download).

    simplemma's full Swedish lexicon costs ~100 MB of memory. A trained model only profits
    from lemmas it has weights for, so training calls `restrict_to` and the model keeps just
    the word -> lemma pairs that lead to those lemmas (see nlu/analyzer.py).
    """

    def __init__(self, nlp: Language, name: str, lang: str) -> None:
        self.name = name
        self.lang = lang
        self.table: dict[str, str] | None = None
        self.lemmatize = lru_cache(maxsize=_CACHE_SIZE)(self._lemmatize)

    def _lemmatize(self, word: str) -> str:
        if self.table is not None:
            return self.table.get(word, word)
        return str(simplemma.lemmatize(word, lang=self.lang)).lower()

    def restrict_to(self, lemmas: set[str]) -> dict[str, str]:
        """Keep only the lexicon entries (and cached words) whose lemma is in `lemmas`."""
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        lexicon = DefaultDictionaryFactory().get_dictionary(self.lang)
        table = {
            word.lower(): str(lemma).lower()
            for word, lemma in lexicon.items()
            if str(lemma).lower() in lemmas
        }
        self.table = table
        self.lemmatize.cache_clear()
        return table

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = self.lemmatize(token.lower_) if token.is_alpha else token.lower_
        return doc


@Language.factory("simplemma_lemmatizer", default_config={"lang": "en"})
def make_simplemma_lemmatizer(nlp: Language, name: str, lang: str) -> SimplemmaLemmatizer:
    return SimplemmaLemmatizer(nlp, name, lang)


class RuleEntities:
    """Sets doc.ents from the rules in nlu.entities, each span flagged with span._.pii."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for found in find_entities(doc.text):
            span = doc.char_span(
                found.start, found.end, label=found.entity, alignment_mode="expand"
            )
            if span is not None:
                span._.pii = found.pii
                spans.append(span)
        doc.ents = _non_overlapping(spans)
        return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    # Expanding to token bounds can make two character-disjoint matches share a token.
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


@Language.factory("rule_entities")
def make_rule_entities(nlp: Language, name: str) -> RuleEntities:
    return RuleEntities(name)
