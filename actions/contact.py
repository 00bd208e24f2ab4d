"""Whom to contact: a team's contact card, or the way to a person when no team can be told."""

from __future__ import annotations

from actions.answer import office_hours_text
from actions.base import ActionContext, Say


def contact_card(ctx: ActionContext, team_id: str) -> Say:
    team = ctx.content.teams[team_id]
    return Say(
        ctx.text(
            "contact_card",
            team=ctx.team_name(team_id),
            phone=team["phone"],
            email=team["email"],
            hours=office_hours_text(team["office_hours"], ctx.lang),
        )
    )


def contact_unknown(ctx: ActionContext) -> Say:
    """The city's advice line, and "pass it to staff" (the dialogue keeps the offer open)."""
    default = ctx.content.teams[ctx.content.default_team()]
    return Say(
        ctx.text(
            "contact_unknown",
            city_phone=ctx.content.municipality["phone"],
            hours=office_hours_text(default["office_hours"], ctx.lang),
        ),
        (ctx.button("ticket:yes", "btn_to_staff"), ctx.button("ticket:no", "btn_no_thanks")),
    )
