"""Release policies: defaults, the "*" fallback, and errors naming the bad field."""

from __future__ import annotations

from typing import Any

import pytest

from quarterdeck.errors import UnprocessableError
from quarterdeck.registry import CanaryPolicy, LabelPolicy, effective_policy, validate_policy
from quarterdeck.registry.policy import ApprovalGate, EvalGate

FULL: dict[str, Any] = {
    "production": {
        "approvals": {"count": 2, "role": "approver"},
        "evals": [{"suite": "support-quality", "metric": "pass_rate", "min": 0.9}],
        "risk_tier": "high",
        "canary": {"weight": 0.2, "min_requests": 50, "max_error_rate_delta": 0.05, "max_p95_ratio": 2.0},
    },
    "*": {"approvals": {"count": 1, "role": "admin"}},
}


# --- defaults ------------------------------------------------------------------------------------------------


def test_without_a_policy_production_needs_one_approval_from_an_approver() -> None:
    for declared in (None, {}):
        production = effective_policy(declared, "production")
        assert production.approvals == ApprovalGate(count=1, role="approver")
        assert (production.evals, production.risk_tier, production.canary) == ([], "low", None)


@pytest.mark.parametrize("label", ["staging", "dev", "canary", "production-eu", "Production"])
def test_without_a_policy_other_labels_have_no_gates(label: str) -> None:
    policy = effective_policy(None, label)
    assert policy == LabelPolicy()
    assert policy.approvals.count == 0 and policy.evals == [] and policy.risk_tier == "low"


def test_gate_defaults() -> None:
    policy = LabelPolicy()
    assert policy.approvals == ApprovalGate(count=0, role="approver")
    assert policy.canary is None
    assert CanaryPolicy() == CanaryPolicy(weight=0.1, min_requests=50, max_error_rate_delta=0.05, max_p95_ratio=2.0)


def test_validated_policy_is_normalised_with_defaults_filled_in() -> None:
    assert validate_policy({"staging": {}, "production": {"approvals": {"count": 2}, "canary": {}}}) == {
        "staging": {"approvals": {"count": 0, "role": "approver"}, "evals": [], "risk_tier": "low", "canary": None},
        "production": {
            "approvals": {"count": 2, "role": "approver"}, "evals": [], "risk_tier": "low",
            "canary": {"weight": 0.1, "min_requests": 50, "max_error_rate_delta": 0.05, "max_p95_ratio": 2.0,
                       "min_p95_increase_ms": 50.0},
        },
    }


def test_a_full_policy_round_trips() -> None:
    normal = validate_policy(FULL)
    assert normal["production"]["evals"] == [{"suite": "support-quality", "metric": "pass_rate", "min": 0.9,
                                              "max": None}]
    assert validate_policy(normal) == normal  # idempotent: a stored policy validates to itself
    production = effective_policy(normal, "production")
    assert production.approvals == ApprovalGate(count=2, role="approver")
    assert production.evals == [EvalGate(suite="support-quality", metric="pass_rate", min=0.9)]
    assert production.risk_tier == "high"
    assert production.canary == CanaryPolicy(weight=0.2)


# --- the "*" fallback ---------------------------------------------------------------------------------------


def test_a_declared_label_wins_over_star() -> None:
    assert effective_policy(validate_policy(FULL), "production").approvals.count == 2


def test_star_governs_every_other_label() -> None:
    normal = validate_policy(FULL)
    for label in ("staging", "dev", "anything"):
        assert effective_policy(normal, label).approvals == ApprovalGate(count=1, role="admin")


def test_star_also_replaces_the_production_default() -> None:
    policy = validate_policy({"*": {"approvals": {"count": 3}}})
    assert effective_policy(policy, "production").approvals.count == 3


