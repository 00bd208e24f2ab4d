"""JSON Schemas of the content files. The NLU files stay within Rasa 3.x's NLU format."""

from __future__ import annotations

from typing import Any

KINDS = ("faq", "case", "core")
SLOTS = ("location",)
TITLE_MAX = 60

LOCALIZED = {
    "type": "object",
    "required": ["fi", "sv", "en"],
    "properties": {lang: {"type": "string", "minLength": 1} for lang in ("fi", "sv", "en")},
    "additionalProperties": False,
}
HOURS = {"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$"}

TEAMS: dict[str, Any] = {
    "type": "object",
    "required": ["teams"],
    "additionalProperties": False,
    "properties": {
        "teams": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "name", "email", "phone", "office_hours", "sla"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z][a-z_]*$"},
                    "name": LOCALIZED,
                    "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"},
                    "phone": {"type": "string"},
                    "office_hours": {
                        "type": "object",
                        "propertyNames": {
                            "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                        },
                        "additionalProperties": HOURS,
                    },
                    "sla": {
                        "type": "object",
                        "required": ["first_response_hours", "resolution_hours"],
                        "additionalProperties": False,
                        "properties": {
                            "first_response_hours": {"type": "number", "exclusiveMinimum": 0},
                            "resolution_hours": {"type": "number", "exclusiveMinimum": 0},
                        },
                    },
                    "default": {"type": "boolean"},
                    "private": {"type": "boolean"},
                },
            },
        }
    },
}

MUNICIPALITY: dict[str, Any] = {
    "type": "object",
    "required": [
        "name",
        "kind",
        "phone",
        "email",
        "web",
        "eservices_web",
        "address",
        "wellbeing_county",
        "wellbeing_phone",
        "wellbeing_web",
    ],
    "additionalProperties": False,
    "properties": {
        "name": LOCALIZED,
        "kind": LOCALIZED,
        "title": LOCALIZED,
        "address": LOCALIZED,
        "wellbeing_county": LOCALIZED,
        "phone": {"type": "string"},
        "wellbeing_phone": {"type": "string"},
        "email": {"type": "string"},
        "web": {"type": "string", "pattern": "^https?://"},
        "eservices_web": {"type": "string", "pattern": "^https?://"},
        "wellbeing_web": {"type": "string", "pattern": "^https?://"},
        # The pages the web chat links to (bot/pages.py): its privacy notice and its
        # accessibility statement, which the Act on the Provision of Digital Services asks for.
        "pages": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                page: {
                    "type": "object",
                    "required": ["title", "text"],
                    "additionalProperties": False,
                    "properties": {"title": LOCALIZED, "text": LOCALIZED},
                }
                for page in ("privacy", "accessibility")
            },
        },
    },
}

NLU_FILE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "nlu"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": "3.1"},
        "nlu": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["intent", "metadata", "examples"],
                "additionalProperties": False,
                "properties": {
                    "intent": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"},
                    "metadata": {
                        "type": "object",
                        "required": ["team", "kind"],
                        "additionalProperties": False,
                        "properties": {
                            "team": {"type": "string"},
                            "kind": {"enum": list(KINDS)},
                            "sensitive": {"type": "boolean"},
                            # What a case's ticket form asks for besides the description.
                            "slots": {
                                "type": "array",
                                "items": {"enum": list(SLOTS)},
                                "uniqueItems": True,
                            },
                            # What staff read instead of the intent name; validate.py checks it.
                            "title": {"type": "string", "minLength": 1, "maxLength": TITLE_MAX},
                            # A case's first question to the resident, in this file's language.
                            "prompt": {"type": "string", "minLength": 1},
                        },
                    },
                    "examples": {"type": "string", "pattern": r"^\s*- "},
                },
            },
        },
        "responses": {
            "type": "object",
            "propertyNames": {"pattern": r"^utter_[a-z0-9_]+$"},
            "additionalProperties": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string", "minLength": 1}},
                },
            },
        },
    },
}

# data/vocabulary/<team>.yml: words and phrases of a team's domain, for the team classifier.
VOCABULARY: dict[str, Any] = {
    "type": "object",
    "required": ["team", "fi", "sv", "en"],
    "additionalProperties": False,
    "properties": {
        "team": {"type": "string"},
        **{
            lang: {"type": "array", "items": {"type": "string", "minLength": 1}}
            for lang in ("fi", "sv", "en")
        },
    },
}
