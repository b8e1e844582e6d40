"""The embedded default: what `quarterdeck up` serves with no config file."""

from __future__ import annotations

import os
from pathlib import Path

from quarterdeck.config.schema import Config

HOME_ENV = "QUARTERDECK_HOME"
CONFIG_ENV = "QUARTERDECK_CONFIG"
LOCAL_MODEL = "smollm2-135m-instruct"


def data_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
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
