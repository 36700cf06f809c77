"""XLIFF: 1.2 and 2.1 written, 1.1, 1.2 and 2.x read; streamed with the same safe parser as
TMX.

XLIFF 1.2 is written as one <file> with source-language and target-language; a unit's
tuid is the trans-unit's resname, its properties a <prop-group>, its notes <note>s, its
creation date the property `x-tmkit-creationdate`, its inline codes XLIFF's own (see
inline.py), so TMX → XLIFF → TMX keeps them. XLIFF 2.1 (valid against OASIS's core and
Metadata module schemas) has the same content: the tuid is the <unit>'s name, properties
and creation date are <mda:meta>s of the Metadata module, notes are <notes>, native code is
<originalData>, and every segment is state="translated".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import regex
from lxml import etree

from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.formats.inline import (
    TMKIT_NS,
    OriginalData,
    read_xliff_inline,
    write_xliff2_inline,
    write_xliff12_inline,
)
from tmkit.formats.po import PLURAL_FORM_PROP, PLURAL_FORMS_PROP, catalogue_header
from tmkit.units import GETTEXT_DATATYPE, Memory, TranslationUnit, Variant
from tmkit.xmlsafe import iterparse, release

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"  # 2.1 keeps 2.0's namespace
METADATA = "urn:oasis:names:tc:xliff:metadata:2.0"
# XLIFF 1.1 (what translate-toolkit's po2xliff writes) has 1.2's elements under its own name.
XLIFF1 = ("urn:oasis:names:tc:xliff:document:1.1", XLIFF12)
_CREATIONDATE = "x-tmkit-creationdate"
_STREAMED = ("{*}trans-unit", "{*}unit", "{*}file", "{*}xliff")
# The trans-unit in which a PO file's header travels (translate-toolkit's po2xliff): the
# catalogue's metadata, no translation.
_GETTEXT_HEADER = "x-gettext-domain-header"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# A PO entry's plural forms, as translate-toolkit's po2xliff, Pootle and Weblate write them:
# a group of trans-units, one a form, in order.
_GETTEXT_PLURALS = "x-gettext-plurals"


def _pairs(
    path: str | Path, units: Iterable[TranslationUnit], memory: Memory
) -> Iterator[tuple[int, TranslationUnit, Variant, Variant]]:
    """(number, unit, source, target) of each unit with both languages an XLIFF file holds,
    numbered from 1; a unit holding a character no file can carry is refused. A memory
    without a target language is refused at once, before anything is written."""
    if memory.tgtlang is None:
        raise InputError(str(path), "XLIFF needs a target language (--tgt-lang)")
    tgtlang = memory.tgtlang

    def numbered() -> Iterator[tuple[int, TranslationUnit, Variant, Variant]]:
        count = 0
        for unit in units:
            source, target = unit.source_and_target(memory.srclang, tgtlang)
            if source is None or target is None:
                continue
            count += 1
            unit.refuse_uncarriable(str(path), count)
            yield count, unit, source, target

    return numbered()


def write_xliff(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write source → target pairs as XLIFF 1.2; return how many were written."""
    pairs = _pairs(path, units, memory)
    count = 0
    q = f"{{{XLIFF12}}}"
    with atomic_writer(path, "wb") as handle, etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{q}xliff", version="1.2", nsmap={None: XLIFF12}):
            file_attributes = {
                "original": "tmkit", "datatype": memory.datatype,
                "source-language": memory.srclang, "target-language": memory.tgtlang,
            }  # fmt: skip
            with xf.element(f"{q}file", file_attributes), xf.element(f"{q}body"):
                xf.write("\n")
                if memory.datatype == GETTEXT_DATATYPE:
                    xf.write(_gettext_header(memory, memory.tgtlang, q), pretty_print=True)
                run: list[tuple[int, TranslationUnit, Variant, Variant]] = []
                for count, unit, source, target in pairs:
                    form = dict(unit.props).get(PLURAL_FORM_PROP)
                    if run and (form is None or not form.isdigit() or int(form) != len(run)):
                        _write_forms(xf, run, q)  # a plural entry's forms end
                        run = []
                    if form == "0" or run:
                        run.append((count, unit, source, target))
                    else:
                        xf.write(_trans_unit(unit, source, target, count, q), pretty_print=True)
                _write_forms(xf, run, q)
    return count


