"""Gettext PO: one target language a file, provenance in comments, msgctxt for repeated sources.

PO holds a source and one rendering. What TMX adds is kept in extracted comments so a round
trip TMX → PO → TMX loses nothing PO can carry: `#. tuid: …`, `#. creationdate: …`,
`#. prop <type>: <value>`, `#. note: …`. An entry's msgctxt becomes the unit's
`x-msgctxt` prop (a context, as the memory's in-context matches read it) and is written back
as the msgctxt. A plural entry is read as a unit a form (`x-plural-form`), and those units,
one after another, are written as one plural entry again (msgid_plural, msgstr[n]). The
source language is the `X-Source-Language` header, the target language `Language`.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib
import regex

from tmkit import __version__
from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.lang import primary, tag_from_locale
from tmkit.textio import data_text, read_bytes, refuse_uncarriable, split_lines
from tmkit.units import GETTEXT_DATATYPE, Memory, TranslationUnit, Variant, tmx_timestamp

MSGCTXT_PROP = "x-msgctxt"
PLURAL_FORM_PROP = "x-plural-form"
# Plural-Forms of the languages whose plural differs from the Germanic default, as the
# gettext manual gives them ("Plural forms"), but Irish's five forms and Slovenian's order as
# most of their catalogues write them (checked against the headers of the catalogues a Debian
# system installs: each agrees with most of its language's); a catalogue's own header,
# carried through TMX as a header prop, comes first.
_ONE_FORM = "nplurals=1; plural=0;"
_EAST_SLAVIC = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                "(n%100<10 || n%100>=20) ? 1 : 2);")  # fmt: skip
_PLURAL_FORMS = {
    **dict.fromkeys(("ja", "ko", "vi", "th", "zh"), _ONE_FORM),
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr", "bs"), _EAST_SLAVIC),
    "fr": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) "
    "? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ga": "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 : (n>6 && n<11) ? 3 : 4;",
    "sl": "nplurals=4; plural=(n%100==1 ? 1 : n%100==2 ? 2 : n%100==3 || n%100==4 ? 3 : 0);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
}
# A TMX header prop holding the Plural-Forms of the catalogue its units came from.
PLURAL_FORMS_PROP = "x-po-plural-forms"
# No language has more than six forms; a header giving more than this is not believed (a TMX
# saying a billion made the writer fill a billion forms in).
MAX_PLURAL_FORMS = 12
_DEFAULT_PLURAL = "nplurals=2; plural=(n != 1);"
_TMX_DATE = regex.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z$")
_PO_DATE = regex.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}) (?P<hh>\d{2}):(?P<mm>\d{2})\s*(?P<zone>[+-]\d{4})?$"
)
# polib drops a comment's trailing space, so an empty value loses the space after the colon.
_COMMENT = regex.compile(
    r"^(tuid|creationdate|note|prop (?P<type>\S+)):(?: (?P<value>.*))?$", regex.S
)
# A keyword line or a continuation: a quoted string of escapes and other characters (no raw
# carriage return), written unrolled for the standard library's engine, three times faster
# than an alternation.
_PO_STRING_LINE = re.compile(
    r"(?:(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<form>\d+)\])?)[ \t]+)?"
    r'"(?P<text>[^"\\\r]*(?:\\[^\r][^"\\\r]*)*)"'
)


def write_po(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write the memory's source → target pairs; return how many units were written (a
    repeated pair, or a plural entry's forms, is one entry of several units)."""
    tgtlang = memory.tgtlang
    if tgtlang is None:
        raise InputError(str(path), "PO needs a target language (--tgt-lang)")
    po = polib.POFile(wrapwidth=0)
    po.metadata = catalogue_header(memory, tgtlang)
    with tempfile.TemporaryDirectory(prefix="tmkit-po-") as folder:
        forms = _nplurals(po.metadata["Plural-Forms"])
        spool, count = _spooled_pairs(str(path), units, memory.srclang, tgtlang, forms, folder)
        try:
            with atomic_writer(path) as handle:
                text = str(po)  # the header entry; then each entry after a blank line
                for entry in _entries(spool):
                    handle.write(text)
                    text = "\n" + entry.__unicode__(po.wrapwidth)
                handle.write(text if text.endswith("\n") else text + "\n")
        finally:
            spool.close()
    return count


