"""Settings from the environment.

Configuration comes from the environment, as a city's IT would set it for a service:
DATABASE_URL (default: SQLite file kuntabotti.db), TELEGRAM_TOKEN (Telegram on when set),
TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET (webhook instead of polling), SMTP_HOST,
SMTP_PORT, SMTP_FROM, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_SSL (e-mail: SLA
reminders to staff, staff replies to residents who left an address), PUBLIC_URL (the
address staff use, for links in e-mails), CONTENT_ANSWER_APPROVAL (1: changed answers are
published only after a second person of the communications team approved them),
TRUSTED_PROXIES (comma-separated addresses of the city's reverse proxies: only their
X-Forwarded-For names the client, whose address the sign-in throttle and the rate limits
count), RATE_LIMITS (e.g. `conversations=20/60,messages=120/60,sockets=60/60`: requests per
seconds per client address; bot/limits.py has the defaults), RETENTION (e.g.
`conversations=365,tickets=730,events=off`: days personal data is kept; actions/retention.py
has the defaults), METRICS_TOKEN (bot/operations.py), LOG_FORMAT (text | json,
kuntabotti/logs.py).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.mailer import MailSettings
from taskstore import DEFAULT_URL, Database

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
    # CONTENT_ANSWER_APPROVAL=1: changed answers need a second comms person's approval.
    answer_approval: bool = False
    # TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For header is believed.
    trusted_proxies: tuple[str, ...] = ()
    rate_limits: str = ""  # RATE_LIMITS over bot/limits.py's defaults
    retention: str = ""  # RETENTION over actions/retention.py's defaults

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get("DATABASE_URL") or DEFAULT_URL,
            "public_url": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
            "mail": MailSettings.from_env(),
            "answer_approval": env.get("CONTENT_ANSWER_APPROVAL", "").lower()
            in ("1", "true", "yes"),
            "rate_limits": env.get("RATE_LIMITS", ""),
            "retention": env.get("RETENTION", ""),
            "trusted_proxies": tuple(
                p.strip() for p in env.get("TRUSTED_PROXIES", "").split(",") if p.strip()
            ),
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
