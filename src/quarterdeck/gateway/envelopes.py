"""Errors become wire-format envelopes here, at the HTTP edge, and nowhere else."""

from __future__ import annotations

import math
from typing import Any

import orjson
from starlette.responses import Response

from quarterdeck.errors import MethodNotAllowedError, QuarterdeckError, RateLimitError

ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    409: "invalid_request_error",
    413: "request_too_large",
    422: "invalid_request_error",
    429: "rate_limit_error",
    503: "overloaded_error",
}


def openai_error_body(error: QuarterdeckError) -> dict[str, Any]:
    return {"error": {"message": error.message, "type": error.type, "param": error.param, "code": error.code}}


def anthropic_error_body(error: QuarterdeckError) -> dict[str, Any]:
    kind = ANTHROPIC_TYPES.get(error.status, "api_error")
    return {"type": "error", "error": {"type": kind, "message": error.message}}


def _headers(error: QuarterdeckError, request_id: str | None) -> dict[str, str]:
    headers = {}
    if isinstance(error, RateLimitError) and error.retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
    if isinstance(error, MethodNotAllowedError):
        headers["Allow"] = ", ".join(error.allowed)
    if request_id:
        headers["X-Request-Id"] = request_id
    return headers


def error_response(error: QuarterdeckError, *, anthropic: bool = False, request_id: str | None = None) -> Response:
    body = anthropic_error_body(error) if anthropic else openai_error_body(error)
    return Response(
        orjson.dumps(body),
        status_code=error.status,
        media_type="application/json",
        headers=_headers(error, request_id),
    )
