"""A translation memory in one SQLite file: WAL, one transaction per import, prefix index.

A look-up never scores the whole memory. At a minimum of INDEXED_MINIMUM percent or more,
its candidates come from the prefix index: each unit's rarest words (by a fixed rarity
rank) are indexed by word and length with a 64-bit signature of all its words, and a unit
that can match shares one of them with the query's own rarest words (fuzzy.prefix_size
says why none is missed). The query's words are read rarest first; a unit is read and scored
only when its length and the words its signature may share can beat the matches in hand,
and a close match found early leaves the commoner words unread (fuzzy.indexed_best).
Below that minimum, a unit within p percent of an n-word query differs from it in at most
n(1 − p)/p words, so it holds at least one of any ⌊n(1 − p)/p⌋ + 1 of the query's words:
the look-up takes that many of the rarest, reads their postings from the full-text index
and scores the few hundred units holding the most. Exact matches come from an index on the
source text; full rows are read for the best matches alone.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tmkit.atomic import give_mode, os_problem, temporary_beside
from tmkit.choices import WAIT
from tmkit.errors import InputError
from tmkit.lang import primary
from tmkit.scripts import holds_unspaced
from tmkit.tm.fuzzy import (
    INDEXED_MINIMUM,
    PREFIX_BATCH,
    best_of,
    index_terms,
    indexed_best,
    prefix_rows,
    scored,
    terms_needed,
)
from tmkit.tm.store import (
    ImportReport,
    Keep,
    Match,
    MemoryStats,
    OriginStats,
    import_stamp,
    paused_collection,
    retagged_pairs,
    stored_list,
    stored_pairs,
    unit_context,
)
from tmkit.units import Memory, TranslationUnit, Variant

APPLICATION_ID = 0x746D6B74  # "tmkt"
SCHEMA_VERSION = 7
CANDIDATES = 300
# Units (most rare query words first) read before the language filter keeps CANDIDATES.
FTS_RANKED = 400
# The columns an import writes, in order (the id is the order units were added in).
_UNIT_COLUMNS = (
    "src_lang", "tgt_lang", "src_base", "tgt_base", "src", "tgt", "src_terms", "tuid",
    "creationdate", "context", "props", "notes", "src_markup", "tgt_markup", "origin", "added",
    "tgt_terms",
)  # fmt: skip
_INSERT_UNIT = (
    f"INSERT OR IGNORE INTO units ({', '.join(_UNIT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_UNIT_COLUMNS))})"
)
INSERT_BATCH = 2_000  # pairs an import stores with one executemany
# The full-text index (concordance, a look-up's rarest words) reads both sides' words as
# fuzzy.index_terms gives them, joined by spaces: a character a word in scripts written
# without spaces, so "涡轮机" is found in a Chinese target too. Its tokens must be those
# words exactly, since the word counts that rank them come from it: an underscore, a
# decimal point and a thousands comma are part of a word ("file_name", "3.5", "1,200"),
# which the tokeniser would otherwise have cut (an import of such a source then stopped,
# its words unranked).
_FULL_TEXT = """
CREATE VIRTUAL TABLE units_fts USING fts5 (
    src_terms, tgt_terms, content='units', content_rowid='id',
    tokenize="unicode61 remove_diacritics 0 tokenchars '-''’_.,'"
);
CREATE VIRTUAL TABLE units_vocab USING fts5vocab (units_fts, 'row');
"""
_FULL_TEXT_TRIGGER = """
CREATE TRIGGER units_from_fts AFTER DELETE ON units BEGIN
    INSERT INTO units_fts (units_fts, rowid, src_terms, tgt_terms)
    VALUES ('delete', old.id, old.src_terms, old.tgt_terms);
