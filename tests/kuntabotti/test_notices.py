"""`kuntabotti notice add|list`: service breaks posted from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuntabotti.cli import main
from tests.conftest import DATA


def test_add_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'notices.db'}"
    texts = ["--fi", "Vesikatko", "--sv", "Vattenavbrott", "--en", "Water cut"]
    common = ["--database-url", url, "--data", str(DATA)]
    assert (
        main(["notice", "add", "--team", "vesihuolto", "--end", "2099-01-01", *texts, *common]) == 0
    )
    assert main(["notice", "add", "--end", "2099-01-02T12:00", *texts, *common]) == 0
    assert main(["notice", "list", "--database-url", url]) == 0
    lines = capsys.readouterr().out.strip().splitlines()[2:]
    assert [line.split("\t")[1] for line in lines] == ["vesihuolto", "(every team)"]
    assert lines[1].split("\t")[2].endswith("2099-01-02 12:00")  # Helsinki time as written


def test_refuses_unknown_team_and_backwards_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'notices.db'}"
    texts = ["--fi", "a", "--sv", "b", "--en", "c", "--database-url", url, "--data", str(DATA)]
    assert main(["notice", "add", "--team", "nope", "--end", "2099-01-01", *texts]) == 1
    assert main(["notice", "add", "--start", "2030-01-02", "--end", "2030-01-01", *texts]) == 1
    errors = capsys.readouterr().err
    assert "unknown team 'nope'" in errors and "--end must be after --start" in errors
