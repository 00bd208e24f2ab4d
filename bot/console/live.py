"""The live view of a conversation: the whole transcript with each message's NLU reading
and the routing reason; take over, write, hand back. New messages arrive by server-sent
events (`/console/conversations/{id}/events`), so the page needs no polling; without
JavaScript the page still works by reloading."""

from __future__ import annotations

import asyncio
import json

from aiohttp import web
from sqlalchemy import select

from actions.staff_work import WorkError
from bot import staff_live
from bot.console.access import require_conversation
from bot.console.web import CONSOLE, form, int_param, redirect, render, viewer
from bot.replies import OutMessage
from bot.server import RUNTIME
from taskstore import Conversation, Event, StaffUser, Ticket
from taskstore.models import CannedReply

KEEPALIVE = 20.0  # seconds between comments on an idle stream (proxies close silent ones)


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
        messages = await staff_live.transcript(session, conversation)
        tickets = (
            await session.scalars(
                select(Ticket).where(Ticket.conversation_id == conversation.id).order_by(Ticket.id)
            )
        ).all()
        routed = (
            await session.scalars(
                select(Event)
                .where(Event.conversation_id == conversation.id, Event.type == "routed")
                .order_by(Event.id)
            )
        ).all()
        staff = dict(
            (
                await session.execute(
                    select(StaffUser.id, StaffUser.display_name).where(
                        StaffUser.id.in_(
                            {m.staff_id for m in messages} | {conversation.assigned_staff_id}
                        )
                    )
                )
            ).all()
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
    holder = conversation.assigned_staff_id if conversation.state == "with_staff" else None
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
        canned=canned,
        teams=runtime.content.teams,
    )


async def conversation_action(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    runtime = request.app[RUNTIME]
    conversation = await _conversation(request)
    name = request.match_info["action"]
    fields = await form(request)
    try:
        if name == "take":
            await staff_live.take_over(runtime, conversation.id, me.id)
        elif name == "return":
            await staff_live.hand_back(runtime, conversation.id, me.id)
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
    if conversation.team_id:
        runtime.hub.publish_topic(f"team:{conversation.team_id}", {"kind": "queue_changed"})
    runtime.hub.publish_topic(f"conversation:{conversation.id}", {"kind": "state"})
    raise redirect(f"/console/conversations/{conversation.id}")


async def conversation_events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: each new message as `message`, a state change as `state`.

    `since` (or EventSource's Last-Event-ID on a reconnect) is the last message id the page
    has: what was stored between rendering the page and opening the stream comes first."""
    conversation = await _conversation(request)
    runtime = request.app[RUNTIME]
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    await response.prepare(request)
    messages = runtime.hub.subscribe(conversation.token, observer=True)
    topic = f"conversation:{conversation.id}"
    changes = runtime.hub.subscribe_topic(topic)
    sent: set[int] = set()

    async def send(message: OutMessage) -> None:
        if message.id in sent:
            return
        sent.add(message.id)
        data = json.dumps(message.to_dict())
        await response.write(f"id: {message.id}\nevent: message\ndata: {data}\n\n".encode())

    try:
        last = request.headers.get("Last-Event-ID") or request.query.get("since", "0")
        for message in await runtime.messages_since(conversation.token, _int(last)):
            await send(message)
        while True:
            next_message = asyncio.ensure_future(messages.get())
            next_change = asyncio.ensure_future(changes.get())
            done, pending = await asyncio.wait(
                {next_message, next_change}, timeout=KEEPALIVE, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            if not done:
                await response.write(b": keepalive\n\n")
                continue
            if next_message in done:
                await send(next_message.result())
            if next_change in done:
                await response.write(b"event: state\ndata: {}\n\n")
    except ConnectionResetError:  # the console page closed
        pass
    finally:
        runtime.hub.unsubscribe(conversation.token, messages)
        runtime.hub.unsubscribe_topic(topic, changes)
    return response


def _int(value: str) -> int:
    try:
        return max(0, int(value))
    except ValueError:
        return 0


async def queue_events(request: web.Request) -> web.StreamResponse:
    """Server-sent `queue` events when a ticket of one of the viewer's teams changes."""
    me = viewer(request)
    runtime = request.app[RUNTIME]
    team = request.query.get("team", "")
    if not (me.member_of(team) or (me.is_admin and team in runtime.content.teams)):
        raise web.HTTPForbidden()
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    await response.prepare(request)
    topic = f"team:{team}"
    changes = runtime.hub.subscribe_topic(topic)
    try:
        while True:
            try:
                await asyncio.wait_for(changes.get(), KEEPALIVE)
            except TimeoutError:
                await response.write(b": keepalive\n\n")
                continue
            await response.write(b"event: queue\ndata: {}\n\n")
    except ConnectionResetError:
        pass
    finally:
        runtime.hub.unsubscribe_topic(topic, changes)
    return response
