"""What the bot does: answer, clarify, create and route tickets, hand off, notify.

Each action takes an `ActionContext` and returns what to say (`Say`); see actions/base.py.
"""

from actions.answer import answer, office_hours_text, render_answer
from actions.base import ActionContext, Button, Say
from actions.clarify import candidates, clarify, popular_topics, rephrase
from actions.contact import contact_card, contact_unknown
from actions.handoff import hand_back, request_handoff, take_over, team_open
from actions.notify import notify_team, service_notices
from actions.tickets import create_ticket, offer_ticket, route, ticket_created

__all__ = [
    "ActionContext",
    "Button",
    "Say",
    "answer",
    "candidates",
    "clarify",
    "contact_card",
    "contact_unknown",
    "create_ticket",
    "hand_back",
    "notify_team",
    "offer_ticket",
    "office_hours_text",
    "popular_topics",
    "render_answer",
    "rephrase",
    "request_handoff",
    "route",
    "service_notices",
    "take_over",
    "team_open",
    "ticket_created",
]
