"""Outgoing e-mail: SLA reminders to staff, staff replies to residents who gave an address.

The kept async SMTP client is aiosmtplib: it runs on the event loop, so a slow mail server
delays only the task that sends, never a chat turn. Mail is optional: without SMTP_HOST
`MailSettings.from_env()` is None and nothing is sent. Every failure comes out as a
`MailError` whose text says what went wrong; callers log it and carry on.

Environment: SMTP_HOST, SMTP_PORT (25), SMTP_FROM (required with SMTP_HOST),
SMTP_USERNAME + SMTP_PASSWORD, SMTP_STARTTLS (unset: when the server offers it),
SMTP_SSL (implicit TLS; default on for port 465), SMTP_TIMEOUT (seconds, 10).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import Protocol

import aiosmtplib

from taskstore import utcnow

DEFAULT_PORT = 25
DEFAULT_TIMEOUT = 10.0  # seconds per SMTP step: a dead server must not hold the scheduler
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class MailError(Exception):
    """A mail that could not be sent, or mail settings that cannot work."""


class Outgoing(Protocol):
    """One mail to send (actions.deadline_mail.Mail is one)."""

    @property
    def to(self) -> Sequence[str]: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...


class SendsMail(Protocol):
    """What a staff reply needs of a mailer (`Mailer` is one; tests pass their own)."""

    async def send(self, to: list[str], subject: str, body: str) -> None: ...


@dataclass(frozen=True)
class MailSettings:
    host: str
    sender: str  # the From header as written, e.g. "Kuntabotti <kuntabotti@city.example>"
    port: int = DEFAULT_PORT
    username: str | None = None
    password: str | None = None
    starttls: bool | None = None  # None: upgrade when the server offers STARTTLS
    ssl: bool = False  # implicit TLS from the first byte (port 465)
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MailSettings | None:
        """The settings from SMTP_* variables; None when SMTP_HOST is unset (mail off)."""
        env = os.environ if env is None else env
        host = env.get("SMTP_HOST", "").strip()
        if not host:
            return None
        sender = env.get("SMTP_FROM", "").strip()
        if not sender:
            raise MailError("SMTP_FROM is required when SMTP_HOST is set (the From address)")
        port = int(_number(env, "SMTP_PORT", DEFAULT_PORT, whole=True))
        ssl = _flag(env, "SMTP_SSL")
        settings = cls(
            host=host,
            sender=sender,
            port=port,
            username=env.get("SMTP_USERNAME") or None,
            password=env.get("SMTP_PASSWORD") or None,
            starttls=_flag(env, "SMTP_STARTTLS"),
            ssl=port == 465 if ssl is None else ssl,
            timeout=_number(env, "SMTP_TIMEOUT", DEFAULT_TIMEOUT),
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse combinations that would fail at the first mail, not at start-up."""
        _envelope_sender(self.sender)
        if self.ssl and self.starttls:
            raise MailError("SMTP_SSL and SMTP_STARTTLS exclude each other; set one of them")
        if bool(self.username) != bool(self.password):
            raise MailError("SMTP_USERNAME and SMTP_PASSWORD go together; set both or neither")
        if not 0 < self.port < 65536:
            raise MailError(f"SMTP_PORT must be a port number, not {self.port}")
        if self.timeout <= 0:
            raise MailError("SMTP_TIMEOUT must be a positive number of seconds")


class Mailer:
    def __init__(self, settings: MailSettings) -> None:
        settings.check()
        self.settings = settings
        self._from_address = _envelope_sender(settings.sender)

    async def send(self, to: list[str], subject: str, body: str) -> None:
        """Send one plain-text mail; raises MailError."""
        failures = await self.send_all([_Mail(tuple(to), subject, body)])
        if failures:
            raise failures[0][1]

    async def send_all(self, mails: Sequence[Outgoing]) -> list[tuple[Outgoing, MailError]]:
        """Send a batch over one connection. Never raises: returns the mails that failed,
        each with its error (a refused recipient fails one mail, a lost server the rest)."""
        pending = [m for m in mails if m.to]
        if not pending:
            return []
        failures: list[tuple[Outgoing, MailError]] = []
        smtp = self._client()
        try:
            await smtp.connect()
        except (aiosmtplib.SMTPException, OSError) as exc:
            error = MailError(f"cannot reach the mail server {self._where()}: {_why(exc)}")
            return [(mail, error) for mail in pending]
        try:
            for index, mail in enumerate(pending):
                try:
                    await self._send_one(smtp, mail)
                except MailError as exc:
                    failures.append((mail, exc))
                except OSError as exc:  # the connection is gone: the rest cannot go either
                    error = MailError(f"the mail server {self._where()} was lost: {_why(exc)}")
                    failures.extend((rest, error) for rest in pending[index:])
                    break
        finally:
            await _close(smtp)
        return failures

    async def _send_one(self, smtp: aiosmtplib.SMTP, mail: Outgoing) -> None:
        message = self.message(list(mail.to), mail.subject, mail.body)
        try:
            refused, _ = await smtp.send_message(
                message, sender=self._from_address, recipients=list(mail.to)
            )
        except OSError:
            raise
        except aiosmtplib.SMTPException as exc:
            raise MailError(
                f"the mail server {self._where()} refused the mail: {_why(exc)}"
            ) from exc
        if refused:
            who = ", ".join(
                f"{addr} ({resp.code} {resp.message})" for addr, resp in refused.items()
            )
            raise MailError(f"the mail server {self._where()} refused recipients: {who}")

    def message(self, to: list[str], subject: str, body: str) -> EmailMessage:
        """The mail as sent: plain text, UTF-8, with Date and Message-ID."""
        message = EmailMessage()
        try:
            message["From"] = self.settings.sender
            message["To"] = ", ".join(to)
            message["Subject"] = subject
            message["Date"] = format_datetime(utcnow())
            message["Message-ID"] = make_msgid(domain=self._from_address.rpartition("@")[2])
            # RFC 3834: out-of-office robots must not answer a machine's mail.
            message["Auto-Submitted"] = "auto-generated"
            message.set_content(body, charset="utf-8")
        except (ValueError, TypeError, MessageError) as exc:  # a line break in a header
            raise MailError(f"the mail cannot be built: {exc}") from exc
        return message

    def _client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.host,
            port=s.port,
            username=s.username,
            password=s.password,
            use_tls=s.ssl,
            start_tls=False if s.ssl else s.starttls,
            timeout=s.timeout,
        )

    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"


@dataclass(frozen=True)
class _Mail:
    to: tuple[str, ...]
    subject: str
    body: str


async def _close(smtp: aiosmtplib.SMTP) -> None:
    if not smtp.is_connected:
        return
    try:
        await smtp.quit()
    except (aiosmtplib.SMTPException, OSError):
        smtp.close()  # the mails are sent or failed already; a rude goodbye loses nothing


def _envelope_sender(sender: str) -> str:
    """The bare address of SMTP_FROM ("Name <a@b>" or "a@b")."""
    found = getaddresses([sender])
    address = found[0][1] if len(found) == 1 else ""
    try:
        Address(addr_spec=address)
    except (ValueError, IndexError, MessageError):
        address = ""
    if "@" not in address:
        raise MailError(f"SMTP_FROM is not an e-mail address: {sender!r}")
    return address


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _flag(env: Mapping[str, str], name: str) -> bool | None:
    value = env.get(name, "").strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise MailError(f"{name} must be true or false, not {value!r}")


def _number(env: Mapping[str, str], name: str, default: float, whole: bool = False) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value) if whole else float(value)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise MailError(f"{name} must be {kind}, not {value!r}") from None