def catalogue_header(memory: Memory, tgtlang: str) -> dict[str, str]:
    """A catalogue's header fields for the memory's pairs into tgtlang: the ones msgfmt -c
    asks for, the language's Plural-Forms, and the memory's date (so a build stays
    reproducible)."""
    date = _po_date(memory.creationdate or tmx_timestamp())
    return {
        "Project-Id-Version": f"tmkit {__version__}",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": tgtlang,
        "X-Source-Language": memory.srclang,
        "Plural-Forms": plural_header(memory, tgtlang),
        "X-Generator": f"tmkit {__version__}",
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "tmkit (automatic alignment)",
        "Language-Team": f"{tgtlang} (aligned by tmkit)",
    }


def _spooled_pairs(
    path: str,
    units: Iterable[TranslationUnit],
    srclang: str,
    tgtlang: str,
    forms: int,
    folder: str,
) -> tuple[sqlite3.Connection, int]:
    """The units' (source, target) pairs in a temporary SQLite file, in order, checked, so
    that a large memory is written in flat memory: deciding each entry's msgctxt needs every
    rendering of its source, and a repeated pair merges into the first entry; and how many
    units they are."""
    spool = sqlite3.connect(os.path.join(folder, "pairs.sqlite"), isolation_level=None)
    spool.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE pairs (number INTEGER PRIMARY KEY, msgid TEXT NOT NULL, "
        "msgstr TEXT NOT NULL, tuid TEXT, comment TEXT NOT NULL, occurrences TEXT NOT NULL, "
        "fuzzy INTEGER NOT NULL, msgctxt TEXT, msgid_plural TEXT, msgstr_plural TEXT);"
    )
    spool.execute("BEGIN")
    written = 0
    pairs = _checked_pairs(path, units, srclang, tgtlang)
    for number, (unit, msgid, msgstr, plural) in enumerate(_with_plurals(pairs, forms), 1):
        written += 1 if plural is None else plural[2]
        spool.execute(
            "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, msgid, msgstr, unit.tuid, _comment(unit, plural is not None),
             json.dumps(_occurrences(unit)), unit.needs_review,
             dict(unit.props).get(MSGCTXT_PROP), plural and plural[0],
             plural and json.dumps(plural[1])),
        )  # fmt: skip
    # A unit's own msgctxt stays; a source with several renderings and none gets a msgctxt a
    # unit (its tuid, else its number).
    spool.execute("COMMIT")
    spool.executescript(
        "CREATE INDEX pairs_msgid ON pairs (msgid, msgstr);"
        "CREATE TABLE keyed AS SELECT pairs.*, coalesce(msgctxt, CASE WHEN msgid IN "
        "(SELECT msgid FROM pairs WHERE msgctxt IS NULL GROUP BY msgid "
        "HAVING count(DISTINCT msgstr) > 1) "
        "THEN coalesce(tuid, CAST(number AS TEXT)) END) AS context FROM pairs;"
        "CREATE INDEX keyed_key ON keyed (msgid, context, number);"
    )
    return spool, written


# A plural entry made one again: msgid_plural, each form's msgstr, how many units it holds.
_Plural = tuple[str, list[str], int]


def _checked_pairs(
    path: str, units: Iterable[TranslationUnit], srclang: str, tgtlang: str
) -> Iterator[tuple[TranslationUnit, str, str]]:
    """Each unit with a source and a target in the languages, with their texts, checked."""
    number = 0
    for unit in units:
        source, target = unit.source_and_target(srclang, tgtlang)
        if source is None or target is None or not source.text:
            continue
        number += 1
        unit.refuse_uncarriable(path, number)
        _refuse_unmatched_newlines(path, unit, source.text, target.text, number)
        yield unit, source.text, target.text


