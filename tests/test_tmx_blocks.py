"""The TMX reader's block parsing gives exactly what plain iterparse gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmkit import xmlrecords
from tmkit.errors import InputError
from tmkit.formats.tmx import TmxReader

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
TUV_LANG = st.sampled_from(['xml:lang="fr"', "xml:lang='de'", 'lang="es"', 'xml:lang="en"'])
BETWEEN = st.sampled_from(["\n", "", "\n<!-- </tu> between -->\n", "\n<?pi x?>\n", "\r\n  "])


@st.composite
def tu_text(draw) -> str:
    """One <tu>, with props, notes and every kind of segment content a TMX may hold."""
    parts = [f"<tu tuid='{draw(st.integers(0, 99))}' creationdate=\"20240509T000000Z\">"]
    if draw(st.booleans()):
        parts.append('<prop type="x-doc">001 &amp; 002</prop><note>a note</note>')
    for _ in range(draw(st.integers(1, 3))):
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
    """Cut anywhere, even into units longer than the block limit, the result is the same."""
    path = tmp_path / "t.tmx"
    path.write_bytes(text.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xmlrecords, "CHUNK", chunk)
        patch.setattr(xmlrecords, "_BLOCK_LIMIT", limit)
        fast = _read(path)
        patch.setattr(xmlrecords, "_blocks", lambda *args: _iterparse_only())
        exact = _read(path)
    assert fast == exact


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
