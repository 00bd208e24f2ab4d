"""An interactive question-and-answer loop on the terminal: the product before the server.

It answers as the bot would: the FAQ answer in the user's language, a clarifying list when
unsure, and the team a question would go to when nothing fits.
"""

from __future__ import annotations

import sys
from typing import TextIO

from actions import render_answer
from actions.texts import say
from content import Content
from nlu import NO_INTENT, OUT_OF_SCOPE, NLUModel, ParseResult

PROMPT = "> "
TEXTS = {
    "welcome": {
        "fi": "Hei! Olen kuntabotti ({city}). Kysy kunnan palveluista (tyhjä rivi lopettaa).",
        "sv": "Hej! Jag är kuntabotti ({city}). Fråga om kommunens tjänster (tom rad avslutar).",
        "en": "Hi! I am kuntabotti ({city}). Ask about municipal services (empty line quits).",
    },
    "to_team": {
        "fi": "En osaa vastata tähän. Voin välittää kysymyksesi tiimille: {team}.",
        "sv": "Jag kan inte svara på det. Jag kan skicka din fråga till: {team}.",
        "en": "I cannot answer that. I can pass your question to the team: {team}.",
    },
}


def reply(content: Content, result: ParseResult) -> str:
    lang = result.language
    intent = result.intent.name
    if result.fallback or intent == NO_INTENT:
        candidates = [
            r.name for r in result.ranking[:3] if r.name != OUT_OF_SCOPE and r.confidence >= 0.1
        ]
        if candidates:
            lines = [say("clarify", lang)]
            lines += [f"  - {content.intent_title(name, lang)}" for name in candidates]
            return "\n".join(lines)
        team = content.teams.get(result.team.name, {}).get("name", {}).get(lang, result.team.name)
        return TEXTS["to_team"][lang].format(team=team)
    return render_answer(content, intent, lang)


def run_shell(
    content: Content, model: NLUModel, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    for lang, text in TEXTS["welcome"].items():
        print(text.format(city=content.municipality["name"][lang]), file=stdout)
    previous: str | None = None
    while True:
        if stdin.isatty():
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line.strip():
            return 0
        result = model.parse(line.strip(), previous)
        previous = result.language
        print(reply(content, result), file=stdout, flush=True)
