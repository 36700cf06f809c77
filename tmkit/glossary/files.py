"""Glossary files: TBX (TBX-Basic, v2 <martif>), CSV/TSV for CAT tools, and JSON.

TBX: one <termEntry id> an entry with its kind, role, documents and notes as <admin>/<note>;
a <langSet> a language; a <tig> a form, with administrativeStatus (preferredTerm-admn-sts,
admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts), its count and, on
the preferred form, a context sentence. CSV/TSV: OmegaT's glossary layout, one row a form:
term, translation (the entry's translation, else its preferred form), comment (id, status,
kind). JSON: the list of entries in DESIGN.md's shape. Every file is written whole or not at
all; readers refuse what is not a glossary with file, line and problem.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import sys
import tempfile
from pathlib import Path

import regex
from lxml import etree

from tmkit.atomic import write_atomic
from tmkit.choices import GLOSSARY_FORMATS
from tmkit.errors import InputError
from tmkit.formats.table import read_rows, row_writer
from tmkit.glossary.model import KINDS, NOT_TO_USE, STATUSES, Entry, Form
from tmkit.lang import counterpart_tag, known_tag, language_named, primary, tag_from_locale
from tmkit.textio import read_bytes, read_utf8, refuse_uncarriable, refuse_uncarriable_values
from tmkit.xmlsafe import iterparse, refuse_entity_reference, release, root_name

FORMATS = GLOSSARY_FORMATS
TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# TBX v3 (ISO 30042:2019) renames v2's structural elements; data categories keep their names.
_V3_NAMES = {
    "martif": "tbx",
    "martifHeader": "tbxHeader",
    "termEntry": "conceptEntry",
    "langSet": "langSec",
    "tig": "termSec",
}
_V2_NAMES = {v3: v2 for v2, v3 in _V3_NAMES.items()}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# OmegaT loads tab-separated glossaries named .tab, .utf8 or .txt (its own is
# glossary/glossary.txt), never .tsv; tmkit reads and writes a glossary so named as TSV.
_OMEGAT_SUFFIXES = {"tab": "tsv", "utf8": "tsv", "txt": "tsv"}
_COMMENT_LIKE = regex.compile(r"^'*#")
_COMMENT_GUARDED = regex.compile(r"^'+#")
_TABLE_TARGET = regex.compile(r"# tmkit glossary \S+ → (\S+):")
_TBX_STATUS = {status: f"{status}Term-admn-sts" for status in STATUSES}
_STATUS_OF_TBX = {value: key for key, value in _TBX_STATUS.items()}


def format_of(path: str, given: str | None = None) -> str:
    """The format asked for, else the one the file name says."""
    if given:
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = _OMEGAT_SUFFIXES.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    raise InputError(path, f"cannot tell the glossary format of {suffix or 'this file'} "
                     f"({', '.join(FORMATS)}); give --format")  # fmt: skip


def render(entries: list[Entry], fmt: str, lang: str = "en", target: str | None = None) -> str:
    """The glossary as the text of a file in `fmt` (a table's column 2 in `target`, for a
    glossary built from a text and its translation); an entry that could not be read back as
    written (a control character, a form with space at an edge) is refused."""
    for entry in entries:
        _refuse_unwritable(entry)
    if fmt == "json":
        return json.dumps([e.record() for e in entries], ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        return _table(entries, "\t" if fmt == "tsv" else ",", lang, target)
    return _tbx(entries, lang, version=3 if fmt == "tbx3" else 2)


def _refuse_unwritable(entry: Entry) -> None:
    where = f"entry {entry.id}"
    forms = [f.form for f in entry.forms] + [r for rs in entry.translations.values() for r in rs]
    for form in forms:
        refuse_uncarriable(form, None, what=where)
        if form != form.strip() or not form:
            raise InputError(None, f"{where}: the form {form!r} is empty or has space at an edge")
    for text in (entry.context, entry.role or "", *entry.notes, *entry.suggestions, *entry.docs):
        refuse_uncarriable(text, None, what=where)


def write_glossary(
    path: str, entries: list[Entry], fmt: str, lang: str = "en", target: str | None = None
) -> None:
    """Write the glossary whole, or not at all."""
    write_atomic(path, render(entries, fmt, lang, target))


def _table(entries: list[Entry], delimiter: str, lang: str, target: str | None) -> str:
    """OmegaT's glossary layout: term, rendering, comment, a row per form. A first comment
    line (which OmegaT skips) names the languages. With a target language, column 2 holds
    the entry's rendering in it on every row, and entries without one are left to the TBX
    and JSON files; otherwise column 2 holds the form to write (a counterpart's rendering,
    else the preferred form)."""
    out = io.StringIO()
    if target:
        out.write(f"# tmkit glossary {lang} → {target}: term; {target} rendering; comment"
                  " (entries with no rendering are in the TBX file)\n")  # fmt: skip
    else:
        out.write(f"# tmkit glossary {lang}: form; form to write; comment\n")
    write = row_writer(out, delimiter)
    for entry in entries:
        renderings = _renderings_in(entry, target) if target else None
        if target and not renderings:
            continue
        own = entry.translations.get(counterpart_tag(lang, lang), [entry.term])
        rendering = renderings[0] if renderings else own[0]
        for form in entry.forms:
            comment = f"{entry.id} {form.status} {entry.kind}"
            if form.status == "deprecated":
                comment += f"; use {entry.term}"
            write([_comment_guarded(form.form), rendering, comment])
    return out.getvalue()


def _comment_guarded(cell: str) -> str:
    """A first cell as written: an apostrophe before a "#" that would make the row a
    comment (for OmegaT and tmkit alike), as before a spreadsheet formula."""
    return "'" + cell if _COMMENT_LIKE.match(cell) else cell


def _renderings_in(entry: Entry, lang: str) -> list[str]:
    """An entry's renderings in a language, whatever region its tag names (es, es-MX)."""
    for tag, renderings in entry.translations.items():
        if primary(tag) == primary(lang) and "-x-" not in tag.lower():  # not en-x-counter
            return renderings
    return []


