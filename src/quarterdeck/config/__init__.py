"""Settings and the config file schema."""

from quarterdeck.config.loader import load_config, load_config_text
from quarterdeck.config.schema import (
    CircuitBreakerConfig,
    Config,
    DeploymentConfig,
    KeyConfig,
    ModelConfig,
    ProviderConfig,
    ServerConfig,
)

__all__ = [
    "CircuitBreakerConfig",
    "Config",
    "DeploymentConfig",
    "KeyConfig",
    "ModelConfig",
    "ProviderConfig",
    "ServerConfig",
    "load_config",
    "load_config_text",
]
