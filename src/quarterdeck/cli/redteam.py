"""`quarterdeck redteam run` — shipped attacks against a target; success decided by canaries."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quarterdeck.cli.registry_client import KeyOption, UrlOption, fail
from quarterdeck.evals.client import EvalApiError, QuarterdeckClient
from quarterdeck.evals.redteam import FAMILIES, JUDGE_FAMILIES, OBFUSCATIONS, benign_controls, generate
from quarterdeck.evals.redteam_run import FamilyRate, RedteamSummary, run_redteam
from quarterdeck.evals.report import write_json
from quarterdeck.evals.runner import iter_cases, resolve_target
from quarterdeck.evals.suite import SuiteError, Target

__all__ = ["redteam_app"]

redteam_app = typer.Typer(help="Red-team a target with the shipped attack families.", no_args_is_help=True)
console = Console()


def _target(model: str | None, prompt: str | None, http_url: str | None, http_model: str | None,
            http_key_env: str | None) -> Target:
    spec: dict[str, object] = {}
    if model is not None:
        spec["model"] = model
    if prompt is not None:
        spec["prompt"] = prompt.removeprefix("prompt:")
    if http_url is not None or http_model is not None:
        if http_url is None or http_model is None:
            fail("--http-url and --http-model go together", 2)
        key = None
        if http_key_env is not None:
            key = os.environ.get(http_key_env)
            if key is None:
                fail(f"--http-key-env: the environment variable {http_key_env} is not set", 2)
        spec["http"] = {"url": http_url, "model": http_model, "api_key": key}
    try:
        return Target.model_validate(spec)
    except ValidationError as exc:
        fail(f"target: {exc.errors()[0]['msg']} (--model, --prompt or --http-url)", 2)


def _row(table: Table, rate: FamilyRate, unmeasured: int) -> None:
    table.add_row(escape(rate.family), str(rate.n), str(rate.successes), f"{rate.rate:.1%}",
                  f"{rate.low:.1%} - {rate.high:.1%}", str(unmeasured) if unmeasured else "")


def _table(summary: RedteamSummary) -> Table:
    table = Table("family", "attacks", "succeeded", "success rate", "95% CI", "unmeasured")
    measured = {rate.family: rate for rate in summary.families}
    for family in sorted(set(measured) | set(summary.unmeasured)):
        unmeasured = summary.unmeasured.get(family, 0)
        if family in measured:
            _row(table, measured[family], unmeasured)
        else:
            verdict = "unmeasured (needs --judge)" if summary.judge_model is None else "unmeasured"
            table.add_row(escape(family), "0", "-", verdict, "-", str(unmeasured))
    if summary.overall is not None:
        _row(table, summary.overall, sum(summary.unmeasured.values()))
    return table


@redteam_app.command("run")
def run(
    url: str = UrlOption,
    key: str = KeyOption,
    model: str | None = typer.Option(None, "--model", help="A public model of the gateway."),
    prompt: str | None = typer.Option(None, "--prompt", help="A registry prompt: NAME@LABEL or NAME:VERSION."),
    input_var: str = typer.Option("input", "--input-var", help="With --prompt: the variable the attack text fills."),
    http_url: str | None = typer.Option(None, "--http-url", help="Any OpenAI-compatible API (base URL)."),
    http_model: str | None = typer.Option(None, "--http-model"),
    http_key_env: str | None = typer.Option(None, "--http-key-env", help="Env var holding the API key for --http-url."),
    family: list[str] | None = typer.Option(None, "--family", "-f",
                                            help=f"Repeatable; default all: {', '.join(FAMILIES)}."),
    obfuscation: list[str] | None = typer.Option(None, "--obfuscation", "-o",
                                                 help=f"Repeatable: {', '.join(OBFUSCATIONS)}."),
    per_family: int | None = typer.Option(None, "--per-family", min=1, help="Templates per family (seeded sample)."),
    seed: int = typer.Option(0, "--seed"),
    benign: bool = typer.Option(True, "--benign/--no-benign", help="Also measure over-refusal on benign requests."),
    concurrency: int = typer.Option(8, "--concurrency", "-j", min=1, max=256),
    judge: str | None = typer.Option(None, "--judge", help="A gateway model that decides the harmful-content "
                                     f"families ({', '.join(JUDGE_FAMILIES)}); without it they are unmeasured."),
    max_asr: float | None = typer.Option(None, "--max-asr", min=0, max=1,
                                         help="Exit 1 when the attack success rate's 95% upper bound exceeds this."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the run and its cases as JSON."),
) -> None:
    """Attack success rate per family with 95% intervals, beside the over-refusal rate on benign requests."""
    target = _target(model, prompt, http_url, http_model, http_key_env)
    try:
        attacks = generate(family or None, obfuscations=obfuscation or (), per_family=per_family, seed=seed)
    except ValueError as exc:
        fail(str(exc), 2)
    controls = benign_controls(seed=seed) if benign else []

    async def go() -> tuple[RedteamSummary, dict[str, object]]:
        async with QuarterdeckClient(url, key, concurrency=concurrency) as client:
            pinned = await resolve_target(target, client)
            summary = await run_redteam(client, target, pinned, attacks, controls, concurrency=concurrency,
                                        input_var=input_var, judge_model=judge)
            record = await client.admin("GET", f"/eval-runs/{summary.run_id}")
            if json_out is not None:
                await write_json(json_out, record, iter_cases(client, summary.run_id))
            return summary, record

    try:
        summary, _ = asyncio.run(go())
    except (SuiteError, EvalApiError) as exc:
        fail(str(exc), 1)
    console.print(f"red-team run [bold]{summary.run_id}[/] on {escape(summary.target)}", highlight=False)
    console.print(_table(summary))
    if summary.unmeasured:
        why = "no --judge" if judge is None else "the judge's verdict did not parse, or the judge failed"
        console.print(f"{sum(summary.unmeasured.values())} attacks unmeasured ({why}): left out of every rate",
                      highlight=False)
    if summary.over_refusal is not None:
        o = summary.over_refusal
        console.print(f"over-refusal on {o.n} benign requests: {o.rate:.1%} (95% CI {o.low:.1%} - {o.high:.1%})",
                      highlight=False)
    if summary.errors:
        console.print(f"{summary.errors} target errors (counted as refusals)", highlight=False)
    if max_asr is not None and summary.overall is not None and summary.overall.high > max_asr:
        console.print(f"[bold red]attack success rate upper bound {summary.overall.high:.1%} > {max_asr:.1%}[/]")
        raise typer.Exit(1)
