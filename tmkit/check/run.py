"""`tmkit check`: run the rules over draft files, drop suppressed findings, place the rest.

Suppression: a line (or PO/XLIFF/TMX segment) holding `tmkit-ignore` silences findings on
itself and on the next line; `tmkit-ignore: variant, case` silences only those rules. A
TOML file of `[[ignore]]` tables (`rule`, `found`, `file`, any of them) silences findings
that match all it names.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

from tmkit.check.config import OFF, Levels, default_levels
from tmkit.check.drafts import PROSE_SUFFIXES, Piece, read_draft, source_pieces
from tmkit.check.finding import ALL_RULES, Finding
from tmkit.check.matcher import FormMatcher, with_renderings_to_avoid
from tmkit.check.qa import Placement, Unit, check_units, inconsistencies
from tmkit.check.rules import check_pieces
from tmkit.choices import SEVERITIES
from tmkit.errors import InputError
from tmkit.glossary.model import Entry
from tmkit.lang import guess_language, known_tag, tag_from_locale
from tmkit.textio import printable, read_utf8
from tmkit.tm.store import TranslationMemoryStore
from tmkit.tomlfile import parse_toml, table_lines

_NEWLINE = regex.compile(r"\n")
CONTEXT_CHARS = 60  # characters of the line shown either side of a finding
_MARKER = regex.compile(r"tmkit-ignore(?::\s*(?P<rules>[\w\-]+(?:\s*,\s*[\w\-]+)*))?")


@dataclass(slots=True)
class Placed:
    """A finding with its file, line and column (1-based), for people and programs."""

    finding: Finding
    file: str
    line: int
    column: int
    end_column: int
    line_text: str
    offset: int  # where the span starts in line_text

    def record(self) -> dict[str, object]:
        """The finding as `tmkit check --format json` prints it (DESIGN.md's shape)."""
        f = self.finding
        return {
            "rule": f.rule,
            "severity": f.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
            "found": f.found,
            "expected": f.expected,
            "term_id": f.term_id,
            "message": f.message,
        }


@dataclass(slots=True)
class Ignore:
    """A finding people chose to silence."""

    rule: str | None = None
    found: str | None = None
    file: str | None = None

    def covers(self, placed: Placed) -> bool:
        """Whether this rule silences the finding."""
        return (
            (self.rule is None or self.rule == placed.finding.rule)
            and (self.found is None or self.found == placed.finding.found)
            and (self.file is None or placed.file.endswith(self.file))
        )


@dataclass(slots=True)
class CheckResult:
    """Findings of every draft, and how many were silenced."""

    placed: list[Placed] = field(default_factory=list)
    silenced: int = 0

    def count(self, severity: str) -> int:
        """Findings of exactly this severity."""
        return sum(1 for p in self.placed if p.finding.severity == severity)

    def fails(self, threshold: str) -> bool:
        """Whether any finding reaches the severity threshold."""
        floor = SEVERITIES.index(threshold)
        return any(SEVERITIES.index(p.finding.severity) >= floor for p in self.placed)


def load_ignores(path: str) -> list[Ignore]:
    """`[[ignore]]` tables of a suppression file, each naming a rule, a form and/or a file."""
    text = read_utf8(path)
    raw = parse_toml(path, text)
    lines = table_lines(text, "ignore")
    unknown = set(raw) - {"ignore"}
    if unknown:
        raise InputError(path, f"unknown table {sorted(unknown)[0]!r} (only [[ignore]])")
    tables = raw.get("ignore", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError(path, "ignore must be [[ignore]] tables", lines[0] if lines else None)
    ignores = []
    for number, table in enumerate(tables):
        line = lines[number] if number < len(lines) else None
        extra = set(table) - {"rule", "found", "file"}
        if extra:
            raise InputError(
                path, f"[[ignore]] takes rule, found and file, not {sorted(extra)[0]!r}", line
            )
        if not table:
            raise InputError(
                path, "[[ignore]] names no rule, found or file: it would silence everything", line
            )
        for key, value in table.items():
            if not isinstance(value, str):
                raise InputError(path, f"[[ignore]] {key} must be a string, not {value!r}", line)
        if "rule" in table and table["rule"] not in ALL_RULES:
            raise InputError(path, f"unknown rule {table['rule']!r}", line)
        ignores.append(Ignore(table.get("rule"), table.get("found"), table.get("file")))
    return ignores


def check_files(
    paths: list[str],
    entries: list[Entry],
    source: str | None = None,
    ignores: list[Ignore] | None = None,
    encoding: str | None = None,
    levels: Levels | None = None,
    memory: TranslationMemoryStore | None = None,
) -> CheckResult:
    """Check every draft: terminology against the glossary (and a source, when given), the
    QA rules on every unit that has a source, and consistency across all the drafts (and
    against a translation memory). `levels` turns rules off or changes their severity."""
    levels = levels or default_levels()
    matcher = FormMatcher(with_renderings_to_avoid(entries))
    drafts = []
    enabled: set[str] = set()  # the rules on for some draft: others are not run
    for path in paths:
        pieces = read_draft(path, encoding)
        texts = [p.text for p in pieces]
        lang = _draft_language(pieces, texts)
        lang = entries[0].lang if lang == "und" and entries else lang
        sources = _sources(pieces, source, encoding)
        prose = Path(path).suffix.lower() in PROSE_SUFFIXES
        on = {rule for rule in ALL_RULES if levels.of(rule, prose) != OFF}
        enabled |= on
        units = [
            Unit(
                i, s, p.text, p.source_codes, p.codes, p.context, p.plural_source, p.number_optional
            )
            for i, (p, s) in enumerate(zip(pieces, sources or [], strict=False))
            if s is not None
        ]
        findings: list[Finding] = []
        # A multilingual file (a TMX with French and German targets) is checked a language
        # at a time, each by its own rules; a file of one language is one group.
        languages = [_piece_language(piece, lang) for piece in pieces]
        by_language: dict[str, list[int]] = defaultdict(list)
        for number, piece_lang in enumerate(languages):
            by_language[piece_lang].append(number)
        for piece_lang, numbers in by_language.items():
            group_sources = None if sources is None else [sources[n] for n in numbers]
            for finding in check_pieces([texts[n] for n in numbers], matcher, piece_lang,
                                        group_sources, on):  # fmt: skip
                finding.piece = numbers[finding.piece]
                findings.append(finding)
            chosen = set(numbers)
            findings += check_units([u for u in units if u.piece in chosen], piece_lang, on)
        drafts.append((path, pieces, languages, units, findings))
    placed_units = [
        (unit, Placement(path, pieces[unit.piece].line, languages[unit.piece]))
        for path, pieces, languages, units, _ in drafts
        for unit in units
    ]
    owner = {id(unit): findings for _, _, _, units, findings in drafts for unit in units}
    memory_targets = _memory_targets(memory, placed_units) if memory else None
    for unit, finding in inconsistencies(placed_units, memory_targets, enabled):
        owner[id(unit)].append(finding)  # into the findings of the draft the unit is in
    result = CheckResult()
    for path, pieces, _, _, findings in drafts:
        findings.sort(key=lambda f: (f.piece, f.start, f.rule))
        prose = Path(path).suffix.lower() in PROSE_SUFFIXES
        lines = _LineIndex(pieces)
        markers = _Markers(pieces)
        for finding in findings:
            level = levels.of(finding.rule, prose)
            if level == OFF:
                continue
            finding.level = level
            placed = _place(finding, pieces, path, lines)
            if markers.silence(placed, finding.piece) or any(
                i.covers(placed) for i in ignores or []
            ):
                result.silenced += 1
                continue
            result.placed.append(placed)
    return result


def _draft_language(pieces: list[Piece], texts: list[str]) -> str:
    """The language the draft declares for most of its text (a PO header's `pt_BR` as
    pt-BR, an XLIFF target-language); else the one its text reads as."""
    declared = Counter(p.lang for p in pieces if p.lang)
    if declared:
        tag = known_tag(tag_from_locale(declared.most_common(1)[0][0]))
        if tag is not None:
            return tag  # else a tag that names no language: the text decides
    return guess_language("\n".join(texts))


def _memory_targets(
    memory: TranslationMemoryStore, placed_units: list[tuple[Unit, Placement]]
) -> dict[tuple[str, str], set[str]]:
    """The translation memory's exact targets for each source of the drafts, in the
    language of each unit's target: (language, source) → targets."""
    languages = memory.main_languages()
    src_lang = languages[0] if languages else "und"
    found: dict[tuple[str, str], set[str]] = {}
    for unit, place in placed_units:
        source = unit.source.strip()
        if (place.lang, source) in found:
            continue
        matches = memory.lookup(source, src_lang, place.lang if place.lang != "und" else None, 100)
        found[place.lang, source] = {m.tgt.strip() for m in matches if m.score >= 100}
    return {key: targets for key, targets in found.items() if targets}


def _piece_language(piece: Piece, draft_lang: str) -> str:
    """The language of a piece's text: its own declared tag (a multilingual TMX's `de`
    beside its `fr`), else the draft's."""
    if piece.lang:
        tag = known_tag(tag_from_locale(piece.lang))
        if tag is not None:
            return tag
    return draft_lang


def _sources(
    pieces: list[Piece], source: str | None, encoding: str | None
) -> list[str | None] | None:
    """Each piece's source text: from the file itself, else from --source, line for line
    when the counts agree, else by parallel alignment (1-1 pairs only)."""
    if source is None:
        own = [p.source for p in pieces]
        return own if any(s is not None for s in own) else None
    given = source_pieces(source, encoding)
    if len(given) == len(pieces):
        return list(given)
    from tmkit.align.parallel import align_parallel  # numpy and the aligner, only for this

    targets = [i for i, p in enumerate(pieces) if p.text.strip()]
    sources = [s for s in given if s.strip()]
    paired: list[str | None] = [None] * len(pieces)
    for bead in align_parallel(sources, [pieces[i].text for i in targets]):
        if len(bead.src) == 1 and len(bead.tgt) == 1:
            paired[targets[bead.tgt[0]]] = sources[bead.src[0]]
    return paired


class _LineIndex:
    """Where each line of each piece starts, found once a piece: a draft of one long line
    with thousands of findings is not rescanned for each."""

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._starts: dict[int, list[int]] = {}

    def line_of(self, index: int, offset: int) -> tuple[int, int, int]:
        """The line number within the piece (0-based), and where that line starts and ends."""
        starts = self._starts.get(index)
        text = self._pieces[index].text
        if starts is None:
            starts = self._starts[index] = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        number = bisect_right(starts, offset) - 1
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(text)
        return number, starts[number], end


def _place(finding: Finding, pieces: list[Piece], path: str, lines: _LineIndex) -> Placed:
    piece = pieces[finding.piece]
    number, line_start, line_end = lines.line_of(finding.piece, finding.start)
    if number:
        line, column = piece.line + number, finding.start - line_start + 1
    else:
        line, column = piece.line, piece.column + finding.start
    span = max(min(finding.end, line_end) - finding.start, 1)
    # The line as shown: the finding with up to CONTEXT_CHARS either side, so a long line
    # (a whole paragraph, a file of one line) is not printed once for each finding.
    shown_start = max(line_start, finding.start - CONTEXT_CHARS)
    shown_end = min(line_end, finding.start + span + CONTEXT_CHARS)
    before = "…" if shown_start > line_start else ""
    after = "…" if shown_end < line_end else ""
    line_text = before + piece.text[shown_start:shown_end] + after
    offset = len(before) + finding.start - shown_start
    return Placed(finding, path, line, column, column + span, line_text, offset)


class _Markers:
    """The inline `tmkit-ignore` marker of each piece, read once a piece."""

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._found: dict[int, regex.Match | None] = {}

    def _marker(self, index: int) -> regex.Match | None:
        if index not in self._found:
            self._found[index] = _MARKER.search(self._pieces[index].text)
        return self._found[index]

    def silence(self, placed: Placed, index: int) -> bool:
        """Whether a marker on the finding's piece or the one before it silences it."""
        for before in range(max(index - 1, 0), index + 1):
            marker = self._marker(before)
            if marker is None:
                continue
            if before != index and self._pieces[index].line - self._pieces[before].line > 1:
                continue
            rules = marker.group("rules")
            if rules is None or placed.finding.rule in {r.strip() for r in rules.split(",")}:
                return True
        return False


def describe(placed: Placed) -> str:
    """`file:line:col: severity rule: message`, the line, and a caret under the span."""
    f = placed.finding
    head = f"{placed.file}:{placed.line}:{placed.column}: {f.severity} {f.rule}: {f.message}"
    # Control characters (a catalogue may hold them) shown as \xNN, the caret kept under
    # the span as shown.
    text, start = placed.line_text, placed.offset
    before = printable(text[:start])
    span = printable(text[start : start + max(placed.end_column - placed.column, 1)])
    indent = "".join("\t" if c == "\t" else " " for c in before)
    caret = indent + "^" + "~" * max(len(span) - 1, 0)
    return f"{printable(head)}\n    {printable(text)}\n    {caret}"
