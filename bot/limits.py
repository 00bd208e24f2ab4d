"""Rate limits per client address: a flood gets 429 with Retry-After, other clients go on.

Each limit is N requests per window, counted in this worker's memory (a sliding window of
the requests' times): with several workers a client gets up to N in each, which still
stops a flood, and nothing is written to the store for a request that is refused. The
client's address is bot/clients.py's (behind a trusted proxy, the forwarded one).

RATE_LIMITS overrides the defaults, e.g. `conversations=20/60,messages=120/60`.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import web

from bot.clients import client_address
from bot.web import Handler, error

# name: (requests, seconds). Sized for one city: a library's shared computers are one
# address, and a resident types a message every few seconds at most.
DEFAULTS: dict[str, tuple[int, float]] = {
    "conversations": (20, 60.0),  # new conversations over REST
    "messages": (120, 60.0),  # REST messages and web-chat frames (bot/webchat.py)
    "sockets": (60, 60.0),  # web chat connects (each may start a conversation), reconnects too
}
# The routes each limit counts: (method, the route's pattern).
ROUTES: dict[tuple[str, str], str] = {
    ("POST", "/api/v1/conversations"): "conversations",
    ("POST", "/api/v1/conversations/{token}/messages"): "messages",
    ("GET", "/ws"): "sockets",
}


@dataclass
class Window:
    """At most `count` hits in any `seconds`, per key."""

    count: int
    seconds: float
    clock: Callable[[], float] = time.monotonic
    hits: dict[str, deque[float]] = field(default_factory=dict)

    def wait(self, key: str) -> float:
        """0 when the hit is allowed (and counted), else the seconds until it would be."""
        now = self.clock()
        times = self.hits.setdefault(key, deque())
        while times and times[0] <= now - self.seconds:
            times.popleft()
        if len(times) >= self.count:
            return times[0] + self.seconds - now
        times.append(now)
        if len(self.hits) > 10_000:  # forget addresses that went quiet
            self.hits = {k: v for k, v in self.hits.items() if v and v[-1] > now - self.seconds}
        return 0.0


def parse_limits(text: str) -> dict[str, tuple[int, float]]:
    """`name=count/seconds,...` over the defaults; ValueError says what is wrong."""
    limits = dict(DEFAULTS)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        count, _, seconds = value.partition("/")
        if name.strip() not in DEFAULTS or not count.strip().isdigit():
            raise ValueError(f"RATE_LIMITS: '{part}' is not one of {', '.join(DEFAULTS)}=N/S")
        limits[name.strip()] = (int(count), float(seconds or 60))
    return limits


class Limits:
    """The windows, and the middleware that applies them to ROUTES; the web chat asks
    `messages` itself for each frame (a socket is one request)."""

    def __init__(
        self,
        limits: Mapping[str, tuple[int, float]] = DEFAULTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.windows = {
            name: Window(count, seconds, clock) for name, (count, seconds) in limits.items()
        }

    def wait(self, name: str, request: web.Request) -> float:
        """0 when the client may go on (counted), else the seconds to wait."""
        return self.windows[name].wait(client_address(request))

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        resource = request.match_info.route.resource
        name = ROUTES.get((request.method, resource.canonical if resource is not None else ""))
        if name is not None:
            wait = self.wait(name, request)
            if wait > 0:
                response = error(429, f"too many requests; try again in {math.ceil(wait)} s")
                response.headers["Retry-After"] = str(math.ceil(wait))
                return response
        return await handler(request)


LIMITS = web.AppKey("limits", Limits)


def limits_of(request: web.Request) -> Limits | None:
    return request.config_dict.get(LIMITS)
