"""What the gateway needs from the registry at request time, loaded in one read.

A ``RegistryView`` is an immutable snapshot: labels (with their canary), kill switches, the names of
known prompts and the content of every version a label points at. The gateway swaps in a new view
when the registry's epoch moves; versions are immutable, so their content is reused across views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quarterdeck.store import KillSwitchRecord, LabelRecord, Store

__all__ = ["RegistryView", "load_view"]


@dataclass(frozen=True, slots=True)
class RegistryView:
    epoch: int = -1
    labels: dict[tuple[str, str, str], LabelRecord] = field(default_factory=dict)  # (kind, name, label)
    kills: dict[str, KillSwitchRecord] = field(default_factory=dict)  # "prompt:NAME" / "model:NAME"
    prompts: frozenset[str] = frozenset()
    contents: dict[tuple[str, str, int], dict[str, Any]] = field(default_factory=dict)  # (kind, name, number)

    @property
    def canaries_running(self) -> bool:
        return any(label.canary_release_id for label in self.labels.values())

    def label_names(self, kind: str, name: str) -> list[str]:
        return sorted(label for k, n, label in self.labels if k == kind and n == name)


def load_view(store: Store, epoch: int, previous: RegistryView | None = None) -> RegistryView:
    """Read the registry's serving state (synchronous: call it in a thread)."""
    known = previous.contents if previous is not None else {}
    contents: dict[tuple[str, str, int], dict[str, Any]] = {}
    with store.registry.read() as reads:
        labels: dict[tuple[str, str, str], LabelRecord] = {(r.kind, r.artifact_name, r.name): r for r in reads.labels()}
        kills = {k.target: k for k in reads.kill_switches()}
        prompts = frozenset(a.name for a in reads.artifacts("prompt"))
        for record in labels.values():
            for number in (record.version, record.canary_version):
                if number is None:
                    continue
                key = (record.kind, record.artifact_name, number)
                if key in known:
                    contents[key] = known[key]
                    continue
                version = reads.version(record.kind, record.artifact_name, number)
                if version is not None:
                    contents[key] = version.content
    return RegistryView(epoch=epoch, labels=labels, kills=kills, prompts=prompts, contents=contents)
