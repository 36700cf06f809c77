"""Parallel alignment on the bilingual gold set, and the alignment scorer itself."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polib
import pytest
from lxml import etree

from conftest import GOLD, assert_bad_input, assert_valid_xliff2, run_tmkit
from tmkit.align.evaluate import ids_cell, read_beads, review_table, score
from tmkit.align.parallel import _band_matrix, align_parallel, words
from tmkit.formats import read_units
from tmkit.tm.open import open_store

BILINGUAL = GOLD / "bilingual"
ENGLISH = (BILINGUAL / "putin.en.txt").read_text("utf-8").splitlines()
# Strict F1 measured when the gold set was written; a regression below these fails.
EXPECTED_STRICT_F1 = {"es": 0.91, "fr": 0.81, "ru": 0.86}


def _aligned(lang: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    target = (BILINGUAL / f"putin.{lang}.txt").read_text("utf-8").splitlines()
    return [(tuple(b.src), tuple(b.tgt)) for b in align_parallel(ENGLISH, target)]


@pytest.mark.parametrize("lang", sorted(EXPECTED_STRICT_F1))
def test_bilingual_gold(lang: str) -> None:
    gold = read_beads(BILINGUAL / f"putin.en-{lang}.gold")
    scores = score(_aligned(lang), gold)
    assert scores.strict_f1 >= EXPECTED_STRICT_F1[lang], scores
    assert scores.lax_f1 >= 0.9, scores


@pytest.mark.parametrize("lang", sorted(EXPECTED_STRICT_F1))
def test_every_sentence_in_exactly_one_bead(lang: str) -> None:
    beads = _aligned(lang)
    target = (BILINGUAL / f"putin.{lang}.txt").read_text("utf-8").splitlines()
    assert [i for src, _ in beads for i in src] == list(range(len(ENGLISH)))
    assert [j for _, tgt in beads for j in tgt] == list(range(len(target)))


def test_tokens_meet_across_scripts() -> None:
    russian = set(words("Путин встретился с Диас-Канелем 9 мая в 79-й раз?"))
    english = set(words("Putin met Diaz-Canel on 9 May for the 79th time?"))
    assert {"putin", "#9", "#79", "?"} <= russian & english


def test_a_word_counts_once_in_a_bead_however_many_of_its_sentences_hold_it() -> None:
    """A merged bead earns nothing for words its sentences share: the source sentence's one
    word, held by every target sentence, is matched once in a window of three as in a
    window of one (windows are [sentence, size - 1, end], less each size's chance mean)."""
    offered = [{"nepal"} for _ in range(12)]
    windows = _band_matrix([[(2.0, ["nepal"])]], offered, np.array([0]), 12)
    one, three = windows[0, 0, 6], windows[0, 2, 6]
    assert one == pytest.approx(three) and one == pytest.approx(0.0)
    lone = [set() for _ in range(12)]
    lone[5] = {"nepal"}
    windows = _band_matrix([[(2.0, ["nepal"])]], lone, np.array([0]), 12)
    # Windows ending at 6 (sentence 5 the last) hold it; those ending at 5 do not.
    assert windows[0, 0, 6] - windows[0, 0, 5] == pytest.approx(2.0)
    assert windows[0, 2, 8] - windows[0, 2, 9] == pytest.approx(2.0)
    assert windows[0, 2, 6] == pytest.approx(windows[0, 2, 8])


def test_a_credit_only_the_translation_has_at_its_end_is_a_bead_of_its_own() -> None:
    """The translator's credit after a translation's last sentence is a 0-1 bead, not glued
    to that sentence (it was: a 1-2 bead cost less than a 1-1 and a 0-1); the same for a
    credit only the source has."""
    english = (BILINGUAL / "health.en.txt").read_text("utf-8").splitlines()
    spanish = (BILINGUAL / "health.es.txt").read_text("utf-8").splitlines()
    credit = "( Traducción de Ana Ruiz )"
    beads = [(tuple(b.src), tuple(b.tgt)) for b in align_parallel(english, [*spanish, credit])]
    assert beads == [((i,), (i,)) for i in range(10)] + [((), (10,))]
    beads = [(tuple(b.src), tuple(b.tgt)) for b in align_parallel([*spanish, credit], english)]
    assert beads == [((i,), (i,)) for i in range(10)] + [((10,), ())]


def test_empty_and_long_inputs() -> None:
    assert [b.kind for b in align_parallel(["a."], [])] == ["1-0"]
    assert align_parallel([], []) == []
    source = [f"Sentence number {i} has {i % 7} extra words here." for i in range(3000)]
    target = [f"La frase número {i} tiene {i % 7} palabras más aquí." for i in range(3000)]
    beads = align_parallel(source, target)
    assert all(b.src == b.tgt for b in beads) and len(beads) == 3000


def test_scorer_strict_and_lax() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    predicted = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    scores = score(predicted, gold)  # Vecalign's counting: the 1-0 bead is a false positive
    assert (scores.strict_precision, scores.strict_recall) == (1 / 4, 1 / 2)
    assert (scores.lax_precision, scores.lax_recall) == (2 / 4, 1.0)
    scores = score(predicted, gold, "two-sided")
    assert (scores.strict_precision, scores.strict_recall) == (1 / 3, 1 / 2)
    assert (scores.lax_precision, scores.lax_recall) == (2 / 3, 1.0)


def test_eval_align_cli(tmp_path: Path) -> None:
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text(
        "\n".join(json.dumps({"src_ids": list(s), "tgt_ids": list(t)}) for s, t in _aligned("es")),
        "utf-8",
    )
    result = run_tmkit(
        "eval", "align", str(predicted), str(BILINGUAL / "putin.en-es.gold"), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["strict_f1"] >= EXPECTED_STRICT_F1["es"]
    text = run_tmkit(
        "eval", "align", str(BILINGUAL / "putin.en-es.gold"), str(BILINGUAL / "putin.en-es.gold")
    ).stdout.decode()
    assert "strict" in text and "1.000" in text


def test_eval_align_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gold"
    bad.write_text("[0]:[0]\n0 -> 1\n", "utf-8")
    assert_bad_input(run_tmkit("eval", "align", str(bad), str(bad)), "bad.gold:2", "not a bead")


@pytest.mark.parametrize(
    "ids", ['"src_ids": "01", "tgt_ids": [1]', '"src_ids": [true], "tgt_ids": [1]',
            '"src_ids": [1.5], "tgt_ids": [1]', '"src_ids": [0], "tgt_ids": [-1]'],
)  # fmt: skip
def test_eval_align_refuses_json_beads_that_number_no_sentence(tmp_path: Path, ids: str) -> None:
    """A string's characters, true, 1.5 and -1 were scored as sentence numbers."""
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text(f'{{"src_ids": [0], "tgt_ids": [0]}}\n{{{ids}}}\n', "utf-8")
    result = run_tmkit("eval", "align", str(predicted), str(BILINGUAL / "putin.en-es.gold"))
    assert_bad_input(result, "pred.jsonl:2", "must be lists of sentence numbers")


def test_review_tables_with_a_long_cell_or_a_stray_carriage_return(tmp_path: Path) -> None:
    """A sentence longer than csv's default 131,072 characters, and a carriage return alone in
    an unquoted cell: both were csv tracebacks."""
    header = "src_ids\ttgt_ids\tscore\tflag\tsource\ttarget\tsrc_doc\ttgt_doc\n"
    long_cell = tmp_path / "long.tsv"
    long_cell.write_text(header + "0\t0\t0.7\t\t" + "x" * 200_000 + "\ty\ta\ta\n", "utf-8")
    result = run_tmkit("eval", "align", str(long_cell), str(long_cell), "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["strict_f1"] == 1.0
    stray = tmp_path / "stray.tsv"
    stray.write_bytes((header + "0\t0\t0.7\t\r\tDas\tLa\ta\ta\n").encode())
    assert_bad_input(
        run_tmkit("eval", "align", str(stray), str(stray)), "stray.tsv:2", "carriage return"
    )


def test_glossary_pairs_anchor_sentences() -> None:
    """Without a lexicon the length model pairs "river" with "casa"; the pair river/río
    puts the river sentence with its rendering."""
    source = [
        "we saw the red house there.",
        "we saw the big river there.",
        "they all went home after that.",
    ]
    target = ["vimos el gran río allí.", "todos se fueron a casa después."]
    plain = {j: b.src for b in align_parallel(source, target) for j in b.tgt}
    assert 1 not in plain[0]
    anchored = align_parallel(source, target, lexicon=[("river", "río")])
    by_target = {j: b.src for b in anchored for j in b.tgt}
    assert 1 in by_target[0] and by_target[1] == [2]


def test_align_cli_takes_a_glossary_as_anchors(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.csv"
    lexicon.write_text("Leningrad,Ленинград,t1 preferred place\n", "utf-8")
    result = run_tmkit(
        "align",
        str(BILINGUAL / "putin.en.txt"),
        str(BILINGUAL / "putin.ru.txt"),
        "--segmented",
        "--format",
        "jsonl",
        "--glossary",
        str(lexicon),
    )
    assert result.returncode == 0, result.stderr.decode()
    pairs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert any(3 in p["src_ids"] and 3 in p["tgt_ids"] for p in pairs)


def test_min_score_flags_beads_for_review_in_po_and_xliff_and_keeps_them_out_of_tmx(
    tmp_path: Path,
) -> None:
    args = [str(BILINGUAL / "putin.en.txt"), str(BILINGUAL / "putin.fr.txt"), "--segmented"]
    every = run_tmkit("align", *args, "--format", "jsonl", "--min-score", "0.9").stdout.decode()
    records = [json.loads(line) for line in every.splitlines()]
    assert sorted(i for r in records for i in r["src_ids"]) == list(range(len(ENGLISH)))
    low = [r for r in records if r["low_confidence"]]
    assert low and all(r["score"] < 0.9 and r["src_ids"] and r["tgt_ids"] for r in low)
    memory = tmp_path / "m.tmx"
    assert (
        run_tmkit(
            "align", *args, "--format", "tmx", "--min-score", "0.9", "-o", str(memory)
        ).returncode
        == 0
    )
    two_sided = [r for r in records if r["src_ids"] and r["tgt_ids"]]
    assert memory.read_text("utf-8").count("<tu ") == len(two_sided) - len(low)
    # PO and XLIFF keep the doubtful beads, marked for review: fuzzy, needs-review, initial.
    po, xliff, xliff2 = tmp_path / "m.po", tmp_path / "m.xlf", tmp_path / "m2.xlf"
    for fmt, out in (("po", po), ("xliff", xliff), ("xliff2", xliff2)):
        made = run_tmkit("align", *args, "--format", fmt, "--min-score", "0.9", "-o", str(out))
        assert made.returncode == 0, made.stderr.decode()
    entries = polib.pofile(str(po))
    assert len(entries) == len(two_sided)
    assert len([e for e in entries if e.fuzzy]) == len(low)
    assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)]).returncode == 0
    targets = etree.parse(str(xliff)).getroot().iter("{*}target")
    assert sum(t.get("state") == "needs-review-translation" for t in targets) == len(low)
    segments = list(assert_valid_xliff2(xliff2).getroot().iter("{*}segment"))
    assert sum(s.get("state") == "initial" for s in segments) == len(low)
    # Read back, they stay marked, and a TM does not take them.
    db = str(tmp_path / "tm.sqlite")
    for path in (po, xliff, xliff2):
        _, units = read_units(str(path))
        assert sum(u.needs_review for u in units) == len(low), path.name
        assert run_tmkit("tm", "import", str(path), "--db", db).returncode == 0
    with open_store(db) as store:
        assert store.count() == len(two_sided) - len(low)


def test_review_loop_keeps_fixed_beads_and_realigns_the_rest(tmp_path: Path) -> None:
    args = [str(BILINGUAL / "putin.en.txt"), str(BILINGUAL / "putin.fr.txt"), "--segmented"]
    table = tmp_path / "review.tsv"
    assert run_tmkit("align", *args, "--format", "tsv", "-o", str(table)).returncode == 0
    rows = table.read_text("utf-8").splitlines()
    assert rows[0].split("\t")[:4] == ["src_ids", "tgt_ids", "score", "flag"]
    gold = read_beads(BILINGUAL / "putin.en-fr.gold")
    assert score(read_beads(table), gold).strict_f1 == 1.0  # the table is gold for eval
    edited = tmp_path / "edited.tsv"
    edited.write_text("\n".join([rows[0], "0\t\t", "1\t0,1"]) + "\n", "utf-8")  # two fixes
    result = run_tmkit("align", *args, "--format", "jsonl", "--fixed", str(edited))
    assert result.returncode == 0, result.stderr
    beads = [(r["src_ids"], r["tgt_ids"]) for r in map(json.loads, result.stdout.splitlines())]
    assert beads[:2] == [([0], []), ([1], [0, 1])]
    assert sorted(i for s, _ in beads for i in s) == list(range(len(ENGLISH)))
    target = (BILINGUAL / "putin.fr.txt").read_text("utf-8").splitlines()
    assert sorted(j for _, t in beads for j in t) == list(range(len(target)))


def test_review_table_survives_a_spreadsheet(tmp_path: Path) -> None:
    """A table saved back by a spreadsheet, as LibreOffice Calc writes it: every text cell
    quoted (the header too), a text's quotation marks doubled, a BOM and CRLF; and ids as
    people type them where a comma is the decimal mark ("6;7") or with spaces."""
    table = review_table(
        [
            (ids_cell([0]), ids_cell([0]), "0.900", "", '"Yes," he said.', "« Oui », dit-il.",
             "a.en", "a.fr"),
            (ids_cell([101, 102]), ids_cell([1]), "0.500", "low", "Two.", "Deux.", "a.en",
             "a.fr"),
        ]
    )  # fmt: skip
    assert table.splitlines()[1].split("\t")[4] == '"""Yes,"" he said."'
    assert table.splitlines()[2].startswith("101, 102\t1\t")  # "101,102" reads 101102
    saved = tmp_path / "saved.csv"
    quoted = "\r\n".join(
        "\t".join(cell if cell.replace(".", "").isdigit() else f'"{cell}"' for cell in row)
        for row in (
            ["src_ids", "tgt_ids", "score"],
            ["0", "0", "0.9"],
            ["101, 102", "1", "0.5"],
            ["103;104", "2 3", "0.5"],
        )
    )
    saved.write_text("\ufeff" + quoted + "\r\n", "utf-8")
    assert read_beads(saved) == [((0,), (0,)), ((101, 102), (1,)), ((103, 104), (2, 3))]


def test_review_table_round_trips_through_libreoffice(
    tmp_path: Path, libreoffice: Callable[..., Path]
) -> None:
    """The real client: Calc opens the table in English, French, German and Russian (whose
    number formats read "101,102" or "101 102" as a number) and saves it back as text."""
    args = [str(BILINGUAL / "putin.en.txt"), str(BILINGUAL / "putin.fr.txt"), "--segmented"]
    table = tmp_path / "review.tsv"
    beads = [((i, i + 1), (i,)) for i in range(100, 104, 2)]
    assert run_tmkit("align", *args, "--format", "tsv", "-o", str(table)).returncode == 0
    with table.open("a", encoding="utf-8") as out:  # beads a long document would have
        out.writelines(f"{ids_cell(s)}\t{ids_cell(t)}\t0.5\n" for s, t in beads)
    expected = read_beads(table)
    for locale in ("1033", "1036", "1031", "1049"):
        sheet = libreoffice(table, "xlsx", tmp_path / locale, f"--infilter=CSV:9,34,76,1,,{locale}")
        saved = libreoffice(
            sheet, "csv:Text - txt - csv (StarCalc):9,34,76,1", sheet.parent / "back"
        )
        assert read_beads(saved) == expected, locale


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("[0]:[0]\n[0]:[1]\n", "edited.txt:2: fixed bead [0]:[1] overlaps"),
        ("[0]:[0]\n[99]:[1]\n", "edited.txt:2: fixed bead [99]:[1] names a source sentence"),
        ("[3]:[3]\n[1]:[4]\n", "crosses another fixed bead"),
        ("[1,3]:[2]\n", "must be consecutive"),
        ("0\tx\n", "edited.txt:1: a row must start with source and target ids"),
    ],
)
def test_fixed_beads_that_cannot_hold(tmp_path: Path, rows: str, problem: str) -> None:
    edited = tmp_path / "edited.txt"
    edited.write_text(rows, "utf-8")
    args = [str(BILINGUAL / "putin.en.txt"), str(BILINGUAL / "putin.fr.txt"), "--segmented"]
    assert_bad_input(run_tmkit("align", *args, "--fixed", str(edited)), problem)


