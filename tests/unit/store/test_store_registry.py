"""The registry below the HTTP layer, on SQLite and PostgreSQL: versions, labels, governed releases,
canary judgement from the request log, the hash-chained audit log, the epoch and serialised writers."""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from quarterdeck.errors import (
    ConflictError,
    GatesNotMetError,
    NotFoundError,
    QuarterdeckError,
    ReleaseStateError,
    RoleRequiredError,
    SelfApprovalError,
    UnprocessableError,
)
from quarterdeck.registry import Registry, Releases, content_digest, load_view, parse_prompt_ref, validate_content
from quarterdeck.store import Actor, AuditRecord, LabelRecord, ReleaseRecord, RequestRecord, Store
from quarterdeck.store.audit import event_hash

ADMIN = Actor("k-admin", "admin-key", "admin")
RELEASER = Actor("k-rel", "rel-author", "releaser")
RELEASER2 = Actor("k-rel2", "rel-other", "releaser")
APPROVER1 = Actor("k-ap1", "approver-1", "approver")
APPROVER2 = Actor("k-ap2", "approver-2", "approver")
VIEWER = Actor("k-view", "viewer", "viewer")

NAME = "support-reply"
TARGET = f"prompt:{NAME}"
LABEL_TARGET = f"prompt:{NAME}@production"


def prompt(tag: str) -> dict[str, Any]:
    return {
        "model": "gpt",
        "messages": [
            {"role": "system", "content": "You answer questions about {{product}}."},
            {"role": "user", "content": tag + ": {{question}}"},
        ],
        "params": {"temperature": 0.2},
    }


@pytest.fixture
def registry(store: Store) -> Registry:
    return Registry(store)


@pytest.fixture
def releases(store: Store) -> Releases:
    return Releases(store)


def events(store: Store) -> list[AuditRecord]:
    return store.audit.list(limit=10_000)


def actions(store: Store) -> list[str]:
    return [e.action for e in events(store)]


def label_of(store: Store, name: str = NAME, label: str = "production") -> LabelRecord | None:
    with store.registry.read() as reads:
        return reads.label("prompt", name, label)


def release_of(store: Store, release_id: str) -> ReleaseRecord:
    with store.registry.read() as reads:
        found = reads.release(release_id)
    assert found is not None
    return found


def unchanged(store: Store, call: Callable[[], Any], error: type[QuarterdeckError]) -> QuarterdeckError:
    """``call`` raises ``error`` and leaves no trace: no audit event, the epoch where it was."""
    epoch, seq = store.registry.epoch(), len(events(store))
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert store.registry.epoch() == epoch
    assert len(events(store)) == seq
    assert store.audit.verify().ok
    return caught.value


def promoted(registry: Registry, releases: Releases, tag: str, label: str = "staging",
             name: str = NAME) -> ReleaseRecord:
    """Push ``tag`` and move ``label`` (no gates by default) to it."""
    version = registry.push(RELEASER, "prompt", name, prompt(tag)).version.number
    release = releases.create(RELEASER, "prompt", name, label, version=version, reason=f"ship {tag}")
    return releases.promote(RELEASER, release.id)


# --- versions and labels ----------------------------------------------------------------------------------


def test_pushing_the_same_content_twice_makes_one_version(store: Store, registry: Registry) -> None:
    first = registry.push(RELEASER, "prompt", NAME, prompt("v1"), message="first")
    assert first.created and not first.policy_changed
    assert first.version.number == 1 and first.version.created_by == "rel-author"
    assert first.version.digest == content_digest(validate_content("prompt", NAME, prompt("v1")))
    assert first.version.content == validate_content("prompt", NAME, prompt("v1"))

    # the same meaning: keys in another order, defaults written out
    same = {"params": {"temperature": 0.2}, "description": None, "tools": None, **prompt("v1")}
    second = registry.push(RELEASER2, "prompt", NAME, dict(reversed(list(same.items()))))
    assert not second.created
    assert (second.version.id, second.version.number, second.version.digest) == (
        first.version.id, 1, first.version.digest)
    assert second.version.created_by == "rel-author"  # the original version, unchanged
    with store.registry.read() as reads:
        assert [v.number for v in reads.versions("prompt", NAME)] == [1]
    assert actions(store) == ["artifact.push"]
    push = events(store)[0]
    assert (push.target, push.reason, push.actor_key_id, push.actor_role) == (TARGET, "first", "k-rel", "releaser")
    assert push.after == {"version": 1, "digest": first.version.digest}
    assert push.links == {"artifact_id": first.version.artifact_id, "version_id": first.version.id}


def test_versions_are_numbered_per_artifact(store: Store, registry: Registry) -> None:
    numbers = [registry.push(RELEASER, "prompt", NAME, prompt(f"v{i}")).version.number for i in range(1, 4)]
    assert numbers == [1, 2, 3]
    assert registry.push(RELEASER, "prompt", NAME, prompt("v2")).version.number == 2  # old content: old version
    assert registry.push(RELEASER, "prompt", "other", prompt("v1")).version.number == 1
    assert registry.push(RELEASER, "dataset", NAME, {"rows": [{"q": 1}]}).version.number == 1  # kinds are apart
    assert registry.push(RELEASER, "prompt", NAME, prompt("v4")).version.number == 4
    with store.registry.read() as reads:
        assert [v.number for v in reads.versions("prompt", NAME)] == [1, 2, 3, 4]
        newest = reads.version("prompt", NAME)
        assert newest is not None and newest.number == 4
        second = reads.version("prompt", NAME, 2)
        assert second is not None and second.content["messages"][1]["content"] == "v2: {{question}}"
        assert reads.version("prompt", NAME, 9) is None
        assert reads.version("prompt", "ghost") is None
        assert [(a.kind, a.name) for a in reads.artifacts()] == [
            ("dataset", NAME), ("prompt", "other"), ("prompt", NAME)]
    assert actions(store) == ["artifact.push"] * 6
    assert store.audit.verify().ok


