"""SRX 2.0 segmentation rules: read any .srx file and apply its rules with SRX's semantics.

At each position between two characters the rules of the language's cascade are tried in
order and the first whose <beforebreak> matches the text ending there and whose <afterbreak>
matches the text starting there decides: break or no break. To stay fast, each break rule
finds its candidate positions in one scan of the text, and only those positions are checked
against the ordered rules, with runs of consecutive rules of the same kind compiled into one
pattern. A scan runs either forwards (look-behind, then look-ahead, at every position) or
backwards with the `regex` module's reverse mode, where the engine skips straight to where
<beforebreak> can end; both find the same positions, and each rule takes the faster.

Every scan and match runs under a time budget (`regex`'s timeout), so a rule that
backtracks catastrophically stops the segmenter with an error naming the SRX file and the
rule's line instead of running for ever.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex
from lxml import etree

from tmkit.errors import InputError
from tmkit.reading.structure import edit_breaks
from tmkit.textio import read_bytes

SRX_NAMESPACES = ("http://www.lisa.org/srx20", "http://www.lisa.org/srx10")
# Java regex idioms that SRX files written for Okapi or LanguageTool use, and their equivalents.
_JAVA_IDIOMS = (
    (r"\p{javaLowerCase}", r"\p{Ll}"),
    (r"\p{javaUpperCase}", r"\p{Lu}"),
    (r"\p{javaLetter}", r"\p{L}"),
    (r"\p{javaDigit}", r"\p{Nd}"),
    (r"\p{javaWhitespace}", r"\s"),
    (r"\p{IsAlphabetic}", r"\p{Alphabetic}"),
    (r"\p{IsLetter}", r"\p{L}"),
    (r"\p{IsDigit}", r"\p{Nd}"),
    (r"\p{IsUppercase}", r"\p{Lu}"),
    (r"\p{IsLowercase}", r"\p{Ll}"),
    (r"\p{IsPunctuation}", r"\p{P}"),
    (r"\h", r"[ \t\u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]"),
)
_QUOTED = regex.compile(r"\\Q(.*?)(?:\\E|$)", regex.DOTALL)
# Text on which each break rule times its two scan directions once, to pick the faster.
_CALIBRATION_TEXT = (
    "Mr. Smith said: “It’s 3.5 percent… really?” He left at 5 p.m. (on Nov. 22). "
    "The U.S. and the E.U. agreed! « Oui. » Agenda: • trade • energy. 会议开始了。总统发言。\n"
) * 40


# Seconds a rule may take on a text: far above what any sane rule needs (tmkit's own run at
# several MB/s each), low enough that a catastrophic one is stopped quickly.
_BUDGET_BASE = 2.0
_BUDGET_PER_CHAR = 1e-5


def _budget(length: int) -> float:
    return _BUDGET_BASE + length * _BUDGET_PER_CHAR


@dataclass(frozen=True, slots=True)
class Rule:
    """One SRX rule: whether it breaks, the patterns on either side of the position, and
    where it stands in its file."""

    breaks: bool
    before: str
    after: str
    line: int | None = None


@dataclass(slots=True)
class SrxRules:
    """A parsed SRX document: named rule lists and the map from language codes to them."""

    cascade: bool = True
    language_rules: dict[str, list[Rule]] = field(default_factory=dict)
    maps: list[tuple[regex.Pattern[str], str]] = field(default_factory=list)
    source: str = "<srx>"

    def rules_for(self, lang: str) -> list[Rule]:
        """The ordered rules that apply to a language: all matching maps when cascading."""
        rules: list[Rule] = []
        for pattern, name in self.maps:
            if pattern.fullmatch(lang):
                rules.extend(self.language_rules.get(name, []))
                if not self.cascade:
                    break
        return rules


def java_to_python(pattern: str) -> str:
    """Rewrite the Java regex idioms SRX files use into `regex` module syntax."""
    pattern = _QUOTED.sub(lambda m: regex.escape(m.group(1)), pattern)
    for java, python in _JAVA_IDIOMS:
        pattern = pattern.replace(java, python)
    return pattern


def parse_srx(data: bytes, source: str, *, check_rules: bool = True) -> SrxRules:
    """Parse SRX 1.0/2.0 bytes; malformed XML, wrong root or bad regexes raise InputError.
    `check_rules=False` skips compiling each rule on its own, for rules known to compile."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(source, f"not well-formed XML: {exc.msg}", line=exc.lineno) from None
    ns = etree.QName(root).namespace
    if etree.QName(root).localname != "srx" or ns not in SRX_NAMESPACES:
        raise InputError(source, "not an SRX file (root element is not srx)", line=root.sourceline)
    q = f"{{{ns}}}"
    header = root.find(f"{q}header")
    srx = SrxRules(source=source)
    srx.cascade = header is not None and header.get("cascade", "no").lower() == "yes"
    if root.get("version", "2.0").startswith("1"):
        srx.cascade = False
    for langrule in root.iterfind(f"{q}body/{q}languagerules/{q}languagerule"):
        name = langrule.get("languagerulename")
        if not name:
            raise InputError(source, "languagerule without languagerulename", langrule.sourceline)
        rules = []
        for rule in langrule.iterfind(f"{q}rule"):
            before = rule.findtext(f"{q}beforebreak") or ""
            after = rule.findtext(f"{q}afterbreak") or ""
            parsed = Rule(rule.get("break", "yes").lower() != "no", before, after, rule.sourceline)
            if check_rules:
                _compile_rule(parsed, source, rule.sourceline)
            rules.append(parsed)
        srx.language_rules[name] = rules
    for langmap in root.iterfind(f"{q}body/{q}maprules/{q}languagemap"):
        pattern, name = langmap.get("languagepattern"), langmap.get("languagerulename")
        if pattern is None or name is None:
            raise InputError(
                source, "languagemap needs languagepattern and languagerulename", langmap.sourceline
            )
        if name not in srx.language_rules:
            raise InputError(
                source, f"languagemap names unknown languagerule {name!r}", langmap.sourceline
            )
        try:
            srx.maps.append((regex.compile(java_to_python(pattern), regex.IGNORECASE), name))
        except regex.error as exc:
            raise InputError(
                source, f"bad languagepattern {pattern!r}: {exc}", langmap.sourceline
            ) from None
    if not srx.maps:
        raise InputError(source, "SRX file maps no language to rules (no languagemap)")
    return srx


