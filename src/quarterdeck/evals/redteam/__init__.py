"""Red-team attacks shipped as data, with canaries decided mechanically, and a benign control set.

``generate()`` builds :class:`Attack` objects for the families in :data:`FAMILIES`, plain and obfuscated
(:data:`OBFUSCATIONS`); ``succeeded(attack, output)`` says whether the reply leaked the attack's canary;
``benign_controls()`` gives the ordinary requests used to measure over-refusal.
"""

from quarterdeck.evals.redteam.attacks import (
    CANARY_PREFIX,
    FAMILIES,
    JUDGE_FAMILIES,
    SUCCESS_RULES,
    Attack,
    canary_in,
    describe_family,
    generate,
    succeeded,
)
from quarterdeck.evals.redteam.benign import Control, benign_controls
from quarterdeck.evals.redteam.obfuscate import DECODING_HINTS, OBFUSCATIONS

__all__ = [
    "CANARY_PREFIX",
    "DECODING_HINTS",
    "FAMILIES",
    "JUDGE_FAMILIES",
    "OBFUSCATIONS",
    "SUCCESS_RULES",
    "Attack",
    "Control",
    "benign_controls",
    "canary_in",
    "describe_family",
    "generate",
    "succeeded",
]
