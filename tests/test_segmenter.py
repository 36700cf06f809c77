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


OTHER_SCRIPTS = [
    ("hi", "मैं घर जा रहा हूँ। तुम कहाँ हो?", ["मैं घर जा रहा हूँ।", "तुम कहाँ हो?"]),
    ("ur", "آج موسم اچھا ہے۔ کیا تم آؤ گے؟", ["آج موسم اچھا ہے۔", "کیا تم آؤ گے؟"]),
    ("ar", "هل أنت بخير؟ نعم، شكرا.", ["هل أنت بخير؟", "نعم، شكرا."]),
    (
        "hy",
        "Ես տուն եմ գնում: Դու որտե՞ղ ես։ Լավ։",
        ["Ես տուն եմ գնում:", "Դու որտե՞ղ ես։", "Լավ։"],
    ),
    ("el", "Πού είναι ο σταθμός; Είναι κοντά.", ["Πού είναι ο σταθμός;", "Είναι κοντά."]),
    ("el", "Ρώτησε: τι; και έφυγε.", ["Ρώτησε: τι; και έφυγε."]),  # a capital must follow
    ("am", "ሰላም ነው፧ደህና ነኝ።", ["ሰላም ነው፧", "ደህና ነኝ።"]),
    ("my", "မင်္ဂလာပါ။နေကောင်းလား။", ["မင်္ဂလာပါ။", "နေကောင်းလား။"]),
    ("zh", "我们去看《你好！李焕英》吧。好！", ["我们去看《你好！李焕英》吧。", "好！"]),
    (
        "ja",
        "成長率は３．５％だった。予想より高い。",
        ["成長率は３．５％だった。", "予想より高い。"],
    ),
    (
        "ja",
        "「はい。」と彼は言った。「いいえ。」次に行く。",
        ["「はい。」と彼は言った。", "「いいえ。」", "次に行く。"],
    ),
    ("en", "Note: the hall is open; bring a pass.", ["Note: the hall is open; bring a pass."]),
    # titles and abbreviations before a name or a number, in languages with rules of their own
    (
        "nl",
        "Dhr. Jansen kwam om tien uur. Zie blz. 12 voor meer.",
        ["Dhr. Jansen kwam om tien uur.", "Zie blz. 12 voor meer."],
    ),
    (
        "da",
        "Hr. Hansen bor ved Skt. Hans Torv. Se s. 55.",
        ["Hr. Hansen bor ved Skt. Hans Torv.", "Se s. 55."],
    ),
    (
        "pl",
        "Biuro jest przy ul. Marszałkowskiej. Prof. Nowak przemawiał.",
        ["Biuro jest przy ul. Marszałkowskiej.", "Prof. Nowak przemawiał."],
    ),
    (
        "sk",
        "Pracuje pre Ing. Nováka. Riaditeľom je Mgr. Kováč.",
        ["Pracuje pre Ing. Nováka.", "Riaditeľom je Mgr. Kováč."],
    ),
    ("uk", "Офіс на вул. Хрещатик. Див. с. 5.", ["Офіс на вул. Хрещатик.", "Див. с. 5."]),
    (
        "bg",
        'Срещата е на Пл. "Славейков". Всички дойдоха.',
        ['Срещата е на Пл. "Славейков".', "Всички дойдоха."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_SCRIPTS)
def test_other_scripts_stops(lang: str, text: str, expected: list[str]) -> None:
    """Each script's own full stop and question mark end a sentence (the danda, Urdu's and
    Armenian's full stops, the Arabic question mark, Ethiopic and Myanmar stops without a
    space after them, Greek's semicolon before a capital); a title in 《》 and a full-width
    number hold none, and a colon or a semicolon ends nothing outside Armenian and Greek."""
    assert _split(text, lang) == expected


def test_a_raised_reference_mark_ends_its_sentence() -> None:
    """A raised digit after a stop is a note's mark, never a decimal ("2023.²"), while a
    raised digit inside a sentence is an exponent or a unit's power ("10³ m", "5 m²")."""
    assert _split("It was built in 2023.² Its height is 10³ m. The area is 5 m². Next.", "en") == [
        "It was built in 2023.²",
        "Its height is 10³ m.",
        "The area is 5 m².",
        "Next.",
    ]


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  One here.   Two there.  "
    spans = segmenter_for("en").spans(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there."]
    assert spans[0][0] == 2


# The mechanisms of the list and span pass and of the abbreviation classes, one case each,
# written for these tests (not taken from any peer's suite).
STRUCTURE_CASES = [
    # inline lists in each punctuation style, and markers that keep their item
    ("en", "1.) Check the draft 2.) Send it back", ["1.) Check the draft", "2.) Send it back"]),
    ("en", "1) Read it. 2) Sign it.", ["1) Read it.", "2) Sign it."]),
    ("en", "1. Open the file 2. Save a copy", ["1. Open the file", "2. Save a copy"]),
    (
        "en",
        "Bring three things: a. a pen b. a map c. some water",
        ["Bring three things:", "a. a pen", "b. a map", "c. some water"],
    ),
    ("en", "(a) Rome. (b) Paris. (c) Oslo.", ["(a) Rome.", "(b) Paris.", "(c) Oslo."]),
    # a run that counts off parts of one sentence, going on from a word in lower case
    (
        "en",
        "The law requires (a) a licence, (b) a fee and (c) an inspection. Apply by June.",
        ["The law requires (a) a licence, (b) a fee and (c) an inspection.", "Apply by June."],
    ),
    (
        "en",
        "You must 1) fill it in, 2) sign it and 3) send it.",
        ["You must 1) fill it in, 2) sign it and 3) send it."],
    ),
    ("en", "Mark left. a) one b) two c) three", ["Mark left.", "a) one", "b) two", "c) three"]),
    ("en", "• 4. Rest well • 5. Eat well", ["• 4. Rest well", "• 5. Eat well"]),
    ("en", "⁃4. Rest well ⁃5. Eat well", ["⁃4. Rest well", "⁃5. Eat well"]),
    ("en", "3. Keep the receipt.", ["3. Keep the receipt."]),
    ("en", "Q. Who signed it? A. The minister did.", ["Q. Who signed it?", "A. The minister did."]),
    ("de", "Wir kommen am 3. und 4. Mai.", ["Wir kommen am 3. und 4. Mai."]),
    (
        "de",
        "Er wurde im 19. Jh. geboren. Im 3. Quartal stieg der Umsatz. Es waren 3. Dann ging er.",
        [
            "Er wurde im 19. Jh. geboren.",
            "Im 3. Quartal stieg der Umsatz.",
            "Es waren 3.",
            "Dann ging er.",
        ],
    ),
    ("en", "Plan A. B. Jones disagreed.", ["Plan A. B. Jones disagreed."]),
    # ellipses, spaced and bracketed
    (
        "en",
        "The minutes say he left . . . before the vote. Nobody asked why.",
        ["The minutes say he left . . . before the vote.", "Nobody asked why."],
    ),
    (
        "en",
        "The record ends there . . . . A new page begins.",
        ["The record ends there . . . .", "A new page begins."],
    ),
    (
        "en",
        "He wrote that . . . I was not told. It was late.",
        ["He wrote that . . . I was not told.", "It was late."],
    ),
    # a stop on its word, then a spaced ellipsis: the ellipsis opens the next sentence
    (
        "en",
        "The report ends here. . . . Later pages were lost. . . .",
        ["The report ends here.", ". . . Later pages were lost. . . ."],
    ),
    ("en", "She said it was over. . . .", ["She said it was over. . . ."]),
    ("en", "The list ends. . . . 12 items remain.", ["The list ends. . . .", "12 items remain."]),
    ("en", '"The treaty [...] binds both" (Art. 4).', ['"The treaty [...] binds both" (Art. 4).']),
    ("en", "Wait... Then it rang.", ["Wait...", "Then it rang."]),
    # acronyms, initials, times and abbreviations before a sentence starter
    (
        "en",
        "She moved to the U.K. When did you?",
        ["She moved to the U.K.", "When did you?"],
    ),
    ("en", "He joined the U.N. Security Council.", ["He joined the U.N. Security Council."]),
    ("en", "Ask Tom and I. Does it matter?", ["Ask Tom and I.", "Does it matter?"]),
    ("en", "We met John Q. Public today.", ["We met John Q. Public today."]),
    (
        "en",
        "It starts at 9 A.M. Guests arrive later.",
        ["It starts at 9 A.M.", "Guests arrive later."],
    ),
    ("en", "Call Smith & Co. They know.", ["Call Smith & Co.", "They know."]),
    ("en", "Smith & Co. Ltd. signed.", ["Smith & Co. Ltd. signed."]),
    ("en", "See no. 7 and p. 12 today.", ["See no. 7 and p. 12 today."]),
    ("es", "El expediente N°. 45 llegó. Lo leí.", ["El expediente N°. 45 llegó.", "Lo leí."]),
    (
        "de",
        "Das Gesetz gilt ab 1. Januar. Es ist neu.",
        ["Das Gesetz gilt ab 1. Januar.", "Es ist neu."],
    ),
    ("de", "Er liest S. 40 und die kath. Zeitung.", ["Er liest S. 40 und die kath. Zeitung."]),
    (
        "de",
        "Wir kaufen Brot, Milch usw. Dann gehen wir.",
        ["Wir kaufen Brot, Milch usw.", "Dann gehen wir."],
    ),
    ("it", "Lo ha detto il Dir. Rossi, ad es. ieri.", ["Lo ha detto il Dir. Rossi, ad es. ieri."]),
    # "and so on" before any capital, a name's or a word no list of starters holds
    (
        "es",
        "Subió el pan, la leche, etc. Nadie lo esperaba.",
        ["Subió el pan, la leche, etc.", "Nadie lo esperaba."],
    ),
    (
        "de",
        "Wir kaufen Brot, Milch usw. Herr Meier zahlt.",
        ["Wir kaufen Brot, Milch usw.", "Herr Meier zahlt."],
    ),
    ("it", "Pane, latte ecc. Marco paga.", ["Pane, latte ecc.", "Marco paga."]),
    ("en", "Oil, gas, etc. Mary paid.", ["Oil, gas, etc.", "Mary paid."]),
    ("en", "Oil, gas, etc. and coal.", ["Oil, gas, etc. and coal."]),
    ("ru", "Он живёт в г. Казань, кв. 12.", ["Он живёт в г. Казань, кв. 12."]),
    (
        "ru",
        "Там книги, журналы и т. д. Потом всё сгорело.",
        ["Там книги, журналы и т. д.", "Потом всё сгорело."],
    ),
    ("ru", "Лыжи, санки и т.п. Всё было.", ["Лыжи, санки и т.п.", "Всё было."]),
    (
        "ru",
        "— Привет, — сказал он. — Как дела?",
        ["— Привет, — сказал он.", "— Как дела?"],
    ),
    ("es", "—No lo sé —dijo él. —¿Y tú?", ["—No lo sé —dijo él.", "—¿Y tú?"]),
    (
        "es",
        "Nos vemos en la pza. Mayor, junto a la avda. de América. Fin.",
        ["Nos vemos en la pza. Mayor, junto a la avda. de América.", "Fin."],
    ),
    ("en", "The sky is blue. — Anonymous", ["The sky is blue. — Anonymous"]),
    (
        "it",
        "Il prof. Bianchi e la dott.ssa Verdi no.",
        ["Il prof. Bianchi e la dott.ssa Verdi no."],
    ),
    # citations, quotations and brackets
    (
        "en",
        "The river floods yearly.[3] Farmers plan for it.",
        ["The river floods yearly.[3]", "Farmers plan for it."],
    ),
    (
        "en",
        "He worked abroad (he was in Peru. Later Chile.) for years.",
        ["He worked abroad (he was in Peru. Later Chile.) for years."],
    ),
    (
        "en",
        "She said to him, 'Stop! Look at this!' and pointed.",
        ["She said to him, 'Stop! Look at this!' and pointed."],
    ),
    (
        "en",
        '"We agree. We will sign," the minister said.',
        ['"We agree.', 'We will sign," the minister said.'],
    ),
    (
        "en",
        "He wrote to her, 'we have won!' (He had not.) Then he waited.",
        ["He wrote to her, 'we have won!' (He had not.)", "Then he waited."],
    ),
    (
        "en",
        '"We have won!" (The vote was close.) The hall cheered.',
        ['"We have won!"', "(The vote was close.)", "The hall cheered."],
    ),
    # a quotation that is a sentence of its own is one segment; one the sentence goes on
    # past ("…," she said), or that a colon brings in, keeps its sentences apart
    (
        "en",
        'The door opened. "Come in. Sit down. Tea?" Nobody moved.',
        ["The door opened.", '"Come in. Sit down. Tea?"', "Nobody moved."],
    ),
    ("en", '"Wait! Not yet!"', ['"Wait! Not yet!"']),
    (
        "en",
        '"Wait! Not yet!" (She meant it.) "Later."',
        ['"Wait! Not yet!"', "(She meant it.)", '"Later."'],
    ),
    (
        "en",
        'The minister said: "We agree. We will sign." The talks ended.',
        ['The minister said: "We agree.', 'We will sign."', "The talks ended."],
    ),
    ("de", "„Komm her. Setz dich.“ Er nickte.", ["„Komm her. Setz dich.“", "Er nickte."]),
    ("ru", "«Ты придёшь? – спросил он. – Жду».", ["«Ты придёшь? – спросил он. – Жду»."]),
    (
        "fr",
        "Le sigle « O.N.U. » désigne l'organisation.",
        ["Le sigle « O.N.U. » désigne l'organisation."],
    ),
    # stops glued to the next sentence, but not inside an address, a path or an acronym
    (
        "en",
        "Good morning.Today is Friday.Ms. Park sold 2,000.That is plenty.",
        ["Good morning.", "Today is Friday.", "Ms. Park sold 2,000.", "That is plenty."],
    ),
    (
        "en",
        "Mail <Ana.Lopez at example.org> or read docs/Setup.Notes today.",
        ["Mail <Ana.Lopez at example.org> or read docs/Setup.Notes today."],
    ),
    ("en", "The U.S.Navy agreed to it.", ["The U.S.Navy agreed to it."]),
    (
        "en",
        "Clauses (i) the power, or (ii) the shares, or (iii) the votes.",
        ["Clauses (i) the power, or (ii) the shares, or (iii) the votes."],
    ),
    # Roman numerals as list markers; a lone one after a name stays a numeral
    (
        "en",
        "I. Load the van II. Drive north III. Unload",
        ["I. Load the van", "II. Drive north", "III. Unload"],
    ),
    (
        "en",
        "Steps: iv) sand ix) rinse v) dry",
        ["Steps: iv) sand ix) rinse v) dry"],
    ),
    (
        "en",
        "Steps: iv) sand v) rinse vi) dry",
        ["Steps:", "iv) sand", "v) rinse", "vi) dry"],
    ),
    (
        "en",
        "g. Sand h. Prime i. Paint j. Dry",
        ["g. Sand", "h. Prime", "i. Paint", "j. Dry"],
    ),
    # letters closed by a bracket are a list from two items where the first opens the line
    ("en", "a) Pack the tent b) Fold the chairs", ["a) Pack the tent", "b) Fold the chairs"]),
    ("fr", "(A) Le budget (B) Le calendrier", ["(A) Le budget", "(B) Le calendrier"]),
    ("en", "Colours: A) red, B) blue.", ["Colours: A) red, B) blue."]),
    ("en", "Plan A) failed and plan B) worked.", ["Plan A) failed and plan B) worked."]),
    ("en", "We met Pope Leo XIV. He smiled.", ["We met Pope Leo XIV.", "He smiled."]),
    ("en", "Turn left -- slowly! -- at the gate.", ["Turn left -- slowly! -- at the gate."]),
    ("en", "Stop．Go on．", ["Stop．", "Go on．"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STRUCTURE_CASES)
def test_lists_spans_and_abbreviation_classes(lang: str, text: str, expected: list[str]) -> None:
    assert _split(text, lang) == expected


def test_a_user_srx_file_keeps_plain_srx_semantics() -> None:
    # No list pass: the marker's stop is an ordinary stop under a user's rules.
    from tmkit.reading.srx import Segmenter, default_rules

    text = "1. Open the file 2. Save a copy"
    plain = Segmenter(default_rules(), "en")
    assert [text[s:e] for s, e in plain.spans(text)] == ["1.", "Open the file 2.", "Save a copy"]
