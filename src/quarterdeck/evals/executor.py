"""Executors: where a run's cases are evaluated.

An executor takes the run's :class:`~quarterdeck.evals.case.CasePlan`, an async stream of cases (the
cases already cached or stored are not in it) and an ``emit`` callback, evaluates every case with
:func:`~quarterdeck.evals.case.evaluate_case` and hands each result to ``emit`` as soon as it is known.
``emit`` is the runner's: it streams results to the store in batches, fills the cache and drives the
progress bar, so those work the same whatever the executor.

- :class:`LocalExecutor` (the default): asyncio workers in this process, sharing its client.
- :class:`~quarterdeck.evals.ray_executor.RayExecutor`: cases sent as Ray tasks in bounded batches;
  Ray is imported only when it is chosen (``pip install 'quarterdeck[ray]'``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

from quarterdeck.evals.case import CasePlan, CaseResult, CaseSpec, evaluate_case
from quarterdeck.evals.client import QuarterdeckClient

__all__ = ["EXECUTORS", "Emit", "Executor", "LocalExecutor"]

Emit = Callable[[CaseResult], Awaitable[None]]
"""Where an executor puts each case's result, as soon as it has it."""

EXECUTORS = ("local", "ray")


class Executor(Protocol):
    name: str

    async def run(self, plan: CasePlan, cases: AsyncIterator[CaseSpec], client: QuarterdeckClient, emit: Emit,
                  concurrency: int) -> None:
        """Evaluate every case of ``cases`` and ``emit`` its result; at most ``concurrency`` at a time per
        process. Returns when every case has been emitted; an error stops the run (already emitted
        results stay stored)."""


class LocalExecutor:
    """``concurrency`` asyncio workers in this process, fed through a bounded queue."""

    name = "local"

    async def run(self, plan: CasePlan, cases: AsyncIterator[CaseSpec], client: QuarterdeckClient, emit: Emit,
                  concurrency: int) -> None:
        queue: asyncio.Queue[CaseSpec | None] = asyncio.Queue(maxsize=4 * concurrency)

        async def feed() -> None:
            async for case in cases:
                await queue.put(case)
            for _ in range(concurrency):
                await queue.put(None)

        async def worker() -> None:
            while (case := await queue.get()) is not None:
                await emit(await evaluate_case(plan, case, client))

        await asyncio.gather(feed(), *(worker() for _ in range(concurrency)))
