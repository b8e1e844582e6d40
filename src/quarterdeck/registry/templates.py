"""Prompt references (``prompt:NAME@LABEL``, ``prompt:NAME:VERSION``) and template rendering.

Templates use ``{{name}}`` placeholders (spaces inside the braces allowed). Rendering is plain text
substitution — no expressions, loops or attribute access — so a prompt can never run code. A value
that is not a string is inserted as JSON. A placeholder the request gives no value for is an error
naming every missing variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from quarterdeck.errors import InvalidRequestError, MissingVariableError

__all__ = ["LABEL_PATTERN", "PROMPT_PREFIX", "PromptRef", "parse_prompt_ref", "render_prompt", "template_variables"]

PROMPT_PREFIX = "prompt:"
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")
LABEL_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,100}")
_REF = re.compile(r"^prompt:(?P<name>[A-Za-z0-9][A-Za-z0-9._-]{0,127})(?:@(?P<label>[A-Za-z0-9._-]{1,100})"
                  r"|:(?P<version>[0-9]{1,9}))?$")


@dataclass(frozen=True, slots=True)
class PromptRef:
    name: str
    label: str | None  # None with version None means the "production" label
    version: int | None

    @property
    def text(self) -> str:
        if self.version is not None:
            return f"prompt:{self.name}:{self.version}"
        return f"prompt:{self.name}@{self.label or 'production'}"


def parse_prompt_ref(model: str) -> PromptRef:
    """``prompt:NAME@LABEL``, ``prompt:NAME:VERSION`` or ``prompt:NAME`` (= ``@production``)."""
    match = _REF.fullmatch(model)
    if match is None:
        raise InvalidRequestError(
            f"'{model}' is not a prompt reference: write prompt:NAME@LABEL or prompt:NAME:VERSION", param="model")
    version = match.group("version")
    return PromptRef(match.group("name"), match.group("label") or (None if version else "production"),
                     int(version) if version else None)


def template_variables(content: dict[str, Any]) -> list[str]:
    """The variables a prompt's messages use, in order of first use."""
    seen: dict[str, None] = {}
    for message in content.get("messages", []):
        for name in _PLACEHOLDER.findall(message.get("content", "")):
            seen.setdefault(name, None)
    return list(seen)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def render_prompt(content: dict[str, Any], variables: dict[str, Any], ref: str) -> list[dict[str, Any]]:
    """The prompt's messages with every placeholder filled, or ``MissingVariableError``."""
    missing = [name for name in template_variables(content) if name not in variables]
    if missing:
        names = ", ".join(f"'{n}'" for n in missing)
        raise MissingVariableError(
            f"The prompt '{ref}' needs the variable(s) {names}; pass them in the request's 'variables' "
            "object (or the X-Quarterdeck-Variables header as JSON).", param=f"variables.{missing[0]}")
    return [
        {"role": m["role"], "content": _PLACEHOLDER.sub(lambda match: _text(variables[match.group(1)]), m["content"])}
        for m in content["messages"]
    ]
