"""What changed between two content documents: per intent, examples added and removed,
answers, titles and prompts before and after, team, kind and sensitivity; and which of the
other parts (teams, municipality, a team's vocabulary) changed at all."""

from __future__ import annotations

from dataclasses import dataclass, field

from content.document import Document, IntentDoc
from nlu import LANGUAGES

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass
class IntentChange:
    name: str
    status: str  # added | removed | changed
    title: dict[str, str]  # language -> title (the newer one)
    examples_added: dict[str, list[str]] = field(default_factory=dict)
    examples_removed: dict[str, list[str]] = field(default_factory=dict)
    # language -> (before, after); before or after is "" when missing
    answers: dict[str, tuple[str, str]] = field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    prompts: dict[str, tuple[str, str]] = field(default_factory=dict)
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)  # team, kind, ...


@dataclass
class Diff:
    intents: list[IntentChange]
    parts: list[str]  # "teams", "municipality", "vocabulary:<team>"

    @property
    def empty(self) -> bool:
        return not self.intents and not self.parts

    def counts(self) -> dict[str, int]:
        return {
            status: sum(1 for c in self.intents if c.status == status)
            for status in (ADDED, REMOVED, CHANGED)
        }


def diff(before: Document, after: Document) -> Diff:
    old = {i["name"]: i for i in before["intents"]}
    new = {i["name"]: i for i in after["intents"]}
    changes: list[IntentChange | None] = [_removed(old[n]) for n in old if n not in new]
    for name, intent in new.items():
        if name not in old:
            changes.append(_compare(_empty_like(intent), intent, ADDED))
        else:
            changes.append(_compare(old[name], intent, CHANGED))
    parts = [key for key in ("teams", "municipality") if before[key] != after[key]]
    teams = sorted(set(before["vocabulary"]) | set(after["vocabulary"]))
    parts += [
        f"vocabulary:{team}"
        for team in teams
        if before["vocabulary"].get(team) != after["vocabulary"].get(team)
    ]
    return Diff([c for c in changes if c is not None], parts)


def _empty_like(intent: IntentDoc) -> IntentDoc:
    return {
        **intent,
        "title": {},
        "prompt": {},
        "examples": {},
        "answers": {},
    }


def _removed(intent: IntentDoc) -> IntentChange:
    return IntentChange(intent["name"], REMOVED, dict(intent["title"]))


def _pairs(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {
        lang: (before.get(lang, ""), after.get(lang, ""))
        for lang in LANGUAGES
        if before.get(lang, "") != after.get(lang, "")
    }


def _compare(before: IntentDoc, after: IntentDoc, status: str) -> IntentChange | None:
    change = IntentChange(after["name"], status, dict(after["title"]))
    for lang in LANGUAGES:
        old, new = before["examples"].get(lang, []), after["examples"].get(lang, [])
        old_set, new_set = set(old), set(new)
        if added := [t for t in new if t not in old_set]:
            change.examples_added[lang] = added
        if removed := [t for t in old if t not in new_set]:
            change.examples_removed[lang] = removed
    change.answers = _pairs(before["answers"], after["answers"])
    change.titles = _pairs(before["title"], after["title"]) if status == CHANGED else {}
    change.prompts = _pairs(before["prompt"], after["prompt"])
    if status == CHANGED:
        for key in ("team", "kind", "sensitive", "slots"):
            if before[key] != after[key]:
                change.settings[key] = (str(before[key]), str(after[key]))
    touched = (
        change.examples_added,
        change.examples_removed,
        change.answers,
        change.titles,
        change.prompts,
        change.settings,
    )
    return change if status != CHANGED or any(touched) else None
