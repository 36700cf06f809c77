"""Inline codes survive TMX → XLIFF → TMX, and XLIFF 1.2 / 2 codes become valid TMX codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from conftest import (
    SQLITE_TO_VERSION_5,
    assert_bad_input,
    assert_valid_tmx,
    assert_valid_xliff2,
    run_tmkit,
)
from tmkit.convert import convert
from tmkit.formats.tmx import read_tmx, write_tmx
from tmkit.formats.xliff import read_xliff
from tmkit.tm.sqlite import SCHEMA_VERSION, SqliteTM
from tmkit.units import Memory, TranslationUnit, Variant

RICH_SOURCE = (
    'Press <bpt i="1" x="7" type="bold">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>'
    ' <ph x="2" type="image" assoc="p">&lt;img src="s.png"/&gt;</ph>'
    ' or <hi type="x-term">the <ph x="3">{0}</ph> key</hi>'
    ' <it pos="begin" x="4" type="italic">&lt;i&gt;</it>now'
)
RICH_TARGET = (
    'Appuyez sur <bpt i="1" x="7" type="bold">&lt;b&gt;</bpt>Enregistrer<ept i="1">&lt;/b&gt;</ept>'
    ' <ph x="2" type="image" assoc="p">&lt;img src="s.png"/&gt;</ph>'
    ' ou <hi type="x-term">la touche <ph x="3">{0}</ph></hi>'
    ' <it pos="begin" x="4" type="italic">&lt;i&gt;</it>maintenant'
)


def _rich_units() -> list[TranslationUnit]:
    return [
        TranslationUnit(
            [
                Variant("en", "Press Save  or the  key now", RICH_SOURCE),
                Variant("fr", "Appuyez sur Enregistrer  ou la touche  maintenant", RICH_TARGET),
            ],
            tuid="ui-1",
        )
    ]


def test_codes_survive_tmx_xliff_tmx(tmp_path: Path) -> None:
    memory = Memory("en", "fr", creationdate="20240509T000000Z")
    write_tmx(tmp_path / "a.tmx", _rich_units(), memory)
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.xlf"))
    xliff = etree.parse(str(tmp_path / "b.xlf"))
    names = [etree.QName(e).localname for e in next(xliff.iter("{*}source")).iter()][1:]
    assert names == ["bpt", "ept", "ph", "mrk", "ph", "it"]  # XLIFF's own elements
    convert(str(tmp_path / "b.xlf"), str(tmp_path / "c.tmx"))
    assert_valid_tmx(tmp_path / "c.tmx")
    _, units = read_tmx(tmp_path / "c.tmx")
    assert units[0].variants == _rich_units()[0].variants


def test_translate_toolkit_sees_our_xliff_codes(tmp_path: Path) -> None:
    from translate.storage import xliff as ttk_xliff

    write_tmx(tmp_path / "a.tmx", _rich_units(), Memory("en", "fr"))
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.xlf"))
    unit = ttk_xliff.xlifffile.parsefile(str(tmp_path / "b.xlf")).units[0]
    assert unit.source.startswith("Press <b>Save</b> <img")  # native codes in place
    assert "{0}" in unit.target and "Enregistrer" in unit.target


XLIFF12_FROM_A_CAT_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui.html" datatype="html" source-language="en" target-language="de">
  <body>
   <trans-unit id="1">
    <source>Click <g id="1" ctype="bold">here</g> to <x id="2" ctype="image"/>
 <bx id="3" rid="9"/>start<ex id="4" rid="9"/> <mrk mtype="term">now</mrk></source>
    <target>Klicken Sie <g id="1" ctype="bold">hier</g>, um <x id="2" ctype="image"/>
 <bx id="3" rid="9"/>anzufangen<ex id="4" rid="9"/> <mrk mtype="term">jetzt</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>"""


XLIFF2_WITH_CODES = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">
 <file id="f1">
  <unit id="u1">
   <segment>
    <source><pc id="1" type="fmt">Bold</pc> and <sc id="2"/>open<ec startRef="2"/>,
 <sc id="3"/>dangling<ph id="4"/><cp hex="E000"/></source>
    <target><pc id="1" type="fmt">Negrita</pc> y <sc id="2"/>abierto<ec startRef="2"/>,
 <sc id="3"/>suelto<ph id="4"/><cp hex="E000"/></target>
   </segment>
  </unit>
 </file>
