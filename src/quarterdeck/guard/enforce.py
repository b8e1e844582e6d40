"""Guard policies: which scanners run on a request's input and on the answer, and what each does.

A guard policy is a registry artifact (kind ``guard_policy``), versioned and released like a prompt;
the gateway applies the version its ``production`` label points at.

```yaml
kind: guard_policy
name: support
applies_to: {keys: [web-app], teams: [], models: [gpt-4o-mini], prompts: [support-reply], default: false}
input:
  - {type: injection, action: block}
  - {type: pii, action: redact, restore: true}      # placeholders like <EMAIL_ADDRESS_1>, put back in the answer
  - {type: secrets, action: block}
output:
  - {type: secrets, action: block}
  - {type: canary, tokens: [QD-LEAK-7f3a], action: block}
  - {type: json, action: flag}
```

Actions: ``block`` refuses (400 ``guard_blocked``, naming the policy and the scanner, never the
matched text), ``redact`` replaces the matched spans, ``flag`` only records. Every scanner sees the
normalised text (NFKC, homoglyphs folded, invisible characters removed, embedded base64/hex
decoded); redaction re-scans the original text so placeholders replace what the client sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quarterdeck.guard import Finding, Scanner, build_scanner, normalise, redact
from quarterdeck.guard.tools import CompiledToolPolicy, ToolPolicySpec, check_tool_schemas, compile_tool_policy
from quarterdeck.guard.types import scan_normalised

__all__ = ["Applied", "CompiledPolicy", "GuardPolicySpec", "Verdict", "apply_rules", "compile_policy",
           "validate_guard_policy"]

Action = Literal["block", "redact", "flag"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppliesTo(_Strict):
    default: bool = Field(default=False, description="Apply to every request.")
    keys: list[str] = Field(default_factory=list, description="Key names.")
    teams: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list, description="Public models (after prompt rendering).")
    prompts: list[str] = Field(default_factory=list, description="Prompt names.")


class GuardPolicySpec(_Strict):
    description: str | None = None
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    input: list[dict[str, Any]] = Field(default_factory=list)
    output: list[dict[str, Any]] = Field(default_factory=list)
    tools: ToolPolicySpec | None = Field(default=None, description="Which tool calls in answers are allowed, "
                                         "denied or held for approval (see quarterdeck.guard.tools).")


@dataclass(frozen=True, slots=True)
class Rule:
    scanner: Scanner
    action: Action
    restore: bool


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    name: str
    version: int
    applies_to: AppliesTo
    input: tuple[Rule, ...]
    output: tuple[Rule, ...]
    tools: CompiledToolPolicy | None = None

    def applies(self, *, key: str | None, team: str | None, model: str, prompt: str | None) -> bool:
        a = self.applies_to
        return (a.default or (key is not None and key in a.keys) or (team is not None and team in a.teams)
                or model in a.models or (prompt is not None and prompt in a.prompts))


@dataclass(frozen=True, slots=True)
class Verdict:
    """One scanner's decision on one stage, as recorded on the request row and in metrics."""

    policy: str
    version: int
    stage: Literal["input", "output"]
    scanner: str
    action: Action
    kinds: tuple[str, ...]
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.policy, "version": self.version, "stage": self.stage, "scanner": self.scanner,
                "action": self.action, "kinds": list(self.kinds), "count": self.count}


@dataclass(slots=True)
class Applied:
    """The outcome of scanning one text with the rules of one stage."""

    text: str
    verdicts: list[Verdict] = field(default_factory=list)
    blocked: Verdict | None = None
    restore: bool = False  # a redaction asked for its placeholders to be put back in the answer


def _rules(items: Sequence[Mapping[str, Any]], where: str) -> tuple[Rule, ...]:
    rules = []
    for index, item in enumerate(items):
        spec = dict(item)
        action = spec.pop("action", None)
        restore = bool(spec.pop("restore", False))
        if action not in ("block", "redact", "flag"):
            raise ValueError(f"{where}.{index}.action: must be block, redact or flag (got {action!r})")
        try:
            scanner = build_scanner(spec)
        except ValueError as exc:
            raise ValueError(f"{where}.{index}: {exc}") from exc
        rules.append(Rule(scanner, action, restore))
    return tuple(rules)


def validate_guard_policy(content: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised policy, or ValueError naming the field (every scanner spec is built once)."""
    try:
        spec = GuardPolicySpec.model_validate(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValueError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc
    _rules(spec.input, "input")
    _rules(spec.output, "output")
    if spec.tools is not None:
        check_tool_schemas(spec.tools)
    return spec.model_dump(mode="json", exclude_none=True)


def compile_policy(name: str, version: int, content: Mapping[str, Any]) -> CompiledPolicy:
    spec = GuardPolicySpec.model_validate(content)
    tools = compile_tool_policy(spec.tools) if spec.tools is not None else None
    return CompiledPolicy(name, version, spec.applies_to, _rules(spec.input, "input"), _rules(spec.output, "output"),
                          tools)


def apply_rules(policy: CompiledPolicy, stage: Literal["input", "output"], text: str,
                placeholders: dict[str, str]) -> Applied:
    """Scan ``text`` with the stage's rules in order; stop at the first block."""
    rules = policy.input if stage == "input" else policy.output
    out = Applied(text)
    if not rules or not text:
        return out
    normalised = normalise(text)
    for rule in rules:
        findings: list[Finding] = scan_normalised(rule.scanner, normalised)
        if not findings:
            continue
        verdict = Verdict(policy.name, policy.version, stage, rule.scanner.name, rule.action,
                          tuple(sorted({f.kind for f in findings})), len(findings))
        out.verdicts.append(verdict)
        if rule.action == "block":
            out.blocked = verdict
            return out
        if rule.action == "redact":
            on_original = rule.scanner.scan(out.text)  # offsets into what is actually sent on
            if on_original:
                out.text, _ = redact(out.text, on_original, placeholders)
                out.restore = out.restore or rule.restore
    return out
