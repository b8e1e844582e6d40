"""The embedded default: what `quarterdeck up` serves with no config file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from quarterdeck.config.loader import load_config
from quarterdeck.config.schema import Config
from quarterdeck.errors import ConfigError

HOME_ENV = "QUARTERDECK_HOME"
CONFIG_ENV = "QUARTERDECK_CONFIG"
LOCAL_MODEL = "smollm2-135m-instruct"


def data_home(environ: dict[str, str] | None = None) -> Path:
    env: Mapping[str, str] = os.environ if environ is None else environ
    value = env.get(HOME_ENV)
    return Path(value).expanduser() if value else Path.home() / ".quarterdeck"


def embedded_config(home: Path) -> Config:
    """SQLite in ``home``, in-process state, and the local model served as public model ``local``."""
    return Config.model_validate(
        {
            "store": f"sqlite:///{home / 'quarterdeck.db'}",
            "providers": [{"name": "local", "type": "local"}],
            "models": [
                {
                    "name": "local",
                    "deployments": [{"provider": "local", "model": LOCAL_MODEL}],
                    "timeout_s": 300,
                    "retries": 0,
                }
            ],
        }
    )


def resolve_config(path: Path | None, environ: dict[str, str] | None = None) -> tuple[Config, bool]:
    """The config to use (the file, else ``$QUARTERDECK_CONFIG``, else the embedded default) and
    whether it is the embedded default."""
    env = os.environ if environ is None else environ
    chosen = path or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    if chosen is not None:
        return load_config(chosen), False
    home = data_home(dict(env))
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the data directory {home}: {exc.strerror}") from None
    return embedded_config(home), True
