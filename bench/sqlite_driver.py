"""The SQLite driver under the task store: inline sqlite3 vs aiosqlite's thread, same turns.

Runs the same resident turns through `Runtime.handle` (NLU, dialogue, two transactions) on
a fresh SQLite file with each driver, in one process and one run, and prints CPU and wall
milliseconds per turn and per bare statement. CPU time is the figure to compare: it leaves
out what a noisy machine adds. The NLU parse alone is measured too, as the floor.

usage: python -m bench.sqlite_driver [--conversations 50] [--turns 4]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bench.common import percentile
from bot.runtime import Runtime
from content import load_valid_content
from content.model_store import load_model, train_model
from nlu import ModelHandle, NLUModel
from taskstore import Database

QUESTIONS = (
    "Milloin kirjasto on auki?",
    "När har simhallen öppet?",
    "When is the library open?",
    "Kuinka monta kiloa painaa kuun kivi?",
)


async def turns(
    db: Database, runtime: Runtime, conversations: int, rounds: int
) -> dict[str, float]:
    await runtime.prepare()
    tokens = [(await runtime.start("rest")).token for _ in range(conversations)]
    wall: list[float] = []
    cpu_started = time.process_time()
    for round_ in range(rounds):
        for k, token in enumerate(tokens):
            started = time.perf_counter()
            await runtime.handle(token, text=QUESTIONS[(k + round_) % len(QUESTIONS)])
            wall.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_started) * 1000 / len(wall)
    async with db.transaction() as session:
        statement_started = time.process_time()
        for _ in range(500):
            await session.execute(text("SELECT 1"))
        statement = (time.process_time() - statement_started) * 1000 / 500
    return {"cpu": cpu, "p50": percentile(wall, 50), "p99": percentile(wall, 99), "stmt": statement}


def nlu_floor(model: NLUModel, repeat: int = 200) -> float:
    started = time.process_time()
    for i in range(repeat):
        model.parse(QUESTIONS[i % len(QUESTIONS)])
    return (time.process_time() - started) * 1000 / repeat


async def main(args: argparse.Namespace) -> None:
    content = load_valid_content(Path("data"))
    train_model(content, Path("models"), if_needed=True)
    model = load_model(Path("models"))
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, inline in (("aiosqlite (thread)", False), ("inline sqlite3", True)):
            db = Database(f"sqlite:///{tmp}/{int(inline)}.db", inline_sqlite=inline)
            runtime = Runtime(db, content, ModelHandle(model))
            results[name] = await turns(db, runtime, args.conversations, args.turns)
            await db.close()
    print(f"NLU parse alone: {nlu_floor(model):.2f} ms CPU")
    print(f"{'driver':<22}{'CPU ms/turn':>12}{'p50 ms':>9}{'p99 ms':>9}{'SELECT 1 ms':>13}")
    for name, r in results.items():
        print(f"{name:<22}{r['cpu']:>12.2f}{r['p50']:>9.2f}{r['p99']:>9.2f}{r['stmt']:>13.3f}")
    thread, inline = results["aiosqlite (thread)"], results["inline sqlite3"]
    print(
        f"inline vs thread: turn CPU {thread['cpu'] / inline['cpu']:.1f}x less, "
        f"bare statement {thread['stmt'] / inline['stmt']:.1f}x less"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=4)
    asyncio.run(main(parser.parse_args()))
