"""Quarterdeck: a self-hosted AI engineering control plane (OpenAI- and Anthropic-compatible LLM gateway)."""

__version__ = "0.1.0"
