"""Plain records that the rest of Quarterdeck passes around; repositories take and return these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypedDict, get_args
from uuid import uuid4

__all__ = [
    "KEY_PREFIX_LENGTH",
    "AttemptLog",
    "BudgetPeriod",
    "Endpoint",
    "KeyRecord",
    "KeyRole",
    "KeySource",
    "RequestRecord",
    "TeamRecord",
    "hash_api_key",
    "new_key_id",
    "utcnow",
]

KeyRole = Literal["app", "admin", "releaser", "approver", "viewer"]
KeySource = Literal["config", "api", "bootstrap"]
BudgetPeriod = Literal["daily", "weekly", "monthly", "none"]
Endpoint = Literal["chat.completions", "messages", "embeddings"]

KEY_PREFIX_LENGTH = 12


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def new_key_id() -> str:
    return uuid4().hex


def hash_api_key(key: str) -> str:
    """The stored form of a virtual key: the sha256 hex digest of the key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(slots=True, kw_only=True)
class KeyRecord:
    """One virtual key (a row of ``api_keys``). The key itself is never stored, only its hash."""

    name: str
    key_hash: str
    key_prefix: str
    role: KeyRole = "app"
    team: str | None = None
    models: list[str] | None = None  # None: every model
    rpm: int | None = None
    tpm: int | None = None
    budget_usd: float | None = None
    budget_period: BudgetPeriod | None = None
    source: KeySource = "api"
    id: str = field(default_factory=new_key_id)
    created_at: datetime = field(default_factory=utcnow)
    revoked_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_choice("role", self.role, KeyRole)
        _check_choice("source", self.source, KeySource)
        if self.budget_period is not None:
            _check_choice("budget_period", self.budget_period, BudgetPeriod)
        if len(self.key_hash) != 64:
            raise ValueError("key_hash must be a sha256 hex digest (64 characters)")
        if len(self.key_prefix) > KEY_PREFIX_LENGTH:
            raise ValueError(f"key_prefix is at most {KEY_PREFIX_LENGTH} characters")

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class AttemptLog(TypedDict):
    """One failed attempt as kept in ``request_log.attempts``."""

    deployment: str
    error: str
    status: int | None


@dataclass(slots=True, kw_only=True)
class RequestRecord:
    """One answered request (a row of ``request_log``)."""

    id: str
    endpoint: Endpoint
    public_model: str
    status_code: int
    created_at: datetime = field(default_factory=utcnow)
    key_id: str | None = None
    key_name: str | None = None
    team: str | None = None
    feature: str | None = None
    user_id: str | None = None
    session_id: str | None = None
    deployment: str | None = None  # "provider/model" that answered or last failed
    prompt_version: str | None = None
    prompt_name: str | None = None
    prompt_label: str | None = None
    release_id: str | None = None
    release_variant: str | None = None  # "stable" or "canary" while a canary runs
    stream: bool = False
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float | None = None
    ttft_ms: float | None = None
    upstream_ms: float | None = None
    error_class: str | None = None
    error_message: str | None = None
    cache_hit: bool = False
    fallback_hops: int = 0
    attempts: list[AttemptLog] = field(default_factory=list)
    guard_verdicts: dict[str, Any] | list[Any] | None = None


def _check_choice(name: str, value: str, choices: Any) -> None:
    allowed = get_args(choices)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")


@dataclass(slots=True, kw_only=True)
class TeamRecord:
    """A team's shared limits and budget (a row of ``teams``)."""

    name: str
    rpm: int | None = None
    tpm: int | None = None
    budget_usd: float | None = None
    budget_period: BudgetPeriod | None = None
    source: KeySource = "api"
    updated_at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        _check_choice("source", self.source, KeySource)
        if self.budget_period is not None:
            _check_choice("budget_period", self.budget_period, BudgetPeriod)