def _gettext_header(memory: Memory, tgtlang: str, q: str) -> etree._Element:
    """A catalogue's header as po2xliff writes it, a trans-unit of its own (restype
    x-gettext-domain-header), so xliff2po, Pootle and Weblate give the PO its Language and
    Plural-Forms back (without them msgfmt refuses the plural entries)."""
    header = "".join(f"{k}: {v}\n" for k, v in catalogue_header(memory, tgtlang).items())
    element = etree.Element(
        f"{q}trans-unit", id="0", restype=_GETTEXT_HEADER, approved="no", nsmap={None: XLIFF12}
    )
    element.set(_XML_SPACE, "preserve")
    etree.SubElement(element, f"{q}source").text = header
    etree.SubElement(element, f"{q}target", state="translated").text = header
    return element


def _write_forms(
    xf: etree.xmlfile, run: list[tuple[int, TranslationUnit, Variant, Variant]], q: str
) -> None:
    """A plural entry's forms (units marked x-plural-form 0, 1…) as translate-toolkit's
    po2xliff writes them, a group of trans-units `N[0]`, `N[1]`… that its xliff2po, Pootle
    and Weblate read as one entry (as separate units, xliff2po merged the forms that share
    the msgid_plural, and Russian lost one); a lone form as a unit of its own."""
    if len(run) < 2:
        for count, unit, source, target in run:
            xf.write(_trans_unit(unit, source, target, count, q), pretty_print=True)
        return
    group_id = str(run[0][0])
    group = etree.Element(f"{q}group", id=group_id, restype=_GETTEXT_PLURALS, nsmap={None: XLIFF12})
    for form, (count, unit, source, target) in enumerate(run):
        element = _trans_unit(unit, source, target, count, q, skip=PLURAL_FORM_PROP)
        element.set("id", f"{group_id}[{form}]")
        group.append(element)
    if all(element.get("approved") == "yes" for element in group):
        group.set("approved", "yes")  # as po2xliff marks it: not fuzzy, read back
    xf.write(group, pretty_print=True)


