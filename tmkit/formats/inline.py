"""Inline codes between TMX (bpt/ept/it/ph/hi/ut/sub, tmkit's own markup) and XLIFF.

A unit keeps a segment's codes as TMX markup (`Variant.markup`). XLIFF 1.2 has the same
native-code elements, so they map one to one: TMX `x` (matching codes across languages) is
XLIFF `id`, TMX `i` (pairing a bpt with its ept) is XLIFF `rid`. XLIFF's other inline
elements (g, x, bx, ex, mrk; XLIFF 2's ph, pc, sc, ec, mrk, cp) are read as the TMX codes
closest to them, so a segment's codes survive any round trip the formats allow.

XLIFF 2 keeps native code out of the text: a code points (`dataRef`) at a <data> of the
unit's <originalData>. A bpt/ept becomes <sc>/<ec>, an it an isolated <sc> or <ec>, a ph or
ut a <ph>, a hi an <mrk>; TMX types become XLIFF 2's type and subType (bold is fmt with
xlf:b). What XLIFF 2 has no attribute for (TMX's own i, x, type, assoc, a code's <sub>
content) goes in attributes of tmkit's namespace, which XLIFF 2 allows on inline codes, so
tmkit's files read back exactly and other tools see standard codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

from lxml import etree

from tmkit.errors import InputError
from tmkit.textio import NOT_XML_CHAR
from tmkit.xmlsafe import plain_text, refuse_entity_reference

_FRAGMENT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# TMX inline elements whose content is native code, not text.
TMX_CODES = frozenset({"bpt", "ept", "it", "ph", "ut", "sub"})
# TMX type values and the XLIFF 1.2 ctype values that say the same thing.
_TMX_TO_CTYPE = {"bold": "bold", "italic": "italic", "ulined": "underlined", "link": "link"}
_CTYPE_TO_TMX = {ctype: tmx for tmx, ctype in _TMX_TO_CTYPE.items()}
_PLACEHOLDER_CTYPES = frozenset({"image", "pb", "lb"})
_ASSOC_TO_XLIFF = {"p": "preceding", "f": "following", "b": "both"}
_ASSOC_TO_TMX = {xliff: tmx for tmx, xliff in _ASSOC_TO_XLIFF.items()}
_POS_TO_XLIFF = {"begin": "open", "end": "close"}
_POS_TO_TMX = {xliff: tmx for tmx, xliff in _POS_TO_XLIFF.items()}


def inner_markup(element: etree._Element) -> str:
    """An element's content (text and children) as XML, without the element's own tags."""
    return _escaped(element.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in element
    )


def _escaped(text: str) -> str:
    """Text as XML character data (xml.sax.saxutils.escape pulls in urllib and http)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_tmx_markup(markup: str, where: str) -> etree._Element:
    """A TMX <seg> holding `markup`, refused in one line when it is not well-formed."""
    try:
        return etree.fromstring(f"<seg>{markup}</seg>", _FRAGMENT_PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(None, f"{where}: bad inline markup: {exc.msg}") from None


def write_xliff12_inline(markup: str, parent: etree._Element, namespace: str, where: str) -> None:
    """Fill an XLIFF 1.2 <source> or <target> with the text and codes of TMX markup."""
    seg = parse_tmx_markup(markup, where)
    used = {c.get("x") for c in seg.iter() if c.get("x")} | {c.get("i") for c in seg.iter()}
    fresh = (str(n) for n in count(1) if str(n) not in used)
    opened: dict[str, str] = {}  # a bpt's i → the XLIFF id its ept repeats
    parent.text = seg.text
    for child in seg:
        parent.append(_to_xliff12(child, namespace, fresh, opened))


TMKIT_NS = "urn:tmkit:xliff:1"
_TMX_TO_SUBTYPE = {"bold": "xlf:b", "italic": "xlf:i", "ulined": "xlf:u"}
_SUBTYPE_TO_TMX = {subtype: tmx for tmx, subtype in _TMX_TO_SUBTYPE.items()}


class OriginalData:
    """A unit's <originalData>: one <data> for each distinct native code, by id."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def ref(self, code: str | None) -> str | None:
        """The id of the <data> holding `code` (None for a code with no native text)."""
        if not code:
            return None
        return self.ids.setdefault(code, f"d{len(self.ids) + 1}")


def write_xliff2_inline(
    markup: str, parent: etree._Element, namespace: str, data: OriginalData, where: str
) -> None:
    """Fill an XLIFF 2 <source> or <target> with the text and codes of TMX markup; the
    codes' native text goes to `data`."""
    seg = parse_tmx_markup(markup, where)
    used = {c.get("x") for c in seg.iter() if c.get("x")} | {c.get("i") for c in seg.iter()}
    fresh = (str(n) for n in count(1) if str(n) not in used)
    opened: dict[str, str] = {}  # a bpt's i → the id its ept's <ec startRef> names
    parent.text = seg.text
    for child in seg:
        _append_xliff2(parent, child, f"{{{namespace}}}", data, fresh, opened)


def _append_xliff2(
    parent: etree._Element,
    element: etree._Element,
    q: str,
    data: OriginalData,
    fresh: Iterator[str],
    opened: dict[str, str],
) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    x, i, kind = element.get("x"), element.get("i"), element.get("type")
    native = "".join(element.itertext())
    if tag == "hi":
        out = _element(f"{q}mrk", id=f"m{next(fresh)}",
                       type="term" if kind in ("term", "x-term") else "generic")  # fmt: skip
        for key, value in {"tag": "hi", **element.attrib}.items():
            out.set(f"{{{TMKIT_NS}}}{key}", value)
        out.text = element.text
        for child in element:
            _append_xliff2(out, child, q, data, fresh, opened)
    elif tag in TMX_CODES:
        if tag == "bpt":
            ident = x or i or next(fresh)
            opened[i or ""] = ident
            out = _element(f"{q}sc", id=ident)
        elif tag == "ept":
            out = _element(f"{q}ec", startRef=opened.get(i or "", i or next(fresh)))
        elif tag == "it":
            name = "ec" if element.get("pos") == "end" else "sc"
            out = _element(f"{q}{name}", id=x or next(fresh), isolated="yes")
        else:  # ph, ut, a sub outside any code
            out = _element(f"{q}ph", id=x or next(fresh))
        _set_code_type(out, tag, kind)
        if native:
            out.set("dataRef", data.ref(native) or "")
        # The TMX code exactly, its attributes in their order, for reading back.
        exact = {"tag": tag, **element.attrib}
        if len(element):
            exact["content"] = inner_markup(element)
        for key, value in exact.items():
            out.set(f"{{{TMKIT_NS}}}{key}", value)
    else:  # not a TMX inline element: keep its text, drop the tag
        _append_text(parent, "".join(element.itertext()))
        _append_text(parent, element.tail)
        return
    out.tail = element.tail
    parent.append(out)


def _set_code_type(code: etree._Element, tag: str, kind: str | None) -> None:
    """XLIFF 2's type and subType for a TMX code type (bold → fmt, xlf:b)."""
    if tag == "ept":
        return
    if kind in _TMX_TO_SUBTYPE:
        code.set("type", "fmt")
        code.set("subType", _TMX_TO_SUBTYPE[kind])
    elif kind in ("link", "image"):
        code.set("type", kind)
    elif kind:
        code.set("type", "other")


def _to_xliff12(
    element: etree._Element, namespace: str, fresh: Iterator[str], opened: dict[str, str]
) -> etree._Element:
    tag = element.tag if isinstance(element.tag, str) else ""
    x, kind, q = element.get("x"), element.get("type"), f"{{{namespace}}}"
    if tag == "bpt":
        i = element.get("i")
        out = _element(f"{q}bpt", id=x or i, rid=i, ctype=_delimiter_ctype(kind))
        opened[i or ""] = out.get("id")
    elif tag == "ept":
        i = element.get("i", "")
        out = _element(f"{q}ept", id=opened.get(i, i), rid=i)
    elif tag == "it":
        pos = _POS_TO_XLIFF.get(element.get("pos", ""))
        out = _element(f"{q}it", id=x or next(fresh), pos=pos, ctype=_delimiter_ctype(kind))
    elif tag in ("ph", "ut"):
        assoc = _ASSOC_TO_XLIFF.get(element.get("assoc", ""))
        out = _element(f"{q}ph", id=x or next(fresh), ctype=_placeholder_ctype(kind), assoc=assoc)
    elif tag == "hi":
        out = _element(f"{q}mrk", mtype=f"x-{kind}" if kind else "x-hi")
    elif tag == "sub":
        out = _element(f"{q}sub", datatype=element.get("datatype"))
    else:  # not a TMX inline element: keep its text, drop the tag
        out = _element(f"{q}mrk", mtype="x-unknown")
    out.text = element.text
    for child in element:
        out.append(_to_xliff12(child, namespace, fresh, opened))
    out.tail = element.tail
    return out


def _element(tag: str, **attributes: str | None) -> etree._Element:
    """An element with the attributes that have a value (XLIFF and TMX codes alike)."""
    return etree.Element(tag, {key: value for key, value in attributes.items() if value})


def _delimiter_ctype(kind: str | None) -> str | None:
    if not kind:
        return None
    return _TMX_TO_CTYPE.get(kind) or (kind if kind.startswith("x-") else f"x-{kind}")


def _placeholder_ctype(kind: str | None) -> str | None:
    if not kind:
        return None
    if kind in _PLACEHOLDER_CTYPES or kind.startswith("x-"):
        return kind
    return f"x-{kind}"


def _tmx_type(ctype: str | None) -> str | None:
    if not ctype:
        return None
    if ctype in _CTYPE_TO_TMX:
        return _CTYPE_TO_TMX[ctype]
    return ctype[2:] if ctype.startswith("x-") else ctype


def read_xliff_inline(
    element: etree._Element, data: dict[str, str] | None = None
) -> tuple[str, str | None]:
    """The text of an XLIFF 1.2 or 2.x <source>/<target> without its codes, and the codes as
    TMX markup (None when it holds text alone); `data` is an XLIFF 2 unit's original data,
    the native text its codes point at."""
    if not len(element):
        return element.text or "", None
    for node in element.iter():
        refuse_entity_reference(node, None)
    if not any(isinstance(child.tag, str) for child in element.iter() if child is not element):
        return "".join(element.itertext()), None  # text around processing instructions
    seg = etree.Element("seg")
    seg.text = element.text
    pairs = _Pairs(element, data or {})
    for child in element:
        _append_tmx(seg, child, pairs)
    return plain_text(seg, TMX_CODES), inner_markup(seg)


class _Pairs:
    """Which XLIFF 2 <sc>/<ec> codes close within the segment (the rest are isolated), and
    the native text their dataRefs name."""

    def __init__(self, element: etree._Element, data: dict[str, str]) -> None:
        self.ended = {ec.get("startRef") for ec in element.iter("{*}ec")}
        self.started = {sc.get("id") for sc in element.iter("{*}sc")}
        self.data = data

    def native(self, element: etree._Element) -> str | None:
        """A code's native text: in the element (XLIFF 1.2), or the data it points at."""
        pointer = element.get("dataRef")
        return self.data.get(pointer) if pointer else element.text


def _append_tmx(parent: etree._Element, element: etree._Element, pairs: _Pairs) -> None:
    """Append to a TMX element the codes and text an XLIFF inline element stands for."""
    if isinstance(element.tag, str):
        name = etree.QName(element).localname
        ident = element.get("id")
        ctype = _SUBTYPE_TO_TMX.get(element.get("subType", "")) or _tmx_type(
            element.get("ctype") or element.get("type")
        )
        if element.get(f"{{{TMKIT_NS}}}tag"):  # tmkit's own: the TMX code exactly
            parent.append(_exact_tmx_code(element, pairs))
        elif name in ("g", "pc"):  # a paired code around text: bpt, the text, ept
            start = _element("bpt", i=ident, x=ident, type=ctype)
            start.text = pairs.data.get(element.get("dataRefStart", ""))
            parent.append(start)
            _append_content(parent, element, pairs)
            end = _element("ept", i=ident)
            end.text = pairs.data.get(element.get("dataRefEnd", ""))
            parent.append(end)
        elif name == "cp":  # a character XML cannot hold becomes a code naming it
            char = chr(int(element.get("hex", "FFFD"), 16))
            if NOT_XML_CHAR.match(char):
                code = _element("ph", type="x-cp")
                code.text = f"U+{ord(char):04X}"
                parent.append(code)
            else:
                _append_text(parent, char)
        else:
            code = _tmx_code(element, name, ident, ctype, pairs)
            if code is None:  # a marker or an element we do not know: its text, unmarked
                _append_content(parent, element, pairs)
            else:
                code.text = element.text if name in ("hi", "mrk") else pairs.native(element)
                for child in element:
                    _append_tmx(code, child, pairs)
                parent.append(code)
    _append_text(parent, element.tail)


def _exact_tmx_code(element: etree._Element, pairs: _Pairs) -> etree._Element:
    """The TMX code an XLIFF 2 code of tmkit's stands for, from its tmkit: attributes."""
    exact = {etree.QName(k).localname: v for k, v in element.attrib.items()
             if k.startswith(f"{{{TMKIT_NS}}}")}  # fmt: skip
    content = exact.pop("content", None)
    code = _element(exact.pop("tag"), **exact)
    if code.tag == "hi":  # a marker: its text and codes, as any other content
        code.text = element.text
        for child in element:
            _append_tmx(code, child, pairs)
    elif content is None:
        code.text = pairs.native(element)
    else:
        parsed = parse_tmx_markup(content, "tmkit:content")
        code.text = parsed.text
        code.extend(parsed)
    return code


def _tmx_code(
    element: etree._Element, name: str, ident: str | None, ctype: str | None, pairs: _Pairs
) -> etree._Element | None:
    rid = element.get("rid") or ident
    if name in ("bpt", "bx") or (name == "sc" and ident in pairs.ended):
        x = None if ident == rid and name != "sc" else ident  # an id that only repeats i
        return _element("bpt", i=rid, x=x, type=ctype)
    if name in ("ept", "ex") or (name == "ec" and element.get("startRef") in pairs.started):
        return _element("ept", i=element.get("startRef") or rid)
    if name in ("it", "sc", "ec"):
        pos = _POS_TO_TMX.get(element.get("pos", ""), "begin" if name == "sc" else "end")
        return _element("it", pos=pos, x=ident, type=ctype)
    if name in ("ph", "x"):
        assoc = _ASSOC_TO_TMX.get(element.get("assoc", ""))
        return _element("ph", x=ident, type=ctype, assoc=assoc)
    if name == "mrk" and element.get("mtype") != "x-unknown":
        mtype = element.get("mtype") or element.get("type")
        return _element("hi", type=None if mtype == "x-hi" else _tmx_type(mtype))
    if name == "sub":
        return _element("sub", datatype=element.get("datatype"))
    return None


def _append_content(parent: etree._Element, element: etree._Element, pairs: _Pairs) -> None:
    _append_text(parent, element.text)
    for child in element:
        _append_tmx(parent, child, pairs)


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
