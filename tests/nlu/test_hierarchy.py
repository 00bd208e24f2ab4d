"""The two-stage intent classifier: probabilities, groups, own columns, the fast path."""

import numpy as np
import pytest
import scipy.sparse as sp

from nlu.classifier import LinearClassifier
from nlu.config import NLUConfig
from nlu.fastpath import SparseRow
from nlu.hierarchy import UNLIKELY_GROUP, GroupedClassifier, TeamStage

# Three groups over disjoint feature blocks, one of them with a single class.
GROUPS = {"water": ["leak", "bill"], "waste": ["bin", "sorting", "fee"], "core": ["greet"]}


def _data(seed: int = 0) -> tuple[sp.csr_matrix, list[str], list[str]]:
    rng = np.random.default_rng(seed)
    rows, labels, groups = [], [], []
    features = 60
    for g, (group, names) in enumerate(GROUPS.items()):
        for c, name in enumerate(names):
            for _ in range(30):
                row = np.zeros(features)
                row[g * 20 + c * 4 : g * 20 + c * 4 + 4] = rng.random(4) + 0.5
                row[rng.integers(0, features)] += 0.3  # a little shared noise
                rows.append(row)
                labels.append(name)
                groups.append(group)
    return sp.csr_matrix(np.asarray(rows)), labels, groups


@pytest.fixture(scope="module")
def fitted() -> tuple[GroupedClassifier, sp.csr_matrix, list[str], list[str]]:
    X, labels, groups = _data()
    model = GroupedClassifier(NLUConfig()).fit(X, labels, groups)
    model.calibrate(X, labels, groups)
    return model, X, labels, groups


def test_probabilities_are_group_times_class_and_sum_to_one(fitted) -> None:
    model, X, labels, _ = fitted
    probs = model.predict_proba(X)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-9)
    assert model.classes == sorted(labels_set := set(labels)) and len(labels_set) == 6
    predicted = np.asarray(model.classes)[probs.argmax(axis=1)]
    assert (predicted == np.asarray(labels)).mean() > 0.95
    group_probs = model.groups.predict_proba(X)
    greet = model.classes.index("greet")
    np.testing.assert_allclose(probs[:, greet], group_probs[:, model.groups.classes.index("core")])


def test_one_message_equals_the_batch(fitted) -> None:
    model, X, _, _ = fitted
    for i in range(0, X.shape[0], 17):
        row = X[i]
        fast = model.proba_row(SparseRow(row.indices.astype(np.int64), row.data))
        np.testing.assert_allclose(fast, model.predict_proba(row)[0], atol=1e-9)


def test_an_unlikely_group_shares_its_probability_evenly(fitted) -> None:
    model, X, _, _ = fitted
    probs = model.predict_proba(X)
    group_probs = model.groups.predict_proba(X)
    waste = model.groups.classes.index("waste")
    waste_classes = [model.classes.index(n) for n in GROUPS["waste"]]
    rows = np.flatnonzero(group_probs[:, waste] < UNLIKELY_GROUP)
    assert rows.size > 0, "clear water messages leave waste below the cut"
    spread = probs[np.ix_(rows, waste_classes)]
    np.testing.assert_allclose(spread, spread[:, :1].repeat(3, axis=1))


def test_group_only_examples_teach_the_first_stage_and_no_class() -> None:
    X, labels, groups = _data()
    extra = sp.csr_matrix(np.eye(60)[[0, 1, 2, 3, 55]])
    model = GroupedClassifier(NLUConfig()).fit(
        X, labels, groups, (extra, ["water", "water", "water", "water", "nobody"])
    )
    assert model.classes == sorted(set(labels))
    assert "nobody" not in model.groups.classes  # a group without classes is left out
    leak_in_two_groups = ["waste", *groups[1:]]
    with pytest.raises(ValueError, match="exactly one group"):
        GroupedClassifier(NLUConfig()).fit(X, labels, leak_in_two_groups)


def test_own_columns_change_no_score() -> None:
    """A linear SVM gives columns its examples never use a zero weight: keeping only the
    used columns is a memory saving, not a different model."""
    X, labels, _ = _data()
    inside = np.flatnonzero(np.isin(labels, GROUPS["waste"]))
    part, names = X[inside], [labels[i] for i in inside]
    full = LinearClassifier(NLUConfig()).fit(part, names)
    own = LinearClassifier(NLUConfig()).fit(part, names, own_columns=True)
    assert own.columns is not None and len(own.columns) < X.shape[1]
    np.testing.assert_allclose(own.scores(X), full.scores(X), atol=1e-6)
    row = X[3]
    sparse_row = SparseRow(row.indices.astype(np.int64), row.data)
    np.testing.assert_allclose(own.proba_row(sparse_row), full.proba_row(sparse_row), atol=1e-9)
    names_array = np.asarray([f"f{i}" for i in range(X.shape[1])])
    own_reasons = own.explain(sparse_row, 0, names_array)
    full_reasons = full.explain(sparse_row, 0, names_array)
    assert [name for name, _ in own_reasons] == [name for name, _ in full_reasons]
    assert [w for _, w in own_reasons] == pytest.approx([w for _, w in full_reasons])


def test_the_team_stage_reads_teams_without_the_core_group(fitted) -> None:
    model, X, _, _ = fitted
    teams = TeamStage(model, "core")
    assert teams.classes == ["waste", "water"]
    probs = teams.predict_proba(X)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    row = X[0]
    sparse_row = SparseRow(row.indices.astype(np.int64), row.data)
    np.testing.assert_allclose(teams.proba_row(sparse_row), probs[0], atol=1e-9)
    assert teams.classes[int(np.argmax(probs[0]))] == "water"
