"""tmkit's command line: a thin click layer over the library."""

from __future__ import annotations

import gc
import os
import re
import signal
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tmkit import __version__
from tmkit.choices import (
    COUNTINGS,
    GLOSSARY_FORMATS,
    MIN_TERMHOOD,
    MODES,
    SEVERITIES,
    TM_FORMATS,
    WAIT,
)
from tmkit.errors import InputError, Terminated

if TYPE_CHECKING:
    import json

    from tmkit.align.pipeline import Alignment, Side
    from tmkit.glossary.model import Entry
    from tmkit.model import Document
    from tmkit.tm.store import Match, TranslationMemoryStore

# Each command imports the library it uses when it runs, so `tmkit --version`, `--help` and
# a glossary look-up do not load the aligner, numpy, wordfreq and the rest.

DEFAULT_GLOSSARY = "glossary/glossary.tbx"
IGNORE_FILE = ".tmkit-ignore.toml"
CHECK_CONFIG = ".tmkit-check.toml"
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
# Control characters (C0 but tab and LF, DEL, C1) shown escaped in text for a terminal.


def _set_verbosity(level: int) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, given: bool) -> None:
        from tmkit.progress import set_verbosity

        if given:
            set_verbosity(level)

    return callback


def _verbosity_options() -> list[click.Option]:
    """-q and -v, which every command (and `tmkit` itself) takes."""
    from tmkit.progress import QUIET, VERBOSE

    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False,
                     callback=_set_verbosity(QUIET),
                     help="Say nothing on stderr but errors and warnings: no bar, no summary."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False,
                     callback=_set_verbosity(VERBOSE),
                     help="Say more on stderr: what was read, decided and written, and timings."),
    ]  # fmt: skip


class _Command(click.Command):
    """A command that takes -q/--quiet and -v/--verbose."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.params.extend(_verbosity_options())


class _Group(click.Group):
    """Turns bad input, OS errors and signals into one stderr line and an exit code (2 for bad
    input or a failing system, 130 for SIGINT, 143 for SIGTERM), never a traceback; its
    commands and groups take -q/-v, and -v times the whole command."""

    command_class = _Command
    group_class = type  # subgroups are _Groups too (click reads `type` as "this class")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.params.extend(_verbosity_options())

    def invoke(self, ctx: click.Context) -> object:
        from tmkit.atomic import flush_reporting, os_problem
        from tmkit.progress import detail

        began = time.perf_counter()
        try:
            result = super().invoke(ctx)
            flush_reporting(sys.stdout, "<stdout>")
            if ctx.parent is None:
                detail(f"tmkit: done in {time.perf_counter() - began:.2f} s")
            return result
        except InputError as exc:
            _fail(ctx, exc.describe(), 2)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(ctx, f"{where}{os_problem(exc)}", 2)
        except KeyboardInterrupt:
            _fail(ctx, "interrupted", 130)
        except Terminated:
            _fail(ctx, "terminated", 143)
        return None


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"tmkit: {_one_line(message)}", err=True)
    ctx.exit(code)


def _one_line(message: str) -> str:
    """A message as one line a terminal shows as it is: line breaks, tabs and other
    invisible or control characters (quoted from the input by a parser's message, or in a
    file's name) written as escapes."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message
    )


class _ClosedStdout:
    """Stands for a closed file descriptor 1 (`>&-`): writing to it is an error, not a no-op."""

    def write(self, text: str) -> int:
        raise InputError("<stdout>", "standard output is closed")

    def flush(self) -> None:
        """Nothing was written."""

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> _ClosedStdout:
        return self


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmkit")
def cli() -> None:
    """Bilingual terminology and translation memory: segment, align, glossary, TMX/PO, checks."""


class _PathName(click.Path):
    """A path, shown as FILE or DIRECTORY in --help; nothing is checked here: a missing file
    or a directory named as a file gets tmkit's own one-line error when the command opens
    it (click's would be a usage message)."""

    def convert(self, value: object, param: object, ctx: object) -> str:
        return os.fspath(value)  # type: ignore[arg-type]


FILE = _PathName(dir_okay=False, allow_dash=True)
DIR = _PathName(file_okay=False)


# Each command's output formats, the first its default; one a file name's extension names is
# the default when -o has that extension (`-o pairs.tmx` writes TMX, not text).
_SEGMENT_FORMATS = ("text", "jsonl")
_ALIGN_FORMATS = ("text", "jsonl", "tsv", "tmx", "po", "xliff", "xliff2")
_CHECK_FORMATS = ("text", "json", "html")
_FORMAT_OF_SUFFIX = {".jsonl": "jsonl", ".tsv": "tsv", ".tmx": "tmx", ".po": "po",
                     ".xlf": "xliff", ".xliff": "xliff", ".xlf2": "xliff2", ".json": "json",
                     ".html": "html", ".htm": "html"}  # fmt: skip


def _format_for(fmt: str | None, output: str, formats: tuple[str, ...]) -> str:
    """--format as given, else the one of `formats` that -o's extension names, else the
    first of them."""
    if fmt is not None:
        return fmt
    named = _FORMAT_OF_SUFFIX.get(Path(output).suffix.lower()) if output != "-" else None
    return named if named in formats else formats[0]


def _emit(text: str, output: str) -> None:
    from tmkit.atomic import write_atomic

    write_atomic(output, text)


def _dumps(value: object, **options: object) -> str:
    """JSON as tmkit prints it (json loads when a command prints some, not at start-up)."""
    if options:
        import json

        return json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return _plain_encoder().encode(value)


@cache
def _plain_encoder() -> json.JSONEncoder:
    """One encoder for every line a command writes (json.dumps with an option builds one
    a call)."""
    import json

    return json.JSONEncoder(ensure_ascii=False)


