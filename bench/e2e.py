"""End to end: N concurrent conversations over REST and websocket against the real server.

The server is the app `kuntabotti run` builds (content, latest model, trained if needed,
task store on a fresh SQLite file unless --database-url), in its own process; the baseline
is a bare aiohttp app with the same routes and frame shapes (bench/e2e_echo.py) in another
process, loaded by the very same client code in this process. Each conversation opens over
REST (or the socket's hello), then sends --turns resident questions (fi/sv/en), each after
the previous reply, as a person would.

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
import random
import signal
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.common import percentile
from bench.e2e_echo import cpu_seconds, peak_rss_mb, start_server, stop_server

LANGS = ("fi", "sv", "en")
QUESTIONS = {
    "fi": [
        "Milloin kirjasto on auki?",
        "Paljonko asukaspysäköintitunnus maksaa?",
        "Miten haen lapselle päiväkotipaikkaa?",
        "Milloin meidän jäteastia tyhjennetään?",
        "Tarvitsenko rakennusluvan terassille?",
        "Mistä saan uimahallin sarjakortin?",
        "Kuinka monta kiloa painaa kuun kivi?",
    ],
    "sv": [
        "När har simhallen öppet?",
        "Hur ansöker jag om dagvårdsplats?",
        "Vad kostar ett boendeparkeringstillstånd?",
        "Var kan jag lämna grovavfall?",
        "Hur betalar jag min vattenräkning?",
        "Vilken färg har en giraffs tunga?",
    ],
    "en": [
        "What does a parking permit cost?",
        "When is the library open?",
        "How do I apply for a daycare place?",
        "Where can I recycle old electronics?",
        "Who do I call about a broken street light?",
        "Can I pay my water bill in instalments?",
        "What is the capital of Mongolia?",
    ],
}
LOG_MARKERS = ("database is locked", "Traceback", "ERROR", "Error handling request")


@dataclass
class Phase:
    mode: str
    conversations: int
    latencies_ms: list[float] = field(default_factory=list)
    accepted: set[tuple[str, int]] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    errors: Counter[str] = field(default_factory=Counter)
    reply_bytes: list[int] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0
    lost: int | None = None
    unacked: int | None = None

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds > 0 else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q) if self.latencies_ms else float("nan")

    def figures(self) -> dict[str, Any]:
        n = len(self.latencies_ms)
        return {
            "mode": self.mode,
            "conversations": self.conversations,
            "messages": n,
            "seconds": round(self.seconds, 3),
            "msg_per_s": round(self.rate, 1),
            "p50_ms": round(self.p(50), 2) if n else None,
            "p99_ms": round(self.p(99), 2) if n else None,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "lost": self.lost,
            "unacked": self.unacked,
            "server_cpu_ms_per_msg": round(1000 * self.server_cpu / n, 2) if n else None,
        }


def question(lang: str, k: int, turn: int) -> str:
    texts = QUESTIONS[lang]
    return texts[(k + turn) % len(texts)]


def _error_kind(exc: BaseException) -> str:
    return "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__


async def think(k: int, turn: int, mean: float) -> None:
    """A resident reading and typing: uniform in [0.5, 1.5] x mean seconds (seeded per turn).
    Turn 0 is the arrival: uniform in [0, mean], so conversations open spread out."""
    if mean <= 0:
        return
    pick = random.Random(k * 1000 + turn).random()
    await asyncio.sleep(mean * pick if turn == 0 else mean * (0.5 + pick))


async def rest_conversation(
    session: aiohttp.ClientSession,
    base: str,
    k: int,
    turns: int,
    phase: Phase,
    timeout: float,
    think_s: float = 0.0,
) -> None:
    lang = LANGS[k % len(LANGS)]  # `timeout` is the session's ClientTimeout here
    await think(k, 0, think_s)  # residents arrive spread out, not all in one instant
    try:
        async with session.post(f"{base}/api/v1/conversations", json={"language": lang}) as r:
            if r.status != 201:
                phase.errors[f"HTTP {r.status} (open)"] += 1
                return
            token = str((await r.json())["token"])
    except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as exc:
        phase.errors[f"{_error_kind(exc)} (open)"] += 1
        return
    phase.tokens.add(token)
    url = f"{base}/api/v1/conversations/{token}/messages"
    for turn in range(turns):
        if turn:
            await think(k, turn, think_s)
        started = time.perf_counter()
        try:
            async with session.post(url, json={"text": question(lang, k, turn)}) as r:
                body = await r.read()
                elapsed = (time.perf_counter() - started) * 1000
                if r.status != 200:
                    phase.errors[f"HTTP {r.status}"] += 1
                    continue
                reply = json.loads(body)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            phase.errors[_error_kind(exc)] += 1
            continue
        if isinstance(reply.get("message_id"), int):
            phase.accepted.add((token, reply["message_id"]))
        if not reply.get("replies"):
            phase.errors["no bot reply"] += 1
            continue
        phase.latencies_ms.append(elapsed)
        phase.reply_bytes.append(len(body))


async def read_turn(ws: aiohttp.ClientWebSocketResponse) -> tuple[int | None, str | None]:
    """(id of the resident's echo, error or None) for one turn; see the module docstring."""
    echo: int | None = None
    bot_replies = 0
    while True:
        msg = await ws.receive()
        if msg.type is not aiohttp.WSMsgType.TEXT:
            return echo, "socket closed"
        frame = json.loads(msg.data)
        kind = frame.get("type")
        if kind == "message":
            if echo is None and frame.get("author") == "resident":
                echo = int(frame["id"])
            elif echo is not None and frame.get("author") == "bot" and frame["id"] > echo:
                bot_replies += 1
        elif kind == "state":
            return echo, None if echo is not None and bot_replies else "incomplete turn"
        elif kind == "error":
            return echo, f"error frame {frame.get('code')}"


async def ws_conversation(
    session: aiohttp.ClientSession,
    base: str,
    k: int,
    turns: int,
    phase: Phase,
    timeout: float,
    think_s: float = 0.0,
) -> None:
    lang = LANGS[k % len(LANGS)]
    await think(k, 0, think_s)
    try:
        async with session.ws_connect(f"{base}/ws", params={"lang": lang}) as ws:
            async with asyncio.timeout(timeout):
                hello = await ws.receive_json()
            if hello.get("type") != "hello":
                phase.errors["no hello"] += 1
                return
            token = str(hello["token"])
            phase.tokens.add(token)
            for turn in range(turns):
                if turn:
                    await think(k, turn, think_s)
                started = time.perf_counter()
                await ws.send_json({"type": "text", "text": question(lang, k, turn)})
                async with asyncio.timeout(timeout):  # raises: the socket is not reused
                    echo, problem = await read_turn(ws)
                elapsed = (time.perf_counter() - started) * 1000
                if echo is not None:
                    phase.accepted.add((token, echo))
                if problem is not None:
                    phase.errors[problem] += 1
                    if problem == "socket closed":
                        return
                    continue
                phase.latencies_ms.append(elapsed)
    except (aiohttp.ClientError, ConnectionError, TimeoutError, ValueError, KeyError) as exc:
        phase.errors[_error_kind(exc)] += 1


Talk = Callable[
    [aiohttp.ClientSession, str, int, int, Phase, float, float], Coroutine[Any, Any, None]
]


async def run_phase(
    mode: str,
    base: str,
    server_pid: int,
    talk: Talk,
    n: int,
    args: argparse.Namespace,
    deadline: float,
) -> Phase:
    phase = Phase(mode, n)
    connector = aiohttp.TCPConnector(limit=n)
    client_timeout = aiohttp.ClientTimeout(total=args.timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=client_timeout) as session:
        cpu, started = cpu_seconds(server_pid), time.perf_counter()
        tasks = [
            asyncio.create_task(talk(session, base, k, args.turns, phase, args.timeout, args.think))
            for k in range(n)
        ]
        done, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()))
        phase.seconds = time.perf_counter() - started
        phase.server_cpu = cpu_seconds(server_pid) - cpu
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if pending:
            phase.errors["run deadline"] += len(pending)
        for task in done:
            if task.exception() is not None:
                phase.errors[f"client bug: {task.exception()!r}"] += 1
    return phase


