"""Translations of the console: English (the id) -> {"fi": ..., "sv": ..., ["en": ...]}."""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {}
