"""What real questions meet: team routing, answers, out-of-scope and sensitivity by slice.

Real sets (`../shared/devset`) are labelled with the team that should handle a message and
its kind, not with our intents, so the figures are the ones a resident notices: the right
queue, an answer from the right team without "I am not sure", a polite refusal of what no
team owns, and a health matter kept out of the shared log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nlu.config import LANGUAGES, OUT_OF_SCOPE
from nlu.evaluation import Prediction

KINDS = ("faq", "case", "sensitive", "oos")
FIGURES = (
    "messages",
    "team_routing",
    "faq_answered",
    "oos_caught",
    "false_fallback",
    "sensitive_recall",
    "ordinary_hidden",
)


def routing_report(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Figures for all lines, each language, each kind and each half of a split set."""
    slices: dict[str, Callable[[Prediction], bool]] = {"all": lambda p: True}
    for lang in LANGUAGES:
        slices[lang] = _where(language=lang)
    for kind in KINDS:
        slices[kind] = _where(kind=kind)
    for half in sorted({p.half for p in predictions if p.half}):
        slices[half] = _where(half=half)
        for lang in LANGUAGES:
            slices[f"{half}/{lang}"] = _where(half=half, language=lang)
    report = {name: _figures([p for p in predictions if keep(p)]) for name, keep in slices.items()}
    wrong = Counter(
        (p.true_team, p.team) for p in predictions if p.true_team and p.team != p.true_team
    )
    return {
        "slices": {name: figures for name, figures in report.items() if figures["messages"]},
        "confusions": [
            {"true": t, "predicted": g, "count": n} for (t, g), n in wrong.most_common(10)
        ],
    }


def _where(**wanted: str) -> Callable[[Prediction], bool]:
    return lambda p: all(getattr(p, field) == value for field, value in wanted.items())


def _figures(items: list[Prediction]) -> dict[str, Any]:
    in_scope = [p for p in items if p.true_team is not None]
    faq = [p for p in in_scope if p.kind == "faq"]
    oos = [p for p in items if p.true_team is None and p.kind == "oos"]
    sensitive = [p for p in items if p.kind == "sensitive"]
    ordinary = [p for p in items if p.kind is not None and p.kind != "sensitive"]
    return {
        "messages": len(items),
        "team_routing": _share(p.team == p.true_team for p in in_scope),
        "faq_answered": _share(not _caught(p) and p.intent_team == p.true_team for p in faq),
        "oos_caught": _share(_caught(p) for p in oos),
        "false_fallback": _share(_caught(p) for p in in_scope),
        "sensitive_recall": _share(p.sensitive for p in sensitive),
        "ordinary_hidden": _share(p.sensitive for p in ordinary),
    }


def _caught(p: Prediction) -> bool:
    return p.fallback or p.intent == OUT_OF_SCOPE


def _share(values: Any) -> float | None:
    values = list(values)
    return round(float(np.mean(values)), 4) if values else None
