"""What the HTTP channels share: the app key that holds the runtime, clear JSON errors and
reading a JSON body. The app itself is assembled in `kuntabotti.app`."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from bot.openapi import MAX_ID, request_schema
from bot.runtime import BadInput, NotStored, Runtime, UnknownConversation

RUNTIME = web.AppKey("runtime", Runtime)
MAX_BODY = 64 * 1024

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@web.middleware
async def clear_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Bad input gets a JSON error that says what is wrong; nothing else leaks."""
    try:
        return await handler(request)
    except BadInput as exc:
        return error(400, str(exc))
    except UnknownConversation:
        return error(404, "unknown conversation token")
    except NotStored:
        log.exception("message not stored on %s %s", request.method, route_of(request))
        return error(503, "the message could not be stored; please send it again")
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith("/api/"):
            response = error(exc.status, exc.reason)
            if "Allow" in exc.headers:  # a 405 says which methods the route has
                response.headers["Allow"] = exc.headers["Allow"]
            return response
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, route_of(request))
        return error(500, "internal error")


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(request_schema(name))  # made once: every message meets it


def valid_body(body: object, name: str) -> None:
    """BadInput unless `body` fits the request schema `name` of the OpenAPI document."""
    found = best_match(_validator(name).iter_errors(body))
    if found is not None:
        where = "/".join(str(p) for p in found.absolute_path) or "body"
        raise BadInput(f"{where}: {found.message}")


def route_of(request: web.Request) -> str:
    """The route's pattern, e.g. /api/v1/conversations/{token}/messages: a log line names
    the route, never a conversation token (whoever holds one reads the conversation)."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"


async def json_body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise BadInput(f"request body is larger than {MAX_BODY} bytes")
    try:
        body = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput("request body is not valid JSON") from exc
    except RecursionError as exc:  # nested deeper than the parser goes
        raise BadInput("request body is nested too deeply") from exc
    if not isinstance(body, dict):
        raise BadInput("request body must be a JSON object")
    return body


def message_id(value: str) -> int:
    """A message id from a query parameter; ValueError if it is not one."""
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise ValueError(f"message id out of range: {value}")
    return number


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})
