"""The regression suite a draft must pass before it is published: what the live model got
right must stay right (within a tolerance).

Three sets, each scored with the draft's model and with the live one in the same check:
- `protected`: the examples of the request for a person (`human_handoff`) must still read as
  that request, and the examples of every sensitive topic must still be kept out of the shared
  log (`ParseResult.sensitive`): a draft that makes the bot miss either is refused;
- `inbox`: the questions the communications team put into topics from the inbox must be
  read as those topics (and the ones marked out of scope as out of scope): the reason the
  draft exists; a group whose routing by staff was confirmed must reach that team;
- `test_set`: the city's own test questions (data/heldout.jsonl: written apart from the
  content, never trained on) must be read as the topics they name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from content.document import Document
from content.testset import TestItem
from nlu import LANGUAGES, OUT_OF_SCOPE, NLUModel

HANDOFF = "human_handoff"
TOLERANCE = 0.02  # a draft may lose at most this share of a set the live model got right


@dataclass(frozen=True)
class Case:
    text: str
    language: str
    intent: str | None  # the intent it must be read as; None: it must be sensitive
    team: str | None = None  # instead: the team it must be routed to


def protected_cases(document: Document) -> list[Case]:
    cases = []
    for intent in document["intents"]:
        if intent["name"] != HANDOFF and not intent["sensitive"]:
            continue
        expected = None if intent["sensitive"] else intent["name"]
        for lang in LANGUAGES:
            cases += [Case(text, lang, expected) for text in intent["examples"].get(lang, [])]
    return cases


def inbox_cases(document: Document, groups: Sequence[tuple[str, str, str]]) -> list[Case]:
    """(text, language, what was done) of handled inbox questions -> what they must read as;
    topics the draft no longer has are left out."""
    names = {i["name"] for i in document["intents"]}
    teams = {t["id"] for t in document["teams"]}
    cases = []
    for text, language, done in groups:
        kind, _, name = done.partition(":")
        target = OUT_OF_SCOPE if kind == "out_of_scope" else name
        if kind in ("examples", "new_topic", "out_of_scope") and target in names:
            cases.append(Case(text, language, target))
        elif kind == "team" and name in teams:
            cases.append(Case(text, language, None, team=name))
    return cases


def cases_of_test_set(document: Document, items: Sequence[TestItem]) -> list[Case]:
    """The test questions that name a topic the draft has, in a known language."""
    names = {i["name"] for i in document["intents"]}
    return [
        Case(item.text, item.language, item.intent)
        for item in items
        if item.intent in names and item.language in LANGUAGES
    ]


def score(model: NLUModel, cases: Sequence[Case]) -> float | None:
    if not cases:
        return None
    right = 0
    for case in cases:
        result = model.parse(case.text, case.language)
        if case.team is not None:
            right += result.team.name == case.team
        elif case.intent is None:
            right += result.sensitive
        else:
            right += result.intent.name == case.intent and not result.fallback
    return right / len(cases)


def compare(
    draft: NLUModel, live: NLUModel | None, sets: dict[str, list[Case]]
) -> tuple[dict[str, dict[str, float | int | None]], list[str]]:
    """Figures per set (cases, draft, live) and a refusal for each set that got worse."""
    figures: dict[str, dict[str, float | int | None]] = {}
    refusals = []
    for name, cases in sets.items():
        now, before = score(draft, cases), score(live, cases) if live is not None else None
        figures[name] = {"cases": len(cases), "draft": now, "live": before}
        if now is not None and before is not None and now < before - TOLERANCE:
            refusals.append(
                f"regression: {name}: error: {now:.3f} of {len(cases)} questions right with "
                f"the draft, {before:.3f} with the live version"
            )
    return figures, refusals
