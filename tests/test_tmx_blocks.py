"""The TMX reader's block parsing, and its compiled walk over each block, give exactly what plain
iterparse gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmkit import xmlrecords
from tmkit.errors import InputError
from tmkit.formats import tmx
from tmkit.formats.tmx import TmxReader
from tmkit.units import TranslationUnit, Variant

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
TMX_OPEN = '<tmx version="1.4">\n<header srclang="en" creationtool="t" datatype="plaintext"/>\n'

SEG_TEXT = st.sampled_from(
    [
        "Plain text.",
        "",
        "   ",
        "R&amp;D &lt;b&gt; a &gt; b",
        "smile &#x263A; and &#65;",
        "<![CDATA[a </tu> <b>]]>",
        "before<!-- a comment </tu> -->after",
        'Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> now',
        '<ph x="1"/> <ph x="2"/>',
        "a<?pi data?>b",
        "line\r\nbreak",
    ]
)
TUV_LANG = st.sampled_from(
    [
        'xml:lang="fr"',
        "xml:lang='de'",
        'lang="es"',
        'xml:lang="en"',
        'xml:lang="" lang="it"',
        'xml:lang="f&#114;-CA"',
        'xml:lang="pt" lang="es"',
        "",
    ]
)
# What else a <tu> may hold: the compiled walk must leave each to Python or read it the same.
TU_EXTRA = st.sampled_from(
    [
        "",
        '<prop type="x-doc">001 &amp; 002</prop><note>a note</note>',
        "<prop>no type</prop>",
        '<prop type="t">a<b/>c</prop><note>n<i>o</i>te</note>',
        "<foo>unknown</foo>",
        '<x:tuv xmlns:x="urn:x" xml:lang="fr"><seg>namespaced</seg></x:tuv>',
        '<tuv xml:lang="fr"/>',
        '<tuv xml:lang="fr"><seg>seg then</seg><?pi?></tuv>',
        '<tuv xml:lang="fr"><seg>two</seg><seg>segs</seg></tuv>',
    ]
)
TU_ATTRIBUTES = st.sampled_from(
    [
        "tuid='7' creationdate=\"20240509T000000Z\"",
        'tuid="R&amp;D &#65;"',
        'creationdate="20240509T000000Z"',
        'tuid="8" srclang="fr"',
        "",
    ]
)
BETWEEN = st.sampled_from(["\n", "", "\n<!-- </tu> between -->\n", "\n<?pi x?>\n", "\r\n  "])


@st.composite
def tu_text(draw) -> str:
    """One <tu>, with props, notes and every kind of segment content a TMX may hold."""
    parts = [f"<tu {draw(TU_ATTRIBUTES)}>", draw(TU_EXTRA)]
    for _ in range(draw(st.integers(0, 3))):
        inside = "<note>tuv note</note>" if draw(st.booleans()) else ""
        seg = draw(SEG_TEXT)
        seg_xml = "<seg/>" if seg == "" and draw(st.booleans()) else f"<seg>{seg}</seg>"
        parts.append(f"\n  <tuv {draw(TUV_LANG)}>{inside}{seg_xml}</tuv>")
    parts.append("\n</tu>")
    return "".join(parts)


@st.composite
def tmx_text(draw) -> str:
    units = draw(st.lists(tu_text(), max_size=8))
    body = "".join(draw(BETWEEN) + unit for unit in units)
    text = f"{HEAD}{TMX_OPEN}<body>{body}\n</body>\n</tmx>\n"
    if draw(st.booleans()):
        text = text[: draw(st.integers(len(HEAD), len(text)))]  # a truncated file
    return text


def _read(path: Path) -> tuple[list, object, str | None]:
    units: list = []
    reader = TmxReader(path)
    try:
        for unit in reader:
            units.append(unit)
    except InputError as exc:
        return units, reader.memory, exc.describe()
    return units, reader.memory, None


def _iterparse_only():
    raise xmlrecords._Unsure
    yield  # a generator, like the one it stands in for


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=tmx_text(), chunk=st.integers(8, 300), limit=st.integers(100, 5000))
def test_blocks_read_what_iterparse_reads(
    tmp_path: Path, text: str, chunk: int, limit: int
) -> None:
    """Cut anywhere, even into units longer than the block limit, the result is the same, with
    the compiled walk and without it."""
    path = tmp_path / "t.tmx"
    path.write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xmlrecords, "CHUNK", chunk)
        patch.setattr(xmlrecords, "_BLOCK_LIMIT", limit)
        compiled = _read(path)
        patch.setattr(tmx, "compiled_units", None)
        blocks = _read(path)
        patch.setattr(xmlrecords, "_blocks", lambda *args: _iterparse_only())
        exact = _read(path)
    assert compiled == exact
    assert blocks == exact


def _unit_lines(count: int) -> str:
    return "".join(
        f'<tu tuid="{i}">\n<tuv xml:lang="en"><seg>S {i}.</seg></tuv>\n'
        f'<tuv xml:lang="fr"><seg>P {i}.</seg></tuv>\n</tu>\n'
        for i in range(count)
    )


def test_errors_deep_in_the_file_name_their_line(tmp_path: Path, monkeypatch) -> None:
    """Blocks are parsed on their own, yet an error names its line in the whole file."""
    monkeypatch.setattr(xmlrecords, "CHUNK", 256)
    head = f"{HEAD}{TMX_OPEN}<body>\n"
    broken = '<tu tuid="bad">\n<tuv><seg>no language</seg></tuv>\n</tu>\n'
    text = head + _unit_lines(50) + broken + _unit_lines(5) + "</body></tmx>\n"
    path = tmp_path / "deep.tmx"
    path.write_text(text, "utf-8")
    line = text[: text.index("<tuv><seg>no language")].count("\n") + 1
    with pytest.raises(InputError) as caught:
        list(TmxReader(path))
    assert caught.value.describe() == f"{path}:{line}: <tuv> without xml:lang"


def test_blocks_are_used_for_a_plain_file(tmp_path: Path, monkeypatch) -> None:
    """The fast path really runs (and stops nowhere) on an ordinary file of many blocks."""
    monkeypatch.setattr(xmlrecords, "CHUNK", 512)
    path = tmp_path / "plain.tmx"
    path.write_text(f"{HEAD}{TMX_OPEN}<body>\n{_unit_lines(300)}</body></tmx>\n", "utf-8")
    batches = list(xmlrecords._blocks(str(path), "tmx", "header", "body", "tu"))
    assert len(batches) > 10
    assert sum(len(batch) for batch, _ in batches) == 301  # the header and 300 units


def test_the_compiled_walk_is_built_and_reads_plain_units(tmp_path: Path) -> None:
    """setup.py builds the C walk (without it reading is right but about twice as slow); on
    plain units it hands back units, not elements left for Python."""
    assert tmx.compiled_units is not None, "tmkit._tmxunits was not built: is a C compiler there?"
    path = tmp_path / "plain.tmx"
    path.write_text(f"{HEAD}{TMX_OPEN}<body>\n{_unit_lines(3)}</body></tmx>\n", "utf-8")
    block, _ = list(xmlrecords._blocks(str(path), "tmx", "header", "body", "tu"))[1]
    items = tmx.compiled_units(block.parent, TranslationUnit, Variant)
    assert items == [
        TranslationUnit([Variant("en", f"S {i}."), Variant("fr", f"P {i}.")], str(i))
        for i in range(3)
    ]


def test_the_compiled_walk_refuses_what_is_not_an_element() -> None:
    """A wrong argument is a TypeError, not a crash."""
    assert tmx.compiled_units is not None
    with pytest.raises(TypeError):
        tmx.compiled_units("<body/>", TranslationUnit, Variant)
    with pytest.raises(TypeError):
        tmx.compiled_units()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"<tu><seg>Why? Because!</seg></tu>", False),
        (b"<tu><seg>a<!-- c --></seg></tu>", True),
        (b"<tu><seg><![CDATA[x]]></seg></tu>", True),
        (b"<tu><seg>a<?pi x?></seg></tu>", True),
        (b"!?<!", True),
        (b"", False),
    ],
)
def test_blocks_with_comments_cdata_or_pis_keep_their_blanks(text: bytes, expected: bool) -> None:
    """libxml2 would drop whitespace before these even inside a <seg>."""
    assert xmlrecords._declares_or_instructs(text) is expected


def test_blanks_are_dropped_only_where_no_text_is_lost(tmp_path: Path) -> None:
    """A block of plain units is parsed without indentation; one with inline codes is read
    again with every text node, so the space between two codes survives."""
    plain = _unit_lines(2)
    coded = '<tu><tuv xml:lang="en"><seg>  <ph x="1"/> <ph x="2"/>  </seg></tuv></tu>\n'
    path = tmp_path / "blanks.tmx"
    path.write_text(f"{HEAD}{TMX_OPEN}<body>\n{plain}{coded}</body></tmx>\n", "utf-8")
    batches = list(xmlrecords._blocks(str(path), "tmx", "header", "body", "tu", True))
    assert batches[1][0].source is not None  # the records' block dropped its blanks
    units = list(TmxReader(path))
    assert [u.variants[0].markup for u in units] == [None, None, '  <ph x="1"/> <ph x="2"/>  ']


def test_once_a_block_is_parsed_again_the_rest_keep_their_blanks(
    tmp_path: Path, monkeypatch
) -> None:
    """A file with inline codes is not parsed twice block after block."""
    monkeypatch.setattr(xmlrecords, "CHUNK", 256)
    coded = '<tu><tuv xml:lang="en"><seg>a <ph x="1"/> b</seg></tuv></tu>\n'
    path = tmp_path / "codes.tmx"
    path.write_text(f"{HEAD}{TMX_OPEN}<body>\n{coded}{_unit_lines(20)}</body></tmx>\n", "utf-8")
    blocks = xmlrecords._blocks(str(path), "tmx", "header", "body", "tu", True)
    next(blocks)  # the header
    first, _ = next(blocks)
    assert first.source is not None
    first.exact()
    rest = [block for block, _ in blocks]
    assert len(rest) > 3
    assert all(block.source is None for block in rest)
