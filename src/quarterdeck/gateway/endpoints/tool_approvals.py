"""GET /v1/tool-approvals/{id} — the app asks what became of a tool call held for approval.

The key that made the request may read it, and so may the keys that may read the registry (admin,
releaser, approver, viewer); to any other
key the approval does not exist (404), so ids cannot be probed across apps.
"""

from __future__ import annotations

import asyncio

import orjson
from starlette.requests import Request
from starlette.responses import Response

from quarterdeck.errors import NotFoundError, QuarterdeckError
from quarterdeck.gateway.app import App
from quarterdeck.gateway.context import new_request_id
from quarterdeck.gateway.edge import api_key_of
from quarterdeck.gateway.envelopes import error_response
from quarterdeck.gateway.tool_calls import approval_json

READERS = frozenset({"admin", "approver", "releaser", "viewer"})  # those who may read the registry


class ToolApprovalStatus:
    def __init__(self, app: App) -> None:
        self.app = app

    async def handle(self, request: Request) -> Response:
        try:
            principal = await self.app.authenticator.authenticate(api_key_of(request))
            approval_id = request.path_params["approval_id"]
            record = await asyncio.to_thread(self.app.store.tool_approvals.get, approval_id)
            if principal.role not in READERS and record.key_id != principal.key_id:
                raise NotFoundError(f"No tool approval '{approval_id}'.", param="id")
        except QuarterdeckError as exc:
            return error_response(exc, request_id=new_request_id())
        return Response(orjson.dumps(approval_json(record)), media_type="application/json")
