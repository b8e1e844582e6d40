"""The eval harness's HTTP client: the gateway's /v1 for targets, judges and embeddings, and the admin
API for registry look-ups and recording runs. Rate limiting is waited out, never counted as a failure."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

__all__ = ["ClientSettings", "EvalApiError", "QuarterdeckClient", "TargetError"]

RATE_LIMITED = 429
_BACKOFF_CAP_S = 30.0


class EvalApiError(RuntimeError):
    """The admin API refused a call (the message is the server's)."""


class TargetError(RuntimeError):
    """The target answered with an error (not a rate limit): the case fails with this message."""


def _message(response: httpx.Response) -> str:
    try:
        error = response.json().get("error", {})
        return f"{error.get('message', response.text[:300])} ({error.get('code', '-')}, HTTP {response.status_code})"
    except (ValueError, AttributeError):
        return f"HTTP {response.status_code}: {response.text[:300]}"


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """What another process (a Ray task) needs to open its own client to the same gateway."""

    url: str
    key: str
    timeout_s: float
    max_rate_limit_wait_s: float


class QuarterdeckClient:
    def __init__(self, url: str, key: str, *, timeout_s: float = 120.0, max_rate_limit_wait_s: float = 600.0,
                 concurrency: int = 8) -> None:
        self.settings = ClientSettings(url.rstrip("/"), key, timeout_s, max_rate_limit_wait_s)
        limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4)
        self._http = httpx.AsyncClient(base_url=url.rstrip("/"), timeout=timeout_s, limits=limits,
                                       headers={"Authorization": f"Bearer {key}"})
        self.max_rate_limit_wait_s = max_rate_limit_wait_s
        self.rate_limited = 0  # how many 429s were waited out

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> QuarterdeckClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _post_retrying(self, url: str, body: dict[str, Any], headers: dict[str, str] | None) -> httpx.Response:
        waited = 0.0
        attempt = 0
        while True:
            response = await self._http.post(url, json=body, headers=headers)
            if response.status_code != RATE_LIMITED:
                return response
            self.rate_limited += 1
            retry_after = response.headers.get("retry-after")
            try:
                delay = float(retry_after) if retry_after is not None else 0.0
            except ValueError:
                delay = 0.0
            delay = max(delay, min(_BACKOFF_CAP_S, 0.25 * 2**attempt)) * (1 + 0.1 * random.random())
            if waited + delay > self.max_rate_limit_wait_s:
                raise TargetError(f"still rate limited after waiting {waited:.0f} s: {_message(response)}")
            await asyncio.sleep(delay)
            waited += delay
            attempt += 1

    async def chat(self, body: dict[str, Any], *, base_url: str | None = None,
                   api_key: str | None = None) -> tuple[dict[str, Any], float, float]:
        """(the completion, latency ms, cost USD from X-Quarterdeck-Cost when the gateway reports it)."""
        url = (base_url.rstrip("/") + "/chat/completions") if base_url else "/v1/chat/completions"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else None
        started = time.perf_counter()
        try:
            response = await self._post_retrying(url, body, headers)
        except httpx.HTTPError as exc:
            raise TargetError(f"{type(exc).__name__}: {exc}") from exc
        latency_ms = (time.perf_counter() - started) * 1000
        if response.status_code != httpx.codes.OK:
            raise TargetError(_message(response))
        try:
            data: dict[str, Any] = response.json()
        except ValueError as exc:
            raise TargetError(f"the target answered 200 with a body that is not JSON: {exc}") from exc
        cost = float(response.headers.get("x-quarterdeck-cost", "0") or 0)
        return data, latency_ms, cost

    async def embed(self, model: str, texts: list[str]) -> list[list[float]]:
        try:
            response = await self._post_retrying("/v1/embeddings", {"model": model, "input": texts}, None)
        except httpx.HTTPError as exc:
            raise TargetError(f"embeddings: {type(exc).__name__}: {exc}") from exc
        if response.status_code != httpx.codes.OK:
            raise TargetError(f"embeddings: {_message(response)}")
        return [item["embedding"] for item in sorted(response.json()["data"], key=lambda d: d["index"])]

    async def admin(self, method: str, path: str, json: Any = None, params: dict[str, Any] | None = None) -> Any:
        # The body is read in chunks and kept here, not on the response: an httpx response and its stream
        # refer to each other, so a response is freed only by the cyclic collector, late — with a page of
        # cases in it, reading a large run would hold many pages at once.
        try:
            async with self._http.stream(method, "/api" + path, json=json, params=params) as response:
                content = b"".join([chunk async for chunk in response.aiter_bytes()])
        except httpx.HTTPError as exc:
            raise EvalApiError(f"cannot reach {self._http.base_url}: {exc}") from exc
        if response.status_code >= 400:
            raise EvalApiError(_message(httpx.Response(response.status_code, content=content)))
        return orjson.loads(content) if content else None