def _lookaround(rule: Rule) -> str:
    before = f"(?<={java_to_python(rule.before)})" if rule.before else ""
    after = f"(?={java_to_python(rule.after)})" if rule.after else ""
    return before + after or "(?:)"


_NUMBERED_BACKREFERENCE = regex.compile(r"(?<!\\)(?:\\\\)*\\(?:[1-9]|g<\d+>)")


def _numbered_backreference(rule: Rule) -> bool:
    return bool(_NUMBERED_BACKREFERENCE.search(rule.before + rule.after))


def _compile_rule(rule: Rule, source: str, line: int | None) -> None:
    try:
        regex.compile(_lookaround(rule))
    except regex.error as exc:
        raise InputError(source, f"bad rule regex: {exc}", line) from None


def load_srx(path: str) -> SrxRules:
    """Read an SRX file from disk."""
    return parse_srx(read_bytes(path), path)


@cache
def default_rules() -> SrxRules:
    """tmkit's own SRX rules, shipped in the package (the tests check that each compiles)."""
    data = resources.files("tmkit").joinpath("data/srx/tmkit.srx").read_bytes()
    return parse_srx(data, "tmkit.srx", check_rules=False)


class RuleTimeout(Exception):
    """A rule ran past its time budget: it backtracks catastrophically on this text."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.rule = rule


class _RuleScanner:
    """Finds every position where one rule's two sides match, in the faster direction."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self._forward = regex.compile(_lookaround(rule))
        self._reverse = None
        if rule.before:
            after = f"(?={java_to_python(rule.after)})" if rule.after else ""
            self._reverse = regex.compile(f"(?r)(?:{java_to_python(rule.before)}){after}")
            if _scan_time(self._forward_positions) <= _scan_time(self._reverse_positions):
                self._reverse = None

    def positions(self, text: str, start: int, end: int) -> list[int]:
        """Positions in text[start:end] where the rule matches (unordered, maybe repeated)."""
        scan = self._forward_positions if self._reverse is None else self._reverse_positions
        try:
            return list(scan(text, start, end))
        except TimeoutError:
            raise RuleTimeout(self.rule) from None

    def _forward_positions(self, text: str, start: int, end: int) -> Iterator[int]:
        found = self._forward.finditer(text, start, end, timeout=_budget(end - start))
        return (m.start() for m in found)

    def _reverse_positions(self, text: str, start: int, end: int) -> Iterator[int]:
        assert self._reverse is not None
        found = self._reverse.finditer(
            text, start, end, overlapped=True, timeout=_budget(end - start)
        )
        return (m.end() for m in found)


def _scan_time(scan) -> float:
    began = time.perf_counter()
    for _ in scan(_CALIBRATION_TEXT, 0, len(_CALIBRATION_TEXT)):
        pass
    return time.perf_counter() - began


