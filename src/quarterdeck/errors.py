"""Quarterdeck's one error hierarchy.

Every error the gateway can answer with is a ``QuarterdeckError`` carrying an HTTP status and a
stable ``code``. They are converted to the OpenAI (or Anthropic) error envelope at the HTTP edge
only (``quarterdeck.gateway.envelopes``).

    QuarterdeckError                      status  code
    ├── InvalidRequestError                 400   invalid_request
    │   ├── RequestTooLargeError            413   request_too_large
    │   ├── GuardBlockedError               400   guard_blocked
    │   └── UpstreamRejectedError     400/404/413/422 upstream_rejected
    ├── AuthenticationError                 401   invalid_api_key
    ├── PermissionDeniedError               403   permission_denied
    │   ├── RoleRequiredError               403   role_required
    │   └── SelfApprovalError               403   self_approval
    ├── NotFoundError                       404   not_found
    │   └── ModelNotFoundError              404   model_not_found
    ├── MethodNotAllowedError               405   method_not_allowed
    ├── ConflictError                       409   conflict
    │   ├── ReleaseStateError               409   release_state
    │   └── GatesNotMetError                409   gates_not_met
    ├── UnprocessableError                  422   unprocessable
    │   └── MissingVariableError            422   missing_variable
    ├── RateLimitError                      429   rate_limited          (retry_after seconds)
    │   └── BudgetExceededError             429   budget_exceeded
    ├── UpstreamError                       502   upstream_error        (every attempt listed)
    │   └── DeadlineExceededError           504   deadline_exceeded
    ├── ServiceUnavailableError             503   service_unavailable
    │   └── KillSwitchError                 503   kill_switch
    └── InternalError                       500   internal_error

    ProviderError                         raised by provider adapters, never sent as is
    ├── ProviderHTTPError                 the upstream answered with an error status
    ├── ProviderTimeoutError              no answer within the attempt's time
    ├── ProviderConnectionError           refused, reset, or the stream was cut
    └── ProviderResponseError             the upstream answered 200 with something unreadable

    ConfigError                           invalid configuration; the CLI exits with status 2
    ExecutorError                         the eval executor cannot run the cases; the CLI exits with status 2
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AttemptFailure",
    "AuthenticationError",
    "BudgetExceededError",
    "ConfigError",
    "ConflictError",
    "DeadlineExceededError",
    "ExecutorError",
    "GatesNotMetError",
    "GuardBlockedError",
    "InternalError",
    "InvalidRequestError",
    "KillSwitchError",
    "MethodNotAllowedError",
    "MissingVariableError",
    "ModelNotFoundError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProviderConnectionError",
    "ProviderError",
    "ProviderHTTPError",
    "ProviderResponseError",
    "ProviderTimeoutError",
    "QuarterdeckError",
    "RateLimitError",
    "ReleaseStateError",
    "RequestTooLargeError",
    "RoleRequiredError",
    "SelfApprovalError",
    "ServiceUnavailableError",
    "UnprocessableError",
    "UpstreamError",
    "UpstreamRejectedError",
]


class QuarterdeckError(Exception):
    """Base of every error the HTTP edge can answer with."""

    status: int = 500
    code: str = "internal_error"
    type: str = "api_error"  # the OpenAI envelope's ``type``

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


class InvalidRequestError(QuarterdeckError):
    status = 400
    code = "invalid_request"
    type = "invalid_request_error"


class RequestTooLargeError(InvalidRequestError):
    status = 413
    code = "request_too_large"


class GuardBlockedError(InvalidRequestError):
    """A guard policy blocked the request or its answer; the message names the policy and the scanner, never
    the matched text."""

    code = "guard_blocked"


class UpstreamRejectedError(InvalidRequestError):
    """The upstream refused the request itself (400, 404, 413, 422): trying elsewhere won't help."""

    code = "upstream_rejected"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class AuthenticationError(QuarterdeckError):
    status = 401
    code = "invalid_api_key"
    type = "authentication_error"


class PermissionDeniedError(QuarterdeckError):
    status = 403
    code = "permission_denied"
    type = "permission_error"


