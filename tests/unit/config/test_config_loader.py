"""The config file: valid files load, every kind of mistake names the field and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from quarterdeck.config import load_config, load_config_text
from quarterdeck.errors import ConfigError

VALID = """
store: sqlite:///x.db
admin_key: ${QD_ADMIN}
providers:
  - {name: oa, type: openai, base_url: "http://127.0.0.1:1/v1", api_key: "${OA_KEY}"}
  - {name: local, type: local}
models:
  - name: m
    strategy: weighted
    deployments:
      - {provider: oa, model: gpt-x, weight: 2, input_cost_per_mtok: 1.5, output_cost_per_mtok: 3}
      - {provider: local, model: smol}
    fallbacks: [n]
    timeout_s: 30
    attempt_timeout_s: 10
    retries: 2
  - name: n
    deployments: [{provider: local, model: smol}]
keys:
  - {name: app, key: "${APP_KEY}", team: web, models: [m], rpm: 10, tpm: 1000, budget_usd: 5, budget_period: daily}
"""
ENV = {"QD_ADMIN": "admin-secret-1", "OA_KEY": "sk-upstream", "APP_KEY": "app-secret-1"}


def test_valid_config_loads_with_env_secrets() -> None:
    cfg = load_config_text(VALID, env=ENV)
    assert cfg.admin_key is not None and cfg.admin_key.get_secret_value() == "admin-secret-1"
    assert cfg.providers[0].api_key is not None
    assert cfg.providers[0].api_key.get_secret_value() == "sk-upstream"
    assert cfg.models[0].deployments[0].weight == 2
    assert cfg.keys[0].budget_period == "daily"


def test_secrets_never_appear_in_repr() -> None:
    cfg = load_config_text(VALID, env=ENV)
    shown = repr(cfg) + str(cfg.model_dump())
    for secret in ENV.values():
        assert secret not in shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bogus: 1", "bogus: unknown field"),
        ("providers: [{name: a, type: openai}]", "provider 'a' of type openai needs base_url"),
        ("providers: [{name: a, type: grpc, base_url: 'http://x'}]", "providers[0].type: Input should be"),
        ("providers: [{name: a, type: openai, base_url: 'ftp://x'}]", "base_url must start with http"),
        ("models: [{name: m, deployments: [{provider: x, model: y}]}]",
         "models[0].deployments[0].provider: unknown provider 'x'"),
        ("providers: [{name: l, type: local}]\nmodels: [{name: m, deployments: []}]",
         "models[0].deployments: List should have at least 1 item"),
        ("providers: [{name: l, type: local}]\n"
         "models: [{name: m, fallbacks: [zz], deployments: [{provider: l, model: s}]}]",
         "models[0].fallbacks: unknown model 'zz'"),
        ("providers: [{name: l, type: local}]\n"
         "models: [{name: m, timeout_s: -1, deployments: [{provider: l, model: s}]}]",
         "models[0].timeout_s: Input should be greater than 0"),
        ("keys: [{name: k, key: short}]", "keys[0].key: a key must be at least 8 characters"),
        ("keys: [{name: k, key: long-enough-key, budget_period: yearly}]", "keys[0].budget_period"),
        ("store: mysql://x", "store: store must be a sqlite:/// or postgresql:// URL"),
        ("providers: [{name: a, type: local}, {name: a, type: local}]", "the name 'a' is used twice"),
        ("- just\n- a list", "the top level must be a mapping"),
        ("store: [", "not valid YAML (line"),
        ("admin_key: ${NOT_SET_ANYWHERE}", "admin_key: environment variable NOT_SET_ANYWHERE is not set"),
    ],
)
def test_invalid_config_names_field_and_problem(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config_text(text, source="qd.yaml", env={})
    message = str(info.value)
    assert message.startswith("qd.yaml: ")
    assert expected in message


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.yaml")


def test_empty_file_is_the_default_config(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("")
    cfg = load_config(path)
    assert cfg.models == [] and cfg.store.startswith("sqlite:")
