"""Word-processor documents (Office Open XML `.docx`, OpenDocument `.odt`) as paragraph units.

The text is the document body's paragraphs in order, tables' cells among them, and after
the body the footnotes and endnotes, each one unit with the element it renders as: a
heading style (Word's "Heading 1", "Title"; OpenDocument's `text:h`) is a heading, a list
paragraph a list item. Tracked changes read as accepted: inserted text is in, deleted text
out (and text moved away, which stands where it was moved to); a tab is a space, a line
break within a paragraph a space, digits set as a superscript or a subscript (or raised or
lowered by a position) written as Unicode raises or lowers them (10³, H₂O), and a formula
(Office Math, an OpenDocument formula object) as it is shown on one line (E=mc²). Field
codes (page numbers, cross-references' instructions), hidden text, comments and the entries
of a generated table of contents or index are no text. A unit's line is the paragraph's place
in the document, counted from 1, since a zipped XML document has no lines a user could open.
The language the document declares (Word's default, OpenDocument's metadata or default
style) is read too: the reader takes it where the text is too short to tell.

The archive's XML is parsed with tmkit's safe options (no entities resolved, no network),
and an archive that is not such a document, or whose XML is malformed, is refused with one
line naming the file; members are read up to MAX_MEMBER_BYTES, so a zip bomb is refused
too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from tmkit.errors import InputError
from tmkit.reading.layout import Unit, one_spaced
from tmkit.scripts import mathml_text, shifted
from tmkit.textio import opened

if TYPE_CHECKING:
    import zipfile

    from lxml import etree

OFFICE_SUFFIXES = frozenset({".docx", ".odt"})
# An unpacked document part larger than this is refused: a 1,000-page report's document.xml
# is about 30 MB.
MAX_MEMBER_BYTES = 256 << 20
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
# Word's style identifiers of headings and titles ("Heading1", "Title", "berschrift1" as
# localised copies of Word name them).
_HEADING_STYLE = regex.compile(r"(?i)heading|title|berschrift|titre|t[íi]tulo|titolo|заголовок")
_LIST_STYLE = regex.compile(r"(?i)list")
# Fields whose result Word generates from the document: a table of contents, an index, a
# table of authorities, a bibliography.
_GENERATED_FIELDS = frozenset({"TOC", "INDEX", "TOA", "BIBLIOGRAPHY"})
# Word's tracked deletions and the places text was moved away from.
_WORD_REMOVED = frozenset({f"{_W}del", f"{_W}moveFrom"})
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
# A Word equation's runs (Office Math), and where their text is raised or lowered.
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MATH_SCRIPTS = {f"{_MATH}sup": True, f"{_MATH}sub": False}
_MATH_BASE = frozenset({f"{_MATH}e", f"{_MATH}oMath"})
# An OpenDocument formula is an object of its own, a MathML document in the archive.
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# OpenDocument elements whose paragraphs are no text of the document: tracked changes'
# record (deleted paragraphs are kept there) and comments.
_OPENDOCUMENT_NO_TEXT = frozenset({f"{_TEXT}tracked-changes", f"{_OFFICE}annotation"})


def office_units(path: str) -> tuple[list[Unit], str | None]:
    """The paragraph units of a .docx or .odt file, body first, then notes; and the
    language the document declares (see _declared_language), as written there."""
    import zipfile  # loaded for such a file only

    with opened(path) as handle:  # a missing or unreadable file says so, as text files do
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(path, f"not a word-processor document (zip): {exc}") from None
        with archive:
            return _archive_units(archive, path)


def _archive_units(archive: zipfile.ZipFile, path: str) -> tuple[list[Unit], str | None]:
    """office_units of an open archive."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        parts = ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"]
        paragraphs = (p for part in parts if part in names for p in _word(archive, part, path))
    elif "content.xml" in names:
        content = _parsed(archive, "content.xml", path)
        paragraphs = _opendocument(content, _formulas(archive, names, content, path))
    else:
        raise InputError(path, "not a word-processor document: no word/document.xml or content.xml")
    units = []
    for number, (text, tag) in enumerate(paragraphs, start=1):
        shown = one_spaced(text)
        if shown:
            units.append(Unit(number, None, shown, tag))
    return units, _declared_language(archive, names, path)


def _declared_language(archive: zipfile.ZipFile, names: set[str], path: str) -> str | None:
    """The language a document declares: a Word file's default run language (styles.xml's
    document defaults), an OpenDocument file's metadata language, else its default
    paragraph style's."""
    if "word/styles.xml" in names:
        styles = _parsed(archive, "word/styles.xml", path)
        found = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        return found.get(f"{_W}val") if found is not None else None
    if "meta.xml" in names:
        meta = _parsed(archive, "meta.xml", path).find(f".//{_DC}language")
        if meta is not None and meta.text:
            return meta.text.strip()
    if "styles.xml" in names:
        for style in _parsed(archive, "styles.xml", path).iter(f"{_STYLE}default-style"):
            properties = style.find(f"{_STYLE}text-properties")
            if style.get(f"{_STYLE}family") == "paragraph" and properties is not None:
                language = properties.get(f"{_FO}language")
                country = properties.get(f"{_FO}country")
                if language and language != "zxx":
                    return f"{language}-{country}" if country and country != "none" else language
    return None


