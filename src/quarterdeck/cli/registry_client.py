"""A small HTTP client of the admin API for the registry commands (push, diff, release, kill...).

Errors end the command with one line on stderr, never a traceback: the server's error envelope
(``{"error": {"message", "type", "code"}}``) or the connection problem gives exit status 1; a
usage or file problem (``UsageProblem``) gives exit status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, NoReturn
from urllib.parse import quote

import httpx
import orjson
import typer
from rich.markup import escape

from quarterdeck.cli.common import err_console

__all__ = [
    "DEFAULT_URL",
    "PLURALS",
    "CommandFailed",
    "KeyOption",
    "RegistryClient",
    "ServerError",
    "UrlOption",
    "UsageProblem",
    "fail",
    "plural_of",
    "registry_errors_exit",
    "segment",
]

DEFAULT_URL = "http://127.0.0.1:8080"  # where `quarterdeck up` listens by default
URL_ENV = "QUARTERDECK_URL"
KEY_ENV = "QUARTERDECK_API_KEY"
TIMEOUT_S = 30.0

PLURALS: dict[str, str] = {"prompt": "prompts", "route": "routes", "dataset": "datasets",
                           "guard_policy": "guard-policies"}

UrlOption = typer.Option(DEFAULT_URL, "--url", envvar=URL_ENV,
                         help=f"The Quarterdeck server (${URL_ENV}; default {DEFAULT_URL}).")
KeyOption = typer.Option(..., "--key", envvar=KEY_ENV, show_default=False,
                         help=f"A key of the server (${KEY_ENV}); its role decides what is allowed.")


class CommandFailed(Exception):
    """Ends the command with ``message`` on stderr and ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServerError(CommandFailed):
    """The server answered with an error status (or could not be reached: ``status`` 0)."""

    def __init__(self, message: str, *, status: int, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class UsageProblem(CommandFailed):
    """A bad option combination or a bad input file: exit status 2, nothing was sent."""

    exit_code = 2


def fail(message: str, exit_code: int = 1) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    sys.exit(exit_code)


@contextmanager
def registry_errors_exit() -> Iterator[None]:
    """``CommandFailed`` (and its kinds) become one line on stderr and the exit status."""
    try:
        yield
    except CommandFailed as exc:
        fail(exc.message, exc.exit_code)


def plural_of(kind: str) -> str:
    try:
        return PLURALS[kind]
    except KeyError:
        raise UsageProblem(f"--kind: must be one of {', '.join(PLURALS)} (got {kind!r})") from None


def segment(value: str) -> str:
    """``value`` as one path segment."""
    return quote(value, safe="")


def _error_message(response: httpx.Response) -> tuple[str, str | None]:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        return str(error.get("message") or error), error.get("code")
    text = " ".join(response.text.split())[:300] or response.reason_phrase
    return text, None


class RegistryClient:
    """``with RegistryClient(url, key) as api: api.get("/api/prompts")`` — JSON in, JSON out."""

    def __init__(self, url: str, key: str) -> None:
        self.url = url.rstrip("/")
        if not self.url.startswith(("http://", "https://")):
            raise UsageProblem(f"--url: must start with http:// or https:// (got {url!r})")
        if not key.strip():
            raise UsageProblem(f"--key: the key is empty (pass --key or set ${KEY_ENV})")
        self._client = httpx.Client(base_url=self.url, timeout=TIMEOUT_S,
                                    headers={"Authorization": f"Bearer {key.strip()}"})

    def request(self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None) -> Any:
        """The decoded JSON body (None for 204), or ``ServerError``."""
        query = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = self._client.request(method, path, json=json, params=query or None)
        except httpx.TimeoutException:
            raise ServerError(f"{self.url} did not answer within {TIMEOUT_S:g} s ({method} {path})",
                              status=0) from None
        except httpx.HTTPError as exc:
            reason = str(exc) or type(exc).__name__
            raise ServerError(f"cannot reach {self.url}: {reason}", status=0) from None
        if response.status_code >= 400:
            message, code = _error_message(response)
            suffix = f" ({code}, HTTP {response.status_code})" if code else f" (HTTP {response.status_code})"
            raise ServerError(message + suffix, status=response.status_code, code=code)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise ServerError(f"{self.url} answered {method} {path} with something that is not JSON; is it a "
                              "Quarterdeck server?", status=response.status_code) from None

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params=params)

    def get_or_none(self, path: str, **params: Any) -> Any:
        """Like ``get``, but None when the server says the thing does not exist."""
        try:
            return self.get(path, **params)
        except ServerError as exc:
            if exc.status == 404 and exc.code == "not_found":
                return None
            raise

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, json=body if body is not None else {})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
