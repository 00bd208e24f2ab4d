"""The communications team's inbox: what the bot could not handle, newest first, never a
sensitive or private matter; other roles are refused."""

from __future__ import annotations

from tests.bot.test_dialogue import ambiguous_question
from tests.helpers.console_kit import GENERAL, STREETS, Console, post
from tests.helpers.rest_client import Chat

GIBBERISH = "xyzzy plugh qwerty"
SNOW = "Milloin katuja aurataan?"
SENSITIVE = "Minulla on ollut pitkään masennusta enkä jaksa töissä"
HOURS = "Milloin kirjasto on auki?"
MOVED = "Kysymys joka kuuluu oikeastaan katuasioille"


def test_the_inbox_shows_what_failed_and_never_a_sensitive_matter(console: Console) -> None:
    kaisa = console.comms()
    assert kaisa.get("/console/", follow_redirects=True).url.path == "/console/inbox"
    chat = Chat(console.server, language="fi")
    chat.send(GIBBERISH)
    chat.send(SNOW)
    chat.press("helpful:no")
    Chat(console.server, language="fi").send(SENSITIVE)
    ticket = console.ticket(GENERAL, text=MOVED)
    leena = console.client("leena")
    page = f"/console/tickets/{ticket.number}"
    reassigned = post(leena, f"{page}/reassign", page, team=STREETS, reason="katuasia")
    assert reassigned.status_code == 303

    inbox = kaisa.get("/console/inbox").text
    assert GIBBERISH in inbox and "the bot did not understand" in inbox
    assert SNOW in inbox and "the answer did not help" in inbox
    assert MOVED in inbox and "moved to another team" in inbox
    assert "masennus" not in inbox  # sensitive: never quoted, not even as a placeholder
    assert "3 questions" in inbox
    only_moved = kaisa.get("/console/inbox?kind=rerouted").text
    assert MOVED in only_moved and GIBBERISH not in only_moved


def test_only_the_communications_team_and_admins_see_the_inbox(console: Console) -> None:
    assert console.client("pekka").get("/console/inbox").status_code == 403  # an agent
    assert console.client("leena").get("/console/inbox").status_code == 403  # a team lead
    assert console.client("admin").get("/console/inbox").status_code == 200


def test_button_presses_tell_which_questions_went_wrong(console: Console) -> None:
    """ "None of these" marks the clarified question; asking for a person right after an
    answer marks the answered one; a person asked for after a sensitive question shows
    nothing."""
    kaisa = console.comms()
    unclear = ambiguous_question(console.server)
    chat = Chat(console.server, language="en")
    chat.send(unclear)
    chat.press("none")
    answered = Chat(console.server, language="fi")
    answered.send(HOURS)
    answered.send(payload="handoff")
    private = Chat(console.server, language="fi")
    private.send(SENSITIVE)
    private.send(payload="handoff")

    none_fit = kaisa.get("/console/inbox?kind=none_fit").text
    assert unclear in none_fit and "none of the offered topics fit" in none_fit
    after = kaisa.get("/console/inbox?kind=person_after_answer").text
    assert HOURS in after and "asked for a person after the answer" in after
    everything = kaisa.get("/console/inbox").text
    assert "2 questions" in everything and "masennus" not in everything
