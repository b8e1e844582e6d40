"""What every command shares: finding and loading the config, turning ConfigError into exit 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from quarterdeck.config import Config, load_config
from quarterdeck.config.defaults import CONFIG_ENV, data_home, embedded_config
from quarterdeck.errors import ConfigError

err_console = Console(stderr=True)

ConfigOption = typer.Option(
    None, "--config", "-c", help=f"Config file (YAML). Default: ${CONFIG_ENV}, else the embedded default."
)


def resolve_config(path: Path | None) -> tuple[Config, bool]:
    """The config to use and whether it is the embedded default."""
    chosen = path or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    if chosen is not None:
        return load_config(chosen), False
    home = data_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the data directory {home}: {exc.strerror}") from None
    return embedded_config(home), True


@contextmanager
def config_errors_exit() -> Iterator[None]:
    """A ConfigError ends the command with its message and exit status 2, never a traceback."""
    try:
        yield
    except ConfigError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(2)
