"""One behavioural suite for both TM stores: the SQLite file and PostgreSQL (a real server,
which `.ci/run` starts and names in TMKIT_TEST_POSTGRES). Both must give the same matches."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import assert_bad_input, run_tmkit
from tmkit.errors import InputError
from tmkit.formats import iter_units
from tmkit.serve.app import create_app
from tmkit.tm.fuzzy import fuzzy_score, index_terms, prefix_rows, signature, signed_64
from tmkit.tm.open import open_store
from tmkit.tm.postgres import SCHEMA_VERSION, version_problem
from tmkit.tm.postgres import RepeatFilter as PostgresRepeatFilter
from tmkit.tm.store import Match, TranslationMemoryStore

SERVER = os.environ.get("TMKIT_TEST_POSTGRES") or None
NEEDS_SERVER = pytest.mark.skipif(
    SERVER is None, reason="no PostgreSQL named in TMKIT_TEST_POSTGRES (.ci/run starts one)"
)
SENTENCES = [
    ("The Kremlin confirmed the visit.", "El Kremlin confirmó la visita."),
    ("The Kremlin confirmed the talks.", "El Kremlin confirmó las conversaciones."),
    ("Cuba and Russia signed four agreements.", "Cuba y Rusia firmaron cuatro acuerdos."),
    ("The talks lasted three hours.", "Las conversaciones duraron tres horas."),
    ("Putin met Diaz-Canel at the Kremlin.", "Putin recibió a Díaz-Canel en el Kremlin."),
]


def _table(path: Path, rows: list[tuple[str, str]], langs: str = "en\tes") -> Path:
    path.write_text(langs + "\n" + "".join(f"{s}\t{t}\n" for s, t in rows), "utf-8")
    return path


@pytest.fixture
def database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards."""
    import psycopg
    from psycopg import sql

    assert SERVER is not None
    name = f"tmkit_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = SERVER.replace("/tmkit_test?", f"/{name}?")
    yield url
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=NEEDS_SERVER)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "tm.sqlite")
    return request.getfixturevalue("database")


def _filled(db: str, tmp_path: Path) -> str:
    with open_store(db, create=True) as store:
        store.import_units(iter_units(str(_table(tmp_path / "units.tsv", SENTENCES))))
    return db


def test_import_merges_duplicates_and_counts(db: str, tmp_path: Path) -> None:
    table = _table(tmp_path / "units.tsv", SENTENCES)
    with open_store(db, create=True) as store:
        first = store.import_units(iter_units(str(table)))
        again = store.import_units(iter_units(str(table)))
        assert (first.read, first.added, again.read, again.added) == (5, 5, 5, 0)
        assert store.count() == 5 and store.language_pairs() == [("en", "es", 5)]
        assert store.main_languages() == ("en", "es")


def _tmx(path: Path, src: str, tgt: str, rows: list[tuple[str, str]]) -> Path:
    units = "".join(
        f'<tu><tuv xml:lang="{src}"><seg>{s}</seg></tuv><tuv xml:lang="{tgt}"><seg>{t}</seg>'
        "</tuv></tu>"
        for s, t in rows
    )
    path.write_text(
        f'<tmx version="1.4"><header srclang="{src}" creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>'
        f"<body>{units}</body></tmx>",
        "utf-8",
    )
    return path


def test_one_pair_under_tags_of_any_case_is_one_unit(db: str, tmp_path: Path) -> None:
    """OmegaT writes its TMX's languages "EN", "ES-MX", and Java tools "es_MX": the same
    pair from another tool's file in "en", "es-MX" was a second unit under a second language
    pair. Tags are stored in canonical case, so it merges."""
    with open_store(db, create=True) as store:
        for name, src, tgt in (("a", "EN", "ES-MX"), ("b", "en", "es_MX"), ("c", "en", "es-MX")):
            report = store.import_units(iter_units(str(_tmx(tmp_path / f"{name}.tmx", src, tgt,
                                                            SENTENCES))))  # fmt: skip
            assert (report.read, report.added) == (5, 5 if name == "a" else 0)
        assert store.language_pairs() == [("en", "es-MX", 5)]


