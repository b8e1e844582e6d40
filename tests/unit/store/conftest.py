"""The ``store`` fixture: a migrated Store on SQLite (tmp_path) and on PostgreSQL (own schema)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    from tests.pg import postgres_schema
except ModuleNotFoundError:  # run as plain `pytest`: the repository root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from tests.pg import postgres_schema

from quarterdeck.store import Store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database's URL: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'quarterdeck.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated Store, closed after the test."""
    with Store(store_url) as opened:
        opened.migrate()
        yield opened
