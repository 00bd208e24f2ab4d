"""A document written as a content folder (the layout of `data/`, Rasa 3.x YAML), and a
folder read as a document.

The folder is the document's human and Rasa form: a city can keep it in git, Rasa can train
on it, and `content.validate` checks it with file and line. Checking a document from the
store therefore means writing it as a folder and validating that (`content_of`), so the
problems name the lines an export would show.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from content.document import Document, IntentDoc, to_document
from content.loader import Content, Problem
from content.validate import ContentInvalid, validate
from nlu import LANGUAGES


class _Dumper(yaml.SafeDumper):
    """Block style, text with line breaks as literal blocks: files people read and diff."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )
    path.write_text(text, encoding="utf-8")


def write_folder(document: Document, root: Path) -> list[Path]:
    """Write `document` under `root` as teams.yml, municipality.yml, <lang>/<file>.yml and
    vocabulary/<team>.yml; returns the files written. Files of the layout that the
    document no longer has are removed, other files are left alone."""
    written = [root / "teams.yml", root / "municipality.yml"]
    _dump({"teams": document["teams"]}, written[0])
    _dump(document["municipality"], written[1])
    files: dict[str, list[IntentDoc]] = {}
    for intent in document["intents"]:
        files.setdefault(intent["file"], []).append(intent)
    for lang in LANGUAGES:
        for stem, intents in files.items():
            path = root / lang / f"{stem}.yml"
            _dump(_nlu_file(intents, lang), path)
            written.append(path)
    for team, words in document["vocabulary"].items():
        path = root / "vocabulary" / f"{team}.yml"
        _dump({"team": team, **{lang: list(words.get(lang, [])) for lang in LANGUAGES}}, path)
        written.append(path)
    keep = set(written)
    for folder in (*LANGUAGES, "vocabulary"):
        for stale in (root / folder).glob("*.yml"):
            if stale not in keep:
                stale.unlink()
    return written


def _nlu_file(intents: list[IntentDoc], lang: str) -> dict[str, Any]:
    nlu = []
    responses = {}
    for intent in intents:
        metadata: dict[str, Any] = {"team": intent["team"], "kind": intent["kind"]}
        if intent["sensitive"]:
            metadata["sensitive"] = True
        if intent["slots"]:
            metadata["slots"] = list(intent["slots"])
        if lang in intent["title"]:
            metadata["title"] = intent["title"][lang]
        if lang in intent["prompt"]:
            metadata["prompt"] = intent["prompt"][lang]
        examples = "".join(f"- {text}\n" for text in intent["examples"].get(lang, []))
        nlu.append({"intent": intent["name"], "metadata": metadata, "examples": examples})
        if lang in intent["answers"]:
            responses[f"utter_{intent['name']}"] = [{"text": intent["answers"][lang]}]
    out: dict[str, Any] = {"version": "3.1", "nlu": nlu}
    if responses:
        out["responses"] = responses
    return out


def read_folder(root: Path) -> tuple[Document, Content]:
    """A content folder as a document; ContentInvalid (problems with file:line) if it has
    errors."""
    content = validate(root)
    if content.errors:
        raise ContentInvalid(content)
    return to_document(content), content


def checked(document: Document, label: str) -> Content:
    """The content of a document with every problem found, named by the file:line of its
    export under `label` (e.g. "version 3"). Errors are in `.errors`."""
    with tempfile.TemporaryDirectory(prefix="kuntabotti-content-") as folder:
        root = Path(folder)
        write_folder(document, root)
        content = validate(root)
    content.problems = [_relabel(p, root, label) for p in content.problems]
    content.root = Path(label)
    return content


def content_of(document: Document, label: str) -> Content:
    """The content of a document that must be valid (a published version)."""
    content = checked(document, label)
    if content.errors:
        raise ContentInvalid(content)
    return content


def _relabel(problem: Problem, root: Path, label: str) -> Problem:
    path = Path(problem.file)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return Problem(f"{label}: {shown}", problem.line, problem.message, problem.severity)