@cli.command(short_help="Cut documents into sentence segments, web debris removed.")
@click.argument("files", nargs=-1, required=True)
@click.option("--lang", help="Language tag (en, es-MX…); guessed from the text when omitted.")
@click.option(
    "--srx", "srx_path", type=FILE, help="SRX 1.0/2.0 rules to use instead of tmkit's own."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_SEGMENT_FORMATS),
    help="text: one segment a line; jsonl: one object a segment with offsets and speaker. "
    "Default: as -o's name says (.jsonl), else text.",
)
@click.option("--encoding", help="Encoding of the input when it is not UTF-8 (e.g. cp1252).")
@click.option("--no-clean", is_flag=True, help="Keep every paragraph: input has no web debris.")
@click.option(
    "-o", "--output", type=FILE, default="-", show_default=True, help="Output file; - is stdout."
)
def segment(
    files: tuple[str, ...],
    lang: str | None,
    srx_path: str | None,
    fmt: str | None,
    encoding: str | None,
    no_clean: bool,
    output: str,
) -> None:
    """Cut FILE... (text, HTML, Markdown, .docx, .odt, PDF, .srt or .vtt; - for stdin) into
    sentence segments, web debris removed."""
    from tmkit.lang import normalise_tag, primary
    from tmkit.reading.reader import read_pieces
    from tmkit.reading.segment import segment_pieces, segment_record
    from tmkit.reading.srx import Segmenter, load_srx, segmenter_for

    fmt = _format_for(fmt, output, _SEGMENT_FORMATS)
    if lang is not None:
        lang = normalise_tag(lang, "--lang")
    rules = load_srx(srx_path) if srx_path else None
    custom: dict[str, Segmenter] = {}  # one per language: building one compiles and times rules

    def segmenter(doc: Document) -> Segmenter:
        seg_lang = primary(doc.lang)
        if rules is None:
            return segmenter_for(seg_lang)
        if seg_lang not in custom:
            custom[seg_lang] = Segmenter(rules, seg_lang)
        return custom[seg_lang]

    # Documents are read, segmented and written one piece at a time, into a temporary file
    # that replaces OUT only when every file has been read.
    from tmkit.atomic import atomic_writer
    from tmkit.progress import detail, progress_bar

    wrote = False
    with atomic_writer(output) as out, progress_bar("tmkit segment", " segments") as step:
        for path in files:
            pieces = read_pieces(path, lang=lang, encoding=encoding, clean=not no_clean)
            separate = wrote and fmt == "text"  # a blank line between documents' segments
            counts: dict[str, int] = {}
            for doc, segment in segment_pieces(pieces, segmenter):
                counts[doc.lang] = counts.get(doc.lang, 0) + 1
                if step is not None:
                    step()
                if fmt == "jsonl":
                    out.write(_dumps(segment_record(segment, doc)) + "\n")
                else:
                    if separate:
                        out.write("\n")
                        separate = False
                    out.write(_LINE_BREAK.sub(" ", segment.text) + "\n")
                wrote = True
            shown = ", ".join(f"{n} in {language}" for language, n in counts.items()) or "none"
            detail(f"segment {path}: segments {shown}")


_TEXT_OR_JSON = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for programs.",
)
_TM_DB = click.option("--db", required=True, help="The TM: a SQLite file or postgresql://…")
_SUMMARY_FORMAT = click.option(
    "--format",
    "summary_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The summary: a line on stderr, or a JSON object (on stdout, or stderr when stdout "
    "carries the output).",
)


def _summarise(line: str, record: dict[str, object], fmt: str, data_on_stdout: bool) -> None:
    """A command's summary: one line on stderr, or its JSON record for scripts."""
    from tmkit.progress import say

    if fmt == "json":
        click.echo(_dumps(record), err=data_on_stdout)
    else:
        say(line)


@cli.command()
@click.argument("corpus", default="corpus")
@click.option(
    "--glossary-dir",
    type=DIR,
    default="glossary",
    show_default=True,
    help="Where the glossary (TBX, CSV) and its curated.toml live.",
)
@click.option(
    "--exports-dir",
    type=DIR,
    default="exports",
    show_default=True,
    help="Where the segments and the counterpart TMX, PO and JSONL go.",
)
@_SUMMARY_FORMAT
def build(corpus: str, glossary_dir: str, exports_dir: str, summary_format: str) -> None:
    """Build everything from CORPUS (default: corpus/): segments, counterpart TMX/PO, glossary."""
    from dataclasses import asdict

    from tmkit.build import build as run_build
    from tmkit.progress import progress_bar

    with progress_bar("tmkit build") as step:
        report = run_build(Path(corpus), Path(glossary_dir), Path(exports_dir), step)
    _summarise(
        f"tmkit build: {report.documents} documents, {report.segments} segments, "
        f"{report.dropped} debris lines dropped, {report.pairs} counterpart pairs, "
        f"{report.entries} glossary entries; "
        f"wrote {', '.join(report.written)}",
        asdict(report),
        summary_format,
        data_on_stdout=False,
    )
    for line in report.stale:
        click.echo(f"tmkit build: {Path(glossary_dir) / 'curated.toml'}: {line}", err=True)
    for line in report.warnings:
        click.echo(f"tmkit build: warning: {line}", err=True)


