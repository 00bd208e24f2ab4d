"""The parse result: the JSON shape later tools and tests depend on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nlu.entities import Entity


@dataclass(frozen=True)
class Ranked:
    name: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "confidence": round(self.confidence, 4)}


@dataclass(frozen=True)
class Evidence:
    """One feature that supported the chosen intent or team."""

    target: str  # "intent" or "team"
    feature: str
    kind: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "feature": self.feature,
            "kind": self.kind,
            "weight": round(self.weight, 4),
        }


@dataclass(frozen=True)
class ParseResult:
    text: str
    language: str
    intent: Ranked
    team: Ranked
    fallback: bool
    ranking: list[Ranked] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    explanation: list[Evidence] = field(default_factory=list)
    # The sensitive intent (health, social welfare, work ability) among the likely readings,
    # if any: the runtime keeps such a message out of the shared log (nlu/model.py decides).
    sensitive_intent: str | None = None
    # How the team was chosen: "intent" (a confident intent's team) or "team_classifier".
    team_by: str = "team_classifier"

    @property
    def sensitive(self) -> bool:
        return self.sensitive_intent is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "intent": self.intent.to_dict(),
            "team": {
                "id": self.team.name,
                "confidence": round(self.team.confidence, 4),
                "by": self.team_by,
            },
            "fallback": self.fallback,
            "sensitive": self.sensitive,
            "ranking": [r.to_dict() for r in self.ranking],
            "entities": [e.to_dict() for e in self.entities],
            "explanation": [e.to_dict() for e in self.explanation],
        }