def test_push_checks_roles_and_content(store: Store, registry: Registry) -> None:
    for actor in (VIEWER, APPROVER1):
        error = unchanged(store, lambda a=actor: registry.push(a, "prompt", NAME, prompt("v1")), RoleRequiredError)
        assert "push artifacts" in error.message and "admin, releaser" in error.message
    unchanged(store, lambda: registry.push(RELEASER, "prompt", NAME, {**prompt("v1"), "x": 1}), UnprocessableError)
    unchanged(store, lambda: registry.push(RELEASER, "prompt", "bad name", prompt("v1")), UnprocessableError)
    # a releaser may push content but not a policy; the refused push leaves nothing behind, not even the artifact
    error = unchanged(store, lambda: registry.push(RELEASER, "prompt", NAME, prompt("v1"),
                                                   policy={"production": {}}), RoleRequiredError)
    assert "change release policies" in error.message
    with store.registry.read() as reads:
        assert reads.artifact("prompt", NAME) is None


def test_policy_is_set_by_admins_only_and_audited(store: Store, registry: Registry) -> None:
    policy = {"production": {"approvals": {"count": 2}}}
    pushed = registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy=policy, message="with policy")
    assert pushed.policy_changed
    # the same policy again is no change, so a releaser may push along with it
    again = registry.push(RELEASER, "prompt", NAME, prompt("v2"), policy=policy)
    assert again.created and not again.policy_changed
    unchanged(store, lambda: registry.set_policy(RELEASER, "prompt", NAME, None, "drop it"), RoleRequiredError)
    unchanged(store, lambda: registry.set_policy(ADMIN, "prompt", NAME, None, " "), UnprocessableError)
    unchanged(store, lambda: registry.set_policy(ADMIN, "prompt", "ghost", None, "r"), NotFoundError)
    registry.set_policy(ADMIN, "prompt", NAME, {"*": {}}, "relax")
    with store.registry.read() as reads:
        artifact = reads.artifact("prompt", NAME)
    assert artifact is not None and artifact.policy is not None and list(artifact.policy) == ["*"]
    assert actions(store) == ["artifact.policy", "artifact.push", "artifact.push", "artifact.policy"]
    last = events(store)[-1]
    assert last.before == {"production": {"approvals": {"count": 2, "role": "approver"}, "evals": [],
                                          "risk_tier": "low", "canary": None}}
    assert last.reason == "relax" and last.actor_role == "admin"


def test_labels_move_only_through_releases(store: Store, registry: Registry, releases: Releases) -> None:
    assert label_of(store, label="staging") is None
    release = promoted(registry, releases, "v1")
    assert release.state == "promoted" and release.from_version is None and release.to_version == 1
    staging = label_of(store, label="staging")
    assert staging is not None
    assert (staging.version, staging.canary_version, staging.updated_by) == (1, None, "rel-author")
    promoted(registry, releases, "v2")
    promoted(registry, releases, "v3", label="dev")
    with store.registry.read() as reads:
        labels = [(r.artifact_name, r.name, r.version) for r in reads.labels("prompt", NAME)]
        assert reads.label("prompt", NAME, "production") is None
    assert labels == [(NAME, "dev", 3), (NAME, "staging", 2)]


def test_release_labels_must_be_addressable_by_prompt_references(store: Store, registry: Registry,
                                                                  releases: Releases) -> None:
    """A label the gateway's prompt:NAME@LABEL can never name must be refused when it is created."""
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    accepted = []
    for label in ("", "has space", "a/b", "x" * 101, "prödüction", "ステージ", "...", "a@b", "prod\n"):
        try:
            releases.create(RELEASER, "prompt", NAME, label, version=1, reason="r")
        except UnprocessableError as exc:
            assert exc.param == "label"
        else:
            accepted.append(label)
    assert accepted == []  # each of these is a label that no prompt:NAME@LABEL reference can name
    for label in ("production", "staging-eu", "v1.2_rc", "-x"):
        assert releases.create(RELEASER, "prompt", NAME, label, version=1, reason="r").label == label
        assert parse_prompt_ref(f"prompt:{NAME}@{label}").label == label


# --- the release lifecycle ----------------------------------------------------------------------------------

GATED = {
    "production": {
        "approvals": {"count": 2, "role": "approver"},
        "evals": [{"suite": "quality", "metric": "pass_rate", "min": 0.9}],
        "risk_tier": "high",
        "canary": {"weight": 0.2, "min_requests": 10},
    },
}


def test_full_release_lifecycle(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy=GATED)

    first = releases.create(RELEASER, "prompt", NAME, "production", version=None, reason="ship v1")
    assert (first.state, first.from_version, first.to_version) == ("pending", None, 1)
    assert first.canary_weight is None  # nothing stable to compare a canary with
    assert first.policy["approvals"] == {"count": 2, "role": "approver"}  # the policy is copied in
    assert (first.author, first.author_key_id, first.reason) == ("rel-author", "k-rel", "ship v1")

    error = unchanged(store, lambda: releases.promote(RELEASER, first.id), GatesNotMetError)
    assert isinstance(error, GatesNotMetError)
    assert error.unmet == ["approvals: 0 of 2 required from the role 'approver'",
                           "eval quality: no completed run of this suite on prompt:support-reply:1 is attached"]

    run = registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:1", {"pass_rate": 0.95})
    assert releases.attach_eval_runs(RELEASER, first.id, [run.id]).eval_runs == [run.id]
    assert releases.decide(APPROVER1, first.id, "approve", "lgtm").state == "pending"
    error = unchanged(store, lambda: releases.promote(RELEASER, first.id), GatesNotMetError)
    assert isinstance(error, GatesNotMetError)
    assert error.unmet == ["approvals: 1 of 2 required from the role 'approver'"]
    approved = releases.decide(APPROVER2, first.id, "approve")
    assert [(a.approver, a.approver_name, a.decision) for a in approved.approvals] == [
        ("k-ap1", "approver-1", "approve"), ("k-ap2", "approver-2", "approve")]
    done = releases.promote(RELEASER2, first.id, "go")  # any releaser may promote
    assert (done.state, done.outcome) == ("promoted", "go")
    label = label_of(store)
    assert label is not None and (label.version, label.canary_version) == (1, None)

    # the second release goes through a canary (risk tier high; the weight comes from the policy)
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    run2 = registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:2", {"pass_rate": 0.91})
    second = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="ship v2",
                             eval_runs=[run2.id])
    assert (second.from_version, second.to_version, second.canary_weight) == (1, 2, 0.2)
    for approver in (APPROVER1, APPROVER2):
        releases.decide(approver, second.id, "approve")
    canary = releases.promote(RELEASER, second.id)
    assert canary.state == "canary" and canary.canary_started_at is not None
    label = label_of(store)
    assert label is not None
    assert (label.version, label.canary_version, label.canary_weight, label.canary_release_id) == (
        1, 2, 0.2, second.id)
    assert releases.promote(RELEASER, second.id).state == "promoted"
    label = label_of(store)
    assert label is not None and (label.version, label.canary_version, label.canary_release_id) == (2, None, None)

    rolled = releases.rollback(RELEASER, second.id, "  wrong tone  ")
    assert (rolled.state, rolled.outcome) == ("rolled_back", "wrong tone")
    label = label_of(store)
    assert label is not None and label.version == 1  # back on the version it replaced

    assert actions(store) == [
        "artifact.policy", "artifact.push",
        "release.create", "eval_run.record", "release.attach_eval", "release.approve", "release.approve",
        "release.promote",
        "artifact.push", "eval_run.record", "release.create", "release.approve", "release.approve",
        "release.canary", "release.promote", "release.rollback",
    ]
    trail = events(store)
    assert [e.seq for e in trail] == list(range(1, len(trail) + 1))
    promote_event = trail[7]
    assert (promote_event.target, promote_event.actor_name, promote_event.reason) == (LABEL_TARGET, "rel-other", "go")
    assert promote_event.before is None and promote_event.after["version"] == 1
    assert promote_event.links == {"release_id": first.id}
    assert trail[13].after == {"version": 1, "canary_version": 2, "canary_weight": 0.2,
                               "canary_release_id": second.id}
    assert (trail[-1].before["version"], trail[-1].after["version"], trail[-1].reason) == (2, 1, "wrong tone")
    assert store.audit.verify().ok


