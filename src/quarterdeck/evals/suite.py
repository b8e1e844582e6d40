"""Eval suites in YAML: a target, a dataset, variables and assertions.

```yaml
name: support-quality
target:
  prompt: support-reply@production     # or support-reply:3; or `model: NAME` (+ `system:`), or `http:`
dataset:
  file: golden.jsonl                   # JSONL or CSV, relative to the suite file; or `registry: NAME[:N]`
vars: {question: "{{q}}"}              # prompt variables from the row's columns (default: the row itself)
assertions:
  - {type: icontains, value: "{{expected}}"}
  - {type: llm-rubric, value: "Answers politely", threshold: 0.7}
threshold: 0.8                         # the run passes when the pass rate's Wilson lower bound >= this
```
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import orjson
import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from quarterdeck.evals.assertions import AssertionSpec, validate_spec
from quarterdeck.registry.artifacts import jsonl_rows
from quarterdeck.registry.templates import PROMPT_PREFIX, parse_prompt_ref

__all__ = ["Dataset", "Suite", "SuiteError", "load_suite", "rows_digest", "suite_digest"]


class SuiteError(ValueError):
    """A suite or its dataset cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HttpTarget(_Strict):
    url: str = Field(description="Base URL of an OpenAI-compatible API, ending before /chat/completions.")
    model: str
    api_key: SecretStr | None = Field(default=None, description="Written as ${ENV_VAR}.")


class Target(_Strict):
    prompt: str | None = Field(default=None, description="A registry prompt: NAME@LABEL or NAME:VERSION.")
    model: str | None = Field(default=None, description="A public model of the gateway.")
    system: str | None = Field(default=None, description="System prompt for a model target ({{vars}} allowed).")
    user: str = Field(default="{{input}}", description="User message template for model and http targets.")
    http: HttpTarget | None = None
    params: dict[str, Any] = Field(default_factory=dict, description="Extra request fields (temperature, ...).")

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        kinds = [k for k in ("prompt", "model", "http") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of prompt, model or http")
        if self.prompt is not None:
            parse_prompt_ref(PROMPT_PREFIX + self.prompt)
        return self

    @property
    def description(self) -> str:
        if self.prompt is not None:
            return PROMPT_PREFIX + self.prompt
        if self.model is not None:
            return f"model:{self.model}"
        assert self.http is not None
        return f"http:{self.http.url}#{self.http.model}"


class DatasetSource(_Strict):
    file: str | None = None
    registry: str | None = Field(default=None, description="A registry dataset: NAME or NAME:VERSION.")
    rows: list[dict[str, Any]] | None = Field(default=None, description="Rows written inline.")

    @model_validator(mode="after")
    def _one_source(self) -> DatasetSource:
        if sum(x is not None for x in (self.file, self.registry, self.rows)) != 1:
            raise ValueError("give exactly one of file, registry or rows")
        return self


class Suite(_Strict):
    name: str = Field(min_length=1, max_length=200)
    description: str | None = None
    target: Target
    dataset: DatasetSource
    vars: dict[str, Any] | None = Field(default=None, description="Variable -> template over the row's columns.")
    assertions: list[AssertionSpec] = Field(min_length=1)
    threshold: float | None = Field(default=None, ge=0, le=1, description="Pass-rate lower bound to pass the run.")
    judge_model: str | None = Field(default=None, description="Gateway model for llm-rubric (default: the target's).")
    embedding_model: str | None = Field(default=None, description="Gateway model for `similar`.")
    concurrency: int = Field(default=8, ge=1, le=256)
    repeat: int = Field(default=1, ge=1, le=100)


class Dataset(BaseModel):
    rows: list[dict[str, Any]]
    digest: str
    source: str


def rows_digest(rows: list[dict[str, Any]]) -> str:
    return hashlib.sha256(orjson.dumps(rows, option=orjson.OPT_SORT_KEYS)).hexdigest()


def suite_digest(suite: Suite) -> str:
    data = suite.model_dump(mode="json", exclude={"concurrency"})
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def load_suite(path: Path) -> Suite:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SuiteError(f"{path}: a suite is a mapping (name, target, dataset, assertions)")
    try:
        suite = Suite.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise SuiteError(f"{path}: {loc}: {first['msg']}") from exc
    for index, spec in enumerate(suite.assertions):
        try:
            validate_spec(spec)
        except ValueError as exc:
            raise SuiteError(f"{path}: assertions.{index}: {exc}") from exc
    return suite


def read_rows_file(path: Path) -> list[dict[str, Any]]:
    """JSONL (one object per line, blank lines skipped) or CSV (header row)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".csv":
        return [dict(row) for row in csv.DictReader(io.StringIO(text))]
    try:
        return jsonl_rows(text, str(path))
    except ValueError as exc:
        raise SuiteError(str(exc)) from None
