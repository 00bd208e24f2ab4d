"""The web chat's pages: the demo page that carries the widget, with the municipality's
names, and the pages the widget links to: its privacy notice and its accessibility
statement, in the resident's language, from the content (data/municipality.yml `pages`),
so the city keeps them with the rest of its texts and they follow content versions.

Plain server-rendered HTML with the widget's stylesheet: no inline script, every text
escaped, and a strict Content-Security-Policy on every response of the web chat.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aiohttp import web

from actions.answer import placeholders
from bot.web import RUNTIME
from nlu import LANGUAGES

STATIC = Path(__file__).resolve().parent / "static"
PAGES = ("privacy", "accessibility")
BACK = {"fi": "Takaisin chattiin", "sv": "Tillbaka till chatten", "en": "Back to the chat"}
OTHER = {"fi": "suomeksi", "sv": "på svenska", "en": "in English"}


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every response (the page, static files, errors), not only on `/`."""
    # Scripts and styles only from our own files; the socket only to this host. The page
    # has no inline script, so even a rendering bug cannot become script execution.
    host = request.host
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        f"connect-src 'self' ws://{host} wss://{host}; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")


# Used when a municipality file has no `kind` or `title` (older content).
DEFAULT_KIND = {"fi": "kunta", "sv": "kommun", "en": "municipality"}


def municipality_names(municipality: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The page's own name for the municipality in each language, from municipality.yml."""
    name = {lang: str(municipality["name"][lang]) for lang in LANGUAGES}
    kind = municipality.get("kind") or DEFAULT_KIND
    title = municipality.get("title") or name
    return {
        "name": name,
        "kind": {lang: str(kind[lang]) for lang in LANGUAGES},
        "title": {lang: str(title[lang]) for lang in LANGUAGES},
    }


def render_index(template: str, municipality: Mapping[str, Any]) -> str:
    """The demo page with the municipality's names: in Finnish for the first paint (and
    without JavaScript), and all three as JSON for the widget's language switch."""
    names = municipality_names(municipality)
    page = template.replace("{{municipality}}", html.escape(json.dumps(names), quote=True))
    for key, values in names.items():
        page = page.replace("{{" + key + "}}", html.escape(values["fi"]))
    return page


async def index(request: web.Request) -> web.Response:
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    page = render_index(template, request.app[RUNTIME].content.municipality)
    return web.Response(text=page, content_type="text/html", charset="utf-8")


def render_page(title: str, text: str, lang: str, name: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    others = " · ".join(
        f'<a href="/{name}?lang={code}" lang="{code}" hreflang="{code}">{OTHER[code]}</a>'
        for code in LANGUAGES
        if code != lang
    )
    return f"""<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)}</title>
  <link rel="stylesheet" href="/static/widget.css">
</head>
<body>
  <main class="page text-page" id="main">
    <h1>{html.escape(title)}</h1>
    {body}
    <p><a href="/">{BACK[lang]}</a></p>
    <p>{others}</p>
  </main>
</body>
</html>
"""


async def page(request: web.Request) -> web.Response:
    name = request.match_info["page"]
    lang = request.query.get("lang", "fi")
    lang = lang if lang in LANGUAGES else "fi"
    content = request.app[RUNTIME].content
    spec = (content.municipality.get("pages") or {}).get(name)
    if spec is None:
        raise web.HTTPNotFound(text="this page is not in the content")
    values = placeholders(content, content.default_team(), lang)
    text = str(spec["text"][lang]).format_map(values)
    page_html = render_page(str(spec["title"][lang]), text, lang, name)
    return web.Response(text=page_html, content_type="text/html", charset="utf-8")


def add_page_routes(app: web.Application) -> None:
    app.router.add_get("/{page:privacy|accessibility}", page)
