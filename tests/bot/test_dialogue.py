"""Dialogue paths through the REST API against a real server (SQLite; one path on PostgreSQL)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from actions import ActionContext, hand_back, take_over
from actions.clarify import candidates
from bot.privacy import SENSITIVE_PLACEHOLDER
from content import Content
from nlu import NLUModel
from taskstore import AnswerFeedback, ServiceNotice, utcnow
from tests.helpers.live import SATURDAY, LiveServer, run_live_server
from tests.helpers.rest_client import Chat, refuse_resident_messages

TICKET = re.compile(r"KB-\d{4}-\d{6}")


def unanswered(chat: Chat, text: str) -> None:
    """A question the bot cannot answer, asked until it offers to pass it on: the first
    miss only asks for other words (tests/bot/test_dialogue_guidance.py)."""
    chat.send(text)
    assert "handoff" in [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]
    chat.send(text)


def feedback_rows(chat: Chat) -> list[AnswerFeedback]:
    from sqlalchemy import select

    conversation = chat.conversation()
    return chat._all(
        select(AnswerFeedback).where(AnswerFeedback.conversation_id == conversation.id)
    )


def test_greeting_says_it_is_a_bot_and_the_human_path(live_server: LiveServer) -> None:
    for lang, bot_word, phone_word, who in (
        ("fi", "en ihminen", "soittaa", "Täällä Esimerkkilän kaupunki"),
        ("sv", "inte en människa", "ringa", "Här är Exempelby stad"),
        ("en", "not a person", "call", "City of Esimerkkilä here"),
    ):
        chat = Chat(live_server, lang)
        text = "\n".join(m["text"] for m in chat.greeting)
        assert bot_word in text and phone_word in text
        assert "+358 9 000 1000" in text
        assert who in text  # the municipality's name and kind, from municipality.yml


def test_faq_answer_then_helpful_feedback(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Paljonko asukaspysäköintitunnus maksaa?")
    assert chat.state == "bot"
    assert chat.last["language"] == "fi"
    assert "Oliko vastauksesta apua?" in chat.said
    chat.press("helpful:yes")
    assert "kiitos palautteesta" in chat.said
    rows = feedback_rows(chat)
    assert [(r.helpful, r.language) for r in rows] == [(True, "fi")]
    resident = next(m for m in chat.stored_messages() if m.author == "resident")
    assert resident.nlu is not None
    assert rows[0].intent == resident.nlu["intent"]["name"]


def test_unhelpful_answer_becomes_a_ticket_with_status_lookup(live_server: LiveServer) -> None:
    chat = Chat(live_server, "en")
    chat.send("When is the swimming hall open?")
    chat.press("helpful:no")
    assert [r.helpful for r in feedback_rows(chat)] == [False]
    chat.press("ticket:yes")
    assert chat.state == "collecting"
    chat.press("form:skip")
    assert "swimming hall" in chat.said  # the description was prefilled from the question
    chat.press("form:send")
    number = TICKET.search(chat.said)
    assert number, chat.said
    assert chat.state == "bot"
    lookup = chat.http.get(
        f"/tickets/{number.group(0)}", headers={"X-Conversation-Token": chat.token}
    )
    assert lookup.status_code == 200
    assert lookup.json()["status"] == "new"
    assert lookup.json()["first_response_due"]
    other = Chat(live_server)
    refused = other.http.get(
        f"/tickets/{number.group(0)}", headers={"X-Conversation-Token": other.token}
    )
    assert refused.status_code == 404


def test_unknown_question_is_routed_with_its_reason(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    unanswered(chat, "Paljonko painaa kuu kiloina?")
    assert "En valitettavasti osaa vastata" in chat.said
    chat.press("ticket:yes")
    chat.send("minun sähköpostini on maija.meikalainen@example.com")
    assert chat.state == "collecting"
    assert "m…@example.com" in chat.said  # recognisable, but the log keeps no address
    assert not any("maija" in m.text for m in chat.stored_messages())
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.contact_email == "maija.meikalainen@example.com" and ticket.contact_consent
    assert ticket.kind == "question" and "kuu kiloina" in ticket.description
    assert ticket.first_response_due is not None and ticket.resolution_due is not None
    routed = next(e for e in chat.events() if e.type == "routed")
    assert routed.data["team"] == ticket.team_id
    assert {"method", "intent", "team_confidence", "features"} <= set(routed.data)
    stored = [m.text for m in chat.stored_messages() if m.author == "resident"]
    assert "minun sähköpostini on [EMAIL]" in stored  # the log keeps no address


# Short questions several topics could answer; which of them the current content leaves
# ambiguous moves as intents are added, so the test takes the first one that is.
AMBIGUOUS = ["price", "What does a parking permit cost?", "permit", "fee", "my application"]


def ambiguous_question(live_server: LiveServer) -> str:
    runtime = live_server.runtime
    for text in AMBIGUOUS:
        result = runtime.nlu.parse(text, "en")
        if result.fallback and candidates(result, runtime.content):
            return text
    pytest.fail(f"the NLU answers each of {AMBIGUOUS} without asking: add an ambiguous one")


def test_ambiguous_question_is_clarified(live_server: LiveServer) -> None:
    chat = Chat(live_server, "en")
    question = ambiguous_question(live_server)
    chat.send(question)
    assert chat.state == "clarifying", chat.said
    buttons = [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]
    picks = [p for p in buttons if p.startswith("pick:")]
    assert 1 <= len(picks) <= 3 and "none" in buttons
    chat.press(picks[0])
    assert chat.state in ("bot", "collecting")
    chat.send(question)
    chat.press("none")
    assert "ticket:yes" in [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]


def test_case_intent_asks_for_the_location(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Katulamppu ei pala meidän kadulla")
    assert chat.state == "collecting"
    assert "katuosoite" in chat.said
    chat.send("Koulukadun ja Torikadun kulma")
    chat.press("form:skip")
    assert "Paikka: Koulukadun ja Torikadun kulma" in chat.said
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.kind == "case" and ticket.team_id == "kadut_liikenne"
    assert ticket.details == {"location": "Koulukadun ja Torikadun kulma"}
    assert ticket.number in chat.said


def test_case_location_taken_from_the_question(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Katuvalo on rikki Koulukatu 12 kohdalla")
    assert chat.state == "collecting"
    assert "sähköpostiosoitteesi" in chat.said  # straight to the contact question


def test_handoff_in_office_hours_queues_then_staff_takes_over(office_open: LiveServer) -> None:
    chat = Chat(office_open)
    chat.send("Haluan puhua ihmisen kanssa")
    chat.send("Kysyisin kaavoituksesta")  # the matter first (tests/bot/test_handoff_flow.py)
    assert chat.state == "queued", chat.said
    assert TICKET.search(chat.said)
    chat.send("Odotan täällä")
    assert "lisätty" in chat.said
    chat.send("Vieläkin odotan")
    assert "lisätty" in chat.said  # every message, each time with the way back to the bot
    assert "queue:cancel" in [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]
    conversation = chat.conversation()

    async def staff(action: str) -> None:
        async with office_open.runtime.db.transaction() as session:
            from taskstore.store import conversation_by_token

            row = await conversation_by_token(session, chat.token)
            assert row is not None
            ctx = ActionContext(session, row, office_open.runtime.content, utcnow())
            if action == "take":
                await take_over(ctx, staff_id=None)  # type: ignore[arg-type]
            else:
                await hand_back(ctx, staff_id=None)

    office_open.call(staff("take"))
    chat.send("Hei, onko siellä joku?")
    assert chat.state == "with_staff" and chat.last["replies"] == []
    office_open.call(staff("back"))
    chat.send("Milloin kirjasto on auki?")
    assert chat.state == "bot" and chat.last["replies"]
    types = [e.type for e in chat.events()]
    for expected in (
        "created",
        "routed",
        "handoff_requested",
        "queued",
        "taken_over",
        "handed_back",
    ):
        assert expected in types
    assert conversation.id == chat.conversation().id


def test_handoff_after_hours_tells_when_to_expect_an_answer(office_closed: LiveServer) -> None:
    chat = Chat(office_closed, "en")
    chat.send("I want to talk to a human")
    chat.send("A question about zoning")
    assert "not available now" in chat.said and "Mon" in chat.said
    chat.press("form:skip")
    assert chat.state == "bot" and "You can expect an answer by" in chat.said
    [ticket] = chat.tickets()
    assert ticket.kind == "handoff"
    assert ticket.first_response_due is not None and ticket.first_response_due > SATURDAY


def test_resident_can_leave_the_queue(office_open: LiveServer) -> None:
    chat = Chat(office_open)
    chat.send("Haluan puhua ihmisen kanssa")
    chat.send("Kysyisin kaavoituksesta")
    chat.press("queue:cancel")
    assert chat.state == "bot"
    assert [e.type for e in chat.events()][-1] == "handed_back"


def test_sensitive_matter_keeps_details_out_of_the_log(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Olen ollut masentunut ja tarvitsen apua mielenterveyteen")
    assert "en tallenna" in chat.said
    assert "private:yes" in [b["payload"] for m in chat.last["replies"] for b in m["buttons"]]
    assert not chat.tickets()  # no ticket unless the resident asks
    chat.press("private:yes")
    chat.send("Nukun huonosti ja lääkitys ei auta")
    chat.press("form:skip")
    chat.press("form:send")
    [ticket] = chat.tickets()
    assert ticket.private and ticket.kind == "private"
    assert ticket.description == "Nukun huonosti ja lääkitys ei auta"
    log = [m for m in chat.stored_messages() if m.author == "resident"]
    texts = [m.text for m in log]
    assert "Nukun huonosti ja lääkitys ei auta" not in texts
    assert not any("masentunut" in t for t in texts)
    assert texts.count(SENSITIVE_PLACEHOLDER) == 2
    assert all(
        m.nlu is None or m.nlu.get("sensitive") for m in log if m.text == SENSITIVE_PLACEHOLDER
    )
    served = chat.http.get(f"/conversations/{chat.token}/messages").json()["messages"]
    assert not any("Nukun" in m["text"] for m in served)


def test_sensitive_text_typed_into_a_shared_form_leaves_it(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    unanswered(chat, "Paljonko painaa kuu kiloina?")
    chat.press("ticket:yes")
    chat.press("form:skip")
    chat.send("Olen ollut masentunut ja tarvitsen apua mielenterveyteen")
    assert chat.state == "bot" and "en tallenna" in chat.said
    assert not chat.tickets()
    assert not any("masentunut" in m.text for m in chat.stored_messages())


def test_an_old_pass_to_staff_button_does_not_send_twice(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    unanswered(chat, "Paljonko painaa kuu kiloina?")
    chat.press("ticket:yes")
    chat.press("form:skip")
    chat.press("form:send")
    chat.send(payload="ticket:yes")  # the button under the earlier message, pressed again
    assert chat.state == "bot" and len(chat.tickets()) == 1


def test_personal_data_is_redacted_before_storage(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("Hetuni on 131052-308T ja tilini FI21 1234 5600 0007 85, soita 040 1234567")
    [resident] = [m for m in chat.stored_messages() if m.author == "resident"]
    assert resident.text == "Hetuni on [IDENTITY_CODE] ja tilini [IBAN], soita [PHONE]"
    assert resident.redacted
    assert "131052" not in str(resident.nlu) and "1234567" not in str(resident.nlu)


def test_language_follows_the_user_and_can_be_chosen(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    chat.send("När har simhallen öppet?")
    assert chat.last["language"] == "sv"
    assert "Hjälpte svaret dig?" in chat.said
    chat.send("When is the library open?")
    assert chat.last["language"] == "en" and "Did this help?" in chat.said
    chat.send(payload="language")
    chat.press("lang:fi")
    assert chat.last["language"] == "fi" and "suomeksi" in chat.said


def test_service_break_notice_comes_before_the_answer(live_server: LiveServer) -> None:
    async def add_notice() -> None:
        async with live_server.runtime.db.transaction() as session:
            session.add(
                ServiceNotice(
                    team_id="liikunta_kulttuuri",
                    text_fi="Uimahalli on suljettu huoltotöiden vuoksi.",
                    text_sv="Simhallen är stängd för underhåll.",
                    text_en="The swimming hall is closed for maintenance.",
                    starts_at=datetime(2020, 1, 1, tzinfo=UTC),
                    ends_at=datetime(2100, 1, 1, tzinfo=UTC),
                )
            )

    live_server.call(add_notice())
    chat = Chat(live_server, "en")
    chat.send("When is the swimming hall open?")
    texts = [m["text"] for m in chat.last["replies"]]
    assert texts[0] == "Notice: The swimming hall is closed for maintenance."
    assert len(texts) == 3  # notice, answer, did this help


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"text": ""}, 400, "empty"),
        ({"text": "x" * 4001}, 400, "longer than 4000"),
        ({"text": "a", "payload": "none"}, 400, "either text or payload"),
        ({"payload": "drop table"}, 400, "unknown button payload"),
        ({"payload": "handoff\n"}, 400, "unknown button payload"),  # the whole of it must fit
        ({"payload": "pick:zzz_not_an_intent"}, 400, "unknown button payload"),
        ({"text": 5}, 400, "must be a string"),
        ({"words": "hi"}, 400, "unknown field"),
        ({"text": "hei \ud800"}, 400, "unpaired surrogate"),
        ({"text": "hei \u0000"}, 400, "NUL"),
        ([1, 2], 400, "JSON object"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(
    live_server: LiveServer, body: object, status: int, fragment: str
) -> None:
    chat = Chat(live_server)
    before = len(chat.stored_messages())
    response = chat.http.post(
        f"/conversations/{chat.token}/messages",
        content=json.dumps(body).encode(),  # \u escapes: a lone surrogate is valid JSON
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == status
    assert fragment in response.json()["error"]
    assert len(chat.stored_messages()) == before


def test_broken_json_and_unknown_token(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    broken = chat.http.post(
        f"/conversations/{chat.token}/messages",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["error"]
    unknown = chat.http.post("/conversations/nope/messages", json={"text": "hei"})
    assert unknown.status_code == 404
    assert chat.http.get("/conversations/nope/messages").status_code == 404
    assert chat.http.get(f"/conversations/{chat.token}/messages?since=x").status_code == 400
    wrong = chat.http.delete(f"/conversations/{chat.token}/messages")
    assert wrong.status_code == 405 and {"GET", "POST"} <= set(wrong.headers["Allow"].split(","))
    deep = chat.http.post(  # deeper than the JSON parser goes: a 400, not a 500
        f"/conversations/{chat.token}/messages",
        content=b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert deep.status_code == 400 and "nested too deeply" in deep.json()["error"]
    huge = chat.http.get(f"/conversations/{chat.token}/messages?since={2**63}")
    assert huge.status_code == 400 and "since must be a message id" in huge.json()["error"]
    assert chat.http.get(f"/conversations/{chat.token}/messages?since={2**63 - 1}").json() == {
        "messages": []
    }


def test_a_message_the_store_refuses_is_not_acknowledged(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Chat(live_server)
    refuse_resident_messages(live_server, True)
    response = chat.http.post(
        f"/conversations/{chat.token}/messages", json={"text": "Milloin kirjasto on auki?"}
    )
    assert response.status_code == 503
    assert "could not be stored" in response.json()["error"]
    # The log names the route, not the token: whoever holds a token reads the conversation.
    assert "message not stored on POST" in caplog.text and "{token}/messages" in caplog.text
    assert chat.token not in caplog.text
    assert [m.author for m in chat.stored_messages()] == ["bot", "bot"]  # the greeting only
    refuse_resident_messages(live_server, False)
    chat.send("Milloin kirjasto on auki?")  # sent again, now stored and answered
    assert chat.last["replies"]


def test_every_accepted_message_is_stored_and_readable(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    first = chat.send("Milloin kirjasto on auki?")
    served = chat.http.get(f"/conversations/{chat.token}/messages").json()["messages"]
    ids = [m["id"] for m in served]
    assert first["message_id"] in ids and ids == sorted(ids)
    later = chat.http.get(
        f"/conversations/{chat.token}/messages", params={"since": first["message_id"]}
    ).json()["messages"]
    assert [m["id"] for m in later] == [r["id"] for r in first["replies"]]


def test_openapi_describes_every_api_route(live_server: LiveServer) -> None:
    chat = Chat(live_server)
    document = chat.http.get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    described = {f"/api/v1{path}" for path in document["paths"]}
    served = {
        r.resource.canonical.replace("{token}", "{token}")
        for r in live_server.app.router.routes()
        if r.resource is not None and r.resource.canonical.startswith("/api/v1/")
    }
    assert served - {"/api/v1/openapi.json"} == described


def test_full_path_on_postgresql(pg_database_url: str, content: Content, model: NLUModel) -> None:
    for server in run_live_server(pg_database_url, content, model):
        chat = Chat(server)
        unanswered(chat, "Paljonko painaa kuu kiloina?")
        chat.press("ticket:yes")
        chat.press("form:skip")
        chat.press("form:send")
        [ticket] = chat.tickets()
        assert TICKET.fullmatch(ticket.number)
        assert [e.type for e in chat.events()][:2] == ["created", "routed"]
