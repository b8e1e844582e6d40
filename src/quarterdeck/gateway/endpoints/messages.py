"""POST /v1/messages — Anthropic format in and out, to any deployment.

The request is translated to the canonical (OpenAI) form, routed like any chat request, and the
answer — streamed or not — is translated back, with Anthropic's real event sequence on streams.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import ProviderError, UpstreamError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.endpoints.base import Endpoint
from quarterdeck.gateway.endpoints.streams import UpstreamStream, open_stream
from quarterdeck.gateway.envelopes import anthropic_error_body
from quarterdeck.gateway.routing import Deployment
from quarterdeck.gateway.schemas import MessagesRequest
from quarterdeck.gateway.sse import SSEResponse
from quarterdeck.providers.anthropic_format import anthropic_request_to_openai, openai_response_to_anthropic
from quarterdeck.providers.anthropic_stream import OpenAIStreamToAnthropic

JSON = dict[str, Any]


def _event(name: str, data: JSON) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"


class Messages(Endpoint):
    endpoint = "messages"
    anthropic = True

    async def handle(self, request: Request, ctx: RequestContext) -> Response | SSEResponse:
        await self.authorize(request, ctx)
        raw = await self.read_json(request, MessagesRequest)
        route = self.route_for(ctx, raw["model"])
        body = anthropic_request_to_openai(raw)
        if ctx.user_id is None and isinstance(body.get("user"), str):
            ctx.user_id = body["user"]
        if raw.get("stream"):
            ctx.stream = True
            body["stream"] = True
            opened = await self.app.router.run(route, lambda d, t: open_stream(d, body, t), ctx.trace)
            ctx.mark_first_token()
            return SSEResponse(self._sse(ctx, opened.value), headers=self.response_headers(ctx))

        async def attempt(dep: Deployment, timeout: float) -> JSON:
            return await dep.provider.complete(dep.model, body, timeout=timeout)

        outcome = await self.app.router.run(route, attempt, ctx.trace)
        ctx.set_usage(outcome.value.get("usage"))
        message = openai_response_to_anthropic(outcome.value, route.name)
        ctx.finish(self.app.log_writer, self.app.metrics)
        return Response(orjson.dumps(message), media_type="application/json", headers=self.response_headers(ctx))

    async def _sse(self, ctx: RequestContext, upstream: UpstreamStream) -> AsyncGenerator[bytes]:
        converter = OpenAIStreamToAnthropic(ctx.public_model)
        chunks = upstream.chunks()
        try:
            async for chunk in chunks:
                if chunk.get("usage"):
                    ctx.set_usage(chunk["usage"])
                events = converter.feed(chunk)
                if events:
                    waited = time.perf_counter()
                    yield b"".join(_event(name, data) for name, data in events)
                    ctx.client_wait_s += time.perf_counter() - waited
            tail = converter.finish()
            if tail:
                yield b"".join(_event(name, data) for name, data in tail)
        except ProviderError as exc:
            error = UpstreamError(f"The upstream stream failed ({upstream.deployment.id}): {exc.message}")
            ctx.fail(error)
            yield _event("error", anthropic_error_body(error))
        except BaseException:
            ctx.client_closed()
            raise
        finally:
            await chunks.aclose()
            await upstream.aclose()
            ctx.trace.upstream_s += upstream.waited_s
            ctx.finish(self.app.log_writer, self.app.metrics)