@cli.command()
@click.argument("files", nargs=-1, metavar="[SRC TGT]", type=FILE)
@click.option(
    "--corpus", "corpus_dir", type=DIR, help="Align every document pair of a corpus, by event."
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="parallel: a translation; comparable: texts that quote each other; auto: "
    "by the languages and lengths.",
)
@click.option("--src-lang", help="Language of SRC (guessed from the text when omitted).")
@click.option("--tgt-lang", help="Language of TGT (guessed from the text when omitted).")
@click.option("--min-score", type=click.FloatRange(0, 1), help="Drop pairs scoring less.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_ALIGN_FORMATS),
    help="text for people; jsonl or tsv with ids and scores; tmx, po, xliff (1.2), xliff2 "
    "(2.1) as a translation memory. Default: as -o's name says (.tmx, .po, .xlf…), else text.",
)
@click.option("--segmented", is_flag=True, help="Inputs are one segment a line: do not re-cut.")
@click.option("--cross-event", is_flag=True, help="With --corpus, also pair different events.")
@click.option(
    "--retranslated-only", is_flag=True, help="Keep pairs whose source is a retranslated turn."
)
@click.option("--encoding", help="Encoding of the inputs when it is not UTF-8 (e.g. cp1252).")
@click.option(
    "--glossary",
    "glossary_path",
    type=FILE,
    help="Glossary whose terms and renderings anchor pairs.",
)
@click.option(
    "--dictionary",
    "dictionaries",
    multiple=True,
    help="Word pairs as lexical evidence: hunalign .dic, source<TAB>target .tsv, or a "
    "dictd .index (Debian's FreeDict packages). Repeatable.",
)
@click.option(
    "--fixed",
    "fixed_path",
    type=FILE,
    help="Beads to keep as they are (an edited --format tsv table, or [1,2]:[3] lines); "
    "the rest is aligned around them.",
)
@click.option(
    "-o", "--output", type=FILE, default="-", show_default=True, help="Output file; - is stdout."
)
def align(
    files: tuple[str, ...],
    corpus_dir: str | None,
    mode: str,
    src_lang: str | None,
    tgt_lang: str | None,
    min_score: float | None,
    fmt: str | None,
    segmented: bool,
    cross_event: bool,
    retranslated_only: bool,
    encoding: str | None,
    glossary_path: str | None,
    dictionaries: tuple[str, ...],
    fixed_path: str | None,
    output: str,
) -> None:
    """Align SRC with TGT (a translation, or a text that quotes it), or a whole --corpus."""
    from tmkit.align.dictionary import read_dictionary
    from tmkit.align.evaluate import numbered_beads
    from tmkit.align.parallel import check_fixed
    from tmkit.align.pipeline import AlignOptions, align_corpus, align_pair

    fmt = _format_for(fmt, output, _ALIGN_FORMATS)
    options = AlignOptions(mode, min_score, cross_event, retranslated_only)
    if glossary_path:
        from tmkit.glossary.files import read_glossary

        options.lexicon = [
            (form.form, rendering)
            for entry in read_glossary(glossary_path)
            for renderings in entry.translations.values()
            for rendering in renderings
            for form in entry.forms
        ]
    for dictionary in dictionaries:
        options.lexicon.extend(read_dictionary(dictionary))
    from tmkit.progress import progress_bar

    if corpus_dir is not None:
        from tmkit.corpus import load_corpus

        if files or fixed_path:
            raise click.UsageError("--corpus takes neither SRC TGT nor --fixed")
        with progress_bar("tmkit align") as step:
            found = align_corpus(load_corpus(corpus_dir, step), options, step)
    else:
        if len(files) != 2:
            raise click.UsageError("give SRC and TGT, or --corpus DIR")
        sides = [
            _align_side(path, lang, option, segmented, encoding)
            for path, lang, option in zip(
                files, (src_lang, tgt_lang), ("--src-lang", "--tgt-lang"), strict=True
            )
        ]
        if fixed_path is not None:
            if mode == "comparable":
                raise click.UsageError("--fixed keeps parallel beads: not with --mode comparable")
            options.mode = "parallel"
            sizes = (len(sides[0].segments), len(sides[1].segments))
            options.fixed = check_fixed(numbered_beads(fixed_path), *sizes, fixed_path)
        with progress_bar("tmkit align", " sentences") as step:
            found = align_pair(sides[0], sides[1], options, progress=step)
    _write_alignments(found, fmt, output)


def _align_side(
    path: str, lang: str | None, option: str, segmented: bool, encoding: str | None
) -> Side:
    from tmkit.align.pipeline import check_language, segmented_side, side_of
    from tmkit.lang import guess_language, normalise_tag
    from tmkit.model import default_doc_id
    from tmkit.textio import decode_text, read_bytes

    if lang is not None:
        lang = normalise_tag(lang, option)
    if segmented:
        text, _ = decode_text(read_bytes(path), path, encoding)
        side = segmented_side(default_doc_id(path), path, text, lang or guess_language(text))
    else:
        from tmkit.reading.reader import read_document  # not needed for segmented input

        side = side_of(read_document(path, lang=lang, encoding=encoding))
    check_language(side, lang, option)
    return side


def _write_alignments(found: list[Alignment], fmt: str, output: str) -> None:
    from tmkit.align.evaluate import ids_cell, review_table
    from tmkit.align.pipeline import one_line

    if fmt in ("tmx", "po", "xliff", "xliff2"):
        from tmkit.formats import output_suffix

        _write_memory(found, output_suffix(output, fmt), output)
        return
    if fmt == "jsonl":
        text = "".join(_dumps(a.record()) + "\n" for a in found)
    elif fmt == "tsv":
        text = review_table(
            (ids_cell(a.src_ids), ids_cell(a.tgt_ids), f"{a.score:.3f}",
             "low" if a.low_confidence else "", one_line(a.src), one_line(a.tgt),
             a.src_doc, a.tgt_doc)
            for a in found
        )  # fmt: skip
    else:
        text = "".join(_describe_alignment(a) for a in found)
    _emit(text, output)


def _write_memory(found: list[Alignment], suffix: str, output: str) -> None:
    """Write pairs as a TM file of the given format, to stdout or to OUTPUT whatever its name."""
    from tmkit.align.pipeline import memory_of
    from tmkit.formats import write_units

    memory, units = memory_of(found)
    write_units(output, units, memory, suffix)


