"""A translation memory in PostgreSQL, for a team: the SQLite store's look-up, on a server.

The same candidate rules as the SQLite store (see tmkit.tm.sqlite). At INDEXED_MINIMUM or
more, the prefix index: each unit's rarest words by fixed rank (a table every import adds
the new words' ranks to, under a lock, so a word is ranked once), in a table with a B-tree
on (word number, length, unit) that carries each unit's signature, so the units of the lengths a
match can have that hold one of the query's rarest words are index-only ranges; the rows are
computed by fuzzy.placed_prefix_rows, as the SQLite store's are, and copied in; a query's words are
ordered in SQL as that function orders a unit's (rank, then the word in code-point order),
and their signature bits as fuzzy.term_bit gives them. A look-up is one round trip:
its independent questions go in a pipeline, and the server picks the query's rarest words by
their ranks, reads their prefix rows and counts the signature bits (bit_count: PostgreSQL 14 or
later), returning only the candidates that can reach the minimum, with their rows. Below it,
a unit within p% of an n-word query holds one of its ⌊n(1 − p)/p⌋ + 1 rarest words (by each
word's number of units, kept up to date by every import): the units of the lengths a match
can have that hold one come from the GIN index over each unit's words, as the SQLite store
takes them from its full-text index, and those holding the most are scored. Exact and
in-context matches come from the unique index of pairs, which begins with the source text's
digest; concordance from the same GIN index. An import is one transaction (a failed import
changes nothing): its pairs go into a staging table by binary COPY, their source words kept
on the way (StagedWords), then into the memory in one statement, then the words' counts
and the new units' prefix rows, computed from the kept words. Writers may run at once
(imports one after another): a pair two of them add is stored once; a first load into an
empty memory builds the indexes after its rows, and its prefix rows meanwhile. Every query is
parameterised. An older schema is brought up to this version when the memory is opened,
one numbered step at a time (_MIGRATIONS), each in a transaction under a lock.
"""

from __future__ import annotations

import functools
import json
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, count
from typing import Any

