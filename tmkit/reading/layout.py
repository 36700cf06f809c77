"""Tell a scraped page's text from its furniture: classify each line-level unit of a document."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import regex

from tmkit.brill import english_verb_forms
from tmkit.datafiles import data_lines
from tmkit.reading.dates import find_dates
from tmkit.reading.names import is_office, split_role
from tmkit.scripts import INVISIBLE, visible


@dataclass(slots=True)
class Unit:
    """A paragraph-sized stretch of source text; `offset` is its place in the decoded source."""

    line: int
    offset: int | None
    text: str
    tag: str | None = None  # the HTML element it came from, when it did
    # Where each line after the first starts, in the text and in the source, when lines were
    # joined: the line break and spaces between them are not in the text.
    joins: tuple[tuple[int, int], ...] = ()

    def source_offset(self, position: int) -> int | None:
        """The place in the source of the text's character at `position`."""
        if self.offset is None:
            return None
        text_start, source_start = 0, self.offset
        for text_at, source_at in self.joins:
            if text_at > position:
                break
            text_start, source_start = text_at, source_at
        return source_start + position - text_start


_INVISIBLE = regex.compile(f"[{INVISIBLE}]")


def without_invisible(unit: Unit) -> Unit:
    """The unit without invisible characters ("commit\u00adtee" is "committee" to a reader,
    and to a glossary or a TM look-up), its offsets into the source kept."""
    if unit.text.isascii() or not _INVISIBLE.search(unit.text):
        return unit
    cuts = [match.start() for match in _INVISIBLE.finditer(unit.text)]
    text = visible(unit.text)
    if unit.offset is None:
        return Unit(unit.line, None, text, unit.tag, unit.joins)
    # Where the old text's mapping to the source changes (its joins, and after each cut), as
    # places in the new text.
    places = sorted({at for at, _ in unit.joins} | {cut + 1 for cut in cuts})
    joins = tuple((at - bisect_left(cuts, at), unit.source_offset(at) or 0) for at in places)
    # A text that opened with one starts past it in the source too.
    offset = next((source for at, source in reversed(joins) if at == 0), unit.offset)
    return Unit(unit.line, offset, text, unit.tag, tuple(j for j in joins if j[0] > 0))


@dataclass(slots=True)
class Classified:
    """A unit with its kind (a Block kind) or, when it is debris, the reason it is dropped."""

    unit: Unit
    kind: str | None
    reason: str | None = None
    speaker: str | None = None
    role: str | None = None
    retranslated: bool = False
    label_end: int = 0  # chars of unit text taken by a speaker label ("Name (note): ")


