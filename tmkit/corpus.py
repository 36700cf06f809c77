"""A corpus folder: its manifest (or what can be inferred without one) and its documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.errors import InputError
from tmkit.lang import normalise_tag
from tmkit.model import Document, default_doc_id
from tmkit.reading.reader import read_document
from tmkit.textio import read_utf8
from tmkit.tomlfile import parse_toml, table_lines

MANIFEST = "manifest.toml"
DOCUMENT_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".xhtml",
    ".md",
    ".markdown",
    ".srt",
    ".vtt",
    ".docx",
    ".odt",
    ".pdf",
)
ROLES = ("transcript", "article")
_REQUIRED = ("id", "file")


@dataclass(slots=True)
class ManifestEntry:
    """What the manifest says of one document; `extra` keeps the keys tmkit has no field for."""

    id: str
    file: str
    lang: str | None = None
    role: str | None = None
    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    event: str | None = None
    url: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def meta(self) -> dict[str, str]:
        """The entry as document metadata (strings only), manifest values winning."""
        out = {k: str(v) for k, v in self.extra.items() if isinstance(v, str | int | float)}
        for key in ("role", "outlet", "title", "date", "event", "url"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


def load_manifest(path: Path) -> list[ManifestEntry]:
    """Parse and check a manifest: ids unique, files present, languages and roles known."""
    text = read_utf8(str(path))
    raw = parse_toml(str(path), text)
    tables = raw.get("document", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError(str(path), "`document` must be an array of tables ([[document]])")
    lines = table_lines(text, "document")
    entries: list[ManifestEntry] = []
    seen: set[str] = set()
    for number, table in enumerate(tables):
        line = lines[number] if number < len(lines) else None
        entries.append(_entry(table, path, line, seen))
    return entries


def _entry(table: dict[str, object], path: Path, line: int | None, seen: set[str]) -> ManifestEntry:
    where = str(path)
    for key in _REQUIRED:
        if not isinstance(table.get(key), str) or not table[key]:
            raise InputError(where, f"document needs a `{key}` string", line=line)
    doc_id, file = str(table["id"]), str(table["file"])
    if doc_id in seen:
        raise InputError(where, f"duplicate document id {doc_id!r}", line=line)
    seen.add(doc_id)
    if not (path.parent / file).is_file():
        raise InputError(where, f"document {doc_id!r}: file {file!r} not found", line=line)
    lang = table.get("lang")
    if lang is not None:
        lang = normalise_tag(str(lang), f"{where}:{line}" if line else where)
    role = table.get("role")
    if role is not None and role not in ROLES:
        raise InputError(where, f"document {doc_id!r}: role must be one of {ROLES}", line=line)
    known = {"id", "file", "lang", "role", "outlet", "title", "date", "event", "url"}
    return ManifestEntry(
        id=doc_id,
        file=file,
        lang=lang,
        role=_opt_str(table, "role"),
        outlet=_opt_str(table, "outlet"),
        title=_opt_str(table, "title"),
        date=_opt_str(table, "date"),
        event=_opt_str(table, "event"),
        url=_opt_str(table, "url"),
        extra={k: v for k, v in table.items() if k not in known},
    )


def _opt_str(table: dict[str, object], key: str) -> str | None:
    value = table.get(key)
    return None if value is None else str(value)


def inferred_entries(folder: Path) -> list[ManifestEntry]:
    """Entries for a folder without a manifest: every text or HTML file, ids from file names."""
    entries = []
    seen: set[str] = set()
    for file in sorted(p for p in folder.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES):
        doc_id = default_doc_id(file.name)
        if doc_id in seen:
            doc_id = file.stem
        seen.add(doc_id)
        entries.append(ManifestEntry(id=doc_id, file=file.name))
    return entries


def corpus_entries(folder: str | Path) -> list[ManifestEntry]:
    """The documents of a corpus folder, from its manifest when it has one."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(str(folder), "no such corpus folder")
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder")
    manifest = folder / MANIFEST
    entries = load_manifest(manifest) if manifest.is_file() else inferred_entries(folder)
    if not entries:
        raise InputError(str(folder), f"corpus holds no documents ({' '.join(DOCUMENT_SUFFIXES)})")
    return entries


def load_corpus(
    folder: str | Path, progress: Callable[[str], None] | None = None
) -> list[Document]:
    """Read every document of a corpus; the manifest's metadata overrides inferred values."""
    folder = Path(folder)
    documents = []
    for entry in corpus_entries(folder):
        if progress:
            progress(f"reading {entry.file}")
        doc = read_document(
            str(folder / entry.file), doc_id=entry.id, lang=entry.lang, meta=entry.meta()
        )
        if "event" not in doc.meta and "date" in doc.meta:
            doc.meta["event"] = doc.meta["date"]
        documents.append(doc)
    return documents
