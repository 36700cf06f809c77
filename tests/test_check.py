"""`tmkit check` against drafts with planted errors, clean drafts, every input format,
bilingual mode, suppression and bad input. The glossary is the seed corpus's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, ROOT, assert_bad_input, run_tmkit
from tmkit.check.matcher import FormMatcher
from tmkit.check.rules import check_pieces
from tmkit.check.run import CONTEXT_CHARS
from tmkit.corpus import load_corpus
from tmkit.glossary.files import read_glossary
from tmkit.reading.segment import segment_document

DRAFTS = FIXTURES / "drafts"
GLOSSARY = str(ROOT / "glossary" / "glossary.tbx")


def _check(*args: str) -> tuple[int, list[dict]]:
    result = run_tmkit("check", *args, "--glossary", GLOSSARY, "--format", "json")
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.returncode, json.loads(result.stdout)


def test_every_planted_error_is_found_where_it_is() -> None:
    code, findings = _check(str(DRAFTS / "planted.txt"))
    lines = (DRAFTS / "planted.txt").read_text("utf-8").splitlines()
    expected = json.loads((DRAFTS / "planted.expected.json").read_text("utf-8"))
    got = {(f["rule"], f["line"], f["column"], f["found"], f["expected"]) for f in findings}
    want = {
        (
            e["rule"],
            e["line"],
            lines[e["line"] - 1].index(e["found"]) + 1,
            e["found"],
            e["expected"],
        )
        for e in expected
    }
    assert got == want
    assert code == 1


def test_clean_drafts_give_no_findings() -> None:
    code, findings = _check(str(DRAFTS / "clean.md"))
    assert (code, findings) == (0, [])


def test_a_form_with_a_soft_hyphen_is_the_form() -> None:
    """A soft hyphen (a place the word may break, invisible otherwise) is no break in the
    word: "Krem\u00adnil" is the deprecated Kremnil."""
    matcher = FormMatcher(read_glossary(GLOSSARY))
    found = check_pieces(["Putin met him at the Krem\u00adnil."], matcher)
    assert [(f.rule, f.found) for f in found] == [("deprecated", "Krem\u00adnil")]


def test_every_corpus_paragraph_is_a_clean_draft() -> None:
    """The corpus's own paragraphs, one draft each, raise nothing but the corpus's own typo."""
    entries = read_glossary(GLOSSARY)
    matcher = FormMatcher(entries)
    found = []
    for doc in load_corpus(CORPUS):
        for segment in segment_document(doc):
            if segment.kind in ("paragraph", "turn"):
                block = doc.blocks[segment.block]
                text = doc.text[block.start : block.end]
                found += [(doc.id, f.rule, f.found) for f in check_pieces([text], matcher)]
    assert set(found) == {("004", "deprecated", "Kremnil")}


def test_text_output_has_place_caret_and_summary() -> None:
    result = run_tmkit("check", str(DRAFTS / "planted.txt"), "--glossary", GLOSSARY)
    out = result.stdout.decode().splitlines()
    assert result.returncode == 1
    at = out.index(next(line for line in out if ":1:68: error deprecated:" in line))
    shown, caret = out[at + 1], out[at + 2]
    under = caret.index("^")
    assert caret == " " * under + "^~~~~~~"
    assert shown[under : under + 7] == "Kremnil"
    # column 68 of a long line: shown from 60 characters before the finding
    assert shown.startswith("    … ") and under == 4 + 1 + CONTEXT_CHARS
    assert b"3 errors, 5 warnings in 1 file" in result.stderr


def test_a_draft_of_one_long_line_shows_each_finding_with_a_window_of_it(tmp_path: Path) -> None:
    """A file of one line (a paragraph per line, a minified export) with a finding every few
    words: each is shown with its neighbourhood, not the whole line again, so the output and
    the memory grow with the findings, not with findings times the line."""
    sentence = "They met at the Kremnil today. "
    draft = tmp_path / "one.txt"
    draft.write_text(sentence * 300, "utf-8")
    result = run_tmkit("check", str(draft), "--glossary", GLOSSARY)
    out = result.stdout.decode().splitlines()
    heads = [line for line in out if ": error deprecated:" in line]
    assert len(heads) == 300
    last_column = len(sentence) * 299 + sentence.index("Kremnil") + 1
    assert heads[-1].startswith(f"{draft}:1:{last_column}: ")
    shown = [out[i + 1] for i, line in enumerate(out) if ": error deprecated:" in line]
    assert max(map(len, shown)) <= 4 + 2 * len("…") + 2 * CONTEXT_CHARS + len("Kremnil")


def test_severity_threshold_sets_the_exit_code(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("They discussed the Mallory memorandum.\n", "utf-8")
    assert _check(str(draft))[0] == 0
    result = run_tmkit("check", str(draft), "--glossary", GLOSSARY, "--severity", "warning")
    assert result.returncode == 1


def test_inline_marker_and_ignore_file_silence_findings(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(
        "Talks in the Kremnil. <!-- tmkit-ignore: deprecated -->\n"
        "They discussed the Mallory memorandum.\n"
        "The Kremlim answered.\n",
        "utf-8",
    )
    _, findings = _check(str(draft))
    assert [f["rule"] for f in findings] == ["case", "near-miss"]
    ignores = tmp_path / "ignore.toml"
    ignores.write_text('[[ignore]]\nrule = "near-miss"\nfound = "Kremlim"\n', "utf-8")
    _, findings = _check(str(draft), "--ignore-file", str(ignores))
    assert [f["rule"] for f in findings] == ["case"]


def _xliff_draft(units: str) -> str:
    """An English–Spanish XLIFF 1.2 file of these trans-units, the first on line 3."""
    return (
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="es" datatype="plaintext" original="x"><body>\n'
        f"{units}</body></file></xliff>\n"
    )


def test_an_xliff_drafts_suggestions_and_untranslated_units_are_not_checked(
    tmp_path: Path,
) -> None:
    """An <alt-trans>'s target is a TM's suggestion, not the draft; a unit not for
    translation and a target that still needs one are no translation to check."""
    xliff = tmp_path / "d.xlf"
    xliff.write_text(
        _xliff_draft(
            '<trans-unit id="1"><source>The Kremlin.</source><target>El Kremlin.</target>\n'
            "<alt-trans><source>The Kremlin.</source><target>El Kremnil.</target></alt-trans>"
            '</trans-unit>\n<trans-unit id="2" translate="no"><source>Kremnil Ltd</source>'
            '<target>Kremnil Ltd</target></trans-unit>\n<trans-unit id="3"><source>Kremnil.'
            '</source><target state="needs-translation">Kremnil.</target></trans-unit>\n'
            '<trans-unit id="4"><source>A visit.</source><target>Una visita al Kremnil.</target>'
            "</trans-unit>"
        ),
        "utf-8",
    )
    _, findings = _check(str(xliff))
    assert [(f["rule"], f["line"]) for f in findings] == [("deprecated", 7)]


def test_a_web_page_draft_is_checked_as_a_browser_shows_it(tmp_path: Path) -> None:
    """An HTML draft is checked paragraph by paragraph, at the line each starts on; its
    scripts and what it hides are no text."""
    page = tmp_path / "draft.html"
    page.write_text(
        "<html><body>\n<h1>Talks</h1>\n<p>They met at the <b>Kremnil</b>.</p>\n"
        "<script>var place = 'Kremnil';</script><p hidden>Kremnil</p>\n</body></html>\n",
        "utf-8",
    )
    _, findings = _check(str(page))
    assert [(f["rule"], f["line"], f["found"]) for f in findings] == [("deprecated", 3, "Kremnil")]


def test_po_xliff_and_tmx_drafts_are_checked_on_their_target_side(tmp_path: Path) -> None:
    po = tmp_path / "d.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Talks in the Kremlin."\nmsgstr "Conversaciones en el Kremnil."\n',
        "utf-8",
    )
    _, findings = _check(str(po))
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("deprecated", 6, 30)]
    xliff = tmp_path / "d.xlf"
    xliff.write_text(
        _xliff_draft(
            '<trans-unit id="1"><source>The Kremlin.</source>\n<target>El Kremnil.</target>'
            "</trans-unit>"
        ),
        "utf-8",
    )
    _, findings = _check(str(xliff))
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("deprecated", 4, 4)]
    tmx = tmp_path / "d.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n<tu>'
        '<tuv xml:lang="en"><seg>In the Kremnil.</seg></tuv>\n'
        '<tuv xml:lang="es"><seg>En el Kremnil.</seg></tuv></tu></body></tmx>\n',
        "utf-8",
    )
    _, findings = _check(str(tmx))
    assert [(f["rule"], f["line"]) for f in findings] == [("deprecated", 4)]


def test_bilingual_mode_finds_missing_terms_and_numbers(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(
        "Putin met Diaz-Canel in the Kremlin on 9 May.\n"
        "They spoke of unilateral sanctions for 60 years.\n",
        "utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Putin met Diaz-Canel in the Kremlin on 9 May.\n"
        "They spoke of the sanctions for 50 years.\n",
        "utf-8",
    )
    _, findings = _check(str(draft), "--source", str(source))
    assert {(f["rule"], f["line"]) for f in findings} == {("missing-term", 2), ("number", 2)}
    missing = next(f for f in findings if f["rule"] == "missing-term")
    assert missing["expected"] == "unilateral sanctions"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".srt"])
def test_a_documents_numbers_are_checked_against_its_source(tmp_path: Path, suffix: str) -> None:
    """A web page, a subtitle file or a Word document checked against its source is prose:
    its "7 %" for the source's "5%" is a wrong fact, as in a text draft (the number rule was
    on for text drafts only, and off for the catalogue units whose help texts rewrite their
    examples, which it still is)."""
    texts = {
        "en": ["The Kremlin confirmed the visit on 9 May.", "Prices rose by 5% in 2024."],
        "fr": [
            "Le Kremlin a confirmé la visite le 9 mai.",
            "Les prix ont augmenté de 7 % en 2024.",
        ],
    }
    paths = {}
    for lang, lines in texts.items():
        if suffix == ".html":
            body = "".join(f"<p>{line}</p>\n" for line in lines)
            text = f"<!DOCTYPE html>\n<html lang='{lang}'><body>\n{body}</body></html>\n"
        elif suffix == ".srt":
            text = "".join(
                f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{line}\n\n"
                for n, line in enumerate(lines, 1)
            )
        else:
            text = "".join(f"{line}\n" for line in lines)
        paths[lang] = tmp_path / f"{lang}{suffix}"
        paths[lang].write_text(text, "utf-8")
    _, findings = _check(str(paths["fr"]), "--source", str(paths["en"]))
    assert [(f["rule"], f["found"]) for f in findings] == [("number", "7")]


def test_a_multilingual_memory_is_checked_a_language_at_a_time(tmp_path: Path) -> None:
    """A TMX with French and German targets: the German translation of a source is no
    inconsistency with the French one, and German's "die die" is a legitimate double by
    German's rules, though French is the file's main language (both were findings)."""
    tmx = tmp_path / "multi.tmx"
    units = [
        ("Save the file", {"fr": "Enregistrer le fichier", "de": "Datei speichern"}),
        (
            "He knows those who were there",
            {"fr": "Il connaît ceux qui étaient là", "de": "Er kennt die, die da waren"},
        ),
        ("He knows the ones who saw it", {"de": "Er kennt die die es sahen"}),
        ("We met", {"fr": "Nous nous sommes vus"}),
        ("Open the file", {"fr": "Ouvrir le fichier"}),
    ]
    body = "".join(
        f'<tu><tuv xml:lang="en"><seg>{source}</seg></tuv>'
        + "".join(
            f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in targets.items()
        )
        + "</tu>\n"
        for source, targets in units
    )
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
        f"<body>\n{body}</body></tmx>\n",
        "utf-8",
    )
    _, findings = _check(str(tmx))
    assert findings == []


TERMBASE = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>a termbase export</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="c7"><langSet xml:lang="en"><ntig><termGrp><term>offshore wind farm</term>
</termGrp></ntig></langSet>
<langSet xml:lang="es"><tig><term>parque eólico marino</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<tig><term>parque eólico en el mar</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>
"""


