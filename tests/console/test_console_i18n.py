"""The console speaks Finnish, Swedish and English: every string a page can show is in
console/catalog.py, in each language, with the same placeholders as its English id.

The ids are read from the sources, not listed here: the `_()` calls of the templates, the
`_()`/`gettext()` calls, `error=` texts and raised messages of the console's handlers, the
`WorkError`s of the work the console does, the `StaffError`s the admin page shows, and the
codes pages translate (`_(ticket.status)`, `_("event:" ~ event.type)`) from the tuples that
define them. A new English text without a translation fails here, and so does a catalog entry
that nothing uses any more.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2 import nodes

from actions.deadline_mail import _TARGETS as DEADLINE_TARGETS
from actions.inbox_sources import KINDS as INBOX_KINDS
from actions.inbox_work import STATUSES as INBOX_STATUSES
from actions.sla import DAYS
from actions.staff_work import PRIORITIES
from console.catalog import CATALOG
from console.i18n import LANGUAGES, gettext
from console.shared import _env as console_templates
from content.schema import SLOTS
from taskstore.models import EVENT_TYPES
from taskstore.staff import ROLES
from taskstore.store import CONVERSATION_STATES, TICKET_STATUSES

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "console"
TEMPLATES = CONSOLE / "templates"
# Beyond the console's own modules: where the messages of the errors it shows are raised.
RAISING = (
    ROOT / "actions" / "staff_work.py",
    ROOT / "actions" / "notice_work.py",
    ROOT / "actions" / "content_work.py",
    ROOT / "content" / "edits.py",
    ROOT / "bot" / "staff_live.py",
    ROOT / "taskstore" / "staff.py",
)

TICKET_KINDS = ("question", "case", "handoff", "private")  # Ticket.kind
AUTHORS = ("resident", "bot", "staff")  # Message.author
ACTORS = ("resident", "bot", "staff", "system")  # Event.actor
SLA_TARGETS = ("first_response", "resolution")  # data["target"] of reminders, escalations
# `_("prefix" ~ code)` in a template: the codes each prefix is followed by.
PREFIXED: dict[str, tuple[str, ...]] = {
    "event:": EVENT_TYPES,
    "state:": CONVERSATION_STATES,
    "day:": DAYS,  # office-hours keys of data/teams.yml
    "inbox:": INBOX_KINDS,  # console/inbox.py item kinds
    "group:": INBOX_STATUSES,  # actions/inbox_work.py group statuses
    "regression:": ("protected", "inbox", "test_set"),  # the sets of content/regression.py
    # what the access log records (taskstore/access_log.py, console/admin_access.py)
    "access:": (
        "opened:ticket",
        "opened:conversation",
        "exported:log",
        "opened:resident",
        "exported:resident",
        "erased:resident",
    ),
    # the steps a check reports (nlu/training.py, content/model_store.py)
    "stage:": (
        "features",
        "held-out scores",
        "classifier",
        "fallback thresholds",
        "language identification",
        "regression suite",
    ),
}
# Every non-literal a template passes to `_()`, and the codes it can hold. A new one fails
# the test until it is listed here (and its codes are in the catalog).
TEMPLATE_VALUES: dict[str, tuple[str, ...]] = {
    "s": TICKET_STATUSES,
    "p": PRIORITIES,
    "r": ROLES,
    "role": ROLES,
    "a.role": ROLES,
    "me.role": ROLES,
    "ticket.status": TICKET_STATUSES,
    "t.status": TICKET_STATUSES,
    "r.ticket.status": TICKET_STATUSES,
    "ticket.priority": PRIORITIES,
    "r.ticket.priority": PRIORITIES,
    "ticket.kind": TICKET_KINDS,
    "r.ticket.kind": TICKET_KINDS,
    "key": SLOTS,  # ticket.details
    "m.author": AUTHORS,
    "event.actor": ACTORS,
    "event.data.old": TICKET_STATUSES + PRIORITIES,  # status_changed, priority_changed
    "event.data.new": TICKET_STATUSES + PRIORITIES,
    "event.data.get('target', '')": SLA_TARGETS,
    "error": (),  # the handlers' messages, collected from the Python sources
    "flash": (),  # web.FLASHES, marked with N_()
    "p.text": (),  # a Phrase of console/content_pages.py, its texts marked with N_()
}
# The same for `_()`/`gettext()` in the console's Python modules (module: expression).
PYTHON_VALUES: dict[str, tuple[str, ...]] = {
    "shared.py: text": (),  # the `_` the templates call
    "labels.py: text": (),  # Labels._, called with literals (collected above)
    "labels.py: name": (),  # a channel's name, marked with N_ (collected above)
    "dashboard.py: status": TICKET_STATUSES,  # backlog by status
}
CODES = TICKET_STATUSES + PRIORITIES + TICKET_KINDS + ROLES + AUTHORS + ACTORS + SLA_TARGETS + SLOTS


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def is_code(text: str) -> bool:
    """An id that is a code, not English to show (`event:claimed`, `first_response`): one
    word with a ":" or "_" in it. It needs an "en" entry of its own."""
    return " " not in text and (":" in text or "_" in text)


# --- the templates ---------------------------------------------------------------------


def _expr(node: nodes.Node) -> str:
    """A template expression as text, for naming it in TEMPLATE_VALUES."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expr(node.node)}.{node.attr}"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Call):
        return f"{_expr(node.node)}({', '.join(_expr(a) for a in node.args)})"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_expr(n) for n in node.nodes)
    return type(node).__name__


