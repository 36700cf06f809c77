"""The reader: debris out, prose in, turns and quotes parsed, HTML read, dates found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, assert_bad_input, corpus_file, run_tmkit
from tmkit.reading.dates import find_dates
from tmkit.reading.layout import furniture_reason, is_title_case
from tmkit.reading.names import split_role
from tmkit.reading.quotes import attach_quotes
from tmkit.reading.reader import read_document
from tmkit.reading.segment import segment_document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"  # Word's XML namespace


def _doc(doc_id: str):
    return read_document(str(corpus_file(doc_id)), doc_id=doc_id)


def _segment_texts(path: Path, **options) -> list[str]:
    """The segments' texts of a document read with `options` (read_document's)."""
    return [s.text for s in segment_document(read_document(str(path), **options))]


def _kinds(doc, kind: str) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind == kind]


def test_transcript_turns_have_speaker_role_and_retranslated_flag() -> None:
    doc = _doc("001")
    assert doc.meta["role"] == "transcript"
    labels = [(b.speaker, b.role, b.retranslated) for b in doc.blocks if b.kind == "speaker"]
    assert labels == [
        ("Vladimir Putin", "President of Russia", False),
        ("Miguel Diaz-Canel Bermudez", "President of the Republic of Cuba", True),
        ("Vladimir Putin", None, False),
    ]
    turns = [b for b in doc.blocks if b.kind == "turn"]
    first_cuban = next(b for b in turns if b.retranslated)
    assert (
        doc.text[first_cuban.start : first_cuban.end] == "Thank you very much for\u00a0your words."
    )
    salutation = next(b for b in turns if doc.text[b.start : b.end].startswith("Mr President"))
    assert salutation.speaker == "Miguel Diaz-Canel Bermudez" and salutation.retranslated
    assert turns[-1].speaker == "Vladimir Putin" and not turns[-1].retranslated


def test_a_heading_before_a_colon_is_no_speaker_label(tmp_path: Path) -> None:
    path = tmp_path / "tour.de.txt"
    path.write_text(
        "Der erste Tag:\n\nWir stiegen früh auf und erreichten den Grat.\n\n"
        "Die Drohung der Bergschründe:\n\nDer Schnee war weich, die Spalten offen.\n\n"
        "Die Rückkehr ins Tal:\n\nAm Abend waren wir wieder in der Hütte.\n\n"
        "The President: Thank you all for coming.\n\n"
        "The President: We begin with the budget.\n",
        "utf-8",
    )
    doc = read_document(str(path), lang="de")
    labels = [b.speaker for b in doc.blocks if b.kind == "speaker"]
    assert labels == ["The President", "The President"]  # an office after its article


def test_transcript_structure_blocks() -> None:
    doc = _doc("001")
    assert _kinds(doc, "section_break") == ["* * *"]
    assert [h.replace("\u00a0", " ") for h in _kinds(doc, "heading")] == [
        "Beginning of the Russian-Cuban talks"
    ]
    assert len(_kinds(doc, "dateline")) == 2
    assert doc.meta["date"] == "2024-05-09"
    assert doc.meta["title"].replace("\u00a0", " ") == (
        "Meeting with President of Cuba Miguel Diaz-Canel Bermudez"
    )


def test_article_debris_reasons() -> None:
    reasons = {d.text: d.reason for d in _doc("000").dropped}
    assert reasons["google plus"] == "share"
    assert reasons["Audio Only"] == "menu"
    assert reasons["News > Cuba"] == "breadcrumb"
    assert reasons["Post with no comments."] == "comments"
    assert reasons["Cuban President and Dmitri Medvedev Hold Meeting in Moscow"] == "related"
    reasons = {d.text: d.reason for d in _doc("003").dropped}
    assert reasons["2.1K views"] == "counter"
    assert reasons["https://www.youtube.com/watch?v=tYNJQX_3Vy0"] == "url"
    assert reasons["With reporting by TASS, Prensa Latina, Reuters"] == "byline"
    reasons = {d.text: d.reason for d in _doc("004").dropped}
    assert reasons["About The Author"] == "author"
    assert reasons["We are an independent daily"] == "masthead"


def test_captions_kept_as_blocks_not_prose() -> None:
    captions = _kinds(_doc("000"), "caption")
    assert len(captions) == 2 and all("(L)" in c for c in captions)
    assert _kinds(_doc("003"), "caption") == [
        "(Russian President Vladimir Putin and his Cuban counterpart, Miguel Diaz-Canel in Moscow)"
    ]


def test_prose_with_a_caption_mark_stays_prose(tmp_path: Path) -> None:
    """A caption is one short line: a party letter in a report of two sentences, a list's
    "(c)" and a page flattened to one long line that holds a caption are prose; nothing of
    them may be dropped as a picture's caption."""
    page = tmp_path / "page.txt"
    caption = "Presidents Ana Lima (L) and Bo Berg (R) in Oslo, May 9, 2024. | Photo: Reuters"
    report = "Senator Jane Doe (R) said on Tuesday that the bill would pass. She spoke for an hour."
    enumeration = "The law requires (a) a licence, (b) a fee and (c) an inspection."
    flattened = " ".join([caption, *["The ministers met and talked about trade."] * 12])
    page.write_text("\n\n".join([caption, report, enumeration, flattened]) + "\n", "utf-8")
    doc = read_document(str(page), lang="en")
    assert _kinds(doc, "caption") == [caption]
    assert _kinds(doc, "paragraph") == [report, enumeration, flattened]


def test_sentences_opening_with_a_caption_or_dateline_word_stay_prose(tmp_path: Path) -> None:
    """ "Image-guided…" is no "Image —" lead, and "Updated guidelines were issued on…" is a
    sentence with a date in it, no "Updated: <date>" line; the real ones are still dropped."""
    prose = [
        "Image-guided surgery improved outcomes in 40 patients.",
        "Photo-voltaic panels cover the roof.",
        "Updated guidelines were issued on 3 May 2024.",
    ]
    debris = ["Updated: 3 May 2024", "Published on 9 May 2024", "Photo: Jane Doe / Reuters"]
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(["Heart care", *prose, *debris, "They met."]) + "\n", "utf-8")
    doc = read_document(str(page), lang="en")
    kept = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "paragraph"]
    assert kept == [*prose, "They met."]


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("ru", ["— Я не знаю, — сказал он.", "— А кто знает? — спросила она."]),
        ("es", ["—No lo sé —dijo él.", "—¿Y quién lo sabe? —preguntó ella."]),
        ("en", ["— Where were you? he asked.", "— At home."]),
    ],
)
def test_dialogue_opening_with_a_dash_is_prose_not_an_attribution(
    tmp_path: Path, lang: str, lines: list[str]
) -> None:
    """Fiction and interviews in these languages open each line of dialogue with a dash; an
    attribution ("— Jane Austen, Emma") names a source and is still left out."""
    page = tmp_path / "story.txt"
    page.write_text("\n\n".join(["Chapter", *lines, "— Jane Austen, Emma"]) + "\n", "utf-8")
    doc = read_document(str(page), lang=lang)
    assert _kinds(doc, "paragraph") == lines
    assert _kinds(doc, "attribution") == ["— Jane Austen, Emma"]


def test_a_numbered_first_section_heading_is_no_masthead(tmp_path: Path) -> None:
    """Short lines above the first paragraph are a site's masthead, but for a numbered
    section's heading, which a contract or a report opens with."""
    page = tmp_path / "contract.txt"
    page.write_text(
        "SERVICE AGREEMENT\n\n1. Definitions\n\n1.1 In this Agreement the following terms "
        "have the meanings given below.\n",
        "utf-8",
    )
    doc = read_document(str(page), lang="en")
    assert _kinds(doc, "heading") == ["1. Definitions"]
    assert not doc.dropped


@pytest.mark.parametrize(
    ("lang", "lines", "joined"),
    [
        ("en", ["The infor-", "mation systems were replaced."], "information systems"),
        ("en", ["This is a well-", "known rule of the trade."], "well-known rule"),
        ("en", ["An anti-", "corruption law was passed."], "anti-corruption law"),
        ("de", ["Die Firma liefert nach Nord-", "und Südamerika."], "Nord- und Südamerika"),
        ("de", ["Kabel für die Bundes-", "regierung in Berlin."], "Bundesregierung in"),
        ("en", ["Turbines were built in Baden-", "Württemberg last year."], "Baden-Württemberg"),
    ],
)
def test_a_word_hyphenated_across_lines_is_one_word(
    tmp_path: Path, lang: str, lines: list[str], joined: str
) -> None:
    """Text copied out of a PDF breaks words at its lines' ends: the two parts are one word
    where they make one of the language, a compound keeps its hyphen (one of names too), and
    a suspended compound's hyphen comes before its conjunction."""
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    doc = read_document(str(path), lang=lang)
    assert joined in doc.text
    assert len(doc.blocks) == 1


def test_page_numbers_and_running_heads_of_a_pdf_are_dropped(tmp_path: Path) -> None:
    """Numbers and heads that count up a page at a time, a page of text apart, are the
    pages' furniture; a year standing alone and lines that follow one another are text."""
    pages = []
    for page in (1, 2, 3):
        pages += [f"Annual Report 2023 Page {page}", f"The board met {page} times.", str(page)]
    kept = [
        "2022",
        "We started.",
        "In 2023 we had 5 sites",
        "In 2024 we had 7 sites",
        "Step 1",  # a document's own headings and captions count up too
        "The first step is easy.",
        "Step 2",
        "The second one is not.",
        "2.1 Introduction",
        "It begins here.",
        "3.1 Introduction",
        "It begins again.",
        "Figure 3. Location of the project",
        "It lies north.",
        "Figure 4. Location of the project",
    ]
    path = tmp_path / "report.txt"
    path.write_text("\n\n".join(["Report", *pages, *kept]) + "\n", "utf-8")
    doc = read_document(str(path), lang="en")
    assert {d.reason for d in doc.dropped} == {"page"}
    assert len(doc.dropped) == 6
    assert all(line in doc.text for line in kept)


