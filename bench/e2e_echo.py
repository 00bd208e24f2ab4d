"""Server side of bench.e2e: the bare aiohttp baseline, the bot entry, process helpers.

The echo app has the bot's routes and frame sequence, so the load generator runs the very
same client code against it: POST /api/v1/conversations (201, token + one greeting), POST
/api/v1/conversations/{token}/messages (reads the JSON, answers JSON of about `reply_bytes`),
GET /ws (hello, greeting; a token frame at the first text frame; per text frame: the
resident echo with an id, one bot message of about `reply_bytes`, a state frame). Nothing
is stored.

usage (bench.e2e starts both): python -m bench.e2e_echo echo PORT REPLY_BYTES
                               python -m bench.e2e_echo bot PORT DATABASE_URL
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import WSMsgType, web

ROOT = Path(__file__).resolve().parents[1]
PAD = web.AppKey("pad", int)
IDS = itertools.count(1)  # one app per process


def _message(author: str, text: str) -> dict[str, Any]:
    return {
        "id": next(IDS),
        "author": author,
        "text": text,
        "buttons": [],
        "created_at": datetime.now(UTC).isoformat(),
    }


def _reply(app: web.Application, text: str) -> dict[str, Any]:
    return _message("bot", text + " " + "x" * max(0, app[PAD] - len(text) - 150))


async def create(request: web.Request) -> web.Response:
    body = json.loads(await request.read() or b"{}")
    greeting = _reply(request.app, "Hei!")
    token = secrets.token_urlsafe(24)
    language = body.get("language", "fi")
    return web.json_response(
        {"token": token, "language": language, "messages": [greeting]}, status=201
    )


async def message(request: web.Request) -> web.Response:
    body = json.loads(await request.read())
    reply = _reply(request.app, str(body.get("text", "")))
    return web.json_response(
        {"message_id": next(IDS), "state": "bot", "language": "fi", "replies": [reply]}
    )


async def websocket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.send_json({"type": "hello", "token": None, "language": "fi"})
    await ws.send_json({"type": "message", **_reply(request.app, "Hei!")})
    started = False
    async for msg in ws:
        if msg.type is not WSMsgType.TEXT:
            break
        text = str(json.loads(msg.data).get("text", ""))
        if not started:  # as the bot: the first frame starts the conversation
            started = True
            await ws.send_json({"type": "token", "token": secrets.token_urlsafe(24)})
        await ws.send_json({"type": "message", **_message("resident", text)})
        await ws.send_json({"type": "message", **_reply(request.app, text)})
        await ws.send_json({"type": "state", "state": "bot", "language": "fi"})
    return ws


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def serve_echo(port: int, reply_bytes: int) -> None:
    app = web.Application()
    app[PAD] = reply_bytes
    app.router.add_get("/healthz", health)
    app.router.add_post("/api/v1/conversations", create)
    app.router.add_post("/api/v1/conversations/{token}/messages", message)
    app.router.add_get("/ws", websocket)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


async def serve_bot(port: int, url: str) -> None:
    """What `kuntabotti run` serves; Telegram stays off (start_server drops TELEGRAM_*)."""
    from kuntabotti.run import serve
    from kuntabotti.settings import Settings

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # One client address sends the whole load here, by design: no flood limits.
    unlimited = "conversations=10000000/60,messages=10000000/60,sockets=10000000/60"
    await serve(
        Settings(
            port=port,
            database_url=url,
            data=ROOT / "data",
            models=ROOT / "models",
            rate_limits=unlimited,
        )
    )


async def exit_with_parent(parent: int, server: asyncio.Task[None]) -> None:
    """A server child stops itself (SIGTERM, the graceful path) if its bench process died."""
    while os.getppid() == parent and not server.done():
        await asyncio.sleep(1.0)
    if not server.done():
        os.kill(os.getpid(), signal.SIGTERM)


async def child(kind: str, port: int, arg: str) -> None:
    server = asyncio.create_task(
        serve_bot(port, arg) if kind == "bot" else serve_echo(port, int(arg))
    )
    watchdog = asyncio.create_task(exit_with_parent(os.getppid(), server))
    try:
        await server
    finally:
        watchdog.cancel()


# Used by bench.e2e, in the load generator's process.


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start_server(
    kind: str, arg: str, log: Path, deadline: float
) -> tuple[subprocess.Popen[bytes], str]:
    """A server child on a free port, once its /healthz answers; output goes to `log`."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.e2e_echo", kind, str(port), arg],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    return proc, await wait_until_up(proc, port, log, deadline, kind)


async def wait_until_up(
    proc: subprocess.Popen[bytes], port: int, log: Path, deadline: float, kind: str
) -> str:
    """The child's base URL once its /healthz answers; stopped and an error with the end of
    its log if it does not by `deadline`."""
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                async with session.get(f"{base}/healthz") as r:
                    if r.status == 200:
                        return base
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.25)
    stop_server(proc)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{kind} server did not come up (exit code {proc.returncode}):\n{tail}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")  # the server is gone; the run reports its errors
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


if __name__ == "__main__":
    asyncio.run(child(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