def _with_plurals(
    pairs: Iterable[tuple[TranslationUnit, str, str]], forms_wanted: int
) -> Iterator[tuple[TranslationUnit, str, str, _Plural | None]]:
    """The pairs, with a plural entry's forms made one again: a unit of plural form 0 and
    the units of its other forms right after it (as read from a PO file, through TMX) give
    the form 0 unit with (msgid_plural, every form's msgstr, how many units), a form the
    units repeat (written once) filled in from the one before it up to the count the
    catalogue's Plural-Forms give."""
    group: list[tuple[TranslationUnit, str, str, int]] = []
    for unit, msgid, msgstr in pairs:
        form = _plural_form(unit)
        follows = (
            bool(group)
            and form is not None
            and (form > group[-1][3] or (form == 0 and len(group) == 1 and msgid != group[0][1]))
        )
        if group and not follows:
            yield from _plural_entry(group, forms_wanted)
            group = []
        if form is not None:
            group.append((unit, msgid, msgstr, form))
        else:
            yield unit, msgid, msgstr, None
    if group:
        yield from _plural_entry(group, forms_wanted)


def _plural_entry(
    group: list[tuple[TranslationUnit, str, str, int]], forms_wanted: int
) -> Iterator[tuple[TranslationUnit, str, str, _Plural | None]]:
    """A run of plural-form units as one entry, where it opens with form 0, has another
    form and no more forms than the target language's header gives (msgfmt refuses more);
    else each unit as it is."""
    if len(group) < 2 or group[0][3] != 0 or group[-1][3] >= forms_wanted:
        for unit, msgid, msgstr, _ in group:
            yield unit, msgid, msgstr, None
        return
    by_form = {form: msgstr for _, _, msgstr, form in group}
    texts = [by_form[0]]
    for form in range(1, forms_wanted):
        texts.append(by_form.get(form, texts[-1]))
    unit, msgid, msgstr, _ = group[0]
    yield unit, msgid, msgstr, (group[1][1], texts, len(group))


def _plural_form(unit: TranslationUnit) -> int | None:
    value = dict(unit.props).get(PLURAL_FORM_PROP, "")
    return int(value) if value.isdigit() else None


def plural_header(memory: Memory, tgtlang: str) -> str:
    """The Plural-Forms a catalogue of the memory's pairs into tgtlang declares: the one of
    the catalogue they came from (a TMX header prop carries it) where it reads, else the
    language's own."""
    carried = dict(memory.props).get(PLURAL_FORMS_PROP)
    believable = carried and 0 < _nplurals(carried) <= MAX_PLURAL_FORMS
    if believable and _plural_function(carried) is not None:
        return carried
    return _PLURAL_FORMS.get(primary(tgtlang), _DEFAULT_PLURAL)


def _nplurals(header: str) -> int:
    """How many plural forms a Plural-Forms header gives (0 where it says none)."""
    found = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(found.group(1)) if found else 0


# How gettext reads a Plural-Forms expression: C's operators on the number n.
_PLURAL_TOKEN = re.compile(r"\s*(\d+|n|&&|\|\||==|!=|<=|>=|[-+*/%<>!?:()])")
_PLURAL_BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
                  "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}  # fmt: skip
MAX_PLURAL_EXPRESSION = 1000  # characters: the longest in use (Arabic's) is about 100
# msgfmt -c lets a plural form leave its number out ("un fichier") where the form stands for
# fewer than this many of the numbers 0..1000: French's first (0 and 1), never Russian's.
FEW_NUMBERS = 5
CHECKED_NUMBERS = 1001