def _parsed(archive: zipfile.ZipFile, name: str, path: str) -> etree._Element:
    import zipfile
    import zlib

    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(path, f"{name} unpacks to {info.file_size:,} bytes, over the limit")
    try:
        with archive.open(name) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # a damaged member (bad header, bad CRC, truncated data), an unknown compression
        # method or an encrypted one
        raise InputError(path, f"damaged document: cannot unpack {name}: {exc}") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(path, f"{name} unpacks to more than {MAX_MEMBER_BYTES:,} bytes")
    from lxml import etree  # loaded when a word processor's file is read, not at start-up

    from tmkit.xmlsafe import PARSER_OPTIONS

    parser = etree.XMLParser(**PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML in {name}: {exc.msg}") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError(path, f"{name} declares a DTD (never read)")
    return root


def _word(archive: zipfile.ZipFile, part: str, path: str) -> Iterator[tuple[str, str]]:
    """Each w:p of a Word part in document order (tables' cells' paragraphs included), with
    its text and the element it renders as."""
    root = _parsed(archive, part, path)
    generated = _generated_paragraphs(root)
    for paragraph in root.iter(f"{_W}p"):
        if paragraph.getparent() is not None and paragraph.getparent().tag in _WORD_REMOVED:
            continue
        if paragraph not in generated:
            yield _word_text(paragraph), _word_tag(paragraph)


def _generated_paragraphs(root: etree._Element) -> set[etree._Element]:
    """The paragraphs a table of contents, an index, a table of authorities or a
    bibliography fills: a field's result, which Word makes again from the headings and
    marks ("Introduction 1" repeats a heading and its page), no text of the document."""
    generated: set[etree._Element] = set()
    open_fields: list[bool] = []  # for each field open here: whether it is generated
    for node in root.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}t"):
        if node.tag == f"{_W}fldChar":
            kind = node.get(f"{_W}fldCharType")
            if kind == "begin":
                open_fields.append(False)
            elif kind == "end" and open_fields:
                open_fields.pop()
        elif node.tag == f"{_W}instrText":
            words = (node.text or "").split()
            if open_fields and words and words[0].upper() in _GENERATED_FIELDS:
                open_fields[-1] = True
        elif any(open_fields):
            paragraph = next(node.iterancestors(f"{_W}p"), None)
            if paragraph is not None:
                generated.add(paragraph)
    return generated


def _word_text(paragraph: etree._Element) -> str:
    parts = []
    in_field_code = False
    for node in paragraph.iter():
        if node is not paragraph and next(node.iterancestors(f"{_W}p"), None) is not paragraph:
            continue  # a text box's paragraph inside this one: a paragraph of its own
        tag = node.tag
        if tag == f"{_W}fldChar":
            kind = node.get(f"{_W}fldCharType")
            in_field_code = kind == "begin" or (in_field_code and kind != "separate")
        elif tag == f"{_W}t" and not in_field_code and not _deleted(node) and not _hidden(node):
            parts.append(_word_run_text(node))
        elif tag == f"{_MATH}t" and not _deleted(node):
            parts.append(_math_run_text(node))
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return "".join(parts)


def _word_run_text(text: etree._Element) -> str:
    """A w:t's text, raised or lowered digits as Unicode writes them where its run is set
    as a superscript or a subscript ("10" "3" is "10³", no "103"), or raised or lowered by
    a position, as LibreOffice saves an HTML page's <sup> and <sub>."""
    properties = text.getparent().find(f"{_W}rPr")
    raised = None
    if properties is not None:
        align = properties.find(f"{_W}vertAlign")
        position = properties.find(f"{_W}position")
        height = _signed(position.get(f"{_W}val")) if position is not None else 0
        if align is not None and align.get(f"{_W}val") in ("superscript", "subscript"):
            raised = align.get(f"{_W}val") == "superscript"
        elif height:
            raised = height > 0
    moved = shifted(text.text or "", raised) if raised is not None else None
    return moved if moved is not None else text.text or ""


def _math_run_text(text: etree._Element) -> str:
    """An equation's run as shown on one line, a script's digits raised or lowered ("E=mc²":
    an equation read "The formula holds.", its text left out)."""
    for ancestor in text.iterancestors():
        if ancestor.tag in _MATH_SCRIPTS:
            return shifted(text.text or "", _MATH_SCRIPTS[ancestor.tag]) or text.text or ""
        if ancestor.tag in _MATH_BASE:
            break
    return text.text or ""


