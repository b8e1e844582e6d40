"""Release policies: the gates a release must pass before a label moves, declared per label.

A policy is a mapping from label name (or ``"*"`` for any other label) to a ``LabelPolicy``. It is
set on the artifact by an admin (never by the version being released, so a release cannot weaken
its own gate) and copied into each release when the release is created.

Without a declared policy, ``production`` needs one approval by an approver and other labels have
no gates.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from quarterdeck.errors import UnprocessableError

__all__ = ["DEFAULT_POLICY", "ApprovalGate", "CanaryPolicy", "EvalGate", "LabelPolicy", "effective_policy",
           "validate_policy"]

RiskTier = Literal["low", "medium", "high"]
GateRole = Literal["approver", "admin"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApprovalGate(_Strict):
    count: int = Field(default=0, ge=0, le=20, description="Approvals needed, each from a different key.")
    role: GateRole = Field(default="approver", description="approver or admin (admins always count).")


class EvalGate(_Strict):
    suite: str = Field(min_length=1, description="Eval suite whose recorded run must be attached to the release.")
    metric: str = Field(min_length=1, description="Metric of that run to compare, e.g. pass_rate.")
    min: float | None = Field(default=None, description="The metric must be at least this.")
    max: float | None = Field(default=None, description="The metric must be at most this.")

    @model_validator(mode="after")
    def _one_bound(self) -> EvalGate:
        if self.min is None and self.max is None:
            raise ValueError("an eval gate needs min or max")
        return self


class CanaryPolicy(_Strict):
    weight: float = Field(default=0.1, gt=0, lt=1, description="Share of traffic sent to the new version.")
    min_requests: int = Field(default=50, ge=1, description="Canary requests needed before it is judged.")
    max_error_rate_delta: float = Field(
        default=0.05, ge=0, le=1, description="Roll back when canary error rate exceeds stable's by more than this.")
    max_p95_ratio: float = Field(
        default=2.0, gt=0, description="Roll back when canary p95 latency exceeds stable's times this.")
    min_p95_increase_ms: float = Field(
        default=50.0, ge=0, description="...and exceeds it by more than this many ms (2 ms against 1 ms is no reason).")


class LabelPolicy(_Strict):
    approvals: ApprovalGate = Field(default_factory=ApprovalGate)
    evals: list[EvalGate] = Field(default_factory=list)
    risk_tier: RiskTier = Field(default="low", description="high: the release must go through a canary.")
    canary: CanaryPolicy | None = Field(default=None, description="Canary stage and its auto-rollback thresholds.")


DEFAULT_POLICY: dict[str, LabelPolicy] = {
    "production": LabelPolicy(approvals=ApprovalGate(count=1, role="approver")),
    "*": LabelPolicy(),
}


def validate_policy(value: Any, *, source: str = "release_policy") -> dict[str, Any]:
    """A policy mapping normalised to JSON, or a 422 naming the field."""
    if not isinstance(value, dict) or not value:
        raise UnprocessableError(f"{source}: must be a mapping of label name (or '*') to gates", param=source)
    out: dict[str, Any] = {}
    for label, body in value.items():
        try:
            out[str(label)] = LabelPolicy.model_validate(body or {}).model_dump(mode="json")
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in (source, label, *first["loc"]))
            raise UnprocessableError(f"{loc}: {first['msg']}", param=loc) from exc
    return out


def effective_policy(policy: dict[str, Any] | None, label: str) -> LabelPolicy:
    """The policy that governs releases to ``label``."""
    declared = policy or {}
    if label in declared:
        return LabelPolicy.model_validate(declared[label])
    if "*" in declared:
        return LabelPolicy.model_validate(declared["*"])
    return DEFAULT_POLICY.get(label, DEFAULT_POLICY["*"])
