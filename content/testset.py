"""External test sets for `kuntabotti evaluate --test`: Rasa NLU YAML, or JSONL lines with
`text` and `intent` and/or `team` (and optionally `language`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from content.yamlfile import load_yaml


@dataclass(frozen=True)
class TestItem:
    text: str
    intent: str | None
    team: str | None
    language: str | None


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
        items.append(
            TestItem(row["text"], row.get("intent"), row.get("team"), row.get("language", language))
        )
    return items