END;
"""
_SCHEMA = f"""
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
    src_base TEXT NOT NULL, tgt_base TEXT NOT NULL,
    src TEXT NOT NULL, tgt TEXT NOT NULL,
    src_terms TEXT NOT NULL,
    tuid TEXT, creationdate TEXT, context TEXT, props TEXT NOT NULL, notes TEXT NOT NULL,
    src_markup TEXT, tgt_markup TEXT, origin TEXT, added TEXT, tgt_terms TEXT NOT NULL
);
CREATE UNIQUE INDEX units_pair ON units (src, src_lang, tgt_lang, tgt);
CREATE INDEX units_origin ON units (origin);
CREATE TABLE origins (name TEXT PRIMARY KEY, penalty INTEGER NOT NULL) WITHOUT ROWID;
{_FULL_TEXT}
CREATE TABLE term_docs (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE term_ranks (term TEXT PRIMARY KEY, rank INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE prefixes (
    term TEXT NOT NULL, length INTEGER NOT NULL, unit INTEGER NOT NULL,
    signature INTEGER NOT NULL,
    PRIMARY KEY (term, length, unit)
) WITHOUT ROWID;
{_FULL_TEXT_TRIGGER}
"""
# Version 3 records where each unit came from and when it was added (for stats, deletion,
# de-duplication and per-origin penalties), ranks words by rarity, and fills the full-text
# index once an import, not by a trigger a row (twice as fast).
_TO_VERSION_3 = """
DROP TRIGGER IF EXISTS units_to_fts;
CREATE TABLE term_ranks (term TEXT PRIMARY KEY, rank INTEGER NOT NULL) WITHOUT ROWID;
ALTER TABLE units ADD COLUMN origin TEXT;
ALTER TABLE units ADD COLUMN added TEXT;
CREATE INDEX units_origin ON units (origin);
CREATE TABLE origins (name TEXT PRIMARY KEY, penalty INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER units_from_fts AFTER DELETE ON units BEGIN
    INSERT INTO units_fts (units_fts, rowid, src_terms, tgt)
    VALUES ('delete', old.id, old.src_terms, old.tgt);
END;
"""
# Version 4 indexes each unit's rarest words by length with the unit's word signature (the
# prefix index fuzzy look-ups read; built for the units there by _index_prefixes). Version 3
# had the index without signatures.
_TO_VERSION_4 = """
DROP TABLE IF EXISTS prefixes;
CREATE TABLE prefixes (
    term TEXT NOT NULL, length INTEGER NOT NULL, unit INTEGER NOT NULL,
    signature INTEGER NOT NULL,
    PRIMARY KEY (term, length, unit)
) WITHOUT ROWID;
"""
# Version 5 keeps a pair once by one unique index that starts with the source text, so the
# same B-tree finds exact matches: versions up to 4 kept a second index on the source text,
# and an import paid for both (a third of a million-unit import's inserting time). A memory
# made before keeps its old inline constraint, which SQLite cannot drop; it is only redundant.
_TO_VERSION_5 = """
CREATE UNIQUE INDEX IF NOT EXISTS units_pair ON units (src, src_lang, tgt_lang, tgt);
DROP INDEX IF EXISTS units_src;
"""
# Version 6 reads Chinese, Japanese, Thai and the other scripts written without spaces a
# character a word (SqliteTM._reindex_unspaced), and indexes each target's words, not its
# text, so the full-text index splits those scripts too (version 5 indexed the text itself).
_TO_VERSION_6 = f"""
DROP TRIGGER IF EXISTS units_from_fts;
DROP TABLE IF EXISTS units_vocab;
DROP TABLE IF EXISTS units_fts;
ALTER TABLE units ADD COLUMN tgt_terms TEXT NOT NULL DEFAULT '';
{_FULL_TEXT}{_FULL_TEXT_TRIGGER}"""


def _reported(method):
    """Database errors of a look-up or listing as one InputError naming the memory."""

    @functools.wraps(method)
    def wrapper(self: SqliteTM, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._problem(exc) from None

    return wrapper


class SqliteTM:
    """The SQLite implementation of TranslationMemoryStore.

    A memory that does not exist yet is built in a temporary file beside it and appears, in
    one step, when its first import commits: a first import that fails or is killed leaves
    no file, and one that finds another process's new memory in its place adds its units to
    it instead of replacing it. Writers wait for each other up to `wait` seconds."""

    def __init__(self, path: str | Path, create: bool = False, wait: float = WAIT) -> None:
        self.path = Path(path)
        self.wait = wait
        self._pending: Path | None = None  # the temporary file of a memory not yet published
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise InputError(str(path), os_problem(exc)) from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), "is a directory, not a translation memory")
        if info is None:
            if not create:
                raise InputError(str(path), "no such translation memory")
            fd, name = temporary_beside(self.path, str(path))
            os.close(fd)
            self._pending = Path(name)
        self._open(self._pending or self.path)

    def _open(self, file: Path) -> None:
        try:
            self._db = sqlite3.connect(file, isolation_level=None, timeout=self.wait)
            self._db.row_factory = sqlite3.Row
            self._check_or_create()
        except sqlite3.Error as exc:
            raise self._problem(exc) from None

    def _problem(self, exc: sqlite3.Error) -> InputError:
        """A database error as one line that names the memory and what went wrong."""
        message = str(exc)
        if "locked" in message or "busy" in message:
            problem = (
                f"in use by another writer for more than {self.wait:g} s; "
                "try again when it has finished (or give a longer --wait)"
            )
        elif "malformed" in message or "not a database" in message:
            problem = f"damaged or not a tmkit translation memory ({message})"
        elif "full" in message:
            problem = f"no space left on device ({message})"
        elif "readonly" in message or "read-only" in message:
            problem = f"cannot write: {message}"
        else:
            problem = f"database error: {message}"
        return InputError(str(self.path), problem)

    def _check_or_create(self) -> None:
        application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id == 0 and tables == 0:
            # WAL from the start, a new memory's temporary file too: it is published already
            # in WAL mode (its log is folded in when it is closed before the link), so no
            # process has to switch the mode of a file another may be writing into, which
            # SQLite refuses at once as "database is locked".
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(
                f"BEGIN; {_SCHEMA} PRAGMA application_id={APPLICATION_ID}; "
                f"PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
            )
        elif application_id != APPLICATION_ID:
            raise InputError(str(self.path), "not a tmkit translation memory")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == 1:  # version 2 keeps inline codes beside the text
            self._db.executescript(
                "BEGIN; ALTER TABLE units ADD COLUMN src_markup TEXT; "
                "ALTER TABLE units ADD COLUMN tgt_markup TEXT; PRAGMA user_version=2; COMMIT;"
            )
            version = 2
        if version == 2:
            self._db.executescript(f"BEGIN; {_TO_VERSION_3} PRAGMA user_version=3; COMMIT;")
            version = 3
        if version == 3:
            self._db.executescript(f"BEGIN; {_TO_VERSION_4}")
            self._index_prefixes(0)
            self._db.execute("PRAGMA user_version=4")
            self._db.execute("COMMIT")
            version = 4
        if version == 4:
            self._db.executescript(f"BEGIN; {_TO_VERSION_5} PRAGMA user_version=5; COMMIT;")
            version = 5
        if version == 5:
            self._db.executescript(f"BEGIN; {_TO_VERSION_6}")
            self._reindex_unspaced()
            self._db.execute("PRAGMA user_version=6")
            self._db.execute("COMMIT")
            version = 6
        if version == 6:
            self._db.execute("BEGIN IMMEDIATE")
            if self._db.execute("PRAGMA user_version").fetchone()[0] == 6:
                self._canonical_tags()
                self._db.execute("PRAGMA user_version=7")
            self._db.execute("COMMIT")
            version = 7
        if version != SCHEMA_VERSION:
            raise InputError(str(self.path), f"unsupported TM schema version {version}")

    def _reindex_unspaced(self) -> None:
        """Version 6: every unit's target words, and the source words again of the units
        whose source holds a script written without spaces (Chinese, Japanese, Thai: a
        character a word, fuzzy.index_terms); then the full-text index and the word counts
        anew, and where a source changed the word ranks and the prefix rows too."""
        changed = False
        last = 0
        while batch := self._db.execute(  # a batch at a time: memory stays flat
            "SELECT id, src, tgt FROM units WHERE id > ? ORDER BY id LIMIT ?",
            (last, PREFIX_BATCH),
        ).fetchall():
            self._db.executemany(
                "UPDATE units SET tgt_terms = ? WHERE id = ?",
                [(" ".join(index_terms(target)), unit_id) for unit_id, _, target in batch],
            )
            sources = [(" ".join(index_terms(source)), unit_id)
                       for unit_id, source, _ in batch if holds_unspaced(source)]  # fmt: skip
            self._db.executemany("UPDATE units SET src_terms = ? WHERE id = ?", sources)
            changed = changed or bool(sources)
            last = batch[-1][0]
        self._db.execute("INSERT INTO units_fts (units_fts) VALUES ('rebuild')")
        self._count_terms()
        if changed:
            self._db.execute("DELETE FROM term_ranks")
            self._db.execute("DELETE FROM prefixes")
            self._index_prefixes(0)

    def _canonical_tags(self) -> None:
        """Version 7: units stored under a tag not in canonical case ("EN", "pt_BR", as
        imported before tags were canonicalised) are stored under the canonical one, so a
        new import of the same pairs finds them; where a pair is under both, the unit added
        first is kept, as an import keeps it."""
        held = self._db.execute("SELECT DISTINCT src_lang, tgt_lang FROM units").fetchall()
        renamed = retagged_pairs(tuple(row) for row in held)
        for (src_lang, tgt_lang), (new_src, new_tgt) in renamed:
            colliding = self._db.execute(
                "SELECT max(old.id, new.id) FROM units AS old JOIN units AS new "
                "ON new.src = old.src AND new.src_lang = ? AND new.tgt_lang = ? "
                "AND new.tgt = old.tgt WHERE old.src_lang = ? AND old.tgt_lang = ?",
                (new_src, new_tgt, src_lang, tgt_lang),
            ).fetchall()
            self._delete(row[0] for row in colliding)
            self._db.execute(
                "UPDATE units SET src_lang = ?, tgt_lang = ? WHERE src_lang = ? AND tgt_lang = ?",
                (new_src, new_tgt, src_lang, tgt_lang),
            )

    def close(self) -> None:
        """Close the database; a memory whose first import never committed is removed."""
        self._db.close()
        if self._pending is not None:
            self._pending.unlink(missing_ok=True)
            self._pending = None

    def __enter__(self) -> SqliteTM:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _publish(self) -> None:
        """Put a new memory in place after its first commit, in one step: linked, so a
        memory another process made meanwhile is never replaced but receives these units."""
        pending = self._pending
        assert pending is not None
        self._db.close()
        give_mode(pending, None)
        try:
            os.link(pending, self.path)
        except FileExistsError:
            self._pending = None
            self._open(self.path)
            try:
                self._merge_from(pending)
            finally:
                pending.unlink(missing_ok=True)
            return
        except OSError as exc:
            raise InputError(str(self.path), os_problem(exc)) from None
        pending.unlink(missing_ok=True)
        self._pending = None
        self._open(self.path)

    def import_units(
        self,
        batches: Iterable[tuple[Memory, TranslationUnit]],
        origin: str | None = None,
        penalty: int | None = None,
    ) -> ImportReport:
        """Add every source/target pair of the units in one transaction, each marked with
        `origin` (whose look-up penalty becomes `penalty` when given)."""
        report = ImportReport()
        added = import_stamp()
        with paused_collection(), self._writing():
            if origin is not None:
                self._db.execute(
                    "INSERT INTO origins VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                    "SET penalty = coalesce(?, penalty)",
                    (origin, penalty or 0, penalty),
                )
            first_new = self._next_id()
            rows: list[tuple] = []
            for unit, source, target in stored_pairs(batches):
                report.read += 1
                rows.append(_unit_row(unit, source, target, origin, added))
                if len(rows) == INSERT_BATCH:
                    report.added += self._insert(rows)
                    rows = []
            report.added += self._insert(rows)
            if report.added:
                self._index_new(first_new)
        if self._pending is not None:
            self._publish()
        return report

    def _index_new(self, first_id: int) -> None:
        """Index the units numbered `first_id` on: full text in one statement (FTS5 takes a
        batch far faster than a row at a time), the word counts, the prefix index."""
        self._db.execute(
            "INSERT INTO units_fts (rowid, src_terms, tgt_terms) "
            "SELECT id, src_terms, tgt_terms FROM units WHERE id >= ?",
            (first_id,),
        )
        self._count_terms()
        self._index_prefixes(first_id)

    def _count_terms(self) -> None:
        """Rebuild the document counts a look-up picks a query's rarest words by."""
        self._db.execute("DELETE FROM term_docs")
        self._db.execute("INSERT INTO term_docs SELECT term, doc FROM units_vocab")

    def _next_id(self) -> int:
        return self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM units").fetchone()[0]

    def _ranks(self) -> dict[str, int]:
        """Every word's fixed rarity rank: its number of units when the memory first held
        it (words new to the memory get theirs now)."""
        self._db.execute(
            "INSERT INTO term_ranks SELECT term, docs FROM term_docs WHERE true "
            "ON CONFLICT (term) DO NOTHING"
        )
        return dict(self._db.execute("SELECT term, rank FROM term_ranks"))

    def _index_prefixes(self, first_id: int) -> None:
        """Index the rarest words of the units numbered `first_id` on (see prefix_size)."""
        ranks = self._ranks()
        rows = self._db.execute(
            "SELECT id, src_terms FROM units WHERE id >= ? ORDER BY id", (first_id,)
        )
        self._db.execute("DROP TABLE IF EXISTS temp.new_prefixes")
        self._db.execute("CREATE TEMP TABLE new_prefixes (term, length, unit, signature)")
        while chunk := rows.fetchmany(PREFIX_BATCH):
            units = list(_split_terms(chunk))
            # A word the full-text tokeniser reads otherwise than index_terms (a letter that
            # Unicode 6.1, its tables, calls a mark: New Tai Lue's vowels) has no count:
            # ranked rarest, once, so the look-up orders it as the prefix rows do.
            unranked = {word for _, words in units for word in words} - ranks.keys()
            if unranked:
                self._db.executemany(
                    "INSERT OR IGNORE INTO term_ranks VALUES (?, 1)", [(w,) for w in unranked]
                )
                ranks.update(dict.fromkeys(unranked, 1))
            self._db.executemany(
                "INSERT INTO new_prefixes VALUES (?, ?, ?, ?)", prefix_rows(units, ranks)
            )
        # One pass in the index's order writes each page of it once; chunks sorted apart had
        # spread their writes over the whole B-tree (half of a 1M-unit import's time).
        self._db.execute(
            "INSERT OR IGNORE INTO prefixes SELECT * FROM new_prefixes ORDER BY term, length, unit"
        )
        self._db.execute("DROP TABLE temp.new_prefixes")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back on any error (a
        database error as one InputError naming the memory)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._problem(exc) from None
        try:
            yield
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._problem(exc) from None
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._problem(exc) from None

    def _merge_from(self, other: Path) -> None:
        """Add another memory file's pairs (origins and dates kept) to this one, in one
        transaction: how a new memory joins one another process created meanwhile."""
        columns = ", ".join(_UNIT_COLUMNS)
        try:
            self._db.execute("ATTACH DATABASE ? AS staged", (str(other),))
        except sqlite3.Error as exc:
            raise self._problem(exc) from None
        try:
            with self._writing():
                self._db.execute(
                    "INSERT INTO origins SELECT * FROM staged.origins WHERE true "
                    "ON CONFLICT (name) DO UPDATE SET penalty = excluded.penalty"
                )
                first_new = self._next_id()
                self._db.execute(
                    f"INSERT OR IGNORE INTO units ({columns}) "
                    f"SELECT {columns} FROM staged.units ORDER BY id"
                )
                self._index_new(first_new)
        finally:
            try:
                self._db.execute("DETACH DATABASE staged")
            except sqlite3.Error as exc:
                raise self._problem(exc) from None

    def _insert(self, rows: list[tuple]) -> int:
        """Store unit rows (the _UNIT_COLUMNS) the memory does not hold yet; how many."""
        if not rows:
            return 0
        return self._db.executemany(_INSERT_UNIT, rows).rowcount

    @_reported
    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str | None = None,
        minimum: int = 75,
        limit: int = 10,
        context: str | None = None,
        penalties: Mapping[str, int] | None = None,
    ) -> list[Match]:
        """Best matches, best first: in-context (101), exact (100), then fuzzy; each origin's
        penalty (stored, or as `penalties` gives it) taken off."""
        terms = index_terms(text)
        where, params = self._language_filter(src_lang, tgt_lang)
        penalty = {
            **dict(self._db.execute("SELECT name, penalty FROM origins")),
            **(penalties or {}),
        }

        def best_in(rows: Iterable[sqlite3.Row]) -> list[tuple[int, int]]:
            return scored(
                text,
                ((r["id"], r["src"], r["src_terms"].split(" ") if r["src_terms"] else [],
                  r["context"], penalty.get(r["origin"], 0)) for r in rows),
                minimum,
                context,
                limit,
            )  # fmt: skip

        best = best_in(
            self._db.execute(
                f"SELECT id, src, src_terms, context, origin FROM units WHERE src = ? AND {where}",
                (text, *params),
            )
        )
        if terms and minimum >= INDEXED_MINIMUM:
            best = indexed_best(
                terms,
                self._ranks_of(terms),
                best,
                minimum,
                limit,
                self._postings,
                lambda ids: best_in(self._rows_of(ids, where, params)),
            )
        elif rare := self._rarest(terms, terms_needed(len(terms), minimum)):
            best = best_of(best, best_in(self._candidates(rare, where, params)), limit)
        if not best:
            return []
        ids = [unit_id for unit_id, _ in best]
        full = {
            row["id"]: row
            for row in self._db.execute(
                f"SELECT * FROM units WHERE id IN ({','.join('?' * len(ids))})", ids
            )
        }
        return [
            _match(full[unit_id], score, penalty.get(full[unit_id]["origin"], 0))
            for unit_id, score in best
        ]

    def _ranks_of(self, terms: list[str]) -> dict[str, int]:
        """The rarity ranks of those of the words the memory holds."""
        unique = sorted(set(terms))
        return dict(
            self._db.execute(
                f"SELECT term, rank FROM term_ranks WHERE term IN ({','.join('?' * len(unique))})",
                unique,
            )
        )

    def _postings(
        self, terms: list[str], shortest: int, longest: int
    ) -> Iterator[list[tuple[int, int, int]]]:
        """The prefix index's (unit, length, signature) rows of each word in turn: a word is
        read when the look-up comes to it (in process, a query costs little, and the
        signatures are compared faster in Python than by a function SQLite calls)."""
        for term in terms:
            yield self._db.execute(
                "SELECT unit, length, signature FROM prefixes "
                "WHERE term = ? AND length BETWEEN ? AND ?",
                (term, shortest, longest),
            ).fetchall()

    def _rows_of(self, ids: list[int], where: str, params: tuple) -> list[sqlite3.Row]:
        """What scoring needs of these units, those in the wanted languages."""
        return self._db.execute(
            f"SELECT id, src, src_terms, context, origin FROM units "
            f"WHERE id IN ({','.join('?' * len(ids))}) AND {where}",
            (*ids, *params),
        ).fetchall()

    def _candidates(self, rare: list[str], where: str, params: tuple) -> list[sqlite3.Row]:
        """Units holding the most of the query's rarest words: each word's postings read from
        the FTS index and counted in SQL (no ranking, which costs more than the postings),
        and the best-covered units in the wanted languages fetched."""
        postings = " UNION ALL ".join(
            "SELECT rowid AS id FROM units_fts WHERE units_fts MATCH ?" for _ in rare
        )
        shared = dict(
            self._db.execute(
                f"SELECT id, count(*) AS shared FROM ({postings}) "
                f"GROUP BY id ORDER BY shared DESC, id LIMIT {FTS_RANKED}",
                [f'src_terms : "{term}"' for term in rare],
            ).fetchall()
        )
        if not shared:
            return []
        rows = self._rows_of(list(shared), where, params)
        rows.sort(key=lambda row: (-shared[row["id"]], row["id"]))
        return rows[:CANDIDATES]

    def _language_filter(self, src_lang: str, tgt_lang: str | None) -> tuple[str, tuple]:
        if tgt_lang is None:
            return "units.src_base = ?", (primary(src_lang),)
        return "units.src_base = ? AND units.tgt_base = ?", (
            primary(src_lang),
            primary(tgt_lang),
        )

    def _rarest(self, terms: list[str], count: int) -> list[str]:
        """The `count` query words that are in the fewest stored units (absent ones left out)."""
        unique = sorted(set(terms))
        if not unique:
            return []
        marks = ",".join("?" * len(unique))
        counts = self._db.execute(
            f"SELECT term, docs FROM term_docs WHERE term IN ({marks})", unique
        ).fetchall()
        absent = len(unique) - len(counts)
        ranked = [term for term, _ in sorted(counts, key=lambda c: (c[1], c[0]))]
        return ranked[: max(0, count - absent)]

    @_reported
    def concordance(self, words: str, lang: str | None = None, limit: int = 50) -> list[Match]:
        """Units whose source (or target) holds every word, in the order they were added."""
        terms = index_terms(words)
        if not terms:
            return []
        query = " AND ".join(f'"{term}"' for term in terms)
        where = "1" if lang is None else "(units.src_base = ? OR units.tgt_base = ?)"
        params: tuple = () if lang is None else (primary(lang), primary(lang))
        rows = self._db.execute(
            f"SELECT units.* FROM units_fts JOIN units ON units.id = units_fts.rowid "
            f"WHERE units_fts MATCH ? AND {where} ORDER BY units.id LIMIT ?",
            (query, *params, limit),
        ).fetchall()
        return [_match(row, 0) for row in rows]

    def units(self) -> Iterator[tuple[Memory, TranslationUnit]]:
        """Every stored pair, as two-variant units, in the order they were added."""
        try:
            yield from self._rows()
        except sqlite3.Error as exc:
            raise self._problem(exc) from None

    def _rows(self) -> Iterator[tuple[Memory, TranslationUnit]]:
        for row in self._db.execute("SELECT * FROM units ORDER BY id"):
            unit = TranslationUnit(
                [
                    Variant(row["src_lang"], row["src"], row["src_markup"]),
                    Variant(row["tgt_lang"], row["tgt"], row["tgt_markup"]),
                ],
                tuid=row["tuid"],
                creationdate=row["creationdate"],
                props=[tuple(p) for p in json.loads(row["props"])],
                notes=json.loads(row["notes"]),
            )
            yield Memory(srclang=row["src_lang"], tgtlang=row["tgt_lang"]), unit

    @_reported
    def main_languages(self) -> tuple[str, str] | None:
        """The most frequent (source, target) language pair, or None when empty."""
        row = self._db.execute(
            "SELECT src_lang, tgt_lang FROM units GROUP BY src_lang, tgt_lang "
            "ORDER BY count(*) DESC, src_lang, tgt_lang LIMIT 1"
        ).fetchone()
        return (row[0], row[1]) if row else None

    @_reported
    def language_pairs(self) -> list[tuple[str, str, int]]:
        """Every (source, target) language pair with its number of units, most first."""
        rows = self._db.execute(
            "SELECT src_lang, tgt_lang, count(*) FROM units GROUP BY src_lang, tgt_lang "
            "ORDER BY count(*) DESC, src_lang, tgt_lang"
        )
        return [(src, tgt, n) for src, tgt, n in rows]

    @_reported
    def count(self) -> int:
        """How many pairs the memory holds."""
        return self._db.execute("SELECT count(*) FROM units").fetchone()[0]

    @_reported
    def stats(self) -> MemoryStats:
        """Units per language pair and per origin, and the dates they span."""
        dates = self._db.execute(
            "SELECT min(creationdate), max(creationdate), min(added), max(added) FROM units"
        ).fetchone()
        origins = self._db.execute(
            "SELECT units.origin, count(*), coalesce(origins.penalty, 0) FROM units "
            "LEFT JOIN origins ON origins.name = units.origin "
            "GROUP BY units.origin ORDER BY count(*) DESC, units.origin"
        )
        return MemoryStats(
            self.count(), self.language_pairs(), [OriginStats(*row) for row in origins], *dates
        )

    @_reported
    def select_units(
        self, ids: Iterable[int] = (), origin: str | None = None, words: str | None = None
    ) -> list[int]:
        """The ids of the units that meet every criterion given: one of `ids`, from
        `origin`, holding all of `words` on either side."""
        conditions, params = [], []
        wanted = sorted(set(ids))
        if wanted:
            conditions.append(f"id IN ({','.join('?' * len(wanted))})")
            params += wanted
        if origin is not None:
            conditions.append("origin = ?")
            params.append(origin)
        if words is not None:
            terms = index_terms(words)
            if not terms:
                return []
            conditions.append("id IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?)")
            params.append(" AND ".join(f'"{term}"' for term in terms))
        where = " AND ".join(conditions) or "1"
        return [
            i
            for (i,) in self._db.execute(f"SELECT id FROM units WHERE {where} ORDER BY id", params)
        ]

    @_reported
    def duplicates(self, keep: Keep = "newest", prefer: str | None = None) -> list[int]:
        """Units whose source another unit has too (same languages, same context), all but
        one of each group: the one from `prefer` if any, else the newest (or oldest)."""
        order = "DESC" if keep == "newest" else "ASC"
        rows = self._db.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY src_lang, tgt_lang, src, "
            f"coalesce(context, '') ORDER BY origin IS ? DESC, coalesce(creationdate, added) "
            f"{order}, id {order}) AS rank FROM units) WHERE rank > 1 ORDER BY id",
            (prefer,),
        )
        return [unit_id for (unit_id,) in rows]

    def delete_units(self, ids: Iterable[int]) -> int:
        """Remove units, in one transaction; how many there were."""
        with self._writing():
            return self._delete(ids)

    def _delete(self, ids: Iterable[int]) -> int:
        """delete_units inside a transaction already open: the units, their prefix rows and
        (when any went) the word counts."""
        doomed = sorted(set(ids))
        removed = 0
        ranks = dict(self._db.execute("SELECT term, rank FROM term_ranks")) if doomed else {}
        for start in range(0, len(doomed), 500):
            chunk = doomed[start : start + 500]
            gone = self._db.execute(
                f"SELECT id, src_terms FROM units WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            self._db.executemany(
                "DELETE FROM prefixes WHERE term = ? AND length = ? AND unit = ?",
                (row[:3] for row in prefix_rows(_split_terms(gone), ranks)),
            )
            removed += self._db.execute(
                f"DELETE FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).rowcount
        if removed:
            self._count_terms()
        return removed


def _unit_row(
    unit: TranslationUnit, source: Variant, target: Variant, origin: str | None, added: str
) -> tuple:
    """A pair's row as the units table stores it (the _UNIT_COLUMNS, in order)."""
    return (
        source.lang, target.lang, primary(source.lang), primary(target.lang),
        source.text, target.text, " ".join(index_terms(source.text)), unit.tuid,
        unit.creationdate, unit_context(unit),
        stored_list(unit.props), stored_list(unit.notes),
        source.markup, target.markup, origin, added, " ".join(index_terms(target.text)),
    )  # fmt: skip


def _split_terms(units: Iterable[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """(id, words) of (id, src_terms) rows: the words are stored joined by spaces."""
    return ((unit_id, stored.split(" ") if stored else []) for unit_id, stored in units)


def _match(row: sqlite3.Row, score: int, penalty: int = 0) -> Match:
    return Match(
        score=score,
        src=row["src"],
        tgt=row["tgt"],
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        tuid=row["tuid"],
        props=[tuple(p) for p in json.loads(row["props"])],
        origin=row["origin"],
        penalty=penalty,
        id=row["id"],
    )
