"""Open the TM a --db value names: a SQLite file, or a PostgreSQL database by URL."""

from __future__ import annotations

from tmkit.choices import WAIT
from tmkit.tm.store import TranslationMemoryStore


def open_store(db: str, create: bool = False, wait: float = WAIT) -> TranslationMemoryStore:
    """The store for `db`: `postgresql://…` for a team's server, else a SQLite file
    (created when `create` and missing; `wait` seconds for another writer to finish)."""
    from tmkit.tm.postgres import PostgresTM, is_postgres

    if is_postgres(db):
        return PostgresTM(db, create=create)
    from tmkit.tm.sqlite import SqliteTM

    return SqliteTM(db, create=create, wait=wait)
