"""The REST API under schemathesis: cases generated from the OpenAPI document the server
serves (bot/openapi.py), sent over real HTTP to a live server, every response checked
against the document (status codes, content types, headers, bodies) and never a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from bot.openapi import OPENAPI
from tests.helpers.live import LiveServer

schema = schemathesis.openapi.from_dict(OPENAPI)


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_document(case: schemathesis.Case, live_server: LiveServer) -> None:
    case.call_and_validate(base_url=live_server.base_url + "/api/v1")