def _as_before(db: str, *statements: str) -> None:
    """Run SQL on a memory behind the store's back (to make it look as an older tmkit left
    it), on a PostgreSQL server or in a SQLite file."""
    if db.startswith("postgres"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as old:
            for statement in statements:
                old.execute(statement)
    else:
        with sqlite3.connect(db) as old:
            for statement in statements:
                old.execute(statement)


def test_a_memory_with_tags_of_any_case_is_canonicalised_on_opening(
    db: str, tmp_path: Path
) -> None:
    """A memory filled before tags were canonicalised kept OmegaT's "EN", "ES": a new import
    of the same pairs in "en", "es" added them again. Opening it stores every unit under
    the canonical tags, a pair under both kept once (the unit added first), and an import
    of the pairs then adds nothing."""
    _filled(db, tmp_path)
    old_version = 6 if not db.startswith("postgres") else 7
    _as_before(db, "UPDATE units SET src_lang = 'EN', tgt_lang = 'ES'")
    with open_store(db) as store:  # as the older tmkit did: "en"/"es" was another pair
        again = store.import_units(iter_units(str(_table(tmp_path / "again.tsv", SENTENCES[:2]))))
        assert again.added == 2 and store.count() == 7
    if db.startswith("postgres"):
        _as_before(db, f"UPDATE tmkit_schema SET version = {old_version}")
    else:
        _as_before(db, f"PRAGMA user_version = {old_version}")
    with open_store(db) as store:
        assert store.language_pairs() == [("en", "es", 5)]
        assert store.duplicates() == []
        exact = store.lookup(SENTENCES[0][0], "en", "es", 100)
        assert [(m.score, m.tgt, m.id) for m in exact] == [(100, SENTENCES[0][1], 1)]
        assert [m.src for m in store.concordance("visit")] == [SENTENCES[0][0]]
        report = store.import_units(iter_units(str(_table(tmp_path / "third.tsv", SENTENCES))))
        assert (report.read, report.added) == (5, 0)


def test_lookup_scores_exact_fuzzy_and_in_context(db: str, tmp_path: Path) -> None:
    with open_store(_filled(db, tmp_path)) as store:
        exact = store.lookup("The Kremlin confirmed the visit.", "en", "es")
        assert (exact[0].score, exact[0].tgt) == (100, "El Kremlin confirmó la visita.")
        fuzzy = store.lookup("The Kremlin confirmed the visit today.", "en", "es", 60)
        assert [m.tgt for m in fuzzy][:2] == [
            "El Kremlin confirmó la visita.",
            "El Kremlin confirmó las conversaciones.",
        ]
        assert store.lookup("Nothing like it at all here.", "en", "es") == []
        assert store.lookup("The Kremlin confirmed the visit.", "en", "fr") == []


UNSPACED = [
    ("这些涡轮机将于2028年并网。", "In 2028.", "zh\ten"),
    ("The wind farm.", "风电场。", "en\tzh"),
]


def _unspaced(db: str, tmp_path: Path) -> str:
    """A memory of a Chinese source with its English and an English source with its
    Chinese."""
    with open_store(db, create=True) as store:
        for number, (source, target, langs) in enumerate(UNSPACED):
            table = _table(tmp_path / f"unspaced{number}.tsv", [(source, target)], langs)
            store.import_units(iter_units(str(table)))
    return db


def _reads_unspaced_text(store: TranslationMemoryStore) -> None:
    found = store.lookup("这些涡轮机将于2029年并网。", "zh", "en", 75)
    assert [(m.tgt, m.score) for m in found] == [("In 2028.", 88)]
    assert [m.src for m in store.concordance("风电场")] == ["The wind farm."]


def test_unspaced_scripts_a_character_a_word_in_both_stores(db: str, tmp_path: Path) -> None:
    """One character changed in a Chinese sentence is a fuzzy match, and a concordance finds
    a word of a Chinese target, in either store."""
    with open_store(_unspaced(db, tmp_path)) as store:
        _reads_unspaced_text(store)


@NEEDS_SERVER
def test_a_version_6_postgres_memory_reads_unspaced_scripts(database: str, tmp_path: Path) -> None:
    """Version 6 took a Chinese sentence for one word: the upgrade gives the units holding
    such text their words again, counts and ranks them, and writes the prefix rows anew."""
    import psycopg

    _unspaced(database, tmp_path)
    with psycopg.connect(database, autocommit=True) as old:
        old.execute(
            "UPDATE units SET src_terms = ARRAY['这些涡轮机将于2028年并网'], "
            "words = ARRAY['这些涡轮机将于2028年并网', 'in', '2028'] WHERE src_lang = 'zh'"
        )
        old.execute("UPDATE units SET words = ARRAY['the', 'wind', 'farm', '风电场'] "
                    "WHERE src_lang = 'en'")  # fmt: skip
        old.execute("UPDATE tmkit_schema SET version = 6")
    with open_store(database) as store:
        _reads_unspaced_text(store)
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION
        terms = check.execute("SELECT src_terms FROM units WHERE src_lang = 'zh'").fetchone()[0]
    assert terms == index_terms(UNSPACED[0][0])


def test_decimals_and_underscores_are_words_of_their_own(db: str, tmp_path: Path) -> None:
    """ "3.5" and "file_name" are one word each, for the look-up as for the full-text index
    that ranks the words: an import of such a source stopped in SQLite with a KeyError, the
    tokeniser having cut them. A word the tokeniser still reads otherwise is ranked rarest."""
    rows = [
        ("It costs 3.5 euros today.", "Cela coûte 3,5 euros."),
        ("Open file_name now, then 1,200 more.", "Ouvrez file_name, puis 1 200 autres."),
        ("The letter ᦳ in a word: xᦳy.", "La lettre."),  # a mark to SQLite's Unicode 6.1
    ]
    with open_store(db, create=True) as store:
        report = store.import_units(iter_units(str(_table(tmp_path / "u.tsv", rows, "en\tfr"))))
        assert (report.read, report.added) == (3, 3)
        assert [m.score for m in store.lookup(rows[2][0], "en", "fr")] == [100]
        found = store.lookup("It costs 3.5 euros now.", "en", "fr", 75)
        assert [(m.tgt, m.score) for m in found] == [("Cela coûte 3,5 euros.", 80)]
        assert [m.src for m in store.concordance("3.5")] == [rows[0][0]]
        assert [m.src for m in store.concordance("file_name 1,200")] == [rows[1][0]]


def test_concordance_and_units(db: str, tmp_path: Path) -> None:
    with open_store(_filled(db, tmp_path)) as store:
        assert [m.src for m in store.concordance("kremlin talks")] == [
            "The Kremlin confirmed the talks."
        ]
        assert store.concordance("conversaciones")[0].tgt.startswith("El Kremlin")
        assert [unit.variants[0].text for _, unit in store.units()] == [s for s, _ in SENTENCES]


def test_a_failed_import_changes_nothing(db: str, tmp_path: Path) -> None:
    _filled(db, tmp_path)
    broken = tmp_path / "broken.tmx"
    broken.write_text(
        '<tmx version="1.4"><header srclang="en" segtype="sentence" adminlang="en" '
        'datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en"><seg>New one.</seg></tuv><tuv xml:lang="es"><seg>Nueva.</seg>'
        '</tuv></tu><tu><tuv xml:lang="en"><seg>Broken',
        "utf-8",
    )
    with open_store(db) as store, pytest.raises(InputError):
        store.import_units(iter_units(str(broken)))
    with open_store(db) as store:
        assert store.count() == 5 and store.lookup("New one.", "en") == []


MT_SENTENCES = [
    ("The Kremlin confirmed the visit.", "El Kremlin ha confirmado la visita."),  # same source
    ("The Kremlin denied the reports.", "El Kremlin negó los informes."),
]


def _with_origins(db: str, tmp_path: Path) -> str:
    """The five sentences from a client, then two machine translations with a penalty."""
    with open_store(db, create=True) as store:
        store.import_units(iter_units(str(_table(tmp_path / "a.tsv", SENTENCES))), "client")
        store.import_units(iter_units(str(_table(tmp_path / "b.tsv", MT_SENTENCES))), "mt", 30)
    return db


def test_origins_are_kept_and_their_penalty_comes_off_at_lookup(db: str, tmp_path: Path) -> None:
    with open_store(_with_origins(db, tmp_path)) as store:
        found = store.lookup("The Kremlin confirmed the visit.", "en", "es", 50)
        shown = [(m.score, m.origin, m.penalty) for m in found]
        assert shown[0] == (100, "client", 0) and (70, "mt", 30) in shown
        mt = next(m for m in found if m.origin == "mt")
        assert mt.record()["penalty"] == 30 and mt.record()["origin"] == "mt"
        # Below the minimum once the penalty is off: gone.
        assert all(m.origin != "mt" for m in store.lookup("The Kremlin confirmed the visit.",
                                                          "en", "es", 75))  # fmt: skip
        # A penalty given at look-up replaces the stored one.
        overridden = store.lookup("The Kremlin denied the reports.", "en", "es", 75, 10, None,
                                  {"mt": 0})  # fmt: skip
        assert [(m.score, m.origin) for m in overridden] == [(100, "mt")]
        # Importing the origin again without a penalty keeps the stored one.
        store.import_units(iter_units(str(_table(tmp_path / "c.tsv", MT_SENTENCES))), "mt")
        stats = store.stats()
    assert stats.units == 7 and stats.pairs == [("en", "es", 7)]
    assert [(o.name, o.units, o.penalty) for o in stats.origins] == [
        ("client", 5, 0), ("mt", 2, 30)]  # fmt: skip
    assert stats.first_added is not None and len(stats.first_added) == 16
    assert stats.first_created is None


def test_delete_by_id_origin_and_words_in_one_transaction(db: str, tmp_path: Path) -> None:
    with open_store(_with_origins(db, tmp_path)) as store:
        kremlin = store.select_units(words="Kremlin")
        assert len(kremlin) == 5
        mt_kremlin = store.select_units(origin="mt", words="kremlin")
        assert len(mt_kremlin) == 2
        first = store.lookup("Cuba and Russia signed four agreements.", "en")[0].id
        assert store.select_units(ids=[first, 10_000]) == [first]
        assert store.select_units(words="...") == []
        assert store.delete_units([*mt_kremlin, first]) == 3
        assert store.count() == 4
        assert store.lookup("The Kremlin denied the reports.", "en") == []
        assert store.lookup("Cuba and Russia signed four agreements.", "en") == []
        assert store.concordance("denied") == []
        # The rare-word counts follow: a word only the deleted units held finds nothing, and
        # the words left still find their units.
        assert [m.src for m in store.lookup("The Kremlin confirmed the talks.", "en")] == [
            "The Kremlin confirmed the talks.", "The Kremlin confirmed the visit."]  # fmt: skip
        assert store.delete_units([]) == 0


def test_dedupe_keeps_one_translation_of_each_source(db: str, tmp_path: Path) -> None:
    _with_origins(db, tmp_path)
    with open_store(db) as store:
        newest = store.duplicates("newest")
        oldest = store.duplicates("oldest")
        preferred = store.duplicates("newest", prefer="client")
        client_visit = store.select_units(origin="client", words="confirmed visit")
        mt_visit = store.select_units(origin="mt", words="confirmed visit")
        assert newest == client_visit and oldest == mt_visit and preferred == mt_visit
        assert store.delete_units(preferred) == 1 and store.duplicates() == []
        assert store.count() == 6


def test_a_match_behind_hundreds_of_closer_looking_units_is_found(db: str, tmp_path: Path) -> None:
    """The query's rarest words sit in 450 units that share them all and little else; the one
    good match shares one of them and the common words. A shortlist by shared rare words
    (the rule below 70%) would stop before it; the prefix index reads every unit that can
    reach the minimum."""
    rare = ["ranta", "rantb", "rantc", "rantd", "rante"]
    common = ["coma", "comb", "comc", "comd", "come", "comf", "comg"]
    rows = [(" ".join([*rare, f"zed{i}", f"zee{i}", f"zet{i}", f"zeu{i}", f"zev{i}"]) + ".",
             f"señuelo {i}.") for i in range(450)]  # fmt: skip
    rows += [(" ".join([*common, f"fill{i}", f"filk{i}", f"film{i}"]) + ".", f"relleno {i}.")
             for i in range(1000)]  # fmt: skip
    good = " ".join(["ranta", "other", "words", "here", *common[:6]]) + "."
    rows.append((good, "la buena."))
    query = " ".join([*rare[:4], *common[:6]]) + "."
    with open_store(db, create=True) as store:
        store.import_units(iter_units(str(_table(tmp_path / "many.tsv", rows))))
        found = store.lookup(query, "en", "es", 70, 1)
    assert [(m.tgt, m.score) for m in found] == [("la buena.", 70)]


def _random_memory(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Sources from a small Zipf-like vocabulary, so units share many words, repeat words,
    and differ in case and punctuation: every bound of the indexed look-up is exercised."""
    vocabulary = [f"wort{i}" for i in range(80)] + ["Ça", "Kreml", "Кремль", "東京", "naïve"]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    sources: dict[str, None] = {}
    while len(sources) < count:
        words = rng.choices(vocabulary, weights, k=rng.randint(1, 16))
        if rng.random() < 0.2:
            words[0] = words[0].capitalize()
        sources[" ".join(words) + rng.choice([".", "!", "", " ?"])] = None
    return [(source, f"ziel {i}") for i, source in enumerate(sources)]


@contextmanager
def _random_store(db: str, tmp_path: Path, rng: random.Random, count: int):
    """A store holding `count` of _random_memory's pairs, and their sources."""
    rows = _random_memory(rng, count)
    with open_store(db, create=True) as store:
        store.import_units(iter_units(str(_table(tmp_path / "many.tsv", rows))))
        yield store, [source for source, _ in rows]


def _edited(rng: random.Random, source: str) -> str:
    words = source.split()
    for _ in range(rng.randint(0, 3)):
        action = rng.randrange(3)
        if action == 0 and len(words) > 1:
            del words[rng.randrange(len(words))]
        elif action == 1:
            words.insert(rng.randrange(len(words) + 1), f"wort{rng.randrange(90)}")
        else:
            words[rng.randrange(len(words))] = f"wort{rng.randrange(90)}"
    return " ".join(words)


def test_indexed_look_ups_give_what_scoring_every_unit_gives(db: str, tmp_path: Path) -> None:
    """At 70% or more the prefix index, the signatures and the rising score to beat leave
    units unread; what comes back must be exactly the best of every unit, ties included."""
    rng = random.Random(5)
    with _random_store(db, tmp_path, rng, 1500) as (store, sources):
        for number in range(60):
            query = _edited(rng, rng.choice(sources)) if number % 6 else rng.choice(sources)
            scores = [fuzzy_score(query, source) for source in sources]
            ranked = sorted(range(len(sources)), key=lambda i: (-scores[i], i))
            for minimum in (70, 75, 85, 95):
                for limit in (1, 5):
                    expected = [(sources[i], scores[i]) for i in ranked[:limit]
                                if scores[i] >= minimum]  # fmt: skip
                    found = store.lookup(query, "en", "es", minimum, limit)
                    assert [(m.src, m.score) for m in found] == expected, (query, minimum)


def test_tm_upkeep_from_the_command_line(db: str, tmp_path: Path) -> None:
    a = _table(tmp_path / "a.tsv", SENTENCES)
    b = _table(tmp_path / "b.tsv", MT_SENTENCES)
    assert run_tmkit("tm", "import", str(a), "--db", db, "--origin", "client").returncode == 0
    imported = run_tmkit("tm", "import", str(b), "--db", db, "--origin", "mt", "--penalty", "30")
    assert imported.returncode == 0, imported.stderr.decode()
    looked = run_tmkit(
        "tm", "lookup", "The Kremlin confirmed the visit.", "--db", db, "--min", "50"
    )
    assert "[en→es, client]" in looked.stdout.decode() and "  70%" in looked.stdout.decode()
    assert "mt −30]" in looked.stdout.decode()
    again = run_tmkit("tm", "lookup", "The Kremlin confirmed the visit.", "--db", db,
                      "--penalty", "mt=0", "--format", "json")  # fmt: skip
    assert [(m["score"], m["origin"]) for m in json.loads(again.stdout)][:2] == [
        (100, "client"), (100, "mt")]  # fmt: skip
    stats = json.loads(run_tmkit("tm", "stats", "--db", db, "--format", "json").stdout)
    assert stats["units"] == 7 and stats["origins"][1] == {"origin": "mt", "units": 2,
                                                           "penalty": 30}  # fmt: skip
    text = run_tmkit("tm", "stats", "--db", db).stdout.decode()
    assert "en → es: 7" in text and "mt: 2 (penalty 30)" in text
    dry = run_tmkit("tm", "dedupe", "--db", db, "--prefer", "client", "--dry-run",
                    "--format", "json")  # fmt: skip
    assert json.loads(dry.stdout)["chosen"] == 1 and json.loads(dry.stdout)["deleted"] == 0
    deduped = run_tmkit("tm", "dedupe", "--db", db, "--prefer", "client")
    assert "1 units deleted; 6 in" in deduped.stderr.decode()
    deleted = run_tmkit("tm", "delete", "--db", db, "--origin", "mt", "--format", "json")
    assert json.loads(deleted.stdout)["deleted"] == 1
    assert json.loads(run_tmkit("tm", "stats", "--db", db, "--format", "json").stdout)[
        "units"] == 5  # fmt: skip


def test_tm_upkeep_refuses_unclear_requests(tmp_path: Path) -> None:
    db = _filled(str(tmp_path / "tm.sqlite"), tmp_path)
    table = _table(tmp_path / "b.tsv", MT_SENTENCES)
    nothing = run_tmkit("tm", "delete", "--db", db)
    assert nothing.returncode == 2 and b"--id, --origin or --matching" in nothing.stderr
    lonely = run_tmkit("tm", "import", str(table), "--db", db, "--penalty", "10")
    assert lonely.returncode == 2 and b"--penalty needs --origin" in lonely.stderr
    for bad in ("mt", "mt=", "=5", "mt=101", "mt=-1", "mt=x"):
        refused = run_tmkit("tm", "lookup", "Hello.", "--db", db, "--penalty", bad)
        assert refused.returncode == 2 and b"ORIGIN=N" in refused.stderr, bad
    with open_store(db) as store:
        assert store.count() == 5


@NEEDS_SERVER
def test_a_version_1_postgres_memory_is_upgraded_in_place(database: str, tmp_path: Path) -> None:
    import psycopg

    _filled(database, tmp_path)
    with psycopg.connect(database, autocommit=True) as old:
        old.execute("DROP TABLE origins, term_ranks, prefixes")
        old.execute("ALTER TABLE units DROP COLUMN origin, DROP COLUMN added")
        old.execute("UPDATE tmkit_schema SET version = 1")
    with open_store(database) as store:
        assert store.lookup("The talks lasted three hours.", "en")[0].origin is None
        fuzzy = store.lookup("The Kremlin confirmed the visit today.", "en", "es", 80)
        assert [m.tgt for m in fuzzy] == ["El Kremlin confirmó la visita."]  # prefix index
        store.import_units(iter_units(str(_table(tmp_path / "b.tsv", MT_SENTENCES))), "mt", 5)
        assert [(o.name, o.penalty) for o in store.stats().origins] == [(None, 0), ("mt", 5)]
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION


@NEEDS_SERVER
def test_a_version_2_postgres_memory_gains_signatures(database: str, tmp_path: Path) -> None:
    """Version 2 had a prefix index without signatures: it is rebuilt, and every unit's
    signature in SQL is the one Python computes (the same bit for every word, in any script)."""
    import psycopg

    rows = [*SENTENCES, ("Кремль подтвердил визит в Токио (東京).", "El Kremlin confirmó."),
            ("Ça, c'est naïve Straße.", "Eso es ingenuo.")]  # fmt: skip
    with open_store(database, create=True) as store:
        store.import_units(iter_units(str(_table(tmp_path / "units.tsv", rows))))
    with psycopg.connect(database, autocommit=True) as old:
        old.execute("DROP TABLE prefixes")
        old.execute("CREATE TABLE prefixes (term text, length integer, unit bigint)")
        old.execute("ALTER TABLE term_ranks DROP COLUMN bit")
        old.execute("UPDATE tmkit_schema SET version = 2")
    with open_store(database) as store:
        fuzzy = store.lookup("Кремль подтвердил визит в Токио (東京)!", "en", "es", 70)
        assert [m.tgt for m in fuzzy] == ["El Kremlin confirmó."]
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION
        stored = check.execute(
            "SELECT DISTINCT u.src, p.signature FROM prefixes AS p JOIN units AS u ON u.id = p.unit"
        ).fetchall()
    assert len(stored) == len(rows)
    assert all(bits == signed_64(signature(index_terms(src))) for src, bits in stored)


def _shown(match: Match) -> dict[str, object]:
    """A match as a look-up shows it, less the unit's id: each store numbers its own."""
    return {key: value for key, value in match.record().items() if key != "id"}


@NEEDS_SERVER
def test_both_stores_give_the_same_matches(database: str, tmp_path: Path) -> None:
    sqlite = _filled(str(tmp_path / "tm.sqlite"), tmp_path)
    postgres = _filled(database, tmp_path)
    queries = ["The Kremlin confirmed the visit today.", "Cuba and Russia signed agreements.",
               "The talks lasted hours.", "Putin met Díaz-Canel at the Kremlin."]  # fmt: skip
    with open_store(sqlite) as one, open_store(postgres) as other:
        for query in queries:
            for minimum in (50, 75):
                found = [_shown(m) for m in one.lookup(query, "en", None, minimum)]
                assert found == [_shown(m) for m in other.lookup(query, "en", None, minimum)]


def test_look_ups_below_the_indexed_minimum_find_the_best_match(db: str, tmp_path: Path) -> None:
    """Below 70% a store shortlists the units holding most of the query's rarest words (SQLite
    from its full-text index, PostgreSQL from the GIN index over the units' words) and scores
    those: on a memory whose units share many words, the best match is the best of every
    unit."""
    rng = random.Random(8)
    with _random_store(db, tmp_path, rng, 800) as (store, sources):
        for _ in range(40):
            query = _edited(rng, rng.choice(sources))
            best = max(fuzzy_score(query, source) for source in sources)
            for minimum in (40, 55, 65):
                found = store.lookup(query, "en", "es", minimum, 1)
                assert [m.score for m in found] == [best][: best >= minimum], (query, minimum)


def test_a_pair_of_long_texts_is_stored_once(db: str, tmp_path: Path) -> None:
    """A segment of a few pages (a legal clause, a pasted table) is a pair like any other:
    stored, found exactly, and not stored twice."""
    rng = random.Random(4)
    words = ["shall", "party", "notice", "agreement", *(f"x{i}" for i in range(999))]
    clause = " ".join(rng.choice(words) for _ in range(2500)) + "."
    rows = [(clause, "la cláusula."), ("Short one.", "Corta.")]
    with open_store(db, create=True) as store:
        first = store.import_units(iter_units(str(_table(tmp_path / "a.tsv", rows))))
        again = store.import_units(iter_units(str(_table(tmp_path / "b.tsv", rows))))
        assert (first.added, again.read, again.added) == (2, 2, 0)
        assert [(m.tgt, m.score) for m in store.lookup(clause, "en")] == [("la cláusula.", 100)]


def test_a_text_with_a_word_of_thousands_of_letters_is_stored(db: str, tmp_path: Path) -> None:
    """A pasted key or encoded data is one word of thousands of letters: the pair is stored,
    found exactly and by a fuzzy look-up, and by concordance."""
    rng = random.Random(6)
    key = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6000))
    rows = [(f"The licence key {key} expires today.", "La clave caduca hoy."), ("Hi.", "Hola.")]
    with open_store(db, create=True) as store:
        assert store.import_units(iter_units(str(_table(tmp_path / "a.tsv", rows)))).added == 2
        exact = store.lookup(rows[0][0], "en")
        fuzzy = store.lookup(f"The licence key {key} expires tomorrow.", "en", "es", 70)
        assert [m.score for m in exact] == [100] and [m.tgt for m in fuzzy] == [rows[0][1]]
        assert [m.tgt for m in store.concordance(key)] == [rows[0][1]]