def test_a_rendering_the_termbase_deprecates_is_flagged_in_the_target(tmp_path: Path) -> None:
    """A termbase marks a Spanish rendering deprecated: a Spanish draft that writes it is told
    to write the preferred one, with its source or without, and once (not also as a missing
    term); a draft that writes the preferred one is clean."""
    termbase = tmp_path / "termbase.tbx"
    termbase.write_text(TERMBASE, "utf-8")
    source = tmp_path / "en.txt"
    source.write_text("The offshore wind farm opens today.\n", "utf-8")
    draft = tmp_path / "es.txt"
    draft.write_text("Hoy abre el parque eólico en el mar.\n", "utf-8")
    for more in (("--source", str(source)), ()):
        result = run_tmkit(
            "check", str(draft), *more, "--glossary", str(termbase), "--format", "json"
        )
        assert result.returncode == 1, result.stderr.decode()
        findings = json.loads(result.stdout)
        assert [(f["rule"], f["found"], f["expected"], f["term_id"]) for f in findings] == [
            ("deprecated", "parque eólico en el mar", "parque eólico marino", "c7")
        ]
    draft.write_text("Hoy abre el parque eólico marino.\n", "utf-8")
    clean = run_tmkit("check", str(draft), "--source", str(source), "--glossary", str(termbase))
    assert clean.returncode == 0, clean.stdout.decode()
    entry = read_glossary(str(termbase))[0]
    assert entry.translations == {"es": ["parque eólico marino"]}
    assert entry.deprecated_translations == {"es": ["parque eólico en el mar"]}


