"""A worker killed mid-load (SIGKILL, no chance to clean up), ten times, on the embedded
default (SQLite, one process), with residents writing over REST all along: no message that
got its 200 is lost, none is stored twice, and no conversation is left stuck (each answers
its next message after the last restart)."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import DATA, ROOT
from tests.kuntabotti.test_serve import free_port

KILLS = 10
WRITERS = 4


def start(db: Path, models: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SMTP_"))}
    env["DATABASE_URL"] = f"sqlite:///{db}"
    command = [sys.executable, "-m", "kuntabotti.cli", "run", "--port", str(port)]
    command += ["--data", str(DATA), "--models", str(models)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not come up in 120 s")


def test_ten_kills_under_load_lose_nothing_acknowledged(tmp_path: Path, models_dir: Path) -> None:
    db, port = tmp_path / "kill.db", free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    acked: list[tuple[str, int, str]] = []  # (token, message id, text) answered with 200
    lock = threading.Lock()
    numbers = itertools.count()
    process = start(db, models_dir, port)
    tokens = [
        httpx.post(f"{base}/conversations", json={"language": "fi"}, timeout=30).json()["token"]
        for _ in range(WRITERS)
    ]

    def write(token: str, stop: threading.Event) -> None:
        with httpx.Client(base_url=base, timeout=10) as http:
            while not stop.is_set():
                text = f"Milloin kirjasto on auki? ({next(numbers)})"
                try:
                    reply = http.post(f"/conversations/{token}/messages", json={"text": text})
                except httpx.TransportError:
                    time.sleep(0.05)
                    continue
                if reply.status_code == 200:
                    with lock:
                        acked.append((token, reply.json()["message_id"], text))

    for kill in range(KILLS):
        stop = threading.Event()
        writers = [threading.Thread(target=write, args=(t, stop)) for t in tokens]
        for thread in writers:
            thread.start()
        time.sleep(1.0 + 0.1 * kill)  # turns in flight when the kill comes
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        stop.set()
        for thread in writers:
            thread.join(15)
        process = start(db, models_dir, port)
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            for token in tokens:  # nobody is stuck: each conversation answers again
                text = f"Kiitos! ({token[:8]})"
                reply = http.post(f"/conversations/{token}/messages", json={"text": text})
                assert reply.status_code == 200 and reply.json()["replies"], reply.text
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(60)
    with sqlite3.connect(db) as store:
        stored = store.execute(
            "SELECT c.token, m.id, m.text FROM messages m JOIN conversations c "
            "ON c.id = m.conversation_id WHERE m.author = 'resident'"
        ).fetchall()
    kept = {(token, message_id, text) for token, message_id, text in stored}
    texts = [text for _, _, text in stored]
    assert len(acked) > KILLS * WRITERS  # the load really ran between the kills
    assert [a for a in acked if a not in kept] == []  # 0 lost
    assert len(texts) == len(set(texts))  # 0 stored twice (every text sent is unique)
