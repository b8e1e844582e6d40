"""Eval runs as the registry records them: started, filled case by case, finished (or interrupted and
resumed). Release gates read only completed runs."""

from __future__ import annotations

from typing import Any

from quarterdeck.errors import ConflictError, NotFoundError, UnprocessableError
from quarterdeck.registry.roles import require
from quarterdeck.store import Actor, EvalCaseRecord, EvalRunRecord, Store

__all__ = ["MAX_CASES_PER_CALL", "EvalRuns"]

MAX_CASES_PER_CALL = 1000
_FINISHED = ("completed", "interrupted")


class EvalRuns:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, run_id: str) -> EvalRunRecord:
        with self.store.registry.read() as reads:
            run = reads.eval_run(run_id)
        if run is None:
            raise NotFoundError(f"No eval run with id '{run_id}'.")
        return run

    def start(self, actor: Actor, *, suite: str, target: str, suite_hash: str | None, dataset_hash: str | None,
              details: dict[str, Any] | None = None) -> EvalRunRecord:
        require(actor, "record_eval")
        record = EvalRunRecord(suite=suite, target=target, metrics={}, details=details, created_by=actor.name,
                               status="running", suite_hash=suite_hash, dataset_hash=dataset_hash)
        with self.store.registry.transaction(actor) as tx:
            tx.insert_eval_run(record)
            tx.audit("eval_run.start", f"eval:{suite}", after={"target": target, "suite_hash": suite_hash,
                                                                "dataset_hash": dataset_hash},
                     links={"eval_run_id": record.id})
        return record

    def add_cases(self, actor: Actor, run_id: str, cases: list[EvalCaseRecord]) -> int:
        require(actor, "record_eval")
        if len(cases) > MAX_CASES_PER_CALL:
            raise UnprocessableError(f"cases: at most {MAX_CASES_PER_CALL} per call (got {len(cases)})", param="cases")
        run = self.get(run_id)
        if run.status != "running":
            raise ConflictError(f"Eval run {run_id} is {run.status}; cases are added while it is running "
                                "(resume it first).")
        self.store.eval_cases.add(run_id, cases)
        return len(cases)

    def resume(self, actor: Actor, run_id: str) -> EvalRunRecord:
        require(actor, "record_eval")
        with self.store.registry.transaction(actor) as tx:
            run = tx.eval_run(run_id)
            if run is None:
                raise NotFoundError(f"No eval run with id '{run_id}'.")
            if run.status == "completed":
                raise ConflictError(f"Eval run {run_id} is completed; start a new run.")
            tx.finish_eval_run(run_id, status="running", metrics=run.metrics, details=run.details)
            tx.audit("eval_run.resume", f"eval:{run.suite}", before={"status": run.status},
                     after={"status": "running"}, links={"eval_run_id": run_id})
        return self.get(run_id)

    def finish(self, actor: Actor, run_id: str, *, status: str, metrics: dict[str, float],
               details: dict[str, Any] | None) -> EvalRunRecord:
        require(actor, "record_eval")
        if status not in _FINISHED:
            raise UnprocessableError("status: must be completed or interrupted", param="status")
        with self.store.registry.transaction(actor) as tx:
            run = tx.eval_run(run_id)
            if run is None:
                raise NotFoundError(f"No eval run with id '{run_id}'.")
            if run.status == "completed":
                raise ConflictError(f"Eval run {run_id} is already completed.")
            tx.finish_eval_run(run_id, status=status, metrics=metrics, details=details)
            tx.audit(f"eval_run.{'finish' if status == 'completed' else 'interrupt'}", f"eval:{run.suite}",
                     after={"status": status, "metrics": metrics}, links={"eval_run_id": run_id})
        return self.get(run_id)
