"""The SQLite translation memory: scores, ranking, candidates, transactions, bad files."""

from __future__ import annotations

import gc
import json
import random
import sqlite3
from pathlib import Path

import pytest

from conftest import (
    SQLITE_TO_VERSION_5,
    assert_bad_input,
    assert_valid_tmx,
    run_in_terminal,
    run_tmkit,
)
from tmkit.errors import InputError
from tmkit.formats.tmx import write_tmx
from tmkit.tm.fuzzy import (
    INDEXED_MINIMUM,
    fuzzy_score,
    index_terms,
    prefix_rows,
    prefix_size,
    signature,
    signed_64,
)
from tmkit.tm.sqlite import SCHEMA_VERSION, SqliteTM
from tmkit.tm.store import paused_collection
from tmkit.units import Memory, TranslationUnit, Variant

SOURCE = "We are delighted to see you in Russia."


@pytest.mark.parametrize(
    ("candidate", "score"),
    [
        (SOURCE, 100),
        ("we are delighted to see you in Russia.", 99),  # case only
        ("We are delighted to see you in Russia!", 99),  # punctuation only
        ("We are  delighted to see you in Russia.", 99),  # spacing only
        ("We are de\u00adlighted to see you in Rus\u200bsia.", 99),  # invisible characters
        ("We are delighted to see you in Moscow.", 87),  # 1 of 8 words: 87.5 → 87
        ("We are glad to see you in Moscow.", 75),  # 2 of 8 words
        ("Thank you.", 12),  # "you" is 1 of 8 words
    ],
)
def test_fuzzy_score(candidate: str, score: int) -> None:
    assert fuzzy_score(SOURCE, candidate) == score


def test_numbers_cost_more_than_a_word() -> None:
    assert fuzzy_score("The vote took place on 9 May.", "The vote took place on 10 May.") == 83
    assert fuzzy_score("The vote took place on 9 May.", "The vote took place in May 9.") < 99


def _pair(src: str, tgt: str, **kw) -> TranslationUnit:
    return TranslationUnit([Variant("en", src), Variant("fr", tgt)], **kw)


def _memory_file(tmp_path: Path, name: str, units: list[TranslationUnit]) -> Path:
    path = tmp_path / name
    write_tmx(path, units, Memory("en"))
    return path


@pytest.fixture()
def store(tmp_path: Path) -> SqliteTM:
    tm = SqliteTM(tmp_path / "tm.sqlite", create=True)
    units = [
        _pair(SOURCE, "Nous sommes ravis de vous voir en Russie.", tuid="a"),
        _pair(
            SOURCE,
            "Nous sommes heureux de vous voir en Russie.",
            tuid="b",
            props=[("x-context", "Your Excellency, friends.")],
        ),
        _pair("We are delighted to see you in Moscow.", "Nous sommes ravis de vous voir à Moscou."),
        _pair("Thank you very much.", "Merci beaucoup."),
    ]
    tm.import_units((Memory("en"), u) for u in units)
    return tm


def test_ranking_exact_above_fuzzy(store: SqliteTM) -> None:
    matches = store.lookup(SOURCE, "en", "fr")
    assert [m.score for m in matches] == [100, 100, 87]
    assert matches[0].tuid == "a"  # equal scores: the older unit first


def test_in_context_match_ranks_first(store: SqliteTM) -> None:
    matches = store.lookup(SOURCE, "en", "fr", context="Your Excellency, friends.")
    assert (matches[0].score, matches[0].tuid) == (101, "b")


def test_minimum_and_languages(store: SqliteTM) -> None:
    assert [m.score for m in store.lookup(SOURCE, "en", "fr", minimum=90)] == [100, 100]
    assert store.lookup(SOURCE, "en", "de") == []
    assert store.lookup(SOURCE, "es") == []


def test_duplicates_merge(store: SqliteTM) -> None:
    before = store.count()
    report = store.import_units([(Memory("en"), _pair("Thank you very much.", "Merci beaucoup."))])
    assert (report.read, report.added, store.count()) == (1, 0, before)