@lru_cache(maxsize=64)  # an XLIFF asks once a plural group
def plural_forms_for_few_numbers(header: str | None, lang: str | None) -> frozenset[int] | None:
    """The plural forms a catalogue's Plural-Forms header (or, when it has none or one that
    does not parse, its language's usual one) gives to fewer than FEW_NUMBERS of the numbers
    0..1000, as msgfmt -c finds them: those forms may say their number in words."""
    for candidate in (header, _PLURAL_FORMS.get(primary(lang or ""), _DEFAULT_PLURAL)):
        choose = _plural_function(candidate) if candidate else None
        if choose is not None:
            uses: dict[int, int] = {}
            for number in range(CHECKED_NUMBERS):
                form = choose(number)
                uses[form] = uses.get(form, 0) + 1
            return frozenset(form for form, count in uses.items() if count < FEW_NUMBERS)
    return None


def _plural_function(header: str):
    """A Plural-Forms header's `plural=` expression as a function of n, read as gettext reads
    it (never evaluated as code); None when it does not parse."""
    found = re.search(r"plural\s*=\s*([^;]*)", header)
    if not found or len(found.group(1)) > MAX_PLURAL_EXPRESSION:
        return None
    text = found.group(1).strip()
    tokens = []
    position = 0
    while position < len(text):
        match = _PLURAL_TOKEN.match(text, position)
        if not match:
            return None
        tokens.append(match.group(1))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    try:
        function, rest = _plural_conditional(tokens, 0)
    except (IndexError, ValueError, RecursionError):
        return None
    if rest != len(tokens):
        return None

    def choose(n: int) -> int:
        try:
            return int(function(n))
        except ZeroDivisionError:
            return 0

    return choose


def _plural_conditional(tokens: list[str], at: int):
    condition, at = _plural_binary(tokens, at, 1)
    if at < len(tokens) and tokens[at] == "?":
        then, at = _plural_conditional(tokens, at + 1)
        if tokens[at] != ":":
            raise ValueError(tokens[at])
        otherwise, at = _plural_conditional(tokens, at + 1)
        return (lambda n: then(n) if condition(n) else otherwise(n)), at
    return condition, at


def _plural_binary(tokens: list[str], at: int, lowest: int):
    left, at = _plural_operand(tokens, at)
    while at < len(tokens) and _PLURAL_BINARY.get(tokens[at], 0) >= lowest:
        operator = tokens[at]
        right, at = _plural_binary(tokens, at + 1, _PLURAL_BINARY[operator] + 1)
        left = _plural_operation(operator, left, right)
    return left, at


def _plural_operation(operator: str, left, right):
    """C's meaning of a binary operator on two sub-expressions (integers; a comparison is 0
    or 1; division truncates)."""
    operations = {
        "||": lambda n: int(bool(left(n)) or bool(right(n))),
        "&&": lambda n: int(bool(left(n)) and bool(right(n))),
        "==": lambda n: int(left(n) == right(n)),
        "!=": lambda n: int(left(n) != right(n)),
        "<": lambda n: int(left(n) < right(n)),
        ">": lambda n: int(left(n) > right(n)),
        "<=": lambda n: int(left(n) <= right(n)),
        ">=": lambda n: int(left(n) >= right(n)),
        "+": lambda n: left(n) + right(n),
        "-": lambda n: left(n) - right(n),
        "*": lambda n: left(n) * right(n),
        "/": lambda n: int(left(n) / right(n)),
        "%": lambda n: int(math.fmod(left(n), right(n))),
    }
    return operations[operator]


def _plural_operand(tokens: list[str], at: int):
    token = tokens[at]
    if token == "n":
        return (lambda n: n), at + 1
    if token.isdigit():
        value = int(token)
        return (lambda n: value), at + 1
    if token == "!":
        operand, at = _plural_operand(tokens, at + 1)
        return (lambda n: int(not operand(n))), at
    if token == "(":
        inner, at = _plural_conditional(tokens, at + 1)
        if tokens[at] != ")":
            raise ValueError(tokens[at])
        return inner, at + 1
    raise ValueError(token)