def test_an_eval_run_attached_twice_is_kept_once(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    run = registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:1", {"pass_rate": 0.95})
    other = registry.record_eval_run(RELEASER, "safety", "prompt:support-reply:1", {"violations": 0})
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r", eval_runs=[run.id])
    assert releases.attach_eval_runs(RELEASER, release.id, [run.id]).eval_runs == [run.id]
    assert releases.attach_eval_runs(RELEASER, release.id, [other.id, other.id]).eval_runs == [run.id, other.id]
    with_duplicates = releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r",
                                      eval_runs=[run.id, run.id])
    assert with_duplicates.eval_runs == [run.id]


def test_a_draft_is_submitted_before_promotion(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    draft = releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r", draft=True)
    assert draft.state == "draft"
    unchanged(store, lambda: releases.promote(RELEASER, draft.id), ReleaseStateError)
    assert releases.submit(RELEASER, draft.id).state == "pending"
    unchanged(store, lambda: releases.submit(RELEASER, draft.id), ReleaseStateError)
    assert releases.promote(RELEASER, draft.id).state == "promoted"
    assert actions(store)[-3:] == ["release.create", "release.submit", "release.promote"]


def test_reject_closes_the_release(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    unchanged(store, lambda: releases.decide(APPROVER1, release.id, "reject"), UnprocessableError)  # needs a reason
    unchanged(store, lambda: releases.decide(APPROVER1, release.id, "maybe"), UnprocessableError)
    rejected = releases.decide(APPROVER1, release.id, "reject", "too risky")
    assert (rejected.state, rejected.outcome) == ("rejected", "too risky")
    unchanged(store, lambda: releases.promote(RELEASER, release.id), ReleaseStateError)
    unchanged(store, lambda: releases.decide(APPROVER2, release.id, "approve"), ReleaseStateError)
    assert label_of(store) is None
    # the label is free for a new release
    assert releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="again").state == "pending"


def test_the_author_can_never_approve_or_reject_their_own_release(store: Store, registry: Registry,
                                                                 releases: Releases) -> None:
    registry.push(ADMIN, "prompt", NAME, prompt("v1"))
    release = releases.create(ADMIN, "prompt", NAME, "production", version=1, reason="r")
    error = unchanged(store, lambda: releases.decide(ADMIN, release.id, "approve"), SelfApprovalError)
    assert error.code == "self_approval" and "admin-key" in error.message
    unchanged(store, lambda: releases.decide(ADMIN, release.id, "reject", "no"), SelfApprovalError)
    # the same key under another name or role is still the author
    same_key = Actor("k-admin", "renamed", "approver")
    unchanged(store, lambda: releases.decide(same_key, release.id, "approve"), SelfApprovalError)
    # config admins have no key id: they are told apart by name
    config_admin = Actor(None, "root", "admin")
    registry.push(ADMIN, "prompt", "other", prompt("v1"))
    theirs = releases.create(config_admin, "prompt", "other", "production", version=1, reason="r")
    unchanged(store, lambda: releases.decide(config_admin, theirs.id, "approve"), SelfApprovalError)
    assert releases.decide(Actor(None, "another-root", "admin"), theirs.id, "approve").approvals[0].approver == (
        "another-root")
    assert releases.decide(APPROVER1, release.id, "approve").approvals[0].approver == "k-ap1"
    # once per key
    unchanged(store, lambda: releases.decide(APPROVER1, release.id, "approve"), ConflictError)
    unchanged(store, lambda: releases.decide(APPROVER1, release.id, "reject", "changed my mind"), ConflictError)


def test_roles_are_checked_on_every_step(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    refused: list[Callable[[], Any]] = [
        lambda: releases.decide(VIEWER, release.id, "approve"),
        lambda: releases.decide(RELEASER2, release.id, "approve"),
        lambda: releases.create(APPROVER1, "prompt", NAME, "staging", version=1, reason="r"),
        lambda: releases.create(VIEWER, "prompt", NAME, "staging", version=1, reason="r"),
        lambda: releases.promote(APPROVER1, release.id),
        lambda: releases.submit(VIEWER, release.id),
        lambda: releases.attach_eval_runs(APPROVER1, release.id, []),
        lambda: releases.rollback(APPROVER1, release.id, "r"),
        lambda: releases.rollback_label(VIEWER, "prompt", NAME, "production", "r"),
        lambda: registry.record_eval_run(APPROVER1, "s", "prompt:x:1", {"m": 1.0}),
        lambda: registry.kill(VIEWER, TARGET, "r"),
        lambda: registry.unkill(APPROVER1, TARGET, "r"),
        lambda: registry.set_policy(APPROVER1, "prompt", NAME, None, "r"),
    ]
    for call in refused:
        error = unchanged(store, call, RoleRequiredError)
        assert error.code == "role_required" and error.status == 403
    error = unchanged(store, lambda: releases.decide(VIEWER, release.id, "approve"), RoleRequiredError)
    assert error.message == ("The key 'viewer' has the role 'viewer'; to approve or reject releases it needs one "
                             "of: admin, approver.")
    # admins may do everything, including approving someone else's release
    assert releases.decide(ADMIN, release.id, "approve").approvals[0].role == "admin"
    assert releases.promote(ADMIN, release.id).state == "promoted"


def test_gates_not_met_lists_every_unmet_gate(store: Store, registry: Registry, releases: Releases) -> None:
    policy = {"production": {
        "approvals": {"count": 1, "role": "admin"},
        "evals": [{"suite": "quality", "metric": "pass_rate", "min": 0.9},
                  {"suite": "safety", "metric": "violations", "max": 0},
                  {"suite": "latency", "metric": "p95_ms", "max": 800},
                  {"suite": "cost", "metric": "usd", "max": 1}],
        "risk_tier": "high",
    }}
    registry.push(ADMIN, "prompt", NAME, prompt("v1"))
    first = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    releases.decide(APPROVER1, first.id, "approve")
    releases.promote(RELEASER, first.id)  # the default policy: one approver
    registry.set_policy(ADMIN, "prompt", NAME, policy, "tighten")
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))

    runs = [
        registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:2", {"pass_rate": 0.5}),
        registry.record_eval_run(RELEASER, "safety", "prompt:support-reply:2", {"violations": 3}),
        registry.record_eval_run(RELEASER, "latency", "prompt:support-reply:2", {"p50_ms": 100}),
        registry.record_eval_run(RELEASER, "cost", "prompt:support-reply:1", {"usd": 0.1}),  # the wrong version
    ]
    release = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r",
                              eval_runs=[r.id for r in runs])
    assert release.canary_weight is None  # the policy declares no canary
    releases.decide(APPROVER1, release.id, "approve")  # an approver does not count for an admin gate
    error = unchanged(store, lambda: releases.promote(RELEASER, release.id), GatesNotMetError)
    assert isinstance(error, GatesNotMetError)
    quality, safety, latency = runs[0].id, runs[1].id, runs[2].id
    assert error.unmet == [
        "approvals: 0 of 1 required from the role 'admin'",
        f"eval quality: pass_rate = 0.5 in run {quality} is below 0.9",
        f"eval safety: violations = 3 in run {safety} is above 0",
        f"eval latency: run {latency} has no metric 'p95_ms'",
        "eval cost: no completed run of this suite on prompt:support-reply:2 is attached",
        "risk tier high: the release must go through a canary (give it a canary weight)",
    ]
    assert error.code == "gates_not_met" and error.status == 409
    for gate in error.unmet:
        assert gate in error.message

    # a newer run of the same suite on the same version is the one judged
    better = [
        registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:2", {"pass_rate": 0.92}),
        registry.record_eval_run(RELEASER, "safety", "prompt:support-reply:2", {"violations": 0}),
        registry.record_eval_run(RELEASER, "latency", "prompt:support-reply:2", {"p95_ms": 700}),
        registry.record_eval_run(RELEASER, "cost", "prompt:support-reply:2", {"usd": 1}),
    ]
    releases.attach_eval_runs(RELEASER, release.id, [r.id for r in better])
    releases.decide(ADMIN, release.id, "approve")
    error = unchanged(store, lambda: releases.promote(RELEASER, release.id), GatesNotMetError)
    assert isinstance(error, GatesNotMetError)
    assert error.unmet == ["risk tier high: the release must go through a canary (give it a canary weight)"]

    # the same release with a canary weight passes every gate
    releases.decide(APPROVER2, release.id, "reject", "needs a canary")
    again = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r", canary_weight=0.3,
                            eval_runs=[r.id for r in better])
    assert again.canary_weight == 0.3
    releases.decide(ADMIN, again.id, "approve")
    assert releases.promote(RELEASER, again.id).state == "canary"