def _signed(value: str | None) -> int:
    """A signed number attribute (a position in half-points, a percentage), 0 if none."""
    match = regex.match(r"\s*([+-]?\d+)", value or "")
    return int(match.group(1)) if match else 0


def _deleted(node: etree._Element) -> bool:
    return any(ancestor.tag in _WORD_REMOVED for ancestor in node.iterancestors())


def _hidden(node: etree._Element) -> bool:
    """Whether a w:t's run is hidden text (w:vanish, not switched off by w:val="0")."""
    run = node.getparent()
    vanish = run.find(f"{_W}rPr/{_W}vanish") if run is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true") not in {"0", "false", "off"}


def _word_tag(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    name = style.get(f"{_W}val", "") if style is not None else ""
    if _HEADING_STYLE.search(name):
        return "h1" if regex.search(r"(?i)title|1$", name) else "h2"
    if _LIST_STYLE.search(name) or paragraph.find(f"{_W}pPr/{_W}numPr") is not None:
        return "li"
    return "p"


def _formulas(
    archive: zipfile.ZipFile, names: set[str], content: etree._Element, path: str
) -> dict[str, str]:
    """The text of each formula object the content embeds ("Formula-0/": MathML in the
    archive), by the reference the content gives it."""
    found = {}
    for embedded in content.iter(f"{_DRAW}object"):
        reference = embedded.get(_XLINK_HREF) or ""
        member = f"{reference.removeprefix('./').rstrip('/')}/content.xml"
        if member in names and reference not in found:
            found[reference] = mathml_text(_parsed(archive, member, path))
    return found


def _opendocument(root: etree._Element, formulas: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Each text:p and text:h of an OpenDocument's content in order, then the notes'
    paragraphs in the order of their citations, as a Word file's footnotes and endnotes
    follow its body (a document and its translation saved one in each format read alike)."""
    shifts = _opendocument_shifts(root)
    notes = []
    for element in root.iter(f"{_TEXT}p", f"{_TEXT}h"):
        ancestors = list(element.iterancestors())
        if any(_no_opendocument_text(a) for a in ancestors) or _generated(ancestors):
            continue  # a deletion kept for the record, a comment, a hidden section, an index
        tag = "h2" if element.tag == f"{_TEXT}h" else "p"
        if any(a.tag == f"{_TEXT}list-item" for a in ancestors):
            tag = "li"
        paragraph = (_opendocument_text(element, shifts, formulas), tag)
        if any(a.tag == f"{_TEXT}note" for a in ancestors):
            notes.append(paragraph)
        else:
            yield paragraph
    yield from notes


def _opendocument_shifts(root: etree._Element) -> dict[str, bool]:
    """The text styles of a document's content that raise (True) or lower (False) their
    text: style:text-position "super", "sub" or a percentage ("33% 80%", "-8% 80%")."""
    shifts = {}
    for style in root.iter(f"{_STYLE}style"):
        properties = style.find(f"{_STYLE}text-properties")
        position = properties.get(f"{_STYLE}text-position") if properties is not None else None
        if not position:
            continue
        first = position.split()[0]
        height = {"super": 1, "sub": -1}.get(first, _signed(first))
        if height:
            shifts[style.get(f"{_STYLE}name", "")] = height > 0
    return shifts


def _generated(ancestors: list[etree._Element]) -> bool:
    """Whether a paragraph is an entry of a generated index (a table of contents, an
    alphabetical index, a bibliography: their index-body), which the application makes
    again from the document; the index's title is the document's text."""
    tags = {a.tag for a in ancestors}
    return f"{_TEXT}index-body" in tags and f"{_TEXT}index-title" not in tags


def _no_opendocument_text(element: etree._Element) -> bool:
    """Whether an OpenDocument element holds no text of the document: tracked changes'
    record (where deleted paragraphs are kept), a comment, a hidden section; or is no
    element (a comment or processing instruction of the XML)."""
    if not isinstance(element.tag, str):
        return True
    hidden_section = element.tag == f"{_TEXT}section" and element.get(f"{_TEXT}display") == "none"
    return hidden_section or element.tag in _OPENDOCUMENT_NO_TEXT


def _opendocument_text(
    element: etree._Element, shifts: dict[str, bool], formulas: dict[str, str]
) -> str:
    """A paragraph's text: its spans' text (a raised or lowered span's digits as Unicode's
    raised or lowered ones), a formula's text, a space for text:s, text:tab and
    text:line-break; a note's body is a paragraph of its own, not part of this one."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif child.tag == f"{_DRAW}object":
            parts.append(formulas.get(child.get(_XLINK_HREF) or "", ""))
        elif child.tag != f"{_TEXT}note" and not _no_opendocument_text(child):
            text = _opendocument_text(child, shifts, formulas)
            raised = shifts.get(child.get(f"{_TEXT}style-name", ""))
            moved = shifted(text, raised) if raised is not None else None
            parts.append(moved if moved is not None else text)
        parts.append(child.tail or "")
    return "".join(parts)
