"""Config mistakes end commands with exit status 2 and one clear message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quarterdeck.cli", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("command", [["config", "check"], ["up", "--port", "0", "--config"]])
def test_invalid_config_exits_2_naming_field(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("providers:\n  - {name: p, type: openai, base_url: 'http://x/v1'}\nmodels:\n"
                   "  - {name: m, deployments: [{provider: p, model: x}], retries: lots}\n")
    result = run_cli(*command, str(bad))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "bad.yaml" in result.stderr and "models[0].retries" in result.stderr


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("config", "check", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2
    assert "no such config file" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_store_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "qd.yaml"
    cfg.write_text("store: postgresql://nobody@127.0.0.1:1/none\n")
    result = run_cli("up", "--port", "0", "--config", str(cfg))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "127.0.0.1:1" in result.stderr


def test_valid_config_check(tmp_path: Path) -> None:
    cfg = tmp_path / "qd.yaml"
    cfg.write_text("providers: [{name: l, type: local}]\nmodels: [{name: m, deployments: [{provider: l, model: s}]}]\n")
    result = run_cli("config", "check", str(cfg))
    assert result.returncode == 0
    assert "valid (1 provider(s), 1 model(s), 0 key(s))" in result.stdout
