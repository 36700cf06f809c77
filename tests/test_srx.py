"""The SRX engine: parsing, rule order, cascading, Java idioms, and malformed rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmkit.errors import InputError
from tmkit.reading.srx import Segmenter, default_rules, java_to_python, parse_srx


def _srx(rules: str, maps: str, cascade: str = "yes") -> bytes:
    return f"""<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="{cascade}"/>
<body><languagerules>{rules}</languagerules><maprules>{maps}</maprules></body></srx>""".encode()


BREAK_ON_STOP = """<languagerule languagerulename="Base">
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
NO_BREAK_AFTER_ABC = """<languagerule languagerulename="Abc">
<rule break="no"><beforebreak>\\babc\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""


def _split(srx: bytes, lang: str, text: str) -> list[str]:
    segmenter = Segmenter(parse_srx(srx, "t.srx"), lang)
    return [text[s:e] for s, e in segmenter.spans(text)]


def test_first_matching_rule_wins() -> None:
    srx = _srx(
        NO_BREAK_AFTER_ABC + BREAK_ON_STOP,
        '<languagemap languagepattern="xx" languagerulename="Abc"/>'
        '<languagemap languagepattern=".*" languagerulename="Base"/>',
    )
    assert _split(srx, "xx", "See abc. Then x. End.") == ["See abc. Then x.", "End."]
    assert _split(srx, "yy", "See abc. Then x. End.") == ["See abc.", "Then x.", "End."]


def test_rule_order_inside_one_language() -> None:
    both = """<languagerule languagerulename="L">
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="no"><beforebreak>\\babc\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    srx = _srx(both, '<languagemap languagepattern=".*" languagerulename="L"/>')
    # the break rule comes first, so the later exception never applies
    assert _split(srx, "en", "See abc. Then.") == ["See abc.", "Then."]


def test_without_cascade_only_the_first_map_applies() -> None:
    srx = _srx(
        NO_BREAK_AFTER_ABC + BREAK_ON_STOP,
        '<languagemap languagepattern="xx" languagerulename="Abc"/>'
        '<languagemap languagepattern=".*" languagerulename="Base"/>',
        cascade="no",
    )
    assert _split(srx, "xx", "See abc. Then x. End.") == ["See abc. Then x. End."]


def test_java_idioms_are_translated() -> None:
    assert (
        java_to_python(r"\p{javaLowerCase}\h\Q.*\E")
        == r"\p{Ll}" + r"[ \t\u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]" + r"\.\*"
    )
    rules = """<languagerule languagerulename="J">
<rule break="no"><beforebreak>\\.</beforebreak><afterbreak>\\s\\p{javaLowerCase}</afterbreak></rule>
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    srx = _srx(rules, '<languagemap languagepattern=".*" languagerulename="J"/>')
    assert _split(srx, "en", "A. b. C.") == ["A. b.", "C."]


def test_a_back_reference_keeps_pointing_at_its_own_rules_group() -> None:
    """Rules of one kind run as one pattern; a numbered back-reference must still mean its
    own rule's group, not an earlier rule's."""
    rules = """<languagerule languagerulename="R">
<rule break="no"><beforebreak>(a)b\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="no"><beforebreak>\\.</beforebreak><afterbreak>\\s(\\w)\\1</afterbreak></rule>
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    srx = _srx(rules, '<languagemap languagepattern=".*" languagerulename="R"/>')
    text = "One. 11 cats ab. Three. Cat."
    assert _split(srx, "en", text) == ["One. 11 cats ab. Three.", "Cat."]


def test_shipped_rules_cover_seven_languages() -> None:
    rules = default_rules()
    for lang in ("en", "es", "fr", "de", "pt", "it", "ru"):
        own = rules.rules_for(lang)
        assert len(own) > len(rules.rules_for("und")), lang
    assert rules.cascade


def test_every_shipped_rule_compiles_on_its_own() -> None:
    """default_rules() skips this check at start-up, so it is made here."""
    from importlib import resources

    data = resources.files("tmkit").joinpath("data/srx/tmkit.srx").read_bytes()
    checked = parse_srx(data, "tmkit.srx")
    assert checked.language_rules == default_rules().language_rules


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not xml at all", "not well-formed XML"),
        (b"<srx><body/>", "not well-formed XML"),
        (b'<?xml version="1.0"?><html/>', "not an SRX file"),
        (_srx(BREAK_ON_STOP, ""), "maps no language"),
        (
            _srx(BREAK_ON_STOP, '<languagemap languagepattern=".*" languagerulename="Nope"/>'),
            "unknown languagerule",
        ),
        (
            _srx(
                BREAK_ON_STOP.replace("\\.", "(unclosed"),
                '<languagemap languagepattern=".*" languagerulename="Base"/>',
            ),
            "bad rule regex",
        ),
    ],
)
def test_malformed_srx(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        parse_srx(data, "bad.srx")


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", "utf-8")
    data = f"""<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY e SYSTEM "file://{secret}">]>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>
<languagerules><languagerule languagerulename="L">
<rule break="yes"><beforebreak>&e;</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="L"/></maprules></body></srx>"""
    rules = parse_srx(data.encode(), "e.srx")
    assert all("SECRET" not in r.before for r in rules.rules_for("en"))
