"""Which intent classifier: scikit-learn linear models vs spaCy's textcat, same folds.

For each language: 5-fold accuracy and mean training time of (a) LinearSVC and (b) logistic
regression over our features (both temperature-calibrated, as shipped), and (c) spaCy's
TextCatBOW (bag of words + bigrams, exclusive classes) over the same Voikko/simplemma-
analysed text, trained for a fixed number of epochs.

usage: python -m bench.classifiers [--folds 5] [--epochs 10]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.training import Example

from content import load_valid_content
from nlu import NLUConfig
from nlu.analyzer import Analyzer
from nlu.classifier import LinearClassifier, Vectorizer
from nlu.evaluation import cross_validation_folds

TEXTCAT = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
    }
}


def sklearn_run(kind: str, docs: list, labels: np.ndarray, folds: list) -> tuple[float, float]:
    config = NLUConfig(classifier=kind, regularization_c=0.5 if kind == "linearsvc" else 10.0)
    correct, seconds = [], []
    for train, test in folds:
        started = time.perf_counter()
        vectorizer = Vectorizer(config)
        model = LinearClassifier(config).fit(
            vectorizer.fit_transform([docs[i] for i in train]), labels[train].tolist()
        )
        seconds.append(time.perf_counter() - started)
        probs = model.predict_proba(vectorizer.transform([docs[i] for i in test]))
        predicted = np.asarray(model.classes)[probs.argmax(axis=1)]
        correct.extend(predicted == labels[test])
    return float(np.mean(correct)), float(np.mean(seconds))


def textcat_run(
    lang: str, lemmas: list[str], labels: np.ndarray, folds: list, epochs: int
) -> tuple[float, float]:
    correct, seconds = [], []
    names = sorted(set(labels.tolist()))
    for train, test in folds:
        started = time.perf_counter()
        nlp = spacy.blank(lang)
        textcat = nlp.add_pipe("textcat", config=TEXTCAT)
        for name in names:
            textcat.add_label(name)
        examples = [
            Example.from_dict(
                nlp.make_doc(lemmas[i]), {"cats": {n: float(n == labels[i]) for n in names}}
            )
            for i in train
        ]
        optimizer = nlp.initialize(lambda examples=examples: examples)
        rng = random.Random(0)
        for _ in range(epochs):
            rng.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=32):
                nlp.update(batch, sgd=optimizer)
        seconds.append(time.perf_counter() - started)
        for i in test:
            cats = nlp(lemmas[i]).cats
            correct.append(max(cats, key=cats.__getitem__) == labels[i])
    return float(np.mean(correct)), float(np.mean(seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples = content.training_examples()
    splits = cross_validation_folds(examples, args.folds)
    print("| language | classifier | accuracy | mean training s |")
    print("|---|---|---|---|")
    for lang in ("fi", "sv", "en"):
        index = [i for i, e in enumerate(examples) if e.language == lang]
        position = {i: k for k, i in enumerate(index)}
        folds = [
            (
                np.asarray([position[i] for i in train if i in position]),
                np.asarray([position[i] for i in test if i in position]),
            )
            for train, test in splits
        ]
        analyzer = Analyzer(lang, NLUConfig().pipelines[lang])
        docs = analyzer.features([examples[i].text for i in index])
        labels = np.asarray([examples[i].intent for i in index])
        lemmas = [" ".join(w[2:] for w in d.words if w.startswith("l:")) for d in docs]
        rows = [
            ("LinearSVC + temperature", *sklearn_run("linearsvc", docs, labels, folds)),
            ("LogisticRegression + temperature", *sklearn_run("logreg", docs, labels, folds)),
            (
                f"spaCy TextCatBOW ({args.epochs} epochs)",
                *textcat_run(lang, lemmas, labels, folds, args.epochs),
            ),
        ]
        for name, accuracy, seconds in rows:
            print(f"| {lang} | {name} | {accuracy:.4f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