@NEEDS_SERVER
def test_a_version_4_postgres_memory_keys_pairs_by_digest(database: str, tmp_path: Path) -> None:
    """Version 4 kept pairs unique by their whole texts; opening it moves the key to their
    digests, and a pair already there is still not added again."""
    import psycopg

    _filled(database, tmp_path)
    with psycopg.connect(database, autocommit=True) as old:
        old.execute("DROP INDEX units_pair")
        old.execute("ALTER TABLE units ADD CONSTRAINT units_src_lang_tgt_lang_src_tgt_key "
                    "UNIQUE (src_lang, tgt_lang, src, tgt)")  # fmt: skip
        old.execute("UPDATE tmkit_schema SET version = 4")
    with open_store(database) as store:
        before = store.count()
        again = store.import_units(iter_units(str(_table(tmp_path / "again.tsv", SENTENCES))))
        assert (again.added, store.count()) == (0, before)
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION
        names = {row[0] for row in check.execute("SELECT conname FROM pg_constraint")}
        assert "units_src_lang_tgt_lang_src_tgt_key" not in names
        assert check.execute("SELECT to_regclass('units_pair')").fetchone()[0] is not None


@NEEDS_SERVER
def test_a_version_5_postgres_memory_compares_words_by_their_bytes(
    database: str, tmp_path: Path
) -> None:
    """Version 5 compared words by the database's language rules, found exact matches by a
    hash index and held each prefix row's word as text; opening it moves every word column
    (and the indexes over them) to collation "C", exact matches to the pair index, and
    rebuilds the prefix rows with the words' numbers, and look-ups still match."""
    import psycopg

    _filled(database, tmp_path)
    word_columns = {("units", "src_terms"), ("units", "words"), ("term_docs", "term"),
                    ("term_ranks", "term")}  # fmt: skip
    collations = """SELECT c.relname, a.attname, coalesce(l.collname, '')
        FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
        LEFT JOIN pg_collation AS l ON l.oid = a.attcollation AND a.attcollation <> 0
        WHERE c.relname IN ('units', 'term_docs', 'term_ranks', 'prefixes') AND a.attnum > 0"""
    with psycopg.connect(database, autocommit=True) as old:
        for table, column in word_columns:
            kind = "text[]" if table == "units" else "text"
            old.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE {kind} COLLATE "default"')
        old.execute("DROP INDEX units_pair")
        old.execute("CREATE UNIQUE INDEX units_pair ON units "
                    "(src_lang, tgt_lang, (md5(src)::uuid), (md5(tgt)::uuid))")  # fmt: skip
        old.execute("CREATE INDEX units_src ON units USING hash (src)")
        old.execute("ALTER TABLE term_ranks DROP COLUMN id")
        old.execute("DROP TABLE prefixes")  # version 5's held each word's text
        old.execute("CREATE TABLE prefixes (term text NOT NULL, length integer NOT NULL, "
                    "unit bigint NOT NULL, signature bigint NOT NULL)")  # fmt: skip
        old.execute("UPDATE tmkit_schema SET version = 5")
        before = {(t, c): n for t, c, n in old.execute(collations) if (t, c) in word_columns}
    assert set(before.values()) == {"default"}
    with open_store(database) as store:
        fuzzy = store.lookup("The Kremlin confirmed the visit today.", "en", "es", 80)
        assert [m.tgt for m in fuzzy] == ["El Kremlin confirmó la visita."]
        assert [m.tgt for m in store.concordance("three hours")] == [SENTENCES[3][1]]
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION
        after = {(t, c): n for t, c, n in check.execute(collations) if (t, c) in word_columns}
        assert check.execute("SELECT to_regclass('units_src')").fetchone()[0] is None
        check.execute("SET enable_seqscan = off")  # a plan that can use an index, if any
        plan = check.execute("EXPLAIN SELECT id FROM units WHERE md5(src)::uuid = "
                             "md5(%s)::uuid AND src = %s", ("Hi.", "Hi.")).fetchall()  # fmt: skip
    assert after == dict.fromkeys(word_columns, "C")
    assert "units_pair" in str(plan)  # exact matches by the pair index, led by the digest


