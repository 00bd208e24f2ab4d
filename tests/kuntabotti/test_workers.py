"""`kuntabotti run --workers N` as a real process tree: gunicorn's master and two workers on
PostgreSQL answer residents, /metrics sums both workers, SIGTERM stops all cleanly; on
SQLite the command refuses with the reason."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from kuntabotti.cli import main
from tests.conftest import DATA, ROOT
from tests.kuntabotti.test_serve import free_port


def test_several_workers_on_sqlite_are_refused_with_the_reason(
    tmp_path: Path, capsys: object
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["run", "--workers", "2", "--database-url", url]) == 1
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "several workers need PostgreSQL" in err
    assert not (tmp_path / "x.db").exists()  # refused before anything was made


def test_two_workers_on_postgresql_answer_and_stop_cleanly(
    pg_database_url: str, models_dir: Path
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SMTP_"))}
    env["DATABASE_URL"] = pg_database_url
    command = [sys.executable, "-m", "kuntabotti.cli", "run", "--port", str(port)]
    command += ["--workers", "2", "--data", str(DATA), "--models", str(models_dir)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        pids: set[str] = set()
        while time.monotonic() < deadline and len(pids) < 2 and process.poll() is None:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    metrics = httpx.get(f"{base}/metrics", timeout=5).text
                    pids = set(re.findall(r'kuntabotti_content_version\{pid="(\d+)"\}', metrics))
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        assert len(pids) == 2, "two workers did not both come up in 240 s"
        answered = 0
        for n in range(12):  # new connections: gunicorn's workers share the listening socket
            with httpx.Client(base_url=f"{base}/api/v1", timeout=30) as http:
                token = http.post("/conversations", json={"language": "fi"}).json()["token"]
                reply = http.post(
                    f"/conversations/{token}/messages", json={"text": f"Kirjaston aukiolo {n}?"}
                )
                answered += reply.status_code == 200 and bool(reply.json()["replies"])
        assert answered == 12
        summed = httpx.get(f"{base}/metrics", timeout=5).text
        turns = re.findall(
            r'kuntabotti_turns_total\{channel="rest",outcome="\w+"\} ([0-9.]+)', summed
        )
        assert sum(float(t) for t in turns) == 12  # both workers' counts in one answer
    except BaseException as exc:
        process.send_signal(signal.SIGTERM)
        raise AssertionError(process.communicate(timeout=60)[0]) from exc
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "2 workers (gunicorn)" in output and f"web chat {base}/" in output
