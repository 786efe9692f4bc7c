"""What every command of the command line shares: the options, the error shell, the table printing."""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from pathlib import Path

import click

from .errors import UnionCorpusError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _use_lexicons(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    from ._lexicon import LexiconError, set_lexicons

    try:
        set_lexicons(value)
    except LexiconError as e:
        raise click.BadParameter(str(e), ctx=ctx, param=param) from None


lexicons_option = click.option(
    "--lexicons",
    type=click.Path(path_type=Path),
    expose_value=False,
    is_eager=True,
    callback=_use_lexicons,
    help="A folder of your own lexicon files (headings.toml, categories.toml, furniture.toml, "
    "attributes.toml, themes.toml) that extend the shipped ones; see docs/lexicons.md.",
)


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _out_outside(out: Path, inputs: list[Path]) -> None:
    """Results written inside an input folder would be read as input by the next run."""
    where = out.resolve()
    for p in inputs:
        p = p.resolve()
        if p.is_dir() and (where == p or p in where.parents):
            _fail(f"--out {out} is inside the input folder {p}; its files would be read as input next time")


class _Group(click.Group):
    """Library errors and file-system errors (disk full, permission denied) become one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UnionCorpusError as e:
            raise click.ClickException(str(e)) from None
        except BrokenPipeError:  # `unioncorpus extract … | head`: the reader has all it wanted
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python would complain flushing stdout at exit
            ctx.exit(1)
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            raise click.ClickException(f"{where}{e.strerror or e}") from None


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(
                f"unknown encoding {value!r}; for example utf-8, gb18030, big5"
            ) from None
    return value


ENCODING = click.option(
    "--encoding",
    default=None,
    callback=_encoding,
    help="Decode text files with this encoding instead of detecting it.",
)


def _print_rows(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Rows as aligned columns (Chinese characters count two columns wide)."""
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        click.echo("  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip())


def _width(text: str) -> int:

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def parallel_options(command):
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
