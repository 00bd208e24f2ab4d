"""`kuntabotti content import|export|versions|rollback`: versions from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kuntabotti.cli import main
from tests.conftest import DATA


def _answer(folder: Path, lang: str, stem: str, name: str) -> str:
    data = yaml.safe_load((folder / lang / f"{stem}.yml").read_text(encoding="utf-8"))
    return str(data["responses"][f"utter_{name}"][0]["text"])


def test_import_export_and_rollback(
    tmp_path: Path, models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--database-url", f"sqlite:///{tmp_path / 'content.db'}"]
    models = ["--models", str(models_dir)]  # holds the shipped content's model already
    assert main(["content", "export", str(tmp_path / "none"), *url]) == 1
    assert "no content version yet" in capsys.readouterr().err
    assert main(["content", "import", str(DATA), "--publish", "--note", "alku", *url, *models]) == 0
    assert "published as version 1" in capsys.readouterr().out

    exported = tmp_path / "v1"
    assert main(["content", "export", str(exported), *url]) == 0
    assert main(["data", "validate", "--data", str(exported)]) == 0
    name = "vesihuolto_vesikatko"
    before = _answer(exported, "fi", "vesihuolto", name)
    text = (exported / "fi" / "vesihuolto.yml").read_text(encoding="utf-8")
    (exported / "fi" / "vesihuolto.yml").write_text(
        text.replace(before, "Vesikatkoista kerrotaan kaupungin sivuilla."), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["content", "import", str(exported), "--publish", *url, *models]) == 0
    assert "ready" in capsys.readouterr().out  # an answer edit needs no training

    assert main(["content", "rollback", "1", *url, *models]) == 0
    assert "version 1 published again as version 3" in capsys.readouterr().out
    assert main(["content", "versions", *url]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["3", "2", "1"]
    assert [line.split("\t")[2] for line in lines] == ["rollback", "import", "import"]
    assert main(["content", "export", str(tmp_path / "v2"), "--version", "2", *url]) == 0
    changed = _answer(tmp_path / "v2", "fi", "vesihuolto", name)
    assert changed == "Vesikatkoista kerrotaan kaupungin sivuilla."
    assert main(["content", "export", str(tmp_path / "v3"), *url]) == 0
    assert _answer(tmp_path / "v3", "fi", "vesihuolto", name) == before


def test_a_folder_with_errors_is_refused_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "sv" / "vesihuolto.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{team_phone}", "{telefon}", 1), encoding="utf-8")
    url = ["--database-url", f"sqlite:///{tmp_path / 'content.db'}"]
    assert main(["content", "import", str(folder), *url]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "unknown placeholder {telefon}" in err
    assert main(["content", "versions", *url]) == 0
    assert capsys.readouterr().out == ""  # nothing was stored


def test_import_without_publish_makes_a_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--database-url", f"sqlite:///{tmp_path / 'content.db'}"]
    assert main(["content", "import", str(DATA), "--note", "syksy", *url]) == 0
    assert "draft 1 made" in capsys.readouterr().out
