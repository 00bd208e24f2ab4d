"""The rule that tells a request for a contact from a plain question (nlu/contact.py)."""

from __future__ import annotations

import pytest

from nlu.contact import asks_for_contact, names_no_matter


@pytest.mark.parametrize(
    "text",
    [
        "Kehen otan yhteyttä?",
        "kehen voin ottaa yhteyttä rakennusluvasta",
        "keneen otan yhteyttä koulukuljetuksesta",
        "Kenelle soitan kirjastokortista?",
        "kenelle ilmoitan rikkinäisestä penkistä",
        "kenen puoleen käännyn vesilaskussa",
        "mihin otan yhteyttä jos vesi on poikki",
        "kuka hoitaa katujen aurauksen",
        "vem ska jag kontakta",
        "Vem kontaktar jag om bygglov?",
        "vart vänder jag mig med frågor om skolskjuts",
        "vem ansvarar för gatubelysningen",
        "who do I contact about school transport?",
        "Who should I call about my water bill",
        "whom can I email about the library",
        "where do I turn to with a noise complaint",
        "who is responsible for snow ploughing",
    ],
)
def test_contact_requests_are_recognised(text: str) -> None:
    assert asks_for_contact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Milloin kirjasto on auki?",
        "kukaan ei vastaa puhelimeen",  # a complaint, not a request for a contact
        "kaupungin yhteystiedot",  # the city's own details: a FAQ answers it in full
        "mun roskis on jääny tyhjentämättä",
        "När har simhallen öppet?",
        "Vem vann matchen igår?",
        "What does a parking permit cost?",
        "who won the match yesterday",
        "asdfgh",
    ],
)
def test_plain_questions_are_not_contact_requests(text: str) -> None:
    assert not asks_for_contact(text)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Kehen otan yhteyttä?", True),
        ("kenelle mä soitan tästä asiasta?", True),
        ("vem ska jag kontakta", True),
        ("who do I contact about this?", True),
        ("Kehen otan yhteyttä rakennusluvasta?", False),
        ("vem ska jag kontakta om bygglov?", False),
        ("who do I contact about school transport?", False),
        ("uimahallin aukioloajat", False),  # no request at all
    ],
)
def test_a_request_without_a_matter_is_told_apart(text: str, bare: bool) -> None:
    """With ~300 intents some reading always scores: the matter is judged from the words."""
    assert names_no_matter(text) is bare
