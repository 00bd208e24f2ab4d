"""The console's own words in Finnish, Swedish and English.

Templates and handlers write English and call `_()`; the catalog gives the Finnish and
Swedish. Codes that are not English sentences (`event:claimed`, `state:queued`, `new`,
`first_response`) have an English entry too. A test checks that every string a template
or handler passes to `_()` is translated.
"""

from __future__ import annotations

from typing import Any

from console.catalog import CATALOG

LANGUAGES = ("fi", "sv", "en")


def gettext(text: str, lang: str, **values: Any) -> str:
    entry = CATALOG.get(text)
    if entry is not None:
        text = entry.get(lang) or entry.get("en") or text
    return text.format(**values) if values else text


def N_(text: str) -> str:
    """Marks a text kept in a constant and translated where it is shown (gettext_noop), so
    the translation test finds it."""
    return text
