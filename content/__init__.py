"""The content folder (teams, municipality, intents and answers): reading and validation."""

from content.loader import Content, IntentDef, Problem, load_content
from content.validate import PLACEHOLDERS, validate

__all__ = ["PLACEHOLDERS", "Content", "IntentDef", "Problem", "load_content", "validate"]
