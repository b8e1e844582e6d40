"""Small install facts (``meta``): a key-value table."""

from __future__ import annotations

from sqlalchemy import Engine, select

from quarterdeck.store._sql import dialect_insert
from quarterdeck.store.models import Meta

__all__ = ["MetaRepository"]


class MetaRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, key: str) -> str | None:
        with self._engine.connect() as connection:
            return connection.scalar(select(Meta.value).where(Meta.key == key))

    def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing what was there."""
        statement = dialect_insert(self._engine.dialect.name, Meta).values(key=key, value=value)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        with self._engine.begin() as connection:
            connection.execute(statement)
