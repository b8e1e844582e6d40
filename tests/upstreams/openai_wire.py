"""OpenAI wire protocol: Chat Completions, Embeddings and Models, with OpenAI's error envelopes."""

from __future__ import annotations

import base64
import hashlib
import math
import secrets
import struct
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from aiohttp import web

    from .server import Answer, Exchange, Handler, SSEEvent

JSON = dict[str, Any]

CHAT_PATH = "/v1/chat/completions"
EMBEDDINGS_PATH = "/v1/embeddings"
MODELS_PATH = "/v1/models"
EMBEDDING_DIMENSIONS = 8
SYSTEM_FINGERPRINT = "fp_quarterdeck"
MODEL_CREATED = 1721172741

_FINISH_REASONS = {"end": "stop", "length": "length", "tool": "tool_calls"}
_KEYS_URL = "https://platform.openai.com/account/api-keys"
_MISSING_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header using "
    "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) "
    "if you're accessing the API from your browser and are prompted for a username and password. "
    f"You can obtain an API key from {_KEYS_URL}."
)
_BAD_JSON = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
    "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
)


def error_payload(
    status: int, message: str, *, type_: str | None = None, param: str | None = None, code: str | None = None
) -> JSON:
    """OpenAI's error envelope; ``type``/``code`` default to what OpenAI sends for ``status``."""
    if type_ is None:
        type_, default_code = _error_kind(status)
        code = code or default_code
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _error_kind(status: int) -> tuple[str, str | None]:
    if status == 401:
        return "invalid_request_error", "invalid_api_key"
    if status == 429:
        return "requests", "rate_limit_exceeded"
    if status >= 500:
        return "server_error", None
    return "invalid_request_error", None


def _bad_request(message: str, param: str | None = None, code: str | None = None) -> JSON:
    return error_payload(400, message, type_="invalid_request_error", param=param, code=code)


class OpenAIWire:
    """Routing and request checks for the OpenAI API."""

    request_id_header = "x-request-id"

    def route(self, method: str, path: str) -> Handler | None:
        if method == "POST" and path == CHAT_PATH:
            return chat_completions
        if method == "POST" and path == EMBEDDINGS_PATH:
            return embeddings
        if method == "GET" and path == MODELS_PATH:
            return list_models
        if method == "GET" and path.startswith(MODELS_PATH + "/"):
            return retrieve_model
        return None

    def is_model_endpoint(self, path: str) -> bool:
        return path in (CHAT_PATH, EMBEDDINGS_PATH)

    def error_payload(self, status: int, message: str) -> JSON:
        return error_payload(status, message)

    def not_found(self, method: str, path: str) -> tuple[int, JSON]:
        return 404, error_payload(404, f"Invalid URL ({method} {path})")

    def check_headers(self, headers: Mapping[str, str], api_key: str | None) -> tuple[int, JSON] | None:
        if api_key is None:
            return None
        authorization = headers.get("authorization", "")
        if not authorization:
            return 401, error_payload(401, _MISSING_KEY, type_="invalid_request_error")
        scheme, _, key = authorization.partition(" ")
        if scheme.lower() != "bearer" or key.strip() != api_key:
            message = f"Incorrect API key provided: {_redact(key.strip())}. You can find your API key at {_KEYS_URL}."
            return 401, error_payload(401, message)
        return None


def _redact(key: str) -> str:
    if len(key) <= 8:
        return "*" * len(key)
    return f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}"


# --------------------------------------------------------------------------- chat completions


def content_text(content: Any) -> str:
    """The text of a message ``content``: a string, or the text parts of a list joined by spaces."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(part.get("text", "")) for part in content if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def last_user_text(messages: list[Any]) -> str:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def trailing_tool_results(messages: list[Any]) -> str | None:
    """Contents of the ``role: "tool"`` messages that end the conversation, or None if it doesn't end so."""
    results: list[str] = []
    for message in reversed(messages):
        if not (isinstance(message, dict) and message.get("role") == "tool"):
            break
        results.append(content_text(message.get("content")))
    return "\n".join(reversed(results)) if results else None


