"""The live view of a conversation: the whole transcript with each message's NLU reading
and the routing reason; take over, write, hand back. New messages arrive by server-sent
events (`/console/conversations/{id}/events`), so the page needs no polling; without
JavaScript the page still works by reloading (streams.py serves the events)."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy import select

from actions.staff_work import WorkError
from bot import staff_live
from bot.web import RUNTIME
from console.access import may_release, may_talk, require_conversation, ticket_filter
from console.shared import CONSOLE, form, int_param, render, saved, viewer
from taskstore import Conversation, ConversationState, Event, Ticket, access_log
from taskstore.models import CannedReply
from taskstore.staff import display_names


async def _conversation(request: web.Request) -> Conversation:
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        found = await session.get(Conversation, int_param(request, "id"))
        return await require_conversation(session, viewer(request), found)


async def conversation_page(
    request: web.Request,
    *,
    error: str | None = None,
    error_values: dict[str, object] | None = None,
) -> web.Response:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        conversation = await require_conversation(
            session, me, await session.get(Conversation, int_param(request, "id"))
        )
        await access_log.record(session, me.id, "opened", "conversation", str(conversation.id))
        messages = await staff_live.transcript(session, conversation)
        tickets = (
            await session.scalars(
                select(Ticket)
                .where(Ticket.conversation_id == conversation.id, ticket_filter(me))
                .order_by(Ticket.id)
            )
        ).all()
        routed = (
            await session.scalars(
                select(Event)
                .where(Event.conversation_id == conversation.id, Event.type == "routed")
                .order_by(Event.id)
            )
        ).all()
        staff = await display_names(
            session, [*(m.staff_id for m in messages), conversation.assigned_staff_id]
        )
        team = conversation.team_id
        canned = (
            (
                await session.scalars(
                    select(CannedReply)
                    .where(
                        CannedReply.team_id == team, CannedReply.language == conversation.language
                    )
                    .order_by(CannedReply.title)
                )
            ).all()
            if team
            else []
        )
    holder = (
        conversation.assigned_staff_id
        if conversation.state == ConversationState.WITH_STAFF
        else None
    )
    return render(
        request,
        "conversation.html",
        status=400 if error else 200,
        error=error,
        error_values=error_values or {},
        conversation=conversation,
        messages=messages,
        tickets=tickets,
        routed=routed,
        staff=staff,
        holder=holder,
        holder_name=staff.get(holder) if holder else None,
        talks=may_talk(me, conversation),
        releases=may_release(me, conversation),
        canned=canned,
        teams=runtime.content.teams,
    )


async def conversation_action(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    conversation = await _conversation(request)
    name = request.match_info["action"]
    fields = await form(request)
    if not may_talk(me, conversation) and not (name == "return" and may_release(me, conversation)):
        raise web.HTTPForbidden(text="only the team the conversation is with can do this")
    try:
        if name == "take":
            await staff_live.take_over(runtime, conversation.id, me.id)
        elif name == "return":
            release = may_release(me, conversation) and fields.get("release") == "1"
            await staff_live.hand_back(runtime, conversation.id, me.id, release=release)
        elif name == "reply":
            mailer = request.app[CONSOLE].mailer
            await staff_live.reply(runtime, conversation.id, me.id, fields.get("text", ""), mailer)
        else:
            raise web.HTTPNotFound()
    except staff_live.Held as held:
        return await conversation_page(
            request, error="{name} holds this conversation.", error_values={"name": held.holder}
        )
    except WorkError as exc:
        return await conversation_page(request, error=str(exc))
    done = {"take": "taken", "return": "returned", "reply": "sent"}[name]
    raise saved(request, done, f"/console/conversations/{conversation.id}")
