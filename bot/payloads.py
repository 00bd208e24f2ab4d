"""The buttons' payloads: their grammar, their labels, and what a typed yes/no stands for.

A payload comes back from a client, so anything outside `PAYLOAD` is refused before it is
stored. A pressed button is stored as its label, as the resident saw it.
"""

from __future__ import annotations

import re

from actions.texts import LANGUAGE_NAMES, say
from bot.slots import Slots
from content import Content

PREVIOUS_LABEL_MAX = 60  # characters of an earlier question shown on its button

PAYLOAD = re.compile(
    r"language|lang:(fi|sv|en)|helpful:(yes|no)|pick:[a-z0-9_]+|none|ticket:(yes|no)"
    r"|private:yes|handoff|queue:cancel|form:(send|skip|cancel|previous)"
)


def is_known(content: Content, payload: str) -> bool:
    """The whole payload is one of the grammar's, and a picked topic is one the content has
    (a client can send any text: only what a button could carry is stored)."""
    if not PAYLOAD.fullmatch(payload):
        return False
    return not payload.startswith("pick:") or payload.removeprefix("pick:") in content.intents


# The label each fixed payload's button carries (the keys of actions/texts.py).
BUTTON_LABELS = {
    "helpful:yes": "btn_yes",
    "helpful:no": "btn_no",
    "ticket:yes": "btn_to_staff",
    "ticket:no": "btn_no_thanks",
    "none": "btn_none",
    "private:yes": "btn_private",
    "handoff": "btn_person",
    "queue:cancel": "btn_back_to_bot",
    "form:send": "btn_send",
    "form:skip": "btn_skip",
    "form:cancel": "btn_cancel",
    "form:previous": "btn_previous",
    "language": "btn_language",
}

# What a typed "yes" / "no" means for each pending offer: (no, yes).
OFFER_PAYLOADS = {
    "feedback": ("helpful:no", "helpful:yes"),
    "ticket": ("ticket:no", "ticket:yes"),
    "private": ("ticket:no", "private:yes"),
}


def previous_label(text: str) -> str:
    """An earlier question as the button offering it reads: the resident's own words."""
    text = " ".join(text.split())
    if len(text) <= PREVIOUS_LABEL_MAX:
        return text
    return text[: PREVIOUS_LABEL_MAX - 1].rstrip() + "…"


def button_label(content: Content, lang: str, payload: str, slots: Slots | None = None) -> str:
    """What the resident pressed, as the transcript shows it: the button's own label."""
    form = (slots or {}).get("form")
    previous = form.get("previous") if form else None
    if payload == "form:previous" and previous:
        return previous_label(previous["text"])
    if payload.startswith("lang:"):
        return LANGUAGE_NAMES[payload.removeprefix("lang:")]
    if payload.startswith("pick:"):
        intent = payload.removeprefix("pick:")
        if intent in content.intents:
            return content.intent_title(intent, lang)
    key = BUTTON_LABELS.get(payload)
    return say(key, lang) if key else f"[{payload}]"
