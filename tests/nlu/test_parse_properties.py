"""Property tests: the NLU reads any text in any of its languages without failing, and
answers in its own terms (a known intent, a probability, a language it has)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlu import LANGUAGES, NLUModel

RUNS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RUNS
@given(text=st.text(max_size=600), language=st.sampled_from([*LANGUAGES, None]))
def test_any_text_is_read_without_failing(model: NLUModel, text: str, language: str | None) -> None:
    result = model.parse(text, language)
    assert result.intent.name in model.parts.intents.classes or result.fallback
    assert 0.0 <= result.intent.confidence <= 1.0
    assert result.language in LANGUAGES and result.team.name
