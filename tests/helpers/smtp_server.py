"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), and a Mailer pointed at it."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bot.mailer import Mailer, MailSettings

SENDER = "Kuntabotti <kuntabotti@esimerkkila.example>"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]
    peer: Any  # (host, port) of the client connection
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=default_policy)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def body(self) -> str:
        # SMTP carries lines ending in CRLF; an 8bit body keeps them when parsed.
        return str(self.message.get_content()).replace("\r\n", "\n")


class Inbox:
    """aiosmtpd handler: keeps every envelope it is handed."""

    def __init__(self) -> None:
        self.mails: list[Received] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        self.mails.append(Received(envelope.mail_from, list(envelope.rcpt_tos), session.peer, raw))
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def mailer_for(port: int, timeout: float = 5.0) -> Mailer:
    return Mailer(MailSettings(host="127.0.0.1", port=port, sender=SENDER, timeout=timeout))
