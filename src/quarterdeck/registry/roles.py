"""Who may do what in the registry (RBAC carried by keys)."""

from __future__ import annotations

from typing import Literal

from quarterdeck.errors import RoleRequiredError
from quarterdeck.store import Actor

__all__ = ["PERMISSIONS", "Permission", "require"]

Permission = Literal["read", "push", "release", "approve", "kill", "policy", "record_eval"]

PERMISSIONS: dict[Permission, frozenset[str]] = {
    "read": frozenset({"admin", "releaser", "approver", "viewer"}),
    "push": frozenset({"admin", "releaser"}),
    "release": frozenset({"admin", "releaser"}),
    "approve": frozenset({"admin", "approver"}),
    "kill": frozenset({"admin", "releaser"}),
    "policy": frozenset({"admin"}),
    "record_eval": frozenset({"admin", "releaser"}),
}

_WHAT = {
    "read": "read the registry",
    "push": "push artifacts",
    "release": "create, promote or roll back releases",
    "approve": "approve or reject releases",
    "kill": "switch kill switches",
    "policy": "change release policies",
    "record_eval": "record eval runs",
}


def require(actor: Actor, permission: Permission) -> None:
    allowed = PERMISSIONS[permission]
    if actor.role not in allowed:
        roles = ", ".join(sorted(allowed))
        raise RoleRequiredError(f"The key '{actor.name}' has the role '{actor.role}'; to {_WHAT[permission]} "
                                f"it needs one of: {roles}.")
