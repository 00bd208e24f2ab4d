"""The pages the web chat links to: its privacy notice and its accessibility statement, in
the resident's language, from the content (data/municipality.yml `pages`), so the city
keeps them with the rest of its texts and they follow content versions.

Plain server-rendered HTML with the widget's stylesheet: no script, every text escaped.
"""

from __future__ import annotations

import html

from aiohttp import web

from actions.answer import placeholders
from bot.web import RUNTIME
from nlu import LANGUAGES

PAGES = ("privacy", "accessibility")
BACK = {"fi": "Takaisin chattiin", "sv": "Tillbaka till chatten", "en": "Back to the chat"}
OTHER = {"fi": "suomeksi", "sv": "på svenska", "en": "in English"}


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