def test_matching_folds_dashes_apostrophes_and_allows_inflections(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(
        "Miguel Diaz‑Canel’s visit, the Kremlin's walls and two geopolitical manipulation "
        "claims; Diaz-Canel and Díaz-Canel.\n",
        "utf-8",
    )
    _, findings = _check(str(draft))
    assert [(f["rule"], f["found"]) for f in findings] == [("variant", "Díaz-Canel")]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("d.rtf", "x", "cannot check .rtf files"),
        ("d.pdf", "x", "unreadable PDF"),
        ("d.docx", "x", "not a word-processor document (zip)"),
        ("d.txt", "caf\xe9 \x81\x8d\x8f", "not UTF-8"),
        ("d.tmx", "<tmx><body><tu>", "malformed XML"),
    ],
)
def test_bad_drafts(tmp_path: Path, name: str, content: str, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1"))
    assert_bad_input(run_tmkit("check", str(path), "--glossary", GLOSSARY), name, problem)


def test_a_word_draft_is_checked_paragraph_by_paragraph(tmp_path: Path) -> None:
    """A .docx written by python-docx: findings name the paragraph as their line."""
    import docx

    word = docx.Document()
    word.add_paragraph("Putin met Diaz-Canel in the Kremnil.")
    word.add_paragraph("Díaz-Canel thanked him.")
    word.save(tmp_path / "draft.docx")
    _, findings = _check(str(tmp_path / "draft.docx"))
    assert [(f["rule"], f["found"], f["line"]) for f in findings] == [
        ("deprecated", "Kremnil", 1),
        ("variant", "Díaz-Canel", 2),
    ]


def test_bad_glossary_and_missing_project_glossary(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Fine.\n", "utf-8")
    broken = tmp_path / "g.tbx"
    broken.write_text("<martif><text>", "utf-8")
    assert_bad_input(run_tmkit("check", str(draft), "--glossary", str(broken)), "g.tbx")
    assert_bad_input(run_tmkit("check", str(draft), cwd=tmp_path), "no glossary found")
    bad_ignore = tmp_path / "i.toml"
    bad_ignore.write_text('[[ignore]]\nrule = "nope"\n', "utf-8")
    result = run_tmkit(
        "check", str(draft), "--glossary", GLOSSARY, "--ignore-file", str(bad_ignore)
    )
    assert_bad_input(result, "i.toml", "unknown rule 'nope'")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[[ignore]]\nfile = ["a.po"]\n', "i.toml:1: [[ignore]] file must be a string"),
        ("[[ignore]]\nfound = 1\n", "found must be a string"),
        ('ignore = "tags"\n', "ignore must be [[ignore]] tables"),
        ("[[ignore]]\n", "names no rule, found or file"),
        ('[[ignore]]\nrule = "tags"\nsource = "x"\n', "not 'source'"),
    ],
)
def test_an_ignore_file_of_the_wrong_shape_is_refused(
    tmp_path: Path, content: str, problem: str
) -> None:
    """A list where a string belongs crashed the check (a traceback); a string where the
    tables belong was read a character a table."""
    draft = tmp_path / "d.txt"
    draft.write_text("Fine.\n", "utf-8")
    (tmp_path / "i.toml").write_text(content, "utf-8")
    result = run_tmkit(
        "check", str(draft), "--glossary", GLOSSARY, "--ignore-file", str(tmp_path / "i.toml")
    )
    assert_bad_input(result, problem)