def _describe_alignment(pair: Alignment) -> str:
    """Two lines a pair for people: where it is, how sure, and both texts."""
    from tmkit.align.pipeline import one_line

    src = ",".join(map(str, pair.src_ids)) or "-"
    tgt = ",".join(map(str, pair.tgt_ids)) or "-"
    who = f"  {pair.src_speaker}" if pair.src_speaker else ""
    flag = " (retranslated)" if pair.src_retranslated else ""
    head = (
        f"{pair.src_doc}[{src}] ↔ {pair.tgt_doc}[{tgt}]  {pair.score:.2f}  {pair.kind}{who}{flag}"
    )
    return f"{head}\n  < {one_line(pair.src)}\n  > {one_line(pair.tgt)}\n\n"


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--src-lang", help="Source language, when the input does not say it.")
@click.option("--tgt-lang", help="Target language for one-pair formats (PO, CSV, TSV, JSONL).")
@click.option("--from", "from_format", type=click.Choice(TM_FORMATS), help="SOURCE's format.")
@click.option("--to", "to_format", type=click.Choice(TM_FORMATS), help="TARGET's format.")
@_SUMMARY_FORMAT
def convert(
    source: str,
    target: str,
    src_lang: str | None,
    tgt_lang: str | None,
    from_format: str | None,
    to_format: str | None,
    summary_format: str,
) -> None:
    """Convert SOURCE to TARGET by extension (.tmx .po .xlf .jsonl .csv .tsv), or by the
    formats --from and --to name; `-` is stdin or stdout."""
    from tmkit.convert import convert as run_convert
    from tmkit.progress import progress_bar

    with progress_bar("tmkit convert", " units") as step:
        report = run_convert(source, target, src_lang, tgt_lang, from_format, to_format, step)
    left_out = [
        f"{n} {why}"
        for n, why in ((report.for_review, "marked for review"),
                       (report.without_pair, "without text on both sides"))
        if n
    ]  # fmt: skip
    _summarise(
        f"tmkit convert: {report.written} units written to {target}"
        + (f" ({', '.join(left_out)} left out)" if left_out else ""),
        {"source": source, "target": target, "units_read": report.read,
         "units_written": report.written, "left_out_for_review": report.for_review,
         "left_out_without_both_sides": report.without_pair},
        summary_format,
        data_on_stdout=target == "-",
    )  # fmt: skip


@cli.group("eval")
def evaluate() -> None:
    """Score tmkit's output against gold data."""


@evaluate.command("align")
@click.argument("predicted")
@click.argument("gold")
@click.option("--src-doc", help="Score only the JSONL pairs whose source is this document.")
@click.option("--tgt-doc", help="Score only the JSONL pairs whose target is this document.")
@_TEXT_OR_JSON
@click.option(
    "--counting",
    type=click.Choice(COUNTINGS),
    default="vecalign",
    show_default=True,
    help="vecalign: insertions and deletions count in precision; two-sided: they are ignored.",
)
def eval_align(
    predicted: str, gold: str, src_doc: str | None, tgt_doc: str | None, fmt: str, counting: str
) -> None:
    """Precision, recall and F1, strict and lax, of PREDICTED beads against GOLD beads.

    Both files hold beads over sentence indices, one a line: `[0]:[0]`, `[1,2]:[3]`,
    `[4]:[]`; PREDICTED may also be `tmkit align --format jsonl` output, of a whole corpus
    when --src-doc and --tgt-doc pick the document pair GOLD is about."""
    from tmkit.align.evaluate import read_beads
    from tmkit.align.evaluate import score as score_alignment

    beads = read_beads(predicted, src_doc=src_doc, tgt_doc=tgt_doc)
    scores = score_alignment(beads, read_beads(gold), counting)
    if fmt == "json":
        from dataclasses import asdict

        click.echo(_dumps(asdict(scores), indent=1))
        return
    click.echo(f"{'':7} {'precision':>9} {'recall':>9} {'F1':>9}")
    click.echo(
        f"{'strict':7} {scores.strict_precision:9.3f} {scores.strict_recall:9.3f} "
        f"{scores.strict_f1:9.3f}"
    )
    click.echo(
        f"{'lax':7} {scores.lax_precision:9.3f} {scores.lax_recall:9.3f} {scores.lax_f1:9.3f}"
    )


@cli.group()
def glossary() -> None:
    """Build a glossary of names and terms, and look terms up in one."""


@glossary.command("build")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=FILE, default="-", show_default=True, help="Output file; - is stdout."
)
@click.option("--format", "fmt", type=click.Choice(GLOSSARY_FORMATS), help="Default: by -o's name.")
@click.option("--curated", type=FILE, help="Curated decisions to apply (TOML; see README).")
@click.option(
    "--min-termhood",
    type=click.FloatRange(0),
    default=MIN_TERMHOOD,
    show_default=True,
    help="Keep phrases ranking at least this (C-value × specificity; grown with corpus size).",
)
@click.option(
    "--dictionary",
    "dictionaries",
    multiple=True,
    help="Word pairs that say a rendering however unlike in letters, and align the texts: "
    "hunalign .dic, source<TAB>target .tsv, or a dictd .index (Debian's FreeDict packages). "
    "Repeatable.",
)
def glossary_build(
    paths: tuple[str, ...],
    output: str,
    fmt: str | None,
    curated: str | None,
    min_termhood: float,
    dictionaries: tuple[str, ...],
) -> None:
    """Build a glossary from PATH... (corpus folders or documents)."""
    from tmkit.align.dictionary import read_dictionary
    from tmkit.align.pipeline import AlignOptions, align_corpus
    from tmkit.corpus import load_corpus
    from tmkit.glossary.build import build_glossary
    from tmkit.glossary.files import format_of, render
    from tmkit.progress import progress_bar
    from tmkit.reading.reader import read_document

    fmt = fmt or ("json" if output == "-" else format_of(output))
    if curated is not None and not Path(curated).is_file():
        raise InputError(curated, "no such curation file")
    dictionary = [pair for path in dictionaries for pair in read_dictionary(path)]
    documents = []
    with progress_bar("tmkit glossary") as step:
        for path in paths:
            if Path(path).is_dir():
                documents.extend(load_corpus(path, step))
            else:
                documents.append(read_document(path))
                if step:
                    step(f"reading {path}")
        # Files named one by one belong together (a text and its translation); a corpus
        # folder's documents are paired within their events.
        together = not any(Path(path).is_dir() for path in paths)
        options = AlignOptions(cross_event=together, lexicon=list(dictionary))
        pairs = align_corpus(documents, options, step)
        report = build_glossary(
            documents, curated, pairs, min_termhood, progress=step, dictionary=dictionary
        )
    for line in report.stale:
        click.echo(f"tmkit glossary: {curated}: {line}", err=True)
    for line in report.warnings:
        click.echo(f"tmkit glossary: warning: {line}", err=True)
    main, other = _languages(documents)
    _emit(render(report.entries, fmt, main, other), output)