def test_a_release_keeps_the_policy_it_was_created_under(store: Store, registry: Registry,
                                                        releases: Releases) -> None:
    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy={"production": {"approvals": {"count": 2}}})
    strict = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    registry.set_policy(ADMIN, "prompt", NAME, {"production": {}}, "relax")  # relaxing later does not help it
    error = unchanged(store, lambda: releases.promote(RELEASER, strict.id), GatesNotMetError)
    assert isinstance(error, GatesNotMetError) and error.unmet == [
        "approvals: 0 of 2 required from the role 'approver'"]
    releases.decide(APPROVER1, strict.id, "reject", "recreate")
    relaxed = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    assert releases.promote(RELEASER, relaxed.id).state == "promoted"


def test_release_state_errors(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy={"staging": {"canary": {"weight": 0.5}}})
    first = releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r")
    unchanged(store, lambda: releases.rollback(RELEASER, first.id, "r"), ReleaseStateError)  # pending
    releases.promote(RELEASER, first.id)
    unchanged(store, lambda: releases.promote(RELEASER, first.id), ReleaseStateError)
    unchanged(store, lambda: releases.decide(APPROVER1, first.id, "approve"), ReleaseStateError)
    unchanged(store, lambda: releases.attach_eval_runs(RELEASER, first.id, []), ReleaseStateError)
    unchanged(store, lambda: releases.submit(RELEASER, first.id), ReleaseStateError)

    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    second = releases.create(RELEASER, "prompt", NAME, "staging", version=2, reason="r")
    assert releases.promote(RELEASER, second.id).state == "canary"
    unchanged(store, lambda: releases.attach_eval_runs(RELEASER, second.id, []), ReleaseStateError)
    unchanged(store, lambda: releases.decide(APPROVER1, second.id, "approve"), ReleaseStateError)
    assert releases.rollback(RELEASER, second.id, "stop").state == "rolled_back"
    label = label_of(store, label="staging")
    assert label is not None and (label.version, label.canary_version, label.canary_release_id) == (1, None, None)
    unchanged(store, lambda: releases.rollback(RELEASER, second.id, "again"), ReleaseStateError)
    unchanged(store, lambda: releases.promote(RELEASER, second.id), ReleaseStateError)


