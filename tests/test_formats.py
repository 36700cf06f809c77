"""TM formats against their real clients: the TMX DTD, translate-toolkit, msgfmt, OmegaT."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ROOT, assert_bad_input, assert_valid_tmx, client_missing, run_tmkit
from tmkit.convert import convert
from tmkit.errors import InputError
from tmkit.formats import read_units, write_units
from tmkit.formats.po import read_catalogue, read_po, write_po
from tmkit.formats.tmx import read_tmx, write_tmx
from tmkit.formats.xliff import read_xliff
from tmkit.glossary.files import read_glossary
from tmkit.tm.open import open_store
from tmkit.units import Memory, TranslationUnit, Variant

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


def _units() -> list[TranslationUnit]:
    return [
        TranslationUnit(
            [
                Variant("en", "We are delighted to see you in Russia."),
                Variant("fr", "Nous sommes ravis de vous voir en Russie."),
            ],
            tuid="001-5",
            props=[("x-src_doc", "001"), ("x-event", "2024-05-09-moscow"), ("x-score", "0.91")],
            notes=["speaker: Vladimir Putin"],
        ),
        TranslationUnit(
            [Variant("en", "Thank you very much."), Variant("fr", "Merci beaucoup.")],
            tuid="001-19",
            props=[("x-retranslated", "true")],
        ),
        TranslationUnit(  # the same source rendered differently: needs msgctxt in PO
            [Variant("en", "Thank you very much."), Variant("fr", "Merci infiniment.")],
            tuid="001-60",
        ),
        TranslationUnit(
            [
                Variant(
                    "en",
                    "Click here now",
                    markup='Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> now',
                ),
                Variant("fr", "Cliquez ici"),
            ],
            tuid="x-1",
        ),
    ]


def _memory() -> Memory:
    return Memory(srclang="en", tgtlang="fr", creationdate="20240509T000000Z")


def test_tmx_is_valid_against_the_dtd(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert write_tmx(path, _units(), _memory()) == 4
    tree = assert_valid_tmx(path)
    header = tree.find("header")
    for attribute in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attribute), attribute
    for tu in tree.iter("tu"):
        assert tu.get("tuid") and tu.get("creationdate")


def test_tmx_round_trip_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    write_tmx(path, _units(), _memory())
    memory, units = read_tmx(path)
    assert memory.srclang == "en"
    assert [(u.tuid, u.props, u.notes) for u in units] == [
        (u.tuid, u.props, u.notes) for u in _units()
    ]
    assert units[3].variants[0].text == "Click here now"
    assert units[3].variants[0].markup == _units()[3].variants[0].markup
    rewritten = tmp_path / "again.tmx"
    write_tmx(rewritten, units, memory)
    assert rewritten.read_bytes() == path.read_bytes()


def test_tmx_dates_follow_source_date_epoch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1715212800")
    write_tmx(tmp_path / "a.tmx", _units()[:1], Memory("en"))
    assert 'creationdate="20240509T000000Z"' in (tmp_path / "a.tmx").read_text()


def test_tmx_reader_streams_in_flat_memory(tmp_path: Path) -> None:
    """Reading a 19 MB TMX grows the process by a small part of what its whole tree takes."""
    many = (
        TranslationUnit(
            [Variant("en", f"Sentence number {i} of many."), Variant("fr", f"Phrase {i}.")]
        )
        for i in range(100_000)
    )
    path = tmp_path / "big.tmx"
    write_tmx(path, many, Memory("en"))
    # The peak is read from /proc (VmHWM, this program's own), not from getrusage, whose
    # figure a child inherits from the test process it was forked from.
    script = (
        "import sys\n"
        "from lxml import etree\n"
        "from tmkit.formats.tmx import TmxReader\n"
        "def peak():\n"
        "    with open('/proc/self/status') as status:\n"
        "        return next(int(l.split()[1]) for l in status if l.startswith('VmHWM')) // 1024\n"
        "base = peak()\n"
        "count = sum(1 for unit in TmxReader(sys.argv[1]) if unit.variants[1].text)\n"
        "streamed = peak()\n"
        "tree = etree.parse(sys.argv[1])\n"
        "print(count, streamed - base, peak() - streamed)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    count, streamed_mb, tree_mb = map(int, result.stdout.split())
    assert count == 100_000 and path.stat().st_size > 15e6
    assert streamed_mb < 20 and tree_mb > 5 * streamed_mb, (streamed_mb, tree_mb)


def test_translate_toolkit_reads_our_tmx_and_po(tmp_path: Path) -> None:
    from translate.storage import po as ttk_po
    from translate.storage import tmx as ttk_tmx

    tmx_path, po_path = tmp_path / "out.tmx", tmp_path / "out.po"
    write_tmx(tmx_path, _units(), _memory())
    write_po(po_path, _units(), _memory())
    store = ttk_tmx.tmxfile.parsefile(str(tmx_path))
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs[:3] == [(u.variants[0].text, u.variants[1].text) for u in _units()[:3]]
    assert len(pairs) == 4
    po_store = ttk_po.pofile.parsefile(str(po_path))
    po_pairs = {(u.source, u.target) for u in po_store.units if not u.isheader()}
    assert po_pairs == {(u.variants[0].text, u.variants[1].text) for u in _units()}


def test_msgfmt_accepts_our_po(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        client_missing("msgfmt (Debian package gettext)")
    path = tmp_path / "out.po"
    units = [*_units(), _units()[1]]  # an exact repeat merges into one entry
    write_po(path, units, _memory())
    result = subprocess.run(
        [msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not even the header warnings (PO-Revision-Date, …)
    text = path.read_text("utf-8")
    assert text.count('msgid "Thank you very much."') == 2
    assert 'msgctxt "001-19"' in text and 'msgctxt "001-60"' in text
    assert '"Language: fr\\n"' in text and '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in text
    assert "#. prop x-event: 2024-05-09-moscow" in text


def test_msgfmt_accepts_provenance_with_white_space_and_line_breaks(tmp_path: Path) -> None:
    """A document id with a space or a line break made a `#:` reference msgfmt cannot read
    ("#: Line\nbreak:4"); it stays in the `#.` comments, where every line break, \\r and
    U+2028 included, is a space."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        client_missing("msgfmt (Debian package gettext)")
    units = [
        TranslationUnit(
            [Variant("en", f"Text {n}."), Variant("fr", f"Texte {n}.")],
            props=[("x-src_doc", doc), ("x-src_ids", "[4]"), ("x-note", "a\rb\u2028c")],
        )
        for n, doc in enumerate(["Line\nbreak", "my report", "001"])
    ]
    path = tmp_path / "out.po"
    write_po(path, units, _memory())
    result = subprocess.run(
        [msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text("utf-8")
    assert "#: 001:4\n" in text and text.count("#: ") == 1
    assert "#. prop x-src_doc: Line break\n" in text and "#. prop x-note: a b c\n" in text
    _, back = read_po(path)
    assert [dict(u.props)["x-src_doc"] for u in back] == ["Line break", "my report", "001"]


def test_tmx_po_tmx_round_trip_keeps_units_languages_props(tmp_path: Path) -> None:
    write_tmx(tmp_path / "a.tmx", _units(), _memory())
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.po"))
    convert(str(tmp_path / "b.po"), str(tmp_path / "c.tmx"))
    memory, units = read_tmx(tmp_path / "c.tmx")
    assert memory.srclang == "en"
    original = _units()
    assert len(units) == len(original)
    for back, unit in zip(units, original, strict=True):
        assert back.tuid == unit.tuid and back.props == unit.props and back.notes == unit.notes
        assert [(v.lang, v.text) for v in back.variants] == [
            (v.lang, v.text) for v in unit.variants
        ]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv"])
def test_other_formats_round_trip(tmp_path: Path, suffix: str) -> None:
    path = str(tmp_path / f"out{suffix}")
    write_units(path, _units(), _memory())
    memory, units = read_units(path)
    assert (memory.srclang, memory.tgtlang) == ("en", "fr")
    assert [[v.text for v in u.variants] for u in units] == [
        [v.text for v in u.variants] for u in _units()
    ]
    if suffix == ".jsonl":
        assert [u.props for u in units] == [u.props for u in _units()]


_PAIR = '"src": "A.", "tgt": "B.", "src_lang": "en", "tgt_lang": "fr"'


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ('"props": [["x-kind"]]', "props must be a list of [kind, value] pairs"),
        ('"props": {"x-kind": "1-1"}', "props must be a list of [kind, value] pairs"),
        ('"notes": [{"text": "n"}]', "notes must be a list of strings"),
        ('"tuid": ["1"]', "tuid must be a string"),
        ('"creationdate": {"y": 2024}', "creationdate must be a string"),
    ],
)
def test_jsonl_fields_of_the_wrong_shape_are_refused_with_their_line(
    tmp_path: Path, fields: str, problem: str
) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(f"{{{_PAIR}}}\n{{{_PAIR}, {fields}}}\n", "utf-8")
    assert_bad_input(
        run_tmkit("convert", str(path), str(tmp_path / "out.tmx")), "pairs.jsonl:2", problem
    )


