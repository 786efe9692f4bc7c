"""``unioncorpus library …``: a reference library of known plans (template-site texts, earlier years)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ._cli_common import CONTEXT, _fail, _print_rows, lexicons_option
from ._safe import safe_table
from .errors import UnionCorpusError


@click.group(context_settings=CONTEXT)
def library() -> None:
    """A reference library of known plans that new submissions are checked against.

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
        return Library(path, create=create, on_wait=lambda message: click.echo(message, err=True))
    except UnionCorpusError as e:
        _fail(str(e))


@library.command("add", context_settings=CONTEXT)
@lexicons_option
@click.argument("lib", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def library_add(lib: Path, paths: tuple[Path, ...], quiet: bool) -> None:
    """Add the plans found in PATHS to the library LIB (created if missing).

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
            _fail(str(e))
        total = len(library_)
    added = report[report["status"] == "added"]
    same = report[report["status"] == "identical"]
    click.echo(f"已加入 {len(added)} 份计划，{len(same)} 份与库中已有文本相同而未重复加入；参考库现有 {total} 份 "
               f"(added {len(added)} plans, {len(same)} identical to plans already in the library; it now holds "
               f"{total})")  # fmt: skip
    for r in same.itertuples():
        click.echo(f"  相同文本，未加入 (identical, not added): {r.doc_id} = {r.lib_id}")
    for failure in corpus.failures:
        click.echo(f"unreadable: {failure}", err=True)


@library.command("remove", context_settings=CONTEXT)
@lexicons_option
@click.argument("lib", type=click.Path(exists=True, path_type=Path))
@click.argument("ids", nargs=-1, required=True)
def library_remove(lib: Path, ids: tuple[str, ...]) -> None:
    """Remove plans from the library by id (as `unioncorpus library list` shows them).

    An id that is not in the library is an error, and then nothing is removed.

    \b
    Example:
      unioncorpus library remove refs.sqlite 红星小学-1@3f2a9c1d
    """
    with _open_library(lib) as library_:
        try:
            n = library_.remove(ids)
        except UnionCorpusError as e:
            _fail(str(e))
        click.echo(
            f"已删除 {n} 份计划；参考库现有 {len(library_)} 份 (removed {n}; the library holds {len(library_)})"
        )


LIST_HEADERS = {"lib_id": "id", "title": "标题 title", "school_level": "学段 school", "year": "年份 year",
                "source": "来源 source", "added_at": "加入时间 added"}  # fmt: skip


@library.command("list", context_settings=CONTEXT)
@lexicons_option
@click.argument("lib", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
def library_list(lib: Path, fmt: str) -> None:
    """List the plans in the library: id, title, school level, year, source file and date added.

    Plans are in natural order of source file and position (篇2 before 篇10).

    \b
    Example:
      unioncorpus library list refs.sqlite
    """
    with _open_library(lib) as library_:
        table = library_.list()[list(LIST_HEADERS)]
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        for row in table.to_dict(orient="records"):
            click.echo(json.dumps({k: (None if _missing(v) else v) for k, v in row.items()},
                                  ensure_ascii=False, default=int))  # fmt: skip
    else:
        rows = [tuple(_cell(v, tail=k == "source") for k, v in zip(LIST_HEADERS, r, strict=True))
                for r in table.itertuples(index=False)]  # fmt: skip
        _print_rows(tuple(LIST_HEADERS.values()), rows)
        click.echo(f"\n参考库共 {len(rows)} 份计划 ({len(rows)} plans)")


def _missing(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def _cell(value, *, tail: bool = False) -> str:
    """A table cell of at most 40 characters; ``tail`` keeps the end (a file name, not its folders)."""
    text = "-" if _missing(value) else str(value)
    if len(text) <= 40:
        return text
    return "…" + text[-39:] if tail else text[:39] + "…"


@library.command("query", context_settings=CONTEXT)
@lexicons_option
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

    with _open_library(lib) as library_:  # refuse a wrong file before reading any plan
        corpus = run(list(paths), show_progress=not quiet and sys.stderr.isatty())
        try:
            table = library_.query(corpus)
        except UnionCorpusError as e:
            _fail(str(e))
    if fmt == "csv":
        click.echo(safe_table(table).to_csv(index=False), nl=False)
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
