"""`quarterdeck release …`, `quarterdeck kill`, `quarterdeck unkill`, `quarterdeck kill-switches`."""

from __future__ import annotations

from typing import Any

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quarterdeck.cli.registry_client import (
    KeyOption,
    RegistryClient,
    UrlOption,
    UsageProblem,
    plural_of,
    registry_errors_exit,
    segment,
)

__all__ = ["kill", "kill_switches", "release_app", "unkill"]

release_app = typer.Typer(help="Releases: move a label to a version through its gates.", no_args_is_help=True)
console = Console()

STATES = ("draft", "pending", "canary", "promoted", "rejected", "rolled_back")

KindOption = typer.Option("prompt", "--kind", help="prompt, route, dataset or guard_policy.")
JsonOption = typer.Option(False, "--json", help="Print the server's JSON instead.")


def _reason(reason: str | None, *, required: bool = True) -> str | None:
    if reason is None:
        return None
    if not reason.strip():
        if required:
            raise UsageProblem("--reason: must not be empty")
        return None
    return reason.strip()


def _print_json(value: Any) -> None:
    typer.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def _when(value: Any) -> str:
    return str(value)[:19].replace("T", " ") if value else "-"


def _move(r: dict[str, Any]) -> str:
    start = f"v{r['from_version']}" if r.get("from_version") is not None else "(none)"
    return f"{start} -> v{r['to_version']}"


def _subject(r: dict[str, Any]) -> str:
    return f"{r['kind']} {r['name']}@{r['label']}"


def _line(r: dict[str, Any]) -> str:
    state = r["state"]
    if r.get("canary_weight") and state in ("draft", "pending", "canary"):
        weight = f"{float(r['canary_weight']) * 100:g}%"
        state = f"canary {weight}" if state == "canary" else f"{state}, canary {weight}"
    return f"{_subject(r)} {_move(r)} ({state})"


def _show(r: dict[str, Any]) -> None:
    def say(text: str) -> None:
        console.print(escape(text), highlight=False, soft_wrap=True)

    say(f"release {r['id']}: {_line(r)}")
    say(f"  author:  {r['author']}  created {_when(r['created_at'])}, updated {_when(r['updated_at'])}")
    say(f"  reason:  {r['reason']}")
    if r.get("outcome"):
        say(f"  outcome: {r['outcome']}")
    if r.get("canary_started_at"):
        say(f"  canary since {_when(r['canary_started_at'])}")
    if r.get("eval_runs"):
        say(f"  eval runs: {', '.join(r['eval_runs'])}")
    approvals = r.get("approvals") or []
    if approvals:
        say("  approvals:")
        for a in approvals:
            comment = f": {a['comment']}" if a.get("comment") else ""
            say(f"    {a['decision']} by {a['approver_name']} ({a['role']}) {_when(a['created_at'])}{comment}")
    else:
        say("  approvals: none")
    unmet = r.get("unmet_gates")
    if unmet is not None:
        if unmet:
            say("  unmet gates:")
            for gate in unmet:
                say(f"    - {gate}")
        else:
            say("  gates: all met" + (" (promote it)" if r["state"] == "pending" else " (submit it)"))