def write_xliff2(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write source → target pairs as XLIFF 2.1; return how many were written."""
    pairs = _pairs(path, units, memory)
    count = 0
    q = f"{{{XLIFF2}}}"
    root_attributes = {"version": "2.1", "srcLang": memory.srclang, "trgLang": memory.tgtlang}
    namespaces = {None: XLIFF2, "mda": METADATA, "tmkit": TMKIT_NS}
    with atomic_writer(path, "wb") as handle, etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write_declaration()
        with (
            xf.element(f"{q}xliff", root_attributes, nsmap=namespaces),
            xf.element(f"{q}file", id="f1", original="tmkit"),
        ):
            xf.write("\n")
            for count, unit, source, target in pairs:
                xf.write(_unit2(unit, source, target, count, namespaces), pretty_print=True)
    return count


def _unit2(
    unit: TranslationUnit, source: Variant, target: Variant, number: int, namespaces: dict
) -> etree._Element:
    q = f"{{{XLIFF2}}}"
    element = etree.Element(f"{q}unit", id=f"u{number}", nsmap=namespaces)
    element.set(_XML_SPACE, "preserve")  # text as it is
    if unit.tuid:
        element.set("name", unit.tuid)
    props = list(unit.props)
    if unit.creationdate:
        props.append((_CREATIONDATE, unit.creationdate))
    if props:
        group = etree.SubElement(
            etree.SubElement(element, f"{{{METADATA}}}metadata"),
            f"{{{METADATA}}}metaGroup",
            category="tmkit",
        )
        for kind, value in props:
            etree.SubElement(group, f"{{{METADATA}}}meta", type=kind).text = value
    if unit.notes:
        notes = etree.SubElement(element, f"{q}notes")
        for note in unit.notes:
            etree.SubElement(notes, f"{q}note").text = note
    data = OriginalData()
    segment = etree.Element(f"{q}segment", id="s1", state="translated")
    if unit.needs_review:  # a proposal: initial, as machine-translated targets are
        segment.set("state", "initial")
        segment.set("subState", "tmkit:needs-review")
    for variant, side in (
        (source, etree.SubElement(segment, f"{q}source")),
        (target, etree.SubElement(segment, f"{q}target")),
    ):
        if variant.markup is None:
            side.text = variant.text
        else:
            where = f"unit {unit.tuid or number}"
            write_xliff2_inline(variant.markup, side, XLIFF2, data, where)
    if data.ids:
        original = etree.SubElement(element, f"{q}originalData")
        for code, ident in data.ids.items():
            etree.SubElement(original, f"{q}data", id=ident).text = code
    element.append(segment)
    return element


def _trans_unit(
    unit: TranslationUnit, source: Variant, target: Variant, number: int, q: str, skip: str = ""
) -> etree._Element:
    """A unit as a trans-unit, its props (but the one named `skip`) in a prop-group."""
    element = etree.Element(f"{q}trans-unit", id=str(number), nsmap={None: XLIFF12})
    # Text as it is: a reader may otherwise fold its white space (translate-toolkit's did:
    # "\nOptions:\n" came back "Options:", a PO catalogue's help texts unwrapped).
    element.set(_XML_SPACE, "preserve")
    # An aligned or imported rendering is a translation, not a fuzzy draft, unless it is
    # marked for review.
    if target.text and not unit.needs_review:
        element.set("approved", "yes")
    state = "needs-review-translation" if unit.needs_review else "translated"
    if unit.tuid:
        element.set("resname", unit.tuid)
    for variant, side in (
        (source, etree.SubElement(element, f"{q}source")),
        (target, etree.SubElement(element, f"{q}target", state=state)),
    ):
        if variant.markup is None:
            side.text = variant.text
        else:
            write_xliff12_inline(variant.markup, side, XLIFF12, f"unit {unit.tuid or number}")
    props = [(kind, value) for kind, value in unit.props if kind != skip]
    if unit.creationdate:
        props.append((_CREATIONDATE, unit.creationdate))
    if props:
        group = etree.SubElement(element, f"{q}prop-group")
        for kind, value in props:
            etree.SubElement(group, f"{q}prop", {"prop-type": kind}).text = value
    for note in unit.notes:
        etree.SubElement(element, f"{q}note").text = note
    return element


def read_xliff(path: str | Path) -> tuple[Memory, list[TranslationUnit]]:
    """Read XLIFF 1.1/1.2 trans-units or XLIFF 2.x segments as units."""
    path = str(path)
    memory: Memory | None = None
    units: list[TranslationUnit] = []
    group: etree._Element | None = None  # the plural group being read, and its next form
    form = 0
    for element in iterparse(path, root="xliff", tags=_STREAMED):
        name = etree.QName(element)
        if name.namespace not in (*XLIFF1, XLIFF2):
            raise InputError(
                path, f"not XLIFF 1.1, 1.2 or 2.x: namespace {name.namespace!r}", element.sourceline
            )
        if name.localname == "trans-unit":
            memory = memory or _memory(
                path, _ancestor(element, "file"), "source-language", "target-language"
            )
            in_group = plural_group(element)
            if in_group is not group:
                group, form = in_group, 0
            plural_forms = gettext_plural_forms(element)
            if plural_forms:  # a catalogue's, as po2xliff carries its header: kept for PO
                memory.props.append((PLURAL_FORMS_PROP, plural_forms))
                memory.datatype = GETTEXT_DATATYPE
            if element.get("restype") != _GETTEXT_HEADER:
                read = _units12(path, element, memory)
                if group is not None:  # read as the PO reader reads the entry's forms
                    for unit in read:
                        unit.props.append((PLURAL_FORM_PROP, str(form)))
                    form += 1
                units.extend(read)
            release(element)
        elif name.localname == "unit":
            memory = memory or _memory(path, _ancestor(element, "xliff"), "srcLang", "trgLang")
            units.extend(_units2(path, element, memory))
            release(element)
        elif memory is None and name.localname == "file" and name.namespace in XLIFF1:
            memory = _memory(path, element, "source-language", "target-language")
        elif memory is None and name.localname == "xliff" and name.namespace == XLIFF2:
            memory = _memory(path, element, "srcLang", "trgLang")
    if memory is None:
        raise InputError(path, "XLIFF has no <file>")
    return memory, units


def _ancestor(element: etree._Element, localname: str) -> etree._Element:
    for parent in element.iterancestors():
        if etree.QName(parent).localname == localname:
            return parent
    return element


def _memory(path: str, element: etree._Element, src: str, tgt: str) -> Memory:
    srclang = element.get(src)
    if not srclang:
        raise InputError(path, f"XLIFF without {src}", element.sourceline)
    datatype = GETTEXT_DATATYPE if element.get("datatype") == GETTEXT_DATATYPE else "plaintext"
    return Memory(srclang=srclang, tgtlang=element.get(tgt), datatype=datatype)


def gettext_plural_forms(element: etree._Element) -> str | None:
    """The Plural-Forms of a PO header a trans-unit carries (`restype="x-gettext-domain-
    header"`, as po2xliff writes it), or None."""
    if element.get("restype") != _GETTEXT_HEADER:
        return None  # (asked of every unit: the children are looked at only in a header)
    source = first_child(element, "source")
    if source is None:
        return None
    found = regex.search(r"^Plural-Forms:\s*(.*?)\s*$", "".join(source.itertext()), regex.M)
    return found.group(1) if found else None


def plural_group(element: etree._Element) -> etree._Element | None:
    """The gettext plural group (`<group restype="x-gettext-plurals">`) a trans-unit is a
    form of, or None."""
    parent = element.getparent()
    return parent if parent is not None and parent.get("restype") == _GETTEXT_PLURALS else None


def first_child(element: etree._Element, localname: str) -> etree._Element | None:
    """An element's first child of that local name, in any namespace."""
    return next(
        (c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == localname),
        None,
    )


def _units12(path: str, element: etree._Element, memory: Memory) -> list[TranslationUnit]:
    """A trans-unit's units: itself, or one a segment where a <seg-source> cuts it into
    `<mrk mtype="seg">` segments (as Trados and Okapi write it), each paired with the target's
    segment of the same `mid`."""
    source = first_child(element, "source")
    if source is None:
        raise InputError(path, "<trans-unit> without <source>", element.sourceline)
    target = first_child(element, "target")
    tuid = element.get("resname") or element.get("id")
    if no_translation(element):
        target = None
    review = target is not None and target.get("state", "").startswith("needs-review")
    pairs = segment_pairs(element, target)
    if pairs is None:
        return [_unit12(path, element, memory, source, target, tuid, review)]
    confirmed = _trados_confirmations(element)
    units = []
    for mid, part, rendering in pairs:
        if part is None:
            continue
        level = confirmed.get(mid, "")
        if confirmed and not level:
            rendering = None  # Trados: a segment with no confirmation level is untranslated
        unit_review = review or level in _TRADOS_UNCONFIRMED
        units.append(_unit12(path, element, memory, part, rendering, f"{tuid}-{mid}", unit_review))
    return units


# Trados Studio's SDLXLIFF keeps each segment's confirmation level in <sdl:seg-defs>; these
# are no confirmed translation (a memory stores none of them), and a segment with no level
# has not been translated at all.
_TRADOS_UNCONFIRMED = frozenset({"Draft", "RejectedTranslation", "RejectedSignOff"})


def _trados_confirmations(element: etree._Element) -> dict[str, str]:
    """A trans-unit's segments' confirmation levels (Trados' `<sdl:seg id="1"
    conf="Translated">`), by mid; empty where the file is no SDLXLIFF."""
    levels = {}
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == "seg-defs":
            for segment in child:
                if isinstance(segment.tag, str) and etree.QName(segment).localname == "seg":
                    levels[segment.get("id", "")] = segment.get("conf", "")
    return levels


def _translate(element: etree._Element) -> str:
    """A unit's translate value: its own, else the nearest group's or file's that says one
    (a `<group translate="no">` of keys holds no translations, in XLIFF 1.2 as in 2)."""
    for holder in (element, *element.iterancestors()):
        value = holder.get("translate")
        if value is not None:
            return value
    return "yes"


def no_translation(element: etree._Element) -> bool:
    """Whether a unit's target is no translation to reuse or check: the unit is not for
    translation (translate="no"), or an XLIFF 1.2 target's state says it still needs one,
    or says "new" of a copy of the source (as tools that fill an untranslated target write
    it)."""
    if _translate(element) == "no":
        return True
    source, target = first_child(element, "source"), first_child(element, "target")
    if source is None or target is None:
        return False
    state = target.get("state", "")
    return state == "needs-translation" or (
        state == "new" and _plain_text(target) == _plain_text(source)
    )


def _plain_text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def segment_pairs(
    element: etree._Element, target: etree._Element | None
) -> list[tuple[str, etree._Element | None, etree._Element | None]] | None:
    """A trans-unit's `<mrk mtype="seg">` segments as (mid, source, target), the source's in
    order and then any only the target has; None where no <seg-source> cuts it."""
    segmented = first_child(element, "seg-source")
    sources = dict(_segments(segmented)) if segmented is not None else {}
    if not sources:
        return None
    targets = dict(_segments(target)) if target is not None else {}
    mids = [*sources, *(mid for mid in targets if mid not in sources)]
    return [(mid, sources.get(mid), targets.get(mid)) for mid in mids]


def _segments(element: etree._Element) -> list[tuple[str, etree._Element]]:
    """The `<mrk mtype="seg">` segments of a seg-source or a target, by their `mid`."""
    return [
        (mark.get("mid", str(number)), mark)
        for number, mark in enumerate(element.iter("{*}mrk"), start=1)
        if mark.get("mtype") == "seg"
    ]


def _unit12(
    path: str,
    element: etree._Element,
    memory: Memory,
    source: etree._Element,
    target: etree._Element | None,
    tuid: str | None,
    needs_review: bool,
) -> TranslationUnit:
    variants = [_variant(path, memory.srclang, source)]
    if target is not None and memory.tgtlang:
        variants.append(_variant(path, memory.tgtlang, target))
    unit = TranslationUnit(variants, tuid=tuid, needs_review=needs_review)
    for child in element.iter("{*}prop", "{*}note"):
        localname = etree.QName(child).localname
        if localname == "prop":
            kind, value = child.get("prop-type", ""), child.text or ""
            if kind == _CREATIONDATE:
                unit.creationdate = value
            else:
                unit.props.append((kind, value))
        elif localname == "note":
            unit.notes.append(child.text or "")
    return unit


def _variant(
    path: str, lang: str, element: etree._Element, data: dict[str, str] | None = None
) -> Variant:
    """A source or target: its text without the codes, and the codes as TMX markup."""
    try:
        return Variant(lang, *read_xliff_inline(element, data))
    except InputError as exc:
        raise InputError(path, exc.problem, exc.line or element.sourceline) from None


def _units2(path: str, element: etree._Element, memory: Memory) -> list[TranslationUnit]:
    notes = [n.text or "" for n in element.iter(f"{{{XLIFF2}}}note")]
    data = {d.get("id", ""): _data_text(d) for d in element.iter(f"{{{XLIFF2}}}data")}
    props = [(m.get("type", ""), m.text or "") for m in element.iter(f"{{{METADATA}}}meta")]
    creationdate = next((value for kind, value in props if kind == _CREATIONDATE), None)
    props = [(kind, value) for kind, value in props if kind != _CREATIONDATE]
    segments = list(element.iter(f"{{{XLIFF2}}}segment"))
    translated = not no_translation(element)
    units = []
    for number, segment in enumerate(segments, start=1):
        source, target = first_child(segment, "source"), first_child(segment, "target")
        if source is None:
            continue
        variants = [_variant(path, memory.srclang, source, data)]
        if target is not None and memory.tgtlang and translated:
            variants.append(_variant(path, memory.tgtlang, target, data))
        tuid = element.get("name") or element.get("id", "")
        if len(segments) > 1:
            tuid = f"{tuid}-{segment.get('id') or number}"
        # A target still in its first state (machine-filled, say) is a proposal to review.
        proposed = segment.get("state", "initial") == "initial" and len(variants) > 1
        units.append(
            TranslationUnit(
                variants,
                needs_review=proposed and bool(variants[1].text),
                tuid=tuid or None,
                creationdate=creationdate,
                props=list(props),
                notes=list(notes),
            )
        )
    return units


def _data_text(element: etree._Element) -> str:
    """A <data>'s native code, its <cp> code points as the characters they name."""
    parts = [element.text or ""]
    for point in element:
        if etree.QName(point).localname == "cp":
            parts.append(chr(int(point.get("hex", "FFFD"), 16)))
        parts.append(point.tail or "")
    return "".join(parts)
