"""One topic of a draft, side by side in Finnish, Swedish and English, a new topic, and what
the content pages share (console/content_pages.py shows the versions and the drafts).

Each form makes one edit (content.edits) through actions.content_work.edit_draft, which
locks the draft so two editors' changes both land. A refused edit shows the page again with
its reason and with what was written (400), so nothing typed is lost.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiohttp import web

from actions import content_work, inbox_work
from actions.staff_work import WorkError
from bot.web import RUNTIME
from console.access import Viewer, may_curate
from console.i18n import N_
from console.inbox import add_new_topic_examples
from console.labels import LANGUAGE_NAMES
from console.shared import form, int_param, language, render, saved, viewer
from console.topic_figures import topic_figures
from content.document import Document, IntentDoc, intent_of, validated
from content.edits import (
    EditError,
    add_examples,
    new_intent,
    remove_example,
    retire_intent,
    set_answer,
    set_prompt,
    set_title,
)
from content.schema import TITLE_MAX
from content.validate import MIN_EXAMPLES, PLACEHOLDERS
from nlu import LANGUAGES
from taskstore import versions
from taskstore.curation import ContentVersion

CONTENT = "/console/content"
FIGURE_DAYS = 30  # the period of a topic's figures on its page


@dataclass(frozen=True)
class Phrase:
    """A text a template shows with `_()`: the catalog's English id and its values."""

    text: str
    values: Mapping[str, object] = field(default_factory=dict)


# Refusals of content.edits that carry values: the same sentences with placeholders, so the
# catalog holds them and the values still show (the others are found as they are). No
# placeholder is called `text`: that is the name of `_()`'s own first argument.
SENTENCES = (
    N_("'{example}' is already an example of the topic '{title}'."),
    N_("Unknown placeholder {names}. Known ones: {known}."),
    N_("An example is longer than {count} characters."),
    N_("The answer is longer than {count} characters."),
    N_("A title has 1 to {count} characters."),
)


