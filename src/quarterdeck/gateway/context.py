"""One request's bookkeeping: who, what, how long, what it cost — turned into a log row at the end."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from quarterdeck.errors import QuarterdeckError
from quarterdeck.gateway.keys import Principal
from quarterdeck.gateway.metrics import Metrics
from quarterdeck.gateway.routing import Trace
from quarterdeck.store import RequestLogWriter, RequestRecord

CLIENT_CLOSED = 499  # nginx's code for "client closed the request", used in the log only


_ids = random.Random(os.urandom(32))  # unique, not secret: no system call per id


def new_request_id() -> str:
    """``req_`` and 32 hex digits: the time in milliseconds (12 digits) then 80 random bits. Ids that
    grow with time are appended at the end of the request log's primary-key index instead of landing
    anywhere in it (measured: ~20% less CPU per row written on SQLite)."""
    return f"req_{time.time_ns() // 1_000_000:012x}{_ids.getrandbits(80):020x}"


@dataclass(slots=True)
class RequestContext:
    endpoint: str
    id: str = field(default_factory=new_request_id)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: float = field(default_factory=time.perf_counter)
    principal: Principal | None = None
    feature: str | None = None
    user_id: str | None = None
    session_id: str | None = None
    public_model: str = ""
    stream: bool = False
    trace: Trace = field(default_factory=Trace)
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    ttft_s: float | None = None
    client_wait_s: float = 0.0  # stream time spent waiting for the client to take a chunk
    status: int = 200
    error_code: str | None = None
    error_message: str | None = None
    cache_hit: bool = False
    prompt_name: str | None = None
    prompt_version: str | None = None
    prompt_label: str | None = None
    release_id: str | None = None
    release_variant: str | None = None
    guard_verdicts: list[dict[str, Any]] = field(default_factory=list)
    guard_placeholders: dict[str, str] = field(default_factory=dict)
    guard_restore: bool = False
    guard_policies: list[Any] | None = None  # the guard policies that apply, chosen once per request
    pending_approvals: list[str] = field(default_factory=list)  # tool calls held by a tool policy
    finished: bool = False
    on_finish: Callable[[RequestContext], None] | None = None  # settles limits and budget

    def set_usage(self, usage: dict[str, Any] | None, *, embeddings: bool = False) -> None:
        if not usage:
            return
        self.input_tokens = int(usage.get("prompt_tokens") or 0)
        self.output_tokens = 0 if embeddings else int(usage.get("completion_tokens") or 0)
        dep = self.trace.deployment
        if dep is not None:
            self.cost_usd = dep.price.cost(self.input_tokens, self.output_tokens)

    def mark_first_token(self) -> None:
        if self.ttft_s is None:
            self.ttft_s = time.perf_counter() - self.started

    def fail(self, error: QuarterdeckError) -> None:
        self.status = error.status
        self.error_code = error.code
        self.error_message = error.message[:2000]

    def client_closed(self) -> None:
        self.status = CLIENT_CLOSED
        self.error_code = "client_disconnected"
        self.error_message = "the client closed the connection before the answer was complete"

    def finish(self, writer: RequestLogWriter, metrics: Metrics) -> None:
        """Submit the log row and observe the metrics, once."""
        if self.finished:
            return
        self.finished = True
        if self.on_finish is not None:
            self.on_finish(self)
        total = time.perf_counter() - self.started
        model = self.public_model or "-"
        upstream = self.trace.upstream_s
        c = metrics.child
        c(metrics.requests, self.endpoint, model, str(self.status)).inc()
        c(metrics.latency, self.endpoint, model).observe(total)
        if self.error_code:
            c(metrics.errors, self.endpoint, model, self.error_code).inc()
        if self.ttft_s is not None:
            c(metrics.ttft, self.endpoint, model).observe(self.ttft_s)
        if self.trace.deployment is not None or self.trace.attempts:
            c(metrics.overhead, self.endpoint).observe(max(0.0, total - upstream - self.client_wait_s))
        if self.input_tokens:
            c(metrics.tokens, model, "input").inc(self.input_tokens)
        if self.output_tokens:
            c(metrics.tokens, model, "output").inc(self.output_tokens)
        if self.cost_usd:
            c(metrics.cost, model).inc(self.cost_usd)
        for attempt in self.trace.attempts:
            c(metrics.attempts, attempt.deployment, "error").inc()
        if self.trace.deployment is not None:
            c(metrics.attempts, self.trace.deployment.id, "ok").inc()
            if self.trace.fallback_hops:
                c(metrics.fallbacks, model).inc()
        principal = self.principal
        writer.submit(
            RequestRecord(
                id=self.id,
                created_at=self.created_at,
                endpoint=self.endpoint,  # type: ignore[arg-type]  # one of the three handler names
                key_id=principal.key_id if principal else None,
                key_name=principal.name if principal else None,
                team=principal.team if principal else None,
                feature=self.feature,
                user_id=self.user_id,
                session_id=self.session_id,
                public_model=self.public_model,
                deployment=self.trace.deployment_id,
                prompt_name=self.prompt_name,
                prompt_version=self.prompt_version,
                prompt_label=self.prompt_label,
                release_id=self.release_id,
                release_variant=self.release_variant,
                stream=self.stream,
                input_tokens=self.input_tokens,
                output_tokens=self.output_tokens,
                cost_usd=self.cost_usd,
                latency_ms=total * 1000,
                ttft_ms=self.ttft_s * 1000 if self.ttft_s is not None else None,
                upstream_ms=upstream * 1000,
                status_code=self.status,
                error_class=self.error_code,
                error_message=self.error_message,
                fallback_hops=self.trace.fallback_hops,
                cache_hit=self.cache_hit,
                guard_verdicts=self.guard_verdicts or None,
                attempts=[
                    {"deployment": a.deployment, "error": a.error, "status": a.status}
                    for a in self.trace.attempts
                ],
            )
        )
        metrics.log_pending.set(writer.pending)
