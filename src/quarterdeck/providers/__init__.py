"""Provider adapters: one per wire protocol, plus the in-process local model."""

from quarterdeck.providers.base import JSON, Provider
from quarterdeck.providers.registry import build_provider

__all__ = ["JSON", "Provider", "build_provider"]