async def count_lost(url: str, phases: list[Phase]) -> None:
    """Sets lost/unacked from the store; run after the server process stopped."""
    from sqlalchemy import select

    from taskstore import Conversation, Database, Message

    db = Database(url)
    try:
        for phase in phases:
            stored: set[tuple[str, int]] = set()
            tokens = sorted(phase.tokens)
            for i in range(0, len(tokens), 500):
                query = (
                    select(Conversation.token, Message.id)
                    .join(Message, Message.conversation_id == Conversation.id)
                    .where(Conversation.token.in_(tokens[i : i + 500]))
                    .where(Message.direction == "in", Message.author == "resident")
                )
                async with db.transaction() as session:
                    stored.update((t, int(m)) for t, m in (await session.execute(query)).all())
            phase.lost = len(phase.accepted - stored)
            phase.unacked = len(stored - phase.accepted)
    finally:
        await db.close()


def log_problems(log: Path) -> list[str]:
    lines = log.read_text(errors="replace").splitlines()
    return [line for line in lines if any(marker in line for marker in LOG_MARKERS)]


def report(phases: dict[str, Phase], args: argparse.Namespace, on_sqlite: bool) -> dict[str, Any]:
    print(
        f"\n{'mode':<16}{'conv':>6}{'messages':>10}{'seconds':>9}{'msg/s':>9}{'p50 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}{'lost':>6}{'srv CPU ms/msg':>16}"
    )

    def num(value: float | None, spec: str) -> str:
        return "-" if value is None else format(value, spec)

    for phase in phases.values():
        f = phase.figures()
        print(
            f"{f['mode']:<16}{f['conversations']:>6}{f['messages']:>10}{f['seconds']:>9.2f}"
            f"{f['msg_per_s']:>9.1f}{num(f['p50_ms'], '.1f'):>9}{num(f['p99_ms'], '.1f'):>9}"
            f"{f['errors']:>8}{num(f['lost'], 'd'):>6}{num(f['server_cpu_ms_per_msg'], '.2f'):>16}"
        )
    for phase in phases.values():
        if phase.errors:
            kinds = ", ".join(f"{kind} x{count}" for kind, count in phase.errors.most_common())
            print(f"errors {phase.mode}: {kinds}")
        if phase.unacked:
            print(f"{phase.mode}: {phase.unacked} stored resident messages never acknowledged")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    targets: dict[str, bool] = {}
    print()
    for ours, echo in (("REST", "echo REST"), ("websocket", "echo websocket")):
        share = phases[ours].rate / phases[echo].rate if phases[echo].rate else 0.0
        if args.think > 0:
            # With think time both servers just keep up with the offered load.
            print(
                f"{ours} / {echo}: {100 * share:5.1f} % of the offered load served "
                "(throughput is judged in a closed loop, --think 0)"
            )
            continue
        targets[f"{ours} throughput >= 50% of bare aiohttp"] = share >= 0.5
        print(
            f"{ours} throughput / {echo}: {100 * share:5.1f} %   (target >= 50 %: "
            f"{verdict(share >= 0.5)})"
        )
    where = f"{args.conversations} conversations on {'SQLite' if on_sqlite else 'this database'}"
    note = "" if args.conversations >= 500 and on_sqlite else "; target is for 500 on SQLite"
    for mode in ("REST", "websocket"):
        p99 = phases[mode].p(99)
        targets[f"{mode} p99 <= 50 ms"] = p99 <= 50
        print(f"{mode} p99 {p99:.1f} ms at {where}   (target <= 50 ms{note}: {verdict(p99 <= 50)})")
    lost = sum(phases[m].lost or 0 for m in ("REST", "websocket"))
    targets["0 lost"] = lost == 0
    print(f"lost messages {lost}   (target 0: {verdict(lost == 0)})")
    return {name: phase.figures() for name, phase in phases.items()} | {"targets": targets}


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
