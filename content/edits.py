"""Edits the communications team makes to a content document (a draft), one function each.

Pure functions on a document: each checks what it can see at once (the intent exists, the
example is not another intent's, the placeholders are known) and raises EditError with a
sentence for the editor; the whole-content checks run when the draft is evaluated
(content.export.checked). Each returns a short description for the draft's change log.
"""

from __future__ import annotations

import re

from content.document import Document, IntentDoc, default_file, intent_of
from content.schema import KINDS, SLOTS, TITLE_MAX
from content.validate import PLACEHOLDERS, normalize_example
from nlu import LANGUAGES

NAME = re.compile(r"^[a-z][a-z0-9_]{2,80}$")
MAX_EXAMPLE = 300
MAX_ANSWER = 2000
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class EditError(ValueError):
    """An edit that cannot be made as asked; the text says why (shown to the editor)."""


def _intent(document: Document, name: str) -> IntentDoc:
    intent = intent_of(document, name)
    if intent is None:
        raise EditError("No such topic in this draft.")
    return intent


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise EditError("Unknown language.")


def owner_of_example(document: Document, lang: str, text: str) -> str | None:
    """The intent that already has this example (compared as the validator does)."""
    key = normalize_example(text)
    for intent in document["intents"]:
        if any(normalize_example(t) == key for t in intent["examples"].get(lang, [])):
            return intent["name"]
    return None


def add_examples(document: Document, name: str, lang: str, texts: list[str]) -> str:
    """Add example questions; ones the intent already has are skipped, one that another
    intent has is refused (the two would teach the model opposite things)."""
    _language(lang)
    intent = _intent(document, name)
    cleaned = [" ".join(t.split()) for t in texts if t.strip()]
    if not cleaned:
        raise EditError("Write at least one example question.")
    if any(len(t) > MAX_EXAMPLE for t in cleaned):
        raise EditError(f"An example is longer than {MAX_EXAMPLE} characters.")
    examples = intent["examples"].setdefault(lang, [])
    added = 0
    for text in cleaned:
        owner = owner_of_example(document, lang, text)
        if owner == name:
            continue
        if owner is not None:
            title = _intent(document, owner)["title"].get(lang, owner)
            raise EditError(f"'{text}' is already an example of the topic '{title}'.")
        examples.append(text)
        added += 1
    return f"{added} {lang} example(s) added to {name}"


def add_group_examples(document: Document, name: str, texts: dict[str, list[str]]) -> str:
    """Add a whole inbox group's questions to a topic: one that another topic has already is
    left out (and counted), so one clash does not stop the rest."""
    added = skipped = 0
    for lang, items in texts.items():
        _language(lang)
        for text in items:
            before = len(_intent(document, name)["examples"].get(lang, []))
            try:
                add_examples(document, name, lang, [text])
            except EditError:
                skipped += 1
                continue
            added += len(_intent(document, name)["examples"][lang]) - before
    if not added:
        raise EditError("Every question of the group is an example already.")
    return f"{added} example(s) from the inbox added to {name}" + (
        f" ({skipped} left out: examples of other topics)" if skipped else ""
    )


def add_team_questions(document: Document, team: str, texts: dict[str, list[str]]) -> str:
    """Confirm staff's routing of an inbox group: its questions join the team's vocabulary,
    which teaches the model which team a question is about without naming a topic of it
    (nlu.training: the vocabulary trains the first stage only)."""
    if not any(t["id"] == team for t in document["teams"]):
        raise EditError("No such team.")
    words = document["vocabulary"].setdefault(team, {lang: [] for lang in LANGUAGES})
    added = 0
    for lang, items in texts.items():
        _language(lang)
        known = {normalize_example(t) for t in words.setdefault(lang, [])}
        for text in (" ".join(t.split()) for t in items):
            if text and len(text) <= MAX_EXAMPLE and normalize_example(text) not in known:
                words[lang].append(text)
                known.add(normalize_example(text))
                added += 1
    if not added:
        raise EditError("Every question of the group is in the team's words already.")
    return f"{added} question(s) from the inbox added to the words of team {team}"


