"""Answering: an intent's answer in the user's language, filled with the city's details."""

from __future__ import annotations

from typing import Any

from actions.base import ActionContext, Say
from actions.notify import service_notices
from actions.sla import DAYS
from actions.texts import WEEKDAYS
from content import Content


def office_hours_text(hours: dict[str, str], lang: str) -> str:
    """{"mon": "09:00-15:00", ...} -> "ma–to 9.00–15.00, pe 9.00–14.00" (per language)."""
    names = WEEKDAYS[lang]
    groups: list[tuple[int, int, str]] = []
    for index, day in enumerate(DAYS):
        if day not in hours:
            continue
        if groups and groups[-1][2] == hours[day] and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, hours[day])
        else:
            groups.append((index, index, hours[day]))
    sep = ":" if lang == "en" else "."
    parts = []
    for first, last, span in groups:
        opens, closes = (t.lstrip("0").replace(":", sep) for t in span.split("-"))
        days = names[first] if first == last else f"{names[first]}–{names[last]}"
        parts.append(f"{days} {opens}–{closes}")
    return ", ".join(parts)


def placeholders(content: Content, team_id: str, lang: str) -> dict[str, str]:
    city: dict[str, Any] = content.municipality
    team = content.teams.get(team_id) or content.teams.get(content.default_team(), {})
    return {
        "city": city["name"][lang],
        "city_phone": city["phone"],
        "city_email": city["email"],
        "city_web": city["web"],
        "city_address": city["address"][lang],
        "eservices_web": city["eservices_web"],
        "wellbeing_county": city["wellbeing_county"][lang],
        "wellbeing_phone": city["wellbeing_phone"],
        "wellbeing_web": city["wellbeing_web"],
        "team_name": team["name"][lang],
        "team_phone": team["phone"],
        "team_email": team["email"],
        "team_hours": office_hours_text(team["office_hours"], lang),
    }


def render_answer(content: Content, intent: str, lang: str) -> str:
    """The answer text of `intent` in `lang`, placeholders filled. KeyError if none."""
    definition = content.intents[intent]
    template = definition.answers[lang]
    return template.format_map(placeholders(content, definition.team, lang))


async def answer(ctx: ActionContext, intent: str, ask_feedback: bool = True) -> list[Say]:
    """Active service breaks of the intent's team, the answer, then "did this help?"."""
    said = await service_notices(ctx, ctx.content.intents[intent].team)
    said.append(Say(render_answer(ctx.content, intent, ctx.lang)))
    if ask_feedback:
        said.append(
            Say(
                ctx.text("did_it_help"),
                (ctx.button("helpful:yes", "btn_yes"), ctx.button("helpful:no", "btn_no")),
            )
        )
    return said
