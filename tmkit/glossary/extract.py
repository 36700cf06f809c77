"""Turn candidate occurrences into glossary entries: forms of one thing merged, terms ranked.

Forms merge into one entry when:
- they share a matching key (case, accents, dashes, British/American spelling, inflection);
- one is an abbreviation of the other: by initials (UN / United Nations) or by the table in
  `tmkit/data/abbreviations.txt` (USSR / Soviet Union);
- a person's name is part of exactly one longer person's name (Putin / Vladimir Putin);
  when it is part of several (Castro: Raul Castro, Fidel Castro) it stays apart;
- they are near in spelling and a second signal agrees: two people with one surname
  (Dmitri / Dimitri Medvedev), or a form seen once beside one seen at least three times that
  differs from it in one near-spelt word (a typo: Kremnil / Kremlin — deprecated). Near
  spelling alone is only a suggestion.

The preferred form: the official text's (a transcript's) fullest form, else the corpus's most
frequent form. Phrases are ranked by termhood: C-value (Frantzi et al.: longer and more
frequent, minus what nested use explains) times their words' mean specificity against
general language (wordfreq), cut at `MIN_TERMHOOD` grown with the log of the corpus's size.
Single words are ranked by how much more often the corpus uses them than general language,
kept when that excess is large and significant. The constants were chosen on
tests/gold/glossary.toml and the three ACTER development domains together.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

import numpy
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cdist

from tmkit.align.similarity import (
    ZIPF_CEILING,
    american_spelling,
    fold,
    key_words,
    matching_key,
)
from tmkit.choices import MIN_TERMHOOD
from tmkit.datafiles import data_lines
from tmkit.frequency import zipf
from tmkit.glossary.candidates import OF_CONNECTOR, Candidates, Occurrence, spells, stopwords
from tmkit.glossary.lemmas import dictionary_form, is_acronym, lemma
from tmkit.glossary.model import Entry, Form
from tmkit.glossary.tagging import (
    NOUN_CAPITALISING_LANGUAGES,
    is_adjective,
    is_plural_common_noun,
)
from tmkit.phrases import folded_key
from tmkit.progress import detail
from tmkit.reading.names import country_names

NEAR_SPELLING = 0.9
NEAR_SPELLING_ROWS = 512  # names of a block compared at once (a float32 row each)
TYPO_MAJORITY = 3
# A typo is one edit (a letter left out, doubled, swapped or wrong) in a shorter word, two
# in a word of this many letters or more (the "AUTO" fuzziness of Lucene and
# Elasticsearch: "Kremnil" for "Kremlin"); Jaro-Winkler, which finds the near pairs,
# rewards a shared start and so calls two compounds of one first part near ("Hohbergjoch",
# "Höhberghorn": four letters apart).
LONG_TYPO_WORD = 6
# A spelling general language uses this often (Zipf: once in a million words) is a word of
# its own, not a typo.
TYPO_WORD_ZIPF = 3.0
# Single-word terms: at least ten times (log10 1) their general-language rate, significantly.
MIN_WORD_RATIO = 1.0
WORD_SIGNIFICANCE = 0.01
EVERYDAY_ZIPF = 3.0
EVERYDAY_CHARGE = 1.0
MIN_ZIPF = 1.0  # wordfreq's floor: a word it does not list is as rare as its rarest
# The phrase cut grows with the log of the corpus's size past a few articles' worth of words:
# C-value counts occurrences, and a large corpus repeats its ordinary phrases too.
REFERENCE_WORDS = 10_000
# Languages whose names inflect (Куба, Кубы, Кубе): names are keyed by lemma, and an entry's
# preferred form is its nominative even where the corpus writes only other cases.
INFLECTED_NAME_LANGUAGES = frozenset({"ru"})
MIN_ALL_WORD_INITIALS = 4  # words a name needs before its lower-case words' initials count
FRAGMENT_SHARE = 1.0  # of a phrase's uses inside one phrase a word longer: never seen alone
MAX_CONTEXT_CHARS = 600  # of an entry's context (the seed's longest sentence: 417)
MIN_OF_PHRASE_COUNT = 2
MIN_OF_PHRASE_SHARE = 0.5


@dataclass(slots=True)
class _Group:
    """Candidate forms believed to name one thing."""

    key: str
    is_term: bool
    occurrences: list[Occurrence] = field(default_factory=list)
    deprecated: set[str] = field(default_factory=set)
    suggestions: set[str] = field(default_factory=set)

    @property
    def forms(self) -> Counter[str]:
        return Counter(o.form for o in self.occurrences)

    @property
    def count(self) -> int:
        return len(self.occurrences)

    def kind(self) -> str:
        if self.is_term:
            return "term"
        forms = self.forms
        countries = country_names()
        if any(tuple(form.split()) in countries for form in forms):
            return "place"  # "US" and "United States" name a country, not a body
        # A form in capitals beside one in mixed case is the same name shouted (a dateline's
        # "BEIJING"), not an acronym's organisation.
        capitals = {f for f in forms if f.isupper()}
        shouted = capitals if len(capitals) < len(forms) else set()
        kinds = Counter(
            o.kind for o in self.occurrences if o.kind != "name" and o.form not in shouted
        )
        return kinds.most_common(1)[0][0] if kinds else "name"


@cache
def official_country_names() -> frozenset[str]:
    """Countries' official names ("Republic of Cuba"), which a glossary admits but does not
    prefer."""
    return frozenset(
        name.strip() for line in data_lines("country_forms.txt") for name in line.split("=")[1:]
    )


@cache
def abbreviation_table() -> list[list[str]]:
    """Lines of equivalent forms: tmkit/data/abbreviations.txt, and a country's short and
    official names (country_forms.txt: "Cuba = Republic of Cuba")."""
    lines = data_lines("abbreviations.txt") + data_lines("country_forms.txt")
    return [[part.strip() for part in line.split("=")] for line in lines]


def build_entries(
    candidates: Candidates, lang: str, min_termhood: float = MIN_TERMHOOD
) -> list[Entry]:
    """Glossary entries from candidate occurrences, names and ranked terms, ids in order."""
    groups = _group_by_key(candidates.occurrences, lang)
    names = [g for g in groups if not g.is_term]
    union = _UnionFind(len(names))
    _merge_abbreviations(names, union)
    _merge_defined_acronyms(names, union)
    _merge_partial_names(names, union)
    _merge_near_spellings(names, union, lang)
    merged = _collapse(names, union)
    terms = [g for g in groups if g.is_term]
    groups_by_key = {g.key: g for g in terms}
    scores = termhood(terms, lang)
    scores.update(word_termhood([g for g in terms if " " not in g.key], lang, candidates.words))
    # (an empty document has no words: its cut is the small corpus's)
    grown = 1 + math.log10(max(candidates.words, REFERENCE_WORDS) / REFERENCE_WORDS)
    phrase_cut = min_termhood * grown
    kept_terms = [
        g
        for g in terms
        if (
            scores[g.key] >= (phrase_cut if " " in g.key else MIN_WORD_RATIO)
            and _fixed_if_of_phrase(g, groups_by_key)
        )
        or any(o.defined for o in g.occurrences)  # the text defines it
    ]
    kept_terms = _drop_nested_in_names(_drop_fragments(kept_terms, terms), merged)
    kept_terms = _drop_bare_modifiers(kept_terms, lang)
    detail(
        f"glossary {lang}: {candidates.words} words; {len(merged)} names from {len(names)} "
        f"forms; {len(kept_terms)} of {len(terms)} term candidates kept (phrase cut "
        f"{phrase_cut:.2f} for {candidates.words} words, single words at ratio {MIN_WORD_RATIO})"
    )
    entries = [_entry(g, lang, None) for g in merged]
    entries += [
        _entry(lemma_group, lang, round(scores[g.key], 3))
        for g in kept_terms
        for lemma_group in _by_lemma(g, lang)
        if _word_of_its_family(lemma_group, g, lang, candidates.words)
    ]
    return number_entries(entries)


def _fixed_if_of_phrase(group: _Group, groups: dict[str, _Group]) -> bool:
    """An "X of Y" phrase is a term only when fixed: repeated, and where Y is mostly written
    ("angle of attack"), not one of many phrases about Y ("analysis of subgroups")."""
    words = group.key.split()
    if OF_CONNECTOR not in words[1:-1]:
        return True
    last = groups.get(words[-1])
    share = group.count / last.count if last else 1.0
    return group.count >= MIN_OF_PHRASE_COUNT and share >= MIN_OF_PHRASE_SHARE


def number_entries(entries: list[Entry]) -> list[Entry]:
    """Sort entries by their folded term and number them t0001, t0002…"""
    entries.sort(key=lambda e: (fold(e.term), e.term))
    for number, entry in enumerate(entries, start=1):
        entry.id = f"t{number:04d}"
    return entries


def _group_by_key(occurrences: list[Occurrence], lang: str) -> list[_Group]:
    groups: dict[tuple[bool, str], _Group] = {}
    for occurrence in occurrences:
        is_term = occurrence.kind == "term"
        if is_term:
            key = matching_key(occurrence.form, lang)  # a family: scored as one, below
        elif lang in INFLECTED_NAME_LANGUAGES or lang in NOUN_CAPITALISING_LANGUAGES:
            # Кубы and Куба are one name, as are "des Bundeskriminalamts" and "das
            # Bundeskriminalamt", "der Europäischen Zentralbank" and "die Europäische…"
            key = folded_key(" ".join(lemma(w, lang) for w in occurrence.form.split()))
        else:
            key = folded_key(_singular_name(occurrence.form, lang))
        if not key:
            continue
        group = groups.get((is_term, key))
        if group is None:
            group = groups[(is_term, key)] = _Group(key, is_term)
        group.occurrences.append(occurrence)
    return list(groups.values())


def _is_dictionary_form(form: str, lang: str) -> bool:
    """Whether a term's last word is its own lemma (a singular), as a glossary writes a
    term; in English only, where the lemmatiser knows plurals from names."""
    last = form.split()[-1]
    return lang == "en" and lemma(last.lower(), lang) == last.lower()


def _word_of_its_family(part: _Group, family: _Group, lang: str, corpus_words: int) -> bool:
    """Whether an inflection of a kept family is a term of its own: the family's likeliest
    form is, and so is a defined one; another single word must be one with the family's
    count of uses at its own general frequency ("compiler" beside "compilation"; not
    "information" beside "informational")."""
    if " " in family.key or family.forms.most_common(1)[0][0] in part.forms:
        return True
    if any(o.defined for o in part.occurrences):
        return True
    form = part.forms.most_common(1)[0][0]
    return _word_score(form, family.count, lang, corpus_words) >= MIN_WORD_RATIO


def _by_lemma(group: _Group, lang: str) -> list[_Group]:
    """A term's family (its forms of one stem, scored together: "compilation",
    "compilations", "compiler") as entries of its inflections: in English, forms whose
    words have one lemma, spelt the American way ("rotor blades" and "rotor blade",
    "colonisation" and "colonization"), so a derived word is an entry of its own
    ("compiler"). Elsewhere the family is one entry."""
    if lang != "en":
        return [group]
    split: dict[str, _Group] = {}
    for occurrence in group.occurrences:
        key = " ".join(american_spelling(lemma(w, lang)) for w in key_words(occurrence.form))
        split.setdefault(key, _Group(key, True)).occurrences.append(occurrence)
    return list(split.values())


def _singular_acronym(form: str) -> str:
    """An acronym's plural as the acronym ("FIUs" → FIU, "NGOs" → NGO); any other form as
    it is."""
    if form.endswith("s") and is_acronym(form[:-1]):
        return form[:-1]
    return form


def _singular_name(form: str, lang: str) -> str:
    """A name in the singular, so its plural is one with it: an acronym's ("FIUs"), or in
    English a name ending in a common noun's plural ("Contributions", "Derivative Works"
    beside "Contribution", "Derivative Work"). Only the key is singular: the forms stay
    as written, so "United States" is still "United States"."""
    form = _singular_acronym(form)
    *rest, last = form.split(" ")
    if lang == "en" and is_plural_common_noun(last, lang):
        return " ".join([*rest, last[:1] + lemma(last.lower(), lang)[1:]])
    return form


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _merge_abbreviations(names: list[_Group], union: _UnionFind) -> None:
    by_key = {g.key: i for i, g in enumerate(names)}
    for line in abbreviation_table():
        present = [by_key[k] for k in (folded_key(form) for form in line) if k in by_key]
        for other in present[1:]:
            union.union(present[0], other)
    # A long form's initials: of its capitalised words ("Organisation for Economic
    # Co-operation and Development", OECD), or, for a name of four words or more, of all its
    # words ("United Nations Convention against Corruption", UNCAC; a short acronym of all
    # words is too often another's: "CR" is no "Castro regime").
    by_initials: dict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(names):
        words = next(iter(group.forms)).split()
        capitalised = [w for w in words if w[:1].isupper()]
        for chosen in (capitalised, words if len(words) >= MIN_ALL_WORD_INITIALS else []):
            if len(chosen) >= 2:
                by_initials["".join(w[0] for w in chosen).lower()].add(index)
    for index, group in enumerate(names):
        form = _singular_acronym(next(iter(group.forms)).replace(".", ""))
        if form.isupper() and form.isalpha() and len(by_initials.get(form.lower(), ())) == 1:
            union.union(index, next(iter(by_initials[form.lower()])))


def _merge_defined_acronyms(names: list[_Group], union: _UnionFind) -> None:
    """An acronym in brackets right after a name is that name's when the name spells its
    letters in order from its first ("Group of States against Corruption (GRECO)"), as
    Schwartz and Hearst read an abbreviation's definition; its initials need not be the
    acronym, nor need it be in the abbreviation table."""
    ending_at: dict[tuple[str, int, int], int] = {}  # (doc, segment, end) → name
    for index, group in enumerate(names):
        for occurrence in group.occurrences:
            ending_at[(occurrence.doc, occurrence.segment, occurrence.end)] = index
    for index, group in enumerate(names):
        for occurrence in group.occurrences:
            acronym = occurrence.form
            if not (acronym.isupper() and acronym.isalpha()) or (
                f"({acronym})" not in occurrence.sentence
            ):
                continue
            for gap in (1, 2):  # "(" or " (" between them
                named = ending_at.get((occurrence.doc, occurrence.segment, occurrence.start - gap))
                if named is not None and named != index:
                    if spells(acronym, next(iter(names[named].forms))):
                        union.union(index, named)
                    break


def _merge_partial_names(names: list[_Group], union: _UnionFind) -> None:
    """A person's name inside exactly one longer person's name is that person."""
    kinds = [g.kind() for g in names]
    people = [i for i, kind in enumerate(kinds) if kind in ("person", "name")]
    tokens = {i: tuple(names[i].key.split()) for i in people}
    having: dict[str, set[int]] = defaultdict(set)  # token → full person names holding it
    for index in people:
        if kinds[index] == "person":
            for token in tokens[index]:
                having[token].add(index)
    for index in sorted(people, key=lambda i: -len(tokens[i])):
        short = tokens[index]
        holders = set.intersection(*(having.get(t, set()) for t in short))
        containers = {
            union.find(other)
            for other in holders
            if len(tokens[other]) > len(short) and _contains(tokens[other], short)
        }
        if len(containers) == 1:
            union.union(index, containers.pop())
        elif len(containers) > 1:
            names[index].suggestions.update(names[c].forms.most_common(1)[0][0] for c in containers)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _merge_near_spellings(names: list[_Group], union: _UnionFind, lang: str) -> None:
    """Near spellings merge only with a second signal; otherwise each suggests the other.

    Compared within blocks of one first letter and similar length, so the work stays far
    below all pairs on a large glossary."""
    blocks: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, group in enumerate(names):
        if len(group.key) >= 5:
            blocks[(group.key[0], len(group.key) // 4)].append(index)
    for (initial, size), members in list(blocks.items()):
        own = set(members)
        neighbours = members + blocks.get((initial, size + 1), [])
        keys = [names[b].key for b in neighbours]
        for chunk in range(0, len(members), NEAR_SPELLING_ROWS):
            rows = members[chunk : chunk + NEAR_SPELLING_ROWS]
            # Every pair of a block scored at once in C (rapidfuzz), only the near ones kept.
            scores = cdist(
                [names[a].key for a in rows],
                keys,
                scorer=JaroWinkler.similarity,
                score_cutoff=NEAR_SPELLING,
                dtype=numpy.float32,
            )
            for row, column in zip(*numpy.nonzero(scores), strict=True):
                a, b = rows[row], neighbours[column]
                if a >= b and b in own:
                    continue
                if union.find(a) != union.find(b):
                    _near_pair(names, union, a, b, lang)


def _near_pair(names: list[_Group], union: _UnionFind, a: int, b: int, lang: str) -> None:
    first, second = names[a], names[b]
    tokens_a, tokens_b = first.key.split(), second.key.split()
    same_surname = (
        len(tokens_a) > 1 and len(tokens_b) > 1 and tokens_a[-1] == tokens_b[-1]
    ) and "person" in (first.kind(), second.kind())
    rare, common = sorted((first, second), key=lambda g: g.count)
    if same_surname:
        union.union(a, b)
    elif (
        rare.count == 1
        and common.count >= TYPO_MAJORITY
        and _one_word_differs(tokens_a, tokens_b)
        and not _spells_a_word(rare, common, lang)
    ):
        union.union(a, b)
        rare.deprecated.update(rare.forms)
    else:
        first.suggestions.update(second.forms)
        second.suggestions.update(first.forms)


def _spells_a_word(rare: _Group, common: _Group, lang: str) -> bool:
    """Whether the rare spelling's own word is a word of the language, and so no typo of
    the common one ("Allemand" beside "Allemagne"; "Kremnil" beside "Kremlin" is a typo)."""
    own = {w.lower() for form in rare.forms for w in form.split()}
    own -= {w.lower() for form in common.forms for w in form.split()}
    return any(zipf(word, lang) >= TYPO_WORD_ZIPF for word in own)


def _one_word_differs(a: list[str], b: list[str]) -> bool:
    """A typo changes one word, to a near spelling, and leaves the rest ("Economic Counsil"
    for "Economic Council"), unlike two bodies' names ("Eurasian Economic Union" and
    "Eurasian Economic Council")."""
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if x.startswith(y) or y.startswith(x):
        return False  # an ending added is a derived word, not a typo: "Russia", "Russian"
    return OSA.distance(x, y) <= (1 if max(len(x), len(y)) < LONG_TYPO_WORD else 2)


def _collapse(names: list[_Group], union: _UnionFind) -> list[_Group]:
    merged: dict[int, _Group] = {}
    for index, group in enumerate(names):
        root = union.find(index)
        if root not in merged:
            merged[root] = _Group(group.key, False)
        target = merged[root]
        target.occurrences.extend(group.occurrences)
        target.deprecated |= group.deprecated
        target.suggestions |= group.suggestions
    for group in merged.values():
        group.suggestions -= set(group.forms)
    return list(merged.values())


def termhood(terms: list[_Group], lang: str) -> dict[str, float]:
    """C-value of each term candidate times its words' mean specificity in [0, 1]."""
    frequency = {g.key: g.count for g in terms}
    nested_in: dict[str, list[str]] = defaultdict(list)  # term → longer terms holding it
    for key in frequency:
        words = key.split()
        if OF_CONNECTOR in words:
            continue  # "state of bilateral relations" does not explain "bilateral relations" away
        inner = {
            " ".join(words[i : i + size])
            for size in range(1, len(words))
            for i in range(len(words) - size + 1)
        }
        for part in inner & frequency.keys():
            nested_in[part].append(key)
    scores = {}
    for group in terms:
        size = len(group.key.split())
        containers = nested_in.get(group.key, [])
        own = group.count
        if containers:
            own -= sum(frequency[c] for c in containers) / len(containers)
        c_value = math.log2(size + 1) * max(own, 0.0)
        scores[group.key] = c_value * _specificity(group.forms.most_common(1)[0][0], lang)
    return scores