from tmkit.errors import InputError
from tmkit.lang import primary
from tmkit.scripts import UNSPACED_PATTERN
from tmkit.tm.fuzzy import (
    INDEXED_MINIMUM,
    PREFIX_BATCH,
    best_of,
    index_terms,
    indexed_best,
    length_range,
    placed_prefix_rows,
    prefix_rows,
    prefix_size,
    rarity_order,
    scored,
    signature_bits,
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

SCHEMA_VERSION = 8
CANDIDATES = 300  # units scored per look-up, as in the SQLite store
RANKED_BELOW_INDEXED = 400  # units holding the most rare words, below INDEXED_MINIMUM
# A pair is stored once: its languages and the MD5 of each text (as a 16-byte uuid), a key
# of fixed size however long the text (a B-tree entry of the texts themselves may not pass
# 2,704 bytes, and a segment of a few pages did). md5 is immutable, as an index needs.
# The source's digest leads, so the same index finds exact matches (by the digest, then the
# text) and no index of the source text itself is needed.
_PAIR_KEY = "(md5(src)::uuid), (md5(tgt)::uuid), src_lang, tgt_lang"
_PAIR_INDEX = f"CREATE UNIQUE INDEX IF NOT EXISTS units_pair ON units ({_PAIR_KEY})"
# Each statement runs on its own: psycopg sends one at a time.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS tmkit_schema (version integer NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS units (
        id bigserial PRIMARY KEY,
        src_lang text NOT NULL, tgt_lang text NOT NULL,
        src_base text NOT NULL, tgt_base text NOT NULL,
        src text NOT NULL, tgt text NOT NULL,
        src_terms text[] COLLATE "C" NOT NULL, words text[] COLLATE "C" NOT NULL,
        tuid text, creationdate text, context text, props text NOT NULL, notes text NOT NULL,
        src_markup text, tgt_markup text, origin text, added text)""",
    _PAIR_INDEX,
    """CREATE INDEX IF NOT EXISTS units_origin ON units (origin)""",
    """CREATE TABLE IF NOT EXISTS origins (name text PRIMARY KEY, penalty integer NOT NULL)""",
    """CREATE INDEX IF NOT EXISTS units_words ON units USING gin (words)""",
    """CREATE TABLE IF NOT EXISTS term_docs (
        term text COLLATE "C" PRIMARY KEY, docs bigint NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS term_ranks (
        term text COLLATE "C" PRIMARY KEY, rank bigint NOT NULL, bit smallint NOT NULL,
        id integer GENERATED BY DEFAULT AS IDENTITY)""",
    """CREATE TABLE IF NOT EXISTS prefixes (
        word integer NOT NULL, length integer NOT NULL, unit bigint NOT NULL,
        signature bigint NOT NULL)""",
    """CREATE INDEX IF NOT EXISTS prefixes_word ON prefixes (word, length, unit)
        INCLUDE (signature)""",
)
# A word's bit in a unit's signature, as fuzzy.term_bit computes it.
_TERM_BIT = "get_byte(decode(md5(convert_to({}, 'UTF8')), 'hex'), 0) & 63"
# Each version's changes to the one before: version 2 records where each unit came from and
# when it was added (for stats, deletion, de-duplication and per-origin penalties), and
# ranks words by rarity; version 3 indexes each unit's rarest words with its signature (the
# prefix index fuzzy look-ups at INDEXED_MINIMUM or more read; version 2 had one without
# signatures); version 4 drops the table of every word's postings, which look-ups below it
# read until they took their units from the GIN index over the units' words (a third of an
# import's time went to writing and indexing it); version 5 keys a pair by its texts'
# digests; version 6 compares words by their bytes (collation "C") rather than by the
# database's language rules, which mean nothing for index keys and made building the word
# and prefix indexes about a third slower, and finds exact matches by the pair index, whose
# source digest now leads, rather than by a hash index of its own.
# Version 7 reads Chinese, Japanese, Thai and the other scripts written without spaces a
# character a word (PostgresTM._reindex_unspaced); the tables are the same. Version 8 stores
# every unit under its language tags in canonical case (PostgresTM._canonical_tags).
_MIGRATIONS = {
    2: (
        "ALTER TABLE units ADD COLUMN IF NOT EXISTS origin text, "
        "ADD COLUMN IF NOT EXISTS added text",
        """CREATE INDEX IF NOT EXISTS units_origin ON units (origin)""",
        """CREATE TABLE IF NOT EXISTS origins (name text PRIMARY KEY, penalty integer NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS term_ranks (term text PRIMARY KEY, rank bigint NOT NULL)""",
        """INSERT INTO term_ranks SELECT term, docs FROM term_docs ON CONFLICT DO NOTHING""",
    ),
    3: (
        "ALTER TABLE term_ranks ADD COLUMN IF NOT EXISTS bit smallint",
        f"UPDATE term_ranks SET bit = {_TERM_BIT.format('term')}",
        "ALTER TABLE term_ranks ALTER COLUMN bit SET NOT NULL",
        "DROP TABLE IF EXISTS prefixes",  # version 6 builds its successor
    ),
    4: ("DROP TABLE IF EXISTS postings",),
    5: (
        "CREATE UNIQUE INDEX IF NOT EXISTS units_pair ON units "
        "(src_lang, tgt_lang, (md5(src)::uuid), (md5(tgt)::uuid))",
        "ALTER TABLE units DROP CONSTRAINT IF EXISTS units_src_lang_tgt_lang_src_tgt_key",
    ),
    6: (
        'ALTER TABLE units ALTER COLUMN src_terms TYPE text[] COLLATE "C", '
        'ALTER COLUMN words TYPE text[] COLLATE "C"',
        'ALTER TABLE term_docs ALTER COLUMN term TYPE text COLLATE "C"',
        'ALTER TABLE term_ranks ALTER COLUMN term TYPE text COLLATE "C"',
        "DROP INDEX IF EXISTS units_pair",
        _PAIR_INDEX,
        "DROP INDEX IF EXISTS units_src",
        "ALTER TABLE term_ranks ADD COLUMN IF NOT EXISTS id integer "
        "GENERATED BY DEFAULT AS IDENTITY",
        "DROP TABLE IF EXISTS prefixes",
        _SCHEMA[-2],
        lambda store: store._index_prefixes(),
        _SCHEMA[-1],
    ),
    7: (lambda store: store._reindex_unspaced(),),
    8: (lambda store: store._canonical_tags(),),
}


# Indexes a first load into an empty memory builds after its rows (it holds the table alone,
# and its pairs were made distinct in the staging table, so none can conflict meanwhile).
_AFTER_LOAD_INDEXES = ("units_pair", "units_words", "prefixes_word")
_COLUMNS = (
    "src_lang, tgt_lang, src_base, tgt_base, src, tgt, src_terms, words, tuid, creationdate, "
    "context, props, notes, src_markup, tgt_markup, origin, added"
)
# What a match shows of its unit, in the order _match reads them; a candidate's row adds what
# scoring reads.
_MATCH_COLUMNS = "id, src, tgt, src_lang, tgt_lang, tuid, props, origin"
_CANDIDATE_COLUMNS = f"{_MATCH_COLUMNS}, src_terms, context"
_RANKS = "SELECT term, rank FROM term_ranks WHERE term = ANY(%s)"
# The prefix index's rows of the query's rarest words (the first N of its word occurrences
# in fuzzy.prefix_size's order, those the memory holds) for lengths from L to M, each with
# its unit's row (_CANDIDATE_COLUMNS), less those whose signature cannot reach the minimum P
# against the query's W words (by the bound fuzzy.indexed_best gives), in the wanted
# languages: what fuzzy.indexed_best reads, computed on the server beside the query's ranks,
# so a look-up is one round trip. Parameters: the query's words, N, L, M, P, W, the language
# filter's.
_INDEXED_CANDIDATES = f"""
WITH query AS (
    SELECT t.term, t.position, r.rank, r.bit, r.id
    FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, position)
    LEFT JOIN term_ranks AS r ON r.term = t.term
), placed AS (
    SELECT term, rank, id,
           row_number() OVER (ORDER BY coalesce(rank, -1), term COLLATE "C", position) AS place
    FROM query
), wanted AS (
    SELECT DISTINCT term, id FROM placed WHERE rank IS NOT NULL AND place <= %s
), held AS (
    SELECT bit_or(1::bigint << bit) AS mask, count(rank) AS occurrences FROM query
)
SELECT wanted.term, p.length, p.signature, {_CANDIDATE_COLUMNS.replace("id, ", "units.id, ", 1)}
FROM wanted
JOIN prefixes AS p ON p.word = wanted.id AND p.length BETWEEN %s AND %s
CROSS JOIN held
JOIN units ON units.id = p.unit
WHERE bit_count((p.signature & held.mask)::bit(64))
      + held.occurrences - bit_count(held.mask::bit(64))
      >= (%s * greatest(%s, p.length) + 99) / 100
  AND {{where}}"""
# The staging table: a pair's columns as the units table has them, but each side's words
# as one string joined by spaces (words hold none), which the merge makes the word arrays
# of; copied in binary. Sending the arrays themselves, psycopg dumped them element by
# element in Python, a third of an import's time.
_STAGED = (
    *((column, "text") for column in (
        "src_lang", "tgt_lang", "src_base", "tgt_base", "src", "tgt", "src_words", "tgt_words",
        "tuid", "creationdate", "context", "props", "notes", "src_markup", "tgt_markup",
        "origin", "added")),
    ("maybe_repeat", "boolean"),
    ("seq", "bigint"),
)  # fmt: skip
_STAGING = f"CREATE TEMP TABLE staging ({', '.join(f'{c} {t}' for c, t in _STAGED)}) ON COMMIT DROP"
_COPY_STAGING = f"COPY staging ({', '.join(c for c, _ in _STAGED)}) FROM STDIN (FORMAT BINARY)"
_STAGING_TYPES = [t for _, t in _STAGED]
_COPY_PREFIXES = "COPY prefixes (word, length, unit, signature) FROM STDIN (FORMAT BINARY)"
# What begins and ends a binary COPY (PostgreSQL's "COPY" page: the signature, flags and
# header extension length; a field count of -1).
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_COPY_TRAILER = b"\xff\xff"
# Units of the lengths from L to M holding the most of the given words in their source (the
# GIN index finds those holding one on either side), ranked as _candidates reads them.
_HOLDING_RARE = """
SELECT unit, shared FROM (
    SELECT id AS unit,
           (SELECT count(DISTINCT term) FROM unnest(src_terms) AS term WHERE term = ANY(%s))
           AS shared
    FROM units WHERE words && %s::text[] AND cardinality(src_terms) BETWEEN %s AND %s
) AS holding
WHERE shared > 0 ORDER BY shared DESC, unit LIMIT %s"""
# New pairs, numbered in the order they were read from the first id (the parameter: the
# units' sequence's next value; the staging order starts at 1), skipping those the memory
# holds (the conflict clause, unless it is empty) and pairs read twice after their first
# reading; the number added comes back, and the staging numbers of the pairs left out. A
# pair read before is flagged on the way in (maybe_repeat: its hash was seen before, as
# every repeat's was), so only the flagged rows are compared with the earlier ones and the
# rows need no sort. Numbering them (rather than a sequence numbering them as they come)
# needs no sort into order either, and is safe as imports hold _RANK_LOCK: no other rows
# come in meanwhile. Each word's number of units grows by what the import counted of the
# pairs it staged (staged_words: each pair's distinct source words, counted with numpy,
# where a server took seconds a million units), less the pairs it did not add, recounted
# here (their occurrences that no earlier place in the pair holds).
_MERGE_TEMPLATE = f"""
WITH repeats AS (
    SELECT DISTINCT later.seq
    FROM staging AS later
    JOIN staging AS earlier
      ON earlier.src = later.src AND earlier.tgt = later.tgt
     AND earlier.src_lang = later.src_lang AND earlier.tgt_lang = later.tgt_lang
     AND earlier.seq < later.seq
    WHERE later.maybe_repeat
), added AS (
    INSERT INTO units (id, {_COLUMNS})
    SELECT %(first)s - 1 + seq, src_lang, tgt_lang, src_base, tgt_base, src, tgt,
           string_to_array(src_words, ' '),
           array_remove(string_to_array(src_words || ' ' || tgt_words, ' '), ''),
           tuid, creationdate, context, props, notes, src_markup, tgt_markup, origin, added
    FROM staging WHERE seq NOT IN (SELECT seq FROM repeats)
    {{on_conflict}}
    RETURNING id
), not_added AS (
    SELECT seq, src_words FROM staging WHERE {{left_out}}
), left_out AS (
    SELECT word.term, -count(*) AS docs
    FROM not_added,
         unnest(string_to_array(not_added.src_words, ' ')) WITH ORDINALITY AS word(term, place)
    WHERE NOT word.term = ANY((string_to_array(not_added.src_words, ' '))[:word.place - 1])
    GROUP BY word.term
), counted AS (
    INSERT INTO term_docs (term, docs)
    SELECT term, sum(docs) FROM (
        SELECT term, docs FROM staged_words UNION ALL SELECT term, docs FROM left_out
    ) AS counts
    GROUP BY term HAVING sum(docs) > 0 ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = term_docs.docs + excluded.docs
)
SELECT (SELECT count(*) FROM added), ARRAY(SELECT seq FROM not_added ORDER BY seq)"""
_MERGE_STAGING = _MERGE_TEMPLATE.format(
    on_conflict=f"ON CONFLICT ({_PAIR_KEY}) DO NOTHING",
    left_out="seq NOT IN (SELECT id - %(first)s + 1 FROM added)",
)
# Into an empty memory nothing conflicts: the pairs left out are the repeats.
_FIRST_LOAD = _MERGE_TEMPLATE.format(on_conflict="", left_out="seq IN (SELECT seq FROM repeats)")
_UNIT_IDS = "pg_get_serial_sequence('units', 'id')"
_INDEX = ("CREATE INDEX", "CREATE UNIQUE INDEX")
# How much of the prefix rows' COPY data (about 190 bytes a unit) a first load computes and
# holds while the server builds the units' indexes; the rest is computed as it is copied.
HELD_PREFIX_BYTES = 256 << 20
_STAGED_WORDS = "CREATE TEMP TABLE staged_words (term text, docs bigint) ON COMMIT DROP"
_COPY_STAGED_WORDS = "COPY staged_words (term, docs) FROM STDIN (FORMAT BINARY)"
# Words new to the memory get their fixed rank (their number of units now), then the new
# units' prefix rows are written; an import holds _RANK_LOCK, so ranks are given once.
_RANK_NEW_WORDS = f"""
INSERT INTO term_ranks (term, rank, bit)
SELECT d.term, d.docs, {_TERM_BIT.format("d.term")} FROM term_docs AS d
WHERE d.term IN (SELECT term FROM staged_words)
ON CONFLICT (term) DO NOTHING"""
# Each word's rank and number: those an import staged, or all the memory's. Every unit with
# its source words as one string, for a schema upgrade's prefix rows (psycopg read a million
# word arrays in 6 s, the strings in 1.7).
_RANKS_OF_STAGED = """SELECT term, rank, id FROM term_ranks
WHERE term IN (SELECT term FROM staged_words)"""
_RANKS_OF_ALL = "SELECT term, rank, id FROM term_ranks"
_UNIT_WORDS = "SELECT id, array_to_string(src_terms, ' ') FROM units"
_RANK_LOCK = 7463677
# Memory an import's sorts and index builds may use, for its transaction only, so a million
# pairs' sort and word index need not spill to disk as at the server's defaults (4 MB and
# 64 MB); measured, it saved little (a 1M import 96.5 → 90.9 s with the pair-key change).
_IMPORT_MEMORY = ("SET LOCAL work_mem = '256MB'", "SET LOCAL maintenance_work_mem = '256MB'")
# After an import commits: the visibility map that lets a look-up read prefix rows from the
# index alone, and the statistics its plans need, now rather than when autovacuum comes
# (on the benchmark it came during the first minute of serving, and look-ups were 2-3 times
# slower until it had). VACUUM skips the pages no import touched.
_SETTLE = "VACUUM (ANALYZE) units, prefixes, term_docs, term_ranks"


# Units removed, their prefix rows with them (looked up by every word of each,
# through the B-trees), and their words' counts lowered; the number removed comes back.
_DELETE_UNITS = """
WITH gone AS (
    DELETE FROM units WHERE id = ANY(%s) RETURNING id, src_terms
), gone_words AS (
    SELECT DISTINCT term, cardinality(gone.src_terms) AS length, gone.id AS unit
    FROM gone, unnest(gone.src_terms) AS term
), unprefixed AS (
    DELETE FROM prefixes USING gone_words JOIN term_ranks AS r ON r.term = gone_words.term
    WHERE prefixes.word = r.id AND prefixes.length = gone_words.length
      AND prefixes.unit = gone_words.unit
), uncounted AS (
    UPDATE term_docs SET docs = term_docs.docs - lost.units
    FROM (SELECT term, count(*) AS units FROM gone_words GROUP BY term) AS lost
    WHERE term_docs.term = lost.term
)
SELECT count(*) FROM gone"""


# The oldest server tmkit runs on: look-ups count signature bits with bit_count (14+).
OLDEST_SERVER = 140000


def version_problem(server_version: int) -> str | None:
    """Why tmkit cannot use a server of this version (PostgreSQL's number: 150018 is 15.18),
    or None."""
    if server_version >= OLDEST_SERVER:
        return None
    major = str(server_version // 10000)
    if server_version < 100000:  # before 10, a major version had two numbers (9.6)
        major += f".{server_version // 100 % 100}"
    return f"PostgreSQL {major} is too old: tmkit needs {OLDEST_SERVER // 10000} or later"


def is_postgres(db: str) -> bool:
    """Whether a --db value names a PostgreSQL database rather than a SQLite file."""
    return db.startswith(("postgresql://", "postgres://"))


def _reported(method):
    """Database errors of a look-up or listing as one InputError naming the memory."""

    @functools.wraps(method)
    def wrapper(self: PostgresTM, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except self._psycopg.OperationalError as exc:
            raise Unreachable(self.path, f"database unreachable: {_first_line(exc)}") from None
        except self._psycopg.Error as exc:
            raise InputError(self.path, f"database error: {_first_line(exc)}") from None

    return wrapper


class StagedWords:
    """The source words of the pairs an import stages, each word by a number (in the order
    first seen) and each pair's as a run of numbers: 4 bytes an occurrence, so its word
    counts and prefix rows need no second reading of the units from the server."""

    def __init__(self) -> None:
        self._numbers: defaultdict[str, int] = defaultdict(count().__next__)
        self._occurrences = array("i")
        self._lengths = array("i")

    def add(self, words: list[str]) -> None:
        """Keep the next staged pair's source words."""
        self._occurrences.fromlist(list(map(self._numbers.__getitem__, words)))
        self._lengths.append(len(words))

    def _chunks(self) -> Iterator[tuple[int, Any, Any]]:
        """(first pair's index, lengths, occurrences) for PREFIX_BATCH pairs at a time."""
        import numpy as np

        lengths = np.frombuffer(self._lengths, np.int32).astype(np.int64)
        occurrences = np.frombuffer(self._occurrences, np.int32).astype(np.int64)
        ends = np.cumsum(lengths)
        for start in range(0, len(lengths), PREFIX_BATCH):
            stop = min(start + PREFIX_BATCH, len(lengths))
            begin = int(ends[start - 1]) if start else 0
            yield start, lengths[start:stop], occurrences[begin : int(ends[stop - 1])]

    def counts(self) -> Iterator[tuple[str, int]]:
        """Each word and the number of staged pairs holding it (once a pair)."""
        import numpy as np

        width = max(len(self._numbers), 1)
        docs = np.zeros(width, np.int64)
        for _, lengths, occurrences in self._chunks():
            owner = np.repeat(np.arange(len(lengths)), lengths)
            keys = np.sort(owner * width + occurrences)  # (np.unique hashes: ten times slower)
            first = np.ones(len(keys), bool)
            first[1:] = keys[1:] != keys[:-1]
            docs += np.bincount(keys[first] % width, minlength=width)
        return zip(self._numbers, docs.tolist(), strict=False)

    def prefix_payloads(
        self, known: list[tuple[str, int, int]], first: int, left_out: list[int]
    ) -> Iterator[bytes]:
        """The prefix rows of the staged pairs the memory added (those numbered from 1 less
        `left_out`), as units with ids from `first` on, given each word's (word, rank,
        number) in term_ranks: one binary COPY a batch."""
        import numpy as np

        rank = {word: (word_rank, number) for word, word_rank, number in known}
        for word in self._numbers.keys() - rank.keys():  # only in pairs the memory held
            rank[word] = (1 << 62, -1)
        words = list(self._numbers)
        order = rarity_order(words, {word: rank[word][0] for word in words})
        place = np.empty(len(words), np.int64)
        place[[self._numbers[word] for word in order]] = np.arange(len(order))
        masks = signature_bits(order)
        word_numbers = [rank[word][1] for word in order]
        kept = np.ones(len(self._lengths), bool)
        kept[np.asarray(left_out, np.int64) - 1] = False
        for start, lengths, occurrences in self._chunks():
            ids = first + start + np.arange(len(lengths))
            chosen = kept[start : start + len(lengths)]
            places = place[_occurrences_of(lengths, chosen, occurrences)]
            rows = placed_prefix_rows(ids[chosen], lengths[chosen], places, masks)
            yield _binary_prefix_rows(word_numbers, *rows)


def _occurrences_of(lengths: Any, chosen: Any, occurrences: Any) -> Any:
    """The occurrences of the chosen units (a mask over units laid end to end)."""
    import numpy as np

    return occurrences[np.repeat(chosen, lengths)]


class RepeatFilter:
    """Whether a pair may have been read before in an import: one bit per hash in a fixed
    16 MB, so it never says no of a pair that was, and only the pairs it flags need to be
    compared with the earlier ones (at a million distinct pairs, about 0.4% are flagged)."""

    BITS = 1 << 27

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS >> 3)

    def add(self, key: tuple) -> bool:
        """Record the pair's key; whether its bit was set already."""
        place = hash(key) & (self.BITS - 1)
        byte, bit = place >> 3, 1 << (place & 7)
        seen = self._bits[byte] & bit
        self._bits[byte] |= bit
        return bool(seen)


class Unreachable(InputError):
    """The database cannot be reached (down, gone, refusing): a server answers 503."""


class PostgresTM:
    """A translation memory in a PostgreSQL database (`postgresql://user@host/db`)."""

    def __init__(self, url: str, create: bool = False) -> None:
        import psycopg

        self.url = url
        self.path = _shown(url)  # what messages name: the URL without its password
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise Unreachable(self.path, f"cannot connect: {_first_line(exc)}") from None
        self._psycopg = psycopg
        problem = version_problem(self._db.info.server_version)
        if problem:
            self._db.close()
            raise InputError(self.path, problem)
        try:
            self._migrate(create)
        except psycopg.Error as exc:
            self._db.close()
            raise InputError(self.path, f"database error: {_first_line(exc)}") from None

    def _migrate(self, create: bool) -> None:
        """Create the schema in an empty database (on import), or bring an older one up to
        this version, one step at a time, each in a transaction under a lock."""
        exists = self._one("SELECT to_regclass('tmkit_schema') IS NOT NULL")
        if not exists:
            if not create:
                raise InputError(self.path, "no tmkit translation memory in this database")
            with self._transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(7463676)")  # one creator
                for statement in _SCHEMA:
                    self._db.execute(statement)
                if self._one("SELECT count(*) FROM tmkit_schema") == 0:
                    self._db.execute("INSERT INTO tmkit_schema VALUES (%s)", (SCHEMA_VERSION,))
        version = self._one("SELECT max(version) FROM tmkit_schema")
        while isinstance(version, int) and version < SCHEMA_VERSION:
            with self._transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(7463676)")
                version = self._one("SELECT max(version) FROM tmkit_schema")
                if version < SCHEMA_VERSION:
                    for step in _MIGRATIONS[version + 1]:
                        if callable(step):
                            step(self)
                        else:
                            self._db.execute(step)
                    version += 1
                    self._db.execute("UPDATE tmkit_schema SET version = %s", (version,))
        if version != SCHEMA_VERSION:
            raise InputError(self.path, f"unsupported TM schema version {version}")

    def _canonical_tags(self) -> None:
        """Units stored under a tag not in canonical case ("EN", "pt_BR", as imported before
        tags were canonicalised) are stored under the canonical one, so a new import of the
        same pairs finds them; where a pair is under both, the unit added first is kept, as
        an import keeps it."""
        held = self._db.execute("SELECT DISTINCT src_lang, tgt_lang FROM units").fetchall()
        for (src_lang, tgt_lang), (new_src, new_tgt) in retagged_pairs(held):
            colliding = self._db.execute(
                "SELECT greatest(old.id, new.id) FROM units AS old JOIN units AS new "
                "ON md5(new.src)::uuid = md5(old.src)::uuid "
                "AND md5(new.tgt)::uuid = md5(old.tgt)::uuid "
                "AND new.src_lang = %s AND new.tgt_lang = %s "
                "AND new.src = old.src AND new.tgt = old.tgt "
                "WHERE old.src_lang = %s AND old.tgt_lang = %s",
                (new_src, new_tgt, src_lang, tgt_lang),
            ).fetchall()
            self._db.execute(_DELETE_UNITS, ([row[0] for row in colliding],))
            self._db.execute(
                "UPDATE units SET src_lang = %s, tgt_lang = %s "
                "WHERE src_lang = %s AND tgt_lang = %s",
                (new_src, new_tgt, src_lang, tgt_lang),
            )
        self._db.execute("DELETE FROM term_docs WHERE docs <= 0")

    def _one(self, sql: str, params: tuple = ()) -> object:
        row = self._db.execute(sql, params).fetchone()
        return row[0] if row else None

    def _transaction(self):
        return self._db.transaction()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> PostgresTM:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def import_units(
        self,
        batches: Iterable[tuple[Memory, TranslationUnit]],
        origin: str | None = None,
        penalty: int | None = None,
    ) -> ImportReport:
        """Add every source/target pair of the units in one transaction, each marked with
        `origin` (whose look-up penalty becomes `penalty` when given): the pairs go into a
        staging table by COPY, their source words counted on the way, then into the memory
        in one statement that skips the pairs it holds already; then the new units' prefix
        rows. A first load into an empty memory builds the indexes after its rows."""
        report = ImportReport()
        added = import_stamp()
        try:
            with paused_collection(), self._transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_RANK_LOCK,))
                for setting in _IMPORT_MEMORY:
                    self._db.execute(setting)
                if origin is not None:
                    self._db.execute(
                        "INSERT INTO origins VALUES (%s, %s) ON CONFLICT (name) DO UPDATE "
                        "SET penalty = coalesce(%s, origins.penalty)",
                        (origin, penalty or 0, penalty),
                    )
                words = self._stage(stored_pairs(batches), report, origin, added)
                if report.read:
                    report.added = self._merge(words, report.read)
            if report.added:
                self._db.execute(_SETTLE)
        except self._psycopg.Error as exc:
            raise InputError(self.path, f"database error: {_first_line(exc)}") from None
        return report

    def _stage(
        self,
        pairs: Iterable[tuple[TranslationUnit, Variant, Variant]],
        report: ImportReport,
        origin: str | None,
        added: str,
    ) -> StagedWords:
        """Copy the pairs into the staging table, numbered from 1 in the order read, each
        flagged when it may repeat an earlier one: each pair's source words, kept (by
        number) for counting and for the prefix rows."""
        self._db.execute(_STAGING)
        words = StagedWords()
        seen = RepeatFilter()
        with self._db.cursor().copy(_COPY_STAGING) as copy:
            copy.set_types(_STAGING_TYPES)
            for unit, source, target in pairs:
                report.read += 1
                source_words = index_terms(source.text)
                words.add(source_words)
                row = _row(unit, source, source_words, target, origin, added)
                key = (source.lang, target.lang, source.text, target.text)
                copy.write_row((*row, seen.add(key), report.read))
        return words

    def _merge(self, words: StagedWords, staged: int) -> int:
        """Move the staged pairs into the memory, count and rank their words, and write
        their prefix rows: the number added. Into an empty memory, which the import then
        holds alone, the indexes are built after the rows, once, while the prefix rows are
        computed (the server builds, Python computes: two cores busy, not one)."""
        self._db.execute(_STAGED_WORDS)
        with self._db.cursor().copy(_COPY_STAGED_WORDS) as copy:
            copy.set_types(["text", "bigint"])
            for row in words.counts():
                copy.write_row(row)
        first_load = not self._one("SELECT EXISTS (SELECT 1 FROM units)")
        if first_load:
            self._db.execute("LOCK TABLE units IN EXCLUSIVE MODE")
            for index in _AFTER_LOAD_INDEXES:
                self._db.execute(f"DROP INDEX IF EXISTS {index}")
        first = int(self._one(f"SELECT nextval({_UNIT_IDS})"))
        merge = _FIRST_LOAD if first_load else _MERGE_STAGING
        added, left_out = self._db.execute(merge, {"first": first}).fetchone()
        self._db.execute(f"SELECT setval({_UNIT_IDS}, %s)", (first - 1 + staged,))
        self._db.execute(_RANK_NEW_WORDS)
        known = self._db.execute(_RANKS_OF_STAGED).fetchall()
        payloads = words.prefix_payloads(known, first, left_out)
        held: list[bytes] = []
        held_bytes = 0
        if first_load:
            with self._db.pipeline():
                for statement in _SCHEMA:
                    if statement.startswith(_INDEX) and " ON units " in statement:
                        self._db.execute(statement)
                self._db.pgconn.send_flush_request()  # the server starts on them now
                self._db.pgconn.flush()
                for payload in payloads:  # while it builds them, up to a bound
                    held.append(payload)
                    held_bytes += len(payload)
                    if held_bytes >= HELD_PREFIX_BYTES:
                        break
        for payload in chain(held, payloads):
            with self._db.cursor().copy(_COPY_PREFIXES) as copy:
                copy.write(payload)
        if first_load:
            self._db.execute(_SCHEMA[-1])  # the prefix index, after its rows
        return int(added or 0)

    def _reindex_unspaced(self) -> None:
        """Give the units holding a script written without spaces their words again, a
        character a word (fuzzy.index_terms); when any changed, count the memory's words
        anew, rank the new ones and write every prefix row again."""
        changed = False
        with self._db.cursor(name="tmkit_unspaced_units") as units:
            units.execute(
                "SELECT id, src, tgt FROM units WHERE src ~ %s OR tgt ~ %s",
                (UNSPACED_PATTERN, UNSPACED_PATTERN),
            )
            while batch := units.fetchmany(PREFIX_BATCH):
                changed = True
                words = [(index_terms(source), index_terms(target), unit_id)
                         for unit_id, source, target in batch]  # fmt: skip
                self._db.cursor().executemany(
                    "UPDATE units SET src_terms = %s, words = %s WHERE id = %s",
                    [(source, source + target, unit_id) for source, target, unit_id in words],
                )
        if not changed:
            return
        self._db.execute("DELETE FROM term_docs")
        self._db.execute(
            "INSERT INTO term_docs (term, docs) SELECT term, count(*) FROM "
            "(SELECT DISTINCT id, unnest(src_terms) AS term FROM units) AS held GROUP BY term"
        )
        self._db.execute(
            f"INSERT INTO term_ranks (term, rank, bit) SELECT term, docs, "
            f"{_TERM_BIT.format('term')} FROM term_docs ON CONFLICT (term) DO NOTHING"
        )
        self._db.execute("DELETE FROM prefixes")
        self._index_prefixes()

    def _index_prefixes(self) -> None:
        """Write the prefix rows of every unit (a schema upgrade's), read, computed and
        copied in a batch at a time."""
        known = self._db.execute(_RANKS_OF_ALL).fetchall()
        ranks = {term: rank for term, rank, _ in known}
        numbers = {term: number for term, _, number in known}
        with self._db.cursor(name="tmkit_prefixed_units") as units:
            units.execute(_UNIT_WORDS)
            while batch := units.fetchmany(PREFIX_BATCH):
                rows = prefix_rows(((unit, terms.split(" ") if terms else [])
                                    for unit, terms in batch), ranks)  # fmt: skip
                word_numbers = [numbers[word] for word in rows.vocabulary]
                with self._db.cursor().copy(_COPY_PREFIXES) as copy:
                    copy.write(_binary_prefix_rows(word_numbers, *rows.columns()))

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
        where, params = _language_filter(src_lang, tgt_lang)
        indexed = bool(terms) and minimum >= INDEXED_MINIMUM
        with self._db.pipeline():  # independent questions, one round trip
            origins = self._db.execute("SELECT name, penalty FROM origins")
            exact = self._db.execute(
                f"SELECT {_CANDIDATE_COLUMNS} FROM units "
                f"WHERE md5(src)::uuid = md5(%s)::uuid AND src = %s AND {where}",
                (text, text, *params),
            )
            ranks = found = None
            if indexed:
                words = len(terms)
                ranks = self._db.execute(_RANKS, (sorted(set(terms)),))
                found = self._db.execute(
                    _INDEXED_CANDIDATES.format(where=where),
                    (terms, prefix_size(words, minimum), *length_range(words, minimum), minimum,
                     words, *params),
                )  # fmt: skip
        penalty = {**dict(origins.fetchall()), **(penalties or {})}
        rows: dict[int, tuple] = {}  # every unit scored, with what a match shows of it

        def best_in(candidates: list[tuple]) -> list[tuple[int, int]]:
            rows.update((row[0], row) for row in candidates)
            return scored(
                text,
                ((row[0], row[1], list(row[8]), row[9], penalty.get(row[7], 0))
                 for row in candidates),
                minimum,
                context,
                limit,
            )  # fmt: skip

        best = best_in(exact.fetchall())
        if ranks is not None and found is not None:
            postings: dict[str, list[tuple[int, int, int]]] = {}
            read: dict[int, tuple] = {}  # the candidates' rows, read with their postings
            for term, length, bits, *unit in found.fetchall():
                postings.setdefault(term, []).append((unit[0], length, bits))
                read[unit[0]] = tuple(unit)
            best = indexed_best(
                terms,
                dict(ranks.fetchall()),
                best,
                minimum,
                limit,
                lambda words, *_: iter([postings.get(word, []) for word in words]),
                lambda ids: best_in([read[unit_id] for unit_id in ids]),
            )
        elif rare := self._rarest(terms, terms_needed(len(terms), minimum)):
            best = best_of(
                best, best_in(self._candidates(rare, len(terms), minimum, where, params)), limit
            )
        return [
            _match(rows[unit_id][:8], score, penalty.get(rows[unit_id][7], 0))
            for unit_id, score in best
        ]

    def _rows_of(self, ids: list[int], where: str, params: tuple) -> list[tuple]:
        """What scoring needs of these units and a match shows (_CANDIDATE_COLUMNS), those
        in the wanted languages."""
        return self._db.execute(
            f"SELECT {_CANDIDATE_COLUMNS} FROM units WHERE id = ANY(%s) AND {where}",
            (ids, *params),
        ).fetchall()

    def _rarest(self, terms: list[str], count: int) -> list[str]:
        """The `count` query words in the fewest stored units (absent ones left out)."""
        unique = sorted(set(terms))
        if not unique:
            return []
        counts = self._db.execute(
            "SELECT term, docs FROM term_docs WHERE term = ANY(%s)", (unique,)
        ).fetchall()
        absent = len(unique) - len(counts)
        ranked = [term for term, _ in sorted(counts, key=lambda c: (c[1], c[0]))]
        return ranked[: max(0, count - absent)]

    def _candidates(
        self, rare: list[str], words: int, minimum: int, where: str, params: tuple
    ) -> list[tuple]:
        """Units holding the most of the query's rarest words, among those whose length a
        match at `minimum` can have, in the wanted languages."""
        shortest, longest = length_range(words, minimum)
        ranked = self._db.execute(
            _HOLDING_RARE, (rare, rare, shortest, longest, RANKED_BELOW_INDEXED)
        ).fetchall()
        if not ranked:
            return []
        shared = dict(ranked)
        rows = self._rows_of(list(shared), where, params)
        rows.sort(key=lambda row: (-shared[row[0]], row[0]))
        return rows[:CANDIDATES]

    @_reported
    def concordance(self, words: str, lang: str | None = None, limit: int = 50) -> list[Match]:
        """Units whose source or target holds every word, in the order they were added."""
        terms = index_terms(words)
        if not terms:
            return []
        where = "TRUE" if lang is None else "(src_base = %s OR tgt_base = %s)"
        params: tuple = () if lang is None else (primary(lang), primary(lang))
        rows = self._db.execute(
            f"SELECT {_MATCH_COLUMNS} FROM units "
            f"WHERE words @> %s AND {where} ORDER BY id LIMIT %s",
            (sorted(set(terms)), *params, limit),
        ).fetchall()
        return [_match(row, 0) for row in rows]

    def units(self) -> Iterator[tuple[Memory, TranslationUnit]]:
        """Every stored pair, as two-variant units, in the order they were added; read with a
        server-side cursor, so memory stays flat however large the TM."""
        with self._db.transaction(), self._db.cursor(name="tmkit_units") as cursor:
            cursor.execute(
                "SELECT src_lang, tgt_lang, src, tgt, src_markup, tgt_markup, tuid, "
                "creationdate, props, notes FROM units ORDER BY id"
            )
            for (
                src_lang,
                tgt_lang,
                src,
                tgt,
                src_markup,
                tgt_markup,
                tuid,
                date,
                props,
                notes,
            ) in cursor:
                unit = TranslationUnit(
                    [Variant(src_lang, src, src_markup), Variant(tgt_lang, tgt, tgt_markup)],
                    tuid=tuid,
                    creationdate=date,
                    props=[tuple(p) for p in json.loads(props)],
                    notes=json.loads(notes),
                )
                yield Memory(srclang=src_lang, tgtlang=tgt_lang), unit

    def main_languages(self) -> tuple[str, str] | None:
        """The most frequent (source, target) language pair, or None when empty."""
        pairs = self.language_pairs()
        return (pairs[0][0], pairs[0][1]) if pairs else None

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
        return int(self._one("SELECT count(*) FROM units") or 0)

    @_reported
    def stats(self) -> MemoryStats:
        """Units per language pair and per origin, and the dates they span."""
        dates = self._db.execute(
            "SELECT min(creationdate), max(creationdate), min(added), max(added) FROM units"
        ).fetchone()
        origins = self._db.execute(
            "SELECT units.origin, count(*), coalesce(max(origins.penalty), 0) FROM units "
            "LEFT JOIN origins ON origins.name = units.origin "
            "GROUP BY units.origin ORDER BY count(*) DESC, units.origin"
        ).fetchall()
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
            conditions.append("id = ANY(%s)")
            params.append(wanted)
        if origin is not None:
            conditions.append("origin = %s")
            params.append(origin)
        if words is not None:
            terms = index_terms(words)
            if not terms:
                return []
            conditions.append("words @> %s")
            params.append(sorted(set(terms)))
        where = " AND ".join(conditions) or "TRUE"
        rows = self._db.execute(f"SELECT id FROM units WHERE {where} ORDER BY id", params)
        return [unit_id for (unit_id,) in rows]

    @_reported
    def duplicates(self, keep: Keep = "newest", prefer: str | None = None) -> list[int]:
        """Units whose source another unit has too (same languages, same context), all but
        one of each group: the one from `prefer` if any, else the newest (or oldest)."""
        order = "DESC" if keep == "newest" else "ASC"
        rows = self._db.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY src_lang, tgt_lang, src, "
            "coalesce(context, '') ORDER BY origin IS NOT DISTINCT FROM %s DESC, "
            f"coalesce(creationdate, added) {order}, id {order}) AS rank FROM units) AS ranked "
            "WHERE rank > 1 ORDER BY id",
            (prefer,),
        )
        return [unit_id for (unit_id,) in rows]

    @_reported
    def delete_units(self, ids: Iterable[int]) -> int:
        """Remove units, in one transaction, with their prefix rows (found through the B-tree
        by each unit's words and length) and their words' document counts; how many there
        were."""
        with self._transaction():
            removed = int(self._one(_DELETE_UNITS, (sorted(set(ids)),)) or 0)
            self._db.execute("DELETE FROM term_docs WHERE docs <= 0")  # words in no unit now
        return removed