def test_a_subtitle_under_the_headline_is_no_masthead(tmp_path: Path) -> None:
    """On a web page (it has a menu), a short line above the headline is the site's name and
    one under it a subtitle; a document without a site's furniture, a report's cover, keeps
    every line above its first paragraph."""
    path = tmp_path / "story.txt"
    path.write_text("Menu\n\nDaily News\n\nA Long Winter in the North\n\nPart one\n\nIt snowed.\n")
    doc = read_document(str(path), lang="en")
    assert [d.text for d in doc.dropped] == ["Menu", "Daily News"]
    assert "Part one" in doc.text
    cover = tmp_path / "report.txt"
    cover.write_text(
        "ANNUAL REPORT 2023\n\nAcme Wind Ltd\n\nPrepared for the Board of Directors\n\n"
        "The company grew.\n"
    )
    doc = read_document(str(cover), lang="en")
    assert not doc.dropped


def test_a_markdown_document_reads_as_its_rendered_text(tmp_path: Path) -> None:
    """Markup is no text: headings, list items, quotations and table cells are blocks of their
    own, with the line they start on; a link keeps its text, an image its alternative text,
    inline code its content; a raw HTML block is read as a page's blocks are (its text kept,
    a script not); code blocks and front matter are left out."""
    path = tmp_path / "guide.md"
    path.write_text(
        "---\ntitle: Guide\n---\n"
        "# Installing the Controller\n\n"
        "The controller runs on **Linux** and *Windows*. See the [user guide](https://x.org/g)."
        "\n\n- Python 3.11 or later\n- A serial cable\n\n"
        "> The installer needs `root`.\n\n"
        "```\nmake install\n```\n\n"
        '<div align="center">\n  Raw <b>HTML</b> text.\n</div>\n\n<script>var x;</script>\n\n'
        "<!-- a note -->\n\n~~Old~~ New.\n\n"
        "| Part | Weight |\n|---|---|\n| Rotor | 40 t |\n\n"
        "![A turbine at sea](t.png) That is all.\n",
        "utf-8",
    )
    doc = read_document(str(path), lang="en")
    assert doc.meta["format"] == "markdown"
    blocks = [(b.kind, b.line, doc.text[b.start : b.end]) for b in doc.blocks]
    assert blocks[0] == ("headline", 4, "Installing the Controller")
    assert blocks[1] == (
        "paragraph",
        6,
        "The controller runs on Linux and Windows. See the user guide.",
    )
    texts = [text for _, _, text in blocks]
    assert texts[2:] == [
        "Python 3.11 or later",
        "A serial cable",
        "The installer needs root.",
        "Raw HTML text.",
        "Old New.",
        "Part",
        "Weight",
        "Rotor",
        "40 t",
        "A turbine at sea That is all.",
    ]
    assert "make install" not in doc.text and "title" not in doc.text
    assert "var x" not in doc.text and "note" not in doc.text
    assert ("paragraph", 17, "Raw HTML text.") in blocks  # the line its element opens on


def test_subtitle_files_read_as_one_block_a_cue(tmp_path: Path) -> None:
    """SubRip and WebVTT: each cue's shown lines are one block at the line they start on;
    numbers, timings, styling tags, the WebVTT header and NOTE blocks are no text, and a cue
    that looks like a menu entry ("Home") is still spoken text."""
    srt = tmp_path / "talk.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nThe wind farm opens today.\n\n"
        "2\n00:00:04,500 --> 00:00:07,000\nIt has <i>eighty</i> turbines\nand a new cable.\n",
        "utf-8",
    )
    doc = read_document(str(srt), lang="en")
    assert doc.meta["format"] == "subtitles"
    assert [(b.line, doc.text[b.start : b.end]) for b in doc.blocks] == [
        (3, "The wind farm opens today."),
        (7, "It has eighty turbines and a new cable."),
    ]
    vtt = tmp_path / "talk.vtt"
    vtt.write_text(
        "WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:04.000 align:start\n"
        "<v Anna>We are <i>ready</i>.\n\n00:04.500 --> 00:07.000\nHome\n\n"
        "00:08.000 --> 00:10.000\n<00:08.200>Sing <00:09.000>along &amp; &lt;clap&gt;.\n",
        "utf-8",
    )
    doc = read_document(str(vtt), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "We are ready.",
        "Home",
        "Sing along & <clap>.",  # timestamps are no text; references read as characters
    ]


def test_subtitle_text_outside_a_cue_is_kept_or_refused(tmp_path: Path) -> None:
    """A blank line inside a cue's text (hand-written SubRip files have them) leaves the rest
    of the text in that cue, not dropped; text before any timing line belongs to no cue, and
    the file is refused at that line rather than read without it."""
    srt = tmp_path / "gap.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nThe wind farm\n\nopens today.\n\n"
        "2\n00:00:04,500 --> 00:00:07,000\nIt has eighty turbines.\n",
        "utf-8",
    )
    doc = read_document(str(srt), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "The wind farm opens today.",
        "It has eighty turbines.",
    ]
    broken = tmp_path / "broken.vtt"
    broken.write_text("WEBVTT\n\nThe talk starts.\n\n00:01.000 --> 00:02.000\nHi.\n", "utf-8")
    assert_bad_input(run_tmkit("segment", str(broken)), "broken.vtt:3", "timing line")
    assert_bad_input(run_tmkit("check", str(broken)), "broken.vtt:3", "timing line")
    garbled = tmp_path / "garbled.srt"
    garbled.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:02 -> 3\nBye.\n", "utf-8")
    assert_bad_input(run_tmkit("segment", str(garbled)), "garbled.srt:6", "timing line")
    header_only = tmp_path / "empty.vtt"
    header_only.write_text("WEBVTT - a header\n\nNOTE nothing yet\n", "utf-8")
    assert read_document(str(header_only), lang="en").blocks == []


def test_word_and_opendocument_files_read_as_their_paragraphs(tmp_path: Path) -> None:
    """A .docx written by python-docx and an .odt written by odfpy: headings (blocks of a
    heading's kind), paragraphs with their runs joined, list items and table cells in order,
    a tab as a space."""
    import docx
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    word = docx.Document()
    word.add_heading("Offshore Wind Report", 0)
    paragraph = word.add_paragraph("Each turbine produces ")
    paragraph.add_run("15 MW").bold = True
    paragraph.add_run(". It turns\tslowly.")
    word.add_paragraph("Cables are the largest item.", style="List Bullet")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Year", "2023"
    word.save(tmp_path / "report.docx")
    doc = read_document(str(tmp_path / "report.docx"), lang="en")
    assert doc.meta["format"] == "docx"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Offshore Wind Report",
        "Each turbine produces 15 MW. It turns slowly.",
        "Cables are the largest item.",
        "Year",
        "2023",
    ]
    assert [b.kind for b in doc.blocks] == ["headline"] + ["paragraph"] * 4
    odt = OpenDocumentText()
    odt.text.addElement(H(outlinelevel=1, text="Offshore Wind Report"))
    odt.text.addElement(P(text="Each turbine produces 15 MW."))
    items = List()
    item = ListItem()
    item.addElement(P(text="Cables are the largest item."))
    items.addElement(item)
    odt.text.addElement(items)
    odt.save(str(tmp_path / "report.odt"))
    doc = read_document(str(tmp_path / "report.odt"), lang="en")
    assert doc.meta["format"] == "odt"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Offshore Wind Report",
        "Each turbine produces 15 MW.",
        "Cables are the largest item.",
    ]
    assert [b.kind for b in doc.blocks] == ["headline", "paragraph", "paragraph"]


def test_markdown_footnotes_are_a_notes_text_not_the_sentences(tmp_path: Path) -> None:
    """A footnote's reference ("[^1]") renders as a superscript number, no text of the
    sentence (it kept "15 MW.[^1] It was…" one segment); its definition is the note's text
    after the body's, without its label."""
    page = tmp_path / "report.md"
    page.write_text(
        "# Report\n\nThe turbine produces 15 MW.[^1] It was built in 2023.\n\n"
        "[^1]: Measured at the hub, in strong wind.\n\nSee [the site](https://x.org).\n",
        "utf-8",
    )
    doc = read_document(str(page), lang="en")
    assert [(doc.text[b.start : b.end], b.line) for b in doc.blocks] == [
        ("Report", 1),
        ("The turbine produces 15 MW. It was built in 2023.", 3),
        ("See the site.", 7),
        ("Measured at the hub, in strong wind.", 5),
    ]
    segments = [s.text for s in segment_document(doc)]
    assert "The turbine produces 15 MW." in segments and "[^1]" not in " ".join(segments)