def test_concordance(store: SqliteTM) -> None:
    found = store.concordance("delighted Russia")
    assert {m.tgt for m in found} == {
        "Nous sommes ravis de vous voir en Russie.",
        "Nous sommes heureux de vous voir en Russie.",
    }
    assert [m.src for m in store.concordance("beaucoup")] == ["Thank you very much."]


def test_wal_mode(store: SqliteTM) -> None:
    connection = sqlite3.connect(store.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_candidates_find_the_same_best_match_as_brute_force(tmp_path: Path) -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(400)]
    sources = [" ".join(rng.choices(vocabulary, k=rng.randint(5, 14))) + "." for _ in range(3000)]
    tm = SqliteTM(tmp_path / "big.sqlite", create=True)
    tm.import_units((Memory("en"), _pair(s, f"t{i}")) for i, s in enumerate(sources))
    agree = 0
    queries = 100
    for _ in range(queries):
        words = rng.choice(sources)[:-1].split()
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        query = " ".join(words) + "."
        best = max(fuzzy_score(query, s) for s in sources)
        found = tm.lookup(query, "en", minimum=50, limit=1)
        agree += bool(found) and found[0].score == best
    assert agree >= 0.99 * queries


def test_the_prefix_index_holds_each_units_rarest_words_and_signature(tmp_path: Path) -> None:
    """The rows an import writes are, unit by unit, what the definition gives: the words of
    the n − ⌈0.7n⌉ + 1 rarest occurrences (rank, then the word), and all the words' bits."""
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(60)] + ["Ça", "Кремль", "東京"]
    sources = {" ".join(rng.choices(vocabulary, k=rng.randint(0, 18))) + "." for _ in range(800)}
    tm = SqliteTM(tmp_path / "tm.sqlite", create=True)
    tm.import_units((Memory("en"), _pair(s, f"t{i}")) for i, s in enumerate(sorted(sources)))
    db = sqlite3.connect(tm.path)
    ranks = dict(db.execute("SELECT term, rank FROM term_ranks"))
    expected = set()
    for unit, stored in db.execute("SELECT id, src_terms FROM units"):
        terms = stored.split(" ") if stored else []
        occurrences = sorted((ranks[term], term) for term in terms)
        for _, term in occurrences[: prefix_size(len(terms), 70)]:
            expected.add((term, len(terms), unit, signed_64(signature(terms))))
    assert set(db.execute("SELECT term, length, unit, signature FROM prefixes")) == expected


def _older_memory(
    tmp_path: Path,
    script: str,
    pairs: tuple[tuple[str, str], ...] = ((SOURCE, "Nous sommes ravis."),),
) -> Path:
    """A memory of `pairs`, taken back to version 5, then to an older schema by `script`."""
    path = tmp_path / "old.sqlite"
    with SqliteTM(path, create=True) as tm:
        tm.import_units([(Memory("en"), _pair(source, target)) for source, target in pairs])
    old = sqlite3.connect(path)
    old.executescript(SQLITE_TO_VERSION_5 + script)
    old.close()
    return path


def test_a_version_3_tm_gains_signatures_in_place(tmp_path: Path) -> None:
    """Version 3 had a prefix index without signatures: opening the memory rebuilds it."""
    path = _older_memory(
        tmp_path,
        "DROP TABLE prefixes; CREATE TABLE prefixes (term TEXT NOT NULL, length INTEGER NOT "
        "NULL, unit INTEGER NOT NULL, PRIMARY KEY (term, length, unit)) WITHOUT ROWID;"
        "PRAGMA user_version=3;",
    )
    with SqliteTM(path) as tm:
        found = tm.lookup("We are delighted to see you in Moscow.", "en", minimum=75)
        assert [(m.tgt, m.score) for m in found] == [("Nous sommes ravis.", 87)]
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    stored = upgraded.execute("SELECT DISTINCT signature FROM prefixes").fetchall()
    assert stored == [(signed_64(signature(index_terms(SOURCE))),)]


TURBINES = "这些涡轮机将于2028年并网。"


