"""What changed between two content documents (content/diff.py)."""

from __future__ import annotations

import copy

from content import Content
from content.diff import diff
from content.document import to_document
from content.edits import add_examples, new_intent, remove_example, retire_intent, set_answer


def test_a_diff_lists_each_kind_of_change_once(content: Content) -> None:
    before = to_document(content)
    after = copy.deepcopy(before)
    faqs = [i for i in after["intents"] if i["kind"] == "faq"]
    first, second, third = faqs[0]["name"], faqs[1]["name"], faqs[2]["name"]
    gone = faqs[0]["examples"]["fi"][0]
    add_examples(after, first, "sv", ["en helt ny fråga"])
    remove_example(after, first, "fi", gone)
    set_answer(after, second, "en", "A new answer.")
    retire_intent(after, third)
    new_intent(
        after,
        "kokeilu_uusi",
        team="opetus",
        kind="faq",
        sensitive=False,
        titles={"fi": "Kokeilu"},
        answers={"fi": "Vastaus."},
    )
    after["vocabulary"]["opetus"]["fi"].append("uusi sana")
    found = diff(before, after)
    by_name = {c.name: c for c in found.intents}
    assert found.counts() == {"added": 1, "removed": 1, "changed": 2}
    assert by_name[first].examples_added == {"sv": ["en helt ny fråga"]}
    assert by_name[first].examples_removed == {"fi": [gone]}
    old = next(i for i in before["intents"] if i["name"] == second)["answers"]["en"]
    assert by_name[second].answers == {"en": (old, "A new answer.")}
    assert by_name[third].status == "removed"
    assert by_name["kokeilu_uusi"].answers == {"fi": ("", "Vastaus.")}
    assert found.parts == ["vocabulary:opetus"]
    assert diff(before, copy.deepcopy(before)).empty
