"""What tmkit promises when the machine or the input misbehaves (README, "Reliability").

Each test stands for one defect of issue 12 and failed before its fix: outputs onto special
files, modes, OS and database errors, concurrent writers, line separators, damaged UTF-8,
XML oddities, a runaway SRX rule, malformed PO, build outputs as one set, control characters,
empty glossaries, CSV limits and formulas, signals, messages, and inputs that are almost right.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CORPUS, assert_bad_input, corpus_file, run_tmkit

SEED = str(corpus_file("001"))
TMKIT = [sys.executable, "-P", "-m", "tmkit"]


def _tmkit(*args: str, **options) -> subprocess.CompletedProcess:
    """tmkit in a subprocess with extra Popen options (umask, limits, a shell)."""
    return subprocess.run([*TMKIT, *args], capture_output=True, timeout=120, **options)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _tsv(path: Path, rows: list[tuple[str, str]], langs: tuple[str, str] = ("en", "fr")) -> Path:
    lines = ["\t".join(langs)] + [f"{a}\t{b}" for a, b in rows]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


# 1. -o onto something that is not a regular file


def test_output_onto_dev_null_keeps_the_device() -> None:
    result = run_tmkit("segment", SEED, "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_onto_a_fifo_reaches_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_tmkit("segment", SEED, "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"Meeting with President")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_output_onto_a_process_substitution(tmp_path: Path) -> None:
    out = tmp_path / "out.gz"
    command = f"{' '.join(TMKIT)} segment {SEED} -o >(gzip > {out}); wait"
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for _ in range(100):  # gzip finishes after tmkit
        if out.exists() and out.stat().st_size > 100:
            break
        time.sleep(0.05)
    text = subprocess.run(["gunzip", "-c", str(out)], capture_output=True).stdout
    assert text.startswith(b"Meeting with President")


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run_tmkit("segment", SEED, "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_text("utf-8").startswith("Meeting with President")


# 2. modes follow the umask; an existing file keeps its mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_files_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "out.tmx"
    source = _tsv(tmp_path / "m.tsv", [("Hello.", "Bonjour.")])
    result = _tmkit("convert", str(source), str(out), preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "segments.txt"
    out.write_text("old\n", "utf-8")
    out.chmod(0o604)
    assert run_tmkit("segment", SEED, "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert out.read_text("utf-8") != "old\n"


def test_build_outputs_follow_the_umask(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The talks went well. Both sides agreed.\n", "utf-8")
    result = _tmkit(
        "build", str(corpus), "--exports-dir", str(tmp_path / "exports"),
        "--glossary-dir", str(tmp_path / "glossary"), preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for folder in ("exports", "glossary"):
        for path in (tmp_path / folder).iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


# 3. OS and database errors: exit 2, one line, temporary files removed


def test_stdout_on_a_full_device() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*TMKIT, "segment", SEED], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "tmkit: <stdout>: no space left on device"


def test_output_onto_a_full_device() -> None:
    result = run_tmkit("segment", SEED, "-o", "/dev/full")
    assert_bad_input(result, "/dev/full", "no space left on device")


def test_output_naming_a_directory(tmp_path: Path) -> None:
    assert_bad_input(run_tmkit("segment", SEED, "-o", str(tmp_path)), "is a directory")
    assert _leftovers(tmp_path) == []


def test_output_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    result = run_tmkit("segment", SEED, "-o", str(tmp_path / "no" / "out.txt"))
    assert_bad_input(result, "no such directory")


def _limit_file_size() -> None:
    """A disk that fills up: writes past 4 KB fail with EFBIG (SIGXFSZ ignored)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_disk_full_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "segments.txt"
    out.write_text("the old content\n", "utf-8")
    result = _tmkit("segment", SEED, "-o", str(out), preexec_fn=_limit_file_size)
    assert_bad_input(result, str(out), "file too large")
    assert out.read_text("utf-8") == "the old content\n"
    assert _leftovers(tmp_path) == []


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes through permission bits: a read-only mount instead
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", folder])
        if mounted.returncode != 0:
            pytest.skip("cannot mount a read-only tmpfs here")
    else:
        folder.chmod(0o555)
    try:
        result = run_tmkit("segment", SEED, "-o", str(folder / "out.txt"))
        assert_bad_input(result, str(folder / "out.txt"), "cannot write here")
        assert list(folder.iterdir()) == []
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", folder])
        folder.chmod(0o755)