def _dictd_digits(value: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[value % 64] + out
        value //= 64
        if not value:
            return out


@pytest.mark.parametrize("kind", ["dic", "tsv", "dictd"])
def test_dictionary_pairs_anchor_sentences(tmp_path: Path, kind: str) -> None:
    source = [
        "we saw the red house there.",
        "we saw the big river there.",
        "they all went home after that.",
    ]
    target = ["vimos el gran río allí.", "todos se fueron a casa después."]
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("\n".join(source) + "\n", "utf-8")
    tgt.write_text("\n".join(target) + "\n", "utf-8")
    if kind == "dic":
        dictionary = tmp_path / "en-es.dic"
        dictionary.write_text("río @ river\n", "utf-8")
    elif kind == "tsv":
        dictionary = tmp_path / "en-es.tsv"
        dictionary.write_text("river\trío\n", "utf-8")
    else:
        entries = ["river /ˈrɪvə/ <n>\nrío, corriente\na big stream\n", "red <adj>\nrojo\n"]
        data = "".join(entries).encode()
        index, at = [], 0
        for headword, entry in zip(("river", "red"), entries, strict=True):
            size = len(entry.encode())
            index.append(f"{headword}\t{_dictd_digits(at)}\t{_dictd_digits(size)}")
            at += size
        (tmp_path / "en-es.dict.dz").write_bytes(gzip.compress(data))
        dictionary = tmp_path / "en-es.index"
        dictionary.write_text("00databaseshort\tA\tB\n" + "\n".join(index) + "\n", "utf-8")
    args = [str(src), str(tgt), "--segmented", "--mode", "parallel", "--format", "jsonl"]
    args += ["--src-lang", "en", "--tgt-lang", "es"]

    def by_target(*more: str) -> dict[int, list[int]]:
        result = run_tmkit("align", *args, *more)
        assert result.returncode == 0, result.stderr
        records = map(json.loads, result.stdout.splitlines())
        return {j: r["src_ids"] for r in records for j in r["tgt_ids"]}

    assert 1 not in by_target()[0]  # lengths alone pair the river with the house
    anchored = by_target("--dictionary", str(dictionary))
    assert 1 in anchored[0] and anchored[1] == [2]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("d.dic", "río @ river\nno separator here\n", "d.dic:2: not a dictionary line"),
        ("d.tsv", "river\trío\n\tvacío\n", "d.tsv:2: not a dictionary line"),
        ("d.xml", "<dictionary/>", "unknown dictionary format"),
        ("d.index", "river\tA\tB\n", "no d.dict.dz or .dict beside the index"),
    ],
)
def test_bad_dictionaries(tmp_path: Path, name: str, content: str, problem: str) -> None:
    dictionary = tmp_path / name
    dictionary.write_text(content, "utf-8")
    args = [str(BILINGUAL / "putin.en.txt"), str(BILINGUAL / "putin.es.txt"), "--segmented"]
    assert_bad_input(run_tmkit("align", *args, "--dictionary", str(dictionary)), problem)