def test_project_glossary_is_the_default(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "glossary.tbx").write_bytes(Path(GLOSSARY).read_bytes())
    (tmp_path / "d.txt").write_text("In the Kremnil.\n", "utf-8")
    result = run_tmkit("check", "d.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and json.loads(result.stdout)[0]["rule"] == "deprecated"


def test_markdown_code_and_links_are_not_prose(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(
        "See [the Kremlin](https://example.org/Kremnil) and `Kremnil` in code.\n"
        "```\nKremnil\n```\n"
        "But the Kremnil here is prose.\n",
        "utf-8",
    )
    _, findings = _check(str(draft))
    assert [(f["line"], f["column"]) for f in findings] == [(5, 9)]


def _entry(number: int, term: str, kind: str, *variants: str) -> dict:
    return {
        "id": f"t{number:04d}",
        "term": term,
        "lang": "en",
        "kind": kind,
        "status": "preferred",
        "variants": [{"form": v, "status": "admitted", "count": 1} for v in variants],
        "count": 3,
        "docs": ["000"],
        "context": "",
        "translations": {},
    }


NEWSROOM_GLOSSARY = [
    _entry(1, "José Martí Pérez", "person", "José Martí", "Martí"),
    _entry(2, "Dmitry Peskov", "person"),
    _entry(3, "Yuri Ushakov", "person"),
    _entry(4, "Aleksandr Lukashenko", "person"),
    _entry(5, "NATO", "organisation"),
    _entry(6, "Supreme Eurasian Economic Council", "organisation"),
    _entry(7, "Grand Opera House of Paris", "place"),
    _entry(8, "Paris", "place"),
]


@pytest.mark.parametrize(
    ("draft", "rule", "found"),
    [
        ("José Martí Pérez wrote it. Later Marti wrote more. Martí again.", "variant", "Marti"),
        ("Dmitri Peskov spoke. The Kremlin agreed.", "near-miss", "Dmitri Peskov"),
        ("Iouri Ushakov spoke to reporters.", "near-miss", "Iouri Ushakov"),
        ("Alexander Lukashenko arrived.", "near-miss", "Alexander Lukashenko"),
        ("Nato met in Brussels.", "case", "Nato"),
        ("The supreme eurasian economic council met.", "case", "supreme eurasian economic council"),
        ("They sang at the Grand Opera Hose of Paris.", "near-miss", "Grand Opera Hose of Paris"),
    ],
)
def test_newsroom_misses(tmp_path: Path, draft: str, rule: str, found: str) -> None:
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps(NEWSROOM_GLOSSARY), "utf-8")
    path = tmp_path / "draft.txt"
    path.write_text(draft + "\n", "utf-8")
    result = run_tmkit("check", str(path), "--glossary", str(glossary), "--format", "json")
    findings = json.loads(result.stdout)
    assert (rule, found, draft.index(found) + 1) in {
        (f["rule"], f["found"], f["column"]) for f in findings
    }, findings


def test_newsroom_clean_uses_stay_clean(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps(NEWSROOM_GLOSSARY), "utf-8")
    path = tmp_path / "draft.txt"
    path.write_text(
        "José Martí Pérez wrote it; Martí wrote more. Dmitry Peskov spoke, then Peskov left.\n"
        "NATO met in Paris, at the Grand Opera House of Paris. Us and them.\n",
        "utf-8",
    )
    result = run_tmkit("check", str(path), "--glossary", str(glossary), "--format", "json")
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("lang", "rendering", "inflected", "without"),
    [
        (
            "ru",
            "односторонние санкции",
            "Они говорили об односторонних санкциях.",
            "Они говорили о торговле.",
        ),
        (
            "es",
            "sanción unilateral",
            "Hablaron de las sanciones unilaterales.",
            "Hablaron del comercio.",
        ),
        (
            "de",
            "einseitige Sanktion",
            "Sie sprachen über einseitige Sanktionen.",
            "Sie sprachen über Handel.",
        ),
        (
            "fr",
            "sanction unilatérale",
            "Ils ont parlé des sanctions unilatérales.",
            "Ils ont parlé du commerce.",
        ),
        (
            "it",
            "sanzione unilaterale",
            "Hanno parlato delle sanzioni unilaterali.",
            "Hanno parlato di commercio.",
        ),
        ("pt", "sanção unilateral", "Falaram das sanções unilaterais.", "Falaram do comércio."),
    ],
)
def test_a_rendering_counts_in_any_inflection(
    tmp_path: Path, lang: str, rendering: str, inflected: str, without: str
) -> None:
    entry = _entry(1, "unilateral sanctions", "term")
    entry["translations"] = {lang: [rendering]}
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps([entry]), "utf-8")
    source = tmp_path / "source.txt"
    source.write_text("They spoke of unilateral sanctions.\n", "utf-8")
    for text, missing in ((inflected, False), (without, True)):
        draft = tmp_path / "draft.txt"
        draft.write_text(text + "\n", "utf-8")
        result = run_tmkit(
            "check", str(draft), "--glossary", str(glossary), "--source", str(source),
            "--format", "json",
        )  # fmt: skip
        rules = [f["rule"] for f in json.loads(result.stdout)]
        assert ("missing-term" in rules) is missing, (lang, text, rules)


