"""Who may see and do what in the console. One place for every rule, so the authorisation
test can enumerate them.

- Staff see the tickets and conversations of their own teams, and tickets their team or
  they themselves were asked to help on.
- Private (sensitive) tickets and conversations only within the owning team: no helper,
  admin or city-wide view ever lists them for others.
- Admins manage staff accounts and see every team's non-private tickets; team leads and
  admins manage canned replies of their teams and see the city-wide dashboard.
- Only the team a conversation is with takes it over and writes to the resident; its lead
  (or an admin) may release a conversation a colleague holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web
from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from taskstore import Conversation, Ticket
from taskstore.models import TicketHelper


@dataclass(frozen=True)
class Viewer:
    id: int
    username: str
    name: str
    role: str
    teams: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def leads(self, team_id: str) -> bool:
        """May manage the team's canned replies and see its lead-level views."""
        return self.is_admin or (self.role == "lead" and team_id in self.teams)

    @property
    def sees_city(self) -> bool:
        return self.role in ("lead", "admin")

    def member_of(self, team_id: str | None) -> bool:
        return team_id is not None and team_id in self.teams


def ticket_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL condition: the tickets this viewer may see."""
    own = Ticket.team_id.in_(viewer.teams) if viewer.teams else false()
    helping = Ticket.id.in_(
        select(TicketHelper.ticket_id).where(
            or_(
                TicketHelper.staff_id == viewer.id,
                TicketHelper.team_id.in_(viewer.teams) if viewer.teams else false(),
            )
        )
    )
    others = or_(helping, true() if viewer.is_admin else false())
    return or_(own, and_(Ticket.private.is_(False), others))


async def may_see_ticket(session: AsyncSession, viewer: Viewer, ticket: Ticket) -> bool:
    found = await session.scalar(
        select(Ticket.id).where(Ticket.id == ticket.id, ticket_filter(viewer))
    )
    return found is not None


async def require_ticket(session: AsyncSession, viewer: Viewer, ticket: Ticket | None) -> Ticket:
    """The ticket, or 404 when it does not exist and 403 when it is not the viewer's."""
    if ticket is None:
        raise web.HTTPNotFound()
    if not await may_see_ticket(session, viewer, ticket):
        raise web.HTTPForbidden()
    return ticket


def may_work(viewer: Viewer, ticket: Ticket) -> bool:
    """Claim, assign, reassign, change status: the owning team (helpers comment and reply)."""
    return viewer.member_of(ticket.team_id)


async def may_see_conversation(
    session: AsyncSession, viewer: Viewer, conversation: Conversation
) -> bool:
    if conversation.private:
        # Its transcript holds a sensitive matter: only a team owning a private ticket of it.
        owners: set[str | None] = set(
            (
                await session.scalars(
                    select(Ticket.team_id).where(
                        Ticket.conversation_id == conversation.id, Ticket.private
                    )
                )
            ).all()
        ) or {conversation.team_id}
        return any(viewer.member_of(team) for team in owners)
    if viewer.member_of(conversation.team_id) or viewer.is_admin:
        return True
    visible = await session.scalar(
        select(Ticket.id)
        .where(Ticket.conversation_id == conversation.id, ticket_filter(viewer))
        .limit(1)
    )
    return visible is not None


def may_talk(viewer: Viewer, conversation: Conversation) -> bool:
    """Take over, write to the resident, hand back: the team the conversation is with."""
    return viewer.member_of(conversation.team_id)


def may_release(viewer: Viewer, conversation: Conversation) -> bool:
    """Hand back a conversation someone else holds (absent, left for the day): the lead."""
    return conversation.team_id is not None and viewer.leads(conversation.team_id)


async def require_conversation(
    session: AsyncSession, viewer: Viewer, conversation: Conversation | None
) -> Conversation:
    if conversation is None:
        raise web.HTTPNotFound()
    if not await may_see_conversation(session, viewer, conversation):
        raise web.HTTPForbidden()
    return conversation


def require_team(viewer: Viewer, team_id: str, *, lead: bool = False) -> None:
    allowed = viewer.leads(team_id) if lead else (viewer.member_of(team_id) or viewer.is_admin)
    if not allowed:
        raise web.HTTPForbidden()


def may_curate(viewer: Viewer) -> bool:
    """The bot's content and what it failed on are the communications team's (and admins')."""
    return viewer.role in ("comms", "admin")


def may_post_notices(viewer: Viewer) -> bool:
    """The communications team and admins for the whole city, a team lead for the own teams."""
    return viewer.role in ("lead", "comms", "admin")


def may_edit_notice(viewer: Viewer, team_id: str | None) -> bool:
    """A lead's notice is the own team's; one for every team is the comms team's call."""
    if viewer.role in ("comms", "admin"):
        return True
    return viewer.role == "lead" and team_id is not None and team_id in viewer.teams


def require_admin(viewer: Viewer) -> None:
    if not viewer.is_admin:
        raise web.HTTPForbidden()