</xliff>"""


@pytest.mark.parametrize(
    ("sample", "text", "markup"),
    [
        (
            XLIFF12_FROM_A_CAT_TOOL,
            "Click here to \n start now",
            'Click <bpt i="1" x="1" type="bold"/>here<ept i="1"/> to <ph x="2" type="image"/>\n'
            ' <bpt i="9" x="3"/>start<ept i="9"/> <hi type="term">now</hi>',
        ),
        (
            XLIFF2_WITH_CODES,
            "Bold and open,\n dangling\ue000",
            '<bpt i="1" x="1" type="fmt"/>Bold<ept i="1"/> and '
            '<bpt i="2" x="2"/>open<ept i="2"/>,\n'
            ' <it pos="begin" x="3"/>dangling<ph x="4"/>\ue000',
        ),
        (
            XLIFF2_WITH_CODES.replace('<cp hex="E000"/>', '<cp hex="0001"/>'),
            "Bold and open,\n dangling",  # U+0001 cannot be XML text: a code names it
            '<bpt i="1" x="1" type="fmt"/>Bold<ept i="1"/> and '
            '<bpt i="2" x="2"/>open<ept i="2"/>,\n'
            ' <it pos="begin" x="3"/>dangling<ph x="4"/><ph type="x-cp">U+0001</ph>',
        ),
    ],
    ids=["xliff-1.2", "xliff-2", "xliff-2-control-character"],
)
def test_xliff_codes_of_other_tools_become_tmx_codes(
    tmp_path: Path, sample: str, text: str, markup: str
) -> None:
    source = tmp_path / "in.xlf"
    source.write_text(sample, "utf-8")
    _, units = read_xliff(source)
    assert (units[0].variants[0].text, units[0].variants[0].markup) == (text, markup)
    convert(str(source), str(tmp_path / "out.tmx"))
    assert_valid_tmx(tmp_path / "out.tmx")


def test_tm_keeps_codes_from_import_to_export(tmp_path: Path) -> None:
    write_tmx(tmp_path / "in.tmx", _rich_units(), Memory("en"))
    db = str(tmp_path / "tm.sqlite")
    assert run_tmkit("tm", "import", str(tmp_path / "in.tmx"), "--db", db).returncode == 0
    assert run_tmkit("tm", "export", "--db", db, str(tmp_path / "out.tmx")).returncode == 0
    assert_valid_tmx(tmp_path / "out.tmx")
    _, units = read_tmx(tmp_path / "out.tmx")
    assert units[0].variants == _rich_units()[0].variants


def test_a_version_1_tm_is_upgraded_in_place(tmp_path: Path) -> None:
    """Memories made before codes were stored open, keep their units and gain the columns."""
    path = tmp_path / "old.sqlite"
    with SqliteTM(path, create=True) as tm:
        tm.import_units(
            [(Memory("en"), TranslationUnit([Variant("en", "Hi."), Variant("fr", "Salut.")]))]
        )
    db = sqlite3.connect(path)
    db.executescript(
        SQLITE_TO_VERSION_5
        + "DROP INDEX units_origin; DROP TABLE origins; DROP TRIGGER units_from_fts;"
        "DROP TABLE term_ranks; DROP TABLE prefixes;"
        "ALTER TABLE units DROP COLUMN origin; ALTER TABLE units DROP COLUMN added;"
        "ALTER TABLE units DROP COLUMN src_markup; ALTER TABLE units DROP COLUMN tgt_markup;"
        "PRAGMA user_version=1;"
    )
    db.close()
    with SqliteTM(path) as tm:
        assert [m.tgt for m in tm.lookup("Hi.", "en")] == ["Salut."]
        tm.import_units([(Memory("en"), _rich_units()[0])], origin="client")
        assert [u.variants for _, u in tm.units()][1] == _rich_units()[0].variants
        assert [(o.name, o.units) for o in tm.stats().origins] == [(None, 1), ("client", 1)]
        assert tm.delete_units(tm.select_units(origin="client")) == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_jsonl_keeps_codes(tmp_path: Path) -> None:
    write_tmx(tmp_path / "a.tmx", _rich_units(), Memory("en"))
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.jsonl"))
    convert(str(tmp_path / "b.jsonl"), str(tmp_path / "c.tmx"))
    _, units = read_tmx(tmp_path / "c.tmx")
    assert units[0].variants == _rich_units()[0].variants


def test_bad_codes_in_jsonl_are_refused_with_their_line(tmp_path: Path) -> None:
    good = '{"src": "a", "tgt": "b", "src_lang": "en", "tgt_lang": "fr"}'
    bad = '{"src": "a", "tgt": "b", "src_lang": "en", "tgt_lang": "fr", "tgt_markup": "<ph>"}'
    source = tmp_path / "in.jsonl"
    source.write_text(f"{good}\n{bad}\n", "utf-8")
    out = tmp_path / "out.tmx"
    result = run_tmkit("convert", str(source), str(out))
    assert_bad_input(result, "in.jsonl:2:", "tgt_markup: bad inline markup")
    assert not out.exists()


def test_xliff2_is_valid_and_reads_back_exactly(tmp_path: Path) -> None:
    """TMX → XLIFF 2.1 → TMX keeps text, codes, tuid, properties, notes and dates."""
    units = _rich_units()
    units[0].props = [("x-src_doc", "000"), ("x-score", "0.910")]
    units[0].notes = ["Checked by the desk."]
    units[0].creationdate = "20240509T101500Z"
    write_tmx(tmp_path / "a.tmx", units, Memory("en", "fr"))
    converted = run_tmkit("convert", str(tmp_path / "a.tmx"), str(tmp_path / "b.xlf"),
                          "--to", "xliff2")  # fmt: skip
    assert converted.returncode == 0, converted.stderr.decode()
    tree = assert_valid_xliff2(tmp_path / "b.xlf")
    root = tree.getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "fr")
    assert [e.get("state") for e in root.iter("{*}segment")] == ["translated"]
    names = [etree.QName(e).localname for e in next(root.iter("{*}source")).iter()][1:]
    assert names == ["sc", "ec", "ph", "mrk", "ph", "sc"]  # XLIFF 2's own codes
    assert [d.text for d in root.iter("{*}data")][:2] == ["<b>", "</b>"]  # native code apart
    convert(str(tmp_path / "b.xlf"), str(tmp_path / "c.tmx"))
    assert_valid_tmx(tmp_path / "c.tmx")
    _, back = read_tmx(tmp_path / "c.tmx")
    assert back[0].variants == units[0].variants
    assert (back[0].tuid, back[0].props, back[0].notes, back[0].creationdate) == (
        "ui-1", units[0].props, units[0].notes, units[0].creationdate)  # fmt: skip


def test_xliff2_keeps_a_code_with_sub_flow_text(tmp_path: Path) -> None:
    markup = 'See <ph x="1">&lt;a title="<sub>Home page</sub>"&gt;</ph>here'
    german = markup.replace("See", "Siehe").replace("here", "hier")
    unit = TranslationUnit([Variant("en", "See here", markup), Variant("de", "Siehe hier", german)])
    out = tmp_path / "sub.xlf"
    assert run_tmkit_export(tmp_path, [unit], out) == 0
    assert_valid_xliff2(out)
    _, back = read_xliff(out)
    assert back[0].variants == unit.variants


def run_tmkit_export(tmp_path: Path, units: list[TranslationUnit], out: Path) -> int:
    """Write units as TMX, then `tmkit convert` them to XLIFF 2 at `out`; the exit code."""
    write_tmx(tmp_path / "in.tmx", units, Memory("en", "de"))
    return run_tmkit("convert", str(tmp_path / "in.tmx"), str(out), "--to", "xliff2").returncode


def test_translate_toolkit_reads_our_xliff2_as_translated(tmp_path: Path) -> None:
    from translate.storage import xliff2 as ttk_xliff2

    write_tmx(tmp_path / "a.tmx", _rich_units(), Memory("en", "fr"))
    convert(str(tmp_path / "a.tmx"), str(tmp_path / "b.xlf2"))  # by the name, too
    unit = ttk_xliff2.Xliff2File.parsefile(str(tmp_path / "b.xlf2")).units[0]
    assert unit.istranslated() and not unit.isfuzzy()
    assert unit.source.startswith("Press Save") and "Enregistrer" in unit.target


XLIFF2_WITH_ORIGINAL_DATA = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="it">
 <file id="f1">
  <unit id="u1">
   <originalData>
    <data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data>
    <data id="d3">%s<cp hex="0009"/></data>
   </originalData>
   <segment>
    <source><pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b">Save</pc>
 <ph id="2" dataRef="d3"/> files</source>
    <target><pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b">Salva</pc>
 <ph id="2" dataRef="d3"/> file</target>
   </segment>
  </unit>
 </file>
</xliff>"""