def _entries(spool: sqlite3.Connection) -> Iterator[polib.POEntry]:
    """One entry a (msgctxt, msgid), in the order of first appearance: the first pair's
    rendering and comments, every occurrence of the pair."""
    rows = spool.execute(
        "SELECT first.number, keyed.msgid, keyed.msgstr, keyed.context, keyed.comment, "
        "keyed.occurrences, keyed.fuzzy, keyed.msgid_plural, keyed.msgstr_plural FROM "
        "(SELECT msgid, context, min(number) AS number FROM keyed GROUP BY msgid, context) "
        "AS first JOIN keyed ON keyed.msgid = first.msgid AND keyed.context IS first.context "
        "ORDER BY first.number, keyed.number"
    )
    entry: polib.POEntry | None = None
    current = None
    for first, msgid, msgstr, context, comment, occurrences, fuzzy, plural, forms in rows:
        if first != current:
            if entry is not None:
                yield entry
            current = first
            entry = polib.POEntry(msgid=msgid, msgctxt=context, comment=comment,
                                  occurrences=[], flags=["fuzzy"] if fuzzy else [])  # fmt: skip
            if plural:
                entry.msgid_plural = plural
                entry.msgstr_plural = dict(enumerate(json.loads(forms)))
            else:
                entry.msgstr = msgstr
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


def _comment(unit: TranslationUnit, plural: bool) -> str:
    """A unit's extracted comments: tuid, creationdate, props (but its msgctxt, and the
    plural form of an entry that is plural again), notes."""
    lines = []
    if unit.tuid:
        lines.append(f"tuid: {unit.tuid}")
    if unit.creationdate:
        lines.append(f"creationdate: {unit.creationdate}")
    left_out = {MSGCTXT_PROP, PLURAL_FORM_PROP} if plural else {MSGCTXT_PROP}
    lines.extend(f"prop {kind}: {value}" for kind, value in unit.props if kind not in left_out)
    lines.extend(f"note: {note}" for note in unit.notes)
    return "\n".join(" ".join(line.splitlines()) for line in lines)


def _occurrences(unit: TranslationUnit) -> list[tuple[str, str]]:
    """`#: doc:ids` from an alignment's provenance (x-src_doc, x-src_ids), when present."""
    props = dict(unit.props)
    doc = props.get("x-src_doc")
    if not doc or any(c.isspace() for c in doc):
        return []  # references are separated by white space (the comments keep the doc)
    try:
        ids = json.loads(props.get("x-src_ids", "[]"))
    except json.JSONDecodeError:
        ids = []
    return [(doc, ",".join(str(i) for i in ids) if isinstance(ids, list) else "")]


def read_po(
    path: str | Path, srclang: str | None = None, tgtlang: str | None = None
) -> tuple[Memory, list[TranslationUnit]]:
    """Read a PO file's translated entries back into units: in `srclang` and `tgtlang` where
    given (the user's word), else in the languages its header names (the source English
    where it names none)."""
    po = read_catalogue(str(path))
    # gettext writes locale names (pt_BR, sr@latin); TMX and XLIFF take BCP 47 tags.
    declared = po.metadata.get("Language")
    tgtlang = tgtlang or (tag_from_locale(declared) if declared else None)
    source = srclang or tag_from_locale(po.metadata.get("X-Source-Language") or "en")
    if tgtlang is None:
        raise InputError(str(path), "PO header has no Language (add one, or give --tgt-lang)")
    units = []
    for entry in po.entries:
        if entry.obsolete or not entry.msgid:
            continue
        described = _described(entry.comment)
        props = list(described.props)
        if entry.msgctxt is not None and entry.msgctxt != described.tuid:
            # (a msgctxt equal to the tuid is the one tmkit's writer gave a repeated source)
            props.append((MSGCTXT_PROP, entry.msgctxt))
        for msgid, msgstr, form in _pairs_of(entry):
            plural = [] if form is None else [(PLURAL_FORM_PROP, str(form))]
            units.append(
                TranslationUnit(
                    [Variant(source, msgid), Variant(tgtlang, msgstr)],
                    tuid=described.tuid,
                    creationdate=described.creationdate,
                    props=plural + props,
                    notes=list(described.notes),
                    needs_review=entry.fuzzy,
                )
            )
    created = po.metadata.get("POT-Creation-Date")
    plural_forms = po.metadata.get("Plural-Forms")
    return Memory(
        srclang=source,
        tgtlang=tgtlang,
        creationdate=_tmx_date(created) if created else None,
        props=[(PLURAL_FORMS_PROP, plural_forms)] if plural_forms else [],
        datatype=GETTEXT_DATATYPE,
    ), units


