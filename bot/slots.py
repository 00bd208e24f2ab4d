"""What the state machine remembers between turns: the records in `Conversation.slots`.

The slots are a JSON column, so at run time they are plain dicts, stored and logged as they
are; these TypedDicts only let the type checker follow them from module to module (the
dialogue, the ticket form, the handoff, the payloads' labels). The JSON becomes a `Slots` in
one place per reader, where it is read from the conversation row.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from actions.tickets import Routing


class Question(TypedDict):
    """The resident's latest question not settled by an answer: what a person would get."""

    text: str | None  # redacted; None when a button chose the topic before anything was asked
    routing: Routing


class EarlierQuestion(TypedDict):
    """A question a handoff form offers as its matter: only one with words to offer."""

    text: str
    routing: Routing


class Feedback(TypedDict):
    """The answer a "did this help?" is about."""

    message_id: int | None  # None: the answer followed a pressed button
    intent: str


class Form(TypedDict):
    """A ticket or handoff form being filled in (bot/ticket_form.py)."""

    kind: str  # question | case | private | handoff
    routing: Routing
    description: str | None  # None: not asked yet
    needed: list[str]  # the case's slots, in the order they are asked
    details: dict[str, str]
    contact: dict[str, str] | None  # None: not asked yet; {}: skipped; {"email": ...}
    private: bool
    intent: str | None  # whose prompt opens the form
    prompted: bool
    previous: EarlierQuestion | None  # handoff: the earlier question on offer
    step: NotRequired[str]  # what the last question asked for
    sent: NotRequired[str]  # the ticket's number, once filed


class Slots(TypedDict, total=False):
    form: Form
    question: Question
    offer: str  # the buttons on offer: a key of bot/payloads.py OFFER_PAYLOADS
    feedback: Feedback
    misses: int  # messages in a row the bot did not understand
    private_routing: Routing  # where a private ticket about a sensitive matter would go
