"""A person in a conversation: take it over, write to the resident, hand it back.

The runtime's side of the console's live view. Each operation runs under the
conversation's turn lock (so it cannot interleave with a resident's turn in this worker)
and locks the row on PostgreSQL; only one person holds a conversation at a time. What a
person writes is stored first, then delivered: to open web chats through the hub, to
Telegram by the bot, and by e-mail when the resident is not connected and gave an address
with consent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions import announce, handoff, staff_work
from actions.base import ActionContext
from actions.deadline_mail import Mail, resident_reply_mail
from actions.staff_work import WorkError
from bot.mailer import SendsMail
from bot.replies import OutMessage, out_message
from bot.runtime import MAX_TEXT, Runtime
from taskstore import Conversation, Message, Resident, StaffUser, Ticket, store
from taskstore import ConversationState as State

log = logging.getLogger(__name__)


class Held(Exception):
    """Someone else holds the conversation."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"held by {holder}")
        self.holder = holder


async def open_ticket(session: AsyncSession, conversation: Conversation) -> Ticket | None:
    """The conversation's newest ticket that is not closed: what a staff reply answers."""
    return await session.scalar(
        select(Ticket)
        .where(Ticket.conversation_id == conversation.id, Ticket.status != "closed")
        .order_by(Ticket.id.desc())
        .limit(1)
    )


async def _locked(runtime: Runtime, session: AsyncSession, conversation_id: int) -> Conversation:
    query = select(Conversation).where(Conversation.id == conversation_id)
    if not runtime.db.is_sqlite:
        query = query.with_for_update()
    conversation = await session.scalar(query)
    if conversation is None:
        raise WorkError("No such conversation.")
    return conversation


async def _not_held_by_another(
    session: AsyncSession, conversation: Conversation, staff_id: int
) -> None:
    """Only one person holds a conversation: Held (with the holder's name) for anyone else."""
    holder = conversation.assigned_staff_id
    if conversation.state == State.WITH_STAFF and holder not in (None, staff_id):
        name = await session.scalar(select(StaffUser.display_name).where(StaffUser.id == holder))
        raise Held(name or "?")


async def _token(runtime: Runtime, conversation_id: int) -> str:
    async with runtime.db.transaction() as session:
        token = await session.scalar(
            select(Conversation.token).where(Conversation.id == conversation_id)
        )
    if token is None:
        raise WorkError("No such conversation.")
    return token


async def take_over(runtime: Runtime, conversation_id: int, staff_id: int) -> None:
    token = await _token(runtime, conversation_id)
    async with runtime.turn_lock(token), runtime.db.transaction() as session:
        conversation = await _locked(runtime, session, conversation_id)
        await _not_held_by_another(session, conversation, staff_id)
        if conversation.state == State.WITH_STAFF:
            return  # held by this person already
        user = await session.get(StaffUser, staff_id)
        assert user is not None
        ctx = _context(runtime, session, conversation)
        await handoff.take_over(ctx, staff_id)
        ticket = await open_ticket(session, conversation)
        if (
            ticket is not None
            and ticket.assigned_staff_id is None
            and ticket.team_id == conversation.team_id
        ):
            # Whoever talks to the resident has the ticket: the queue must not say "unassigned".
            await staff_work.claim(session, ticket, staff_work.Actor(staff_id, ctx.now))
        team_id = ticket.team_id if ticket else conversation.team_id
        team = ctx.team_name(team_id or runtime.content.default_team())
        said = ctx.text("staff_joined", name=user.display_name, team=team)
        stored = await store.add_messages(session, conversation, "bot", [(said, [])])
        messages = [out_message(m) for m in stored]
    await deliver(runtime, conversation_id, messages)


