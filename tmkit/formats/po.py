"""Gettext PO: one target language a file, provenance in comments, msgctxt for repeated sources.

PO holds a source and one rendering. What TMX adds is kept in extracted comments so a round
trip TMX → PO → TMX loses nothing PO can carry: `#. tuid: …`, `#. creationdate: …`,
`#. prop <type>: <value>`, `#. note: …`. The source language is the `X-Source-Language`
header, the target language `Language`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import polib
import regex

from tmkit import __version__
from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.lang import primary
from tmkit.textio import read_utf8, split_lines
from tmkit.units import Memory, TranslationUnit, Variant, tmx_timestamp

# Plural-Forms for the languages tmkit segments; others get the Germanic default.
_PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ja": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
}
_DEFAULT_PLURAL = "nplurals=2; plural=(n != 1);"
_TMX_DATE = regex.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z$")
_PO_DATE = regex.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}) (?P<hh>\d{2}):(?P<mm>\d{2})\s*(?P<zone>[+-]\d{4})?$"
)
# polib drops a comment's trailing space, so an empty value loses the space after the colon.
_COMMENT = regex.compile(
    r"^(tuid|creationdate|note|prop (?P<type>\S+)):(?: (?P<value>.*))?$", regex.S
)
_POLIB_LINE = regex.compile(r"line (\d+)")
# A PO line that is not a comment: a keyword and a string, or a string continuing one.
_PO_STRING_LINE = regex.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"$'
)


def write_po(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write the memory's source → target pairs; return how many entries were written."""
    tgtlang = memory.tgtlang
    if tgtlang is None:
        raise InputError(str(path), "PO needs a target language (--tgt-lang)")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"tmkit {__version__}",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": tgtlang,
        "X-Source-Language": memory.srclang,
        "Plural-Forms": _PLURAL_FORMS.get(primary(tgtlang), _DEFAULT_PLURAL),
        "X-Generator": f"tmkit {__version__}",
    }
    # The fields msgfmt -c asks for; the date is the memory's, so a build stays reproducible.
    date = _po_date(memory.creationdate or tmx_timestamp())
    po.metadata["POT-Creation-Date"] = date
    po.metadata["PO-Revision-Date"] = date
    po.metadata["Last-Translator"] = "tmkit (automatic alignment)"
    po.metadata["Language-Team"] = f"{tgtlang} (aligned by tmkit)"
    with tempfile.TemporaryDirectory(prefix="tmkit-po-") as folder:
        spool = _spooled_pairs(str(path), units, memory.srclang, tgtlang, folder)
        try:
            count = 0
            with atomic_writer(path) as handle:
                text = str(po)  # the header entry; then each entry after a blank line
                for entry in _entries(spool):
                    handle.write(text)
                    text = "\n" + entry.__unicode__(po.wrapwidth)
                    count += 1
                handle.write(text if text.endswith("\n") else text + "\n")
        finally:
            spool.close()
    return count


def _spooled_pairs(
    path: str, units: Iterable[TranslationUnit], srclang: str, tgtlang: str, folder: str
) -> sqlite3.Connection:
    """The units' (source, target) pairs in a temporary SQLite file, in order, checked, so
    that a large memory is written in flat memory: deciding each entry's msgctxt needs every
    rendering of its source, and a repeated pair merges into the first entry."""
    spool = sqlite3.connect(os.path.join(folder, "pairs.sqlite"), isolation_level=None)
    spool.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE pairs (number INTEGER PRIMARY KEY, msgid TEXT NOT NULL, "
        "msgstr TEXT NOT NULL, tuid TEXT, comment TEXT NOT NULL, occurrences TEXT NOT NULL, "
        "fuzzy INTEGER NOT NULL);"
    )
    spool.execute("BEGIN")
    number = 0
    for unit in units:
        source, target = unit.source_and_target(srclang, tgtlang)
        if source is None or target is None or not source.text:
            continue
        number += 1
        unit.refuse_uncarriable(path, number)
        _refuse_unmatched_newlines(path, unit, source.text, target.text, number)
        spool.execute(
            "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, source.text, target.text, unit.tuid, _comment(unit),
             json.dumps(_occurrences(unit)), unit.needs_review),
        )  # fmt: skip
    # A source with several renderings gets a msgctxt a unit (its tuid, else its number).
    spool.execute("COMMIT")
    spool.executescript(
        "CREATE INDEX pairs_msgid ON pairs (msgid, msgstr);"
        "CREATE TABLE keyed AS SELECT pairs.*, CASE WHEN msgid IN (SELECT msgid FROM pairs "
        "GROUP BY msgid HAVING count(DISTINCT msgstr) > 1) "
        "THEN coalesce(tuid, CAST(number AS TEXT)) END AS context FROM pairs;"
        "CREATE INDEX keyed_key ON keyed (msgid, context, number);"
    )
    return spool


def _entries(spool: sqlite3.Connection) -> Iterator[polib.POEntry]:
    """One entry a (msgctxt, msgid), in the order of first appearance: the first pair's
    rendering and comments, every occurrence of the pair."""
    rows = spool.execute(
        "SELECT first.number, keyed.msgid, keyed.msgstr, keyed.context, keyed.comment, "
        "keyed.occurrences, keyed.fuzzy FROM (SELECT msgid, context, min(number) AS number "
        "FROM keyed GROUP BY msgid, context) AS first JOIN keyed ON keyed.msgid = first.msgid "
        "AND keyed.context IS first.context ORDER BY first.number, keyed.number"
    )
    entry: polib.POEntry | None = None
    current = None
    for first, msgid, msgstr, context, comment, occurrences, fuzzy in rows:
        if first != current:
            if entry is not None:
                yield entry
            current = first
            entry = polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=context,
                                  comment=comment, occurrences=[],
                                  flags=["fuzzy"] if fuzzy else [])  # fmt: skip
        assert entry is not None
        entry.occurrences.extend(tuple(o) for o in json.loads(occurrences))
    if entry is not None:
        yield entry


