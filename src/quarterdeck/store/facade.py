"""``Store``: the engine and the repositories behind one object."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine

from quarterdeck.store.audit import AuditRepository
from quarterdeck.store.engine import create_store_engine, display_url
from quarterdeck.store.evals import EvalCaseRepository
from quarterdeck.store.keys import KeyRepository
from quarterdeck.store.meta import MetaRepository
from quarterdeck.store.migrate import run_migrations
from quarterdeck.store.registry import RegistryRepository
from quarterdeck.store.request_log import RequestLogRepository
from quarterdeck.store.teams import TeamRepository
from quarterdeck.store.tool_approvals import ToolApprovalRepository

__all__ = ["Store"]


class Store:
    """The database: ``keys``, ``requests``, ``meta``, ``teams``, ``registry``, ``audit``, ``eval_cases``
    and ``tool_approvals``.

    Every method is synchronous and opens its own short transaction; async code calls them via
    ``asyncio.to_thread``. Creating a Store connects once, so a bad URL or an unreachable
    database is a ``ConfigError`` at start-up rather than on the first request.
    """

    def __init__(self, url: str) -> None:
        self.url_for_display = display_url(url)
        self.engine: Engine = create_store_engine(url)
        self.keys = KeyRepository(self.engine)
        self.requests = RequestLogRepository(self.engine)
        self.meta = MetaRepository(self.engine)
        self.teams = TeamRepository(self.engine)
        self.registry = RegistryRepository(self.engine)
        self.audit = AuditRepository(self.engine)
        self.eval_cases = EvalCaseRepository(self.engine)
        self.tool_approvals = ToolApprovalRepository(self.engine)

    def migrate(self) -> None:
        """Bring the schema up to the newest migration."""
        run_migrations(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url_for_display!r})"
