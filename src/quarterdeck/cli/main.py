"""Entry point of the `quarterdeck` command."""

from __future__ import annotations

from pathlib import Path

import typer

from quarterdeck.cli.artifacts import diff, prompt_app, push
from quarterdeck.cli.audit import audit_app
from quarterdeck.cli.common import config_errors_exit
from quarterdeck.cli.evals import eval_app
from quarterdeck.cli.guard import guard_app
from quarterdeck.cli.records import keys_app, requests_app
from quarterdeck.cli.redteam import redteam_app
from quarterdeck.cli.releases import kill, kill_switches, release_app, unkill
from quarterdeck.cli.spend import spend_app
from quarterdeck.cli.up import up
from quarterdeck.config import load_config

app = typer.Typer(
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
app.add_typer(eval_app, name="eval")
app.add_typer(redteam_app, name="redteam")
app.add_typer(guard_app, name="guard")
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