def test_bad_release_requests(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))

    def create(**kwargs: Any) -> Callable[[], Any]:
        args: dict[str, Any] = {"version": 1, "reason": "r"} | kwargs
        return lambda: releases.create(RELEASER, "prompt", args.pop("name", NAME), args.pop("label", "staging"),
                                       **args)

    unchanged(store, create(reason=None), UnprocessableError)
    unchanged(store, create(reason="  "), UnprocessableError)
    unchanged(store, create(canary_weight=1.0), UnprocessableError)
    unchanged(store, create(canary_weight=0), UnprocessableError)
    unchanged(store, create(name="ghost"), NotFoundError)
    unchanged(store, create(version=9), NotFoundError)
    unchanged(store, create(eval_runs=["run_nope"]), NotFoundError)
    unchanged(store, lambda: releases.promote(RELEASER, "rel_nope"), NotFoundError)
    unchanged(store, lambda: releases.rollback(RELEASER, "rel_nope", "r"), NotFoundError)
    unchanged(store, lambda: releases.rollback_label(RELEASER, "prompt", NAME, "staging", "r"), NotFoundError)
    with pytest.raises(NotFoundError):
        releases.get("rel_nope")
    release = releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r")
    unchanged(store, lambda: releases.attach_eval_runs(RELEASER, release.id, ["run_nope"]), NotFoundError)
    unchanged(store, lambda: releases.rollback(RELEASER, release.id, None), UnprocessableError)
    assert releases.get(release.id).id == release.id


def test_one_open_release_per_label(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    open_ = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    error = unchanged(store, lambda: releases.create(RELEASER2, "prompt", NAME, "production", version=2,
                                                     reason="r"), ConflictError)
    assert open_.id in error.message and "pending" in error.message
    # a draft is open too; other labels and other artifacts are independent
    assert releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r", draft=True).state == "draft"
    unchanged(store, lambda: releases.create(RELEASER, "prompt", NAME, "staging", version=2, reason="r"),
              ConflictError)
    registry.push(RELEASER, "prompt", "other", prompt("v1"))
    releases.create(RELEASER, "prompt", "other", "production", version=1, reason="r")
    # once the open release is promoted, the label is free again
    releases.decide(APPROVER1, open_.id, "approve")
    releases.promote(RELEASER, open_.id)
    error = unchanged(store, lambda: releases.create(RELEASER, "prompt", NAME, "production", version=1,
                                                     reason="r"), ConflictError)
    assert "already points at version 1" in error.message
    assert releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r").from_version == 1


def test_a_label_moved_since_creation_refuses_promotion(store: Store, registry: Registry,
                                                         releases: Releases) -> None:
    promoted(registry, releases, "v1")
    second = promoted(registry, releases, "v2")
    registry.push(RELEASER, "prompt", NAME, prompt("v3"))
    third = releases.create(RELEASER, "prompt", NAME, "staging", version=3, reason="r")
    assert third.from_version == 2
    releases.rollback(RELEASER, second.id, "v2 is bad")  # the label goes back to 1 under the open release
    error = unchanged(store, lambda: releases.promote(RELEASER, third.id), ConflictError)
    assert "moved to version 1" in error.message and third.id in error.message
    label = label_of(store, label="staging")
    assert label is not None and label.version == 1


def test_rollback_of_a_promoted_release_goes_back_to_its_from_version(store: Store, registry: Registry,
                                                                       releases: Releases) -> None:
    first = promoted(registry, releases, "v1")
    promoted(registry, releases, "v2")
    third = promoted(registry, releases, "v3")
    assert (third.from_version, third.to_version) == (2, 3)
    rolled = releases.rollback_label(RELEASER, "prompt", NAME, "staging", "v3 is bad")
    assert rolled.id == third.id and rolled.state == "rolled_back"
    label = label_of(store, label="staging")
    assert label is not None and label.version == 2
    # the label's last promotion is now the second release: rolling back the label again goes to 1
    releases.rollback_label(RELEASER, "prompt", NAME, "staging", "v2 is bad too")
    label = label_of(store, label="staging")
    assert label is not None and label.version == 1
    # the first release has nothing before it
    error = unchanged(store, lambda: releases.rollback_label(RELEASER, "prompt", NAME, "staging", "r"),
                      ConflictError)
    assert "was the first" in error.message
    error = unchanged(store, lambda: releases.rollback(RELEASER, first.id, "r"), ConflictError)
    assert "was the first" in error.message and first.id in error.message
    assert release_of(store, first.id).state == "promoted"
    assert actions(store).count("release.rollback") == 2


def test_rollback_of_an_older_release_is_refused_once_the_label_moved_on(store: Store, registry: Registry,
                                                                         releases: Releases) -> None:
    promoted(registry, releases, "v1")
    second = promoted(registry, releases, "v2")
    promoted(registry, releases, "v3")
    error = unchanged(store, lambda: releases.rollback(RELEASER, second.id, "r"), ConflictError)
    assert "no longer points at version 2" in error.message


def test_rolling_back_the_stable_release_under_a_canary_keeps_label_and_releases_in_agreement(
        store: Store, registry: Registry, releases: Releases) -> None:
    """While a newer release's canary runs on the label, rolling back the release that put the stable
    version there must not leave the newer release 'canary' with no canary on the label (and later
    promotable over a label that moved under it)."""
    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy={"staging": {"canary": {"weight": 0.5}}})
    releases.promote(RELEASER, releases.create(RELEASER, "prompt", NAME, "staging", version=1, reason="r").id)
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    second = releases.create(RELEASER, "prompt", NAME, "staging", version=2, reason="r")
    releases.promote(RELEASER, second.id)
    releases.promote(RELEASER, second.id)  # canary → promoted: label on 2
    registry.push(RELEASER, "prompt", NAME, prompt("v3"))
    third = releases.create(RELEASER, "prompt", NAME, "staging", version=3, reason="r")
    assert releases.promote(RELEASER, third.id).state == "canary"  # label: 2, canary 3

    with contextlib.suppress(ConflictError):  # refused while the canary runs (roll the canary back first) ...
        releases.rollback(RELEASER, second.id, "v2 is bad")  # ... or allowed, stopping the canary as well
    label = label_of(store, label="staging")
    assert label is not None
    state = release_of(store, third.id).state
    assert (label.canary_release_id == third.id) == (state == "canary"), (label, state)
    if state != "canary":
        unchanged(store, lambda: releases.promote(RELEASER, third.id), ReleaseStateError)
    assert store.audit.verify().ok


# --- canaries judged from the request log --------------------------------------------------------------------


