"""Propose each entry's rendering on the other side of aligned pairs.

For every pair whose source holds a form of an entry, the candidate renderings are the
target's words and phrases: between two renderings in one language, the words and two- and
three-word phrases the source does not share; between languages, every phrase of up to
seven words inside one stretch of the sentence (no punctuation across it) that neither
starts nor ends with a function word (capitalised at the sentence's start too: "Selon"),
holds no article after a content word (tmkit/data/articles_<lang>.txt: "lundi une
campagne" is two phrases) nor a coordinating conjunction (conjunctions_<lang>.txt:
"санкции и ограничениями") and does not cut a run of capitalised words.

Over all pairs, a candidate's association with the entry is Dice's coefficient
(2·together / (pairs with the entry + pairs with the candidate)). A single pair cannot tell
candidates apart by counts, so confidence also weighs where the candidate stands in its
sentence against where the entry stands in its own, and how alike they are in spelling:
- in one language, 0.4·Dice + 0.3·closeness + 0.3·spelling likeness, kept from 0.85
  (homeland / Motherland);
- between languages, 0.2·Dice + 0.2·closeness + 0.6·cognate likeness, kept from 0.66:
  every word of each side is matched to its likest word on the other side, in any order
  (Supreme Eurasian Economic Council / Consejo Económico Supremo Euroasiático), letters
  compared after transliteration (Leningrad / Ленинград) and inflection (Кубы → Куба), and a
  side with words left over counts less. A rendering spelt as the entry is one (Cuba). A
  name of the target (capitalised away from the sentence's start) has at least 0.45 of
  likeness for a name of the source, so place and association can pair names unlike in
  letters (Neva Bridgehead / Невский пятачок). A name still without a rendering takes a
  name of the target of as many words that stands in every pair it stands in, where each is
  the other's best (Victory / Победа; World Health Organization / Всемирная организация
  здравоохранения, a name that capitalises its first word only).
A rendering that holds the whole rendering of another entry sharing no word with it is
dropped ("Кения кампанию вакцинации" for measles vaccination campaign holds Kenya's), and so
is that of an entry seen only inside longer ones where it is no part of their surer
renderings (clinics, only in rural clinics / dispensaires ruraux, is not "cinq").
An entry that finds no rendering so, in at least two pairs, takes the phrase that keeps it
company best (Dice from 0.7; the longest where several do equally well, none when two
longest tie, and no name of the target for a term): wind farm / parque eólico, Seil / corde,
where letters say nothing. An entry some of whose words have partners in the target (see
below) and the rest, a run at its start or end, none, takes the partners' words and the free
run beside them past glue, after them where the target puts modifiers after their noun
(measles vaccination campaign / campaña de vacunación contra el sarampión, which replaces
"campaña de vacunación"; Ministry of Health / ministère de la Santé; a word for each part of
a closed compound: Neva Bridgehead / tête de pont de la Neva), and an entry of the run's
words alone takes the run (measles / sarampión). One still without a rendering takes what
its sentence pair leaves over: between the nearest source words partnered in the target
(alike in letters, an equal number, an entry already rendered), the entry and at most four
other runs of source content words face as many runs of unpartnered target words, taken in
order (seabed / fond marin; carbon fibre, stands, steel foundation, fixed, seabed /
углеродного волокна, стоит, стальном фундаменте…), numbers written out being glue as digits
are (four hundred thousand households / cuatrocientos mil hogares) and, where the counts
need it, a target verb a run of its own facing a source verb and a Russian noun phrase cut
where no genitive follows a noun (вспышку | чрезвычайной ситуацией); a partner's run takes
the free words beside its partner for its own unpartnered words ("health minister" /
"Министр здравоохранения"); where both sentences have as many clauses (stretches between
punctuation), all of it within the entry's clause and its counterpart; most of the pairs
that hold the entry must agree. A one-word term still without one that heads a rendered term
takes that rendering's head (blades of rotor blades / palas de rotor → pala). A name's
rendering, where letters say nothing, has as many words as the name, or counts less (no
"Всемирная" for World Health Organization); a term's is in lower case where only its
sentence's start capitalised it.
Target forms are keyed by lemma (tmkit.glossary.lemmas), so Куба and Кубы are one candidate,
and a rendering is given in its dictionary form (Великой Отечественной войне → Великая
Отечественная война). Renderings between two texts in one language go
under `<lang>-x-counter`.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import regex
from anyascii import anyascii
from rapidfuzz import fuzz

from tmkit.align.pipeline import Alignment
from tmkit.align.similarity import matching_key
from tmkit.frequency import zipf
from tmkit.glossary.candidates import (
    MIN_COMPOUND_PART,
    PARTICIPLE_TAGS,
    adjective_endings,
    function_words,
    language_words,
    stopwords,
)
from tmkit.glossary.lemmas import (
    APOSTROPHES,
    dictionary_form,
    is_acronym,
    lemma,
    russian_head,
    russian_phrase_starts,
)
from tmkit.glossary.model import Entry
from tmkit.glossary.tagging import (
    MODIFIER_TAGS,
    NOUN_CAPITALISING_LANGUAGES,
    TAGGED_LANGUAGES,
    tags,
)
from tmkit.lang import counterpart_tag, primary
from tmkit.phrases import folded_key, shared_start

_WORD = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\d][\p{L}\p{M}\d'’\-]*")
# A stretch of a sentence that a rendering does not cross.
_STRETCH = regex.compile(r"[^.,;:!?()\[\]{}«»“”\"„…–—]+")
# A short word elided before a vowel: French l', d', qu', Italian dell', un'.
_ELISION = regex.compile(r"(\p{L}{1,4})['’](?=\p{L})")
MIN_CONFIDENCE = 0.85
MIN_CROSS_CONFIDENCE = 0.66
LOWER_CASE_NAME_FACTOR = 0.9
# A one-word term and a one-word candidate less alike than this share letters by chance
# (grid / год, harbour / marsouin): their likeness counts nothing.
MIN_WORD_LIKENESS = 0.6
# The likeness a target name has for a source name however unlike in letters: where the
# pair is each other's best, place and association decide.
NAME_FOR_NAME = 0.45
# A closed compound splits into two words of at least MIN_COMPOUND_PART letters and this
# Zipf frequency.
COMPOUND_PART_ZIPF = 4.0
MAX_PHRASE = 3
# An entry unlike its rendering in letters needs this many pairs to tell it by company.
MIN_COMPANY_PAIRS = 2
# ... and this Dice at least. On the Text+Berg German–French article (read by hand; the
# bilingual gold has no case either way): Dice 1 gave 14 renderings, 13 right; 0.7 25, 22
# (Seil / corde, Tätigkeit / activité); 0.6 30, 26.
MIN_COMPANY_DICE = 0.7
COMPANY_CONFIDENCE = 0.6
# Words at least this alike in letters partner each other in a sentence pair, for renderings
# by elimination (on the bilingual gold and the Text+Berg article 0.7 and 0.75 give the same
# renderings, 0.8 loses mainland / tierra firme; 0.7 adds two run-on phrases on Text+Berg).
ANCHOR_LIKENESS = 0.75
# At most this many source units (the entry and other runs of content words, a run ending at
# a function word, punctuation or a verb) between two partnered words: more, and the counts
# agree by chance ("shoulder to shoulder with our forefathers" / "hombro"). Counted by word,
# as before, at most 2. By run, on the bilingual gold: 2 and 3 give wind ru 17 of 29 right, 4
# 19 (es 25), 5 21 and one wrong (морском дне read as "морской день"), 6 one wrong more in
# putin es; the Text+Berg article and health (a text written after) are the same from 2 to 6.
MAX_GAP_UNITS = 5
GAP_CONFIDENCE = 0.5
_FINITE_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD"})
# Languages whose noun phrases end with their head before any function word ("rotor
# blades", "Council of Europe", "Europäische Kommission"). Those with adjective endings
# listed (tmkit/data/adjective_endings.txt) put it first ("palas de rotor"); Russian's is
# read by pymorphy ("углеродное волокно", "выбросы парниковых газов").
_HEAD_LAST = frozenset({"en", "de", "nl", "sv", "da", "nb", "nn", "no"})
HEAD_CONFIDENCE = 0.5
MAX_RENDERING_WORDS = 7  # "émissions de gaz à effet de serre"
MAX_FORM_WORDS = 6
# Romanisations that differ between languages and systems, made one before comparing.
_SPELLING_STEPS = (("kh", "h"), ("ph", "f"), ("ts", "c"), ("w", "v"), ("y", "i"), ("j", "i"),
                   ("ii", "i"), ("x", "ks"), ("c", "k"), ("q", "k"))  # fmt: skip


@dataclass(slots=True)
class _Candidate:
    text: str
    place: float
    words: tuple[str, ...]
    named: bool = False  # capitalised away from the sentence's start: a name of the target


def add_equivalents(
    entries: list[Entry],
    pairs: list[Alignment],
    dictionary: list[tuple[str, str]] | None = None,
) -> None:
    """Add to each entry the best-supported rendering found in the pairs, if any; a
    `dictionary`'s pairs (either way round) are as alike as two spellings of one word."""
    translations = _translations(dictionary or [])
    by_form: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        for form in entry.forms:
            by_form[(primary(entry.lang), folded_key(form.form))] = entry
    together: Counter[tuple[str, str, str]] = Counter()  # (entry id, lang, candidate)
    entry_pairs: Counter[tuple[str, str]] = Counter()
    candidate_pairs: Counter[tuple[str, str]] = Counter()
    placement: dict[tuple[str, str, str], float] = defaultdict(float)
    texts: dict[tuple[str, str, str], str] = {}
    named_for_term: set[tuple[str, str, str]] = set()  # a name of the target for a term
    name_for_name: set[tuple[str, str, str]] = set()  # ... for a name of as many words
    across: dict[str, bool] = {}
    inside: dict[str, set[str]] = defaultdict(set)  # entry id → longer entries it was seen in
    alone: set[str] = set()  # entries seen outside any longer entry
    entry_of = {e.id: e for e in entries}
    for pair in pairs:
        if not pair.src_ids or not pair.tgt_ids:
            continue
        lang = counterpart_tag(pair.src_lang, pair.tgt_lang)
        source_words = _words(pair.src)
        target_words = _words(pair.tgt)
        found = _entries_in(source_words, primary(pair.src_lang), by_form)
        across[lang] = primary(pair.src_lang) != primary(pair.tgt_lang)
        if across[lang]:
            candidates = _phrases(pair.tgt, primary(pair.tgt_lang))
        else:
            candidates = _candidates(source_words, target_words, pair.tgt_lang)
        for key in candidates:
            candidate_pairs[(lang, key)] += 1
        target_keys = {folded_key(" ".join(target_words))}
        for entry, start, end in found:
            holders = {o.id for o, a, b in found if a <= start and end <= b and b - a > end - start}
            if holders:
                inside[entry.id].update(holders)
            else:
                alone.add(entry.id)
            position = (start + end) / 2 / max(len(source_words), 1)
            if not across[lang] and any(
                folded_key(f.form) in target_keys or _holds(target_words, f.form)
                for f in entry.forms
            ):
                continue  # the other rendering writes it the same way: nothing to propose
            entry_pairs[(entry.id, lang)] += 1
            for key, candidate in candidates.items():
                together[(entry.id, lang, key)] += 1
                closeness = 1 - abs(candidate.place - position)
                if across[lang]:
                    score = 0.2 * closeness + 0.6 * _likeness(entry, candidate, key, translations)
                else:
                    score = 0.3 * closeness + 0.3 * fuzz.ratio(folded_key(entry.term), key) / 100
                if score > placement[(entry.id, lang, key)]:
                    placement[(entry.id, lang, key)] = score
                    texts[(entry.id, lang, key)] = candidate.text
                if candidate.named and entry.kind == "term":
                    named_for_term.add((entry.id, lang, key))
                if (
                    candidate.named
                    and entry.kind != "term"
                    and not is_acronym(entry.term)
                    and _size_fit(entry, candidate) == 1
                ):
                    name_for_name.add((entry.id, lang, key))
    best: dict[tuple[str, str], tuple[float, str]] = {}
    company: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for (entry_id, lang, key), count in together.items():
        dice = 2 * count / (entry_pairs[(entry_id, lang)] + candidate_pairs[(lang, key)])
        weight, cut = (0.2, MIN_CROSS_CONFIDENCE) if across[lang] else (0.4, MIN_CONFIDENCE)
        confidence = weight * dice + placement[(entry_id, lang, key)]
        if dice < 1:  # a name for a name unlike in letters must go everywhere the name goes
            name_for_name.discard((entry_id, lang, key))
        if confidence >= cut and confidence > best.get((entry_id, lang), (0, ""))[0]:
            best[(entry_id, lang)] = (confidence, texts[(entry_id, lang, key)])
        if (
            across[lang]
            and count >= MIN_COMPANY_PAIRS
            and dice >= MIN_COMPANY_DICE
            and (entry_id, lang, key) not in named_for_term
        ):
            company[(entry_id, lang)].append((dice, key))
    for pair, scored in company.items():
        if pair not in best:
            found = _best_company(scored)
            if found is not None:
                best[pair] = (COMPANY_CONFIDENCE, texts[(*pair, found)])
    for pair, found in _names_each_others_best(name_for_name, placement, best).items():
        best.setdefault(pair, (found[0], texts[(*pair, found[1])]))
    _drop_renderings_of_others(entries, best)
    _drop_renderings_outside_their_holders(
        entries, best, {i: h for i, h in inside.items() if i not in alone}
    )
    best.update(_renderings_completed(pairs, by_form, best))
    for pair, found in _renderings_by_elimination(pairs, by_form, best).items():
        best.setdefault(pair, found)
    for pair, found in _renderings_of_heads(entries, best).items():
        best.setdefault(pair, found)
    _drop_renderings_of_others(entries, best)
    for (entry_id, lang), (confidence, text) in sorted(best.items()):
        text = _in_terms_case(text, entry_of[entry_id], lang)
        renderings = entry_of[entry_id].translations.setdefault(lang, [])
        if text not in renderings:
            renderings.append(text)
        entry_of[entry_id].notes.append(f"{lang} rendering {text!r}: confidence {confidence:.2f}")


