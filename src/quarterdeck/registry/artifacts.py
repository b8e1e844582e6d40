"""What a registry artifact holds, per kind, and its content address.

Content is validated with these models (unknown fields are errors), then stored as the model's JSON
(defaults filled in), so two files that mean the same thing get the same digest. The digest is the
sha256 of the canonical JSON: keys sorted, no whitespace, UTF-8.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from quarterdeck.config.schema import ModelConfig
from quarterdeck.errors import UnprocessableError
from quarterdeck.store import ArtifactKind

__all__ = ["KINDS", "NAME_PATTERN", "PromptSpec", "canonical_json", "content_digest", "jsonl_rows",
           "validate_content"]

KINDS: tuple[ArtifactKind, ...] = ("prompt", "route", "dataset", "guard_policy")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PromptMessage(_Strict):
    role: Literal["system", "developer", "user", "assistant"]
    content: str = Field(description="Text with {{variables}}.")


class PromptSpec(_Strict):
    """A chat template: messages with ``{{variables}}``, the public model it targets, its parameters."""

    model: str = Field(min_length=1, description="The public model (or another model name) the prompt calls.")
    messages: list[PromptMessage] = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict,
                                   description="Request fields the prompt sets: temperature, max_tokens, ...")
    tools: list[dict[str, Any]] | None = None
    response_format: dict[str, Any] | None = None
    description: str | None = None

    @field_validator("params")
    @classmethod
    def _no_reserved_params(cls, value: dict[str, Any]) -> dict[str, Any]:
        reserved = sorted({"model", "messages", "stream", "tools", "response_format"} & set(value))
        if reserved:
            raise ValueError(f"params may not set {', '.join(reserved)} (they have their own fields)")
        return value


class RouteSpec(ModelConfig):
    """A public model's deployments and strategy; the name is the artifact's name."""

    name: str = Field(default="", description="Ignored: the artifact's name is the model's name.")


class DatasetSpec(_Strict):
    rows: list[dict[str, Any]] = Field(min_length=1, description="The JSONL rows, one object each.")
    description: str | None = None


class GuardPolicySpec(BaseModel):
    """Stored now, enforced by the guardrails feature: any mapping is kept as given."""

    model_config = ConfigDict(extra="allow", frozen=True)


_SPECS: dict[str, type[BaseModel]] = {
    "prompt": PromptSpec,
    "route": RouteSpec,
    "dataset": DatasetSpec,
    "guard_policy": GuardPolicySpec,
}


def jsonl_rows(text: str, source: str) -> list[dict[str, Any]]:
    """The rows of a JSONL document (one object per line, blank lines skipped); ValueError names the line."""
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise ValueError(f"{source}:{number}: not valid JSON: {exc}") from None
        if not isinstance(row, dict):
            raise ValueError(f"{source}:{number}: each line must be a JSON object (got {type(row).__name__})")
        rows.append(row)
    return rows


def canonical_json(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def content_digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def check_name(kind: str, name: str) -> None:
    if kind not in _SPECS:
        raise UnprocessableError(f"kind: must be one of {', '.join(KINDS)} (got {kind!r})", param="kind")
    if not NAME_PATTERN.fullmatch(name):
        raise UnprocessableError(
            f"name: {name!r} is not a valid artifact name (letters, digits, '.', '_', '-'; at most 128; "
            "starting with a letter or digit)", param="name")


def validate_content(kind: str, name: str, content: Any, *, source: str = "content") -> dict[str, Any]:
    """The normalised content of a ``kind`` artifact, or a 422 naming the field and the problem."""
    check_name(kind, name)
    if not isinstance(content, dict):
        raise UnprocessableError(f"{source}: must be an object (got {type(content).__name__})", param=source)
    try:
        spec = _SPECS[kind].model_validate(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        where = f"{source}.{loc}" if loc else source
        raise UnprocessableError(f"{where}: {first['msg']}", param=where) from exc
    # a guard policy is kept as given (nulls included); the typed kinds drop unset optional fields
    normal = spec.model_dump(mode="json", exclude_none=kind != "guard_policy")
    if kind == "route":
        normal.pop("name", None)
    return normal
