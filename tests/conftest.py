"""Shared fixtures. The real content and one trained model are built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content import Content, load_valid_content
from content.model_store import train_model
from nlu import NLUModel

pytest_plugins = [
    "tests.helpers.pg",
    "tests.helpers.live",
    "tests.helpers.console_kit",
    "tests.helpers.smtp_server",
    "tests.helpers.browser",
    "tests.helpers.telegram_standin",
]

# The `nlu parse` JSON contract (issue 2): later tools depend on exactly these keys.
PARSE_KEYS = {
    "text",
    "language",
    "intent",
    "team",
    "fallback",
    "sensitive",
    "ranking",
    "entities",
    "explanation",
}
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def intent_file(intents: list[tuple[str, str, str, list[str], str]]) -> str:
    """Rasa NLU YAML for (name, team, kind, examples, answer) tuples."""
    lines = ['version: "3.1"', "nlu:"]
    for name, team, kind, examples, _ in intents:
        lines += [
            f"- intent: {name}",
            "  metadata:",
            f"    team: {team}",
            f"    kind: {kind}",
            # Validation wants a title on every intent and a prompt on every case.
            f"    title: {name.replace('_', ' ').capitalize()}",
            *(["    prompt: Missä asia on?"] if kind == "case" else []),
            "  examples: |",
            *[f"    - {e}" for e in examples],
        ]
    lines.append("responses:")
    for name, _, _, _, answer in intents:
        lines += [f"  utter_{name}:", f'  - text: "{answer}"']
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A valid content folder: the real teams and municipality, two intents per language."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(DATA / "teams.yml", root)
    shutil.copy(DATA / "municipality.yml", root)
    per_lang = {"fi": 20, "sv": 10, "en": 10}
    for lang, n in per_lang.items():
        (root / lang).mkdir()
        intents = [
            (
                "opetus_koulukuljetus",
                "opetus",
                "faq",
                [f"koulukuljetus kysymys {lang} {i}" for i in range(n)],
                "Kuljetus {team_phone}",
            ),
            (
                "kadut_liikenne_katuvalo",
                "kadut_liikenne",
                "case",
                [f"katuvalo rikki {lang} {i}" for i in range(n)],
                "Valo {city}",
            ),
        ]
        (root / lang / "teams.yml").write_text(intent_file(intents), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def content() -> Content:
    return load_valid_content(DATA)


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Path:
    """The real model, trained once for the whole test session into a temporary folder."""
    models = tmp_path_factory.mktemp("models")
    train_model(content, models)
    return models


@pytest.fixture(scope="session")
def model(models_dir: Path) -> NLUModel:
    from content.model_store import load_model

    return load_model(models_dir)
