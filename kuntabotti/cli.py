"""The `kuntabotti` command line. Output formats here are a contract other tools rely on."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from content import ContentInvalid, load_valid_content, validate
from content.model_store import load_model, train_model
from content.testset import TestSetError, half_of, load_split, load_test_set
from kuntabotti.content_cli import add_content_commands
from kuntabotti.notices_cli import add_notice_commands
from kuntabotti.staff_cli import add_staff_commands
from nlu import LANGUAGES, NLUModel
from nlu.evaluation import Prediction, cross_validate, report
from nlu.routing_report import FIGURES as ROUTING_FIGURES
from nlu.routing_report import routing_report

TRAINING_STEPS = 5  # features, held-out scores, classifier, thresholds, language id


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except ContentInvalid as exc:
        for problem in exc.content.problems:
            print(problem, file=sys.stderr)
        print(f"kuntabotti: {exc}; fix them and run again", file=sys.stderr)
        return 1
    except (FileNotFoundError, TestSetError, ValueError) as exc:
        print(f"kuntabotti: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kuntabotti", description="Municipal chatbot: NLU, content and tools."
    )
    sub = parser.add_subparsers(title="commands")

    train = sub.add_parser(
        "train",
        help="train the NLU model from the content folder",
        description="Train the NLU model into OUT/<data hash>/ and point OUT/latest at it.",
    )
    _data_option(train)
    train.add_argument("--out", type=Path, default=Path("models"), help="models folder")
    train.add_argument(
        "--if-needed",
        action="store_true",
        help="reuse a model already trained from the same data and config",
    )
    train.set_defaults(run=_train)

    nlu = sub.add_parser("nlu", help="use the NLU model").add_subparsers(title="nlu commands")
    parse = nlu.add_parser(
        "parse",
        help="parse a message (or stdin lines) to JSON",
        description="With TEXT print one JSON object; without, read one "
        "message a line from stdin, write one JSON line each.",
    )
    parse.add_argument("text", nargs="?", help="the message; omit to read stdin")
    parse.add_argument("--json", action="store_true", help="JSON output (the default)")
    parse.add_argument(
        "--previous-language",
        choices=LANGUAGES,
        help="the conversation's language so far (prior for short messages)",
    )
    _model_options(parse)
    parse.set_defaults(run=_parse)

    evaluate = sub.add_parser(
        "evaluate",
        help="cross-validate, or test on an external file",
        description="Accuracy, macro F1, per-intent scores, confusions, "
        "team routing, out-of-scope recall, false fallback.",
    )
    _data_option(evaluate)
    evaluate.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    evaluate.add_argument(
        "--test", type=Path, help="test file (Rasa NLU YAML or JSONL) for the trained model"
    )
    evaluate.add_argument(
        "--language", choices=LANGUAGES, help="language of a --test file without language fields"
    )
    evaluate.add_argument(
        "--split",
        type=Path,
        help="halves of a real --test set by source host (e.g. bench/devset_split.yml)",
    )
    evaluate.add_argument("--json", type=Path, dest="json_out", help="write the report here")
    _model_options(evaluate)
    evaluate.set_defaults(run=_evaluate)

    data = sub.add_parser("data", help="content tools").add_subparsers(title="data commands")
    check = data.add_parser(
        "validate",
        help="check the content folder",
        description="Schema errors with file and line, duplicate examples, "
        "missing languages or answers, unknown teams.",
    )
    _data_option(check)
    check.set_defaults(run=_validate)

    shell = sub.add_parser(
        "shell",
        help="ask questions interactively",
        description="Type a question, get the answer the bot would give.",
    )
    _data_option(shell)
    _model_options(shell)
    shell.set_defaults(run=_shell)

    run = sub.add_parser(
        "run",
        help="serve web chat, REST API and Telegram",
        description="Train if the data changed, create or upgrade the task store, serve web "
        "chat and the REST API, and Telegram when TELEGRAM_TOKEN is set. Environment: "
        "DATABASE_URL (default sqlite:///kuntabotti.db), TELEGRAM_TOKEN, "
        "TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET.",
    )
    run.add_argument("--host", default="127.0.0.1", help="address to listen on")
    run.add_argument("--port", type=int, default=8080, help="port to listen on")
    run.add_argument("--database-url", help="overrides DATABASE_URL")
    _data_option(run)
    run.add_argument("--models", type=Path, default=Path("models"), help="models folder")
    run.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (gunicorn); more than one needs PostgreSQL",
    )
    run.set_defaults(run=_run)

    db = sub.add_parser("db", help="task store tools").add_subparsers(title="db commands")
    upgrade = db.add_parser(
        "upgrade",
        help="create or upgrade the task store schema",
        description="Run the Alembic migrations up to the newest (DATABASE_URL or "
        "--database-url; default sqlite:///kuntabotti.db).",
    )
    upgrade.add_argument("--database-url", help="overrides DATABASE_URL")
    upgrade.set_defaults(run=_db_upgrade)
    add_content_commands(sub)
    add_notice_commands(sub)
    add_staff_commands(sub)
    return parser


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="content folder")


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--models", type=Path, default=Path("models"), help="models folder")
    parser.add_argument("--model", type=Path, help="a specific model folder (default: latest)")


def _train(args: argparse.Namespace) -> int:
    content = load_valid_content(args.data)
    with tqdm(total=TRAINING_STEPS, desc="training", unit="step", file=sys.stderr) as bar:

        def step(stage: str) -> None:
            bar.set_postfix_str(stage)
            bar.update()

        target, seconds = train_model(content, args.out, progress=step, if_needed=args.if_needed)
    if seconds is None:
        print(f"model {target} is up to date with {args.data}")
    else:
        print(
            f"trained {target} in {seconds:.1f} s "
            f"({len(content.training_examples())} examples, {len(content.intents)} intents)"
        )
    return 0


def _parse(args: argparse.Namespace) -> int:
    model = load_model(args.models, args.model)
    if args.text is not None:
        print(
            json.dumps(model.parse(args.text, args.previous_language).to_dict(), ensure_ascii=False)
        )
        return 0
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    previous = args.previous_language
    for line in stdin:
        result = model.parse(line.rstrip("\r\n"), previous)
        print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    if args.test is None:
        content = load_valid_content(args.data)
        with tqdm(total=args.folds, desc="cross-validation", unit="fold", file=sys.stderr) as bar:

            def fold_done(_stage: str) -> None:
                bar.update()

            result = cross_validate(
                content.training_examples(),
                content.intent_infos(),
                folds=args.folds,
                progress=fold_done,
                vocabulary=content.team_examples(),
            )
    else:
        result = _evaluate_file(load_model(args.models, args.model), args)
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    _print_report(result)
    return 0


def _evaluate_file(model: NLUModel, args: argparse.Namespace) -> dict[str, object]:
    items = load_test_set(args.test, args.language)
    halves = load_split(args.split) if args.split else None
    teams = {
        name: info.team if info.kind in ("faq", "case") else None
        for name, info in model.intents.items()
    }
    predictions = []
    for item in items:
        result = model.parse(item.text, language=item.language)
        true_team = item.team or (teams.get(item.intent) if item.intent else None)
        predictions.append(
            Prediction(
                result.language,
                item.text,
                item.intent,
                true_team,
                result.intent.name,
                result.team.name,
                result.intent.confidence,
                result.fallback,
                model.langid.identify(item.text).language,
                item.kind,
                result.sensitive,
                teams.get(result.intent.name),
                half_of(item, halves) if halves is not None else None,
            )
        )
    out = report(predictions, method=f"test file {args.test}")
    if any(p.kind is not None for p in predictions):
        out["routing"] = routing_report(predictions)
    return out


def _print_report(result: dict[str, object]) -> None:
    print(f"{result['method']}: {result['messages']} messages")
    keys = (
        "intent_accuracy",
        "intent_macro_f1",
        "team_routing_accuracy",
        "out_of_scope_recall",
        "false_fallback_rate",
        "language_id_accuracy",
        "calibration_error",
    )
    languages = result["languages"]
    assert isinstance(languages, dict)
    print(f"{'':24}" + "".join(f"{lang:>8}" for lang in languages))
    for key in keys:
        if all(languages[lang].get(key) is None for lang in languages):
            continue  # e.g. intent figures of a set labelled with teams only
        cells = "".join(f"{_cell(languages[lang].get(key)):>8}" for lang in languages)
        print(f"{key:24}{cells}")
    for lang, figures in languages.items():
        confused = figures.get("most_confused", [])[:5]
        if confused:
            pairs = ", ".join(f"{c['true']}->{c['predicted']} ({c['count']})" for c in confused)
            print(f"most confused ({lang}): {pairs}")
    routing = result.get("routing")
    if isinstance(routing, dict):
        _print_routing(routing)


def _print_routing(routing: dict[str, Any]) -> None:
    slices = routing["slices"]
    names = list(slices)
    print("\nreal questions by slice (team_routing and false_fallback: in-scope lines)")
    for start in range(0, len(names), 8):
        group = names[start : start + 8]
        print(f"{'':18}" + "".join(f"{name:>11}" for name in group))
        for figure in ROUTING_FIGURES:
            print(f"{figure:18}" + "".join(f"{_cell(slices[n][figure]):>11}" for n in group))
    pairs = ", ".join(
        f"{c['true']}->{c['predicted']} ({c['count']})" for c in routing["confusions"]
    )
    print(f"most frequent team confusions: {pairs}")


def _cell(value: object) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _validate(args: argparse.Namespace) -> int:
    content = validate(args.data)
    for problem in content.problems:
        print(problem)
    examples = content.training_examples()
    counts = {lang: sum(1 for e in examples if e.language == lang) for lang in LANGUAGES}
    print(
        f"{len(content.intents)} intents, {len(content.teams)} teams, examples "
        + ", ".join(f"{lang} {n}" for lang, n in counts.items())
        + f"; {len(content.errors)} error(s), "
        f"{len(content.problems) - len(content.errors)} warning(s)"
    )
    return 1 if content.errors else 0


def _shell(args: argparse.Namespace) -> int:
    from kuntabotti.shell import run_shell

    return run_shell(load_valid_content(args.data), load_model(args.models, args.model))


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from kuntabotti.logs import configure
    from kuntabotti.settings import Settings

    configure(os.environ.get("LOG_FORMAT", "text") or "text")
    settings = Settings.from_env(
        host=args.host,
        port=args.port,
        data=args.data,
        models=args.models,
        database_url=args.database_url,
    )
    if args.workers != 1:
        from kuntabotti.workers import serve_workers

        serve_workers(settings, args.workers)
    else:
        from kuntabotti.run import serve

        asyncio.run(serve(settings))
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    import asyncio

    from kuntabotti.settings import Settings
    from taskstore import Database

    async def upgrade() -> None:
        db = Database(Settings.from_env(database_url=args.database_url).database_url)
        try:
            await db.migrate()
        finally:
            await db.close()

    asyncio.run(upgrade())
    print("task store schema is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
