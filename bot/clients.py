"""Who a request comes from: the client's address, for limits and the sign-in throttle,
and for a browser's web-chat socket the page it was opened from.

Behind a reverse proxy every request comes from the proxy, so the proxy's own header names
the client; a header anyone can send is believed only from a proxy the city configured
(TRUSTED_PROXIES), or a client could pick the address its limits are counted on.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web


@dataclass(frozen=True)
class Clients:
    trusted_proxies: frozenset[str] = frozenset()
    public_origin: str | None = None  # PUBLIC_URL's scheme and host, e.g. https://kunta.fi

    def page_allowed(self, request: web.Request) -> bool:
        """A browser names the page that opens a socket (`Origin`): ours, or the configured
        public address; another site's page may not talk in a resident's name. Clients
        that are no browsers send no Origin."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        parts = urlsplit(origin)
        return origin.rstrip("/") == self.public_origin or parts.netloc == request.host

    def of(self, request: web.Request) -> str:
        """The nearest address on the way that is not a trusted proxy."""
        address = request.remote or "unknown"
        if address not in self.trusted_proxies:
            return address
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
        for hop in reversed([h for h in hops if h]):
            if hop not in self.trusted_proxies:
                return hop[:64]
        return address


def origin_of(url: str | None) -> str | None:
    """The origin (scheme and host) of an address such as PUBLIC_URL."""
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


CLIENTS = web.AppKey("clients", Clients)


def clients_of(request: web.Request) -> Clients:
    """How the app was configured to see its clients (sub-apps included)."""
    return request.config_dict.get(CLIENTS) or Clients()


def client_address(request: web.Request) -> str:
    return clients_of(request).of(request)