def test_markdown_attribute_lists_and_task_boxes_are_no_text(tmp_path: Path) -> None:
    """Pandoc writes a heading's identifier after it ("# Grid connection {#grid-connection}",
    its own commonmark_x output), kramdown a block's class as a paragraph ("{: .note}"):
    markup, no text. Braces in a sentence stay."""
    page = tmp_path / "attrs.md"
    page.write_text(
        '# Grid connection {#grid-connection}\n\n## Notes {- .aside lang="en"}\n\n'
        "Sets are written {a, b}.\n\n{: .note}\n\n# Braces {a, b}\n\n"
        "- [ ] Lay the cable.\n- [x] Test the link.\n- [link] stays.\n",
        "utf-8",
    )
    doc = read_document(str(page), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Grid connection",
        "Notes",
        "Sets are written {a, b}.",
        "Braces {a, b}",
        "Lay the cable.",  # GitHub's task list: a checkbox on the page, no "[ ]"
        "Test the link.",
        "[link] stays.",
    ]


def test_a_word_processors_declared_language_serves_a_text_too_short_to_tell(
    tmp_path: Path,
) -> None:
    """ "Sí." and "Merci." are too short for the language identifier (und); the documents
    say their language, as an HTML page's lang does: Word's default run language, the
    OpenDocument metadata's. A declaration naming no language ("x-none"), or one in
    another script than the text's, says nothing."""
    import docx
    from odf import dc
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    def word_file(name: str, text: str, declared: str) -> str:
        word = docx.Document()
        word.add_paragraph(text)
        lang = word.styles.element.find(f".//{{{_W}}}docDefaults//{{{_W}}}lang")
        lang.set(f"{{{_W}}}val", declared)
        word.save(tmp_path / name)
        return str(tmp_path / name)

    assert read_document(word_file("si.docx", "Sí.", "es-ES")).lang == "es-ES"
    assert read_document(word_file("none.docx", "Sí.", "x-none")).lang == "und"
    # Word's default is the installation's language, often not the text's: Cyrillic letters
    # are no en-US text
    assert read_document(word_file("da.docx", "Да.", "en-US")).lang == "und"
    odt = OpenDocumentText()
    odt.meta.addElement(dc.Language(text="fr-FR"))
    odt.text.addElement(P(text="Merci."))
    odt.save(str(tmp_path / "merci.odt"))
    assert read_document(str(tmp_path / "merci.odt")).lang == "fr-FR"


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        (None, "not a word-processor document (zip)"),
        ({"notes.txt": "hi"}, "no word/document.xml or content.xml"),
        ({"word/document.xml": "<w:document xmlns:w='urn:x'><w:body><w:p>"}, "malformed XML"),
        (
            {
                "word/document.xml": "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                "<document><body><p><r><t>&e;</t></r></p></body></document>"
            },
            "declares a DTD",
        ),
    ],
)
def test_a_broken_word_file_is_refused_in_one_line(
    tmp_path: Path, members: dict[str, str] | None, problem: str
) -> None:
    import zipfile

    path = tmp_path / "draft.docx"
    if members is None:
        path.write_text("plain text, no zip", "utf-8")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, body in members.items():
                archive.writestr(name, body)
    result = run_tmkit("segment", str(path))
    assert_bad_input(result, problem)
    assert b"etc/passwd" not in result.stdout and b"root:" not in result.stdout


@pytest.mark.parametrize("damage", ["header", "data"])
def test_a_word_file_with_a_damaged_member_is_refused_in_one_line(
    tmp_path: Path, damage: str
) -> None:
    """The archive's directory is sound but a member is not: its local header overwritten
    (zipfile: bad magic number) or its compressed bytes (bad CRC, or a broken stream)."""
    import zipfile

    path = tmp_path / "draft.docx"
    body = "<w:document xmlns:w='urn:x'><w:body>" + "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>" * 50
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body + "</w:body></w:document>")
    data = bytearray(path.read_bytes())
    if damage == "header":
        data[0:4] = b"XXXX"  # the member's local header, the first thing in the file
    else:
        start = 30 + len("word/document.xml")  # past the local header and the name
        data[start + 5 : start + 25] = bytes(range(20))
    path.write_bytes(bytes(data))
    assert_bad_input(run_tmkit("segment", str(path)), "draft.docx", "damaged document")


def test_tweet_embed_loses_its_link_and_keeps_its_attribution() -> None:
    doc = _doc("002")
    tweet = next(p for p in _kinds(doc, "paragraph") if "Díaz-Canel" in p)
    assert tweet.startswith("Vladimir Putin–at a meeting") and "pic.twitter" not in tweet
    assert _kinds(doc, "attribution") == ["— AZ 🛰🌏🌍🌎 (@AZgeopolitics) November 22, 2022"]


def test_quotes_and_reported_clause_are_distinct_spans() -> None:
    doc = _doc("000")
    attach_quotes(doc)
    block = next(b for b in doc.blocks if doc.text[b.start : b.end].startswith('"The Soviet'))
    (quote,) = block.quotes
    assert doc.text[quote.start : quote.end].endswith("their homeland")
    assert quote.speaker == "Putin"
    (reported,) = block.reported
    assert doc.text[reported[0] : reported[1]].startswith("Putin said, recalling that Cuban")
    assert reported[0] > quote.end


def test_guillemet_quotes() -> None:
    doc = _doc("004")
    attach_quotes(doc)
    quotes = [doc.text[q.start : q.end] for b in doc.blocks for q in b.quotes]
    assert "strategic allies" in quotes
    assert "troika of tyranny" in quotes


def test_headlines_and_mastheads() -> None:
    assert _kinds(_doc("004"), "headline") == [
        "Washington sanctions Havana: Russia and Cuba are strategic allies"
    ]
    assert _kinds(_doc("002"), "headline") == ["Russia, Cuba should strengthen cooperation: Putin"]
    assert len(_kinds(_doc("003"), "headline")) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 9, 2024", "2024-05-09"),
        ("9 May 2024", "2024-05-09"),
        ("24 novembre 2024", "2024-11-24"),
        ("November 22, 2022", "2022-11-22"),
        ("9 de mayo de 2024", "2024-05-09"),
        ("9 мая 2024", "2024-05-09"),
        ("2024-05-09", "2024-05-09"),
    ],
)
def test_dates_full(text: str, expected: str) -> None:
    (date,) = find_dates(f"on {text}, they met")
    assert date.iso() == expected and date.text == text


def test_dates_partial_and_false_friends() -> None:
    (nov,) = find_dates("on Tuesday (Nov. 22) and")
    assert (nov.month, nov.day, nov.year, nov.iso()) == (11, 22, None, None)
    assert find_dates("you may 3 times") == []
    assert find_dates("on May 40, 2024") == []


@pytest.mark.parametrize(
    ("label", "name", "role"),
    [
        ("President of Russia Vladimir Putin", "Vladimir Putin", "President of Russia"),
        (
            "Russian Deputy Prime Minister Yuri Borisov",
            "Yuri Borisov",
            "Russian Deputy Prime Minister",
        ),
        ("President of the United States Joe Biden", "Joe Biden", "President of the United States"),
        ("Army General Raul Castro Ruz", "Raul Castro Ruz", "Army General"),
        ("Vladimir Putin", "Vladimir Putin", None),
        # a hyphenated title, each part a title's word; a hyphenated given name is none
        ("Executive Vice-President Ana Ruiz", "Ana Ruiz", "Executive Vice-President"),
        ("Secretary-General Tomas Berg", "Tomas Berg", "Secretary-General"),
        ("Jean-Claude Martin", "Jean-Claude Martin", None),
    ],
)
def test_split_role(label: str, name: str, role: str | None) -> None:
    assert split_role(label) == (name, role)


def test_furniture_patterns_leave_prose_alone() -> None:
    assert furniture_reason("By the end of the year, Russia will grow.") is None
    assert furniture_reason("Source of the problem is the embargo.") is None
    assert furniture_reason("Copyright law differs between countries.") is None
    assert furniture_reason("Photo: Reuters") == "credit"
    assert furniture_reason("12 comments") == "comments"
    # a byline names people; prose opening with "by" or "written by" goes on in lower case
    for prose in (
        "Produced by the wind farm, the power reaches homes.",
        "Written by hand, the letter was hard to read.",
        "Reporting by journalists was restricted.",
        "By the end of the year",
        "When CTr > 0.96",  # a comparison, no breadcrumb ("News > Cuba" is one)
        "This equation is valid for a > 0.4 or equivalently for CT > 0.96",
    ):
        assert furniture_reason(prose) is None, prose
    assert furniture_reason("News > Cuba") == "breadcrumb"
    for byline in (
        "By Jane Doe",
        "BY JANE DOE, REUTERS",
        "By Maria de la Cruz | Reuters",
        "Written by Jane Doe and John Smith",
        "Translated by Ana Lima.",
        "Reporting by Liz Lee in Beijing; Editing by Mark Potter",
    ):
        assert furniture_reason(byline) == "byline", byline


def test_title_case() -> None:
    assert is_title_case("Cuban President and Dmitri Medvedev Hold Meeting in Moscow")
    assert not is_title_case("Beginning of the Russian-Cuban talks")
    assert not is_title_case("Mr President, my dear friend")


def test_a_heading_over_a_list_and_the_list_items_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "guide.txt"
    path.write_text(
        "Wind Turbine Design Guidelines\n\n"
        "Share on Facebook\n\n"
        "Rotor blades are the most stressed parts of a turbine. Inspect them every year.\n\n"
        "Main Components of a Horizontal-Axis Turbine\n"
        "- Rotor Blades and Hub\n- Nacelle and Gearbox\n- Tower and Foundation\n\n"
        "The tower carries the nacelle.\n\n"
        "Cuban President and Dmitri Medvedev Hold Meeting in Moscow\n\n"
        "The foundation carries the tower.\n",
        "utf-8",
    )
    doc = read_document(str(path), lang="en")
    assert "Main Components of a Horizontal-Axis Turbine" in doc.text
    assert "- Rotor Blades and Hub" in doc.text
    assert [d.reason for d in doc.dropped] == ["share", "related"]  # an orphan still is


