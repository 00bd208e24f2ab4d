"""Log lines (kuntabotti/logs.py): JSON a line for a collector, or text; a bad setting is
refused with the choices."""

from __future__ import annotations

import json
import logging

import pytest

from kuntabotti.logs import configure


def test_json_lines_carry_level_logger_message_and_the_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure("json")
        log = logging.getLogger("kuntabotti.test")
        log.info("round %s done", 3)
        try:
            raise RuntimeError("store away")
        except RuntimeError:
            log.exception("round failed")
        logging.getLogger("httpx").info("HTTP Request: GET ...")  # library chatter stays out
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    finally:
        root.handlers[:], root.level = handlers, level
    assert [(e["level"], e["logger"], e["message"]) for e in lines] == [
        ("info", "kuntabotti.test", "round 3 done"),
        ("error", "kuntabotti.test", "round failed"),
    ]
    assert "RuntimeError: store away" in lines[1]["error"] and lines[0]["time"].endswith("+00:00")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of text, json"):
        configure("xml")
