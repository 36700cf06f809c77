"""Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese kana,
Chinese characters): the TM counts their characters as words, and the reader joins their
lines without a space. The characters no script shows; the raised and lowered digits a page
sets with markup."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# Their blocks. Each character there is a word of its own, as CAT tools count them; their
# combining vowel and tone marks (letters_of leaves them out) are no words, as SQLite's
# full-text tokeniser drops them.
UNSPACED_RANGES = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x31F0, 0x31FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F),
)  # fmt: skip
UNSPACED = "".join(f"{chr(low)}-{chr(high)}" for low, high in UNSPACED_RANGES)
# Characters a reader never sees: a soft hyphen (a place a word may break), a zero-width
# space, a word joiner, a byte-order mark inside the text. Not the zero-width (non-)joiner,
# which shapes emoji, Indic and Persian script.
INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_NO_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def visible(text: str) -> str:
    """The text without characters no reader sees ("fi\u00adles" is "files")."""
    return text if text.isascii() else text.translate(_NO_INVISIBLE)


def letters_of(ranges: tuple[tuple[int, int], ...]) -> str:
    """A character class's ranges of the code points in `ranges` that are no marks."""
    parts = []
    for low, high in ranges:
        if high - low > 0x3000:  # the ideograph blocks: no marks there
            parts.append(f"{chr(low)}-{chr(high)}")
            continue
        run = None
        for point in range(low, high + 2):
            letter = point <= high and not unicodedata.category(chr(point)).startswith("M")
            if letter and run is None:
                run = point
            elif not letter and run is not None:
                parts.append(f"{chr(run)}-{chr(point - 1)}")
                run = None
    return "".join(parts)


# A character of those scripts, as Python and a database (PostgreSQL's `~`) test for one.
UNSPACED_PATTERN = f"[{UNSPACED}]"
_UNSPACED_CHARACTER = re.compile(UNSPACED_PATTERN)


def holds_unspaced(text: str) -> bool:
    """Whether a text holds a character of a script written without spaces."""
    return _UNSPACED_CHARACTER.search(text) is not None


def unspaced(character: str) -> bool:
    """Whether a character belongs to a script written without spaces."""
    return _UNSPACED_CHARACTER.match(character) is not None


# Digits and signs as Unicode writes them raised and lowered: a page's <sup>3</sup> after
# "10" is "10³", not "103"; "H<sub>2</sub>O" is "H₂O".
_RAISED = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_LOWERED = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")


def shifted(text: str, raised: bool) -> str | None:
    """Text set as a superscript (`raised`) or a subscript in Unicode's raised or lowered
    characters, where it has one for each character; else None (the text stays as it is)."""
    table = _RAISED if raised else _LOWERED
    source = text.strip()
    if not source or any(ord(c) not in table for c in source):
        return None
    return source.translate(table)


# MathML's scripted elements: the base first, then what is lowered and what is raised.
_MATHML_SCRIPTS = {"msup": (True,), "msub": (False,), "msubsup": (False, True)}
_MATHML_NO_TEXT = frozenset({"annotation", "annotation-xml"})


def mathml_text(element: etree._Element) -> str:
    """A MathML formula's text as it is shown on one line: its tokens in order, a script's
    digits raised or lowered ("E=mc²", not "E=mc2"), its annotations (a formula's source
    in another notation) left out. Walked without recursion: a page may nest deep."""
    pieces: list[tuple[str, object, bool]] = []  # text, the script it is in (or None), raised
    stack: list[tuple[object, object, bool]] = [(element, None, False)]
    while stack:
        node, script, raised = stack.pop()
        name = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if name in _MATHML_NO_TEXT:
            continue
        children = [child for child in node if isinstance(child.tag, str)]
        if name == "semantics":
            children = children[:1]
        elif node.text and node.text.strip():
            pieces.append((node.text.strip(), script, raised))
        roles = _MATHML_SCRIPTS.get(name, ())
        stack.extend(
            (child, child, roles[index - 1])
            if 1 <= index <= len(roles)
            else (child, script, raised)
            for index, child in reversed(list(enumerate(children)))
        )
    out: list[str] = []
    at = 0
    while at < len(pieces):
        text, script, raised = pieces[at]
        at += 1
        while script is not None and at < len(pieces) and pieces[at][1] is script:
            text += pieces[at][0]
            at += 1
        out.append(text if script is None else shifted(text, raised) or text)
    return "".join(out)
