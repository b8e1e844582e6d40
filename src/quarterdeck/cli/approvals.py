"""`quarterdeck approvals list|show|approve|deny` — tool calls held by a tool policy."""

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
    registry_errors_exit,
    segment,
)

__all__ = ["approvals_app"]

approvals_app = typer.Typer(help="Tool calls held for a person's decision by a tool policy.", no_args_is_help=True)
console = Console()

STATUSES = ("pending", "approved", "denied", "all")


def _call(a: dict[str, Any]) -> str:
    function = a["tool_call"]["function"]
    return f"{function['name']}({function['arguments']})"


def _show(a: dict[str, Any]) -> None:
    def say(text: str) -> None:
        console.print(escape(text), highlight=False, soft_wrap=True)

    say(f"tool approval {a['id']}: {a['status']}")
    say(f"  call:     {_call(a)}")
    say(f"  request:  {a['request_id']} by key {a['key'] or '-'} on model {a['model']}")
    say(f"  policy:   {a['policy']} v{a['policy_version']}")
    say(f"  held at:  {a['created_at'][:19].replace('T', ' ')}")
    if a.get("decided_at"):
        comment = f": {a['comment']}" if a.get("comment") else ""
        say(f"  decided:  {a['status']} by {a['decided_by']} at {a['decided_at'][:19].replace('T', ' ')}{comment}")


@approvals_app.command("list")
def list_approvals(
    status: str = typer.Option("pending", "--status", help="pending, approved, denied or all."),
    limit: int = typer.Option(100, "--limit", min=1, max=1000),
    json_out: bool = typer.Option(False, "--json", help="Print the server's JSON instead."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Held tool calls, newest first (default: the pending ones)."""
    with registry_errors_exit():
        if status not in STATUSES:
            raise UsageProblem(f"--status: must be one of {', '.join(STATUSES)} (got {status!r})")
        with RegistryClient(url, key) as api:
            data = api.get("/api/tool-approvals", status=status, limit=limit)["data"]
    if json_out:
        typer.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    if not data:
        console.print(f"no {status if status != 'all' else ''} tool approvals".replace("  ", " "), highlight=False)
        return
    table = Table("id", "status", "tool call", "key", "policy", "held at", "decided by")
    for a in data:
        table.add_row(a["id"], a["status"], escape(_call(a))[:80], escape(a["key"] or "-"),
                      escape(f"{a['policy']} v{a['policy_version']}"), a["created_at"][:19].replace("T", " "),
                      escape(a["decided_by"] or "-"))
    console.print(table)


@approvals_app.command("show")
def show(approval_id: str = typer.Argument(..., help="The approval's id (tap_...)."),
         url: str = UrlOption, key: str = KeyOption) -> None:
    """One held tool call."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        _show(api.get(f"/api/tool-approvals/{segment(approval_id)}"))


@approvals_app.command("approve")
def approve(
    approval_id: str = typer.Argument(..., help="The approval's id (tap_...)."),
    comment: str | None = typer.Option(None, "--comment", help="Kept with the decision in the audit log."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Approve a held tool call: the app may now run it."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        decided = api.post(f"/api/tool-approvals/{segment(approval_id)}/approve", {"comment": comment})
    _show(decided)


@approvals_app.command("deny")
def deny(
    approval_id: str = typer.Argument(..., help="The approval's id (tap_...)."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why; the app and the audit log see it."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Deny a held tool call."""
    with registry_errors_exit():
        if not reason.strip():
            raise UsageProblem("--reason: must not be empty")
        with RegistryClient(url, key) as api:
            decided = api.post(f"/api/tool-approvals/{segment(approval_id)}/deny", {"reason": reason.strip()})
    _show(decided)