def _refuse_unmatched_newlines(
    path: str, unit: TranslationUnit, msgid: str, msgstr: str, number: int
) -> None:
    """PO (msgfmt -c) requires msgid and msgstr to begin and end alike with a newline;
    adding or dropping one would change the text, so such a unit is refused."""
    if not msgstr:
        return
    for edge, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(msgid, "\n") != test(msgstr, "\n"):
            raise InputError(
                path,
                f"unit {unit.tuid or number}: PO needs source and target to {edge} alike with "
                "a line break, and they do not; write TMX, XLIFF or JSONL instead",
            )


def _comment(unit: TranslationUnit) -> str:
    lines = []
    if unit.tuid:
        lines.append(f"tuid: {unit.tuid}")
    if unit.creationdate:
        lines.append(f"creationdate: {unit.creationdate}")
    lines.extend(f"prop {kind}: {value}" for kind, value in unit.props)
    lines.extend(f"note: {note}" for note in unit.notes)
    return "\n".join(line.replace("\n", " ") for line in lines)


def _occurrences(unit: TranslationUnit) -> list[tuple[str, str]]:
    """`#: doc:ids` from an alignment's provenance (x-src_doc, x-src_ids), when present."""
    props = dict(unit.props)
    doc = props.get("x-src_doc")
    if not doc:
        return []
    try:
        ids = json.loads(props.get("x-src_ids", "[]"))
    except json.JSONDecodeError:
        ids = []
    return [(doc, ",".join(str(i) for i in ids) if isinstance(ids, list) else "")]


def read_po(path: str | Path, srclang: str | None = None) -> tuple[Memory, list[TranslationUnit]]:
    """Read a PO file's translated entries back into units."""
    po = load_po(str(path))
    tgtlang = po.metadata.get("Language") or None
    source = srclang or po.metadata.get("X-Source-Language") or "en"
    if tgtlang is None:
        raise InputError(str(path), "PO header has no Language")
    units = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        unit = TranslationUnit(
            [Variant(source, entry.msgid), Variant(tgtlang, entry.msgstr)],
            needs_review=entry.fuzzy,
        )
        for line in entry.comment.split("\n") if entry.comment else []:
            match = _COMMENT.match(line)
            if not match:
                unit.notes.append(line)
            elif match.group(1) == "tuid":
                unit.tuid = match["value"] or ""
            elif match.group(1) == "creationdate":
                unit.creationdate = match["value"] or ""
            elif match.group(1) == "note":
                unit.notes.append(match["value"] or "")
            else:
                unit.props.append((match["type"], match["value"] or ""))
        units.append(unit)
    created = po.metadata.get("POT-Creation-Date")
    return Memory(
        srclang=source, tgtlang=tgtlang, creationdate=_tmx_date(created) if created else None
    ), units


def load_po(path: str, check_for_duplicates: bool = True) -> polib.POFile:
    """A PO file parsed by polib after tmkit's own syntax check, errors with their line."""
    check_po_syntax(read_utf8(path), path)
    try:  # from the file, which polib splits at line ends only (its str path splits at U+2028)
        return polib.pofile(path, encoding="utf-8-sig", check_for_duplicates=check_for_duplicates)
    except OSError as exc:
        message = str(exc)
        match = _POLIB_LINE.search(message)
        raise InputError(
            path, f"not a valid PO file: {message}", int(match.group(1)) if match else None
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a valid PO file: {exc}") from None


def check_po_syntax(text: str, path: str) -> None:
    """Refuse what polib would read wrongly: an unterminated or malformed string (polib
    cuts its last character) or a line that is no PO syntax, naming the line."""
    for number, line in enumerate(split_lines(text), start=1):
        content = line.strip()
        if content.startswith(("#~", "#|")):  # obsolete and previous entries hold PO syntax
            content = content[2:].lstrip().removeprefix("|").lstrip()
        elif content.startswith("#"):
            continue
        if not content or _PO_STRING_LINE.match(content):
            continue
        if "\r" in content:
            problem = "a raw carriage return inside a string (write \\r)"
        elif '"' in content:
            problem = "an unterminated or malformed string"
        else:
            problem = f"not PO syntax: {content[:40]!r}"
        raise InputError(path, f"not a valid PO file: {problem}", number)


def _po_date(tmx_date: str) -> str:
    """A TMX date (20240509T000000Z) as PO headers write it (2024-05-09 00:00+0000)."""
    match = _TMX_DATE.match(tmx_date)
    if not match:
        return tmx_date
    year, month, day, hour, minute = match.groups()
    return f"{year}-{month}-{day} {hour}:{minute}+0000"


def _tmx_date(po_date: str) -> str:
    """A PO header date back as a TMX date (UTC offsets kept only when +0000)."""
    match = _PO_DATE.match(po_date)
    if not match or match["zone"] not in (None, "+0000"):
        return po_date
    return f"{match['y']}{match['m']}{match['d']}T{match['hh']}{match['mm']}00Z"