def word_termhood(words: list[_Group], lang: str, corpus_words: int) -> dict[str, float]:
    """How many times (log10) more often than in general language the corpus uses each
    single-word term, less a charge for an everyday word (Zipf above EVERYDAY_ZIPF: a news
    story's "visit" is over-represented too); 0 unless the excess is significant (Poisson tail
    below WORD_SIGNIFICANCE), which a small corpus's one-off uses of ordinary words are not."""
    return {
        group.key: _word_score(group.forms.most_common(1)[0][0], group.count, lang, corpus_words)
        for group in words
    }


def _word_score(form: str, count: int, lang: str, corpus_words: int) -> float:
    """word_termhood of one word used `count` times."""
    general_zipf = max(_general_zipf(form.lower(), lang), MIN_ZIPF)
    expected = 10 ** (general_zipf - 9) * corpus_words
    if _poisson_tail(count, expected) > WORD_SIGNIFICANCE:
        return 0.0
    ratio = math.log10(count / expected)
    return ratio - EVERYDAY_CHARGE * max(0.0, general_zipf - EVERYDAY_ZIPF)


def _poisson_tail(count: int, expected: float) -> float:
    """P(X ≥ count) for X ~ Poisson(expected)."""
    term = math.exp(-expected)
    below = 0.0
    for k in range(count):
        below += term
        term *= expected / (k + 1)
        if term < 1e-300:
            break
    return max(0.0, 1.0 - below)


