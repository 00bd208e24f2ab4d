"""The communications team's edits to a draft document (content/edits.py)."""

from __future__ import annotations

import copy

import pytest

from content import Content
from content.document import Document, intent_of, to_document
from content.edits import (
    EditError,
    add_examples,
    add_team_questions,
    new_intent,
    remove_example,
    retire_intent,
    set_answer,
    set_prompt,
    set_title,
)
from content.export import checked


@pytest.fixture
def document(content: Content) -> Document:
    return copy.deepcopy(to_document(content))


def _faq(document: Document) -> str:
    return next(i["name"] for i in document["intents"] if i["kind"] == "faq")


def test_examples_are_added_once_and_removed(document: Document) -> None:
    name = _faq(document)
    before = len(intent_of(document, name)["examples"]["fi"])  # type: ignore[index]
    what = add_examples(document, name, "fi", ["  ihan  uusi kysymys ", "ihan uusi kysymys", ""])
    examples = intent_of(document, name)["examples"]["fi"]  # type: ignore[index]
    assert what == f"1 fi example(s) added to {name}"
    assert len(examples) == before + 1 and examples[-1] == "ihan uusi kysymys"
    remove_example(document, name, "fi", "ihan uusi kysymys")
    assert len(intent_of(document, name)["examples"]["fi"]) == before  # type: ignore[index]
    with pytest.raises(EditError, match="not in the topic"):
        remove_example(document, name, "fi", "ihan uusi kysymys")


def test_an_example_of_another_topic_is_refused_with_that_topics_title(
    document: Document,
) -> None:
    first, second = [i for i in document["intents"] if i["kind"] == "faq"][:2]
    taken = first["examples"]["fi"][0]
    with pytest.raises(EditError, match=first["title"]["fi"]):
        add_examples(document, second["name"], "fi", [taken.upper() + "?"])


def test_answers_are_checked_for_placeholders(document: Document) -> None:
    name = _faq(document)
    set_answer(document, name, "sv", "Ring {team_phone}.\r\nVälkommen!")
    assert intent_of(document, name)["answers"]["sv"] == "Ring {team_phone}.\nVälkommen!"  # type: ignore[index]
    with pytest.raises(EditError, match=r"Unknown placeholder \{phone\}"):
        set_answer(document, name, "sv", "Ring {phone}.")
    with pytest.raises(EditError, match="empty"):
        set_answer(document, name, "en", "   ")


def test_a_new_topic_needs_a_known_team_and_becomes_valid_with_examples(
    document: Document,
) -> None:
    with pytest.raises(EditError, match="Unknown team"):
        new_intent(
            document, "x_new", team="nope", kind="faq", sensitive=False, titles={}, answers={}
        )
    with pytest.raises(EditError, match="exists already"):
        new_intent(
            document,
            _faq(document),
            team="opetus",
            kind="faq",
            sensitive=False,
            titles={},
            answers={},
        )
    with pytest.raises(EditError, match="Only a case asks where"):
        new_intent(
            document,
            "x_new",
            team="opetus",
            kind="faq",
            sensitive=False,
            titles={},
            answers={},
            slots=("location",),
        )
    new_intent(
        document,
        "liikunta_frisbeegolf",
        team="liikunta_kulttuuri",
        kind="faq",
        sensitive=False,
        titles={"fi": "Frisbeegolf", "sv": "Frisbeegolf", "en": "Disc golf"},
        answers={
            "fi": "Frisbeegolfrata on Keskuspuistossa.",
            "sv": "Frisbeegolfbanan finns i Centralparken.",
            "en": "The disc golf course is in the Central Park.",
        },
    )
    intent = intent_of(document, "liikunta_frisbeegolf")
    assert intent is not None and intent["file"] == "liikunta_kulttuuri"
    for lang, n in {"fi": 20, "sv": 10, "en": 10}.items():
        add_examples(
            document, "liikunta_frisbeegolf", lang, [f"frisbeegolf {lang} {i}" for i in range(n)]
        )
    found = checked(document, "draft")
    assert found.errors == [] and "liikunta_frisbeegolf" in found.intents


def test_titles_and_retiring(document: Document) -> None:
    name = _faq(document)
    set_title(document, name, "en", "  A   clearer title ")
    assert intent_of(document, name)["title"]["en"] == "A clearer title"  # type: ignore[index]
    retire_intent(document, name)
    assert intent_of(document, name) is None
    core = next(i["name"] for i in document["intents"] if i["kind"] == "core")
    with pytest.raises(EditError, match="cannot be retired"):
        retire_intent(document, core)


def test_only_a_case_asks_a_first_question(document: Document) -> None:
    case = next(i["name"] for i in document["intents"] if i["kind"] == "case")
    set_prompt(document, case, "en", "  Where   is it? ")
    assert intent_of(document, case)["prompt"]["en"] == "Where is it?"  # type: ignore[index]
    with pytest.raises(EditError, match="Only a case"):
        set_prompt(document, _faq(document), "en", "Where?")
    with pytest.raises(EditError, match="empty"):
        set_prompt(document, case, "fi", "   ")


def test_confirmed_routing_adds_a_groups_questions_to_the_teams_words(document: Document) -> None:
    texts = {"fi": ["Kysymys  kirjaamolle", "kysymys kirjaamolle?"], "sv": ["En fråga"]}
    said = add_team_questions(document, "kirjaamo", texts)
    assert said == "2 question(s) from the inbox added to the words of team kirjaamo"
    words = document["vocabulary"]["kirjaamo"]
    assert words["fi"][-1] == "Kysymys kirjaamolle" and words["sv"][-1] == "En fråga"
    with pytest.raises(EditError, match="in the team's words already"):
        add_team_questions(document, "kirjaamo", texts)
    with pytest.raises(EditError, match="No such team"):
        add_team_questions(document, "no_such_team", texts)
    assert checked(document, "draft").errors == []
