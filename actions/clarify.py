"""Clarifying: when the NLU is unsure between a few intents, let the resident choose; when it
understood nothing, ask once to rephrase and show a few common topics."""

from __future__ import annotations

from actions.base import ActionContext, Button, Say
from content import Content
from nlu import OUT_OF_SCOPE, ParseResult

MIN_CANDIDATE = 0.1  # a candidate below this is noise, not an alternative worth showing
MAX_CANDIDATES = 3
POPULAR_TOPICS = 4


def candidates(result: ParseResult, content: Content) -> list[str]:
    """FAQ and case intents worth offering, best first (core intents never), and only those
    likelier than "none of our matters": below out_of_scope a topic is a guess, not an
    alternative ("how much does a moon rock weigh" is no pothole report)."""
    offered = []
    for ranked in result.ranking[:MAX_CANDIDATES]:
        if ranked.name == OUT_OF_SCOPE:
            break
        intent = content.intents.get(ranked.name)
        if ranked.confidence >= MIN_CANDIDATE and intent is not None and intent.kind != "core":
            offered.append(ranked.name)
    return offered


def popular_topics(content: Content, count: int = POPULAR_TOPICS) -> list[str]:
    """The first FAQ of each of the first teams in teams.yml: the city orders its teams, and
    each file starts with its team's most asked question. General advice (where everything
    lands anyway) and private teams are left out."""
    default = content.default_team()
    topics = []
    for team_id, team in content.teams.items():
        if team_id == default or team.get("private"):
            continue
        first = next(
            (
                i.name
                for i in content.intents.values()
                if i.team == team_id and i.kind == "faq" and not i.sensitive
            ),
            None,
        )
        if first is not None:
            topics.append(first)
        if len(topics) == count:
            break
    return topics


async def clarify(ctx: ActionContext, intents: list[str]) -> list[Say]:
    buttons = [Button(f"pick:{name}", ctx.content.intent_title(name, ctx.lang)) for name in intents]
    buttons.append(ctx.button("none", "btn_none"))
    return [Say(ctx.text("clarify"), tuple(buttons))]


def rephrase(ctx: ActionContext) -> Say:
    """The first miss: try other words or a common topic, and a person is one press away."""
    buttons = [
        Button(f"pick:{name}", ctx.content.intent_title(name, ctx.lang))
        for name in popular_topics(ctx.content)
    ]
    buttons.append(ctx.button("handoff", "btn_person"))
    return Say(ctx.text("rephrase"), tuple(buttons))