def _validate_chat(body: Any) -> JSON | None:
    if not isinstance(body, dict):
        return _bad_request(_BAD_JSON)
    if not isinstance(body.get("model"), str) or not body["model"]:
        return _bad_request("you must provide a model parameter")
    messages = body.get("messages")
    if messages is None:
        return _bad_request("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")
    if not isinstance(messages, list):
        return _bad_request(
            f"Invalid type for 'messages': expected an array, but got {type(messages).__name__} instead.",
            "messages",
            "invalid_type",
        )
    if not messages:
        return _bad_request(
            "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
            "messages",
            "empty_array",
        )
    return None


async def chat_completions(exchange: Exchange) -> web.StreamResponse:
    invalid = _validate_chat(exchange.body)
    if invalid is not None:
        return await exchange.json(invalid, 400)
    body: JSON = exchange.body
    messages: list[Any] = body["messages"]
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    response_format = body.get("response_format")
    answer = exchange.answer(
        user_text=last_user_text(messages),
        tool_results=trailing_tool_results(messages),
        tools_enabled=bool(body.get("tools")) and body.get("tool_choice") != "none",
        limit=limit if isinstance(limit, int) else None,
        json_mode=isinstance(response_format, dict) and response_format.get("type") == "json_object",
    )
    up = exchange.upstream
    if body.get("stream") is True and up.stream_script is not None:
        return await exchange.sse([(None, c) for c in up.stream_script(body["model"])] + [(None, "[DONE]")])
    if body.get("stream") is not True and up.message_script is not None:
        scripted = completion(body["model"], answer)
        scripted["choices"][0]["message"] = up.message_script
        scripted["choices"][0]["finish_reason"] = ("function_call" if "function_call" in up.message_script
                                                   else "tool_calls" if up.message_script.get("tool_calls")
                                                   else "stop")
        return await exchange.json(scripted)
    if body.get("stream") is True:
        stream_options = body.get("stream_options")
        include_usage = isinstance(stream_options, dict) and stream_options.get("include_usage") is True
        return await exchange.sse(completion_chunks(body["model"], answer, include_usage=include_usage))
    return await exchange.json(completion(body["model"], answer))


def usage_payload(answer: Answer) -> JSON:
    return {
        "prompt_tokens": answer.prompt_tokens,
        "completion_tokens": answer.completion_tokens,
        "total_tokens": answer.prompt_tokens + answer.completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def completion(model: str, answer: Answer) -> JSON:
    """A complete ``chat.completion`` object."""
    message: JSON = {"role": "assistant", "content": answer.text, "refusal": None, "annotations": []}
    if answer.tool_call is not None:
        message["tool_calls"] = [
            {
                "id": _call_id(),
                "type": "function",
                "function": {"name": answer.tool_call[0], "arguments": answer.arguments},
            }
        ]
    return {
        "id": f"chatcmpl-{secrets.token_hex(14)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": _FINISH_REASONS[answer.stop]}],
        "usage": usage_payload(answer),
        "service_tier": "default",
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def completion_chunks(model: str, answer: Answer, *, include_usage: bool) -> list[SSEEvent]:
    """The ``chat.completion.chunk`` events of a streamed answer, ending with ``[DONE]``."""
    ident, created = f"chatcmpl-{secrets.token_hex(14)}", int(time.time())

    def chunk(choices: list[JSON]) -> JSON:
        payload: JSON = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": SYSTEM_FINGERPRINT,
            "choices": choices,
        }
        if include_usage:
            payload["usage"] = None
        return payload

    def delta(content: JSON, finish_reason: str | None = None) -> JSON:
        return chunk([{"index": 0, "delta": content, "logprobs": None, "finish_reason": finish_reason}])

    if answer.tool_call is not None:
        header = {
            "index": 0,
            "id": _call_id(),
            "type": "function",
            "function": {"name": answer.tool_call[0], "arguments": ""},
        }
        chunks = [delta({"role": "assistant", "content": None, "tool_calls": [header], "refusal": None})]
        chunks += [delta({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}) for piece in answer.pieces()]
    else:
        chunks = [delta({"role": "assistant", "content": "", "refusal": None})]
        chunks += [delta({"content": piece}) for piece in answer.pieces()]
    chunks.append(delta({}, _FINISH_REASONS[answer.stop]))
    if include_usage:
        chunks.append(chunk([]) | {"usage": usage_payload(answer)})
    return [(None, payload) for payload in chunks] + [(None, "[DONE]")]


