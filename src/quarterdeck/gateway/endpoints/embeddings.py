"""POST /v1/embeddings — OpenAI format."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.gateway.context import RequestContext
from quarterdeck.gateway.endpoints.base import Endpoint
from quarterdeck.gateway.routing import Deployment
from quarterdeck.gateway.schemas import EmbeddingsRequest
from quarterdeck.gateway.sse import SSEResponse

JSON = dict[str, Any]


class Embeddings(Endpoint):
    endpoint = "embeddings"

    async def handle(self, request: Request, ctx: RequestContext) -> Response | SSEResponse:
        await self.authorize(request, ctx)
        body = await self.read_json(request, EmbeddingsRequest)
        route = self.route_for(ctx, body["model"])
        self.app.guards.check_embedding_input(ctx, body)
        await self.app.admitter.admit(ctx, route, body, embeddings=True)

        async def attempt(dep: Deployment, timeout: float) -> JSON:
            return await dep.provider.embed(dep.model, body, timeout=timeout)

        result = await self.cached_or_routed(request, ctx, route, body, attempt)
        ctx.set_usage(result.get("usage"), embeddings=True)
        ctx.finish(self.app.log_writer, self.app.metrics)
        return Response(orjson.dumps(result), media_type="application/json", headers=self.response_headers(ctx))