@NEEDS_SERVER
def test_a_version_3_postgres_memory_loses_its_postings_table(
    database: str, tmp_path: Path
) -> None:
    """Version 3 kept every word's postings for look-ups below 70%; opening it drops them,
    and those look-ups still find their matches."""
    import psycopg

    _filled(database, tmp_path)
    with psycopg.connect(database, autocommit=True) as old:
        old.execute("CREATE TABLE postings (term text NOT NULL, length integer, unit bigint)")
        old.execute("UPDATE tmkit_schema SET version = 3")
    with open_store(database) as store:
        fuzzy = store.lookup("The Kremlin confirmed the visit.", "en", "es", 50)
        assert "El Kremlin confirmó la visita." in [m.tgt for m in fuzzy]
    with psycopg.connect(database) as check:
        assert check.execute("SELECT version FROM tmkit_schema").fetchone()[0] == SCHEMA_VERSION
        assert check.execute("SELECT to_regclass('postings')").fetchone()[0] is None


def _recounted(check) -> tuple[dict[str, int], dict[str, int], set[str]]:
    """The memory's kept word counts, the counts its units give (each word once a unit),
    and the words it has ranked."""
    kept = dict(check.execute("SELECT term, docs FROM term_docs").fetchall())
    recount: dict[str, int] = {}
    for (terms,) in check.execute("SELECT src_terms FROM units"):
        for term in set(terms):
            recount[term] = recount.get(term, 0) + 1
    ranked = {row[0] for row in check.execute("SELECT term FROM term_ranks")}
    return kept, recount, ranked


