"""Console sign-in and authorisation over real HTTP: sessions, CSRF, lockout, and every
console route refused to the anonymous and to other teams' staff."""

from __future__ import annotations

import re

import httpx
from aiohttp import web

from content import Content
from nlu import NLUModel
from tests.helpers.console_kit import (
    GENERAL,
    PASSWORD,
    STREETS,
    WELFARE,
    Console,
    csrf_of,
    post,
    run_console,
    sign_in,
)


def test_sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_the_session(
    console: Console,
) -> None:
    http = console.client()
    response = sign_in(http, "liisa")
    assert response.status_code == 303 and response.headers["location"] == "/console/"
    cookie = response.headers["set-cookie"]
    assert "kb_console=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http on loopback
    queue = http.get("/console/queue")
    assert queue.status_code == 200 and "Liisa Virtanen" in queue.text
    policy = queue.headers["content-security-policy"]  # no inline script, no framing
    assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert queue.headers["cache-control"] == "no-store"
    stolen = dict(http.cookies)

    assert post(http, "/console/logout", "/console/queue").status_code == 303
    assert http.get("/console/queue", follow_redirects=False).status_code == 303
    replay = console.client()
    replay.cookies.update(stolen)  # the old cookie is worth nothing after sign-out
    assert replay.get("/console/queue", follow_redirects=False).status_code == 303


def test_cookie_is_secure_behind_an_https_proxy(console: Console) -> None:
    http = console.client()
    http.headers["X-Forwarded-Proto"] = "https"
    # (a real browser would now send the cookies only over https, which this test cannot)
    assert "Secure" in http.get("/console/login").headers["set-cookie"]


def test_guessing_is_slowed_for_the_guesser_and_nobody_is_locked_out(console: Console) -> None:
    guesser = console.client()
    guesser.headers["X-Forwarded-For"] = "203.0.113.7"
    for _ in range(5):
        response = sign_in(guesser, "matti", "väärä salasana!!")
        assert response.status_code == 401 and "Wrong username or password" in response.text
    slowed = sign_in(guesser, "matti", PASSWORD)  # now even the right password waits
    assert slowed.status_code == 429 and "Too many failed attempts" in slowed.text
    assert slowed.headers["Retry-After"] == "15"
    # A name nobody has is answered the same way: the replies tell no names.
    for _ in range(5):
        assert "Wrong username or password" in sign_in(guesser, "nobody", "x" * 12).text
    assert sign_in(guesser, "nobody", "x" * 12).status_code == 429
    # The account's owner, elsewhere, is not kept out.
    owner = console.client()
    owner.headers["X-Forwarded-For"] = "198.51.100.4"
    assert sign_in(owner, "matti").status_code == 303
    staff_page = console.client("admin").get("/console/admin/staff").text
    assert "Failed sign-ins in the last 7 days" in staff_page
    assert "203.0.113.7" in staff_page and "matti" in staff_page
    assert "a name no account has" in staff_page and "nobody" not in staff_page
    assert "198.51.100.4" not in staff_page  # a success is no failure


def test_state_changes_need_the_csrf_token(console: Console) -> None:
    number = console.ticket(GENERAL).number
    http = console.client("liisa")
    url = f"/console/tickets/{number}/comment"
    assert http.post(url, data={"text": "no token"}).status_code == 403
    assert http.post(url, data={"text": "wrong", "csrf": "x" * 43}).status_code == 403
    assert http.post(url, data={"text": "wrong", "csrf": "ääkköset"}).status_code == 403
    ok = post(http, url, f"/console/tickets/{number}", text="oikea")
    assert ok.status_code == 303
    page = http.get(f"/console/tickets/{number}")
    assert "oikea" in page.text and "no token" not in page.text


def test_login_form_refuses_a_post_without_its_own_token(console: Console) -> None:
    http = console.client()
    response = http.post("/console/login", data={"username": "liisa", "password": PASSWORD})
    assert response.status_code == 403


