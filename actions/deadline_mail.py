"""The e-mails behind SLA events, and a staff reply mailed to a resident who is offline.

Staff mails carry only the ticket number, team, target and due time, never the description
or anything the resident wrote: private tickets are sensitive, and mail leaves the city's
systems. The staff member's language is not stored, so one body holds fi, sv and en.
Building a mail needs a read transaction; sending it is bot/mailer.py's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from actions.sla import format_due
from actions.texts import say
from content import Content
from taskstore import Event, StaffTeam, StaffUser, Ticket

LANGS = ("fi", "sv", "en")


@dataclass(frozen=True)
class Mail:
    to: tuple[str, ...]
    subject: str
    body: str


_SUBJECTS = {
    "reminder_sent": "Muistutus / Påminnelse / Reminder",
    "escalated": "Määräaika ylittynyt / Tidsfrist överskriden / Deadline passed",
}
_HEADLINES = {
    "reminder_sent": {
        "fi": "Asian {number} {target} määräaika lähestyy.",
        "sv": "Tidsfristen för {target} i ärende {number} närmar sig.",
        "en": "The {target} deadline of ticket {number} is near.",
    },
    "escalated": {
        "fi": "Asian {number} {target} määräaika on ylittynyt.",
        "sv": "Tidsfristen för {target} i ärende {number} har överskridits.",
        "en": "The {target} deadline of ticket {number} has passed.",
    },
}
_TARGETS = {
    "first_response": {"fi": "ensivastauksen", "sv": "första svar", "en": "first response"},
    "resolution": {"fi": "ratkaisun", "sv": "lösning", "en": "resolution"},
}
_LABELS = {  # team, due, link
    "fi": ("Tiimi", "Määräaika", "Avaa"),
    "sv": ("Team", "Tidsfrist", "Öppna"),
    "en": ("Team", "Due", "Open"),
}
_FOOTER = "kuntabotti (automaattinen viesti / automatiskt meddelande / automated message)"


async def deadline_mails(
    session: AsyncSession, content: Content, events: Sequence[Event], console_url: str | None
) -> list[Mail]:
    """One mail per reminder or escalation event that has someone to tell."""
    wanted = [e for e in events if e.type in _SUBJECTS and e.ticket_id is not None]
    if not wanted:
        return []
    ids = {e.ticket_id for e in wanted}
    tickets = {t.id: t for t in (await session.scalars(select(Ticket).where(Ticket.id.in_(ids))))}
    staff = _Staff(session)
    mails = []
    for event in wanted:
        ticket = tickets.get(event.ticket_id or 0)
        target = str(event.data.get("target", ""))
        if ticket is None or target not in _TARGETS:
            continue
        if event.type == "escalated":
            to = await staff.escalation(ticket)
        else:
            to = await staff.reminder(ticket)
        if to:
            mails.append(_staff_mail(content, event.type, ticket, target, to, console_url))
    return mails


def resident_reply_mail(content: Content, ticket: Ticket, team_id: str, text: str) -> Mail | None:
    """A staff reply by mail, only to a resident who gave an address and consent to use it."""
    if not ticket.contact_email or not ticket.contact_consent:
        return None
    lang = ticket.language if ticket.language in LANGS else "fi"
    team = content.teams.get(team_id)
    values = {
        "number": ticket.number,
        "team": team["name"][lang] if team else team_id,
        "city": content.municipality["name"][lang],
        "text": text,
    }
    return Mail(
        (ticket.contact_email,),
        say("mail_reply_subject", lang, **values),
        say("mail_reply_body", lang, **values),
    )


class _Staff:
    """Who hears of a ticket's deadlines; a team's members are read once per batch."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._teams: dict[str, list[StaffUser]] = {}

    async def members(self, team_id: str) -> list[StaffUser]:
        if team_id not in self._teams:
            query = (
                select(StaffUser)
                .join(StaffTeam, StaffTeam.staff_id == StaffUser.id)
                .where(StaffTeam.team_id == team_id, StaffUser.active.is_(True))
                .order_by(StaffUser.id)
            )
            self._teams[team_id] = list(await self.session.scalars(query))
        return self._teams[team_id]

    async def reminder(self, ticket: Ticket) -> tuple[str, ...]:
        """The assignee and the ticket's team."""
        people = list(await self.members(ticket.team_id))
        if ticket.assigned_staff_id is not None:
            assignee = await self.session.get(StaffUser, ticket.assigned_staff_id)
            if assignee is not None and assignee.active:
                people.insert(0, assignee)
        return _addresses(people)

    async def escalation(self, ticket: Ticket) -> tuple[str, ...]:
        """The team's leads; else the team's admins; else, unless the ticket is private,
        any admin. A private ticket never leaves its team, not even as a number."""
        members = await self.members(ticket.team_id)
        for role in ("lead", "admin"):
            found = _addresses(m for m in members if m.role == role)
            if found:
                return found
        if ticket.private:
            return ()
        admins = await self.session.scalars(
            select(StaffUser)
            .where(StaffUser.role == "admin", StaffUser.active.is_(True))
            .order_by(StaffUser.id)
        )
        return _addresses(admins)


def _addresses(people: Iterable[StaffUser]) -> tuple[str, ...]:
    """Each address once (case does not make a second mailbox), in the given order."""
    seen: dict[str, str] = {}
    for person in people:
        address = (person.email or "").strip()
        if address:
            seen.setdefault(address.lower(), address)
    return tuple(seen.values())


def _staff_mail(
    content: Content,
    kind: str,
    ticket: Ticket,
    target: str,
    to: tuple[str, ...],
    console_url: str | None,
) -> Mail:
    due = _due(ticket, target)
    team = content.teams.get(ticket.team_id)
    link = f"{console_url.rstrip('/')}/console/tickets/{ticket.number}" if console_url else None
    parts = []
    for lang in LANGS:
        team_label, due_label, link_label = _LABELS[lang]
        headline = _HEADLINES[kind][lang].format(
            number=ticket.number, target=_TARGETS[target][lang]
        )
        lines = [headline, f"{team_label}: {team['name'][lang] if team else ticket.team_id}"]
        if due is not None:
            lines.append(f"{due_label}: {format_due(due, lang)}")
        if link:
            lines.append(f"{link_label}: {link}")
        parts.append("\n".join(lines))
    body = "\n\n".join([*parts, f"-- \n{_FOOTER}"]) + "\n"
    return Mail(to, f"[kuntabotti] {_SUBJECTS[kind]}: {ticket.number}", body)


def _due(ticket: Ticket, target: str) -> datetime | None:
    # The ticket's own due time: a reminder event's "due" is the moment it fired (75 %).
    return ticket.first_response_due if target == "first_response" else ticket.resolution_due