class NotFoundError(QuarterdeckError):
    status = 404
    code = "not_found"
    type = "not_found_error"


class ModelNotFoundError(NotFoundError):
    code = "model_not_found"
    type = "invalid_request_error"


class MethodNotAllowedError(QuarterdeckError):
    status = 405
    code = "method_not_allowed"
    type = "invalid_request_error"

    def __init__(self, message: str, *, allowed: list[str]) -> None:
        super().__init__(message)
        self.allowed = allowed


class RoleRequiredError(PermissionDeniedError):
    """The key's role does not allow this action."""

    code = "role_required"


class SelfApprovalError(PermissionDeniedError):
    """The author of a release tried to approve it."""

    code = "self_approval"


class ConflictError(QuarterdeckError):
    status = 409
    code = "conflict"
    type = "invalid_request_error"


class ReleaseStateError(ConflictError):
    """The release is not in a state that allows this step."""

    code = "release_state"


class GatesNotMetError(ConflictError):
    """A release's gates (approvals, eval runs, risk tier) are not all met; the message lists each."""

    code = "gates_not_met"

    def __init__(self, message: str, *, unmet: list[str]) -> None:
        super().__init__(message)
        self.unmet = unmet


class UnprocessableError(QuarterdeckError):
    status = 422
    code = "unprocessable"
    type = "invalid_request_error"


class MissingVariableError(UnprocessableError):
    """A prompt template needs a variable the request did not give."""

    code = "missing_variable"


class RateLimitError(QuarterdeckError):
    status = 429
    code = "rate_limited"
    type = "rate_limit_error"

    def __init__(self, message: str, *, retry_after: float | None, param: str | None = None) -> None:
        super().__init__(message, param=param)
        self.retry_after = retry_after  # None: waiting won't help (e.g. a budget with no period)


class BudgetExceededError(RateLimitError):
    code = "budget_exceeded"
    type = "insufficient_quota"


@dataclass(frozen=True, slots=True)
class AttemptFailure:
    """One failed attempt at one deployment, kept so the final error can list them all."""

    deployment: str
    error: str
    status: int | None = None


class UpstreamError(QuarterdeckError):
    status = 502
    code = "upstream_error"
    type = "api_error"

    def __init__(self, message: str, *, attempts: list[AttemptFailure] | None = None) -> None:
        self.attempts = list(attempts or [])
        if self.attempts:
            detail = "; ".join(
                f"{a.deployment}: {a.error}" for a in self.attempts
            )
            message = f"{message} ({len(self.attempts)} attempt(s): {detail})"
        super().__init__(message)


class DeadlineExceededError(UpstreamError):
    status = 504
    code = "deadline_exceeded"
    type = "timeout_error"


class ServiceUnavailableError(QuarterdeckError):
    status = 503
    code = "service_unavailable"
    type = "api_error"


class KillSwitchError(ServiceUnavailableError):
    """A kill switch is on for the prompt or model and no fallback is configured."""

    code = "kill_switch"


class InternalError(QuarterdeckError):
    status = 500
    code = "internal_error"
    type = "api_error"


class ProviderError(Exception):
    """Raised by a provider adapter; the router decides whether to retry or fall back."""

    retryable: bool = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProviderHTTPError(ProviderError):
    """The upstream answered with an error status (its body's message is kept)."""

    def __init__(self, status: int, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.upstream_message = message
        self.retry_after = retry_after
        # 4xx other than 408/409/429 are the caller's fault: trying elsewhere won't help.
        self.retryable = status >= 500 or status in (408, 409, 429)


class ProviderTimeoutError(ProviderError):
    """No answer (or no next stream chunk) within the attempt's time."""


class ProviderConnectionError(ProviderError):
    """Connection refused or reset, or a stream cut before its end marker."""


class ProviderResponseError(ProviderError):
    """The upstream answered with something that is not its protocol (e.g. a non-JSON 200)."""


class ConfigError(Exception):
    """The configuration is invalid. ``str()`` is the whole message shown to the user."""


class ExecutorError(RuntimeError):
    """The eval executor cannot run the cases (Ray not installed, the cluster unreachable, a task that died).
    ``str()`` is the whole message shown to the user."""
