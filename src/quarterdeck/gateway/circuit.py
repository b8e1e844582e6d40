"""Per-deployment health: a circuit breaker and the upstream's own Retry-After.

Closed → (``failure_threshold`` consecutive failures) → open for ``cooldown_s`` → half-open: one
trial request is let through; its success closes the circuit, its failure opens it again. A 429
with Retry-After does not count as a failure; it makes the deployment unavailable until the time the
upstream asked for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Health:
    failures: int = 0
    open_until: float = 0.0
    half_open_trial: bool = False
    not_before: float = 0.0


class CircuitBreaker:
    def __init__(
        self, *, failure_threshold: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failure_threshold = failure_threshold
        self.cooldown_s = cooldown_s
        self._now = clock
        self._health: dict[str, _Health] = {}
        # set by the app when state is shared: tell the other replicas about opens and closes
        self.on_open: Callable[[str, float], None] | None = None
        self.on_close: Callable[[str], None] | None = None

    def now(self) -> float:
        """The breaker's clock; ``retry_after_until`` values are on it."""
        return self._now()

    def _get(self, deployment: str) -> _Health:
        health = self._health.get(deployment)
        if health is None:
            health = self._health[deployment] = _Health()
        return health

    def retry_after_until(self, deployment: str) -> float | None:
        """When only a Retry-After holds the deployment back: the time it ends. None when its circuit
        is open (waiting for a cooldown would keep the client for many seconds: better to fail fast)."""
        health = self._get(deployment)
        if health.open_until > self._now():
            return None
        return health.not_before

    def blocked_reason(self, deployment: str) -> str | None:
        now = self._now()
        health = self._get(deployment)
        if health.open_until > now:
            return f"circuit open for {health.open_until - now:.1f}s more"
        if health.not_before > now:
            return f"upstream asked to wait {health.not_before - now:.1f}s more (Retry-After)"
        if health.open_until and health.half_open_trial:
            return "circuit half-open, trial request in flight"
        return None

    def acquire(self, deployment: str) -> bool:
        """True when the deployment may take a request now (claims the half-open trial)."""
        if self.blocked_reason(deployment) is not None:
            return False
        health = self._get(deployment)
        if health.open_until:  # cooldown over: this request is the half-open trial
            health.half_open_trial = True
        return True

    def record_success(self, deployment: str) -> None:
        health = self._get(deployment)
        was_open = health.open_until > 0.0
        health.failures = 0
        health.open_until = 0.0
        health.half_open_trial = False
        if was_open and self.on_close is not None:
            self.on_close(deployment)

    def record_failure(self, deployment: str) -> None:
        health = self._get(deployment)
        health.failures += 1
        if health.half_open_trial or health.failures >= self.failure_threshold:
            health.open_until = self._now() + self.cooldown_s
            health.half_open_trial = False
            if self.on_open is not None:
                self.on_open(deployment, self.cooldown_s)

    def record_retry_after(self, deployment: str, seconds: float) -> None:
        health = self._get(deployment)
        health.half_open_trial = False
        health.not_before = max(health.not_before, self._now() + max(0.0, seconds))

    def apply_shared(self, open_for: dict[str, float]) -> None:
        """Open circuits another replica opened: ``open_for`` maps deployment → seconds it stays open."""
        now = self._now()
        for deployment, seconds in open_for.items():
            health = self._get(deployment)
            if seconds > 0 and health.open_until < now + seconds:
                health.open_until = now + seconds
                health.half_open_trial = False

    def is_open(self, deployment: str) -> bool:
        return self._get(deployment).open_until > self._now()