def test_full_file_system(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; test_disk_full_* covers EFBIG")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", folder]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = run_tmkit("segment", SEED, SEED, SEED, "-o", str(folder / "out.txt"))
        assert_bad_input(result, "no space left on device")
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["umount", folder])


def _tm(tmp_path: Path, rows: int = 3) -> Path:
    source = _tsv(
        tmp_path / "m.tsv", [(f"Sentence number {i} here.", f"Phrase {i}.") for i in range(rows)]
    )
    db = tmp_path / "tm.sqlite"
    assert run_tmkit("tm", "import", str(source), "--db", str(db)).returncode == 0
    return db


def test_damaged_tm_page(tmp_path: Path) -> None:
    db = _tm(tmp_path, rows=400)
    data = bytearray(db.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096 : page * 4096 + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))
    result = run_tmkit("tm", "lookup", "Sentence number 7 here.", "--db", str(db))
    assert_bad_input(result, str(db), "damaged or not a tmkit translation memory")


# 4. two writers of one TM


def test_a_writer_waits_then_gives_up_with_one_line(tmp_path: Path) -> None:
    db = _tm(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        more = _tsv(tmp_path / "more.tsv", [("Another one.", "Encore un.")])
        result = run_tmkit("tm", "import", str(more), "--db", str(db), "--wait", "0.5")
        assert_bad_input(result, str(db), "in use by another writer for more than 0.5 s")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_writer_waits_for_the_other(tmp_path: Path) -> None:
    db = _tm(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("ROLLBACK")).start()
    more = _tsv(tmp_path / "more.tsv", [("Another one.", "Encore un.")])
    result = run_tmkit("tm", "import", str(more), "--db", str(db), "--wait", "30")
    holder.close()
    assert result.returncode == 0, result.stderr
    assert b"4 in" in result.stderr


def _import_in_background(source: Path, db: Path) -> subprocess.Popen:
    command = [*TMKIT, "tm", "import", str(source), "--db", str(db)]
    return subprocess.Popen(command, stderr=subprocess.PIPE)


def test_concurrent_first_imports_keep_both(tmp_path: Path) -> None:
    """Four imports race to create one memory: each lands, none fails. (The winner used to
    switch the published file to WAL while a loser was merging into it, which SQLite refuses
    at once: "database is locked", about one attempt in ten with eight writers.)"""
    sides = ("left", "right", "up", "down")
    for attempt in range(4):
        db = tmp_path / f"new{attempt}.sqlite"
        files = [
            _tsv(
                tmp_path / f"{side}{attempt}.tsv",
                [(f"{side} {i} text.", f"{i}.") for i in range(300)],
            )
            for side in sides
        ]
        procs = [_import_in_background(f, db) for f in files]
        for proc in procs:
            assert proc.wait(timeout=120) == 0, proc.stderr.read()
        count = sqlite3.connect(db).execute("SELECT count(*) FROM units").fetchone()[0]
        assert count == 300 * len(sides)
        assert _leftovers(tmp_path) == []


def test_a_failing_first_import_never_deletes_the_winners_tm(tmp_path: Path) -> None:
    for attempt in range(4):
        db = tmp_path / f"new{attempt}.sqlite"
        good = _tsv(tmp_path / "good.tsv", [(f"Good {i} text.", f"Bon {i}.") for i in range(300)])
        bad = tmp_path / "bad.tsv"
        bad.write_text(
            "en\tfr\n" + "".join(f"Row {i}.\tLigne {i}.\n" for i in range(300)) + "short\n"
        )
        procs = [_import_in_background(f, db) for f in (bad, good)]
        codes = [proc.wait(timeout=120) for proc in procs]
        assert codes == [2, 0]
        assert sqlite3.connect(db).execute("SELECT count(*) FROM units").fetchone()[0] == 300


# 5. U+2028, U+2029 and U+0085 are data, not line breaks


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
@pytest.mark.parametrize("suffix", [".po", ".jsonl", ".tmx", ".xlf", ".csv", ".tsv"])
def test_line_separators_round_trip(tmp_path: Path, separator: str, suffix: str) -> None:
    source = tmp_path / "in.jsonl"
    record = {
        "src_lang": "en",
        "tgt_lang": "es",
        "src": f"One{separator}two",
        "tgt": f"Uno{separator}dos",
    }
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    middle, back = tmp_path / f"mid{suffix}", tmp_path / "back.jsonl"
    assert run_tmkit("convert", str(source), str(middle)).returncode == 0
    result = run_tmkit("convert", str(middle), str(back))
    assert result.returncode == 0, result.stderr
    got = json.loads(back.read_text("utf-8"))
    assert (got["src"], got["tgt"]) == (record["src"], record["tgt"])


def test_tmkit_jsonl_with_line_separators_reads_back(tmp_path: Path) -> None:
    text = tmp_path / "doc.txt"
    text.write_text("First line\u2028still the first.\nSecond\u0085line.\n", "utf-8")
    segments = run_tmkit("segment", str(text), "--lang", "en", "--format", "jsonl").stdout
    records = [json.loads(line) for line in segments.decode().split("\n") if line]
    assert [r["text"] for r in records] == ["First line\u2028still the first.", "Second\u0085line."]
    pairs = tmp_path / "pairs.jsonl"
    args = [
        "--segmented",
        "--mode",
        "parallel",
        "--src-lang",
        "en",
        "--tgt-lang",
        "en",
        "--format",
        "jsonl",
    ]
    assert run_tmkit("align", str(text), str(text), *args, "-o", str(pairs)).returncode == 0
    gold = tmp_path / "gold.txt"
    gold.write_text("[0]:[0]\n[1]:[1]\n")
    result = run_tmkit("eval", "align", str(pairs), str(gold), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["strict_f1"] == 1.0


# 6. UTF-8 with a stray byte is refused, never re-read as cp1252


def test_utf8_with_one_stray_byte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(
        "Miguel Díaz-Canel visited.\nIn Moscú the talks\n".encode() + b"went \xe9 well.\n"
    )
    result = run_tmkit("segment", str(path))
    assert_bad_input(result, "draft.txt:3", "invalid UTF-8 byte 0xE9 at byte offset")
    assert_bad_input(
        run_tmkit("check", str(path), "--glossary", str(Path("glossary/glossary.tbx").resolve())),
        "draft.txt:3",
    )


def test_a_real_cp1252_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Miguel Díaz-Canel met the press in Moscú.\n".encode("cp1252"))
    result = run_tmkit("segment", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Díaz-Canel" in result.stdout.decode()


# 7. XLIFF with processing instructions and entity references


XLIFF_HEAD = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="x" datatype="plaintext" source-language="en" target-language="fr"><body>\n'
)


def test_xliff_processing_instructions_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "pi.xlf"
    path.write_text(
        XLIFF_HEAD + '<trans-unit id="1"><source>Hello <?pi x?>world</source>'
        "<target>Bonjour <?pi y?>monde</target></trans-unit>\n</body></file></xliff>\n"
    )
    out = tmp_path / "out.jsonl"
    result = run_tmkit("convert", str(path), str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text("utf-8"))
    assert (record["src"], record["tgt"]) == ("Hello world", "Bonjour monde")


def test_xliff_entity_reference_is_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ent.xlf"
    path.write_text(
        XLIFF_HEAD + '<trans-unit id="1"><source>Kreml&xxe;in</source><target>x</target>'
        "</trans-unit>\n</body></file></xliff>\n"
    )
    assert_bad_input(
        run_tmkit("convert", str(path), str(tmp_path / "o.jsonl")), "ent.xlf:4", "&xxe;"
    )


# 8. entities decided on the parser's view, whatever the encoding or prolog length


def test_utf16_entity_declarations_are_refused(tmp_path: Path) -> None:
    document = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE tmx [<!ENTITY xxe "in">]>\n'
        '<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu>'
        '<tuv xml:lang="en"><seg>Kreml&xxe;</seg></tuv></tu></body></tmx>\n'
    )
    path = tmp_path / "u16.tmx"
    path.write_bytes(document.encode("utf-16"))
    assert_bad_input(
        run_tmkit("convert", str(path), str(tmp_path / "o.jsonl")), "entity declarations"
    )
    assert_bad_input(
        run_tmkit("tm", "import", str(path), "--db", str(tmp_path / "tm.sqlite")), "entity"
    )
    assert not (tmp_path / "tm.sqlite").exists()


def test_entity_declarations_after_a_long_prolog_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!-- ' + "x" * (1 << 21) + " -->\n"
        '<!DOCTYPE martif [<!ENTITY xxe "in">]>\n<martif type="TBX-Basic"><text><body>'
        '<termEntry id="a"><langSet xml:lang="en"><tig><term>Kreml&xxe;</term></tig></langSet>'
        "</termEntry></body></text></martif>\n"
    )
    assert_bad_input(
        run_tmkit("glossary", "lookup", "Kremlin", "--glossary", str(path)), "entity declarations"
    )


