"""The regression suite of a draft's check (content/regression.py): protected topics and
handled inbox questions scored with the draft's model against the live one."""

from __future__ import annotations

from pathlib import Path

from content import Content, load_valid_content
from content.document import to_document
from content.model_store import train_model
from content.regression import (
    HANDOFF,
    Case,
    cases_of_test_set,
    compare,
    inbox_cases,
    protected_cases,
)
from content.testset import TEST_SET, load_test_set
from nlu import NLUModel
from tests.conftest import DATA


def test_protected_questions_are_the_handoff_and_the_sensitive_topics(content: Content) -> None:
    cases = protected_cases(to_document(content))
    sensitive = [i for i in content.intents.values() if i.sensitive]
    assert {c.intent for c in cases} == {HANDOFF, None}
    assert sum(c.intent is None for c in cases) == sum(
        len(i.examples[lang]) for i in sensitive for lang in i.examples
    )


def test_inbox_questions_must_read_as_what_they_were_made(content: Content) -> None:
    document = to_document(content)
    name = next(i["name"] for i in document["intents"] if i["kind"] == "faq")
    cases = inbox_cases(
        document,
        [
            ("kysymys", "fi", f"examples:{name}"),
            ("toinen", "fi", "out_of_scope"),
            ("kolmas", "fi", "examples:no_such_topic"),  # retired meanwhile: left out
            ("neljäs", "fi", "ignored"),
            ("viides", "fi", "team:kirjaamo"),  # staff's routing confirmed
            ("kuudes", "fi", "team:no_such_team"),
        ],
    )
    assert [(c.text, c.intent, c.team) for c in cases] == [
        ("kysymys", name, None),
        ("toinen", "out_of_scope", None),
        ("viides", None, "kirjaamo"),
    ]


def test_the_citys_test_questions_are_scored_by_topic_and_by_team(
    content: Content, model: NLUModel
) -> None:
    document = to_document(content)
    items = load_test_set(DATA / TEST_SET)
    cases = cases_of_test_set(document, items)
    assert 300 < len(cases) <= len(items)
    assert all(c.intent in content.intents for c in cases)
    figures, refusals = compare(model, model, {"test_set": cases})
    assert refusals == [] and (figures["test_set"]["draft"] or 0) > 0.85
    routed = [Case("Milloin kirjaamo on auki?", "fi", None, team="kirjaamo")]
    assert compare(model, None, {"team": routed})[0]["team"]["draft"] == 1.0


def test_a_draft_that_loses_the_protected_topics_is_refused(
    content: Content, model: NLUModel, small_content: Path, tmp_path: Path
) -> None:
    sets = {"protected": protected_cases(to_document(content))}
    figures, refusals = compare(model, model, sets)
    assert refusals == [] and figures["protected"]["draft"] == figures["protected"]["live"]
    assert (figures["protected"]["live"] or 0) > 0.9
    tiny = load_valid_content(small_content)  # two topics: no handoff, no sensitive ones
    worse = NLUModel.load(train_model(tiny, tmp_path / "models")[0])
    figures, refusals = compare(worse, model, sets)
    assert (figures["protected"]["draft"] or 0) < 0.5
    assert len(refusals) == 1 and refusals[0].startswith("regression: protected: error: ")
