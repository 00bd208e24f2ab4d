"""Notify: tell the resident about service breaks, and the team about a new ticket.

Service-break notices are rows in the task store (the comms team or a console adds them);
the active ones for a team are told before that team's answer. The team is told through
the event log (the console's queue reads it) and the log line below, which never carries
the message itself.
"""

from __future__ import annotations

import logging

from actions.base import ActionContext, Say
from taskstore import Ticket, store

log = logging.getLogger("kuntabotti.notify")


async def service_notices(ctx: ActionContext, team_id: str) -> list[Say]:
    notices = await store.active_notices(ctx.session, team_id, ctx.now)
    return [Say(ctx.text("notice", text=getattr(notice, f"text_{ctx.lang}"))) for notice in notices]


def notify_team(ticket: Ticket) -> None:
    log.info(
        "ticket %s for team %s (%s%s)",
        ticket.number,
        ticket.team_id,
        ticket.kind,
        ", private" if ticket.private else "",
    )
