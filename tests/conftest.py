"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "schemas"  # see schemas/README.md
TMX_DTD = SCHEMAS / "tmx14.dtd"
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What takes a SQLite memory back from version 6 to 5, to test upgrades from older ones:
# version 5's full-text index read the target's text, and the units had no target words.
SQLITE_TO_VERSION_5 = """
DROP TRIGGER units_from_fts; DROP TABLE units_vocab; DROP TABLE units_fts;
ALTER TABLE units DROP COLUMN tgt_terms;
CREATE VIRTUAL TABLE units_fts USING fts5 (src_terms, tgt, content='units', content_rowid='id',
    tokenize="unicode61 remove_diacritics 0 tokenchars '-''’'");
CREATE VIRTUAL TABLE units_vocab USING fts5vocab (units_fts, 'row');
INSERT INTO units_fts (units_fts) VALUES ('rebuild');
CREATE TRIGGER units_from_fts AFTER DELETE ON units BEGIN
    INSERT INTO units_fts (units_fts, rowid, src_terms, tgt)
    VALUES ('delete', old.id, old.src_terms, old.tgt);
END;
PRAGMA user_version=5;
"""


def corpus_file(doc_id: str) -> Path:
    """The seed file whose name starts with doc_id."""
    (match,) = CORPUS.glob(f"{doc_id}_*.txt")
    return match


def run_in_terminal(*args: str) -> tuple[int, bytes]:
    """Run tmkit with a pseudo-terminal as its stdin, stdout and stderr (as a user at a
    terminal would); its exit code and everything it showed."""
    import os
    import pty

    leader, follower = pty.openpty()
    command = [sys.executable, "-P", "-m", "tmkit", *args]
    with subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when tmkit exits
                break
            if not chunk:
                break
            shown += chunk
        code = process.wait(timeout=120)
    os.close(leader)
    return code, shown


def run_tmkit(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
    """Run the installed package end to end, as a user would: `-P` keeps the working tree
    (the current folder) off sys.path, so the installed copy, compiled reader included, runs
    even where the tests run from the repository root."""
    return subprocess.run(
        [sys.executable, "-P", "-m", "tmkit", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def assert_valid_tmx(path: Path) -> etree._ElementTree:
    """Parse a TMX file and check it against the TMX 1.4 DTD; return its tree."""
    tree = etree.parse(str(path))
    dtd = etree.DTD(str(TMX_DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def assert_valid_xliff2(path: Path) -> etree._ElementTree:
    """Parse an XLIFF 2 file and check it against OASIS's core and Metadata module schemas."""
    driver = etree.XML(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" '
        'schemaLocation="xliff_core_2.0.xsd"/>'
        '<xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" '
        'schemaLocation="metadata.xsd"/></xs:schema>',
        base_url=str(SCHEMAS / "xliff2" / "driver.xsd"),
    )
    schema = etree.XMLSchema(driver)
    tree = etree.parse(str(path))
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


def client_missing(name: str) -> None:
    """Skip a test whose real client is not installed; in CI, where the README's test
    command installs every one, fail it."""
    message = f"{name} is not installed: the README's test command installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """A function converting a file with LibreOffice, headless, in one profile for the whole
    run: `convert(source, "docx:MS Word 2007 XML", outdir, *options)` is the file it wrote.
    Where LibreOffice is not installed, client_missing."""
    profile = tmp_path_factory.mktemp("libreoffice-profile")

    def convert(source: Path, convert_to: str, outdir: Path, *options: str) -> Path:
        soffice = shutil.which("soffice")
        if soffice is None:
            client_missing("LibreOffice (Debian packages libreoffice-calc-nogui, -writer-nogui)")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", *options,
             "--convert-to", convert_to, "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        return outdir / f"{source.stem}.{convert_to.split(':')[0]}"

    return convert


def assert_bad_input(result, *fragments: str) -> None:
    """Exit 2, exactly one stderr line naming what went wrong, no traceback, nothing on stdout."""
    err = result.stderr.decode()
    assert result.returncode == 2, (result.returncode, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert result.stdout == b""


@pytest.fixture()
def seed_paths() -> dict[str, Path]:
    return {doc_id: corpus_file(doc_id) for doc_id in ("000", "001", "002", "003", "004")}
