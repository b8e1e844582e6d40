"""POST /v1/chat/completions — OpenAI format, streamed or not, to any deployment."""

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
from quarterdeck.gateway.envelopes import openai_error_body
from quarterdeck.gateway.routing import Deployment
from quarterdeck.gateway.schemas import ChatRequest
from quarterdeck.gateway.sse import SSEResponse

JSON = dict[str, Any]
DONE = b"data: [DONE]\n\n"


class ChatCompletions(Endpoint):
    endpoint = "chat.completions"

    async def handle(self, request: Request, ctx: RequestContext) -> Response | SSEResponse:
        await self.authorize(request, ctx)
        body = await self.read_json(request, ChatRequest)
        route = self.route_for(ctx, body["model"])
        if ctx.user_id is None and isinstance(body.get("user"), str):
            ctx.user_id = body["user"]
        if body.get("stream"):
            ctx.stream = True
            opened = await self.app.router.run(route, lambda d, t: open_stream(d, body, t), ctx.trace)
            ctx.mark_first_token()
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return SSEResponse(
                self._sse(ctx, opened.value, include_usage), headers=self.response_headers(ctx)
            )

        async def attempt(dep: Deployment, timeout: float) -> JSON:
            return await dep.provider.complete(dep.model, body, timeout=timeout)

        outcome = await self.app.router.run(route, attempt, ctx.trace)
        result = outcome.value
        result["model"] = route.name
        ctx.set_usage(result.get("usage"))
        ctx.finish(self.app.log_writer, self.app.metrics)
        return Response(orjson.dumps(result), media_type="application/json", headers=self.response_headers(ctx))

    async def _sse(self, ctx: RequestContext, upstream: UpstreamStream, include_usage: bool) -> AsyncGenerator[bytes]:
        model = ctx.public_model
        chunks = upstream.chunks()
        try:
            async for chunk in chunks:
                usage = chunk.get("usage")
                if usage:
                    ctx.set_usage(usage)
                    if not include_usage:
                        if not chunk.get("choices"):
                            continue
                        chunk = {k: v for k, v in chunk.items() if k != "usage"}
                chunk["model"] = model
                waited = time.perf_counter()
                yield b"data: " + orjson.dumps(chunk) + b"\n\n"
                ctx.client_wait_s += time.perf_counter() - waited
            yield DONE
        except ProviderError as exc:
            error = UpstreamError(f"The upstream stream failed ({upstream.deployment.id}): {exc.message}")
            ctx.fail(error)
            yield b"data: " + orjson.dumps(openai_error_body(error)) + b"\n\n"
        except BaseException:
            ctx.client_closed()
            raise
        finally:
            await chunks.aclose()
            await upstream.aclose()
            ctx.trace.upstream_s += upstream.waited_s
            ctx.finish(self.app.log_writer, self.app.metrics)
