"""Run a real Quarterdeck server (uvicorn, real sockets) on 127.0.0.1 port 0 in a background thread."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import yaml

from quarterdeck.config import Config, load_config_text
from quarterdeck.gateway.app import App, create_app
from quarterdeck.server import bind_socket, make_server

ADMIN_KEY = "qd-test-admin-key-0123456789"
APP_KEY = "qd-test-app-key-0123456789"


def config_from(data: dict[str, Any], tmp_path: Path | None = None) -> Config:
    data = dict(data)
    if "store" not in data:
        assert tmp_path is not None, "give tmp_path or a store URL"
        data["store"] = f"sqlite:///{tmp_path / 'qd.db'}"
    data.setdefault("admin_key", ADMIN_KEY)
    data.setdefault("keys", [{"name": "app", "key": APP_KEY}])
    return load_config_text(yaml.safe_dump(data), source="test-config")


class RunningGateway:
    """``with RunningGateway(config) as gw:`` then talk to ``gw.url`` (``gw.url + '/v1'`` for SDKs)."""

    def __init__(self, config: Config, *, grace_s: float = 5.0) -> None:
        self.config = config
        self.app: App = create_app(config)
        self._server = make_server(self.app, grace_s=grace_s)
        self._sock = bind_socket("127.0.0.1", 0)
        self.port: int = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._run, name="quarterdeck-test-server", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # surfaced to the test by start()/stop()
            self._error = exc

    def start(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(f"gateway failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                raise TimeoutError("gateway did not start within 30 s")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self._sock.close()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
