"""Alembic environment for Quarterdeck's store.

``Store.migrate()`` hands its connection over in ``config.attributes["connection"]``; a developer
running the ``alembic`` command instead sets ``sqlalchemy.url`` in their own alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from quarterdeck.store.engine import create_store_engine
from quarterdeck.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection given and no sqlalchemy.url set: run migrations via Store.migrate()")
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("Quarterdeck's migrations run online only (Store.migrate())")
_run_online()
