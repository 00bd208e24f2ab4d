"""The OpenAPI 3.1 description of the REST channel (served at /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from bot.payloads import PAYLOAD
from bot.runtime import MAX_PAYLOAD, MAX_TEXT
from taskstore import ConversationState

_TOKEN = {
    "name": "token",
    "in": "path",
    "required": True,
    "description": "The conversation token returned when the conversation was created.",
    "schema": {"type": "string"},
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, **_json(_ref("Error"))}


_MESSAGES = {"type": "array", "items": _ref("Message")}
_LIMITED = {
    **_error("Too many requests from this address (bot/limits.py); nothing was stored"),
    "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
}
# The largest message id (a BIGINT); bot/web.py refuses a larger `since`.
MAX_ID = 2**63 - 1


def request_schema(name: str) -> dict[str, Any]:
    """A request body's schema, as the document publishes it."""
    schema: dict[str, Any] = OPENAPI["components"]["schemas"][name]
    return schema


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "kuntabotti conversation API",
        "version": "1",
        "description": "Talk to the municipal chatbot: questions in Finnish, Swedish or "
        "English get answers; what the bot cannot answer becomes a ticket for a team.",
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/conversations": {
            "post": {
                "summary": "Start a conversation; the bot's greeting comes back.",
                "requestBody": {
                    "required": False,
                    **_json(_ref("NewConversation")),
                },
                "responses": {
                    "201": {
                        "description": "Created",
                        **_json(
                            {
                                "type": "object",
                                "required": ["token", "language", "messages"],
                                "properties": {
                                    "token": {"type": "string"},
                                    "language": {"enum": ["fi", "sv", "en"]},
                                    "messages": _MESSAGES,
                                },
                            }
                        ),
                    },
                    "400": _error("Invalid body"),
                    "429": _LIMITED,
                },
            }
        },
        "/conversations/{token}/messages": {
            "parameters": [_TOKEN],
            "post": {
                "summary": "Send a message (text) or press a button (payload).",
                "description": "The message is stored before the bot answers; the bot's "
                "replies come back in the response.",
                "requestBody": {
                    "required": True,
                    **_json(_ref("NewMessage")),
                },
                "responses": {
                    "200": {
                        "description": "Stored and answered",
                        **_json(
                            {
                                "type": "object",
                                "required": ["message_id", "state", "language", "replies"],
                                "properties": {
                                    "message_id": {"type": "integer"},
                                    "state": {"enum": [str(s) for s in ConversationState]},
                                    "language": {"enum": ["fi", "sv", "en"]},
                                    "replies": _MESSAGES,
                                },
                            }
                        ),
                    },
                    "400": _error("Invalid message; nothing was stored"),
                    "404": _error("Unknown conversation"),
                    "429": _LIMITED,
                    "500": _error("Stored, but the reply failed: do not send it again"),
                    "503": _error("Not stored (the database refused it): send it again"),
                },
            },
            "get": {
                "summary": "Messages after a given message id (both directions).",
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": MAX_ID,
                            "default": 0,
                        },
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Messages in order",
                        **_json({"type": "object", "properties": {"messages": _MESSAGES}}),
                    },
                    "400": _error("`since` is not a message id"),
                    "404": _error("Unknown conversation"),
                },
            },
        },
        "/tickets/{number}": {
            "get": {
                "summary": "A ticket's status, for the conversation that created it.",
                "parameters": [
                    {
                        "name": "number",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^KB-\\d{4}-\\d{6}$"},
                    },
                    {
                        "name": "X-Conversation-Token",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string", "minLength": 1},
                    },
                ],
                "responses": {
                    "200": {"description": "The ticket", **_json(_ref("Ticket"))},
                    "400": _error("Token missing"),
                    "404": _error("No such ticket for this conversation"),
                },
            }
        },
    },
    "components": {
        "schemas": {
            # The request bodies: the handlers validate against these (bot/web.py
            # `valid_body`), so what the document promises is what the server accepts.
            "NewConversation": {
                "type": "object",
                "properties": {"language": {"enum": ["fi", "sv", "en"]}},
                "additionalProperties": False,
            },
            "NewMessage": {
                "type": "object",
                "oneOf": [{"required": ["text"]}, {"required": ["payload"]}],
                "properties": {
                    # Something to read: not only spaces, no NUL character.
                    "text": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_TEXT,
                        "pattern": "^[^\\u0000]*\\S[^\\u0000]*$",
                    },
                    "payload": {
                        "type": "string",
                        "description": "A button's payload, as the bot sent it; `pick:` names "
                        "one of the bot's topics.",
                        "maxLength": MAX_PAYLOAD,
                        "pattern": f"^(?:{PAYLOAD.pattern})$",
                    },
                },
                "additionalProperties": False,
            },
            "Message": {
                "type": "object",
                "required": ["id", "author", "text", "buttons", "created_at"],
                "properties": {
                    "id": {"type": "integer"},
                    "author": {"enum": ["resident", "bot", "staff"]},
                    "text": {"type": "string", "description": "Plain text, never HTML."},
                    "buttons": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["payload", "label"],
                            "properties": {
                                "payload": {"type": "string"},
                                "label": {"type": "string"},
                            },
                        },
                    },
                    "created_at": {"type": "string", "format": "date-time"},
                },
            },
            "Ticket": {
                "type": "object",
                "required": ["number", "status", "team", "created_at"],
                "properties": {
                    "number": {"type": "string"},
                    "status": {"enum": ["new", "open", "waiting", "resolved", "closed"]},
                    "team": {"type": "string"},
                    "created_at": {"type": "string", "format": "date-time"},
                    "first_response_due": {"type": ["string", "null"], "format": "date-time"},
                    "resolution_due": {"type": ["string", "null"], "format": "date-time"},
                },
            },
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            },
        }
    },
}
