"""Reads the content folder: teams, the municipality, and intents with answers per language.

Layout: data/teams.yml, data/municipality.yml, data/<lang>/*.yml (Rasa 3.x NLU YAML with
`responses`), data/vocabulary/<team>.yml (words of each team's domain). Reading never stops
at the first problem: every problem is collected with its file and line, so
`kuntabotti data validate` can list them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from content import schema
from content.yamlfile import YamlDoc, YamlError, load_yaml
from nlu import LANGUAGES, IntentInfo, TeamExample, TrainingExample

UNKNOWN_TITLE = {"fi": "Tunnistamaton aihe", "sv": "Okänt ämne", "en": "Unrecognised topic"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Example:
    text: str
    file: str
    line: int


@dataclass
class IntentDef:
    name: str
    team: str
    kind: str
    sensitive: bool
    examples: dict[str, list[Example]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    where: dict[str, tuple[str, int]] = field(default_factory=dict)  # language -> file, line
    slots: list[str] = field(default_factory=list)  # what a case's ticket form asks for
    # Staff read titles, never intent names; a case's prompt opens its ticket form.
    title: dict[str, str] = field(default_factory=dict)  # language -> title
    prompt: dict[str, str] = field(default_factory=dict)  # language -> prompt (case intents)


@dataclass
class Content:
    root: Path
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)
    municipality: dict[str, Any] = field(default_factory=dict)
    intents: dict[str, IntentDef] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Words and phrases of each team's domain: the team classifier learns from them too, so
    # a question on a topic without an intent still reaches the right team.
    vocabulary: list[tuple[TeamExample, str, int]] = field(default_factory=list)
    # Answers whose intent is not defined in that language's files: (language, name, file, line).
    orphan_answers: list[tuple[str, str, str, int]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def intent_infos(self) -> dict[str, IntentInfo]:
        return {
            i.name: IntentInfo(i.name, i.team, i.kind, i.sensitive) for i in self.intents.values()
        }

    def training_examples(self) -> list[TrainingExample]:
        return [
            TrainingExample(ex.text, intent.name, lang)
            for intent in self.intents.values()
            for lang, examples in intent.examples.items()
            for ex in examples
        ]

    def team_examples(self) -> list[TeamExample]:
        return [example for example, _file, _line in self.vocabulary]

    def default_team(self) -> str:
        return next((t for t, d in self.teams.items() if d.get("default")), "yleisneuvonta")

    def intent_title(self, name: str, language: str) -> str:
        """What staff read for an intent. Stored messages may name an intent that has since
        been renamed or removed (or the NLU's no-intent label): they get a plain phrase,
        never the identifier."""
        intent = self.intents.get(name)
        titles = intent.title if intent else {}
        for lang in (language, *LANGUAGES):
            if titles.get(lang):
                return titles[lang]
        return UNKNOWN_TITLE.get(language, UNKNOWN_TITLE["en"])


def load_content(root: Path) -> Content:
    """Everything under `root`; problems are in `.problems` (see content.validate)."""
    content = Content(root)
    content.teams = {
        t["id"]: t
        for t in _checked(content, root / "teams.yml", schema.TEAMS).get("teams", [])
        if isinstance(t, dict) and "id" in t
    }
    content.municipality = _checked(content, root / "municipality.yml", schema.MUNICIPALITY)
    for lang in LANGUAGES:
        folder = root / lang
        files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        if not files:
            content.problems.append(Problem(str(folder), 1, f"no intent files for '{lang}'"))
        docs = [doc for path in files if (doc := _read(content, path, schema.NLU_FILE))]
        for doc in docs:
            _add_intents(content, lang, doc)
        for doc in docs:  # after all intents of the language: an answer may sit in any file
            _add_answers(content, lang, doc)
    for path in sorted((root / "vocabulary").glob("*.yml")):
        if (doc := _read(content, path, schema.VOCABULARY)) is not None:
            for lang in LANGUAGES:
                for index, text in enumerate(doc.data[lang]):
                    line = doc.line((lang, index))
                    example = TeamExample(text, doc.data["team"], lang)
                    content.vocabulary.append((example, str(path), line))
    return content


def _read(content: Content, path: Path, file_schema: dict[str, Any]) -> YamlDoc | None:
    content.files.append(path)
    try:
        doc = load_yaml(path)
    except FileNotFoundError:
        content.problems.append(Problem(str(path), 1, "file is missing"))
        return None
    except YamlError as exc:
        content.problems.append(Problem(str(path), exc.line, exc.message))
        return None
    validator = jsonschema.Draft202012Validator(file_schema)
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        where = tuple(error.path)
        label = "/".join(map(str, where)) or "(top level)"
        content.problems.append(Problem(str(path), doc.line(where), f"{label}: {error.message}"))
    return None if errors else doc


def _checked(content: Content, path: Path, file_schema: dict[str, Any]) -> dict[str, Any]:
    doc = _read(content, path, file_schema)
    return doc.data if doc is not None else {}


def _examples(block: str, file: str, first_line: int) -> list[Example]:
    examples = []
    for offset, raw in enumerate(block.splitlines()):
        line = raw.strip()
        if line.startswith("- "):
            examples.append(Example(line[2:].strip(), file, first_line + 1 + offset))
    return examples


def _add_intents(content: Content, lang: str, doc: YamlDoc) -> None:
    file = str(doc.path)
    for index, item in enumerate(doc.data["nlu"]):
        name, meta = item["intent"], item["metadata"]
        line = doc.line(("nlu", index))
        intent = content.intents.get(name)
        if intent is None:
            intent = content.intents[name] = IntentDef(
                name,
                meta["team"],
                meta["kind"],
                bool(meta.get("sensitive", False)),
                slots=list(meta.get("slots", [])),
            )
        elif (intent.team, intent.kind) != (meta["team"], meta["kind"]):
            content.problems.append(
                Problem(
                    file,
                    line,
                    f"intent '{name}' has team/kind {meta['team']}/{meta['kind']} here "
                    f"but {intent.team}/{intent.kind} elsewhere",
                )
            )
        if lang in intent.where:
            first = intent.where[lang]
            content.problems.append(
                Problem(
                    file,
                    line,
                    f"intent '{name}' is defined twice in '{lang}' "
                    f"(first at {first[0]}:{first[1]})",
                )
            )
            continue
        intent.where[lang] = (file, line)
        if "title" in meta:
            intent.title[lang] = meta["title"]
        if "prompt" in meta:  # content.validate reports one on an intent that is not a case
            intent.prompt[lang] = meta["prompt"]
        intent.examples[lang] = _examples(
            item["examples"], file, doc.line(("nlu", index, "examples"))
        )


def _add_answers(content: Content, lang: str, doc: YamlDoc) -> None:
    file = str(doc.path)
    for key, variants in (doc.data.get("responses") or {}).items():
        name = key.removeprefix("utter_")
        target = content.intents.get(name)
        if target is None or lang not in target.where:
            content.orphan_answers.append((lang, name, file, doc.line(("responses", key))))
            continue
        target.answers[lang] = variants[0]["text"]