def _in(lang: str, entry: dict, deprecated: str | None = None) -> dict:
    entry["lang"] = lang
    if deprecated:
        entry["variants"].append({"form": deprecated, "status": "deprecated", "count": 1})
    return entry


INFLECTING = {
    "ru": (
        _in("ru", _entry(1, "Владимир Путин", "person")),
        _in("ru", _entry(2, "односторонние санкции", "term"), "односторонние ограничения"),
        "Встреча Владимира Путина прошла в Кремле. Владимиру Путину задали вопрос об "
        "односторонних санкциях.",
        ("Речь шла об односторонних ограничениях.", "односторонних ограничениях"),
        ("Встреча Владимира путина прошла.", "Владимира путина"),
        ("Владимир Путен прибыл в Кремль.", "Владимир Путен"),
    ),
    "de": (
        _in("de", _entry(1, "Europäische Zentralbank", "organisation")),
        _in("de", _entry(2, "einseitige Sanktion", "term"), "einseitige Strafmaßnahme"),
        "Die Präsidentin der Europäischen Zentralbank sprach über einseitige Sanktionen.",
        ("Sie sprachen über einseitige Strafmaßnahmen.", "einseitige Strafmaßnahmen"),
        ("Die Präsidentin der Europäischen zentralbank sprach.", "Europäischen zentralbank"),
        ("Die Europäische Zentrallbank sprach.", "Europäische Zentrallbank"),
    ),
    "es": (
        _in("es", _entry(1, "Banco Central Europeo", "organisation")),
        _in("es", _entry(2, "sanción unilateral", "term"), "castigo unilateral"),
        "El Banco Central Europeo habló de las sanciones unilaterales.",
        ("Hablaron de los castigos unilaterales.", "castigos unilaterales"),
        None,
        ("El Banco Centrall Europeo habló.", "Banco Centrall Europeo"),
    ),
    "fr": (
        _in("fr", _entry(1, "Banque centrale européenne", "organisation")),
        _in("fr", _entry(2, "sanction unilatérale", "term"), "punition unilatérale"),
        "La Banque centrale européenne a parlé des sanctions unilatérales.",
        ("Ils ont parlé des punitions unilatérales.", "punitions unilatérales"),
        None,
        ("La Banque centrle européenne a parlé.", "Banque centrle européenne"),
    ),
    "it": (
        _in("it", _entry(1, "Banca centrale europea", "organisation")),
        _in("it", _entry(2, "sanzione unilaterale", "term"), "punizione unilaterale"),
        "La Banca centrale europea ha parlato delle sanzioni unilaterali.",
        ("Hanno parlato delle punizioni unilaterali.", "punizioni unilaterali"),
        None,
        ("La Banca centrale europa ha parlato.", "Banca centrale europa"),
    ),
    "pt": (
        _in("pt", _entry(1, "Banco Central Europeu", "organisation")),
        _in("pt", _entry(2, "sanção unilateral", "term"), "punição unilateral"),
        "O Banco Central Europeu falou das sanções unilaterais.",
        ("Falaram das punições unilaterais.", "punições unilaterais"),
        None,
        ("O Banco Central Europel falou.", "Banco Central Europel"),
    ),
}