# 9. a runaway SRX rule


def test_catastrophic_srx_rule_is_stopped(tmp_path: Path) -> None:
    srx = tmp_path / "bad.srx"
    srx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n'
        '<header segmentsubflows="yes" cascade="yes"/>\n<body><languagerules>\n'
        '<languagerule languagerulename="all">\n'
        '<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n'
        '<rule break="yes"><beforebreak>\\s</beforebreak><afterbreak>(a|a)+x</afterbreak></rule>\n'
        '</languagerule></languagerules>\n<maprules><languagemap languagepattern=".*" '
        'languagerulename="all"/></maprules></body></srx>\n'
    )
    text = tmp_path / "a.txt"
    text.write_text("Hello there. " + "a" * 32 + "\n")
    result = run_tmkit("segment", "--srx", str(srx), "--lang", "en", str(text))
    assert_bad_input(result, "bad.srx:7", "(a|a)+x", "time budget")


# 10. malformed PO


def test_unterminated_po_string_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        'msgid "Talks in the Kremlin"\nmsgstr "Conversaciones en el Kremlin\n'
    )
    glossary = str(Path("glossary/glossary.tbx").resolve())
    for args in (
        ["convert", str(path), str(tmp_path / "o.tmx")],
        ["tm", "import", str(path), "--db", str(tmp_path / "tm.sqlite")],
        ["check", str(path), "--glossary", glossary],
    ):
        assert_bad_input(run_tmkit(*args), "bad.po:7", "unterminated or malformed string")