def test_title_case_section_headings_are_kept_and_headlines_of_other_articles_dropped(
    tmp_path: Path,
) -> None:
    """A Title Case line between paragraphs of a web page is a related article's link when it
    reads as a headline, with a verb in the present; a section's heading has none, or is an
    imperative, an infinitive or a question."""
    headings = [
        "The Long Road Home",
        "How to Install the Software",
        "Getting Started With the Turbine",
        "What Is a Wind Turbine?",
        "WARNING: DO NOT OPEN THE COVER WHILE THE DEVICE IS ON",
    ]
    links = ["Putin Meets Castro in the Kremlin", "Russia Has Always Stood by the Cuban People"]
    parts = ["Annual Report", "Share on Facebook", "The company grew in 2023."]
    for line in [*headings, *links]:
        parts += [line, "They talked about it for an hour."]
    path = tmp_path / "report.txt"
    path.write_text("\n\n".join(parts) + "\n", "utf-8")
    doc = read_document(str(path), lang="en")
    assert [d.text for d in doc.dropped] == ["Share on Facebook", *links]
    assert all(heading in doc.text for heading in headings)
    # a document that shows no site's furniture has no related links: nothing is dropped
    path.write_text("\n\n".join(p for p in parts if p != "Share on Facebook") + "\n", "utf-8")
    assert not read_document(str(path), lang="en").dropped


def test_html_document(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        """<!DOCTYPE html><html><head><title>T</title><script>var x = "Mr. Evil.";</script>
        </head><body><nav><a href="/">Home</a> <a>News</a></nav>
        <header><h1>Leaders Meet in Moscow</h1><p class="date">Published 9 May 2024</p></header>
        <article><p>The presidents met on Thursday. They talked about trade.</p>
        <figure><img src="x.jpg"><figcaption>The two leaders (L) and (R).</figcaption></figure>
        <p>&ldquo;We will hold on,&rdquo; he said.</p><ul><li>facebook</li><li>twitter</li></ul>
        </article><footer>&copy; 2024 Example News. All rights reserved.</footer></body></html>""",
        "utf-8",
    )
    doc = read_document(str(page))
    assert doc.meta["format"] == "html"
    assert _kinds(doc, "headline") == ["Leaders Meet in Moscow"]
    assert _kinds(doc, "caption") == ["The two leaders (L) and (R)."]
    assert _kinds(doc, "paragraph") == [
        "The presidents met on Thursday. They talked about trade.",
        "“We will hold on,” he said.",
    ]
    assert "Evil" not in doc.text and "Home" not in doc.text and "rights" not in doc.text
    assert doc.meta["date"] == "2024-05-09"


def test_html_text_outside_paragraphs_and_line_breaks_read_as_a_reader_sees_them(
    tmp_path: Path,
) -> None:
    page = tmp_path / "plain.html"
    page.write_text(
        "<html><body>Talks in <b>Moscow</b> ended <i>late</i>. Both sides spoke."
        "<script>var x = 1;</script> Then they left.<p>The first line of the poem ends<br>"
        "and the second one goes on.</p>Closing <a href='#'>words</a>.</body></html>",
        "utf-8",
    )
    doc = read_document(str(page))
    assert _kinds(doc, "paragraph") == [
        "Talks in Moscow ended late. Both sides spoke. Then they left.",  # one run, not five
        "The first line of the poem ends and the second one goes on.",  # not "endsand"
        "Closing words.",
    ]


def test_raised_and_lowered_digits_read_as_unicode_writes_them(tmp_path: Path) -> None:
    """A page's <sup> and <sub> digits, a Word run set as a superscript or a subscript: "10³",
    "H₂O", a note's mark "2023.²" that ends its sentence; they read as "103", "H2O" and
    "2023.2 Its…" (a decimal, no break). Text that has no raised form stays ("[1]")."""
    page = tmp_path / "units.html"
    page.write_text(
        "<p>It rose 10<sup>3</sup> m in 2023.<sup>2</sup> Water is H<sub>2</sub>O."
        "<sup><a href='#n1'>[1]</a></sup> Done.</p>",
        "utf-8",
    )
    doc = read_document(str(page), lang="en")
    assert [s.text for s in segment_document(doc)] == [
        "It rose 10³ m in 2023.²",
        "Water is H₂O.[1]",
        "Done.",
    ]
    import docx

    word = docx.Document()
    paragraph = word.add_paragraph("It rose 10")
    paragraph.add_run("3").font.superscript = True
    paragraph.add_run(" m; water is H")
    paragraph.add_run("2").font.subscript = True
    paragraph.add_run("O.")
    word.save(tmp_path / "units.docx")
    doc = read_document(str(tmp_path / "units.docx"), lang="en")
    assert doc.text.strip() == "It rose 10³ m; water is H₂O."
    notes = tmp_path / "units.md"
    notes.write_text("It rose 10<sup>3</sup> m; water is H<sub>2</sub>O.<sup>[a]</sup>\n")
    assert read_document(str(notes), lang="en").text.strip() == "It rose 10³ m; water is H₂O.[a]"


