"""Every config field, CLI command and error code is documented (the docs are checked, not hoped)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import typer
import typer.main
from pydantic import BaseModel
from typer.core import TyperGroup

import quarterdeck.errors as errors
from quarterdeck.cli.main import app as cli_app
from quarterdeck.config.schema import Config

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        out.append(prefix + name)
        annotation = field.annotation
        for candidate in (*getattr(annotation, "__args__", ()), annotation):
            if inspect.isclass(candidate) and issubclass(candidate, BaseModel):
                out.extend(_fields(candidate, prefix + name + "."))
    return out


@pytest.mark.parametrize("field", _fields(Config))
def test_config_field_documented(field: str) -> None:
    text = (DOCS / "configuration.md").read_text()
    assert f"`{field.rsplit('.', 1)[-1]}`" in text, f"config field {field} is not in docs/configuration.md"


def _commands(group: TyperGroup, prefix: str = "") -> list[str]:
    out = []
    context = typer.Context(group)
    for name in group.list_commands(context):  # loads the lazily imported groups too
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, TyperGroup):
            out.extend(_commands(command, f"{prefix}{name} "))
        else:
            out.append(f"{prefix}{name}")
    return out


def _group() -> TyperGroup:
    group = typer.main.get_group(cli_app)
    assert isinstance(group, TyperGroup)
    return group


@pytest.mark.parametrize("command", _commands(_group()))
def test_cli_command_documented(command: str) -> None:
    assert f"`quarterdeck {command}" in (DOCS / "cli.md").read_text(), f"{command} is not in docs/cli.md"


@pytest.mark.parametrize(
    "error",
    [
        e
        for e in vars(errors).values()
        if inspect.isclass(e) and issubclass(e, errors.QuarterdeckError) and e is not errors.QuarterdeckError
    ],
)
def test_error_code_documented(error: type[errors.QuarterdeckError]) -> None:
    assert f"`{error.code}`" in (DOCS / "gateway.md").read_text(), f"{error.code} is not in docs/gateway.md"
