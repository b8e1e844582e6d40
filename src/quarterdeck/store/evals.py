"""Per-case results of eval runs: written in batches while a run goes, read back to resume and compare."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from quarterdeck.store._sql import dialect_insert
from quarterdeck.store.registry_models import EvalCase
from quarterdeck.store.registry_records import EvalCaseRecord

__all__ = ["EvalCaseRepository"]

_FIELDS = tuple(f.name for f in fields(EvalCaseRecord))


class EvalCaseRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def add(self, run_id: str, cases: Sequence[EvalCaseRecord]) -> None:
        """Store ``cases`` of ``run_id``; a case already stored (same index and repeat) is replaced."""
        if not cases:
            return
        rows = [{"run_id": run_id, **{name: getattr(case, name) for name in _FIELDS}} for case in cases]
        statement = dialect_insert(self._engine.dialect.name, EvalCase)
        statement = statement.on_conflict_do_update(
            index_elements=["run_id", "case_index", "repeat"],
            set_={name: statement.excluded[name] for name in _FIELDS if name not in ("case_index", "repeat")},
        )
        with self._engine.begin() as connection:
            connection.execute(statement, rows)

    def done(self, run_id: str) -> set[tuple[int, int]]:
        """(case index, repeat) of every case stored for the run."""
        query = select(EvalCase.case_index, EvalCase.repeat).where(EvalCase.run_id == run_id)
        with self._engine.connect() as connection:
            return {(int(i), int(r)) for i, r in connection.execute(query)}

    def iter(self, run_id: str, batch: int = 500) -> Iterator[EvalCaseRecord]:
        """The run's cases in (case index, repeat) order, read in batches."""
        query = (select(EvalCase).where(EvalCase.run_id == run_id)
                 .order_by(EvalCase.case_index, EvalCase.repeat).execution_options(yield_per=batch))
        with self._sessions() as session:
            result = session.scalars(query)
            try:
                for row in result:
                    yield _record(row)
            finally:
                result.close()

    def page(self, run_id: str, offset: int, limit: int) -> list[EvalCaseRecord]:
        """``limit`` cases from position ``offset`` in (case index, repeat) order (the database skips the
        rest on the unique index, so reading a large run page by page stays linear in what is read)."""
        query = (select(EvalCase).where(EvalCase.run_id == run_id)
                 .order_by(EvalCase.case_index, EvalCase.repeat).offset(offset).limit(limit))
        with self._sessions() as session:
            return [_record(row) for row in session.scalars(query)]

    def list(self, run_id: str) -> list[EvalCaseRecord]:
        return list(self.iter(run_id))


def _record(row: EvalCase) -> EvalCaseRecord:
    values: dict[str, Any] = {name: getattr(row, name) for name in _FIELDS}
    return EvalCaseRecord(**values)