def canary_release(registry: Registry, releases: Releases, *, min_requests: int = 10) -> ReleaseRecord:
    policy = {"production": {"canary": {"weight": 0.5, "min_requests": min_requests}}}
    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy=policy)
    first = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    releases.promote(RELEASER, first.id)
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    second = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r")
    started = releases.promote(RELEASER, second.id)
    assert started.state == "canary"
    return started


def log_requests(store: Store, release: ReleaseRecord, variant: str, count: int, *, status: int = 200,
                 latency_ms: float = 100.0, start: int = 0) -> None:
    store.requests.insert_many([
        RequestRecord(id=f"req-{release.id}-{variant}-{start + n}", endpoint="chat.completions", public_model="gpt",
                      status_code=status, latency_ms=latency_ms, release_id=release.id, release_variant=variant,
                      prompt_name=NAME, prompt_label="production",
                      prompt_version=str(release.to_version if variant == "canary" else release.from_version))
        for n in range(count)
    ])


def test_a_breaching_canary_is_rolled_back_exactly_once(store: Store, registry: Registry,
                                                         releases: Releases) -> None:
    release = canary_release(registry, releases)
    log_requests(store, release, "stable", 30)
    log_requests(store, release, "canary", 10, status=502)
    epoch = store.registry.epoch()

    rolled = releases.check_canaries()
    assert [r.id for r in rolled] == [release.id]
    assert rolled[0].state == "rolled_back"
    assert rolled[0].outcome == ("automatic rollback: canary error rate 100.0% over 10 requests exceeds stable's "
                                 "0.0% by more than 5.0%")
    assert releases.check_canaries() == []  # a second check (another replica) finds nothing to do
    assert store.registry.epoch() == epoch + 1

    label = label_of(store)
    assert label is not None and (label.version, label.canary_version, label.canary_release_id) == (1, None, None)
    autos = [e for e in events(store) if e.action == "release.auto_rollback"]
    assert len(autos) == 1
    auto = autos[0]
    assert (auto.actor_key_id, auto.actor_name, auto.target) == (None, "system:auto-rollback", LABEL_TARGET)
    assert auto.reason == rolled[0].outcome
    assert auto.before["canary_version"] == 2 and auto.after["canary_version"] is None
    assert actions(store)[-1] == "release.auto_rollback"
    assert store.audit.verify().ok


def test_a_slow_canary_is_rolled_back(store: Store, registry: Registry, releases: Releases) -> None:
    release = canary_release(registry, releases)
    log_requests(store, release, "stable", 20, latency_ms=100.0)
    log_requests(store, release, "canary", 10, latency_ms=450.0)
    rolled = releases.check_canaries()
    assert len(rolled) == 1
    assert rolled[0].outcome == ("automatic rollback: canary p95 latency 450 ms exceeds 2x stable's 100 ms "
                                 "(by more than 50 ms)")


def test_a_healthy_canary_stays(store: Store, registry: Registry, releases: Releases) -> None:
    release = canary_release(registry, releases)
    log_requests(store, release, "stable", 40)
    log_requests(store, release, "canary", 20, latency_ms=120.0)
    log_requests(store, release, "canary", 20, status=429, start=20)  # client errors are not the canary's fault
    epoch = store.registry.epoch()
    assert releases.check_canaries() == []
    assert release_of(store, release.id).state == "canary"
    assert store.registry.epoch() == epoch  # judging is a read


def test_a_canary_is_not_judged_before_min_requests(store: Store, registry: Registry, releases: Releases) -> None:
    release = canary_release(registry, releases, min_requests=10)
    log_requests(store, release, "stable", 50)
    log_requests(store, release, "canary", 9, status=500)
    assert releases.check_canaries() == []
    assert release_of(store, release.id).state == "canary"
    log_requests(store, release, "canary", 1, status=500, start=9)
    assert [r.id for r in releases.check_canaries()] == [release.id]


def test_requests_logged_before_the_canary_started_do_not_count(store: Store, registry: Registry,
                                                                releases: Releases) -> None:
    release = canary_release(registry, releases)
    assert release.canary_started_at is not None
    before = release.canary_started_at - timedelta(minutes=5)
    store.requests.insert_many([
        RequestRecord(id=f"old-{n}", endpoint="chat.completions", public_model="gpt", status_code=500,
                      created_at=before, release_id=release.id, release_variant="canary")
        for n in range(20)
    ])
    assert releases.check_canaries() == []


# --- the audit chain ------------------------------------------------------------------------------------------


def every_operation(store: Store, registry: Registry, releases: Releases) -> list[tuple[str, str]]:
    """Run one of every registry change; the (action, target) each must have appended."""
    expected: list[tuple[str, str]] = []

    def did(action: str, target: str = TARGET) -> None:
        expected.append((action, target))
        assert [(e.action, e.target) for e in events(store)] == expected

    registry.push(ADMIN, "prompt", NAME, prompt("v1"), policy={"production": {"approvals": {"count": 1}}})
    expected.append(("artifact.policy", TARGET))  # a push with a new policy: the policy event, then the push
    did("artifact.push")
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))  # nothing new: no event
    assert [(e.action, e.target) for e in events(store)] == expected
    registry.set_policy(ADMIN, "prompt", NAME, {"production": {"approvals": {"count": 1}}, "*": {}}, "add *")
    did("artifact.policy")
    run = registry.record_eval_run(RELEASER, "quality", "prompt:support-reply:1", {"pass_rate": 1.0})
    did("eval_run.record", "eval:quality")
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r", draft=True)
    did("release.create", LABEL_TARGET)
    releases.submit(RELEASER, release.id)
    did("release.submit", LABEL_TARGET)
    releases.attach_eval_runs(RELEASER, release.id, [run.id])
    did("release.attach_eval", LABEL_TARGET)
    releases.decide(APPROVER1, release.id, "approve")
    did("release.approve", LABEL_TARGET)
    releases.promote(RELEASER, release.id)
    did("release.promote", LABEL_TARGET)
    registry.push(RELEASER, "prompt", NAME, prompt("v2"))
    did("artifact.push")
    rejected = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r")
    did("release.create", LABEL_TARGET)
    releases.decide(APPROVER2, rejected.id, "reject", "no")
    did("release.reject", LABEL_TARGET)
    second = releases.create(RELEASER, "prompt", NAME, "production", version=2, reason="r")
    did("release.create", LABEL_TARGET)
    releases.decide(APPROVER1, second.id, "approve")
    did("release.approve", LABEL_TARGET)
    releases.promote(RELEASER, second.id)
    did("release.promote", LABEL_TARGET)
    releases.rollback(RELEASER, second.id, "bad")
    did("release.rollback", LABEL_TARGET)
    registry.kill(RELEASER, f"{TARGET}@production", "incident", fallback="prompt:backup:1")
    did("kill.on")
    registry.kill(RELEASER, "model:gpt", "provider down")
    did("kill.on", "model:gpt")
    registry.unkill(RELEASER, TARGET, "fixed")
    did("kill.off")
    return expected


