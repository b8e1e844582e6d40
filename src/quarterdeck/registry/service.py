"""Registry operations other than releases: push artifacts, policies, eval runs, kill switches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quarterdeck.errors import ConflictError, NotFoundError, UnprocessableError
from quarterdeck.registry.artifacts import check_name, content_digest, validate_content
from quarterdeck.registry.policy import validate_policy
from quarterdeck.registry.roles import require
from quarterdeck.registry.templates import PROMPT_PREFIX, parse_prompt_ref
from quarterdeck.store import (
    Actor,
    ArtifactKind,
    EvalRunRecord,
    KillSwitchRecord,
    Store,
    VersionRecord,
)

__all__ = ["PushResult", "Registry", "kill_target"]


@dataclass(frozen=True, slots=True)
class PushResult:
    version: VersionRecord
    created: bool
    policy_changed: bool


def kill_target(target: str) -> str:
    """``prompt:NAME`` or ``model:NAME`` (a prompt reference's label or version is dropped)."""
    if target.startswith(PROMPT_PREFIX):
        return f"prompt:{parse_prompt_ref(target).name}"
    if target.startswith("model:") and len(target) > len("model:"):
        return target
    raise UnprocessableError(f"target: write prompt:NAME or model:NAME (got {target!r})", param="target")


def _reason(reason: str | None) -> str:
    if reason is None or not reason.strip():
        raise UnprocessableError("reason: a reason is required for this change", param="reason")
    return reason.strip()


class Registry:
    def __init__(self, store: Store) -> None:
        self.store = store

    def push(self, actor: Actor, kind: ArtifactKind, name: str, content: Any,
             policy: Any = None, message: str | None = None) -> PushResult:
        """Store ``content`` as a version of the artifact: a new version only when the content is new.
        A ``policy`` different from the stored one needs the policy permission (admins)."""
        require(actor, "push")
        normal = validate_content(kind, name, content)
        digest = content_digest(normal)
        new_policy = validate_policy(policy) if policy is not None else None
        with self.store.registry.read() as reads:  # nothing new: answer without a write (the epoch stays)
            artifact_now = reads.artifact(kind, name)
            if artifact_now is not None and (new_policy is None or new_policy == artifact_now.policy):
                same = reads.version_by_digest(kind, name, digest)
                if same is not None:
                    return PushResult(same, False, False)
        with self.store.registry.transaction(actor) as tx:
            artifact, _ = tx.ensure_artifact(kind, name)
            policy_changed = new_policy is not None and new_policy != artifact.policy
            if policy_changed:
                require(actor, "policy")
                tx.set_policy(artifact.id, new_policy)
                tx.audit("artifact.policy", f"{kind}:{name}", before=artifact.policy, after=new_policy,
                         reason=message, links={"artifact_id": artifact.id})
            version, created = tx.add_version(artifact, digest, normal)
            if created:
                tx.audit("artifact.push", f"{kind}:{name}", after={"version": version.number, "digest": digest},
                         reason=message, links={"artifact_id": artifact.id, "version_id": version.id})
        return PushResult(version, created, policy_changed)

    def set_policy(self, actor: Actor, kind: ArtifactKind, name: str, policy: Any, reason: str | None) -> None:
        require(actor, "policy")
        normal = validate_policy(policy) if policy is not None else None
        with self.store.registry.transaction(actor) as tx:
            artifact = tx.artifact(kind, name)
            if artifact is None:
                raise NotFoundError(f"No {kind} named '{name}'.")
            tx.set_policy(artifact.id, normal)
            tx.audit("artifact.policy", f"{kind}:{name}", before=artifact.policy, after=normal,
                     reason=_reason(reason), links={"artifact_id": artifact.id})

    def record_eval_run(self, actor: Actor, suite: str, target: str, metrics: dict[str, float],
                        details: dict[str, Any] | None = None) -> EvalRunRecord:
        require(actor, "record_eval")
        record = EvalRunRecord(suite=suite, target=target, metrics=metrics, details=details, created_by=actor.name)
        with self.store.registry.transaction(actor) as tx:
            tx.insert_eval_run(record)
            tx.audit("eval_run.record", f"eval:{suite}", after={"target": target, "metrics": metrics},
                     links={"eval_run_id": record.id})
        return record

    def kill(self, actor: Actor, target: str, reason: str | None, fallback: str | None = None) -> KillSwitchRecord:
        require(actor, "kill")
        target = kill_target(target)
        why = _reason(reason)
        if fallback is not None:
            if target.startswith("prompt:"):
                if not fallback.startswith(PROMPT_PREFIX):
                    raise UnprocessableError("fallback: a prompt's fallback is another prompt reference "
                                             "(prompt:NAME:VERSION or prompt:NAME@LABEL)", param="fallback")
                if parse_prompt_ref(fallback).name == target[len("prompt:"):]:
                    raise UnprocessableError("fallback: must be a different prompt than the one switched off "
                                             "(to pin an older version, roll back instead)", param="fallback")
            elif fallback.startswith(PROMPT_PREFIX) or fallback == target[len("model:"):] or not fallback:
                raise UnprocessableError("fallback: a model's fallback is another model name", param="fallback")
        record = KillSwitchRecord(target=target, fallback=fallback, reason=why, created_by=actor.name)
        with self.store.registry.transaction(actor) as tx:
            if target.startswith("prompt:"):
                name = target[len("prompt:"):]
                check_name("prompt", name)
                if tx.artifact("prompt", name) is None:
                    raise NotFoundError(f"No prompt named '{name}'.")
            before = next((k for k in tx.kill_switches() if k.target == target), None)
            tx.put_kill(record)
            tx.audit("kill.on", target, before=None if before is None else {"fallback": before.fallback},
                     after={"fallback": fallback}, reason=why)
        return record

    def unkill(self, actor: Actor, target: str, reason: str | None) -> None:
        require(actor, "kill")
        target = kill_target(target)
        why = _reason(reason)
        with self.store.registry.transaction(actor) as tx:
            before = next((k for k in tx.kill_switches() if k.target == target), None)
            if before is None:
                raise ConflictError(f"No kill switch is on for '{target}'.")
            tx.delete_kill(target)
            tx.audit("kill.off", target, before={"fallback": before.fallback, "reason": before.reason}, reason=why)
