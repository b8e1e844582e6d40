"""The migrations create exactly the tables the models describe, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from quarterdeck.store import Store, current_revision, head_revision
from quarterdeck.store.migrate import MIGRATIONS_DIR, alembic_config
from quarterdeck.store.models import Base


def test_migrations_are_packaged() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert head_revision() == "0005"


def test_migrate_creates_the_tables(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"api_keys", "request_log", "meta", "alembic_version"} <= tables
    assert current_revision(store.engine) == head_revision()


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrate_twice_is_a_no_op(store: Store) -> None:
    store.meta.set("k", "v")
    store.migrate()
    assert store.meta.get("k") == "v"
    assert current_revision(store.engine) == head_revision()


def test_downgrade_to_base_and_back(store: Store) -> None:
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert not {"api_keys", "request_log", "meta"} & set(inspect(store.engine).get_table_names())
    store.migrate()
    assert current_revision(store.engine) == "0005"
