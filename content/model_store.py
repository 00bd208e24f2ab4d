"""Where trained models live: models/<key>/, keyed by the content's digest and the NLU
configuration, and models/latest (what `kuntabotti nlu parse` and friends use by default).

Training for a running server happens in the background process (`train_elsewhere`,
nlu.elsewhere): it takes a core for half a minute or more, and the chat turns of the server
must keep their latency. It reports its steps in models/<key>.progress.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.document import Document, from_document, to_document, training_digest
from content.export import checked
from content.loader import Content
from content.near_duplicates import near_duplicates
from content.regression import Case, compare
from nlu import NLUConfig, NLUModel, data_hash
from nlu.elsewhere import run_elsewhere
from nlu.fold_report import compare as compare_held_out

LATEST = "latest"
TRAINING_STEPS = 5  # features, held-out scores, classifier, thresholds, language id
SUITE_STEP = "regression suite"  # a check's sixth step: both models read the suite's questions


def model_key(content: Content, config: NLUConfig | None = None) -> str:
    return document_key(to_document(content), config)


def document_key(document: Document, config: NLUConfig | None = None) -> str:
    """Answers and titles are not part of it (content.document.training_digest)."""
    return data_hash(training_digest(document), config or NLUConfig())


def model_dir(models: Path, key: str) -> Path | None:
    """The folder of a trained model, or None if that model was not trained (here)."""
    target = models / key
    return target if (target / "model.pkl").is_file() else None


def latest_model_dir(models: Path) -> Path | None:
    pointer = models / LATEST
    if not pointer.is_file():
        return None
    return model_dir(models, pointer.read_text().strip())


def train_model(
    content: Content,
    models: Path,
    config: NLUConfig | None = None,
    progress: Callable[[str], None] | None = None,
    if_needed: bool = False,
    latest: bool = True,
) -> tuple[Path, float | None]:
    """Train into models/<key>/ and (with `latest`) point models/latest at it. With
    `if_needed`, an existing model for the same data and config is reused (returned time is
    then None). A draft's check trains without `latest`: it is not published."""
    config = config or NLUConfig()
    target = models / model_key(content, config)
    if if_needed and (target / "model.pkl").is_file():
        if latest:
            _point_latest(models, target)
        return target, None
    started = time.perf_counter()
    model = NLUModel.train(
        content.training_examples(),
        content.intent_infos(),
        config,
        progress,
        data_hash=target.name,
        vocabulary=content.team_examples(),
    )
    model.save(target)
    if latest:
        _point_latest(models, target)
    return target, time.perf_counter() - started


def _point_latest(models: Path, target: Path) -> None:
    models.mkdir(parents=True, exist_ok=True)
    tmp = models / f"{LATEST}.{os.getpid()}.tmp"
    tmp.write_text(target.name + "\n")
    tmp.replace(models / LATEST)


def load_model(models: Path, explicit: Path | None = None) -> NLUModel:
    directory = explicit or latest_model_dir(models)
    if directory is None:
        raise FileNotFoundError(f"no trained model in {models}: run `kuntabotti train` first")
    return NLUModel.load(directory)


# -- training in another process ---------------------------------------------------------


def progress_of(models: Path, key: str) -> dict[str, object] | None:
    """What the training of `key` reported last: {"step", "of", "stage", "started"}."""
    try:
        data = json.loads((models / f"{key}.progress").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


Figures = dict[str, dict[str, float | int | None]]  # per regression set: cases, draft, live


@dataclass(frozen=True)
class Trained:
    folder: Path | None  # None: the document has errors (or got worse) and may not go live
    problems: list[str]  # what the check found, "file:line: severity: message"
    regression: Figures | None = None
    held_out: dict[str, Any] | None = None  # nlu.fold_report.compare: draft against live


Outcome = tuple[str | None, list[str], Figures | None, dict[str, Any] | None]


def _train_document(document: Document, models: Path, check: bool, suite: Suite | None) -> Outcome:
    """In the background process: check (when asked), train, save, and score the regression
    suite with the new model and the live one; returns the key (None: refused)."""
    problems: list[str] = []
    if check:
        content = checked(document, "draft")
        problems = [str(p) for p in content.problems]
        if content.errors:
            return None, problems, None, None
    else:
        content = from_document(document, "version")
    key = document_key(document)
    report = models / f"{key}.progress"
    done = 0

    def step(stage: str) -> None:
        nonlocal done
        done += 1
        steps = TRAINING_STEPS + (suite is not None)
        state = {"step": done, "of": steps, "stage": stage, "started": started}
        tmp = report.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(report)

    models.mkdir(parents=True, exist_ok=True)
    started = time.time()
    target, _ = train_model(content, models, progress=step, if_needed=True, latest=not check)
    if suite is None:
        return key, problems, None, None
    step(SUITE_STEP)
    if suite.before is not None:
        problems += near_duplicates(suite.before, document)
    live_folder = model_dir(models, suite.live_key) if suite.live_key else None
    live = NLUModel.load(live_folder) if live_folder is not None else None
    draft = NLUModel.load(target)
    figures, refusals = compare(draft, live, suite.sets)
    held_out, worse = compare_held_out(
        live.meta.get("held_out") if live is not None else None, draft.meta["held_out"]
    )
    refusals += worse
    return (None if refusals else key), problems + refusals, figures, held_out


@dataclass(frozen=True)
class Suite:
    """What a check scores besides the content checks (content.regression)."""

    live_key: str | None  # the live version's model, to compare with
    sets: dict[str, list[Case]]
    before: Document | None = None  # the live version: examples new since are compared


async def train_elsewhere(
    document: Document, models: Path, *, check: bool = False, suite: Suite | None = None
) -> Trained:
    """Train the model of `document` in the background process (nlu.elsewhere, one job at a
    time) unless it is in `models` already. With `check`, the whole content checks run first
    (content.export.checked) and a document with errors trains nothing; with `suite`, a
    regression beyond its tolerance refuses the document too."""
    key = document_key(document)
    if not check and (ready := model_dir(models, key)) is not None:
        return Trained(ready, [])
    trained, problems, figures, held_out = await run_elsewhere(
        _train_document, document, models.resolve(), check, suite
    )
    if trained is None:
        return Trained(None, problems, figures, held_out)
    folder = model_dir(models, trained)
    if folder is None:  # the key of what was trained is not the document's: a bug to see
        raise RuntimeError(f"training left no model {trained} in {models}")
    return Trained(folder, problems, figures, held_out)