def _described(comment: str) -> TranslationUnit:
    """What an entry's extracted comments say of its unit (tuid, creationdate, props, notes),
    as a unit with no variants, read once however many plural forms share it."""
    unit = TranslationUnit([])
    for line in comment.split("\n") if comment else []:
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
    return unit


def _pairs_of(entry: PoEntry) -> list[tuple[str, str, int | None]]:
    """An entry's source and target pairs, with the plural form each target is: one pair, or
    for a plural entry the singular with form 0 and the plural with each other form (with
    form 0 too where the language has one form: Japanese, Chinese), a target the form before
    repeats left out (the writer fills it in from that one). A form that repeats one further
    back is kept (Russian's fourth form, in git's catalogue, is its second): filled in from the
    form before, it came back wrong."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr, None)]
    forms = sorted(entry.msgstr_plural.items())
    pairs = [(entry.msgid, text, form) for form, text in forms[:1]]
    plurals = forms[1:] or forms[:1]
    previous = None
    for form, text in plurals:
        if text != previous:
            pairs.append((entry.msgid_plural, text, form))
        previous = text
    return pairs


@dataclass(slots=True)
class PoEntry:
    """One entry of a PO file: its strings, flags and extracted comments, and where it is."""

    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comment: str = ""  # the extracted comments (#.), one a line
    obsolete: bool = False
    line: int = 0  # the line of its first comment or keyword
    msgstr_lines: dict[int, int] = field(default_factory=dict)  # msgstr (-1), msgstr[n]
    has_msgid: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(slots=True)
class Catalogue:
    """A PO file read: its header's fields and its entries, the header entry aside."""

    metadata: dict[str, str]
    entries: list[PoEntry]


# The header's charset, in its Content-Type field; "CHARSET" is xgettext's placeholder.
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "charset", "ascii", "us-ascii"})


