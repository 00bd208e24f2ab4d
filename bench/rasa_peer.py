"""Side by side with Rasa 3.6.21 DIET on the same cross-validation folds.

Per language and fold both systems train on the same examples and are tested on the same
held-out ones. Accuracy counts the top intent (Rasa's top non-fallback intent), so fallback
policy does not blur the comparison; fallback rates are printed separately.

usage: python -m bench.rasa_peer [--folds 5] [--max-folds N] [--languages fi,sv,en]
       [--epochs 100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.common import percentile, ratio
from content import load_valid_content
from nlu import NLUModel, TrainingExample
from nlu.evaluation import cross_validation_folds

HERE = Path(__file__).resolve().parent
RASA_CONFIG = """\
recipe: default.v1
language: {language}
pipeline:
- name: WhitespaceTokenizer
- name: CountVectorsFeaturizer
- name: CountVectorsFeaturizer
  analyzer: char_wb
  min_ngram: 1
  max_ngram: 4
- name: DIETClassifier
  epochs: {epochs}
  random_seed: 0
- name: FallbackClassifier
  threshold: 0.3
  ambiguity_threshold: 0.1
"""


def rasa_yaml(examples: list[TrainingExample]) -> str:
    by_intent: dict[str, list[str]] = {}
    for ex in examples:
        by_intent.setdefault(ex.intent, []).append(ex.text)
    nlu = [
        {"intent": name, "examples": "".join(f"- {t}\n" for t in texts)}
        for name, texts in by_intent.items()
    ]
    return yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False)


def run_rasa(
    language: str,
    data: Path,
    folds: list[tuple[list[TrainingExample], list[TrainingExample]]],
    epochs: int,
    work: Path,
) -> dict:
    config = work / f"config_{language}.yml"
    config.write_text(RASA_CONFIG.format(language=language, epochs=epochs))
    check_config = work / f"check_config_{language}.yml"
    check_config.write_text(RASA_CONFIG.format(language=language, epochs=1))
    job = {
        "language": language,
        "data_folder": str(data / language),
        "config": str(config),
        "check_config": str(check_config),
        "folds": [],
    }
    for k, (train, test) in enumerate(folds):
        path = work / f"train_{language}_{k}.yml"
        path.write_text(rasa_yaml(train), encoding="utf-8")
        job["folds"].append({"train_yaml": str(path), "test": [e.text for e in test]})
    job_file, out_file = work / f"job_{language}.json", work / f"out_{language}.json"
    job_file.write_text(json.dumps(job, ensure_ascii=False))
    python = Path(os.environ.get("RASA_VENV", HERE / ".rasa-venv")) / "bin" / "python"
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "LOG_LEVEL": "ERROR",
        "LOG_LEVEL_LIBRARIES": "ERROR",
        # Rasa caches training steps in ./.rasa/cache by default: keep it out of the tree.
        "RASA_CACHE_DIRECTORY": str(work / "rasa-cache"),
    }
    log = work / f"rasa_{language}.log"
    with log.open("w") as stderr:
        done = subprocess.run(
            [str(python), str(HERE / "rasa_worker.py"), str(job_file), str(out_file)],
            env=env,
            stderr=stderr,
        )
    if done.returncode != 0:
        sys.exit(f"Rasa failed for {language}:\n" + log.read_text()[-3000:])
    return json.loads(out_file.read_text())


def run_ours(
    folds: list[tuple[list[TrainingExample], list[TrainingExample]]], intents: dict
) -> dict:
    out = {"folds": []}
    for train, test in folds:
        started = time.perf_counter()
        model = NLUModel.train(train, intents)
        train_seconds = time.perf_counter() - started
        latencies, predictions = [], []
        for ex in test:
            t0 = time.perf_counter_ns()
            model.parse(ex.text)
            latencies.append((time.perf_counter_ns() - t0) / 1e6)
            result = model.parse(ex.text, language=ex.language)
            predictions.append({"top": result.intent.name, "fallback": result.fallback})
        out["folds"].append(
            {"train_seconds": train_seconds, "latencies_ms": latencies, "predictions": predictions}
        )
    return out


def summary(run: dict, folds: list) -> dict:
    truth = [e.intent for _, test in folds for e in test]
    preds = [p for f in run["folds"] for p in f["predictions"]]
    latencies = [x for f in run["folds"] for x in f["latencies_ms"]]
    in_scope = [p for p, t in zip(preds, truth, strict=True) if t != "out_of_scope"]
    return {
        "accuracy": sum(p["top"] == t for p, t in zip(preds, truth, strict=True)) / len(truth),
        "fallback_rate_in_scope": sum(p["fallback"] for p in in_scope) / len(in_scope),
        "train_seconds": sum(f["train_seconds"] for f in run["folds"]) / len(run["folds"]),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--languages", default="fi,sv,en")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument(
        "--max-folds",
        type=int,
        default=None,
        help="evaluate only the first N of the folds (DIET takes minutes a fold)",
    )
    parser.add_argument("--json", type=Path, default=HERE / "out" / "rasa_peer.json")
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples = content.training_examples()
    splits = cross_validation_folds(examples, args.folds)[: args.max_folds]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.languages.split(","):
            folds = [
                (
                    [examples[i] for i in train if examples[i].language == lang],
                    [examples[i] for i in test if examples[i].language == lang],
                )
                for train, test in splits
            ]
            print(
                f"{lang}: ours, {len(folds)} of {args.folds} folds ...", file=sys.stderr, flush=True
            )
            ours = summary(run_ours(folds, content.intent_infos()), folds)
            print(
                f"{lang}: Rasa DIET {args.epochs} epochs, {len(folds)} of {args.folds} folds ...",
                file=sys.stderr,
                flush=True,
            )
            rasa_run = run_rasa(lang, args.data, folds, args.epochs, Path(tmp))
            rasa = summary(rasa_run, folds)
            results[lang] = {
                "examples": sum(len(t) for _, t in folds),
                "rasa_loaded_examples": rasa_run["rasa_examples"],
                "rasa_loaded_intents": rasa_run["rasa_intents"],
                "kuntabotti": ours,
                "rasa": rasa,
            }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(
        "| lang | examples | accuracy ours / Rasa | in-scope fallback ours / Rasa | "
        "train s ours / Rasa (x faster) | parse p50 ms ours / Rasa | p99 ms ours / Rasa "
        "(x faster) |"
    )
    print("|---|---|---|---|---|---|---|")
    for lang, r in results.items():
        o, d = r["kuntabotti"], r["rasa"]
        print(
            f"| {lang} | {r['examples']} | {o['accuracy']:.3f} / {d['accuracy']:.3f} | "
            f"{o['fallback_rate_in_scope']:.3f} / {d['fallback_rate_in_scope']:.3f} | "
            f"{o['train_seconds']:.1f} / {d['train_seconds']:.1f} "
            f"({ratio(o['train_seconds'], d['train_seconds'])}) | "
            f"{o['p50_ms']:.2f} / {d['p50_ms']:.2f} | {o['p99_ms']:.2f} / {d['p99_ms']:.2f} "
            f"({ratio(o['p99_ms'], d['p99_ms'])}) |"
        )
    print(
        "rasa train nlu accepted the unchanged folders: "
        + ", ".join(
            f"{lang} {r['rasa_loaded_intents']} intents / {r['rasa_loaded_examples']} examples"
            for lang, r in results.items()
        )
    )


if __name__ == "__main__":
    main()
