"""Read a YAML config file, resolve ``${ENV}`` references, validate it.

Any problem becomes one ``ConfigError`` whose message names the file, the field and what is wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quarterdeck.config.schema import Config
from quarterdeck.errors import ConfigError

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def load_config(path: str | os.PathLike[str], env: Mapping[str, str] | None = None) -> Config:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such config file") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror}") from None
    return load_config_text(text, source=str(file), env=env)


def load_config_text(text: str, *, source: str = "<config>", env: Mapping[str, str] | None = None) -> Config:
    environ = os.environ if env is None else env
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{source}: not valid YAML{where}: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of sections, got {type(raw).__name__}")
    resolved = _resolve_env(raw, environ, source, path="")
    try:
        return Config.model_validate(resolved)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from None


def _resolve_env(value: Any, environ: Mapping[str, str], source: str, path: str) -> Any:
    if isinstance(value, str):
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in environ:
                raise ConfigError(
                    f"{source}: {path or '<root>'}: environment variable {name} is not set"
                )
            return environ[name]

        return _ENV_REF.sub(substitute, value)
    if isinstance(value, dict):
        return {
            k: _resolve_env(v, environ, source, f"{path}.{k}" if path else str(k)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_resolve_env(v, environ, source, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _describe(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        loc = format_loc(err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not part of the config schema)"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        lines.append(f"{loc}: {msg}" if loc else msg)
    head = f"{source}: invalid config"
    if len(lines) == 1:
        return f"{head}: {lines[0]}"
    return head + ":\n" + "\n".join(f"  - {line}" for line in lines)


def format_loc(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a path: ``("models", 0, "retries")`` → ``models[0].retries``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