def _languages(documents: list) -> tuple[str, str | None]:
    """The glossary's language (the commonest, the first given on a tie) and, for a text and
    its translation, the other language (the commonest of the rest)."""
    from collections import Counter

    from tmkit.lang import primary

    counts = Counter(primary(d.lang) for d in documents)  # in order of first appearance
    ranked = sorted(counts, key=lambda lang: -counts[lang])
    return (ranked[0] if ranked else "en"), (ranked[1] if len(ranked) > 1 else None)


@glossary.command("lookup")
@click.argument("query")
@click.option(
    "--glossary",
    "path",
    type=FILE,
    default=DEFAULT_GLOSSARY,
    show_default=True,
    help="The glossary to look in (TBX, CSV, TSV or JSON).",
)
@click.option(
    "--limit",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="At most this many entries.",
)
@_TEXT_OR_JSON
@click.option("--allow-empty", is_flag=True, help="A glossary with no entries is no error.")
def glossary_lookup(query: str, path: str, limit: int, fmt: str, allow_empty: bool) -> None:
    """Look QUERY up: exact form, any variant, accent- and case-blind, prefix, fuzzy."""
    from tmkit.glossary.lookup import GlossaryIndex
    from tmkit.textio import printable, shortened

    hits = GlossaryIndex(_glossary_entries(path, allow_empty)).lookup(query, limit)
    if fmt == "json":
        records = [hit.record() for hit in hits]
        click.echo(_dumps(records, indent=1))
        return
    if not hits:
        click.echo(printable(f"no entry for {shortened(query)!r}"), err=True)
        return
    for hit in hits:
        click.echo(printable(_describe_entry(hit.entry, hit.how, hit.score)))


def _describe_entry(entry: Entry, how: str, score: float) -> str:
    """An entry for people: term, kind and role, variants with status, docs, context."""
    role = f", {entry.role}" if entry.role else ""
    lines = [f"{entry.term}  [{entry.id} {entry.kind}{role}; {how} {score:.0f}]"]
    for form in entry.forms[1:]:
        lines.append(f"  {form.status:<10} {form.form} ({form.count})")
    for lang, renderings in entry.translations.items():
        lines.append(f"  {lang}: {'; '.join(renderings)}")
    for lang, renderings in entry.deprecated_translations.items():
        lines.append(f"  {lang} deprecated: {'; '.join(renderings)}")
    if entry.docs:
        lines.append(f"  in {', '.join(entry.docs)}; {entry.count} occurrences")
    if entry.context:
        lines.append(f"  “{entry.context}”")
    for note in entry.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


@cli.command(short_help="Check drafts for terminology against the glossary.")
@click.argument("drafts", nargs=-1, required=True)
@click.option("--glossary", "path", type=FILE, help=f"Glossary file (default: {DEFAULT_GLOSSARY}).")
@click.option(
    "--source", type=FILE, help="The source the draft translates: also check terms and numbers."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_CHECK_FORMATS),
    help="html: one self-contained report to open in a browser. Default: as -o's name says "
    "(.json, .html), else text.",
)
@click.option(
    "--config",
    "config_path",
    type=FILE,
    help=f"Rules on or off and their severity (TOML [rules]; default {CHECK_CONFIG} if present).",
)
@click.option(
    "--tm",
    "tm_path",
    help="A TM (SQLite or postgresql://…) whose targets the drafts must agree with.",
)
@click.option(
    "-o", "--output", type=FILE, default="-", help="Write the report here (default stdout)."
)
@click.option(
    "--severity",
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--ignore-file",
    type=FILE,
    help=f"Findings to silence (TOML; default {IGNORE_FILE} if present).",
)
@click.option("--encoding", help="Encoding of text drafts when it is not UTF-8.")
@click.option("--allow-empty", is_flag=True, help="A glossary with no entries is no error.")
def check(
    drafts: tuple[str, ...],
    path: str | None,
    source: str | None,
    fmt: str | None,
    severity: str,
    ignore_file: str | None,
    encoding: str | None,
    allow_empty: bool,
    config_path: str | None,
    tm_path: str | None,
    output: str,
) -> None:
    """Check DRAFT... (text, Markdown, PO, XLIFF, TMX): terminology against the glossary,
    and on bilingual drafts (or with --source) the QA checks of source against target.
    Without a glossary, bilingual drafts get the QA checks alone."""
    from tmkit.check.config import load_levels
    from tmkit.check.drafts import BILINGUAL_SUFFIXES
    from tmkit.check.report import html_report
    from tmkit.check.run import check_files, describe, load_ignores

    fmt = _format_for(fmt, output, _CHECK_FORMATS)
    bilingual = source is not None or all(
        Path(d).suffix.lower() in BILINGUAL_SUFFIXES for d in drafts
    )
    if path is None and bilingual and not _has_project_glossary():
        entries: list[Entry] = []
    else:
        entries = _glossary_entries(path or _project_glossary(), allow_empty)
    if ignore_file is None and Path(IGNORE_FILE).is_file():
        ignore_file = IGNORE_FILE
    ignores = load_ignores(ignore_file) if ignore_file else []
    if config_path is None and Path(CHECK_CONFIG).is_file():
        config_path = CHECK_CONFIG
    levels = load_levels(config_path)
    memory = _open_check_tm(tm_path) if tm_path else None
    try:
        result = check_files(list(drafts), entries, source, ignores, encoding, levels, memory)
    finally:
        if memory is not None:
            memory.close()
    if fmt == "json":
        records = [p.record() for p in result.placed]
        _emit(_dumps(records, indent=1) + "\n", output)
    elif fmt == "html":
        _emit(html_report(result, list(drafts)), output)
    else:
        _emit("".join(describe(placed) + "\n" for placed in result.placed), output)
    if fmt == "text":
        from tmkit.progress import say

        say(
            f"{result.count('error')} errors, {result.count('warning')} warnings in "
            f"{len(drafts)} file{'s' if len(drafts) != 1 else ''}"
            + (f" ({result.silenced} silenced)" if result.silenced else "")
        )
    if result.fails(severity):
        sys.exit(1)


