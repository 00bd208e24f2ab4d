"""An intent classifier in two stages: which group (team) a message is about, then which of
that group's intents.

One-vs-rest over ~300 intents trains ~300 binary models on every example; in two stages
each intent's model sees only its own team's examples, so fitting is ~5x faster at about the
same accuracy (`python -m bench.intent_stages`), and the first stage learns what separates
teams before the second learns what separates a team's neighbouring intents. The probability of
an intent is P(group) * P(intent | group), each stage calibrated by its own temperature.
A team's intent classifier keeps weights only for the feature columns its examples use,
which keeps the intents' weights a fraction of a flat model's in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from nlu.classifier import LinearClassifier
from nlu.config import NLUConfig
from nlu.fastpath import SparseRow

# A group this unlikely shares its probability evenly among its classes: none of them could
# be a reading the runtime acts on, and a parse skips the second stage for most groups (on
# real questions 6.5 of 16 groups on average reach it, on the held-out set 2.3).
UNLIKELY_GROUP = 1e-3


class GroupedClassifier:
    """`LinearClassifier`'s interface (classes, probabilities, explanations) over two stages.

    A group with one class needs no second stage: its class takes the group's probability.
    """

    def __init__(self, config: NLUConfig) -> None:
        self.config = config
        self.groups = LinearClassifier(config)
        self.members: dict[str, LinearClassifier | str] = {}
        self.classes: list[str] = []
        self.group_of: dict[str, str] = {}
        self._columns: dict[str, np.ndarray[Any, Any]] = {}

    def fit(
        self,
        X: sp.csr_matrix,
        labels: Sequence[str],
        groups: Sequence[str],
        group_only: tuple[sp.csr_matrix, Sequence[str]] | None = None,
    ) -> GroupedClassifier:
        """`group_only`: more examples of the groups that name no class (a team's vocabulary
        teaches which team a message is about, not which of its intents)."""
        label_array, group_array = np.asarray(labels), np.asarray(groups)
        self.group_of = dict(zip(label_array.tolist(), group_array.tolist(), strict=True))
        if len(self.group_of) != len(set(zip(labels, groups, strict=True))):
            raise ValueError("every class belongs to exactly one group")
        if group_only is None:
            self.groups.fit(X, group_array.tolist())
        else:
            # A group with no class here (a team with a vocabulary but no intents) would take
            # probability that no class could carry.
            known = np.isin(np.asarray(group_only[1]), group_array)
            self.groups.fit(
                sp.vstack([X, group_only[0][known]], format="csr"),
                [*groups, *np.asarray(group_only[1])[known].tolist()],
            )
        for group in self.groups.classes:
            inside = np.flatnonzero(group_array == group)
            names = sorted(set(label_array[inside].tolist()))
            self.members[group] = (
                LinearClassifier(self.config).fit(
                    X[inside], label_array[inside].tolist(), own_columns=True
                )
                if len(names) > 1
                else names[0]
            )
        self.classes = sorted(set(label_array.tolist()))
        index = {name: i for i, name in enumerate(self.classes)}
        for group, member in self.members.items():
            names = member.classes if isinstance(member, LinearClassifier) else [member]
            self._columns[group] = np.asarray([index[name] for name in names])
        return self

    def calibrate(self, X: sp.csr_matrix, labels: Sequence[str], groups: Sequence[str]) -> None:
        """Fit each stage's temperature on held-out examples (see LinearClassifier)."""
        label_array, group_array = np.asarray(labels), np.asarray(groups)
        self.groups.calibrate(self.groups.scores(X), group_array.tolist())
        for group, member in self.members.items():
            inside = np.flatnonzero(group_array == group)
            if isinstance(member, LinearClassifier) and inside.size:
                member.calibrate(member.scores(X[inside]), label_array[inside].tolist())

    def temperatures(self) -> dict[str, float]:
        stages = {"": self.groups.temperature}
        for group, member in self.members.items():
            if isinstance(member, LinearClassifier):
                stages[group] = member.temperature
        return stages

    def use_temperatures(self, temperatures: dict[str, float]) -> None:
        """Take the temperatures a probe fitted on examples held out of its own training."""
        self.groups.temperature = temperatures[""]
        for group, member in self.members.items():
            if isinstance(member, LinearClassifier):
                member.temperature = temperatures[group]

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray[Any, Any]:
        group_probs = self.groups.predict_proba(X)
        probs = np.zeros((X.shape[0], len(self.classes)))
        for g, group in enumerate(self.groups.classes):
            member = self.members[group]
            columns = self._columns[group]
            within = (
                member.predict_proba(X)
                if isinstance(member, LinearClassifier)
                else np.ones((X.shape[0], 1))
            )
            unlikely = group_probs[:, g] < UNLIKELY_GROUP
            within[unlikely] = 1.0 / len(columns)
            probs[:, columns] = group_probs[:, [g]] * within
        return probs

    def proba_row(self, row: SparseRow) -> np.ndarray[Any, Any]:
        """`predict_proba` for one message."""
        group_probs = self.groups.proba_row(row)
        probs = np.zeros(len(self.classes))
        for g, group in enumerate(self.groups.classes):
            member = self.members[group]
            columns = self._columns[group]
            if isinstance(member, LinearClassifier) and group_probs[g] >= UNLIKELY_GROUP:
                probs[columns] = group_probs[g] * member.proba_row(row)
            else:
                probs[columns] = group_probs[g] / len(columns)
        return probs

    def explain(
        self, row: SparseRow, class_index: int, names: np.ndarray[Any, Any], top: int = 20
    ) -> list[tuple[str, float]]:
        """The features that chose the class's group and then the class within the group."""
        name = self.classes[class_index]
        group = self.group_of[name]
        weights: dict[str, float] = dict(
            self.groups.explain(row, self.groups.classes.index(group), names, top)
        )
        member = self.members[group]
        if isinstance(member, LinearClassifier):
            for feature, weight in member.explain(row, member.classes.index(name), names, top):
                weights[feature] = weights.get(feature, 0.0) + weight
        return sorted(weights.items(), key=lambda item: -item[1])[:top]


class TeamStage:
    """The first stage read as a team classifier: P(team) over the teams, without the groups
    that route nowhere. One model answers "which team" for intents and for routing, so a
    team's vocabulary and examples teach both the same thing."""

    def __init__(self, grouped: GroupedClassifier, exclude: str) -> None:
        self.stage = grouped.groups
        self.columns = [i for i, g in enumerate(self.stage.classes) if g != exclude]
        self.classes = [self.stage.classes[i] for i in self.columns]

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray[Any, Any]:
        probs = self.stage.predict_proba(X)[:, self.columns]
        return np.asarray(probs / probs.sum(axis=1, keepdims=True))

    def proba_row(self, row: SparseRow) -> np.ndarray[Any, Any]:
        probs = self.stage.proba_row(row)[self.columns]
        return np.asarray(probs / probs.sum())

    def explain(
        self, row: SparseRow, class_index: int, names: np.ndarray[Any, Any], top: int = 20
    ) -> list[tuple[str, float]]:
        return self.stage.explain(row, self.columns[class_index], names, top)
