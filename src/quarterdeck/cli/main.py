"""Entry point of the `quarterdeck` command."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from quarterdeck.cli.approvals import approvals_app
from quarterdeck.cli.artifacts import diff, prompt_app, push
from quarterdeck.cli.audit import audit_app
from quarterdeck.cli.common import config_errors_exit
from quarterdeck.cli.records import keys_app, requests_app
from quarterdeck.cli.releases import kill, kill_switches, release_app, unkill
from quarterdeck.cli.spend import spend_app
from quarterdeck.cli.up import up
from quarterdeck.config import load_config

# Command groups whose modules import the heavy libraries (SciPy, NumPy, sacrebleu, Presidio, spaCy…)
# are loaded when they are called, so `quarterdeck up` and the light commands do not carry them
# (measured: 1,790 modules and 164 MB RSS with them, 939 and 85 MB without).
LAZY_GROUPS = {
    "eval": "quarterdeck.cli.evals:eval_app",
    "redteam": "quarterdeck.cli.redteam:redteam_app",
    "guard": "quarterdeck.cli.guard:guard_app",
}


class LazyGroup(TyperGroup):
    """The top-level group: the commands registered below plus ``LAZY_GROUPS``, imported on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(name for name in LAZY_GROUPS if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in LAZY_GROUPS and cmd_name not in self.commands:
            module, attribute = LAZY_GROUPS[cmd_name].split(":")
            holder = typer.Typer(add_completion=False)  # built as `add_typer` would: a group, never collapsed
            holder.add_typer(getattr(importlib.import_module(module), attribute), name=cmd_name)
            built = typer.main.get_command(holder)
            assert isinstance(built, TyperGroup)
            self.add_command(built.commands[cmd_name], cmd_name)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    cls=LazyGroup,
    help="Quarterdeck: an OpenAI- and Anthropic-compatible LLM gateway and AI control plane.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("up")(up)
app.add_typer(requests_app, name="requests")
app.add_typer(keys_app, name="keys")
app.add_typer(spend_app, name="spend")
app.command("push")(push)
app.command("diff")(diff)
app.add_typer(prompt_app, name="prompt")
app.add_typer(release_app, name="release")
app.command("kill")(kill)
app.command("unkill")(unkill)
app.command("kill-switches")(kill_switches)
app.add_typer(audit_app, name="audit")
app.add_typer(approvals_app, name="approvals")
config_app = typer.Typer(help="Work with config files.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("check")
def check(path: Path = typer.Argument(..., help="The config file to validate.")) -> None:
    """Validate a config file: exit 0 when valid, 2 with the problem otherwise."""
    with config_errors_exit():
        cfg = load_config(path)
    typer.echo(f"{path}: valid ({len(cfg.providers)} provider(s), {len(cfg.models)} model(s), "
               f"{len(cfg.keys)} key(s))")


def main() -> None:
    app()
