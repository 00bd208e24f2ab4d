"""Where trained models live: models/<hash of data and config>/, and models/latest."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from content import Content
from nlu import NLUConfig, NLUModel, data_hash

LATEST = "latest"


def model_key(content: Content, config: NLUConfig) -> str:
    return data_hash(content.files, config)


def latest_model_dir(models: Path) -> Path | None:
    pointer = models / LATEST
    if not pointer.is_file():
        return None
    target = models / pointer.read_text().strip()
    return target if (target / "model.pkl").is_file() else None


def train_model(
    content: Content,
    models: Path,
    config: NLUConfig | None = None,
    progress: Callable[[str], None] | None = None,
    if_needed: bool = False,
) -> tuple[Path, float | None]:
    """Train into models/<key>/ and point models/latest at it. With `if_needed`, an existing
    model for the same data and config is reused (returned time is then None)."""
    config = config or NLUConfig()
    target = models / model_key(content, config)
    if if_needed and (target / "model.pkl").is_file():
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
    _point_latest(models, target)
    return target, time.perf_counter() - started


def _point_latest(models: Path, target: Path) -> None:
    tmp = models / (LATEST + ".tmp")
    tmp.write_text(target.name + "\n")
    tmp.replace(models / LATEST)


def load_model(models: Path, explicit: Path | None = None) -> NLUModel:
    directory = explicit or latest_model_dir(models)
    if directory is None:
        raise FileNotFoundError(f"no trained model in {models}: run `kuntabotti train` first")
    return NLUModel.load(directory)