def _specificity(form: str, lang: str) -> float:
    """How far a phrase's words are from everyday language: mean of (ceiling − Zipf)/ceiling."""
    words = [w for w in form.lower().replace("-", " ").split() if w not in stopwords(lang)]
    if not words:
        return 0.0
    return sum(max(0.0, ZIPF_CEILING - _general_zipf(w, lang)) for w in words) / (
        ZIPF_CEILING * len(words)
    )


def _general_zipf(word: str, lang: str) -> float:
    """A word's general-language frequency; in a language whose words inflect for case, the
    more frequent of the word and its lemma ("санкциями" is as common as "санкции" is)."""
    if lang in INFLECTED_NAME_LANGUAGES:
        return max(zipf(word, lang), zipf(lemma(word, lang), lang))
    return zipf(word, lang)


def _drop_fragments(kept: list[_Group], candidates: list[_Group]) -> list[_Group]:
    """A phrase never written but inside one phrase a word longer is that phrase's part, not
    a term ("systolic heart" of "systolic heart failure", "branch block" of "bundle branch
    block"): C-value only subtracts the mean of its containers. (The share was measured
    from 0.6 to 1: ACTER htfl 0.514-0.515 throughout, wind 0.422 at 0.6 and 0.430 at 1.)"""
    frequency = {g.key: g.count for g in candidates}
    extended: dict[str, int] = defaultdict(int)  # phrase → most uses of a one-word extension
    for key, count in frequency.items():
        words = key.split()
        if len(words) >= 3 and OF_CONNECTOR not in words:
            for part in (" ".join(words[1:]), " ".join(words[:-1])):
                extended[part] = max(extended[part], count)
    return [
        g
        for g in kept
        if " " not in g.key or extended.get(g.key, 0) < FRAGMENT_SHARE * frequency[g.key]
    ]