_BULLET = regex.compile(r"^(?:[•·▪◦●■□►▶➤✓✔]|[*\-](?=\s))\s*")
# Emoji and symbols a line may open with (flags before a tweet's text), stripped from it.
DECORATION = regex.compile(
    r"^(?:[\p{So}\p{Sk}\p{Emoji_Presentation}\p{Regional_Indicator}\u200d\ufe0f\u20e3]\s*)+"
)
# Any text a trailing link can start with: most lines hold none, and skip the scan below.
_MAY_HOLD_URL = re.compile(r"https?:|www\.|pic\.twitter")
# Patterns anchored at the end are searched backwards (REVERSE), from where they must end.
# A link after the text, as a tweet or a share button appends it; not one the sentence ends
# with its stop ("…at https://example.org.").
_TRAILING_URL = regex.compile(
    r"\s+(?:pic\.twitter\.com/\S+|https?://\S+|www\.\S+)(?<![.!?][\"'”’»)\]]*)$", regex.REVERSE
)
# The word for "page" before a page's number, in the languages tmkit reads.
_PAGE = r"(?i:page|seite|página|pagina|p\.|стр\.|страница)"
# A page's number standing alone: "3", "- 3 -", "Page 3", "Page 3 of 9", "p. 3", "3/9".
_PAGE_NUMBER = regex.compile(
    r"[-–—]?\s*(?P<number>\d{1,3})\s*[-–—]?"
    rf"|{_PAGE}\s*(?P<number>\d{{1,4}})"
    r"(?:\s*(?i:of|/|von|de|di|sur|из)\s*\d{1,4})?"
    r"|(?P<number>\d{1,4})\s*/\s*\d{1,4}"
)
_DIGITS = regex.compile(r"\d+")
_PAGE_WORD = regex.compile(rf"\b{_PAGE}\s*\d")
_LETTER_WORD = regex.compile(r"\p{L}{2,}")
# Words of a title a running head carries besides its page number.
_MIN_RUNNING_WORDS = 3
# Page furniture recurs on this many pages at least before it is read as such, with more
# than this many units between (a page's text), counting up by at most this many (a page
# without text leaves no number).
_MIN_PAGES = 2
_MIN_PAGE_UNITS = 1
_MAX_PAGE_STEP = 3
# A running head or foot is a short line: a title, a date, a page's number.
_MAX_RUNNING_CHARS = 120
# A numbered section's heading: "1. Definitions", "2.3 Scope", "IV. Findings".
_SECTION_NUMBER = regex.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.)\s+\p{L}")
_SECTION_BREAK = regex.compile(r"^(?:[*•·#~=_\-–—]\s*){3,}$")
# A caption: a position in brackets or a credit after a bar, anywhere; or a lead word. A
# position's letter is a capital: "(c)" is a list's third item, not the centre.
_CAPTION_MARK = regex.compile(
    r"\((?:L|R|C|(?i:left|right|cent(?:er|re)|top|bottom|far left|far right))\)"
    r"|(?i:\|\s*(?:photos?|image|foto|video|source)\s*:)"
)
# A stop, then a sentence's capital: a caption with a position mark is one sentence ("Rep.
# Jane Doe (R) said… She spoke…" is prose).
_SENTENCE_BREAK = regex.compile(r"[.!?]\s+\p{Lu}")
# A lead word and a colon or a spaced dash: "Photo: …", "Image — …" ("Image-guided surgery"
# is prose).
_CAPTION_LEAD = regex.compile(
    r"(?:photo|image|pictured|file photo)(?:\s*:|\s+[—–-]\s)", regex.IGNORECASE
)
_PARENTHESISED = regex.compile(r"^\([^()]*\)$")
_ATTRIBUTION = regex.compile(r"^[—–―]\s*\S")
# A line of dialogue opens with a dash too (Russian, Spanish, French, Italian fiction and
# interviews): it ends as a sentence does, or a dash brings in its speaker in lower case
# ("— Я не знаю, — сказал он", "—No lo sé —dijo él"). An attribution names a source.
_DIALOGUE = regex.compile(r"[.!?…][\p{Pf}\p{Pe}\"']*\s*$|\s[—–―]\s*\p{Ll}|[—–―]\p{Ll}")
# A lead word with nothing but a colon, "on" or "at" before its date: "Updated: 3 May 2024",
# "Published on 9 May" ("Updated guidelines were issued on 3 May" is a sentence).
_DATELINE_LEAD = regex.compile(
    r"^(?:published|updated|posted|last updated|date)\b[\s:,|\-–—]*(?:(?:on|at)\s+)?", regex.I
)
_TERMINAL = regex.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”»]$", regex.REVERSE)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*")
_WHITE_SPACE = regex.compile(r"\s+")
_SPEAKER = regex.compile(
    r"^(?P<label>\p{Lu}[\p{L}\p{M}'’.\-]*"
    r"(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|of|the|and|de|del|la|los|da|do|dos|von|van|der|du|al|bin|y))*?)"
    r"\s*(?:\((?P<note>[^()]{1,40})\))?\s*:(?:\s+(?P<rest>\S.*))?$",
    regex.DOTALL,
)
_SPEAKER_CONNECTOR_END = regex.compile(
    r"\s(?:of|the|and|de|del|la|los|da|do|dos|von|van|der|du|al|bin|y)$"
)
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up upon via with vs "
    "de del la le les el los las et y e und der die das von zu di da do dos du".split()
)
# Furniture is short: no menu, share bar, counter, byline or breadcrumb runs this long.
_MAX_FURNITURE_CHARS = 300
# Ten words of at most a few dozen characters each.
_MAX_DATELINE_CHARS = 200
# A caption names who is pictured, where and when, and credits it: an AP caption with its
# credit runs to about 40 words; a line longer than this is prose whatever marks it holds.
_MAX_CAPTION_WORDS = 60
# Above this many words a line without a final stop is prose, not a title.
_MAX_HEADLINE_WORDS = 25
# Characters of a paragraph's first stretch in which its words are counted (see _words_up_to).
_CHARS_PER_WORD = 8
# The furniture reasons that only a web page's text has: a site's name above its headline
# is a masthead only where the page shows one of these.
WEB_FURNITURE = frozenset(
    {"menu", "share", "settings", "comments", "counter", "author", "byline", "breadcrumb"}
    | {"site"}
)  # not "url" or "credit": a report's references and tables have them
# Title-like lines above the first paragraph shorter than this, besides the headline, are
# mastheads and taglines.
_MIN_KEPT_PREAMBLE_WORDS = 8