def test_every_change_appends_one_chained_event(store: Store, registry: Registry, releases: Releases) -> None:
    expected = every_operation(store, registry, releases)
    trail = events(store)
    assert [e.seq for e in trail] == list(range(1, len(expected) + 1))
    assert trail[0].prev_hash == "0" * 64
    for previous, event in itertools.pairwise(trail):
        assert event.prev_hash == previous.hash
    for event in trail:
        fields = {name: getattr(event, name) for name in AuditRecord.__slots__}
        assert event_hash(fields) == event.hash
    result = store.audit.verify()
    assert result.ok and result.checked == result.head_seq == len(expected)
    assert result.broken_seq is None and result.problem is None
    kill = next(e for e in trail if e.action == "kill.on")
    assert (kill.reason, kill.after) == ("incident", {"fallback": "prompt:backup:1"})
    assert store.audit.list(action="kill.on", limit=10)[1].target == "model:gpt"
    assert [e.seq for e in store.audit.list(after_seq=len(expected) - 2)] == [len(expected) - 1, len(expected)]
    assert store.audit.get(kill.id) == kill


@pytest.fixture
def chain(store: Store, registry: Registry) -> list[AuditRecord]:
    for i in range(1, 7):
        registry.push(RELEASER, "prompt", NAME, prompt(f"v{i}"), message=f"push {i}")
    trail = events(store)
    assert len(trail) == 6 and store.audit.verify().ok
    return trail


def sql(store: Store, statement: str, **params: Any) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement), params)


def test_an_edited_event_is_reported(store: Store, chain: list[AuditRecord]) -> None:
    sql(store, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3")
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == 3 and result.checked == 2 and result.head_seq == 6
    assert result.problem == "event 3 (artifact.push on prompt:support-reply) was altered: its content does not " \
                             "match its hash"
    sql(store, "UPDATE audit_log SET reason = 'push 3' WHERE seq = 3")
    assert store.audit.verify().ok  # put back, it verifies again
    sql(store, "UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 5")
    assert store.audit.verify().broken_seq == 5
    sql(store, "UPDATE audit_log SET target = 'prompt:elsewhere' WHERE seq = 2")
    assert store.audit.verify().broken_seq == 2  # the first broken event is the one reported


def test_an_edited_event_with_a_recomputed_hash_breaks_the_next_link(store: Store,
                                                                       chain: list[AuditRecord]) -> None:
    fields = {name: getattr(chain[2], name) for name in AuditRecord.__slots__}
    fields["reason"] = "rewritten"
    sql(store, "UPDATE audit_log SET reason = 'rewritten', hash = :hash WHERE seq = 3", hash=event_hash(fields))
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == 4
    assert result.problem is not None and "event 4 does not link to event 3" in result.problem


def test_a_deleted_middle_event_is_reported(store: Store, chain: list[AuditRecord]) -> None:
    sql(store, "DELETE FROM audit_log WHERE seq = 4")
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == 4 and result.checked == 3
    assert result.problem == "event 4 is missing (the next stored event is 5)"


def test_a_deleted_first_event_is_reported(store: Store, chain: list[AuditRecord]) -> None:
    sql(store, "DELETE FROM audit_log WHERE seq = 1")
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == 1 and result.checked == 0


@pytest.mark.parametrize("first_cut", [5, 6])
def test_a_cut_off_tail_is_reported(store: Store, chain: list[AuditRecord], first_cut: int) -> None:
    sql(store, "DELETE FROM audit_log WHERE seq >= :seq", seq=first_cut)
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == first_cut and result.checked == first_cut - 1
    assert result.head_seq == 6
    assert result.problem == (f"the chain ends at event {first_cut - 1} but the head records event 6: events were "
                              "removed from the end or the head was altered")


def test_a_renumbered_event_is_reported(store: Store, chain: list[AuditRecord]) -> None:
    """Removing a middle event and renumbering the later ones to close the gap is still detected."""
    sql(store, "DELETE FROM audit_log WHERE seq = 6")
    sql(store, "UPDATE registry_head SET audit_seq = 5, audit_hash = :hash", hash=chain[4].hash)
    assert store.audit.verify().ok  # cutting the tail *and* the head together is the documented blind spot
    sql(store, "DELETE FROM audit_log WHERE seq = 3")
    for seq in (4, 5):
        sql(store, "UPDATE audit_log SET seq = :new WHERE seq = :old", new=seq - 1, old=seq)
    result = store.audit.verify()
    assert not result.ok and result.broken_seq == 3


# --- the epoch and rolled-back transactions ----------------------------------------------------------------------


def test_the_epoch_moves_once_per_change_and_never_on_reads(store: Store, registry: Registry,
                                                             releases: Releases) -> None:
    assert store.registry.epoch() == 0
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    assert store.registry.epoch() == 1
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    assert store.registry.epoch() == 2
    releases.decide(APPROVER1, release.id, "approve")
    assert store.registry.epoch() == 3
    with store.registry.read() as reads:
        reads.labels()
        reads.releases()
        reads.versions("prompt", NAME)
        reads.kill_switches()
    releases.get(release.id)
    store.audit.list()
    store.audit.verify()
    load_view(store, store.registry.epoch())
    assert store.registry.epoch() == 3
    with store.registry.transaction(ADMIN) as tx:
        assert tx.epoch == 4  # the transaction sees its own epoch
    assert store.registry.epoch() == 4


def test_a_failed_change_is_rolled_back_entirely(store: Store, registry: Registry, releases: Releases) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    release = releases.create(RELEASER, "prompt", NAME, "production", version=1, reason="r")
    epoch, seq = store.registry.epoch(), store.audit.verify().head_seq
    for refused in (
        lambda: releases.decide(RELEASER, release.id, "approve"),          # role: before the transaction
        lambda: releases.decide(Actor("k-rel", "rel-author", "admin"), release.id, "approve"),  # self: inside it
        lambda: releases.promote(RELEASER, release.id),                    # gates: inside it
    ):
        with pytest.raises((RoleRequiredError, SelfApprovalError, GatesNotMetError)):
            refused()
        assert store.registry.epoch() == epoch
        assert store.audit.verify().head_seq == seq
    assert release_of(store, release.id).approvals == []

    # an error raised after writes inside a transaction undoes the writes too
    with pytest.raises(RuntimeError), store.registry.transaction(ADMIN) as tx:
        _, created = tx.ensure_artifact("prompt", "half-done")
        assert created
        tx.audit("artifact.push", "prompt:half-done")
        raise RuntimeError("boom")
    assert store.registry.epoch() == epoch
    assert store.audit.verify().ok and store.audit.verify().head_seq == seq
    with store.registry.read() as reads:
        assert reads.artifact("prompt", "half-done") is None


# --- concurrent writers ---------------------------------------------------------------------------------------


def test_concurrent_pushes_are_serialised(store: Store) -> None:
    registry = Registry(store)
    threads, per_thread = 8, 10
    barrier = threading.Barrier(threads)
    failures: list[BaseException] = []
    numbers: list[int] = []
    lock = threading.Lock()

    def work(worker: int) -> None:
        try:
            actor = Actor(f"k-{worker}", f"pusher-{worker}", "releaser")
            barrier.wait(timeout=30)
            for i in range(per_thread):
                result = registry.push(actor, "prompt", NAME, prompt(f"w{worker}-{i}"))
                assert result.created
                with lock:
                    numbers.append(result.version.number)
        except BaseException as exc:  # reported below
            failures.append(exc)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool)
    assert failures == []

    total = threads * per_thread
    assert sorted(numbers) == list(range(1, total + 1))
    with store.registry.read() as reads:
        versions = reads.versions("prompt", NAME)
    assert [v.number for v in versions] == list(range(1, total + 1))
    assert len({v.digest for v in versions}) == total
    assert store.registry.epoch() == total
    result = store.audit.verify()
    assert result.ok and result.checked == total
    pushes = events(store)
    assert len(pushes) == total and all(e.action == "artifact.push" for e in pushes)
    assert sorted(e.after["version"] for e in pushes) == list(range(1, total + 1))
    # in the chain, versions appear in the order they were numbered
    assert [e.after["version"] for e in pushes] == list(range(1, total + 1))


