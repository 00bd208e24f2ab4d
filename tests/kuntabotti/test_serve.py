"""`kuntabotti run`, the README's run command, as a real process on a loopback port."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import DATA, ROOT
from tests.helpers.console_kit import csrf_of


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_run_serves_chat_and_api_then_stops_cleanly(tmp_path: Path, models_dir: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.db'}"
    env["LOG_FORMAT"] = "json"  # the log lines a collector takes (kuntabotti/logs.py)
    command = [sys.executable, "-m", "kuntabotti.cli", "run", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data", str(DATA), "--models", str(models_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not come up in 120 s")
        assert "Esimerkkilä" in httpx.get(f"{base}/").text
        opened = httpx.post(f"{base}/api/v1/conversations", json={"language": "sv"}).json()
        reply = httpx.post(
            f"{base}/api/v1/conversations/{opened['token']}/messages",
            json={"text": "När har biblioteket öppet?"},
        ).json()
        assert reply["language"] == "sv" and reply["replies"]
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert f"web chat {base}/" in output
    assert (tmp_path / "run.db").is_file()
    logged = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    retention = [e for e in logged if e["logger"] == "kuntabotti.scheduler"]
    assert (
        retention and retention[0]["level"] == "info" and "retention run" in retention[0]["message"]
    )


def test_first_run_creates_an_admin_and_prints_how_to_sign_in(
    tmp_path: Path, models_dir: Path
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SMTP_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.db'}"
    command = [sys.executable, "-m", "kuntabotti.cli", "run", "--port", str(port)]
    command += ["--data", str(DATA), "--models", str(models_dir)]
    base = f"http://127.0.0.1:{port}"
    outputs = []
    for _ in range(2):  # the second start keeps the account and prints no password
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            assert process.stdout is not None
            lines = []
            for line in process.stdout:
                lines.append(line)
                if "staff console" in line:
                    break
            password_line = process.stdout.readline() if len(outputs) == 0 else ""
            lines.append(password_line)
            if not outputs:
                found = re.search(r"sign in as admin with password (\S+)", password_line)
                assert found, "".join(lines)
                with httpx.Client(base_url=base, timeout=10) as http:
                    page = http.get("/console/login")
                    signed_in = http.post(
                        "/console/login",
                        data={
                            "csrf": csrf_of(page.text),
                            "username": "admin",
                            "password": found.group(1),
                        },
                        follow_redirects=True,
                    )
                    assert signed_in.status_code == 200 and "Administrator" in signed_in.text
        finally:
            process.send_signal(signal.SIGTERM)
            rest, _ = process.communicate(timeout=30)
        outputs.append("".join(lines) + rest)
        assert process.returncode == 0, outputs[-1]
    assert f"staff console {base}/console/" in outputs[1]
    assert "password" not in outputs[1]
