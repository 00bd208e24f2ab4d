"""Sweep of the character n-gram weight and the SVM's C on the joint fi+sv+en classifier.

Plain 5-fold accuracy of the intent classifier (no calibration, no fallback), one line per
setting; used to choose NLUConfig.char_weight and regularization_c.

usage: python -m bench.feature_weights [--data data]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.svm import LinearSVC

from content import load_valid_content
from nlu import LANGUAGES, NLUConfig
from nlu.analyzer import Analyzer
from nlu.classifier import Vectorizer
from nlu.evaluation import cross_validation_folds

SETTINGS = [(1.0, 0.5), (1.0, 1.0), (1.5, 0.5), (2.0, 0.5), (2.0, 1.0), (2.5, 0.5), (3.0, 1.0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples = content.training_examples()
    docs = [None] * len(examples)
    for lang in LANGUAGES:
        index = [i for i, e in enumerate(examples) if e.language == lang]
        analyzer = Analyzer(lang, NLUConfig().pipelines[lang])
        for i, doc in zip(index, analyzer.features([examples[i].text for i in index]), strict=True):
            docs[i] = doc
    labels = np.asarray([e.intent for e in examples])
    languages = np.asarray([e.language for e in examples])
    print("| char weight | C | " + " | ".join(LANGUAGES) + " |")
    print("|---|---|" + "---|" * len(LANGUAGES))
    for char_weight, c in SETTINGS:
        correct = np.zeros(len(examples), dtype=bool)
        for train, test in cross_validation_folds(examples, 5):
            vectorizer = Vectorizer(NLUConfig(char_weight=char_weight))
            X = vectorizer.fit_transform([docs[i] for i in train])
            model = LinearSVC(C=c).fit(X, labels[train])
            correct[test] = (
                model.predict(vectorizer.transform([docs[i] for i in test])) == labels[test]
            )
        cells = " | ".join(f"{correct[languages == lang].mean():.3f}" for lang in LANGUAGES)
        print(f"| {char_weight} | {c} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
