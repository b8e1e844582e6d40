"""What every command shares: finding and loading the config, turning ConfigError into exit 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from quarterdeck.config.defaults import CONFIG_ENV, resolve_config
from quarterdeck.errors import ConfigError
from quarterdeck.store import Store

err_console = Console(stderr=True)

__all__ = ["ConfigOption", "config_errors_exit", "err_console", "open_store", "resolve_config"]

ConfigOption = typer.Option(
    None, "--config", "-c", help=f"Config file (YAML). Default: ${CONFIG_ENV}, else the embedded default."
)


@contextmanager
def config_errors_exit() -> Iterator[None]:
    """A ConfigError ends the command with its message and exit status 2, never a traceback."""
    try:
        yield
    except ConfigError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(2)


def open_store(config: Path | None) -> Store:
    """The store of the config (or the embedded default), migrated; close it when done."""
    cfg, _ = resolve_config(config)
    store = Store(cfg.store)
    store.migrate()
    return store