def test_other_tools_xliff2_native_codes_come_back_as_tmx_code_text(tmp_path: Path) -> None:
    source = tmp_path / "other.xlf"
    source.write_text(XLIFF2_WITH_ORIGINAL_DATA, "utf-8")
    _, units = read_xliff(source)
    assert units[0].variants[0].markup == (
        '<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>'
        '\n <ph x="2">%s\t</ph> files'
    )
    convert(str(source), str(tmp_path / "out.tmx"))
    assert_valid_tmx(tmp_path / "out.tmx")


def test_text_that_xml_escapes_stays_escaped_in_markup(tmp_path: Path) -> None:
    """A segment whose text holds & or < around codes reads back as well-formed markup."""
    markup = 'Tom &amp; Jerry <ph x="1">{0}</ph> if a &lt; b'
    french = Variant("fr", "Tom & Jerry  si a < b", markup.replace("if", "si"))
    unit = TranslationUnit([Variant("en", "Tom & Jerry  if a < b", markup), french])
    write_tmx(tmp_path / "a.tmx", [unit], Memory("en", "fr"))
    _, read = read_tmx(tmp_path / "a.tmx")
    assert read[0].variants == unit.variants
    for name in ("b.xlf", "c.xlf2"):
        convert(str(tmp_path / "a.tmx"), str(tmp_path / name))
        _, back = read_xliff(tmp_path / name)
        assert back[0].variants == unit.variants, name
