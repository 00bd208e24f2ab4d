"""Who a request comes from: the client's address, for limits and the sign-in throttle.

Behind a reverse proxy every request comes from the proxy, so the proxy's own header names
the client; a header anyone can send is believed only from a proxy the city configured
(TRUSTED_PROXIES), or a client could pick the address its limits are counted on.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class ClientAddresses:
    trusted_proxies: frozenset[str] = frozenset()

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


CLIENTS = web.AppKey("clients", ClientAddresses)


def client_address(request: web.Request) -> str:
    """The client's address as the app was configured to read it (sub-apps included)."""
    clients = request.config_dict.get(CLIENTS) or ClientAddresses()
    return clients.of(request)
