"""Loading the shipped red-team data (``data/*.yaml``) from the installed package, and filling its templates.

The files are read with :mod:`importlib.resources`, so they are found wherever the package is installed (wheel,
editable install, zip), never through a path relative to the repository.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "PLACEHOLDER",
    "BenignData",
    "FamilyData",
    "SharedData",
    "Template",
    "load_benign",
    "load_family",
    "load_shared",
    "read_data_file",
    "render",
]

_PACKAGE = "quarterdeck.evals.redteam"

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
"""A template placeholder: ``{name}`` with a lower-case identifier (so JSON such as ``{"a": 1}`` is left alone)."""


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill every ``{name}`` in ``template`` from ``values``, in one pass (inserted values are not re-scanned).

    Raises ``KeyError`` naming the placeholders ``values`` does not provide.
    """
    missing = sorted({name for name in PLACEHOLDER.findall(template) if name not in values})
    if missing:
        raise KeyError(f"no value for placeholder(s) {', '.join(missing)} in template {template[:60]!r}...")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def read_data_file(name: str) -> str:
    """The text of ``data/<name>`` inside the installed ``quarterdeck.evals.redteam`` package."""
    return resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def _load_yaml(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load(read_data_file(name))
    if not isinstance(loaded, dict):
        raise ValueError(f"red-team data file {name}: expected a mapping at the top level")
    return loaded


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"red-team data {where}: expected a non-empty string, got {value!r}")
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"red-team data {where}: expected a non-empty list")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))


def _records(value: object, where: str) -> tuple[dict[str, str], ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"red-team data {where}: expected a non-empty list of mappings")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"red-team data {where}[{i}]: expected a mapping")
        out.append({str(k): _text(v, f"{where}[{i}].{k}") for k, v in item.items()})
    return tuple(out)


@dataclass(frozen=True)
class Template:
    """One attack or control template: an id and its string fields (``user``, maybe ``document``, ...)."""

    id: str
    fields: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    def get(self, key: str) -> str | None:
        return self.fields.get(key)


def _templates(value: object, where: str, required: tuple[str, ...]) -> tuple[Template, ...]:
    records = _records(value, where)
    seen: set[str] = set()
    out = []
    for i, record in enumerate(records):
        template_id = record.get("id")
        if template_id is None:
            raise ValueError(f"red-team data {where}[{i}]: no id")
        if template_id in seen:
            raise ValueError(f"red-team data {where}: duplicate id {template_id}")
        seen.add(template_id)
        for key in required:
            if key not in record:
                raise ValueError(f"red-team data {where}[{i}] ({template_id}): no {key}")
        out.append(Template(template_id, {k: v for k, v in record.items() if k != "id"}))
    return tuple(out)


@dataclass(frozen=True)
class FamilyData:
    """One attack family's file: where its canary lives, its system prompts and its templates."""

    family: str
    # "system": a secret in the system prompt; "instruction": the injected instruction; "none" (judged families)
    canary_location: str
    description: str
    systems: tuple[dict[str, str], ...]  # each has "text" plus variables its templates may use
    templates: tuple[Template, ...]
    success: str = "canary"  # "canary": the canary decides; "judge": a harmful-content family, a judge decides

    @property
    def judged(self) -> bool:
        return self.success == "judge"


@dataclass(frozen=True)
class SharedData:
    """Material shared by the families: injected instructions, jailbreak goals, synthetic customer records."""

    secret_instructions: tuple[str, ...]
    goals: tuple[str, ...]
    customers: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class BenignData:
    """The benign control set: named system prompts and the controls."""

    systems: dict[str, str]
    controls: tuple[Template, ...]


@cache
def load_family(family: str) -> FamilyData:
    """Parse and check ``data/<family>.yaml``."""
    name = f"{family}.yaml"
    raw = _load_yaml(name)
    if raw.get("family") != family:
        raise ValueError(f"red-team data {name}: family is {raw.get('family')!r}, expected {family!r}")
    location = _text(raw.get("canary_location"), f"{name}: canary_location")
    success = _text(raw.get("success", "canary"), f"{name}: success")
    if success not in ("canary", "judge"):
        raise ValueError(f"red-team data {name}: success must be 'canary' or 'judge'")
    if location not in (("none",) if success == "judge" else ("system", "instruction")):
        raise ValueError(f"red-team data {name}: canary_location must be 'system' or 'instruction' "
                         "('none' when a judge decides success)")
    systems = _records(raw.get("systems"), f"{name}: systems")
    for i, system in enumerate(systems):
        _text(system.get("text"), f"{name}: systems[{i}].text")
    required = ("user", "document", "injection") if family == "indirect-injection" else ("user",)
    return FamilyData(
        family=family,
        canary_location=location,
        description=_text(raw.get("description"), f"{name}: description").strip(),
        systems=systems,
        templates=_templates(raw.get("templates"), f"{name}: templates", required),
        success=success,
    )


@cache
def load_shared() -> SharedData:
    """Parse and check ``data/shared.yaml``."""
    raw = _load_yaml("shared.yaml")
    return SharedData(
        secret_instructions=_texts(raw.get("secret_instructions"), "shared.yaml: secret_instructions"),
        goals=_texts(raw.get("goals"), "shared.yaml: goals"),
        customers=_records(raw.get("customers"), "shared.yaml: customers"),
    )


@cache
def load_benign() -> BenignData:
    """Parse and check ``data/benign.yaml``."""
    raw = _load_yaml("benign.yaml")
    systems_raw = raw.get("systems")
    if not isinstance(systems_raw, dict) or not systems_raw:
        raise ValueError("red-team data benign.yaml: systems must be a non-empty mapping")
    systems = {str(k): _text(v, f"benign.yaml: systems.{k}") for k, v in systems_raw.items()}
    controls = _templates(raw.get("controls"), "benign.yaml: controls", ("user", "system", "category"))
    for control in controls:
        if control["system"] not in systems:
            raise ValueError(f"red-team data benign.yaml: {control.id} names unknown system {control['system']!r}")
    return BenignData(systems=systems, controls=controls)
