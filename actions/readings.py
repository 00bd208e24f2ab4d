"""What the NLU said about a stored resident message, read back from its `nlu` JSON, and
the one rule for quoting a resident's words to staff (dashboards, the inbox)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nlu import OUT_OF_SCOPE


@dataclass(frozen=True)
class Reading:
    """What the NLU said about a resident message, from its stored `nlu` JSON. Sensitive
    messages keep a shorter record (intent and team as plain strings, no ranking)."""

    intent: str | None
    team: str | None
    guess: str | None  # the intent ranked first
    fallback: bool
    sensitive: bool

    @property
    def answered(self) -> bool:
        return not self.fallback and self.intent != OUT_OF_SCOPE

    def visible(self, include_private: bool) -> bool:
        return include_private or not self.sensitive

    @classmethod
    def of(cls, nlu: Any) -> Reading | None:
        if not isinstance(nlu, dict):
            return None  # a button press, or a message stored without NLU
        intent = _name(nlu.get("intent"), "name")
        ranking = nlu.get("ranking")
        first = ranking[0] if isinstance(ranking, list) and ranking else None
        return cls(
            intent=intent,
            team=_name(nlu.get("team"), "id"),
            guess=_name(first, "name") or intent,
            fallback=nlu.get("fallback") is True,
            sensitive=nlu.get("sensitive") is True,
        )


def _name(value: Any, key: str) -> str | None:
    if isinstance(value, dict):
        value = value.get(key)
    return value if isinstance(value, str) and value else None


def may_quote(text: str, private: bool, reading: Reading) -> bool:
    """A resident's words may be shown as an example: never from a private conversation or a
    sensitive message, and never a placeholder that stands for words not stored."""
    return not private and not reading.sensitive and bool(text) and not text.startswith("[")