# --- the gateway's view ---------------------------------------------------------------------------------------


def test_load_view_returns_labels_kills_and_contents(store: Store, registry: Registry, releases: Releases) -> None:
    empty = load_view(store, store.registry.epoch())
    assert (empty.labels, empty.kills, empty.prompts, empty.contents) == ({}, {}, frozenset(), {})
    assert not empty.canaries_running

    release = canary_release(registry, releases)
    registry.push(RELEASER, "prompt", "unreleased", prompt("x"))
    registry.push(RELEASER, "dataset", "golden", {"rows": [{"q": 1}]})
    registry.kill(RELEASER, "model:gpt", "provider down", fallback="small")
    epoch = store.registry.epoch()
    view = load_view(store, epoch)
    assert view.epoch == epoch
    assert set(view.labels) == {("prompt", NAME, "production")}
    label = view.labels[("prompt", NAME, "production")]
    assert (label.version, label.canary_version, label.canary_weight, label.canary_release_id) == (
        1, 2, 0.5, release.id)
    assert view.canaries_running
    assert view.label_names("prompt", NAME) == ["production"]
    assert view.label_names("prompt", "unreleased") == []
    assert view.prompts == frozenset({NAME, "unreleased"})
    assert set(view.kills) == {"model:gpt"}
    assert (view.kills["model:gpt"].fallback, view.kills["model:gpt"].reason) == ("small", "provider down")
    assert set(view.contents) == {("prompt", NAME, 1), ("prompt", NAME, 2)}  # stable and canary, nothing else
    assert view.contents[("prompt", NAME, 2)] == validate_content("prompt", NAME, prompt("v2"))

    # a newer view reuses the content objects of versions it already had
    releases.promote(RELEASER, release.id)
    registry.unkill(RELEASER, "model:gpt", "fixed")
    newer = load_view(store, store.registry.epoch(), view)
    assert set(newer.contents) == {("prompt", NAME, 2)}
    assert newer.contents[("prompt", NAME, 2)] is view.contents[("prompt", NAME, 2)]
    assert newer.kills == {} and not newer.canaries_running
    fresh = load_view(store, store.registry.epoch())
    assert fresh.contents[("prompt", NAME, 2)] is not view.contents[("prompt", NAME, 2)]
    assert fresh.contents == newer.contents


def test_kill_switch_requests(store: Store, registry: Registry) -> None:
    registry.push(RELEASER, "prompt", NAME, prompt("v1"))
    unchanged(store, lambda: registry.kill(RELEASER, "prompt:ghost", "r"), NotFoundError)
    unchanged(store, lambda: registry.kill(RELEASER, TARGET, None), UnprocessableError)
    unchanged(store, lambda: registry.kill(RELEASER, "gpt", "r"), UnprocessableError)
    unchanged(store, lambda: registry.kill(RELEASER, TARGET, "r", fallback=f"{TARGET}:1"), UnprocessableError)
    unchanged(store, lambda: registry.kill(RELEASER, TARGET, "r", fallback="gpt"), UnprocessableError)
    unchanged(store, lambda: registry.kill(RELEASER, "model:gpt", "r", fallback="gpt"), UnprocessableError)
    unchanged(store, lambda: registry.unkill(RELEASER, TARGET, "r"), ConflictError)
    record = registry.kill(RELEASER, f"{TARGET}:1", " incident ")
    assert (record.target, record.reason, record.fallback) == (TARGET, "incident", None)
    again = registry.kill(RELEASER, TARGET, "still", fallback="prompt:backup@production")
    assert again.fallback == "prompt:backup@production"
    with store.registry.read() as reads:
        assert [(k.target, k.fallback, k.reason) for k in reads.kill_switches()] == [
            (TARGET, "prompt:backup@production", "still")]
    assert events(store)[-1].before == {"fallback": None}
    registry.unkill(RELEASER, TARGET, "fixed")
    with store.registry.read() as reads:
        assert reads.kill_switches() == []
    assert actions(store) == ["artifact.push", "kill.on", "kill.on", "kill.off"]