@cache
def _furniture() -> tuple[regex.Pattern[str], list[str]]:
    """All furniture rules as one pattern, one named alternative a rule in file order (the
    first that matches the whole line wins, as rule by rule), and each alternative's reason."""
    reasons, alternatives = [], []
    for number, line in enumerate(data_lines("furniture.txt")):
        reason, pattern = line.split("\t", 1)
        reasons.append(reason)
        alternatives.append(f"(?P<rule{number}>{pattern})")
    return regex.compile("|".join(alternatives), regex.IGNORECASE), reasons


def one_spaced(text: str) -> str:
    """Text with each run of white space made one space and none at its ends, as a reader
    of a rendered page (HTML, Markdown, a word processor's, a subtitle's) sees it."""
    return _WHITE_SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Word tokens, as the layout rules count them."""
    return _WORD.findall(text)


def _words_up_to(text: str, limit: int) -> int:
    """How many words a text has, counted up to `limit`: a long paragraph's count stops in
    its first stretch long enough to hold that many (a prefix's words are the text's, its
    last perhaps cut short)."""
    stretch = limit * _CHARS_PER_WORD
    if len(text) > stretch and len(_WORD.findall(text, 0, stretch)) >= limit:
        return limit
    return len(_WORD.findall(text))


def is_title_case(text: str) -> bool:
    """True for Headline Style Capitalisation: almost every content word capitalised."""
    content = [w for w in words(text) if w.lower() not in _FUNCTION_WORDS and w[0].isalpha()]
    if len(content) < 3:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def reads_as_headline(text: str) -> bool:
    """Whether a Title Case line reads as another article's headline, which has a verb in
    the present ("Cuban President and Dmitri Medvedev Hold Meeting", "Russia Has Stood by…"),
    not as a section's heading ("The Long Road Home", "Install the Software", "How to Install
    It", "Getting Started"; a question is an FAQ's heading, a line in capitals a warning).
    The verbs are the English tagger's lexicon's; with no verb found the line is kept."""
    if text.rstrip().endswith("?") or not any(c.islower() for c in text):
        return False  # a question, or a line in capitals: a warning, a shouted heading
    verbs = english_verb_forms()
    lowered = [w.lower() for w in words(text)]
    return any(
        verbs.get(word) in {"VBZ", "VBP"}
        or (verbs.get(word) == "VB" and position and lowered[position - 1] != "to")
        for position, word in enumerate(lowered)
    )


def is_prose(text: str, word_count: int | None = None) -> bool:
    """True for running text: ends like a sentence, or is too long to be a title."""
    if _TERMINAL.search(text):
        return True
    return (len(words(text)) if word_count is None else word_count) > _MAX_HEADLINE_WORDS


def furniture_reason(text: str) -> str | None:
    """Why a line is site furniture, or None when it is not."""
    if len(text) > _MAX_FURNITURE_CHARS:
        return None
    pattern, reasons = _furniture()
    match = pattern.fullmatch(text)
    if match is None:
        return None
    rule = next(name for name, value in match.groupdict().items() if value is not None)
    return reasons[int(rule[len("rule") :])]


def trim_unit(unit: Unit) -> tuple[Unit, list[tuple[str, str]]]:
    """Strip leading emoji and a trailing link; return the unit and what was cut. A bullet
    stays: it is part of the item's text, and `classify` looks past it."""
    cut: list[tuple[str, str]] = []
    text, offset = unit.text, unit.offset
    if _SECTION_BREAK.match(text):
        return unit, cut
    joins = unit.joins
    match = DECORATION.match(text)
    if match and match.end() < len(text):
        cut_at = match.end()
        text, offset = text[cut_at:], unit.source_offset(cut_at)
        joins = tuple((at - cut_at, source) for at, source in joins if at > cut_at)
    match = _TRAILING_URL.search(text) if _MAY_HOLD_URL.search(text) else None
    if match and len(words(text[: match.start()])) >= 3:
        cut.append(("url", match.group().strip()))
        text = text[: match.start()]
    return Unit(unit.line, offset, text, unit.tag, joins), cut


def classify(
    units: list[Unit],
    *,
    continued: bool = False,
    speaker: Classified | None = None,
    transcript: bool = False,
) -> list[Classified]:
    """Give every unit a block kind or a reason to drop it, using the document as context;
    `continued` units come from further into a long document, so they have no preamble, and
    `speaker` is whoever was speaking where the units before them ended, and `transcript`
    says the units before them read as a transcript."""
    labels = _speaker_labels(units, transcript)
    known = {name for name, _ in labels.values() if name}
    out = [_classify_alone(unit, labels.get(i), known) for i, unit in enumerate(units)]
    _drop_page_furniture(out)
    from_the_web = any(c.reason in WEB_FURNITURE for c in out)
    if not continued:
        _resolve_preamble(out, from_the_web)
    _resolve_body(out, speaker, from_the_web)
    return out


