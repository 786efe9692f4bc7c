"""The ``unioncorpus`` command line: a thin shell over the Python API.

Each command parses its arguments, makes one library call and prints; library errors become CLI errors
here and nowhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import UnionCorpusError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="unioncorpus")
def main() -> None:
    """Analyse Chinese trade-union work plans (工会工作计划) as a corpus.

    \b
    Examples:
      unioncorpus analyze corpus/ --out out/
      unioncorpus extract plans.txt --format jsonl > plans.jsonl
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the extraction contract, one JSON object per document; table: a readable summary.",
)
@click.option(
    "--encoding", default=None, help="Decode text files with this encoding instead of detecting it."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(paths: tuple[Path, ...], fmt: str, encoding: str | None, quiet: bool) -> None:
    """Split files into plans and print sections, activities and attributes.

    PATHS are files or folders (read recursively): .txt .md .docx .html, any common Chinese encoding.
    Files that cannot be read are reported on stderr, each once, and the others still go through.

    \b
    Examples:
      unioncorpus extract corpus/ --format table
      unioncorpus extract 区实验小学.txt --encoding gb18030 > out.jsonl
    """
    from .corpus import extract as run

    try:
        corpus = run(list(paths), encoding=encoding, show_progress=not quiet and sys.stderr.isatty())
    except UnionCorpusError as e:
        _fail(str(e))
    if fmt == "jsonl":
        for line in corpus.to_jsonl():
            click.echo(line)
    else:
        _print_table(corpus)
    for failure in corpus.failures:
        click.echo(f"unreadable: {failure}", err=True)


def _print_table(corpus) -> None:
    rows = []
    for d in corpus:
        kinds = ",".join(s.kind for s in d.sections if s.kind != "title")
        rows.append((d.id, f"{d.start_line}-{d.end_line}", d.doc_type, d.school_level, str(d.year or "-"),
                     str(len(d.activities)), kinds, (d.title or "")[:30]))  # fmt: skip
    header = ("id", "lines", "doc_type", "school_level", "year", "acts", "sections", "title")
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        click.echo("  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip())
    click.echo(f"\n{len(rows)} documents from {len(corpus.files)} files, {len(corpus.failures)} unreadable")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@main.command(context_settings=CONTEXT)
@click.argument("path", required=False, default="corpus", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the tables (Parquet and CSV) and the summary.",
)
@click.option(
    "--encoding", default=None, help="Decode text files with this encoding instead of detecting it."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def analyze(path: Path, out: Path, encoding: str | None, quiet: bool) -> None:
    """Run every stage on a folder and write the tables and a summary.

    Writes OUT/documents, sections, activities, campaigns, furniture and inputs, each as .parquet and
    .csv (UTF-8 with BOM, so spreadsheet programs show the Chinese), and prints a one-screen summary.

    \b
    Example:
      unioncorpus analyze corpus/ --out out/
    """
    from .analyze import analyze as run

    try:
        summary = run(path, out=out, encoding=encoding, show_progress=not quiet)
    except UnionCorpusError as e:
        _fail(str(e))
    click.echo(summary)


if __name__ == "__main__":  # pragma: no cover
    main()
