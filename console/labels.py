"""What staff read instead of internal names: team names, intent titles, and sentences that
say how the bot read a message and why it chose a team.

Intent names and team ids are keys for the content and the store; a page shows the titles
the content gives them (data/teams.yml, each intent's `title`) in the console's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from console.i18n import N_, gettext
from content import Content
from nlu import NO_INTENT, OUT_OF_SCOPE

# The language picker's own names: each language is named in itself.
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
# Where a conversation came in, as staff call it (the store keeps the channel's code).
CHANNEL_NAMES = {
    "web": N_("web chat"),
    "rest": N_("chat on another site (REST API)"),
    "telegram": N_("Telegram"),
}


def number(value: Any, lang: str) -> str:
    """A confidence as "0.87" (English) or "0,87" (Finnish, Swedish)."""
    try:
        shown = f"{float(value):.2f}"
    except (TypeError, ValueError):
        return "–"
    return shown.replace(".", ",") if lang in ("fi", "sv") else shown


def words(features: Iterable[Any]) -> list[str]:
    """The deciding words of an explanation, as a reader writes them. Entity labels (EMAIL,
    DATE) stand for a resident's details, not for words, and are left out."""
    shown: list[str] = []
    for feature in features:
        if not isinstance(feature, str) or not feature or feature.isupper():
            continue
        word = feature.replace("_", " ")  # a word pair
        if word not in shown:
            shown.append(word)
    return shown


@dataclass(frozen=True)
class Labels:
    content: Content
    lang: str

    def _(self, text: str, **values: Any) -> str:
        return gettext(text, self.lang, **values)

    @property
    def city(self) -> str:
        """The whole municipality, by its own name ("Koko Esimerkkilä")."""
        return self._("All of {name}", name=self.municipality)

    @property
    def municipality(self) -> str:
        names = self.content.municipality.get("name", {})
        return str(names.get(self.lang) or names.get("fi") or "")

    def team(self, team_id: str | None) -> str:
        if not team_id:
            return "–"
        spec = self.content.teams.get(team_id)
        if spec is None:
            return self._("a team no longer in use")
        return str(spec["name"][self.lang])

    def teams(self, team_ids: Iterable[str]) -> str:
        return ", ".join(sorted(self.team(t) for t in team_ids)) or "–"

    def language(self, code: str | None) -> str:
        return LANGUAGE_NAMES.get(code or "", code or "–")

    def channel(self, code: str | None) -> str:
        name = CHANNEL_NAMES.get(code or "")
        return self._(name) if name else self._("another channel")

    def intent(self, name: str | None) -> str:
        """An intent's title; out of scope and not understood as plain words."""
        if not name:
            return "–"
        if name == OUT_OF_SCOPE:
            return self._("not a municipal matter")
        if name == NO_INTENT:
            return self._("not understood")
        definition = self.content.intents.get(name)
        if definition is None:
            return self._("a topic no longer in use")
        title = definition.title.get(self.lang)
        # Every intent has a title in each language (the content check); should one be
        # missing, say whose matter it is rather than show the name.
        return title or self._("a matter of {team}", team=self.team(definition.team))

    def reading(self, nlu: Any) -> str:
        """How the bot read one resident message, from the message's stored NLU record."""
        if not isinstance(nlu, Mapping) or not isinstance(nlu.get("intent"), Mapping):
            return ""
        intent = nlu["intent"]
        name, confidence = intent.get("name"), number(intent.get("confidence"), self.lang)
        if nlu.get("fallback") is True:
            ranking = nlu.get("ranking")
            first = ranking[0] if isinstance(ranking, list) and ranking else intent
            guess = first.get("name") if isinstance(first, Mapping) else None
            if guess in (None, NO_INTENT, OUT_OF_SCOPE) or guess not in self.content.intents:
                return self._("The bot did not understand this.")
            return self._(
                "The bot did not understand this; its closest guess was '{intent}' "
                "(confidence {confidence}).",
                intent=self.intent(guess),
                confidence=number(first.get("confidence"), self.lang),
            )
        if name == OUT_OF_SCOPE:
            return self._(
                "The bot read this as not a municipal matter (confidence {confidence}).",
                confidence=confidence,
            )
        team = nlu.get("team")
        if isinstance(team, Mapping) and team.get("id") in self.content.teams:
            return self._(
                "The bot read this as '{intent}' (confidence {confidence}), a matter for "
                "{team} (confidence {team_confidence}).",
                intent=self.intent(name),
                confidence=confidence,
                team=self.team(team["id"]),
                team_confidence=number(team.get("confidence"), self.lang),
            )
        return self._(
            "The bot read this as '{intent}' (confidence {confidence}).",
            intent=self.intent(name),
            confidence=confidence,
        )

    def routing(self, data: Mapping[str, Any]) -> str:
        """Why a ticket went to its team, from the `routed` event's data (actions/tickets.py)."""
        team = self.team(data.get("team"))
        method = data.get("method")
        intent = data.get("intent")
        confidence = number(data.get("intent_confidence"), self.lang)
        if method == "team_classifier":
            said = self._(
                "The bot chose {team} by the wording of the question (confidence "
                "{team_confidence}); it read the question as '{intent}' (confidence "
                "{confidence}).",
                team=team,
                team_confidence=number(data.get("team_confidence"), self.lang),
                intent=self.intent(intent),
                confidence=confidence,
            )
        elif method == "intent" and intent:
            said = self._(
                "The bot read the question as '{intent}' (confidence {confidence}), a matter "
                "for {team}.",
                intent=self.intent(intent),
                confidence=confidence,
                team=team,
            )
        else:
            said = self._(
                "The bot could not tell whose matter this is, so it went to {team}.", team=team
            )
        found = words(data.get("features") or ())
        if found:
            said += " " + self._("Deciding words: {words}.", words=", ".join(found))
        return said
