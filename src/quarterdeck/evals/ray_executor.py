"""Running a suite's cases as Ray tasks (``quarterdeck eval run --executor ray --ray-address ADDR``).

The driver (this process) keeps everything stateful: it pins the target, skips cached and already
stored cases, and streams results to the store and the cache as they come back. Each Ray task gets
one batch of up to ``batch_size`` cases with the run's plan (put in the object store once) and the
gateway's address and key, opens its own HTTP client to the gateway, evaluates the batch with
:func:`~quarterdeck.evals.case.evaluate_case` (the same code the local executor runs, at most
``concurrency`` cases at a time) and returns the results. At most ``max_inflight`` tasks are out at
once (default: the cluster's CPUs, at least 2), so the driver never holds more than
``max_inflight x batch_size`` cases, whatever the suite's size.

Ray is imported here only when this executor is opened; without it, or with an address that does not
answer, :class:`~quarterdeck.errors.ExecutorError` says so before the run is created.
Workers must be able to import ``quarterdeck`` (install it on the cluster's nodes) and reach the
gateway's URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from quarterdeck.errors import ExecutorError
from quarterdeck.evals.case import CasePlan, CaseResult, CaseSpec, evaluate_case
from quarterdeck.evals.client import ClientSettings, QuarterdeckClient
from quarterdeck.evals.executor import Emit

__all__ = ["DEFAULT_BATCH", "BatchOutcome", "RayExecutor", "evaluate_batch"]

DEFAULT_BATCH = 32
_NO_PROBE = ("auto", "local")


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What one Ray task sends back: its cases' results and how many rate-limit waits it sat out."""

    results: list[CaseResult]
    rate_limited: int


async def _evaluate_batch(plan: CasePlan, cases: list[CaseSpec], settings: ClientSettings,
                          concurrency: int) -> BatchOutcome:
    gate = asyncio.Semaphore(concurrency)
    async with QuarterdeckClient(settings.url, settings.key, timeout_s=settings.timeout_s,
                                 max_rate_limit_wait_s=settings.max_rate_limit_wait_s,
                                 concurrency=min(concurrency, len(cases))) as client:

        async def one(case: CaseSpec) -> CaseResult:
            async with gate:
                return await evaluate_case(plan, case, client)

        results = await asyncio.gather(*(one(case) for case in cases))
        return BatchOutcome(list(results), client.rate_limited)


def evaluate_batch(plan: CasePlan, cases: list[CaseSpec], settings: ClientSettings,
                   concurrency: int) -> BatchOutcome:
    """The body of a Ray task (a plain function, run in a Ray worker process)."""
    return asyncio.run(_evaluate_batch(plan, cases, settings, concurrency))


def _import_ray() -> Any:
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise ExecutorError("the ray executor needs Ray: pip install 'quarterdeck[ray]'") from exc


def _probe(address: str, timeout_s: float) -> None:
    """Fail fast on an address nothing listens on (Ray itself would retry for minutes)."""
    if address in _NO_PROBE:
        return
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ExecutorError(f"--ray-address: expected HOST:PORT, ray://HOST:PORT, auto or local, got {address!r}")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s):
            return
    except OSError as exc:
        raise ExecutorError(f"cannot reach the Ray cluster at {address}: {exc}") from exc


class RayExecutor:
    """Cases as Ray tasks on the cluster at ``address``, ``batch_size`` cases per task."""

    name = "ray"

    def __init__(self, address: str, *, batch_size: int = DEFAULT_BATCH, max_inflight: int | None = None,
                 connect_timeout_s: float = 5.0) -> None:
        if batch_size < 1:
            raise ExecutorError("the Ray batch size must be at least 1")
        self.address, self.batch_size, self.max_inflight = address, batch_size, max_inflight
        self.connect_timeout_s = connect_timeout_s
        self._ray: Any = None
        self._remote: Any = None
        self._owns_connection = False
        self._inflight = 2

    def open(self) -> None:
        """Import Ray and connect to the cluster (idempotent); raises :class:`ExecutorError`."""
        if self._ray is not None:
            return
        ray = _import_ray()
        if not ray.is_initialized():
            _probe(self.address, self.connect_timeout_s)
            try:
                ray.init(address=self.address, log_to_driver=False, logging_level=logging.WARNING)
            except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
                raise ExecutorError(f"cannot connect to the Ray cluster at {self.address}: {exc}") from exc
            self._owns_connection = True
        self._remote = ray.remote(num_cpus=1, max_retries=0)(evaluate_batch)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self._inflight = self.max_inflight or max(2, cpus)
        self._ray = ray

    def close(self) -> None:
        """Disconnect from the cluster if :meth:`open` connected (the cluster keeps running)."""
        if self._ray is not None and self._owns_connection:
            self._ray.shutdown()
        self._ray, self._remote, self._owns_connection = None, None, False

    async def run(self, plan: CasePlan, cases: AsyncIterator[CaseSpec], client: QuarterdeckClient, emit: Emit,
                  concurrency: int) -> None:
        self.open()
        ray = self._ray
        plan_ref = ray.put(plan)
        pending: dict[asyncio.Future[BatchOutcome], Any] = {}

        async def drain(until: int) -> None:
            while len(pending) > until:
                done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    pending.pop(future)
                    try:
                        outcome = future.result()
                    except ray.exceptions.RayError as exc:
                        raise ExecutorError(f"a Ray task failed: {exc}") from exc
                    client.rate_limited += outcome.rate_limited
                    for result in outcome.results:
                        await emit(result)

        async def submit(batch: list[CaseSpec]) -> None:
            await drain(self._inflight - 1)
            ref = self._remote.remote(plan_ref, batch, client.settings, concurrency)
            pending[asyncio.wrap_future(ref.future())] = ref

        try:
            batch: list[CaseSpec] = []
            async for case in cases:
                batch.append(case)
                if len(batch) >= self.batch_size:
                    await submit(batch)
                    batch = []
            if batch:
                await submit(batch)
            await drain(0)
        finally:
            for future, ref in pending.items():
                future.cancel()
                with contextlib.suppress(ray.exceptions.RayError, ValueError, TypeError):
                    ray.cancel(ref)
