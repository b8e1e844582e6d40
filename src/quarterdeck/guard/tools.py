"""Tool policies: which tool calls a model may make, checked in the gateway before the app sees them.

The ``tools`` section of a guard policy:

```yaml
tools:
  default: deny                 # what happens to a tool no rule names: allow | deny | approve
  rules:
    - {name: search_docs, action: allow}
    - name: fetch_url
      action: allow
      arguments:                # JSON Schema the call's arguments must satisfy, or the call is denied
        type: object
        properties: {url: {type: string, pattern: "^https://docs\\.example\\.com/"}}
        required: [url]
    - {name: "delete_*", action: deny, reason: "Deleting is done by people."}
    - {name: send_email, action: approve}   # held until an approver decides
```

Rules are tried in order; the first whose ``name`` (a shell-style pattern) matches decides. When
several policies apply to a request, the strictest decision wins: deny over approve over allow.
Arguments that are not one JSON value, or longer than ``MAX_ARGUMENTS`` characters, are denied
whatever the rule says. Schemas are JSON Schema 2020-12 with ``format`` checked; ``$ref`` may only
point inside the schema (checked when the policy is pushed). A refusal names the field and the
constraint it breaks, never the value the model wrote (it may be personal data or a secret).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # jsonschema is imported when a policy with argument schemas is compiled (~6 MB)
    from jsonschema import Draft202012Validator

__all__ = ["CompiledToolPolicy", "ToolDecision", "ToolPolicySpec", "check_tool_schemas", "compile_tool_policy",
           "strictest", "tool_calls_of"]

ToolAction = Literal["allow", "deny", "approve"]
MAX_ARGUMENTS = 65_536  # characters of a call's arguments that are checked at all
_RANK: dict[ToolAction, int] = {"allow": 0, "approve": 1, "deny": 2}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolRuleSpec(_Strict):
    name: str = Field(min_length=1, max_length=200, description="Tool name or shell-style pattern (fetch_*).")
    action: ToolAction
    arguments: dict[str, Any] | None = Field(
        default=None, description="JSON Schema the arguments must satisfy; a call that does not is denied.")
    reason: str | None = Field(default=None, max_length=500, description="Told to the app when the call is denied.")


class ToolPolicySpec(_Strict):
    default: ToolAction = Field(default="deny", description="For tools no rule names.")
    rules: list[ToolRuleSpec] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ToolDecision:
    """What one policy decided about one tool call."""

    action: ToolAction
    reason: str
    policy: str = ""
    version: int = 0
    rule: str | None = None  # the rule's name pattern, None for the default


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: str
    action: ToolAction
    validator: Draft202012Validator | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class CompiledToolPolicy:
    default: ToolAction
    rules: tuple[_Rule, ...]

    def decide(self, name: str, arguments: str) -> ToolDecision:
        """The decision for a call of ``name`` with ``arguments`` (the JSON text the model wrote)."""
        if len(arguments) > MAX_ARGUMENTS:
            return ToolDecision("deny", f"its arguments are longer than {MAX_ARGUMENTS} characters")
        if arguments.strip():
            try:
                orjson.loads(arguments)
            except orjson.JSONDecodeError:
                return ToolDecision("deny", "its arguments are not valid JSON")
        for rule in self.rules:
            if not fnmatch.fnmatchcase(name, rule.pattern):
                continue
            if rule.action != "deny" and rule.validator is not None:
                problem = _argument_problem(rule.validator, arguments)
                if problem is not None:
                    return ToolDecision("deny", f"its arguments break the policy: {problem}", rule=rule.pattern)
            return ToolDecision(rule.action, rule.reason or _REASONS[rule.action], rule=rule.pattern)
        return ToolDecision(self.default, _REASONS[self.default] if self.default != "deny"
                            else "the tool is not on the policy's list")


_REASONS: dict[ToolAction, str] = {
    "allow": "allowed by the tool policy",
    "deny": "the tool is denied by the policy",
    "approve": "the call needs a person's approval",
}


def _argument_problem(validator: Draft202012Validator, arguments: str) -> str | None:
    from referencing.exceptions import Unresolvable

    value = orjson.loads(arguments) if arguments.strip() else {}
    try:
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
    except Unresolvable:  # refused when pushed; kept as a deny should a schema get here anyway
        return "the policy's schema could not be applied"
    if not errors:
        return None
    first = errors[0]
    where = "/".join(str(p) for p in first.path) or "(the arguments)"
    if first.validator == "required":  # the message names the missing property, which the schema gave
        return f"{where}: {first.message}"[:300]
    return f"{where}: breaks the rule's '{first.validator}' constraint"[:300]


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def compile_tool_policy(spec: ToolPolicySpec) -> CompiledToolPolicy:
    rules = []
    for rule in spec.rules:
        validator = _validator(rule.arguments) if rule.arguments is not None else None
        rules.append(_Rule(rule.name, rule.action, validator, rule.reason))
    return CompiledToolPolicy(spec.default, tuple(rules))


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("$ref", "$dynamicRef") and isinstance(v, str)]
        return found + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def check_tool_schemas(spec: ToolPolicySpec) -> None:
    """Raise ValueError naming the rule whose ``arguments`` is not a valid JSON Schema, or refers to
    anything outside itself (nothing is fetched at run time)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    from referencing import Registry
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    for index, rule in enumerate(spec.rules):
        if rule.arguments is None:
            continue
        where = f"tools.rules.{index}.arguments"
        try:
            Draft202012Validator.check_schema(rule.arguments)
        except SchemaError as exc:
            raise ValueError(f"{where}: not a valid JSON Schema: {exc.message}") from exc
        resolver = Registry().with_resource("urn:qd:policy", DRAFT202012.create_resource(rule.arguments)) \
            .resolver(base_uri="urn:qd:policy")
        for ref in _refs(rule.arguments):
            if not ref.startswith("#"):
                raise ValueError(f"{where}: $ref {ref!r} points outside the schema; only '#...' refs are allowed")
            try:
                resolver.lookup(ref)
            except Unresolvable as exc:
                raise ValueError(f"{where}: $ref {ref!r} does not resolve inside the schema") from exc


def strictest(decisions: Sequence[ToolDecision]) -> ToolDecision | None:
    """The decision that wins across policies: deny over approve over allow (first of a rank)."""
    best: ToolDecision | None = None
    for decision in decisions:
        if best is None or _RANK[decision.action] > _RANK[best.action]:
            best = decision
    return best


def tool_calls_of(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    calls = message.get("tool_calls")
    return [c for c in calls if isinstance(c, dict)] if isinstance(calls, list) else []