def test_without_star_undeclared_labels_fall_back_to_the_defaults() -> None:
    policy = validate_policy({"staging": {"approvals": {"count": 2}}})
    assert effective_policy(policy, "staging").approvals.count == 2
    assert effective_policy(policy, "production").approvals == ApprovalGate(count=1, role="approver")
    assert effective_policy(policy, "dev") == LabelPolicy()


def test_a_label_declared_with_no_gates_has_none() -> None:
    assert effective_policy(validate_policy({"production": {}}), "production").approvals.count == 0
    assert effective_policy(validate_policy({"production": None}), "production") == LabelPolicy()


# --- errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("policy", "field", "needle"), [
    ({"production": {"approvals": 2}}, "release_policy.production.approvals", "valid dictionary"),
    ({"production": {"approvals": {"count": -1}}}, "release_policy.production.approvals.count", "greater than"),
    ({"production": {"approvals": {"count": 21}}}, "release_policy.production.approvals.count", "less than"),
    ({"production": {"approvals": {"role": "releaser"}}}, "release_policy.production.approvals.role", "'approver'"),
    ({"production": {"approvals": {"count": 1, "who": "x"}}}, "release_policy.production.approvals.who",
     "Extra inputs"),
    ({"production": {"approval": {"count": 1}}}, "release_policy.production.approval", "Extra inputs"),
    ({"staging": {"risk_tier": "extreme"}}, "release_policy.staging.risk_tier", "'low', 'medium' or 'high'"),
    ({"staging": {"evals": [{"suite": "s", "metric": "m"}]}}, "release_policy.staging.evals.0",
     "an eval gate needs min or max"),
    ({"staging": {"evals": [{"suite": "", "metric": "m", "min": 1}]}}, "release_policy.staging.evals.0.suite",
     "at least 1"),
    ({"staging": {"evals": [{"suite": "s", "min": 1}]}}, "release_policy.staging.evals.0.metric", "Field required"),
    ({"staging": {"evals": {"suite": "s"}}}, "release_policy.staging.evals", "valid list"),
    ({"*": {"canary": {"weight": 0}}}, "release_policy.*.canary.weight", "greater than 0"),
    ({"*": {"canary": {"weight": 1}}}, "release_policy.*.canary.weight", "less than 1"),
    ({"*": {"canary": {"min_requests": 0}}}, "release_policy.*.canary.min_requests", "greater than or equal to 1"),
    ({"*": {"canary": {"max_error_rate_delta": 1.5}}}, "release_policy.*.canary.max_error_rate_delta", "less than"),
    ({"*": {"canary": {"max_p95_ratio": 0}}}, "release_policy.*.canary.max_p95_ratio", "greater than 0"),
    ({"*": {"canary": {"wieght": 0.2}}}, "release_policy.*.canary.wieght", "Extra inputs"),
    ({"production": "strict"}, "release_policy.production", "valid dictionary"),
])
def test_bad_policies_name_the_label_and_field(policy: dict[str, Any], field: str, needle: str) -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_policy(policy)
    error = caught.value
    assert error.status == 422
    assert error.param == field
    assert error.message.startswith(f"{field}: ")
    assert needle in error.message


def test_the_first_bad_label_is_named_when_several_are_bad() -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_policy({"staging": {}, "production": {"risk_tier": "x"}, "dev": {"risk_tier": "y"}})
    assert caught.value.param == "release_policy.production.risk_tier"


@pytest.mark.parametrize("policy", [{}, [], "production", None, 3, [{"production": {}}]])
def test_a_policy_must_be_a_non_empty_mapping(policy: Any) -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_policy(policy)
    assert caught.value.param == "release_policy"
    assert caught.value.message == "release_policy: must be a mapping of label name (or '*') to gates"


def test_the_source_prefixes_the_field() -> None:
    with pytest.raises(UnprocessableError) as caught:
        validate_policy({"production": {"risk_tier": 1}}, source="prompts/p.yaml:release_policy")
    assert caught.value.param == "prompts/p.yaml:release_policy.production.risk_tier"
