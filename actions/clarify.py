"""Clarifying: when the NLU is unsure between a few intents, let the resident choose."""

from __future__ import annotations

from actions.base import ActionContext, Button, Say
from content import Content
from nlu import ParseResult

MIN_CANDIDATE = 0.1  # a candidate below this is noise, not an alternative worth showing
MAX_CANDIDATES = 3


def candidates(result: ParseResult, content: Content) -> list[str]:
    """FAQ and case intents worth offering, best first (core intents never)."""
    return [
        ranked.name
        for ranked in result.ranking[:MAX_CANDIDATES]
        if ranked.confidence >= MIN_CANDIDATE
        and ranked.name in content.intents
        and content.intents[ranked.name].kind != "core"
    ]


def intent_title(content: Content, intent: str, lang: str) -> str:
    """A candidate shown as its first example: a question the resident will recognise."""
    examples = content.intents[intent].examples.get(lang) or []
    return examples[0].text if examples else intent


async def clarify(ctx: ActionContext, intents: list[str]) -> list[Say]:
    buttons = [
        Button(f"pick:{name}", intent_title(ctx.content, name, ctx.lang)) for name in intents
    ]
    buttons.append(ctx.button("none", "btn_none"))
    return [Say(ctx.text("clarify"), tuple(buttons))]