def _names_each_others_best(
    name_for_name: set[tuple[str, str, str]],
    placement: dict[tuple[str, str, str], float],
    best: dict[tuple[str, str], tuple[float, str]],
) -> dict[tuple[str, str], tuple[float, str]]:
    """For names still without a rendering, a name of the target with as many words where
    each is the other's best by place and letters (World Health Organization / Всемирная
    организация здравоохранения): (entry id, lang) → (score, candidate key)."""
    best_entry: dict[tuple[str, str], tuple[float, str]] = {}
    best_key: dict[tuple[str, str], tuple[float, str]] = {}
    for entry_id, lang, key in name_for_name:
        score = placement[(entry_id, lang, key)]
        if score > best_entry.get((lang, key), (0.0, ""))[0]:
            best_entry[(lang, key)] = (score, entry_id)
    for (entry_id, lang, key), score in placement.items():
        if (entry_id, lang) not in best and score > best_key.get((entry_id, lang), (0.0, ""))[0]:
            best_key[(entry_id, lang)] = (score, key)
    return {
        (entry_id, lang): (score, key)
        for (entry_id, lang), (score, key) in best_key.items()
        if (entry_id, lang, key) in name_for_name and best_entry[(lang, key)][1] == entry_id
    }


def _drop_renderings_of_others(
    entries: list[Entry], best: dict[tuple[str, str], tuple[float, str]]
) -> None:
    """Drop a rendering that holds the whole rendering of another entry, as sure or surer,
    that shares no word with it ("Кения кампанию вакцинации" for measles vaccination
    campaign holds Kenya's "Кения"): that part renders the other entry, not this one. Each
    rendering's subsets of words are looked up, so the glossary is never compared pairwise."""
    by_id = {e.id: e for e in entries}
    keyed: list[tuple[str, str, frozenset[str], frozenset[str]]] = []
    by_shown: dict[tuple[str, frozenset[str]], list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for (entry_id, lang), (_, text) in best.items():
        entry = by_id[entry_id]
        source_lang, target_lang = primary(entry.lang), primary(lang)
        if source_lang == target_lang:
            continue
        own, shown = _lemma_keys(entry.term, source_lang), _lemma_keys(text, target_lang)
        keyed.append((entry_id, lang, own, shown))
        by_shown[(lang, shown)].append((entry_id, own))
    for entry_id, lang, own, shown in keyed:
        confidence = best[(entry_id, lang)][0]
        if any(
            not _share_a_word(other_own, own) and best[(other_id, lang)][0] >= confidence
            for size in range(1, len(shown))
            for part in itertools.combinations(sorted(shown), size)
            for other_id, other_own in by_shown.get((lang, frozenset(part)), ())
        ):
            del best[(entry_id, lang)]


def _drop_renderings_outside_their_holders(
    entries: list[Entry],
    best: dict[tuple[str, str], tuple[float, str]],
    held_by: dict[str, set[str]],
) -> None:
    """Drop the rendering of an entry seen only inside longer entries (`held_by`: entry id →
    their ids) where it is no part of any of their surer renderings: "clinics", seen only in
    "rural clinics" / "dispensaires ruraux", is not "cinq" however alike in letters."""
    for (entry_id, lang), (confidence, text) in list(best.items()):
        if entry_id not in held_by:
            continue
        target_lang = primary(lang)
        holding = [
            best[(other, lang)][1]
            for other in held_by[entry_id]
            if (other, lang) in best and best[(other, lang)][0] >= confidence
        ]
        wanted = _lemma_keys(text, target_lang)
        if holding and not any(wanted <= _lemma_keys(other, target_lang) for other in holding):
            del best[(entry_id, lang)]


def _share_a_word(words: frozenset[str], others: frozenset[str]) -> bool:
    """Whether two terms share a word: alike in letters, one inside the other, or the same
    compound part at the start ("AlbertEggler" and "Albert Eggler", "Larch" and "Lerch",
    "Filmdose" and "Filmrolle")."""
    return any(
        a in b
        or b in a
        or _alike(a, b) >= ANCHOR_LIKENESS
        or shared_start(a, b) >= MIN_COMPOUND_PART
        for a in words
        for b in others
    )


def _in_terms_case(text: str, entry: Entry, lang: str) -> str:
    """A rendering of a lower-case term in lower case, where only its sentence's start
    capitalised it ("Вакцину хранят…" → вакцина), but in a language that capitalises its
    nouns, and an acronym as written."""
    first = text.split(" ", 1)[0]
    if (
        entry.kind == "term"
        and entry.term[:1].islower()
        and first[:1].isupper()
        and not is_acronym(first)
        and primary(lang) not in NOUN_CAPITALISING_LANGUAGES
    ):
        return text[:1].lower() + text[1:]
    return text


def _renderings_by_elimination(
    pairs: list[Alignment],
    by_form: dict[tuple[str, str], Entry],
    best: dict[tuple[str, str], tuple[float, str]],
) -> dict[tuple[str, str], tuple[float, str]]:
    """Renderings of entries that neither letters nor company gave, from what the rest of a
    pair leaves over: between the two nearest source words that have a partner in the
    target (alike in letters, an equal number, or an entry already rendered), the entry and
    at most MAX_GAP_UNITS - 1 other runs of content words face as many runs of unpartnered
    target words, in order (seabed / fond marin, mainland / tierra firme). Kept where the
    pairs that hold the entry agree by a majority."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    shown: dict[tuple[str, str, str], str] = {}
    for pair, lang, source, found in _translated_pairs(pairs, by_form):
        if all((entry.id, lang) in best for entry, _, _ in found):
            continue
        source_lang, target_lang = _languages(pair)
        gap = _SentencePair(source, pair.tgt, source_lang, target_lang, pair.src)
        outermost = _outermost(found)  # "porpoises" of "harbour porpoises" is that entry's
        rendered = [(a, b, best[(e.id, lang)][1]) for e, a, b in outermost if (e.id, lang) in best]
        gap.anchor_renderings(rendered)
        for entry, start, end in outermost:
            if (entry.id, lang) in best:
                continue
            words = gap.left_over(start, end)
            if words and _fits(entry, words, end - start, gap.opening):
                _vote(votes, shown, (entry.id, lang), words, target_lang)
            else:
                votes[(entry.id, lang)][""] += 1
    return _majority_renderings(votes, shown)


def _languages(pair: Alignment) -> tuple[str, str]:
    """A pair's source and target languages, without their regions."""
    return primary(pair.src_lang), primary(pair.tgt_lang)


def _translated_pairs(
    pairs: list[Alignment], by_form: dict[tuple[str, str], Entry]
) -> Iterable[tuple[Alignment, str, list[str], list[tuple[Entry, int, int]]]]:
    """The pairs with both sides in two languages, each with the tag its renderings go
    under, its source words and the entries found in them (entry, start, end)."""
    for pair in pairs:
        source_lang, target_lang = _languages(pair)
        if not pair.src_ids or not pair.tgt_ids or source_lang == target_lang:
            continue
        source = _words(pair.src)
        found = _entries_in(source, source_lang, by_form)
        yield pair, counterpart_tag(pair.src_lang, pair.tgt_lang), source, found


def _vote(
    votes: dict[tuple[str, str], Counter[str]],
    shown: dict[tuple[str, str, str], str],
    voter: tuple[str, str],
    words: list[str],
    target_lang: str,
) -> None:
    """One pair's vote for target words as (entry id, lang)'s rendering, keyed by their
    lemmas and shown in their dictionary form."""
    key = " ".join(lemma(w, target_lang).lower() for w in words)
    votes[voter][key] += 1
    shown[(*voter, key)] = dictionary_form(words, target_lang)


def _majority_renderings(
    votes: dict[tuple[str, str], Counter[str]], shown: dict[tuple[str, str, str], str]
) -> dict[tuple[str, str], tuple[float, str]]:
    """Each (entry id, lang)'s rendering that most of its pairs voted for (the key "" a vote
    for none), as `shown`, where that is more than half of them."""
    found = {}
    for (entry_id, lang), counted in votes.items():
        key, count = counted.most_common(1)[0]
        if key and count * 2 > counted.total():
            found[(entry_id, lang)] = (GAP_CONFIDENCE, shown[(entry_id, lang, key)])
    return found


def _outermost(found: list[tuple[Entry, int, int]]) -> list[tuple[Entry, int, int]]:
    """The entries found in a sentence that are no part of a longer one found there ("harbour
    porpoises", not its "porpoises")."""
    return [
        (entry, start, end)
        for entry, start, end in found
        if not any(a <= start and end <= b and b - a > end - start for _, a, b in found)
    ]


def _renderings_completed(
    pairs: list[Alignment],
    by_form: dict[tuple[str, str], Entry],
    best: dict[tuple[str, str], tuple[float, str]],
) -> dict[tuple[str, str], tuple[float, str]]:
    """Renderings of entries some of whose words have partners in the target and the rest,
    one run at the entry's start or end, none: the partners' words and the free run of words
    beside them, past glue ("measles vaccination campaign" / "кампанию вакцинации против
    кори", "Ministry of Health" / "ministère de la Santé"); and that run, for an entry of
    those words alone (measles / корь). The run stands after the partners in a language
    that puts its modifiers after their noun where the source puts them before, else on the
    only side one is. Given where the entry has none, or one of its partners' words alone
    ("campaña de vacunación"); kept where the pairs that hold the entry agree by a majority."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    shown: dict[tuple[str, str, str], str] = {}
    for pair, lang, source, found in _translated_pairs(pairs, by_form):
        outermost = [(entry, a, b) for entry, a, b in _outermost(found) if b - a > 1]
        if not outermost:
            continue
        source_lang, target_lang = _languages(pair)
        gap = _SentencePair(source, pair.tgt, source_lang, target_lang, pair.src)
        for entry, start, end in outermost:
            completed = gap.completed(start, end)
            if completed is None:
                continue
            whole, run, more = completed
            current = best.get((entry.id, lang))
            partners_only = {_lemma_key(w, target_lang) for w in whole if w not in run}
            if current and not _lemma_keys(current[1], target_lang) <= partners_only:
                continue  # rendered already, and with more than its partners' words
            for key_entry, words in ((entry, whole), (by_form.get((source_lang, more)), run)):
                if key_entry is None or (key_entry is not entry and (key_entry.id, lang) in best):
                    continue
                _vote(votes, shown, (key_entry.id, lang), words, target_lang)
    return _majority_renderings(votes, shown)


def _lemma_keys(text: str, lang: str) -> frozenset[str]:
    return frozenset(_lemma_key(w, lang) for w in _parts(_words(text)))


def _renderings_of_heads(
    entries: list[Entry], best: dict[tuple[str, str], tuple[float, str]]
) -> dict[tuple[str, str], tuple[float, str]]:
    """Renderings of one-word terms that head a longer rendered term: the head of that
    term's rendering (blades of rotor blades / palas de rotor → pala; emissions of
    greenhouse gas emissions / выбросы парниковых газов → выброс). Kept where the terms it
    heads agree by a majority."""
    rendered: dict[str, list[tuple[str, str]]] = defaultdict(list)  # entry id → (lang, text)
    for (entry_id, lang), (_, text) in best.items():
        rendered[entry_id].append((lang, text))
    headed: dict[tuple[str, str], set[str]] = defaultdict(set)  # (lang, head) → entry ids
    for entry in entries:
        source_lang = primary(entry.lang)
        if entry.kind != "term" or entry.id not in rendered:
            continue
        for form in entry.forms:
            words = _words(form.form)
            at = _head(words, source_lang)
            if len(words) > 1 and at is not None:
                headed[(source_lang, _lemma_key(words[at], source_lang))].add(entry.id)
    found: dict[tuple[str, str], tuple[float, str]] = {}
    for entry in entries:
        source_lang = primary(entry.lang)
        if entry.kind != "term" or len(_words(entry.term)) != 1:
            continue
        longer = {
            other
            for form in entry.forms
            for other in headed.get((source_lang, _lemma_key(form.form, source_lang)), ())
        }
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        shown: dict[tuple[str, str], str] = {}
        for other in longer:
            for lang, text in rendered[other]:
                target_lang = primary(lang)
                words = _words(text)
                at = _head(words, target_lang) if target_lang != source_lang else None
                if at is None or (entry.id, lang) in best:
                    continue
                key = _lemma_key(words[at], target_lang)
                votes[lang][key] += 1
                shown[(lang, key)] = dictionary_form([words[at]], target_lang)
        for lang, counted in votes.items():
            key, count = counted.most_common(1)[0]
            if count * 2 > counted.total():
                found[(entry.id, lang)] = (HEAD_CONFIDENCE, shown[(lang, key)])
    return found


def _head(words: list[str], lang: str) -> int | None:
    """Where a noun phrase's head stands in a language whose order tmkit knows, else None:
    first where adjectives follow it, last before any function word where they precede it,
    and Russian's by its grammar."""
    if lang == "ru":
        return russian_head(words)
    function = function_words(lang)
    content = [i for i, w in enumerate(words) if not _function(w, function)]
    if not content:
        return None
    if adjective_endings(lang):
        return content[0]
    if lang in _HEAD_LAST:
        before = next((i for i, w in enumerate(words) if _function(w, function)), len(words))
        return before - 1 if before > 0 else None
    return None


