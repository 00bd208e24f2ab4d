"""The first half of a turn: understand the message and decide what of it may be stored.

The runtime commits what `prepare()` decides (the redacted text, or a placeholder for a
sensitive matter) before the dialogue answers, so nothing said is lost and nothing that must
not be kept is written even once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, cast

from bot.errors import BadInput
from bot.payloads import button_label, is_known
from bot.privacy import SENSITIVE_PLACEHOLDER, redact
from bot.slots import Slots
from content import Content
from nlu import ModelHandle, NLUModel, ParseResult
from taskstore import Conversation, ConversationState


@dataclass(frozen=True)
class Incoming:
    text: str | None
    payload: str | None


@dataclass(frozen=True)
class Prepared:
    incoming: Incoming
    result: ParseResult | None
    stored_text: str  # what the message log keeps
    ticket_text: str | None  # what a ticket may keep (redacted); None for buttons
    nlu_record: dict[str, Any] | None
    redacted: bool
    sensitive: bool
    parsed_by: NLUModel | None = None  # the model that read `result`


def prepare(
    content: Content, nlu: ModelHandle, conversation: Conversation, incoming: Incoming
) -> Prepared:
    slots = cast(Slots, conversation.slots or {})
    if incoming.payload is not None:
        if not is_known(content, incoming.payload):
            raise BadInput(f"unknown button payload {incoming.payload!r}")
        label = button_label(content, conversation.language, incoming.payload, slots)
        button: dict[str, Any] = {"payload": incoming.payload}
        return Prepared(incoming, None, label, None, button, False, False)
    text = incoming.text or ""
    model = nlu.model
    result = model.parse(text, conversation.language)
    form = slots.get("form")
    in_private_form = conversation.state == ConversationState.COLLECTING and bool(
        form and form.get("private")
    )
    sensitive = in_private_form or result.sensitive
    ticket_text, redacted = redact(text)
    if sensitive:
        record: dict[str, Any] = {
            "intent": result.intent.name,
            "team": result.team.name,
            "language": result.language,
            "sensitive": True,
        }
        return Prepared(
            incoming, result, SENSITIVE_PLACEHOLDER, ticket_text, record, True, True, model
        )
    return Prepared(
        incoming, result, ticket_text, ticket_text, _nlu_record(result), redacted, False, model
    )


def reread(nlu: ModelHandle, conversation: Conversation, prepared: Prepared) -> Prepared:
    """A new content version went live between the two halves of a turn: the message is
    read again by its model, so the answer comes from content that has the intent named.
    What was stored stays as the first reading decided."""
    if prepared.result is None or prepared.parsed_by is nlu.model:
        return prepared
    model = nlu.model
    result = model.parse(prepared.incoming.text or "", conversation.language)
    return replace(prepared, result=result, parsed_by=model)


def _nlu_record(result: ParseResult) -> dict[str, Any]:
    """The NLU result as the message log keeps it: personal-data entity values left out."""
    record = result.to_dict()
    record.pop("text")
    record["entities"] = [
        {k: v for k, v in e.items() if k != "value" or not e["pii"]} for e in record["entities"]
    ]
    return record
