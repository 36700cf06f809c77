"""Sentence breaking on tricky cases in each language tmkit ships rules for."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from tmkit.reading.srx import segmenter_for

TRICKY_EN = json.loads((FIXTURES / "tricky_en.json").read_text("utf-8"))


def _split(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in segmenter_for(lang).spans(text)]


@pytest.mark.parametrize("case", TRICKY_EN, ids=[c["case"] for c in TRICKY_EN])
def test_tricky_english(case: dict) -> None:
    assert _split(case["text"], "en") == case["segments"]


OTHER_LANGUAGES = [
    (
        "es",
        "El Sr. García llegó el 9 de mayo. ¿Vendrá la Dra. Pérez? Sí, según el núm. 5 del acta.",
        [
            "El Sr. García llegó el 9 de mayo.",
            "¿Vendrá la Dra. Pérez?",
            "Sí, según el núm. 5 del acta.",
        ],
    ),
    (
        "es",
        "Cuba rechaza las sanciones de EE.UU. y pide diálogo. La reunión fue breve.",
        ["Cuba rechaza las sanciones de EE.UU. y pide diálogo.", "La reunión fue breve."],
    ),
    (
        "fr",
        "M. Poutine a reçu Mme Martin au Kremlin. « Nous sommes des alliés. » La presse attendait.",
        [
            "M. Poutine a reçu Mme Martin au Kremlin.",
            "« Nous sommes des alliés. »",
            "La presse attendait.",
        ],
    ),
    (
        "fr",
        "Ils sont « alliés stratégiques ». Washington menace. Le 24 nov. 2024, rien n'a changé.",
        [
            "Ils sont « alliés stratégiques ».",
            "Washington menace.",
            "Le 24 nov. 2024, rien n'a changé.",
        ],
    ),
    (
        "de",
        "Am 9. Mai traf Dr. Müller den Präsidenten, z. B. im Kreml. Das Treffen dauerte lange.",
        [
            "Am 9. Mai traf Dr. Müller den Präsidenten, z. B. im Kreml.",
            "Das Treffen dauerte lange.",
        ],
    ),
    (
        "de",
        "Er kam im Jahr 1990. Danach blieb er bzw. sein Bruder in Moskau.",
        ["Er kam im Jahr 1990.", "Danach blieb er bzw. sein Bruder in Moskau."],
    ),
    (
        "pt",
        "O Sr. Silva chegou ontem. A Dra. Costa falou depois, na pág. 4 do relatório.",
        ["O Sr. Silva chegou ontem.", "A Dra. Costa falou depois, na pág. 4 do relatório."],
    ),
    (
        "it",
        "Il Sig. Rossi è arrivato. Il Dott. Bianchi, invece, no! Perché?",
        ["Il Sig. Rossi è arrivato.", "Il Dott. Bianchi, invece, no!", "Perché?"],
    ),
    (
        "ru",
        "В. В. Путин встретился с гостем, т.е. с президентом Кубы. Переговоры прошли в Кремле.",
        [
            "В. В. Путин встретился с гостем, т.е. с президентом Кубы.",
            "Переговоры прошли в Кремле.",
        ],
    ),
    (
        "ru",
        "«Мы всегда поддерживали Кубу», — сказал он. Встреча завершилась.",
        ["«Мы всегда поддерживали Кубу», — сказал он.", "Встреча завершилась."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_LANGUAGES)
def test_other_languages(lang: str, text: str, expected: list[str]) -> None:
    assert _split(text, lang) == expected


def test_language_rules_apply_only_to_their_language() -> None:
    # "Dra." is a Spanish title: no break in Spanish, a break in English where it means nothing.
    text = "Vino la Dra. Pérez hoy."
    assert len(_split(text, "es")) == 1
    assert _split("He met Sr. Lopez. Then left.", "en") == ["He met Sr. Lopez.", "Then left."]


def test_ideographic_stops_need_no_space() -> None:
    assert _split("会议开始了。总统发言。", "zh") == ["会议开始了。", "总统发言。"]


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  One here.   Two there.  "
    spans = segmenter_for("en").spans(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there."]
    assert spans[0][0] == 2
