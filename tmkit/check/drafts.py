"""Drafts to check, as text pieces that know where they sit in their file.

Plain text and Markdown: one piece a line (Markdown's code and link targets blanked out).
PO: each msgstr (the msgid as its source). XLIFF: each <target> (its <source> as source).
TMX: each target-language <seg> (the source-language <seg> of its unit as source). Word and
OpenDocument: each paragraph, its number as its line. PDF: each line of its text layer.
Subtitles: each cue's shown text. A
piece's `line` and `column` name where its text starts in the file, so a finding at offset k
of the text is reported at that line and column + k.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex
from lxml import etree

from tmkit.errors import InputError
from tmkit.formats.po import plural_forms_for_few_numbers, read_catalogue
from tmkit.formats.xliff import (
    first_child,
    gettext_plural_forms,
    no_translation,
    plural_group,
    segment_pairs,
)
from tmkit.reading.office import OFFICE_SUFFIXES, office_units
from tmkit.reading.pdf import PDF_SUFFIXES, pdf_text
from tmkit.reading.reader import HTML_SUFFIXES, html_units, refuse_rtf
from tmkit.reading.subtitles import SUBTITLE_SUFFIXES, subtitle_units
from tmkit.textio import decode_text, read_bytes
from tmkit.xmlsafe import iterparse, plain_text, release, root_name

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# XLIFF, and the XLIFF 1.2 of Trados Studio, memoQ and Phrase bilingual files.
_XLIFF_SUFFIXES = frozenset({".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mqxliff", ".mxliff"})
# Drafts that hold their sources: the QA checks need no --source (nor a glossary).
BILINGUAL_SUFFIXES = frozenset({".po", ".tmx", *_XLIFF_SUFFIXES})
# Documents, as against catalogues and memories (PO, XLIFF, TMX): checked against a source
# document, their numbers are facts (a report's "5%" is no example of a locale's format).
PROSE_SUFFIXES = frozenset(
    TEXT_SUFFIXES | OFFICE_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | SUBTITLE_SUFFIXES
)
_FENCE = regex.compile(r"^\s*(```|~~~)")
_NOT_PROSE = regex.compile(r"`[^`]*`|\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(slots=True)
class Piece:
    """A stretch of draft text, where it starts in its file, and its source if known."""

    text: str
    line: int
    column: int
    source: str | None = None
    codes: tuple[str, ...] = ()  # XLIFF/TMX inline codes of the target, and of the source
    source_codes: tuple[str, ...] = ()
    context: str | None = None  # a PO entry's msgctxt: one source, another meaning
    lang: str | None = None  # the language the file declares for the text (PO, XLIFF, TMX)
    # A PO plural form's msgid_plural, whose placeholders every form holds as msgfmt -c
    # counts them ("Один файл" for "One file" / "%d files" is also Russian's form for 21),
    # and whether the form stands for so few numbers that it may say its number in words
    # instead ("un fichier", French's form for 0 and 1).
    plural_source: str | None = None
    number_optional: bool = False


def read_draft(path: str, encoding: str | None = None) -> list[Piece]:
    """The pieces of a draft, by its extension (or content for XML)."""
    try:
        return _pieces(path, encoding)
    except InputError as exc:
        if exc.path is None:
            raise InputError(path, exc.problem, exc.line) from None
        raise


def _pieces(path: str, encoding: str | None) -> list[Piece]:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".po":
        return _po(path)
    if suffix in _XLIFF_SUFFIXES:
        return _xliff(path)
    if suffix == ".tmx":
        return _tmx(path)
    if suffix in OFFICE_SUFFIXES:  # a paragraph's number stands for its line
        units, _ = office_units(path)
        return [Piece(unit.text, unit.line, 1) for unit in units]
    if suffix in PDF_SUFFIXES:  # a line of the text layer, furniture left out
        lines = pdf_text(path).split("\n")
        return [Piece(line, number, 1) for number, line in enumerate(lines, start=1)]
    if suffix in SUBTITLE_SUFFIXES:
        text, _ = decode_text(read_bytes(path), path, encoding)
        return [Piece(unit.text, unit.line, 1) for unit in subtitle_units(text, path)]
    if suffix in HTML_SUFFIXES:
        # a paragraph's text as a browser shows it, at the line the paragraph starts on
        text, _ = decode_text(read_bytes(path), path, encoding)
        return [Piece(unit.text, unit.line, 1) for unit in html_units(text, path)]
    if suffix not in TEXT_SUFFIXES:
        known = ".txt .md .html .po .xlf .xliff .sdlxliff .tmx .docx .odt .pdf .srt .vtt"
        raise InputError(path, f"cannot check {suffix} files (known: {known})")
    text, _ = decode_text(read_bytes(path), path, encoding)
    refuse_rtf(text[:64], path)
    lines = text.split("\n")
    if suffix in (".md", ".markdown"):
        lines = _markdown_prose(lines)
    return [Piece(line, number, 1) for number, line in enumerate(lines, start=1)]


def _markdown_prose(lines: list[str]) -> list[str]:
    """Markdown lines with code (fenced blocks, `spans`) and link targets and URLs blanked
    out, so only prose is checked and columns stay where they were."""
    out = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        if fenced:
            out.append("")
            continue
        out.append(_NOT_PROSE.sub(lambda m: " " * len(m.group()), line))
    return out


def source_pieces(path: str, encoding: str | None = None) -> list[str]:
    """A source document for --source: its lines (text), or its source side (bilingual)."""
    return [p.source if p.source is not None else p.text for p in read_draft(path, encoding)]


def _po(path: str) -> list[Piece]:
    pieces = []
    # A control character (gnupg's catalogues hold U+001F) is checked like any other text:
    # nothing here becomes a TM file.
    catalogue = read_catalogue(path, check_for_duplicates=False, carriable_only=False)
    lang = catalogue.metadata.get("Language") or None
    few = plural_forms_for_few_numbers(catalogue.metadata.get("Plural-Forms"), lang) or ()
    for entry in catalogue.entries:
        if not entry.msgid or entry.obsolete:
            continue
        if entry.msgid_plural:
            # Each plural form is a translation: the first of the singular, the rest of the plural.
            for form, text in sorted(entry.msgstr_plural.items()):
                source = entry.msgid if form == 0 else entry.msgid_plural
                keyword = f"msgstr[{form}]"
                context = f"{entry.msgctxt or ''}[{form}]"  # each form is its own translation
                line = entry.msgstr_lines[form]
                pieces.append(
                    Piece(text, line, len(keyword) + 3, source, context=context, lang=lang,
                          plural_source=entry.msgid_plural, number_optional=form in few)
                )  # fmt: skip
            continue
        line = entry.msgstr_lines.get(-1, entry.line)
        pieces.append(Piece(entry.msgstr, line, 9, entry.msgid, context=entry.msgctxt, lang=lang))
    return pieces


def _xliff(path: str) -> list[Piece]:
    """The targets of a unit's own segments (not an <alt-trans>'s suggestions), but of a
    unit not for translation or whose target still needs one. The units of a gettext plural
    group (`<group restype="x-gettext-plurals">`, as translate-toolkit, Pootle and Weblate
    write a PO entry's forms) are its forms, read as the PO reader reads them, with the
    Plural-Forms of the file's header unit."""
    pieces: list[Piece] = []
    plural_forms: str | None = None
    group: etree._Element | None = None
    forms: list[Piece] = []
    for element in iterparse(path, "xliff", ("{*}trans-unit", "{*}unit")):
        plural_forms = gettext_plural_forms(element) or plural_forms
        in_group = plural_group(element)
        if in_group is not group:
            _as_plural_forms(forms, plural_forms)
            forms = []
            group = in_group
        for source, target in [] if no_translation(element) else _xliff_pairs(element):
            if target is not None:
                piece = _xml_piece(target, source, _xliff_target_language(target))
                pieces.append(piece)
                if group is not None:
                    forms.append(piece)
        release(element)
    _as_plural_forms(forms, plural_forms)
    return pieces


def _as_plural_forms(forms: list[Piece], plural_forms: str | None) -> None:
    """Mark the pieces of one plural group as its forms, in order: each its own translation
    (`[k]` as context), all holding the last form's source (the msgid_plural), those its
    Plural-Forms give few numbers free to say their number in words."""
    if len(forms) < 2:
        return
    few = plural_forms_for_few_numbers(plural_forms, forms[0].lang) or ()
    for number, piece in enumerate(forms):
        piece.context = f"{piece.context or ''}[{number}]"
        piece.plural_source = forms[-1].source
        piece.number_optional = number in few


def _xliff_pairs(element: etree._Element) -> list[tuple[etree._Element, etree._Element | None]]:
    """A unit's (source, target) pairs: XLIFF 2's segments and ignorables; XLIFF 1.2's
    source and target, or its `<mrk mtype="seg">` segments (Trados, Okapi)."""
    if etree.QName(element).localname == "unit":
        parts = [p for p in element if etree.QName(p).localname in ("segment", "ignorable")]
        pairs = [(first_child(p, "source"), first_child(p, "target")) for p in parts]
        return [(source, target) for source, target in pairs if source is not None]
    source, target = first_child(element, "source"), first_child(element, "target")
    segmented = segment_pairs(element, target)
    if segmented is not None:
        return [(part, rendering) for _, part, rendering in segmented if part is not None]
    return [(source, target)] if source is not None else []


def _tmx(path: str) -> list[Piece]:
    srclang = None
    head = read_bytes(path, 1 << 16)
    if root_name(head) not in (None, "tmx"):
        raise InputError(path, f"not TMX: root element is <{root_name(head)}>")
    pieces = []
    for element in iterparse(path, "tmx", ("header", "tu")):
        if element.tag == "header":
            srclang = (element.get("srclang") or "").lower()
            continue
        variants = []
        for tuv in element.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang")
            if not lang:
                raise InputError(path, "<tuv> without xml:lang", tuv.sourceline)
            variants.append((lang.lower(), tuv.find("seg")))
        source = next((seg for lang, seg in variants if lang == srclang), None)
        for lang, seg in variants:
            if seg is not None and seg is not source:
                pieces.append(_xml_piece(seg, source, lang))
        release(element)
    return pieces


def _xliff_target_language(target: etree._Element) -> str | None:
    """The target's xml:lang, else its <file target-language> (1.2) or <xliff trgLang> (2)."""
    if target.get(_XML_LANG):
        return target.get(_XML_LANG)
    for ancestor in target.iterancestors():
        declared = ancestor.get("target-language") or ancestor.get("trgLang")
        if declared:
            return declared
    return None


def _xml_piece(element: etree._Element, source: etree._Element | None, lang: str | None) -> Piece:
    return Piece(
        plain_text(element, frozenset()),
        element.sourceline or 1,
        1,
        None if source is None else plain_text(source, frozenset()),
        _inline_codes(element),
        () if source is None else _inline_codes(source),
        lang=lang,
    )


def _inline_codes(element: etree._Element) -> tuple[str, ...]:
    """The inline codes inside a segment, each as its kind and id: `bpt#1`, `ph#2`, `x#1`."""
    codes = []
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        ident = child.get("i") or child.get("id") or child.get("x") or child.get("rid") or ""
        codes.append(f"{etree.QName(child).localname}#{ident}")
    return tuple(sorted(codes))