def _glossary_entries(path: str, allow_empty: bool) -> list[Entry]:
    """A glossary's entries; one with none is refused (a wrong or empty file would make every
    check pass) unless the caller allows it."""
    from tmkit.glossary.files import read_glossary

    entries = read_glossary(path)
    if not entries and not allow_empty:
        raise InputError(
            "<stdin>" if path == "-" else path,
            "glossary has no entries (give --allow-empty if that is meant)",
        )
    return entries


def _open_check_tm(path: str) -> TranslationMemoryStore:
    """An existing TM to check against; a missing file is an input error, not a new TM."""
    from tmkit.tm.open import open_store
    from tmkit.tm.postgres import is_postgres

    if not is_postgres(path) and not Path(path).is_file():
        raise InputError(path, "no such translation memory")
    return open_store(path)


def _has_project_glossary() -> bool:
    try:
        _project_glossary()
    except InputError:
        return False
    return True


def _project_glossary() -> str:
    """The project's glossary: glossary/glossary.tbx, else another glossary/ file."""
    for name in ("glossary.tbx", "glossary.json", "glossary.csv", "glossary.tsv"):
        if (Path("glossary") / name).is_file():
            return str(Path("glossary") / name)
    raise InputError("glossary/", "no glossary found: run `tmkit build` or pass --glossary")


@cli.group()
def tm() -> None:
    """Translation memory (a SQLite file or PostgreSQL): import, look up, concordance,
    export, and upkeep (stats, delete, dedupe)."""


@tm.command("import")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--db", required=True, help="The TM: a SQLite file (created when missing) or postgresql://…"
)
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=WAIT,
    show_default=True,
    help="Seconds to wait while another process writes the same TM.",
)
@click.option("--from", "from_format", type=click.Choice(TM_FORMATS), help="The files' format.")
@click.option("--src-lang", help="Source language, where a file does not say it.")
@click.option(
    "--tgt-lang", help="Target language, where a one-pair file (PO, CSV…) does not say it."
)
@click.option(
    "--origin", help="Where these units come from (a client, an MT engine…), kept with each."
)
@click.option(
    "--penalty",
    type=click.IntRange(0, 100),
    help="Points a look-up takes off matches from --origin (as OmegaT's penalty-NN folders).",
)
@_SUMMARY_FORMAT
def tm_import(
    files: tuple[str, ...],
    db: str,
    wait: float,
    from_format: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    origin: str | None,
    penalty: int | None,
    summary_format: str,
) -> None:
    """Add FILE... (.tmx .po .xlf .jsonl .csv .tsv; - for stdin, with --from) to the TM:
    all, or on error none."""
    from tmkit.formats import iter_units
    from tmkit.lang import normalise_tag
    from tmkit.progress import counted, detail, progress_bar
    from tmkit.tm.open import open_store

    for_review = 0  # renderings to review (fuzzy PO entries, XLIFF proposals): not stored

    def batches(step):
        nonlocal for_review
        for path in files:
            read = 0
            for batch in counted(iter_units(path, from_format, *languages), step):
                read += 1
                for_review += batch[1].needs_review
                yield batch
            detail(f"tm import {path}: {read} units read")

    if penalty is not None and origin is None:
        raise click.UsageError("--penalty needs --origin: the penalty belongs to an origin")
    given = ((src_lang, "--src-lang"), (tgt_lang, "--tgt-lang"))
    languages = [normalise_tag(tag, option) if tag else None for tag, option in given]
    with (
        progress_bar("tmkit tm import", " units") as step,
        open_store(db, create=True, wait=wait) as store,
    ):
        report = store.import_units(batches(step), origin, penalty)
        total = store.count()
    left_out = f" ({for_review} marked for review left out)" if for_review else ""
    _summarise(
        f"tmkit tm import: {report.read} pairs read, {report.added} added, "
        f"{report.read - report.added} already there; {total} in {db}{left_out}",
        {"files": list(files), "pairs_read": report.read, "added": report.added,
         "already_there": report.read - report.added, "units": total, "db": str(store.path),
         "origin": origin, "left_out_for_review": for_review},
        summary_format,
        data_on_stdout=False,
    )  # fmt: skip


