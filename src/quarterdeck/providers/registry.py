"""Provider adapters by `type`: a closed set, dispatched in one place."""

from __future__ import annotations

from quarterdeck.config.schema import ProviderConfig
from quarterdeck.providers.base import Provider
from quarterdeck.providers.http import HTTPSession


def build_provider(config: ProviderConfig, session: HTTPSession) -> Provider:
    api_key = config.api_key.get_secret_value() if config.api_key is not None else None
    if config.type == "openai":
        from quarterdeck.providers.openai import OpenAIProvider

        assert config.base_url is not None  # the schema requires it for this type
        return OpenAIProvider(config.name, config.base_url, api_key, session)
    if config.type == "anthropic":
        from quarterdeck.providers.anthropic import AnthropicProvider

        assert config.base_url is not None
        return AnthropicProvider(config.name, config.base_url, api_key, session)
    # local: imported only when configured (llama.cpp is heavy to load)
    from quarterdeck.providers.local import LocalProvider

    return LocalProvider(
        config.name, model_path=config.model_path, threads=config.threads, context_size=config.context_size
    )
