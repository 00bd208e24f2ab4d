"""What a fifth of the example questions, held back from a model, says about it; and how a
draft's figures compare with the live version's: overall, per language, per topic, and the
confusions the draft brings.

Training fits one more classifier without that fifth (nlu.training) and keeps how it read
them in the model's meta (`summary`). Which questions are held back depends on each
question's own text (`held_out_split`), so the questions two versions share are held back in
both: a topic's figure that changes between them changed because of the draft, not because
a new split drew other questions. (The calibration's split is a separate, seeded one: its
thresholds are what was measured on real questions.)
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

Summary = dict[str, Any]  # {"intents": {name: [right, total]}, "languages": ..., "confused": ...}
TOLERANCE = 0.02  # the draft may lose at most this share of the questions both versions share
DROP = 0.2  # a topic this much worse is listed as a change to look at
KEPT_CONFUSIONS = 20


def held_out_split(
    texts: Sequence[str], strata: Sequence[str], share: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Indices (train, held out): within each stratum (language and intent), the `share` of
    questions whose texts hash lowest, at least one on each side when there are two.

    One part, not k folds: each fold is one more classifier to fit in every training, and a
    fifth is ~6,600 questions, ~20 a topic, enough for a topic's figure to move when its
    questions change."""
    members: dict[str, list[int]] = defaultdict(list)
    for index, stratum in enumerate(strata):
        members[stratum].append(index)
    held: list[int] = []
    for stratum_members in members.values():
        if len(stratum_members) < 2:
            continue
        ordered = sorted(stratum_members, key=lambda i: hashlib.sha1(texts[i].encode()).digest())
        count = min(len(ordered) - 1, max(1, round(len(ordered) * share)))
        held += ordered[:count]
    held_out = np.asarray(sorted(held), dtype=int)
    train = np.setdiff1d(np.arange(len(texts)), held_out)
    return train, held_out


def summary(
    probs: np.ndarray[Any, Any],
    classes: Sequence[str],
    labels: Sequence[str],
    languages: Sequence[str],
) -> Summary:
    """How the model trained without the held-back questions read them (top intent)."""
    guesses = np.asarray(classes)[probs.argmax(axis=1)].tolist() if len(labels) else []
    intents: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confused: Counter[tuple[str, str]] = Counter()
    for truth, guess, lang in zip(labels, guesses, languages, strict=True):
        right = int(truth == guess)
        for tally in (intents[truth], by_language[lang]):
            tally[0] += right
            tally[1] += 1
        if not right:
            confused[truth, guess] += 1
    return {
        "intents": dict(intents),
        "languages": dict(by_language),
        "confused": [[t, g, n] for (t, g), n in sorted(confused.items())],
    }


def _share(right: int, total: int) -> float | None:
    return right / total if total else None


def compare(live: Summary | None, draft: Summary) -> tuple[dict[str, Any], list[str]]:
    """The report of a draft against the live version, and a refusal when the questions of
    the topics both have are read worse beyond the tolerance."""
    intents = draft["intents"]
    before = (live or {}).get("intents", {})
    shared = sorted(set(intents) & set(before))
    totals = [sum(intents[name][i] for name in shared) for i in (0, 1)]
    live_totals = [sum(before[name][i] for name in shared) for i in (0, 1)]
    now, then = _share(*totals), _share(*live_totals)
    changes = []
    for name in shared:
        a, b = _share(*intents[name]), _share(*before[name])
        if a is not None and b is not None and abs(a - b) >= DROP:
            changes.append({"intent": name, "draft": a, "live": b, "questions": intents[name][1]})
    changes.sort(key=lambda c: c["draft"] - c["live"])
    was = {(t, g): n for t, g, n in (live or {}).get("confused", [])}
    introduced = [
        {"true": t, "predicted": g, "draft": n, "live": was.get((t, g), 0)}
        for t, g, n in draft["confused"]
        if n > was.get((t, g), 0)
    ]
    introduced.sort(key=lambda c: (c["live"] - c["draft"], c["true"], c["predicted"]))
    report = {
        "questions": totals[1],
        "draft": now,
        "live": then,
        "languages": {
            lang: {
                "draft": _share(*tally),
                "live": _share(*(live or {}).get("languages", {}).get(lang, [0, 0])),
            }
            for lang, tally in sorted(draft["languages"].items())
        },
        "changes": changes,
        "new": [
            {"intent": name, "draft": _share(*intents[name]), "questions": intents[name][1]}
            for name in sorted(set(intents) - set(before))
        ]
        if live is not None
        else [],
        "confusions": introduced[:KEPT_CONFUSIONS],
    }
    refusals = []
    if now is not None and then is not None and now < then - TOLERANCE:
        refusals.append(
            f"held-out: error: {now:.3f} of {totals[1]} held-back questions right with the "
            f"draft, {then:.3f} with the live version"
        )
    return report, refusals
