"""YAML loading that remembers where each value came from, so errors can name file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class YamlDoc:
    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, where: Path_) -> int:
        """The line of `where`, or of its closest parent that has one (1-based)."""
        for cut in range(len(where), -1, -1):
            if where[:cut] in self.lines:
                return self.lines[where[:cut]]
        return 1


class YamlError(Exception):
    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def load_yaml(path: Path) -> YamlDoc:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise YamlError(path, 1, f"not UTF-8 text ({exc.reason})") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(path, line, f"YAML syntax: {exc.problem or exc}") from exc
    doc = YamlDoc(path, None)
    doc.data = _build(node, (), doc.lines) if node is not None else None
    return doc


def _build(node: yaml.Node, where: Path_, lines: dict[Path_, int]) -> Any:
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            result[key_node.value] = _build(value_node, (*where, key_node.value), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*where, i), lines) for i, item in enumerate(node.value)]
    return _SCALARS.construct_object(node)


# One constructor for all scalars: it resolves "3.1", "true", "12" to their YAML types.
_SCALARS = yaml.SafeLoader("")
