"""Near repeats of another topic's examples are flagged when a draft adds them
(content/near_duplicates.py)."""

from __future__ import annotations

import copy

from content import Content
from content.document import to_document
from content.edits import add_examples
from content.near_duplicates import near_duplicates


def test_an_added_example_that_nearly_repeats_another_topics_is_flagged(content: Content) -> None:
    before = to_document(content)
    after = copy.deepcopy(before)
    first, second = [i for i in after["intents"] if i["kind"] == "faq"][:2]
    original = next(t for t in first["examples"]["fi"] if len(t) > 20)
    near = original[:-1] + ("x" if original[-1] != "x" else "y")  # one letter changed
    add_examples(after, second["name"], "fi", [near, "aivan toisenlainen uusi kysymys tähän"])
    warnings = near_duplicates(before, after)
    assert len(warnings) == 1
    assert f"'{near}' nearly repeats '{original}' of topic '{first['name']}'" in warnings[0]
    assert ": warning: " in warnings[0]
    assert near_duplicates(before, copy.deepcopy(before)) == []
