"""One-vs-rest over all intents (flat) vs team first, then the team's intents (two stages).

Same features, same folds, all three languages classified jointly as shipped: intent and team
accuracy of the top intent, and the mean time to fit one classifier, with the two-stage
model's time as a ratio of the flat one's measured in the same run.

usage: python -m bench.intent_stages [--folds 5] [--max-folds 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from bench.common import ratio
from content import load_valid_content
from nlu import NLUConfig
from nlu.analyzer import Analyzer
from nlu.classifier import LinearClassifier, Vectorizer
from nlu.config import LANGUAGES
from nlu.evaluation import cross_validation_folds
from nlu.hierarchy import GroupedClassifier
from nlu.training import intent_group


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-folds", type=int, default=2, help="folds actually run")
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples, infos = content.training_examples(), content.intent_infos()
    config = NLUConfig()
    analyzers = {lang: Analyzer(lang, config.pipelines[lang]) for lang in LANGUAGES}
    docs = [analyzers[e.language].features([e.text])[0] for e in examples]
    labels = np.asarray([e.intent for e in examples])
    teams = np.asarray([infos[name].team for name in labels])
    groups = np.asarray([intent_group(infos[name]) for name in labels])
    team_of = {name: infos[name].team for name in infos}
    figures: dict[str, list[tuple[float, float, float]]] = {"flat": [], "two stages": []}
    for train, test in cross_validation_folds(examples, args.folds)[: args.max_folds]:
        vectorizer = Vectorizer(config)
        X_train = vectorizer.fit_transform([docs[i] for i in train])
        X_test = vectorizer.transform([docs[i] for i in test])
        y_train, g_train = labels[train].tolist(), groups[train].tolist()
        for name, model in [
            ("flat", LinearClassifier(config)),
            ("two stages", GroupedClassifier(config)),
        ]:
            started = time.perf_counter()
            if isinstance(model, GroupedClassifier):
                model.fit(X_train, y_train, g_train)
            else:
                model.fit(X_train, y_train)
            seconds = time.perf_counter() - started
            predicted = np.asarray(model.classes)[model.predict_proba(X_test).argmax(axis=1)]
            predicted_teams = np.asarray([team_of[p] for p in predicted])
            figures[name].append(
                (
                    float((predicted == labels[test]).mean()),
                    float((predicted_teams == teams[test]).mean()),
                    seconds,
                )
            )
    flat_seconds = float(np.mean([s for _, _, s in figures["flat"]]))
    print(f"{len(examples)} examples, {len(infos)} intents, {len(figures['flat'])} folds")
    print("| classifier | intent accuracy | team of top intent | fit s | time vs flat |")
    print("|---|---|---|---|---|")
    for name, rows in figures.items():
        intent, team, seconds = (float(np.mean(column)) for column in zip(*rows, strict=True))
        print(
            f"| {name} | {intent:.4f} | {team:.4f} | {seconds:.1f} | "
            f"{ratio(flat_seconds, seconds) if name != 'flat' else '1.0x'} |"
        )


if __name__ == "__main__":
    main()
