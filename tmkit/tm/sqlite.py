"""A translation memory in one SQLite file: WAL, one transaction per import, FTS5 candidates.

A look-up never scores the whole memory: the query's rarest words (by the FTS5 vocabulary's
document counts) pick at most a few hundred candidates through the full-text index, exact
matches come from an index on the source text, and only those are scored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from tmkit.errors import InputError
from tmkit.tm.fuzzy import can_reach, fuzzy_score, index_terms, word_count
from tmkit.tm.store import ImportReport, Match
from tmkit.units import Memory, TranslationUnit, Variant

APPLICATION_ID = 0x746D6B74  # "tmkt"
SCHEMA_VERSION = 1
CANDIDATES = 300
RAREST_TERMS = 8
_SCHEMA = """
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
    src_base TEXT NOT NULL, tgt_base TEXT NOT NULL,
    src TEXT NOT NULL, tgt TEXT NOT NULL,
    src_terms TEXT NOT NULL, words INTEGER NOT NULL,
    tuid TEXT, creationdate TEXT, context TEXT, props TEXT NOT NULL, notes TEXT NOT NULL,
    UNIQUE (src_lang, tgt_lang, src, tgt)
);
CREATE INDEX units_src ON units (src);
CREATE VIRTUAL TABLE units_fts USING fts5 (
    src_terms, tgt, content='units', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE units_vocab USING fts5vocab (units_fts, 'row');
CREATE TRIGGER units_to_fts AFTER INSERT ON units BEGIN
    INSERT INTO units_fts (rowid, src_terms, tgt) VALUES (new.id, new.src_terms, new.tgt);
END;
"""
# Properties CAT tools use for the segment before a unit: its context for 101% matches.
_CONTEXT_PROPS = ("x-context", "x-context-pre", "prev")


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


class SqliteTM:
    """The SQLite implementation of TranslationMemoryStore."""

    def __init__(self, path: str | Path, create: bool = False) -> None:
        self.path = Path(path)
        self.created = False
        if self.path.is_dir():
            raise InputError(str(path), "is a directory, not a translation memory")
        if not self.path.exists():
            if not create:
                raise InputError(str(path), "no such translation memory")
            self.created = True
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._check_or_create()
        except sqlite3.DatabaseError as exc:
            raise InputError(str(path), f"not a tmkit translation memory ({exc})") from None

    def _check_or_create(self) -> None:
        application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and tables == 0:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(
                f"BEGIN; {_SCHEMA} PRAGMA application_id={APPLICATION_ID}; "
                f"PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
            )
        elif application_id != APPLICATION_ID:
            raise InputError(str(self.path), "not a tmkit translation memory")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise InputError(str(self.path), f"unsupported TM schema version {version}")

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def discard(self) -> None:
        """Remove a memory this object created, after a failed first import."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def import_units(self, batches: Iterable[tuple[Memory, TranslationUnit]]) -> ImportReport:
        """Add every source/target pair of the units in one transaction."""
        report = ImportReport()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for memory, unit in batches:
                source = unit.variant(memory.srclang)
                if source is None or not source.text.strip():
                    continue
                for target in unit.variants:
                    if target is source:
                        continue
                    report.read += 1
                    report.added += self._insert(unit, source, target)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return report

    def _insert(self, unit: TranslationUnit, source: Variant, target: Variant) -> int:
        terms = index_terms(source.text)
        context = next((v for k, v in unit.props if k in _CONTEXT_PROPS), None)
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO units (src_lang, tgt_lang, src_base, tgt_base, src, tgt, "
            "src_terms, words, tuid, creationdate, context, props, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                source.lang, target.lang, _base(source.lang), _base(target.lang),
                source.text, target.text, " ".join(terms), word_count(source.text), unit.tuid,
                unit.creationdate, context,
                json.dumps(unit.props, ensure_ascii=False),
                json.dumps(unit.notes, ensure_ascii=False),
            ),
        )  # fmt: skip
        return cursor.rowcount

    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str | None = None,
        minimum: int = 75,
        limit: int = 10,
        context: str | None = None,
    ) -> list[Match]:
        """Best matches, best first: in-context (101), exact (100), then fuzzy."""
        terms = index_terms(text)
        words = word_count(text)
        where, params = self._language_filter(src_lang, tgt_lang)
        rows = self._db.execute(
            f"SELECT * FROM units WHERE src = ? AND {where}", (text, *params)
        ).fetchall()
        rare = self._rarest(terms)
        if rare:
            query = " OR ".join(f'"{term}"' for term in rare)
            rows += self._db.execute(
                f"SELECT units.* FROM units_fts JOIN units ON units.id = units_fts.rowid "
                f"WHERE units_fts MATCH ? AND {where} ORDER BY bm25(units_fts) LIMIT ?",
                (f"src_terms : ({query})", *params, CANDIDATES),
            ).fetchall()
        scored: dict[int, Match] = {}
        for row in rows:
            if row[0] in scored or not can_reach(words, row[8], minimum):
                continue
            score = fuzzy_score(text, row[5])
            if score == 100 and context is not None and row[11] == context:
                score = 101
            if score >= minimum:
                scored[row[0]] = _match(row, score)
        ranked = sorted(scored.items(), key=lambda item: (-item[1].score, item[0]))
        return [match for _, match in ranked[:limit]]

    def _language_filter(self, src_lang: str, tgt_lang: str | None) -> tuple[str, tuple]:
        if tgt_lang is None:
            return "units.src_base = ?", (_base(src_lang),)
        return "units.src_base = ? AND units.tgt_base = ?", (_base(src_lang), _base(tgt_lang))

    def _rarest(self, terms: list[str]) -> list[str]:
        """The query's words that are in the memory, fewest documents first."""
        unique = sorted(set(terms))
        if not unique:
            return []
        marks = ",".join("?" * len(unique))
        counts = self._db.execute(
            f"SELECT term, doc FROM units_vocab WHERE term IN ({marks})", unique
        ).fetchall()
        return [term for term, _ in sorted(counts, key=lambda c: (c[1], c[0]))][:RAREST_TERMS]

    def concordance(self, words: str, lang: str | None = None, limit: int = 50) -> list[Match]:
        """Units whose source (or target) holds every word, in the order they were added."""
        terms = index_terms(words)
        if not terms:
            return []
        query = " AND ".join(f'"{term}"' for term in terms)
        where = "1" if lang is None else "(units.src_base = ? OR units.tgt_base = ?)"
        params: tuple = () if lang is None else (_base(lang), _base(lang))
        rows = self._db.execute(
            f"SELECT units.* FROM units_fts JOIN units ON units.id = units_fts.rowid "
            f"WHERE units_fts MATCH ? AND {where} ORDER BY units.id LIMIT ?",
            (query, *params, limit),
        ).fetchall()
        return [_match(row, 0) for row in rows]

    def units(self) -> Iterator[tuple[Memory, TranslationUnit]]:
        """Every stored pair, as two-variant units, in the order they were added."""
        for row in self._db.execute("SELECT * FROM units ORDER BY id"):
            unit = TranslationUnit(
                [Variant(row[1], row[5]), Variant(row[2], row[6])],
                tuid=row[9],
                creationdate=row[10],
                props=[tuple(p) for p in json.loads(row[12])],
                notes=json.loads(row[13]),
            )
            yield Memory(srclang=row[1], tgtlang=row[2]), unit

    def main_languages(self) -> tuple[str, str] | None:
        """The most frequent (source, target) language pair, or None when empty."""
        return self._db.execute(
            "SELECT src_lang, tgt_lang FROM units GROUP BY src_lang, tgt_lang "
            "ORDER BY count(*) DESC, src_lang, tgt_lang LIMIT 1"
        ).fetchone()

    def count(self) -> int:
        """How many pairs the memory holds."""
        return self._db.execute("SELECT count(*) FROM units").fetchone()[0]


def _match(row: tuple, score: int) -> Match:
    return Match(
        score=score, src=row[5], tgt=row[6], src_lang=row[1], tgt_lang=row[2], tuid=row[9],
        props=[tuple(p) for p in json.loads(row[12])],
    )  # fmt: skip
