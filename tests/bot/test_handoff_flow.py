"""Asking for a person (issue 11, point 1): the matter first, then the queue in office hours
or the contact step after them, and only then a ticket. REST against a real server."""

from __future__ import annotations

import re

from tests.helpers.live import SATURDAY, LiveServer
from tests.helpers.rest_client import Chat

TICKET = re.compile(r"KB-\d{4}-\d{6}")


def buttons(chat: Chat) -> dict[str, str]:
    return {b["payload"]: b["label"] for m in chat.last["replies"] for b in m["buttons"]}


def test_asking_for_a_person_asks_the_matter_and_queues_with_it(office_open: LiveServer) -> None:
    chat = Chat(office_open)
    chat.send("asdfgh")  # not understood; the resident types on instead of choosing
    chat.send("Haluan puhua ihmisen kanssa")
    assert chat.state == "collecting"
    assert "missä asiassa tarvitset apua" in chat.said
    offered = buttons(chat)
    assert offered.get("form:previous") == "asdfgh"  # the last unanswered question, on offer
    assert "form:cancel" in offered
    assert chat.tickets() == []  # nothing is filed before the matter is known

    chat.send("Kysyisin rakennusluvasta terassille")
    assert chat.state == "queued", chat.said
    [ticket] = chat.tickets()
    assert ticket.kind == "handoff"
    assert ticket.description == "Kysyisin rakennusluvasta terassille"
    assert ticket.team_id == "rakennusvalvonta"  # routed by the matter, not by "asdfgh"
    assert ticket.number in chat.said
    types = [e.type for e in chat.events()]
    assert types[-4:] == ["created", "routed", "handoff_requested", "queued"]


def test_the_earlier_question_can_be_chosen_as_the_matter(office_open: LiveServer) -> None:
    chat = Chat(office_open)
    chat.send("Paljonko painaa kuu kiloina?")
    chat.press("handoff")  # the person button under "please rephrase"
    assert chat.state == "collecting" and not chat.tickets()
    chat.press("form:previous")
    assert chat.state == "queued"
    [ticket] = chat.tickets()
    assert ticket.description == "Paljonko painaa kuu kiloina?"
    # The press is stored as the button read: the resident's own question.
    resident = [m.text for m in chat.stored_messages() if m.author == "resident"]
    assert resident[-1] == "Paljonko painaa kuu kiloina?"


def test_after_hours_the_contact_step_comes_before_the_ticket(office_closed: LiveServer) -> None:
    chat = Chat(office_closed, "en")
    chat.send("I want to talk to a human")
    assert chat.state == "collecting"
    assert set(buttons(chat)) == {"form:cancel"}  # no earlier question to offer
    chat.send("My building permit application has been pending for weeks")
    assert chat.state == "collecting"
    assert "not available now" in chat.said and "Mon" in chat.said
    assert "you agree that we use it only for handling this matter" in chat.said
    assert chat.tickets() == []
    chat.send("You can reach me at maija.meikalainen@example.com")
    assert chat.state == "bot"
    [ticket] = chat.tickets()
    assert ticket.kind == "handoff" and ticket.team_id == "rakennusvalvonta"
    assert ticket.description == "My building permit application has been pending for weeks"
    assert ticket.contact_email == "maija.meikalainen@example.com" and ticket.contact_consent
    assert ticket.first_response_due is not None and ticket.first_response_due > SATURDAY
    assert ticket.number in chat.said and "Building control" in chat.said
    assert "handoff_requested" in [e.type for e in chat.events()]


def test_after_hours_the_contact_may_be_skipped(office_closed: LiveServer) -> None:
    chat = Chat(office_closed)
    chat.send("Haluan puhua ihmisen kanssa")
    chat.send("Haluan vain puhua ihmiselle")  # insisting names no matter and no team
    assert "eivät ole nyt paikalla" in chat.said
    chat.press("form:skip")
    [ticket] = chat.tickets()
    assert ticket.contact_email is None and not ticket.contact_consent
    assert ticket.team_id == "yleisneuvonta" and not ticket.private
    assert chat.state == "bot" and ticket.number in chat.said


def test_the_handoff_can_be_cancelled(office_open: LiveServer) -> None:
    chat = Chat(office_open, "sv")
    chat.send("Jag vill prata med en människa")
    assert chat.state == "collecting" and "vad du behöver hjälp med" in chat.said
    chat.press("form:cancel")
    assert chat.state == "bot" and chat.tickets() == []
