"""Building the engine from the ``store`` URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from quarterdeck.errors import ConfigError
from quarterdeck.store import Store, create_store_engine, display_url, normalize_url


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u:p@db:5432/q", "postgresql+psycopg"),
        ("postgres://u:p@db/q", "postgresql+psycopg"),
        ("postgresql+psycopg://u@db/q", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_normalize_url_picks_psycopg(url: str, driver: str) -> None:
    assert normalize_url(url).drivername == driver


def test_display_url_masks_the_password() -> None:
    assert display_url("postgresql://user:s3cret@db:5432/q") == "postgresql://user:***@db:5432/q"
    assert "s3cret" not in display_url("postgresql://user:s3cret@db:bad-port/q")


@pytest.mark.parametrize("url", ["not a url", "mysql://u:s3cret@db/q", "postgresql://u:s3cret@db:bad-port/q"])
def test_bad_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        create_store_engine(url)
    assert "s3cret" not in str(caught.value)


def test_unreachable_database_is_a_config_error_naming_the_masked_url() -> None:
    with pytest.raises(ConfigError) as caught:
        Store("postgresql://postgres:s3cret@127.0.0.1:1/test?connect_timeout=2")
    message = str(caught.value)
    assert "postgresql+psycopg://postgres:***@127.0.0.1:1/test" in message
    assert "s3cret" not in message


def test_sqlite_creates_the_directory_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "q.db"
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        assert path.parent.is_dir()
        with engine.connect() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragma == {"journal_mode": "wal", "synchronous": 1, "foreign_keys": 1, "busy_timeout": 5000}


def test_in_memory_sqlite_is_one_database_for_every_thread() -> None:
    with Store("sqlite://") as store:
        store.migrate()
        store.meta.set("install_id", "abc")
        assert store.meta.get("install_id") == "abc"


def test_store_repr_hides_the_password(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'q.db'}") as store:
        assert store.url_for_display.startswith("sqlite:///")
        assert repr(store) == f"Store({store.url_for_display!r})"
