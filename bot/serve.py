"""`kuntabotti run`: train if needed, open the task store, serve web chat, REST and Telegram.

Configuration comes from the environment, as a city's IT would set it for a service:
DATABASE_URL (default: SQLite file kuntabotti.db), TELEGRAM_TOKEN (Telegram on when set),
TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET (webhook instead of polling), SMTP_HOST,
SMTP_PORT, SMTP_FROM, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_SSL (e-mail: SLA
reminders to staff, staff replies to residents who left an address), PUBLIC_URL (the
address staff use, for links in e-mails).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.console import console_installer
from bot.console.web import ConsoleConfig
from bot.mailer import Mailer, MailSettings
from bot.models import load_valid_content, train_model
from bot.pubsub import install_bridge
from bot.runtime import Runtime
from bot.scheduler import DeadlineScheduler
from bot.server import build_app
from bot.telegram import TelegramChannel
from nlu import ModelHandle, NLUModel
from taskstore import DEFAULT_URL, Database
from taskstore.staff import ensure_first_admin

log = logging.getLogger("kuntabotti")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    data: Path = Path("data")
    models: Path = Path("models")
    database_url: str = DEFAULT_URL
    # Where staff reach the console (links in reminder e-mails), e.g. https://kuntabotti.example
    public_url: str | None = None
    mail: MailSettings | None = None  # SMTP_* variables; None: no e-mail

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get("DATABASE_URL") or DEFAULT_URL,
            "public_url": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
            "mail": MailSettings.from_env(),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def in_store(database_url: str | None, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one transaction on the configured store (schema upgraded first): the
    command-line tools' way in (`notice`, `staff`)."""

    async def run() -> T:
        db = Database(Settings.from_env(database_url=database_url).database_url)
        try:
            await db.migrate()
            async with db.transaction() as session:
                return await work(session)
        finally:
            await db.close()

    return asyncio.run(run())


def _load(settings: Settings) -> tuple[Runtime, str]:
    content = load_valid_content(settings.data)
    target, seconds = train_model(content, settings.models, if_needed=True)
    note = "up to date" if seconds is None else f"trained in {seconds:.0f} s"
    model = NLUModel.load(target)
    runtime = Runtime(Database(settings.database_url), content, ModelHandle(model))
    return runtime, f"model {target.name} ({note})"


async def serve(settings: Settings) -> None:
    runtime, model_note = await asyncio.to_thread(_load, settings)
    telegram = TelegramChannel.from_env(runtime)  # before anything starts: bad config stops us
    await runtime.prepare()
    # The model and content are ~160,000 long-lived objects; a full collection walked them
    # all (~40 ms, a stall for every open conversation). Frozen, the collector skips them.
    gc.collect()
    gc.freeze()
    async with runtime.db.transaction() as session:
        first_password = await ensure_first_admin(session, [runtime.content.default_team()])
    base = f"http://{settings.host}:{settings.port}"
    mailer = Mailer(settings.mail) if settings.mail is not None else None
    scheduler = DeadlineScheduler(runtime, mailer=mailer, console_url=settings.public_url or base)
    extra = [scheduler.install, console_installer(ConsoleConfig(mailer=mailer))]
    if (bridge := install_bridge(runtime)) is not None:  # PostgreSQL: push across workers
        extra.append(bridge)
    if telegram is not None:
        extra.append(telegram.install)
    app = build_app(runtime, extra)
    # Before anything is announced: a stop right after the start-up lines is a clean stop.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(app, access_log=None)  # paths hold conversation tokens
    await runner.setup()
    await web.TCPSite(runner, settings.host, settings.port).start()
    print(f"kuntabotti: {model_note}; database {_safe(runtime.db.url)}", flush=True)
    print(f"kuntabotti: web chat {base}/  API {base}/api/v1/openapi.json", flush=True)
    print(f"kuntabotti: staff console {base}/console/", flush=True)
    if first_password is not None:
        print(
            f"kuntabotti: sign in as admin with password {first_password} (shown only now; "
            "set a new one on the console's Staff accounts page or with "
            "`kuntabotti staff password admin`)",
            flush=True,
        )
    if telegram is not None:
        mode = "webhook" if telegram.webhook_url else "polling"
        print(f"kuntabotti: Telegram on ({mode})", flush=True)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await runtime.db.close()


def _safe(url: str) -> str:
    """The database URL without its password, for the start-up line."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