def _write_odt(path: Path, content: str, objects: dict[str, str] | None = None) -> Path:
    """An OpenDocument text file of `content` (content.xml) and embedded objects' MathML
    (`Object 1/content.xml`), with the manifest LibreOffice needs to open it."""
    import zipfile

    objects = objects or {}
    entries = [("/", "application/vnd.oasis.opendocument.text"), ("content.xml", "text/xml")]
    for name in objects:
        entries += [(f"{name}/", "application/vnd.oasis.opendocument.formula"),
                    (f"{name}/content.xml", "text/xml")]  # fmt: skip
    manifest = "".join(
        f"<manifest:file-entry manifest:full-path='{name}' manifest:media-type='{kind}'/>"
        for name, kind in entries
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        for name, mathml in objects.items():
            archive.writestr(f"{name}/content.xml", mathml)
        archive.writestr(
            "META-INF/manifest.xml",
            "<manifest:manifest xmlns:manifest='urn:oasis:names:tc:opendocument:xmlns:manifest"
            f":1.0' manifest:version='1.3'>{manifest}</manifest:manifest>",
        )
    return path


def test_digits_raised_by_a_position_read_as_raised(tmp_path: Path) -> None:
    """A Word run raised or lowered by w:position (half-points), an OpenDocument span whose
    style's text-position is a percentage, "super" or "sub": what LibreOffice writes for a
    page's <sup> and <sub>. "10" "3" raised is "10³" (it read "103")."""

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    paragraph = word.add_paragraph("It rose 10")
    for text, half_points in (("3", "8"), (" m; water is H", None), ("2", "-2"), ("O.", None)):
        run = paragraph.add_run(text)
        if half_points:
            position = OxmlElement("w:position")
            position.set(qn("w:val"), half_points)
            run._r.get_or_add_rPr().append(position)
    word.save(tmp_path / "moved.docx")
    assert read_document(str(tmp_path / "moved.docx"), lang="en").text.strip() == (
        "It rose 10³ m; water is H₂O."
    )
    styles = "".join(
        f"<style:style style:name='{name}' style:family='text'>"
        f"<style:text-properties style:text-position='{position}'/></style:style>"
        for name, position in (("T1", "33% 80%"), ("T2", "-8% 80%"), ("T3", "super 58%"),
                               ("T4", "0% 100%"))
    )  # fmt: skip
    content = (
        "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
        " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'"
        " xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0'>"
        f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>"
        "<text:p>It rose 10<text:span text:style-name='T1'>3</text:span> m; water is H"
        "<text:span text:style-name='T2'>2</text:span>O; 5 m<text:span text:style-name='T3'>"
        "2</text:span> in 2<text:span text:style-name='T4'>0</text:span>24.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    path = _write_odt(tmp_path / "moved.odt", content)
    assert read_document(str(path), lang="en").text.strip() == (
        "It rose 10³ m; water is H₂O; 5 m² in 2024."
    )


def test_libreoffice_writers_documents_read_as_the_page_they_came_from(
    tmp_path: Path, libreoffice: Callable[..., Path]
) -> None:
    """The real client: LibreOffice Writer saves a page as .docx and .odt; each reads as the
    page does (headings, list items, table cells, bold runs, raised and lowered digits)."""
    page = tmp_path / "report.html"
    page.write_text(
        "<html lang='en'><head><meta charset='utf-8'><title>Report</title></head><body>"
        "<h1>Annual report</h1><p>The campaign began on 3 May. Results are <b>very</b> good."
        "</p><ul><li>First step: vaccination.</li><li>Second step: follow-up.</li></ul>"
        "<table><tr><td>Region</td><td>Cases</td></tr><tr><td>North</td><td>1,200</td></tr>"
        "</table><p>Water, H<sub>2</sub>O, covers 10<sup>3</sup> km². End.</p></body></html>",
        "utf-8",
    )
    expected = _segment_texts(page, lang="en")
    assert "Water, H₂O, covers 10³ km²." in expected
    for convert_to in ("docx:MS Word 2007 XML", "odt:writer8"):
        saved = libreoffice(page, convert_to, tmp_path / "saved")
        assert _segment_texts(saved, lang="en") == expected, convert_to


NOTED_CONTENT = (
    "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
    " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'"
    " xmlns:dc='http://purl.org/dc/elements/1.1/' office:version='1.3'><office:body><office:text>"
    "<text:h text:outline-level='1'>Turbine maintenance</text:h>"
    "<text:p>The blades were inspected in May.<text:note text:id='n1' text:note-class="
    "'footnote'><text:note-citation>1</text:note-citation><text:note-body><text:p>Inspection "
    "by drone.</text:p></text:note-body></text:note> Cracks were found on two rotors.</text:p>"
    "<text:p>The gearbox<office:annotation><dc:creator>Bob</dc:creator><text:p>Check this."
    "</text:p></office:annotation> was replaced.</text:p>"
    "<text:list><text:list-item><text:p>Replace bearings.</text:p></text:list-item></text:list>"
    "</office:text></office:body></office:document-content>"
)


def test_notes_follow_the_body_in_opendocument_as_in_word(
    tmp_path: Path, libreoffice: Callable[..., Path]
) -> None:
    """An OpenDocument note's paragraphs come after the body, as a Word file's footnotes do
    (they came right after the paragraph citing them, so a document and its translation
    saved one in each format did not read alike); through LibreOffice's own .docx too."""

    path = _write_odt(tmp_path / "noted.odt", NOTED_CONTENT)
    expected = [
        "Turbine maintenance",
        "The blades were inspected in May.",
        "Cracks were found on two rotors.",
        "The gearbox was replaced.",
        "Replace bearings.",
        "Inspection by drone.",
    ]
    assert _segment_texts(path, lang="en") == expected
    saved = libreoffice(path, "docx:MS Word 2007 XML", tmp_path / "converted")
    assert _segment_texts(saved, lang="en") == expected


def test_html_quotations_and_deletions_read_as_a_browser_shows_them(tmp_path: Path) -> None:
    """A <q> is shown between quotation marks, the page's language's ("She wrote <q>Stop.
    Now.</q>" lost its marks and broke after "Stop."), nested ones with the inner marks; a
    <del> is deleted text, read as accepted, as a Word file's tracked deletions are."""
    page = tmp_path / "quotes.html"
    page.write_text(
        "<html lang='en'><body><p>She wrote <q>Stop. Now.</q> Then she left.</p>"
        "<p>Price: <del>4 000</del><ins>5 000</ins> units.</p>"
        "<p lang='de'>Er sagte <q>wir <q>siegen</q> bald</q>.</p></body></html>",
        "utf-8",
    )
    assert _segment_texts(page, lang="en") == [
        "She wrote “Stop. Now.”",
        "Then she left.",
        "Price: 5 000 units.",
        "Er sagte „wir ‚siegen‘ bald“.",
    ]


def test_html_nested_as_deep_as_the_parser_allows_is_read(tmp_path: Path) -> None:
    """Deeper than Python's recursion limit, within the parser's: walked, not a crash."""
    page = tmp_path / "deep.html"
    depth = 1500
    page.write_text(
        "<html><body>" + "<div>" * depth + "<p>Deep text. Another sentence.</p>"
        + "</div>" * depth + "</body></html>",
        "utf-8",
    )  # fmt: skip
    assert _kinds(read_document(str(page)), "paragraph") == ["Deep text. Another sentence."]


def test_html_never_fetches_external_entities(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    page.write_text(
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body>'
        "<p>Hello &x; there. This is text.</p></body></html>",
        "utf-8",
    )
    doc = read_document(str(page))
    assert "TOP SECRET" not in doc.text


FORMULA = (
    "<math xmlns='http://www.w3.org/1998/Math/MathML'><semantics><mrow><mi>E</mi><mo>=</mo>"
    "<mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding='StarMath 5.0'>"
    "E = mc^2</annotation></semantics></math>"
)


def test_formulas_read_as_they_are_shown(tmp_path: Path, libreoffice: Callable[..., Path]) -> None:
    """An equation is text of its sentence: a page's MathML, a Word equation (Office Math),
    an OpenDocument formula object read "The formula holds." or "E=mc2"; they read
    "E=mc²" (its source annotation left out), and LibreOffice's .docx of the .odt reads
    the same."""
    import zipfile

    page = tmp_path / "formula.html"
    page.write_text(f"<p>The formula {FORMULA} holds.</p>", "utf-8")
    assert read_document(str(page), lang="en").text.strip() == "The formula E=mc² holds."
    omml = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    word = tmp_path / "formula.docx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr(
            "word/document.xml",
            "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/"
            f"main' xmlns:m='{omml}'><w:body><w:p><w:r><w:t xml:space='preserve'>The formula "
            "</w:t></w:r><m:oMath><m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t>"
            "</m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath><w:r><w:t "
            "xml:space='preserve'> holds.</w:t></w:r></w:p></w:body></w:document>",
        )
    assert read_document(str(word), lang="en").text.strip() == "The formula E=mc² holds."
    document = _write_odt(
        tmp_path / "formula.odt",
        "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
        " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' xmlns:draw='urn:oasis:"
        "names:tc:opendocument:xmlns:drawing:1.0' xmlns:xlink='http://www.w3.org/1999/xlink' "
        "office:version='1.3'><office:body><office:text><text:p>The formula <draw:frame "
        "text:anchor-type='as-char'><draw:object xlink:href='./Object 1' xlink:type='simple'/>"
        "</draw:frame> holds.</text:p></office:text></office:body></office:document-content>",
        {"Object 1": FORMULA},
    )
    assert read_document(str(document), lang="en").text.strip() == "The formula E=mc² holds."
    saved = libreoffice(document, "docx:MS Word 2007 XML", tmp_path / "converted")
    assert read_document(str(saved), lang="en").text.strip() == "The formula E=mc² holds."


INDEXED_CONTENT = (
    "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
    " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' office:version='1.3'>"
    "<office:body><office:text><text:table-of-content text:name='TOC'><text:table-of-content-"
    "source text:outline-level='2'><text:index-title-template>Contents</text:index-title-"
    "template></text:table-of-content-source><text:index-body><text:index-title><text:p>"
    "Contents</text:p></text:index-title><text:p>Introduction<text:tab/>1</text:p><text:p>"
    "Results<text:tab/>2</text:p></text:index-body></text:table-of-content>"
    "<text:h text:outline-level='1'>Introduction</text:h><text:p>The farm opened.</text:p>"
    "<text:h text:outline-level='1'>Results</text:h><text:p>It ran well.</text:p>"
    "</office:text></office:body></office:document-content>"
)


def test_a_table_of_contents_is_no_text(tmp_path: Path, libreoffice: Callable[..., Path]) -> None:
    """A table of contents repeats the headings with their pages ("Introduction 1"), and
    the application makes it again: its entries are no text, in OpenDocument (an index's
    body) and in Word (a TOC field's result, PAGEREF fields inside it), and in LibreOffice's
    .docx of the .odt. Its title is the document's own."""
    import zipfile

    expected = ["Contents", "Introduction", "The farm opened.", "Results", "It ran well."]
    document = _write_odt(tmp_path / "indexed.odt", INDEXED_CONTENT)
    assert _segment_texts(document, lang="en") == expected

    def field(kind: str, text: str = "") -> str:
        if kind == "instr":
            return f"<w:r><w:instrText xml:space='preserve'>{text}</w:instrText></w:r>"
        return f"<w:r><w:fldChar w:fldCharType='{kind}'/></w:r>"

    def paragraph(*runs: str, style: str = "Normal") -> str:
        return f"<w:p><w:pPr><w:pStyle w:val='{style}'/></w:pPr>{''.join(runs)}</w:p>"

    def text(value: str) -> str:
        return f"<w:r><w:t>{value}</w:t></w:r>"

    body = "".join([
        paragraph(text("Contents")),
        paragraph(field("begin"), field("instr", ' TOC \\o "1-2" \\h '), field("separate"),
                  text("Introduction 1")),
        paragraph(text("Results "), field("begin"), field("instr", " PAGEREF _Toc2 \\h "),
                  field("separate"), text("2"), field("end"), field("end")),
        paragraph(text("Introduction"), style="Heading1"),
        paragraph(text("The farm opened.")),
        paragraph(text("Results"), style="Heading1"),
        paragraph(text("It ran well.")),
    ])  # fmt: skip
    word = tmp_path / "indexed.docx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr(
            "word/document.xml",
            "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/"
            f"main'><w:body>{body}</w:body></w:document>",
        )
    assert _segment_texts(word, lang="en") == expected
    saved = libreoffice(document, "docx:MS Word 2007 XML", tmp_path / "converted")
    assert _segment_texts(saved, lang="en") == expected


def test_a_notes_link_back_to_its_citation_is_no_text(tmp_path: Path) -> None:
    """Pandoc, markdown-it and kramdown end a footnote with a link back to where it is cited,
    nothing but "↩︎": a control, not the note's text ("…the port.↩︎" was a segment). A
    same-page link with words ("↑ Back to top") or a number stays."""
    page = tmp_path / "notes.html"
    page.write_text(
        "<p>The cable comes ashore.<a href='#fn1' role='doc-noteref'><sup>1</sup></a> "
        "See <a href='#fn2'>2</a>.</p><ol>"
        "<li id='fn1'><p>Near the port.<a href='#fnref1' class='footnote-back' "
        "role='doc-backlink'>↩︎</a></p></li>"
        "<li id='fn2'><p>Built in 2020. <a href='#fnref2' class='footnote-backref'>↩︎</a></p>"
        "</li><li id='fn3'><p>Rated 15 MW.&#160;<a href='#fnref:3' class='reversefootnote'>"
        "&#8617;</a></p></li></ol><p><a href='#top'>↑ Back to top</a></p>",
        "utf-8",
    )
    assert _segment_texts(page, lang="en", clean=False) == [
        "The cable comes ashore.¹",
        "See 2.",
        "Near the port.",
        "Built in 2020.",
        "Rated 15 MW.",
        "↑ Back to top",
    ]
    # A heading's permalink, as Sphinx, Hugo and GitHub's pages write it, is a control too.
    documented = tmp_path / "docs.html"
    documented.write_text(
        "<h1>Installation<a class='headerlink' href='#installation'>¶</a></h1>"
        "<p>Run it.</p><h2 id='usage'>Usage <a class='anchor' href='#usage'>#</a></h2>"
        "<h2>Config<a href='#config' class='anchor'>🔗</a></h2><p>See <a href='#s5'>§ 5</a>.</p>",
        "utf-8",
    )
    assert _segment_texts(documented, lang="en", clean=False) == [
        "Installation",
        "Run it.",
        "Usage",
        "Config",
        "See § 5.",
    ]
    # A note's label linking back to its citation, as LibreOffice's and Google Docs' HTML
    # write it, names the note and is no text of it ("1Inspection by drone." before).
    labelled = tmp_path / "labelled.html"
    labelled.write_text(
        "<p>Inspected in May.<a class='sdfootnoteanc' name='sdfootnote1anc' "
        "href='#sdfootnote1sym'><sup>1</sup></a> Cracks were found.<sup><a href='#ftnt2' "
        "id='ftnt_ref2'>[2]</a></sup></p><div id='sdfootnote1'><p><a class='sdfootnotesym' "
        "name='sdfootnote1sym' href='#sdfootnote1anc'>1</a>Inspection by drone.</p></div>"
        "<div><p><a href='#ftnt_ref2' id='ftnt2'>[2]</a>&#160;On two rotors.</p></div>"
        "<p>Chapter <a href='#c3' id='c3'>3</a> follows.</p>",
        "utf-8",
    )
    assert _segment_texts(labelled, lang="en", clean=False) == [
        "Inspected in May.¹",
        "Cracks were found.[2]",
        "Inspection by drone.",
        "On two rotors.",
        "Chapter 3 follows.",
    ]


def test_html_code_blocks_and_blocks_marked_not_to_translate_are_no_text(
    tmp_path: Path,
) -> None:
    """A code block (`<pre><code>`, as Markdown's fenced code renders: a Markdown file leaves
    it out, its HTML kept "print(...)" as a segment), a block marked `translate="no"` or
    with Sphinx's `notranslate` class are no text to translate; a product name marked so
    inside a sentence stays its text, and a <pre> without code (a poem) stays."""
    page = tmp_path / "docs.html"
    page.write_text(
        "<p>Install <span translate='no'>tmkit</span> now.</p>"
        "<div class='sourceCode'><pre class='sourceCode python'><code>print('Hi. There.')"
        "</code></pre></div><div class='highlight-default notranslate'><div class='highlight'>"
        "<pre><span>x = 1</span></pre></div></div><p translate='no'>Keep as is.</p>"
        "<pre>A short poem.\nIts second line.</pre>",
        "utf-8",
    )
    assert _segment_texts(page, lang="en", clean=False) == [
        "Install tmkit now.",
        "A short poem.",
        "Its second line.",
    ]


def test_an_rtf_document_is_refused_not_read_as_text(
    tmp_path: Path, libreoffice: Callable[..., Path]
) -> None:
    """RTF is text, so it was read as plain text: its font table and control words became
    segments ("{\\rtf1\\ansi\\deff3…"), exit 0. Whatever its name, segment, glossary and check
    refuse it in one line and say what to give instead; LibreOffice's own RTF too."""
    rtf = tmp_path / "letter.rtf"
    rtf.write_text("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 The farm opens.\\par}\n", "utf-8")
    renamed = tmp_path / "letter.txt"
    renamed.write_text(rtf.read_text("utf-8"), "utf-8")
    glossary = str(ROOT / "glossary" / "glossary.tbx")
    for command in (["segment", str(rtf)], ["glossary", "build", str(renamed)],
                    ["check", str(renamed), "--glossary", glossary]):  # fmt: skip
        assert_bad_input(run_tmkit(*command), ":1: an RTF document", "save it as .docx or .odt")
    page = tmp_path / "page.html"
    page.write_text("<p>The farm opens today.</p>", "utf-8")
    saved = libreoffice(page, "rtf:Rich Text Format", tmp_path / "out")
    assert_bad_input(run_tmkit("segment", str(saved)), "an RTF document")


def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    """An XHTML page opens with an XML declaration naming its encoding, as LibreOffice's
    XHTML export and many generators write it: it was refused ("Unicode strings with
    encoding declaration are not supported"). Its language and lines stay its own."""
    page = tmp_path / "export.xhtml"
    page.write_text(
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD'
        ' XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n<html xmlns="http:/'
        '/www.w3.org/1999/xhtml" lang="fr"><head><title>Rapport</title></head><body>\n'
        "<h1>Entretien</h1>\n<p>Les pales ont été inspectées. Deux rotors sont fissurés.</p>"
        "</body></html>\n",
        "utf-8",
    )
    doc = read_document(str(page))
    assert doc.lang == "fr"
    assert [s.text for s in segment_document(doc)] == [
        "Entretien",
        "Les pales ont été inspectées.",
        "Deux rotors sont fissurés.",
    ]
    assert [b.line for b in doc.blocks] == [4, 5]


def test_hard_wrapped_paragraphs_join(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "The meeting took place in the Kremlin on a cold and\n"
        "windy morning, and the two presidents spoke for more\n"
        "than an hour. Then they went to lunch.\n\nA second paragraph here.\n",
        "utf-8",
    )
    doc = read_document(str(path))
    paragraphs = _kinds(doc, "paragraph")
    assert len(paragraphs) == 2
    assert paragraphs[0] == (
        "The meeting took place in the Kremlin on a cold and windy morning, and the two "
        "presidents spoke for more than an hour. Then they went to lunch."
    )


def test_hard_wrapped_chinese_and_japanese_join_without_a_space(tmp_path: Path) -> None:
    """A line of Chinese is half as many characters as a line of Latin letters as wide, and
    a wrapped line there joins the next with no space; Korean writes spaces, so its lines
    join with one, and a line ending in a full stop (。) ends its paragraph's sentence."""
    chinese = (
        "中华人民共和国国务院总理今天在北京会见了来访的古巴国务委员会\n"
        "主席，双方就两国关系和共同关心的国际和地区问题深入交换了意\n"
        "见。会谈后，两国领导人共同出席了合作文件签字仪式。\n"
    )
    assert _paragraphs(tmp_path, chinese, "zh") == [chinese.replace("\n", "")]
    japanese = (
        "自民党税制調査会の幹部は、引き下げ幅は三パーセント以上を目指す\n"
        "ことになると指摘していて、今後、公明党と合意したうえで決定する。\n"
    )
    assert _paragraphs(tmp_path, japanese, "ja") == [japanese.replace("\n", "")]
    korean = (
        "대통령은 오늘 모스크바에서 쿠바 대통령과 만나 양국 관계와\n"
        "국제 문제에 대해 의견을 나누었다.\n"
    )
    assert _paragraphs(tmp_path, korean, "ko") == [korean.replace("\n", " ").strip()]
    stopped = (
        "这是第一行，它以句号结束，后面的内容另起一段落不应合并。\n"
        "第二段从这里开始，同样很长的一行文字。\n"
    )
    assert _paragraphs(tmp_path, stopped, "zh") == stopped.split()


def test_a_sentence_run_on_past_a_line_end_joins(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(
        "Patients should take the tablets \nwith water \n(250 ml, not milk).\n"
        "Headline \nAnother line\nspielen\nspielt\n",
        "utf-8",
    )
    doc = read_document(str(path), clean=False)
    assert _kinds(doc, "paragraph") == [
        "Patients should take the tablets with water (250 ml, not milk).",
        "Headline",
        "Another line",
        "spielen",
        "spielt",
    ]


def test_a_sentence_run_on_into_an_amount_joins(tmp_path: Path) -> None:
    """A PDF's text layer (LibreOffice's, read by pypdf) ends a line cut inside a sentence
    with a space: "…up from " / "€4.0 million." is one sentence. A numbered item or a
    section number starts anew, and so does a line after a short one (a label)."""
    text = (
        "Revenue reached €4.5 million, up from \n€4.0 million.\n"
        "The total reached \n42 tonnes this year.\n"
        "Do the following things \n1. Open the box.\n"
        "See the chapter below \n3.1 Scope of the rules\n"
        "Total \n42\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "Revenue reached €4.5 million, up from €4.0 million.",
        "The total reached 42 tonnes this year.",
        "Do the following things",
        "1. Open the box.",
        "See the chapter below",
        "3.1 Scope of the rules",
        "Total",
        "42",
    ]


def test_a_line_that_fills_its_column_runs_on_whatever_follows(tmp_path: Path) -> None:
    """A PDF line cut at the margin ends in a space: "…the plan on 3 " / "March." is one
    sentence. A short line ending in a space (a heading) and a full one with a stop do not
    run on, nor does a line before a bullet."""
    text = (
        "We expect further growth. Dr. Smith, our CEO, will present the plan on 3 \n"
        "March. The board meets in Geneva the week after, with the auditors present.\n"
        "Outlook \n"
        "The plan covers the years 2026 to 2030 and every market the group serves.\n"
        "Shareholders receive the report by post and it is on the website as well \n"
        "• First item of the list.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "We expect further growth. Dr. Smith, our CEO, will present the plan on 3 March. The "
        "board meets in Geneva the week after, with the auditors present.",
        "Outlook",
        "The plan covers the years 2026 to 2030 and every market the group serves.",
        "Shareholders receive the report by post and it is on the website as well",
        "• First item of the list.",
    ]


def test_a_full_line_ending_in_a_colon_runs_on(tmp_path: Path) -> None:
    """A transcript's speaker label and its first words, wrapped after the colon by a PDF."""
    text = (
        "President of the Republic of Cuba Miguel Diaz-Canel Bermudez (retranslated):\n"
        "Thank you very much for your words.\n"
        "Short label:\n"
        "A new paragraph after a label too short to fill the column.\n"
    )
    assert _paragraphs(tmp_path, text, lang="en") == [
        "President of the Republic of Cuba Miguel Diaz-Canel Bermudez (retranslated): Thank you "
        "very much for your words.",
        "Short label:",
        "A new paragraph after a label too short to fill the column.",
    ]


def test_a_full_line_ending_in_an_article_runs_on(tmp_path: Path) -> None:
    """A column's line that breaks after an article or a conjunction breaks inside its
    sentence, whatever the next line opens with; a stop then a lower-case line stays a
    break (a manual's headings may be lower-case names)."""
    text = (
        "We will always support the people and oppose attempts to restrict their the\n"
        "Cuban people have fought against them and feel strong, he said at the end.\n"
        "Anyone can sync the system at the console, even without an account on it.\n"
        "kmem\n"
    )
    assert _paragraphs(tmp_path, text, lang="en") == [
        "We will always support the people and oppose attempts to restrict their the Cuban "
        "people have fought against them and feel strong, he said at the end.",
        "Anyone can sync the system at the console, even without an account on it.",
        "kmem",
    ]


def test_a_page_that_opens_with_a_list_reads_its_prose_as_prose(tmp_path: Path) -> None:
    """A PDF's page has no blank lines: a list at its top ended where a line was no item's,
    and every line after it stood alone, sentences cut at each line end."""
    text = (
        "• Live\n  • Audio Only\n• facebook\n"
        "He also emphasized that Russo-Cuban relations are based on mutual friendship and\n"
        "respect. On Thursday, Russian President Vladimir Putin and Cuban President Miguel Diaz-\n"
        "Canel held a meeting at the Grand Kremlin Palace in Moscow.\n"
        "• First item of a second list\n  going on, indented.\n"
    )
    assert _paragraphs(tmp_path, text, lang="en") == [
        "• Live",
        "• Audio Only",
        "• facebook",
        "He also emphasized that Russo-Cuban relations are based on mutual friendship and "
        "respect. On Thursday, Russian President Vladimir Putin and Cuban President Miguel "
        "Diaz-Canel held a meeting at the Grand Kremlin Palace in Moscow.",
        "• First item of a second list going on, indented.",
    ]


def test_hard_wrapped_prose_with_a_dash_opening_a_line_stays_one_paragraph(
    tmp_path: Path,
) -> None:
    text = (
        "The results of the second campaign in the northern valleys were, against every\n"
        "- admittedly cautious - forecast of the team, good enough to go on with the\n"
        "survey in the following spring and to extend it to the western slopes.\n"
    )
    assert _paragraphs(tmp_path, text, lang="en") == [" ".join(text.split())]


def _paragraphs(tmp_path: Path, text: str, lang: str | None = None) -> list[str]:
    path = tmp_path / "plain.txt"
    path.write_text(text, "utf-8")
    return _kinds(read_document(str(path), lang=lang, clean=False), "paragraph")


def test_a_sentence_cut_at_a_line_end_joins_where_it_goes_on_to_its_stop(tmp_path: Path) -> None:
    text = (
        "The valve must be closed\nbefore the pump is started\nagain.\n"
        "Spare parts\nfilters, seals\nOpening hours\nweekdays only\n"
        "Two words\nonly here.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "The valve must be closed before the pump is started again.",
        "Spare parts",  # no stop to reach: a list of labels, not a sentence
        "filters, seals",
        "Opening hours",
        "weekdays only",
        "Two words",  # too short to be a sentence cut off
        "only here.",
    ]


def test_a_german_sentence_runs_on_past_a_line_end_into_a_noun(tmp_path: Path) -> None:
    text = "Die neuen \nVerträge wurden gestern in Berlin unterzeichnet.\nDanach sprachen sie.\n"
    assert _paragraphs(tmp_path, text, lang="de") == [
        "Die neuen Verträge wurden gestern in Berlin unterzeichnet.",
        "Danach sprachen sie.",
    ]
    # In English a capital after a line end opens a line of its own.
    assert _paragraphs(tmp_path, "Contents \nThe treaty was signed.\n", lang="en") == [
        "Contents",
        "The treaty was signed.",
    ]


def test_table_of_contents_lines_keep_their_titles(tmp_path: Path) -> None:
    text = (
        "  Preface ........................................ 3\n"
        "  The Treaty of Friendship and Cooperation Between the Two States....... 12\n"
        "  Annexes....................... 40-45\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "Preface",
        "The Treaty of Friendship and Cooperation Between the Two States",
        "Annexes",
    ]
    # A contents page flattened onto one line out of a PDF, roman page numbers and all.
    flat = (
        "FOREWORD. . . . . . . ii CONTENTS. . . . . iv 1 Trade . . . . . . 1 1.1 Energy. . . . 7\n"
    )
    assert _paragraphs(tmp_path, flat) == ["FOREWORD", "CONTENTS", "1 Trade", "1.1 Energy"]
    # A spaced ellipsis in prose, and a number further on, make no contents line.
    prose = "He counted the steps. . . . and there were 40 of them.\n"
    assert _paragraphs(tmp_path, prose) == [
        "He counted the steps. . . . and there were 40 of them."
    ]


def test_leaders_rules_and_layout_spacing_are_not_text(tmp_path: Path) -> None:
    text = (
        "==================================\n"
        "Terms of delivery\n"
        "__________________________________\n\n"
        "Price\t\tper unit........on request.\n\n"
        "Two  spaces stay, for the checker to flag.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "Terms of delivery",
        "Price per unit on request.",
        "Two  spaces stay, for the checker to flag.",
    ]


def test_a_hard_wrapped_bulleted_list_keeps_its_items_apart(tmp_path: Path) -> None:
    text = (
        "- The first item of the list runs on past the end\n"
        "  of its line and into the next one.\n"
        "- The second item is a single line of its own text.\n"
        "- The third item closes the list after it wraps once\n"
        "  again onto a second line.\n\n"
        "*  A box drawn with stars around its text is no list  *\n"
        "*  of items, whatever its lines start with, you see   *\n"
        "*  and it goes on for a third line inside the box     *\n"
    )
    paragraphs = _paragraphs(tmp_path, text)
    assert paragraphs[:3] == [
        "- The first item of the list runs on past the end of its line and into the next one.",
        "- The second item is a single line of its own text.",
        "- The third item closes the list after it wraps once again onto a second line.",
    ]
    assert len(paragraphs) == 4  # the box reads as one paragraph


def test_a_tables_borders_are_not_text(tmp_path: Path) -> None:
    text = (
        "| Option     | Meaning            |\n"
        "|------------|--------------------|\n\n"
        "+------------+--------------------+\n\n"
        "Section title\n==============\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "| Option | Meaning |",
        "Section title",
    ]


def test_a_line_opening_with_closing_punctuation_joins_the_line_before(tmp_path: Path) -> None:
    text = "Call us for a quote\n. We answer within a day\n!\n\nNext paragraph\n"
    assert _paragraphs(tmp_path, text) == [
        "Call us for a quote. We answer within a day!",
        "Next paragraph",
    ]


def test_a_lone_stop_between_paragraphs_is_a_paragraph_break(tmp_path: Path) -> None:
    """Debian's copyright files write a blank line inside a field as ` .`; a lone stop that
    ends a paragraph after an open line is that sentence's stop."""
    text = (
        " Permission is granted to anyone to use this software\n"
        " for any purpose, commercial or not, without a fee.\n"
        " .\n"
        " The above notice shall be included in all copies of\n"
        " .\n"
        " the software or in substantial portions of it.\n\n"
        "Call us for a quote\n.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "Permission is granted to anyone to use this software for any purpose, commercial or "
        "not, without a fee.",
        "The above notice shall be included in all copies of",
        "the software or in substantial portions of it.",
        "Call us for a quote.",
    ]


def test_letters_stacked_one_or_two_a_line_read_as_a_word(tmp_path: Path) -> None:
    assert _paragraphs(tmp_path, "\nC\nAU\nTI\nO\nN\n\nKeep dry.\n") == ["CAUTION", "Keep dry."]
    # Two short lines are not enough to call it lettering, nor is a column of codes.
    assert _paragraphs(tmp_path, "OK\nNO\n") == ["OK", "NO"]
    assert _paragraphs(tmp_path, "RU\nCU\nUS\n") == ["RU", "CU", "US"]


def test_inline_markup_left_in_plain_text_is_not_text(tmp_path: Path) -> None:
    text = (
        'Press <b>Save</b>. <ph x="1">&lt;br/&gt;</ph>Then <span class="k">close</span>'
        " the <em>window</em>!\n"
        '<bpt i="1">&lt;i&gt;</bpt>Done<ept i="1">&lt;/i&gt;</ept>\n'
        "A lone <b> tag is text, as in a manual about HTML.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "Press Save. Then close the window!",
        "Done",
        "A lone <b> tag is text, as in a manual about HTML.",
    ]


def test_a_line_break_left_as_an_escape_breaks_the_line(tmp_path: Path) -> None:
    text = (
        "First line. \\r\\n Second line.\nA path C:\\new\\report stays.\nType \\n for a new line.\n"
    )
    assert _paragraphs(tmp_path, text) == [
        "First line.",
        "Second line.",
        "A path C:\\new\\report stays.",
        "Type \\n for a new line.",
    ]


def test_no_clean_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("facebook\nTwitter\nA real line.\n", "utf-8")
    assert read_document(str(path), clean=False).text == "facebook\n\nTwitter\n\nA real line."
    # a trailing link and a leading emoji are text too when the input has no web debris
    path.write_text("🇷🇺 Details are at https://example.org/report.html\n", "utf-8")
    kept = read_document(str(path), clean=False)
    assert kept.text == "🇷🇺 Details are at https://example.org/report.html" and not kept.dropped
    cleaned = read_document(str(path))
    assert cleaned.text == "Details are at"
    assert [(d.reason, d.text) for d in cleaned.dropped] == [
        ("url", "https://example.org/report.html")
    ]
    # a link the sentence ends with its stop is part of it, not one appended to the text
    path.write_text("The report is at https://example.org/report.html.\n", "utf-8")
    assert read_document(str(path)).text == "The report is at https://example.org/report.html."


def test_language_is_guessed_when_not_given(tmp_path: Path) -> None:
    path = tmp_path / "es.txt"
    path.write_text(
        "El presidente de Cuba llegó a Moscú para una visita oficial. "
        "Los dos líderes hablaron de la cooperación entre los países.\n",
        "utf-8",
    )
    assert read_document(str(path)).lang == "es"


def test_a_page_of_nothing_but_comments_is_empty_not_unreadable(tmp_path: Path) -> None:
    page = tmp_path / "placeholder.html"
    page.write_text("<!-- to be written -->\n", "utf-8")
    result = run_tmkit("segment", str(page))
    assert result.returncode == 0 and result.stdout == b"", result.stderr.decode()


def test_an_html_fragment_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "fragment.txt"
    path.write_text('<h3 class="t">Agenda</h3>\n<p>Trade first. Energy next.</p>\n', "utf-8")
    doc = read_document(str(path), clean=False)
    assert doc.meta["format"] == "html"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Agenda",
        "Trade first. Energy next.",
    ]


def test_a_pdf_reads_as_its_text_without_the_pages_furniture(tmp_path: Path) -> None:
    """A PDF written by fpdf2 over three pages: a running head and a page number on each
    page are left out, a paragraph runs over the page break, and a word hyphenated at a
    line's end is whole."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    lines = [
        ["The company installed eighty new turbines in the North Sea. The infor-",
         "mation systems were replaced after a long review of the"],
        ["options available to the board. Costs fell by a third."],
        ["The board approved a new strategy for cables."],
    ]  # fmt: skip
    for number, page in enumerate(lines, start=1):
        pdf.add_page()
        pdf.text(20, 15, "Annual Report 2023")
        for row, line in enumerate(page):
            pdf.text(20, 40 + 7 * row, line)
        pdf.text(100, 285, f"Page {number}")
    pdf.output(str(tmp_path / "report.pdf"))
    doc = read_document(str(tmp_path / "report.pdf"), lang="en")
    assert doc.meta["format"] == "pdf"
    assert "Annual Report" not in doc.text and "Page" not in doc.text
    assert "The information systems were replaced" in doc.text
    assert "review of the options available to the board." in doc.text


def test_a_pdf_without_text_is_refused_in_one_line(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()  # a page with nothing on it, as a scan without OCR has no text layer
    pdf.output(str(tmp_path / "scan.pdf"))
    assert_bad_input(run_tmkit("segment", str(tmp_path / "scan.pdf")), "no text layer")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    assert_bad_input(run_tmkit("segment", str(tmp_path / "broken.pdf")), "unreadable PDF")
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("Helvetica", size=11)
    locked.text(20, 20, "Secret text.")
    locked.output(str(tmp_path / "locked.pdf"))
    assert_bad_input(run_tmkit("segment", str(tmp_path / "locked.pdf")), "encrypted PDF")
    # a PDF with an owner's password only opens for reading, as a viewer opens it
    readable = FPDF()
    readable.set_encryption(owner_password="owner")
    readable.add_page()
    readable.set_font("Helvetica", size=11)
    readable.text(20, 20, "Open text.")
    readable.output(str(tmp_path / "readable.pdf"))
    assert read_document(str(tmp_path / "readable.pdf"), lang="en").text.strip() == "Open text."


def test_a_word_part_past_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member that unpacks past MAX_MEMBER_BYTES (a zip bomb) is refused, not read: the
    limit lowered here so the test need not write 256 MB."""
    import zipfile

    from tmkit.errors import InputError
    from tmkit.reading import office

    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<document>" + " " * 5000 + "</document>")
    monkeypatch.setattr(office, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(InputError, match="over the limit"):
        read_document(str(path), lang="en")


def test_word_tracked_changes_fields_and_text_boxes(tmp_path: Path) -> None:
    """What python-docx cannot write, in Word's own markup: an insertion is text and a
    deletion is not (changes read as accepted), a field's instruction is not text but its
    result is, and a text box's paragraph is read once, as a paragraph of its own."""
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>The farm opens </w:t></w:r>"
        "<w:del><w:r><w:delText>next year</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>today</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space='preserve'>See page </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGEREF x</w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>4</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t>.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Map. </w:t><w:pict><w:txbxContent><w:p><w:r><w:t>North Sea</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
        # text moved away stands where it was moved to; hidden text is not shown
        "<w:p><w:moveFrom><w:r><w:t>Cables follow.</w:t></w:r></w:moveFrom>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Draft note. </w:t></w:r>"
        "<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>Shown. </w:t></w:r>"
        "<w:moveTo><w:r><w:t>Cables followed.</w:t></w:r></w:moveTo></w:p>"
    )
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml", f"<w:document xmlns:w='{w}'><w:body>{body}</w:body></w:document>"
        )
    doc = read_document(str(path), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "The farm opens today.",
        "See page 4.",
        "Map.",
        "North Sea",
        "Shown. Cables followed.",
    ]


