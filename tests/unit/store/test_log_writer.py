"""RequestLogWriter: batching, flushing on close, and surviving database failures."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy.exc import OperationalError

from quarterdeck.store import RequestLogWriter, RequestRecord, Store


def make_request(n: int) -> RequestRecord:
    return RequestRecord(id=f"req-{n}", endpoint="messages", public_model="claude", status_code=200)


class RecordingRepo:
    """Keeps the batches it is given; fails the first ``failures`` calls like a database gone away."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.calls = 0
        self.batches: list[list[RequestRecord]] = []

    def insert_many(self, rows: list[RequestRecord]) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise OperationalError("INSERT INTO request_log", {}, ConnectionError("server closed the connection"))
        self.batches.append(list(rows))

    @property
    def ids(self) -> list[str]:
        return [row.id for batch in self.batches for row in batch]


async def test_aclose_flushes_everything(store: Store) -> None:
    writer = RequestLogWriter(store.requests)
    writer.start()
    for n in range(1000):
        writer.submit(make_request(n))
    await writer.aclose()
    assert writer.pending == 0
    assert writer.written == 1000
    assert writer.dropped == 0
    assert await asyncio.to_thread(store.requests.count) == 1000


async def test_batch_size_is_respected() -> None:
    repo = RecordingRepo()
    writer = RequestLogWriter(repo, batch_size=50, flush_interval_s=60)
    writer.start()
    for n in range(175):
        writer.submit(make_request(n))
    await writer.aclose()
    assert [len(batch) for batch in repo.batches] == [50, 50, 50, 25]
    assert repo.ids == [f"req-{n}" for n in range(175)]


async def test_a_full_batch_is_written_without_waiting_for_the_interval() -> None:
    repo = RecordingRepo()
    writer = RequestLogWriter(repo, batch_size=10, flush_interval_s=60)
    writer.start()
    for n in range(10):
        writer.submit(make_request(n))
    async with asyncio.timeout(5):
        while writer.written < 10:
            await asyncio.sleep(0.01)
    assert writer.pending == 0
    await writer.aclose()


async def test_rows_are_written_after_the_flush_interval() -> None:
    repo = RecordingRepo()
    writer = RequestLogWriter(repo, batch_size=100, flush_interval_s=0.05)
    writer.start()
    writer.submit(make_request(1))
    writer.submit(make_request(2))
    async with asyncio.timeout(5):
        while writer.written < 2:
            await asyncio.sleep(0.01)
    assert repo.ids == ["req-1", "req-2"]
    await writer.aclose()


async def test_rows_survive_a_transient_failure(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    class FlakyRepo(RecordingRepo):
        def insert_many(self, rows: list[RequestRecord]) -> None:
            super().insert_many(rows)
            store.requests.insert_many(rows)

    repo = FlakyRepo(failures=1)
    writer = RequestLogWriter(repo, batch_size=20, flush_interval_s=0.05, retry_backoff_s=0.01)
    writer.start()
    for n in range(30):
        writer.submit(make_request(n))
    with caplog.at_level(logging.ERROR, logger="quarterdeck.store"):
        await writer.aclose()
    assert repo.calls == 3  # the failed batch of 20, the same 20 again, then the last 10
    assert writer.written == 30
    assert writer.dropped == 0
    assert await asyncio.to_thread(store.requests.count) == 30
    assert any("retrying" in message for message in caplog.messages)


async def test_rows_are_dropped_loudly_after_the_last_retry(caplog: pytest.LogCaptureFixture) -> None:
    repo = RecordingRepo(failures=3)
    writer = RequestLogWriter(repo, batch_size=5, flush_interval_s=0.05, max_retries=2, retry_backoff_s=0.01)
    writer.start()
    for n in range(12):
        writer.submit(make_request(n))
    with caplog.at_level(logging.ERROR, logger="quarterdeck.store"):
        await writer.aclose()
    # Three failed tries while closing give up on everything still queued.
    assert repo.calls == 3
    assert (writer.written, writer.dropped, writer.pending) == (0, 12, 0)
    assert any("DROPPED 12 request-log rows" in message for message in caplog.messages)


async def test_a_failed_batch_is_dropped_but_later_batches_are_written() -> None:
    repo = RecordingRepo(failures=2)
    writer = RequestLogWriter(repo, batch_size=5, flush_interval_s=0.05, max_retries=1, retry_backoff_s=0.01)
    writer.start()
    for n in range(5):
        writer.submit(make_request(n))
    async with asyncio.timeout(5):
        while writer.dropped < 5:
            await asyncio.sleep(0.01)
    for n in range(5, 8):
        writer.submit(make_request(n))
    await writer.aclose()
    assert repo.ids == ["req-5", "req-6", "req-7"]
    assert (writer.written, writer.dropped) == (3, 5)


async def test_submit_after_close_is_dropped_not_raised() -> None:
    repo = RecordingRepo()
    writer = RequestLogWriter(repo)
    writer.start()
    await writer.aclose()
    writer.submit(make_request(1))
    assert (writer.pending, writer.dropped) == (0, 1)
    await writer.aclose()


async def test_a_full_queue_drops_new_rows() -> None:
    repo = RecordingRepo()
    writer = RequestLogWriter(repo, batch_size=2, max_pending=4)
    for n in range(6):
        writer.submit(make_request(n))
    assert (writer.pending, writer.dropped) == (4, 2)
    await writer.aclose()  # never started: aclose writes the queue itself
    assert repo.ids == ["req-0", "req-1", "req-2", "req-3"]


async def test_start_twice_is_an_error() -> None:
    writer = RequestLogWriter(RecordingRepo())
    writer.start()
    with pytest.raises(RuntimeError):
        writer.start()
    await writer.aclose()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        RequestLogWriter(RecordingRepo(), batch_size=0)
    with pytest.raises(ValueError):
        RequestLogWriter(RecordingRepo(), flush_interval_s=0)
