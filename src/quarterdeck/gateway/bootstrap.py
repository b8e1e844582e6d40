"""First start of an embedded install: make an admin key and an app key, once."""

from __future__ import annotations

from dataclasses import dataclass

from quarterdeck.gateway.keys import issue_key
from quarterdeck.store import Store

BOOTSTRAP_MARK = "bootstrap_keys_issued"


@dataclass(frozen=True, slots=True)
class BootstrapKeys:
    admin_key: str
    app_key: str


def bootstrap_keys(store: Store) -> BootstrapKeys | None:
    """Issue the two keys on the first start only; later starts return None (keys are never re-shown)."""
    if store.meta.get(BOOTSTRAP_MARK):
        return None
    admin, _ = issue_key(store, name="admin", role="admin", source="bootstrap")
    app, _ = issue_key(store, name="app", role="app", source="bootstrap")
    store.meta.set(BOOTSTRAP_MARK, "1")
    return BootstrapKeys(admin_key=admin, app_key=app)