def _lemma_key(word: str, lang: str) -> str:
    return folded_key(lemma(word, lang))


def _fits(entry: Entry, words: list[str], size: int, opening: str) -> bool:
    """Whether target words may render an entry of `size` words: a name by a name (a
    capital away from the sentence's start), a term by no name, and at most twice as many
    words and one, and more than an initial ("M.T.Pogrebezki" gives no "T")."""
    if len(words) > 2 * size + 1 or len("".join(words)) < 2:
        return False
    named = words[0][:1].isupper() and words[0] != opening
    return named if entry.kind != "term" else not named


def _number_word(word: str, lang: str) -> bool:
    """Whether a word is a cardinal number written out (tmkit/data/number_words_<lang>.txt),
    which a translation may write in digits or other words ("four hundred thousand" /
    "cuatrocientos mil" / "четырёхсот тысяч"): glue, as digits are."""
    numbers = language_words("number_words", lang)
    return bool(numbers) and (word.lower() in numbers or lemma(word, lang).lower() in numbers)


def _worded_stretches(text: str) -> list[str]:
    """The stretches of a sentence between punctuation that hold a word."""
    return [m.group() for m in _STRETCH.finditer(text) if _WORD.search(m.group())]


def _verbs(words: list[str], lang: str) -> list[bool]:
    """Which words are verbs, as a tagger reads them (all False in a language without one): a
    finite verb, an infinitive, or a participle that modifies no word after it ("fixed to the
    seabed", not "challenging hotspots")."""
    if lang not in TAGGED_LANGUAGES:
        return [False] * len(words)
    tagged = tags(words, lang)
    return [
        tag in _FINITE_VERB_TAGS
        or (tag in PARTICIPLE_TAGS and (i + 1 == len(tagged) or tagged[i + 1] not in MODIFIER_TAGS))
        for i, tag in enumerate(tagged)
    ]


