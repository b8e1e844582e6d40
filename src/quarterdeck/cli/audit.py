"""`quarterdeck audit verify|list`: read the hash-chained audit log directly from the store (offline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quarterdeck.cli.common import ConfigOption, config_errors_exit, open_store

__all__ = ["audit_app"]

audit_app = typer.Typer(help="The registry's audit log (read from the store, no server needed).",
                        no_args_is_help=True)
console = Console()



@audit_app.command("verify")
def verify(config: Path | None = ConfigOption) -> None:
    """Recompute the audit log's hash chain: exit 0 when intact, 1 naming the first broken link."""
    with config_errors_exit():
        store = open_store(config)
    try:
        result = store.audit.verify()
    finally:
        store.close()
    if result.ok:
        console.print(f"audit log verified: {result.checked} events, chain intact", highlight=False)
        return
    console.print(f"[bold red]audit log BROKEN[/] at event {result.broken_seq}: {escape(result.problem or '')}",
                  highlight=False, soft_wrap=True)
    console.print(f"({result.checked} events verified before it; the head records event {result.head_seq})",
                  highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def _compact(value: Any) -> str:
    if value is None:
        return ""
    text = orjson.dumps(value).decode()
    return text if len(text) <= 80 else text[:79] + "…"


@audit_app.command("list")
def list_events(
    config: Path | None = ConfigOption,
    target: str | None = typer.Option(None, "--target", help="Only this target, e.g. prompt:NAME or "
                                      "prompt:NAME@production."),
    action: str | None = typer.Option(None, "--action", help="Only this action, e.g. release.promote."),
    after: int = typer.Option(0, "--after", min=0, help="Only events after this sequence number."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=10_000, help="At most this many, oldest first."),
) -> None:
    """The audit log's events, oldest first."""
    with config_errors_exit():
        store = open_store(config)
    try:
        events = store.audit.list(target=target, action=action, after_seq=after, limit=limit)
    finally:
        store.close()
    table = Table(title=f"{len(events)} audit event(s)")
    for col in ("seq", "time (UTC)", "actor", "action", "target", "reason", "after"):
        table.add_column(col, overflow="fold")
    for e in events:
        table.add_row(str(e.seq), e.created_at.strftime("%Y-%m-%d %H:%M:%S"), f"{e.actor_name} ({e.actor_role})",
                      e.action, e.target, e.reason or "", _compact(e.after))
    console.print(table)
