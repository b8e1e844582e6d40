"""`quarterdeck spend reconcile`: do the budget counters agree with the request log?"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
import typer
from rich.console import Console
from rich.table import Table

from quarterdeck.cli.common import ConfigOption, config_errors_exit, err_console, resolve_config
from quarterdeck.gateway.spend import EPSILON_USD, reconcile
from quarterdeck.state import create_state
from quarterdeck.store import Store

spend_app = typer.Typer(help="Budget spend.", no_args_is_help=True)
console = Console()


@spend_app.command("reconcile")
def reconcile_command(
    config: Path | None = ConfigOption,
    url: str | None = typer.Option(
        None, "--url", envvar="QUARTERDECK_URL", help="Ask this running server (needed without `redis`)."
    ),
    admin_key: str | None = typer.Option(None, "--admin-key", envvar="QUARTERDECK_ADMIN_KEY", help="For --url."),
    fix: bool = typer.Option(False, "--fix", help="Set drifting counters to the request log's totals."),
) -> None:
    """Compare every budget's counter with the request log; exit 1 when any drifts."""
    if url:
        rows = asyncio.run(_ask_server(url, admin_key or "", fix))
    else:
        with config_errors_exit():
            cfg, _ = resolve_config(config)
            if cfg.redis is None:
                err_console.print(
                    "error: without `redis` the counters live inside the running server; "
                    "pass --url http://HOST:PORT and --admin-key (or QUARTERDECK_URL / QUARTERDECK_ADMIN_KEY)."
                )
                raise typer.Exit(2)
            rows = asyncio.run(_direct(cfg.store, cfg.redis, cfg.redis_prefix, fix))
    table = Table(title="budget counters vs request log")
    for col in ("scope", "name", "period", "budget $", "counter $", "reserved $", "log $", "drift $"):
        table.add_column(col)
    drifting = 0
    for r in rows:
        drift = float(r["drift_usd"])
        drifting += abs(drift) > EPSILON_USD
        table.add_row(str(r["scope"]), str(r["name"]), str(r["period"]), _money(r["budget_usd"]),
                      _money(r["spent_usd"]), _money(r["reserved_usd"]), _money(r["logged_usd"]), f"{drift:+.6f}")
    console.print(table)
    console.print(f"{drifting} of {len(rows)} budget(s) drift" + (" (fixed)" if fix and drifting else ""))
    if drifting and not fix:
        raise typer.Exit(1)


async def _direct(store_url: str, redis_url: str, prefix: str, fix: bool) -> list[dict[str, Any]]:
    store = Store(store_url)
    state = create_state(redis_url, prefix=prefix)
    try:
        rows = await reconcile(state, store, fix=fix)
    finally:
        await state.aclose()
        store.close()
    return [
        {"scope": r.scope, "name": r.name, "period": r.period, "budget_usd": r.budget_usd, "spent_usd": r.spent_usd,
         "reserved_usd": r.reserved_usd, "logged_usd": r.logged_usd, "drift_usd": r.drift_usd}
        for r in rows
    ]


async def _ask_server(url: str, admin_key: str, fix: bool) -> list[dict[str, Any]]:
    endpoint = url.rstrip("/") + "/api/spend/reconcile" + ("?fix=true" if fix else "")
    headers = {"Authorization": f"Bearer {admin_key}"}
    try:
        async with aiohttp.ClientSession() as session, session.post(endpoint, headers=headers) as resp:
            body = await resp.json(content_type=None)
            if resp.status != 200:
                message = body.get("error", {}).get("message") if isinstance(body, dict) else body
                err_console.print(f"error: {url} answered {resp.status}: {message}")
                raise typer.Exit(2)
    except aiohttp.ClientError as exc:
        err_console.print(f"error: cannot reach {url}: {exc}")
        raise typer.Exit(2) from None
    return list(body["data"])


def _money(value: Any) -> str:
    return "-" if value is None else f"{float(value):.6f}"


__all__ = ["spend_app"]
