"""Client side of bench.e2e: simulated residents and the phase that runs them.

One conversation is a resident asking --turns questions (fi/sv/en, from QUESTIONS) over REST
or the websocket, each after the previous reply and an optional think time; a Phase gathers
what the conversations of one server and one transport saw (latencies, acknowledged
messages, errors) and turns it into figures. The websocket turn rule is in bench/e2e.py's
docstring.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.common import percentile
from bench.e2e_echo import cpu_seconds

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


async def read_turn(
    ws: aiohttp.ClientWebSocketResponse, tokens: list[str]
) -> tuple[int | None, str | None]:
    """(id of the resident's echo, error or None) for one turn; see bench/e2e.py. A token
    frame (the first turn stored the conversation) is appended to `tokens`."""
    echo: int | None = None
    bot_replies = 0
    while True:
        msg = await ws.receive()
        if msg.type is not aiohttp.WSMsgType.TEXT:
            return echo, "socket closed"
        frame = json.loads(msg.data)
        kind = frame.get("type")
        if kind == "token":
            tokens.append(str(frame["token"]))
        elif kind == "message":
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
            tokens = [str(hello["token"])] if hello.get("token") else []
            for turn in range(turns):
                if turn:
                    await think(k, turn, think_s)
                started = time.perf_counter()
                await ws.send_json({"type": "text", "text": question(lang, k, turn)})
                async with asyncio.timeout(timeout):  # raises: the socket is not reused
                    echo, problem = await read_turn(ws, tokens)
                elapsed = (time.perf_counter() - started) * 1000
                if tokens:
                    phase.tokens.add(tokens[-1])
                if echo is not None and tokens:
                    phase.accepted.add((tokens[-1], echo))
                elif echo is not None:
                    phase.errors["echo without a token"] += 1
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
