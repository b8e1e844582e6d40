"""The registry: versioned artifacts, labels, governed releases, kill switches and the audit log.

Sits above the store and below the gateway: the registry decides, the gateway enforces (it reads a
``RegistryView`` at request time). Operations take an ``Actor`` (who) and check its role.
"""

from quarterdeck.registry.artifacts import KINDS, canonical_json, content_digest, validate_content
from quarterdeck.registry.canary import assign_canary, judge_canary
from quarterdeck.registry.policy import CanaryPolicy, LabelPolicy, effective_policy, validate_policy
from quarterdeck.registry.releases import SYSTEM, Releases, unmet_gates
from quarterdeck.registry.roles import PERMISSIONS, require
from quarterdeck.registry.service import PushResult, Registry, kill_target
from quarterdeck.registry.templates import PromptRef, parse_prompt_ref, render_prompt, template_variables
from quarterdeck.registry.view import RegistryView, load_view

__all__ = [
    "KINDS",
    "PERMISSIONS",
    "SYSTEM",
    "CanaryPolicy",
    "LabelPolicy",
    "PromptRef",
    "PushResult",
    "Registry",
    "RegistryView",
    "Releases",
    "assign_canary",
    "canonical_json",
    "content_digest",
    "effective_policy",
    "judge_canary",
    "kill_target",
    "load_view",
    "parse_prompt_ref",
    "render_prompt",
    "require",
    "template_variables",
    "unmet_gates",
    "validate_content",
    "validate_policy",
]
