"""What may be stored of a resident's message.

Personal data the NLU finds (identity codes, phone numbers, emails, IBANs, licence plates:
the entities flagged `pii`) is replaced by a label before anything is written. Messages about
sensitive matters (health, social welfare, work ability) are not written to the shared
message log at all: a placeholder stands in, and only a private ticket the resident asks for
holds what they wrote.
"""

from __future__ import annotations

from nlu import find_entities

SENSITIVE_PLACEHOLDER = "[sensitive matter: details not stored]"


def redact(text: str) -> tuple[str, bool]:
    """`text` with every personal-data entity replaced by `[ENTITY]`; whether any was.

    The rules run on the text as received (the NLU sees a cleaned, length-capped copy, whose
    offsets would not fit a long message)."""
    pieces: list[str] = []
    position = 0
    for entity in find_entities(text):
        if not entity.pii or entity.start < position:
            continue
        pieces += [text[position : entity.start], f"[{entity.entity.upper()}]"]
        position = entity.end
    if not pieces:
        return text, False
    pieces.append(text[position:])
    return "".join(pieces), True