class _SentencePair:
    """A source sentence's words and a target sentence's, with the partners found between
    them: a greedy one-to-one pairing of words alike in letters or equal numbers."""

    def __init__(
        self, source: list[str], target: str, source_lang: str, target_lang: str, text: str
    ):
        self.source = source
        self.source_lang = source_lang
        self.target_lang = target_lang
        function = function_words(target_lang)
        stop = stopwords(source_lang)
        self.content = [w.lower() not in stop and not _number_word(w, source_lang) for w in source]
        # Where a run of source content words ends: at a function word, punctuation or a
        # verb, which no noun phrase holds ("a steel foundation | fixed to the seabed").
        verb = self.source_verb = _verbs(source, source_lang)
        self.source_cut = [
            not (self.content[i] and self.content[i + 1])
            or verb[i]
            or verb[i + 1]
            or _STRETCH.fullmatch(text[a.end() : b.start()]) is None
            for i, (a, b) in enumerate(itertools.pairwise(_WORD.finditer(text)))
        ] + [True]
        self.target: list[str] = []
        self.stretch: list[int] = []
        for number, stretch in enumerate(_STRETCH.finditer(target)):
            for m in _WORD.finditer(stretch.group()):
                for _, word in _unelided(0, m.group(), function):
                    self.target.append(word)
                    self.stretch.append(number)
        self.opening = self.target[0] if self.target else ""
        # Clauses: where both sentences have as many stretches between punctuation, the
        # k-th renders the k-th ("…refrigerators, because…" / "…холодильниках, потому что…")
        self.source_clause = [
            number
            for number, stretch in enumerate(_worded_stretches(text))
            for _ in _WORD.finditer(stretch)
        ]
        numbered = {n: k for k, n in enumerate(dict.fromkeys(self.stretch))}
        self.target_clause = [numbered[n] for n in self.stretch]
        self.clauses_agree = (
            len(self.source_clause) == len(source)
            and bool(self.target_clause)
            and self.source_clause[-1:] == self.target_clause[-1:]
        )
        self.glue = [  # a function word, capitalised at the sentence's start too ("Согласно")
            _function(w, function)
            or w[:1].isdigit()
            or _number_word(w, target_lang)
            or (j == 0 and w.lower() in function)
            for j, w in enumerate(self.target)
        ]
        # Partners share their first letter once romanised, as cognates do (Kommission /
        # commission, électricité / electricity): only those pairs are compared.
        by_initial: dict[str, list[int]] = defaultdict(list)
        for j, word in enumerate(self.target):
            if not _function(word, function):
                by_initial[_romanised(word)[:1]].append(j)
        alike = sorted(
            (
                (_partnered(s, self.target[j]), i, j)
                for i, s in enumerate(source)
                if self.content[i]
                for j in by_initial.get(_romanised(s)[:1], ())
            ),
            reverse=True,
        )
        self.partner: dict[int, int] = {}  # source word → target word
        self.taken: set[int] = set()
        for likeness, i, j in alike:
            if likeness < ANCHOR_LIKENESS:
                break
            if i not in self.partner and j not in self.taken:
                self.partner[i] = j
                self.taken.add(j)

    @cached_property
    def target_verb(self) -> list[bool]:
        """Which target words are verbs, as a tagger reads them: read only where a count
        or a completion needs it."""
        return _verbs(self.target, self.target_lang)

    @cached_property
    def target_phrase_start(self) -> list[bool]:
        """Which target words open a noun phrase of their own after a noun (Russian)."""
        if self.target_lang != "ru":
            return [False] * len(self.target)
        return russian_phrase_starts(self.target)

    def anchor_renderings(self, rendered: list[tuple[int, int, str]]) -> None:
        """Entries already rendered partner their words with their rendering's words."""
        lemmas = [lemma(w, self.target_lang).lower() for w in self.target]
        for start, end, text in rendered:
            wanted = {lemma(w, self.target_lang).lower() for w in _words(text)}
            held = [j for j, key in enumerate(lemmas) if key in wanted]
            if held:
                self.taken.update(held)
                for i in range(start, end):
                    self.partner.setdefault(i, held[0])

    def completed(self, start: int, end: int) -> tuple[list[str], list[str], str] | None:
        """For source words start..end - 1 of which some have partners and the rest (one run
        at the start or the end) none: the target words from the partners' to the free run
        beside them, that run, and the folded key of the unpartnered source words; None
        where that is not so, or the run could stand on either side."""
        content = [i for i in range(start, end) if self.content[i]]
        free = [i for i in content if i not in self.partner]
        held = sorted(self.partner[i] for i in content if i in self.partner)
        if not free or not held or free != list(range(free[0], free[-1] + 1)):
            return None
        first, last = held[0], held[-1]
        if any(j not in held and not self.glue[j] for j in range(first, last + 1)):
            return None  # the partners' words are not one phrase
        at_start = free[0] == content[0]
        if not at_start and free[-1] != content[-1]:
            return None
        # as many words as the unpartnered ones have parts: "Bridgehead" / "tête de pont"
        wanted = sum(len(_compound_parts(self.source[i].lower(), self.source_lang)) for i in free)
        after, before = self._free_run(last, 1, wanted), self._free_run(first, -1, wanted)
        if at_start and self.source_lang in _HEAD_LAST and adjective_endings(self.target_lang):
            before = []  # "measles vaccination campaign": "campaña de vacunación contra el…"
        if bool(after) == bool(before):
            return None
        run = after or before
        if len(run) > 2 * len(free) + 1:
            return None
        low, high = min(first, run[0]), max(last, run[-1])
        if any(self.stretch[j] != self.stretch[low] for j in range(low, high + 1)):
            return None
        more = _joined([_folded_word(self.source[i]) for i in range(free[0], free[-1] + 1)])
        return self.target[low : high + 1], self.target[run[0] : run[-1] + 1], more

    def _free_run(self, j: int, step: int, wanted: int) -> list[int]:
        """The free target words (no glue, no partner, no verb) beside word j in the
        direction `step`, past glue, in j's stretch: a run of them, and past glue to more
        until there are `wanted`; [] where there is none."""
        run: list[int] = []
        k = j + step
        while 0 <= k < len(self.target) and self.stretch[k] == self.stretch[j]:
            if self.glue[k]:
                if len(run) >= wanted:
                    break
            elif k in self.taken or self.target_verb[k]:
                break
            else:
                run.append(k)
            k += step
        return sorted(run)

    def left_over(self, start: int, end: int) -> list[str]:
        """The target words the source words start..end - 1 face once every partnered word
        is set aside, or [] where that is not one run of words."""
        if any(i in self.partner for i in range(start, end)):
            return []
        first, last, first_target, last_target = self._clause(start, end)
        left = max((i for i in self.partner if first <= i < start), default=first - 1)
        right = min((i for i in self.partner if end <= i <= last), default=last + 1)
        bounds = (
            self.partner[left] if left >= first else first_target - 1,
            self.partner[right] if right <= last else last_target + 1,
        )
        low, high = min(bounds), max(bounds)
        if low < first_target - 1 or high > last_target + 1:
            return []  # a partner outside the clause
        if left >= first and bounds[0] == low:
            low = self._past_bound(low, 1, self._unpartnered_beyond(left, -1))
        if right <= last and bounds[1] == high:
            high = self._past_bound(high, -1, self._unpartnered_beyond(right, 1))
        if (end < right and not self.source_cut[end - 1]) or (
            start - 1 > left and not self.source_cut[start - 1]
        ):
            return []  # part of a longer run of content words
        phrases = [*self._phrases(left + 1, start), (start, end), *self._phrases(end, right)]
        if len(phrases) > MAX_GAP_UNITS:
            return []
        split = len(phrases) > 1
        runs = self._runs(low, high, split, by_grammar=False)
        if len(runs) != len(phrases) and split:
            # cut at the target's verbs and noun phrases too, each verb facing a source verb
            runs = self._runs(low, high, split, by_grammar=True)
            verbs_face_verbs = len(runs) == len(phrases) and all(
                self.source_verb[a] == self.target_verb[run[0]]
                for (a, _), run in zip(phrases, runs, strict=True)
            )
            if not verbs_face_verbs:
                return []
        if len(runs) != len(phrases):
            return []
        return [self.target[j] for j in runs[phrases.index((start, end))]]

    def _unpartnered_beyond(self, i: int, step: int) -> int:
        """How many content words without a partner the run of source word i holds on its
        side away from the gap (before it for a left bound: "health" of "health minister")."""
        count, k = 0, i + step
        while (
            0 <= k < len(self.source) and self.content[k] and not self.source_cut[min(k, k - step)]
        ):
            count += k not in self.partner
            k += step
        return count

    def _past_bound(self, j: int, step: int, count: int) -> int:
        """A bound's target word moved past the `count` free words right beside its partner
        (taken ones skipped, no glue or verb crossed) that render its run's unpartnered words
        ("Министр здравоохранения" for "health minister")."""
        k = j + step
        while count and 0 <= k < len(self.target):
            if k in self.taken:
                k += step
                continue
            if self.glue[k] or self.target_verb[k] or self.stretch[k] != self.stretch[j]:
                break
            j, count = k, count - 1
            k += step
        return j

    def _clause(self, start: int, end: int) -> tuple[int, int, int, int]:
        """The first and last source word, and target word, of the clause that holds source
        words start..end - 1 where the clauses agree, else of the whole sentences."""
        if self.clauses_agree and self.source_clause[start] == self.source_clause[end - 1]:
            k = self.source_clause[start]
            source = [i for i, c in enumerate(self.source_clause) if c == k]
            target = [j for j, c in enumerate(self.target_clause) if c == k]
            return source[0], source[-1], target[0], target[-1]
        return 0, len(self.source) - 1, 0, len(self.target) - 1

    def _phrases(self, low: int, high: int) -> list[tuple[int, int]]:
        """The runs of source content words from low to high - 1, as (start, end)."""
        phrases: list[tuple[int, int]] = []
        begun: int | None = None
        for i in range(low, high):
            if self.content[i] and begun is None:
                begun = i
            if begun is not None and (self.source_cut[i] or i == high - 1):
                phrases.append((begun, i + 1))
                begun = None
        return phrases

    def _runs(self, low: int, high: int, split_at_glue: bool, by_grammar: bool) -> list[list[int]]:
        """Runs of unpartnered target words strictly between low and high, cut at partnered
        words and punctuation, at function words too where `split_at_glue`, and around each
        verb and before each noun phrase a grammar reads where `by_grammar` (Russian: a noun's
        case); a run neither starts nor ends with a function word or a number."""
        runs: list[list[int]] = [[]]
        for j in range(low + 1, high):
            cut = j in self.taken or (runs[-1] and self.stretch[j] != self.stretch[runs[-1][-1]])
            verb = by_grammar and (
                self.target_verb[j] or self.target_verb[j - 1] or self.target_phrase_start[j]
            )
            if cut or verb or (split_at_glue and self.glue[j]):
                runs.append([])
            if j not in self.taken and not (split_at_glue and self.glue[j]):
                runs[-1].append(j)
        trimmed = []
        for run in runs:
            while run and self.glue[run[0]]:
                run = run[1:]
            while run and self.glue[run[-1]]:
                run = run[:-1]
            if run:
                trimmed.append(run)
        return trimmed


