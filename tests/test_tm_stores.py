"""One behavioural suite for both TM stores: the SQLite file and PostgreSQL (a real server,
which `.ci/run` starts and names in TMKIT_TEST_POSTGRES). Both must give the same matches."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import assert_bad_input, run_tmkit
from tmkit.errors import InputError
from tmkit.formats import iter_units
from tmkit.serve.app import create_app
from tmkit.tm.open import open_store

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


@NEEDS_SERVER
def test_both_stores_give_the_same_matches(database: str, tmp_path: Path) -> None:
    sqlite = _filled(str(tmp_path / "tm.sqlite"), tmp_path)
    postgres = _filled(database, tmp_path)
    queries = ["The Kremlin confirmed the visit today.", "Cuba and Russia signed agreements.",
               "The talks lasted hours.", "Putin met Díaz-Canel at the Kremlin."]  # fmt: skip
    with open_store(sqlite) as one, open_store(postgres) as other:
        for query in queries:
            for minimum in (50, 75):
                found = [m.record() for m in one.lookup(query, "en", None, minimum)]
                assert found == [m.record() for m in other.lookup(query, "en", None, minimum)]


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
