"""tmkit's command line: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import regex

from tmkit import __version__
from tmkit.atomic import write_atomic
from tmkit.build import build as run_build
from tmkit.convert import convert as run_convert
from tmkit.errors import InputError
from tmkit.lang import normalise_tag, primary
from tmkit.reader import read_document
from tmkit.segment import segment_document, segment_record
from tmkit.srx import Segmenter, load_srx, segmenter_for

_LINE_BREAK = regex.compile(r"[ \t]*\n\s*")


class _Group(click.Group):
    """Turns bad input into one stderr line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"tmkit: {exc.describe()}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmkit")
def cli() -> None:
    """Bilingual terminology and translation memory: segment, align, glossary, TMX/PO, checks."""


def _emit(text: str, output: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--lang", help="Language tag (en, es-MX…); guessed from the text when omitted.")
@click.option("--srx", "srx_path", help="SRX 2.0 rules to use instead of tmkit's own.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one segment a line; jsonl: one object a segment with offsets and speaker.",
)
@click.option("--encoding", help="Encoding of the input when it is not UTF-8 (e.g. cp1252).")
@click.option("--no-clean", is_flag=True, help="Keep every paragraph: input has no web debris.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file; - is stdout.")
def segment(
    files: tuple[str, ...],
    lang: str | None,
    srx_path: str | None,
    fmt: str,
    encoding: str | None,
    no_clean: bool,
    output: str,
) -> None:
    """Cut FILE... (text or HTML; - for stdin) into sentence segments, web debris removed."""
    if lang is not None:
        lang = normalise_tag(lang, "--lang")
    rules = load_srx(srx_path) if srx_path else None
    documents = [read_document(f, lang=lang, encoding=encoding, clean=not no_clean) for f in files]
    chunks = []
    for doc in documents:
        seg_lang = primary(doc.lang)
        segmenter = Segmenter(rules, seg_lang) if rules else segmenter_for(seg_lang)
        segments = segment_document(doc, segmenter)
        if fmt == "jsonl":
            chunks.extend(
                json.dumps(segment_record(s, doc), ensure_ascii=False) + "\n" for s in segments
            )
        else:
            if chunks:
                chunks.append("\n")
            chunks.extend(_LINE_BREAK.sub(" ", s.text) + "\n" for s in segments)
    _emit("".join(chunks), output)


@cli.command()
@click.argument("corpus", default="corpus")
@click.option("--glossary-dir", default="glossary", show_default=True)
@click.option("--exports-dir", default="exports", show_default=True)
def build(corpus: str, glossary_dir: str, exports_dir: str) -> None:
    """Build everything from CORPUS (default: corpus/): segments now, TM and glossary later."""
    verbose = sys.stderr.isatty()

    def progress(name: str) -> None:
        if verbose:
            click.echo(f"reading {name}", err=True)

    report = run_build(Path(corpus), Path(glossary_dir), Path(exports_dir), progress)
    click.echo(
        f"tmkit build: {report.documents} documents, {report.segments} segments, "
        f"{report.dropped} debris lines dropped; wrote {', '.join(report.written)}",
        err=True,
    )


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--src-lang", help="Source language, when the input does not say it.")
@click.option("--tgt-lang", help="Target language for one-pair formats (PO, CSV, TSV, JSONL).")
def convert(source: str, target: str, src_lang: str | None, tgt_lang: str | None) -> None:
    """Convert SOURCE to TARGET by extension: .tmx .po .jsonl .csv .tsv."""
    count = run_convert(source, target, src_lang, tgt_lang)
    click.echo(f"tmkit convert: {count} units written to {target}", err=True)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tmkit")