def test_opendocument_tracked_deletions_comments_and_hidden_sections_are_no_text(
    tmp_path: Path,
) -> None:
    """OpenDocument keeps a deleted paragraph in its changes' record at the top of the body,
    and a comment's paragraphs inside the paragraph it is on: neither is text of the
    document, nor is a hidden section."""

    content = (
        "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
        " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'"
        " xmlns:dc='http://purl.org/dc/elements/1.1/'><office:body><office:text>"
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<office:change-info><dc:creator>A</dc:creator></office:change-info>"
        "<text:p>The old plan.</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>The farm <text:change text:change-id='c1'/>opens today.</text:p>"
        "<text:p>Turbines<office:annotation><dc:creator>B</dc:creator>"
        "<text:p>Check the number.</text:p></office:annotation> turn.</text:p>"
        "<text:section text:name='s' text:display='none'><text:p>Spare text.</text:p>"
        "</text:section><text:p>End.</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    path = _write_odt(tmp_path / "edited.odt", content)
    doc = read_document(str(path), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "The farm opens today.",
        "Turbines turn.",
        "End.",
    ]


def test_characters_no_reader_sees_are_not_text(tmp_path: Path) -> None:
    """A soft hyphen and a zero-width space are invisible: "commit\u00adtee" is "committee"
    to a reader, a glossary and a TM look-up. The text keeps its place in the source, past
    a leading emoji too."""
    raw = "The commit\u00adtee met.\n\n\u200b🎉 The wind\u200bfarm opens.\n"
    path = tmp_path / "page.txt"
    path.write_text(raw, "utf-8")
    doc = read_document(str(path), lang="en")
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "The committee met.",
        "The windfarm opens.",
    ]
    assert raw[doc.blocks[1].source_offset :].startswith("The wind")


