"""Staff console pages on a store of realistic size: latency against /healthz of the same server.

Seeds a fresh store (a SQLite file unless --database-url or --postgres) with --tickets tickets
over the 15 teams of the shipped content, spread over the last 60 days: each ticket with its
resident, conversation and 2-3 messages (the resident's question, the bot's answer, then the
resident's next message or a staff reply). The NLU records are real parses of content
examples by the latest model (as bot/dialogue.py stores them); a share of second messages is
out of scope or marked as a fallback, so the dashboards' "unanswered topics" have work.
Private matters (the welfare team, sensitive intents) are stored as the bot stores them: a
placeholder text and the short record. ~30 % of the tickets are resolved or closed, with
first_response_at / resolved_at; open and waiting ones have a first response; the events are
those the product logs (created, routed, claimed, status_changed, replied, handoff_requested)
plus every reminder_sent / escalated that the SLA scheduler would have logged by now (the
rule of actions/deadlines.py). --bot-conversations adds conversations the bot answered alone
(no ticket), which only the dashboards read.

Then the console as `kuntabotti run` builds it (kuntabotti.app.build_app with the console, latest
model, gc.freeze) runs in its own process, without the SLA scheduler (it would be logging
reminders during the measurement), and this process signs in an admin who is a member of the
largest team, and times --requests sequential GETs per page after --warmup ones:

- queue: /console/queue?team=<the team with the most open tickets>
- ticket: /console/tickets/<number>, cycling over 25 tickets of that team
- dashboard team / city: /console/dashboard?team=<team>|city over the last 30 days
- inbox: /console/inbox with --inbox N grouped questions of the last week

Each page request is followed by a GET /healthz (the same server and HTTP stack, no work), so
both see the same moments of a noisy machine; "x healthz" is the page's p50 over the /healthz
p50 of the same phase. Latency is send -> whole body read. Server CPU is the server process's
user+system time (/proc) read around each request and summed per kind, in ms per request
(the PostgreSQL server's own CPU is not in it). Last, a second client probes /healthz every
50 ms, alone and then while the team dashboard is loaded 10 times: what everything else in the
process (residents' chat turns too) waits while a page is computed.

usage: python -m bench.console_pages [--tickets 20000] [--requests 200] [--warmup 5]
                                     [--bot-conversations 0] [--inbox 0]
                                     [--database-url URL | --postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import aiohttp

from bench.common import percentile
from bench.console_seed import (
    DASHBOARD_DAYS,
    PASSWORD,
    ROOT,
    TICKET_PAGES,
    USERNAME,
    model_dir,
    seed,
    seed_inbox_questions,
    store_size,
)
from bench.e2e_echo import (
    cpu_seconds,
    exit_with_parent,
    free_port,
    peak_rss_mb,
    stop_server,
    wait_until_up,
)

# --- the server (child process) ----------------------------------------------------------


async def serve(port: int, url: str) -> None:
    from aiohttp import web

    from bot.runtime import Runtime
    from console import ConsoleConfig
    from content import load_valid_content
    from kuntabotti.app import build_app
    from nlu import ModelHandle, NLUModel
    from taskstore import Database

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    content = load_valid_content(ROOT / "data")
    runtime = Runtime(Database(url), content, ModelHandle(NLUModel.load(model_dir())))
    await runtime.prepare()
    gc.collect()
    gc.freeze()  # as kuntabotti.run does
    runner = web.AppRunner(build_app(runtime, console=ConsoleConfig()), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    watchdog = asyncio.create_task(exit_with_parent(os.getppid(), asyncio.current_task()))  # type: ignore[arg-type]
    try:
        await stop.wait()
    finally:
        watchdog.cancel()
        await runner.cleanup()
        await runtime.db.close()


async def start_console(url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.console_pages",
                "--serve",
                str(port),
                "--database-url",
                url,
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return proc, await wait_until_up(proc, port, log, time.monotonic() + 120, "console")


# --- the client --------------------------------------------------------------------------


@dataclass
class Samples:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    bytes: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q) if self.latencies_ms else float("nan")

    @property
    def cpu_ms(self) -> float:
        n = len(self.latencies_ms)
        return 1000 * self.cpu_s / n if n else float("nan")


async def sign_in(session: aiohttp.ClientSession, base: str) -> None:
    async with session.get(f"{base}/console/login") as r:
        page = await r.text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if found is None:
        raise RuntimeError("no csrf field on the sign-in page")
    fields = {"csrf": found.group(1), "username": USERNAME, "password": PASSWORD}
    async with session.post(f"{base}/console/login", data=fields, allow_redirects=False) as r:
        if r.status != 303:
            raise RuntimeError(f"sign-in answered {r.status}: {(await r.text())[:500]}")
    if not any(c.key == "kb_console" for c in session.cookie_jar):
        raise RuntimeError("no session cookie after signing in")


async def timed_get(
    session: aiohttp.ClientSession, url: str, pid: int, into: Samples
) -> str | None:
    cpu, started = cpu_seconds(pid), time.perf_counter()
    try:
        async with session.get(url, allow_redirects=False) as r:
            body = await r.read()
            status = r.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        into.errors[type(exc).__name__] += 1
        return None
    elapsed = (time.perf_counter() - started) * 1000
    into.cpu_s += cpu_seconds(pid) - cpu
    if status != 200:
        into.errors[f"HTTP {status}"] += 1
        return None
    into.latencies_ms.append(elapsed)
    into.bytes = len(body)
    return body.decode("utf-8", errors="replace")


def cycle(urls: list[str]) -> Iterator[str]:
    while True:
        yield from urls


async def measure(
    base: str, pid: int, pages: dict[str, list[str]], requests: int, warmup: int, timeout: float
) -> list[tuple[Samples, Samples]]:
    jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies for 127.0.0.1
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    results = []
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=client_timeout) as session:
        await sign_in(session, base)
        for name, urls in pages.items():
            page, health = Samples(name), Samples("healthz")
            throwaway = Samples("warm-up")
            urls_of = cycle(urls)
            for _ in range(warmup):
                await timed_get(session, base + next(urls_of), pid, throwaway)
                await timed_get(session, f"{base}/healthz", pid, throwaway)
            if throwaway.errors:
                raise RuntimeError(f"{name} warm-up: {dict(throwaway.errors)}")
            started = time.perf_counter()
            for _ in range(requests):
                await timed_get(session, base + next(urls_of), pid, page)
                await timed_get(session, f"{base}/healthz", pid, health)
            seconds = time.perf_counter() - started
            print(f"  {name}: {seconds:.1f} s", flush=True)
            results.append((page, health))
    return results


async def stall(base: str, url: str, loads: int, timeout: float) -> tuple[Samples, Samples]:
    """/healthz every 50 ms from a second client, alone and then while one staff member
    loads `url` `loads` times back to back: what the rest of the server (residents' chat
    turns included) waits while a page is being computed."""
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as staff,
        aiohttp.ClientSession(timeout=client_timeout) as other,
    ):
        await sign_in(staff, base)

        async def probe(into: Samples, done: asyncio.Event | None, seconds: float) -> None:
            until = time.monotonic() + seconds
            while not (done.is_set() if done else time.monotonic() > until):
                started = time.perf_counter()
                async with other.get(f"{base}/healthz") as r:
                    await r.read()
                    if r.status != 200:
                        into.errors[f"HTTP {r.status}"] += 1
                into.latencies_ms.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.05)

        idle, busy = Samples("healthz alone"), Samples("healthz meanwhile")
        await probe(idle, None, 5.0)
        done = asyncio.Event()
        prober = asyncio.create_task(probe(busy, done, 0.0))
        for _ in range(loads):
            async with staff.get(url) as r:
                await r.read()
        done.set()
        await prober
    return idle, busy


def report(results: list[tuple[Samples, Samples]], queue_rows: int | None) -> None:
    head = (
        f"{'page':<18}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'x healthz':>11}"
        f"{'healthz p50':>13}{'srv CPU ms/req':>16}{'KB':>7}{'errors':>8}"
    )
    print("\n" + head)
    all_health = Samples("healthz (all)")
    for page, health in results:
        all_health.latencies_ms += health.latencies_ms
        all_health.cpu_s += health.cpu_s
        ratio = page.p(50) / health.p(50) if health.latencies_ms else float("nan")
        print(
            f"{page.name:<18}{len(page.latencies_ms):>9}{page.p(50):>9.1f}{page.p(99):>9.1f}"
            f"{ratio:>10.0f}x{health.p(50):>13.2f}{page.cpu_ms:>16.1f}"
            f"{page.bytes / 1024:>7.0f}{sum(page.errors.values()):>8}"
        )
    print(
        f"{all_health.name:<18}{len(all_health.latencies_ms):>9}{all_health.p(50):>9.2f}"
        f"{all_health.p(99):>9.2f}{'1':>10}x{all_health.p(50):>13.2f}{all_health.cpu_ms:>16.2f}"
    )
    for page, health in results:
        for s in (page, health):
            if s.errors:
                print(f"errors {page.name} ({s.name}): {dict(s.errors)}")
    if queue_rows is not None:
        print(f"queue page rows: {queue_rows} (the LIMIT is 500)")


async def bench(args: argparse.Namespace, tmp: Path) -> None:
    from actions.sla import HELSINKI
    from taskstore import utcnow

    url = args.database_url or f"sqlite+aiosqlite:///{tmp / 'console.db'}"
    print(f"seeding {args.tickets} tickets (+ {args.bot_conversations} bot-only conversations) ...")
    seeded = await seed(url, args.tickets, args.bot_conversations)
    size = await store_size(url)
    print(
        f"seeded in {seeded.seconds:.1f} s: {seeded.tickets} tickets, {seeded.conversations} "
        f"conversations, {seeded.messages} messages, {seeded.events} events; {size}"
    )
    if args.inbox:  # the communications team's first page, with this many questions
        await seed_inbox_questions(url, args.inbox)
    team = max(seeded.open_per_team, key=lambda t: seeded.open_per_team[t])
    print(f"largest team: {team} ({seeded.open_per_team[team]} open tickets)")
    rng = random.Random(7)
    numbers = rng.sample(
        seeded.ticket_numbers[team], min(TICKET_PAGES, len(seeded.ticket_numbers[team]))
    )
    last = utcnow().astimezone(HELSINKI).date()
    first = last - timedelta(days=DASHBOARD_DAYS - 1)
    period = f"start={first.isoformat()}&end={last.isoformat()}"
    pages = {
        "queue": [f"/console/queue?team={team}"],
        "ticket": [f"/console/tickets/{n}" for n in numbers],
        "dashboard team": [f"/console/dashboard?team={team}&{period}"],
        "dashboard city": [f"/console/dashboard?team=city&{period}"],
        **({"inbox": ["/console/inbox"]} if args.inbox else {}),
    }
    log = tmp / "server.log"
    proc, base = await start_console(url, log)
    try:
        print(
            f"server up (pid {proc.pid}); {args.warmup} warm-up + {args.requests} requests a page"
        )
        results = await measure(base, proc.pid, pages, args.requests, args.warmup, args.timeout)
        async with aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=60)
        ) as session:
            await sign_in(session, base)
            async with session.get(base + pages["queue"][0]) as r:
                queue_rows = (await r.text()).count('href="/console/tickets/')
        idle, busy = await stall(base, base + pages["dashboard team"][0], 10, args.timeout)
        rss = peak_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    report(results, queue_rows)
    print("\n/healthz from another client every 50 ms (p50 / p99 / max ms):")
    for s in (idle, busy):
        print(
            f"  {s.name:<18} {len(s.latencies_ms):>4} requests  {s.p(50):8.1f} {s.p(99):8.1f}"
            f" {max(s.latencies_ms, default=float('nan')):8.1f}"
        )
    print("  (meanwhile: while one staff member loads the team dashboard 10 times)")
    print(f"server peak RSS {rss or float('nan'):.0f} MB")
    problems = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if "Traceback" in line or "ERROR" in line
    ]
    print(f"server log: {len(problems)} error lines")
    for line in problems[:10]:
        print(f"  | {line[:200]}")


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")  # so the finally blocks stop the server


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200, help="timed GETs per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed GETs per page first")
    parser.add_argument("--bot-conversations", type=int, default=0, help="without a ticket")
    parser.add_argument("--inbox", type=int, default=0, help="grouped inbox questions")
    parser.add_argument("--database-url", default=None, help="an empty database; default: SQLite")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway local cluster (tests/helpers/pg.py)"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve(args.serve, args.database_url))
        return
    signal.signal(signal.SIGTERM, _interrupt)
    load = os.getloadavg()
    print(
        f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"({os.cpu_count()} cores)"
    )
    with tempfile.TemporaryDirectory(prefix="kuntabotti-console-") as tmp:
        if args.postgres:
            from tests.helpers.pg import postgres_cluster

            # The fixture's own generator: starts the cluster, stops it on close().
            cluster_up = postgres_cluster.__wrapped__()  # type: ignore[attr-defined]
            cluster = next(cluster_up)
            try:
                cluster.sql("CREATE DATABASE console_bench")
                args.database_url = cluster.url("console_bench")
                print(f"PostgreSQL: throwaway cluster {cluster.bin} (fsync off), 127.0.0.1")
                asyncio.run(bench(args, Path(tmp)))
            finally:
                cluster_up.close()  # stops the cluster, removes its folder
        else:
            asyncio.run(bench(args, Path(tmp)))


if __name__ == "__main__":
    main()
