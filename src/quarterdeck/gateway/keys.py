"""Virtual keys: generation, hashing, and the authenticator used on every request.

Keys are stored only as sha256 hashes. They are long random strings, so a fast hash is the right
tool (a password hash would add milliseconds to every request for no gain). Lookups are cached in
memory for a few seconds so the hot path does not reach the database on every request; a revoke
through this process's admin API drops the cache entry at once, other replicas see it within the
cache TTL.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from quarterdeck.errors import AuthenticationError, PermissionDeniedError
from quarterdeck.gateway.lookups import CachedLookup
from quarterdeck.store import KeyRecord, Store, hash_api_key

KEY_PREFIX = "qd-"
CACHE_TTL_S = 5.0


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hash_api_key(key)


def display_prefix(key: str) -> str:
    return key[:10]


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a stored key, or the config's admin key."""

    key_id: str | None
    name: str
    role: str
    team: str | None
    models: frozenset[str] | None  # None: every model
    rpm: int | None = None
    tpm: int | None = None
    budget_usd: float | None = None
    budget_period: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_use(self, model: str) -> bool:
        return self.is_admin or self.models is None or model in self.models

    @classmethod
    def from_record(cls, record: KeyRecord) -> Principal:
        return cls(
            key_id=record.id,
            name=record.name,
            role=record.role,
            team=record.team,
            models=frozenset(record.models) if record.models is not None else None,
            rpm=record.rpm,
            tpm=record.tpm,
            budget_usd=record.budget_usd,
            budget_period=record.budget_period,
        )


CONFIG_ADMIN = Principal(key_id=None, name="admin (config)", role="admin", team=None, models=None)


class Authenticator:
    def __init__(self, store: Store, admin_key: str | None) -> None:
        self._admin_hash = hash_key(admin_key) if admin_key else None
        def load(key_hash: str) -> tuple[KeyRecord, Principal] | None:
            record = store.keys.get_by_hash(key_hash)
            return None if record is None else (record, Principal.from_record(record))

        # the principal is built once per cache fill, not per request
        self._keys: CachedLookup[tuple[KeyRecord, Principal]] = CachedLookup(load, CACHE_TTL_S)

    async def authenticate(self, raw_key: str | None) -> Principal:
        if not raw_key:
            raise AuthenticationError(
                "Missing API key: send it as 'Authorization: Bearer <key>' or in the 'x-api-key' header."
            )
        digest = hash_key(raw_key)
        if self._admin_hash is not None and hmac.compare_digest(digest, self._admin_hash):
            return CONFIG_ADMIN
        found = await self._keys.get(digest)
        if found is None:
            raise AuthenticationError("Invalid API key.")
        record, principal = found
        if record.revoked_at is not None:
            raise AuthenticationError("This API key has been revoked.")
        return principal

    async def authenticate_admin(self, raw_key: str | None) -> Principal:
        principal = await self.authenticate(raw_key)
        if not principal.is_admin:
            raise PermissionDeniedError("The admin API needs an admin key.")
        return principal

    def forget(self, key_hash: str | None = None) -> None:
        self._keys.forget(key_hash)


def issue_key(
    store: Store,
    *,
    name: str,
    role: str = "app",
    source: str = "api",
    team: str | None = None,
    models: list[str] | None = None,
    rpm: int | None = None,
    tpm: int | None = None,
    budget_usd: float | None = None,
    budget_period: str | None = None,
) -> tuple[str, KeyRecord]:
    """Create a key; returns the key itself (shown once, never stored) and its stored record."""
    raw = generate_key()
    record = KeyRecord(
        name=name,
        key_hash=hash_key(raw),
        key_prefix=display_prefix(raw),
        role=role,  # type: ignore[arg-type]  # checked by KeyRecord
        source=source,  # type: ignore[arg-type]
        team=team,
        models=models,
        rpm=rpm,
        tpm=tpm,
        budget_usd=budget_usd,
        budget_period=budget_period,  # type: ignore[arg-type]
    )
    return raw, store.keys.create(record)
