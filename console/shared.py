"""What every console page shares: the Jinja2 environment, the staff's language, the
signed-in viewer and small HTTP helpers.

Pages are rendered on the server and work without JavaScript (plain forms, POST then
redirect); `console.js` only adds live updates. Jinja2 autoescapes everything, so a
resident's text is always shown as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from actions.retention import Periods
from actions.sla import HELSINKI
from bot.mailer import SendsMail
from bot.web import RUNTIME
from console.access import Viewer
from console.i18n import LANGUAGES, N_, gettext
from console.labels import LANGUAGE_NAMES, Labels

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ConsoleConfig:
    """What the console needs beyond the runtime: the mailer (None: no e-mail) and the
    models folder (where a draft's check trains its model)."""

    mailer: SendsMail | None = None
    models: Path = Path("models")
    # CONTENT_ANSWER_APPROVAL: changed answers are published only after a second comms
    # person, one who did not edit the draft, approved them.
    answer_approval: bool = False
    # The city's test questions (content.testset), scored in every draft's check.
    test_set: Path | None = None
    # RETENTION: shown to admins beside the record of retention runs.
    retention: Periods = field(default_factory=Periods)


CONSOLE = web.AppKey("console", ConsoleConfig)
LANG_COOKIE = "kb_console_lang"
FLASH_COOKIE = "kb_console_flash"
# What a form's success says on the next page. The cookie carries only the key, so no
# request can make a page show text of its choosing.
FLASHES = {
    "saved": N_("Saved."),
    "added": N_("Account added."),
    "disabled": N_("Account disabled; its sessions were ended."),
    "enabled": N_("Account enabled."),
    "password": N_("Password set; the account's sessions were ended."),
    "reply_added": N_("Canned reply added."),
    "reply_removed": N_("Canned reply removed."),
    "claimed": N_("You now handle this ticket."),
    "commented": N_("Comment added."),
    "reassigned": N_("The ticket was moved to the other team."),
    "helper": N_("Helper added."),
    "taken": N_("You took over the conversation."),
    "returned": N_("The conversation is back with the bot."),
    "sent": N_("Message sent to the resident."),
    "language": N_("Language changed."),
    "notice_posted": N_("Notice posted."),
    "notice_ended": N_("Notice ended."),
    "draft_started": N_("Draft started."),
    "draft_published": N_("Draft published: every part of the bot answers with it in a moment."),
    "draft_approved": N_("Answers approved: the draft can be published once its check passed."),
    "rolled_back": N_("Rolled back: the bot answers with that version again in a moment."),
    "draft_discarded": N_("Draft discarded."),
    "check_started": N_("The check started; it takes from a few seconds to a minute."),
    "topic_added": N_("Topic added to the draft; add its example questions next."),
    "topic_retired": N_("Topic retired in the draft."),
}
VIEWER = web.RequestKey("viewer", Viewer)  # the signed-in staff member
CSRF = web.RequestKey("csrf", str)  # the session's CSRF token

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a missing value is a bug, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
)


def local_time(value: datetime | None, fmt: str = "%d.%m.%Y %H:%M") -> str:
    """Times are stored in UTC; staff read them in Helsinki time."""
    return "" if value is None else value.astimezone(HELSINKI).strftime(fmt)


_env.filters["local"] = local_time
_env.globals["language_names"] = LANGUAGE_NAMES  # the picker names each language in itself


def language(request: web.Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    accepted = request.headers.get("Accept-Language", "")
    for part in accepted.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "fi"


def viewer(request: web.Request) -> Viewer:
    return request[VIEWER]


def render(
    request: web.Request, template: str, *, status: int = 200, **values: Any
) -> web.Response:
    lang = language(request)
    values.setdefault("error", None)
    flash = FLASHES.get(request.cookies.get(FLASH_COOKIE, ""))
    page = _env.get_template(template).render(
        _=lambda text, **kw: gettext(text, lang, **kw),
        lang=lang,
        labels=Labels(request.app[RUNTIME].content, lang),
        flash=flash,
        me=request.get(VIEWER),
        csrf=request.get(CSRF, ""),
        path=request.path,
        query=request.rel_url.query,
        **values,
    )
    response = web.Response(text=page, content_type="text/html", status=status)
    response.headers["Cache-Control"] = "no-store"  # pages hold personal data
    if FLASH_COOKIE in request.cookies:
        response.del_cookie(FLASH_COOKIE, path="/console")  # said once
    return response


def redirect(location: str, **query: object) -> web.HTTPSeeOther:
    """POST -> redirect -> GET: a reload never repeats an action."""
    shown = {k: str(v) for k, v in query.items() if v not in (None, "")}
    return web.HTTPSeeOther(location + ("?" + urlencode(shown) if shown else ""))


def saved(request: web.Request, what: str, location: str, **query: object) -> web.HTTPSeeOther:
    """The redirect after a form succeeded; the next page says `FLASHES[what]`."""
    response = redirect(location, **query)
    secure = request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"
    response.set_cookie(
        FLASH_COOKIE, what, path="/console", httponly=True, samesite="Strict", secure=secure
    )
    return response


async def form(request: web.Request) -> Mapping[str, str]:
    """The posted form's fields (strings only; files are not accepted)."""
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str)}


def int_param(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except (KeyError, ValueError) as exc:
        raise web.HTTPNotFound() from exc
