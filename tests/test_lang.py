"""Guessing a text's language: function words for prose, a character model for a sentence."""

from __future__ import annotations

import pytest

from tmkit.lang import guess_language, tag_from_locale


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The delegation arrived on Monday and the talks began at once.", "en"),
        ("Thank you.", "en"),
        ("Die Sitzung beginnt morgen.", "de"),
        ("¿Dónde está la embajada?", "es"),
        ("Merci beaucoup.", "fr"),
        ("Il treno parte alle otto.", "it"),
        ("Переговоры прошли в Кремле.", "ru"),
        ("Вітаю, як справи у Києві?", "uk"),
        ("会议开始了。总统发言。", "zh"),
    ],
)
def test_short_inputs_get_their_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize("text", ["", "12345", "OK.", "Vladimir Putin", "— ? —"])
def test_no_guess_without_enough_to_go_on(text: str) -> None:
    assert guess_language(text) == "und"


@pytest.mark.parametrize(
    ("locale", "tag"),
    [
        ("pt_BR", "pt-BR"),
        ("sr_RS@latin", "sr-Latn-RS"),
        ("uz@cyrillic", "uz-Cyrl"),
        ("de_DE.UTF-8", "de-DE"),
        ("de_DE@euro", "de-DE"),
        ("ca@valencia", "ca-valencia"),
        ("es-mx", "es-MX"),
        ("en-x-counter", "en-x-counter"),
    ],
)
def test_locale_names_become_bcp47_tags(locale: str, tag: str) -> None:
    assert tag_from_locale(locale) == tag
