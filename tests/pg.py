"""PostgreSQL for tests: the server at 127.0.0.1:5432 (database ``test``), or a skip.

In CI (``CI=true``) an unreachable server fails the test instead of skipping it, so the PostgreSQL
tests cannot silently stop running.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import make_url

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_url_or_skip() -> str:
    """The test database's URL once it answers; otherwise skip (or fail in CI)."""
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is required in CI: {reason}")
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {reason}")
    return POSTGRES_URL


@contextmanager
def postgres_schema(base_url: str | None = None) -> Iterator[str]:
    """A fresh, empty schema for one test: yields a URL whose ``search_path`` is that schema.

    The schema and everything in it is dropped afterwards.
    """
    url = base_url or postgres_url_or_skip()
    schema = f"qd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
