"""Checks across the content files: what a schema alone cannot see."""

from __future__ import annotations

import re
from pathlib import Path

from content.loader import Content, Problem, load_content
from nlu import LANGUAGES

PLACEHOLDERS = frozenset(
    {
        "city",
        "city_phone",
        "city_email",
        "city_web",
        "city_address",
        "eservices_web",
        "wellbeing_county",
        "wellbeing_phone",
        "wellbeing_web",
        "team_name",
        "team_phone",
        "team_email",
        "team_hours",
    }
)
MIN_EXAMPLES = {"fi": 20, "sv": 10, "en": 10}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def normalize_example(text: str) -> str:
    return " ".join(text.lower().split()).strip(" ?!.")


class ContentInvalid(Exception):
    """The content folder has problems; `content.problems` lists them with file and line."""

    def __init__(self, content: Content) -> None:
        super().__init__(f"{len(content.errors)} problem(s) in {content.root}")
        self.content = content


def load_valid_content(data: Path) -> Content:
    content = validate(data)
    if content.errors:
        raise ContentInvalid(content)
    return content


def validate(root: Path) -> Content:
    """Load `root` and add every cross-file problem to `content.problems`."""
    content = load_content(root)
    problems = content.problems
    if content.errors:
        # A file that failed to read looks like missing intents everywhere else: report the
        # reading errors alone rather than a cascade of consequences.
        return content
    for lang, name, file, line in content.orphan_answers:
        problems.append(
            Problem(file, line, f"answer utter_{name} has no intent '{name}' in '{lang}'")
        )
    seen: dict[tuple[str, str], tuple[str, str, int]] = {}
    for intent in content.intents.values():
        file, line = next(iter(intent.where.values()))
        if content.teams and intent.team not in content.teams:
            problems.append(
                Problem(file, line, f"intent '{intent.name}': unknown team id '{intent.team}'")
            )
        for lang in LANGUAGES:
            if lang not in intent.where:
                problems.append(
                    Problem(file, line, f"intent '{intent.name}' is missing in '{lang}'")
                )
                continue
            lang_file, lang_line = intent.where[lang]
            if lang not in intent.answers:
                problems.append(
                    Problem(
                        lang_file,
                        lang_line,
                        f"intent '{intent.name}' has no answer utter_{intent.name} in '{lang}'",
                    )
                )
            else:
                for bad in sorted(set(_PLACEHOLDER.findall(intent.answers[lang])) - PLACEHOLDERS):
                    problems.append(
                        Problem(
                            lang_file,
                            lang_line,
                            f"answer utter_{intent.name} uses unknown placeholder {{{bad}}}",
                        )
                    )
            examples = intent.examples.get(lang, [])
            if len(examples) < MIN_EXAMPLES[lang]:
                problems.append(
                    Problem(
                        lang_file,
                        lang_line,
                        f"intent '{intent.name}' has "
                        f"{len(examples)} '{lang}' examples; at least "
                        f"{MIN_EXAMPLES[lang]} expected",
                        "warning",
                    )
                )
            for ex in examples:
                key = (lang, normalize_example(ex.text))
                if not key[1]:
                    problems.append(Problem(ex.file, ex.line, "empty example"))
                elif key in seen:
                    other_intent, other_file, other_line = seen[key]
                    where = (
                        "twice under"
                        if other_intent == intent.name
                        else f"under '{other_intent}' and"
                    )
                    problems.append(
                        Problem(
                            ex.file,
                            ex.line,
                            f"example '{ex.text}' is listed "
                            f"{where} '{intent.name}' (also at "
                            f"{other_file}:{other_line})",
                        )
                    )
                else:
                    seen[key] = (intent.name, ex.file, ex.line)
    unknown_team_files = set()  # one problem per file, not one per word
    for example, file, line in content.vocabulary:
        if content.teams and example.team not in content.teams and file not in unknown_team_files:
            unknown_team_files.add(file)
            problems.append(Problem(file, line, f"vocabulary of unknown team id '{example.team}'"))
    _check_titles_and_prompts(content)
    _check_default_team(content)
    _check_pages(content)
    return content


def _check_pages(content: Content) -> None:
    """The web chat's privacy notice and accessibility statement fill the answers'
    placeholders; an unknown one would break the page."""
    for name, page in (content.municipality.get("pages") or {}).items():
        for lang, text in page["text"].items():
            for bad in sorted(set(_PLACEHOLDER.findall(text)) - PLACEHOLDERS):
                content.problems.append(
                    Problem(
                        str(content.root / "municipality.yml"),
                        1,
                        f"page '{name}' ({lang}) uses unknown placeholder {{{bad}}}",
                    )
                )


def _check_titles_and_prompts(content: Content) -> None:
    """Staff read a title wherever an intent is named, so each must exist, look like a title
    and tell its intent apart from every other one; a case's ticket form opens with its prompt."""
    problems = content.problems
    seen: dict[tuple[str, str], tuple[str, str, int]] = {}
    for intent in content.intents.values():
        for lang, (file, line) in intent.where.items():
            title = intent.title.get(lang)
            name = intent.name
            if not title:
                problems.append(Problem(file, line, f"intent '{name}' has no title in '{lang}'"))
            elif (flaw := _title_flaw(title)) is not None:
                problems.append(Problem(file, line, f"title '{title}' of '{name}' {flaw}"))
            elif (other := seen.get((lang, title.casefold()))) is not None:
                problems.append(
                    Problem(
                        file,
                        line,
                        f"title '{title}' of '{name}' is also the title of '{other[0]}' "
                        f"(at {other[1]}:{other[2]}): staff could not tell them apart",
                    )
                )
            else:
                seen[(lang, title.casefold())] = (name, file, line)
            if intent.kind == "case" and not intent.prompt.get(lang):
                problems.append(
                    Problem(file, line, f"case intent '{name}' has no prompt in '{lang}'")
                )
            elif intent.kind != "case" and lang in intent.prompt:
                problems.append(
                    Problem(file, line, f"intent '{name}' has a prompt but only cases ask one")
                )


def _title_flaw(title: str) -> str | None:
    if title != title.strip() or title.endswith("."):
        return "has a full stop or spaces at an end"
    if not title[0].isupper() and not title[0].isdigit():
        return "should start with a capital letter"
    if "_" in title:
        return "looks like an identifier"
    return None


def _check_default_team(content: Content) -> None:
    defaults = [t for t, d in content.teams.items() if d.get("default")]
    if content.teams and len(defaults) != 1:
        content.problems.append(
            Problem(
                str(content.root / "teams.yml"),
                1,
                f"exactly one team must be 'default: true' (found {len(defaults)})",
            )
        )
