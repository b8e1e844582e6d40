"""The equivalent eval suites of ``bench/evals_vs_promptfoo.py``: one for Quarterdeck, one for promptfoo.

Both are written from the same rows and the same assertion list, so they send the same prompts and
check the same things. The upstream (``bench/upstream.py``) answers every request with the same text,
``UPSTREAM_ANSWER``; the assertions are chosen so that the outcome is known in advance and can be
checked on both sides: every assertion passes except ``icontains {{expected}}`` on odd rows, whose
``expected`` is not in the answer, so exactly the even rows pass.

Only assertion types that both tools implement with the same name and the same pass rule are used
(contains, icontains, icontains-all, starts-with, regex, equals, not-is-json, levenshtein). Scores are
not compared: promptfoo's levenshtein scores 1 or 0, Quarterdeck's the normalised similarity.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

UPSTREAM_ANSWER = "Hello from the bench upstream."  # bench/upstream.py's CONTENT
MODEL = "bench"  # the gateway's public model (Quarterdeck) and the model name sent to the upstream (promptfoo)
USER_TEMPLATE = "{{question}}"

# One list, written into both suites as is (keys: type, value, threshold).
ASSERTIONS: list[dict[str, Any]] = [
    {"type": "icontains", "value": "{{expected}}"},  # the only one that depends on the row
    {"type": "contains", "value": "Hello"},
    {"type": "icontains-all", "value": ["hello", "UPSTREAM"]},
    {"type": "starts-with", "value": "Hello from"},
    {"type": "regex", "value": r"up\w+am\.$"},
    {"type": "equals", "value": UPSTREAM_ANSWER},
    {"type": "not-is-json"},
    {"type": "levenshtein", "value": "Hello from the bench upstreams", "threshold": 5},
]


def make_rows(n: int) -> list[dict[str, str]]:
    """``n`` rows: a distinct question each; ``expected`` is in the answer on even rows only."""
    return [
        {
            "question": f"Case {i}: greet the benchmark and name the component that answers.",
            "expected": "BENCH" if i % 2 == 0 else f"missing-{i}",
        }
        for i in range(n)
    ]


def expected_passes(n: int) -> int:
    return (n + 1) // 2


def quarterdeck_suite(name: str, concurrency: int) -> dict[str, Any]:
    """The suite for `quarterdeck eval run` (the dataset is ``cases.jsonl`` beside it)."""
    return {
        "name": name,
        "target": {"model": MODEL, "user": USER_TEMPLATE},
        "dataset": {"file": "cases.jsonl"},
        "assertions": [dict(a) for a in ASSERTIONS],
        "concurrency": concurrency,
    }


def promptfoo_config(name: str, rows: list[dict[str, str]], upstream_base_url: str) -> dict[str, Any]:
    """promptfoo's config: the upstream as an ``openai:chat`` provider, the assertions as ``defaultTest``."""
    return {
        "description": name,
        "prompts": [USER_TEMPLATE],
        "providers": [
            {
                "id": f"openai:chat:{MODEL}",
                "config": {"apiBaseUrl": upstream_base_url, "apiKey": "sk-upstream-not-checked"},
            }
        ],
        "defaultTest": {"assert": [dict(a) for a in ASSERTIONS]},
        "tests": [{"vars": dict(row)} for row in rows],
    }


def write_quarterdeck(directory: Path, n: int, concurrency: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    rows = make_rows(n)
    (directory / "cases.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    suite = directory / "suite.yaml"
    suite.write_text(yaml.safe_dump(quarterdeck_suite(f"bench-{n}", concurrency), sort_keys=False))
    return suite


def write_promptfoo(directory: Path, n: int, upstream_base_url: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "promptfooconfig.yaml"
    data = promptfoo_config(f"bench-{n}", make_rows(n), upstream_base_url)
    config.write_text(yaml.safe_dump(data, sort_keys=False, width=1000))
    return config
