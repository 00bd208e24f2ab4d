"""REST channel under /api/v1, described by /api/v1/openapi.json (bot/openapi.py).

The conversation token in the path is the client's secret key to its conversation, as a
web-chat browser keeps it; ticket look-ups take it in the `X-Conversation-Token` header.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.openapi import OPENAPI
from bot.runtime import BadInput, TicketStatus, incoming_of
from bot.web import RUNTIME, error, json_body, message_id, valid_body

PREFIX = "/api/v1"


def _optional_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise BadInput(f"{key} must be a string")
    return value


async def create_conversation(request: web.Request) -> web.Response:
    body = await json_body(request) if request.can_read_body else {}
    valid_body(body, "NewConversation")
    opened = await request.app[RUNTIME].start("rest", language=_optional_str(body, "language"))
    return web.json_response(
        {
            "token": opened.token,
            "language": opened.language,
            "messages": [m.to_dict() for m in opened.replies],
        },
        status=201,
    )


async def post_message(request: web.Request) -> web.Response:
    body = await json_body(request)
    unknown = set(body) - {"text", "payload"}
    if unknown:
        raise BadInput(f"unknown field(s): {', '.join(sorted(unknown))}")
    text, payload = _optional_str(body, "text"), _optional_str(body, "payload")
    incoming_of(text, payload)  # the runtime's own checks first: they say what is wrong
    valid_body(body, "NewMessage")  # then the document's, so the two cannot drift apart
    turn = await request.app[RUNTIME].handle(
        request.match_info["token"], text=text, payload=payload
    )
    return web.json_response(
        {
            "message_id": turn.message_id,
            "state": turn.state,
            "language": turn.language,
            "replies": [m.to_dict() for m in turn.replies],
        }
    )


async def get_messages(request: web.Request) -> web.Response:
    try:
        since = message_id(request.query.get("since", "0"))
    except ValueError as exc:
        raise BadInput("since must be a message id (an integer)") from exc
    messages = await request.app[RUNTIME].messages_since(request.match_info["token"], since)
    return web.json_response({"messages": [m.to_dict() for m in messages]})


async def get_ticket(request: web.Request) -> web.Response:
    token = request.headers.get("X-Conversation-Token", "")
    if not token:
        raise BadInput("the X-Conversation-Token header is required")
    status = await request.app[RUNTIME].ticket_status(request.match_info["number"], token)
    if status is None:
        return error(404, "no such ticket for this conversation")
    return web.json_response(ticket_json(status))


def ticket_json(status: TicketStatus) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "number": status.number,
        "status": status.status,
        "team": status.team,
        "created_at": iso(status.created_at),
        "first_response_due": iso(status.first_response_due),
        "resolution_due": iso(status.resolution_due),
    }


async def openapi(_: web.Request) -> web.Response:
    return web.json_response(OPENAPI)


def add_rest_routes(app: web.Application) -> None:
    app.router.add_post(f"{PREFIX}/conversations", create_conversation)
    app.router.add_post(f"{PREFIX}/conversations/{{token}}/messages", post_message)
    app.router.add_get(f"{PREFIX}/conversations/{{token}}/messages", get_messages)
    app.router.add_get(f"{PREFIX}/tickets/{{number}}", get_ticket)
    app.router.add_get(f"{PREFIX}/openapi.json", openapi)
