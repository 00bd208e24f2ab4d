"""The command-line contract, run as a user runs it: the installed `kuntabotti` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from actions import render_answer
from content import Content
from tests.conftest import PARSE_KEYS

KUNTABOTTI = str(Path(sys.executable).parent / "kuntabotti")


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [KUNTABOTTI, *args], input=stdin, capture_output=True, cwd=cwd, timeout=600
    )


@pytest.mark.parametrize(
    "command", [[], ["train"], ["nlu", "parse"], ["evaluate"], ["data", "validate"], ["shell"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    done = run(*command, "--help")
    assert done.returncode == 0
    assert b"usage: kuntabotti" in done.stdout


def test_parse_one_message(models_dir: Path) -> None:
    done = run("nlu", "parse", "--json", "--models", str(models_dir), "uimahallin aukioloajat")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == PARSE_KEYS
    assert result["team"]["id"] == "liikunta_kulttuuri"
    assert set(result["intent"]) == {"name", "confidence"}
    assert set(result["team"]) == {"id", "confidence", "by"}


def test_parse_stdin_lines_including_junk(models_dir: Path) -> None:
    lines = [
        b"hei",
        b"",
        b"   ",
        "😀😀".encode(),
        b"\x00\x01\x02\xff\xfe\x80\x90",
        b"x" * 10_000,
        "var är simhallen".encode(),
    ]
    done = run(
        "nlu", "parse", "--json", "--models", str(models_dir), stdin=b"\n".join(lines) + b"\n"
    )
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(results) == len(lines)
    assert all(set(r) == PARSE_KEYS for r in results)
    assert [r["fallback"] for r in results[1:6]] == [True] * 5
    assert results[0]["intent"]["name"] == "greet"
    assert results[-1]["language"] == "sv"


def test_parse_without_a_model_is_a_clear_error(tmp_path: Path) -> None:
    done = run("nlu", "parse", "--models", str(tmp_path), "hei")
    assert done.returncode == 1
    assert b"run `kuntabotti train` first" in done.stderr


def test_train_reports_time_and_reuses_a_model(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "models"
    done = run("train", "--data", str(small_content), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert b"trained " in done.stdout and b" s (" in done.stdout
    assert b"training" in done.stderr  # the progress bar
    key = (out / "latest").read_text().strip()
    assert (out / key / "model.pkl").is_file()
    again = run("train", "--data", str(small_content), "--out", str(out), "--if-needed")
    assert b"is up to date" in again.stdout


def test_train_refuses_invalid_content(small_content: Path, tmp_path: Path) -> None:
    (small_content / "en" / "teams.yml").write_text("version: '3.1'\nnlu: 5\n")
    done = run("train", "--data", str(small_content), "--out", str(tmp_path))
    assert done.returncode == 1
    assert b"teams.yml:2: error: nlu: 5 is not of type 'array'" in done.stderr


def test_evaluate_cross_validation_writes_json(small_content: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = run("evaluate", "--data", str(small_content), "--folds", "2", "--json", str(report))
    assert done.returncode == 0, done.stderr
    figures = json.loads(report.read_text())
    assert figures["method"] == "2-fold cross-validation"
    fi = figures["languages"]["fi"]
    assert fi["intent_accuracy"] == 1.0
    assert fi["team_routing_accuracy"] == 1.0
    assert set(fi["per_intent"]) == {"opetus_koulukuljetus", "kadut_liikenne_katuvalo"}
    assert b"intent_accuracy" in done.stdout


def test_evaluate_external_jsonl(models_dir: Path, tmp_path: Path) -> None:
    test = tmp_path / "test.jsonl"
    rows = [
        {"text": "milloin uimahalli on auki", "team": "liikunta_kulttuuri"},
        {"text": "hei", "intent": "greet"},
        {"text": "kerro vitsi", "intent": "out_of_scope"},
    ]
    test.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    report = tmp_path / "r.json"
    done = run("evaluate", "--models", str(models_dir), "--test", str(test), "--json", str(report))
    assert done.returncode == 0, done.stderr
    fi = json.loads(report.read_text())["languages"]["fi"]
    assert fi["messages"] == 3
    assert fi["team_routing_accuracy"] == 1.0
    assert fi["out_of_scope_recall"] == 1.0


def test_parse_says_whether_the_runtime_keeps_a_message_out_of_the_log(
    models_dir: Path,
) -> None:
    lines = ["uimahallin aukioloajat", "hammaslääkärin ajanvaraus lapselle, hammasta särkee"]
    done = run("nlu", "parse", "--models", str(models_dir), stdin="\n".join(lines).encode() + b"\n")
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["sensitive"] for r in results] == [False, True]


def test_evaluate_a_real_set_by_language_kind_and_half(models_dir: Path, tmp_path: Path) -> None:
    """Real sets carry `lang`, `kind`, `source` and `team: null` for out-of-scope lines."""
    rows = [
        ("milloin uimahalli on auki", "fi", "liikunta_kulttuuri", "faq", "https://a.example/1"),
        (
            "katulamppu on rikki meidän talon edessä",
            "fi",
            "kadut_liikenne",
            "case",
            "https://a.example/2",
        ),
        (
            "hammaslääkärin ajanvaraus lapselle, hammasta särkee",
            "fi",
            "hyvinvointialue",
            "sensitive",
            "https://b.example/",
        ),
        ("kerro vitsi", "fi", None, "oos", "https://b.example/x"),
        ("when is the swimming hall open", "en", "liikunta_kulttuuri", "faq", "https://c.example/"),
    ]
    test = tmp_path / "real.jsonl"
    test.write_text(
        "\n".join(
            json.dumps({"text": t, "lang": lang, "team": team, "kind": k, "source": src})
            for t, lang, team, k, src in rows
        )
    )
    split = tmp_path / "split.yml"
    split.write_text("tuning:\n  - a.example\nreport:\n  - b.example\n")
    report = tmp_path / "r.json"
    done = run(
        "evaluate", "--models", str(models_dir), "--test", str(test),
        "--split", str(split), "--json", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    slices = json.loads(report.read_text())["routing"]["slices"]
    assert slices["all"]["messages"] == 5
    assert slices["oos"] == {**slices["oos"], "messages": 1, "oos_caught": 1.0}
    assert slices["sensitive"]["sensitive_recall"] == 1.0
    assert slices["faq"]["ordinary_hidden"] == 0.0
    assert slices["en"]["messages"] == 1 and slices["en"]["team_routing"] == 1.0
    assert (slices["tuning"]["messages"], slices["report"]["messages"]) == (2, 2)
    assert slices["unsplit"]["messages"] == 1  # a host in neither half is shown apart
    assert slices["tuning"]["team_routing"] == 1.0
    assert b"oos_caught" in done.stdout and b"most frequent team confusions" in done.stdout


def test_evaluate_rejects_a_broken_test_file(models_dir: Path, tmp_path: Path) -> None:
    test = tmp_path / "bad.jsonl"
    test.write_text('{"text": "hei"}\n')
    done = run("evaluate", "--models", str(models_dir), "--test", str(test))
    assert done.returncode == 1
    assert b"bad.jsonl:1: each line needs" in done.stderr


def test_shell_answers_in_the_users_language(models_dir: Path, content: Content) -> None:
    data = Path(__file__).resolve().parents[2] / "data"
    done = run(
        "shell",
        "--data",
        str(data),
        "--models",
        str(models_dir),
        stdin=b"milloin uimahalli on auki\nwhen is the swimming hall open\n\n",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert [line[:4] for line in lines[:3]] == ["Hei!", "Hej!", "Hi! "]
    assert lines[3:] == [
        render_answer(content, "liikunta_kulttuuri_uimahalli", "fi"),
        render_answer(content, "liikunta_kulttuuri_uimahalli", "en"),
    ]
