"""POST /v1/chat/completions — OpenAI format, streamed or not, to any deployment."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import QuarterdeckError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.edge import validate
from quarterdeck.gateway.endpoints.base import Endpoint
from quarterdeck.gateway.endpoints.streams import open_stream, relay
from quarterdeck.gateway.envelopes import openai_error_body
from quarterdeck.gateway.routing import Deployment
from quarterdeck.gateway.schemas import ChatRequest, plain_chat_request
from quarterdeck.gateway.sse import SSEResponse

JSON = dict[str, Any]
DONE = b"data: [DONE]\n\n"


class ChatCompletions(Endpoint):
    endpoint = "chat.completions"

    async def handle(self, request: Request, ctx: RequestContext) -> Response | SSEResponse:
        await self.authorize(request, ctx)
        body = await self.read_json(request, None)
        if ctx.user_id is None and isinstance(body.get("user"), str):
            ctx.user_id = body["user"]
        body = await self.app.registry_link.prepare_chat(ctx, body, request.headers)
        if not plain_chat_request(body):
            validate(ChatRequest, body)
        route = self.route_for(ctx, body["model"])
        self.app.guards.check_input(ctx, body)
        await self.app.admitter.admit(ctx, route, body)
        if body.get("stream"):
            ctx.stream = True
            opened = await self.app.router.run(route, lambda d, t: open_stream(d, body, t), ctx.trace)
            ctx.mark_first_token()
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            encoder = OpenAIEncoder(ctx.public_model, include_usage)
            body_stream = relay(ctx, opened.value, encoder, writer=self.app.log_writer, metrics=self.app.metrics,
                                guard=self.app.guards.stream_guard(ctx))
            return SSEResponse(body_stream, headers=self.response_headers(ctx))

        async def attempt(dep: Deployment, timeout: float) -> JSON:
            return await dep.provider.complete(dep.model, body, timeout=timeout)

        result = await self.cached_or_routed(request, ctx, route, body, attempt)
        ctx.set_usage(result.get("usage"))
        self.app.guards.check_output(ctx, result)
        await self.app.guards.check_tools(ctx, result)
        ctx.finish(self.app.log_writer, self.app.metrics)
        return Response(orjson.dumps(result), media_type="application/json", headers=self.response_headers(ctx))


class OpenAIEncoder:
    """OpenAI SSE: ``data: {chunk}`` lines, ``data: [DONE]``; usage only when the client asked for it."""

    def __init__(self, model: str, include_usage: bool) -> None:
        self.model = model
        self.include_usage = include_usage

    def chunk(self, chunk: JSON) -> bytes | None:
        if "usage" in chunk and not self.include_usage:
            if not chunk.get("choices"):
                return None
            chunk = {k: v for k, v in chunk.items() if k != "usage"}
        chunk["model"] = self.model
        return b"data: " + orjson.dumps(chunk) + b"\n\n"

    def end(self) -> bytes:
        return DONE

    def error(self, error: QuarterdeckError) -> bytes:
        return b"data: " + orjson.dumps(openai_error_body(error)) + b"\n\n"
