"""POST /v1/messages — Anthropic format in and out, to any deployment.

The request is translated to the canonical (OpenAI) form, routed like any chat request, and the
answer — streamed or not — is translated back, with Anthropic's real event sequence on streams.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import QuarterdeckError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.endpoints.base import Endpoint
from quarterdeck.gateway.endpoints.streams import open_stream, relay
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
        body = anthropic_request_to_openai(raw)
        if ctx.user_id is None and isinstance(body.get("user"), str):
            ctx.user_id = body["user"]
        route = self.route_for(ctx, raw["model"])
        self.app.guards.check_input(ctx, body)
        await self.app.admitter.admit(ctx, route, body)
        if raw.get("stream"):
            ctx.stream = True
            body["stream"] = True
            opened = await self.app.router.run(route, lambda d, t: open_stream(d, body, t), ctx.trace)
            ctx.mark_first_token()
            encoder = AnthropicEncoder(ctx.public_model)
            body_stream = relay(ctx, opened.value, encoder, writer=self.app.log_writer, metrics=self.app.metrics,
                                guard=self.app.guards.stream_guard(ctx))
            return SSEResponse(body_stream, headers=self.response_headers(ctx))

        async def attempt(dep: Deployment, timeout: float) -> JSON:
            return await dep.provider.complete(dep.model, body, timeout=timeout)

        outcome = await self.app.router.run(route, attempt, ctx.trace)
        ctx.set_usage(outcome.value.get("usage"))
        self.app.guards.check_output(ctx, outcome.value)
        await self.app.guards.check_tools(ctx, outcome.value)
        message = openai_response_to_anthropic(outcome.value, route.name)
        ctx.finish(self.app.log_writer, self.app.metrics)
        return Response(orjson.dumps(message), media_type="application/json", headers=self.response_headers(ctx))


class AnthropicEncoder:
    """Anthropic SSE: OpenAI chunks become Anthropic's event sequence; errors an ``error`` event."""

    def __init__(self, model: str) -> None:
        self._converter = OpenAIStreamToAnthropic(model)

    def chunk(self, chunk: JSON) -> bytes | None:
        return b"".join(_event(name, data) for name, data in self._converter.feed(chunk)) or None

    def end(self) -> bytes:
        return b"".join(_event(name, data) for name, data in self._converter.finish())

    def error(self, error: QuarterdeckError) -> bytes:
        return _event("error", anthropic_error_body(error))
