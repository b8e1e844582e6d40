"""Budget periods: which period a moment falls in, when it began and when it ends (UTC)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, slots=True)
class Period:
    id: str  # e.g. "d2026-11-25", "w2026-W48", "m2026-11", "all"
    start: datetime | None  # None: since the beginning
    end: datetime | None  # None: never ends

    def seconds_left(self, now: datetime) -> float | None:
        return None if self.end is None else max(0.0, (self.end - now).total_seconds())


def period_of(kind: str | None, now: datetime | None = None) -> Period:
    now = now or datetime.now(UTC)
    day = datetime(now.year, now.month, now.day, tzinfo=UTC)
    if kind == "daily":
        return Period(f"d{day:%Y-%m-%d}", day, day + timedelta(days=1))
    if kind == "weekly":
        start = day - timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Period(f"w{year}-W{week:02d}", start, start + timedelta(days=7))
    if kind == "monthly":
        start = day.replace(day=1)
        end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        return Period(f"m{start:%Y-%m}", start, end)
    return Period("all", None, None)


class PeriodClock:
    """``period_of`` for the current moment, computed once per kind and UTC day (the hot path's version)."""

    def __init__(self) -> None:
        self._day = -1
        self._cache: dict[str | None, Period] = {}

    def current(self, kind: str | None) -> Period:
        day = int(time.time() // 86_400)
        if day != self._day:
            self._day = day
            self._cache = {}
        period = self._cache.get(kind)
        if period is None:
            period = self._cache[kind] = period_of(kind)
        return period
