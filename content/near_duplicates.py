"""Example questions a draft adds that nearly repeat another topic's example: the two topics
would teach the model opposite things. The validator refuses exact repeats (after
normalisation); this flags the near ones, as warnings an editor reads before publishing.

Near: the character trigrams of the two normalised texts overlap by `SIMILAR` or more
(Jaccard). Only examples new in the draft are compared, each against the other topics'
examples in its language, so a check costs milliseconds per added example.
"""

from __future__ import annotations

from collections import defaultdict

from content.diff import diff
from content.document import Document
from content.validate import normalize_example

SIMILAR = 0.8
MIN_LENGTH = 12  # shorter texts ("hei", "kiitos") overlap by chance


def _grams(text: str) -> frozenset[str]:
    padded = f"  {normalize_example(text)}  "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def near_duplicates(before: Document, after: Document) -> list[str]:
    """Warnings, "draft: <lang>: ... : warning: ...", one per added example that nearly
    repeats an example of another topic."""
    added = [
        (change.name, lang, text)
        for change in diff(before, after).intents
        for lang, texts in change.examples_added.items()
        for text in texts
        if len(normalize_example(text)) >= MIN_LENGTH
    ]
    if not added:
        return []
    index: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for intent in after["intents"]:
        for lang, texts in intent["examples"].items():
            index[lang] += [(intent["name"], t, _grams(t)) for t in texts]
    warnings = []
    for name, lang, text in added:
        grams = _grams(text)
        for other, other_text, other_grams in index[lang]:
            if other == name:
                continue
            overlap = len(grams & other_grams) / len(grams | other_grams)
            if overlap >= SIMILAR:
                warnings.append(
                    f"draft: {lang}: topic '{name}': warning: example '{text}' nearly repeats "
                    f"'{other_text}' of topic '{other}'"
                )
                break
    return warnings
