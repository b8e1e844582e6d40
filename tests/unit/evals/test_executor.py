"""Choosing the executor: Ray is imported only for `--executor ray`, and a missing Ray or a cluster that
does not answer is a clear error (exit 2) before any run is created."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from quarterdeck.cli.main import app as cli_app
from quarterdeck.errors import ExecutorError
from quarterdeck.evals import ray_executor
from quarterdeck.evals.ray_executor import RayExecutor

runner = CliRunner()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


@pytest.fixture
def no_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ray_executor.importlib.import_module

    def import_module(name: str, package: str | None = None) -> Any:
        if name == "ray":
            raise ModuleNotFoundError("No module named 'ray'")
        return real(name, package)

    monkeypatch.setattr(ray_executor.importlib, "import_module", import_module)


@pytest.fixture
def fake_ray(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A stand-in for the ray module that records connection attempts (real Ray would retry for minutes)."""
    inits: list[str] = []
    stub = SimpleNamespace(is_initialized=lambda: False, init=lambda address, **_: inits.append(address))
    monkeypatch.setattr(ray_executor, "_import_ray", lambda: stub)
    return inits


def test_the_local_executor_does_not_import_ray() -> None:
    assert "quarterdeck.evals.ray_executor" in sys.modules  # imported above, as the CLI does
    assert RayExecutor("127.0.0.1:1")._ray is None  # nothing imported until it is opened


def test_without_ray_the_error_says_how_to_install_it(no_ray: None) -> None:
    with pytest.raises(ExecutorError, match=r"pip install 'quarterdeck\[ray\]'"):
        RayExecutor("127.0.0.1:6379").open()


def test_an_unreachable_cluster_fails_fast(fake_ray: list[str]) -> None:
    port = closed_port()
    with pytest.raises(ExecutorError, match=f"cannot reach the Ray cluster at 127.0.0.1:{port}"):
        RayExecutor(f"127.0.0.1:{port}", connect_timeout_s=1).open()
    with pytest.raises(ExecutorError, match="expected HOST:PORT"):
        RayExecutor("nowhere").open()
    assert fake_ray == []  # never handed to ray.init
    with pytest.raises(ExecutorError, match="batch size"):
        RayExecutor("auto", batch_size=0)


def run_cli(tmp_path: Path, *args: str) -> Any:
    suite = tmp_path / "suite.yaml"
    suite.write_text("name: x\ntarget: {model: m}\ndataset: {rows: [{}]}\nassertions: [{type: contains, value: x}]\n")
    return runner.invoke(cli_app, ["eval", "run", str(suite), "--url", "http://127.0.0.1:1", "--key", "k",
                                   "--no-progress", *args],
                         env={"QUARTERDECK_HOME": str(tmp_path), "RAY_ADDRESS": None})


def test_the_cli_exits_2_on_executor_problems(tmp_path: Path, no_ray: None) -> None:
    result = run_cli(tmp_path, "--executor", "ray", "--ray-address", "127.0.0.1:6379")
    assert result.exit_code == 2 and "pip install 'quarterdeck[ray]'" in result.stderr, result.output
    result = run_cli(tmp_path, "--executor", "ray")
    assert result.exit_code == 2 and "--ray-address" in result.stderr, result.output
    result = run_cli(tmp_path, "--executor", "dask")
    assert result.exit_code == 2 and "unknown executor 'dask'" in result.stderr, result.output


def test_the_cli_exits_2_when_the_cluster_is_unreachable(tmp_path: Path, fake_ray: list[str]) -> None:
    port = closed_port()
    result = run_cli(tmp_path, "--executor", "ray", "--ray-address", f"127.0.0.1:{port}")
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Ray cluster at 127.0.0.1:{port}" in result.stderr