def test_login_never_redirects_outside_the_console(console: Console) -> None:
    http = console.client()
    page = http.get("/console/login", params={"next": "https://evil.example/"})
    assert "evil.example" not in page.text
    response = http.post(
        "/console/login",
        data={
            "csrf": csrf_of(page.text),
            "username": "liisa",
            "password": PASSWORD,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/console/"


def test_language_can_be_chosen_before_signing_in(console: Console) -> None:
    """The one public POST: it sets a cookie and redirects within the console, nothing else."""
    http = console.client()
    chosen = http.post(
        "/console/language",
        data={"lang": "sv", "next": "/console/login"},
        follow_redirects=False,
    )
    assert chosen.status_code == 303 and chosen.headers["location"] == "/console/login"
    assert (
        'lang="sv"' in http.get("/console/login").text
        and "Logga in" in http.get("/console/login").text
    )
    away = http.post("/console/language", data={"lang": "fi", "next": "https://evil.example/"})
    assert away.headers.get("location", "/console/") == "/console/"


# --- every route -----------------------------------------------------------------------

PUBLIC = {"/console/login", "/console/static", "/console/language"}  # see the test below


def _concrete(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def console_routes(app: web.Application) -> list[tuple[str, str]]:
    found = []
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter") or info.get("prefix", "")
        if path.startswith("/console") and route.method != "HEAD":
            found.append((route.method, path))
    return sorted(set(found))


def test_every_console_route_refuses_the_anonymous(console: Console) -> None:
    ticket = console.ticket(GENERAL)
    values = {
        "number": ticket.number,
        "id": str(ticket.conversation_id),
        "action": "claim",
        "team": GENERAL,
        "name": "x",
    }
    anonymous = console.client()
    checked = 0
    for method, path in console_routes(console.server.app):
        if any(path.startswith(p) for p in PUBLIC):
            continue
        url = _concrete(path, values)
        response = anonymous.request(method, url, follow_redirects=False)
        # The bare prefix belongs to the main app: it only points into the console.
        entry = "/console/" if path == "/console" else "/console/login"
        if method == "GET" and response.status_code == 303:
            assert response.headers["location"].startswith(entry), url
        else:
            assert response.status_code == 401, (method, url, response.status_code)
        checked += 1
    assert checked >= 15


# Requests another team's member must not get through, per route (method, path pattern):
# the values to put in, and the query string. Every console route must be listed here or
# in SHARED: a new route without a rule fails the test.
SHARED = {
    ("GET", "/console"),
    ("GET", "/console/"),
    ("GET", "/console/queue"),  # lists only the viewer's own teams (checked below)
    ("POST", "/console/language"),
    ("POST", "/console/logout"),
    ("GET", "/console/dashboard"),  # the viewer's own team by default (checked below)
    ("GET", "/console/dashboard.csv"),
}


def test_every_console_route_refuses_other_teams_and_private_tickets(console: Console) -> None:
    general = console.ticket(GENERAL, text="Kysymys yleisneuvontaan")
    private = console.ticket(WELFARE, private=True, text="Arkaluonteinen asia")
    outsider = console.client("pekka")  # streets and traffic only
    admin = console.client("admin")  # every non-private ticket, but not welfare's private ones
    token = csrf_of(outsider.get("/console/queue").text)
    admin_token = csrf_of(admin.get("/console/queue").text)

    def refused(http: httpx.Client, method: str, url: str, csrf: str) -> int:
        data = {"csrf": csrf, "text": "x", "team": GENERAL, "reason": "x", "status": "resolved"}
        response = http.request(
            method, url, data=data if method == "POST" else None, follow_redirects=False
        )
        return response.status_code

    routes = console_routes(console.server.app)
    unknown = []
    for method, path in routes:
        if any(path.startswith(p) for p in PUBLIC) or (method, path) in SHARED:
            continue
        if path.startswith("/console/content"):  # the communications team's and admins'
            url = _concrete(path, {"id": "1", "number": "1", "name": "x"})
            assert refused(outsider, method, url, token) == 403, (method, url)
        elif "{number}" in path or ("{id}" in path and "conversations" in path):
            actions = _actions(method, path)
            for action in actions:
                for ticket, http, csrf in (
                    (general, outsider, token),
                    (private, outsider, token),
                    (private, admin, admin_token),
                ):
                    values = {
                        "number": ticket.number,
                        "id": str(ticket.conversation_id),
                        "action": action,
                    }
                    url = _concrete(path, values)
                    assert refused(http, method, url, csrf) == 403, (method, url)
        elif "{team}" in path:
            url = _concrete(path, {"team": GENERAL})
            assert refused(outsider, method, url, token) == 403, (method, url)
        elif path.startswith(("/console/admin", "/console/notices", "/console/inbox")):
            url = _concrete(path, {"id": "1"})
            assert refused(outsider, method, url, token) == 403, (method, url)
        elif path == "/console/queue/events":
            assert refused(outsider, method, f"{path}?team={GENERAL}", token) == 403
        else:
            unknown.append((method, path))
    assert not unknown, f"routes without an authorisation rule in this test: {unknown}"
    # The shared pages show nothing of other teams.
    assert refused(outsider, "GET", f"/console/queue?team={GENERAL}", token) == 403
    assert refused(outsider, "GET", f"/console/dashboard?team={GENERAL}", token) == 403
    assert refused(outsider, "GET", f"/console/dashboard.csv?team={GENERAL}", token) == 403
    assert general.number not in outsider.get("/console/queue").text
    admin_queue = admin.get(f"/console/queue?team={WELFARE}").text
    assert private.number not in admin_queue
    assert general.number in admin.get(f"/console/queue?team={GENERAL}").text
    # ...while the owning team sees its private ticket.
    hanna = console.client("hanna")
    assert private.number in hanna.get("/console/queue").text
    assert hanna.get(f"/console/tickets/{private.number}").status_code == 200
    assert STREETS  # the outsider's team has its own queue
    assert outsider.get(f"/console/queue?team={STREETS}").status_code == 200


def _actions(method: str, path: str) -> list[str]:
    if "{action}" not in path:
        return [""]
    if "tickets" in path:
        from console.tickets import ACTIONS

        return sorted(ACTIONS)
    return ["take", "return", "reply"]


def test_ticket_work_on_postgresql(pg_database_url: str, content: Content, model: NLUModel) -> None:
    """The console's queries and every ticket action on the production database."""
    server = run_console(pg_database_url, content, model)
    console = next(server)
    try:
        ticket = console.ticket(GENERAL, text="Kysymys PostgreSQL:ssä")
        liisa = console.client("liisa")
        page = f"/console/tickets/{ticket.number}"
        matti = re.search(r'<option value="(\d+)"\s*>Matti Korhonen', liisa.get(page).text)
        assert matti is not None
        steps = [
            ("claim", {}),
            ("comment", {"text": "PG-kommentti"}),
            ("helper", {"team": STREETS}),
            ("status", {"status": "waiting"}),
            ("priority", {"priority": "high"}),
            ("assign", {"assignee": matti.group(1)}),
            ("reassign", {"team": STREETS, "reason": "Katuasia"}),
        ]
        for action, data in steps:
            assert post(liisa, f"{page}/{action}", page, **data).status_code == 303, action
        pekka = console.client("pekka")
        assert ticket.number in pekka.get(f"/console/queue?team={STREETS}").text
        history = pekka.get(page).text
        for seen in ("PG-kommentti", "Katuasia", "Matti Korhonen", "waiting"):
            assert seen in history
        assert liisa.get(page).status_code == 403  # handed to a team she is not in
    finally:
        server.close()
