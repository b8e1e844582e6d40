"""GET /v1/models — the public models this key may use."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import QuarterdeckError
from quarterdeck.gateway.app import App
from quarterdeck.gateway.context import new_request_id
from quarterdeck.gateway.edge import api_key_of
from quarterdeck.gateway.envelopes import error_response

CREATED = 1_735_689_600  # 2025-01-01: models are config, they have no creation time of their own


class ModelsList:
    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, request: Request) -> Response:
        request_id = new_request_id()
        try:
            principal = await self.app.authenticator.authenticate(api_key_of(request))
        except QuarterdeckError as exc:
            return error_response(exc, request_id=request_id)
        data = [
            {"id": name, "object": "model", "created": CREATED, "owned_by": "quarterdeck"}
            for name in self.app.router.routes
            if principal.may_use(name)
        ]
        return Response(
            orjson.dumps({"object": "list", "data": data}),
            media_type="application/json",
            headers={"X-Request-Id": request_id},
        )