def _unspaced_pairs() -> list[tuple[Memory, TranslationUnit]]:
    """A Chinese source with its English, and an English source with its Chinese."""
    return [
        (Memory("zh"), TranslationUnit([Variant("zh", TURBINES), Variant("en", "In 2028.")])),
        (
            Memory("en"),
            TranslationUnit([Variant("en", "The wind farm."), Variant("zh", "风电场。")]),
        ),
    ]


def test_unspaced_scripts_are_read_a_character_a_word(tmp_path: Path) -> None:
    """A Chinese, Japanese or Thai sentence is no single word: one character changed is a
    fuzzy match, and a concordance finds a word of a Chinese target."""
    assert index_terms("涡轮机 2028年 wind") == ["涡", "轮", "机", "2028", "年", "wind"]
    # Thai's vowel and tone marks are skipped, as SQLite's full-text tokeniser drops them
    # (an import of a Thai source stopped when they were words of their own)
    assert index_terms("กังหัน") == ["ก", "ง", "ห", "น"]
    thai = TranslationUnit([Variant("th", "กังหันลมในทะเลเหนือ"), Variant("en", "North Sea.")])
    with SqliteTM(tmp_path / "tm.sqlite", create=True) as tm:
        tm.import_units([*_unspaced_pairs(), (Memory("th"), thai)])
        found = tm.lookup("这些涡轮机将于2029年并网。", "zh", minimum=75)
        assert [(m.tgt, m.score) for m in found] == [("In 2028.", 88)]
        assert [m.src for m in tm.concordance("风电场")] == ["The wind farm."]
        assert [m.score for m in tm.lookup("กังหันลมในทะเลใต้", "th", minimum=70)] == [75]


def test_a_version_5_tm_reads_unspaced_scripts_a_character_a_word(tmp_path: Path) -> None:
    """Version 5 took a Chinese sentence for one word and indexed the targets' text as
    written: opening the memory gives its units their words again, so the fuzzy match and
    the concordance above work in it too."""
    path = tmp_path / "old.sqlite"
    with SqliteTM(path, create=True) as tm:
        tm.import_units(_unspaced_pairs())
    old = sqlite3.connect(path)
    old.executescript(SQLITE_TO_VERSION_5)
    old.execute(
        "UPDATE units SET src_terms = ? WHERE src = ?", ("这些涡轮机将于2028年并网", TURBINES)
    )
    old.commit()
    old.close()
    with SqliteTM(path) as tm:
        found = tm.lookup("这些涡轮机将于2029年并网。", "zh", minimum=75)
        assert [(m.tgt, m.score) for m in found] == [("In 2028.", 88)]
        assert [m.src for m in tm.concordance("风电场")] == ["The wind farm."]
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    terms = dict(upgraded.execute("SELECT src, src_terms FROM units"))
    assert terms[TURBINES] == " ".join(index_terms(TURBINES))


def test_a_version_4_tm_keeps_pairs_once_by_the_source_led_index(tmp_path: Path) -> None:
    """Version 4 had an inline unique constraint and a second index on the source text:
    opening it adds the one index that does both jobs, drops the other, and an exact
    look-up reads that index rather than the table."""
    path = _older_memory(
        tmp_path,
        "DROP INDEX units_pair; CREATE INDEX units_src ON units (src); PRAGMA user_version=4;",
    )
    with SqliteTM(path) as tm:
        again = tm.import_units([(Memory("en"), _pair(SOURCE, "Nous sommes ravis."))])
        assert (again.read, again.added) == (1, 0)
        assert [(m.tgt, m.score) for m in tm.lookup(SOURCE, "en")] == [("Nous sommes ravis.", 100)]
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {
        row[0] for row in upgraded.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert "units_pair" in indexes and "units_src" not in indexes
    plan = " ".join(
        str(row[-1])
        for row in upgraded.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM units WHERE src = ? AND src_lang = ?", (SOURCE, "en")
        )
    )
    assert "USING INDEX units_pair" in plan or "USING COVERING INDEX units_pair" in plan, plan


