"""The ``unioncorpus`` command line: a thin shell over the Python API.

Each command parses its arguments, makes one library call and prints; library errors become CLI errors
here and nowhere else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import UnionCorpusError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _parallel_options(command):
    """``--jobs`` and ``--scheduler``, shared by the commands that read many files."""
    command = click.option(
        "--scheduler",
        default=None,
        metavar="NAME|ADDRESS",
        help="Run on Dask instead of local processes: processes, threads, synchronous, or a Dask scheduler "
        "address such as tcp://10.0.0.5:8786 (needs pip install 'unioncorpus[dask]').",
    )(command)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (default: every core; 1: this process only). Results are the same.",
    )(command)


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
@_parallel_options
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    encoding: str | None,
    quiet: bool,
    jobs: int | None,
    scheduler: str | None,
) -> None:
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
        corpus = run(list(paths), encoding=encoding, show_progress=not quiet and sys.stderr.isatty(), jobs=jobs,
                     scheduler=scheduler)  # fmt: skip
    except UnionCorpusError as e:
        _fail(str(e))
    if not corpus.files:
        click.echo(
            "no files found (folders are read recursively; READMEs and hidden files are skipped)", err=True
        )
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
@click.option("--no-plots", is_flag=True, help="Write the tables only.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_parallel_options
def analyze(path: Path, out: Path, encoding: str | None, no_plots: bool, quiet: bool, jobs: int | None,
            scheduler: str | None) -> None:  # fmt: skip
    """Run every stage on a folder and write the tables, plots and a summary.

    PATH defaults to the sample corpus/. Writes to OUT/ the tables documents, sections, activities,
    campaigns, furniture, inputs, themes, topics, topic_words, near_duplicates, passages, families and
    boilerplate, each as .parquet and .csv (UTF-8 with BOM, so spreadsheet programs show the Chinese), the
    plots OUT/plots/*.png (activity calendar, theme coverage, topics by section, boilerplate share, reuse
    network), and prints a one-screen summary. Re-running on the same input gives byte-identical tables.

    \b
    Example:
      unioncorpus analyze corpus/ --out out/
    """
    from .analyze import analyze as run

    try:
        summary = run(path, out=out, encoding=encoding, plots=not no_plots, show_progress=not quiet, jobs=jobs,
                      scheduler=scheduler)  # fmt: skip
    except UnionCorpusError as e:
        _fail(str(e))
    click.echo(summary)


@main.command(context_settings=CONTEXT)
@click.argument("submissions", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for triage.csv, triage.xlsx, report.html.",
)
@click.option(
    "--year", type=int, default=None, help="The year the plans are for; other stated years are flagged."
)
@click.option(
    "--library",
    "library_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A reference library (see `unioncorpus library`) to check copying against.",
)
@click.option(
    "--rules",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A rules TOML overriding the defaults (unioncorpus/data/rules.toml).",
)
@click.option(
    "--model",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A classifier from `unioncorpus train`; adds predicted_label and probability columns.",
)
@click.option(
    "--encoding", default=None, help="Decode text files with this encoding instead of detecting it."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_parallel_options
def classify(submissions: Path, out: Path, year: int | None, library_path: Path | None, rules: Path | None,
             model: Path | None, encoding: str | None, quiet: bool, jobs: int | None,
             scheduler: str | None) -> None:  # fmt: skip
    """Triage a year's submissions: one row per file, with a verdict and its reasons.

    Writes OUT/triage.csv, OUT/triage.xlsx and a self-contained OUT/report.html; prints counts per verdict.
    Verdicts: ok, incomplete, copied, stale, not_a_union_plan, unreadable.

    \b
    Example:
      unioncorpus classify submissions_2024/ --out triage_2024/ --year 2024 --library refs.sqlite
    """
    from .classify import classify as run
    from .classify import write_outputs

    try:
        triage = run(submissions, year=year, library=library_path, rules=rules, model=model, encoding=encoding,
                     show_progress=not quiet, jobs=jobs, scheduler=scheduler)  # fmt: skip
        written = write_outputs(triage, out)
    except UnionCorpusError as e:
        _fail(str(e))
    click.echo(triage.summary())
    click.echo("wrote " + ", ".join(str(p) for p in written))


@main.command(context_settings=CONTEXT)
@click.argument("labels", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out", "out", type=click.Path(path_type=Path), required=True, help="Where to save the model (.joblib)."
)
@click.option("--seed", type=int, default=0, show_default=True)
def train(labels: Path, out: Path, seed: int) -> None:
    """Train a plan classifier from LABELS.csv (columns: path or text, and label).

    Fits segmenter → TF-IDF → logistic regression, prints a cross-validated report, and saves the model
    with the library versions it needs.

    \b
    Example:
      unioncorpus train labels.csv --out models/genre.joblib
    """
    from .learn import read_labels, save_model
    from .learn import train as fit

    try:
        table = read_labels(labels)
        pipe, report = fit(table["text"].tolist(), table["label"].tolist(), seed=seed)
        path = save_model(pipe, out)
    except UnionCorpusError as e:
        _fail(str(e))
    click.echo(report)
    click.echo(f"saved {path}")


@main.group(context_settings=CONTEXT)
def library() -> None:
    """A reference library of known plans that new submissions are checked against.

    \b
    Examples:
      unioncorpus library add refs.sqlite template_sites/ plans_2023/
      unioncorpus library query refs.sqlite submissions_2024/
      unioncorpus library remove refs.sqlite plans_2023-4
    """


def _open_library(path: Path):
    from .library import Library

    try:
        return Library(path)
    except UnionCorpusError as e:
        _fail(str(e))


@library.command("add", context_settings=CONTEXT)
@click.argument("lib", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def library_add(lib: Path, paths: tuple[Path, ...], quiet: bool) -> None:
    """Add the plans found in PATHS to the library LIB (created if missing).

    \b
    Example:
      unioncorpus library add refs.sqlite template_sites/
    """
    from .corpus import extract as run

    corpus = run(list(paths), show_progress=not quiet and sys.stderr.isatty())
    with _open_library(lib) as library_:
        added = library_.add(corpus)
        click.echo(f"added {len(added)} plans; the library now holds {len(library_)}")
    for failure in corpus.failures:
        click.echo(f"unreadable: {failure}", err=True)


@library.command("remove", context_settings=CONTEXT)
@click.argument("lib", type=click.Path(exists=True, path_type=Path))
@click.argument("ids", nargs=-1, required=True)
def library_remove(lib: Path, ids: tuple[str, ...]) -> None:
    """Remove plans from the library by id.

    \b
    Example:
      unioncorpus library remove refs.sqlite plans_2023-4 plans_2023-5
    """
    with _open_library(lib) as library_:
        n = library_.remove(ids)
        click.echo(f"removed {n} plans; the library now holds {len(library_)}")


@library.command("list", context_settings=CONTEXT)
@click.argument("lib", type=click.Path(exists=True, path_type=Path))
def library_list(lib: Path) -> None:
    """List the plans in the library.

    \b
    Example:
      unioncorpus library list refs.sqlite
    """
    with _open_library(lib) as library_:
        for lib_id in library_.ids():
            click.echo(lib_id)


@library.command("query", context_settings=CONTEXT)
@click.argument("lib", type=click.Path(exists=True, path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def library_query(lib: Path, paths: tuple[Path, ...], fmt: str, quiet: bool) -> None:
    """Check the plans in PATHS against the library: which library plans each one copies, and how much.

    \b
    Example:
      unioncorpus library query refs.sqlite submissions_2024/ --format csv > matches.csv
    """
    from .corpus import extract as run

    corpus = run(list(paths), show_progress=not quiet and sys.stderr.isatty())
    with _open_library(lib) as library_:
        table = library_.query(corpus)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        for row in table.to_dict(orient="records"):
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        click.echo(
            table.drop(columns=["source", "library_source"]).to_string(index=False)
            if len(table)
            else "no matches"
        )
    for failure in corpus.failures:
        click.echo(f"unreadable: {failure}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