@pytest.mark.parametrize("lang", sorted(INFLECTING))
def test_terms_and_names_are_found_in_any_inflection(tmp_path: Path, lang: str) -> None:
    """In a language whose words inflect, a deprecated term is flagged in the plural or in
    any case, a name written with other capitals is flagged inflected, and two inflections of
    one name are no variant: the glossary forms are matched by the stems of their words. A
    misspelt name is a near miss in every language."""
    name, term, clean, (deprecated, wrong), miscased, (misspelt, near) = INFLECTING[lang]
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps([name, term]), "utf-8")
    header = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n'
    cases = [(clean, None, None), (deprecated, "deprecated", wrong)]
    cases += [(miscased[0], "case", miscased[1])] if miscased else []
    cases += [(misspelt, "near-miss", near)]
    for number, (text, rule, found) in enumerate(cases):
        draft = tmp_path / f"draft{number}.po"
        draft.write_text(f'{header}msgid "x y"\nmsgstr "{text}"\n', "utf-8")
        result = run_tmkit("check", str(draft), "--glossary", str(glossary), "--format", "json")
        findings = [(f["rule"], f["found"], f["column"]) for f in json.loads(result.stdout)]
        want = [] if rule is None else [(rule, found, 9 + text.index(found))]
        assert [f for f in findings if f[0] not in ("end-punctuation", "length")] == want, lang


