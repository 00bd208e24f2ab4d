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

Then the console as `kuntabotti run` builds it (bot.server.build_app + console_installer, latest
model, gc.freeze) runs in its own process, without the SLA scheduler (it would be logging
reminders during the measurement), and this process signs in an admin who is a member of the
largest team, and times --requests sequential GETs per page after --warmup ones:

- queue: /console/queue?team=<the team with the most open tickets>
- ticket: /console/tickets/<number>, cycling over 25 tickets of that team
- dashboard team / city: /console/dashboard?team=<team>|city over the last 30 days

Each page request is followed by a GET /healthz (the same server and HTTP stack, no work), so
both see the same moments of a noisy machine; "x healthz" is the page's p50 over the /healthz
p50 of the same phase. Latency is send -> whole body read. Server CPU is the server process's
user+system time (/proc) read around each request and summed per kind, in ms per request.

usage: python -m bench.console_pages [--tickets 20000] [--requests 200] [--warmup 5]
                                     [--bot-conversations 0]
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
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.common import percentile
from bench.e2e_echo import cpu_seconds, exit_with_parent, free_port, peak_rss_mb, stop_server

ROOT = Path(__file__).resolve().parents[1]
DAYS = 60  # the seeded history
DASHBOARD_DAYS = 30
BATCH = 1000  # tickets per seeding transaction
TICKET_PAGES = 25  # distinct tickets the ticket page cycles over
USERNAME, PASSWORD = "bench.agent", "a long bench password"
# Relative ticket volumes: streets and general advice get the most (the largest team).
TEAM_WEIGHTS = {"kadut_liikenne": 18, "yleisneuvonta": 12, "varhaiskasvatus": 9, "jatehuolto": 8}
OTHER_WEIGHT = 5
LANGS, LANG_WEIGHTS = ("fi", "sv", "en"), (70, 15, 15)
# status -> share; resolved + closed = 30 %
STATUS_WEIGHTS = {"new": 30, "open": 28, "waiting": 12, "resolved": 25, "closed": 5}
PRIORITY_WEIGHTS = {"low": 2, "normal": 85, "high": 10, "urgent": 3}


def model_dir() -> Path:
    pointer = ROOT / "models" / "latest"
    if not pointer.exists():
        raise SystemExit("no trained model (models/latest): run `.venv/bin/kuntabotti train` first")
    return ROOT / "models" / pointer.read_text().strip()


# --- seeding ------------------------------------------------------------------------------


@dataclass
class Seeded:
    seconds: float = 0.0
    tickets: int = 0
    conversations: int = 0
    messages: int = 0
    events: int = 0
    open_per_team: Counter[str] = field(default_factory=Counter)
    ticket_numbers: dict[str, list[str]] = field(default_factory=dict)  # team -> numbers


