"""The command line end to end: outputs, --help and --version, and every failure path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, GOLD, ROOT, assert_bad_input, corpus_file, run_in_terminal, run_tmkit


def test_version_and_help() -> None:
    result = run_tmkit("--version")
    assert result.returncode == 0 and b"tmkit, version" in result.stdout
    commands = [
        [],
        ["segment"],
        ["build"],
        ["convert"],
        ["eval"],
        ["eval", "align"],
        ["tm"],
        ["tm", "import"],
        ["tm", "lookup"],
        ["tm", "concordance"],
        ["tm", "export"],
    ]
    for command in commands:
        result = run_tmkit(*command, "--help")
        assert result.returncode == 0 and b"Usage:" in result.stdout, command


def test_segment_transcript_text_output() -> None:
    result = run_tmkit("segment", str(corpus_file("001")))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "Meeting with President of\u00a0Cuba Miguel Diaz-Canel Bermudez"
    assert "Mr President, my\u00a0dear friend" in lines
    for furniture in ("View settings", "Font size:", "Site colours:", "News"):
        assert furniture not in lines
    assert not any(line.startswith("President of") and line.endswith(":") for line in lines)


def test_segment_jsonl_carries_offsets_and_speakers() -> None:
    path = corpus_file("001")
    result = run_tmkit("segment", "--format", "jsonl", str(path))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["index"] for r in records] == list(range(len(records)))
    retranslated = [r for r in records if r["retranslated"]]
    assert retranslated and {r["speaker"] for r in retranslated} == {"Miguel Diaz-Canel Bermudez"}
    assert {r["kind"] for r in records} == {"headline", "paragraph", "heading", "turn"}
    assert all(r["doc"] == "001" and r["lang"] == "en" for r in records)


def test_an_output_files_extension_picks_the_format(tmp_path: Path) -> None:
    """`-o pairs.tmx` writes a TMX file, as `-o x.jsonl` writes JSONL and `-o report.html` an
    HTML report, when --format is left out; a --format given wins over the name."""
    from conftest import assert_valid_tmx

    bilingual = GOLD / "bilingual"
    pair = (str(bilingual / "wind.en.txt"), str(bilingual / "wind.es.txt"))
    assert run_tmkit("align", *pair, "-o", str(tmp_path / "pairs.tmx")).returncode == 0
    assert len(assert_valid_tmx(tmp_path / "pairs.tmx").findall(".//tu")) == 10
    assert run_tmkit("align", *pair, "-o", str(tmp_path / "pairs.po")).returncode == 0
    assert 'msgid "The European Commission' in (tmp_path / "pairs.po").read_text("utf-8")
    told = tmp_path / "told.tmx"
    assert run_tmkit("align", *pair, "--format", "text", "-o", str(told)).returncode == 0
    assert "<tmx" not in told.read_text("utf-8")
    assert run_tmkit("segment", pair[0], "-o", str(tmp_path / "s.jsonl")).returncode == 0
    records = (tmp_path / "s.jsonl").read_text("utf-8").splitlines()
    assert len(records) == 10 and json.loads(records[0])["index"] == 0
    report = tmp_path / "report.html"
    assert run_tmkit("check", pair[1], "--source", pair[0], "-o", str(report)).returncode in (0, 1)
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_segment_several_files_and_stdin() -> None:
    two = run_tmkit("segment", str(corpus_file("002")), str(corpus_file("003")))
    assert two.returncode == 0 and b"\n\n" in two.stdout
    piped = run_tmkit("segment", "--lang", "en", "-", stdin=b"One here. Two there.\n")
    assert piped.stdout == b"One here.\nTwo there.\n"


def test_a_span_with_no_letter_or_digit_is_no_segment() -> None:
    """A lone slash, dash or row of asterisks between paragraphs has nothing to translate or
    align; a lone number still does. Offsets of the rest stay those of the document."""
    text = "The night fell.\n\n* * *\n\nMorning came.\n\n/\n\n—\n\nChapter\n\n3\n"
    for cleaning in ((), ("--no-clean",)):
        result = run_tmkit("segment", "--lang", "en", "--format", "jsonl", *cleaning, "-",
                           stdin=text.encode())  # fmt: skip
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["text"] for r in records] == ["The night fell.", "Morning came.", "Chapter", "3"]
        assert [r["index"] for r in records] == [0, 1, 2, 3]


def test_segment_to_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = run_tmkit("segment", str(corpus_file("000")), "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert out.read_text("utf-8").startswith("Russia Has Always Stood by the Cuban People")


def test_segment_with_custom_srx(tmp_path: Path) -> None:
    rules = tmp_path / "semicolon.srx"
    rules.write_text(
        """<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="yes"/><body><languagerules><languagerule languagerulename="S">
<rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="S"/></maprules></body></srx>""",
        "utf-8",
    )
    result = run_tmkit("segment", "--srx", str(rules), "--no-clean", "-", stdin=b"a; b. c; d\n")
    assert result.stdout == b"a;\nb. c;\nd\n"


def test_segment_legacy_encoding_with_option(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Встреча прошла в Кремле. Переговоры завершились.\n".encode("cp1251"))
    result = run_tmkit("segment", "--encoding", "cp1251", "--lang", "ru", str(path))
    assert result.stdout.decode().splitlines() == [
        "Встреча прошла в Кремле.",
        "Переговоры завершились.",
    ]


def _bad_inputs(tmp: Path) -> list[tuple[list[str], tuple[str, ...]]]:
    binary = tmp / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03binary\x00" * 50)
    cyrillic = tmp / "cp1251.txt"
    cyrillic.write_bytes("Встреча прошла в Кремле.\n".encode("cp1251"))
    not_srx = tmp / "rules.srx"
    not_srx.write_text("<rules><rule/></rules>", "utf-8")
    broken_srx = tmp / "broken.srx"
    broken_srx.write_text("<srx><body>", "utf-8")
    ole = tmp / "old.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    zipped = tmp / "letter.txt"
    zipped.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 100)
    good = str(corpus_file("000"))
    return [
        (["segment", str(tmp / "missing.txt")], ("missing.txt", "no such file")),
        (["segment", str(tmp)], ("is a directory",)),
        (["segment", str(binary)], ("binary.txt", "binary data")),
        (["segment", str(cyrillic)], ("cp1251.txt:1", "not UTF-8")),
        (["segment", "--encoding", "klingon", good], ("unknown encoding",)),
        # a codec of bytes to bytes is no encoding of text (it crashed in the decoder)
        (["segment", "--encoding", "base64", good], ("'base64' is not a text encoding",)),
        (["segment", "--encoding", "rot13", good], ("'rot13' is not a text encoding",)),
        # UTF-16 named with no byte order mark (the decoder's own error was a traceback)
        (["segment", "--encoding", "utf-16", good], (":1: utf-16 text with no byte order mark",)),
        (["segment", "--srx", str(not_srx), good], ("rules.srx", "not an SRX file")),
        (["segment", "--srx", str(broken_srx), good], ("broken.srx", "not well-formed")),
        (["segment", "--lang", "zz-ZZ", good], ("unknown language tag 'zz-ZZ'",)),
        (["segment", "--lang", "english", good], ("unknown language tag",)),
        (["segment", good, str(tmp / "missing.txt")], ("missing.txt",)),
        # a missing document whose reader is a zip or PDF library says so as a text file does
        (["segment", str(tmp / "missing.docx")], ("missing.docx: no such file",)),
        (["segment", str(tmp / "missing.odt")], ("missing.odt: no such file",)),
        (["segment", str(tmp / "missing.pdf")], ("missing.pdf: no such file",)),
        # a Word 97 file, and a .docx under a text file's name, say what they are
        (["segment", str(ole)], ("old.doc:1: an Office 97-2003 file", "save it as .docx")),
        (["segment", str(zipped)], ("letter.txt:1: a zip archive", "save it as .docx")),
    ]


@pytest.mark.parametrize("case", range(15))
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, case: int) -> None:
    args, fragments = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.txt"
    result = run_tmkit(*args, "-o", str(out))
    assert_bad_input(result, *fragments)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.txt.*"))


def test_bad_input_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("previous", "utf-8")
    result = run_tmkit(
        "segment", str(corpus_file("000")), str(tmp_path / "nope.txt"), "-o", str(out)
    )
    assert_bad_input(result, "nope.txt")
    assert out.read_text("utf-8") == "previous"


def test_usage_errors_exit_2() -> None:
    assert run_tmkit("segment").returncode == 2
    assert run_tmkit("segment", "--format", "xml", "x").returncode == 2
    assert run_tmkit("no-such-command").returncode == 2


def test_build_writes_exports(tmp_path: Path) -> None:
    result = run_tmkit(
        "build",
        str(CORPUS),
        "--glossary-dir",
        str(tmp_path / "g"),
        "--exports-dir",
        str(tmp_path / "e"),
    )
    assert result.returncode == 0, result.stderr
    assert b"5 documents" in result.stderr
    records = [json.loads(x) for x in (tmp_path / "e" / "segments.jsonl").read_text().splitlines()]
    assert {r["doc"] for r in records} == {"000", "001", "002", "003", "004"}
    assert (tmp_path / "g").is_dir()


def test_build_is_reproducible_and_matches_committed_exports(tmp_path: Path) -> None:
    run_tmkit(
        "build",
        str(CORPUS),
        "--exports-dir",
        str(tmp_path / "a"),
        "--glossary-dir",
        str(tmp_path / "g"),
    )
    run_tmkit(
        "build",
        str(CORPUS),
        "--exports-dir",
        str(tmp_path / "b"),
        "--glossary-dir",
        str(tmp_path / "g"),
    )
    for name in ("segments.jsonl", "counterparts.jsonl", "counterparts.tmx", "counterparts.po"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first == (CORPUS.parent / "exports" / name).read_bytes(), name
    for name in ("glossary.tbx", "glossary.csv"):  # no curation in tmp_path / "g"
        assert (tmp_path / "g" / name).read_bytes() == (
            CORPUS.parent / "glossary" / name
        ).read_bytes()


def test_build_bad_manifest_keeps_previous_exports(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "segments.jsonl").write_text("previous", "utf-8")
    manifest = corpus / "manifest.toml"
    manifest.write_text(manifest.read_text("utf-8").replace('lang = "en"', 'lang = "qq-x"', 1))
    result = run_tmkit(
        "build", str(corpus), "--exports-dir", str(exports), "--glossary-dir", str(tmp_path / "g")
    )
    assert_bad_input(result, "manifest.toml", "unknown language tag 'qq-x'")
    assert (exports / "segments.jsonl").read_text("utf-8") == "previous"


def test_build_missing_corpus() -> None:
    assert_bad_input(run_tmkit("build", "/no/such/corpus"), "no such corpus folder")


def test_convert_and_tm_read_stdin_and_write_stdout_with_named_formats(tmp_path: Path) -> None:
    memory = (ROOT / "exports" / "counterparts.tmx").read_bytes()
    result = run_tmkit("convert", "-", "-", "--from", "tmx", "--to", "po", stdin=memory)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().count("\nmsgid ") == 18 + 1  # the header and 18 units
    db = tmp_path / "tm.sqlite"
    result = run_tmkit("tm", "import", "-", "--db", str(db), "--from", "tmx", stdin=memory)
    assert result.returncode == 0, result.stderr.decode()
    result = run_tmkit("tm", "export", "-", "--db", str(db), "--to", "jsonl")
    assert len(result.stdout.decode().splitlines()) == 18
    assert_bad_input(run_tmkit("convert", "-", "out.po", stdin=memory), "<stdin>", "--from")
    assert_bad_input(
        run_tmkit("convert", "-", str(tmp_path / "o.po"), "--from", "tmx", stdin=b"broken"),
        "<stdin>:1",
        "malformed XML",
    )
    assert not (tmp_path / "o.po").exists()


def test_build_summary_as_json(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    result = run_tmkit("build", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    summary = json.loads(result.stdout)
    assert summary["documents"] == 5 and summary["entries"] > 50
    assert "glossary/glossary.tbx" in summary["written"] and summary["warnings"] == []


def _commands(group, prefix: tuple[str, ...] = ()):
    """Every command path of a click group, subgroups included."""
    import click

    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_command_takes_quiet_and_verbose() -> None:
    import click

    from tmkit.cli import cli

    paths = list(_commands(cli))
    assert ("tm", "dedupe") in paths and ("glossary", "build") in paths
    for path in paths:
        command = cli
        for name in path:
            command = command.commands[name]
        flags = {flag for param in command.params for flag in param.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.opts)  # every option says what it does


def test_help_types_paths_and_matches_the_readme() -> None:
    align = run_tmkit("align", "--help").stdout.decode()
    assert "Usage: tmkit align [OPTIONS] [SRC TGT]" in align
    assert "--corpus DIRECTORY" in align and "-o, --output FILE" in align
    segment = run_tmkit("segment", "--help").stdout.decode()
    assert "--srx FILE" in segment and "SRX 1.0/2.0" in segment
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "any SRX 1.0/2.0 rule file" in readme


def test_quiet_leaves_only_the_output_and_verbose_says_what_happened(tmp_path: Path) -> None:
    table = tmp_path / "units.tsv"
    table.write_text("en\tes\nGood morning.\tBuenos días.\nThank you.\tGracias.\n", "utf-8")
    db = str(tmp_path / "tm.sqlite")
    quiet = run_tmkit("tm", "import", str(table), "--db", db, "-q")
    assert quiet.returncode == 0 and quiet.stderr == b"" and quiet.stdout == b""
    loud = run_tmkit("-v", "tm", "import", str(table), "--db", db)  # before the command too
    said = loud.stderr.decode().splitlines()
    assert said[0] == f"tm import {table}: 2 units read"
    assert said[1].startswith("tmkit tm import: 2 pairs read, 0 added")
    assert said[2].startswith("tmkit: done in ") and said[2].endswith(" s")
    looked = run_tmkit("tm", "lookup", "Thank you.", "--db", db, "-q")
    assert "Gracias." in looked.stdout.decode() and looked.stderr == b""
    # Errors are never silenced.
    missing = run_tmkit("tm", "lookup", "Hi.", "--db", str(tmp_path / "none.sqlite"), "-q")
    assert_bad_input(missing, "none.sqlite", "no such translation memory")


def test_verbose_build_names_each_document_and_the_glossary_cut(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    built = run_tmkit("build", "corpus", "-v", cwd=tmp_path)
    assert built.returncode == 0, built.stderr.decode()
    said = built.stderr.decode()
    assert said.count("\nread corpus/") + said.startswith("read corpus/") == 5
    assert "align corpus/" in said and "comparable" in said
    assert "glossary en: " in said and "phrase cut 0.40" in said
    quiet = run_tmkit("build", "corpus", "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_segment_and_corpus_alignment_show_a_bar_on_a_terminal_unless_quiet(
    tmp_path: Path,
) -> None:
    text = tmp_path / "long.txt"
    text.write_text("".join(f"Sentence number {i} is here. " for i in range(4000)), "utf-8")
    out = str(tmp_path / "out.txt")
    code, shown = run_in_terminal("segment", str(text), "--lang", "en", "-o", out)
    assert code == 0, shown.decode(errors="replace")
    assert b"tmkit segment" in shown and b"segments/s" in shown
    code, shown = run_in_terminal("segment", str(text), "--lang", "en", "-o", out, "-q")
    assert code == 0 and shown.strip() == b""
    code, shown = run_in_terminal("align", "--corpus", str(CORPUS), "-o", str(tmp_path / "a"))
    assert code == 0 and b"tmkit align" in shown
    pair = [str(GOLD / "bilingual" / f"putin.{lang}.txt") for lang in ("en", "fr")]
    code, shown = run_in_terminal("align", *pair, "--segmented", "-o", str(tmp_path / "b"))
    assert code == 0 and b"sentences/s" in shown, shown.decode(errors="replace")
