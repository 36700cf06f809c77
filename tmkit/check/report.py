"""`tmkit check --format html`: one self-contained page a person opens in a browser."""

from __future__ import annotations

from collections import Counter
from html import escape

from tmkit import __version__
from tmkit.check.run import CheckResult, Placed
from tmkit.textio import printable

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.where{white-space:nowrap;font-family:monospace}
.error{color:#a40000;font-weight:600}.warning{color:#8a5a00}.info{color:#555}
code{background:#f6f6f6;padding:0 .2em;white-space:pre-wrap}mark{background:#ffd54d}
.summary td{border:none;padding:.1em .8em .1em 0}
"""


def html_report(result: CheckResult, drafts: list[str]) -> str:
    """The findings as an HTML page: counts by rule, then every finding with its line."""
    by_rule = Counter((p.finding.rule, p.finding.severity) for p in result.placed)
    summary = "".join(
        f'<tr><td class="{escape(severity)}">{escape(severity)}</td><td>{escape(rule)}</td>'
        f"<td>{count}</td></tr>"
        for (rule, severity), count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    rows = "".join(_row(placed) for placed in result.placed)
    files = ", ".join(escape(d) for d in drafts)
    silenced = f", {result.silenced} silenced" if result.silenced else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>tmkit check: {files}</title><style>{_STYLE}</style></head><body>"
        f"<h1>tmkit check</h1><p>{files}: {result.count('error')} errors, "
        f"{result.count('warning')} warnings, {result.count('info')} notes{silenced}.</p>"
        f'<table class="summary">{summary}</table>'
        "<h2>Findings</h2><table><thead><tr><th>where</th><th>severity</th><th>rule</th>"
        f"<th>finding</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p><small>tmkit {escape(__version__)}</small></p></body></html>\n"
    )


def _row(placed: Placed) -> str:
    f = placed.finding
    text = placed.line_text
    start = placed.offset
    end = start + max(placed.end_column - placed.column, 1)
    line = (
        _shown(text[:start]) + "<mark>" + _shown(text[start:end]) + "</mark>" + _shown(text[end:])
    )
    where = f"{placed.file}:{placed.line}:{placed.column}"
    return (
        f'<tr><td class="where">{escape(where)}</td>'
        f'<td class="{escape(f.severity)}">{escape(f.severity)}</td><td>{escape(f.rule)}</td>'
        f"<td>{_shown(f.message)}<br><code>{line}</code></td></tr>"
    )


def _shown(text: str) -> str:
    """Text for the page: escaped, control characters as \\xNN (no HTML may hold them)."""
    return escape(printable(text))