async def hand_back(
    runtime: Runtime, conversation_id: int, staff_id: int, *, release: bool = False
) -> None:
    """Back to the bot, by the holder; `release`: by the team lead for a holder who is away."""
    token = await _token(runtime, conversation_id)
    async with runtime.turn_lock(token), runtime.db.transaction() as session:
        conversation = await _locked(runtime, session, conversation_id)
        if conversation.state != State.WITH_STAFF:
            return
        if not release:
            await _not_held_by_another(session, conversation, staff_id)
        ctx = _context(runtime, session, conversation)
        said = await handoff.hand_back(ctx, staff_id)
        items = [(s.text, [b.to_dict() for b in s.buttons]) for s in said]
        stored = await store.add_messages(session, conversation, "bot", items)
        messages = [out_message(m) for m in stored]
    await deliver(runtime, conversation_id, messages)


async def reply(
    runtime: Runtime,
    conversation_id: int,
    staff_id: int,
    text: str,
    mailer: SendsMail | None = None,
) -> OutMessage:
    """A person's message to the resident. Allowed to the holder, or to anyone while nobody
    holds the conversation (an answer to a resident who has left)."""
    text = text.strip()
    if not text:
        raise WorkError("The reply is empty.")
    if len(text) > MAX_TEXT:
        raise WorkError("The reply is too long.")
    token = await _token(runtime, conversation_id)
    async with runtime.turn_lock(token), runtime.db.transaction() as session:
        conversation = await _locked(runtime, session, conversation_id)
        await _not_held_by_another(session, conversation, staff_id)
        stored = await store.add_message(
            session, conversation, "out", "staff", text, staff_id=staff_id
        )
        ticket = await open_ticket(session, conversation)
        now = runtime.clock()
        if ticket is not None:
            if ticket.first_response_at is None:
                ticket.first_response_at = now
            if ticket.status == "new":
                await store.set_ticket_status(session, ticket, "open", "staff", staff_id)
            announce.queue_changed(session, ticket.team_id)  # answered: the queue shows it
        await store.log_event(
            session,
            "replied",
            "staff",
            ticket=ticket,
            conversation=conversation,
            staff_id=staff_id,
            message_id=stored.id,
        )
        message = out_message(stored)
        mail = _mail_for(runtime, conversation, ticket, text) if mailer is not None else None
    await deliver(runtime, conversation_id, [message])
    if mail is not None and mailer is not None and not runtime.hub.resident_connected(token):
        try:
            await mailer.send(list(mail.to), mail.subject, mail.body)
        except Exception:  # the reply is stored and shown on return; mail is a courtesy
            log.exception("reply e-mail to the resident failed")
    return message


def _mail_for(
    runtime: Runtime, conversation: Conversation, ticket: Ticket | None, text: str
) -> Mail | None:
    """A copy by e-mail, if the resident gave an address with consent (not for Telegram,
    where the bot pushes the reply itself)."""
    if ticket is None or conversation.channel == "telegram":
        return None
    return resident_reply_mail(runtime.content, ticket, ticket.team_id, text)


async def deliver(runtime: Runtime, conversation_id: int, messages: Sequence[OutMessage]) -> None:
    """To the open web chats (hub) and to a channel that needs a push (Telegram)."""
    if not messages:
        return
    async with runtime.db.transaction() as session:
        row = (
            await session.execute(
                select(Conversation.token, Conversation.channel, Resident.external_id)
                .join(Resident, Resident.id == Conversation.resident_id)
                .where(Conversation.id == conversation_id)
            )
        ).first()
    if row is None:
        return
    token, channel, external_id = row
    runtime.hub.publish(token, messages)
    push = runtime.outbound.get(channel)
    if push is not None:
        try:
            await push(external_id, messages)
        except Exception:  # stored; the resident sees it when they next write
            log.exception("pushing a staff message to %s failed", channel)


def _context(runtime: Runtime, session: AsyncSession, conversation: Conversation) -> ActionContext:
    return ActionContext(session, conversation, runtime.content, runtime.clock())


async def transcript(session: AsyncSession, conversation: Conversation) -> list[Message]:
    return list(await store.messages_since(session, conversation, 0, limit=2000))
