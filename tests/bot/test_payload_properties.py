"""Property tests of the button payload grammar: only what a button can carry is known."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.payloads import BUTTON_LABELS, is_known
from content import Content

FIXED = sorted({*BUTTON_LABELS, "lang:fi", "lang:sv", "lang:en"})


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_text_that_no_button_carries_is_refused(content: Content, text: str) -> None:
    picked = text.startswith("pick:") and text.removeprefix("pick:") in content.intents
    assert is_known(content, text) == (text in FIXED or picked)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FIXED), st.sampled_from(["\n", " ", "\x00", "x", ":"]))
def test_a_known_payload_with_anything_around_it_is_refused(
    content: Content, payload: str, extra: str
) -> None:
    assert is_known(content, payload)
    assert not is_known(content, payload + extra) and not is_known(content, extra + payload)


def test_a_pick_is_known_only_for_a_topic_the_content_has(content: Content) -> None:
    topic = next(iter(content.intents))
    assert is_known(content, f"pick:{topic}")
    assert not is_known(content, "pick:zzz_not_an_intent")