def read_catalogue(
    path: str, check_for_duplicates: bool = True, carriable_only: bool = True
) -> Catalogue:
    """A PO file read in one pass over its lines, refusing what is not PO syntax with its
    line: a malformed or unterminated string, a raw carriage return in one, a string that
    continues nothing, a msgstr with no msgid, and (`check_for_duplicates`) one msgctxt and
    msgid twice; and (`carriable_only`, for what becomes a TM) a control character no TM
    file can carry. Two to five times faster than polib, which reads the same fields."""
    entries: list[PoEntry] = []
    seen: dict[tuple[str | None, str], int] = {}
    entry = PoEntry()
    field_name: str | int | None = None  # what a continuation line adds to

    def finish(number: int) -> PoEntry:
        if entry.has_msgid:
            key = (entry.msgctxt, entry.msgid)
            if check_for_duplicates and not entry.obsolete:
                if key in seen:
                    raise InputError(
                        path,
                        f"not a valid PO file: the entry {entry.msgid[:40]!r} appears twice "
                        f"(first at line {seen[key]})",
                        entry.line,
                    )
                seen[key] = entry.line
            entries.append(entry)
        return PoEntry(line=number)

    for number, line in enumerate(split_lines(_po_text(path, carriable_only)), start=1):
        content = line.strip()
        if not content:
            continue
        obsolete = False
        if content.startswith("#"):
            if content.startswith(("#~", "#|")):
                rest = content[2:].lstrip()
                previous = content.startswith("#|") or rest.startswith("|")
                if previous:  # a previous msgid (#| or #~|): checked, not kept
                    rest = rest.removeprefix("|").lstrip()
                    if rest and not _PO_STRING_LINE.fullmatch(rest):
                        raise InputError(path, _po_problem(rest), number)
                if previous or not rest:
                    continue
                content, obsolete = rest, True
            else:
                if content[:2] in ("#.", "#,", "#:") and not content[2:].strip():
                    continue  # an empty comment of a kind says nothing (nor ends an entry)
                if entry.msgstr_lines:  # a comment after a msgstr starts the next entry
                    entry, field_name = finish(number), None
                elif not entry.line:
                    entry.line = number
                if content.startswith("#,"):
                    entry.flags += [flag.strip() for flag in content[2:].split(",")]
                elif content.startswith("#."):
                    text = content[2:]
                    entry.comment += ("\n" if entry.comment else "") + text.removeprefix(" ")
                continue
        match = _PO_STRING_LINE.fullmatch(content)
        if match is None:
            raise InputError(path, _po_problem(content), number)
        keyword, text = match["keyword"], _unescape(match["text"])
        if carriable_only and "\\" in match["text"]:
            refuse_uncarriable(text, path, number)  # an escape may write one: "\v", "\x1b"
        if keyword is None:
            if field_name is None:
                raise InputError(
                    path, "not a valid PO file: a string that continues nothing", number
                )
            _extend(entry, field_name, text)
        elif keyword in ("msgctxt", "msgid"):
            if entry.msgstr_lines or (keyword == "msgid" and entry.has_msgid):
                entry = finish(number)
            entry.line = entry.line or number
            if keyword == "msgid":
                entry.msgid, entry.has_msgid, entry.obsolete = text, True, obsolete
            else:
                entry.msgctxt = text
            field_name = keyword
        elif not entry.has_msgid:
            raise InputError(
                path, f"not a valid PO file: {keyword} with no msgid before it", number
            )
        elif keyword == "msgid_plural":
            entry.msgid_plural, field_name = text, keyword
        elif match["form"] is not None:
            field_name = int(match["form"])
            entry.msgstr_plural[field_name] = text
            entry.msgstr_lines[field_name] = number
        else:
            entry.msgstr, field_name = text, keyword
            entry.msgstr_lines[-1] = number
    finish(0)
    return Catalogue(_header(entries), entries)


def _po_text(path: str, carriable_only: bool) -> str:
    """A PO file's text, in the charset its header declares (`charset=ISO-8859-1`, as older
    catalogues say, gettext reads them so), UTF-8 when it declares none or UTF-8."""
    data = read_bytes(path)
    declared = _CHARSET.search(data, 0, 1 << 16)
    charset = declared[1].decode("ascii").lower() if declared else "utf-8"
    if charset in _UTF8_NAMES:
        return data_text(data, path, carriable_only)
    try:
        text = data.decode(charset)
    except LookupError:
        raise InputError(path, f"PO header declares an unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"not {charset} text, as the PO header declares (byte 0x{data[exc.start]:02X})",
            line,
        ) from None
    if carriable_only:
        refuse_uncarriable(text, path)
    return text


def _extend(entry: PoEntry, field_name: str | int, text: str) -> None:
    if isinstance(field_name, int):
        entry.msgstr_plural[field_name] += text
    else:
        setattr(entry, field_name, getattr(entry, field_name) + text)


def _header(entries: list[PoEntry]) -> dict[str, str]:
    """The header entry's fields (`Language: fr`), the entry taken out of the list; a line
    without a colon continues the field before it."""
    header = next((e for e in entries if not e.msgid and not e.obsolete), None)
    if header is None:
        return {}
    entries.remove(header)
    metadata: dict[str, str] = {}
    key = None
    for line in header.msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\([\\ntrvbf"])')


def _unescape(text: str) -> str:
    """A PO string's escapes decoded (\\n, \\t, \\", \\\\ …); any other stays as written."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES[m[1]], text)


def _po_problem(content: str) -> str:
    if "\r" in content:
        return "not a valid PO file: a raw carriage return inside a string (write \\r)"
    if '"' in content:
        return "not a valid PO file: an unterminated or malformed string"
    return f"not a valid PO file: not PO syntax: {content[:40]!r}"


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