@NEEDS_SERVER
@pytest.mark.parametrize("filter_bits", [PostgresRepeatFilter.BITS, 8])
def test_postgres_imports_keep_each_pair_once_in_reading_order_and_true_word_counts(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filter_bits: int
) -> None:
    """Pairs read twice in one import, pairs the memory holds and new ones, into an empty
    memory and a filled one: each pair is stored once, numbered in the order first read,
    every word's number of units is what the units give, and the prefix rows are the added
    units' (computed from the words the import kept, not read back). With an 8-bit filter
    nearly every pair is flagged as a possible repeat, and only true repeats are left out."""
    import psycopg

    monkeypatch.setattr(PostgresRepeatFilter, "BITS", filter_bits)
    rng = random.Random(12)
    rows = _random_memory(rng, 60)
    first = rows[:40] + rows[5:9] + [rows[0]]  # repeats inside the file
    second = rows[30:60] + rows[50:55] + rows[:3]  # held pairs, new ones, repeats of new ones
    with open_store(database, create=True) as store:
        one = store.import_units(iter_units(str(_table(tmp_path / "a.tsv", first))))
        two = store.import_units(iter_units(str(_table(tmp_path / "b.tsv", second))))
        assert (one.read, one.added, two.read, two.added) == (45, 40, 38, 20)
        assert [u.variants[0].text for _, u in store.units()] == [s for s, _ in rows]
    with psycopg.connect(database) as check:
        kept, recount, ranked = _recounted(check)
        stored = set(check.execute(
            "SELECT r.term, p.length, p.unit, p.signature "
            "FROM prefixes AS p JOIN term_ranks AS r ON r.id = p.word").fetchall())  # fmt: skip
        ranks = dict(check.execute("SELECT term, rank FROM term_ranks").fetchall())
        units = check.execute("SELECT id, src_terms FROM units").fetchall()
    assert kept == recount and ranked >= set(recount)
    assert stored == set(prefix_rows(units, ranks))  # each added unit's, and no other's


