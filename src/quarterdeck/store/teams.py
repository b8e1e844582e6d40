"""Teams: limits and budgets shared by every key of a team."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from quarterdeck.store.models import Team
from quarterdeck.store.records import TeamRecord, utcnow

__all__ = ["TeamRepository"]

_FIELDS = tuple(f.name for f in fields(TeamRecord))


class TeamRepository:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def get(self, name: str) -> TeamRecord | None:
        with self._sessions() as session:
            row = session.get(Team, name)
            return None if row is None else _to_record(row)

    def list(self) -> builtins.list[TeamRecord]:
        with self._sessions() as session:
            return [_to_record(row) for row in session.scalars(select(Team).order_by(Team.name))]

    def upsert(self, record: TeamRecord) -> TeamRecord:
        """Create the team or replace its limits and budget."""
        with self._sessions.begin() as session:
            row = session.get(Team, record.name)
            values = _values(record)
            values["updated_at"] = utcnow()
            if row is None:
                row = Team(**values)
                session.add(row)
            else:
                for name, value in values.items():
                    setattr(row, name, value)
            session.flush()
            return _to_record(row)

    def sync_config_teams(self, records: Sequence[TeamRecord]) -> None:
        """The config's teams win over earlier values of the same name; others are left alone."""
        for record in records:
            self.upsert(record)


def _values(record: TeamRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _FIELDS}


def _to_record(row: Team) -> TeamRecord:
    return TeamRecord(**{name: getattr(row, name) for name in _FIELDS})
