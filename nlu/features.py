"""From an analysed spaCy Doc to the features the classifiers see.

Word-level features carry meaning across inflection (lemmas) and compounding (parts);
character n-grams catch typos and words the lemmatizer does not know. Entities are replaced
by their label so a classifier never learns from a phone number or a street name.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from spacy.tokens import Doc

_FOLD = str.maketrans("äöåüé", "aoaue")
_DIGIT = re.compile(r"\d")


class FeatureDoc(NamedTuple):
    words: tuple[str, ...]
    chars: str


def fold(word: str) -> str:
    """Residents often type without ä/ö/å ("paivahoito"): fold both spellings together."""
    return word.translate(_FOLD)


def featurize(doc: Doc) -> FeatureDoc:
    words: list[str] = []
    lemmas: list[str] = []
    entity_at = {tok.i: ent.label_ for ent in doc.ents for tok in ent}
    seen_entities: set[int] = set()
    char_parts: list[str] = []
    for tok in doc:
        if tok.i in entity_at:
            ent = tok.ent_iob_ == "B"
            if ent and tok.i not in seen_entities:
                words.append("e:" + entity_at[tok.i])
                char_parts.append(entity_at[tok.i])
            seen_entities.add(tok.i)
            continue
        if tok.is_punct or tok.is_space:
            continue
        lemma = (tok.lemma_ or tok.lower_).lower()
        if tok.like_num:
            lemma = "<num>"
        lemmas.append(lemma)
        words.append("l:" + lemma)
        folded = fold(lemma)
        if folded != lemma:
            words.append("l:" + folded)
        if tok.lower_ != lemma and not tok.like_num:
            words.append("w:" + tok.lower_)
        words.extend("p:" + part for part in tok._.parts)
        char_parts.append(_DIGIT.sub("0", tok.lower_))
    words.extend(f"b:{a}_{b}" for a, b in pairwise(lemmas))
    return FeatureDoc(tuple(words), " ".join(char_parts))


def feature_kind(name: str) -> str:
    """Human-readable kind of a feature name, for explanations."""
    return {
        "l": "lemma",
        "w": "word",
        "p": "compound_part",
        "b": "bigram",
        "e": "entity",
        "c": "characters",
    }.get(name[:1], "feature")
