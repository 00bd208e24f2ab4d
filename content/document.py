"""Content as one JSON document: what the task store keeps as a version or a draft.

The content folder (Rasa 3.x YAML, `content.loader`) and the document carry the same
things; `to_document` reads a loaded folder into a document and `content.export` writes a
document back as a folder. A document is plain JSON (dicts, lists, strings), so a draft can
be edited in a transaction and diffed, and its digest names the model trained from it.

Shape:
    {"teams": [team, ...], "municipality": {...},
     "intents": [{"name", "team", "kind", "sensitive", "slots", "file",
                  "title": {lang: str}, "prompt": {lang: str},
                  "examples": {lang: [str]}, "answers": {lang: str}}, ...],
     "vocabulary": {team: {lang: [str]}}}
`file` is the stem of the files the intent lives in (`fi/<file>.yml`), so an export keeps
the folder's layout.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any, TypedDict

from content.loader import Content, Example, IntentDef
from nlu import LANGUAGES, TeamExample


class IntentDoc(TypedDict):
    name: str
    team: str
    kind: str
    sensitive: bool
    slots: list[str]
    file: str
    title: dict[str, str]
    prompt: dict[str, str]
    examples: dict[str, list[str]]
    answers: dict[str, str]


class Document(TypedDict):
    teams: list[dict[str, Any]]
    municipality: dict[str, Any]
    intents: list[IntentDoc]
    vocabulary: dict[str, dict[str, list[str]]]


def to_document(content: Content) -> Document:
    """The document of a loaded (valid) content folder."""
    vocabulary: dict[str, dict[str, list[str]]] = {}
    for example, _file, _line in content.vocabulary:
        words = vocabulary.setdefault(example.team, {lang: [] for lang in LANGUAGES})
        words[example.language].append(example.text)
    return {
        "teams": [copy.deepcopy(team) for team in content.teams.values()],
        "municipality": copy.deepcopy(content.municipality),
        "intents": [
            {
                "name": intent.name,
                "team": intent.team,
                "kind": intent.kind,
                "sensitive": intent.sensitive,
                "slots": list(intent.slots),
                "file": _file_of(intent.where, intent.kind, intent.team),
                "title": dict(intent.title),
                "prompt": dict(intent.prompt),
                "examples": {
                    lang: [ex.text for ex in examples] for lang, examples in intent.examples.items()
                },
                "answers": dict(intent.answers),
            }
            for intent in content.intents.values()
        ],
        "vocabulary": vocabulary,
    }


def from_document(document: Document, label: str) -> Content:
    """The content of a document already checked (a published version): built directly,
    in milliseconds, where `content.export.checked` writes and validates a whole folder.
    Examples are placed at line 0 of the file an export would write."""
    content = Content(Path(label))
    content.teams = {team["id"]: copy.deepcopy(team) for team in document["teams"]}
    content.municipality = copy.deepcopy(document["municipality"])
    for item in document["intents"]:
        intent = IntentDef(item["name"], item["team"], item["kind"], item["sensitive"])
        intent.slots = list(item["slots"])
        intent.title, intent.prompt = dict(item["title"]), dict(item["prompt"])
        intent.answers = dict(item["answers"])
        for lang, texts in item["examples"].items():
            file = f"{label}: {lang}/{item['file']}.yml"
            intent.where[lang] = (file, 0)
            intent.examples[lang] = [Example(text, file, 0) for text in texts]
        content.intents[intent.name] = intent
    for team, words in document["vocabulary"].items():
        file = f"{label}: vocabulary/{team}.yml"
        for lang in LANGUAGES:
            content.vocabulary += [
                (TeamExample(w, team, lang), file, 0) for w in words.get(lang, [])
            ]
    return content


def default_file(kind: str, team: str) -> str:
    """Where a new intent goes: small talk and handoff in core, the rest by team."""
    return "core" if kind == "core" else team


def _file_of(where: dict[str, tuple[str, int]], kind: str, team: str) -> str:
    for lang in LANGUAGES:
        if lang in where:
            return Path(where[lang][0]).stem
    return default_file(kind, team)


def canonical(document: Document) -> bytes:
    """The same document always gives the same bytes (keys sorted, no spaces)."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(document: Document) -> str:
    """A short fingerprint: equal documents, equal digests."""
    return hashlib.sha256(canonical(document)).hexdigest()[:16]


def training_digest(document: Document) -> str:
    """A fingerprint of what the model learns from: examples, each intent's team, kind and
    sensitivity, the vocabulary. An edit of answers, titles or contact details keeps it, so
    such a version goes live without training."""
    learned = {
        # By name: a folder read back lists intents file by file, a draft in edit order.
        "intents": sorted(
            [i["name"], i["team"], i["kind"], i["sensitive"], i["examples"]]
            for i in document["intents"]
        ),
        "vocabulary": document["vocabulary"],
    }
    text = json.dumps(learned, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def intent_of(document: Document, name: str) -> IntentDoc | None:
    return next((i for i in document["intents"] if i["name"] == name), None)


def validated(document: Any) -> Document:
    """A document read back from the store or a file, checked for its top-level shape (the
    content checks proper run on the exported folder)."""
    if not isinstance(document, dict):
        raise ValueError("a content document is a JSON object")
    for key, kind in (("teams", list), ("municipality", dict), ("intents", list)):
        if not isinstance(document.get(key), kind):
            raise ValueError(f"a content document needs '{key}' ({kind.__name__})")
    document.setdefault("vocabulary", {})
    return document  # type: ignore[return-value]