def template_calls() -> Iterator[tuple[str, nodes.Node]]:
    """(template name, first argument) of every `_()` call in the templates."""
    env = jinja2.Environment()
    for path in sorted(TEMPLATES.glob("*.html")):
        for call in env.parse(path.read_text(encoding="utf-8")).find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "_":
                assert call.args, f"{path.name}: _() without a text"
                yield path.name, call.args[0]


def template_texts() -> set[str]:
    return {
        arg.value
        for _, arg in template_calls()
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str)
    }


# --- the Python sources ----------------------------------------------------------------


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _first_text(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def python_texts(paths: Iterable[Path]) -> tuple[set[str], list[str], list[str]]:
    """(texts, untranslatable, unknown values) of the given modules.

    Texts: literals given to `_()`/`gettext()`, `error=` literals, the first argument of a
    raised exception (`raise WorkError("...")`, `raise Invalid("...")`) and texts marked
    for translation where they are defined (`N_("...")`). Untranslatable: an `error=`
    built from values (an f-string, `%`, `.format`) - the catalog cannot hold it; pass
    `error_values=` instead. Unknown
    values: a variable given to `_()`/`gettext()` that PYTHON_VALUES does not list."""
    texts: set[str] = set()
    formatted: list[str] = []
    unknown: list[str] = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) in ("_", "gettext", "N_")
                and node.args
            ):
                text = _first_text(node)
                if text is not None:
                    texts.add(text)
                elif f"{path.name}: {ast.unparse(node.args[0])}" not in PYTHON_VALUES:
                    unknown.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    if keyword.arg != "error":
                        continue
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        texts.add(value.value)
                    elif isinstance(value, ast.JoinedStr | ast.BinOp) or (
                        isinstance(value, ast.Call) and _name(value.func) == "format"
                    ):
                        formatted.append(f"{path.name}:{node.lineno}: {ast.unparse(value)}")
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name, text = _name(node.exc.func), _first_text(node.exc)
                if text is not None and name[:1].isupper():
                    texts.add(text)
    return texts, formatted, unknown


def console_modules() -> list[Path]:
    return sorted(p for p in CONSOLE.glob("*.py") if p.name != "catalog.py")


# --- everything -------------------------------------------------------------------------


def used_ids() -> set[str]:
    texts, _, _ = python_texts([*console_modules(), *RAISING])
    coded = {prefix + code for prefix, codes in PREFIXED.items() for code in codes}
    return template_texts() | texts | set(CODES) | coded


# --- the tests ----------------------------------------------------------------------------


def test_every_string_the_console_shows_is_translated() -> None:
    missing = sorted(text for text in used_ids() if text not in CATALOG)
    assert not missing, "not in console/catalog.py:\n" + "\n".join(missing)


def test_translations_are_complete_and_keep_the_placeholders() -> None:
    wrong = []
    for text, entry in CATALOG.items():
        wanted = ("fi", "sv", "en") if is_code(text) else ("fi", "sv")
        for lang in wanted:
            if not entry.get(lang, "").strip():
                wrong.append(f"{text!r}: no {lang}")
        for lang, translated in entry.items():
            if lang not in LANGUAGES:
                wrong.append(f"{text!r}: unknown language {lang!r}")
            elif placeholders(translated) != placeholders(text):
                wrong.append(f"{text!r} ({lang}): placeholders {placeholders(translated)}")
            elif translated != translated.strip():
                wrong.append(f"{text!r} ({lang}): spaces at an end")
    assert not wrong, "\n".join(wrong)