def test_real_catalogue_words_are_not_names_nor_missing_renderings(tmp_path: Path) -> None:
    """What 150 real catalogues raised against the seed glossary: "Un" starting a Spanish or
    French string is a word, not UN in the wrong case; where the glossary has no rendering in
    the target language ("USA" in Polish for US), nothing can be missing; another language's
    spelling of a name is no near miss of the English one; a Greek name met only through
    transliteration is no match; Canadian English mixes the two spellings by standard.
    Where the glossary has a rendering, a target without it is still flagged; "Nato" is still
    NATO miscased; British English with an American spelling is still flagged."""
    united_states = _entry(1, "United States", "place", "US")
    united_states["translations"] = {"fr": ["États-Unis"]}
    entries = [united_states, _entry(2, "UN", "organisation"), _entry(3, "NATO", "organisation")]
    entries += [_entry(4, "Venezuela", "place"), _entry(5, "Algeria", "place")]
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps(entries), "utf-8")
    cases = [
        ("pl", "US Letter", "Letter USA", []),
        ("fr", "The US embassy", "L'ambassade des USA", [("missing-term", "États-Unis")]),
        ("es", "A new file", "Un archivo nuevo", []),
        ("es", "NATO met", "La Nato se reunió", [("case", "NATO")]),
        ("sc", "Venezuela", "Venetzuela", []),  # Sardinian's own spelling, not a miss
        ("el", "Algeria, of Algeria", "Αλγερία, της Αλγερίας", []),  # another script
        ("en_CA", "Colour recognised", "Colour recognized", []),  # Canada's standard mix
        ("en_GB", "Colour recognised", "Colour recognized", [("spelling", "recognised")]),
    ]
    for number, (lang, msgid, msgstr, want) in enumerate(cases):
        draft = tmp_path / f"c{number}.po"
        draft.write_text(
            f'msgid ""\nmsgstr "Language: {lang}\\n"\n\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
            "utf-8",
        )
        result = run_tmkit("check", str(draft), "--glossary", str(glossary), "--format", "json")
        assert [(f["rule"], f["expected"]) for f in json.loads(result.stdout)] == want, lang