class Seeder:
    """Builds rows with explicit times; NLU records are parses of content examples (cached)."""

    def __init__(self, content: Any, model: Any, rng: random.Random, now: datetime) -> None:
        self.content, self.model, self.rng, self.now = content, model, rng, now
        self.teams = sorted(content.teams)
        self.weights = [TEAM_WEIGHTS.get(t, OTHER_WEIGHT) for t in self.teams]
        self.intents: dict[str, list[Any]] = {t: [] for t in self.teams}
        for intent in content.intents.values():
            if intent.kind in ("faq", "case") and intent.team in self.intents:
                self.intents[intent.team].append(intent)
        self.out_of_scope = content.intents["out_of_scope"]
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.staff: dict[str, list[int]] = {}

    def record(self, text_: str, lang: str) -> dict[str, Any]:
        """The stored NLU record of a message (bot/dialogue.py's _nlu_record)."""
        key = (text_, lang)
        if key not in self.records:
            record = self.model.parse(text_, lang).to_dict()
            record.pop("text")
            record["entities"] = [
                {k: v for k, v in e.items() if k != "value" or not e["pii"]}
                for e in record["entities"]
            ]
            self.records[key] = record
        return self.records[key]

    def example(self, intent: Any, lang: str) -> str:
        examples = intent.examples.get(lang) or next(iter(intent.examples.values()))
        return str(self.rng.choice(examples).text)

    def when(self, start: datetime, lo_hours: float, hi_hours: float) -> datetime:
        moment = start + timedelta(hours=self.rng.uniform(lo_hours, hi_hours))
        return min(moment, self.now - timedelta(minutes=1))

    async def batch(self, session: AsyncSession, n: int, seeded: Seeded) -> None:
        from actions.deadlines import deadlines
        from actions.sla import HELSINKI, add_business_hours
        from actions.tickets import is_private
        from bot.privacy import SENSITIVE_PLACEHOLDER
        from taskstore import Conversation, Event, Message, Resident, store

        rng = self.rng
        plans = []
        for _ in range(n):
            team = rng.choices(self.teams, self.weights)[0]
            lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
            created = self.now - timedelta(seconds=rng.uniform(60, DAYS * 86400))
            intent = rng.choice(self.intents[team])
            plans.append((team, lang, created, intent, is_private(self.content, team, intent.name)))
        residents = [
            Resident(channel="web", external_id=os.urandom(12).hex(), language=lang, created_at=c)
            for _, lang, c, _, _ in plans
        ]
        session.add_all(residents)
        await session.flush()
        conversations = [
            Conversation(
                token=os.urandom(18).hex(),
                resident_id=resident.id,
                channel="web",
                language=lang,
                state="bot",
                slots={},
                team_id=team,
                private=private,
                created_at=created,
                updated_at=created,
            )
            for resident, (team, lang, created, _, private) in zip(residents, plans, strict=True)
        ]
        session.add_all(conversations)
        await session.flush()
        messages: list[Message] = []
        events: list[Event] = []

        def message(conv: Conversation, author: str, said: str, at: datetime, **kw: Any) -> None:
            direction = "in" if author == "resident" else "out"
            messages.append(
                Message(
                    conversation_id=conv.id,
                    direction=direction,
                    author=author,
                    text=said,
                    created_at=at,
                    redacted=False,
                    **kw,
                )
            )

        def event(type_: str, actor: str, at: datetime, **kw: Any) -> None:
            data = kw.pop("data", {})
            events.append(Event(type=type_, actor=actor, created_at=at, data=data, **kw))

        for conv, (team, lang, created, intent, private) in zip(conversations, plans, strict=True):
            spec = self.content.teams[team]
            asked = created + timedelta(seconds=20)
            if private:  # stored as the bot stores a sensitive matter
                question = SENSITIVE_PLACEHOLDER
                nlu = {"intent": intent.name, "team": team, "language": lang, "sensitive": True}
            else:
                question = self.example(intent, lang)
                nlu = self.record(question, lang)
            message(conv, "resident", question, asked, nlu=nlu)
            answer = intent.answers.get(lang) or next(iter(intent.answers.values()), "...")
            message(conv, "bot", answer, asked + timedelta(seconds=1))
            kind = (
                "handoff"
                if rng.random() < 0.1
                else ("case" if intent.kind == "case" else "question")
            )
            opened = asked + timedelta(minutes=rng.uniform(1, 6))
            status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
            agents = self.staff[team]
            answered = status != "new"
            first_response_at = self.when(opened, 0.25, 30) if answered else None
            resolved_at = None
            if status in ("resolved", "closed") and first_response_at is not None:
                resolved_at = self.when(first_response_at, 1, 150)
            assignee = rng.choice(agents) if answered or rng.random() < 0.1 else None
            ticket = await store.create_ticket(
                session,
                now=opened,
                year=opened.astimezone(HELSINKI).year,
                conversation_id=conv.id,
                team_id=team,
                kind="private" if private else kind,
                intent=intent.name,
                priority=rng.choices(list(PRIORITY_WEIGHTS), list(PRIORITY_WEIGHTS.values()))[0],
                status=status,
                private=private,
                language=lang,
                description="" if private else question,
                first_response_due=add_business_hours(
                    spec["office_hours"], opened, spec["sla"]["first_response_hours"]
                ),
                resolution_due=add_business_hours(
                    spec["office_hours"], opened, spec["sla"]["resolution_hours"]
                ),
                first_response_at=first_response_at,
                resolved_at=resolved_at,
                assigned_staff_id=assignee,
                updated_at=resolved_at or first_response_at or opened,
            )
            seeded.ticket_numbers.setdefault(team, []).append(ticket.number)
            if status in ("new", "open", "waiting"):
                seeded.open_per_team[team] += 1
            if kind == "handoff":
                event("handoff_requested", "resident", opened, conversation_id=conv.id)
            where = {"ticket_id": ticket.id, "conversation_id": conv.id}
            event("created", "bot", opened, data={"kind": kind}, **where)
            routing = {
                "team": team,
                "method": "intent",
                "intent": intent.name,
                "intent_confidence": 0.93,
                "team_classifier": team,
                "team_confidence": 0.97,
            }
            event("routed", "bot", opened, data=routing, **where)
            if assignee is not None:
                event(
                    "claimed",
                    "staff",
                    opened + timedelta(minutes=5),
                    ticket_id=ticket.id,
                    staff_id=assignee,
                )
            if first_response_at is not None:
                change = {"old": "new", "new": "open"}
                event(
                    "status_changed",
                    "staff",
                    first_response_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
                message(
                    conv,
                    "staff",
                    "Kiitos viestistä, selvitämme asian.",
                    first_response_at,
                    staff_id=assignee,
                )
                event(
                    "replied",
                    "staff",
                    first_response_at,
                    staff_id=assignee,
                    data={"message_id": None},
                    **where,
                )
            elif not private and rng.random() < 0.6:  # the resident's next message
                if rng.random() < 0.4:
                    follow_up = self.example(self.out_of_scope, lang)
                    nlu = self.record(follow_up, lang)
                else:
                    follow_up = self.example(rng.choice(self.intents[team]), lang)
                    nlu = dict(self.record(follow_up, lang), fallback=rng.random() < 0.3)
                message(conv, "resident", follow_up, asked + timedelta(minutes=1), nlu=nlu)
            if status == "waiting" and first_response_at is not None:
                change = {"old": "open", "new": "waiting"}
                event(
                    "status_changed",
                    "staff",
                    first_response_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
            if resolved_at is not None:
                change = {"old": "open", "new": "resolved"}
                event(
                    "status_changed",
                    "staff",
                    resolved_at,
                    ticket_id=ticket.id,
                    staff_id=assignee,
                    data=change,
                )
                if status == "closed":
                    change = {"old": "resolved", "new": "closed"}
                    event(
                        "status_changed",
                        "staff",
                        resolved_at,
                        ticket_id=ticket.id,
                        staff_id=assignee,
                        data=change,
                    )
            if status in ("new", "open", "waiting"):  # what the SLA scheduler logged by now
                for d in deadlines(ticket, self.content):
                    if d.moment <= self.now:
                        target = {"target": d.target, "due": d.moment.isoformat()}
                        to = "lead" if d.event == "escalated" else "assignee_and_team"
                        event(
                            d.event,
                            "system",
                            d.moment,
                            ticket_id=ticket.id,
                            data=dict(target, to=to),
                        )
            conv.state = {
                "new": "queued" if rng.random() < 0.3 else "bot",
                "open": "with_staff" if rng.random() < 0.25 else "closed",
            }.get(status, "closed")
        session.add_all(messages)
        session.add_all(events)
        await session.flush()
        seeded.tickets += n
        seeded.conversations += n
        seeded.messages += len(messages)
        seeded.events += len(events)

    async def bot_only(self, session: AsyncSession, n: int, seeded: Seeded) -> None:
        """Conversations the bot answered alone: a question and the answer, no ticket."""
        from taskstore import Conversation, Message, Resident

        rng = self.rng
        rows = []
        for _ in range(n):
            team = rng.choices(self.teams, self.weights)[0]
            lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
            created = self.now - timedelta(seconds=rng.uniform(60, DAYS * 86400))
            intent = rng.choice(self.intents[team])
            rows.append((lang, created, intent))
        residents = [
            Resident(channel="web", external_id=os.urandom(12).hex(), language=lang, created_at=c)
            for lang, c, _ in rows
        ]
        session.add_all(residents)
        await session.flush()
        conversations = [
            Conversation(
                token=os.urandom(18).hex(),
                resident_id=r.id,
                channel="web",
                language=lang,
                state="bot",
                slots={},
                created_at=c,
                updated_at=c,
            )
            for r, (lang, c, _) in zip(residents, rows, strict=True)
        ]
        session.add_all(conversations)
        await session.flush()
        messages = []
        for conv, (lang, created, intent) in zip(conversations, rows, strict=True):
            sensitive = intent.sensitive
            question = "[sensitive]" if sensitive else self.example(intent, lang)
            nlu = (
                {"intent": intent.name, "team": intent.team, "language": lang, "sensitive": True}
                if sensitive
                else self.record(question, lang)
            )
            answer = intent.answers.get(lang) or next(iter(intent.answers.values()), "...")
            for author, said, record, at in (
                ("resident", question, nlu, created + timedelta(seconds=5)),
                ("bot", answer, None, created + timedelta(seconds=6)),
            ):
                messages.append(
                    Message(
                        conversation_id=conv.id,
                        direction="in" if author == "resident" else "out",
                        author=author,
                        text=said,
                        nlu=record,
                        redacted=False,
                        created_at=at,
                    )
                )
        session.add_all(messages)
        await session.flush()
        seeded.conversations += n
        seeded.messages += len(messages)


async def seed(url: str, tickets: int, bot_conversations: int) -> Seeded:
    from bot.models import load_valid_content
    from nlu import NLUModel
    from taskstore import Database, Ticket, store, utcnow
    from taskstore.staff import add_staff

    started = time.perf_counter()
    content = load_valid_content(ROOT / "data")
    model = NLUModel.load(model_dir())
    db = Database(url)
    seeded = Seeded()
    try:
        await db.migrate()
        async with db.transaction() as session:
            if await session.scalar(select(func.count()).select_from(Ticket)):
                raise SystemExit("the database already has tickets: give an empty one")
            await store.sync_teams(session, content.teams.values())
        seeder = Seeder(content, model, random.Random(4), utcnow())
        largest = max(seeder.teams, key=lambda t: TEAM_WEIGHTS.get(t, OTHER_WEIGHT))
        async with db.transaction() as session:
            # The signed-in viewer: admin (sees every team and the city) and a member of the
            # largest team; then two agents per team, to whom tickets are assigned.
            await add_staff(session, USERNAME, "Bench Agent", PASSWORD, "admin", [largest])
            for team in seeder.teams:
                seeder.staff[team] = []
                for k in (1, 2):
                    name = f"bench.{team.replace('_', '')}{k}"
                    user = await add_staff(
                        session, name, f"Agent {k} {team}", PASSWORD, "agent", [team]
                    )
                    seeder.staff[team].append(user.id)
        done = 0
        while done < tickets:
            n = min(BATCH, tickets - done)
            async with db.transaction() as session:
                await seeder.batch(session, n, seeded)
            done += n
            print(f"  seeded {done} tickets ({time.perf_counter() - started:.0f} s)", flush=True)
        done = 0
        while done < bot_conversations:
            n = min(4 * BATCH, bot_conversations - done)
            async with db.transaction() as session:
                await seeder.bot_only(session, n, seeded)
            done += n
        print(f"  {len(seeder.records)} distinct messages parsed for the NLU records")
    finally:
        await db.close()
    seeded.seconds = time.perf_counter() - started
    return seeded


async def store_size(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        with sqlite3.connect(path) as conn:  # fold the WAL into the file, as at a restart
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = path.with_name(path.name + "-wal")
        extra = f" (+ WAL {wal.stat().st_size / 2**20:.1f} MB)" if wal.exists() else ""
        return f"SQLite file {path.stat().st_size / 2**20:.1f} MB{extra}"
    from taskstore import Database

    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            size = await conn.scalar(text("SELECT pg_database_size(current_database())"))
    finally:
        await db.close()
    return f"PostgreSQL database {int(size or 0) / 2**20:.1f} MB"


# --- the server (child process) ----------------------------------------------------------


async def serve(port: int, url: str) -> None:
    from aiohttp import web

    from bot.console import console_installer
    from bot.models import load_valid_content
    from bot.runtime import Runtime
    from bot.server import build_app
    from nlu import ModelHandle, NLUModel
    from taskstore import Database

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    content = load_valid_content(ROOT / "data")
    runtime = Runtime(Database(url), content, ModelHandle(NLUModel.load(model_dir())))
    await runtime.prepare()
    gc.collect()
    gc.freeze()  # as bot.serve does
    runner = web.AppRunner(build_app(runtime, [console_installer()]), access_log=None)
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
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                async with session.get(f"{base}/healthz") as r:
                    if r.status == 200:
                        return proc, base
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.25)
    stop_server(proc)
    raise RuntimeError(f"the server did not come up:\n{log.read_text(errors='replace')[-3000:]}")


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
        rss = peak_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    report(results, queue_rows)
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
    parser.add_argument(
        "--bot-conversations", type=int, default=0, help="extra conversations without a ticket"
    )
    parser.add_argument("--database-url", default=None, help="an empty database; default: SQLite")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway local cluster (tests/pg.py)"
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
            from tests.pg import postgres_cluster

            cluster_up = postgres_cluster.__wrapped__()  # the fixture's generator
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
