"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

__all__ = ["dialect_insert"]


def dialect_insert(dialect_name: str, entity: Any) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that knows ``ON CONFLICT`` on the two supported backends."""
    if dialect_name == "postgresql":
        return postgresql.insert(entity)
    if dialect_name == "sqlite":
        return sqlite.insert(entity)
    raise ValueError(f"unsupported database dialect {dialect_name!r}")
