"""`quarterdeck guard benchmark` — measure the guard scanners on the shipped labelled sets."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["guard_app"]

guard_app = typer.Typer(help="Guardrails: measure the scanners.", no_args_is_help=True)


@guard_app.command("benchmark")
def benchmark(
    split: str = typer.Option(
        "test", "--split",
        help="test (held out from rule tuning), dev, or holdout4 (injection only; written blind to the detector)."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the Markdown page here (e.g. docs/guardrails-accuracy.md)."),
) -> None:
    """Precision, recall and false-positive rate (Wilson 95% intervals) and p50/p99 latency per scanner;
    exit 1 when a target of the issue is not met."""
    from quarterdeck.guard.benchmark import benchmark_command  # loads the scanners only for this command

    try:
        report = benchmark_command(split, output)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not all(t.met for t in report.targets):
        raise typer.Exit(1)
