"""Understanding resident messages in Finnish, Swedish and English. No I/O but model files.

Public API: `NLUModel` (train, parse, save, load), `ModelHandle` (hot swap), `ParseResult`,
`NLUConfig`, `TrainingExample`, `TeamExample`, `IntentInfo`, `find_entities`.
"""

from nlu.analyzer import IntentInfo, TeamExample, TrainingExample
from nlu.config import LANGUAGES, NO_INTENT, OUT_OF_SCOPE, NLUConfig
from nlu.entities import Entity, find_entities
from nlu.model import ModelHandle, NLUModel, data_hash
from nlu.result import ParseResult

__all__ = [
    "LANGUAGES",
    "NO_INTENT",
    "OUT_OF_SCOPE",
    "Entity",
    "IntentInfo",
    "ModelHandle",
    "NLUConfig",
    "NLUModel",
    "ParseResult",
    "TeamExample",
    "TrainingExample",
    "data_hash",
    "find_entities",
]