def test_jsonl_fields_written_by_hand_are_read_as_meant(tmp_path: Path) -> None:
    """A number where a string belongs is that number's text; one note as a plain string is
    one note (it was read a character a note)."""
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        f'{{{_PAIR}, "tuid": 7, "notes": "check the date", "props": [["x-score", 0.5]]}}\n',
        "utf-8",
    )
    _, (unit,) = read_units(str(path))
    assert (unit.tuid, unit.notes, unit.props) == ("7", ["check the date"], [("x-score", "0.5")])


def test_alignment_jsonl_loads_with_provenance_as_props(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        '{"src_doc": "001", "tgt_doc": "000", "src_lang": "en", "tgt_lang": "en", '
        '"event": "2024-05-09-moscow", "src": "A.", "tgt": "B.", "src_ids": [41], '
        '"score": 0.74, "src_retranslated": false}\n',
        "utf-8",
    )
    _, (unit,) = read_units(str(path))
    assert ("x-event", "2024-05-09-moscow") in unit.props and ("x-src_ids", "[41]") in unit.props
    convert(str(path), str(tmp_path / "pairs.po"))
    assert "#: 001:41\n" in (tmp_path / "pairs.po").read_text("utf-8")


def _omegat_translate(tmp_path: Path, target_lang: str, source: str, write_memory) -> str:
    """Run OmegaT's console mode over one source document with one memory in tm/auto
    (`write_memory(folder)` puts it there); return the translated document."""
    java = shutil.which("java")
    if java is None or not OMEGAT_JAR.exists():
        client_missing("OmegaT (Debian package omegat)")
    project = tmp_path / "project"
    for folder in ("omegat", "source", "target", "tm/auto", "glossary", ".cfg"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(
        '<omegat><project version="1.0"><source_lang>EN</source_lang>'
        f"<target_lang>{target_lang}</target_lang></project></omegat>",
        "utf-8",
    )
    (project / "source" / "doc.txt").write_text(source, "utf-8")
    write_memory(project / "tm" / "auto")
    subprocess.run(
        [
            java,
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            "--mode=console-translate",
            f"--config-dir={project / '.cfg'}",
            "--no-team",
            "--quiet",
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    return (project / "target" / "doc.txt").read_text("utf-8")


def test_omegat_applies_our_tmx(tmp_path: Path) -> None:
    target = _omegat_translate(
        tmp_path,
        "FR",
        "We are delighted to see you in Russia.\n\nThis one has no match.\n",
        lambda folder: write_tmx(folder / "tmkit.tmx", _units(), _memory()),
    )
    assert "Nous sommes ravis de vous voir en Russie." in target
    assert "This one has no match." in target


def test_omegat_uses_a_same_language_memory(tmp_path: Path) -> None:
    """Two English texts: the second side is tagged en-x-counter, so OmegaT, with that as
    its target language, takes it as the target and fills the source's segments from it."""
    memory = ROOT / "exports" / "counterparts.tmx"
    _, units = read_tmx(memory)
    sources = [u.variants[0].text for u in units]
    targets = [u.variants[1].text for u in units]
    assert {u.variants[1].lang for u in units} == {"en-x-counter"}
    target = _omegat_translate(
        tmp_path,
        "EN-X-COUNTER",
        "\n\n".join(sources) + "\n",
        lambda folder: shutil.copy(memory, folder / "counterparts.tmx"),
    )
    translated = target.split("\n\n")
    used = sum(1 for got, want in zip(translated, targets, strict=True) if got.strip() == want)
    assert used >= len(units) - 2, (used, len(units))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&d;</seg></tuv>
</tu></body></tmx>"""
GOOD_TMX = """<?xml version="1.0"?><tmx version="1.4"><header srclang="en" creationtool="x"
creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>Hi.</seg></tuv><tuv xml:lang="fr"><seg>Salut.</seg></tuv></tu>
</body></tmx>"""


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("truncated.tmx", GOOD_TMX[:200], "malformed XML"),
        ("html.tmx", "<html><body>hello</body></html>", "not TMX"),
        ("nolang.tmx", GOOD_TMX.replace(' xml:lang="fr"', ""), "without xml:lang"),
        ("nosrclang.tmx", GOOD_TMX.replace(' srclang="en"', ""), "no srclang"),
        ("bomb.tmx", BILLION_LAUGHS, "entity declarations are not allowed"),
        (
            "external.tmx",
            '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "http://example.com/x">]><tmx/>',
            "entity declarations are not allowed",
        ),
        ("control.tmx", GOOD_TMX.replace("Hi.", "Hi&#1;."), "malformed XML"),
        # libxml2 quotes the rest of the file, line breaks and all, when an unterminated
        # comment holds a character outside ASCII: the message is still one line
        (
            "comment.tmx",
            GOOD_TMX.replace("<body>", "<body>\n<!--cut\n").replace("Salut.", "Salut é."),
            "Comment not terminated \\n<!--cut\\n<tu>",
        ),
        ("bad.po", 'msgid "a"\nmsgstr "b"\nmsgid\n', "not a valid PO file"),
        (
            "bad.jsonl",
            '{"src": "a", "tgt": "b", "src_lang": "en", "tgt_lang": "fr"}\n{oops\n',
            "bad.jsonl:2",
        ),
        ("short.jsonl", '{"src": "a"}\n', "missing string field"),
        ("nolang.csv", "source,target\na,b\n", "names no languages: give --src-lang"),
        ("nolang2.csv", "a,b\nc,d\n", "first row must name two languages"),
        ("notes.docx", "whatever", "cannot read .docx"),
    ],
)
def test_bad_tm_input(tmp_path: Path, name: str, content: str, problem: str) -> None:
    source = tmp_path / name
    source.write_text(content, "utf-8")
    out = tmp_path / "out.tmx"
    began = time.perf_counter()
    result = run_tmkit("convert", str(source), str(out))
    assert time.perf_counter() - began < 60
    assert_bad_input(result, name, problem)
    assert not out.exists() and not list(tmp_path.glob(".out.tmx.*"))


def test_streamed_convert_leaves_nothing_when_the_tmx_breaks_late(tmp_path: Path) -> None:
    """TMX is converted as it is read: a malformation after good units still writes nothing."""
    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>Unit {i}.</seg></tuv><tuv xml:lang="fr"><seg>U {i}.</seg>'
        "</tuv></tu>\n"
        for i in range(2000)
    )
    source = tmp_path / "late.tmx"
    source.write_text(GOOD_TMX.replace("<body>", "<body>" + units).replace("</tmx>", ""), "utf-8")
    out = tmp_path / "out.po"
    assert_bad_input(run_tmkit("convert", str(source), str(out)), "late.tmx", "malformed XML")
    assert not out.exists() and not list(tmp_path.glob(".out.po.*"))


def test_convert_cli_and_unknown_output_format(tmp_path: Path) -> None:
    source = tmp_path / "in.tmx"
    source.write_text(GOOD_TMX, "utf-8")
    result = run_tmkit("convert", str(source), str(tmp_path / "out.po"))
    assert result.returncode == 0 and b"1 units written" in result.stderr
    assert read_po(tmp_path / "out.po")[1][0].variants[1].text == "Salut."
    assert_bad_input(
        run_tmkit("convert", str(source), str(tmp_path / "out.xyz")), "cannot write .xyz"
    )


def test_invalid_characters_are_refused_on_write(tmp_path: Path) -> None:
    bad = [TranslationUnit([Variant("en", "bell\x07"), Variant("fr", "x")])]
    with pytest.raises(InputError, match="XML cannot carry"):
        write_tmx(tmp_path / "x.tmx", bad, Memory("en"))
    assert not (tmp_path / "x.tmx").exists()


XLIFF2_SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">
 <file id="f1">
  <unit id="u1">
   <notes><note>from the Kremlin transcript</note></notes>
   <segment id="s1"><source>Thank you very much.</source><target>Muchas gracias.</target></segment>
   <segment id="s2"><source>Welcome<ph id="1"/>!</source><target>¡Bienvenido<ph id="1"/>!</target>
   </segment>
  </unit>
  <unit id="u2"><segment><source>Untranslated.</source></segment></unit>
 </file>
</xliff>"""


def test_xliff_round_trip_and_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage import xliff as ttk_xliff

    write_tmx(tmp_path / "a.tmx", _units(), _memory())
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.xlf"))
    store = ttk_xliff.xlifffile.parsefile(str(tmp_path / "b.xlf"))
    expected = [(u.variants[0].text, u.variants[1].text) for u in _units()]
    expected[3] = ("Click <b>here</b> now", "Cliquez ici")  # ttk shows the native codes
    assert [(u.source, u.target) for u in store.units] == expected
    # translated and approved, as pocount and xliff2po read them, not fuzzy drafts
    assert all(u.istranslated() and not u.isfuzzy() for u in store.units)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "fr"
    convert(str(tmp_path / "b.xlf"), str(tmp_path / "c.tmx"))
    _, units = read_tmx(tmp_path / "c.tmx")
    for back, unit in zip(units, _units(), strict=True):
        # the date written into a.tmx travels through XLIFF as x-tmkit-creationdate
        assert (back.tuid, back.props, back.notes, back.creationdate) == (
            unit.tuid,
            unit.props,
            unit.notes,
            "20240509T000000Z",
        )
        assert back.variants == unit.variants  # text and inline codes alike


def test_xliff2_is_read(tmp_path: Path) -> None:
    path = tmp_path / "two.xlf"
    path.write_text(XLIFF2_SAMPLE, "utf-8")
    memory, units = read_units(str(path))
    assert (memory.srclang, memory.tgtlang) == ("en", "es")
    assert [(u.tuid, [v.text for v in u.variants]) for u in units] == [
        ("u1-s1", ["Thank you very much.", "Muchas gracias."]),
        ("u1-s2", ["Welcome!", "¡Bienvenido!"]),
        ("u2", ["Untranslated."]),
    ]
    assert units[0].notes == ["from the Kremlin transcript"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (XLIFF2_SAMPLE.replace(' srcLang="en"', ""), "without srcLang"),
        ('<xliff xmlns="urn:other" version="1.2"/>', "not XLIFF"),
        (XLIFF2_SAMPLE[:300], "malformed XML"),
    ],
)
def test_bad_xliff(tmp_path: Path, content: str, problem: str) -> None:
    source = tmp_path / "in.xlf"
    source.write_text(content, "utf-8")
    assert_bad_input(run_tmkit("convert", str(source), str(tmp_path / "o.tmx")), "in.xlf", problem)


@pytest.mark.parametrize("name", ["missing.po", "missing.tmx", "missing.jsonl", "missing.csv"])
def test_missing_tm_file(tmp_path: Path, name: str) -> None:
    result = run_tmkit("convert", str(tmp_path / name), str(tmp_path / "out.tmx"))
    assert_bad_input(result, name, "no such file")


def test_latin1_po_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.po"
    path.write_bytes('msgid ""\nmsgstr ""\n\nmsgid "caf\xe9"\nmsgstr "x"\n'.encode("latin-1"))
    assert_bad_input(
        run_tmkit("convert", str(path), str(tmp_path / "o.tmx")), "latin1.po:4", "not UTF-8"
    )


def test_xliff_1_1_is_read(tmp_path: Path) -> None:
    path = tmp_path / "po2xliff.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<xliff version="1.1" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.1"><file original="x.po" '
        'source-language="en-US" target-language="fr" datatype="po"><body>\n'
        '<trans-unit id="0" restype="x-gettext-domain-header"><source>Language: fr\n'
        "</source><target>Language: fr\n</target></trans-unit>\n"
        '<trans-unit id="1"><source>Save</source><target>Enregistrer</target></trans-unit>\n'
        "</body></file></xliff>\n",
        "utf-8",
    )
    memory, (unit,) = read_units(str(path))  # the PO header's trans-unit is no translation
    assert (memory.srclang, memory.tgtlang) == ("en-US", "fr")
    assert [(v.lang, v.text) for v in unit.variants] == [("en-US", "Save"), ("fr", "Enregistrer")]


def test_an_xliff_target_that_is_no_translation_is_not_read_as_one(tmp_path: Path) -> None:
    """A unit not for translation, a target whose state says it still needs a translation
    and a "new" copy of the source give no target; a "new" translation and a signed-off one
    do."""
    path = tmp_path / "states.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="de" datatype="plaintext" original="x"><body>'
        '<trans-unit id="1" translate="no"><source>ACME</source><target>ACME</target></trans-unit>'
        '<trans-unit id="2"><source>Open</source><target state="needs-translation">Open</target>'
        '</trans-unit><trans-unit id="3"><source>Save</source><target state="new">Save</target>'
        '</trans-unit><trans-unit id="4"><source>Close</source><target state="new">Schließen'
        '</target></trans-unit><trans-unit id="5"><source>Good</source>'
        '<target state="signed-off">Gut</target></trans-unit></body></file></xliff>\n',
        "utf-8",
    )
    _, units = read_units(str(path))
    assert [[v.text for v in u.variants] for u in units] == [
        ["ACME"], ["Open"], ["Save"], ["Close", "Schließen"], ["Good", "Gut"],
    ]  # fmt: skip


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_group_not_for_translation_holds_no_translations(tmp_path: Path, version: str) -> None:
    """`<group translate="no">` (a block of keys) is not for translation, nor any unit in it
    that does not say otherwise, in XLIFF 1.2 as in 2 (as Okapi reads it): its units' copies
    of the source were read as translations."""
    if version == "1.2":
        unit = '<trans-unit id="{id}"{attr}><source>{s}</source><target>{t}</target></trans-unit>'
        head = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                'source-language="en" target-language="fr" datatype="plaintext" original="x">'
                "<body>")  # fmt: skip
        tail = "</body></file></xliff>"
    else:
        unit = ('<unit id="{id}"{attr}><segment state="final"><source>{s}</source>'
                "<target>{t}</target></segment></unit>")  # fmt: skip
        head = ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                'srcLang="en" trgLang="fr"><file id="f1">')  # fmt: skip
        tail = "</file></xliff>"
    path = tmp_path / "keys.xlf"
    path.write_text(
        f'<?xml version="1.0"?>\n{head}<group id="g" translate="no">'
        + unit.format(id=1, attr="", s="app.key.save", t="app.key.save")
        + unit.format(id=2, attr=' translate="yes"', s="Open", t="Ouvrir")
        + "</group>"
        + unit.format(id=3, attr="", s="Save", t="Enregistrer")
        + f"{tail}\n",
        "utf-8",
    )
    _, units = read_units(str(path))
    assert [[v.text for v in u.variants] for u in units] == [
        ["app.key.save"], ["Open", "Ouvrir"], ["Save", "Enregistrer"],
    ]  # fmt: skip


SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"
 xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">
<file original="report.docx" datatype="x-sdlfilterframework2" source-language="en-US"
 target-language="fr-FR"><body><trans-unit id="a1">
<source>The farm opened. The cable landed. Output rose. Costs fell.</source>
<seg-source><mrk mtype="seg" mid="1">The farm opened.</mrk>
<mrk mtype="seg" mid="2">The cable landed.</mrk> <mrk mtype="seg" mid="3">Output rose.</mrk>
<mrk mtype="seg" mid="4">Costs fell.</mrk></seg-source>
<target><mrk mtype="seg" mid="1">Le parc a ouvert.</mrk>
<mrk mtype="seg" mid="2">Le câble atterrit</mrk> <mrk mtype="seg" mid="3">Output rose.</mrk>
<mrk mtype="seg" mid="4">Les coûts ont baissé.</mrk></target>
<sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" conf="Draft"
 origin="mt"/><sdl:seg id="3"/><sdl:seg id="4" conf="Translated"/></sdl:seg-defs>
</trans-unit></body></file></xliff>
"""


def test_a_trados_file_gives_its_confirmed_segments_as_translations(tmp_path: Path) -> None:
    """Trados Studio's .sdlxliff is read as the XLIFF it is, a unit a segment, with each
    segment's confirmation level: a draft (machine translation not yet confirmed) is marked
    for review, so a memory does not store it, and a segment with no level (its target a
    copy of the source) has no translation. The extension was refused."""
    path = tmp_path / "report.docx.sdlxliff"
    path.write_text(SDLXLIFF, "utf-8")
    _, units = read_units(str(path))
    assert [(u.tuid, len(u.variants), u.needs_review) for u in units] == [
        ("a1-1", 2, False), ("a1-2", 2, True), ("a1-3", 1, False), ("a1-4", 2, False),
    ]  # fmt: skip
    db = tmp_path / "tm.sqlite"
    assert run_tmkit("tm", "import", str(path), "--db", str(db)).returncode == 0
    with open_store(str(db)) as store:
        stored = sorted(unit.variants[1].text for _, unit in store.units())
    assert stored == ["Le parc a ouvert.", "Les coûts ont baissé."]
    # and it is checked as the bilingual file it is, with no glossary beside it
    checked = run_tmkit("check", path.name, "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    line = SDLXLIFF.splitlines().index(next(t for t in SDLXLIFF.splitlines() if "atterrit" in t))
    found = [(f["rule"], f["line"]) for f in json.loads(checked.stdout)]
    assert found == [("end-punctuation", line + 1)]  # the draft's lost stop


def test_units_of_several_sentences_say_so_in_tmx(tmp_path: Path) -> None:
    units = _units()
    units[0].segtype = "paragraph"
    write_tmx(tmp_path / "a.tmx", units, _memory())
    text = (tmp_path / "a.tmx").read_text("utf-8")
    assert text.count('segtype="paragraph"') == 1 and 'segtype="sentence"' in text
    assert_valid_tmx(tmp_path / "a.tmx")
    _, back = read_tmx(tmp_path / "a.tmx")
    assert [u.segtype for u in back] == ["paragraph"] + [None] * (len(units) - 1)


def test_a_same_language_memory_converts_without_being_told_the_target(tmp_path: Path) -> None:
    memory = ROOT / "exports" / "counterparts.tmx"
    for suffix in (".po", ".xlf", ".csv"):
        result = run_tmkit("convert", str(memory), str(tmp_path / f"c{suffix}"))
        assert result.returncode == 0, result.stderr.decode()
    assert '"Language: en-x-counter\\n"' in (tmp_path / "c.po").read_text("utf-8")


def test_convert_says_what_it_left_out_and_why(tmp_path: Path) -> None:
    po = tmp_path / "drafts.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Source-Language: en\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello."\nmsgstr "Bonjour."\n\n'
        '#, fuzzy\nmsgid "Goodbye."\nmsgstr "Au revoir ?"\n\n'
        'msgid "Untranslated."\nmsgstr ""\n',
        "utf-8",
    )
    done = run_tmkit("convert", str(po), str(tmp_path / "out.tmx"), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert (report["units_read"], report["units_written"], report["left_out_for_review"],
            report["left_out_without_both_sides"]) == (3, 1, 1, 1)  # fmt: skip
    said = run_tmkit("convert", str(po), str(tmp_path / "out.po")).stderr.decode()
    assert said.startswith("tmkit convert: 3 units written") and "left out" not in said
    text = run_tmkit("convert", str(po), str(tmp_path / "again.tmx")).stderr.decode()
    assert "(1 marked for review, 1 without text on both sides left out)" in text
    assert "Au revoir" not in (tmp_path / "again.tmx").read_text("utf-8")
    assert "#, fuzzy" in (tmp_path / "out.po").read_text("utf-8")  # PO keeps the mark


def test_translate_toolkits_po2tmx_keeps_both_sides_of_a_same_language_po(tmp_path: Path) -> None:
    """A counterpart memory as PO says `Language: en-x-counter`; po2tmx, told that language
    as its target, writes both sides of every unit (with `-l en` it kept one)."""
    po = tmp_path / "counterparts.po"
    assert run_tmkit("convert", str(ROOT / "exports" / "counterparts.tmx"),
                     str(po)).returncode == 0  # fmt: skip
    assert '"Language: en-x-counter\\n"' in po.read_text("utf-8")
    po2tmx = shutil.which("po2tmx") or str(Path(sys.executable).parent / "po2tmx")
    out = tmp_path / "back.tmx"
    done = subprocess.run([po2tmx, "-l", "en-x-counter", str(po), str(out)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    units = etree.parse(str(out)).getroot().findall(".//tu")
    assert len(units) == 18
    assert all(
        [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")]
        == ["en", "en-x-counter"]
        for tu in units
    )


def test_translate_toolkits_csv_is_read_by_its_column_names(tmp_path: Path) -> None:
    """translate-toolkit's CSV (its own po2csv output here) names its columns, location,
    source, target (and context, fuzzy), not languages: read by those names in the languages
    given, the fuzzy row marked for review; a header "source,target" is no pair."""
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: main.c:10\nmsgid "Open file"\nmsgstr "Ouvrir le fichier"\n\n'
        '#: main.c:20\nmsgid "Save, then quit"\nmsgstr "Enregistrer, puis quitter"\n',
        "utf-8",
    )
    po2csv = shutil.which("po2csv") or str(Path(sys.executable).parent / "po2csv")
    table = tmp_path / "app.csv"
    subprocess.run([po2csv, str(po), str(table)], check=True, capture_output=True)
    assert table.read_text("utf-8").splitlines()[0] == '"location","source","target"'
    assert_bad_input(
        run_tmkit("convert", str(table), str(tmp_path / "x.tmx")),
        "app.csv:1", "give --src-lang and --tgt-lang",
    )  # fmt: skip
    out = tmp_path / "app.jsonl"
    done = run_tmkit("convert", str(table), str(out), "--src-lang", "en", "--tgt-lang", "fr")
    assert done.returncode == 0, done.stderr.decode()
    pairs = [(r["src"], r["tgt"]) for r in map(json.loads, out.read_text("utf-8").splitlines())]
    assert pairs == [("Open file", "Ouvrir le fichier"),
                     ("Save, then quit", "Enregistrer, puis quitter")]  # fmt: skip
    named = tmp_path / "named.tsv"
    named.write_text(
        "Source\tTarget\tContext\tFuzzy\nOpen\tOuvrir\tmenu\tFalse\nClose\tFermer ?\t\tTrue\n",
        "utf-8",
    )
    _, units = read_units(str(named), srclang="en", tgtlang="fr")
    assert [(u.variants[1].text, u.props, u.needs_review) for u in units] == [
        ("Ouvrir", [("x-context", "menu")], False),
        ("Fermer ?", [], True),
    ]


_PO_TEXT = st.text(
    alphabet=st.sampled_from(list('ab é"\\\t\n{}%s<>:#~|')) | st.characters(codec="utf-8"),
    max_size=30,
).filter(lambda t: "\r" not in t and all(c.isprintable() or c in "\t\n" for c in t))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_PO_TEXT, _PO_TEXT, st.none() | _PO_TEXT, st.booleans(), st.integers(0, 5)),
        min_size=1,
        max_size=6,
        unique_by=lambda e: (e[0], e[2]),
    ).filter(lambda entries: all(msgid for msgid, *_ in entries))
)
def test_catalogue_reader_reads_what_polib_reads(entries: list) -> None:
    """tmkit's PO reader (one pass, two to five times polib's speed) reads every field tmkit
    uses as polib does, on files polib writes: contexts, plurals, flags, extracted and
    translator comments, references, previous msgids, obsolete entries, wrapped strings and
    every escape."""
    import polib

    po = polib.POFile(wrapwidth=20)
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    for number, (msgid, msgstr, context, fuzzy, shape) in enumerate(entries):
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=context)
        if shape == 1:
            entry.msgid_plural, entry.msgstr = msgid + " (n)", ""
            entry.msgstr_plural = {0: msgstr, 1: msgstr + "!"}
        entry.flags = ["fuzzy", "c-format"] if fuzzy else []
        entry.comment = f"tuid: {number}\nnote: {msgstr}" if shape == 2 else ""
        entry.tcomment = "translator said so" if shape == 3 else ""
        entry.occurrences = [("src/a.c", str(number))] if shape != 4 else []
        entry.previous_msgid = msgid + " before" if shape == 4 else None
        entry.obsolete = shape == 5
        po.append(entry)
    with tempfile.TemporaryDirectory() as work:
        path = str(Path(work, "x.po"))
        po.save(path)
        theirs = polib.pofile(path)
        ours = read_catalogue(path)
    fields = ("msgid", "msgstr", "msgctxt", "msgid_plural", "flags", "comment", "obsolete")
    assert [
        (*(getattr(e, f) for f in fields), dict(e.msgstr_plural)) for e in ours.entries
    ] == [(*(getattr(e, f) for f in fields[:-1]), bool(e.obsolete), dict(e.msgstr_plural))
          for e in theirs]  # fmt: skip
    assert ours.metadata == dict(theirs.metadata)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ('msgid "a"\nmsgstr "b\n', 2, "unterminated or malformed string"),
        ('msgid "a"\nmsgstr "b"c"\n', 2, "unterminated or malformed string"),
        ('msgid "a"\nmsgstr "b\rc"\n', 2, "raw carriage return"),
        ('msgid "a"\nmsgstr "b"\nmsgid\n', 3, "not PO syntax"),
        ('# hello\n"continues"\nmsgid "a"\nmsgstr "b"\n', 2, "continues nothing"),
        ('msgstr "b"\n', 1, "msgstr with no msgid"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "appears twice"),
        ('#| msgid "a\nmsgid "a"\nmsgstr "b"\n', 1, "unterminated or malformed string"),
    ],
)
def test_catalogue_reader_names_the_line_of_what_is_wrong(
    tmp_path: Path, content: str, line: int, problem: str
) -> None:
    path = tmp_path / "bad.po"
    path.write_text(content, "utf-8", newline="")
    with pytest.raises(InputError) as caught:
        read_catalogue(str(path))
    assert caught.value.line == line and problem in str(caught.value)


def test_catalogue_reader_keeps_the_line_of_every_msgstr(tmp_path: Path) -> None:
    """The checker points at the msgstr (and each msgstr[n]) line, also past ten forms."""
    forms = "".join(f'msgstr[{n}] "f{n}"\n' for n in range(12))
    path = tmp_path / "lines.po"
    path.write_text(
        f'msgid ""\nmsgstr "Language: ar\\n"\n\n#. a note\nmsgctxt "c"\nmsgid "one"\n'
        f'msgstr ""\n"one!"\n\nmsgid "%d file"\nmsgid_plural "%d files"\n{forms}',
        "utf-8",
    )
    catalogue = read_catalogue(str(path))
    single, plural = catalogue.entries
    assert (single.line, single.msgstr_lines, single.msgstr, single.comment) == (
        4, {-1: 7}, "one!", "a note"
    )  # fmt: skip
    assert plural.msgstr_plural[11] == "f11" and plural.msgstr_lines[11] == 23
    assert catalogue.metadata == {"Language": "ar"}


@pytest.mark.parametrize(
    ("lang", "forms", "expected"),
    [
        ("fr", ["Un fichier", "%d fichiers"],
         [("One file", "Un fichier", "0"), ("%d files", "%d fichiers", "1")]),
        ("ru", ["%d файл", "%d файла", "%d файлов"],
         [("One file", "%d файл", "0"), ("%d files", "%d файла", "1"),
          ("%d files", "%d файлов", "2")]),
        ("ja", ["%d 個のファイル"],
         [("One file", "%d 個のファイル", "0"), ("%d files", "%d 個のファイル", "0")]),
    ],
)  # fmt: skip
def test_a_plural_po_entry_gives_a_unit_a_form(
    tmp_path: Path, lang: str, forms: list[str], expected: list[tuple[str, str, str]]
) -> None:
    """Software's PO files hold plural entries (msgid_plural, msgstr[n]); each form is a
    translation a memory should hold, the singular for msgid and the others for
    msgid_plural, marked with the form (before, the entry was left out as having no text)."""
    po = tmp_path / "app.po"
    strings = "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms))
    po.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n\nmsgid "One file"\nmsgid_plural "%d files"\n{strings}',
        "utf-8",
    )
    _, units = read_po(po)
    found = [(u.variants[0].text, u.variants[1].text, dict(u.props)["x-plural-form"])
             for u in units]  # fmt: skip
    assert found == expected
    done = run_tmkit("convert", str(po), str(tmp_path / "app.tmx"))
    assert done.returncode == 0, done.stderr
    assert_valid_tmx(tmp_path / "app.tmx")


@pytest.mark.parametrize(
    ("lang", "forms"),
    [("ru", ["%d файл", "%d файла", "%d файлов"]), ("ja", ["%d 個のファイル"])],
)
def test_a_plural_po_entry_is_one_entry_again_after_tmx(
    tmp_path: Path, lang: str, forms: list[str]
) -> None:
    """PO → TMX → PO gives back the plural entry (msgid_plural, every msgstr[n]) that TMX
    holds as a unit a form; it came back as one entry a form, the later ones with a
    made-up msgctxt, and the summary called them left out. msgfmt -c accepts the file."""
    po = tmp_path / "app.po"
    strings = "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms))
    po.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n\nmsgid "One file"\nmsgid_plural "%d files"\n{strings}\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "…"\n',
        "utf-8",
    )
    tmx, back = tmp_path / "app.tmx", tmp_path / "back.po"
    assert run_tmkit("convert", str(po), str(tmx)).returncode == 0
    done = run_tmkit("convert", str(tmx), str(back))
    assert done.returncode == 0, done.stderr
    units = 2 if lang == "ja" else 3
    assert f"{units + 1} units written" in done.stderr.decode() and "left out" not in (
        done.stderr.decode()
    )
    entries = read_catalogue(str(back)).entries
    assert [(e.msgctxt, e.msgid, e.msgid_plural) for e in entries] == [
        (None, "One file", "%d files"),
        ("menu", "Open", ""),
    ]
    assert [entries[0].msgstr_plural[n] for n in range(len(forms))] == forms
    assert "x-plural-form" not in back.read_text("utf-8")
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        client_missing("msgfmt (Debian package gettext)")
    checked = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(back)], capture_output=True)
    assert checked.returncode == 0, checked.stderr


def test_a_plural_group_of_translate_toolkits_xliff_is_one_po_entry(tmp_path: Path) -> None:
    """translate-toolkit's po2xliff (as Pootle and Weblate) writes a plural entry as a group
    of trans-units, a form each: read as the PO's forms, they make one entry again (they
    were three entries, the later two with a made-up msgctxt)."""
    from translate.convert import po2xliff

    po, xliff, back = tmp_path / "app.po", tmp_path / "app.xlf", tmp_path / "back.po"
    forms = ["%d файл", "%d файла", "%d файлов"]
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\n'
        + "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms))
        + '\nmsgid "Open"\nmsgstr "Открыть"\n',
        "utf-8",
    )
    po2xliff.main([str(po), str(xliff)])
    assert "x-gettext-plurals" in xliff.read_text("utf-8")
    _, units = read_xliff(xliff)
    assert [dict(u.props).get("x-plural-form") for u in units] == ["0", "1", "2", None]
    done = run_tmkit("convert", str(xliff), str(back))
    assert done.returncode == 0, done.stderr
    entries = read_catalogue(str(back)).entries
    assert [(e.msgctxt, e.msgid, e.msgid_plural) for e in entries] == [
        (None, "One file", "%d files"),
        (None, "Open", ""),
    ]
    assert [entries[0].msgstr_plural[n] for n in range(3)] == forms


def test_the_catalogue_header_of_an_xliff_gives_its_plural_forms(tmp_path: Path) -> None:
    """A Welsh catalogue's four forms, through po2xliff's XLIFF (its header a trans-unit):
    the header's Plural-Forms are read with the units, so the PO written from the XLIFF has
    them and one entry of four forms (Welsh is no language the writer knows; it wrote four
    entries under the Germanic two)."""
    from translate.convert import po2xliff

    header = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"
    forms = ["%d ffeil", "%d ffeil x", "%d ffeiliau", "%d o ffeiliau"]
    po, xliff, back = tmp_path / "cy.po", tmp_path / "cy.xlf", tmp_path / "back.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: cy\\n"\n'
        f'"Plural-Forms: {header}\\n"\n\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        + "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms)),
        "utf-8",
    )
    po2xliff.main([str(po), str(xliff)])
    done = run_tmkit("convert", str(xliff), str(back))
    assert done.returncode == 0, done.stderr
    catalogue = read_catalogue(str(back))
    assert catalogue.metadata["Plural-Forms"] == header
    (entry,) = catalogue.entries
    assert [entry.msgstr_plural[n] for n in range(4)] == forms


def test_translate_toolkit_reads_tmkits_xliff_of_a_catalogue_as_the_catalogue(
    tmp_path: Path,
) -> None:
    """The other way: tmkit's XLIFF of a PO (directly or through TMX) says datatype "po",
    carries the header as po2xliff does and each plural entry as a group, so
    translate-toolkit's xliff2po gives the catalogue back, every form translated, and msgfmt
    -c takes it. As separate units, xliff2po merged the forms that share the msgid_plural
    (Russian lost its third), wrote no Plural-Forms and marked the entry fuzzy."""
    from translate.convert import xliff2po

    po, tmx, xliff, back = (tmp_path / name for name in ("app.po", "app.tmx", "app.xlf", "b.po"))
    forms = ["%d файл", "%d файла", "%d файлов"]
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
        '#, c-format\nmsgid "One file"\nmsgid_plural "%d files"\n'
        + "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms))
        + '\nmsgid "Open"\nmsgstr "Открыть"\n'
        + '\nmsgid "\\nOptions:\\n  -h, --help    show this help\\n"\n'
        'msgstr "\\nПараметры:\\n  -h, --help    показать справку\\n"\n',
        "utf-8",
    )
    for source in (po, tmx):
        if source == tmx:
            assert run_tmkit("convert", str(po), str(tmx)).returncode == 0
        done = run_tmkit("convert", str(source), str(xliff))
        assert done.returncode == 0, done.stderr
        xliff2po.main([str(xliff), str(back)])
        entries = [e for e in read_catalogue(str(back)).entries if e.msgid]
        assert [(e.msgid, e.msgid_plural, e.fuzzy) for e in entries] == [
            ("One file", "%d files", False),
            ("Open", "", False),
            ("\nOptions:\n  -h, --help    show this help\n", "", False),
        ]  # its white space as written (translate-toolkit folded it: "Options: -h, --help…")
        assert entries[2].msgstr == "\nПараметры:\n  -h, --help    показать справку\n"
        assert [entries[0].msgstr_plural[n] for n in range(3)] == forms
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            client_missing("msgfmt (Debian package gettext)")
        checked = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(back)], capture_output=True)
        assert checked.returncode == 0, checked.stderr
        _, units = read_xliff(xliff)  # and tmkit reads its own file as before: four units
        assert [dict(u.props).get("x-plural-form") for u in units] == ["0", "1", "2", None, None]


@pytest.mark.parametrize(
    ("lang", "header", "forms"),
    [
        ("pl", None, ["%d plik", "%d pliki", "%d plików"]),
        ("cy", "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
         ["%d ffeil", "%d ffeil", "%d ffeil", "%d ffeil"]),
        # git's Russian: four forms, the fourth the second again (it came back the third)
        ("ru", "nplurals=4; plural=(n%10==1 && n%100!=11) ? 0 : ((n%10>=2 && n%10<=4 && "
         "(n%100<12 || n%100>14)) ? 1 : ((n%10==0 || (n%10>=5 && n%10<=9)) || "
         "(n%100>=11 && n%100<=14)) ? 2 : 3);", ["%d байт", "%d байта", "%d байтов", "%d байта"]),
    ],
)  # fmt: skip
def test_a_catalogues_plural_forms_survive_tmx(
    tmp_path: Path, lang: str, header: str | None, forms: list[str]
) -> None:
    """Polish has three forms and Welsh (in this catalogue's header) four: through TMX they
    came back as one entry a form with made-up msgctxts, the writer knowing only the
    Germanic two. The language's Plural-Forms are known (the gettext manual's, checked
    against the catalogues a Debian system installs), and a catalogue's own travels in the
    TMX header, so the entry is one again and msgfmt -c takes the file. (Over 75 installed
    catalogues, 52,526 entries, PO → TMX → PO now gives every entry back.)"""
    po, tmx, back = tmp_path / "app.po", tmp_path / "app.tmx", tmp_path / "back.po"
    plural = f'"Plural-Forms: {header}\\n"\n' if header else ""
    po.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n{plural}\n#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        + "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms)),
        "utf-8",
    )
    assert run_tmkit("convert", str(po), str(tmx)).returncode == 0
    done = run_tmkit("convert", str(tmx), str(back))
    assert done.returncode == 0, done.stderr
    (entry,) = read_catalogue(str(back)).entries
    assert (entry.msgid_plural, [entry.msgstr_plural[n] for n in range(len(forms))]) == (
        "%d files",
        forms,
    )
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        client_missing("msgfmt (Debian package gettext)")
    checked = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(back)], capture_output=True)
    assert checked.returncode == 0, checked.stderr


def test_a_repeated_pair_written_to_po_once_counts_as_written(tmp_path: Path) -> None:
    """Two units of one pair are one PO entry; the summary counts both as written (it said
    one was left out "without text on both sides")."""
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("en\tfr\nHello\tBonjour\nHello\tBonjour\n", "utf-8")
    done = run_tmkit("convert", str(tsv), str(tmp_path / "out.po"))
    assert done.returncode == 0, done.stderr
    assert "2 units written" in done.stderr.decode() and "left out" not in done.stderr.decode()
    assert len(read_catalogue(str(tmp_path / "out.po")).entries) == 1


def test_a_po_msgctxt_survives_tmx_and_serves_as_context(tmp_path: Path) -> None:
    """Two entries of one msgid told apart by msgctxt ("Open" a menu item, "Open" a state)
    keep their msgctxt through TMX and back (it became "1" and "2"), and a look-up in the
    memory with that context is an in-context match."""
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: fr\\n"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n\n'
        'msgctxt "status"\nmsgid "Open"\nmsgstr "Ouvert"\n',
        "utf-8",
    )
    for command in (("convert", str(po), str(tmp_path / "app.tmx")),
                    ("convert", str(tmp_path / "app.tmx"), str(tmp_path / "back.po")),
                    ("tm", "import", str(po), "--db", str(tmp_path / "tm.sqlite"))):  # fmt: skip
        done = run_tmkit(*command)
        assert done.returncode == 0, done.stderr
    back = read_catalogue(str(tmp_path / "back.po"))
    assert [(e.msgctxt, e.msgstr) for e in back.entries] == [
        ("menu", "Ouvrir"),
        ("status", "Ouvert"),
    ]
    assert "x-msgctxt" not in (tmp_path / "back.po").read_text("utf-8")  # no comment of it
    found = run_tmkit("tm", "lookup", "Open", "--db", str(tmp_path / "tm.sqlite"),
                      "--context", "status", "--format", "json")  # fmt: skip
    matches = [(m["score"], m["tgt"]) for m in json.loads(found.stdout)]
    assert matches == [(101, "Ouvert"), (100, "Ouvrir")]


def test_a_po_locale_name_becomes_a_bcp47_tag_in_tmx(tmp_path: Path) -> None:
    """gettext writes `Language: pt_BR`; TMX's xml:lang takes BCP 47 (pt-BR)."""
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: pt_BR\\n"\n"X-Source-Language: en_US\\n"\n\n'
        'msgid "Save"\nmsgstr "Salvar"\n',
        "utf-8",
    )
    done = run_tmkit("convert", str(po), str(tmp_path / "app.tmx"))
    assert done.returncode == 0, done.stderr
    assert_valid_tmx(tmp_path / "app.tmx")
    text = (tmp_path / "app.tmx").read_text("utf-8")
    assert 'xml:lang="pt-BR"' in text and 'xml:lang="en-US"' in text
    assert "pt_BR" not in text