def _tbx(entries: list[Entry], lang: str, version: int = 2) -> str:
    martif = etree.Element("martif", {"type": "TBX-Basic", _XML_LANG: lang})
    header = etree.SubElement(martif, "martifHeader")
    source = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(source, "p").text = "Glossary built by tmkit"
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    for entry in entries:
        body.append(_term_entry(entry))
    if version == 3:
        martif = _as_version3(martif)
    return etree.tostring(martif, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode(
        "utf-8"
    )


def _as_version3(martif: etree._Element) -> etree._Element:
    """The same glossary in TBX v3's element names and namespace (DCA style)."""
    for element in martif.iter():
        element.tag = f"{{{TBX3_NAMESPACE}}}{_V3_NAMES.get(element.tag, element.tag)}"
    root = etree.Element(martif.tag, nsmap={None: TBX3_NAMESPACE})
    for key, value in martif.attrib.items():
        root.set(key, value)
    root.set("style", "dca")
    root.extend(list(martif))
    return root


def _term_entry(entry: Entry) -> etree._Element:
    element = etree.Element("termEntry", id=entry.id)
    etree.SubElement(element, "admin", type="x-kind").text = entry.kind
    if entry.role:
        etree.SubElement(element, "admin", type="x-role").text = entry.role
    etree.SubElement(element, "admin", type="x-docs").text = " ".join(entry.docs)
    if entry.score is not None:
        etree.SubElement(element, "admin", type="x-termhood").text = str(entry.score)
    for suggestion in entry.suggestions:
        etree.SubElement(element, "admin", type="x-suggestion").text = suggestion
    for note in entry.notes:
        etree.SubElement(element, "note").text = note
    lang_set = etree.SubElement(element, "langSet", {_XML_LANG: entry.lang})
    for form in entry.forms:
        tig = etree.SubElement(lang_set, "tig")
        etree.SubElement(tig, "term").text = form.form
        etree.SubElement(tig, "termNote", type="administrativeStatus").text = _TBX_STATUS[
            form.status
        ]
        if form is entry.forms[0] and entry.context:
            etree.SubElement(tig, "descrip", type="context").text = entry.context
        etree.SubElement(tig, "admin", type="x-count").text = str(form.count)
    for other in dict.fromkeys([*entry.translations, *entry.deprecated_translations]):
        other_set = etree.SubElement(element, "langSet", {_XML_LANG: other})
        for rendering in entry.translations.get(other, []):
            tig = etree.SubElement(other_set, "tig")
            etree.SubElement(tig, "term").text = rendering
        for rendering in entry.deprecated_translations.get(other, []):
            tig = etree.SubElement(other_set, "tig")
            etree.SubElement(tig, "term").text = rendering
            etree.SubElement(tig, "termNote", type="administrativeStatus").text = _TBX_STATUS[
                "deprecated"
            ]
    return element


def read_glossary(path: str, fmt: str | None = None) -> list[Entry]:
    """Read a glossary file that tmkit (or a CAT tool, for TBX and CSV/TSV) wrote; `-` reads
    standard input, its format told by its first characters."""
    if path == "-":
        return _read_stdin(fmt)
    if fmt is None and Path(path).suffix.lower().lstrip(".") not in (*FORMATS, *_OMEGAT_SUFFIXES):
        head = read_bytes(path, 4096)
        if head.startswith(b"PK\x03\x04"):  # a spreadsheet (.xlsx, .ods) is a zip archive
            suffix = Path(path).suffix.lower() or "this file"
            raise InputError(
                path, f"cannot read a {suffix} glossary (a zip archive): save it as CSV or TSV"
            )
        fmt = sniff_format(head)  # "terms.glossary": its content tells
    fmt = format_of(path, fmt)
    if fmt == "json":
        return _read_json(path)
    if fmt in ("csv", "tsv"):
        return _read_table(path, "\t" if fmt == "tsv" else ",")
    return _read_tbx(path)


def sniff_format(data: bytes) -> str:
    """A glossary's format from its first characters: JSON, TBX (XML), else CSV or TSV."""
    head = data[:4096].lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<"):
        return "tbx"
    rows = [line for line in head.split(b"\n") if line.strip() and not line.startswith(b"#")]
    return "tsv" if rows and b"\t" in rows[0] else "csv"


def _read_stdin(fmt: str | None) -> list[Entry]:
    """A glossary piped in: spooled to a temporary file, so every reader streams as usual;
    errors name <stdin>."""
    data = sys.stdin.buffer.read()
    fmt = fmt or sniff_format(data)
    with tempfile.TemporaryDirectory() as folder:
        spooled = Path(folder) / f"stdin.{fmt}"
        spooled.write_bytes(data)
        try:
            return read_glossary(str(spooled), fmt)
        except InputError as exc:
            raise InputError("<stdin>", exc.problem, exc.line) from None


def _read_json(path: str) -> list[Entry]:
    text = read_utf8(path)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(records, list):
        raise InputError(path, "a JSON glossary is a list of entries", 1)
    entries = []
    seen: set[str] = set()
    for number, (record, line) in enumerate(zip(records, _element_lines(text), strict=True), 1):
        refuse_uncarriable_values(record, path, line)
        try:
            entry = _json_entry(record, number)
        except ValueError as exc:
            raise InputError(path, f"entry {number} {exc}", line) from None
        if entry.id in seen:
            raise InputError(path, f"duplicate id {entry.id!r}", line)
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _json_entry(record: object, number: int) -> Entry:
    """One entry of a JSON glossary (DESIGN.md's shape); ValueError says what is wrong."""
    if not isinstance(record, dict) or not isinstance(record.get("term"), str):
        raise ValueError("has no term")
    if not record["term"].strip():
        raise ValueError("has an empty term")
    forms = [Form(record["term"], _status(record, "preferred"), 0)]
    variants = record.get("variants") or []
    if not isinstance(variants, list):
        raise ValueError("has variants that are not a list")
    for variant in variants:
        if not isinstance(variant, dict) or not isinstance(variant.get("form"), str):
            raise ValueError("has a variant with no form")
        forms.append(Form(variant["form"], _status(variant, "admitted"), _count(variant)))
    forms[0].count = max(0, _count(record) - sum(f.count for f in forms[1:]))
    score = record.get("termhood")
    if score is not None and not _is_number(score):
        raise ValueError("has a termhood that is not a number")
    return Entry(
        id=_entry_id(record) or f"t{number:04d}",
        lang=_optional_text(record, "lang") or "en",
        kind=_kind(_optional_text(record, "kind")),
        forms=forms,
        docs=_texts(record, "docs"),
        context=_optional_text(record, "context") or "",
        role=_optional_text(record, "role"),
        translations=_renderings(record, "translations"),
        deprecated_translations=_renderings(record, "deprecated_translations"),
        notes=_texts(record, "notes"),
        suggestions=_texts(record, "suggestions"),
        score=score,
    )


def _element_lines(text: str) -> list[int]:
    """The line each element of a JSON list starts on, in one pass over the text."""
    decoder = json.JSONDecoder()
    lines = []
    at = text.index("[") + 1
    line = 1 + text.count("\n", 0, at)
    while True:
        start = _BETWEEN_ELEMENTS.match(text, at).end()
        if text[start] == "]":
            return lines
        line += text.count("\n", at, start)
        lines.append(line)
        at = decoder.raw_decode(text, start)[1]
        line += text.count("\n", start, at)


_BETWEEN_ELEMENTS = regex.compile(r"[\s,]*")


def _status(record: dict, default: str) -> str:
    status = record.get("status") or default
    if status not in STATUSES:
        raise ValueError(f"has status {status!r}: give one of {', '.join(STATUSES)}")
    return status


def _count(record: dict) -> int:
    count = record.get("count", 0)
    if count is None:
        return 0
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ValueError(f"has count {count!r}: give a whole number")
    return count


def _entry_id(record: dict) -> str | None:
    """An entry's id: a string, or a whole number written as one (`"id": 7`)."""
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _optional_text(record, "id")


def _is_number(value: object) -> bool:
    """A JSON number (Python's reader also takes NaN and Infinity, which no number is)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _optional_text(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"has a {key} that is not a string")
    return value


def _texts(record: dict, key: str) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"has {key} that are not a list of strings")
    return list(value)


def _renderings(record: dict, key: str) -> dict[str, list[str]]:
    value = record.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(texts, list) and all(isinstance(t, str) for t in texts)
        for texts in value.values()
    ):
        raise ValueError(f"has {key} that are not lists of strings by language")
    return {lang: list(texts) for lang, texts in value.items()}


def _kind(value: str | None) -> str:
    kind = value or "term"
    return kind if kind in KINDS else "name"


def _read_table(path: str, delimiter: str) -> list[Entry]:
    by_id: dict[str, Entry] = {}
    source, target = "en", "und"
    first = True
    for number, row in read_rows(path, delimiter):
        if not row or not any(cell.strip() for cell in row):
            continue
        if first and not row[0].startswith("#"):
            first = False
            header = _header_languages(row)
            if header is not None:  # "term,translation,comment"; "EN,ES" names the languages
                source, target = header or (source, target)
                continue
        if row[0].startswith("#"):  # a comment, as OmegaT reads them; tmkit's names the target
            named = _TABLE_TARGET.match(delimiter.join(row))
            target = named.group(1) if named else target
            continue
        if _COMMENT_GUARDED.match(row[0]):
            row[0] = row[0][1:]
        if not row[0].strip():
            raise InputError(path, "a row with no term", number)
        comment = row[2].split() if len(row) > 2 else []
        # tmkit's comment is "id status kind…", and rows of one id are one entry's forms;
        # any other (a CAT tool's, a person's note) is a note on an entry of its own row.
        ours = len(comment) > 1 and comment[1] in STATUSES
        entry_id = comment[0] if ours else f"row{number}"
        status = comment[1] if ours else "preferred"
        kind = comment[2] if ours and len(comment) > 2 and comment[2] in KINDS else "term"
        entry = by_id.get(entry_id)
        if entry is None:
            entry = by_id[entry_id] = Entry(id=entry_id, lang=source, kind=kind, forms=[])
            if comment and not ours:
                entry.notes.append(row[2].strip())
        entry.forms.append(Form(row[0].strip(), status if entry.forms else "preferred"))
        rendering = row[1].strip() if len(row) > 1 else ""
        if rendering and rendering != entry.forms[0].form and rendering not in _all(entry):
            entry.translations.setdefault(target, []).append(rendering)
    return list(by_id.values())


# Column names a spreadsheet's glossary has on its first row.
_HEADER_WORDS = frozenset(
    "term terms source target translation translations rendering comment comments note notes "
    "definition context description".split()
)


def _header_languages(row: list[str]) -> tuple[str, str] | tuple[()] | None:
    """For a table's first row that names its columns, the source and target languages it
    names (() when it names none: "term,translation,comment"); None for a row of terms. A
    language is named by its English name ("English", "French (France)"), or by a tag
    written as no word is ("EN", "es-ES", "pt_BR")."""
    cells = [cell.strip() for cell in row if cell.strip()]
    if all(cell.lower() in _HEADER_WORDS for cell in cells):
        return ()
    # a column named as a header names it ("en,fr,comment"): its codes are codes, any case
    named = any(cell.lower() in _HEADER_WORDS for cell in cells[2:])
    tags = [language_named(cell) for cell in cells[:2]]  # "English;French"
    if not all(tags):
        tags = []
        for cell in cells[:2]:
            if not (cell.isupper() or "-" in cell or "_" in cell or named):
                return None  # "am", "is", "it": words of a glossary as much as language codes
            tag = known_tag(tag_from_locale(cell))
            if tag is None:
                return None
            tags.append(tag)
    ours = len(cells) == 3 and len(cells[2].split()) > 1 and cells[2].split()[1] in STATUSES
    if len(tags) != 2 or len(cells) > 3 or tags[0] == tags[1] or ours:
        return None  # "GD,GD,t0001 preferred name" is an acronym's row, not Scottish Gaelic
    return tags[0], tags[1]


def _all(entry: Entry) -> list[str]:
    return [r for renderings in entry.translations.values() for r in renderings]


def _read_tbx(path: str) -> list[Entry]:
    """TBX v2 (<martif>) or v3 (<tbx>, read into v2's element names)."""
    entries = []
    seen: set[str] = set()
    version3 = root_name(read_bytes(path, 1 << 16)) == "tbx"
    root, tag = (
        ("tbx", f"{{{TBX3_NAMESPACE}}}conceptEntry") if version3 else ("martif", "termEntry")
    )
    for element in iterparse(path, root, (tag,)):
        if version3:
            for child in element.iter():
                local = etree.QName(child).localname
                child.tag = _V2_NAMES.get(local, local)
        entry_id = element.get("id") or f"e{len(entries) + 1}"
        if entry_id in seen:
            raise InputError(path, f"duplicate termEntry id {entry_id!r}", element.sourceline)
        seen.add(entry_id)
        entries.append(_entry_of(element, entry_id, path))
        release(element)
    return entries


def _termhood(value: str | None, entry_id: str, path: str, line: int | None) -> float | None:
    """An entry's x-termhood admin as a number (tmkit writes it), None when there is none."""
    if not value or not value.strip():
        return None
    try:
        score: float | None = float(value)
    except ValueError:
        score = None
    if score is None or not math.isfinite(score):  # "high", or "nan" and "inf", which parse
        raise InputError(path, f"termEntry {entry_id!r} has termhood {value!r}, not a number", line)
    return score


def _entry_of(element: etree._Element, entry_id: str, path: str) -> Entry:
    admin = {a.get("type"): (a.text or "") for a in element.findall("admin")}
    entry = Entry(
        id=entry_id,
        lang="en",
        kind=admin.get("x-kind", "term") if admin.get("x-kind") in KINDS else "term",
        forms=[],
        docs=admin.get("x-docs", "").split(),
        role=admin.get("x-role"),
        notes=[n.text or "" for n in element.findall("note")],
        suggestions=[a.text or "" for a in element.findall("admin[@type='x-suggestion']")],
        score=_termhood(admin.get("x-termhood"), entry_id, path, element.sourceline),
    )
    lang_sets = element.findall("langSet")
    if not lang_sets:
        raise InputError(path, f"termEntry {entry_id!r} has no langSet", element.sourceline)
    for position, lang_set in enumerate(lang_sets):
        lang = lang_set.get(_XML_LANG) or "und"
        terms = []
        # A <tig> holds its term and notes; an <ntig> its term in a <termGrp>, with the
        # term's notes in the group or after it.
        groups = [[tig] for tig in lang_set.findall("tig")]
        groups += [
            [n.find("termGrp"), n]
            for n in lang_set.findall("ntig")
            if n.find("termGrp") is not None
        ]
        for group in groups:
            term = _term_text(group[0].find("term"), path)
            if not term:
                raise InputError(
                    path, f"termEntry {entry_id!r} has an empty term", group[0].sourceline
                )
            status = _STATUS_OF_TBX.get(
                _first_text(group, "termNote[@type='administrativeStatus']"), "admitted"
            )
            count = _first_text(group, "admin[@type='x-count']") or "0"
            terms.append(Form(term, status, int(count) if count.isdigit() else 0))
            if not entry.context:
                entry.context = _first_text(group, "descrip[@type='context']")
        if position == 0:
            entry.lang = lang
            entry.forms = _preferred_first(terms)
            continue
        kept = [t.form for t in _preferred_first([t for t in terms if t.status not in NOT_TO_USE])]
        if kept:
            entry.translations[lang] = kept
        deprecated = [t.form for t in terms if t.status in NOT_TO_USE]
        if deprecated:
            entry.deprecated_translations[lang] = deprecated
    if not entry.forms:
        raise InputError(path, f"termEntry {entry_id!r} has no term", element.sourceline)
    return entry


def _first_text(elements: list[etree._Element], query: str) -> str:
    """The text of the first of the elements that holds a child `query` finds, else ""."""
    return next((found for element in elements if (found := element.findtext(query))), "")


def _term_text(term: etree._Element | None, path: str) -> str:
    """A <term>'s whole text, its <hi> runs included; a processing instruction is not text,
    and an entity reference, never expanded, is refused rather than dropped."""
    if term is None:
        return ""
    for node in term.iter():
        refuse_entity_reference(node, path)
    return "".join(term.itertext()).strip()


def _preferred_first(forms: list[Form]) -> list[Form]:
    preferred = [f for f in forms if f.status == "preferred"]
    if not preferred and forms:
        forms[0].status = "preferred"
        return forms
    return preferred[:1] + [f for f in forms if f is not preferred[0]]
