"""Quality checks of a translation against its source, unit by unit and across units.

These are the checks Xbench, Verifika, Okapi CheckMate and pofilter run; each has a rule id,
a severity and a message that says what to do, and can be turned off or given another
severity in the check configuration (see tmkit.check.config). They need a source: the
msgid of a PO entry, the <source> of an XLIFF unit, the source <seg> of a TMX unit, or a
draft's `--source`.

Unit rules, target against source:
- `placeholder`: printf-style (`%s`, `%1$d`, `%(name)s`) and brace (`{0}`, `{name}`)
  placeholders missing, extra, or (unnumbered printf ones) reordered;
- `tags`: markup tags (`<b>`, `</a>`, `<br/>`) and XLIFF/TMX inline codes missing or extra,
  or paired tags in another nesting order;
- `untranslated`: an empty target; `same-as-source`: a target identical to a source of
  words (not a name, a number, a code or a single word that travels as it is);
- `repeated-word`: a word written twice ("the the"), not a language's legitimate doubles
  and not one the source repeats; `double-space`; `whitespace`: leading or trailing space
  that differs from the source's; `newline`: a newline that begins or ends one side and
  not the other (msgfmt -c refuses such a catalogue);
- `url`, `email`: addresses of the source missing from the target;
- `number` (with the terminology rules): numbers that differ, locale formats allowed;
- `brackets`: brackets or quotes left unpaired in the target when the source pairs them;
- `end-punctuation`: the target loses the source's final punctuation, or a question mark
  or a colon (language conventions allowed: `。`, `;` as a Greek question mark, `؟`);
- `length`: a target far shorter or longer than the file's norm for this pair (a likely
  truncation).
Across units: `inconsistent-target` (one source, different targets) and
`inconsistent-source` (one target for different sources), over all files of one run and,
with `--tm`, against a translation memory.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass

import regex

from tmkit.check.finding import QA_RULES, Finding

# printf placeholders are ASCII: the standard library's engine finds them twice as fast.
_PRINTF = re.compile(
    r"%%|%(?:(?P<pos>\d+)\$)?(?:\((?P<name>[\w.]+)\))?[-+#0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?(?P<conv>[diouxXeEfFgGaAcspn@]|<PRI\w+>)"
)

# A printf conversion with a zero flag and no width does nothing; written so it is a byte
# percent-encoded (gnupg's "%0A" for a line feed in text sent to pinentry).
_PERCENT_ENCODED = frozenset(f"%0{c}" for c in "AaEeFf")
# A strftime format ("%m/%d/%y", "%I:%M %p") is the locale's to rewrite, order and all.
_TIME_FORMAT = re.compile(r"%[-_0^#]?[bBHIjMSyYZ]")
_BRACE = re.compile(r"(?<![{$])\{(?:\d+|[A-Za-z_][\w.]*)(?:[:!][^{}]*)?\}(?!\})")
# Each printf placeholder with the character after it, which decides whether it is one.
_PRINTF_AND_NEXT = re.compile(f"({_PRINTF.pattern})(?=(.?))", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_ATTRIBUTE = re.compile(r"\s[\w:-]+\s*=")
# An opening tag as markup writes it: a name, then only attributes (`name=value`, quoted or
# not, or one of HTML's boolean attributes). "<code d'erreur invalide>", "<code conditionnel
# invalide>" and "<corrupt NOTE, size = %#lx>" are text in angle brackets, translated as text.
_OPENING_TAG = re.compile(
    r"<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_BARE_ATTRIBUTE = re.compile(r"\s([\w:.-]+)(?=\s*/?>|\s+[\w:.-]+(?:\s|/?>|=))")
_BOOLEAN_ATTRIBUTES = frozenset(
    "allowfullscreen async autofocus autoplay checked controls default defer disabled "
    "formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open "
    "playsinline readonly required reversed selected".split()
)
_MARKUP_ELEMENTS = frozenset(
    "a b big blockquote br center code div em font h1 h2 h3 h4 h5 h6 hr i img li ol p pre "
    "small span strike strong sub sup table td th tr tt u ul".split()
)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`“”«»]+[^\s<>\"'`“”«».,;:!?)\]]")
# The domains RFC 2606 keeps for examples: "you@example.com" is the translator's to localise.
_EXAMPLE_DOMAIN = re.compile(r"(?:[@/.]|^)example\.(?:com|net|org)\b|\.example\b", re.IGNORECASE)
_WEB_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_WORD = regex.compile(r"\b[\p{L}\p{M}]+(?:['’][\p{L}]+)?\b")
_LETTER = regex.compile(r"\p{L}")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w:.-]*)")
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n*$)")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_QUESTION = re.compile(r"[?？؟\u037e]")
# A word, a space, the word again: found from the space, the word looked for behind it
# (three times faster than trying a word at every letter). "KEY KEY-PLURAL" is a word and a
# compound of it, no double.
_DOUBLED = regex.compile(r"(?<=(?<![%$\w-])([\p{L}\p{M}]+)) (?i:\1)(?![\w]|-\w)")
# The same across any white space: a source's column headers ("Length   Length").
NEAR_SHARE = 0.15  # of a text's length: a target's double this near the source's renders it
_DOUBLED_SPACED = regex.compile(r"(?<![%$\w-])([\p{L}\p{M}]+)\s+(?i:\1)(?![\w]|-\w)")
_OPTION = re.compile(r"(?:^|[\s\[|])--?[A-Za-z]", re.MULTILINE)
_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
# Final punctuation: stops after a word, a number or a closing mark, then closing marks.
_END = re.compile(
    r"(?<=[\w)\]}\"'”“’»«›」』 \u00a0\u202f])([.!?…:;。！？．؟\u037e]+)[\"'”’»」』)\]]*\s*$"
)
_QUOTED_STOP = re.compile(r"[“„‘‹«\"'`][.!?…:;]+[”“’›»\"']\s*$")
_TRAILING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>)+\s*$")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"), ("「", "」"), ("『", "』"), ("（", "）"))
_QUOTE_FAMILIES = ("“”„", "«»", "‹›")
_NOT_WORD = regex.compile(r"[\W_]+")
_PAIRED = re.compile(r"[()\[\]{}「」『』（）“”„«»‹›]")

# Words a language writes twice on purpose: "nous nous", "had had", "die die", "que que".
_LEGITIMATE_DOUBLES = {
    "en": {"had", "that", "is", "do", "bye", "no", "very", "so", "ha", "really", "knock"},
    "fr": {"nous", "vous", "que", "si", "très", "bien"},
    "de": {"die", "der", "das", "sie", "es", "ein", "eine", "dass", "nur", "so"},
    "es": {"que", "muy", "no", "se", "si"},
    "it": {"che", "no", "molto", "ma"},
    "pt": {"que", "no", "muito"},
    "nl": {"die", "dat", "is"},
}
# Endings that are one ending in another script's convention.
_SAME_END = {"。": ".", "．": ".", "！": "!", "？": "?", "؟": "?", "\u037e": "?", "…": "..."}
# Length: a unit's target/source ratio this many times above or below the file's median
# ratio, for sources this long, is flagged; shorter sources vary too much to say.
_LENGTH_FACTOR = 3.0
_LENGTH_MIN_SOURCE = 40
_LENGTH_MIN_UNITS = 20


@dataclass(slots=True)
class Unit:
    """One translated unit: where it is, its source and target text, inline code names."""

    piece: int
    source: str
    target: str
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    context: str | None = None
    plural_source: str | None = None  # a plural form's msgid_plural (drafts.Piece)
    number_optional: bool = False  # a plural form for so few numbers it may spell its number


def check_units(
    units: Sequence[Unit], lang: str, enabled: Container[str] = QA_RULES
) -> list[Finding]:
    """Every unit rule over every unit, and the length rule over the file; rules not in
    `enabled` (those configured off) are not run."""
    findings: list[Finding] = []
    for unit in units:
        findings += unit_findings(unit, lang, enabled)
    if "length" in enabled:
        findings += _length(units)
    return findings


def unit_findings(unit: Unit, lang: str, enabled: Container[str] = QA_RULES) -> list[Finding]:
    """The unit rules in `enabled` for one unit."""
    source, target = unit.source, unit.target
    if not target.strip():
        if source.strip() and "untranslated" in enabled:
            return [_whole(unit, "untranslated", "translate it", source.strip()[:60])]
        return []
    found = []
    both = source + target + (unit.plural_source or "")
    if ("%" in both or "{" in both) and "placeholder" in enabled:
        found += _placeholders(unit)
    if ("<" in both or unit.source_codes or unit.target_codes) and "tags" in enabled:
        found += _tags(unit)
    if "same-as-source" in enabled and _same_as_source(source, target):
        found.append(
            _whole(unit, "same-as-source", "the target repeats the source: translate it", None)
        )
    if "repeated-word" in enabled:
        found += _repeated_words(unit, lang)
    if "double-space" in enabled or "whitespace" in enabled:
        found += [f for f in _spaces(unit) if f.rule in enabled]
    if "\n" in both and "newline" in enabled:
        found += _newlines(unit)
    if "://" in source and "url" in enabled:
        found += _addresses(unit, _URL, "url")
    if "@" in source and "email" in enabled:
        found += _addresses(unit, _EMAIL, "email")
    if "brackets" in enabled and _PAIRED.search(both):
        found += _brackets(unit)
    if "end-punctuation" in enabled:
        found += _end_punctuation(unit)
    return found


def _whole(unit: Unit, rule: str, message: str, expected: str | None) -> Finding:
    text = unit.target
    start = len(text) - len(text.lstrip())
    end = max(len(text.rstrip()), start)
    return Finding(rule, unit.piece, start, end, text.strip()[:60], expected, message)


def _placeholders(unit: Unit) -> list[Finding]:
    """printf placeholders compared by what they stand for: `%2$s` in the target is the
    source's second unnumbered one, so numbering them to reorder is right; brace ones by
    name. A plural form for few numbers may leave its number out ("ein Byte" for "%lu byte",
    "un fichier" for French's form of 0 and 1), as msgfmt -c allows; one for many may not.
    A plural form holds the placeholders of the msgid_plural, the singular's form too."""
    source = unit.plural_source if unit.plural_source is not None else unit.source
    return _lone_percents(unit, source) + _placeholder_differences(unit, source)


def _lone_percents(unit: Unit, source: str) -> list[Finding]:
    """A percent sign the target writes alone where the source, writing `%%` for its own
    and no % alone, shows that the text goes through printf: printf reads French's "100 %
    sûr" as a directive (`% s`, a space flag) and prints an argument there, or crashes. (A
    help text's "%%  a literal %" is printed as it is; bfd's "%B" is a directive of its own.)"""
    if "%%" not in source or "%" not in unit.target or _lone(source):
        return []  # a source with a lone % of its own is no printf format, or has its own
    return [
        Finding("placeholder", unit.piece, at, at + 1, "%", "%%",
                "a lone % in a printf format: write %% for a percent sign")
        for at in _lone(unit.target)
    ]  # fmt: skip


def _lone(text: str) -> list[int]:
    """Where a text has a % that begins no printf directive (and is no `%%`)."""
    taken = {i for m in _PRINTF.finditer(text) for i in range(m.start(), m.end())}
    return [at for at, character in enumerate(text) if character == "%" and at not in taken]


def _placeholder_differences(unit: Unit, source: str) -> list[Finding]:
    """_placeholders' comparison of the target's placeholders with the source's."""
    if _TIME_FORMAT.search(source):
        return []
    braces = "{" in source or "{" in unit.target
    if _PRINTF_AND_NEXT.findall(source) == _PRINTF_AND_NEXT.findall(unit.target) and (
        not braces or sorted(_BRACE.findall(source)) == sorted(_BRACE.findall(unit.target))
    ):
        return []  # the same placeholders, in the same order, followed by the same characters
    want, got = _printf_keys(source), _printf_keys(unit.target)
    brace_want = [(m.group(), m) for m in _BRACE.finditer(source) if not _is_meta_variable(m)]
    brace_got = [(m.group(), m) for m in _BRACE.finditer(unit.target) if not _is_meta_variable(m)]
    if [k for k, _ in want] == [k for k, _ in got] and sorted(k for k, _ in brace_want) == sorted(
        k for k, _ in brace_got
    ):
        return []  # the common case, decided without counting
    missing = Counter(k for k, _ in want) - Counter(k for k, _ in got)
    extra = Counter(k for k, _ in got) - Counter(k for k, _ in want)
    numbered = {k for k, m in got if m["pos"]}
    for key in [k for k in extra if k in numbered and k in missing.keys() | {k for k, _ in want}]:
        del extra[key]  # a numbered placeholder may be used again ("Base%1$d … Base%1$d")
    specs_agree = Counter(k[1] for k, _ in want) == Counter(k[1] for k, _ in got)
    if (missing or extra) and specs_agree:
        first = next(m for k, m in got if extra[k])
        return [
            Finding(
                "placeholder",
                unit.piece,
                first.start(),
                first.end(),
                " ".join(m.group() for _, m in got),
                " ".join(m.group() for _, m in want),
                "placeholders in another order: number them (%1$s, %2$s) to reorder them",
            )
        ]
    found = []
    if unit.number_optional:  # the form for one may leave its number out: "um ein Byte"
        number = next((k for k, _ in want if missing[k] and _counts(k[1])), None)
        if number is not None:
            missing[number] -= 1
    for key in sorted(missing.elements(), key=str):
        text = next(m.group() for k, m in want if k == key)
        found.append(_whole(unit, "placeholder", f"the placeholder {text} is missing", text))
    found += _extra(unit, "placeholder", got, extra, _unknown_placeholder)
    brace_missing = Counter(k for k, _ in brace_want) - Counter(k for k, _ in brace_got)
    for text in sorted(brace_missing.elements()):
        found.append(_whole(unit, "placeholder", f"the placeholder {text} is missing", text))
    brace_extra = Counter(k for k, _ in brace_got) - Counter(k for k, _ in brace_want)
    return found + _extra(unit, "placeholder", brace_got, brace_extra, _unknown_placeholder)


def _is_meta_variable(match: re.Match[str]) -> bool:
    """`{INTEGER}` in a usage text is a meta-variable the translator translates."""
    name = match.group()[1:-1]
    return name.isupper() and len(name) > 1


def _extra(
    unit: Unit, rule: str, got: list, extra: Counter, message: Callable[[str], str]
) -> list[Finding]:
    """A finding at each (key, match) of the target whose key `extra` counts as one more
    than the source has: the placeholders or tags the source does not have."""
    found = []
    for key, match in got:
        if extra[key] > 0:
            extra[key] -= 1
            found.append(
                Finding(
                    rule,
                    unit.piece,
                    match.start(),
                    match.end(),
                    match.group(),
                    None,
                    message(match.group()),
                )
            )
    return found


def _unknown_placeholder(written: str) -> str:
    return f"{written} is not in the source: remove it or fix its spelling"


def _unknown_tag(tag: str) -> str:
    return f"the tag {_tag_name(tag)} is not in the source: remove it"


def _counts(spec: str) -> bool:
    """Whether a printf spec writes an integer (%d, %lu, %x, %<PRId64>): the number a plural
    form may leave out, where a %s never may."""
    return spec[-1] in "diuoxX" or "<PRI" in spec


def _printf_keys(text: str) -> list[tuple[tuple[object, str], re.Match[str]]]:
    """Each printf placeholder as (which argument, its spec without the number): `%2$s`
    and the second unnumbered `%s` are both (2, "%s"); `%(name)s` is ("name", "%s")."""
    keys = []
    sequence = 0
    for match in _PRINTF.finditer(text):
        written = match.group()
        if written == "%%":
            continue
        after = text[match.end() : match.end() + 1]
        if written.startswith("%-") and len(written) == 3 and after.isalpha():
            continue  # "%-encoding": a word after a percent sign
        if written[-1:].isupper() and after.isupper():
            continue  # "%EXP_RAT%": a meta-variable between percent signs
        if written in _PERCENT_ENCODED:
            continue  # "idea!%0APlease": a line feed percent-encoded, not a printf "%0A"
        if match["pos"]:
            spec = "%" + written[len(match["pos"]) + 2 :]
            keys.append(((int(match["pos"]), spec.replace("Z", "z")), match))
        elif match["name"]:
            keys.append(((match["name"], written), match))
        else:
            sequence += 1  # glibc's old size modifier Z is C99's z ("%Zu" is "%zu")
            keys.append(((sequence, written.replace("Z", "z")), match))
    return keys


def _tags(unit: Unit) -> list[Finding]:
    if unit.source_codes == unit.target_codes and _TAG.findall(unit.source) == _TAG.findall(
        unit.target
    ):
        return []  # the same tags, written alike, in the same order
    found = []
    want = [_tag_name(m.group()) for m in _markup(unit.source)]
    got = [(_tag_name(m.group()), m) for m in _markup(unit.target)]
    missing = Counter(want) - Counter(name for name, _ in got)
    extra = Counter(name for name, _ in got) - Counter(want)
    for name in sorted(missing.elements()):
        found.append(_whole(unit, "tags", f"the tag {name} of the source is missing", name))
    found += _extra(unit, "tags", got, extra, _unknown_tag)
    if not missing and not extra and _nesting(want) != _nesting([name for name, _ in got]):
        found.append(
            _whole(unit, "tags", "tags nest in another order than the source's: restore it", None)
        )
    codes_missing = Counter(unit.source_codes) - Counter(unit.target_codes)
    codes_extra = Counter(unit.target_codes) - Counter(unit.source_codes)
    if codes_missing or codes_extra:
        detail = ", ".join(
            [f"missing {c}" for c in sorted(codes_missing.elements())]
            + [f"extra {c}" for c in sorted(codes_extra.elements())]
        )
        found.append(
            _whole(unit, "tags", f"inline codes differ from the source's ({detail})", None)
        )
    return found


def _markup(text: str) -> list[re.Match[str]]:
    """Markup tags: HTML and Pango elements, and any tag with attributes or a closing one.
    `<package>` or `<directory>` in a usage line is a word the translator translates, and
    `<code d'erreur invalide>` words in angle brackets."""
    return [
        m
        for m in _TAG.finditer(text)
        if m.group().startswith("</")
        or (
            _is_opening_tag(m.group())
            and (
                m.group().endswith("/>")
                or _ATTRIBUTE.search(m.group())
                or _tag_name(m.group()).strip("</>") in _MARKUP_ELEMENTS
            )
        )
    ]


def _is_opening_tag(text: str) -> bool:
    """Whether `<…>` is written as an opening tag: a name and attributes, any bare one a
    boolean attribute of HTML's."""
    if not _OPENING_TAG.fullmatch(text):
        return False
    unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", '""', text)
    return all(name.lower() in _BOOLEAN_ATTRIBUTES for name in _BARE_ATTRIBUTE.findall(unquoted))


def _tag_name(tag: str) -> str:
    """A tag as its kind and name: `<a href=…>` → `<a>`, `</a>`, `<br/>`."""
    name = _TAG_NAME.match(tag)[1].lower()
    if tag.startswith("</"):
        return f"</{name}>"
    return f"<{name}/>" if tag.endswith("/>") else f"<{name}>"


def _nesting(tags: list[str]) -> list[str]:
    """The order in which paired tags open and close: tags with no partner ("<choice>" as a
    word) and self-closing ones aside."""
    names = Counter(t.strip("</>") for t in tags if not t.endswith("/>"))
    closed = {t[2:-1] for t in tags if t.startswith("</")}
    return [
        t
        for t in tags
        if not t.endswith("/>") and t.strip("</>") in closed and names[t.strip("</>")] > 1
    ]


def _same_as_source(source: str, target: str) -> bool:
    """A target identical to its source is a miss only where the source is prose: two or
    more words of letters, not all capitals, no address or code standing for it all."""
    if source.strip() != target.strip():
        return False
    text = _URL.sub(" ", _EMAIL.sub(" ", _TAG.sub(" ", _PRINTF.sub(" ", source))))
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if len(words) < 2:
        return False
    lower = [w for w in words if not w.isupper() and not w[:1].isupper()]
    return len(lower) >= 1


def _repeated_words(unit: Unit, lang: str) -> list[Finding]:
    if not _DOUBLED.search(unit.target):
        return []
    doubles = _LEGITIMATE_DOUBLES.get(lang.split("-")[0].lower(), set())
    # Where the source doubles a word (as a share of its length): a double of the target
    # near there renders it ("Length   Length" → "Longitud Longitud").
    in_source = [m.start() / len(unit.source) for m in _DOUBLED_SPACED.finditer(unit.source)]
    found = []
    for match in _DOUBLED.finditer(unit.target):
        first = match[1]
        word, second = first.lower(), match.group()[1:]
        capitalised = first[:1].isupper() and first[1:].islower()
        same_case = second == first or (capitalised and second == word)
        at = match.start(1) / len(unit.target)
        if word in doubles or not same_case or any(abs(at - p) <= NEAR_SHARE for p in in_source):
            continue
        start = match.start(1)
        found.append(
            Finding(
                "repeated-word",
                unit.piece,
                start,
                match.end(),
                unit.target[start : match.end()],
                first,
                f"{first!r} is written twice: delete one",
            )
        )
    return found


def _spaces(unit: Unit) -> list[Finding]:
    found = []
    if (
        "  " in unit.target
        and "  " not in unit.source
        and "\t" not in unit.source
        and not _OPTION.search(unit.source)
    ):
        # spaces, tabs and command-line options lay out columns: the translator's to align
        for match in _DOUBLE_SPACE.finditer(unit.target):
            found.append(
                Finding(
                    "double-space",
                    unit.piece,
                    match.start(),
                    match.end(),
                    repr(match.group()),
                    " ",
                    "two spaces between words: make it one",
                )
            )
    # Spaces at either end that one side has and the other not; the count of newlines and
    # the width of an indent are layout, the translator's to change.
    sides = [("trailing", _TRAILING_SPACE)]
    if "\n" not in unit.source.strip("\n"):  # one line: its indent is not column layout
        sides.append(("leading", _LEADING_SPACE))
    for side, pattern in sides:
        if _spaced(unit.source, side) == _spaced(unit.target, side):
            continue
        want = pattern.search(unit.source)
        got = pattern.search(unit.target)
        if bool(want) != bool(got):
            at = got.start() if got else (0 if side == "leading" else len(unit.target))
            found.append(
                Finding(
                    "whitespace",
                    unit.piece,
                    at,
                    got.end() if got else at,
                    repr(got.group() if got else ""),
                    repr(want.group() if want else ""),
                    f"{side} white space differs from the source's: copy the source's",
                )
            )
    return found


def _newlines(unit: Unit) -> list[Finding]:
    """A newline that begins or ends the source and not the target, or the reverse: the
    program prints the message on a line of its own, or after one, and the translation
    does not (how many newlines is the translator's layout)."""
    found = []
    for side, has in (("begins", str.startswith), ("ends", str.endswith)):
        want, got = has(unit.source, "\n"), has(unit.target, "\n")
        if want != got:
            at = 0 if side == "begins" else len(unit.target.rstrip("\n"))
            found.append(
                Finding(
                    "newline",
                    unit.piece,
                    at,
                    len(unit.target) if side == "ends" and got else at + got,
                    repr("\n" if got else ""),
                    repr("\n" if want else ""),
                    f"the source {side} with a newline and the target does not: add it"
                    if want
                    else f"the target {side} with a newline and the source does not: remove it",
                )
            )
    return found


def _spaced(text: str, side: str) -> bool:
    """Whether the text has the space _LEADING_SPACE or _TRAILING_SPACE finds, without
    searching: a space or tab first, or last before any final newlines."""
    if side == "leading":
        return text[:1] in (" ", "\t")
    return text.rstrip("\n")[-1:] in (" ", "\t")


def _addresses(unit: Unit, pattern: re.Pattern[str], rule: str) -> list[Finding]:
    """Addresses of the source the target lacks. A target that puts another address in
    its place (the team's own page, a mailing list) has localised it, not lost it, and an
    address at an example domain is the translator's to localise too."""
    wanted = [a for a in dict.fromkeys(pattern.findall(unit.source))
              if not _EXAMPLE_DOMAIN.search(a)]  # fmt: skip
    present = [_WEB_SCHEME.sub("//", a) for a in _URL.findall(unit.target)]
    present += _EMAIL.findall(unit.target)
    # A page of the address is it too (…/team/cs.html), and https for http is no loss.
    lost = [a for a in wanted if not _holds(present, a)]
    sources = _URL.findall(unit.source) + _EMAIL.findall(unit.source)
    spare = sum(not any(_holds([p], a) for a in sources) for p in present)  # put in place
    return [
        _whole(unit, rule, f"{address} of the source is not in the target: copy it", address)
        for address in lost[max(spare, 0) :]
    ]


def _holds(present: list[str], address: str) -> bool:
    """Whether one of the target's addresses (schemes folded) is the address or a page of it."""
    folded = _WEB_SCHEME.sub("//", address)
    return any(p.startswith(folded) for p in present)


def _brackets(unit: Unit) -> list[Finding]:
    """Brackets by count of each side; quotation marks by parity of each family, since one
    language's closing mark is another's opening one („…“, „…”, »…«, “…”)."""
    if sorted(_PAIRED.findall(unit.source)) == sorted(_PAIRED.findall(unit.target)):
        return []  # every bracket and quotation mark as often as in the source
    found = []
    for opening, closing in _BRACKETS:
        source_balanced = unit.source.count(opening) == unit.source.count(closing)
        if source_balanced and unit.target.count(opening) != unit.target.count(closing):
            found.append((opening, closing))
    if not _LETTER.search(unit.source):
        return []  # a quotation mark or a bracket alone, localised
    for family in _QUOTE_FAMILIES:
        in_source = sum(unit.source.count(c) for c in family)
        if in_source and in_source % 2 == 0 and sum(unit.target.count(c) for c in family) % 2:
            found.append((family[0], family[-1]))
    return [
        _whole(
            unit,
            "brackets",
            f"{opening} and {closing} are not paired in the target: close or remove one",
            f"{opening}…{closing}",
        )
        for opening, closing in found
    ]


def _end_punctuation(unit: Unit) -> list[Finding]:
    """The source's final punctuation lost or changed; a stop the target adds where the
    source has none is a matter of style, not flagged."""
    source_end, target_end = unit.source.rstrip()[-2:], unit.target.rstrip()[-2:]
    if source_end[-1:].isalnum() or (source_end == target_end and source_end[:1].isalnum()):
        return []  # no final punctuation to lose, or the same single mark after a word
    want, got = _ending(unit.source), _ending(unit.target)
    if want == got or not want or not _LETTER.search(unit.source):
        return []
    if got and all((mark in want) == (mark in got) for mark in "?:"):
        return []  # "!" for "." and the like is tone, not a lost question or lead-in
    if want == "?" and _QUESTION.search(unit.target[-40:]):
        return []  # still a question, with "(y/n)" or the like after its mark
    if not _LETTER.search(unit.target):
        return []
    text = unit.target.rstrip()
    stop = _END.search(_TRAILING_TAGS.sub("", text)) if got else None
    start = stop.start(1) if stop else len(text)
    return [
        Finding(
            "end-punctuation",
            unit.piece,
            max(start, 0),
            len(text),
            got or "(none)",
            want or "(none)",
            f"the source ends with {want or 'no punctuation'}, the target with "
            f"{got or 'none'}: make them agree",
        )
    ]


def _ending(text: str) -> str:
    text = _TRAILING_TAGS.sub("", text.rstrip())
    if _QUOTED_STOP.search(text):
        return ""  # a stop quoted as itself: "… and “.”"
    match = _END.search(text)
    if not match:
        return ""
    ending = "".join(_SAME_END.get(c, c) for c in match[1])
    return "" if ending.startswith("...") else ending  # "FILE..." is syntax, "…" a trail


def _length(units: Sequence[Unit]) -> list[Finding]:
    ratios = [
        len(u.target.strip()) / len(u.source.strip())
        for u in units
        if len(u.source.strip()) >= _LENGTH_MIN_SOURCE and u.target.strip()
    ]
    if len(ratios) < _LENGTH_MIN_UNITS:
        return []
    norm = statistics.median(ratios)
    found = []
    for unit in units:
        source, target = unit.source.strip(), unit.target.strip()
        if len(source) < _LENGTH_MIN_SOURCE or not target:
            continue
        ratio = len(target) / len(source) / norm
        if 1 / _LENGTH_FACTOR <= ratio <= _LENGTH_FACTOR:
            continue
        way = "shorter" if ratio < 1 else "longer"
        found.append(
            _whole(
                unit,
                "length",
                f"the target is {max(ratio, 1 / ratio):.1f}× {way} than this file's targets "
                f"are for their sources: check it is whole",
                None,
            )
        )
    return found


@dataclass(slots=True)
class Placement:
    """Where a unit sits, for findings that point at another unit, and the language of its
    file's targets (a German catalogue's translation never disagrees with a French one's)."""

    file: str
    line: int
    lang: str = "und"


def inconsistencies(
    units: Iterable[tuple[Unit, Placement]],
    memory: dict[tuple[str, str], set[str]] | None = None,
    enabled: Container[str] = QA_RULES,
) -> list[tuple[Unit, Finding]]:
    """One source with different targets, one target for different sources, among the units
    of a run in one target language (and against a TM's targets for the same sources in
    that language, keyed (language, source), when given). Units are told apart by their
    text with white space and case as written; each finding names another unit it
    disagrees with."""
    by_source: dict[tuple[str, str, str], list[tuple[Unit, Placement]]] = defaultdict(list)
    by_target: dict[tuple[str, str], list[tuple[Unit, Placement]]] = defaultdict(list)
    for unit, place in units:
        source, target = unit.source.strip(), unit.target.strip()
        if not target or not source:
            continue
        if "inconsistent-target" in enabled:
            by_source[place.lang, unit.context or "", source].append((unit, place))
        if "inconsistent-source" in enabled and not (unit.context or "").endswith("]"):
            by_target[place.lang, target].append((unit, place))  # (plural forms share targets)
    found: list[tuple[Unit, Finding]] = []
    for (lang, _, source), group in by_source.items():
        if len(group) == 1 and not memory:
            continue  # one unit has nothing to disagree with
        targets = Counter(u.target.strip() for u, _ in group)
        known = (memory or {}).get((lang, source), set())
        if len(targets) < 2 and (not known or set(targets) <= known):
            continue
        usual = targets.most_common(1)[0][0]
        for unit, _ in group:
            target = unit.target.strip()
            if len(targets) >= 2 and target != usual:
                other = next(p for u, p in group if u.target.strip() == usual)
                found.append(
                    (
                        unit,
                        _whole(
                            unit,
                            "inconsistent-target",
                            f"this source is translated {usual!r} at {other.file}:{other.line}",
                            usual,
                        ),
                    )
                )
            elif known and target not in known:
                found.append(
                    (
                        unit,
                        _whole(
                            unit,
                            "inconsistent-target",
                            f"the translation memory has {sorted(known)[0]!r} for this source",
                            sorted(known)[0],
                        ),
                    )
                )
    for group in by_target.values():
        if len(group) == 1:
            continue
        sources = Counter(u.source.strip() for u, _ in group)
        if len(sources) < 2:
            continue
        usual = sources.most_common(1)[0][0]
        for unit, _ in group:
            if unit.source.strip() == usual or _differ_only_in_case(unit.source, usual):
                continue
            other = next(p for u, p in group if u.source.strip() == usual)
            found.append(
                (
                    unit,
                    _whole(
                        unit,
                        "inconsistent-source",
                        f"the same target translates {usual[:60]!r} at {other.file}:"
                        f"{other.line}: check which source it renders",
                        None,
                    ),
                )
            )
    return found


def _differ_only_in_case(one: str, other: str) -> bool:
    return _NOT_WORD.sub("", one).casefold() == _NOT_WORD.sub("", other).casefold()