def test_languages_can_be_given_where_a_po_jsonl_or_table_file_does_not_say_them(
    tmp_path: Path,
) -> None:
    """A French–German PO file with no X-Source-Language is French where --src-lang says so
    (its units were labelled English, the default, and so left out); one with no Language at
    all converts with --tgt-lang, and without it is refused saying how to go on."""
    po = tmp_path / "fr-de.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Bonjour"\nmsgstr "Hallo"\n', "utf-8"
    )
    done = run_tmkit("convert", str(po), str(tmp_path / "a.tmx"), "--src-lang", "fr")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "a.tmx").read_text("utf-8")
    assert '<tuv xml:lang="fr">' in text and '<tuv xml:lang="de">' in text
    bare = tmp_path / "bare.po"
    bare.write_text('msgid "Hello"\nmsgstr "Hola"\n', "utf-8")
    refused = run_tmkit("convert", str(bare), str(tmp_path / "b.tmx"))
    assert_bad_input(refused, "no Language", "--tgt-lang")
    done = run_tmkit("convert", str(bare), str(tmp_path / "b.tmx"), "--tgt-lang", "es")
    assert done.returncode == 0, done.stderr
    assert '<tuv xml:lang="es">' in (tmp_path / "b.tmx").read_text("utf-8")
    # JSON lines without src_lang and tgt_lang take them from the command line too
    lines = tmp_path / "pairs.jsonl"
    lines.write_text('{"src": "Hello", "tgt": "Hola"}\n', "utf-8")
    assert_bad_input(run_tmkit("convert", str(lines), str(tmp_path / "c.tmx")), "src_lang")
    told = ("--src-lang", "en", "--tgt-lang", "es")
    done = run_tmkit("convert", str(lines), str(tmp_path / "c.tmx"), *told)
    assert done.returncode == 0, done.stderr
    assert '<tuv xml:lang="es">' in (tmp_path / "c.tmx").read_text("utf-8")
    # a table with no header row: its first row is a pair once the languages are given
    table = tmp_path / "pairs.csv"
    table.write_text("Hello,Hola\nBye,Adiós\n", "utf-8")
    assert_bad_input(run_tmkit("convert", str(table), str(tmp_path / "d.tmx")), "--src-lang")
    done = run_tmkit("convert", str(table), str(tmp_path / "d.tmx"), *told)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.tmx").read_text("utf-8").count("<tu ") == 2
    # a header may name its languages as locales, as Java tools and PO headers write them
    locales = tmp_path / "locales.tsv"
    locales.write_text("en_GB\tpt_BR\nHello\tOlá\n", "utf-8")
    memory, _ = read_units(str(locales))
    assert (memory.srclang, memory.tgtlang) == ("en-GB", "pt-BR")
    # tm import takes them too: the table and the bare PO go into a TM with no convert
    db = str(tmp_path / "tm.sqlite")
    assert_bad_input(run_tmkit("tm", "import", str(table), "--db", db), "--src-lang")
    done = run_tmkit("tm", "import", str(table), str(bare), "--db", db, *told)
    assert done.returncode == 0, done.stderr
    assert "3 pairs read, 2 added, 1 already there" in done.stderr.decode()  # Hello/Hola twice
    with open_store(db) as store:
        assert store.count() == 2


