"""Routing a question to a team and creating its ticket, with the reason on record.

The route is decided when the question is asked (from its NLU result) and kept with the
conversation, so the ticket made a few turns later is routed by the question, not by the
"yes, pass it on" that confirmed it.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from actions import announce
from actions import conversation as conversation_state
from actions.base import ActionContext, Say
from actions.notify import notify_team
from actions.sla import HELSINKI, add_business_hours, format_due
from content import Content
from nlu import ParseResult
from taskstore import Ticket, store

TEAM_CONFIDENCE = 0.5  # below this the team classifier's guess goes to general advice


class Routing(TypedDict):
    """Which team, and why: kept with the question, stored with its ticket, and the data of
    the ticket's `routed` event. The NLU's figures are there when a message was read."""

    team: str
    method: str  # intent | team_classifier | default_team | resident_choice
    intent: str | None
    intent_confidence: NotRequired[float]
    team_classifier: NotRequired[str]
    team_confidence: NotRequired[float]
    features: NotRequired[list[str]]  # up to five that most supported the team


def route(result: ParseResult, content: Content) -> Routing:
    """Which team, and why: the NLU's team when it is sure enough (a confident intent's team,
    else the team classifier's), else the intent's own team when the intent is not a
    fallback, else the default team (general advice)."""
    intent = content.intents.get(result.intent.name)
    if result.team.confidence >= TEAM_CONFIDENCE and result.team.name in content.teams:
        team, method = result.team.name, result.team_by
    elif intent is not None and not result.fallback and intent.kind != "core":
        team, method = intent.team, "intent"
    else:
        team, method = content.default_team(), "default_team"
    return {
        "team": team,
        "method": method,
        "intent": result.intent.name,
        "intent_confidence": round(result.intent.confidence, 4),
        "team_classifier": result.team.name,
        "team_confidence": round(result.team.confidence, 4),
        "features": [e.feature for e in result.explanation if e.target == "team"][:5],
    }


def is_private(content: Content, team_id: str, intent: str | None) -> bool:
    definition = content.intents.get(intent or "")
    return bool(content.teams.get(team_id, {}).get("private")) or bool(
        definition and definition.sensitive
    )


async def create_ticket(
    ctx: ActionContext,
    *,
    kind: str,
    description: str,
    routing: Routing,
    details: dict[str, str] | None = None,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    private: bool = False,
) -> Ticket:
    """A ticket for the routed team with its SLA due times; logs `created` and `routed`."""
    team_id = routing["team"]
    team = ctx.content.teams[team_id]
    hours, sla = team["office_hours"], team["sla"]
    intent = routing.get("intent")
    private = private or is_private(ctx.content, team_id, intent)
    ticket = await store.create_ticket(
        ctx.session,
        now=ctx.now,
        year=ctx.now.astimezone(HELSINKI).year,  # 1 Jan 01:00 in Helsinki is a new year
        conversation_id=ctx.conversation.id,
        team_id=team_id,
        kind=kind,
        intent=intent if intent in ctx.content.intents else None,
        private=private,
        language=ctx.lang,
        description=description,
        details=details or {},
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_consent=bool(contact_email or contact_phone),
        first_response_due=add_business_hours(hours, ctx.now, sla["first_response_hours"]),
        resolution_due=add_business_hours(hours, ctx.now, sla["resolution_hours"]),
    )
    conversation = ctx.conversation
    await store.log_event(
        ctx.session, "created", "bot", ticket=ticket, conversation=conversation, kind=kind
    )
    await store.log_event(
        ctx.session, "routed", "bot", ticket=ticket, conversation=conversation, **routing
    )
    if private or not conversation.private:
        # A private conversation stays with the team of its sensitive matter: a later
        # ordinary ticket must not open its transcript to another team.
        conversation_state.team_changed(ctx.session, conversation, team_id)
    conversation.private = conversation.private or private
    announce.queue_changed(ctx.session, team_id)  # a new ticket in the team's queue
    notify_team(ticket)
    return ticket


def due_text(ctx: ActionContext, ticket: Ticket) -> str:
    due = ticket.first_response_due
    return format_due(due, ctx.lang) if due else ctx.team_name(ticket.team_id)


def ticket_created(ctx: ActionContext, ticket: Ticket) -> Say:
    return Say(
        ctx.text(
            "ticket_created",
            team=ctx.team_name(ticket.team_id),
            number=ticket.number,
            due=due_text(ctx, ticket),
        )
    )


def offer_ticket(ctx: ActionContext, text_key: str) -> Say:
    """The way to a person: "pass to staff" or "no thanks"."""
    return Say(
        ctx.text(text_key),
        (ctx.button("ticket:yes", "btn_to_staff"), ctx.button("ticket:no", "btn_no_thanks")),
    )
