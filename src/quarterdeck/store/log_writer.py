"""Write request-log rows in batches, off the request path."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from quarterdeck.store.records import RequestRecord

__all__ = ["RequestLogSink", "RequestLogWriter"]

logger = logging.getLogger("quarterdeck.store")


class RequestLogSink(Protocol):
    """Where the writer puts its batches (``RequestLogRepository`` is one)."""

    def insert_many(self, rows: list[RequestRecord]) -> None: ...


class RequestLogWriter:
    """Collect ``RequestRecord``s from the request path and write them in batches.

    ``submit`` never waits and never raises. A background task writes a batch when ``batch_size``
    rows are waiting or ``flush_interval_s`` has passed. A failed write keeps its rows and is tried
    again after a growing pause; after ``max_retries`` failed tries the batch is dropped and the
    loss logged. The queue holds at most ``max_pending`` rows, past which new rows are dropped
    (counted in ``dropped``) so that a long outage cannot exhaust memory.

    Use it from one event loop: ``start()`` inside the loop, ``submit`` from its thread,
    ``await aclose()`` at shutdown to write what is still queued.
    """

    def __init__(
        self,
        repo: RequestLogSink,
        *,
        batch_size: int = 200,
        flush_interval_s: float = 0.5,
        max_retries: int = 5,
        retry_backoff_s: float = 0.5,
        max_backoff_s: float = 10.0,
        max_pending: int = 100_000,
    ) -> None:
        if batch_size < 1 or max_pending < batch_size:
            raise ValueError("batch_size must be at least 1 and at most max_pending")
        if flush_interval_s <= 0 or retry_backoff_s < 0 or max_retries < 0:
            raise ValueError("flush_interval_s must be positive; retries and backoff not negative")
        self._repo = repo
        self._batch_size = batch_size
        self._flush_interval_s = flush_interval_s
        self._max_retries = max_retries
        self._retry_backoff_s = retry_backoff_s
        self._max_backoff_s = max_backoff_s
        self._max_pending = max_pending
        self._queue: deque[RequestRecord] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._overflowing = False
        self._failures = 0
        self._written = 0
        self._dropped = 0

    @property
    def pending(self) -> int:
        """Rows submitted and not yet written (the batch being written included)."""
        return len(self._queue)

    @property
    def written(self) -> int:
        return self._written

    @property
    def dropped(self) -> int:
        """Rows given up on: refused when full or closed, or failed every retry."""
        return self._dropped

    def start(self) -> None:
        """Start the background task; call from inside the running event loop."""
        if self._task is not None or self._closing:
            raise RuntimeError("the request-log writer was already started or closed")
        self._task = asyncio.get_running_loop().create_task(self._run(), name="quarterdeck-request-log")
        self._task.add_done_callback(_log_crash)

    def submit(self, record: RequestRecord) -> None:
        """Queue one row. Never blocks and never raises."""
        if self._closing:
            self._dropped += 1
            logger.error("request-log writer is closed: dropped the row of request %s", record.id)
            return
        if len(self._queue) >= self._max_pending:
            self._dropped += 1
            if not self._overflowing:
                self._overflowing = True
                logger.error(
                    "request-log queue is full (%d rows): dropping new rows until the database catches up",
                    len(self._queue),
                )
            return
        self._overflowing = False
        self._queue.append(record)
        if len(self._queue) >= self._batch_size:
            self._wake.set()

    async def aclose(self) -> None:
        """Stop accepting rows, write every row still queued, and wait for the task to end."""
        self._closing = True
        self._wake.set()
        if self._task is None:
            await self._run()
        else:
            await self._task

    async def _run(self) -> None:
        try:
            while True:
                if not self._closing and len(self._queue) < self._batch_size:
                    await self._wait_for_rows()
                if not self._queue:
                    if self._closing:
                        return
                    continue
                await self._write_one_batch()
        except asyncio.CancelledError:
            if self._queue:
                logger.error("request-log writer cancelled: %d rows were not written", len(self._queue))
            raise

    async def _wait_for_rows(self) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._flush_interval_s):
                await self._wake.wait()

    async def _write_one_batch(self) -> None:
        batch = list(itertools.islice(self._queue, self._batch_size))
        try:
            await asyncio.to_thread(self._repo.insert_many, batch)
        except (SQLAlchemyError, OSError) as exc:
            await self._after_failure(batch, exc)
            return
        self._failures = 0
        self._discard(len(batch))
        self._written += len(batch)

    async def _after_failure(self, batch: list[RequestRecord], exc: BaseException) -> None:
        self._failures += 1
        if self._failures <= self._max_retries:
            delay = min(self._retry_backoff_s * 2 ** (self._failures - 1), self._max_backoff_s)
            logger.error(
                "writing %d request-log rows failed (try %d of %d), retrying in %.2fs: %s",
                len(batch),
                self._failures,
                self._max_retries + 1,
                delay,
                exc,
            )
            await asyncio.sleep(delay)
            return
        self._failures = 0
        # While shutting down, the database has just failed every retry: give up on all of it
        # rather than retrying every remaining batch in turn.
        lost = len(self._queue) if self._closing else len(batch)
        self._discard(lost)
        self._dropped += lost
        logger.error(
            "DROPPED %d request-log rows after %d failed writes (%d dropped in all): %s",
            lost,
            self._max_retries + 1,
            self._dropped,
            exc,
            exc_info=exc,
        )

    def _discard(self, count: int) -> None:
        for _ in range(count):
            self._queue.popleft()


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("request-log writer stopped on an unexpected error", exc_info=task.exception())
