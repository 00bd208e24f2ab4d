"""E-mail: the SMTP client against a real local SMTP server (aiosmtpd), SLA mails to staff
from the scheduler, and the staff reply mailed to a resident."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from datetime import datetime, timedelta
from typing import Any

import pytest

from actions.deadline_mail import Mail, deadline_mails, resident_reply_mail
from actions.deadlines import fire_due
from actions.sla import HELSINKI, add_business_hours, format_due
from bot.mailer import MailError, MailSettings
from bot.runtime import Runtime
from bot.scheduler import DeadlineScheduler
from content import Content
from nlu import ModelHandle, NLUModel
from taskstore import Database, Ticket, store
from taskstore.staff import add_staff
from tests.helpers.smtp_server import SENDER, Inbox, Received, free_port, mailer_for

CONSOLE = "https://kuntabotti.esimerkkila.example"
SECRET = "Salainen asia: Matti"


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


# -- the SMTP client ---------------------------------------------------------------------


async def test_utf8_subject_and_body_arrive_intact(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    subject = "Päivää – Hälsningar från Åbo"
    body = "Hyvää päivää!\nÄäkköset: ä ö å Ä Ö Å\nGoda nyheter från Åbo – ✓"
    await mailer_for(port).send(["liisa.virtanen@esimerkkila.example"], subject, body)
    [mail] = inbox.mails
    assert mail.sender == "kuntabotti@esimerkkila.example"
    assert mail.recipients == ["liisa.virtanen@esimerkkila.example"]
    message = mail.message
    assert message["Subject"] == subject
    assert mail.body.rstrip("\n") == body
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["From"] == SENDER
    assert message["Message-ID"].endswith("@esimerkkila.example>")
    assert message["Date"] is not None
    assert message["Auto-Submitted"] == "auto-generated"


async def test_a_batch_goes_over_one_connection(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    mails = [Mail((f"staff{i}@esimerkkila.example",), f"Aihe {i}", "Teksti") for i in range(3)]
    assert await mailer_for(port).send_all(mails) == []
    assert [m.recipients for m in inbox.mails] == [list(m.to) for m in mails]
    assert len({m.peer for m in inbox.mails}) == 1


def test_mail_is_off_without_smtp_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert MailSettings.from_env() is None
    assert MailSettings.from_env({"SMTP_HOST": " ", "SMTP_FROM": "a@b.example"}) is None


def test_smtp_from_is_required_with_a_host() -> None:
    with pytest.raises(MailError, match="SMTP_FROM is required"):
        MailSettings.from_env({"SMTP_HOST": "smtp.esimerkkila.example"})
    with pytest.raises(MailError, match="SMTP_FROM is not an e-mail address"):
        MailSettings.from_env({"SMTP_HOST": "smtp.example", "SMTP_FROM": "kuntabotti"})


def test_settings_from_env() -> None:
    settings = MailSettings.from_env(
        {
            "SMTP_HOST": "smtp.esimerkkila.example",
            "SMTP_PORT": "587",
            "SMTP_FROM": SENDER,
            "SMTP_USERNAME": "kuntabotti",
            "SMTP_PASSWORD": "salasana",
            "SMTP_STARTTLS": "true",
        }
    )
    assert settings == MailSettings(
        host="smtp.esimerkkila.example",
        port=587,
        sender=SENDER,
        username="kuntabotti",
        password="salasana",
        starttls=True,
        ssl=False,
    )
    plain = MailSettings.from_env({"SMTP_HOST": "relay", "SMTP_FROM": "a@b.example"})
    assert plain is not None and (plain.port, plain.starttls, plain.ssl) == (25, None, False)
    tls = MailSettings.from_env({"SMTP_HOST": "relay", "SMTP_PORT": "465", "SMTP_FROM": "a@b.x"})
    assert tls is not None and tls.ssl
    for bad, message in [
        ({"SMTP_STARTTLS": "maybe"}, "SMTP_STARTTLS must be true or false"),
        ({"SMTP_PORT": "smtp"}, "SMTP_PORT must be a whole number"),
        ({"SMTP_USERNAME": "kuntabotti"}, "go together"),
        ({"SMTP_SSL": "true", "SMTP_STARTTLS": "true"}, "exclude each other"),
    ]:
        with pytest.raises(MailError, match=message):
            MailSettings.from_env({"SMTP_HOST": "relay", "SMTP_FROM": "a@b.example", **bad})


async def test_a_server_that_is_down_is_a_mail_error() -> None:
    started = time.monotonic()
    with pytest.raises(MailError, match=r"cannot reach the mail server 127\.0\.0\.1"):
        await mailer_for(free_port()).send(["a@b.example"], "Aihe", "Teksti")
    assert time.monotonic() - started < 5


async def test_a_silent_server_times_out_instead_of_hanging() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the kernel accepts the connection; no greeting ever comes
        mailer = mailer_for(silent.getsockname()[1], timeout=0.5)
        started = time.monotonic()
        with pytest.raises(MailError, match="cannot reach"):
            await asyncio.wait_for(mailer.send(["a@b.example"], "Aihe", "Teksti"), 10)
        assert time.monotonic() - started < 5


async def test_a_header_with_a_line_break_is_refused(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    with pytest.raises(MailError, match="cannot be built"):
        await mailer_for(port).send(["a@b.example"], "Aihe\nBcc: evil@example.com", "Teksti")
    assert inbox.mails == []


# -- SLA mails ---------------------------------------------------------------------------


PEOPLE = [  # username, role, teams, e-mail, active
    ("assignee", "agent", ["opetus"], "assignee@esimerkkila.example", True),
    ("member", "agent", ["opetus", "kadut_liikenne"], "member@esimerkkila.example", True),
    ("nomail", "agent", ["opetus"], None, True),
    ("gone", "agent", ["opetus"], "gone@esimerkkila.example", False),
    ("lead", "lead", ["opetus"], "lead@esimerkkila.example", True),
    ("other", "agent", ["kadut_liikenne"], "other@esimerkkila.example", True),
    ("otherlead", "lead", ["kadut_liikenne"], "otherlead@esimerkkila.example", True),
    ("builder", "agent", ["rakennusvalvonta"], "builder@esimerkkila.example", True),
    ("admin", "admin", [], "admin@esimerkkila.example", True),
]


async def add_people(db: Database) -> dict[str, int]:
    ids = {}
    async with db.transaction() as session:
        for username, role, teams, address, active in PEOPLE:
            user = await add_staff(
                session, username, username.title(), "pitkä salasana", role, teams
            )
            user.email, user.active = address, active
            ids[username] = user.id
    return ids


async def new_ticket(
    db: Database,
    content: Content,
    created: datetime,
    team: str = "opetus",
    assignee: int | None = None,
    private: bool = False,
) -> Ticket:
    hours = content.teams[team]["office_hours"]
    sla = content.teams[team]["sla"]
    async with db.transaction() as session:
        ticket = await store.create_ticket(
            session,
            conversation_id=None,
            team_id=team,
            kind="private" if private else "question",
            private=private,
            description=SECRET,
            language="fi",
            now=created,
            first_response_due=add_business_hours(hours, created, sla["first_response_hours"]),
            resolution_due=add_business_hours(hours, created, sla["resolution_hours"]),
            assigned_staff_id=assignee,
        )
        return ticket


def assert_nothing_secret(mails: list[Received]) -> None:
    for mail in mails:
        for text in (mail.raw.decode("ascii", "replace"), mail.body, mail.message["Subject"]):
            assert "Salainen" not in text and "Matti" not in text


async def test_reminder_to_assignee_and_team_escalation_to_the_lead_once_each(
    db: Database, content: Content, model: NLUModel, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ids = await add_people(db)
    # Tuesday 9:00; opetus: office 9-15, first response 8 h (reminder at 6 h: Tue 15:00,
    # due Wed 11:00).
    ticket = await new_ticket(db, content, at(2026, 12, 1, 9, 0), assignee=ids["assignee"])
    clock = [at(2026, 12, 1, 14, 59)]
    db.clock = lambda: clock[0]
    runtime = Runtime(db, content, ModelHandle(model))
    scheduler = DeadlineScheduler(runtime, holder="a", mailer=mailer_for(port), console_url=CONSOLE)

    assert await scheduler.tick() == []
    assert inbox.mails == []
    clock[0] = at(2026, 12, 1, 15, 0)
    assert [e.type for e in await scheduler.tick()] == ["reminder_sent"]
    clock[0] += timedelta(minutes=1)
    assert await scheduler.tick() == []
    [reminder] = inbox.mails
    assert reminder.recipients == [
        "assignee@esimerkkila.example",
        "member@esimerkkila.example",
        "lead@esimerkkila.example",
    ]
    assert reminder.message["Subject"] == (
        f"[kuntabotti] Muistutus / Påminnelse / Reminder: {ticket.number}"
    )
    body = reminder.body
    assert f"Asian {ticket.number} ensivastauksen määräaika lähestyy." in body
    assert "första svar" in body and "first response deadline" in body
    for lang, team in (
        ("fi", "Opetuspalvelut"),
        ("sv", "Utbildningstjänster"),
        ("en", "Education"),
    ):
        assert team in body
        assert format_due(at(2026, 12, 2, 11, 0), lang) in body  # the target, not the reminder
    assert f"{CONSOLE}/console/tickets/{ticket.number}" in body

    clock[0] = at(2026, 12, 2, 11, 0)
    assert [e.type for e in await scheduler.tick()] == ["escalated"]
    clock[0] += timedelta(minutes=1)
    assert await scheduler.tick() == []
    assert len(inbox.mails) == 2
    escalation = inbox.mails[1]
    assert escalation.recipients == ["lead@esimerkkila.example"]
    assert escalation.message["Subject"].startswith("[kuntabotti] Määräaika ylittynyt")
    assert "has passed" in escalation.body
    assert_nothing_secret(inbox.mails)


async def test_escalation_without_a_lead_goes_to_admins_but_never_for_a_private_ticket(
    db: Database, content: Content, smtp: tuple[Inbox, int]
) -> None:
    await add_people(db)
    created = at(2026, 12, 1, 9, 0)
    open_one = await new_ticket(db, content, created, team="rakennusvalvonta")
    await new_ticket(db, content, created, team="rakennusvalvonta", private=True)
    async with db.transaction() as session:
        fired = await fire_due(session, content, at(2027, 2, 1, 12, 0))
    async with db.transaction() as session:
        mails = await deadline_mails(session, content, fired, None)
    escalations = [m for m in mails if "Määräaika ylittynyt" in m.subject]
    assert [(m.to, m.subject.rsplit(" ", 1)[1]) for m in escalations] == [
        (("admin@esimerkkila.example",), open_one.number)
    ] * 2  # first response and resolution of the open ticket; nothing for the private one
    reminders = [m for m in mails if "Muistutus" in m.subject]
    assert len(reminders) == 4 and all(m.to == ("builder@esimerkkila.example",) for m in reminders)
    assert all("/console/" not in m.body for m in mails)  # no console URL, no link
    assert all(SECRET not in m.body for m in mails)


async def test_a_mail_server_that_is_down_does_not_stop_the_round(
    db: Database, content: Content, model: NLUModel, caplog: pytest.LogCaptureFixture
) -> None:
    ids = await add_people(db)
    await new_ticket(db, content, at(2026, 12, 1, 9, 0), assignee=ids["assignee"])
    db.clock = lambda: at(2026, 12, 1, 15, 0)
    runtime = Runtime(db, content, ModelHandle(model))
    scheduler = DeadlineScheduler(runtime, holder="a", mailer=mailer_for(free_port(), 1.0))
    with caplog.at_level(logging.ERROR, logger="kuntabotti.scheduler"):
        fired = await scheduler.tick()
    assert [e.type for e in fired] == ["reminder_sent"]
    assert any("SLA mail" in r.getMessage() and r.exc_info for r in caplog.records)


# -- a staff reply to a resident ---------------------------------------------------------


def reply_ticket(**fields: Any) -> Ticket:
    return Ticket(number="KB-2026-000012", team_id="opetus", language="sv", **fields)


async def test_resident_reply_mail_needs_an_address_and_consent(
    content: Content, smtp: tuple[Inbox, int]
) -> None:
    reply = "Skolskjutsen börjar på måndag – välkommen!"
    assert resident_reply_mail(content, reply_ticket(), "opetus", reply) is None
    no_consent = reply_ticket(contact_email="asukas@example.com", contact_consent=False)
    assert resident_reply_mail(content, no_consent, "opetus", reply) is None
    consent = reply_ticket(contact_email="asukas@example.com", contact_consent=True)
    mail = resident_reply_mail(content, consent, "opetus", reply)
    assert mail is not None
    assert mail.to == ("asukas@example.com",)
    assert mail.subject == "Svar på ditt ärende KB-2026-000012"
    assert "från Utbildningstjänster" in mail.body and reply in mail.body
    assert "Exempelby" in mail.body and "chatten" in mail.body

    inbox, port = smtp
    assert await mailer_for(port).send_all([mail]) == []
    [received] = inbox.mails
    assert received.message["Subject"] == mail.subject
    assert received.body.rstrip("\n") == mail.body


def test_resident_reply_mail_follows_the_ticket_language(content: Content) -> None:
    for lang, subject in (("fi", "Vastaus asiaasi"), ("en", "A reply to your request")):
        ticket = Ticket(
            number="KB-2026-000013",
            team_id="opetus",
            language=lang,
            contact_email="a@example.com",
            contact_consent=True,
        )
        mail = resident_reply_mail(content, ticket, "kadut_liikenne", "Kiitos / Thanks")
        assert mail is not None and mail.subject.startswith(subject)
        assert content.teams["kadut_liikenne"]["name"][lang] in mail.body
