"""Reading what clients send: the key, the body (bounded), the JSON."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect, Request

from quarterdeck.config.loader import format_loc
from quarterdeck.errors import InvalidRequestError, RequestTooLargeError


class ClientGone(Exception):
    """The client went away before sending its whole body."""


def api_key_of(request: Request) -> str | None:
    auth = request.headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return request.headers.get("x-api-key") or None


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise InvalidRequestError("Content-Length is not a number.") from None
        if size > limit:
            raise RequestTooLargeError(f"Request body of {size} bytes exceeds the limit of {limit} bytes.")
    chunks: list[bytes] = []
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise RequestTooLargeError(f"Request body exceeds the limit of {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise ClientGone() from None
    return b"".join(chunks)


def parse_json_object(body: bytes) -> dict[str, Any]:
    if not body:
        raise InvalidRequestError("The request body is empty; send a JSON object.")
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequestError(f"The request body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise InvalidRequestError(f"The request body must be a JSON object, not {type(value).__name__}.")
    return value


def validate(model: type[BaseModel], data: dict[str, Any]) -> None:
    """Check ``data`` against ``model``; the first problem becomes a 400 naming the field."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = format_loc(err["loc"])
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "is required"
        raise InvalidRequestError(f"{loc}: {msg}" if loc else msg, param=loc or None) from None