def test_no_catalog_entry_is_stale() -> None:
    stale = sorted(set(CATALOG) - used_ids())
    assert not stale, "nothing shows these any more; remove them:\n" + "\n".join(stale)


def test_templates_translate_only_known_values() -> None:
    unknown = set()
    for template, arg in template_calls():
        if isinstance(arg, nodes.Concat):  # _("event:" ~ event.type)
            first = arg.nodes[0]
            prefix = first.value if isinstance(first, nodes.Const) else None
            if prefix not in PREFIXED:
                unknown.add(f"{template}: _({_expr(arg)})")
        elif not isinstance(arg, nodes.Const) and _expr(arg) not in TEMPLATE_VALUES:
            unknown.add(f"{template}: _({_expr(arg)})")
    assert not unknown, "list these in TEMPLATE_VALUES with their codes:\n" + "\n".join(
        sorted(unknown)
    )


def test_handlers_pass_messages_the_catalog_can_hold() -> None:
    _, formatted, unknown = python_texts(console_modules())
    assert not formatted, "pass error_values= instead of formatting:\n" + "\n".join(formatted)
    assert not unknown, "list these in PYTHON_VALUES with their codes:\n" + "\n".join(unknown)


def test_the_reference_lists_match_the_code() -> None:
    assert set(SLA_TARGETS) == set(DEADLINE_TARGETS)
    from console.queue import STATUSES

    assert set(STATUSES) == set(TICKET_STATUSES)
    # Found in the sources, so the extraction itself works; a plain regex finds no more.
    texts = template_texts()
    assert {"waiting in chat", "{count} tickets, the soonest due first"} <= texts
    literal = re.compile(r"""_\(\s*(?:"([^"]*)"|'([^']*)')\s*[,)]""")
    for path in TEMPLATES.glob("*.html"):
        for double, single in literal.findall(path.read_text(encoding="utf-8")):
            assert (double or single) in texts, f"{path.name}: {double or single!r} not parsed"
    handlers, _, _ = python_texts([*console_modules(), *RAISING])
    assert {
        "Wrong username or password.",
        "Too many failed attempts. Try again in {minutes} minutes.",
        "{name} holds this conversation.",
        "You cannot disable your own account.",
        "Choose a teammate.",
        "The reply is empty.",
        "Unknown priority.",
    } <= handlers


QUEUE = "{count} tickets, the soonest due first"
HELD = "{name} holds this conversation."
LOCKED = "Too many failed attempts. Try again in {minutes} minutes."


@pytest.mark.parametrize(
    ("text", "lang", "values", "shown"),
    [
        ("waiting in chat", "fi", {}, "odottaa chatissa"),
        (QUEUE, "fi", {"count": 3}, "Asioita: 3, lähin määräaika ensin"),
        (QUEUE, "sv", {"count": 3}, "Ärenden: 3, närmaste tidsfrist först"),
        (QUEUE, "en", {"count": 3}, "3 tickets, the soonest due first"),
        (HELD, "fi", {"name": "Liisa Virtanen"}, "Liisa Virtanen hoitaa tätä keskustelua."),
        (HELD, "sv", {"name": "Liisa Virtanen"}, "Liisa Virtanen sköter det här samtalet."),
        (LOCKED, "en", {"minutes": 15}, "Too many failed attempts. Try again in 15 minutes."),
        (LOCKED, "sv", {"minutes": 15}, "För många misslyckade försök. Försök igen om 15 minuter."),
        ("event:claimed", "en", {}, "claimed the ticket"),
        ("event:claimed", "fi", {}, "otti asian käsittelyyn"),
        ("state:with_staff", "sv", {}, "en anställd svarar"),
        ("first_response", "en", {}, "first response"),
        ("resolved", "sv", {}, "löst"),
        ("urgent", "en", {}, "urgent"),  # a code that is English needs no "en"
        ("not in the catalog", "fi", {}, "not in the catalog"),
    ],
)
def test_gettext_shows_the_language_asked_for(
    text: str, lang: str, values: dict[str, Any], shown: str
) -> None:
    assert gettext(text, lang, **values) == shown


def test_a_page_shows_an_error_with_its_values() -> None:
    error = LOCKED
    page = console_templates.get_template("login.html").render(
        _=lambda text, **kw: gettext(text, "fi", **kw),
        lang="fi",
        me=None,
        csrf="",
        path="/console/login",
        query={},
        login_csrf="x",
        next="/console/",
        error=error,
        error_values={"minutes": 15},
    )
    assert gettext(error, "fi", minutes=15) in page and "{minutes}" not in page
    assert "<title>Kirjaudu – kuntabotin työpöytä</title>" in page
