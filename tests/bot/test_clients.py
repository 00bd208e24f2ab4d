"""Whose address a request counts on (bot/clients.py): a forwarded-for header is believed
only from a configured proxy."""

from __future__ import annotations

from unittest.mock import Mock

from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.clients import Clients, origin_of


def request(remote: str, forwarded: str | None = None, origin: str | None = None) -> web.Request:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    headers |= {"Origin": origin, "Host": "127.0.0.1:8080"} if origin else {}
    transport = Mock()
    transport.get_extra_info.return_value = (remote, 40000)
    return make_mocked_request("POST", "/console/login", headers=headers, transport=transport)


def test_a_forwarded_address_counts_only_from_a_trusted_proxy() -> None:
    behind = Clients(frozenset({"10.0.0.2", "10.0.0.3"}))
    assert behind.of(request("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    # The nearest hop that is no proxy of ours: what a client put in front is not believed.
    assert behind.of(request("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.3")) == "203.0.113.7"
    assert behind.of(request("198.51.100.4", "203.0.113.7")) == "198.51.100.4"
    assert behind.of(request("10.0.0.2")) == "10.0.0.2"
    assert Clients().of(request("10.0.0.2", "203.0.113.7")) == "10.0.0.2"


def test_a_chat_socket_opens_from_our_own_pages_only() -> None:
    public = Clients(public_origin=origin_of("https://kunta.example/botti/"))
    assert public.public_origin == "https://kunta.example"
    assert public.page_allowed(request("10.0.0.2"))  # no browser: no Origin
    assert public.page_allowed(request("10.0.0.2", origin="http://127.0.0.1:8080"))  # same host
    assert public.page_allowed(request("10.0.0.2", origin="https://kunta.example"))
    assert not public.page_allowed(request("10.0.0.2", origin="https://evil.example"))
    assert not Clients().page_allowed(request("10.0.0.2", origin="https://kunta.example"))
    assert origin_of(None) is None and origin_of("kunta.example") is None