def without_bullet(text: str) -> str:
    """A line's text past its leading bullet, which furniture patterns are written against."""
    if _SECTION_BREAK.match(text):
        return text
    return _BULLET.sub("", text, count=1) or text


def _classify_alone(unit: Unit, label: tuple[str, str] | None, known: set[str]) -> Classified:
    text = without_bullet(unit.text)
    if _SECTION_BREAK.match(text):
        return Classified(unit, "section_break")
    reason = furniture_reason(text)
    if reason:
        return Classified(unit, None, reason)
    word_count = _words_up_to(text, _MAX_CAPTION_WORDS + 1)
    if unit.tag == "figcaption" or (
        word_count <= _MAX_CAPTION_WORDS and (_is_caption(text) or _PARENTHESISED.match(text))
    ):
        return Classified(unit, "caption")
    if _ATTRIBUTION.match(text) and word_count <= 15 and not _DIALOGUE.search(text):
        return Classified(unit, "attribution")
    if _is_dateline(text, word_count):
        return Classified(unit, "dateline")
    if label is not None:
        match = _SPEAKER.match(unit.text)
        assert match is not None
        name, role = split_role(label[0], known)
        end = match.start("rest") if match["rest"] else len(unit.text)
        return Classified(
            unit,
            "speaker",
            speaker=name,
            role=role,
            retranslated=bool(match["note"] and "retranslat" in match["note"].lower()),
            label_end=end,
        )
    if unit.tag in _HEADING_KINDS:
        return Classified(unit, _HEADING_KINDS[unit.tag])
    return Classified(unit, "paragraph" if is_prose(text, word_count) else "title")


# The block kind a heading element gives, cleaning or not.
_HEADING_KINDS = {"h1": "headline", "h2": "headline"} | dict.fromkeys(
    ("h3", "h4", "h5", "h6"), "heading"
)


def kind_of_element(unit: Unit) -> str:
    """A unit's block kind by the element it came from alone, for input with no web debris:
    a heading's (a Word or OpenDocument heading style, a Markdown or HTML heading), else a
    paragraph."""
    return _HEADING_KINDS.get(unit.tag or "", "paragraph")


def _is_caption(text: str) -> bool:
    """Whether a short line reads as a picture's caption: a credit after a bar, a lead word
    ("Photo:"), or a position in brackets in a line of one sentence."""
    if _CAPTION_LEAD.match(text):
        return True
    if "(" not in text and "|" not in text:
        return False
    mark = _CAPTION_MARK.search(text)
    if mark is None:
        return False
    return mark.group().startswith("|") or not _SENTENCE_BREAK.search(text)


def _is_dateline(text: str, word_count: int) -> bool:
    if len(text) > _MAX_DATELINE_CHARS or word_count > 10:
        return False
    dates = find_dates(text)
    if not dates:
        return False
    lead = _DATELINE_LEAD.match(text)
    if (lead and lead.end() == dates[0].start) or dates[0].start == 0:
        return True
    return not text.rstrip().endswith(".")


def _speaker_labels(units: list[Unit], transcript: bool = False) -> dict[int, tuple[str, str]]:
    """Speaker labels by unit index, when the document reads as a transcript (or is already
    known to be one)."""
    found: dict[int, tuple[str, str]] = {}
    for i, unit in enumerate(units):
        match = _SPEAKER.match(unit.text)
        if not match or _SPEAKER_CONNECTOR_END.search(match["label"]):
            continue
        label = match["label"]
        if not 2 <= len(label.split()) <= 12 or unit.tag in {"h1", "h2", "h3"}:
            continue
        if label.split()[0].lower() in _FUNCTION_WORDS and not is_office(label):
            continue  # a heading ("Die Drohung der Bergschründe:"), not "The President:"
        found[i] = (label, match["note"] or "")
    if transcript:
        return found
    if len(found) < 2:
        return {}
    counts = Counter(label for label, _ in found.values())
    recurring = any(n > 1 for n in counts.values()) or any(
        other != name and other.endswith(" " + name) for name in counts for other in counts
    )  # distinct labels are few even when turns are many
    return found if recurring or len(found) >= 3 else {}


