"""The held-back fifth: chosen by the questions' texts, and a draft's figures against the
live version's."""

from __future__ import annotations

import numpy as np

from nlu.fold_report import compare, held_out_split, summary


def _split(texts: list[str], strata: list[str]) -> set[str]:
    _, held = held_out_split(texts, strata, 0.2)
    return {texts[i] for i in held}


def test_a_new_question_moves_at_most_one_other_across_the_split() -> None:
    texts = [f"kysymys numero {n}" for n in range(40)]
    strata = ["fi|a"] * 20 + ["fi|b"] * 20
    before = _split(texts, strata)
    after = _split([*texts, "aivan uusi kysymys"], [*strata, "fi|a"])
    assert len(before) == 8
    assert len(after - before - {"aivan uusi kysymys"}) + len(before - after) <= 1
    # the other topic's questions are held back exactly as before
    assert {t for t in before if texts.index(t) >= 20} == {
        t for t in after if t in texts and texts.index(t) >= 20
    }


def test_every_stratum_of_two_or_more_has_a_question_on_each_side() -> None:
    texts = ["a", "b", "c", "d", "e"]
    strata = ["fi|x", "fi|x", "sv|x", "en|y", "en|y"]
    train, held = held_out_split(texts, strata, 0.2)
    assert sorted([*train, *held]) == [0, 1, 2, 3, 4]
    for stratum in ("fi|x", "en|y"):
        sides = [{i for i in part if strata[i] == stratum} for part in (train, held)]
        assert all(len(side) == 1 for side in sides)
    assert 2 in train  # alone in its stratum: nothing to hold it against


def test_summary_counts_right_answers_and_confusions() -> None:
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    result = summary(probs, ["a", "b"], ["a", "b", "b"], ["fi", "sv", "sv"])
    assert result["intents"] == {"a": [1, 1], "b": [1, 2]}
    assert result["languages"] == {"fi": [1, 1], "sv": [1, 2]}
    assert result["confused"] == [["b", "a", 1]]


LIVE = {
    "intents": {"a": [9, 10], "b": [10, 10], "c": [5, 5]},
    "languages": {"fi": [24, 25]},
    "confused": [["a", "b", 1]],
}


def test_a_draft_that_reads_shared_topics_worse_is_refused_and_shows_why() -> None:
    draft = {
        "intents": {"a": [9, 10], "b": [5, 10], "c": [5, 5], "d": [2, 4]},
        "languages": {"fi": [21, 29]},
        "confused": [["a", "b", 1], ["b", "d", 5], ["d", "b", 2]],
    }
    report, refusals = compare(LIVE, draft)
    assert report["questions"] == 25
    assert report["draft"] == 19 / 25 and report["live"] == 24 / 25
    assert [c["intent"] for c in report["changes"]] == ["b"]
    assert report["new"] == [{"intent": "d", "draft": 0.5, "questions": 4}]
    assert [(c["true"], c["predicted"]) for c in report["confusions"]] == [("b", "d"), ("d", "b")]
    assert report["languages"]["fi"] == {"draft": 21 / 29, "live": 24 / 25}
    assert len(refusals) == 1 and refusals[0].startswith("held-out: error: 0.760 of 25")


def test_a_draft_within_the_tolerance_passes_and_without_live_nothing_is_compared() -> None:
    draft = {**LIVE, "intents": {"a": [9, 10], "b": [10, 10], "c": [5, 5]}}
    report, refusals = compare(LIVE, draft)
    assert refusals == [] and report["changes"] == [] and report["confusions"] == []
    alone, refusals = compare(None, draft)
    assert alone["live"] is None and alone["new"] == [] and refusals == []
