"""`kuntabotti run`: train if needed, open the task store, serve web chat, REST, the staff
console and Telegram (settings: `kuntabotti.settings`)."""

from __future__ import annotations

import asyncio
import gc
import signal
from dataclasses import dataclass

from aiohttp import web

from actions.content_work import follow_folder
from actions.retention import Periods
from bot.clients import Clients, origin_of
from bot.inbox_job import InboxJob
from bot.limits import Limits, parse_limits
from bot.live_content import LiveContent
from bot.mailer import Mailer
from bot.pubsub import install_bridge
from bot.runtime import Runtime
from bot.scheduler import DeadlineScheduler
from bot.telegram import TelegramChannel
from console import ConsoleConfig
from content import load_valid_content
from content.document import digest, from_document, to_document, validated
from content.model_store import train_model
from content.testset import TEST_SET
from kuntabotti.app import Install, build_app
from kuntabotti.settings import Settings
from nlu import ModelHandle, NLUModel
from taskstore import Database
from taskstore.staff import ensure_first_admin


async def _load(settings: Settings) -> tuple[Runtime, LiveContent, str]:
    """The live content version (the content folder taken in first, see
    actions.content_work.follow_folder) and its model, trained if needed."""
    db = Database(settings.database_url)
    await db.migrate()
    folder = await asyncio.to_thread(load_valid_content, settings.data)
    document = to_document(folder)
    async with db.transaction() as session:
        live, version_note = await follow_folder(session, document)
        number, same = live.number, live.digest == digest(document)
        live_document = validated(live.document)
    content = folder if same else from_document(live_document, f"version {number}")
    target, seconds = await asyncio.to_thread(train_model, content, settings.models, if_needed=True)
    note = "up to date" if seconds is None else f"trained in {seconds:.0f} s"
    model = await asyncio.to_thread(NLUModel.load, target)
    runtime = Runtime(db, content, ModelHandle(model))
    return (
        runtime,
        LiveContent(runtime, settings.models, number),
        (f"{version_note}; model {target.name} ({note})"),
    )


SHUTDOWN_SECONDS = 30.0  # a stop waits this long for requests in progress (turns) to finish


@dataclass
class Built:
    app: web.Application
    runtime: Runtime
    model_note: str
    telegram: TelegramChannel | None


async def build(settings: Settings) -> Built:
    """One worker's app: the store opened, the live content's model loaded, every job
    installed. The same for one process (`serve`) and for each of several
    (kuntabotti/workers.py)."""
    periods = Periods.parse(settings.retention)  # before anything starts: bad config stops us
    limits = Limits(parse_limits(settings.rate_limits))
    runtime, live_content, model_note = await _load(settings)
    telegram = TelegramChannel.from_env(runtime)  # before anything starts: bad config stops us
    await runtime.prepare()
    # The model and content are ~160,000 long-lived objects; a full collection walked them
    # all (~40 ms, a stall for every open conversation). Frozen, the collector skips them.
    gc.collect()
    gc.freeze()
    base = f"http://{settings.host}:{settings.port}"
    mailer = Mailer(settings.mail) if settings.mail is not None else None
    scheduler = DeadlineScheduler(
        runtime, mailer=mailer, console_url=settings.public_url or base, periods=periods
    )
    extra: list[Install] = [scheduler.install, live_content.install, InboxJob(runtime).install]
    if (bridge := install_bridge(runtime)) is not None:  # PostgreSQL: push across workers
        extra.append(bridge)
    if telegram is not None:
        extra.append(telegram.install)
    app = build_app(
        runtime,
        extra,
        ConsoleConfig(
            mailer=mailer,
            models=settings.models,
            answer_approval=settings.answer_approval,
            test_set=test_set if (test_set := settings.data / TEST_SET).is_file() else None,
            retention=periods,
        ),
        Clients(frozenset(settings.trusted_proxies), origin_of(settings.public_url)),
        limits,
    )

    async def close_store(_: web.Application) -> None:
        await runtime.db.close()

    app.on_cleanup.append(close_store)
    return Built(app, runtime, model_note, telegram)


async def first_admin(runtime: Runtime) -> str | None:
    async with runtime.db.transaction() as session:
        return await ensure_first_admin(session, [runtime.content.default_team()])


def announce(settings: Settings, built: Built, first_password: str | None) -> None:
    base = f"http://{settings.host}:{settings.port}"
    print(f"kuntabotti: {built.model_note}; database {_safe(built.runtime.db.url)}", flush=True)
    print(f"kuntabotti: web chat {base}/  API {base}/api/v1/openapi.json", flush=True)
    print(f"kuntabotti: staff console {base}/console/", flush=True)
    if first_password is not None:
        print(
            f"kuntabotti: sign in as admin with password {first_password} (shown only now; "
            "set a new one on the console's Staff accounts page or with "
            "`kuntabotti staff password admin`)",
            flush=True,
        )
    if built.telegram is not None:
        mode = "webhook" if built.telegram.webhook_url else "polling"
        print(f"kuntabotti: Telegram on ({mode})", flush=True)


async def serve(settings: Settings) -> None:
    """One process: the embedded default (SQLite) and small sites."""
    built = await build(settings)
    first_password = await first_admin(built.runtime)
    # Before anything is announced: a stop right after the start-up lines is a clean stop.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    # No access log: paths hold conversation tokens. A stop lets turns in progress finish.
    runner = web.AppRunner(built.app, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    await web.TCPSite(runner, settings.host, settings.port).start()
    announce(settings, built, first_password)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def _safe(url: str) -> str:
    """The database URL without its password, for the start-up line."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