def _row(
    unit: TranslationUnit,
    source: Variant,
    source_words: list[str],
    target: Variant,
    origin: str | None,
    added: str,
) -> tuple:
    """A pair's row as the staging table takes it (the _STAGED columns but the last two)."""
    context = unit_context(unit)
    return (
        source.lang, target.lang, primary(source.lang), primary(target.lang),
        source.text, target.text, " ".join(source_words),
        " ".join(index_terms(target.text)), unit.tuid, unit.creationdate, context,
        stored_list(unit.props), stored_list(unit.notes),
        source.markup, target.markup, origin, added,
    )  # fmt: skip


def _binary_prefix_rows(
    word_numbers: Any, places: Any, lengths: Any, units: Any, signatures: Any
) -> bytes:
    """Prefix rows (placed_prefix_rows' columns, each word by its place, which word_numbers
    turns into its number in term_ranks) as a whole binary COPY (signature, rows, trailer)
    of the prefixes table's (word, length, unit, signature): each row the field count, then
    each field's size and value, big-endian, written by numpy at once."""
    import numpy as np

    fields = [("word", ">i4", 4), ("length", ">i4", 4), ("unit", ">i8", 8),
              ("signature", ">i8", 8)]  # fmt: skip
    sized = [item for name, kind, _ in fields for item in ((f"{name}_size", ">i4"), (name, kind))]
    record = np.dtype([("fields", ">i2"), *sized])
    table = np.empty(len(places), record)
    table["fields"] = len(fields)
    for name, _, size in fields:
        table[f"{name}_size"] = size
    table["word"] = np.asarray(word_numbers, np.int64)[places]
    table["length"] = lengths
    table["unit"] = units
    table["signature"] = signatures
    return _COPY_SIGNATURE + table.tobytes() + _COPY_TRAILER


def _language_filter(src_lang: str, tgt_lang: str | None) -> tuple[str, tuple]:
    if tgt_lang is None:
        return "src_base = %s", (primary(src_lang),)
    return "src_base = %s AND tgt_base = %s", (primary(src_lang), primary(tgt_lang))


def _match(row: tuple, score: int, penalty: int = 0) -> Match:
    """A match from a row of the _MATCH_COLUMNS."""
    unit_id, src, tgt, src_lang, tgt_lang, tuid, props, origin = row
    return Match(score=score, src=src, tgt=tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                 tuid=tuid, props=[tuple(p) for p in json.loads(props)], origin=origin,
                 penalty=penalty, id=unit_id)  # fmt: skip


def _shown(url: str) -> str:
    """A URL fit for messages: its password replaced."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
