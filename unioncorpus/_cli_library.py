"""``unioncorpus library …``: a reference library of known plans (template-site texts, earlier years)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ._cli_common import (
    CONTEXT,
    Existing,
    _fail_on,
    _Group,
    _print_rows,
    lang_option,
    lexicons_option,
    unreadable_line,
)
from ._labels import label, message
from ._safe import printable, safe_table
from .errors import UnionCorpusError


@click.group(cls=_Group, context_settings=CONTEXT)
def library() -> None:
    """参考库：已知的计划，新提交与之比对 / A reference library of known plans that new submissions are checked against.

    \b
    Examples:
      unioncorpus library add refs.sqlite template_sites/ plans_2023/
      unioncorpus library query refs.sqlite submissions_2024/
      unioncorpus library list refs.sqlite
      unioncorpus library remove refs.sqlite 红星小学-1@3f2a9c1d
    """


def _open_library(path: Path, *, create: bool = False):
    from .library import Library

    try:
        return Library(path, create=create, on_wait=lambda said: click.echo(said, err=True))
    except UnionCorpusError as e:
        _fail_on(e)


@library.command("add", context_settings=CONTEXT)
@lexicons_option
@lang_option("the messages")
@click.argument("lib", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=Existing(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def library_add(lib: Path, paths: tuple[Path, ...], lang: str, quiet: bool) -> None:
    """把计划加入参考库 / Add the plans found in PATHS to the library LIB (created if missing).

    Every plan gets an id unique across runs (plan id @ a hash of its text, file path and year), so files
    with the same name in different folders or years are all kept. A plan whose text is already in the
    library is not added again, and the output says which library plan it matches.

    \b
    Example:
      unioncorpus library add refs.sqlite template_sites/ plans_2023/
    """
    from .corpus import extract as run

    with _open_library(lib, create=True) as library_:  # refuse a wrong file before reading any plan
        corpus = run(list(paths), show_progress=not quiet and sys.stderr.isatty())
        try:
            report = library_.add(corpus)
        except UnionCorpusError as e:
            _fail_on(e)
        total = len(library_)
    added = report[report["status"] == "added"]
    same = report[report["status"] == "identical"]
    click.echo(message("library_added", lang, added=len(added), same=len(same), total=total))
    for r in same.itertuples():
        click.echo(printable(f"  {message('library_identical', lang)}: {r.doc_id} = {r.lib_id}"))
    for failure in corpus.failures:
        click.echo(unreadable_line(failure, lang), err=True)


@library.command("remove", context_settings=CONTEXT)
@lexicons_option
@lang_option("the messages")
@click.argument("lib", type=Existing(path_type=Path))
@click.argument("ids", nargs=-1, required=True)
def library_remove(lib: Path, ids: tuple[str, ...], lang: str) -> None:
    """从参考库删除计划 / Remove plans from the library by id (as `unioncorpus library list` shows them).

    An id that is not in the library is an error, and then nothing is removed.

    \b
    Example:
      unioncorpus library remove refs.sqlite 红星小学-1@3f2a9c1d
    """
    with _open_library(lib) as library_:
        try:
            n = library_.remove(ids)
        except UnionCorpusError as e:
            _fail_on(e)
        click.echo(message("library_removed", lang, n=n, total=len(library_)))


def _format_option(table: str):
    """``--format table|csv|jsonl``: a table for people, or the data for programs."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "jsonl"]),
        default="table",
        show_default=True,
        help=f"table: for reading, in --lang ({table}); csv, jsonl: the data, with the API's column names and "
        "internal codes.",
    )


LIST_COLUMNS = ("lib_id", "title", "school_level", "year", "source", "added_at")


@library.command("list", context_settings=CONTEXT)
@lexicons_option
@lang_option("the messages and the table")
@click.argument("lib", type=Existing(path_type=Path))
@_format_option("school levels in words")
def library_list(lib: Path, fmt: str, lang: str) -> None:
    """列出参考库中的计划 / List the plans in the library: id, title, school level, year, source file and date added.

    Plans are in natural order of source file and position (篇2 before 篇10).

    \b
    Example:
      unioncorpus library list refs.sqlite
    """
    with _open_library(lib) as library_:
        table = library_.list()[list(LIST_COLUMNS)]
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        for row in table.to_dict(orient="records"):
            click.echo(json.dumps({k: (None if _missing(v) else v) for k, v in row.items()},
                                  ensure_ascii=False, default=int))  # fmt: skip
    else:
        table["school_level"] = [
            None if _missing(v) else label("school_level", v, lang) for v in table["school_level"]
        ]
        rows = [tuple(_cell(v, tail=k == "source") for k, v in zip(LIST_COLUMNS, r, strict=True))
                for r in table.itertuples(index=False)]  # fmt: skip
        _print_rows(tuple(label("column", c, lang) for c in LIST_COLUMNS), rows)
        click.echo("\n" + message("library_total", lang, n=len(rows)))


def _missing(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def _cell(value, *, tail: bool = False) -> str:
    """A table cell of at most 40 characters; ``tail`` keeps the end (a file name, not its folders)."""
    text = "-" if _missing(value) else printable(str(value))
    if len(text) <= 40:
        return text
    return "…" + text[-39:] if tail else text[:39] + "…"


@library.command("query", context_settings=CONTEXT)
@lexicons_option
@lang_option("the messages and the table")
@click.argument("lib", type=Existing(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=Existing(path_type=Path))
@_format_option("shares in %")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def library_query(lib: Path, paths: tuple[Path, ...], fmt: str, lang: str, quiet: bool) -> None:
    """与参考库比对 / Check the plans in PATHS against the library: which library plans each one copies, and how much.

    \b
    Example:
      unioncorpus library query refs.sqlite submissions_2024/ --format csv > matches.csv
    """
    from .corpus import extract as run

    with _open_library(lib) as library_:  # refuse a wrong file before reading any plan
        corpus = run(list(paths), show_progress=not quiet and sys.stderr.isatty())
        try:
            table = library_.query(corpus)
        except UnionCorpusError as e:
            _fail_on(e)
    if fmt == "csv":
        click.echo(safe_table(table).to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        for row in table.to_dict(orient="records"):
            click.echo(json.dumps(row, ensure_ascii=False))
    elif len(table):
        columns = [c for c in QUERY_CELLS if c in table.columns]
        rows = [tuple(_cell(QUERY_CELLS[c](v, lang)) for c, v in zip(columns, r, strict=True))
                for r in table[columns].itertuples(index=False)]  # fmt: skip
        _print_rows(tuple(label("column", c, lang) for c in columns), rows)
    else:
        click.echo(message("library_no_matches", lang))
    for failure in corpus.failures:
        click.echo(unreadable_line(failure, lang), err=True)


# The query table for reading: each column and how its value is shown.
QUERY_CELLS = {
    "doc_id": lambda v, lang: str(v),
    "library_id": lambda v, lang: str(v),
    "jaccard": lambda v, lang: f"{v:.2f}",
    "query_in_library": lambda v, lang: f"{v:.0%}",
    "library_in_query": lambda v, lang: f"{v:.0%}",
    "near_duplicate": lambda v, lang: message("yes" if v else "no", lang),
    "passages": lambda v, lang: str(v),
    "copied_share": lambda v, lang: f"{v:.0%}",
}