def test_import_and_convert_show_a_bar_with_units_on_a_terminal(tmp_path: Path) -> None:
    table = tmp_path / "units.tsv"
    table.write_text("en\tes\n" + "".join(f"line {i}\tlínea {i}\n" for i in range(3000)))
    code, shown = run_in_terminal("tm", "import", str(table), "--db", str(tmp_path / "tm.sqlite"))
    assert code == 0, shown.decode(errors="replace")
    assert b"tmkit tm import" in shown and b"units/s" in shown
    assert b"3000 pairs read, 3000 added" in shown
    code, shown = run_in_terminal("convert", str(table), str(tmp_path / "units.tmx"))
    assert code == 0 and b"units/s" in shown and b"3000 units written" in shown
    piped = run_tmkit("convert", str(table), str(tmp_path / "again.tmx"))
    assert piped.stderr.decode().splitlines() == [
        f"tmkit convert: 3000 units written to {tmp_path / 'again.tmx'}"
    ]


def test_json_summaries_for_scripts(tmp_path: Path) -> None:
    table = tmp_path / "units.tsv"
    table.write_text("en\tes\nGood morning.\tBuenos días.\nThank you.\tGracias.\n")
    db = tmp_path / "tm.sqlite"
    imported = run_tmkit("tm", "import", str(table), "--db", str(db), "--format", "json")
    assert json.loads(imported.stdout) == {
        "files": [str(table)], "pairs_read": 2, "added": 2, "already_there": 0, "units": 2,
        "db": str(db), "origin": None, "left_out_for_review": 0,
    }  # fmt: skip
    assert imported.stderr == b""
    exported = run_tmkit("tm", "export", "-", "--db", str(db), "--to", "tsv", "--format", "json")
    assert exported.stdout.decode().splitlines()[0] == "en\tes"  # tabs on stdout too
    assert json.loads(exported.stderr) == {
        "db": str(db),
        "output": "-",
        "units_read": 2,
        "units_written": 2,
        "left_out_other_languages": 0,
    }
    converted = run_tmkit("convert", str(table), str(tmp_path / "u.tmx"), "--format", "json")
    assert json.loads(converted.stdout)["units_written"] == 2


def test_an_import_says_which_renderings_to_review_it_left_out(tmp_path: Path) -> None:
    """A fuzzy PO entry and an XLIFF 2 target still in its initial state are proposals: the
    memory does not store them, and the summary says so, in words and in JSON."""
    po = tmp_path / "drafts.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Source-Language: en\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello."\nmsgstr "Bonjour."\n\n#, fuzzy\nmsgid "Goodbye."\nmsgstr "Au revoir ?"\n',
        "utf-8",
    )
    xliff = tmp_path / "proposal.xlf"
    xliff.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        'trgLang="fr"><file id="f"><unit id="u"><segment><source>Thanks.</source>'
        "<target>Merci.</target></segment></unit></file></xliff>",
        "utf-8",
    )
    db = tmp_path / "tm.sqlite"
    said = run_tmkit("tm", "import", str(po), "--db", str(db)).stderr.decode()
    assert "1 pairs read, 1 added" in said and "(1 marked for review left out)" in said
    again = run_tmkit(
        "tm", "import", str(xliff), "--from", "xliff2", "--db", str(db), "--format", "json"
    )
    report = json.loads(again.stdout)
    assert (report["pairs_read"], report["left_out_for_review"], report["units"]) == (0, 1, 1)


