"""External test sets for `kuntabotti evaluate --test`: Rasa NLU YAML, or JSONL lines with
`text` and `intent` and/or `team`, optionally `language` (or `lang`), `kind` (faq, case,
sensitive, oos) and `source` (the page a real question was quoted from).

A line whose `team` is null is out of scope: no team owns it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from content.yamlfile import load_yaml


@dataclass(frozen=True)
class TestItem:
    text: str
    intent: str | None
    team: str | None
    language: str | None
    kind: str | None = None
    source: str | None = None


KINDS = ("faq", "case", "sensitive", "oos")
# The city's own test questions, kept next to the content: written apart from it, never
# trained on; every draft's check scores them (content.regression).
TEST_SET = "heldout.jsonl"


class TestSetError(ValueError):
    pass


def load_test_set(path: Path, language: str | None = None) -> list[TestItem]:
    if path.suffix in (".yml", ".yaml"):
        data = load_yaml(path).data or {}
        items = []
        for block in data.get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    items.append(
                        TestItem(line.strip()[2:].strip(), block["intent"], None, language)
                    )
        return items
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TestSetError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise TestSetError(f'{path}:{number}: each line needs a "text" string')
        if "intent" not in row and "team" not in row:
            raise TestSetError(f'{path}:{number}: each line needs "intent" and/or "team"')
        kind = row.get("kind")
        if kind is None and "team" in row and row["team"] is None:
            kind = "oos"
        if kind is not None and kind not in KINDS:
            raise TestSetError(f"{path}:{number}: kind must be one of {', '.join(KINDS)}")
        items.append(
            TestItem(
                row["text"],
                row.get("intent"),
                row.get("team"),
                row.get("language", row.get("lang", language)),
                kind,
                row.get("source"),
            )
        )
    return items


def load_split(path: Path) -> dict[str, str]:
    """A committed split of a real set by source host: {host: half}."""
    data = load_yaml(path).data or {}
    if not isinstance(data, dict):
        raise TestSetError(f"{path}: expected halves, each a list of hosts")
    halves: dict[str, str] = {}
    for half, hosts in data.items():
        for host in hosts or []:
            if host in halves:
                raise TestSetError(f"{path}: host {host} is in {halves[host]} and {half}")
            halves[str(host)] = str(half)
    return halves


def half_of(item: TestItem, halves: dict[str, str]) -> str:
    host = urlsplit(item.source or "").hostname or ""
    return halves.get(host, "unsplit")