@pytest.mark.parametrize("nplurals", ["999999999", "0", "x"])
def test_a_plural_forms_header_past_belief_is_not_followed(tmp_path: Path, nplurals: str) -> None:
    """A TMX header (or a catalogue) saying its catalogue had a billion plural forms made the
    PO writer fill a billion forms in, hanging; a count past any language's (or none) leaves
    the target language's own forms to decide."""
    tmx = tmp_path / "evil.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        f'datatype="po"><prop type="x-po-plural-forms">nplurals={nplurals}; plural=n;</prop>'
        "</header><body>\n"
        + "".join(
            f'<tu><prop type="x-plural-form">{form}</prop><tuv xml:lang="en"><seg>{en}</seg>'
            f'</tuv><tuv xml:lang="fr"><seg>{fr}</seg></tuv></tu>\n'
            for form, en, fr in ((0, "One file", "Un fichier"), (1, "%d files", "%d fichiers"))
        )
        + "</body></tmx>\n",
        "utf-8",
    )
    done = run_tmkit("convert", str(tmx), str(tmp_path / "out.po"))
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out.po").read_text("utf-8")
    assert "nplurals=2; plural=(n > 1);" in text and text.count("msgstr[") == 2


# 11. build outputs are one set


def test_a_build_without_pairs_leaves_no_old_pairs(tmp_path: Path) -> None:
    exports, glossary = tmp_path / "exports", tmp_path / "glossary"
    args = ["--exports-dir", str(exports), "--glossary-dir", str(glossary)]
    assert run_tmkit("build", str(CORPUS), *args).returncode == 0
    assert (exports / "counterparts.tmx").read_text("utf-8").count("<tu ") > 5
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "a.txt").write_text("The talks went well. Both sides agreed on trade.\n", "utf-8")
    result = run_tmkit("build", str(alone), *args)
    assert result.returncode == 0, result.stderr
    assert b"0 counterpart pairs" in result.stderr
    assert (exports / "counterparts.tmx").read_text("utf-8").count("<tu ") == 0
    assert (exports / "counterparts.jsonl").read_text("utf-8") == ""


