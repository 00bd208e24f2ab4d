"""The regression suite of a draft's check (content/regression.py): protected topics and
handled inbox questions scored with the draft's model against the live one."""

from __future__ import annotations

from pathlib import Path

from content import Content, load_valid_content
from content.document import to_document
from content.model_store import train_model
from content.regression import HANDOFF, compare, inbox_cases, protected_cases
from nlu import NLUModel


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
        ],
    )
    assert [(c.text, c.intent) for c in cases] == [("kysymys", name), ("toinen", "out_of_scope")]


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
