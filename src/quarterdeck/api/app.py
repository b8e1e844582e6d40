"""Assembles the admin API: auth, error envelopes, routers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from quarterdeck.api.evals import evals_router
from quarterdeck.api.keys import keys_router
from quarterdeck.api.limits import limits_router
from quarterdeck.api.registry import registry_router
from quarterdeck.api.releases import releases_router
from quarterdeck.api.tool_approvals import tool_approvals_router
from quarterdeck.errors import QuarterdeckError, UnprocessableError
from quarterdeck.gateway.app import VERSION, App
from quarterdeck.gateway.envelopes import error_response


def create_admin_api(app: App) -> FastAPI:
    api = FastAPI(
        title="Quarterdeck admin API",
        version=VERSION,
        description="Manage virtual keys, team limits and budgets, spend, and the registry: prompts, routes, datasets, "
        "guard policies, releases, kill switches, eval runs, held tool calls and the audit log. Every call needs a key "
        "(`Authorization: Bearer <key>` or `x-api-key`): keys, teams and spend need an admin key; the registry "
        "checks roles (admin, releaser, approver, viewer). Errors use the OpenAI error envelope.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QuarterdeckError)
        return error_response(exc)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{loc}: {first.get('msg')}" if loc else str(first.get("msg"))
        return error_response(UnprocessableError(message, param=loc or None))

    api.add_exception_handler(QuarterdeckError, on_error)
    api.add_exception_handler(RequestValidationError, on_validation)
    api.include_router(keys_router(app))
    api.include_router(limits_router(app))
    api.include_router(registry_router(app))
    api.include_router(releases_router(app))
    api.include_router(evals_router(app))
    api.include_router(tool_approvals_router(app))
    return api
