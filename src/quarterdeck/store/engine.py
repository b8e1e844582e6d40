"""Build the SQLAlchemy engine for the ``store`` URL (SQLite or PostgreSQL).

The engine is synchronous: the gateway calls the repositories through ``asyncio.to_thread``.
Every failure to understand the URL or to reach the database is a ``ConfigError`` whose message
names the URL with its password masked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from quarterdeck.errors import ConfigError

__all__ = ["create_store_engine", "display_url", "normalize_url"]

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)
_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@]*@")


def display_url(url: str | URL) -> str:
    """The URL as it may be shown to a person: the password replaced by ``***``."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", url)


def normalize_url(url: str) -> URL:
    """Parse ``url``; ``postgresql://`` and ``postgres://`` get the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"store: cannot parse the database URL {display_url(url)}: {exc}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(f"store: unsupported database {display_url(parsed)} (use sqlite:///path or postgresql://...)")
    return parsed


def create_store_engine(url: str, *, check: bool = True) -> Engine:
    """Create the engine for ``url``; with ``check``, connect once so a bad database fails now."""
    parsed = normalize_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
        else:
            engine = create_engine(
                parsed,
                json_serializer=_json_dumps,
                json_deserializer=orjson.loads,
                pool_pre_ping=True,
                pool_size=5,
                max_overflow=10,
                pool_recycle=1800,
                pool_timeout=30,
            )
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise ConfigError(f"store: cannot use the database URL {display_url(parsed)}: {exc}") from exc
    if check:
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except (SQLAlchemyError, OSError) as exc:
            engine.dispose()
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(f"store: cannot connect to {display_url(parsed)}: {reason}") from exc
    return engine


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, "json_serializer": _json_dumps,
                              "json_deserializer": orjson.loads}
    if in_memory:
        # One shared connection, or every thread would see its own empty database.
        kwargs["poolclass"] = StaticPool
    elif not url.query.get("uri"):
        path = Path(database).expanduser()
        url = url.set(database=str(path))
        try:
            path.resolve().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"store: cannot create the directory for {display_url(url)}: {exc}") from exc
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _json_dumps(value: Any) -> str:
    """JSON columns are written with orjson (the standard library's encoder was ~1% of a request's CPU in the
    request-log writer); non-string keys become strings, as with ``json.dumps``."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _set_sqlite_pragmas(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