class Segmenter:
    """Sentence breaker for one language under one set of SRX rules."""

    def __init__(
        self,
        rules: SrxRules,
        lang: str,
        *,
        structure: bool = False,
        candidates: Callable[[str, int, int], set[int]] | None = None,
    ) -> None:
        """`candidates(text, start, end)`, when given, finds in one scan a superset of the
        positions where any break rule can match (tmkit's own rules have one); else each
        break rule scans."""
        ordered = rules.rules_for(lang)
        self.lang = lang
        self.source = rules.source
        self.structure = structure
        self._candidates = candidates
        self._scanners = []
        for rule in ordered if candidates is None else []:
            if rule.breaks:
                try:
                    self._scanners.append(_RuleScanner(rule))
                except TimeoutError:  # timing its scans ran into endless backtracking
                    raise self._timeout(RuleTimeout(rule)) from None
        # Runs of consecutive rules of one kind, compiled into one pattern, with their rules
        # (a user's rules; tmkit's own go in one cascade, below).
        runs: list[list[Rule]] = []
        for rule in ordered if candidates is None else []:
            # A rule with a numbered back-reference leads its run: after other rules' groups
            # its numbers would point at theirs.
            if runs and runs[-1][0].breaks == rule.breaks and not _numbered_backreference(rule):
                runs[-1].append(rule)
            else:
                runs.append([rule])
        self._groups: list[tuple[bool, regex.Pattern[str], list[Rule]]] = [
            (run[0].breaks, regex.compile("|".join(_lookaround(r) for r in run)), run)
            for run in runs
        ]
        # tmkit's own rules (those with a candidate scan), whole cascade in one pattern: at a
        # position the alternatives are tried in rule order, so the first rule that matches
        # decides, and a break rule's alternative ends in an empty group that says so. They
        # hold no back-references (which joining would renumber) and no nested repeats, so
        # they need no time budget; a user's rules keep theirs, run by run.
        self._cascade = (
            None
            if candidates is None
            else regex.compile(
                "|".join(
                    f"(?:{_lookaround(r)}{'(?P<tmkit_break>)' if r.breaks else ''})"
                    for r in ordered
                )
            )
        )

    def _timeout(self, exc: RuleTimeout) -> InputError:
        rule = exc.rule
        shown = f"<beforebreak>{rule.before}</beforebreak> <afterbreak>{rule.after}</afterbreak>"
        return InputError(
            self.source,
            f"rule {shown[:120]} took more than its time budget (catastrophic backtracking?)",
            rule.line,
        )

    def breaks(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """Positions in text[start:end] where the rules put a segment break; a rule that runs
        past its time budget raises InputError naming the SRX file and the rule's line."""
        end = len(text) if end is None else end
        return self.breaks_in_blocks(text, [(start, end)])[0]

    def breaks_in_blocks(self, text: str, blocks: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The breaks of each (start, end) block of text, found in one scan a rule over the
        span the blocks cover: a block boundary is a hard break, and no rule looks past the
        end of its block."""
        if not blocks:
            return []
        low, high = min(b[0] for b in blocks), max(b[1] for b in blocks)
        try:
            if self._candidates is not None:
                ordered = sorted(self._candidates(text, low, high))
            else:
                candidates: set[int] = set()
                for scanner in self._scanners:
                    candidates.update(scanner.positions(text, low, high))
                ordered = sorted(candidates)
            return [self._confirmed(text, ordered, start, end) for start, end in blocks]
        except RuleTimeout as exc:
            raise self._timeout(exc) from None

    def _confirmed(self, text: str, candidates: list[int], start: int, end: int) -> list[int]:
        """The candidates inside (start, end) where the first matching rule breaks. The rules
        read the block alone, so no rule looks before its start either (a stop at the end of
        one paragraph does not make a closing quote opening the next one a sentence's end)."""
        inside = candidates[bisect_right(candidates, start) : bisect_left(candidates, end)]
        if not inside:
            return []
        block = text[start:end]
        if self._cascade is not None:
            cascade = self._cascade.match
            return [
                pos
                for pos in inside
                if (decided := cascade(block, pos - start)) and decided.lastgroup == "tmkit_break"
            ]
        budget = _budget(end - start)
        found = []
        for pos in inside:
            for breaks, pattern, members in self._groups:
                try:
                    matched = pattern.match(block, pos - start, timeout=budget)
                except TimeoutError:
                    slow = next(
                        (r for r in members if _too_slow(r, block, pos - start)), members[0]
                    )
                    raise RuleTimeout(slow) from None
                if matched:
                    if breaks:
                        found.append(pos)
                    break
        return found

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Segment spans in text[start:end], whitespace trimmed, empty ones left out."""
        end = len(text) if end is None else end
        return self.spans_in_blocks(text, [(start, end)])[0]

    def spans_in_blocks(
        self, text: str, blocks: Sequence[tuple[int, int]]
    ) -> list[list[tuple[int, int]]]:
        """Segment spans of each (start, end) block, the whole document in one pass."""
        out = []
        for (start, end), breaks in zip(blocks, self.breaks_in_blocks(text, blocks), strict=True):
            if self.structure:
                breaks = edit_breaks(text, start, end, breaks)
            out.append(_trimmed_spans(text, start, end, breaks))
        return out


def _trimmed_spans(text: str, start: int, end: int, breaks: list[int]) -> list[tuple[int, int]]:
    spans = []
    prev = start
    for pos in [*breaks, end]:
        s, e = prev, pos
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        prev = pos
    return spans


def _too_slow(rule: Rule, text: str, pos: int, end: int | None = None) -> bool:
    """Whether this one rule runs past its budget at `pos` (to name the rule of a group)."""
    end = len(text) if end is None else end
    try:
        regex.compile(_lookaround(rule)).match(text, pos, end, timeout=_budget(end - pos))
    except TimeoutError:
        return True
    return False


@cache
def segmenter_for(lang: str) -> Segmenter:
    """A cached Segmenter for a language under tmkit's own rules and list pass."""
    return Segmenter(default_rules(), lang, structure=True, candidates=own_candidates)


# Every break rule of tmkit.srx breaks only where one of these ends: a stop (another script's
# too, and Greek's semicolon and Armenian's colon), a closing quote or bracket or a raised
# reference mark ("2023.² Its") before white space, a stop glued to a capitalised word, a
# reference number after a stop, an ideographic, Ethiopic, Myanmar or Khmer stop, or
# anything before an inline bullet. One scan for them
# replaces a scan a rule; the tests check the superset on random text in every language.
# These patterns are linear (no budget needed). The standard library's faster engine finds
# the stops: its white space (str.isspace) is wider than `regex`'s, so it finds a superset
# of what the rules see.
_STOP_CANDIDATES = re.compile(r"[.!?…‼⁇⁈⁉．;:\u037e։।॥۔؟።፧፨။។៕\"'”’»“‘)\]⁰¹²³⁴-⁹](?=\s)")
# Reference numbers after a stop (`martyr.[1]`, `consultation.11 12`): a rule may break
# after any of them, so each number's end is a candidate.
_REFERENCES = re.compile(r"[.!?][\"'”’»)]*\d{1,3}(?:\s\d{1,3})*")
_NUMBER = re.compile(r"\d{1,3}")
# A stop glued to the next sentence's first word ("world.Today"): a capital, then a small letter.
_GLUED_STOPS = regex.compile(r"(?<=[\p{Ll}\d]{2})[.!?](?=\p{Lu}\p{Ll})")
_IDEOGRAPHIC_STOPS = "。！？．"
# `regex`, as the rules: its narrower white space decides what may follow the stop.
_IDEOGRAPHIC_CANDIDATES = regex.compile(r"[。！？．]+[」』”’）]*(?=[^\s」』”’）。！？．])")
# Ethiopic, Myanmar and Khmer stops, which need no space after them.
_UNSPACED_STOPS = "።፧፨။។៕"
_UNSPACED_STOP_CANDIDATES = regex.compile(r"[።፧፨။។៕]+[\"'”’»)\]]*(?=[^\s\"'”’»)\]።፧፨။។៕])")
# Stops that need no space after them, each set scanned for only where one of it is there.
_STOPS_WITHOUT_SPACE = (
    (_IDEOGRAPHIC_STOPS, _IDEOGRAPHIC_CANDIDATES),
    (_UNSPACED_STOPS, _UNSPACED_STOP_CANDIDATES),
)
_BULLETS = re.compile(r"[•▪◦●■⁃]")
_SPACE_BEFORE = regex.compile(r"\s+", regex.REVERSE)  # matched back from a bullet


def own_candidates(text: str, start: int, end: int) -> set[int]:
    """Where in text[start:end] one of tmkit's own break rules can break."""
    found = {m.end() for m in _STOP_CANDIDATES.finditer(text, start, end)}
    for references in _REFERENCES.finditer(text, start, end):
        found.update(m.end() for m in _NUMBER.finditer(text, *references.span()))
    found.update(m.end() for m in _GLUED_STOPS.finditer(text, start, end))
    for stops, candidates in _STOPS_WITHOUT_SPACE:
        if any(text.find(stop, start, end) >= 0 for stop in stops):
            found.update(m.end() for m in candidates.finditer(text, start, end))
    for bullet in _BULLETS.finditer(text, start, end):
        # The white space before it, as the rules' `regex` counts white space (str.isspace
        # also counts the separators U+001C-U+001F, which Unicode's White_Space does not).
        space = _SPACE_BEFORE.match(text, start, bullet.start())
        if space and start < space.start() < bullet.start():  # text, white space, bullet
            found.add(space.start())
    return found
