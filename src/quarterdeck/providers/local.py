"""The ``local`` provider: a small GGUF chat model (SmolLM2-135M-Instruct by default) run in-process.

llama.cpp does the work in a dedicated single-thread executor per model instance, so generation
never blocks the event loop and requests for one model queue FIFO (a llama.cpp context is not
thread-safe). Streams hand chunks from the worker thread to the loop through an ``asyncio.Queue``;
when the consumer goes away (client disconnect, timeout) a ``threading.Event`` tells the worker
to stop after the current token, so the thread is free again almost at once.

Embeddings come from the same GGUF loaded a second time in embedding mode, with its own thread.
Both models are loaded on first use; ``warm()`` loads the chat model eagerly.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import sys
import threading
import time
import uuid
from array import array
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, TypeVar, cast

from quarterdeck.errors import (
    ConfigError,
    InvalidRequestError,
    ProviderConnectionError,
    ProviderResponseError,
    ProviderTimeoutError,
)
from quarterdeck.providers.base import JSON
from quarterdeck.providers.local_model import (
    ChatModel,
    EmbeddingModel,
    Finished,
    GenerationParams,
    check_llama_cpp_installed,
    resolve_model_path,
)

__all__ = ["DEFAULT_MAX_TOKENS", "LocalProvider"]

DEFAULT_MAX_TOKENS: Final = 256
# The request did not say: llama-cpp-python's chat defaults, which suit a small model far
# better than OpenAI's temperature 1.0.
DEFAULT_TEMPERATURE: Final = 0.2
DEFAULT_TOP_P: Final = 0.95

_ROLES: Final[Mapping[str, str]] = MappingProxyType(
    {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
)
# Failures of llama.cpp itself while generating (decode errors, exhausted KV cache ...).
_ENGINE_ERRORS: Final = (RuntimeError, ValueError, OSError)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class _End:
    """Sentinel the stream worker puts on the queue when it is done (however it ended)."""


_END: Final = _End()
_StreamItem = str | Finished | _End


class LocalProvider:
    """Runs a GGUF chat model in-process with llama.cpp. See the module docstring."""

    type = "local"

    def __init__(
        self,
        name: str,
        *,
        model_path: str | None = None,
        threads: int | None = None,
        context_size: int = 2048,
    ) -> None:
        if threads is not None and threads < 1:
            raise ConfigError(f"local provider '{name}': threads must be at least 1 (got {threads})")
        if context_size < 16:
            raise ConfigError(f"local provider '{name}': context_size {context_size} is too small")
        self.name = name
        self.model_path: Path = resolve_model_path(model_path)
        check_llama_cpp_installed()
        self.threads = threads
        self.context_size = context_size
        self._chat_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"qd-local-{name}")
        self._embed_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"qd-local-{name}-embed")
        # Each model is created, used and freed only on its executor's thread.
        self._chat_model: ChatModel | None = None
        self._embed_model: EmbeddingModel | None = None
        self._active: set[threading.Event] = set()  # stop events of requests not yet finished
        self._closed = False

    # ----------------------------------------------------------------------------------------
    # Lifecycle

    async def warm(self) -> None:
        """Load the chat model now rather than on the first request (raises ``ConfigError``)."""
        self._ensure_open()
        await asyncio.get_running_loop().run_in_executor(self._chat_executor, self._get_chat_model)

    async def aclose(self) -> None:
        """Stop running generations, free both models and shut the worker threads down."""
        if self._closed:
            return
        self._closed = True
        for event in list(self._active):
            event.set()
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            loop.run_in_executor(self._chat_executor, self._free_chat_model),
            loop.run_in_executor(self._embed_executor, self._free_embed_model),
        )
        self._chat_executor.shutdown(wait=False)
        self._embed_executor.shutdown(wait=False)

    def _ensure_open(self) -> None:
        if self._closed:
            raise ProviderConnectionError(f"local provider '{self.name}' is closed")

    # The four methods below run on the executors' threads only.

    def _get_chat_model(self) -> ChatModel:
        if self._chat_model is None:
            self._chat_model = ChatModel.load(self.model_path, context_size=self.context_size, threads=self.threads)
        return self._chat_model

    def _get_embed_model(self) -> EmbeddingModel:
        if self._embed_model is None:
            self._embed_model = EmbeddingModel.load(
                self.model_path, context_size=self.context_size, threads=self.threads
            )
        return self._embed_model

    def _free_chat_model(self) -> None:
        model, self._chat_model = self._chat_model, None
        if model is not None:
            model.close()

    def _free_embed_model(self) -> None:
        model, self._embed_model = self._embed_model, None
        if model is not None:
            model.close()

    # ----------------------------------------------------------------------------------------
    # Chat

    async def complete(self, model: str, request: JSON, *, timeout: float) -> JSON:
        messages, params = _parse_chat_request(request, self.context_size)
        self._ensure_open()
        stop_event = threading.Event()

        def work() -> Finished:
            if stop_event.is_set():
                raise ProviderConnectionError("local model: the request was abandoned before it started")
            finished = self._load_then(self._get_chat_model).complete(messages, params, stop_event)
            if stop_event.is_set():  # cut short by aclose(): not a whole answer
                raise ProviderConnectionError("local model: the generation was stopped before its end")
            return finished

        self._active.add(stop_event)
        try:
            future = asyncio.get_running_loop().run_in_executor(self._chat_executor, _engine_call, work)
            try:
                finished = await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise ProviderTimeoutError(f"local model: no answer within {timeout:g} s") from None
        finally:
            stop_event.set()  # a no-op when done; frees the worker on timeout or cancellation
            self._active.discard(stop_event)
        return {
            "id": _completion_id(),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": finished.text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": finished.finish_reason,
                }
            ],
            "usage": _usage(finished.prompt_tokens, finished.completion_tokens),
            "system_fingerprint": None,
        }

    async def stream(self, model: str, request: JSON, *, timeout: float) -> AsyncIterator[JSON]:
        messages, params = _parse_chat_request(request, self.context_size)
        self._ensure_open()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[_StreamItem] = asyncio.Queue()
        stop_event = threading.Event()

        def emit(item: _StreamItem) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the event loop is closed: nobody is listening any more
                stop_event.set()

        def work() -> None:
            try:
                if stop_event.is_set():
                    return
                chat_model = self._load_then(self._get_chat_model)
                with closing(chat_model.stream(messages, params, stop_event)) as items:
                    for item in items:
                        if stop_event.is_set():
                            return
                        emit(item)
            finally:
                emit(_END)

        self._active.add(stop_event)
        future = loop.run_in_executor(self._chat_executor, _engine_call, work)
        future.add_done_callback(_retrieve_exception)
        completion_id = _completion_id()
        created = int(time.time())

        def chunk(delta: JSON, finish_reason: str | None) -> JSON:
            return {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": None,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
            }

        try:
            started = finished = False
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), timeout)
                except TimeoutError:
                    stop_event.set()
                    what = "the next chunk" if started else "the first chunk"
                    raise ProviderTimeoutError(f"local model: no {what} within {timeout:g} s") from None
                if isinstance(item, _End):
                    break
                if not started:
                    started = True
                    yield chunk({"role": "assistant", "content": ""}, None)
                if isinstance(item, Finished):
                    finished = True
                    yield chunk({}, item.finish_reason)
                    final = chunk({}, None)
                    final["choices"] = []
                    final["usage"] = _usage(item.prompt_tokens, item.completion_tokens)
                    yield final
                else:
                    yield chunk({"content": item}, None)
            await future  # re-raises what the worker raised
            if not finished:  # the worker was stopped midway (the provider is closing)
                raise ProviderConnectionError("local model: the generation was stopped before its end")
        finally:
            stop_event.set()
            self._active.discard(stop_event)

    # ----------------------------------------------------------------------------------------
    # Embeddings

    async def embed(self, model: str, request: JSON, *, timeout: float) -> JSON:
        texts = _parse_embedding_input(request.get("input"))
        encoding_format = request.get("encoding_format", "float")
        if encoding_format not in ("float", "base64"):
            raise InvalidRequestError(
                f"encoding_format must be 'float' or 'base64' (got {encoding_format!r})",
                param="encoding_format",
            )
        dimensions = request.get("dimensions")
        if dimensions is not None and (isinstance(dimensions, bool) or not isinstance(dimensions, int)):
            raise InvalidRequestError("dimensions must be an integer", param="dimensions")
        self._ensure_open()
        stop_event = threading.Event()

        def work() -> tuple[list[list[float]], int]:
            if stop_event.is_set():
                raise ProviderConnectionError("local model: the request was abandoned before it started")
            return self._load_then(self._get_embed_model).embed(texts)

        self._active.add(stop_event)
        try:
            future = asyncio.get_running_loop().run_in_executor(self._embed_executor, _engine_call, work)
            try:
                vectors, prompt_tokens = await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise ProviderTimeoutError(f"local model: no embeddings within {timeout:g} s") from None
        finally:
            stop_event.set()
            self._active.discard(stop_event)
        if dimensions is not None and vectors and dimensions != len(vectors[0]):
            raise InvalidRequestError(
                f"the local model's embeddings have {len(vectors[0])} dimensions; it cannot produce {dimensions}",
                param="dimensions",
            )
        return {
            "object": "list",
            "data": [
                {
                    "object": "embedding",
                    "index": index,
                    "embedding": _base64_floats(vector) if encoding_format == "base64" else vector,
                }
                for index, vector in enumerate(vectors)
            ],
            "model": model,
            "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
        }

    # ----------------------------------------------------------------------------------------

    def _load_then(self, getter: Callable[[], _T]) -> _T:
        """Load a model on the worker thread; a model that cannot load is an unavailable upstream."""
        try:
            return getter()
        except ConfigError as exc:
            raise ProviderConnectionError(f"local model unavailable: {exc}") from exc

    def __repr__(self) -> str:
        return f"LocalProvider(name={self.name!r}, model_path={str(self.model_path)!r})"


# --------------------------------------------------------------------------------------------
# Helpers (module-level, stateless)


def _engine_call(work: Callable[[], _T]) -> _T:
    """Run ``work`` on a worker thread, turning llama.cpp failures into ``ProviderResponseError``."""
    try:
        return work()
    except _ENGINE_ERRORS as exc:
        raise ProviderResponseError(f"local model failed: {exc}") from exc


def _retrieve_exception(future: asyncio.Future[None] | Future[None]) -> None:
    """Mark a worker's exception as seen when nobody awaits it (the stream's consumer left)."""
    if not future.cancelled():
        future.exception()


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def _usage(prompt_tokens: int, completion_tokens: int) -> JSON:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def _base64_floats(vector: list[float]) -> str:
    """Little-endian float32, base64-encoded: what the OpenAI API sends for encoding_format=base64."""
    floats = array("f", vector)
    if sys.byteorder != "little":
        floats.byteswap()
    return base64.b64encode(floats.tobytes()).decode("ascii")


def _number(request: JSON, key: str, default: float, low: float, high: float) -> float:
    value = request.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InvalidRequestError(f"{key} must be a number between {low:g} and {high:g}", param=key)
    return float(value)


def _parse_chat_request(request: JSON, context_size: int) -> tuple[list[dict[str, str]], GenerationParams]:
    """Validate an OpenAI chat request for the local model: its messages and sampling parameters."""
    for key in ("tools", "functions"):
        if request.get(key):
            raise InvalidRequestError(
                f"the local provider does not support tools: SmolLM2's chat template has no reliable "
                f"tool calling; remove '{key}' or route this request to a model that supports tools",
                param=key,
            )
    n = request.get("n")
    if n is not None and n != 1:
        raise InvalidRequestError("the local provider generates one choice per request (n must be 1)", param="n")
    if request.get("logprobs"):
        raise InvalidRequestError("the local provider does not return logprobs", param="logprobs")

    max_tokens: Any = request.get("max_completion_tokens")
    max_key = "max_completion_tokens"
    if max_tokens is None:
        max_tokens, max_key = request.get("max_tokens"), "max_tokens"
    if max_tokens is None:
        max_tokens = DEFAULT_MAX_TOKENS
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise InvalidRequestError(f"{max_key} must be a positive integer", param=max_key)

    stop: Any = request.get("stop")
    if stop is None:
        stop = []
    elif isinstance(stop, str):
        stop = [stop]
    if not isinstance(stop, list) or not all(isinstance(s, str) for s in stop):
        raise InvalidRequestError("stop must be a string or a list of strings", param="stop")

    seed: Any = request.get("seed")
    if seed is None:
        seed = secrets.randbits(32)  # a fresh seed: one seeded request must not fix the next ones
    elif isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidRequestError("seed must be an integer", param="seed")

    params = GenerationParams(
        max_tokens=min(max_tokens, context_size),
        temperature=_number(request, "temperature", DEFAULT_TEMPERATURE, 0.0, 2.0),
        top_p=_number(request, "top_p", DEFAULT_TOP_P, 0.0, 1.0),
        stop=tuple(s for s in stop if s),  # an empty stop string would end every answer at once
        seed=seed,
        presence_penalty=_number(request, "presence_penalty", 0.0, -2.0, 2.0),
        frequency_penalty=_number(request, "frequency_penalty", 0.0, -2.0, 2.0),
        json_mode=_parse_response_format(request.get("response_format")),
    )
    return _parse_messages(request.get("messages")), params


def _parse_response_format(response_format: Any) -> Literal["json"] | dict[str, Any] | None:
    if response_format is None:
        return None
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind == "text":
        return None
    if kind == "json_object":
        return "json"
    if kind == "json_schema":
        spec = response_format.get("json_schema")
        if not isinstance(spec, dict):
            raise InvalidRequestError("response_format.json_schema must be an object", param="response_format")
        schema = spec.get("schema")
        if schema is None:
            return "json"
        if not isinstance(schema, dict):
            raise InvalidRequestError("response_format.json_schema.schema must be an object", param="response_format")
        return cast(dict[str, Any], schema)
    raise InvalidRequestError(
        "response_format.type must be 'text', 'json_object' or 'json_schema'", param="response_format"
    )


def _parse_messages(messages: Any) -> list[dict[str, str]]:
    if not isinstance(messages, list) or not messages:
        raise InvalidRequestError("messages must be a non-empty list", param="messages")
    parsed: list[dict[str, str]] = []
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        if not isinstance(message, dict):
            raise InvalidRequestError(f"{where} must be an object", param="messages")
        role = message.get("role")
        if role in ("tool", "function") or message.get("tool_calls") or message.get("function_call"):
            raise InvalidRequestError(
                f"{where}: the local provider does not support tools, so tool calls and tool results "
                "cannot appear in messages",
                param="messages",
            )
        canonical_role = _ROLES.get(role) if isinstance(role, str) else None
        if canonical_role is None:
            raise InvalidRequestError(f"{where}.role {role!r} is not one of {sorted(_ROLES)}", param="messages")
        parsed.append({"role": canonical_role, "content": _text_content(message.get("content"), where)})
    return parsed


def _text_content(content: Any, where: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts: list[str] = []
        for part in content:
            kind = part.get("type") if isinstance(part, dict) else None
            if kind == "text" and isinstance(part.get("text"), str):
                texts.append(part["text"])
            elif kind == "refusal" and isinstance(part.get("refusal"), str):
                texts.append(part["refusal"])
            else:
                raise InvalidRequestError(
                    f"{where}.content: the local provider accepts text only (got a part of type {kind!r})",
                    param="messages",
                )
        return "\n".join(texts)
    raise InvalidRequestError(f"{where}.content must be a string or a list of content parts", param="messages")


def _parse_embedding_input(value: Any) -> list[str]:
    texts: list[Any] = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if not texts:
        raise InvalidRequestError("input must be a non-empty string or a non-empty list of strings", param="input")
    if not all(isinstance(text, str) for text in texts):
        raise InvalidRequestError(
            "the local provider embeds text only: input must be a string or a list of strings "
            "(token-id arrays are not supported)",
            param="input",
        )
    if any(text == "" for text in texts):
        raise InvalidRequestError("input must not contain empty strings", param="input")
    return cast(list[str], texts)
