"""End to end: N concurrent conversations over REST and websocket against the real server.

The server is the app `kuntabotti run` builds (content, latest model, trained if needed,
task store on a fresh SQLite file unless --database-url), in its own process; the baseline
is a bare aiohttp app with the same routes and frame shapes (bench/e2e_echo.py) in another
process, loaded by the very same client code in this process. Each conversation opens over
REST (or the socket's hello), then sends --turns resident questions (fi/sv/en), each after
the previous reply, as a person would. The clients are in bench/e2e_workload.py, the
figures and targets in bench/e2e_report.py.

- latency: send -> whole reply read (REST: the 200 body; websocket: the turn's state frame).
- websocket turn rule: after a text the server sends the resident's echo (with its id),
  then the bot's messages, then one `state` frame (bot/webchat.py protocol). A turn counts
  only if, before its state frame, the first resident message after the send arrived and
  then at least one bot message with a higher id; anything else is an error. Messages that
  come before the echo (the greeting) are not part of the turn.
- msg/s: resident messages answered / wall seconds of the phase (conversation openings
  included; they happen in both the bot and the echo phases alike).
- lost: (token, message id) pairs the client got acknowledged (REST 200 message_id,
  websocket echo) that are not stored as resident messages, read from the store after the
  server process stopped. `unacked` = stored resident messages the client never saw
  acknowledged (e.g. after a timeout): not lost, reported for the record.
- srv CPU: the server process's CPU seconds per answered message, immune to waiting on a
  noisy machine, so the figure to compare across runs.

- --think: mean seconds between a reply and the resident's next message. 0 (the default) is
  a closed loop: the throughput figures. A person reads and types for several seconds, so
  "500 concurrent conversations" with --think 10 is the latency figure of a busy city chat.

usage: python -m bench.e2e [--conversations 500] [--turns 4] [--think 0] [--database-url URL]
                           [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.e2e_echo import peak_rss_mb, start_server, stop_server
from bench.e2e_report import count_lost, log_problems, report
from bench.e2e_workload import Phase, rest_conversation, run_phase, ws_conversation


async def bench(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    deadline = time.monotonic() + args.deadline
    url = args.database_url or f"sqlite+aiosqlite:///{tmp / 'e2e.db'}"
    bot_log, echo_log = tmp / "server.log", tmp / "echo.log"
    procs: list[subprocess.Popen[bytes]] = []
    phases: dict[str, Phase] = {}
    extra: dict[str, Any] = {}
    n = args.conversations
    try:
        print("starting the server (loads the model; trains first if the data changed) ...")
        bot, bot_base = await start_server("bot", url, bot_log, deadline)
        procs.append(bot)
        warm = await run_phase(
            "warm-up", bot_base, bot.pid, rest_conversation, min(n, 10), args, deadline
        )
        await run_phase("warm-up", bot_base, bot.pid, ws_conversation, min(n, 10), args, deadline)
        reply_bytes = int(sum(warm.reply_bytes) / max(1, len(warm.reply_bytes))) or 600
        echo, echo_base = await start_server("echo", str(reply_bytes), echo_log, deadline)
        procs.append(echo)
        print(f"warm-up done; mean REST reply {reply_bytes} bytes (echo answers as much)")
        for mode, base, pid, talk in (
            ("REST", bot_base, bot.pid, rest_conversation),
            ("echo REST", echo_base, echo.pid, rest_conversation),
            ("websocket", bot_base, bot.pid, ws_conversation),
            ("echo websocket", echo_base, echo.pid, ws_conversation),
        ):
            phases[mode] = await run_phase(mode, base, pid, talk, n, args, deadline)
            print(f"  {mode}: {phases[mode].seconds:.1f} s", flush=True)
        extra["server_peak_rss_mb"] = peak_rss_mb(bot.pid)
    finally:
        for proc in procs:
            stop_server(proc)
    await count_lost(url, [phases["REST"], phases["websocket"]])
    figures = report(phases, args, url.startswith("sqlite"))
    problems = log_problems(bot_log)
    locked = sum("database is locked" in line for line in problems)
    print(
        f"server peak RSS {extra['server_peak_rss_mb'] or float('nan'):.0f} MB; server log: "
        f"{len(problems)} error lines, {locked} 'database is locked'"
    )
    for line in problems[:10]:
        print(f"  | {line[:200]}")
    return figures | extra | {"server_log_problems": problems[:50]}


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")  # so the finally blocks stop the servers


def main() -> None:
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--database-url", default=None, help="default: fresh SQLite file")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a resident reads and types between messages (0: closed loop)",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--deadline", type=float, default=900.0, help="whole run, seconds")
    parser.add_argument("--json", type=Path, default=None, help="also save the figures here")
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"({os.cpu_count()} cores); {args.conversations} conversations x {args.turns} turns, "
        f"think {args.think:g} s"
    )
    with tempfile.TemporaryDirectory(prefix="kuntabotti-e2e-") as tmp:
        figures = asyncio.run(bench(args, Path(tmp)))
    if args.json is not None:
        figures |= {"loadavg_before": load, "args": {k: str(v) for k, v in vars(args).items()}}
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
