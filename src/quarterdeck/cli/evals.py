"""`quarterdeck eval run|compare` — run suites against a gateway, compare runs with statistics."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from quarterdeck.cli.registry_client import KeyOption, UrlOption, fail
from quarterdeck.config.defaults import data_home
from quarterdeck.errors import ExecutorError
from quarterdeck.evals.cache import EvalCache
from quarterdeck.evals.client import EvalApiError, QuarterdeckClient
from quarterdeck.evals.compare import compact_case, comparison_rows
from quarterdeck.evals.executor import EXECUTORS, Executor, LocalExecutor
from quarterdeck.evals.gate import GateOutcome, run_gate
from quarterdeck.evals.ray_executor import DEFAULT_BATCH, RayExecutor
from quarterdeck.evals.report import write_html, write_json, write_junit
from quarterdeck.evals.runner import CaseResult, RunOptions, RunSummary, iter_cases, run_suite
from quarterdeck.evals.suite import SuiteError, load_suite

__all__ = ["eval_app"]

eval_app = typer.Typer(help="Evaluation suites: run them, compare runs, gate releases.", no_args_is_help=True)
console = Console()


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                    TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)


async def _compact(client: QuarterdeckClient, run_id: str) -> list[dict[str, Any]]:
    return [compact_case(case) async for case in iter_cases(client, run_id)]


async def _run(suite_path: Path, url: str, key: str, options: RunOptions, reports: dict[str, Path | None],
               show_progress: bool) -> tuple[RunSummary, dict[str, Any]]:
    suite = load_suite(suite_path)
    async with QuarterdeckClient(url, key, concurrency=options.concurrency or suite.concurrency) as client:
        progress = _progress() if show_progress else None
        task_id: list[Any] = []

        def started(total: int) -> None:
            if progress is not None:
                progress.start()
                task_id.append(progress.add_task(suite.name, total=total, rate=""))

        def finished_case(result: CaseResult) -> None:
            if progress is not None and task_id:
                progress.advance(task_id[0])
                speed = progress.tasks[0].speed
                progress.update(task_id[0], rate=f"{speed:.1f} cases/s" if speed else "")

        try:
            summary = await run_suite(suite, suite_path, client, options, on_start=started, on_case=finished_case)
        finally:
            if progress is not None:
                progress.stop()
        run = await client.admin("GET", f"/eval-runs/{summary.run_id}")
        # each report streams the cases from the store again: nothing holds the whole run
        if reports["json"] is not None:
            await write_json(reports["json"], run, iter_cases(client, summary.run_id))
        if reports["junit"] is not None:
            await write_junit(reports["junit"], run, iter_cases(client, summary.run_id))
        if reports["html"] is not None:
            await write_html(reports["html"], run, iter_cases(client, summary.run_id))
        return summary, run


def _executor(name: str, ray_address: str | None, ray_batch: int) -> Executor:
    """The chosen executor, connected (Ray); a missing Ray or an unreachable cluster exits 2 here."""
    if name not in EXECUTORS:
        fail(f"--executor: unknown executor {name!r}; known: {', '.join(EXECUTORS)}", 2)
    if name == "local":
        return LocalExecutor()
    if ray_address is None:
        fail("--executor ray needs --ray-address HOST:PORT (or RAY_ADDRESS)", 2)
    try:
        executor = RayExecutor(ray_address, batch_size=ray_batch)
        executor.open()
    except ExecutorError as exc:
        fail(str(exc), 2)
    return executor


@eval_app.command("run")
def run(
    suite_path: Path = typer.Argument(..., help="The suite (YAML)."),
    url: str = UrlOption,
    key: str = KeyOption,
    repeat: int | None = typer.Option(None, "--repeat", min=1, max=100, help="Samples per case (default: suite's)."),
    concurrency: int | None = typer.Option(None, "--concurrency", "-j", min=1, max=256),
    no_cache: bool = typer.Option(False, "--no-cache", help="Call the target for every case."),
    cache_file: Path | None = typer.Option(None, "--cache", help="Cache file (default: QUARTERDECK_HOME/eval-cache)."),
    resume: str | None = typer.Option(None, "--resume", help="Continue an interrupted run: only missing cases run."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the run and its cases as JSON."),
    junit_out: Path | None = typer.Option(None, "--junit", help="Write JUnit XML (one testcase per case)."),
    html_out: Path | None = typer.Option(None, "--html", help="Write a single-file HTML report."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
    executor_name: str = typer.Option("local", "--executor",
                                      help="Where cases run: local (asyncio workers) or ray (Ray tasks)."),
    ray_address: str | None = typer.Option(None, "--ray-address", envvar="RAY_ADDRESS",
                                           help="With --executor ray: the cluster (HOST:PORT, ray://HOST:PORT)."),
    ray_batch: int = typer.Option(DEFAULT_BATCH, "--ray-batch", min=1, max=10_000,
                                  help="With --executor ray: cases per Ray task."),
) -> None:
    """Run a suite; exit 0 when it meets its threshold (on the pass rate's lower bound), 1 when not."""
    executor = _executor(executor_name, ray_address, ray_batch)
    cache = None if no_cache else EvalCache(cache_file or data_home() / "eval-cache.sqlite")
    options = RunOptions(cache=cache, resume_run_id=resume, repeat=repeat, concurrency=concurrency,
                         executor=executor)
    try:
        summary, record = asyncio.run(_run(suite_path, url, key, options,
                                           {"json": json_out, "junit": junit_out, "html": html_out},
                                           not no_progress))
    except SuiteError as exc:
        fail(str(exc), 2)
    except EvalApiError as exc:
        fail(str(exc), 1)
    except ExecutorError as exc:
        fail(f"{exc}; the cases done so far are stored: continue with --resume <run id>", 1)
    except KeyboardInterrupt:
        fail("interrupted: the cases done so far are stored; continue with --resume <run id>", 130)
    finally:
        if cache is not None:
            cache.close()
        if isinstance(executor, RayExecutor):
            executor.close()
    _print_summary(summary, record)
    threshold = load_suite(suite_path).threshold
    low = summary.metrics.get("pass_rate_low")
    if threshold is not None and (low is None or low < threshold):
        console.print(f"[bold red]below threshold[/]: pass-rate lower bound {low if low is not None else 'n/a'} "
                      f"< {threshold}", highlight=False)
        raise typer.Exit(1)


def _print_summary(summary: RunSummary, run: dict[str, Any]) -> None:
    m = summary.metrics
    console.print(f"run [bold]{summary.run_id}[/] on {escape(summary.target)}: {summary.total} cases, "
                  f"{summary.passed} passed, {summary.failed} failed, {summary.unmeasured} unmeasured, "
                  f"{summary.errors} target errors", highlight=False)
    if "pass_rate" in m:
        console.print(f"pass rate {m['pass_rate']:.3f} (95% CI {m['pass_rate_low']:.3f}-{m['pass_rate_high']:.3f})",
                      highlight=False)
    if "mean_score" in m:
        console.print(f"mean score {m['mean_score']:.3f} (95% CI {m['mean_score_low']:.3f}-"
                      f"{m['mean_score_high']:.3f})", highlight=False)
    extras = []
    if summary.executor != "local":
        extras.append(f"evaluated on {summary.executor}")
    if summary.skipped:
        extras.append(f"{summary.skipped} already stored (resumed)")
    if summary.cache_hits:
        extras.append(f"{summary.cache_hits} from cache")
    if summary.rate_limited:
        extras.append(f"{summary.rate_limited} rate-limit waits")
    if extras:
        console.print(", ".join(extras), highlight=False)


@eval_app.command("compare")
def compare(
    run_a: str = typer.Argument(..., help="The baseline run's id."),
    run_b: str = typer.Argument(..., help="The candidate run's id."),
    url: str = UrlOption,
    key: str = KeyOption,
    json_out: Path | None = typer.Option(None, "--json"),
    html_out: Path | None = typer.Option(None, "--html"),
) -> None:
    """Pair the cases of two runs; per assertion: difference (B - A), interval, paired test, Holm."""

    async def load() -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        async with QuarterdeckClient(url, key) as client:
            run = await client.admin("GET", f"/eval-runs/{run_b}")
            await client.admin("GET", f"/eval-runs/{run_a}")
            return run, await _compact(client, run_a), await _compact(client, run_b)

    try:
        run, cases_a, cases_b = asyncio.run(load())
    except EvalApiError as exc:
        fail(str(exc), 1)
    comparison, rows = comparison_rows(cases_a, cases_b)
    if comparison is None:
        fail("the two runs have no case measured in both (different datasets?)", 1)
    table = Table("assertion", "A", "B", "B - A", "95% CI", "test", "p (Holm)", "verdict")
    for row in rows:
        verdict = "[bold]significant[/]" if row["significant"] else "not significant"
        table.add_row(escape(row["name"]), f"{row['mean_a']:.3f}", f"{row['mean_b']:.3f}", f"{row['diff']:+.3f}",
                      f"{row['low']:+.3f} … {row['high']:+.3f}", row["test"], f"{row['p_adjusted']:.3g}", verdict)
    console.print(table)
    for row in rows:
        console.print(f"{escape(row['name'])}: {escape(row['summary'])}", highlight=False)
    if json_out is not None or html_out is not None:
        asyncio.run(_compare_reports(url, key, run, run_b, rows, {"baseline": run_a, "candidate": run_b,
                                                                  "assertions": rows}, json_out, html_out))


async def _compare_reports(url: str, key: str, run: dict[str, Any], run_b: str, rows: list[dict[str, Any]],
                           comparison: dict[str, Any], json_out: Path | None, html_out: Path | None) -> None:
    async with QuarterdeckClient(url, key) as client:
        if json_out is not None:
            await write_json(json_out, run, iter_cases(client, run_b), comparison)
        if html_out is not None:
            await write_html(html_out, run, iter_cases(client, run_b), rows)


@eval_app.command("gate")
def gate(
    release_id: str = typer.Argument(..., help="A pending release of a prompt."),
    suite_path: Path = typer.Argument(..., help="The suite (its target must be a prompt; the version is set)."),
    url: str = UrlOption,
    key: str = KeyOption,
    repeat: int | None = typer.Option(None, "--repeat", min=1, max=100),
    concurrency: int | None = typer.Option(None, "--concurrency", "-j", min=1, max=256),
    no_cache: bool = typer.Option(False, "--no-cache"),
) -> None:
    """Run the suite on the release's current and new version, compare them, attach both runs to the
    release; exit 1 on a significant regression or a pass rate below the suite's threshold."""
    suite = load_suite(suite_path)
    cache = None if no_cache else EvalCache(data_home() / "eval-cache.sqlite")
    options = RunOptions(cache=cache, repeat=repeat, concurrency=concurrency)

    async def go() -> GateOutcome:
        async with QuarterdeckClient(url, key, concurrency=concurrency or suite.concurrency) as client:
            return await run_gate(client, release_id, suite, suite_path, options)

    try:
        outcome = asyncio.run(go())
    except SuiteError as exc:
        fail(str(exc), 2)
    except EvalApiError as exc:
        fail(str(exc), 1)
    finally:
        if cache is not None:
            cache.close()
    if outcome.baseline is not None:
        console.print("baseline:", highlight=False)
        _print_summary(outcome.baseline, {})
    console.print("candidate:", highlight=False)
    _print_summary(outcome.candidate, {})
    for row in outcome.rows:
        console.print(f"{escape(row['name'])}: {escape(row['summary'])}", highlight=False)
    console.print(f"attached to release {outcome.release_id}", highlight=False)
    low = outcome.candidate.metrics.get("pass_rate_low")
    failed = bool(outcome.regressions) or (suite.threshold is not None and (low is None or low < suite.threshold))
    if outcome.regressions:
        console.print(f"[bold red]significant regression[/]: {escape(', '.join(outcome.regressions))}")
    if failed:
        raise typer.Exit(1)