def _partnered(source: str, target: str) -> float:
    """How surely a source word and a target word render each other by their letters alone:
    equal numbers 1, other numbers 0, words their spelling likeness."""
    if source[:1].isdigit() or target[:1].isdigit():
        return float(source == target)
    return _alike(source.lower(), target.lower())


def _best_company(scored: list[tuple[float, str]]) -> str | None:
    """For an entry that found no rendering by likeness, the phrase that keeps it company
    best (wind farm / parque eólico): of its candidates (Dice, key) in at least
    MIN_COMPANY_PAIRS pairs with Dice from MIN_COMPANY_DICE (no name of the target for a
    term), those of the highest Dice; the longest of them when there is one (no other holds
    it), else None."""
    top = max(dice for dice, _ in scored)
    keys = [key for dice, key in scored if dice == top]
    longest = [k for k in keys if not any(f" {k} " in f" {other} " for other in keys if other != k)]
    return longest[0] if len(longest) == 1 else None


def _words(text: str) -> list[str]:
    return [regex.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]


def _holds(words: list[str], form: str) -> bool:
    size = len(form.split())
    key = folded_key(form)
    folded = [_folded_word(w) for w in words]
    return any(_joined(folded[i : i + size]) == key for i in range(len(words) - size + 1))


def _entries_in(
    words: list[str], lang: str, by_form: dict[tuple[str, str], Entry]
) -> list[tuple[Entry, int, int]]:
    """Entries whose forms occur in the words, each with its first place (start, end), the
    longest forms first."""
    found: dict[str, tuple[Entry, int, int]] = {}
    folded = [_folded_word(w) for w in words]
    for size in range(MAX_FORM_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            entry = by_form.get((lang, _joined(folded[start : start + size])))
            if entry is not None and entry.id not in found:
                found[entry.id] = (entry, start, start + size)
    return list(found.values())


@lru_cache(maxsize=200_000)
def _folded_word(word: str) -> str:
    return folded_key(word)


def _joined(folded: list[str]) -> str:
    """The folded key of words, from each word's folded key."""
    return " ".join(w for w in folded if w)


def _candidates(source: list[str], target: list[str], lang: str) -> dict[str, _Candidate]:
    """Target words and phrases the source does not share: key → candidate."""
    stop = stopwords(lang)
    shared = {matching_key(w, lang) for w in source}
    fresh = [
        w.lower() not in stop and matching_key(w, lang) not in shared and not w[0].isdigit()
        for w in target
    ]
    found: dict[str, _Candidate] = {}
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(target) - size + 1):
            if all(fresh[start : start + size]):
                words = tuple(target[start : start + size])
                place = (start + size / 2) / max(len(target), 1)
                found.setdefault(
                    folded_key(" ".join(words)), _Candidate(" ".join(words), place, words)
                )
    return found


