"""Settings and the config file schema."""

from quarterdeck.config.loader import load_config, load_config_text
from quarterdeck.config.schema import (
    CircuitBreakerConfig,
    Config,
    DeploymentConfig,
    KeyConfig,
    LimitsConfig,
    ModelConfig,
    ProviderConfig,
    ServerConfig,
    TeamConfig,
)

__all__ = [
    "CircuitBreakerConfig",
    "Config",
    "DeploymentConfig",
    "KeyConfig",
    "LimitsConfig",
    "ModelConfig",
    "ProviderConfig",
    "ServerConfig",
    "TeamConfig",
    "load_config",
    "load_config_text",
]
