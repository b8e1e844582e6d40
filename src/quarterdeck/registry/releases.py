"""Releases: move a label to a new version through its policy's gates, a canary, and rollback.

States::

    draft ──submit──▶ pending ──promote (gates met)──▶ canary ──promote──▶ promoted
                        │                     └───────(no canary)────────▶ promoted
                        └──reject──▶ rejected        canary/promoted ──rollback──▶ rolled_back

Every step is one serialised store transaction with its audit event, so the label, the release and
the audit chain always agree, and concurrent steps from several replicas apply one at a time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from quarterdeck.errors import (
    ConflictError,
    GatesNotMetError,
    NotFoundError,
    ReleaseStateError,
    SelfApprovalError,
    UnprocessableError,
)
from quarterdeck.registry.canary import judge_canary
from quarterdeck.registry.policy import CanaryPolicy, LabelPolicy, effective_policy
from quarterdeck.registry.roles import require
from quarterdeck.registry.templates import LABEL_PATTERN
from quarterdeck.store import (
    Actor,
    ApprovalRecord,
    ArtifactKind,
    RegistryReads,
    RegistryTx,
    ReleaseRecord,
    Store,
    new_id,
    utcnow,
)

__all__ = ["OPEN_STATES", "SYSTEM", "Releases", "unmet_gates"]

OPEN_STATES = ("draft", "pending", "canary")
SYSTEM = Actor(key_id=None, name="system:auto-rollback", role="system")


def _reason(reason: str | None, what: str) -> str:
    if reason is None or not reason.strip():
        raise UnprocessableError(f"reason: {what} needs a reason", param="reason")
    return reason.strip()


def _is_author(actor: Actor, release: ReleaseRecord) -> bool:
    if release.author_key_id is not None or actor.key_id is not None:
        return actor.key_id == release.author_key_id
    return actor.name == release.author


def _label_view(tx: RegistryTx, kind: ArtifactKind, name: str, label: str) -> dict[str, Any] | None:
    record = tx.label(kind, name, label)
    if record is None:
        return None
    return {"version": record.version, "canary_version": record.canary_version,
            "canary_weight": record.canary_weight, "canary_release_id": record.canary_release_id}


def unmet_gates(tx: RegistryReads, release: ReleaseRecord) -> list[str]:
    """Every gate of ``release``'s policy that is not met, in words."""
    policy = LabelPolicy.model_validate(release.policy)
    unmet: list[str] = []
    approvals = [a for a in release.approvals if a.decision == "approve"
                 and (a.role == policy.approvals.role or a.role == "admin")]
    if len(approvals) < policy.approvals.count:
        unmet.append(f"approvals: {len(approvals)} of {policy.approvals.count} required from the role "
                     f"'{policy.approvals.role}'")
    target = f"{release.kind}:{release.artifact_name}:{release.to_version}"
    runs = [r for r in (tx.eval_run(run_id) for run_id in release.eval_runs)
            if r is not None and r.status == "completed"]
    for gate in policy.evals:
        candidates = [r for r in runs if r.suite == gate.suite and r.target == target]
        if not candidates:
            unmet.append(f"eval {gate.suite}: no completed run of this suite on {target} is attached")
            continue
        run = max(candidates, key=lambda r: r.created_at)
        value = run.metrics.get(gate.metric)
        if value is None:
            unmet.append(f"eval {gate.suite}: run {run.id} has no metric '{gate.metric}'")
        elif gate.min is not None and value < gate.min:
            unmet.append(f"eval {gate.suite}: {gate.metric} = {value:g} in run {run.id} is below {gate.min:g}")
        elif gate.max is not None and value > gate.max:
            unmet.append(f"eval {gate.suite}: {gate.metric} = {value:g} in run {run.id} is above {gate.max:g}")
    if policy.risk_tier == "high" and release.from_version is not None and not release.canary_weight:
        unmet.append("risk tier high: the release must go through a canary (give it a canary weight)")
    return unmet