def remove_example(document: Document, name: str, lang: str, text: str) -> str:
    _language(lang)
    examples = _intent(document, name)["examples"].get(lang, [])
    if text not in examples:
        raise EditError("That example is not in the topic (any more).")
    examples.remove(text)
    return f"{lang} example removed from {name}"


def check_placeholders(text: str) -> None:
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - PLACEHOLDERS)
    if unknown:
        names = ", ".join("{" + u + "}" for u in unknown)
        known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        raise EditError(f"Unknown placeholder {names}. Known ones: {known}.")


def set_answer(document: Document, name: str, lang: str, text: str) -> str:
    _language(lang)
    intent = _intent(document, name)
    text = text.strip().replace("\r\n", "\n")
    if not text:
        raise EditError("The answer is empty.")
    if len(text) > MAX_ANSWER:
        raise EditError(f"The answer is longer than {MAX_ANSWER} characters.")
    check_placeholders(text)
    intent["answers"][lang] = text
    return f"{lang} answer of {name} changed"


def set_title(document: Document, name: str, lang: str, title: str) -> str:
    _language(lang)
    intent = _intent(document, name)
    title = " ".join(title.split())
    if not title or len(title) > TITLE_MAX:
        raise EditError(f"A title has 1 to {TITLE_MAX} characters.")
    intent["title"][lang] = title
    return f"{lang} title of {name} changed"


def set_prompt(document: Document, name: str, lang: str, prompt: str) -> str:
    """A case's first question to the resident (its ticket form opens with it)."""
    _language(lang)
    intent = _intent(document, name)
    if intent["kind"] != "case":
        raise EditError("Only a case asks a first question.")
    prompt = " ".join(prompt.split())
    if not prompt:
        raise EditError("The first question is empty.")
    intent["prompt"][lang] = prompt
    return f"{lang} first question of {name} changed"


def new_intent(
    document: Document,
    name: str,
    *,
    team: str,
    kind: str,
    sensitive: bool,
    titles: dict[str, str],
    answers: dict[str, str],
    prompts: dict[str, str] | None = None,
    slots: tuple[str, ...] = (),
) -> str:
    """A new faq or case topic with its titles and answers (and a case's first questions);
    examples are added after."""
    if not NAME.match(name):
        raise EditError("A topic's id has 3 to 80 small letters, digits or _, a letter first.")
    if intent_of(document, name) is not None:
        raise EditError("A topic with that id exists already.")
    if team not in {t["id"] for t in document["teams"]}:
        raise EditError("Unknown team.")
    if kind not in KINDS or kind == "core":
        raise EditError("A new topic is a question (faq) or a case.")
    if any(slot not in SLOTS for slot in slots):
        raise EditError("Unknown slot.")
    if slots and kind != "case":
        raise EditError("Only a case asks where the matter is.")
    intent: IntentDoc = {
        "name": name,
        "team": team,
        "kind": kind,
        "sensitive": sensitive,
        "slots": list(slots),
        "file": default_file(kind, team),
        "title": {},
        "prompt": {},
        "examples": {lang: [] for lang in LANGUAGES},
        "answers": {},
    }
    # After the last topic of its file: the order a folder written from it reads back in.
    same_file = [n for n, i in enumerate(document["intents"]) if i["file"] == intent["file"]]
    document["intents"].insert(same_file[-1] + 1 if same_file else len(document["intents"]), intent)
    for lang in LANGUAGES:
        if titles.get(lang, "").strip():
            set_title(document, name, lang, titles[lang])
        if answers.get(lang, "").strip():
            set_answer(document, name, lang, answers[lang])
        if kind == "case" and (prompts or {}).get(lang, "").strip():
            set_prompt(document, name, lang, (prompts or {})[lang])
    return f"new topic {name} ({team}, {kind})"


def retire_intent(document: Document, name: str) -> str:
    """Remove a topic; its stored messages keep their history (titles fall back to a plain
    phrase). The bot's own topics (greetings, handoff) cannot be retired."""
    intent = _intent(document, name)
    if intent["kind"] == "core":
        raise EditError("The bot's own topics cannot be retired.")
    document["intents"].remove(intent)
    return f"topic {name} retired"