def _phrases(text: str, lang: str) -> dict[str, _Candidate]:
    """Phrases of a target sentence that may render a name or term, keyed by lemma."""
    function = function_words(lang)
    articles = language_words("articles", lang)
    conjunctions = language_words("conjunctions", lang)
    found: dict[str, _Candidate] = {}
    opening = _WORD.search(text)
    for stretch in _STRETCH.finditer(text):
        spans = [
            span
            for m in _WORD.finditer(stretch.group())
            for span in _unelided(m.start() + stretch.start(), m.group(), function)
        ]
        for first in range(len(spans)):
            for last in range(first, min(first + MAX_RENDERING_WORDS, len(spans))):
                words = [w for _, w in spans[first : last + 1]]
                opens = spans[first][0] == opening.start() and words[0].lower() in function
                if opens or _function(words[0], function) or _function(words[-1], function):
                    continue  # "Selon le ministère" starts with a function word too
                if any(
                    words[k].lower() in articles and not _function(words[k - 1], function)
                    for k in range(1, len(words))
                ):
                    continue  # an article after a content word opens another phrase
                if any(w.lower() in conjunctions for w in words[1:-1]):
                    continue  # two phrases joined: "санкции и ограничениями"
                inner = sum(_function(w, function) for w in words)
                if inner >= len(words) - inner:
                    continue  # more glue than content: "migratorias ni a las marsopas"
                if words[0][:1].isdigit() or _cuts_capitals(spans, first, last):
                    continue
                key = " ".join(lemma(w, lang).lower() for w in words)
                if key in found:
                    continue
                shown = dictionary_form(words, lang)
                place = (spans[first][0] + spans[last][0] + len(spans[last][1])) / 2 / len(text)
                content = tuple(
                    lemma(part, lang)
                    for part in _parts(w for w in words if not _function(w, function))
                )
                named = words[0][:1].isupper() and spans[first][0] != opening.start()
                found[key] = _Candidate(shown, place, content, named)
    return found