SEGMENTED_XLIFF = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="a.docx" source-language="en-US" target-language="es-ES" datatype="plaintext">'
    '<body><trans-unit id="u1"><source>The farm opens. It has <g id="1">ninety</g> turbines.'
    '</source><seg-source><mrk mtype="seg" mid="1">The farm opens.</mrk> <mrk mtype="seg" '
    'mid="2">It has <g id="1">ninety</g> turbines.</mrk></seg-source><target><mrk mtype="seg" '
    'mid="1">El parque abre.</mrk> <mrk mtype="seg" mid="2">Tiene <g id="1">noventa</g> '
    "turbinas.</mrk></target></trans-unit></body></file></xliff>\n"
)


def test_a_trans_unit_cut_into_segments_gives_a_unit_a_segment(tmp_path: Path) -> None:
    """Trados and Okapi cut a trans-unit into <mrk mtype="seg"> segments in a <seg-source>:
    each segment is a unit paired with the target's of the same mid (it was one unit of the
    whole paragraph, its target wrapped in segment marks), and `check` sees no extra codes."""
    path = tmp_path / "project.xlf"
    path.write_text(SEGMENTED_XLIFF, "utf-8")
    _, units = read_xliff(path)
    assert [(u.tuid, u.variants[0].text, u.variants[1].text) for u in units] == [
        ("u1-1", "The farm opens.", "El parque abre."),
        ("u1-2", "It has ninety turbines.", "Tiene noventa turbinas."),
    ]
    checked = run_tmkit("check", str(path), "--format", "json")
    assert checked.returncode == 0 and json.loads(checked.stdout) == [], checked.stdout.decode()