def test_a_failing_build_changes_nothing(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    assert (
        run_tmkit(
            "build",
            str(CORPUS),
            "--exports-dir",
            str(exports),
            "--glossary-dir",
            str(tmp_path / "g"),
        ).returncode
        == 0
    )
    before = {p.name: p.read_bytes() for p in exports.iterdir()}
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_tmkit(
        "build", str(CORPUS), "--exports-dir", str(exports), "--glossary-dir", str(blocker / "g")
    )
    assert_bad_input(result)
    assert {p.name: p.read_bytes() for p in exports.iterdir()} == before


# 12. NUL and control characters

UNIT_JSON = '{"src_lang": "en", "tgt_lang": "fr", "src": "%s", "tgt": "b"}'


def test_nul_past_the_first_kilobytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"A sentence here.\n" * 700 + b"bad \x00 byte\n")
    assert_bad_input(run_tmkit("glossary", "build", str(path)), "doc.txt:701", "NUL")


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("u.jsonl", UNIT_JSON % "a" + "\n" + UNIT_JSON % "a\\u0000" + "\n", 2),
        ("u.csv", "en,fr\nfine,bien\nbad\x01,mal\n", 3),
        ("u.po", 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a\x02"\nmsgstr "b"\n', 5),
        # an escape writes one too (glibc's catalogues hold "\v"): named at its line, where
        # the TMX writer refused it with no line
        ("e.po", 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "a"\nmsgstr ""\n"b\\vc"\n', 7),
        ("s.jsonl", UNIT_JSON % "a\\ud800" + "\n", 1),
    ],
)  # fmt: skip
def test_controls_in_tm_files_are_refused_at_their_line(
    tmp_path: Path, name: str, content: str, line: int
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    assert_bad_input(
        run_tmkit("tm", "import", str(path), "--db", str(tmp_path / "tm.sqlite")), f"{name}:{line}"
    )
    assert not (tmp_path / "tm.sqlite").exists()


def test_lookup_never_prints_raw_controls(tmp_path: Path) -> None:
    source = _tsv(tmp_path / "m.tsv", [("Press \u009b31m here.", "Appuyez \u009b31m ici.")])
    db = tmp_path / "tm.sqlite"
    assert run_tmkit("tm", "import", str(source), "--db", str(db)).returncode == 0
    for args in (["lookup", "Press \u009b31m here."], ["concordance", "press"]):
        out = run_tmkit("tm", *args, "--db", str(db)).stdout.decode()
        assert "\u009b" not in out and "\\x9b31m" in out


# 13. an empty or wrong glossary


@pytest.mark.parametrize(("name", "content"), [
    ("e.csv", ""), ("e.json", "[]"),
    ("e.tbx", '<?xml version="1.0"?><martif type="TBX-Basic"><text><body/></text></martif>'),
])  # fmt: skip
def test_an_empty_glossary_is_an_error(tmp_path: Path, name: str, content: str) -> None:
    glossary = tmp_path / name
    glossary.write_text(content)
    draft = tmp_path / "draft.txt"
    draft.write_text("Talks in the Kremnil went well.\n")
    assert_bad_input(run_tmkit("check", str(draft), "--glossary", str(glossary)), "no entries")
    result = run_tmkit("check", str(draft), "--glossary", str(glossary), "--allow-empty")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("content", ['Kremlin,"unterminated\n', "Krem\x00lin,Kremlin\n"])
def test_glossary_csv_follows_the_tm_table_rules(tmp_path: Path, content: str) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text(content)
    assert_bad_input(
        run_tmkit("glossary", "lookup", "Kremlin", "--glossary", str(glossary)), "g.csv:1"
    )
    tm = tmp_path / "t.csv"
    tm.write_text("en,fr\n" + content)
    assert_bad_input(run_tmkit("convert", str(tm), str(tmp_path / "o.tmx")), "t.csv:2")


# 14. CSV/TSV: long cells, formulas


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_long_cells_and_formulas_round_trip(tmp_path: Path, suffix: str) -> None:
    cells = ["x" * 200_000, '=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "'=kept", "''+two"]
    source = tmp_path / "in.jsonl"
    records = [
        {"src_lang": "en", "tgt_lang": "fr", "src": f"{c} {i}", "tgt": c}
        for i, c in enumerate(cells)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    table, back = tmp_path / f"t{suffix}", tmp_path / "back.jsonl"
    assert run_tmkit("convert", str(source), str(table)).returncode == 0
    written = table.read_text("utf-8")
    assert "\n=" not in written and "\t=" not in written and ",=" not in written
    assert run_tmkit("convert", str(table), str(back)).returncode == 0
    got = [json.loads(line)["tgt"] for line in back.read_text("utf-8").splitlines()]
    assert got == cells


# 15. signals


def _big_tsv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("en\tfr\n")
        for i in range(rows):
            out.write(
                f"Sentence {i} about the talks in the capital.\tPhrase {i} sur les entretiens.\n"
            )
    return path


def _signal_mid_write(proc: subprocess.Popen, folder: Path, sig: int) -> None:
    """Send sig once the process has its temporary output open and has written for a moment:
    a fixed sleep is outrun by a fast machine, and the process then ends with 0."""
    deadline = time.monotonic() + 60
    while not _leftovers(folder):
        assert proc.poll() is None, "it finished before the signal: make the input bigger"
        assert time.monotonic() < deadline, "no temporary output after 60 s"
        time.sleep(0.01)
    time.sleep(0.2)
    assert proc.poll() is None, "it finished before the signal: make the input bigger"
    proc.send_signal(sig)


@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_mid_import_leaves_no_tm(tmp_path: Path, sig: int, code: int, word: str) -> None:
    source = _big_tsv(tmp_path / "big.tsv", 600_000)
    db = tmp_path / "tm.sqlite"
    proc = subprocess.Popen(
        [*TMKIT, "tm", "import", str(source), "--db", str(db)], stderr=subprocess.PIPE
    )
    _signal_mid_write(proc, tmp_path, sig)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == code
    assert err.strip() == f"tmkit: {word}"
    assert not db.exists()
    assert _leftovers(tmp_path) == []


def test_sigterm_mid_tmx_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    source = _big_tsv(tmp_path / "big.tsv", 600_000)
    out = tmp_path / "big.tmx"
    proc = subprocess.Popen([*TMKIT, "convert", str(source), str(out)], stderr=subprocess.PIPE)
    _signal_mid_write(proc, tmp_path, signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    assert not out.exists()
    assert _leftovers(tmp_path) == []


def test_sigkill_mid_first_import_leaves_no_tm(tmp_path: Path) -> None:
    source = _big_tsv(tmp_path / "big.tsv", 600_000)
    db = tmp_path / "tm.sqlite"
    proc = subprocess.Popen(
        [*TMKIT, "tm", "import", str(source), "--db", str(db)], stderr=subprocess.PIPE
    )
    _signal_mid_write(proc, tmp_path, signal.SIGKILL)
    proc.wait(timeout=60)
    assert not db.exists()
    small = _tsv(tmp_path / "small.tsv", [("Hello.", "Bonjour.")])
    assert run_tmkit("tm", "import", str(small), "--db", str(db)).returncode == 0


# 16. messages that name the real file and the real problem


def test_symlink_loop_as_db(tmp_path: Path) -> None:
    loop = tmp_path / "loop.sqlite"
    loop.symlink_to(loop)
    assert_bad_input(
        run_tmkit("tm", "lookup", "x", "--db", str(loop)), "loop.sqlite", "symbolic links"
    )


def test_glossary_lookup_reads_stdin() -> None:
    csv = Path("glossary/glossary.csv").resolve().read_bytes()
    result = run_tmkit("glossary", "lookup", "Kremnil", "--glossary", "-", stdin=csv)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Kremlin")


def test_eval_align_names_an_encoding_problem(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_bytes(b"[0]:[0]\n# caf\xe9\n")
    assert_bad_input(run_tmkit("eval", "align", str(gold), str(gold)), "gold.txt:2", "not UTF-8")


def test_tm_export_names_the_tm(tmp_path: Path) -> None:
    db = _tm(tmp_path)
    with sqlite3.connect(db) as connection:  # a unit an older tmkit let in
        connection.execute("UPDATE units SET tgt = 'bad\x01' WHERE id = 1")
    result = run_tmkit("tm", "export", str(tmp_path / "out.tmx"), "--db", str(db))
    assert_bad_input(result, "tm.sqlite", "U+0001")
    assert not (tmp_path / "out.tmx").exists()


# 17. inputs that are almost right


def test_check_refuses_a_tmx_without_language(tmp_path: Path) -> None:
    path = tmp_path / "d.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en" creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>'
        '<body><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv><seg>b</seg></tuv></tu></body></tmx>\n'
    )
    glossary = str(Path("glossary/glossary.tbx").resolve())
    assert_bad_input(run_tmkit("check", str(path), "--glossary", glossary), "xml:lang")
    assert_bad_input(run_tmkit("convert", str(path), str(tmp_path / "o.po")), "xml:lang")


def test_html_doctype_subset_is_not_a_segment(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        '<!DOCTYPE html [\n<!ENTITY x "y">\n]>\n<html><body><p>Hello there.</p></body></html>\n'
    )
    assert run_tmkit("segment", str(path), "--lang", "en").stdout == b"Hello there.\n"


def test_html_nested_too_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "<p>After.</p></body></html>"
    )
    assert_bad_input(run_tmkit("segment", str(path)), "deep.html", "nested too deep")
    fine = tmp_path / "fine.html"
    fine.write_text(
        "<html><body>"
        + "<div>" * 300
        + "<p>Deep text here.</p>"
        + "</div>" * 300
        + "<p>After text here.</p></body></html>"
    )
    assert (
        run_tmkit("segment", str(fine), "--lang", "en").stdout
        == b"Deep text here.\nAfter text here.\n"
    )


def test_tbx_term_with_hi_and_pi_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="a">'
        '<langSet xml:lang="en"><tig><term>Supreme <hi>Eurasian</hi> Economic<?x y?> Council</term>'
        "</tig></langSet></termEntry></body></text></martif>\n"
    )
    result = run_tmkit(
        "glossary",
        "lookup",
        "Supreme Eurasian Economic Council",
        "--glossary",
        str(path),
        "--format",
        "json",
    )
    assert json.loads(result.stdout)[0]["term"] == "Supreme Eurasian Economic Council"


@pytest.mark.parametrize("suffix", [".tmx", ".xlf", ".po", ".csv", ".tsv", ".jsonl"])
def test_crlf_inside_a_segment_survives(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "in.jsonl"
    record = {
        "src_lang": "en",
        "tgt_lang": "fr",
        "src": "Line one\r\nline two",
        "tgt": "Ligne\r\ndeux\r",
    }
    source.write_text(json.dumps(record) + "\n")
    middle, back = tmp_path / f"m{suffix}", tmp_path / "back.jsonl"
    assert run_tmkit("convert", str(source), str(middle)).returncode == 0
    assert run_tmkit("convert", str(middle), str(back)).returncode == 0
    got = json.loads(back.read_text("utf-8"))
    assert (got["src"], got["tgt"]) == (record["src"], record["tgt"])
    db = tmp_path / "tm.sqlite"
    assert run_tmkit("tm", "import", str(middle), "--db", str(db)).returncode == 0
    exported = tmp_path / "exported.jsonl"
    assert run_tmkit("tm", "export", str(exported), "--db", str(db)).returncode == 0
    got = json.loads(exported.read_text("utf-8"))
    assert (got["src"], got["tgt"]) == (record["src"], record["tgt"])


# The suite itself: the subprocess tmkit is the installed package, compiled reader included


def test_the_cli_tests_run_the_installed_package() -> None:
    script = "import tmkit, tmkit._tmxunits; print(tmkit.__file__)"
    result = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_tbx_term_with_an_entity_reference_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
        '<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">'
        "<tig><term>Kreml&xxe;in</term></tig></langSet></termEntry></body></text></martif>\n"
    )
    result = run_tmkit("glossary", "lookup", "Kremlin", "--glossary", str(path))
    assert_bad_input(result, "g.tbx:3", "entity reference &xxe; is never expanded")


def test_segment_output_is_whole_or_untouched(tmp_path: Path) -> None:
    """Segments are written as each file is read; a bad later file leaves OUT as it was."""
    good, bad, out = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out.jsonl"
    good.write_text("One sentence here. Another one there.\n", "utf-8")
    bad.write_bytes("Caf\u00e9 ok. ".encode() + b"\xff\xfe broken\n")
    out.write_text("earlier run\n", "utf-8")
    result = run_tmkit("segment", str(good), str(bad), "--format", "jsonl", "-o", str(out))
    assert_bad_input(result, "bad.txt")
    assert out.read_text("utf-8") == "earlier run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt", "out.jsonl"]
    told = run_tmkit("segment", str(good), str(good), "--format", "text", "-o", str(out))
    assert told.returncode == 0  # (the name alone, .jsonl, would say JSONL)
    assert out.read_text("utf-8") == (
        "One sentence here.\nAnother one there.\n\nOne sentence here.\nAnother one there.\n"
    )