def _call_id() -> str:
    return f"call_{secrets.token_hex(12)}"


# --------------------------------------------------------------------------- embeddings


def embedding_vector(text: str, dimensions: int = EMBEDDING_DIMENSIONS) -> list[float]:
    """The deterministic unit vector the fake returns for ``text`` (values are exact float32s)."""
    digest = b""
    counter = 0
    while len(digest) < 4 * dimensions:
        digest += hashlib.sha256(f"{counter}:{text}".encode()).digest()
        counter += 1
    raw = [int.from_bytes(digest[4 * i : 4 * i + 4], "little") / 2**31 - 1.0 for i in range(dimensions)]
    norm = math.sqrt(sum(value * value for value in raw)) or 1.0
    packed = struct.pack(f"<{dimensions}f", *(value / norm for value in raw))
    return list(struct.unpack(f"<{dimensions}f", packed))


def _embedding_inputs(value: Any) -> list[str] | None:
    """Each input as a string (token arrays are keyed by their JSON), or None if malformed."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not value:
        return None
    if all(isinstance(item, str) for item in value):
        return list(value)
    if all(isinstance(item, int) for item in value):
        return [orjson.dumps(value).decode()]
    if all(isinstance(item, list) and all(isinstance(token, int) for token in item) for item in value):
        return [orjson.dumps(item).decode() for item in value]
    return None


async def embeddings(exchange: Exchange) -> web.StreamResponse:
    body = exchange.body
    if not isinstance(body, dict):
        return await exchange.json(_bad_request(_BAD_JSON), 400)
    if not isinstance(body.get("model"), str) or not body["model"]:
        return await exchange.json(_bad_request("you must provide a model parameter"), 400)
    if "input" not in body:
        return await exchange.json(
            _bad_request("Missing required parameter: 'input'.", "input", "missing_required_parameter"), 400
        )
    inputs = _embedding_inputs(body["input"])
    if inputs is None:
        return await exchange.json(_bad_request("'$.input' is invalid.", "input", "invalid_value"), 400)
    dimensions = body.get("dimensions", EMBEDDING_DIMENSIONS)
    if not isinstance(dimensions, int) or dimensions < 1:
        return await exchange.json(_bad_request("Invalid 'dimensions'.", "dimensions", "invalid_value"), 400)
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        message = f"Invalid value: '{encoding}'. Supported values are: 'float' and 'base64'."
        return await exchange.json(_bad_request(message, "encoding_format", "invalid_value"), 400)

    data: list[JSON] = []
    for index, text in enumerate(inputs):
        vector = embedding_vector(text, dimensions)
        encoded: list[float] | str = vector
        if encoding == "base64":
            encoded = base64.b64encode(struct.pack(f"<{dimensions}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": encoded})
    prompt_tokens = exchange.usage[0]
    return await exchange.json(
        {
            "object": "list",
            "data": data,
            "model": body["model"],
            "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
        }
    )


# --------------------------------------------------------------------------- models


def _model(model_id: str) -> JSON:
    return {"id": model_id, "object": "model", "created": MODEL_CREATED, "owned_by": "system"}


async def list_models(exchange: Exchange) -> web.StreamResponse:
    return await exchange.json({"object": "list", "data": [_model(exchange.upstream.model_id)]})


async def retrieve_model(exchange: Exchange) -> web.StreamResponse:
    wanted = exchange.request.path.removeprefix(MODELS_PATH + "/")
    if wanted != exchange.upstream.model_id:
        message = f"The model '{wanted}' does not exist or you do not have access to it."
        return await exchange.json(error_payload(404, message, code="model_not_found"), 404)
    return await exchange.json(_model(wanted))
