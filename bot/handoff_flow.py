"""The way to a person: asking for one, and waiting in the queue.

Asking for a person starts the handoff form (bot/ticket_form.py): the matter first, with the
resident's last unsettled question on offer, so the ticket carries the right question and
reaches the right team. A bare "talk to a person" must never file whatever was typed before.
"""

from __future__ import annotations

from actions import ActionContext, Say, hand_back
from actions import conversation as conversation_state
from actions.tickets import Routing
from bot import ticket_form
from bot.slots import EarlierQuestion, Slots


def start(ctx: ActionContext, slots: Slots, default_routing: Routing) -> list[Say]:
    question = slots.get("question")
    text = question.get("text") if question else None
    previous: EarlierQuestion | None = (
        {"text": text, "routing": question["routing"]} if question and text else None
    )
    form = ticket_form.new_form(
        "handoff",
        previous["routing"] if previous else default_routing,
        None,
        [],
        {},
        previous=previous,
    )
    conversation_state.collecting(ctx.session, ctx.conversation)
    slots["form"] = form
    slots.pop("offer", None)
    return ticket_form.next_question(ctx, form)


async def queued(ctx: ActionContext, payload: str | None) -> list[Say]:
    if payload == "queue:cancel":
        return await hand_back(ctx)
    if payload is None:
        # Every message is acknowledged with the way back to the bot: until a person
        # takes the conversation, nothing else answers.
        return [Say(ctx.text("still_queued"), (ctx.button("queue:cancel", "btn_back_to_bot"),))]
    return []
