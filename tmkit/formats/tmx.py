"""TMX 1.4b: a streaming writer (escaped text, no tree) and a streaming reader (blocks of units)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from tmkit import __version__
from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.formats.inline import TMX_CODES, inner_markup, parse_tmx_markup
from tmkit.textio import NOT_XML_CHAR
from tmkit.units import GETTEXT_DATATYPE, Memory, TranslationUnit, Variant, tmx_timestamp
from tmkit.xmlrecords import Block, iter_records, line_in_file
from tmkit.xmlsafe import plain_text

try:  # the compiled walk over a block's nodes (setup.py); without it every unit is read here
    from tmkit._tmxunits import units as compiled_units
except ImportError:
    compiled_units = None

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write_tmx(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write units as TMX 1.4b, streaming; return how many were written."""
    date = memory.creationdate or tmx_timestamp()
    count = 0
    with atomic_writer(path) as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
        handle.write(_header(memory, date))
        handle.write("<body>\n")
        for unit in units:
            # A TMX unit is a translation to reuse: never a draft, never a source alone.
            if unit.needs_review or sum(bool(v.text) for v in unit.variants) < 2:
                continue
            count += 1
            handle.write(_tu(unit, count, date))
        handle.write("</body>\n</tmx>\n")
    return count


def _header(memory: Memory, date: str) -> str:
    attributes = {
        "creationtool": "tmkit",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "tmkit",
        "adminlang": "en",
        "srclang": memory.srclang,
        "datatype": memory.datatype,
        "creationdate": date,
    }
    opening = "<header " + " ".join(f'{k}="{_attribute(v)}"' for k, v in attributes.items())
    if not memory.props:
        return opening + "/>\n"
    props = "".join(
        f'  <prop type="{_attribute(kind)}">{_text(value)}</prop>\n' for kind, value in memory.props
    )
    return f"{opening}>\n{props}</header>\n"


def _tu(unit: TranslationUnit, number: int, date: str) -> str:
    tuid = _attribute(unit.tuid or str(number))
    segtype = f' segtype="{_attribute(unit.segtype)}"' if unit.segtype else ""
    srclang = f' srclang="{_attribute(unit.srclang)}"' if unit.srclang else ""
    created = _attribute(unit.creationdate or date)
    parts = [f'<tu tuid="{tuid}"{srclang} creationdate="{created}"{segtype}>\n']
    parts.extend(f"  <note>{_text(note)}</note>\n" for note in unit.notes)
    parts.extend(
        f'  <prop type="{_attribute(kind)}">{_text(value)}</prop>\n' for kind, value in unit.props
    )
    for variant in unit.variants:
        seg = _text(variant.text) if variant.markup is None else _markup(variant.markup, tuid)
        parts.append(f'  <tuv xml:lang="{_attribute(variant.lang)}">\n    <seg>{seg}</seg>\n')
        parts.append("  </tuv>\n")
    parts.append("</tu>\n")
    return "".join(parts)


def _text(text: str) -> str:
    """Escaped character data; characters XML 1.0 forbids are refused, not dropped."""
    bad = NOT_XML_CHAR.search(text)
    if bad:
        raise InputError(
            None, f"text holds a character XML cannot carry (U+{ord(bad[0]):04X}): {text[:40]!r}"
        )
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A literal CR would reach readers as LF (XML normalises line ends): write it as a reference.
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


def _attribute(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _markup(markup: str, tuid: str) -> str:
    """Inline markup, checked to be well-formed TMX content before it is written as is."""
    parse_tmx_markup(markup, f"unit {tuid}")
    return markup


class TmxReader:
    """Iterate a TMX file's units in constant memory; `memory` is its header, once read."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.memory: Memory | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        batches = iter_records(self.path, "tmx", "header", "body", "tu", bool(compiled_units))
        for batch, start in batches:
            if isinstance(batch, Block) and self.memory is not None:
                yield from self._block(batch, start)
                continue
            for element in batch.exact() if isinstance(batch, Block) else batch:
                if element.tag == "header":
                    self.memory = self._memory(element)
                elif self.memory is None:
                    raise self._error("<tu> before <header>", element, start)
                else:
                    yield self._unit(element, start)
        if self.memory is None:
            raise InputError(self.path, "TMX has no <header>")

    def _block(self, block: Block, start: int) -> Iterator[TranslationUnit]:
        """A block's units, read by the compiled walk where it is built; the <tu>s it hands
        back (inline codes, errors) are read here, from a tree with every text node."""
        if not compiled_units:
            items: Iterable = block.exact()
        else:
            items = compiled_units(block.parent, TranslationUnit, Variant)
            if block.source is not None and not all(type(i) is TranslationUnit for i in items):
                items = compiled_units(block.exact(), TranslationUnit, Variant)
        for item in items:
            yield item if type(item) is TranslationUnit else self._unit(item, start)

    def _memory(self, header: etree._Element) -> Memory:
        srclang = header.get("srclang")
        if not srclang:
            raise InputError(self.path, "TMX header has no srclang", header.sourceline)
        props = [(p.get("type", ""), p.text or "") for p in header.iterfind("prop")]
        datatype = header.get("datatype") or ""
        datatype = GETTEXT_DATATYPE if datatype.lower() == GETTEXT_DATATYPE else "plaintext"
        return Memory(
            srclang=srclang,
            creationdate=header.get("creationdate"),
            props=props,
            datatype=datatype,
        )

    def _error(self, problem: str, element: etree._Element, start: int) -> InputError:
        return InputError(self.path, problem, line_in_file(self.path, start, element.sourceline))

    def _unit(self, tu: etree._Element, start: int) -> TranslationUnit:
        """The unit a <tu> holds; the tree it was parsed in starts at byte `start`."""
        variants: list[Variant] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                lang = child.get(XML_LANG) or child.get("lang")
                if not lang:
                    raise self._error("<tuv> without xml:lang", child, start)
                try:
                    seg = child[-1]  # <seg> comes after notes and props
                except IndexError:
                    seg = None
                if seg is None or seg.tag != "seg":
                    raise self._error("<tuv> without <seg>", child, start)
                plain = not len(seg)  # the common case, inlined: no inline elements
                try:
                    variants.append(Variant(lang, seg.text or "") if plain else _variant(lang, seg))
                except InputError as exc:  # an entity reference, never expanded
                    raise self._error(exc.problem, seg, start) from None
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if not variants:
            raise self._error("<tu> without <tuv>", tu, start)
        return TranslationUnit(
            variants,
            tu.get("tuid"),
            tu.get("creationdate"),
            props,
            notes,
            tu.get("segtype"),
            srclang=tu.get("srclang"),
        )


def _variant(lang: str, seg: etree._Element) -> Variant:
    """A variant whose segment holds inline elements: plain text beside the markup as is."""
    return Variant(lang, plain_text(seg, TMX_CODES), inner_markup(seg))


def read_tmx(path: str | Path) -> tuple[Memory, list[TranslationUnit]]:
    """Read a whole TMX file (for small files; stream with TmxReader for large ones)."""
    reader = TmxReader(path)
    units = list(reader)
    assert reader.memory is not None
    return reader.memory, units
