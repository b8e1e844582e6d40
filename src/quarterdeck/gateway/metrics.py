"""Prometheus metrics, on a registry owned by the App (no process-global state)."""

from __future__ import annotations

from typing import TypeVar, cast

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.metrics import MetricWrapperBase

M = TypeVar("M", bound=MetricWrapperBase)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
OVERHEAD_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)
MAX_CACHED_CHILDREN = 10_000


class Metrics:
    def __init__(self) -> None:
        self._children: dict[tuple[MetricWrapperBase, tuple[str, ...]], MetricWrapperBase] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "quarterdeck_requests", "Requests answered, by endpoint, public model and HTTP status.",
            ["endpoint", "model", "status"], registry=r,
        )
        self.errors = Counter(
            "quarterdeck_errors", "Requests that ended in an error, by stable error code.",
            ["endpoint", "model", "code"], registry=r,
        )
        self.latency = Histogram(
            "quarterdeck_request_duration_seconds", "Total request latency as the client sees it.",
            ["endpoint", "model"], buckets=LATENCY_BUCKETS, registry=r,
        )
        self.ttft = Histogram(
            "quarterdeck_time_to_first_token_seconds", "Time to the first streamed chunk.",
            ["endpoint", "model"], buckets=LATENCY_BUCKETS, registry=r,
        )
        self.overhead = Histogram(
            "quarterdeck_gateway_overhead_seconds",
            "Time spent in the gateway itself: total latency minus time waiting on upstreams.",
            ["endpoint"], buckets=OVERHEAD_BUCKETS, registry=r,
        )
        self.tokens = Counter(
            "quarterdeck_tokens", "Tokens processed, by public model and kind (input/output).",
            ["model", "kind"], registry=r,
        )
        self.cost = Counter(
            "quarterdeck_cost_usd", "Cost in USD from the deployments' price tables.", ["model"], registry=r,
        )
        self.attempts = Counter(
            "quarterdeck_upstream_attempts", "Upstream attempts by deployment and outcome (ok/error).",
            ["deployment", "outcome"], registry=r,
        )
        self.fallbacks = Counter(
            "quarterdeck_fallbacks", "Requests answered by a fallback model.", ["model"], registry=r,
        )
        self.cache = Counter(
            "quarterdeck_cache", "Response-cache lookups by public model and result (hit/miss).",
            ["model", "result"], registry=r,
        )
        self.limited = Counter(
            "quarterdeck_limited", "Requests refused by a rate limit or a budget, by stable code.",
            ["model", "code"], registry=r,
        )
        self.guard = Counter(
            "quarterdeck_guard_verdicts", "Guard scanner verdicts (blocks, redactions, flags)",
            ["policy", "stage", "scanner", "action"], registry=r,
        )
        self.tool_calls = Counter(
            "quarterdeck_tool_calls", "Tool calls in answers by tool policy, matching rule and decision "
            "(allow, deny, hold)", ["policy", "rule", "decision"], registry=r,
        )
        self.log_pending = Gauge(
            "quarterdeck_request_log_pending", "Request-log rows waiting to be written.", registry=r,
        )

    def child(self, metric: M, *labels: str) -> M:
        """``metric.labels(*labels)``, remembered: prometheus-client validates the labels and takes a lock
        on every ``labels`` call, a measurable part of a request's CPU when done ~8 times per request."""
        key = (metric, labels)
        found = self._children.get(key)
        if found is None:
            if len(self._children) >= MAX_CACHED_CHILDREN:
                self._children.clear()
            found = self._children[key] = metric.labels(*labels)
        return cast(M, found)

    def render(self) -> bytes:
        return generate_latest(self.registry)
