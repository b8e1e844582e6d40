"""Held tool calls on SQLite and PostgreSQL: stored with their audit events, decided once, in the same
hash chain as registry changes, without moving the registry epoch."""

from __future__ import annotations

import threading

import pytest

from quarterdeck.errors import ConflictError, NotFoundError, SelfApprovalError
from quarterdeck.store import Actor, Store, ToolApprovalRecord, ToolAuditEvent

APP = Actor("k-app", "agent", "app")
APPROVER = Actor("k-ap", "ops", "approver")


def _held(approval_id: str) -> ToolApprovalRecord:
    return ToolApprovalRecord(id=approval_id, request_id=f"req_{approval_id}", key_id=APP.key_id, key_name=APP.name,
                              model="gpt", policy="agents", policy_version=2, tool_call_id="call_1",
                              tool_name="send_email", arguments='{"to": "ops@example.com"}')


def _event(approval_id: str) -> ToolAuditEvent:
    return ToolAuditEvent(actor=APP, action="tool_call.hold", target="tool:send_email",
                          after={"decision": "hold"}, links={"request_id": f"req_{approval_id}",
                                                             "approval_id": approval_id})


def test_hold_and_decide_once(store: Store) -> None:
    epoch = store.registry.epoch()
    store.tool_approvals.record([_held("tap_1"), _held("tap_2")], [_event("tap_1"), _event("tap_2")])
    assert len(store.tool_approvals.list("pending")) == 2
    assert store.tool_approvals.get("tap_1").status == "pending"
    with pytest.raises(SelfApprovalError):
        store.tool_approvals.decide("tap_1", APP, "approved", None)
    decided = store.tool_approvals.decide("tap_1", APPROVER, "approved", "fine")
    assert (decided.status, decided.decided_by_name, decided.comment) == ("approved", "ops", "fine")
    with pytest.raises(ConflictError, match="already approved by 'ops'"):
        store.tool_approvals.decide("tap_1", APPROVER, "denied", "late")
    with pytest.raises(NotFoundError):
        store.tool_approvals.decide("tap_x", APPROVER, "denied", None)
    assert [a.id for a in store.tool_approvals.list("pending")] == ["tap_2"]
    assert store.registry.epoch() == epoch  # gateways are not made to reload their view
    actions = [e.action for e in store.audit.list()]
    assert actions == ["tool_call.hold", "tool_call.hold", "tool_approval.approve"]
    assert store.audit.verify().ok


def test_concurrent_holds_keep_one_chain(store: Store) -> None:
    def hold(worker: int) -> None:
        for n in range(10):
            store.tool_approvals.record([_held(f"tap_{worker}_{n}")], [_event(f"tap_{worker}_{n}")])

    threads = [threading.Thread(target=hold, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.tool_approvals.list("pending", limit=1000)) == 40
    verification = store.audit.verify()
    assert verification.ok and verification.checked == 40