@tm.command("lookup")
@click.argument("text")
@_TM_DB
@click.option(
    "--min",
    "minimum",
    default=75,
    show_default=True,
    type=click.IntRange(0, 101),
    help="Lowest match percentage shown (101: in-context matches only).",
)
@click.option("--src-lang", help="Language of TEXT (default: the TM's main source language).")
@click.option("--tgt-lang", help="Only matches into this language.")
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1),
    help="At most this many matches.",
)
@click.option("--context", help="The preceding source segment, for 101% in-context matches.")
@click.option(
    "--penalty",
    "penalties",
    multiple=True,
    metavar="ORIGIN=N",
    help="Take N points off matches from ORIGIN, instead of its stored penalty (repeatable).",
)
@_TEXT_OR_JSON
def tm_lookup(
    text: str,
    db: str,
    minimum: int,
    src_lang: str | None,
    tgt_lang: str | None,
    limit: int,
    context: str | None,
    penalties: tuple[str, ...],
    fmt: str,
) -> None:
    """Fuzzy matches for TEXT, best first (see README for how percentages are computed)."""
    from tmkit.tm.open import open_store

    given = dict(_penalty(value) for value in penalties)
    with open_store(db) as store:
        src_lang = _tm_source_language(store, src_lang)
        matches = store.lookup(text, src_lang, tgt_lang, minimum, limit, context, given)
        held = store.language_pairs() if not matches else []
    _print_matches(matches, fmt, with_score=True)
    if not matches and fmt == "text":
        click.echo(_no_match(text, minimum, src_lang, tgt_lang, held, db), err=True)


@tm.command("concordance")
@click.argument("words")
@_TM_DB
@click.option("--lang", help="Only units with this language on either side.")
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(1),
    help="At most this many units.",
)
@_TEXT_OR_JSON
def tm_concordance(words: str, db: str, lang: str | None, limit: int, fmt: str) -> None:
    """Units whose source or target holds all of WORDS."""
    from tmkit.tm.open import open_store

    with open_store(db) as store:
        matches = store.concordance(words, lang, limit)
    _print_matches(matches, fmt, with_score=False)


@tm.command("export")
@click.argument("output")
@_TM_DB
@click.option("--src-lang", help="Source language (default: the TM's main source language).")
@click.option("--tgt-lang", help="Target language for one-pair formats (PO, CSV, TSV).")
@click.option("--to", "to_format", type=click.Choice(TM_FORMATS), help="OUTPUT's format.")
@_SUMMARY_FORMAT
def tm_export(
    output: str,
    db: str,
    src_lang: str | None,
    tgt_lang: str | None,
    to_format: str | None,
    summary_format: str,
) -> None:
    """Write the whole TM to OUTPUT (.tmx .po .xlf .jsonl .csv .tsv; - for stdout, with --to)."""
    from tmkit.convert import write_reported
    from tmkit.formats import output_suffix
    from tmkit.tm.open import open_store
    from tmkit.units import Memory

    with open_store(db) as store:
        main = store.main_languages()
        if main is None:
            raise InputError(db, "translation memory is empty")
        memory = Memory(srclang=src_lang or main[0], tgtlang=tgt_lang or main[1])
        suffix = output_suffix(output, to_format)
        try:
            report = write_reported(output, (u for _, u in store.units()), memory, suffix)
        except InputError as exc:
            if exc.path is None:  # a stored unit the format cannot hold: the TM is the input
                raise InputError(db, exc.problem, exc.line) from None
            raise
    other = report.read - report.written  # a one-pair format holds one pair of languages
    _summarise(
        f"tmkit tm export: {report.written} units written to {output}"
        + (f" ({other} of other language pairs left out)" if other else ""),
        {"db": str(store.path), "output": output, "units_read": report.read,
         "units_written": report.written, "left_out_other_languages": other},
        summary_format,
        data_on_stdout=output == "-",
    )  # fmt: skip


def _penalty(value: str) -> tuple[str, int]:
    """ORIGIN=N from --penalty, N a whole number of points from 0 to 100."""
    origin, equals, points = value.rpartition("=")
    if not equals or not origin or not points.isdigit() or int(points) > 100:
        raise click.BadParameter(
            f"{value!r}: give ORIGIN=N, N from 0 to 100", param_hint="--penalty"
        )
    return origin, int(points)


@tm.command("stats")
@_TM_DB
@_TEXT_OR_JSON
def tm_stats(db: str, fmt: str) -> None:
    """Units per language pair and per origin (with its penalty), and the dates they span."""
    from tmkit.textio import printable
    from tmkit.tm.open import open_store

    with open_store(db) as store:
        stats = store.stats()
    if fmt == "json":
        click.echo(_dumps(stats.record(), indent=1))
        return
    click.echo(f"{stats.units} units in {store.path}")
    for src, tgt, count in stats.pairs:
        click.echo(f"  {src} → {tgt}: {count}")
    click.echo("origins:")
    for origin in stats.origins:
        penalty = f" (penalty {origin.penalty})" if origin.penalty else ""
        click.echo(printable(f"  {origin.name or '(none)'}: {origin.units}{penalty}"))
    if stats.first_created:
        click.echo(f"created: {stats.first_created} to {stats.last_created}")
    if stats.first_added:
        click.echo(f"added: {stats.first_added} to {stats.last_added}")


@tm.command("delete")
@_TM_DB
@click.option(
    "--id",
    "ids",
    type=int,
    multiple=True,
    help="A unit's id (as lookup --format json shows it); repeatable.",
)
@click.option("--origin", help="Units imported with this --origin.")
@click.option("--matching", "words", help="Units whose source or target holds all these words.")
@click.option("--dry-run", is_flag=True, help="Say how many units would go; delete nothing.")
@_SUMMARY_FORMAT
def tm_delete(
    db: str,
    ids: tuple[int, ...],
    origin: str | None,
    words: str | None,
    dry_run: bool,
    summary_format: str,
) -> None:
    """Delete the units that meet every criterion given (at least one), in one transaction."""
    from tmkit.tm.open import open_store

    if not ids and origin is None and words is None:
        raise click.UsageError("say which units: --id, --origin or --matching")
    with open_store(db) as store:
        chosen = store.select_units(ids, origin, words)
        deleted = 0 if dry_run else store.delete_units(chosen)
        left = store.count()
    _maintained("tmkit tm delete", db, chosen, deleted, left, dry_run, summary_format)


