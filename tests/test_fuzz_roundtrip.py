"""Hostile segments through every writer and back through every reader.

Each generated segment mixes ordinary text with what breaks TM tools: C0 and C1 controls,
NUL, U+2028/U+2029/U+0085, lone surrogates, bidi controls, combining marks, emoji ZWJ
sequences, XML's special characters and `]]>`, CRLF and CR, edge spaces, spreadsheet
formula prefixes, printf and brace placeholders. Every format must either give back exactly
what was written, or refuse it when writing, with one InputError; nothing may be changed on
the way. Refusals are expected exactly for what no TM file can carry (a character XML 1.0
forbids) and, in PO, for a source and target that do not begin and end alike with a newline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tmkit.errors import InputError
from tmkit.formats import read_units, write_units
from tmkit.glossary.files import read_glossary, render
from tmkit.glossary.model import Entry, Form
from tmkit.textio import NOT_XML_CHAR
from tmkit.units import Memory, TranslationUnit, Variant

HOSTILE = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u2028",
    "\u2029", "\ud800", "\udfff", "\ufffe", "\u200e", "\u200f", "\u202e", "\u2066", "e\u0301",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467", "<", ">", "&", "&amp;", "]]>", "<![CDATA[",
    "\r\n", "\r", "\n", "\t", " ", "  ", "\u00a0", "=", "+", "-", "@", "'", '"', "\\", ",",
    "{0}", "{name}", "%s", "%1$d", "#", "msgid", "Москва", "東京", "عربي",
]  # fmt: skip
PIECES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
SEGMENT = st.lists(PIECES, min_size=1, max_size=8).map("".join).filter(lambda s: s.strip())
TM_FORMATS = [".tmx", ".po", ".xlf", ".xlf2", ".csv", ".tsv", ".jsonl"]
GLOSSARY_FORMATS = ["tbx", "tbx3", "csv", "tsv", "json"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _po_refuses(src: str, tgt: str) -> bool:
    return src.startswith("\n") != tgt.startswith("\n") or src.endswith("\n") != tgt.endswith("\n")


def _round_trip(suffix: str, src: str, tgt: str) -> tuple[str, str] | None:
    """The pair read back after writing it as `suffix`, or None when writing refused it."""
    unit = TranslationUnit([Variant("en", src), Variant("fr", tgt)], tuid="u1")
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / f"m{suffix}")
        try:
            write_units(path, [unit], Memory(srclang="en", tgtlang="fr"))
        except InputError:
            assert not Path(path).exists(), "a refused write left a file"
            return None
        _, units = read_units(path)
    (back,) = units
    return back.variant("en").text, back.variant("fr").text


@pytest.mark.parametrize("suffix", TM_FORMATS)
@SETTINGS
@given(src=SEGMENT, tgt=SEGMENT)
def test_tm_formats_round_trip_or_refuse(suffix: str, src: str, tgt: str) -> None:
    got = _round_trip(suffix, src, tgt)
    uncarriable = bool(NOT_XML_CHAR.search(src + tgt))
    expected_refusal = uncarriable or (suffix == ".po" and _po_refuses(src, tgt))
    if got is None:
        assert expected_refusal, f"{suffix} refused a pair it can carry: {src!r} / {tgt!r}"
    else:
        assert not expected_refusal, f"{suffix} wrote what it should refuse: {src!r}"
        assert got == (src, tgt)


@pytest.mark.parametrize("suffix", TM_FORMATS)
def test_a_100k_character_segment_round_trips(suffix: str) -> None:
    long = ("Un texto muy largo, con <etiquetas> & \u2028 saltos.\r\n" * 2000)[:99_995] + " fin."
    assert _round_trip(suffix, long, long.upper()) == (long, long.upper())


FORM = SEGMENT.filter(lambda s: s == s.strip())


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
@SETTINGS
@given(forms=st.lists(FORM, min_size=1, max_size=3, unique=True), rendering=FORM)
@example(forms=["GD"], rendering="GD")  # a row read as a header naming Scottish Gaelic twice
@example(forms=["EN"], rendering="FR")  # ... naming two languages, with tmkit's comment
def test_glossary_formats_round_trip_or_refuse(fmt: str, forms: list[str], rendering: str) -> None:
    entry = Entry(
        id="t0001",
        lang="en",
        kind="name",
        forms=[Form(f, "preferred" if i == 0 else "admitted", 1) for i, f in enumerate(forms)],
        translations={"fr": [rendering]},
    )
    uncarriable = bool(NOT_XML_CHAR.search("".join([*forms, rendering])))
    try:
        text = render([entry], fmt, "en", "fr")  # a table then holds the fr rendering
    except InputError:
        assert uncarriable, f"{fmt} refused forms it can carry: {forms!r}"
        return
    assert not uncarriable, f"{fmt} wrote what it should refuse: {forms!r}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"g.{'tbx' if fmt == 'tbx3' else fmt}"
        path.write_text(text, "utf-8")
        (back,) = read_glossary(str(path))
    assert [f.form for f in back.forms] == forms
    assert rendering in [r for rs in back.translations.values() for r in rs] or rendering in forms