def _drop_bare_modifiers(kept: list[_Group], lang: str) -> list[_Group]:
    """An adjective kept as a one-word term whose every use modifies a kept longer term
    ("unilateral" of "unilateral sanctions", "geopolitical" of "geopolitical manipulations")
    says nothing the longer terms do not."""
    covered: set[tuple[str, int]] = set()
    for group in kept:
        if " " in group.key:
            for o in group.occurrences:
                covered.add((o.doc, o.start))
    return [
        g
        for g in kept
        if " " in g.key
        or not is_adjective(g.forms.most_common(1)[0][0], lang)
        or not all((o.doc, o.start) in covered for o in g.occurrences)
    ]


def _drop_nested_in_names(terms: list[_Group], names: list[_Group]) -> list[_Group]:
    """A lower-case term wholly inside a name is part of that name, not a term of its own;
    so is a capitalised one-word term written as one of a name's words (German, where the
    tagger may read a name's word as a noun: "Parbat" of Nanga Parbat)."""
    name_keys = {fold(o.form) for g in names for o in g.occurrences}
    name_words = {word for g in names for o in g.occurrences for word in o.form.split()}
    return [g for g in terms if not any(fold(f) in name_keys or f in name_words for f in g.forms)]


def _context(occurrence: Occurrence) -> str:
    """The sentence an entry was seen in, white space tidied; a sentence longer than
    MAX_CONTEXT_CHARS (a page with no stops, a table) is cut to a window around the form,
    so a glossary of a long line does not repeat the line in every entry."""
    sentence = occurrence.sentence
    if len(sentence) > MAX_CONTEXT_CHARS:
        at = max(sentence.find(occurrence.form), 0)
        start = max(0, at - MAX_CONTEXT_CHARS // 2)
        end = min(len(sentence), start + MAX_CONTEXT_CHARS)
        cut = sentence[start:end]
        sentence = ("…" if start else "") + cut + ("…" if end < len(sentence) else "")
    return " ".join(sentence.split())


def _entry(group: _Group, lang: str, score: float | None) -> Entry:
    forms = group.forms
    official = Counter(o.form for o in group.occurrences if o.official)
    usable = [f for f in forms if f not in group.deprecated] or list(forms)
    pool = [f for f in usable if f in official] or usable
    prose = Counter(o.form for o in group.occurrences if o.origin == "prose")
    # The official text's fullest form ("Vladimir Putin", "United States"), but for a
    # country's official name ("Cuba", not "Republic of Cuba"); at equal counts the fuller
    # form: "Dilma Rousseff", not "Rousseff".
    long_names = official_country_names()

    def fullness(form: str) -> int:
        return len(form.split()) if official and form not in long_names else 0

    # German inflects a name's words with added letters: its shortest spelling of as many
    # words is the nominative ("Bundeskriminalamt", "Europäische Zentralbank").
    shortest = lang in NOUN_CAPITALISING_LANGUAGES and not group.is_term
    preferred = max(
        pool,
        key=lambda f: (
            fullness(f),
            group.is_term and _is_dictionary_form(f, lang),  # "patent claim", not "…claims"
            prose[f],
            forms[f],
            f == _singular_acronym(f),  # "NGO", not "NGOs"
            len(f.split()),
            -len(f) if shortest else len(f),
            f,
        ),
    )
    others = sorted((f for f in forms if f != preferred), key=lambda f: (-forms[f], f))
    ordered = [preferred, *others]
    statuses = {
        f: "preferred" if f == preferred else "deprecated" if f in group.deprecated else "admitted"
        for f in ordered
    }
    context_source = next(
        (o for o in group.occurrences if o.form == preferred and o.official),
        next(o for o in group.occurrences if o.form == preferred),
    )
    roles = Counter(o.role for o in group.occurrences if o.role)
    outside = Counter(o.origin for o in group.occurrences if o.origin != "prose")
    notes = (
        [f"seen outside the prose: {', '.join(f'{k} ({n})' for k, n in sorted(outside.items()))}"]
        if outside
        else []
    )
    written = [Form(f, statuses[f], forms[f]) for f in ordered]
    base = preferred
    if lang in INFLECTED_NAME_LANGUAGES:  # a Russian name or term in the nominative
        base = dictionary_form(preferred.split(), lang)
    elif group.is_term and lang in NOUN_CAPITALISING_LANGUAGES and " " not in preferred:
        base = dictionary_form([preferred], lang)  # Blitzangriffes → Blitzangriff
    if base != preferred:  # the glossary gives a name or a noun as a dictionary does
        written = [
            Form(base, "preferred", forms.get(base, 0)),
            *(f for f in written if f.form != base),
        ]
        written[1].status = "admitted"
    return Entry(
        id="",
        lang=lang,
        kind=group.kind(),
        forms=written,
        docs=sorted({o.doc for o in group.occurrences}),
        context=_context(context_source),
        role=roles.most_common(1)[0][0] if roles else None,
        notes=notes,
        suggestions=sorted(group.suggestions),
        score=score,
    )
