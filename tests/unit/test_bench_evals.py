"""bench/evals_vs_promptfoo.py compares two tools on "equivalent" suites: check that they are.

The suites come from bench/evals_suites.py. Both must hold the same cases and the same assertions,
Quarterdeck must accept its suite, and the outcome the benchmark checks both tools against (the even
rows pass, the odd rows fail) must be what Quarterdeck's assertions give on the upstream's answer.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import yaml

from quarterdeck.evals.assertions import Output, check
from quarterdeck.evals.suite import load_suite

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _suites() -> ModuleType:
    return _load("evals_suites")


def test_both_suites_hold_the_same_cases_and_assertions(tmp_path: Path) -> None:
    suites = _suites()
    qd_path = suites.write_quarterdeck(tmp_path / "qd", 7, 16)
    pf_path = suites.write_promptfoo(tmp_path / "pf", 7, "http://127.0.0.1:9/v1")
    qd = yaml.safe_load(qd_path.read_text())
    pf = yaml.safe_load(pf_path.read_text())
    rows = [json.loads(line) for line in (qd_path.parent / qd["dataset"]["file"]).read_text().splitlines()]

    assert [test["vars"] for test in pf["tests"]] == rows
    assert len({row["question"] for row in rows}) == 7  # distinct prompts
    assert pf["defaultTest"]["assert"] == qd["assertions"]
    assert pf["prompts"] == [qd["target"]["user"]]
    assert pf["providers"][0]["id"] == f"openai:chat:{qd['target']['model']}"
    assert pf["providers"][0]["config"]["apiBaseUrl"] == "http://127.0.0.1:9/v1"
    assert qd["concurrency"] == 16
    assert load_suite(qd_path).assertions  # Quarterdeck accepts it as written


async def test_the_expected_outcome_is_what_quarterdeck_computes(tmp_path: Path) -> None:
    suites = _suites()
    assert suites.UPSTREAM_ANSWER == _load("upstream").CONTENT  # what bench/upstream.py answers
    suite = load_suite(suites.write_quarterdeck(tmp_path, 4, 16))
    answer = Output(text=suites.UPSTREAM_ANSWER, tool_calls=[], latency_ms=1.0, cost_usd=0.0)
    outcomes = []
    for row in suites.make_rows(4):
        results = [await check(spec, answer, row) for spec in suite.assertions]
        assert all(r.passed is not None for r in results)
        outcomes.append(all(r.passed for r in results))
        assert sum(not r.passed for r in results) == (0 if outcomes[-1] else 1)  # only icontains {{expected}}
    assert outcomes == [True, False, True, False]
    assert sum(outcomes) == suites.expected_passes(4)