def _function(word: str, function: frozenset[str]) -> bool:
    """Whether a word is a function word; a capitalised one never is, but at a sentence's
    start: a frequent name ("России", "США") stays a candidate. An elided one ("l'", "d'")
    always is."""
    if word.endswith(APOSTROPHES):
        return True
    return word.lower() in function and (word[:1].islower() or word[:1].isdigit())


def _unelided(start: int, word: str, function: frozenset[str]) -> list[tuple[int, str]]:
    """A word with an elided function word before its apostrophe as two words ("l'étude" →
    "l'", "étude"; "d'Esbjerg"), so a rendering neither starts with the article nor takes a
    preposition into a name; other apostrophes stay in their word ("aujourd'hui")."""
    elided = _ELISION.match(word)
    if not elided or not {elided[1].lower() + end for end in ("", "e", "a", "o")} & function:
        return [(start, word)]
    cut = elided.end()
    return [(start, word[:cut]), (start + cut, word[cut:])]


def _cuts_capitals(spans: list[tuple[int, str]], first: int, last: int) -> bool:
    """Whether a phrase starts or ends inside a run of capitalised words."""
    before = first > 1 and spans[first - 1][1][:1].isupper() and spans[first][1][:1].isupper()
    after = (
        last + 1 < len(spans) and spans[last + 1][1][:1].isupper() and spans[last][1][:1].isupper()
    )
    return before or after