@NEEDS_SERVER
def test_the_cli_and_the_server_take_a_postgres_url(database: str, tmp_path: Path) -> None:
    table = _table(tmp_path / "units.tsv", SENTENCES)
    imported = run_tmkit("tm", "import", str(table), "--db", database)
    assert imported.returncode == 0, imported.stderr.decode()
    assert b"5 pairs read, 5 added" in imported.stderr
    looked = run_tmkit("tm", "lookup", "The talks lasted three hours.", "--db", database)
    assert b"100%" in looked.stdout
    exported = tmp_path / "out.tmx"
    assert run_tmkit("tm", "export", str(exported), "--db", database).returncode == 0
    assert exported.read_text("utf-8").count("</tu>") == 5
    client = TestClient(create_app(database))
    assert client.get("/api/stats").json()["units"] == 5
    unit = client.get("/tmserver/en/es/unit/The%20talks%20lasted%20three%20hours.").json()
    assert unit[0]["target"] == "Las conversaciones duraron tres horas."


@NEEDS_SERVER
def test_concurrent_writers_store_each_pair_once(database: str, tmp_path: Path) -> None:
    run_tmkit("tm", "import", str(_table(tmp_path / "one.tsv", SENTENCES[:1])), "--db", database)
    halves = [
        _table(tmp_path / "a.tsv", [(f"Line {i}.", f"Línea {i}.") for i in range(0, 600)]),
        _table(tmp_path / "b.tsv", [(f"Line {i}.", f"Línea {i}.") for i in range(300, 900)]),
    ]
    command = [sys.executable, "-P", "-m", "tmkit", "tm", "import"]
    writers = [
        subprocess.Popen([*command, str(half), "--db", database], stderr=subprocess.PIPE)
        for half in halves
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    with open_store(database) as store:
        assert store.count() == 1 + 900


def test_a_server_too_old_for_bit_counts_is_named() -> None:
    assert version_problem(130012) == "PostgreSQL 13 is too old: tmkit needs 14 or later"
    assert version_problem(90624) == "PostgreSQL 9.6 is too old: tmkit needs 14 or later"
    assert version_problem(140000) is None and version_problem(170002) is None


def test_a_missing_or_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = run_tmkit("tm", "lookup", "x", "--db", f"postgresql://nobody@/none?host={tmp_path}")
    assert_bad_input(result, "cannot connect")


@NEEDS_SERVER
def test_the_server_on_postgres_survives_bad_imports_and_a_lost_database(database: str) -> None:
    import psycopg
    from psycopg import sql

    open_store(database, create=True).close()  # an empty team memory
    client = TestClient(create_app(database, token="k"))
    right = {"Authorization": "Bearer k"}
    table = "en\tes\n" + "".join(f"{s}\t{t}\n" for s, t in SENTENCES)
    assert (
        client.post("/api/import?format=tsv", content=table.encode(), headers=right).json()["added"]
        == 5
    )
    truncated = b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>'
    answer = client.post("/api/import?format=tmx", content=truncated, headers=right)
    assert answer.status_code == 400 and answer.json()["error"]
    junk = client.post("/api/import?format=tsv", content=b"\xff" * 10_000_000, headers=right)
    assert junk.status_code == 400
    assert client.get("/api/stats").json()["units"] == 5  # nothing half-imported
    name = urllib.parse.urlsplit(database).path.lstrip("/")
    assert SERVER is not None
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        gone = client.get("/api/lookup", params={"q": "The talks lasted three hours."})
        assert gone.status_code == 503 and "cannot connect" in gone.json()["error"]
        assert client.get("/").status_code == 200  # the server goes on serving
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
