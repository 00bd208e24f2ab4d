"""The one-message fast path computes exactly what sklearn's batch methods compute."""

import numpy as np
import pytest

from nlu import NLUModel
from nlu.features import featurize

TEXTS = [
    "pysäköintiluvan hinta",
    "Var finns simhallen?",
    "my street light is broken",
    "ok",
    "xyzzy qwerty",
    "päiväkotipaikka syksyksi, soita 040 123 4567",
]


@pytest.mark.parametrize("text", TEXTS)
def test_row_and_probabilities_equal_sklearn(model: NLUModel, text: str) -> None:
    parts = model.parts
    language = model.langid.identify(text).language
    doc = featurize(parts.analyzers[language].analyse(text))
    batch = parts.vectorizer.transform([doc])
    row = parts.vectorizer.row(doc)
    dense = np.zeros(batch.shape[1])
    dense[row.indices] = row.values
    np.testing.assert_allclose(dense, batch.toarray()[0], atol=1e-12)
    for classifier in (parts.intents, parts.teams):
        np.testing.assert_allclose(
            classifier.proba_row(row), classifier.predict_proba(batch)[0], atol=1e-9
        )


@pytest.mark.parametrize("text", TEXTS)
def test_language_probabilities_equal_sklearn(model: NLUModel, text: str) -> None:
    fast = model.langid.probabilities(text)
    slow = model.langid.pipeline.predict_proba([text.lower()])[0]
    np.testing.assert_allclose([fast[lang] for lang in model.langid.languages], slow, atol=1e-9)