@release_app.command("create")
def create(
    name: str = typer.Argument(..., help="The artifact's name."),
    label: str = typer.Option(..., "--label", "-l", help="The label to move, e.g. production."),
    kind: str = KindOption,
    version: int | None = typer.Option(None, "--version", min=1, help="Default: the newest version."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why; kept in the audit log."),
    canary: float | None = typer.Option(None, "--canary", help="Canary share of traffic, e.g. 0.2 (0 < W < 1)."),
    eval_run: list[str] | None = typer.Option(None, "--eval-run", help="A recorded eval run as evidence (repeat)."),
    draft: bool = typer.Option(False, "--draft", help="Create as a draft (submit later)."),
    json_out: bool = JsonOption,
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Create a release of NAME's version to --label; prints its id."""
    with registry_errors_exit():
        plural_of(kind)
        if canary is not None and not 0 < canary < 1:
            raise UsageProblem(f"--canary: must be between 0 and 1, exclusive (got {canary:g}); 0.2 means 20%")
        body: dict[str, Any] = {"kind": kind, "name": name, "label": label, "reason": _reason(reason),
                                "eval_runs": list(eval_run or []), "draft": draft}
        if version is not None:
            body["version"] = version
        if canary is not None:
            body["canary_weight"] = canary
        with RegistryClient(url, key) as api:
            release = api.post("/api/releases", body)
    if json_out:
        _print_json(release)
        return
    console.print(f"created release [bold]{release['id']}[/]", highlight=False)
    _show(release)


@release_app.command("submit")
def submit(release_id: str = typer.Argument(..., help="A draft release's id."),
           url: str = UrlOption, key: str = KeyOption) -> None:
    """Submit a draft release (draft -> pending)."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        release = api.post(f"/api/releases/{segment(release_id)}/submit")
    console.print(f"submitted release {release['id']}", highlight=False)
    _show(release)


@release_app.command("approve")
def approve(
    release_id: str = typer.Argument(..., help="The release's id."),
    comment: str | None = typer.Option(None, "--comment", help="Kept with the approval."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Approve a pending release (an approver other than its author)."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        release = api.post(f"/api/releases/{segment(release_id)}/approve", {"comment": comment})
    console.print(f"approved release {release['id']}", highlight=False)
    _show(release)


@release_app.command("reject")
def reject(
    release_id: str = typer.Argument(..., help="The release's id."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why; kept in the audit log."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Reject a pending release."""
    with registry_errors_exit():
        body = {"reason": _reason(reason)}
        with RegistryClient(url, key) as api:
            release = api.post(f"/api/releases/{segment(release_id)}/reject", body)
    console.print(f"rejected release {release['id']}", highlight=False)
    _show(release)


@release_app.command("promote")
def promote(
    release_id: str = typer.Argument(..., help="The release's id."),
    reason: str | None = typer.Option(None, "--reason", "-r", help="Kept as the release's outcome."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Promote a release: pending -> canary or promoted (gates checked); canary -> promoted."""
    with registry_errors_exit():
        body = {"reason": _reason(reason, required=False)}
        with RegistryClient(url, key) as api:
            release = api.post(f"/api/releases/{segment(release_id)}/promote", body)
    if release["state"] == "canary":
        what = (f"{release['label']} sends {float(release['canary_weight'] or 0) * 100:g}% of traffic to "
                f"v{release['to_version']} (canary); promote again to finish")
    else:
        what = f"{release['label']} now points at v{release['to_version']}"
    console.print(escape(f"promoted release {release['id']}: {release['kind']} {release['name']} {what}"),
                  highlight=False, soft_wrap=True)


@release_app.command("rollback")
def rollback(
    release_id: str | None = typer.Argument(None, help="The release's id (or give --name and --label)."),
    name: str | None = typer.Option(None, "--name", help="Roll back whatever last moved this artifact's label."),
    label: str | None = typer.Option(None, "--label", "-l", help="With --name: the label."),
    kind: str = KindOption,
    reason: str = typer.Option(..., "--reason", "-r", help="Why; kept in the audit log."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Stop a canary, or put a label back on the version it had before a release."""
    with registry_errors_exit():
        body = {"reason": _reason(reason)}
        if release_id is not None:
            if name is not None or label is not None:
                raise UsageProblem("give a release id, or --name and --label, not both")
            path = f"/api/releases/{segment(release_id)}/rollback"
        else:
            if name is None or label is None:
                raise UsageProblem("give a release id, or --name NAME and --label LABEL")
            path = f"/api/{plural_of(kind)}/{segment(name)}/labels/{segment(label)}/rollback"
        with RegistryClient(url, key) as api:
            release = api.post(path, body)
    console.print(escape(f"rolled back release {release['id']}: {_line(release)}"), highlight=False,
                  soft_wrap=True)


@release_app.command("status")
def status(
    release_id: str | None = typer.Argument(None, help="One release in detail (default: a table of releases)."),
    name: str | None = typer.Option(None, "--name", help="Only releases of this artifact."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind."),
    label: str | None = typer.Option(None, "--label", "-l", help="Only this label."),
    state: str | None = typer.Option(None, "--state", help=f"Only this state: {', '.join(STATES)}."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=1000, help="At most this many, newest first."),
    json_out: bool = JsonOption,
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """One release in detail (approvals, unmet gates), or a table of releases, newest first."""
    with registry_errors_exit():
        if release_id is not None:
            with RegistryClient(url, key) as api:
                release = api.get(f"/api/releases/{segment(release_id)}")
            if json_out:
                _print_json(release)
            else:
                _show(release)
            return
        if state is not None and state not in STATES:
            raise UsageProblem(f"--state: must be one of {', '.join(STATES)} (got {state!r})")
        if kind is not None:
            plural_of(kind)
        with RegistryClient(url, key) as api:
            listed = api.get("/api/releases", kind=kind, name=name, label=label, state=state, limit=limit)
    releases = listed["data"]
    if json_out:
        _print_json(listed)
        return
    table = Table(title=f"{len(releases)} release(s), newest first")
    table.add_column("id", no_wrap=True)
    table.add_column("release", overflow="fold")
    table.add_column("state", no_wrap=True)
    table.add_column("author", overflow="fold")
    table.add_column("updated (UTC)", overflow="fold")
    table.add_column("reason", overflow="fold")
    for r in releases:
        what = f"{r['name']}@{r['label']} {_move(r).replace(' -> ', '→')}"
        table.add_row(r["id"], what if r["kind"] == "prompt" else f"{r['kind']} {what}", r["state"], r["author"],
                      _when(r["updated_at"])[5:16], r["reason"])
    console.print(table)


def kill(
    target: str = typer.Argument(..., help="prompt:NAME or model:NAME."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why; kept in the audit log."),
    fallback: str | None = typer.Option(
        None, "--fallback", help="Serve this instead: another prompt reference, or another model."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Switch a prompt or model off on every replica (within a second)."""
    with registry_errors_exit():
        body = {"target": target, "reason": _reason(reason), "fallback": fallback}
        with RegistryClient(url, key) as api:
            record = api.post("/api/kill-switches", body)
    then = f"requests go to {record['fallback']}" if record.get("fallback") else "requests are refused (503)"
    console.print(escape(f"kill switch on for {record['target']}: {then}"), highlight=False, soft_wrap=True)


def unkill(
    target: str = typer.Argument(..., help="prompt:NAME or model:NAME."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why; kept in the audit log."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Switch a kill switch back off: the prompt or model is served again."""
    with registry_errors_exit():
        body = {"target": target, "reason": _reason(reason)}
        with RegistryClient(url, key) as api:
            api.post("/api/kill-switches/off", body)
    console.print(escape(f"kill switch off for {target}: served again"), highlight=False, soft_wrap=True)


def kill_switches(url: str = UrlOption, key: str = KeyOption) -> None:
    """List the kill switches that are on."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        kills = api.get("/api/kill-switches")["data"]
    table = Table(title=f"{len(kills)} kill switch(es) on")
    table.add_column("target", no_wrap=True)
    for col in ("fallback", "since (UTC)", "by", "reason"):
        table.add_column(col, overflow="fold")
    for k in kills:
        table.add_row(k["target"], k.get("fallback") or "-", _when(k["created_at"]), k["created_by"], k["reason"])
    console.print(table)
