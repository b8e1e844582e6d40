"""The assertion library of the eval harness. Type names follow promptfoo's where they overlap.

:func:`validate_spec` checks a spec when a suite loads (before any request); :func:`check` runs it on
one output. Every type also exists as ``not-<type>``: ``passed`` inverted, ``1 - score`` reported, an
unmeasured result (``passed is None``, left out of rates) left unmeasured. Scores are in [0, 1]; a
pass/fail type scores 1.0 or 0.0. ``value`` may use ``{{var}}`` case variables (the prompt-template
rule; a value that is only ``"{{var}}"`` becomes the variable itself, e.g. a list of ids).

=====================================  ==========================  ================================  =========
type                                   value                       passes when                       threshold
=====================================  ==========================  ================================  =========
equals                                 text, or any JSON value     text identical; JSON: parsed      —
                                                                   output equal (1 == 1.0, true != 1)
contains, icontains                    text                        substring (i: case-insensitive)   —
contains-any/-all, icontains-any/-all  list of texts, or "a,b,c"   any / all present                 —
starts-with                            text                        output starts with it             —
regex                                  Python pattern              ``re.search`` finds it            —
is-json                                optional JSON Schema        whole output is JSON (+ schema)   —
contains-json                          optional JSON Schema        a JSON object/array in the text   —
                                                                   (+ one matches the schema)
json-schema                            JSON Schema (2020-12)       output is JSON and validates      —
tool-call                              name, or {name, arguments}  a call to it whose decoded        —
                                                                   arguments contain the subset
is-refusal                             —                           ``evals.refusal.is_refusal``      —
similar                                text or list of texts       embedding cosine >= threshold     0.8
levenshtein                            text                        edit distance <= threshold        5
                                                                   (score: normalised similarity)
bleu                                   reference(s)                sentence BLEU / 100 >= threshold  0.5
chrf                                   reference(s)                sentence chrF / 100 >= threshold  0.5
rouge-n (k, default 1), rouge-1..9     reference(s)                ROUGE-N F >= threshold            0.75
rouge-l                                reference(s)                ROUGE-L F >= threshold            0.75
f1                                     reference answer(s)         SQuAD token F1 >= threshold       0.5
latency                                —                           latency_ms <= threshold           required
cost                                   —                           cost_usd <= threshold             required
llm-rubric                             rubric                      judge says pass (and score >=     none
                                                                   threshold when one is set)
recall@k, precision@k, ndcg@k, mrr     relevant ids, or            metric over ``retrieved``         0.5
                                       {id: graded relevance}      >= threshold
=====================================  ==========================  ================================  =========

Thresholds of [0, 1] scores must lie in [0, 1]; those of levenshtein, latency and cost are >= 0. A
type without a threshold column rejects one. ``k`` is for rouge-n and the retrieval metrics only.
Unmeasured: ``similar`` with no embedding model, ``llm-rubric`` with no judge or an unparseable verdict,
retrieval metrics on an output with no ``retrieved`` list. Details sit in each module's docstring:
:mod:`.text`, :mod:`.structured`, :mod:`.metrics`, :mod:`.model`, :mod:`.operational`, :mod:`.retrieval`.
"""

from __future__ import annotations

from quarterdeck.evals.assertions.base import AssertionResult, AssertionSpec, Embed, Judge, Output
from quarterdeck.evals.assertions.dispatch import KNOWN_TYPES, check, validate_spec

__all__ = [
    "KNOWN_TYPES",
    "AssertionResult",
    "AssertionSpec",
    "Embed",
    "Judge",
    "Output",
    "check",
    "validate_spec",
]