@tm.command("dedupe")
@_TM_DB
@click.option(
    "--keep",
    type=click.Choice(["newest", "oldest"]),
    default="newest",
    show_default=True,
    help="Which unit of the same source to keep (by creation date, then by import).",
)
@click.option("--prefer", help="Keep the unit from this origin where a group has one.")
@click.option("--dry-run", is_flag=True, help="Say how many units would go; delete nothing.")
@_SUMMARY_FORMAT
def tm_dedupe(db: str, keep: str, prefer: str | None, dry_run: bool, summary_format: str) -> None:
    """Keep one translation of each source (same languages, same context); identical pairs
    are stored once already."""
    from tmkit.tm.open import open_store

    with open_store(db) as store:
        chosen = store.duplicates(keep, prefer)
        deleted = 0 if dry_run else store.delete_units(chosen)
        left = store.count()
    _maintained("tmkit tm dedupe", db, chosen, deleted, left, dry_run, summary_format)


def _maintained(
    command: str,
    db: str,
    chosen: list[int],
    deleted: int,
    left: int,
    dry_run: bool,
    summary_format: str,
) -> None:
    """The summary of a delete or a dedupe: what was chosen, what went, what is left."""
    done = (
        f"{len(chosen)} units would be deleted (dry run)" if dry_run else f"{deleted} units deleted"
    )
    _summarise(
        f"{command}: {done}; {left} in {db}",
        {"db": db, "chosen": len(chosen), "deleted": deleted, "units": left, "dry_run": dry_run,
         "ids": chosen},
        summary_format,
        data_on_stdout=False,
    )  # fmt: skip


@cli.command()
@click.option("--db", required=True, help="The TM to serve: a SQLite file or postgresql://…")
@click.option(
    "--glossary", "glossary_path", type=FILE, help="A glossary to answer /api/glossary from."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--token-file",
    type=FILE,
    help="A file holding the secret that writes (POST /api/import) must send; none: no writes.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (one per core serves the most look-ups a second).",
)
def serve(
    db: str,
    glossary_path: str | None,
    host: str,
    port: int,
    token_file: str | None,
    workers: int,
) -> None:
    """Serve the TM (and a glossary) over HTTP: amaGama's /tmserver/ API and tmkit's /api/."""
    import uvicorn

    from tmkit.serve.app import create_app, listening_port
    from tmkit.textio import read_utf8

    token = None
    if token_file is not None:
        token = read_utf8(token_file).strip()
        if not token:
            raise InputError(token_file, "the token file is empty")
    app = create_app(db, glossary_path, token)  # bad settings stop here, before any worker
    port = listening_port(host, port)
    from tmkit.progress import say

    say(f"tmkit serve: {db} on http://{host}:{port}/ (API at /openapi.json)")
    settings = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "timeout_keep_alive": 5,
        "http": "tmkit.serve.protocol:NoDelayProtocol",
    }
    if workers == 1:
        uvicorn.run(app, **settings)
        return
    os.environ.update(TMKIT_SERVE_DB=db, TMKIT_SERVE_GLOSSARY=glossary_path or "",
                      TMKIT_SERVE_TOKEN=token or "")  # fmt: skip
    uvicorn.run("tmkit.serve.app:app_from_environment", factory=True, workers=workers, **settings)


def _tm_source_language(store: TranslationMemoryStore, src_lang: str | None) -> str:
    from tmkit.lang import normalise_tag

    if src_lang is not None:
        return normalise_tag(src_lang, "--src-lang")
    main = store.main_languages()
    if main is None:
        raise InputError(str(store.path), "translation memory is empty")
    return main[0]


def _no_match(
    text: str,
    minimum: int,
    src_lang: str,
    tgt_lang: str | None,
    held: list[tuple[str, str, int]],
    db: str,
) -> str:
    """Why a look-up found nothing: no match that close, or no unit from (and into) the
    languages asked for, with the pairs the memory holds (a unit is looked up from its own
    source language only)."""
    from tmkit.lang import primary
    from tmkit.textio import printable, shortened

    wanted = (primary(src_lang), primary(tgt_lang) if tgt_lang else None)
    if not any(primary(s) == wanted[0] and wanted[1] in (None, primary(t)) for s, t, _ in held):
        pairs = ", ".join(f"{s}→{t}" for s, t, _ in held)
        into = f" into {tgt_lang}" if tgt_lang else ""
        return printable(f"no unit from {src_lang}{into} in {db} (it holds {pairs})")
    return printable(f"no match for {shortened(text)!r} at or above {minimum}%")


def _print_matches(matches: list[Match], fmt: str, with_score: bool) -> None:
    from tmkit.textio import printable

    if fmt == "json":
        records = [m.record(with_score) for m in matches]
        click.echo(_dumps(records, indent=1))
        return
    for match in matches:
        prefix = f"{match.score:4d}%  " if with_score else ""
        origin = f", {match.origin}" if match.origin else ""
        if with_score and match.penalty:
            origin += f" −{match.penalty}"
        click.echo(printable(f"{prefix}{match.src}"))
        click.echo(
            printable(
                f"{' ' * len(prefix)}→ {match.tgt}  [{match.src_lang}→{match.tgt_lang}{origin}]"
            )
        )


# tmkit's commands build large structures without reference cycles (units, pieces, postings)
# and keep them to the end. CPython's full collection re-scans every one of them each time
# the heap grows by a quarter: a third of a 100,000-unit check (6.1 s -> 4.3 s). Young
# objects are still collected as usual; only the full pass is made rare.
_FULL_COLLECTION_AFTER = 1000  # younger collections (CPython's default: 10)


def main() -> None:
    """Console-script entry point."""
    gc.set_threshold(*gc.get_threshold()[:2], _FULL_COLLECTION_AFTER)
    signal.signal(signal.SIGTERM, _terminate)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    cli(prog_name="tmkit")