def test_what_a_browser_hides_is_not_text(tmp_path: Path) -> None:
    page = (
        "<html><body><p hidden>Draft.</p><p style='display: none'>Old price.</p>"
        "<div style='visibility:hidden'><p>Spare.</p></div>"
        "<p>Tokyo is <ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby> in Japan.</p>"
        "<p aria-hidden='true'>Shown to the eye.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    doc = read_document(str(path), lang="en", clean=False)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Tokyo is 東京 in Japan.",
        "Shown to the eye.",
    ]


def test_a_page_says_its_language_where_its_text_is_too_short_to_tell(tmp_path: Path) -> None:
    """`<html lang>` (or a content-language meta) names the language of a page whose text is
    too short to guess, with its region; a page that declares English but is written in
    Spanish is read as Spanish, as CMS templates often leave the first language's tag."""
    short = tmp_path / "short.html"
    short.write_text('<html lang="pt-BR"><body><p>Ok.</p></body></html>', "utf-8")
    assert read_document(str(short)).lang == "pt-BR"
    meta = tmp_path / "meta.html"
    meta.write_text(
        '<html><head><meta http-equiv="Content-Language" content="fr, en"></head>'
        "<body><p>Oui.</p></body></html>",
        "utf-8",
    )
    assert read_document(str(meta)).lang == "fr"
    wrong = tmp_path / "wrong.html"
    wrong.write_text(
        '<html lang="en"><body><p>Este es un texto bastante largo en español que el autor '
        "olvidó marcar con su idioma correcto, como pasa a menudo en los sitios web.</p>"
        "</body></html>",
        "utf-8",
    )
    assert read_document(str(wrong)).lang == "es"
    assert read_document(str(wrong), lang="en").lang == "en"  # --lang decides
