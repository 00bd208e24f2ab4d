"""Console sign-in: argon2 passwords, server-side sessions, CSRF tokens, and a throttle on
guessing (console/sign_in_guard.py) instead of a lockout anyone could turn on an account.

The session cookie carries a random token; the store keeps only its SHA-256, so a copy of
the database hands out no sessions. The cookie is HttpOnly and SameSite=Strict, and Secure
whenever the console is served over https (directly or behind a proxy that says so). Every
state-changing request carries the session's CSRF token (a hidden form field or the
X-CSRF-Token header); the login form has its own double-submit token.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
import secrets
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clients import client_address
from bot.web import RUNTIME, Handler
from console import sign_in_guard
from console.access import Viewer
from console.i18n import N_
from console.shared import CSRF, VIEWER, form, redirect, render
from taskstore import StaffTeam, StaffUser
from taskstore.models import StaffSession
from taskstore.staff import hash_password, verify_password

SESSION_COOKIE = "kb_console"
LOGIN_COOKIE = "kb_console_login"
SESSION_HOURS = 10  # a working day; then sign in again
# The language choice is public too: the sign-in page offers it (it changes only a cookie).
PUBLIC = ("/console/login", "/console/static/", "/console/language")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# Verified against for unknown usernames, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password("not a real password, only a timing decoy")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_https(request: web.Request) -> bool:
    return request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"


def _set_cookie(response: web.StreamResponse, request: web.Request, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        path="/console",
        httponly=True,
        samesite="Strict",
        secure=is_https(request),
    )


async def load_viewer(
    session: AsyncSession, token: str, now: datetime
) -> tuple[Viewer, str] | None:
    """(viewer, csrf token) of a live session of an active account, else None."""
    row = (
        await session.execute(
            select(StaffSession, StaffUser)
            .join(StaffUser, StaffUser.id == StaffSession.staff_id)
            .where(StaffSession.id == _digest(token))
        )
    ).first()
    if row is None:
        return None
    staff_session, user = row
    if staff_session.expires_at <= now or not user.active:
        return None
    return await viewer_of(session, user), staff_session.csrf_token


async def viewer_of(session: AsyncSession, user: StaffUser) -> Viewer:
    teams = (
        await session.scalars(select(StaffTeam.team_id).where(StaffTeam.staff_id == user.id))
    ).all()
    return Viewer(user.id, user.username, user.display_name, user.role, frozenset(teams))


@web.middleware
async def require_login(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every console route but the login page and static files needs a session; every
    state-changing request its CSRF token. The console's own middleware: it sees no other
    route."""
    if request.path.startswith(PUBLIC):
        return await handler(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    runtime = request.app[RUNTIME]
    found = None
    if token:
        async with runtime.db.transaction() as session:
            found = await load_viewer(session, token, runtime.clock())
    if found is None:
        if request.method in SAFE_METHODS and "text/html" in request.headers.get(
            "Accept", "text/html"
        ):
            raise redirect("/console/login", next=request.path_qs)
        raise web.HTTPUnauthorized(text="sign in first")
    request[VIEWER], request[CSRF] = found
    if request.method not in SAFE_METHODS:
        await check_csrf(request, found[1])
    return await handler(request)


async def check_csrf(request: web.Request, expected: str) -> None:
    given = request.headers.get("X-CSRF-Token")
    if given is None and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        given = (await form(request)).get("csrf")
    if not given or not _same(given, expected):
        raise web.HTTPForbidden(text="missing or wrong CSRF token; reload the page")


def _same(given: str, expected: str) -> bool:
    """Constant-time; bytes, because compare_digest refuses non-ASCII text (a 500)."""
    return hmac.compare_digest(given.encode(), expected.encode())


def _safe_next(value: str | None) -> str:
    """Only a path inside the console: the login page is no open redirect."""
    if value and value.startswith("/console/") and not value.startswith("//"):
        return value
    return "/console/"


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        login_csrf=token,
        next=_safe_next(request.query.get("next")),
        error=None,
    )
    _set_cookie(response, request, LOGIN_COOKIE, token)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    data = await form(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not _same(data.get("csrf", ""), expected):
        raise web.HTTPForbidden(text="the sign-in form expired; reload the page")
    username = data.get("username", "").strip()
    password = data.get("password", "")
    target = _safe_next(data.get("next"))
    runtime = request.app[RUNTIME]
    now = runtime.clock()
    address = client_address(request)
    # The slow argon2 check runs between two short transactions: on SQLite a transaction
    # holds the one write lock, and a login must not stall every resident's turn.
    async with runtime.db.transaction() as session:
        user = await session.scalar(select(StaffUser).where(StaffUser.username == username))
        # An unknown name is kept only as a digest: people type passwords into that field.
        typed = username if user is not None else sign_in_guard.unknown_name(username)
        wait = await sign_in_guard.wait_before(session, address, typed, now)
        if user is not None:
            session.expunge(user)
    error: str | None
    if wait:
        # As slow as a real check, so the time tells nothing either.
        await asyncio.to_thread(verify_password, _DUMMY_HASH, password)
        error, rehash = SLOWED, None
    else:
        error, rehash = await _check_password(user, password)
    token = secrets.token_urlsafe(32)
    async with runtime.db.transaction() as session:
        if not wait:
            await sign_in_guard.record(session, address, typed, error is None, now)
        if user is not None and error is None:
            await _start_session(session, user.id, token, now, rehash)
    if error is not None:
        fresh = secrets.token_urlsafe(24)
        response = render(
            request,
            "login.html",
            status=429 if wait else 401,
            login_csrf=fresh,
            next=target,
            error=error,
            error_values={"minutes": max(1, math.ceil(wait.total_seconds() / 60))},
        )
        if wait:
            response.headers["Retry-After"] = str(math.ceil(wait.total_seconds()))
        _set_cookie(response, request, LOGIN_COOKIE, fresh)
        return response
    response = redirect(target)
    _set_cookie(response, request, SESSION_COOKIE, token)
    response.del_cookie(LOGIN_COOKIE, path="/console")
    raise response


WRONG = N_("Wrong username or password.")
# The same for every name, known or not: a name's owner elsewhere is not affected.
SLOWED = N_("Too many failed attempts. Try again in {minutes} minutes.")


async def _check_password(user: StaffUser | None, password: str) -> tuple[str | None, str | None]:
    """(None, a new hash if the parameters were raised) when the password is right; else
    (the English error, translated by the page, None). Reads only: no transaction is open."""
    if user is None or not user.active:
        await asyncio.to_thread(verify_password, _DUMMY_HASH, password)
        return WRONG, None
    ok, stale = await asyncio.to_thread(verify_password, user.password_hash, password)
    if not ok:
        return WRONG, None
    return None, (await asyncio.to_thread(hash_password, password)) if stale else None


async def _start_session(
    session: AsyncSession, user_id: int, token: str, now: datetime, new_hash: str | None
) -> None:
    if new_hash is not None:
        await session.execute(
            update(StaffUser).where(StaffUser.id == user_id).values(password_hash=new_hash)
        )
    session.add(
        StaffSession(
            id=_digest(token),
            staff_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    await session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))


async def logout(request: web.Request) -> web.StreamResponse:
    token = request.cookies.get(SESSION_COOKIE, "")
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        await session.execute(delete(StaffSession).where(StaffSession.id == _digest(token)))
    response = redirect("/console/login")
    response.del_cookie(SESSION_COOKIE, path="/console")
    raise response
