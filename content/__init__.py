"""The content folder (teams, municipality, intents and answers): reading and validation."""

from content.loader import Content, IntentDef, Problem, load_content
from content.validate import PLACEHOLDERS, ContentInvalid, load_valid_content, validate

__all__ = [
    "PLACEHOLDERS",
    "Content",
    "ContentInvalid",
    "IntentDef",
    "Problem",
    "load_content",
    "load_valid_content",
    "validate",
]
