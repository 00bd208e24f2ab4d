"""What the HTTP channels share: the app key that holds the runtime, clear JSON errors and
reading a JSON body. The app itself is assembled in `kuntabotti.app`."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

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
        log.exception("message not stored on %s %s", request.method, request.rel_url.path)
        return error(503, "the message could not be stored; please send it again")
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith("/api/"):
            return error(exc.status, exc.reason)
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.rel_url.path)
        return error(500, "internal error")


async def json_body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise BadInput(f"request body is larger than {MAX_BODY} bytes")
    try:
        body = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput("request body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise BadInput("request body must be a JSON object")
    return body


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})
