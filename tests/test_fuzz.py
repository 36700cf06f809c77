"""Damaged input, generated: every reader under random cuts, insertions and flipped bytes.

Each example damages a valid file of one format (a TMX, PO, XLIFF 1.2 and 2, JSONL, TBX,
JSON glossary, Word and OpenDocument file, web page, subtitles) and runs the command that
reads it, in this process. Whatever the damage, tmkit must answer as README's "Reliability"
says: exit 0 (it still reads), 1 (findings) or 2 with exactly one line on stderr, never a
traceback; a TMX it writes is valid against the DTD. The XML formats are also restructured:
well-formed, but with attributes, texts and elements their format does not expect. Examples
are derandomised, so a run is repeatable; more examples, not derandomised, explore further
(fuzzing this way found the defects its commits name: a damaged zip member, a message
quoting the input's line breaks, JSONL and JSON glossary fields of the wrong shape).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import ROOT, TMX_DTD
from tmkit.cli import cli
from tmkit.formats import write_units
from tmkit.units import Memory, TranslationUnit, Variant

# What damage inserts: markup, entities, escapes, controls, a BOM, a line separator, a lone
# surrogate's bytes, format keywords.
_SNIPPETS = [
    "<", "&", '"', "'", "\x00", "\ufeff", "\u2028", "\x0c", "&#0;", "&#x1;", "]]>", "<!--",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", "\\", "%s", "{",
    'msgid "', 'msgstr[1] ""', "\n\n", "\r", "é", "\t", ",", "#", "-->", "00:00:01,000 -->",
]  # fmt: skip
_DAMAGE = st.lists(
    st.tuples(
        st.sampled_from(["cut", "drop", "insert", "flip", "repeat-line", "drop-line"]),
        st.floats(0, 1, exclude_max=True),
        st.integers(1, 40),
        st.sampled_from(_SNIPPETS),
    ),
    min_size=1,
    max_size=3,
)


def _damaged(data: bytes, damage: list[tuple[str, float, int, str]]) -> bytes:
    for kind, where, size, snippet in damage:
        at = int(where * len(data)) if data else 0
        if kind == "cut":
            data = data[:at]
        elif kind == "drop":
            data = data[:at] + data[at + size :]
        elif kind == "insert":
            data = data[:at] + snippet.encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "flip" and data:
            data = data[:at] + bytes([(data[at] + size) % 256]) + data[at + 1 :]
        else:
            lines = data.split(b"\n")
            line = min(int(where * len(lines)), len(lines) - 1)
            if kind == "repeat-line":
                lines.insert(line, lines[line])
            elif len(lines) > 1:
                del lines[line]
            data = b"\n".join(lines)
    return data


def _damaged_archive(data: bytes, damage: list[tuple[str, float, int, str]]) -> bytes:
    """An archive with one XML member damaged; or its own bytes cut (a download that
    stopped), or overwritten where its members lie (its directory, at its end, intact:
    a member's header or compressed stream broken)."""
    kind, where, size, _ = damage[0]
    if kind == "cut":
        return _damaged(data, damage)
    if kind in ("flip", "drop"):
        at = int(where * data.find(b"PK\x01\x02"))  # before the central directory
        return data[:at] + bytes([(data[at] + size) % 256]) * min(size, 4) + data[at + 4 :]
    source = zipfile.ZipFile(io.BytesIO(data))
    members = [n for n in source.namelist() if n.endswith(".xml")]
    victim = members[int(damage[0][1] * len(members))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            body = source.read(name)
            archive.writestr(name, _damaged(body, damage) if name == victim else body)
    return out.getvalue()


# Values of the wrong shape for a JSON field: JSON that parses, holding what no field takes.
_WRONG_VALUES = [None, 1, -1, 1.5, True, "", "x", [], {}, [1], [[1]], [None], {"a": 1}]


def _damaged_json(data: bytes, damage: list[tuple[str, float, int, str]]) -> bytes:
    """JSON lines, or a JSON list, with fields of records given values of the wrong shape
    (when the first damage is an insertion; else damaged as bytes)."""
    import json

    if damage[0][0] != "insert":
        return _damaged(data, damage)
    whole = data.lstrip().startswith(b"[")
    records = json.loads(data) if whole else [json.loads(line) for line in data.splitlines()]
    for _, where, size, _ in damage:
        record = records[int(where * len(records))]
        variants = [v for v in record.get("variants") or () if isinstance(v, dict) and v]
        target = variants[size % len(variants)] if size % 3 == 0 and variants else record
        key = sorted(target)[size % len(target)]
        target[key] = _WRONG_VALUES[size % len(_WRONG_VALUES)]
    text = json.dumps(records) if whole else "\n".join(json.dumps(r) for r in records)
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One valid file of each format tmkit reads."""
    import docx
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    folder = tmp_path_factory.mktemp("samples")
    units = [
        TranslationUnit(
            [Variant("en", text), Variant("fr", rendering)],
            tuid=str(number),
            props=[("x-event", "2024-05-09"), ("x-src_doc", "001")],
            notes=["checked"],
        )
        for number, (text, rendering) in enumerate(
            [
                ("Thank you very much.", "Merci beaucoup."),
                ("%d files in {folder}.", "%d fichiers dans {folder}."),
                ("Vladimir Putin met Miguel Díaz-Canel.", "Vladimir Poutine a reçu Díaz-Canel."),
            ]
        )
    ]
    memory = Memory(srclang="en", tgtlang="fr")
    found: dict[str, bytes] = {}
    for suffix in (".tmx", ".po", ".xlf", ".jsonl"):
        write_units(str(folder / f"tm{suffix}"), units, memory)
        found[suffix] = (folder / f"tm{suffix}").read_bytes()
    write_units(str(folder / "tm2.xlf"), units, memory, ".xlf2")
    found[".xliff2"] = (folder / "tm2.xlf").read_bytes()
    found[".tbx"] = (ROOT / "glossary" / "glossary.tbx").read_bytes()
    runner = CliRunner()
    runner.invoke(cli, ["glossary", "build", str(ROOT / "corpus"), "-o", str(folder / "g.json")])
    found[".json"] = (folder / "g.json").read_bytes()
    word = docx.Document()
    word.add_heading("Annual report", 1)
    word.add_paragraph("The company grew by 12% in 2025. Revenue reached €4.5 million.")
    word.save(folder / "report.docx")
    found[".docx"] = (folder / "report.docx").read_bytes()
    odt = OpenDocumentText()
    odt.text.addElement(P(text="The company grew by 12% in 2025. Revenue doubled."))
    odt.save(str(folder / "report.odt"))
    found[".odt"] = (folder / "report.odt").read_bytes()
    found[".html"] = (
        b"<!doctype html><html lang='en'><head><title>Report</title></head><body><nav>Home"
        b"</nav><h1>Report</h1><p>The company grew by 12% in 2025. Revenue doubled.</p>"
        b"<figure><img src='a.png'><figcaption>Photo: AP</figcaption></figure></body></html>"
    )
    found[".srt"] = (
        b"1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n"
        b"2\n00:00:03,000 --> 00:00:04,000\n<i>General Kenobi.</i>\n"
    )
    return found


# The command that reads each format; OUT is a file to write, IN the damaged input.
_COMMANDS = {
    ".tmx": ["convert", "IN", "OUT.tmx"],
    ".po": ["convert", "IN", "OUT.tmx"],
    ".xlf": ["convert", "IN", "OUT.tmx"],
    ".xliff2": ["check", "IN"],
    ".jsonl": ["convert", "IN", "OUT.tmx"],
    ".tbx": ["glossary", "lookup", "Cuba", "--glossary", "IN"],
    ".json": ["glossary", "lookup", "Cuba", "--glossary", "IN"],
    ".docx": ["segment", "IN", "--lang", "en"],
    ".odt": ["segment", "IN", "--lang", "en"],
    ".html": ["segment", "IN", "--lang", "en"],
    ".srt": ["segment", "IN", "--lang", "en"],
}


# Examples a format, the same on every run (derandomised, no example database).
_EXAMPLES = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize("suffix", list(_COMMANDS))
@_EXAMPLES
@given(damage=_DAMAGE)
def test_damaged_input_gets_an_answer_not_a_traceback(
    samples: dict[str, bytes], tmp_path: Path, suffix: str, damage: list
) -> None:
    data = samples[suffix]
    damage_of = {".docx": _damaged_archive, ".odt": _damaged_archive}
    damage_of |= {".jsonl": _damaged_json, ".json": _damaged_json}
    _assert_answered(
        tmp_path, suffix, damage_of.get(suffix, _damaged)(data, damage), _COMMANDS[suffix]
    )


def _assert_answered(tmp_path: Path, suffix: str, data: bytes, command: list[str]) -> None:
    """Run the command (IN the input, OUT.tmx a TMX it writes) on `data` as a file of the
    suffix's format: exit 0, 1 or 2; on 2 one line and no output; a TMX written is valid."""
    source = tmp_path / ("draft.xlf" if suffix == ".xliff2" else f"draft{suffix}")
    source.write_bytes(data)
    output = tmp_path / "out.tmx"
    output.unlink(missing_ok=True)
    args = [str(source) if a == "IN" else str(output) if a == "OUT.tmx" else a for a in command]
    result = CliRunner().invoke(cli, ["-q", *args])
    assert isinstance(result.exception, SystemExit | None), result.exc_info
    assert result.exit_code in (0, 1, 2), result.stderr
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("tmkit: "), result.stderr
        assert not output.exists()  # nothing half-written
    elif output.exists():
        dtd = etree.DTD(str(TMX_DTD))
        assert dtd.validate(etree.parse(str(output))), dtd.error_log.filter_from_errors()


# What a restructured file holds where values were: language tags good and bad, states,
# numbers, dates, XML's own words, text with markup characters and placeholders.
_VALUES = [
    "", " ", "x", "en", "EN-us", "fr-FR", "zz", "x-none", "*all*", "en_US", "0", "-1",
    "99999999999", "yes", "no", "translated", "needs-review-translation", "final",
    "20240101T000000Z", "yesterday", "\u202e", "a b", "preserve", "po", "html",
    "nplurals=0; plural=0;", "Hello {0} %s %1$s", "&amp;", "😀", "Line\nbreak", "A" * 3000,
]  # fmt: skip
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RESTRUCTURING = st.lists(
    st.tuples(
        st.sampled_from(["attribute", "new-attribute", "text", "drop", "repeat", "move"]),
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(_VALUES),
        st.sampled_from([_XML_LANG, "state", "approved", "translate", "id", "tuid", "srclang"]),
    ),
    min_size=1,
    max_size=3,
)


def _restructured(data: bytes, changes: list[tuple[str, float, str, str]]) -> bytes:
    """The XML with elements' attributes and texts given other values, elements dropped,
    repeated or moved: well-formed still, but not what its format says."""
    import copy

    tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    for kind, where, value, name in changes:
        elements = [e for e in tree.iter() if isinstance(e.tag, str)]
        element = elements[int(where * len(elements))]
        parent = element.getparent()
        if kind == "attribute" and element.attrib:
            element.set(sorted(element.attrib)[int(where * len(element.attrib))], value)
        elif kind == "new-attribute":
            element.set(name, value)
        elif kind == "text":
            element.text = value
        elif parent is None:
            continue
        elif kind == "drop":
            parent.remove(element)
        elif kind == "repeat":
            parent.insert(parent.index(element), copy.deepcopy(element))
        else:
            parent.remove(element)
            parent.insert(int(where * (len(parent) + 1)), element)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("suffix", [".tmx", ".xlf", ".xliff2", ".tbx"])
@_EXAMPLES
@given(changes=_RESTRUCTURING)
def test_restructured_xml_gets_an_answer_not_a_traceback(
    samples: dict[str, bytes], tmp_path: Path, suffix: str, changes: list
) -> None:
    """Well-formed XML holding what its format does not (a tag of no language, a unit with
    two sources, a state no tool writes, a header moved into the body): exit 0, 1 or 2 in
    one line, and a TMX written from it valid against the DTD."""
    command = _COMMANDS[suffix] if suffix == ".tbx" else ["convert", "IN", "OUT.tmx"]
    _assert_answered(tmp_path, suffix, _restructured(samples[suffix], changes), command)
