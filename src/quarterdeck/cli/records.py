"""`quarterdeck requests …` and `quarterdeck keys …`: read and change the store directly."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from quarterdeck.cli.common import ConfigOption, config_errors_exit, err_console, open_store
from quarterdeck.gateway.keys import issue_key

requests_app = typer.Typer(help="Read the request log.", no_args_is_help=True)
keys_app = typer.Typer(help="Manage virtual keys in the store.", no_args_is_help=True)
console = Console()



@requests_app.command("tail")
def tail(
    config: Path | None = ConfigOption,
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=10_000, help="How many rows, newest first."),
    key_id: str | None = typer.Option(None, "--key-id", help="Only rows of this key."),
) -> None:
    """Show the newest request-log rows as a table."""
    with config_errors_exit():
        store = open_store(config)
    try:
        rows = store.requests.recent(limit=limit, key_id=key_id)
    finally:
        store.close()
    table = Table(title=f"last {len(rows)} request(s)")
    for col in ("time (UTC)", "request", "key", "endpoint", "model", "deployment", "status", "in", "out",
                "cost $", "ms", "ttft", "hops", "error"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r.created_at.strftime("%Y-%m-%d %H:%M:%S"), r.id[-12:], r.key_name or "-",
            r.endpoint + (" ~" if r.stream else ""), r.public_model, r.deployment or "-", str(r.status_code),
            str(r.input_tokens), str(r.output_tokens), f"{r.cost_usd:.6f}", f"{r.latency_ms or 0:.0f}",
            f"{r.ttft_ms:.0f}" if r.ttft_ms is not None else "-", str(r.fallback_hops), r.error_class or "",
        )
    console.print(table)


@keys_app.command("create")
def create(
    name: str = typer.Argument(..., help="A name for people; unique among live keys."),
    config: Path | None = ConfigOption,
    admin: bool = typer.Option(False, "--admin", help="An admin key (same as --role admin)."),
    role: str = typer.Option("app", "--role", help="app, admin, releaser, approver or viewer."),
    team: str | None = typer.Option(None, "--team"),
    model: list[str] | None = typer.Option(None, "--model", "-m", help="Allowed model (repeat); default all."),
) -> None:
    """Create a key and print it (the only time it is shown)."""
    if role not in ("app", "admin", "releaser", "approver", "viewer"):
        err_console.print(f"[bold red]error:[/] --role: must be app, admin, releaser, approver or viewer "
                          f"(got {role!r})")
        raise typer.Exit(2)
    with config_errors_exit():
        store = open_store(config)
    try:
        raw, record = issue_key(
            store, name=name, role="admin" if admin else role, source="api", team=team, models=model or None
        )
    finally:
        store.close()
    console.print(f"created key [bold]{record.name}[/] (id {record.id}, role {record.role})")
    print(raw)


@keys_app.command("list")
def list_keys(
    config: Path | None = ConfigOption,
    all_keys: bool = typer.Option(False, "--all", help="Include revoked keys."),
) -> None:
    """List keys (prefixes only; keys themselves are never stored)."""
    with config_errors_exit():
        store = open_store(config)
    try:
        records = store.keys.list(include_revoked=all_keys)
    finally:
        store.close()
    table = Table()
    for col in ("id", "name", "prefix", "role", "team", "models", "source", "created", "revoked"):
        table.add_column(col)
    for r in records:
        table.add_row(r.id, r.name, r.key_prefix + "…", r.role, r.team or "-",
                      ",".join(r.models) if r.models is not None else "all", r.source,
                      r.created_at.strftime("%Y-%m-%d %H:%M"),
                      r.revoked_at.strftime("%Y-%m-%d %H:%M") if r.revoked_at else "")
    console.print(table)


@keys_app.command("revoke")
def revoke(key_id: str = typer.Argument(...), config: Path | None = ConfigOption) -> None:
    """Revoke a key by id (running servers notice within seconds)."""
    with config_errors_exit():
        store = open_store(config)
    try:
        record = store.keys.revoke(key_id)
    finally:
        store.close()
    if record is None:
        console.print(f"[red]no key with id {key_id}[/]")
        raise typer.Exit(1)
    console.print(f"revoked {record.name} ({record.id})")
