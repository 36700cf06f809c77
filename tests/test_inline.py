"""Inline codes survive TMX → XLIFF → TMX, and XLIFF 1.2 / 2 codes become valid TMX codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from conftest import assert_bad_input, assert_valid_tmx, run_tmkit
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
        "DROP INDEX units_origin; DROP TABLE origins; DROP TRIGGER units_from_fts;"
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
