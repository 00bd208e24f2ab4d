"""Fuzzing the REST channel over real HTTP: any body, any bytes, any query answer a clear
4xx or success and never a server error; what the OpenAPI document refuses the server
refuses, and what the server accepts fits the document. (The whole API under schemathesis
is not here yet: these generate from the document's own request schemas.)"""

from __future__ import annotations

from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from bot.openapi import request_schema
from bot.payloads import BUTTON_LABELS
from tests.helpers.live import LiveServer
from tests.helpers.rest_client import Chat

RUNS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
message_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(st.text(max_size=60), st.just("   "), json_values),
            "payload": st.one_of(st.sampled_from(sorted(BUTTON_LABELS)), st.text(max_size=12)),
            "extra": json_values,
        },
    ),
)
conversation_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={"language": st.sampled_from(["fi", "sv", "en", "de", None, 5]), "x": st.none()},
    ),
)


def _clear(response: httpx.Response, accepted: int) -> None:
    assert response.status_code in (accepted, 400), response.text
    if response.status_code == 400:
        assert response.json()["error"]


def _fits(schema: str, body: Any) -> bool:
    return Draft202012Validator(request_schema(schema)).is_valid(body)


@RUNS
@given(body=message_bodies)
def test_any_message_body_is_answered_or_refused_as_the_document_says(
    live_server: LiveServer, body: Any
) -> None:
    chat = Chat(live_server)
    response = chat.http.post(f"/conversations/{chat.token}/messages", json=body)
    _clear(response, 200)
    if response.status_code == 200:
        assert _fits("NewMessage", body)
    elif not _fits("NewMessage", body):
        assert response.status_code == 400


@RUNS
@given(body=conversation_bodies)
def test_any_new_conversation_body_is_accepted_exactly_when_the_document_does(
    live_server: LiveServer, body: Any
) -> None:
    with httpx.Client(base_url=live_server.base_url + "/api/v1", timeout=30) as http:
        response = http.post("/conversations", json=body)
    _clear(response, 201)
    # json=None sends no body at all: the body is optional, so that starts a conversation.
    assert (response.status_code == 201) == (body is None or _fits("NewConversation", body))


@RUNS
@given(raw=st.binary(max_size=300), since=st.text(max_size=25))
def test_any_bytes_and_any_since_get_no_server_error(
    live_server: LiveServer, raw: bytes, since: str
) -> None:
    chat = Chat(live_server)
    posted = chat.http.post(
        f"/conversations/{chat.token}/messages",
        content=raw,
        headers={"Content-Type": "application/json"},
    )
    assert posted.status_code in (200, 400), posted.text
    read = chat.http.get(f"/conversations/{chat.token}/messages", params={"since": since})
    assert read.status_code in (200, 400), read.text