def _translations(dictionary: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """A dictionary's pairs as a lookup both ways round, lower-cased: word or phrase → the
    words and phrases it translates."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, target in dictionary:
        found[source.lower()].add(target.lower())
        found[target.lower()].add(source.lower())
    return {key: frozenset(values) for key, values in found.items()}


def _likeness(
    entry: Entry, candidate: _Candidate, key: str, translations: dict[str, frozenset[str]]
) -> float:
    """How alike an entry's form and a candidate's words are in spelling, in any order, or as
    the dictionary pairs them (the whole phrase, or word for word); a name's rendering that
    starts in lower case counts a tenth less (a name stays one in these languages, but for
    words like "nazismo")."""
    alike = _form_likeness(entry, candidate.words)
    one_word_each = len(candidate.words) == 1 and len(_words(entry.term)) == 1
    if entry.kind == "term" and one_word_each and alike < MIN_WORD_LIKENESS:
        alike = 0.0
    if translations:
        alike = max(alike, _dictionary_likeness(entry, candidate, key, translations))
    if entry.kind != "term" and candidate.named:
        # Victory / Победа: a name for a name, unlike in letters; less where one has more
        # words than the other ("Всемирная" for World Health Organization)
        alike = max(alike, NAME_FOR_NAME * _size_fit(entry, candidate))
    if entry.term[:1].isupper() and candidate.text[:1].islower():
        alike *= LOWER_CASE_NAME_FACTOR
    return alike


def _size_fit(entry: Entry, candidate: _Candidate) -> float:
    """How an entry's term and a candidate agree in their number of content words."""
    own = next(iter(_compared_words(entry.term, primary(entry.lang))), ())
    return _words_fit(len(own), len(candidate.words)) if own and candidate.words else 1.0


def _words_fit(size: int, other: int) -> float:
    """1 for two sides of as many words, down to 0.5 as one has more than the other."""
    return 0.5 + 0.5 * min(size, other) / max(size, other)


def _form_likeness(entry: Entry, words: tuple[str, ...]) -> float:
    if not words:
        return 0.0
    lang = primary(entry.lang)
    return max(
        (
            _words_alike(own, words)
            for form in entry.forms
            for own in _compared_words(form.form, lang)
        ),
        default=0.0,
    )


@cache
def _compared_words(form: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """The ways a form's content words are compared with a candidate's: as written, and with
    its closed compounds split ("frontlines" / "lignes de front"), once per form."""
    stop = stopwords(lang)
    own = _parts(w for w in _words(form) if w.lower() not in stop)
    if not own:
        return ()
    split = tuple(part for w in own for part in _compound_parts(w.lower(), lang))
    return (own,) if split == own else (own, split)


def _parts(words: Iterable[str]) -> tuple[str, ...]:
    """The words with hyphenated ones cut into their parts (États-Unis → États, Unis)."""
    return tuple(part for w in words for part in w.split("-") if part)


@cache
def _compound_parts(word: str, lang: str) -> tuple[str, ...]:
    """A closed compound's two words where both are words of the language ("bridgehead" →
    bridge, head), else the word."""
    splits = [
        (min(zipf(word[:i], lang), zipf(word[i:], lang)), i)
        for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1)
    ]
    common, at = max(splits, default=(0.0, 0))
    return (word[:at], word[at:]) if common >= COMPOUND_PART_ZIPF else (word,)


def _dictionary_likeness(
    entry: Entry, candidate: _Candidate, key: str, translations: dict[str, frozenset[str]]
) -> float:
    """1 where the dictionary pairs one of the entry's forms (as written or word by word in
    its lemmas) with the candidate (its lemmas); else the words' likeness with the
    dictionary's word pairs counted as alike as one word."""
    lang = primary(entry.lang)

    def alike(a: str, b: str) -> float:
        return 1.0 if b.lower() in translations.get(a.lower(), ()) else _alike(a, b)

    best = 0.0
    for form in entry.forms:
        written = form.form.lower()
        lemmas = " ".join(lemma(w, lang).lower() for w in form.form.split())
        if key in translations.get(written, ()) or key in translations.get(lemmas, ()):
            return 1.0
        for own in _compared_words(form.form, lang):
            if candidate.words:
                own_lemmas = tuple(lemma(w, lang).lower() for w in own)
                best = max(best, _mean_likeness(own_lemmas, candidate.words, alike))
    return best


@cache
def _words_alike(own: tuple[str, ...], other: tuple[str, ...]) -> float:
    return _mean_likeness(own, other, _alike)


def _mean_likeness(
    own: tuple[str, ...], other: tuple[str, ...], alike: Callable[[str, str], float]
) -> float:
    """Each word matched to its likest word on the other side, both ways, the mean; a side
    with words left over counts less."""
    mine = [max(alike(a, b) for b in other) for a in own]
    theirs = [max(alike(b, a) for a in own) for b in other]
    mean = (sum(mine) + sum(theirs)) / (len(mine) + len(theirs))
    return mean * _words_fit(len(own), len(other))


@cache
def _alike(a: str, b: str) -> float:
    """Spelling likeness of two words in [0, 1]: edit similarity, or a shared start of at
    least three letters (sanctions / sanciones) after transliteration."""
    a, b = _romanised(a), _romanised(b)
    if a == b:
        return 1.0
    shared = shared_start(a, b)
    prefix = 0.9 * shared / ((len(a) + len(b)) / 2) if shared >= 3 else 0.0
    return max(fuzz.ratio(a, b) / 100, prefix)


@cache
def _romanised(word: str) -> str:
    key = anyascii(word).lower()
    for old, new in _SPELLING_STEPS:
        key = key.replace(old, new)
    return key