@pytest.mark.parametrize(
    ("lang", "name", "kind", "draft", "flagged"),
    [
        ("de", "Europäische Zentralbank", "organisation",
         "Die Europäische Zentralbank tagte. Die Europäische Zentralbank sprach. "
         "Die Europaische Zentralbank schwieg.", "Europaische Zentralbank"),
        ("es", "Bogotá", "place",
         "Llegó a Bogotá. Bogotá lo recibió. Bogota es grande.", "Bogota"),
        ("fr", "Banque centrale européenne", "organisation",
         "La Banque centrale européenne a parlé ; la Banque centrale européenne a agi ; "
         "la Banque centrale europeenne a attendu.", "Banque centrale europeenne"),
        ("it", "Città del Vaticano", "place",
         "A Città del Vaticano. Città del Vaticano è piccola. Citta del Vaticano.",
         "Citta del Vaticano"),
        ("pt", "São Paulo", "place",
         "Em São Paulo. São Paulo é grande. Sao Paulo cresce.", "Sao Paulo"),
        ("ru", "Пётр Толстой", "person",
         "Пётр Толстой выступил. Пётр Толстой ответил. Петр Толстой ушёл.", "Петр Толстой"),
    ],
)  # fmt: skip
def test_a_variant_spelling_is_flagged_in_every_language(
    tmp_path: Path, lang: str, name: str, kind: str, draft: str, flagged: str
) -> None:
    """Two spellings of one entry in one draft (an accent or ё dropped): the minority one
    is flagged where it is written, in each language with rules."""
    glossary = tmp_path / "glossary.json"
    glossary.write_text(json.dumps([_in(lang, _entry(1, name, kind))]), "utf-8")
    path = tmp_path / "draft.po"
    path.write_text(
        f'msgid ""\nmsgstr "Language: {lang}\\n"\n\nmsgid "x y"\nmsgstr "{draft}"\n', "utf-8"
    )
    result = run_tmkit("check", str(path), "--glossary", str(glossary), "--format", "json")
    findings = [(f["rule"], f["found"], f["column"]) for f in json.loads(result.stdout)]
    assert findings == [("variant", flagged, 9 + draft.index(flagged))], findings