def test_a_po_file_in_the_charset_its_header_declares(tmp_path: Path) -> None:
    """Older catalogues are ISO-8859-1 or KOI8-R, and say so in their header: read in that
    charset, as gettext reads them (they were refused as "not UTF-8 text"); a charset no codec
    knows is refused by name."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={}\\n"\n"Language: {}\\n"\n\n'
    latin = tmp_path / "fr.po"
    latin.write_bytes(
        (header.format("ISO-8859-1", "fr") + 'msgid "Summer"\nmsgstr "Été"\n').encode("latin-1")
    )
    cyrillic = tmp_path / "ru.po"
    cyrillic.write_bytes(
        (header.format("KOI8-R", "ru") + 'msgid "Yes"\nmsgstr "Да"\n').encode("koi8-r")
    )
    assert [u.variants[1].text for u in read_po(latin)[1]] == ["Été"]
    assert [u.variants[1].text for u in read_po(cyrillic)[1]] == ["Да"]
    unknown = tmp_path / "x.po"
    unknown.write_text(header.format("BOGUS-9", "fr"), "utf-8")
    assert_bad_input(
        run_tmkit("convert", str(unknown), str(tmp_path / "x.tmx")), "x.po", "BOGUS-9".lower()
    )


def test_excels_separator_line_names_a_csv_files_delimiter(tmp_path: Path) -> None:
    """Excel's first line "sep=;" (which it reads, and which users add so Excel opens a file
    right) names the delimiter and is no row: the TM table's languages are on the line after
    it (it was refused: "first row must name two languages"), a glossary's too, and a bad
    line is named by its line in the file."""
    table = tmp_path / "tm.csv"
    table.write_bytes("\ufeffsep=;\r\nen;fr\r\nHello, all;Bonjour à tous\r\n".encode())
    _, units = read_units(str(table))
    assert [(u.variants[0].text, u.variants[1].text) for u in units] == [
        ("Hello, all", "Bonjour à tous")
    ]
    glossary = tmp_path / "terms.csv"
    glossary.write_text("sep=;\nEN;FR\nwind farm;parc éolien\n", "utf-8")
    assert [(e.term, e.translations) for e in read_glossary(str(glossary))] == [
        ("wind farm", {"fr": ["parc éolien"]})
    ]
    broken = tmp_path / "broken.csv"
    broken.write_text('sep=;\nen;fr\nHello;"Bon\n', "utf-8")
    assert_bad_input(run_tmkit("convert", str(broken), str(tmp_path / "b.tmx")), "broken.csv:3")


def test_a_csv_that_excel_separated_by_semicolons(tmp_path: Path) -> None:
    """Where the comma is the decimal mark, Excel's CSV is separated by semicolons: a TM
    table and a glossary so written are read by their semicolons; a comma in the first row
    keeps the comma the separator."""
    table = tmp_path / "tm.csv"
    table.write_text("en;fr\nPrice: 3,5 EUR;Prix : 3,5 EUR\n", "utf-8")
    _, units = read_units(str(table))
    assert [(u.variants[0].text, u.variants[1].text) for u in units] == [
        ("Price: 3,5 EUR", "Prix : 3,5 EUR")
    ]
    glossary = tmp_path / "terms.csv"
    glossary.write_text("wind farm;parque eólico\nblade;pala\n", "utf-8")
    assert [(e.term, e.translations["und"]) for e in read_glossary(str(glossary))] == [
        ("wind farm", ["parque eólico"]),
        ("blade", ["pala"]),
    ]
    commas = tmp_path / "commas.csv"
    commas.write_text("en,fr\nYes; sure,Oui ; bien sûr\n", "utf-8")
    assert [u.variants[1].text for u in read_units(str(commas))[1]] == ["Oui ; bien sûr"]
    # the first row is a record, not a line: a quoted cell may break a line after a semicolon
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('"AT&amp;\r\nT",AT&amp;T\nblade,pala\n', "utf-8")
    assert [e.term for e in read_glossary(str(quoted))] == ["AT&amp;\r\nT", "blade"]
