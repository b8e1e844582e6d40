"""`quarterdeck up` with no config: the embedded default, the printed keys, and a real local answer."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import openai
import pytest

from tests.cli.serving import ServerProcess

pytestmark = pytest.mark.slow


def test_embedded_default_first_and_second_start(tmp_path: Path) -> None:
    home = tmp_path / "qd-home"
    env = {"QUARTERDECK_HOME": str(home), "QUARTERDECK_CONFIG": ""}
    first = ServerProcess([], env=env)
    try:
        url = first.wait_ready()
        out = first.stdout
        admin_key = re.search(r"admin key \(admin API /api\): (\S+)", out)
        app_key = re.search(r"app key   \(/v1\):\s+(\S+)", out)
        assert admin_key and app_key, out
        assert f"curl {url}/v1/chat/completions" in out and "from openai import OpenAI" in out
        with openai.OpenAI(base_url=url + "/v1", api_key=app_key.group(1), max_retries=0, timeout=120) as client:
            reply = client.chat.completions.create(
                model="local", messages=[{"role": "user", "content": "Say hello"}], max_tokens=24
            )
            assert reply.choices[0].message.content and reply.usage and reply.usage.completion_tokens > 0
            emb = client.embeddings.create(model="local", input=["hello world"])
            assert len(emb.data[0].embedding) > 100
            assert [m.id for m in client.models.list()] == ["local"]
        keys = httpx.get(f"{url}/api/keys", headers={"Authorization": f"Bearer {admin_key.group(1)}"})
        assert keys.status_code == 200
        assert {k["name"] for k in keys.json()["data"]} == {"admin", "app"}
        assert first.terminate() == 0
    finally:
        first.kill()
    assert (home / "quarterdeck.db").exists()

    second = ServerProcess([], env=env)
    try:
        url = second.wait_ready()
        assert "admin key" not in second.stdout
        assert "Keys were printed at the first start" in second.stdout
        with openai.OpenAI(base_url=url + "/v1", api_key=app_key.group(1), max_retries=0) as client:
            assert [m.id for m in client.models.list()] == ["local"]  # same data, same key
        assert second.terminate() == 0
    finally:
        second.kill()