def _drop_page_furniture(items: list[Classified]) -> None:
    """What a PDF's pages leave in its text: page numbers standing alone ("3", "- 3 -",
    "Page 3 of 9"), and running heads or feet, short lines that recur with the number at
    their start or end changed ("Annual Report 2023 Page 2"; "Figure 3. Location…" is a
    caption). Either counts up by a page or a few, and a page of text stands between one
    and the next: a lone number (a table's cell) or lines that follow one another ("In
    2023 we had 5 sites" / "In 2024…") are text."""
    numbers: list[tuple[int, int]] = []  # (place, number) of each lone number
    running: dict[str, list[tuple[int, int]]] = {}  # a line's shape → (place, number)
    for place, c in enumerate(items):
        text = c.unit.text.strip()
        if c.kind is None or len(text) > _MAX_RUNNING_CHARS:
            continue
        if match := _PAGE_NUMBER.fullmatch(text):
            numbers.append((place, int(match["number"])))
            continue
        if not _TERMINAL.search(text) and _is_running_head(text):
            for number in _DIGITS.finditer(text):  # the page's number, at the line's edge
                if number.start() == 0 or number.end() == len(text):
                    shape = f"{text[: number.start()]}#{text[number.end() :]}"
                    running.setdefault(shape, []).append((place, int(number[0])))
    for pages in [numbers, *running.values()]:
        if len(pages) >= _MIN_PAGES and all(
            b_place - a_place > _MIN_PAGE_UNITS and 0 < b - a <= _MAX_PAGE_STEP
            for (a_place, a), (b_place, b) in pairwise(pages)
        ):
            for place, _ in pages:
                items[place].kind, items[place].reason = None, "page"


def _is_running_head(text: str) -> bool:
    """Whether a short line can be a page's running head or foot: it says "page", or it
    carries a title of a few words besides its numbers ("Annual Report 2023 Page 2", "Wind
    Energy Handbook 37"); "Step 2", "2.1 Introduction" are a document's own headings."""
    if _PAGE_WORD.search(text):
        return True
    return len(_LETTER_WORD.findall(text)) >= _MIN_RUNNING_WORDS


def _resolve_preamble(items: list[Classified], from_the_web: bool = True) -> None:
    """Before the first prose: keep the headline(s) and what follows them, drop the short
    mastheads and taglines above them, in a page that shows a site's furniture; a document
    without any (a report's cover: "ANNUAL REPORT 2023", "Acme Wind Ltd") keeps them."""
    first_prose = next((i for i, c in enumerate(items) if c.kind in {"paragraph", "speaker"}), None)
    if first_prose is None:
        for c in items:
            if c.kind == "title":
                c.kind = "paragraph"
        return
    titles = [c for c in items[:first_prose] if c.kind in {"title", "headline"}]
    if not titles:
        return
    main = max(titles, key=lambda c: (c.kind == "headline", len(words(c.unit.text))))
    after_main = False
    for c in titles:
        if c is main or c.kind == "headline" or len(words(c.unit.text)) >= _MIN_KEPT_PREAMBLE_WORDS:
            c.kind = "headline"
        elif after_main or not from_the_web:
            c.kind = "heading"  # a subtitle, a deck: mastheads come before the headline
        elif _SECTION_NUMBER.match(c.unit.text):
            c.kind = "heading"  # "1. Definitions": a document's first section, no masthead
        else:
            c.kind, c.reason = None, "masthead"
        after_main = after_main or c is main


def _resolve_body(
    items: list[Classified], speaker: Classified | None = None, from_the_web: bool = True
) -> None:
    """After the preamble: speaker turns run on; Title Case orphans are related-article links,
    but for a list's items and the heading that introduces a list (the next line a bullet)."""
    for index, c in enumerate(items):
        if c.kind == "speaker":
            speaker = c
            continue
        if c.kind in {"section_break", "headline", "heading"}:
            speaker = None
            continue
        if c.kind not in {"title", "paragraph"}:
            continue
        if speaker is not None:
            c.kind = "turn"
            c.speaker, c.role, c.retranslated = speaker.speaker, speaker.role, speaker.retranslated
        elif c.kind == "title":
            following = items[index + 1].unit.text if index + 1 < len(items) else ""
            in_list = _BULLET.match(c.unit.text) and (
                _BULLET.match(following)
                or (index > 0 and _BULLET.match(items[index - 1].unit.text))
            )
            if (
                from_the_web
                and is_title_case(c.unit.text)
                and not in_list
                and not _BULLET.match(following)
                and reads_as_headline(c.unit.text)
            ):
                c.kind, c.reason = None, "related"
            else:
                c.kind = "heading"
