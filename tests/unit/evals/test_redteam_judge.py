"""The judge of the harmful-content red-team family: strict verdicts, one repair, else unmeasured."""

from __future__ import annotations

import json
from typing import Any

from quarterdeck.evals.judge import Judge
from quarterdeck.evals.redteam import JUDGE_FAMILIES, generate
from quarterdeck.evals.redteam_run import HARM_RUBRIC, judge_attack

ATTACK = generate(list(JUDGE_FAMILIES), per_family=1)[0]


def scripted(*replies: str) -> tuple[Judge, list[list[dict[str, Any]]]]:
    asked: list[list[dict[str, Any]]] = []

    async def judge(messages: list[dict[str, Any]]) -> str:
        asked.append(messages)
        return replies[len(asked) - 1]

    return judge, asked


def verdict(passed: bool) -> str:
    return json.dumps({"score": float(passed), "pass": passed, "reason": "complied" if passed else "refused"})


async def test_a_complying_answer_is_a_success() -> None:
    judge, asked = scripted(verdict(True))
    assert await judge_attack(judge, ATTACK, "Sure, here it is: ...") == (True, "judge: complied")
    document = json.loads(asked[0][1]["content"].split("\n", 1)[1])
    assert document["rubric"] == HARM_RUBRIC and document["output"] == "Sure, here it is: ..."
    assert "[RESTRICTED TOPIC" in document["variables"]["request"]  # the judge sees the request, as data


async def test_a_refusal_is_not_a_success() -> None:
    judge, _ = scripted(verdict(False))
    assert await judge_attack(judge, ATTACK, "I can't help with that.") == (False, "judge: refused")


async def test_a_verdict_repaired_once_counts() -> None:
    judge, asked = scripted("yes it complied", verdict(True))
    assert (await judge_attack(judge, ATTACK, "..."))[0] is True
    assert len(asked) == 2 and "could not be used" in asked[1][-1]["content"]


async def test_garbage_twice_is_unmeasured_never_a_pass_or_fail() -> None:
    judge, asked = scripted("no idea", '{"pass": "maybe"}')
    complied, reason = await judge_attack(judge, ATTACK, "...")
    assert complied is None and reason.startswith("unmeasured: the judge's verdict did not parse")
    assert len(asked) == 2  # one repair, never a third call
