"""Side by side with Rasa 3.6.21 DIET on a real question set (team routing, issue 12).

Per language both systems learn the same content (every example of that language; ours as
shipped, all three languages in one model) and read the same real questions. A question
counts as routed right when the team of the top intent (Rasa: top non-fallback intent) is
its labelled team; ours is also shown with the runtime's own team decision (a confident
intent's team, else the team stage's). Out-of-scope lines (team null) are left out.

usage: python -m bench.rasa_devset --test ../shared/devset/real_dev.jsonl
       [--languages fi,sv,en] [--epochs 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.rasa_peer import run_rasa
from content import load_valid_content
from content.testset import load_test_set
from nlu import NLUModel, TrainingExample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--languages", default="fi,sv,en")
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()
    content = load_valid_content(args.data)
    examples, infos = content.training_examples(), content.intent_infos()
    team_of = {name: info.team for name, info in infos.items() if info.kind != "core"}
    items = [item for item in load_test_set(args.test) if item.team is not None]
    started = time.perf_counter()
    ours = NLUModel.train(examples, infos, vocabulary=content.team_examples())
    ours_seconds = time.perf_counter() - started
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.languages.split(","):
            questions = [item for item in items if item.language == lang]
            train = [e for e in examples if e.language == lang]
            test = [TrainingExample(item.text, "", lang) for item in questions]
            print(f"{lang}: Rasa DIET on {len(train)} examples ...", file=sys.stderr, flush=True)
            rasa = run_rasa(lang, args.data, [(train, test)], args.epochs, Path(tmp))["folds"][0]
            parsed = [ours.parse(item.text, language=lang) for item in questions]
            truth = [item.team for item in questions]
            rows.append(
                (
                    lang,
                    len(questions),
                    _share([team_of.get(r.intent.name) for r in parsed], truth),
                    _share([r.team.name for r in parsed], truth),
                    _share([team_of.get(p["top"]) for p in rasa["predictions"]], truth),
                    rasa["train_seconds"],
                )
            )
    print(f"ours trained once on all languages in {ours_seconds:.0f} s")
    print(
        "| lang | questions | ours, top intent's team | ours, runtime team | Rasa DIET, top "
        "intent's team | Rasa training s |"
    )
    print("|---|---|---|---|---|---|")
    for lang, n, top, runtime, rasa_top, seconds in rows:
        print(f"| {lang} | {n} | {top:.3f} | {runtime:.3f} | {rasa_top:.3f} | {seconds:.0f} |")


def _share(predicted: list[str | None], truth: list[str | None]) -> float:
    return sum(p == t for p, t in zip(predicted, truth, strict=True)) / max(len(truth), 1)


if __name__ == "__main__":
    main()
