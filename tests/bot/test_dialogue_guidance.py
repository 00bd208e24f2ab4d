"""What the resident is told (issue 11, points 6-8), through the REST API against a real
server with the real content: a case says what was understood and asks its own question, a
"whom do I contact?" gets a contact card (or the way to a person), and a message the bot
did not understand is first met with "other words?", common topics and a person button."""

from __future__ import annotations

import pytest

from actions.clarify import popular_topics
from content import Content
from tests.helpers.live import LiveServer
from tests.helpers.rest_client import Chat


def payloads(chat: Chat) -> list[str]:
    return [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]


# -- 6: a case says what was understood and asks its own first question ---------------------


def test_case_says_what_was_understood_and_asks_its_own_question(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("mun roskis on jääny tyhjentämättä")
    assert chat.state == "collecting"
    assert chat.said == (
        "Ymmärsin, että kyse on asiasta: Jäteastia jäi tyhjentämättä. Teen siitä ilmoituksen, "
        "jonka käsittelee Jätehuolto. Mistä osoitteesta jäteastia jäi tyhjentämättä?"
    )
    chat.send("Rantatie 12")
    chat.press("form:skip")
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.team_id == "jatehuolto" and ticket.details == {"location": "Rantatie 12"}


@pytest.mark.parametrize(
    ("lang", "text", "fragment"),
    [
        ("sv", "min soptunna blev inte tömd", "Jag förstod att det gäller: "),
        ("en", "my bin was not emptied", "I understood that this is about: "),
    ],
)
def test_case_is_understood_in_every_language(
    live_server: LiveServer, content: Content, lang: str, text: str, fragment: str
) -> None:
    intent = content.intents["jatehuolto_tyhjennys_jai_valiin"]
    chat = Chat(live_server, lang)
    chat.send(text)
    assert chat.said.startswith(f"{fragment}{intent.title[lang]}.")
    assert content.teams["jatehuolto"]["name"][lang] in chat.said
    assert chat.said.endswith(intent.prompt[lang])


def test_case_without_a_place_asks_its_prompt_for_details(
    live_server: LiveServer, content: Content
) -> None:
    chat = Chat(live_server)
    chat.send("Laskussani on virhe")
    prompt = content.intents["talous_laskutus_virheellinen_lasku"].prompt["fi"]
    assert chat.state == "collecting" and chat.said.endswith(prompt)
    chat.send("Laskun numero 12345, summa on kahdesti")
    assert "sähköpostiosoitteesi" in chat.said  # then the contact step
    chat.press("form:skip")
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.description == "Laskussani on virhe\nLaskun numero 12345, summa on kahdesti"


def test_case_with_its_place_given_goes_to_the_contact_step(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Katuvalo on rikki Koulukatu 12 kohdalla")
    assert chat.said.startswith("Ymmärsin, että kyse on asiasta: ")
    assert "Kadut ja liikenne" in chat.said and "sähköpostiosoitteesi" in chat.said


def test_private_form_opens_with_the_intents_prompt(
    live_server: LiveServer, content: Content
) -> None:
    sensitive_case = next(
        i for i in content.intents.values() if i.sensitive and i.kind == "case" and i.prompt
    )
    chat = Chat(live_server)
    chat.send(sensitive_case.examples["fi"][0].text)
    chat.press("private:yes")
    assert chat.said == sensitive_case.prompt["fi"]


# -- 7: "whom do I contact?" --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "team"),
    [
        ("fi", "Kehen otan yhteyttä rakennusluvasta?", "rakennusvalvonta"),
        ("sv", "vem ska jag kontakta om bygglov?", "rakennusvalvonta"),
        ("en", "who do I contact about school transport?", "opetus"),
        ("fi", "Kenelle soitan kirjastokortista?", "liikunta_kulttuuri"),
    ],
)
def test_contact_question_gets_the_teams_contact_card(
    live_server: LiveServer, content: Content, lang: str, text: str, team: str
) -> None:
    chat = Chat(live_server, lang)
    chat.send(text)
    details = content.teams[team]
    texts = [m["text"] for m in chat.last["replies"]]
    card = texts[-2]  # the answer, the card, then "did this help?"
    assert details["name"][lang] in card
    assert details["phone"] in card and details["email"] in card
    assert any(ch.isdigit() for ch in card.split(details["email"])[1])  # the opening hours
    assert payloads(chat) == ["helpful:yes", "helpful:no"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", "Kehen otan yhteyttä?"), ("sv", "vem ska jag kontakta"), ("en", "who do I contact")],
)
def test_contact_question_without_a_topic_offers_a_person(
    live_server: LiveServer, content: Content, lang: str, text: str
) -> None:
    chat = Chat(live_server, lang)
    chat.send(text)
    assert content.municipality["phone"] in chat.said
    assert payloads(chat) == ["ticket:yes", "ticket:no"]
    chat.press("ticket:yes")
    assert chat.state == "collecting"
    chat.press("form:skip")
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.description == text and ticket.team_id == content.default_team()


# -- 8: not understood: rephrase, common topics, a person; then the person up front ----------


def test_first_miss_asks_to_rephrase_with_topics_and_a_person(
    live_server: LiveServer, content: Content
) -> None:
    chat = Chat(live_server)
    chat.send("asdfgh")
    assert "toisin sanoin" in chat.said
    offered = {b["payload"]: b["label"] for m in chat.last["replies"] for b in m["buttons"]}
    topics = popular_topics(content)
    assert len(topics) >= 3
    assert list(offered) == [f"pick:{t}" for t in topics] + ["handoff"]
    for topic in topics:
        assert offered[f"pick:{topic}"] == content.intents[topic].title["fi"]
    assert "ticket:yes" not in offered  # no jump straight to "pass to staff"
    assert chat.tickets() == []

    chat.send("qwerty zxcv")  # a second miss in a row: now a person, up front
    assert "ticket:yes" in payloads(chat)
    chat.press("ticket:yes")
    chat.press("form:skip")
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.description == "qwerty zxcv"


def test_a_topic_button_answers_and_a_good_turn_resets_the_count(live_server: LiveServer) -> None:
    chat = Chat(live_server, "en")
    chat.send("asdfgh")
    first_topic = next(p for p in payloads(chat) if p.startswith("pick:"))
    chat.press(first_topic)
    assert chat.state == "bot" and "helpful:yes" in payloads(chat)
    chat.send("qwerty zxcv")  # a miss again, but not two in a row
    assert "handoff" in payloads(chat) and "ticket:yes" not in payloads(chat)
