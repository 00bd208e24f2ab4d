"""Each action alone, on a real SQLite store with the real content and model."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from actions import (
    ActionContext,
    answer,
    candidates,
    clarify,
    contact_card,
    contact_unknown,
    create_ticket,
    hand_back,
    offer_ticket,
    office_hours_text,
    popular_topics,
    rephrase,
    request_handoff,
    route,
    service_notices,
    take_over,
)
from actions.notice_board import NoticeBoard
from content import Content
from nlu import NLUModel
from taskstore import Database, Event, ServiceNotice, StaffUser, store

MONDAY_10 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 10:00 Helsinki
FRIDAY_EVENING = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # 18:00 Helsinki


@pytest.fixture
async def db(tmp_path: Path, content: Content) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'actions.db'}")
    await database.migrate()
    async with database.transaction() as session:
        await store.sync_teams(session, content.teams.values())
    yield database
    await database.close()


@asynccontextmanager
async def context(
    db: Database, content: Content, now: datetime, lang: str = "fi"
) -> AsyncIterator[ActionContext]:
    """A new conversation and an action context in one transaction."""
    async with db.transaction() as session:
        resident = await store.resident_for(session, "rest", secrets.token_hex(4), lang)
        conversation = await store.start_conversation(session, resident, "rest", lang)
        yield ActionContext(session, conversation, content, now)


async def types_of(ctx: ActionContext) -> list[str]:
    return [e.type for e in await store.events_of(ctx.session, conversation=ctx.conversation)]


async def test_answer_fills_placeholders_and_asks_for_feedback(
    db: Database, content: Content
) -> None:
    async with context(db, content, MONDAY_10, "sv") as ctx:
        said = await answer(ctx, "liikunta_kulttuuri_uimahalli")
        assert len(said) == 2
        assert "{" not in said[0].text and "esimerkkila.example" in said[0].text
        assert [b.payload for b in said[1].buttons] == ["helpful:yes", "helpful:no"]
        assert said[1].buttons[0].label == "Ja"


async def test_service_notices_only_in_their_window_and_team(
    db: Database, content: Content
) -> None:
    async with context(db, content, MONDAY_10, "en") as ctx:
        ctx.session.add_all(
            [
                ServiceNotice(
                    team_id="vesihuolto",
                    text_fi="x",
                    text_sv="x",
                    text_en="Water cut in the centre today.",
                    starts_at=MONDAY_10 - timedelta(hours=1),
                    ends_at=MONDAY_10 + timedelta(hours=1),
                ),
                ServiceNotice(
                    team_id="vesihuolto",
                    text_fi="y",
                    text_sv="y",
                    text_en="Old notice.",
                    starts_at=MONDAY_10 - timedelta(days=2),
                    ends_at=MONDAY_10 - timedelta(days=1),
                ),
            ]
        )
        await ctx.session.flush()
        assert [s.text for s in await service_notices(ctx, "vesihuolto")] == [
            "Notice: Water cut in the centre today."
        ]
        assert await service_notices(ctx, "opetus") == []


def test_route_takes_a_sure_intents_team_else_the_team_classifiers(
    model: NLUModel, content: Content
) -> None:
    sure = route(model.parse("Katuvalo on rikki Koulukadulla"), content)
    assert sure["team"] == "kadut_liikenne" and sure["method"] == "intent"
    assert sure["intent"] == "kadut_liikenne_katuvalo_rikki" and sure["intent_confidence"] >= 0.5
    # No intent is sure of a question that only names its domain: the team classifier is.
    worded = route(model.parse("Kehen otan yhteyttä rakennusluvasta?"), content)
    assert worded["team"] == "rakennusvalvonta" and worded["method"] == "team_classifier"
    assert worded["intent_confidence"] < 0.5 <= worded["team_confidence"]
    assert worded["features"]
    unsure = route(model.parse("blorp zzkx qwerty"), content)
    assert unsure["team"] == content.default_team() and unsure["method"] == "default_team"


def test_clarify_candidates_leave_out_core_intents(model: NLUModel, content: Content) -> None:
    result = model.parse("What does a parking permit cost?")
    options = candidates(result, content)
    assert options and all(content.intents[o].kind != "core" for o in options)


async def test_clarify_offers_candidates_and_none(db: Database, content: Content) -> None:
    async with context(db, content, MONDAY_10, "en") as ctx:
        [said] = await clarify(ctx, ["kadut_liikenne_asukaspysakointi"])
        assert [b.payload for b in said.buttons] == ["pick:kadut_liikenne_asukaspysakointi", "none"]
        assert said.buttons[-1].label == "None of these"


async def test_create_ticket_counts_sla_in_business_hours(db: Database, content: Content) -> None:
    async with context(db, content, FRIDAY_EVENING) as ctx:
        routing = {
            "team": "kadut_liikenne",
            "method": "intent",
            "intent": "kadut_liikenne_katuvalo_rikki",
        }
        ticket = await create_ticket(ctx, kind="case", description="Valo rikki", routing=routing)
        assert ticket.number.startswith("KB-2026-")
        # 4 business hours from Friday evening: Monday 9:00 + 4 h = 13:00 Helsinki = 11:00 UTC.
        assert ticket.first_response_due == datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
        assert not ticket.private
        assert await types_of(ctx) == ["created", "routed"]
        assert ctx.conversation.team_id == "kadut_liikenne"


async def test_ticket_numbers_follow_the_city_calendar(db: Database, content: Content) -> None:
    new_year_helsinki = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 01:30 on 1 Jan 2027
    async with context(db, content, new_year_helsinki) as ctx:
        routing = {"team": "yleisneuvonta", "method": "default_team", "intent": None}
        ticket = await create_ticket(ctx, kind="question", description="-", routing=routing)
        assert ticket.number == "KB-2027-000001"


async def test_notice_board_survives_a_rolled_back_turn(db: Database, content: Content) -> None:
    board = NoticeBoard(ttl=60)
    async with db.transaction() as session:
        session.add(
            ServiceNotice(
                team_id=None,
                text_fi="Katko",
                text_sv="Avbrott",
                text_en="Outage",
                starts_at=MONDAY_10 - timedelta(hours=1),
                ends_at=MONDAY_10 + timedelta(hours=1),
            )
        )
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            assert len(await board.active(session, "opetus", MONDAY_10)) == 1
            raise RuntimeError("the turn failed after reading the notices")
    async with context(db, content, MONDAY_10, "sv") as ctx:
        ctx.notices = board
        assert [s.text for s in await service_notices(ctx, "opetus")] == ["Meddelande: Avbrott"]


async def test_sensitive_intent_makes_a_private_ticket(db: Database, content: Content) -> None:
    async with context(db, content, MONDAY_10) as ctx:
        sensitive = next(i for i in content.intents.values() if i.sensitive)
        routing = {"team": sensitive.team, "method": "intent", "intent": sensitive.name}
        ticket = await create_ticket(ctx, kind="private", description="...", routing=routing)
        assert ticket.private and ctx.conversation.private


async def test_handoff_queues_in_office_hours_only(db: Database, content: Content) -> None:
    for now, expected_state, expected_events in (
        (MONDAY_10, "queued", ["created", "routed", "handoff_requested", "queued"]),
        (FRIDAY_EVENING, "bot", ["created", "routed", "handoff_requested"]),
    ):
        async with context(db, content, now, "en") as ctx:
            routing = {"team": "yleisneuvonta", "method": "default_team", "intent": None}
            ticket = await create_ticket(ctx, kind="handoff", description="-", routing=routing)
            said = await request_handoff(ctx, ticket)
            assert ctx.conversation.state == expected_state
            assert await types_of(ctx) == expected_events
            assert ticket.number in said[0].text


async def test_take_over_and_hand_back_are_events(db: Database, content: Content) -> None:
    async with context(db, content, MONDAY_10) as ctx:
        staff = StaffUser(username="liisa", display_name="Liisa", password_hash="-")
        ctx.session.add(staff)
        await ctx.session.flush()
        await take_over(ctx, staff.id)
        assert ctx.conversation.state == "with_staff"
        assert ctx.conversation.assigned_staff_id == staff.id
        said = await hand_back(ctx, staff.id)
        assert ctx.conversation.state == "bot" and ctx.conversation.assigned_staff_id is None
        assert "botin kanssa" in said[0].text
        events = (await ctx.session.scalars(select(Event).order_by(Event.id))).all()
        assert [(e.type, e.actor, e.staff_id) for e in events] == [
            ("taken_over", "staff", staff.id),
            ("handed_back", "staff", staff.id),
        ]


async def test_offer_ticket_buttons(db: Database, content: Content) -> None:
    async with context(db, content, MONDAY_10, "sv") as ctx:
        said = offer_ticket(ctx, "fallback")
        assert [b.payload for b in said.buttons] == ["ticket:yes", "ticket:no"]
        assert "Tyvärr" in said.text


async def test_rephrase_offers_common_topics_by_title_and_a_person(
    db: Database, content: Content
) -> None:
    topics = popular_topics(content)
    teams = [content.intents[t].team for t in topics]
    assert len(topics) == 4 and len(set(teams)) == 4  # one topic from each of four teams
    assert content.default_team() not in teams
    assert all(
        content.intents[t].kind == "faq" and not content.intents[t].sensitive for t in topics
    )
    async with context(db, content, MONDAY_10, "sv") as ctx:
        said = rephrase(ctx)
        assert "andra ord" in said.text
        assert [b.payload for b in said.buttons] == [f"pick:{t}" for t in topics] + ["handoff"]
        assert [b.label for b in said.buttons[:-1]] == [
            content.intents[t].title["sv"] for t in topics
        ]
        assert said.buttons[-1].label == "Prata med en människa"


async def test_contact_card_and_the_way_to_a_person(db: Database, content: Content) -> None:
    team = content.teams["jatehuolto"]
    async with context(db, content, MONDAY_10, "en") as ctx:
        card = contact_card(ctx, "jatehuolto")
        hours = office_hours_text(team["office_hours"], "en")
        assert card.text == (
            f"This is handled by Waste management: phone {team['phone']}, email "
            f"{team['email']}, opening hours {hours}."
        )
        unknown = contact_unknown(ctx)
        assert content.municipality["phone"] in unknown.text
        assert [b.payload for b in unknown.buttons] == ["ticket:yes", "ticket:no"]
