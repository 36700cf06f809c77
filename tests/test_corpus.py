"""Corpus folders: the seed manifest, manifest errors, and folders without a manifest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS
from tmkit.corpus import corpus_entries, load_corpus, load_manifest
from tmkit.errors import InputError


def test_seed_manifest() -> None:
    entries = {e.id: e for e in load_manifest(CORPUS / "manifest.toml")}
    assert sorted(entries) == ["000", "001", "002", "003", "004"]
    assert {e.event for e in entries.values()} == {
        "2024-05-09-moscow",
        "2022-11-22-moscow",
        "2018-11-02-moscow",
    }
    assert entries["001"].role == "transcript"
    assert entries["000"].event == entries["001"].event
    assert entries["002"].event == entries["003"].event != entries["004"].event
    assert entries["004"].extra["original_lang"] == "fr"
    for entry in entries.values():
        assert (CORPUS / entry.file).is_file()
        assert entry.lang == "en" and entry.title and entry.date and entry.outlet


def test_load_corpus_applies_manifest_metadata() -> None:
    docs = {d.id: d for d in load_corpus(CORPUS)}
    assert docs["004"].meta["date"] == "2018-11-02"  # the page's own dateline says 2024
    assert docs["001"].meta["event"] == "2024-05-09-moscow"
    assert docs["001"].role == "transcript" and docs["000"].role == "article"


def test_manifest_metadata_applies_to_word_and_pdf_documents(tmp_path: Path) -> None:
    """A manifest's role, title and date reach a .docx or a .pdf as they reach a text file."""
    import docx
    from fpdf import FPDF

    word = docx.Document()
    word.add_paragraph("The presidents met in Moscow on Thursday.")
    word.save(tmp_path / "talks.docx")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "The presidents met in Moscow on Thursday.")
    pdf.output(str(tmp_path / "report.pdf"))
    (tmp_path / "manifest.toml").write_text(
        "".join(
            f'[[document]]\nid = "{name}"\nfile = "{name}.{ext}"\nlang = "en"\n'
            f'role = "transcript"\ntitle = "Talks"\ndate = "2024-05-09"\n\n'
            for name, ext in (("talks", "docx"), ("report", "pdf"))
        ),
        "utf-8",
    )
    docs = {d.id: d for d in load_corpus(tmp_path)}
    for name, kind in (("talks", "docx"), ("report", "pdf")):
        assert docs[name].role == "transcript", name
        assert docs[name].meta["title"] == "Talks" and docs[name].meta["format"] == kind


def test_folder_without_manifest_infers_what_it_can(tmp_path: Path) -> None:
    for source in CORPUS.glob("*.txt"):
        shutil.copy(source, tmp_path)
    docs = {d.id: d for d in load_corpus(tmp_path)}
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    assert docs["001"].role == "transcript"
    assert docs["000"].meta["date"] == "2024-05-09"
    assert docs["002"].meta["date"] == "2022-11-22"
    assert docs["000"].meta["event"] == docs["001"].meta["event"]
    assert all(d.lang == "en" for d in docs.values())


def _manifest(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("Some text here.\n", "utf-8")
    path = tmp_path / "manifest.toml"
    path.write_text(body, "utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        (
            '[[document]]\nid = "a"\nfile = "a.txt"\n[[document]]\nid = "a"\nfile = "a.txt"\n',
            "duplicate document id 'a'",
            4,
        ),
        ('[[document]]\nid = "a"\nfile = "missing.txt"\n', "file 'missing.txt' not found", 1),
        ('[[document]]\nfile = "a.txt"\n', "needs a `id` string", 1),
        ('[[document]]\nid = "a"\nfile = "a.txt"\nrole = "novel"\n', "role must be one of", 1),
        ('[[document]]\nid = "a"\nfile = "a.txt"\nlang = "xx"\n', "unknown language tag", None),
        ('[[document]]\nid = "a"\nfile = = "a.txt"\n', "not valid TOML", 3),
        ("document = 3\n", "array of tables", None),
    ],
)
def test_manifest_errors(tmp_path: Path, body: str, problem: str, line: int | None) -> None:
    path = _manifest(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_manifest(path)
    assert problem in err.value.describe()
    if line is not None:
        assert err.value.line == line


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no documents"):
        corpus_entries(tmp_path)


def test_a_folder_of_markdown_documents_is_a_corpus(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("# Guide\n\nThe **controller** runs on Linux.\n")
    (tmp_path / "notes.txt").write_text("Plain notes about the turbine.\n")
    docs = {d.id: d for d in load_corpus(tmp_path)}
    assert set(docs) == {"guide", "notes"}
    assert docs["guide"].meta["format"] == "markdown"
    assert "The controller runs on Linux." in docs["guide"].text
