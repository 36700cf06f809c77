"""The checks a draft goes through, each finding with a rule id, a severity and what to write.

Rules:
- `deprecated` (error): a form the glossary marks deprecated or superseded.
- `variant` (error): two renderings of one entry in one draft that compete (same number of
  words, spelled differently: Díaz-Canel / Diaz-Canel, Dmitri / Dimitri Medvedev); the
  minority rendering is flagged; on a tie, the one further from the preferred form. A short
  form beside the full one (Putin after Vladimir Putin) or an abbreviation beside its
  expansion is no conflict.
- `case` (warning): a name written with other capitals than the glossary's forms
  ("Mallory memorandum"); a capital that only starts a sentence is fine.
- `near-miss` (warning): words one word-edit away from a multiword name or term that are
  not one of its forms ("Supreme Eurasian Economics Council"); a plural or possessive of the
  last word is an inflection, not a miss. A capitalised word close in spelling to a one-word
  name (Jaro–Winkler ≥ 0.93, not a prefix of it: Kremlim / Kremlin) is one too.
- `spelling` (warning): British and American spellings in one draft (emphasise /
  emphasize); the minority convention is flagged (on a tie, the one used second).
- With a source: `missing-term` (error): the source has a glossary entry and the target
  none of its forms or renderings; `number` (error): numbers that differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable
from functools import lru_cache
from itertools import pairwise

import regex
from rapidfuzz.distance import JaroWinkler

from tmkit.align.similarity import american_spelling, matching_key
from tmkit.check.finding import TERMINOLOGY_RULES, Finding
from tmkit.check.matcher import FormMatcher, Match
from tmkit.frequency import zipf
from tmkit.glossary.model import NOT_TO_USE, Entry
from tmkit.lang import primary
from tmkit.phrases import fold_with_offsets, folded_key
from tmkit.spans import Spans

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-‑]*")
_FOLDED_WORD = regex.compile(r"[a-z0-9]+")
# A number, with digit groups in any locale's style (1,000.5  1.000,5  1 000,5  1'000.5).
_NUMBER = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:[,.\u0020\u00a0\u202f'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
)
_GROUP_SEPARATORS = " \u00a0\u202f'’"
_INFLECTION = regex.compile(r"(?:['’]s|['’]|s|es)$")
_DASHES = regex.compile(r"[\p{Pd}]")
NEAR_NAME = 0.93
NEAR_WORD = 0.85


def check_pieces(
    texts: list[str],
    matcher: FormMatcher,
    lang: str = "en",
    sources: list[str | None] | None = None,
    enabled: Container[str] = TERMINOLOGY_RULES,
) -> list[Finding]:
    """Every finding of the rules in `enabled` (all, unless some are configured off) over
    the pieces of one draft, in text order."""
    findings: list[Finding] = []
    matches: list[list[Match]] = []
    if matcher.automaton.payloads:  # without a glossary there are no names or terms to match
        foldings = [fold_with_offsets(text) for text in texts]
        misfits = []
        for text, folding in zip(texts, foldings, strict=True):
            kept, case_only = _sorted_matches(matcher, text, folding, lang)
            matches.append(kept)
            misfits.append(case_only)
        findings += _deprecated(matches)
        findings += _variants(matches)
        findings += _case(matches)
        findings += _case_misfits(misfits)
        findings += _near_misses(texts, foldings, matches, matcher, lang)
    findings += _spelling(texts, lang)
    if sources is not None and ("missing-term" in enabled or "number" in enabled):
        findings += _bilingual(texts, sources, matches, matcher, lang, enabled)
    findings.sort(key=lambda f: (f.piece, f.start, f.rule))
    return findings


def find_names_and_terms(
    matcher: FormMatcher,
    text: str,
    folding: tuple[str, list[int]] | None = None,
    lang: str | None = None,
) -> list[Match]:
    """Glossary matches that can be what they match: a name starts with a capital (so the
    pronoun "us" is not US), and an acronym is written in capitals."""
    return _sorted_matches(matcher, text, folding, lang)[0]


def _sorted_matches(
    matcher: FormMatcher,
    text: str,
    folding: tuple[str, list[int]] | None = None,
    lang: str | None = None,
) -> tuple[list[Match], list[Match]]:
    """The matches that are names and terms as written, and those that are one only in
    other capitals: a multiword name all in lower case ("supreme eurasian economic
    council"), an acronym written as a word ("Nato") that is no word itself."""
    kept, case_only = [], []
    for match in matcher.find(text, folding, lang):
        if _script(match.surface) != _script(match.form.form):
            continue  # met only through transliteration: Greek "Αλγερία" is not "Algeria"
        if match.entry.kind != "term" and _miscased(match, lang):
            case_only.append(match)
            continue
        if match.entry.kind != "term":
            if not match.surface[:1].isupper():
                continue
            letters = [c for c in match.form.form if c.isalpha()]
            if (
                letters
                and all(c.isupper() for c in letters)
                and not all(c.isupper() for c in match.surface if c.isalpha())
            ):
                continue
        kept.append(match)
    return kept, case_only


def _script(text: str) -> str:
    """The script of a text's first letter (LATIN, CYRILLIC, GREEK …), "" without one."""
    letter = next((c for c in text if c.isalpha()), "")
    return unicodedata.name(letter, "").split(" ", 1)[0] if letter else ""


# An acronym as frequent as this written in lower case is a word in its own right ("Us",
# "It", "Who"; French "Un"); "Nato" (4.0) or "Opec" are the acronym in the wrong case.
_WORD_LIKE_ACRONYM = 5.0


def _miscased(match: Match, lang: str | None) -> bool:
    surface, form = match.surface, match.form.form
    letters = [c for c in form if c.isalpha()]
    if len(form.split()) > 1 and surface == surface.lower() and form != form.lower():
        return True
    acronym = len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in form
    return (
        acronym
        and surface[:1].isupper()
        and surface[1:] == surface[1:].lower()
        and max(zipf(surface.lower(), "en"), zipf(surface.lower(), lang or "en"))
        < _WORD_LIKE_ACRONYM  # a word in English or the draft's language: "Un" in French
    )


def _case_misfits(misfits: list[list[Match]]) -> Iterable[Finding]:
    for piece, found in enumerate(misfits):
        for match in found:
            yield _case_finding(piece, match, match.form.form)


def _case_finding(piece: int, match: Match, expected: str) -> Finding:
    """A name written with other capitals than `expected`, the way the glossary has it."""
    return Finding(
        "case",
        piece,
        match.start,
        match.end,
        match.surface,
        expected,
        f"{match.surface!r}: a name, write it {expected!r}",
        match.entry.id,
    )


def _written(match: Match) -> str:
    """The surface without the plural or possessive ending the matcher allowed."""
    return _INFLECTION.sub("", match.surface) if match.inflected else match.surface


def _deprecated(matches: list[list[Match]]) -> Iterable[Finding]:
    for piece, found in enumerate(matches):
        for match in found:
            if match.form.status in NOT_TO_USE:
                preferred = match.entry.term
                status = match.form.status
                yield Finding(
                    "deprecated",
                    piece,
                    match.start,
                    match.end,
                    match.surface,
                    preferred,
                    f"{match.surface!r} is {status} in the glossary: write {preferred!r}",
                    match.entry.id,
                )


def rendering(match: Match) -> str:
    """How a match is spelled, inflection and dash or apostrophe style aside."""
    text = _DASHES.sub("-", _written(match).replace("’", "'"))
    return " ".join(text.split()).lower()


def _variants(matches: list[list[Match]]) -> Iterable[Finding]:
    by_entry: dict[str, list[tuple[int, Match]]] = defaultdict(list)
    for piece, found in enumerate(matches):
        for match in found:
            if match.form.status not in NOT_TO_USE and not match.stemmed:
                by_entry[match.entry.id].append((piece, match))  # (an inflection: no rival)
    for uses in by_entry.values():
        entry = uses[0][1].entry
        flagged: set[tuple[int, int]] = set()
        counts = Counter(rendering(m) for _, m in uses)
        for size in {len(r.split()) for r in counts}:
            rivals = [r for r in counts if len(r.split()) == size]
            if len(rivals) < 2:
                continue
            preferred = " ".join(_DASHES.sub("-", entry.term.replace("’", "'")).split()).lower()
            chosen = max(rivals, key=lambda r: (counts[r], r == preferred, r in preferred, r))
            example = next(_written(m) for _, m in uses if rendering(m) == chosen)
            for piece, match in uses:
                if rendering(match) in rivals and rendering(match) != chosen:
                    flagged.add((piece, match.start))
                    yield Finding(
                        "variant",
                        piece,
                        match.start,
                        match.end,
                        match.surface,
                        example,
                        f"{match.surface!r} and {example!r} both appear: write {example!r} "
                        f"throughout ({counts[chosen]} to {counts[rendering(match)]})",
                        entry.id,
                    )
        yield from _word_variants(uses, entry, flagged)


def _word_variants(
    uses: list[tuple[int, Match]], entry: Entry, flagged: set[tuple[int, int]]
) -> Iterable[Finding]:
    """One word of a name spelled two ways across forms of different lengths: "José Martí
    Pérez" … "Marti". The commoner spelling wins, on a tie the glossary term's."""
    if len({len(rendering(m).split()) for _, m in uses}) < 2:
        return  # forms of one length are compared whole, by _variants
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for piece, match in uses:
        if (piece, match.start) in flagged:
            continue
        for word in _WORD.finditer(_written(match)):
            spelled = _DASHES.sub("-", word.group().replace("’", "'"))  # dash style aside
            spellings[folded_key(spelled)][spelled] += 1
            places[spelled].append((piece, match.start + word.start(), match.start + word.end()))
    term_words = set(_WORD.findall(entry.term))
    for counts in spellings.values():
        distinct = {w.casefold() for w in counts}
        if len(distinct) < 2:
            continue  # the same letters: a matter for the case rule
        chosen = max(counts, key=lambda w: (counts[w], w in term_words, w))
        for spelled in counts:
            if spelled.casefold() == chosen.casefold():
                continue
            for piece, start, end in places[spelled]:
                yield Finding(
                    "variant",
                    piece,
                    start,
                    end,
                    spelled,
                    chosen,
                    f"{spelled!r} and {chosen!r} both appear in {entry.term!r}: write "
                    f"{chosen!r} throughout",
                    entry.id,
                )


def _case(matches: list[list[Match]]) -> Iterable[Finding]:
    for piece, found in enumerate(matches):
        for match in found:
            if not _capitals_trusted(match.entry):
                continue
            if match.stemmed:  # the ending is inflection: compare each word's capitals
                if any(
                    _word_shapes(match.surface) == _word_shapes(f.form) for f in match.entry.forms
                ):
                    continue
            elif any(
                _case_pattern(_written(match)) == _case_pattern(f.form) for f in match.entry.forms
            ):
                continue
            yield _case_finding(piece, match, match.entry.term)


def _capitals_trusted(entry: Entry) -> bool:
    """A glossary's capitals are the name's when it names a person, an organisation, an
    event or a document, or is seen at least twice; one capitalised sighting of a place
    ("the Caribbean Island") may be one writer's habit."""
    if entry.kind == "term":
        return False
    return entry.kind in ("person", "organisation", "event", "document") or entry.count >= 2


def _case_pattern(text: str) -> str:
    """Which letters are capitals, accents and dashes aside (Diaz‑Canel = Díaz-Canel)."""
    return "".join("A" if c.isupper() else "a" for c in text if c.isalpha())


def _word_shapes(text: str) -> tuple[str, ...]:
    """Each word as all capitals, capitalised or lower case (Путина: capitalised)."""
    return tuple(
        "A" if w.isupper() and len(w) > 1 else "Aa" if w[:1].isupper() else "a"
        for w in _WORD.findall(text)
    )


def _near_misses(
    texts: list[str],
    foldings: list[tuple[str, list[int]]],
    matches: list[list[Match]],
    matcher: FormMatcher,
    lang: str,
) -> Iterable[Finding]:
    near_name = _near_name_finder(matcher.single_names, lang)
    for piece, text in enumerate(texts):
        folded, offsets = foldings[piece]
        tokens = folded.split()
        if matcher.by_word.keys().isdisjoint(tokens) and not any(map(near_name, tokens)):
            continue  # no word of a multiword form here, nor one close to a one-word name
        covered = Spans((m.start, m.end) for m in matches[piece])
        # A one-word match inside a misspelt multiword name ("Paris" in "the Grand Opera Hose
        # of Paris") does not make the longer name right.
        multiword = Spans((m.start, m.end) for m in matches[piece] if len(m.form.form.split()) > 1)
        words = [
            (offsets[m.start()], offsets[m.end() - 1] + 1, m.group())
            for m in _FOLDED_WORD.finditer(folded)
        ]
        yield from _multiword_misses(piece, text, words, multiword, matcher.by_word, lang)
        yield from _name_misses(piece, text, words, covered, near_name)


def _same_language(entry: Entry, lang: str) -> bool:
    """Whether a near miss of this entry can be one in a draft in `lang`: the entry is in
    that language (a draft of no known language is compared with every entry)."""
    return lang in ("", "und") or primary(entry.lang) == primary(lang)


def _multiword_misses(
    piece: int,
    text: str,
    words: list[tuple[int, int, str]],
    covered: Spans,
    by_word: dict[str, list[tuple[Entry, tuple[str, ...]]]],
    lang: str,
) -> Iterable[Finding]:
    """Windows of words one word-edit from a multiword form, found through the forms that
    share the window's first or second word; words inside a glossary match start none."""
    taken = [covered.overlaps(start, end) for start, end, _ in words]
    reported_until = -1
    for position, (start, _, word) in enumerate(words):
        if taken[position] or start < reported_until:
            continue
        following = words[position + 1][2] if position + 1 < len(words) else ""
        if word not in by_word and following not in by_word:
            continue
        candidates = {
            (entry.id, form): entry
            for entry, form in by_word.get(word, []) + by_word.get(following, [])
        }
        for (_, form), entry in candidates.items():
            if not _same_language(entry, lang):
                continue  # "Venetzuela" is Sardinian for Venezuela, not a miss of it
            finding = _window_miss(piece, text, words, taken, position, form, entry)
            if finding is not None:
                reported_until = finding.end
                yield finding
                break


def _window_miss(
    piece: int,
    text: str,
    words: list[tuple[int, int, str]],
    taken: list[bool],
    position: int,
    form: tuple[str, ...],
    entry: Entry,
) -> Finding | None:
    for size in (len(form), len(form) - 1, len(form) + 1):
        window = words[position : position + size]
        if len(window) != size or size < 2 or any(taken[position : position + size]):
            continue
        if not _one_edit(tuple(w[2] for w in window), form, entry.kind == "term"):
            continue
        start, end = window[0][0], window[-1][1]
        if entry.kind != "term" and not text[start : start + 1].isupper():
            continue
        if any(c in ',.;:!?()"“”«»' for c in text[window[0][1] : window[-1][0]]):
            continue  # the words run across punctuation: not one phrase
        return Finding(
            "near-miss",
            piece,
            start,
            end,
            text[start:end],
            entry.term,
            f"{text[start:end]!r} is close to the glossary's {entry.term!r}",
            entry.id,
        )
    return None


def _one_edit(window: tuple[str, ...], form: tuple[str, ...], is_term: bool = False) -> bool:
    """One word substituted, inserted or deleted — not an inflection of the last word (nor of
    any word of a lower-case term)."""
    if window == form:
        return False
    if len(window) == len(form):
        differing = [i for i in range(len(form)) if window[i] != form[i]]
        if len(differing) != 1:
            return False
        i = differing[0]
        if (i == len(form) - 1 or is_term) and _inflection_of(window[i], form[i]):
            return False
        return JaroWinkler.similarity(window[i], form[i]) >= NEAR_WORD or (
            not is_term and _romanised_alike(window[i], form[i])
        )
    longer, shorter = (window, form) if len(window) > len(form) else (form, window)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            return 0 < i < len(longer) - 1  # an inner word added or dropped
    return False


_TRANSLIT_STEPS = (
    (regex.compile(r"x"), "ks"),
    (regex.compile(r"kh"), "h"),
    (regex.compile(r"iou|you|ju"), "yu"),
    (regex.compile(r"ou"), "u"),
    (regex.compile(r"j"), "y"),
    (regex.compile(r"[iy]e"), "e"),
    (regex.compile(r"(?:ii|iy|yi|ij|y)$"), "i"),
    (regex.compile(r"y"), "i"),
    (regex.compile(r"(\w)\1"), r"\1"),
)
_VOWELS = regex.compile(r"[aeiou]")


def translit_key(word: str) -> str:
    """A given name's romanisations as one key: Dmitry, Dmitri and Dimitri; Yuri and Iouri;
    Aleksandr and Alexander; Mikhail and Mihail. Letters that romanisation systems write
    differently are made one (y/i/j, ie/ye, kh/h, ks/x, a final -ii or -y), then vowels are
    dropped but the first letter kept: what is left is the name's consonants in order."""
    key = folded_key(word)
    for pattern, replacement in _TRANSLIT_STEPS:
        key = pattern.sub(replacement, key)
    return key[:1] + _VOWELS.sub("", key[1:])


def _romanised_alike(word: str, other: str) -> bool:
    """Two spellings of one name in different romanisations (Yuri / Iouri)."""
    key = translit_key(word)
    return len(key) >= 2 and key == translit_key(other)


def _inflection_of(word: str, base: str) -> bool:
    return word in (base + "s", base + "es") or base in (word + "s", word + "es")


def _name_misses(
    piece: int,
    text: str,
    words: list[tuple[int, int, str]],
    covered: Spans,
    near_name: Callable[[str], Entry | None],
) -> Iterable[Finding]:
    for start, end, key in words:
        entry = near_name(key)
        written = text[start:end]
        if entry is None or not written[:1].isupper() or covered.overlaps(start, end):
            continue
        yield Finding(
            "near-miss",
            piece,
            start,
            end,
            written,
            entry.term,
            f"{written!r} is close to the glossary's {entry.term!r}",
            entry.id,
        )


def _near_name_finder(single: dict[str, list[Entry]], lang: str) -> Callable[[str], Entry | None]:
    """The one-word name a folded word may be a misspelling of (Kremlim / Kremlin), or None;
    each distinct word of a draft is decided once."""
    decided: dict[str, Entry | None] = {}

    def near_name(key: str) -> Entry | None:
        if key in decided:
            return decided[key]
        found = None
        if len(key) >= 5 and key[:2] in single and zipf(key, lang) < 3.0:
            # (a word as common as zipf 3 is a common word, capitalised at a sentence start)
            for entry in single[key[:2]]:
                if not _same_language(entry, lang):
                    continue
                name = folded_key(entry.term)
                if name.startswith(key) or key.startswith(name):
                    continue
                if JaroWinkler.similarity(key, name) >= NEAR_NAME or _romanised_alike(key, name):
                    found = entry
                    break
        decided[key] = found
        return found

    return near_name


# English whose standard mixes the two conventions: Canadian (colour, recognize) and Oxford
# spelling (en-GB-oxendict: colour, organize).
_MIXED_SPELLING = ("en-ca", "en-gb-oxendict")


def _spelling(texts: list[str], lang: str) -> Iterable[Finding]:
    if primary(lang) != "en" or lang.lower().startswith(_MIXED_SPELLING):
        return
    styles: dict[str, list[tuple[int, int, int, str, str]]] = {"british": [], "american": []}
    for piece, text in enumerate(texts):
        for match in _WORD.finditer(text):
            word = match.group().lower()
            other = american_spelling(word)
            if other != word and _real_counterpart(word, other, lang):
                styles["british"].append((piece, match.start(), match.end(), match.group(), other))
                continue
            british = _british_spelling(word)
            if british and _real_counterpart(word, british, lang):
                styles["american"].append(
                    (piece, match.start(), match.end(), match.group(), british)
                )
    if not styles["british"] or not styles["american"]:
        return
    # The rarer convention is flagged; on a tie, the one the draft turns to second.
    minority = min(("american", "british"), key=lambda s: (len(styles[s]), -styles[s][0][0]))
    majority = "british" if minority == "american" else "american"
    for piece, start, end, word, other in styles[minority]:
        yield Finding(
            "spelling",
            piece,
            start,
            end,
            word,
            other,
            f"{word!r} is {minority} spelling in a draft otherwise {majority}: write {other!r}",
        )


def _real_counterpart(word: str, other: str, lang: str) -> bool:
    """Whether the other spelling is a real spelling of the word, not a rare other word
    (letter → "lettre" is French)."""
    found, counterpart = zipf(word, lang), zipf(other, lang)
    return found >= 1.0 and counterpart >= 2.0 and counterpart >= found - 2.5


_AMERICAN = [
    (regex.compile(r"(?<=\w{3})iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1"),
    (regex.compile(r"(?<=\w{2})yz(e|es|ed|ing)$"), r"ys\1"),
    (regex.compile(r"(?<=\w{2}[^aeiou])or(s|ed|ing|ful|able|ite|ites)?$"), r"our\1"),
    (regex.compile(r"(?<=\w{2}[^aeiou])ter(s)?$"), r"tre\1"),
]


@lru_cache(maxsize=200_000)
def _british_spelling(word: str) -> str | None:
    """The British counterpart of an American spelling, when the word has one."""
    if len(word) < 6:
        return None
    for pattern, replacement in _AMERICAN:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return None


def numbers_in(text: str) -> list[str]:
    """The numbers of a text by value, in any locale's writing: `1,000.5`, `1.000,5` and
    `1 000,5` are all `1000.5`; a lone separator before exactly three digits groups them
    (`1,000` is a thousand, as `1.000` is), before other counts it is the decimal mark
    (`3,5` = `3.5`); a run like `3,7,11` is a list, and `1.2.3` a version."""
    values = []
    for written in _NUMBER.findall(text):
        plain = "".join(c for c in written if c not in _GROUP_SEPARATORS)
        marks = [i for i, c in enumerate(plain) if c in ".,"]
        kinds = {plain[i] for i in marks}
        if not marks:
            values.append(plain)
        elif len(kinds) == 2:
            last = marks[-1]
            values.append("".join(c for c in plain[:last] if c.isdigit()) + "." + plain[last + 1 :])
        elif len(marks) == 1:
            grouped = len(plain) - marks[0] - 1 == 3
            values.append(plain.replace(plain[marks[0]], "" if grouped else "."))
        elif all(b - a == 4 for a, b in pairwise(marks)) and marks[0] <= 3:
            values.append(plain.replace(plain[marks[0]], ""))
        elif kinds == {","}:
            values.extend(plain.split(","))
        else:
            values.append(plain)
    return values


# Numbers up to this are often written in words in one language and in digits in the other
# ("2 characters" / "два символа"): one missing where the other side has fewer numbers is
# taken as spelled out.
_SPELLED_OUT_UP_TO = 12


def _spelled_out(number: str) -> bool:
    return number.isdigit() and int(number) <= _SPELLED_OUT_UP_TO


def _bilingual(
    texts: list[str],
    sources: list[str | None],
    matches: list[list[Match]],
    matcher: FormMatcher,
    lang: str,
    enabled: Container[str],
) -> Iterable[Finding]:
    """`missing-term` and `number` (those `enabled`) for each target with a source;
    `matches`: the glossary matches of each target (none without a glossary)."""
    glossary = bool(matcher.automaton.payloads) and "missing-term" in enabled
    for piece, (target, source) in enumerate(zip(texts, sources, strict=False)):
        if not source or not target.strip():
            continue
        in_target = {m.entry.id for m in matches[piece]} if glossary else set()
        lowered, stemmed = "", ""
        for match in find_names_and_terms(matcher, source, lang=matcher.lang) if glossary else []:
            entry = match.entry
            if entry.id in in_target:
                continue
            lowered = lowered or folded_key(target)
            renderings = entry.translations.get(lang) or [
                r for key, values in entry.translations.items() if primary(key) == primary(lang)
                for r in values
            ]  # fmt: skip
            if not renderings and primary(entry.lang) != primary(lang):
                continue  # no rendering in this language to expect (Kreml, Poutine, USA)
            if any(f" {folded_key(r)} " in f" {lowered} " for r in renderings):
                continue
            stemmed = stemmed or f" {matching_key(target, lang)} "
            if any(f" {matching_key(r, lang)} " in stemmed for r in renderings if r.strip()):
                continue  # the rendering, inflected: "санкций" for "санкции"
            expected = renderings[0] if renderings else entry.term
            yield Finding(
                "missing-term",
                piece,
                0,
                len(target),
                target.strip()[:60],
                expected,
                f"the source has {match.surface!r}; the target has none of its renderings "
                f"(expected {expected!r})",
                entry.id,
            )
        if "number" not in enabled or len(source.split(maxsplit=1)) < 2:
            continue  # a key or a code ("calendar:week_start:0"), set per locale
        written = _NUMBER.findall(source)
        if not written or sorted(written) == sorted(_NUMBER.findall(target)):
            continue  # no number, or the same numbers written alike
        numbers_source = Counter(numbers_in(source))
        numbers_target = Counter(numbers_in(target))
        if not numbers_source:
            continue  # numbers only the target has: a sample text, a locale's example
        if numbers_source != numbers_target:
            missing = sorted((numbers_source - numbers_target).elements())
            extra = sorted((numbers_target - numbers_source).elements())
            if not (missing and extra):
                missing = [n for n in missing if not _spelled_out(n)]
                extra = [n for n in extra if not _spelled_out(n)]
            if not missing and not extra:
                continue
            yield Finding(
                "number",
                piece,
                0,
                len(target),
                ", ".join(extra) or target.strip()[:60],
                ", ".join(missing) or None,
                f"numbers differ from the source: missing {missing or 'none'}, "
                f"extra {extra or 'none'}",
            )
