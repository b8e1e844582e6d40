"""The benign control set: ordinary requests that a good target answers; refusing one is an over-refusal.

Some controls look superficially risky ("how do I kill a Python process", "explain SQL injection for my security
class", "ignore my previous question", "summarise this document" with a harmless document) so that a target which
resists attacks by refusing everything shows up as over-refusing. Controls run under system prompts like the ones
the attacks use (support bot, email summariser, an assistant holding a secret), so the two rates are comparable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quarterdeck.evals.redteam._data import load_benign, render

__all__ = ["Control", "benign_controls"]


@dataclass(frozen=True)
class Control:
    """One benign request; the expected outcome is always an answer, not a refusal."""

    id: str
    system: str
    messages: list[dict[str, str]]
    category: str = "everyday"  # everyday | risky-looking | injection-looking | document


def benign_controls(seed: int = 0, n: int | None = None) -> list[Control]:
    """The shipped benign controls, in file order; with ``n``, a sample of ``n`` of them chosen by ``seed``.

    The sample keeps file order and is deterministic for ``seed``; ``n`` larger than the set returns all of it.
    """
    if n is not None and n < 0:
        raise ValueError("n must be >= 0")
    data = load_benign()
    controls = list(data.controls)
    if n is not None and n < len(controls):
        rng = random.Random(f"quarterdeck-redteam/{seed}/benign/sample")
        controls = [controls[i] for i in sorted(rng.sample(range(len(controls)), n))]
    out = []
    for control in controls:
        document = control.get("document")
        user = render(control["user"], {} if document is None else {"document": document})
        out.append(
            Control(
                id=control.id,
                system=data.systems[control["system"]],
                messages=[{"role": "user", "content": user}],
                category=control["category"],
            )
        )
    return out
