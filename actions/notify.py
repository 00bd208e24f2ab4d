"""Notify: tell the resident about service breaks, and the team about a new ticket.

The active service-break notices for a team (`actions.notice_board`) are told before that
team's answer. The team is told through the event log (the console's queue reads it) and
the log line below, which never carries the message itself.
"""

from __future__ import annotations

import logging

from actions.base import ActionContext, Say
from taskstore import Ticket

log = logging.getLogger("kuntabotti.notify")


async def service_notices(ctx: ActionContext, team_id: str) -> list[Say]:
    notices = await ctx.notices.active(ctx.session, team_id, ctx.now)
    return [Say(ctx.text("notice", text=notice.texts[ctx.lang])) for notice in notices]


def notify_team(ticket: Ticket) -> None:
    log.info(
        "ticket %s for team %s (%s%s)",
        ticket.number,
        ticket.team_id,
        ticket.kind,
        ", private" if ticket.private else "",
    )
