"""The ``unioncorpus`` command line: a thin shell over the Python API.

Each command parses its arguments, makes one library call and prints; library errors become CLI errors
here and nowhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from ._cli_common import (
    CONTEXT,
    ENCODING,
    Existing,
    _fail_on,
    _Group,
    _out_outside,
    lang_option,
    lexicons_option,
    parallel_options,
    unreadable_line,
)
from ._labels import join, label, labels, listing, message, pad, width
from ._safe import json_line, printable
from .errors import UnionCorpusError

# extract's exit status when it went through but some files could not be read (1 and 2 are click's own:
# an error that stopped the command, a usage error)
PARTLY_READ = 3


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="unioncorpus")
def main() -> None:
    """分析工会工作计划语料 / Analyse Chinese trade-union work plans (工会工作计划) as a corpus.

    \b
    Examples:
      unioncorpus analyze corpus/ --out out/
      unioncorpus extract plans.txt --format jsonl > plans.jsonl

    \b
    Exit status / 退出状态:
      0  done (classify and analyze report unreadable files in their outputs)
      1  nothing done: the error is printed (no input files, a bad rules file, OUT is a file …)
      2  wrong usage (an unknown option, a missing argument)
      3  extract only: done, but some files could not be read (each named on stderr)
    """


@main.command(context_settings=CONTEXT)
@lexicons_option
@click.argument("paths", nargs=-1, required=True, type=Existing(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the extraction contract, one JSON object per document, with internal codes (never "
    "translated); table: a readable summary in --lang.",
)
@ENCODING
@lang_option("the table and the messages (JSONL keeps its codes)")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@parallel_options
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    encoding: str | None,
    lang: str,
    quiet: bool,
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """拆分文件中的计划，列出章节、活动和属性 / Split files into plans and print sections, activities and attributes.

    PATHS are files or folders (read recursively): .txt .md .docx .html .xlsx .zip, .doc .wps .pdf (converters).
    Files that cannot be read are reported on stderr (in --lang), each once, and the others still go through;
    the exit status is then 3, so a script sees that its output lacks them.

    \b
    Examples:
      unioncorpus extract corpus/ --format table
      unioncorpus extract 区实验小学.txt --encoding gb18030 > out.jsonl
    """
    from .pipeline import iter_extract

    # Each file's plans are printed as soon as it is read, so a slow file never hides the others; the
    # progress bar only when the results go elsewhere than the terminal it would be drawn on.
    progress = not quiet and sys.stderr.isatty() and not sys.stdout.isatty()
    table = _TablePrinter(lang) if fmt == "table" else None
    n_files = n_failures = 0
    try:
        for result in iter_extract(list(paths), encoding=encoding, show_progress=progress, jobs=jobs,
                                   scheduler=scheduler, on_inputs=table and table.start):  # fmt: skip
            n_files += 1
            if table is not None:
                table.add(result.documents)
            else:
                for doc in result.documents:
                    click.echo(json_line(doc.to_dict()))
            if result.failure is not None:
                n_failures += 1
                click.echo(unreadable_line(result.failure, lang), err=True)
    except UnionCorpusError as e:
        _fail_on(e)
    if not n_files:
        click.echo(message("no_files", lang), err=True)
    if table is not None:
        click.echo(
            "\n" + message("extract_footer", lang, docs=table.n_rows, files=n_files, failed=n_failures)
        )
    if n_failures:
        raise SystemExit(PARTLY_READ)


class _TablePrinter:
    """A readable table printed row by row, in ``lang`` (codes become words). Its columns do not shift: the
    plan id is as wide as the longest file's ids (known before any file is read), the words of the coded
    columns as their longest word, the title is cut to a fixed width, and the list of sections, whose
    width varies most, comes last."""

    COLUMNS = ("doc_id", "lines", "doc_type", "school_level", "year", "activities", "title", "sections")
    MIN_WIDTHS = (12, 9, 0, 0, 4, 4, 0, 0)
    TITLE_CHARS = 24

    def __init__(self, lang: str) -> None:
        self.lang = lang
        words = {c: max(map(width, labels(c, lang).values())) for c in ("doc_type", "school_level")}
        words["title"] = 2 * self.TITLE_CHARS
        self.header = tuple(label("column", c, lang) for c in self.COLUMNS)
        self.widths = [max(width(h), w, words.get(c, 0)) for c, h, w in zip(self.COLUMNS, self.header,
                                                                         self.MIN_WIDTHS, strict=True)]  # fmt: skip
        self.n_rows = 0

    def start(self, prefixes: list[str]) -> None:
        """The header, once the id prefixes of the inputs are known (ids up to ``prefix-999`` fit)."""
        self.widths[0] = max([self.widths[0], *(width(printable(p)) + 4 for p in prefixes)])
        self._echo(self.header)

    def add(self, docs) -> None:
        lang = self.lang
        for d in docs:
            kinds = join("section_kind", (s.kind for s in d.sections if s.kind != "title"), lang)
            title = d.title or ""
            if len(title) > self.TITLE_CHARS:
                title = title[: self.TITLE_CHARS - 1] + "…"
            row = (d.id, f"{d.start_line}-{d.end_line}", label("doc_type", d.doc_type, lang),
                   label("school_level", d.school_level, lang), str(d.year or "-"), str(len(d.activities)),
                   title, kinds)  # fmt: skip
            self._echo(tuple(printable(cell) for cell in row))
            self.n_rows += 1

    def _echo(self, row: tuple[str, ...]) -> None:
        self.widths = [max(w, width(cell)) for w, cell in zip(self.widths, row, strict=True)]
        click.echo("  ".join(pad(cell, w) for cell, w in zip(row, self.widths, strict=True)).rstrip())


@main.command(context_settings=CONTEXT)
@lexicons_option
@click.argument("path", required=False, default="corpus", type=Existing(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the tables (Parquet and CSV) and the summary.",
)
@ENCODING
@click.option("--no-plots", is_flag=True, help="Write the tables only.")
@lang_option("the summary (printed and OUT/summary.txt)")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@parallel_options
def analyze(path: Path, out: Path, encoding: str | None, no_plots: bool, lang: str, quiet: bool,
            jobs: int | None, scheduler: str | None) -> None:  # fmt: skip
    """分析一个文件夹的计划，写出表格、图表和摘要 / Run every stage on a folder and write the tables, plots and a summary.

    PATH defaults to the sample corpus/. Writes to OUT/ the tables documents, sections, activities,
    campaigns, furniture, inputs, themes, topics, topic_words, near_duplicates, passages, families and
    boilerplate, each as .parquet and .csv (UTF-8 with BOM, so spreadsheet programs show the Chinese), the
    plots OUT/plots/*.png (activity calendar, theme coverage, topics by section, boilerplate share, reuse
    network), and prints a one-screen summary (Chinese, or English with --lang en; also OUT/summary.txt).
    Re-running on the same input gives byte-identical tables.
    Topics need the [topics] extra and plots the [plots] extra; without them the summary says what was
    left out.

    \b
    Example:
      unioncorpus analyze corpus/ --out out/
    """
    from .analyze import analyze as run

    _out_outside(out, [path])
    try:
        summary = run(path, out=out, encoding=encoding, plots=not no_plots, show_progress=not quiet, jobs=jobs,
                      scheduler=scheduler, lang=lang)  # fmt: skip
    except UnionCorpusError as e:
        _fail_on(e)
    click.echo(printable(summary))


@main.command(context_settings=CONTEXT)
@lexicons_option
@click.argument("submissions", type=Existing(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for triage.csv, triage.xlsx, report.html.",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2100),
    default=None,
    help="The year the plans are for; other stated years are flagged.",
)
@click.option(
    "--library",
    "library_path",
    type=Existing(path_type=Path),
    default=None,
    help="A reference library (see `unioncorpus library`) to check copying against.",
)
@click.option(
    "--rules",
    type=Existing(dir_okay=False, path_type=Path),
    default=None,
    help="A rules TOML overriding the defaults (unioncorpus/data/rules.toml).",
)
@click.option(
    "--model",
    type=Existing(dir_okay=False, path_type=Path),
    default=None,
    help="A classifier from `unioncorpus train` (.npz); adds predicted_label and probability columns.",
)
@click.option(
    "--trust-model",
    is_flag=True,
    help="Also load a pickled .joblib model from an older version. Loading a pickle runs any code inside "
    "it: only for a file you made yourself.",
)
@ENCODING
@lang_option("the table headers, verdicts, reasons, report and what is printed")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@parallel_options
def classify(submissions: Path, out: Path, year: int | None, library_path: Path | None, rules: Path | None,
             model: Path | None, trust_model: bool, encoding: str | None, lang: str, quiet: bool,
             jobs: int | None, scheduler: str | None) -> None:  # fmt: skip
    """审核一年的提交：每个文件一行，给出结论和理由 / Triage a year's submissions: one row per file, with a verdict and its reasons.

    Writes OUT/triage.csv, OUT/triage.xlsx (a second sheet lists every plan in every file) and a
    self-contained OUT/report.html, in Chinese (or English with --lang en); prints counts per verdict.
    Verdicts: 合格 ok, 不完整 incomplete, 抄袭/套用 copied, 内容陈旧 outdated, 非工会计划 not a union plan,
    无法读取 unreadable; each reason names the rule that fired and its threshold.

    \b
    Example:
      unioncorpus classify submissions_2024/ --out triage_2024/ --year 2024 --library refs.sqlite
    """
    from .classify import classify as run
    from .classify import write_outputs

    _out_outside(out, [submissions])
    try:
        triage = run(submissions, year=year, library=library_path, rules=rules, model=model,
                     trust_model=trust_model, encoding=encoding, show_progress=not quiet, jobs=jobs,
                     scheduler=scheduler)  # fmt: skip
        written = write_outputs(triage, out, lang=lang)
    except UnionCorpusError as e:
        _fail_on(e)
    click.echo(triage.summary(lang))
    click.echo(message("wrote", lang, files=listing(written, lang)))


@main.command(context_settings=CONTEXT)
@lexicons_option
@click.argument("labels", type=Existing(dir_okay=False, path_type=Path))
@click.option(
    "--out", "out", type=click.Path(path_type=Path), required=True, help="Where to save the model (.npz)."
)
@click.option("--seed", type=int, default=0, show_default=True)
@lang_option("the last line (the cross-validated report is scikit-learn's, in English)")
def train(labels: Path, out: Path, seed: int, lang: str) -> None:
    """训练计划分类模型 / Train a plan classifier from LABELS.csv (columns: path or text, and label).

    Fits segmenter → TF-IDF → logistic regression, prints a cross-validated report, and saves the model
    as a .npz file of plain arrays and parameters: loading it (`classify --model`) cannot run code.

    \b
    Example:
      unioncorpus train labels.csv --out models/genre.npz
    """
    from .learn import read_labels, save_model
    from .learn import train as fit

    try:
        table = read_labels(labels)
        pipe, report = fit(table["text"].tolist(), table["label"].tolist(), seed=seed)
        path = save_model(pipe, out)
    except UnionCorpusError as e:
        _fail_on(e)
    click.echo(report)
    click.echo(message("model_saved", lang, path=path))


from ._cli_library import library  # noqa: E402 - the library commands, in their own module

main.add_command(library)

if __name__ == "__main__":  # pragma: no cover
    main()