def _pattern(sentence: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _, _ in string.Formatter().parse(sentence):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


_SENTENCES = [(sentence, _pattern(sentence)) for sentence in SENTENCES]


def explained(error: ValueError) -> Phrase:
    message = str(error)
    for sentence, pattern in _SENTENCES:
        if found := pattern.fullmatch(message):
            return Phrase(sentence, found.groupdict())
    return Phrase(message)


def shown(error: Phrase | None) -> dict[str, Any]:
    """The page's error, as base.html shows it."""
    return {} if error is None else {"error": error.text, "error_values": dict(error.values)}


def allowed(me: Viewer) -> None:
    if not may_curate(me):
        raise web.HTTPForbidden(text="the content is the communications team's")


def title_in(intent: IntentDoc, lang: str) -> str:
    titles = intent["title"]
    return titles.get(lang) or titles.get("fi") or next(iter(titles.values()), intent["name"])


def team_names(document: Document, lang: str) -> dict[str, str]:
    return {team["id"]: str(team["name"].get(lang, team["id"])) for team in document["teams"]}


def gaps(intent: IntentDoc) -> dict[str, list[Phrase]]:
    """What each language still lacks (the content check warns or refuses the same)."""
    found: dict[str, list[Phrase]] = {}
    for lang in LANGUAGES:
        lacking = []
        if not intent["title"].get(lang, "").strip():
            lacking.append(Phrase(N_("No title.")))
        if not intent["answers"].get(lang, "").strip():
            lacking.append(Phrase(N_("No answer.")))
        count, least = len(intent["examples"].get(lang, [])), MIN_EXAMPLES[lang]
        if count < least:
            lacking.append(
                Phrase(
                    N_("{count} example questions; at least {least} needed."),
                    {"count": count, "least": least},
                )
            )
        if lacking:
            found[lang] = lacking
    return found


async def draft_of(request: web.Request) -> ContentVersion:
    """The draft of the path (404 once it was published or discarded)."""
    draft_id = int_param(request, "id")
    async with request.app[RUNTIME].db.transaction() as session:
        row = await versions.draft(session, draft_id)
    if row is None:
        raise web.HTTPNotFound(text="no open draft with that number")
    return row


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    team: str
    kind: str
    incomplete: list[str]  # the languages that lack something, by name


def _matches(intent: IntentDoc, words: str) -> bool:
    texts = [intent["name"], *intent["title"].values()]
    texts += [t for examples in intent["examples"].values() for t in examples]
    return any(words in text.casefold() for text in texts)


def topics(document: Document, lang: str, query: Mapping[str, str]) -> list[Topic]:
    """The draft's topics by title, narrowed by the search (`q` in ids, titles and example
    questions), the team and kind chosen, and a language the topic still lacks something in
    (`missing`)."""
    words = " ".join(query.get("q", "").split()).casefold()
    team, kind, missing = query.get("team", ""), query.get("kind", ""), query.get("missing", "")
    names = team_names(document, lang)
    found = [
        Topic(
            intent["name"],
            title_in(intent, lang),
            names.get(intent["team"], intent["team"]),
            intent["kind"],
            [LANGUAGE_NAMES[code] for code in gaps(intent)],
        )
        for intent in document["intents"]
        if (not team or intent["team"] == team)
        and (not kind or intent["kind"] == kind)
        and (not words or _matches(intent, words))
        and (not missing or missing in gaps(intent))
    ]
    return sorted(found, key=lambda t: t.title.casefold())


NEW_KINDS = ("faq", "case")  # the bot's own (core) topics come with the bot


def _edit(action: str, name: str, lang: str, text: str) -> Callable[[Document], str]:
    if action == "title":
        return lambda document: set_title(document, name, lang, text)
    if action == "answer":
        return lambda document: set_answer(document, name, lang, text)
    if action == "add_examples":
        return lambda document: add_examples(document, name, lang, text.splitlines())
    if action == "remove_example":
        return lambda document: remove_example(document, name, lang, text)
    if action == "prompt":
        return lambda document: set_prompt(document, name, lang, text)
    if action == "retire":
        return lambda document: retire_intent(document, name)
    raise web.HTTPBadRequest(text="unknown action")


async def topic_page(
    request: web.Request,
    *,
    error: Phrase | None = None,
    posted: Mapping[str, str] | None = None,
) -> web.Response:
    allowed(viewer(request))
    row = await draft_of(request)
    document = validated(row.document)
    intent = intent_of(document, request.match_info["name"])
    if intent is None:
        raise web.HTTPNotFound(text="no such topic in this draft")
    lang = language(request)
    runtime = request.app[RUNTIME]
    async with runtime.db.transaction() as session:
        figures = await topic_figures(
            session, intent["name"], runtime.clock() - timedelta(days=FIGURE_DAYS)
        )
    return render(
        request,
        "content_topic.html",
        status=400 if error else 200,
        **shown(error),
        draft=row,
        intent=intent,
        title=title_in(intent, lang),
        team=team_names(document, lang).get(intent["team"], intent["team"]),
        gaps=gaps(intent),
        least=MIN_EXAMPLES,
        title_max=TITLE_MAX,
        placeholders=sorted(PLACEHOLDERS),
        posted=dict(posted or {}),
        languages=LANGUAGES,
        figures=figures,
        figure_days=FIGURE_DAYS,
    )


async def topic_change(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    allowed(me)
    row = await draft_of(request)
    name = request.match_info["name"]
    fields = await form(request)
    action, lang = fields.get("action", ""), fields.get("lang", "")
    change = _edit(action, name, lang, fields.get("text", ""))
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            await content_work.edit_draft(session, row.id, me.id, change)
    except (EditError, WorkError) as exc:
        return await topic_page(request, error=explained(exc), posted=fields)
    draft = f"{CONTENT}/drafts/{row.id}"
    if action == "retire":
        raise saved(request, "topic_retired", draft)
    # Back to the language's column, where the form was.
    anchor = f"#in-{lang}" if lang in LANGUAGES else ""
    raise saved(request, "saved", f"{draft}/topics/{name}{anchor}")


async def new_topic_page(
    request: web.Request,
    *,
    error: Phrase | None = None,
    fields: Mapping[str, str] | None = None,
) -> web.Response:
    allowed(viewer(request))
    row = await draft_of(request)
    names = team_names(validated(row.document), language(request))
    group = (fields or request.query).get("group", "")
    questions: dict[str, list[str]] = {}
    replies: dict[str, list[str]] = {}
    if group.isdigit():  # a topic made of an inbox group: its questions are shown
        async with request.app[RUNTIME].db.transaction() as session:
            questions = await inbox_work.group_texts(session, int(group))
            replies = await inbox_work.group_replies(session, int(group))
    return render(
        request,
        "content_new.html",
        status=400 if error else 200,
        **shown(error),
        draft=row,
        teams=sorted(names.items(), key=lambda item: item[1]),
        kinds=NEW_KINDS,
        values=dict(fields or {"kind": "faq"}),
        title_max=TITLE_MAX,
        languages=LANGUAGES,
        group=group if questions else "",
        questions=questions,
        replies=replies,
    )


async def new_topic_post(request: web.Request) -> web.StreamResponse:
    me = viewer(request)
    allowed(me)
    row = await draft_of(request)
    fields = await form(request)
    name = fields.get("name", "").strip()

    def add(document: Document) -> str:
        return new_intent(
            document,
            name,
            team=fields.get("team", ""),
            kind=fields.get("kind", ""),
            sensitive=fields.get("sensitive") == "on",
            titles={lang: fields.get(f"title_{lang}", "") for lang in LANGUAGES},
            answers={lang: fields.get(f"answer_{lang}", "") for lang in LANGUAGES},
            prompts={lang: fields.get(f"prompt_{lang}", "") for lang in LANGUAGES},
            slots=("location",) if fields.get("location") == "on" else (),
        )

    group = fields.get("group", "")
    try:
        async with request.app[RUNTIME].db.transaction() as session:
            await content_work.edit_draft(session, row.id, me.id, add)
            if group.isdigit():  # the inbox group's questions become its first examples
                await add_new_topic_examples(session, row.id, int(group), name, me)
    except (EditError, WorkError) as exc:
        return await new_topic_page(request, error=explained(exc), fields=fields)
    raise saved(request, "topic_added", f"{CONTENT}/drafts/{row.id}/topics/{name}")
