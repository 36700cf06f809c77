"""Read a plain-text or HTML file into a Document: cleaned text, blocks, dates, metadata."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from tmkit.datafiles import data_words
from tmkit.errors import InputError
from tmkit.lang import guess_language, known_tag, normalise_tag, primary, written_in_script_of
from tmkit.model import Block, Document, Dropped, default_doc_id
from tmkit.reading.dates import find_dates
from tmkit.reading.layout import (
    DECORATION,
    Classified,
    Unit,
    classify,
    kind_of_element,
    one_spaced,
    trim_unit,
    without_bullet,
    without_invisible,
)
from tmkit.reading.markdown import markdown_units
from tmkit.reading.office import OFFICE_SUFFIXES, office_units
from tmkit.reading.pdf import PDF_SUFFIXES, pdf_text
from tmkit.reading.subtitles import SUBTITLE_SUFFIXES, subtitle_units
from tmkit.scripts import mathml_text, shifted, unspaced
from tmkit.textio import read_text_blocks

if TYPE_CHECKING:
    from lxml import etree

BLOCK_SEPARATOR = "\n\n"
_TERMINAL_LINE = regex.compile(r"[.!?…:;\"”»)。！？．：；」』）]\s*$")
# A page, or a fragment of one that opens with a block element.
_HTML_SNIFF = regex.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|h[1-6]|p|div|ul|ol|table"
    r"|section|article|main|blockquote)\b[^>]*>",
    regex.IGNORECASE | regex.DOTALL,
)
# Rich Text Format is text, but its control words are no prose ("{\\rtf1\\ansi…").
_RTF_SNIFF = regex.compile(r"\A\s*\{\\rtf")
_HTML_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "iframe",
        "svg",
        "template",
        "select",
        "menu",
    }
)
_HTML_BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "figcaption",
        "td",
        "th",
        "dt",
        "dd",
        "pre",
        "div",
        "section",
        "article",
        "header",
        "main",
        "figure",
        "caption",
        "address",
        "time",
    }
)
# Phrasing elements: text inside a paragraph, never one of their own.
_HTML_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var", "wbr",
    }
)  # fmt: skip
# Inside a run of text, elements that show nothing.
_HTML_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
# Text marked as deleted: read as accepted, as a word processor's tracked deletions are.
_HTML_REMOVED = frozenset({"del"})
# The quotation marks a browser puts around <q> (outer, then nested), by the language of
# the element (its lang, or an ancestor's); English's elsewhere.
_QUOTE_MARKS = {
    "en": (("“", "”"), ("‘", "’")),
    "de": (("„", "“"), ("‚", "‘")),
    "fr": (("«\u00a0", "\u00a0»"), ("“", "”")),
    "es": (("«", "»"), ("“", "”")),
    "it": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "ru": (("«", "»"), ("„", "“")),
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Ruby annotations' reading (<rt>) and the brackets shown around it where ruby is not
# supported (<rp>): a pronunciation guide over the text, not part of the sentence.
_HTML_RUBY_NOTES = frozenset({"rt", "rp"})
# An inline style that shows nothing: display: none, visibility: hidden.
_HIDING_STYLE = regex.compile(r"(?i)(?:display\s*:\s*none|visibility\s*:\s*hidden)\b")
# A link to a place on the same page that shows nothing but a symbol: a note's link back to
# where it is cited, as Pandoc, markdown-it and kramdown write it ("↩︎"), or a heading's
# permalink, as Sphinx, MkDocs, Hugo and GitHub's pages write it ("¶", "#", "🔗").
_CONTROL_LINK_TEXT = regex.compile(r"^\s*(?:[↩↑⤴⬆↵^¶#§🔗⚓]\ufe0e?\ufe0f?\s*)+$")
# A note's label (see _mark_note_labels), and the mark it is given while a page is read.
_NOTE_LABEL = regex.compile(r"^\s*\[?\d{1,4}\]?\s*$")
_NOTE_LABEL_MARK = "data-tmkit-note-label"
_DOCTYPE_SUBSET = regex.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", regex.IGNORECASE | regex.DOTALL)
# An XHTML page's XML declaration, which the HTML parser refuses in a decoded string (the
# text is decoded already, so the encoding it names has done its work).
_XML_DECLARATION = regex.compile(r"^\ufeff?\s*<\?xml\s[^>]*\?>")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Files read as Markdown, whatever they hold (a README's HTML comment is no HTML page).
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# Without a dateline, a document's date is looked for in its head, where pages state it.
_DATE_SEARCH_CHARS = 5000


def read_document(
    path: str,
    *,
    doc_id: str | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    meta: dict[str, str] | None = None,
    clean: bool = True,
) -> Document:
    """Read one file; `clean=False` keeps every paragraph (input already free of debris)."""
    return next(
        read_pieces(
            path, doc_id=doc_id, lang=lang, encoding=encoding, meta=meta, clean=clean, whole=True
        )
    )


def read_pieces(
    path: str,
    *,
    doc_id: str | None = None,
    lang: str | None = None,
    encoding: str | None = None,
    meta: dict[str, str] | None = None,
    clean: bool = True,
    whole: bool = False,
) -> Iterator[Document]:
    """A long plain-text file as Documents of about PIECE_CHARS each, cut at blank lines as
    its blocks are read, so memory and work stay the size of a piece; other kinds (HTML,
    Markdown, subtitles, Word, PDF), short files and `whole` come in one.
    The pieces' texts joined with BLOCK_SEPARATOR are the text read_document would give; the
    language is guessed once, from the first piece."""
    if lang is not None:
        lang = normalise_tag(lang, path)
    doc_id = doc_id or default_doc_id(path)
    source = _source(path, encoding, lang, whole)
    meta = {**source.meta, **(meta or {})}
    clean = clean and source.cleanable
    speaker, transcript = None, False
    for number, units in enumerate(source.pieces):
        doc = assemble(
            units,
            path=path,
            doc_id=doc_id,
            lang=lang,
            clean=clean,
            continued=number > 0,
            speaker=speaker,
            transcript=transcript,
        )
        declared = source.declared_lang
        if (
            lang is None
            and declared
            and primary(doc.lang) in {"und", primary(declared)}
            and written_in_script_of(doc.text, declared)
        ):
            doc.lang = declared  # the page says; its text too short to tell, or agrees
        lang, speaker = doc.lang, _running_speaker(doc, speaker)
        transcript = transcript or doc.role == "transcript"
        for key, value in meta.items():
            doc.meta[key] = value
        yield doc


@dataclass(slots=True)
class _Source:
    """A file as its kind reads: its pieces of units; what the document's meta says of the
    file (its format, and its encoding when it is text); whether web debris can be in it (not
    in a word-processor file's paragraphs, nor in a subtitle's cues); and the language it
    declares (an HTML page's `lang`), if any."""

    pieces: Iterable[list[Unit]]
    meta: dict[str, str]
    cleanable: bool
    declared_lang: str | None = None


def refuse_rtf(head: str, path: str) -> None:
    """Refuse a document in Rich Text Format (whatever its name), whose control words would
    be read as its sentences ("{\\rtf1\\ansi…"): tmkit reads its .docx or .odt."""
    if _RTF_SNIFF.match(head):
        raise InputError(
            path, "an RTF document, which tmkit does not read: save it as .docx or .odt", 1
        )


def _source(path: str, encoding: str | None, lang: str | None, whole: bool) -> _Source:
    """A file read by its kind (see _Source)."""
    suffix = Path(path).suffix.lower()
    if suffix in OFFICE_SUFFIXES:
        units, declared = office_units(path)
        known = known_tag(declared.replace("_", "-")) if declared else None
        return _Source([units], {"format": suffix.lstrip(".")}, False, known)
    if suffix in PDF_SUFFIXES:
        text = pdf_text(path)
        return _Source(
            [text_units(text, lang=lang or guess_language(text))], {"format": "pdf"}, True
        )
    blocks, used = read_text_blocks(path, encoding)
    head = next(blocks, "")
    refuse_rtf(head, path)
    is_html = suffix in HTML_SUFFIXES or (
        suffix not in MARKDOWN_SUFFIXES | SUBTITLE_SUFFIXES
        and bool(_HTML_SNIFF.match(head, 0, 4096))
    )
    texts = chain([head], blocks)
    del head  # the chain holds the first block only until it is read
    if is_html:
        units, declared = html_page("".join(texts), path)
        return _Source([units], {"encoding": used, "format": "html"}, True, declared)
    if suffix in MARKDOWN_SUFFIXES:
        units = markdown_units("".join(texts), lambda fragment: html_units(fragment, path))
        return _Source([units], {"encoding": used, "format": "markdown"}, True)
    if suffix in SUBTITLE_SUFFIXES:
        units = subtitle_units("".join(texts), path)
        return _Source([units], {"encoding": used, "format": "subtitles"}, False)
    if whole:
        text = "".join(texts)
        pieces: Iterable[list[Unit]] = [text_units(text, lang=lang or guess_language(text))]
    else:
        pieces = _text_pieces(texts, lang)
    return _Source(pieces, {"encoding": used, "format": "text"}, True)


def _running_speaker(doc: Document, before: Classified | None) -> Classified | None:
    """Who is still speaking at the end of a piece, for the turns that run on into the next."""
    for block in reversed(doc.blocks):
        if block.kind in {"speaker", "turn"}:
            return Classified(
                Unit(block.line, None, ""),
                "speaker",
                speaker=block.speaker,
                role=block.role,
                retranslated=block.retranslated,
            )
        if block.kind in {"section_break", "headline", "heading"}:
            return None
    return before


# About this many characters of text a piece when a long file is read piece by piece.
PIECE_CHARS = 1 << 19
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")


def _text_pieces(texts: Iterable[str], lang: str | None) -> Iterator[list[Unit]]:
    """Units of a text that comes in blocks, a piece at a time, each piece ending at the
    first blank line past PIECE_CHARS (a text with no blank line is one piece); without a
    language given, it is guessed from the first piece."""
    buffer, base, line, cut = "", 0, 1, False
    for block in texts:
        # A blank line not found in the buffer so far can only start at its last line end.
        last_line_end = buffer.rfind("\n")
        resume = max(PIECE_CHARS, len(buffer) if last_line_end < 0 else last_line_end)
        buffer += block
        while len(buffer) > PIECE_CHARS and (gap := _BLANK_LINE.search(buffer, resume)):
            lang = lang or guess_language(buffer)
            piece, buffer = buffer[: gap.end()], buffer[gap.end() :]
            yield text_units(piece, first_line=line, base=base, lang=lang)
            line, base, cut = line + piece.count("\n"), base + len(piece), True
            resume = PIECE_CHARS
    if buffer or not cut:
        yield text_units(buffer, first_line=line, base=base, lang=lang or guess_language(buffer))


def text_units(
    text: str, *, first_line: int = 1, base: int = 0, lang: str | None = None
) -> list[Unit]:
    """Paragraph units of plain text: one a line, or one a blank-line chunk of wrapped prose;
    `first_line` and `base` place a piece of a longer text (line numbers, source offsets);
    `lang`, when known, tells whether a capital can continue a sentence (German nouns)."""
    units: list[Unit] = []
    chunk: list[tuple[int, int, str]] = []  # (line number, offset, line)
    offset = base
    runs_on_capital = primary(lang or "und") in _NOUN_CAPITALISING
    lang = primary(lang or "und")
    for number, line in enumerate(text.split("\n"), start=first_line):
        entries = _contents_entries(line, offset)
        if entries:  # table-of-contents entries stand alone, their titles only
            units.extend(_chunk_units(chunk, lang, runs_on_capital))
            for at, title in entries:
                tidied = _tidy_line(title)
                if tidied and tidied.strip():
                    units.append(_stripped(number, at, tidied))
            chunk = []
        else:
            for part_offset, part in _escaped_lines(line, offset):
                tidied = _tidy_line(part)
                if tidied is None:
                    continue
                if tidied.strip():
                    chunk.append((number, part_offset, tidied))
                else:
                    units.extend(_chunk_units(chunk, lang, runs_on_capital))
                    chunk = []
        offset += len(line) + 1
    units.extend(_chunk_units(chunk, lang, runs_on_capital))
    return units


def _contents_entries(line: str, offset: int) -> list[tuple[int, str]]:
    """A table-of-contents line's entries, each title with its offset: titles followed by a
    dot leader and a page number (or a range, or roman numerals), one entry a line or, in
    text flattened out of a PDF, many; [] for any other line."""
    if ". . . ." not in line and "...." not in line:
        return []
    leaders = list(_LEADER_AND_PAGE.finditer(line))
    if not leaders or line[leaders[-1].end() :].strip():
        return []
    entries, start = [], 0
    for leader in leaders:
        title = line[start : leader.start()]
        if title.strip():
            entries.append((offset + start, title))
        start = leader.end()
    return entries


def _escaped_lines(line: str, offset: int) -> Iterator[tuple[int, str]]:
    """A line cut where it holds a line break written as an escape between spaces (`\\r\\n`
    left by an export), with each part's offset."""
    if "\\" not in line:
        yield offset, line
        return
    start = 0
    for escape in _ESCAPED_BREAK.finditer(line):
        yield offset + start, line[start : escape.start()]
        start = escape.end()
    yield offset + start, line[start:]


# A word broken across lines: its letters before a hyphen that ends the line, and the
# lower-case word that opens the next ("infor-" / "mation").
_HYPHEN_BREAK = regex.compile(r"(\p{L}+)-$")
_WORD_OPENING = regex.compile(r"\p{Ll}+")
# Zipf frequencies: a word this common is one the two parts make; a word this common after a
# hyphen is a conjunction after a compound's suspended first part ("und", "and", "et").
HYPHEN_JOINED_ZIPF = 3.0
CONJUNCTION_ZIPF = 5.5
# Languages that write every noun with a capital, so a capital opens no sentence by itself.
_NOUN_CAPITALISING = frozenset({"de", "lb"})
# A line break written as an escape, standing between spaces after a sentence's stop (or at
# the line's start): "…world. \\r\\n Hello." A manual's "type \\n for a new line" stays text.
_ESCAPED_BREAK = regex.compile(r"(?:(?<=[.!?…][\"'”’»)\]]*)|^)[^\S\n]*(?:\\r\\n|\\r|\\n)(?!\S)")
# A line drawn across a page in plain text: ten or more of one drawing character.
_DRAWN_RULE = regex.compile(r"([-_=*/\\#~+|<>^])\1{9,}")
ALPHANUMERIC = regex.compile(r"[\p{L}\p{N}]")  # a letter or a digit
_REPEATED_CHARACTER = re.compile(r"([-_=*/\\#~+|<>^])\1\1\1")
# Inline markup left in plain text, tags written in pairs: TMX and XLIFF native codes (the
# element and the code inside it), and formatting elements (the element, its text kept).
_NATIVE_CODE = regex.compile(r"<(bpt|ept|ph|it|ut)\b[^<>]*>[^<]*</\1>|<(?:x|bx|ex)\b[^<>]*/>")
_FORMATTING = regex.compile(
    r"<(em|strong|b|i|u|s|span|a|font|mark|small|big|g|mrk|hi)(?:\s[^<>]*)?>([^<]*)</\1>",
    regex.IGNORECASE,
)
# A leader of dots inside a word run ("dots........please"), read as the space it stands for.
_INNER_LEADER = regex.compile(r"(?<=\p{L})\.{4,}(?=\p{L})")
# The end of a table-of-contents entry: a dot leader, then a page number, a range or a
# roman numeral.
_LEADER_AND_PAGE = regex.compile(
    r"\s*(?:\.\s?){4,}\s*(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?|[ivxlc]{1,6})(?=\s|$)"
)
# Spacing that lays text out (tabs, or three spaces or more: columns, justification) rather
# than spacing typed between words: read as one space. A double space stays as typed, for
# the checker to see.
_LAYOUT_SPACES = re.compile(r"[ \u00a0]*\t[ \t\u00a0]*|[ \u00a0]{3,}")
_SPACE_PAIRS = ("  ", "\u00a0\u00a0", " \u00a0", "\u00a0 ")
# A line that opens with closing punctuation belongs to the line before ("pricing\n."); an
# ellipsis opening a line starts a fragment of its own.
_CLOSING_OPENER = regex.compile(r"^[.,;:!?)\]](?:\s|$)")
# A line that opens a list item with a bullet (Markdown's `-` and `*` among them), not a
# line of a box drawn with that character (`*  text  *`).
_BULLET_LINE = regex.compile(r"\s*([-*•▪◦●■⁃])\s+(?!\1)\S(?!.*\1\s*$)")
# A line this share of the widest line of its paragraph fills its column, when the widest
# is at least MIN_COLUMN_CHARS (a column of labels is no column of text).
FILLED_SHARE = 0.8
MIN_COLUMN_CHARS = 40
# Quotation marks and brackets that may open a sentence before its first letter.
_QUOTES_OPENING = regex.compile(r"^[\"'“‘«„‹(\[¿¡]+")
# A numbered item's marker at a line's start ("1. ", "2) ", "3.1 "), which opens an item.
_NUMBERED_ITEM = regex.compile(r"\d+(?:[.)]|(?:\.\d+)+)\s")
# A word set one letter or two a line (vertical lettering extracted from a PDF).
_STACKED_LETTERS = regex.compile(r"\p{Lu}{1,2}")
_MIN_STACKED_LINES = 3
# Words a line must have (with the lines it joins) before a lower-case line can continue it:
# fewer, and it reads as a heading or a menu entry.
MIN_CUT_OFF_WORDS = 3


def _tidy_line(line: str) -> str | None:
    """A line without drawn rules, paired inline markup or leader dots inside a word run;
    None for a table's border, which is no line at all (the rows on both sides of it stay
    one paragraph, as before it). Markup before the line's text becomes spaces, so where
    the text starts stays where it was in the source."""
    if "<" in line:
        previous = None
        while previous != line:  # nested pairs, innermost first
            previous = line
            line = _without(_FORMATTING, _without(_NATIVE_CODE, line))
    if "...." in line:
        line = _INNER_LEADER.sub(" ", line)
    if len(line) >= 10 and _REPEATED_CHARACTER.search(line):
        ruled = _without(_DRAWN_RULE, line)
        if ruled != line and ruled.strip() and not ALPHANUMERIC.search(ruled):
            return None  # a table's border (`|------|---|`, `+----+`): no line at all
        line = ruled
    return line


def _without(pattern: regex.Pattern[str], line: str) -> str:
    """The line with the pattern's stretches taken out, a formatting element's text kept.
    While only space, emoji (which trim_unit strips) or other such stretches come before
    one, its markup becomes spaces instead, so the line's text starts where it was."""
    kept_group = 2 if pattern is _FORMATTING else 0
    parts, at, leading = [], 0, True
    for match in pattern.finditer(line):
        gap = line[at : match.start()]
        leading = leading and _before_text(gap)
        kept = match[kept_group] if kept_group else ""
        if leading:  # spaces up to the kept text, or for all of an empty stretch
            kept = " " * ((match.start(kept_group) if kept else match.end()) - match.start()) + kept
        parts += [gap, kept]
        leading = leading and _before_text(kept)  # what it keeps may be the line's text
        at = match.end()
    return "".join(parts) + line[at:]


def _before_text(stretch: str) -> bool:
    """Whether a stretch holds nothing of the line's text once the other passes are done:
    space, emoji, drawn rules, native codes, formatting tags with nothing inside."""
    rest = _DRAWN_RULE.sub("", _NATIVE_CODE.sub("", stretch))
    rest = _FORMATTING.sub(lambda m: m.group(2), rest).strip()
    return not rest or bool(DECORATION.fullmatch(rest))


def _chunk_units(
    chunk: list[tuple[int, int, str]], lang: str = "und", runs_on_capital: bool = False
) -> list[Unit]:
    return [
        unit
        for part in _cut_at_separator_stops(chunk)
        for unit in _paragraph_units(part, lang, runs_on_capital)
    ]


def _paragraph_units(
    chunk: list[tuple[int, int, str]], lang: str, runs_on_capital: bool
) -> list[Unit]:
    """The units of lines no blank line or separator stop cuts: stacked lettering, list
    items, a hard-wrapped paragraph, or lines joined where a sentence runs on."""
    if len(chunk) == 1:
        return [_joined(chunk, lang)]  # no lettering, list or wrapping a line alone
    if _is_stacked_lettering([line.strip() for _, _, line in chunk]):
        return [_joined(chunk, lang, separator="")]
    wrapped = _is_wrapped(chunk)
    if wrapped and not _BULLET_LINE.match(chunk[0][2]):
        return [_joined(chunk, lang)]  # hard-wrapped prose ("- as planned -" may open a line)
    # A chunk with no blank line in it (a PDF's page) may hold lists and prose in turn: each
    # list runs from a bulleted line to the first line that is no item's (its items wrapped
    # as the chunk is); prose to the next bulleted line.
    groups: list[list[tuple[int, int, str]]] = []
    start = 0
    while start < len(chunk):
        if _BULLET_LINE.match(chunk[start][2]):
            items, start = _list_items(chunk, start, lazy=wrapped)
            groups += items
        else:
            end = next(
                (k for k in range(start + 1, len(chunk)) if _BULLET_LINE.match(chunk[k][2])),
                len(chunk),
            )
            prose = chunk[start:end]
            groups += (
                [prose] if _is_wrapped(prose) else _continued_lines(prose, runs_on_capital, lang)
            )
            start = end
    return [_joined(group, lang) for group in groups]


def _list_items(
    chunk: list[tuple[int, int, str]], start: int, lazy: bool
) -> tuple[list[list[tuple[int, int, str]]], int]:
    """A bulleted list's lines from chunk[start] (Markdown's `- item`), a group an item, and
    where the list ends: a line without a bullet continues the item above it when it is
    indented past the item's bullet, or in a hard-wrapped list (`lazy`: licence texts wrap
    items flush left); otherwise the list has ended (a menu's next line, a heading, the text
    after it)."""
    groups: list[list[tuple[int, int, str]]] = []
    for index in range(start, len(chunk)):
        item = chunk[index]
        line = item[2]
        if _BULLET_LINE.match(line):
            groups.append([item])
            continue
        bullet_at = len(groups[-1][0][2]) - len(groups[-1][0][2].lstrip())
        if not (lazy or len(line) - len(line.lstrip()) > bullet_at):
            return groups, index
        groups[-1].append(item)
    return groups, len(chunk)


def _cut_at_separator_stops(
    chunk: list[tuple[int, int, str]],
) -> list[list[tuple[int, int, str]]]:
    """The chunk cut at lines of a lone stop that stand between two paragraphs, as Debian's
    copyright files write a blank line (` .`): one with lines after it, or after a line that
    has its own stop. A lone stop that ends the chunk after an open line ends its sentence
    ("…contact us for pricing" / ".")."""
    if not any(line.strip() == "." for _, _, line in chunk):
        return [chunk] if chunk else []
    parts: list[list[tuple[int, int, str]]] = [[]]
    for index, item in enumerate(chunk):
        before = parts[-1][-1][2] if parts[-1] else ""
        separator = item[2].strip() == "." and (
            index < len(chunk) - 1 or bool(_TERMINAL_LINE.search(before)) or not before
        )
        if separator:
            parts.append([])
        else:
            parts[-1].append(item)
    return [part for part in parts if part]


def _is_stacked_lettering(lines: list[str]) -> bool:
    """A word set down a page a letter or two a line: three lines or more, all capitals, most
    of them one letter (a column of codes, NY / CA / TX, is no word)."""
    return (
        len(lines) >= _MIN_STACKED_LINES
        and all(_STACKED_LETTERS.fullmatch(line) for line in lines)
        and sum(len(line) == 1 for line in lines) * 2 > len(lines)
    )


def _continued_lines(
    chunk: list[tuple[int, int, str]], runs_on_capital: bool = False, lang: str = "und"
) -> list[list[tuple[int, int, str]]]:
    """Lines grouped where a sentence runs on: the line ends in a space without a stop and the
    next starts in lower case or with a bracket (text copied out of a PDF or a form), or in
    any letter where nouns take capitals; or it ends without a stop and the next line opens
    with closing punctuation; or it ends in a word broken by a hyphen; or it fills its
    column and breaks where no sentence ends (_breaks_inside_a_sentence)."""
    stopped = [bool(_TERMINAL_LINE.search(line)) for _, _, line in chunk]
    # Whether a line's sentence comes to its stop: on the line, or on lower-case lines after it.
    reaches_stop = stopped[:]
    for index in reversed(range(len(chunk) - 1)):
        if not stopped[index] and chunk[index + 1][2].lstrip()[:1].islower():
            reaches_stop[index] = reaches_stop[index + 1]
    widest = max(len(line.rstrip()) for _, _, line in chunk)
    groups = [[chunk[0]]]
    group_words = len(chunk[0][2].split())  # the words of the group the next line may join
    for index, (previous, line) in enumerate(pairwise(chunk), start=1):
        ending, opening = previous[2], line[2].lstrip()
        starts_on = opening[:1].islower() or opening.startswith("(")
        if runs_on_capital:
            starts_on = starts_on or opening[:1].isalpha()
        open_ended = not stopped[index - 1]
        spaced = ending[-1:] in (" ", "\t")  # a PDF's text layer ends a line cut mid-sentence so
        long_enough = group_words >= MIN_CUT_OFF_WORDS
        # A sentence cut where a PDF's line ended: it opened with a capital, has words enough
        # not to be a heading, and goes on in lower case to its stop ("…cut off\nin the…").
        cut_off = (
            open_ended
            and opening[:1].islower()
            and reaches_stop[index]
            and _QUOTES_OPENING.sub("", groups[-1][0][2].lstrip())[:1].isupper()
            and long_enough
        )
        # A line cut before an amount or a number ("…up from " / "€4.0 million."), not before
        # a numbered item.
        cut_before_amount = (
            spaced
            and open_ended
            and (opening[:1].isdigit() or unicodedata.category(opening[:1]) == "Sc")
            and not _NUMBERED_ITEM.match(opening)
            and long_enough
        )
        runs_on = (
            (open_ended and bool(_CLOSING_OPENER.match(opening)))
            or (spaced and open_ended and starts_on)
            or cut_off
            or cut_before_amount
            or (
                widest >= MIN_COLUMN_CHARS
                and len(ending.rstrip()) >= FILLED_SHARE * widest
                and _breaks_inside_a_sentence(ending, opening, open_ended, spaced, lang)
            )
            or (bool(_HYPHEN_BREAK.search(ending)) and opening[:1].isalpha())  # "Bundes-"
        )
        words = len(line[2].split())
        if runs_on:
            groups[-1].append(line)
            group_words += words
        else:
            groups.append([line])
            group_words = words
    return groups


def _breaks_inside_a_sentence(
    ending: str, opening: str, open_ended: bool, spaced: bool, lang: str
) -> bool:
    """For a line that fills its column (as wide as the widest lines around it, so it broke
    where the margin fell), whether the break is inside a sentence: the line has no stop and
    ends in a space (a PDF's text layer: "…the plan on 3 " / "March.") or in an article or a
    conjunction ("…for decades, the" / "Cuban people…"), or it ends in a colon ("…Bermudez
    (retranslated):" / "Thank you…"). A numbered item or a bullet opens a line of its own.
    (A stop then a lower-case line stays a break: a manual's headings may be lower-case
    names, "…the root filesystem." / "kmem".)"""
    if _NUMBERED_ITEM.match(opening) or _BULLET_LINE.match(opening):
        return False
    if not open_ended:
        return ending.rstrip().endswith(":")
    last_word = ending.rsplit(None, 1)[-1].lower() if ending.strip() else ""
    return spaced or (last_word in _articles_and_conjunctions(lang) and opening[:1].isalpha())


@cache
def _articles_and_conjunctions(lang: str) -> frozenset[str]:
    """A language's articles and coordinating conjunctions, which end no sentence (the word
    lists the glossary's language_words reads too)."""
    tag = primary(lang)
    return data_words(f"articles_{tag}.txt") | data_words(f"conjunctions_{tag}.txt")


def _joined(
    group: list[tuple[int, int, str]], lang: str = "und", separator: str | None = None
) -> Unit:
    """One unit from lines of one paragraph, each line break with the spaces around it made
    one space (none before closing punctuation that ends an open line, nor after a word
    hyphenated across the break), so a sentence wrapped across lines reads as it was
    written; `separator` "" for stacked lettering (W / A / RN)."""
    number, offset, first = group[0]
    if len(group) == 1:
        return _stripped(number, offset, first)
    lead = len(first) - len(first.lstrip())
    text = previous = first.strip()
    joins = []
    for _, line_offset, line in group[1:]:
        stripped = line.strip()
        glued = _CLOSING_OPENER.match(stripped) and not _TERMINAL_LINE.search(previous)
        hyphenated = separator is None and _HYPHEN_BREAK.search(previous)
        if hyphenated and (word_after := _WORD_OPENING.match(stripped)):
            hyphen = _hyphen_across_break(hyphenated[1], word_after[0], lang)
            if hyphen != "-":
                text = text[:-1] + hyphen  # "infor-" "mation": "information"; "Nord- und"
            glued = True
        elif hyphenated and stripped[:1].isupper():
            glued = True  # "Baden-" "Württemberg", "Diaz-" "Canel": a compound of names
        if separator is None and _written_unspaced(previous[-1]) and _written_unspaced(stripped[0]):
            glued = True  # "…交换了意" / "见。": Chinese, Japanese, Thai wrap inside a word
        text += separator if separator is not None else "" if glued else " "
        joins.append((len(text), line_offset + len(line) - len(line.lstrip())))
        text += stripped
        previous = stripped
    return Unit(number, offset + lead, text, joins=tuple(joins))


def _hyphen_across_break(before: str, after: str, lang: str) -> str:
    """What a hyphen at a line's end stands for, between the word part before it and the word
    that opens the next line: nothing where the two make a word of the language ("infor" +
    "mation"), a hyphen and a space where the next word is a conjunction (German "Nord-
    und Südamerika"), else a hyphen (a compound: "well-known", "anti-corruption"). A language
    wordfreq does not know keeps its hyphen."""
    from tmkit.frequency import knows, zipf  # loaded for a hyphenated line break only

    if not knows(lang):
        return "-"
    if zipf(before + after, lang) >= HYPHEN_JOINED_ZIPF:
        return ""
    if zipf(after, lang) >= CONJUNCTION_ZIPF:
        return "- "
    return "-"


def _is_wrapped(chunk: list[tuple[int, int, str]]) -> bool:
    """Hard-wrapped prose: lines but the last are long and mostly end mid-sentence, and the
    lines run on (a third line, or a line that starts in lower case)."""
    heads = [line.strip() for _, _, line in chunk[:-1]]
    if not heads or any(len(line) < 30 and _columns(line) < 30 for line in heads):
        return False
    # A line goes on in lower case, or in a script without capitals (Chinese, Korean, Arabic).
    runs_on = len(chunk) >= 3 or any(
        line.lstrip()[:1].isalpha() and not line.lstrip()[:1].isupper() for _, _, line in chunk[1:]
    )
    open_ended = sum(1 for line in heads if not _TERMINAL_LINE.search(line))
    return runs_on and open_ended / len(heads) >= 0.6


def _columns(line: str) -> int:
    """How wide a line is set: a Chinese or Japanese character, or a full-width mark, takes
    two columns, as a line of 20 of them is as long as one of 40 Latin letters."""
    return len(line) + sum(unicodedata.east_asian_width(c) in "WF" for c in line)


def _written_unspaced(character: str) -> bool:
    """Whether a character is of a script written without spaces, or a full-width mark
    (，。「): a line break between two of them is no space. Korean's letters, full-width
    too, are written with spaces."""
    return unspaced(character) or (
        unicodedata.east_asian_width(character) in "WF"
        and not unicodedata.category(character).startswith("L")
    )


def _without_layout_spacing(text: str) -> str:
    # A run of three spaces or no-break spaces holds two side by side; a lone no-break space
    # between words is no layout (str search first: the pattern tries every space).
    if "\t" in text or any(pair in text for pair in _SPACE_PAIRS):
        return _LAYOUT_SPACES.sub(" ", text)
    return text


def _stripped(line: int, offset: int, text: str) -> Unit:
    """A one-line unit without the white space around its text, its offset moved past the
    leading space."""
    stripped = text.lstrip()
    return Unit(line, offset + len(text) - len(stripped), stripped.rstrip())


def html_units(text: str, path: str) -> list[Unit]:
    """Paragraph units of an HTML page or fragment (html_page's)."""
    return html_page(text, path)[0]


def html_page(text: str, path: str) -> tuple[list[Unit], str | None]:
    """Paragraph units of an HTML page: leaf block elements, never scripts, menus or footers;
    and the language the page declares (`<html lang>`, `xml:lang`, a content-language meta),
    if a known one. A DOCTYPE's internal subset is not text; a page nested deeper than the
    parser follows is refused, not cut short."""
    from lxml import etree, html  # loaded when a page is read, not at start-up

    text = _DOCTYPE_SUBSET.sub(_line_breaks, _XML_DECLARATION.sub(_line_breaks, text, count=1))
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        if str(exc) == "Document is empty":
            return [], None  # nothing but comments or white space: no text, as an empty file
        raise InputError(path, f"unreadable HTML: {exc}") from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "depth" in error.message.lower():
            detail = error.message.split(", use ")[0].strip()
            raise InputError(path, f"unreadable HTML, nested too deep ({detail})", error.line)
    _mark_note_labels(root)
    units: list[Unit] = []
    body = root.find("body")
    _walk_html(body if body is not None else root, units)
    return units, _declared_language(root)


def _mark_note_labels(root: etree._Element) -> None:
    """Mark each note's label: a link, no superscript, whose text is a number ("1", "[1]")
    and whose target links back to it, as the citation in the text does (LibreOffice's,
    Word's and Google Docs' HTML footnotes). It names the note, as a list's number names its
    item, and is no text of it: "1Inspection by drone." read the label into the note."""
    links = {}
    for link in root.iter("a"):
        for key in (link.get("id"), link.get("name")):
            if key:
                links.setdefault(key, link)
    for link in root.iter("a"):
        target = links.get((link.get("href") or "").removeprefix("#"))
        if (
            target is not None
            and target is not link
            and (target.get("href") or "").removeprefix("#") in (link.get("id"), link.get("name"))
            and _NOTE_LABEL.match(link.text_content())
            and not any(e.tag == "sup" for e in chain(link.iterancestors(), link.iter()))
        ):
            link.set(_NOTE_LABEL_MARK, "")


def _line_breaks(match: regex.Match) -> str:
    """What is left of text that is no content: its line breaks, so lines keep their numbers."""
    return "\n" * match.group().count("\n")


def _declared_language(root: etree._Element) -> str | None:
    """The language a page declares, as a known BCP 47 tag, or None."""
    declared = (
        root.get("lang")
        or root.get(_XML_LANG)
        or next(
            (
                m.get("content", "")
                for m in root.iterfind("head/meta")
                if (m.get("http-equiv") or "").lower() == "content-language"
            ),
            "",
        )
    )
    first = declared.split(",")[0].strip()  # a meta may list several
    return known_tag(first.replace("_", "-")) if first else None


@dataclass(slots=True)
class _Container:
    """An HTML element being walked: its children still to read, and the run of text and
    inline elements gathered since its last block."""

    children: Iterator[etree._Element]
    run: list[str]
    line: int | None


def _walk_html(root: etree._Element, units: list[Unit]) -> None:
    """Units of the page in reading order: a leaf block element is one; text and inline
    elements between the blocks of a container are one each ("<body>Hello <b>world</b>.
    Next.</body>" is one, not three). Walked with a stack, not recursion, so a page nested as
    deep as the parser allows is read, not refused with a crash."""
    stack: list[_Container] = []

    def enter(element: etree._Element) -> None:
        if (
            not isinstance(element.tag, str)
            or element.tag in _HTML_SKIP
            or _shows_nothing(element)
            or _not_for_translation(element)
        ):
            return
        if element.tag in _HTML_BLOCKS and not _holds_blocks(element):
            _add_html_run(units, element.sourceline, _visible_text(element), element.tag)
            return
        stack.append(_Container(iter(element), [element.text or ""], element.sourceline))

    enter(root)
    while stack:
        container = stack[-1]
        child = next(container.children, None)
        if child is None:
            _add_html_run(units, container.line, "".join(container.run))
            stack.pop()
        elif not isinstance(child.tag, str) or _shows_nothing(child):
            container.run.append(child.tail or "")  # a comment or a script inside the run
        elif child.tag in _HTML_INLINE and not _holds_blocks(child):
            container.run += [_visible_text(child), child.tail or ""]
        else:
            _add_html_run(units, container.line, "".join(container.run))
            container.run, container.line = [child.tail or ""], child.sourceline
            enter(child)


def _not_for_translation(element: etree._Element) -> bool:
    """Whether a block is no text to translate: a code block (`<pre><code>`, as Markdown's
    fenced code renders; Markdown files leave theirs out too), or a block the page marks
    so (`translate="no"`, HTML's own attribute, or the `notranslate` class Sphinx and
    machine translation use). Inside a sentence such an element stays its text: a product
    name is marked so, and the sentence goes on around it."""
    if element.tag == "pre" and element.find(".//code") is not None:
        return True
    marked = (element.get("translate") or "").strip().lower() == "no"
    return marked or "notranslate" in (element.get("class") or "").split()


def _shows_nothing(element: etree._Element) -> bool:
    """Whether a browser shows none of an element: a script or a style, a ruby reading, an
    element marked `hidden` or styled not to display; or shows it struck out as deleted; or
    it is a note's link back to its citation ("↩︎") or a heading's permalink ("¶"), a
    control, not text."""
    return (
        element.tag in _HTML_INVISIBLE
        or _is_control_link(element)
        or element.tag in _HTML_RUBY_NOTES
        or element.tag in _HTML_REMOVED
        or element.get("hidden") is not None
        or bool(_HIDING_STYLE.search(element.get("style") or ""))
    )


def _is_control_link(element: etree._Element) -> bool:
    """Whether an element is a note's link back to its citation, its label linking back,
    or a heading's permalink: a control of the page, no text."""
    if element.tag != "a":
        return False
    if element.get("role") == "doc-backlink" or element.get(_NOTE_LABEL_MARK) is not None:
        return True
    return (element.get("href") or "").startswith("#") and bool(
        _CONTROL_LINK_TEXT.match("".join(element.itertext()))
    )


def _holds_blocks(element: etree._Element) -> bool:
    return any(
        isinstance(inner.tag, str) and inner.tag in _HTML_BLOCKS
        for inner in element.iter()
        if inner is not element
    )


def _visible_text(element: etree._Element) -> str:
    """An element's text as a reader sees it: a line break where it has <br> ("First
    line<br>second" is no "linesecond"), nothing of its scripts nor of its deletions, raised
    and lowered digits as Unicode writes them ("10<sup>3</sup>" is "10³", no "103"), and a
    <q> between the quotation marks a browser shows in its language."""
    from lxml import etree

    parts: list[str] = []
    hidden = 0  # open elements that show nothing
    quotes: list[etree._Element] = []  # open <q> elements, outermost first
    shifted_element = None  # a <sup> or <sub> written in raised or lowered digits, whole
    for event, inner in etree.iterwalk(element, events=("start", "end")):
        invisible = isinstance(inner.tag, str) and _shows_nothing(inner)
        if event == "start":
            if invisible:
                hidden += 1
            elif not hidden and shifted_element is None:
                moved = (
                    shifted("".join(inner.itertext()), inner.tag == "sup")
                    if inner.tag in ("sup", "sub")
                    else mathml_text(inner)
                    if inner.tag == "math"
                    else None
                )
                if moved is not None:
                    parts.append(moved)
                    shifted_element = inner
                else:
                    if inner.tag == "q":
                        parts.append(_quote_mark(inner, len(quotes))[0])
                        quotes.append(inner)
                    parts.append("\n" if inner.tag == "br" else inner.text or "")
            continue
        if invisible:
            hidden -= 1
        if inner is shifted_element:
            shifted_element = None
        elif quotes and inner is quotes[-1]:
            quotes.pop()
            parts.append(_quote_mark(inner, len(quotes))[1])
        if inner is not element and not hidden and shifted_element is None:
            parts.append(inner.tail or "")
    return "".join(parts)


def _quote_mark(element: etree._Element, level: int) -> tuple[str, str]:
    """The marks a browser shows around a <q> nested `level` deep, in its language."""
    own_or_inherited = (
        e.get("lang") or e.get(_XML_LANG) for e in chain([element], element.iterancestors())
    )
    declared = next((tag for tag in own_or_inherited if tag), "en")
    marks = _QUOTE_MARKS.get(primary(declared.replace("_", "-")), _QUOTE_MARKS["en"])
    return marks[min(level, 1)]


def _add_html_run(units: list[Unit], line: int | None, text: str, tag: str | None = None) -> None:
    text = one_spaced(text)
    if text:
        units.append(Unit(line or 0, None, text, tag))


def assemble(
    units: list[Unit],
    *,
    path: str,
    doc_id: str,
    lang: str | None,
    clean: bool = True,
    continued: bool = False,
    speaker: Classified | None = None,
    transcript: bool = False,
) -> Document:
    """Build a Document from units: classify, drop debris, lay out blocks with offsets;
    `continued` units are a later piece of a long document (no preamble there)."""
    dropped: list[Dropped] = []
    trimmed = []
    for unit in units:
        unit = without_invisible(unit)
        if not unit.text.strip():
            continue  # nothing but what no reader sees
        # A leading emoji and a trailing link are a web page's decoration, not text to keep
        # out of input that has no web debris ("… at https://example.org").
        unit, cut = trim_unit(unit) if clean else (unit, [])
        # Layout spacing goes after trimming, which counts the source's characters.
        unit.text = _without_layout_spacing(unit.text)
        trimmed.append(unit)
        dropped.extend(Dropped(unit.line, text, reason) for reason, text in cut)
    classified = (
        classify(trimmed, continued=continued, speaker=speaker, transcript=transcript)
        if clean
        else [Classified(unit, kind_of_element(unit)) for unit in trimmed]
    )
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for item in classified:
        unit = item.unit
        if item.kind is None:
            dropped.append(Dropped(unit.line, without_bullet(unit.text), item.reason or "debris"))
            continue
        if pieces:
            pos += len(BLOCK_SEPARATOR)
        pieces.append(unit.text)
        _add_blocks(blocks, item, pos, pieces)
        pos += len(unit.text)
    text = BLOCK_SEPARATOR.join(pieces)
    dropped.sort(key=lambda d: d.line)
    doc = Document(
        id=doc_id,
        path=path,
        lang=lang or guess_language(text),
        text=text,
        blocks=blocks,
        dropped=dropped,
    )
    _infer_meta(doc)
    return doc


def _add_blocks(blocks: list[Block], item: Classified, pos: int, pieces: list[str]) -> None:
    unit = item.unit
    source = unit.offset
    if item.kind != "speaker":
        blocks.append(
            Block(
                item.kind or "paragraph",
                pos,
                pos + len(unit.text),
                unit.line,
                source,
                item.speaker,
                item.role,
                item.retranslated,
            )
        )
        return
    label = unit.text[: item.label_end].rstrip()
    blocks.append(
        Block(
            "speaker",
            pos,
            pos + len(label),
            unit.line,
            source,
            item.speaker,
            item.role,
            item.retranslated,
        )
    )
    rest = len(unit.text) - item.label_end
    if rest > 0:
        blocks.append(
            Block(
                "turn",
                pos + item.label_end,
                pos + len(unit.text),
                unit.line,
                None if source is None else source + item.label_end,
                item.speaker,
                item.role,
                item.retranslated,
            )
        )


def _infer_meta(doc: Document) -> None:
    """Title, date and role from the document itself; a manifest may override them."""
    headline = next((b for b in doc.blocks if b.kind == "headline"), None)
    if headline is not None:
        doc.meta["title"] = doc.text[headline.start : headline.end]
    datelines = [b for b in doc.blocks if b.kind == "dateline"]
    dated = [
        d.iso() for b in datelines for d in find_dates(doc.text[b.start : b.end]) if d.iso()
    ] or [d.iso() for d in find_dates(doc.text[:_DATE_SEARCH_CHARS]) if d.iso()]
    if dated:
        doc.meta["date"] = str(dated[0])
    doc.meta["role"] = "transcript" if any(b.kind == "speaker" for b in doc.blocks) else "article"
