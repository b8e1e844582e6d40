"""Bad input at the edge: every refusal has the right status, code and envelope, and the server goes on.

Raw requests (``httpx2``) for what the SDKs can't send; the SDKs where they can, to show that they
raise the exception their users expect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anthropic
import httpx2
import openai
import pytest

from tests.gateway_harness import ADMIN_KEY, APP_KEY
from tests.upstreams import FakeUpstream

HELLO: list[Any] = [{"role": "user", "content": "hi there"}]
AUTH = {"Authorization": f"Bearer {APP_KEY}"}
ANTHROPIC_HEADERS = {"x-api-key": APP_KEY, "anthropic-version": "2023-06-01"}
MAX_BODY = 8 * 1024 * 1024  # server.max_body_bytes default
TWENTY_MB = 20 * 1024 * 1024


def assert_still_serving(gw: Any) -> None:
    """A normal request right after the bad one is answered."""
    response = gw.request("POST", "/v1/chat/completions", json={"model": "gpt", "messages": HELLO}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"] == "Hello from alpha: hi there"


def openai_error(response: httpx2.Response, status: int, code: str) -> dict[str, Any]:
    """The OpenAI envelope's ``error`` object, after checking status, code and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"message", "type", "param", "code"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"]
    return error


def anthropic_error(response: httpx2.Response, status: int, kind: str) -> str:
    """The Anthropic envelope's message, after checking status, type and shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == "error", body
    assert body["error"]["type"] == kind, body
    message: str = body["error"]["message"]
    assert message
    return message


def post_chat(gw: Any, body: Any = None, *, content: bytes | None = None, headers: Any = None) -> httpx2.Response:
    headers = AUTH if headers is None else headers
    if content is not None:
        return gw.request(
            "POST", "/v1/chat/completions", content=content, headers={**headers, "Content-Type": "application/json"}
        )
    return gw.request("POST", "/v1/chat/completions", json=body, headers=headers)


# ------------------------------------------------------------------------------ body shape and types


def test_malformed_json(gw: Any, oai_up: FakeUpstream) -> None:
    response = post_chat(gw, content=b'{"model": "gpt", "messages": [')
    error = openai_error(response, 400, "invalid_request")
    assert error["type"] == "invalid_request_error"
    assert "JSON" in error["message"]
    assert response.headers["x-request-id"]
    assert oai_up.calls == []
    assert_still_serving(gw)


def test_malformed_json_with_the_sdk_style_request_log(gw: Any) -> None:
    """A refused request is still logged, with its status and code."""
    response = post_chat(gw, content=b"not json at all")
    openai_error(response, 400, "invalid_request")
    row = gw.row(response.headers["x-request-id"])
    assert (row.status_code, row.error_class) == (400, "invalid_request")
    assert row.key_name == "app"
    assert_still_serving(gw)


@pytest.mark.parametrize("body", [[{"model": "gpt", "messages": HELLO}], "a string", 42, None])
def test_body_must_be_a_json_object(gw: Any, body: Any) -> None:
    response = post_chat(gw, content=httpx2.Response(200, json=body).content)
    error = openai_error(response, 400, "invalid_request")
    assert "object" in error["message"]
    assert_still_serving(gw)


def test_empty_body(gw: Any) -> None:
    error = openai_error(post_chat(gw, content=b""), 400, "invalid_request")
    assert "empty" in error["message"]
    assert_still_serving(gw)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("messages", "hi there"),
        ("stream", "yes"),
        ("max_tokens", "10"),
        ("temperature", 5),
        ("temperature", "0.5"),
        ("n", 0),
        ("tools", {"type": "function"}),
        ("response_format", {"type": "yaml"}),
    ],
)
def test_wrong_types_name_the_field(gw: Any, oai_up: FakeUpstream, field: str, value: Any) -> None:
    response = post_chat(gw, {"model": "gpt", "messages": HELLO, field: value})
    error = openai_error(response, 400, "invalid_request")
    assert field in error["message"], error
    assert error["param"] is not None and error["param"].startswith(field), error
    assert oai_up.calls == []
    assert_still_serving(gw)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"model": "gpt"}, "messages"),
        ({"messages": HELLO}, "model"),
        ({"model": "gpt", "messages": []}, "messages"),
        ({"model": "gpt", "messages": [{"content": "no role"}]}, "messages[0].role"),
        ({"model": "", "messages": HELLO}, "model"),
    ],
)
def test_missing_fields_are_named(gw: Any, body: dict[str, Any], field: str) -> None:
    error = openai_error(post_chat(gw, body), 400, "invalid_request")
    assert error["param"] == field, error
    assert error["message"].startswith(f"{field}:"), error
    assert_still_serving(gw)


def test_the_sdk_raises_bad_request_for_an_out_of_range_value(gw: Any) -> None:
    with gw.openai() as client, pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="gpt", messages=HELLO, temperature=5)
    assert refused.value.status_code == 400
    assert refused.value.code == "invalid_request"
    assert refused.value.param == "temperature"
    assert_still_serving(gw)


def test_embeddings_bad_input(gw: Any) -> None:
    response = gw.request("POST", "/v1/embeddings", json={"model": "embed", "input": {"a": 1}}, headers=AUTH)
    error = openai_error(response, 400, "invalid_request")
    assert "input" in error["message"]
    response = gw.request(
        "POST", "/v1/embeddings", json={"model": "embed", "input": "x", "encoding_format": "hex"}, headers=AUTH
    )
    assert "encoding_format" in openai_error(response, 400, "invalid_request")["message"]
    assert_still_serving(gw)


def test_n_above_one_to_an_anthropic_deployment(gw: Any, ant_up: FakeUpstream) -> None:
    response = post_chat(gw, {"model": "claude", "messages": HELLO, "n": 2})
    error = openai_error(response, 400, "invalid_request")
    assert error["param"] == "n"
    assert ant_up.calls == []
    assert_still_serving(gw)


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/v1/models", AUTH),
        ("GET", "/v1/models", {}),
        ("POST", "/v1/chat/completions", {}),
        ("POST", "/v1/messages", {}),
        ("GET", "/v1/unknown", AUTH),
    ],
    ids=["models", "models-401", "chat-401", "messages-401", "unknown-path"],
)
def test_every_answer_carries_a_request_id(gw: Any, method: str, path: str, headers: dict[str, str]) -> None:
    """docs/gateway.md: "Every answer carries X-Request-Id"."""
    response = gw.request(method, path, headers=headers)
    assert response.status_code in (200, 401, 404)
    assert response.headers.get("x-request-id", "").startswith("req_"), dict(response.headers)


# ------------------------------------------------------------------------------ models and keys


def test_unknown_model(gw: Any, oai_up: FakeUpstream) -> None:
    with gw.openai() as client, pytest.raises(openai.NotFoundError) as missing:
        client.chat.completions.create(model="no-such-model", messages=HELLO)
    assert missing.value.status_code == 404
    assert missing.value.code == "model_not_found"
    assert "no-such-model" in missing.value.message
    assert oai_up.calls == []
    assert_still_serving(gw)


def test_key_not_allowed_for_the_model(gw: Any, ant_up: FakeUpstream) -> None:
    with gw.openai(api_key=gw.restricted_key) as client:
        with pytest.raises(openai.PermissionDeniedError) as denied:
            client.chat.completions.create(model="claude", messages=HELLO)
        assert client.chat.completions.create(model="gpt", messages=HELLO).choices[0].message.content
    assert denied.value.status_code == 403
    assert denied.value.code == "permission_denied"
    assert "claude" in denied.value.message
    assert ant_up.calls == []
    assert_still_serving(gw)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer qd-not-a-real-key-000"}, {"x-api-key": "wrong"}, {"Authorization": "Basic abc"}],
    ids=["none", "wrong-bearer", "wrong-x-api-key", "basic"],
)
def test_missing_or_wrong_key(gw: Any, oai_up: FakeUpstream, headers: dict[str, str]) -> None:
    response = post_chat(gw, {"model": "gpt", "messages": HELLO}, headers=headers)
    error = openai_error(response, 401, "invalid_api_key")
    assert error["type"] == "authentication_error"
    models = gw.request("GET", "/v1/models", headers=headers)
    openai_error(models, 401, "invalid_api_key")
    assert oai_up.calls == []
    assert_still_serving(gw)


def test_wrong_key_with_the_sdk(gw: Any) -> None:
    with gw.openai(api_key="qd-wrong-key-123456") as client, pytest.raises(openai.AuthenticationError) as denied:
        client.chat.completions.create(model="gpt", messages=HELLO)
    assert denied.value.status_code == 401 and denied.value.code == "invalid_api_key"
    assert_still_serving(gw)


def test_x_api_key_header_is_accepted(gw: Any) -> None:
    response = post_chat(gw, {"model": "gpt", "messages": HELLO}, headers={"x-api-key": APP_KEY})
    assert response.status_code == 200, response.text


def test_revoked_key_is_refused_at_once(gw: Any) -> None:
    created = gw.create_key("to-be-revoked")
    with gw.openai(api_key=created["key"]) as client:
        assert client.chat.completions.create(model="gpt", messages=HELLO).choices[0].message.content
        revoked = gw.admin("DELETE", f"/api/keys/{created['id']}")
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["revoked_at"] is not None
        with pytest.raises(openai.AuthenticationError) as denied:
            client.chat.completions.create(model="gpt", messages=HELLO)
    assert denied.value.code == "invalid_api_key"
    assert "revoked" in denied.value.message
    assert_still_serving(gw)


# ------------------------------------------------------------------------------ size limit


def test_body_over_the_limit_with_content_length(gw: Any, oai_up: FakeUpstream) -> None:
    big = b'{"model": "gpt", "messages": [{"role": "user", "content": "' + b"x" * TWENTY_MB + b'"}]}'
    response = post_chat(gw, content=big)
    error = openai_error(response, 413, "request_too_large")
    assert error["type"] == "invalid_request_error"
    assert str(MAX_BODY) in error["message"]
    assert oai_up.calls == []
    assert_still_serving(gw)


def test_body_over_the_limit_chunked(gw: Any, oai_up: FakeUpstream) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"model": "gpt", "messages": [{"role": "user", "content": "'
        for _ in range(TWENTY_MB // (1024 * 1024)):
            yield b"x" * (1024 * 1024)
        yield b'"}]}'

    response = gw.request(
        "POST", "/v1/chat/completions", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    openai_error(response, 413, "request_too_large")
    assert oai_up.calls == []
    assert_still_serving(gw)


# aiohttp warns about request bodies over 1 MiB given as raw bytes; the next test is about that.
@pytest.mark.filterwarnings("ignore:Sending a large body directly:ResourceWarning")
def test_body_at_the_limit_is_accepted(gw: Any, oai_up: FakeUpstream) -> None:
    """``server.max_body_bytes`` is the largest body accepted; it must reach the upstream whole."""
    prefix = b'{"model": "gpt", "messages": [{"role": "user", "content": "'
    suffix = b'"}]}'
    body = prefix + b"x" * (MAX_BODY - len(prefix) - len(suffix)) + suffix
    assert len(body) == MAX_BODY
    response = post_chat(gw, content=body)
    assert response.status_code == 200, response.text[:500]
    [call] = oai_up.calls
    assert len(call.json["messages"][0]["content"]) == MAX_BODY - len(prefix) - len(suffix)


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("model", ["gpt", "claude"])
def test_a_two_megabyte_request_is_forwarded_without_warnings(
    gw: Any, request: pytest.FixtureRequest, model: str, stream: bool
) -> None:
    """Bodies between 1 MiB and the limit are legitimate (images, long documents).

    The test suite turns warnings into errors; a warning raised while forwarding becomes a 500.
    """
    up: FakeUpstream = request.getfixturevalue("oai_up" if model == "gpt" else "ant_up")
    text = "y" * (2 * 1024 * 1024)
    response = post_chat(gw, {"model": model, "messages": [{"role": "user", "content": text}], "stream": stream})
    assert response.status_code == 200, response.text[:500]
    assert "Hello from" in response.text
    assert up.calls[0].json["messages"][0]["content"] == text


# ------------------------------------------------------------------------------ paths and methods


@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/completions"), ("GET", "/v1/nope"), ("DELETE", "/v1/x/y")])
def test_unknown_v1_path(gw: Any, method: str, path: str) -> None:
    response = gw.request(method, path, headers=AUTH, json={} if method == "POST" else None)
    error = openai_error(response, 404, "not_found")
    assert path in error["message"]
    assert_still_serving(gw)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/chat/completions"), ("GET", "/v1/messages"), ("GET", "/v1/embeddings"), ("POST", "/v1/models")],
)
def test_wrong_method_on_a_known_route(gw: Any, method: str, path: str) -> None:
    response = gw.request(method, path, headers=AUTH)
    assert response.status_code == 405, f"{method} {path}: {response.status_code} {response.text}"
    assert "POST" in response.headers.get("allow", "") or "GET" in response.headers.get("allow", "")
    body = response.json()
    assert isinstance(body.get("error"), dict) and body["error"]["message"], body
    assert_still_serving(gw)


# ------------------------------------------------------------------------------ /v1/messages: Anthropic envelope


def post_messages(gw: Any, body: Any = None, *, content: bytes | None = None, headers: Any = None) -> httpx2.Response:
    headers = ANTHROPIC_HEADERS if headers is None else headers
    if content is not None:
        return gw.request(
            "POST", "/v1/messages", content=content, headers={**headers, "Content-Type": "application/json"}
        )
    return gw.request("POST", "/v1/messages", json=body, headers=headers)


def test_messages_malformed_json(gw: Any) -> None:
    message = anthropic_error(post_messages(gw, content=b"{oops"), 400, "invalid_request_error")
    assert "JSON" in message
    assert_still_serving(gw)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"model": "claude", "messages": HELLO}, "max_tokens"),
        ({"model": "claude", "max_tokens": "10", "messages": HELLO}, "max_tokens"),
        ({"model": "claude", "max_tokens": 10}, "messages"),
        ({"max_tokens": 10, "messages": HELLO}, "model"),
        (
            {"model": "claude", "max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "video"}]}]},
            "messages[0].content[0].type",
        ),
        (
            {"model": "claude", "max_tokens": 10, "messages": [{"role": "user", "content": [{"text": "no type"}]}]},
            "messages[0].content[0]",
        ),
    ],
)
def test_messages_bad_input_uses_the_anthropic_envelope(
    gw: Any, ant_up: FakeUpstream, body: dict[str, Any], field: str
) -> None:
    message = anthropic_error(post_messages(gw, body), 400, "invalid_request_error")
    assert message.startswith(field), message
    assert ant_up.calls == []
    assert_still_serving(gw)


def test_messages_bad_input_with_the_anthropic_sdk(gw: Any, ant_up: FakeUpstream) -> None:
    bad_block: list[Any] = [{"role": "user", "content": [{"type": "hologram", "data": "?"}]}]
    with gw.anthropic() as client:
        with pytest.raises(anthropic.BadRequestError) as refused:
            client.messages.create(model="claude", max_tokens=10, messages=bad_block)
        with pytest.raises(anthropic.BadRequestError):
            client.messages.create(model="claude", max_tokens=0, messages=HELLO)
        with pytest.raises(anthropic.NotFoundError) as missing:
            client.messages.create(model="no-such-model", max_tokens=10, messages=HELLO)
        with pytest.raises(anthropic.PermissionDeniedError):
            client.with_options(api_key=gw.restricted_key).messages.create(
                model="claude", max_tokens=10, messages=HELLO
            )
    assert refused.value.status_code == 400
    assert refused.value.body == {
        "type": "error",
        "error": {"type": "invalid_request_error", "message": refused.value.body["error"]["message"]},  # type: ignore[index]
    }
    assert "hologram" in refused.value.message
    assert missing.value.body["error"]["type"] == "not_found_error"  # type: ignore[index]
    assert ant_up.calls == []
    assert_still_serving(gw)


@pytest.mark.parametrize("api_key", [None, "wrong-key-0000"])
def test_messages_missing_or_wrong_key(gw: Any, api_key: str | None) -> None:
    headers = {"anthropic-version": "2023-06-01"} | ({"x-api-key": api_key} if api_key else {})
    message = anthropic_error(
        post_messages(gw, {"model": "claude", "max_tokens": 10, "messages": HELLO}, headers=headers),
        401,
        "authentication_error",
    )
    assert "key" in message.lower()
    with gw.anthropic(api_key="wrong-key-0000") as client, pytest.raises(anthropic.AuthenticationError):
        client.messages.create(model="claude", max_tokens=10, messages=HELLO)
    assert_still_serving(gw)


def test_messages_body_over_the_limit(gw: Any) -> None:
    big = b'{"model": "claude", "max_tokens": 10, "messages": [{"role": "user", "content": "'
    big += b"x" * TWENTY_MB + b'"}]}'
    anthropic_error(post_messages(gw, content=big), 413, "request_too_large")
    assert_still_serving(gw)


# ------------------------------------------------------------------------------ admin API


def test_admin_api_needs_an_admin_key(gw: Any) -> None:
    openai_error(gw.admin("GET", "/api/keys", key=None), 401, "invalid_api_key")
    openai_error(gw.admin("GET", "/api/keys", key="qd-unknown-key-1234"), 401, "invalid_api_key")
    error = openai_error(gw.admin("GET", "/api/keys", key=APP_KEY), 403, "permission_denied")
    assert "admin" in error["message"]
    openai_error(gw.admin("POST", "/api/keys", key=APP_KEY, json={"name": "sneaky"}), 403, "permission_denied")
    listed = gw.admin("GET", "/api/keys")
    assert listed.status_code == 200
    assert "sneaky" not in [k["name"] for k in listed.json()["data"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"team": "t"}, "name"),
        ({"name": "k-rpm", "rpm": "x"}, "rpm"),
        ({"name": "k-rpm0", "rpm": 0}, "rpm"),
        ({"name": "k-role", "role": "root"}, "role"),
        ({"name": "k-extra", "colour": "blue"}, "colour"),
        ({"name": "k-models", "models": "gpt"}, "models"),
    ],
)
def test_admin_api_rejects_bodies_that_do_not_fit(gw: Any, body: dict[str, Any], field: str) -> None:
    error = openai_error(gw.admin("POST", "/api/keys", json=body), 422, "unprocessable")
    assert field in error["message"], error
    assert error["param"] == field, error


def test_admin_api_rejects_a_body_that_is_not_json(gw: Any) -> None:
    response = gw.admin("POST", "/api/keys", content=b"{name", headers={"Content-Type": "application/json"})
    openai_error(response, 422, "unprocessable")


def test_admin_api_unknown_id(gw: Any) -> None:
    for method in ("GET", "DELETE"):
        error = openai_error(gw.admin(method, "/api/keys/does-not-exist"), 404, "not_found")
        assert "does-not-exist" in error["message"]


def test_admin_api_duplicate_name(gw: Any) -> None:
    gw.create_key("twice")
    error = openai_error(gw.admin("POST", "/api/keys", json={"name": "twice"}), 409, "conflict")
    assert "twice" in error["message"]


def test_admin_api_unknown_model(gw: Any) -> None:
    response = gw.admin("POST", "/api/keys", json={"name": "k-unknown-model", "models": ["gpt", "nonexistent"]})
    error = openai_error(response, 422, "unprocessable")
    assert "nonexistent" in error["message"] and error["param"] == "models"
    names = [k["name"] for k in gw.admin("GET", "/api/keys").json()["data"]]
    assert "k-unknown-model" not in names


def test_admin_api_create_list_show(gw: Any) -> None:
    created = gw.create_key("listed-key", team="search", models=["gpt"], rpm=60)
    secret = created["key"]
    assert secret.startswith("qd-") and len(secret) == 3 + 43
    assert secret.startswith(created["key_prefix"])
    listed = gw.admin("GET", "/api/keys")
    assert listed.status_code == 200
    assert secret not in listed.text, "the key itself must only be shown at creation"
    [entry] = [k for k in listed.json()["data"] if k["id"] == created["id"]]
    assert (entry["team"], entry["models"], entry["rpm"], entry["source"]) == ("search", ["gpt"], 60, "api")
    shown = gw.admin("GET", f"/api/keys/{created['id']}", key=ADMIN_KEY)
    assert shown.status_code == 200 and "key" not in shown.json()


def test_admin_role_key_and_revoked_listing(gw: Any) -> None:
    admin = gw.create_key("second-admin", role="admin")
    listed = gw.admin("GET", "/api/keys", key=admin["key"])
    assert listed.status_code == 200, listed.text
    app_key = gw.create_key("short-lived", team="t")
    assert gw.admin("DELETE", f"/api/keys/{app_key['id']}", key=admin["key"]).status_code == 200
    live = [k["id"] for k in gw.admin("GET", "/api/keys").json()["data"]]
    everything = [k["id"] for k in gw.admin("GET", "/api/keys", params={"include_revoked": "true"}).json()["data"]]
    assert app_key["id"] not in live and app_key["id"] in everything
    assert gw.admin("DELETE", f"/api/keys/{admin['id']}").status_code == 200
    openai_error(gw.admin("GET", "/api/keys", key=admin["key"]), 401, "invalid_api_key")


def test_openapi_document_lists_the_keys_api(gw: Any) -> None:
    response = gw.request("GET", "/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    servers = [s.get("url") for s in document.get("servers", [])]
    documented = "/api/keys" in paths or ("/keys" in paths and "/api" in servers)
    assert documented, (list(paths), servers)
    keys_path = paths.get("/api/keys") or paths["/keys"]
    assert {"get", "post"} <= set(keys_path)