class Releases:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _get(self, tx: RegistryTx, release_id: str) -> ReleaseRecord:
        release = tx.release(release_id)
        if release is None:
            raise NotFoundError(f"No release with id '{release_id}'.")
        return release

    def get(self, release_id: str) -> ReleaseRecord:
        with self.store.registry.read() as reads:
            release = reads.release(release_id)
        if release is None:
            raise NotFoundError(f"No release with id '{release_id}'.")
        return release

    def create(self, actor: Actor, kind: ArtifactKind, name: str, label: str, *, version: int | None,
               reason: str | None, canary_weight: float | None = None, eval_runs: list[str] | None = None,
               draft: bool = False) -> ReleaseRecord:
        require(actor, "release")
        why = _reason(reason, "a release")
        if not LABEL_PATTERN.fullmatch(label) or not label.strip("."):
            raise UnprocessableError(f"label: {label!r} is not a valid label name (letters, digits, '.', '_', '-'; "
                                     "at most 100)", param="label")
        if canary_weight is not None and not 0 < canary_weight < 1:
            raise UnprocessableError("canary_weight: must be between 0 and 1 (exclusive)", param="canary_weight")
        with self.store.registry.transaction(actor) as tx:
            artifact = tx.artifact(kind, name)
            if artifact is None:
                raise NotFoundError(f"No {kind} named '{name}'.")
            target = tx.version(kind, name, version)
            if target is None:
                raise NotFoundError(f"The {kind} '{name}' has no version {version}." if version is not None
                                    else f"The {kind} '{name}' has no versions.")
            for run_id in eval_runs or []:
                if tx.eval_run(run_id) is None:
                    raise NotFoundError(f"No eval run with id '{run_id}'.")
            current = tx.label(kind, name, label)
            if current is not None and current.version == target.number:
                raise ConflictError(f"The label '{label}' of {kind} '{name}' already points at version "
                                    f"{target.number}.")
            open_ = tx.releases(kind=kind, name=name, label=label)
            busy = [r for r in open_ if r.state in OPEN_STATES]
            if busy:
                raise ConflictError(f"Release {busy[0].id} of '{name}@{label}' is still {busy[0].state}; "
                                    "promote, reject or roll it back first.")
            policy = effective_policy(artifact.policy, label)
            weight = canary_weight if canary_weight is not None else (policy.canary.weight if policy.canary else None)
            if current is None:
                weight = None  # nothing stable to compare a canary with
            release = ReleaseRecord(
                id=new_id("rel"), artifact_id=artifact.id, kind=kind, artifact_name=name, label=label,
                from_version=current.version if current else None, to_version=target.number,
                state="draft" if draft else "pending", policy=policy.model_dump(mode="json"),
                canary_weight=weight, eval_runs=list(dict.fromkeys(eval_runs or [])), author_key_id=actor.key_id,
                author=actor.name, reason=why)
            tx.insert_release(release)
            tx.audit("release.create", f"{kind}:{name}@{label}", reason=why,
                     after={"from_version": release.from_version, "to_version": release.to_version,
                            "state": release.state, "canary_weight": weight, "eval_runs": release.eval_runs},
                     links={"release_id": release.id, "version_id": target.id})
            return self._get(tx, release.id)

    def submit(self, actor: Actor, release_id: str) -> ReleaseRecord:
        require(actor, "release")
        with self.store.registry.transaction(actor) as tx:
            release = self._get(tx, release_id)
            if release.state != "draft":
                raise ReleaseStateError(f"Release {release_id} is {release.state}, not draft.")
            tx.update_release(release_id, state="pending")
            tx.audit("release.submit", self._target(release), before={"state": "draft"}, after={"state": "pending"},
                     links={"release_id": release_id})
            return self._get(tx, release_id)

    def attach_eval_runs(self, actor: Actor, release_id: str, run_ids: list[str]) -> ReleaseRecord:
        require(actor, "release")
        with self.store.registry.transaction(actor) as tx:
            release = self._get(tx, release_id)
            if release.state not in ("draft", "pending"):
                raise ReleaseStateError(f"Release {release_id} is {release.state}; runs attach before promotion.")
            for run_id in run_ids:
                if tx.eval_run(run_id) is None:
                    raise NotFoundError(f"No eval run with id '{run_id}'.")
            runs = list(dict.fromkeys([*release.eval_runs, *run_ids]))
            tx.update_release(release_id, eval_runs=runs)
            tx.audit("release.attach_eval", self._target(release), before={"eval_runs": release.eval_runs},
                     after={"eval_runs": runs}, links={"release_id": release_id})
            return self._get(tx, release_id)

    def decide(self, actor: Actor, release_id: str, decision: str, comment: str | None = None) -> ReleaseRecord:
        """Approve or reject. Never by the release's author; once per key."""
        require(actor, "approve")
        if decision not in ("approve", "reject"):
            raise UnprocessableError("decision: must be approve or reject", param="decision")
        if decision == "reject":
            comment = _reason(comment, "a rejection")
        with self.store.registry.transaction(actor) as tx:
            release = self._get(tx, release_id)
            if release.state not in ("draft", "pending"):
                raise ReleaseStateError(f"Release {release_id} is {release.state}; only a pending release can be "
                                        f"{decision}d.")
            if _is_author(actor, release):
                raise SelfApprovalError(f"'{actor.name}' created release {release_id} and cannot {decision} it; "
                                        "another holder of the role must.")
            if any(a.approver == (actor.key_id or actor.name) for a in release.approvals):
                raise ConflictError(f"'{actor.name}' has already decided on release {release_id}.")
            tx.add_approval(release_id, ApprovalRecord(approver=actor.key_id or actor.name,
                                                        approver_name=actor.name, role=actor.role,
                                                        decision=decision, comment=comment))  # type: ignore[arg-type]
            if decision == "reject":
                tx.update_release(release_id, state="rejected", outcome=comment)
            tx.audit(f"release.{decision}", self._target(release), reason=comment,
                     after={"state": "rejected" if decision == "reject" else release.state},
                     links={"release_id": release_id})
            return self._get(tx, release_id)

    def promote(self, actor: Actor, release_id: str, reason: str | None = None) -> ReleaseRecord:
        """pending → canary (when it has a canary weight) or promoted; canary → promoted."""
        require(actor, "release")
        with self.store.registry.transaction(actor) as tx:
            release = self._get(tx, release_id)
            target = self._target(release)
            before = _label_view(tx, release.kind, release.artifact_name, release.label)
            current = before["version"] if before else None
            if release.state == "pending":
                unmet = unmet_gates(tx, release)
                if unmet:
                    raise GatesNotMetError(f"Release {release_id} cannot be promoted; unmet gates: "
                                           + "; ".join(unmet), unmet=unmet)
                if current != release.from_version:
                    raise ConflictError(f"The label moved to version {current} since release {release_id} was "
                                        "created; create a new release.")
                if release.canary_weight and current is not None:
                    tx.put_label(release.artifact_id, release.label, current, canary_version=release.to_version,
                                 canary_weight=release.canary_weight, canary_release_id=release.id)
                    tx.update_release(release_id, state="canary", canary_started_at=utcnow())
                    action = "release.canary"
                else:
                    tx.put_label(release.artifact_id, release.label, release.to_version)
                    tx.update_release(release_id, state="promoted", outcome=reason)
                    action = "release.promote"
            elif release.state == "canary":
                tx.put_label(release.artifact_id, release.label, release.to_version)
                tx.update_release(release_id, state="promoted", outcome=reason)
                action = "release.promote"
            else:
                raise ReleaseStateError(f"Release {release_id} is {release.state}; only pending or canary "
                                        "releases can be promoted.")
            tx.audit(action, target, before=before,
                     after=_label_view(tx, release.kind, release.artifact_name, release.label), reason=reason,
                     links={"release_id": release_id})
            return self._get(tx, release_id)

    def rollback(self, actor: Actor, release_id: str, reason: str | None, *, auto: bool = False) -> ReleaseRecord:
        """A canary: stop it (the label keeps its stable version). A promoted release: the label goes back
        to the version it had before (the last good one)."""
        if not auto:
            require(actor, "release")
        why = _reason(reason, "a rollback")
        with self.store.registry.transaction(actor) as tx:
            release = self._get(tx, release_id)
            return self._rollback(tx, release, why, auto=auto)

    def rollback_label(self, actor: Actor, kind: ArtifactKind, name: str, label: str,
                       reason: str | None) -> ReleaseRecord:
        """Roll back whatever last changed ``label``: its running canary, else its last promotion."""
        require(actor, "release")
        why = _reason(reason, "a rollback")
        with self.store.registry.transaction(actor) as tx:
            current = tx.label(kind, name, label)
            if current is None:
                raise NotFoundError(f"The {kind} '{name}' has no label '{label}'.")
            if current.canary_release_id is not None:
                return self._rollback(tx, self._get(tx, current.canary_release_id), why, auto=False)
            promoted = [r for r in tx.releases(kind=kind, name=name, label=label, state="promoted")
                        if r.to_version == current.version]
            if not promoted:
                raise ConflictError(f"No promoted release put '{name}@{label}' on version {current.version}; "
                                    "nothing to roll back to.")
            return self._rollback(tx, promoted[0], why, auto=False)

    def _rollback(self, tx: RegistryTx, release: ReleaseRecord, why: str, *, auto: bool) -> ReleaseRecord:
        before = _label_view(tx, release.kind, release.artifact_name, release.label)
        if release.state == "canary":
            assert before is not None
            tx.put_label(release.artifact_id, release.label, before["version"])
        elif release.state == "promoted":
            if before is not None and before["canary_release_id"] is not None:
                raise ConflictError(f"Release {before['canary_release_id']} is running a canary on "
                                    f"'{release.label}'; roll that canary back first.")
            if before is None or before["version"] != release.to_version:
                raise ConflictError(f"The label '{release.label}' no longer points at version {release.to_version} "
                                    f"of release {release.id}; roll back the newer release instead.")
            if release.from_version is None:
                raise ConflictError(f"Release {release.id} was the first on '{release.label}'; there is no earlier "
                                    "version to roll back to (use a kill switch).")
            tx.put_label(release.artifact_id, release.label, release.from_version)
        else:
            raise ReleaseStateError(f"Release {release.id} is {release.state}; only canary or promoted releases "
                                    "can be rolled back.")
        tx.update_release(release.id, state="rolled_back", outcome=why)
        tx.audit("release.auto_rollback" if auto else "release.rollback", self._target(release), before=before,
                 after=_label_view(tx, release.kind, release.artifact_name, release.label), reason=why,
                 links={"release_id": release.id})
        return self._get(tx, release.id)

    def check_canaries(self) -> list[ReleaseRecord]:
        """Judge every running canary on the request log; roll back those that breach their policy."""
        with self.store.registry.read() as reads:
            running = reads.releases(state="canary", limit=1000)
        rolled: list[ReleaseRecord] = []
        for release in running:
            policy = LabelPolicy.model_validate(release.policy).canary or CanaryPolicy()
            since: datetime | None = release.canary_started_at
            outcomes = self.store.requests.variant_outcomes(release.id, since=since)
            breach = judge_canary(outcomes, policy)
            if breach is None:
                continue
            with self.store.registry.transaction(SYSTEM) as tx:
                fresh = self._get(tx, release.id)
                if fresh.state != "canary":  # another replica was first
                    continue
                rolled.append(self._rollback(tx, fresh, f"automatic rollback: {breach}", auto=True))
        return rolled

    @staticmethod
    def _target(release: ReleaseRecord) -> str:
        return f"{release.kind}:{release.artifact_name}@{release.label}"
