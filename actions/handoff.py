"""Handoff between the bot and people: request, take over, hand back. Each step is an event.

In the team's office hours a conversation waits in the queue for a person; outside them the
resident is told when an answer can be expected (the ticket's first-response due time). The
dialogue asks for the matter (and, after hours, a contact) before it requests a handoff.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import conversation as conversation_state
from actions.answer import office_hours_text
from actions.base import ActionContext, Say
from actions.sla import is_open
from actions.tickets import due_text
from taskstore import Conversation, Ticket, store


def team_open(ctx: ActionContext, team_id: str) -> bool:
    return is_open(ctx.content.teams[team_id]["office_hours"], ctx.now)


def closed_hours(ctx: ActionContext, team_id: str) -> Say:
    """Said before the contact step when no one can take the conversation now."""
    hours = ctx.content.teams[team_id]["office_hours"]
    return Say(ctx.text("handoff_closed", hours=office_hours_text(hours, ctx.lang)))


async def request_handoff(ctx: ActionContext, ticket: Ticket) -> list[Say]:
    conversation = ctx.conversation
    await store.log_event(
        ctx.session, "handoff_requested", "resident", ticket=ticket, conversation=conversation
    )
    hours = ctx.content.teams[ticket.team_id]["office_hours"]
    if team_open(ctx, ticket.team_id):
        conversation_state.queued(ctx.session, conversation)
        await store.log_event(
            ctx.session, "queued", "bot", ticket=ticket, conversation=conversation
        )
        text = ctx.text("queued", team=ctx.team_name(ticket.team_id), number=ticket.number)
        return [Say(text, (ctx.button("queue:cancel", "btn_back_to_bot"),))]
    return [
        Say(
            ctx.text(
                "after_hours",
                team=ctx.team_name(ticket.team_id),
                hours=office_hours_text(hours, ctx.lang),
                number=ticket.number,
                due=due_text(ctx, ticket),
            )
        )
    ]


async def take_over(ctx: ActionContext, staff_id: int) -> None:
    """A person takes the conversation: the bot falls silent until it is handed back."""
    conversation = ctx.conversation
    conversation_state.taken_over(ctx.session, conversation, staff_id)
    await store.log_event(
        ctx.session, "taken_over", "staff", conversation=conversation, staff_id=staff_id
    )


async def hand_back(ctx: ActionContext, staff_id: int | None = None) -> list[Say]:
    """Back to the bot, by the person holding it (staff_id) or by the resident leaving the
    queue (None)."""
    conversation = ctx.conversation
    conversation_state.handed_back(ctx.session, conversation)
    await store.log_event(
        ctx.session,
        "handed_back",
        "staff" if staff_id is not None else "resident",
        conversation=conversation,
        staff_id=staff_id,
    )
    return [Say(ctx.text("back_to_bot"))]


async def release_held(session: AsyncSession, staff_id: int) -> list[Conversation]:
    """Every conversation this person holds goes back to the bot (their account was
    disabled): a resident must never wait on someone who cannot answer."""
    held = (
        await session.scalars(
            select(Conversation).where(
                Conversation.assigned_staff_id == staff_id,
                Conversation.state == conversation_state.State.WITH_STAFF,
            )
        )
    ).all()
    for conversation in held:
        conversation_state.handed_back(session, conversation)
        await store.log_event(
            session,
            "handed_back",
            "system",
            conversation=conversation,
            staff_id=staff_id,
            reason="account disabled",
        )
    return list(held)
