"""`kuntabotti run`, the README's run command, as a real process on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import DATA, ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_run_serves_chat_and_api_then_stops_cleanly(tmp_path: Path, models_dir: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.db'}"
    command = [sys.executable, "-m", "bot.cli", "run", "--port", str(port)]
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