def test_locale_style_language_tags_are_their_language(tmp_path: Path) -> None:
    """Older TMX files write `lang="en_GB"` (TMX 1.1's attribute, a Java locale): a unit in
    en_GB under a header saying en-US is an English source, not a unit with no source that
    the import skips, and `--tgt-lang zh` finds its zh_Hans target."""
    tmx = tmp_path / "old.tmx"
    tmx.write_text(
        '<tmx version="1.1"><header srclang="en-US" creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="EN-US"><seg>The wind farm opens.</seg></tuv>'
        '<tuv xml:lang="es-ES"><seg>El parque abre.</seg></tuv></tu>'
        '<tu><tuv lang="en_GB"><seg>The turbine is big.</seg></tuv>'
        '<tuv lang="zh_Hans"><seg>涡轮机很大。</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    db = tmp_path / "tm.sqlite"
    imported = run_tmkit("tm", "import", str(tmx), "--db", str(db), "--format", "json")
    assert json.loads(imported.stdout)["added"] == 2, imported.stderr.decode()
    found = run_tmkit(
        "tm",
        "lookup",
        "The turbine is big.",
        "--db",
        str(db),
        "--tgt-lang",
        "zh",
        "--format",
        "json",
    )
    assert [m["tgt"] for m in json.loads(found.stdout)] == ["涡轮机很大。"]


def test_a_memory_whose_units_name_their_own_source_language(tmp_path: Path) -> None:
    """TMX's header may say srclang="*all*" (each unit's first language is its source) and a
    <tu> its own srclang: every unit was skipped as one with no source; now each pair is
    stored the way round its unit says, and written back with its srclang."""
    tmx = tmp_path / "any.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="*all*" creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="fr"><seg>Bonjour.</seg>'
        '</tuv></tu><tu srclang="fr"><tuv xml:lang="en"><seg>Thanks.</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Merci.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    db = tmp_path / "tm.sqlite"
    assert run_tmkit("tm", "import", str(tmx), "--db", str(db)).returncode == 0
    found = run_tmkit(
        "tm", "lookup", "Merci.", "--db", str(db), "--src-lang", "fr", "--format", "json"
    )
    assert [(m["src"], m["tgt"]) for m in json.loads(found.stdout)] == [("Merci.", "Thanks.")]
    back = tmp_path / "back.tmx"
    assert run_tmkit("convert", str(tmx), str(back)).returncode == 0
    assert '<tu tuid="2" srclang="fr"' in back.read_text("utf-8")
    assert_valid_tmx(back)


def test_failed_import_leaves_the_tm_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "tm.sqlite"
    good = _memory_file(tmp_path, "good.tmx", [_pair("One.", "Un.")])
    more = _memory_file(tmp_path, "more.tmx", [_pair("Two.", "Deux.")])
    broken = tmp_path / "broken.tmx"
    broken.write_text(more.read_text("utf-8")[:-40], "utf-8")
    assert run_tmkit("tm", "import", str(good), "--db", str(db)).returncode == 0
    snapshot = SqliteTM(db).count()
    result = run_tmkit("tm", "import", str(more), str(broken), "--db", str(db))
    assert_bad_input(result, "broken.tmx", "malformed XML")
    assert SqliteTM(db).count() == snapshot == 1


def test_failed_first_import_leaves_no_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><header srclang='en'/><body><tu>", "utf-8")
    db = tmp_path / "new.sqlite"
    assert_bad_input(run_tmkit("tm", "import", str(broken), "--db", str(db)), "broken.tmx")
    assert not db.exists() and not list(tmp_path.glob("new.sqlite*"))


def test_files_that_are_not_a_tm(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("just text, not a database " * 100, "utf-8")
    assert_bad_input(run_tmkit("tm", "lookup", "x", "--db", str(text)), "not a tmkit")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    assert_bad_input(run_tmkit("tm", "lookup", "x", "--db", str(other)), "not a tmkit")
    assert_bad_input(
        run_tmkit("tm", "lookup", "x", "--db", str(tmp_path / "none.sqlite")),
        "no such translation memory",
    )
    with pytest.raises(InputError, match="is a directory"):
        SqliteTM(tmp_path)


def test_cli_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "tm.sqlite"
    source = _memory_file(tmp_path, "in.tmx", [_pair(SOURCE, "Nous sommes ravis.", tuid="u1")])
    result = run_tmkit("tm", "import", str(source), "--db", str(db))
    assert b"1 pairs read, 1 added" in result.stderr
    result = run_tmkit(
        "tm",
        "lookup",
        "We are delighted to see you in Moscow.",
        "--db",
        str(db),
        "--format",
        "json",
    )
    (match,) = json.loads(result.stdout)
    assert (match["score"], match["tgt"], match["tuid"]) == (87, "Nous sommes ravis.", "u1")
    text = run_tmkit("tm", "lookup", SOURCE, "--db", str(db)).stdout.decode()
    assert text.startswith(" 100%  We are delighted") and "→ Nous sommes ravis." in text
    out = tmp_path / "out.po"
    assert run_tmkit("tm", "export", str(out), "--db", str(db)).returncode == 0
    assert 'msgstr "Nous sommes ravis."' in out.read_text("utf-8")
    conc = run_tmkit("tm", "concordance", "ravis", "--db", str(db)).stdout.decode()
    assert "We are delighted" in conc


def test_a_lookup_that_finds_nothing_says_why(tmp_path: Path) -> None:
    """A look-up that finds nothing said nothing at all; it now says whether no match was
    that close or the memory holds no unit from (and into) the languages asked for, naming
    the pairs it holds (a unit is looked up from its own source language only)."""
    db = tmp_path / "tm.sqlite"
    source = _memory_file(tmp_path, "in.tmx", [_pair(SOURCE, "Nous sommes ravis.")])
    assert run_tmkit("tm", "import", str(source), "--db", str(db)).returncode == 0

    def said(*more: str) -> tuple[str, str]:
        done = run_tmkit("tm", "lookup", *more, "--db", str(db))
        assert done.returncode == 0, done.stderr
        return done.stdout.decode(), done.stderr.decode().strip()

    assert said("Something else entirely, and long.") == (
        "",
        "no match for 'Something else entirely, and long.' at or above 75%",
    )
    assert said("Nous sommes ravis.", "--src-lang", "fr") == (
        "",
        f"no unit from fr in {db} (it holds en→fr)",
    )
    assert (
        said(SOURCE, "--tgt-lang", "de")[1] == f"no unit from en into de in {db} (it holds en→fr)"
    )
    assert json.loads(said(SOURCE, "--tgt-lang", "de", "--format", "json")[0]) == []


def test_export_to_a_one_pair_format_says_what_it_left_out(tmp_path: Path) -> None:
    db = str(tmp_path / "tm.sqlite")
    for langs, rows in (("en\tes", "Thank you.\tGracias.\n"), ("en\tfr", "Thank you.\tMerci.\n")):
        table = tmp_path / f"{langs[-2:]}.tsv"
        table.write_text(f"{langs}\n{rows}", "utf-8")
        assert run_tmkit("tm", "import", str(table), "--db", db).returncode == 0
    exported = run_tmkit("tm", "export", str(tmp_path / "fr.po"), "--db", db, "--tgt-lang", "fr")
    assert exported.returncode == 0, exported.stderr.decode()
    assert "1 units written" in exported.stderr.decode()
    assert "(1 of other language pairs left out)" in exported.stderr.decode()


def test_prefix_rows_are_each_units_rarest_words_with_its_signature() -> None:
    """The batch computation gives, for every unit, the words of its first prefix_size
    occurrences in rarity order (rank, then the word), each once, with the unit's length
    and signature: the definition, checked unit by unit on random units (with repeated
    words, ties in rank, one word of many units, and units without words)."""
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(40)] + ["Кремль", "東京", "naïve"]
    ranks = {word: rng.randint(1, 9) for word in vocabulary}
    units = [(rng.randint(1, 10**12), rng.choices(vocabulary, k=rng.randint(0, 30)))
             for _ in range(300)]  # fmt: skip
    expected = set()
    for unit, words in units:
        ordered = sorted(words, key=lambda word: (ranks[word], word))
        bits = signed_64(signature(words))
        for word in set(ordered[: prefix_size(len(words), INDEXED_MINIMUM)]):
            expected.add((word, len(words), unit, bits))
    rows = list(prefix_rows(units, ranks))
    assert len(rows) == len(expected) and set(rows) == expected
    assert list(prefix_rows([], ranks)) == [] and list(prefix_rows([(7, [])], ranks)) == []


def test_an_import_pauses_the_cycle_collector_and_restores_it() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_collection():
        assert not gc.isenabled()
        raise ValueError("a failed import")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()
