"""TMX 1.4b: a streaming writer (lxml xmlfile) and a streaming reader (lxml iterparse)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from tmkit import __version__
from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.units import Memory, TranslationUnit, Variant, tmx_timestamp
from tmkit.xmlsafe import iterparse, release

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native code, not text: left out of the plain text.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut", "sub"})
_FRAGMENT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def write_tmx(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write units as TMX 1.4b, streaming; return how many were written."""
    date = memory.creationdate or tmx_timestamp()
    count = 0
    with atomic_writer(path, "wb") as handle, etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            xf.write(_header(memory, date), pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    count += 1
                    xf.write(_tu_element(unit, count, date), pretty_print=True)
            xf.write("\n")
    return count


def _header(memory: Memory, date: str) -> etree._Element:
    header = etree.Element(
        "header",
        creationtool="tmkit",
        creationtoolversion=__version__,
        segtype="sentence",
        **{"o-tmf": "tmkit"},
        adminlang="en",
        srclang=memory.srclang,
        datatype="plaintext",
        creationdate=date,
    )
    for kind, value in memory.props:
        etree.SubElement(header, "prop", type=kind).text = _xml_text(value)
    return header


def _tu_element(unit: TranslationUnit, number: int, date: str) -> etree._Element:
    tu = etree.Element("tu", tuid=unit.tuid or str(number), creationdate=unit.creationdate or date)
    for note in unit.notes:
        etree.SubElement(tu, "note").text = _xml_text(note)
    for kind, value in unit.props:
        etree.SubElement(tu, "prop", type=kind).text = _xml_text(value)
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: variant.lang})
        seg = etree.SubElement(tuv, "seg")
        if variant.markup is not None:
            try:
                fragment = etree.fromstring(f"<seg>{variant.markup}</seg>", _FRAGMENT_PARSER)
            except etree.XMLSyntaxError as exc:
                problem = f"unit {tu.get('tuid')}: bad inline markup: {exc.msg}"
                raise InputError(None, problem) from None

            seg.text = fragment.text
            seg.extend(fragment)
        else:
            seg.text = _xml_text(variant.text)
    return tu


def _xml_text(text: str) -> str:
    """Text XML can carry; characters XML 1.0 forbids are refused, not dropped silently."""
    try:
        etree.Element("x").text = text
    except ValueError:
        raise InputError(None, f"text holds characters XML cannot carry: {text[:40]!r}") from None
    return text


class TmxReader:
    """Iterate a TMX file's units in constant memory; `memory` is its header, once read."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.memory: Memory | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        seen_root = False
        for event, element in iterparse(self.path):
            if not seen_root:
                if element.tag != "tmx":
                    raise InputError(
                        self.path, f"not TMX: root element is <{element.tag}>", element.sourceline
                    )
                seen_root = True
            if event != "end":
                continue
            if element.tag == "header":
                self.memory = self._memory(element)
            elif element.tag == "tu":
                if self.memory is None:
                    raise InputError(self.path, "<tu> before <header>", element.sourceline)
                yield self._unit(element)
                release(element)
        if self.memory is None:
            raise InputError(self.path, "TMX has no <header>")

    def _memory(self, header: etree._Element) -> Memory:
        srclang = header.get("srclang")
        if not srclang:
            raise InputError(self.path, "TMX header has no srclang", header.sourceline)
        props = [(p.get("type", ""), p.text or "") for p in header.iterfind("prop")]
        return Memory(srclang=srclang, creationdate=header.get("creationdate"), props=props)

    def _unit(self, tu: etree._Element) -> TranslationUnit:
        variants = []
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            if not lang:
                raise InputError(self.path, "<tuv> without xml:lang", tuv.sourceline)
            seg = tuv.find("seg")
            if seg is None:
                raise InputError(self.path, "<tuv> without <seg>", tuv.sourceline)
            variants.append(_variant(lang, seg))
        if not variants:
            raise InputError(self.path, "<tu> without <tuv>", tu.sourceline)
        return TranslationUnit(
            variants=variants,
            tuid=tu.get("tuid"),
            creationdate=tu.get("creationdate"),
            props=[(p.get("type", ""), p.text or "") for p in tu.iterfind("prop")],
            notes=[n.text or "" for n in tu.iterfind("note")],
        )


def _variant(lang: str, seg: etree._Element) -> Variant:
    if len(seg) == 0:
        return Variant(lang, seg.text or "")
    markup = (seg.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in seg
    )
    return Variant(lang, _plain_text(seg), markup)


def _plain_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODE_ELEMENTS:
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(path: str | Path) -> tuple[Memory, list[TranslationUnit]]:
    """Read a whole TMX file (for small files; stream with TmxReader for large ones)."""
    reader = TmxReader(path)
    units = list(reader)
    assert reader.memory is not None
    return reader.memory, units
