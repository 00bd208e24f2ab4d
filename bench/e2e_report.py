"""Figures of bench.e2e: what the store kept, what the server logged, the table and targets.

After the server process stopped, count_lost compares the messages the clients saw
acknowledged with the resident messages stored; log_problems picks the error lines of the
server's log; report prints the per-phase table and whether the targets (throughput against
bare aiohttp, p99, nothing lost) are met, and returns the figures for --json.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench.e2e_workload import Phase

LOG_MARKERS = ("database is locked", "Traceback", "ERROR", "Error handling request")


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
