"""What every command of the command line shares: the options, the error shell, the table printing.

Everything a command prints for people comes from ``data/labels.toml`` (:mod:`unioncorpus._labels`). A
failure is shown Chinese first (``错误：…``), then the same in English (``Error: …``), so a union office
reads it and a maintainer can search for it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from pathlib import Path
from typing import NoReturn

import click

from ._labels import LANGS, label, message, pad, unreadable, width
from ._safe import printable
from .errors import OptionFileError, OutputError, ReadError, UnionCorpusError, UnknownOptionError, os_reason

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _use_lexicons(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    from ._lexicon import LexiconError, set_lexicons

    try:
        set_lexicons(value)
    except LexiconError as e:
        raise _BadValue(message("err_lexicon"), str(e), ctx=ctx, param=param) from None


lexicons_option = click.option(
    "--lexicons",
    type=click.Path(path_type=Path),
    expose_value=False,
    is_eager=True,
    callback=_use_lexicons,
    help="A folder of your own lexicon files (headings.toml, categories.toml, furniture.toml, "
    "attributes.toml, themes.toml) that extend the shipped ones; see docs/lexicons.md.",
)


def lang_option(what: str):
    """``--lang zh|en``: the language of ``what`` (Chinese by default: a union office reads it)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="zh",
        show_default=True,
        help=f"Language of {what}: zh Chinese, en English.",
    )


def _show(zh: str, en: str | None, file) -> None:
    for line in (message("error") + zh, *((message("error", "en") + en,) if en else ())):
        click.echo(printable(line), file=file, err=file is None)


class _Failure(click.ClickException):
    """A command's failure: ``错误：<Chinese>`` and, when there is one, ``Error: <English>``."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh if en is None else f"{zh}\n{en}")
        self.zh, self.en = zh, en

    def show(self, file=None) -> None:
        _show(self.zh, self.en, file)


class _BadValue(click.BadParameter):
    """A refused argument or option, said Chinese first (click's own messages are English only)."""

    def __init__(self, zh: str, en: str, ctx: click.Context | None = None, param=None) -> None:
        super().__init__(en, ctx=ctx, param=param)
        self.zh = zh

    def _hint(self) -> str | None:
        return (
            self.param.get_error_hint(self.ctx) if self.param is not None and self.ctx is not None else None
        )

    def format_message(self) -> str:
        hint = self._hint()
        return message("err_parameter", "en", param=hint, why=self.message) if hint else self.message

    def show(self, file=None) -> None:
        hint = self._hint()
        _show_usage(self.ctx, message("err_parameter", param=hint, why=self.zh) if hint else self.zh,
                    self.format_message(), file)  # fmt: skip


def _show_usage(ctx: click.Context | None, zh: str, en: str, file) -> None:
    """A usage mistake as click shows it (the usage line, where help is), Chinese first."""
    if ctx is not None:
        click.echo(ctx.get_usage(), file=file, err=file is None)
        click.echo(message("err_help", command=ctx.command_path) + "\n", file=file, err=file is None)
    _show(zh, en, file)


class _Usage(click.UsageError):
    """One of click's own usage errors (English only) said Chinese first, the English kept after it."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.format_message(), ctx=error.ctx)
        self.zh = _usage_in_chinese(error)

    def show(self, file=None) -> None:
        _show_usage(self.ctx, self.zh, self.message, file)


def _usage_in_chinese(e: click.UsageError) -> str:
    """Click's usage errors, by kind, in Chinese: what is wrong and what is allowed."""
    close = sorted(getattr(e, "possibilities", None) or ())  # in click's order
    maybe = "；" + message("err_did_you_mean", names="、".join(close)) if close else ""
    if isinstance(e, click.NoSuchOption):
        return message("err_no_option", name=e.option_name) + maybe
    # its own class from click 8.4; before that, a plain usage error with click's words
    named = getattr(e, "command_name", None) or (_NO_COMMAND.match(e.message) or [None, None])[1]
    if named is not None:
        commands = "、".join(e.ctx.command.list_commands(e.ctx)) if e.ctx else ""
        return message("err_no_command", name=named, commands=commands) + maybe
    if isinstance(e, click.BadOptionUsage):  # a value missing after an option, or given to a flag
        flag = any(e.option_name in p.opts and getattr(p, "is_flag", False) for p in _params(e.ctx))
        return message("err_flag_value" if flag else "err_option_value", name=e.option_name)
    param = getattr(e, "param", None)
    hint = param.get_error_hint(e.ctx) if param is not None and e.ctx is not None else ""
    if isinstance(e, click.MissingParameter):
        kind = e.param_type or (param.param_type_name if param is not None else "parameter")
        return message("err_missing_param", what=label("param_type", kind), name=hint or "")
    if isinstance(e, click.BadParameter) and param is not None:
        kind = param.type
        if isinstance(kind, click.Choice):
            allowed = "、".join(map(str, kind.choices))
            return message("err_parameter", param=hint, why=message("err_choice", allowed=allowed))
        if isinstance(kind, click.IntRange):
            bounds = (
                "err_int_range"
                if None not in (kind.min, kind.max)
                else "err_int_min"
                if kind.max is None
                else "err_int_max"
            )
            return message("err_parameter", param=hint, why=message(bounds, low=kind.min, high=kind.max))
        if kind is click.INT:
            return message("err_parameter", param=hint, why=message("err_int"))
        return message("err_parameter", param=hint, why=message("err_value_see_english"))
    extra = _EXTRA_ARGS.match(e.message)
    if extra:  # "Got unexpected extra arguments (b.txt c.txt)": click's words since 7.0
        return message("err_extra_args", args=extra.group(1))
    return message("err_usage")


_NO_COMMAND = re.compile(r"^No such command '(.+?)'")
_EXTRA_ARGS = re.compile(r"^Got unexpected extra arguments? \((.*)\)")


def _params(ctx: click.Context | None) -> list[click.Parameter]:
    return list(ctx.command.params) if ctx is not None else []


# A sentence of the library's own that starts in Chinese is already written for a union office.
_CHINESE_FIRST = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def explain(error: BaseException) -> tuple[str, str | None]:
    """``(Chinese, English)`` for an error a command met: a library error or a failed file-system call."""
    text = str(error)
    if isinstance(error, ReadError):
        source = printable(error.source)
        return (message("err_read", source=source, reason=label("read_error", error.reason)),
                message("err_read", "en", source=source, detail=error.detail))  # fmt: skip
    if isinstance(error, OutputError) and error.zh:
        return (message("err_output", path=error.path, why=error.zh),
                message("err_output", "en", path=error.path, detail=error.detail))  # fmt: skip
    if isinstance(error, OptionFileError):
        key = f"（{error.key}）" if error.key else ""
        return message("err_option_file", path=error.path, key=key), text
    if isinstance(error, UnknownOptionError):
        value, allowed = repr(error.value), [str(a) for a in error.allowed]
        return (message("err_option", name=error.name, value=value, allowed="、".join(allowed)),
                message("err_option", "en", name=error.name, value=value, allowed=", ".join(allowed)))  # fmt: skip
    if _CHINESE_FIRST.match(text):
        return text, None
    from ._lexicon import LexiconError
    from .topics import ModelVersionError

    if isinstance(error, LexiconError):
        return message("err_lexicon"), message("err_lexicon", "en", detail=text)
    if isinstance(error, ModelVersionError):
        return message("err_model_version"), message("err_model_version", "en", detail=text)
    if isinstance(error, OSError) and not isinstance(error, UnionCorpusError):
        zh, en = os_reason(error)
        where = f"{error.filename}: " if error.filename else ""
        return (message("err_file_system", where=where, why=zh),
                message("err_file_system", "en", where=where, why=en))  # fmt: skip
    return message("err_other"), message("err_other", "en", detail=text)


def _fail(zh: str, en: str | None = None) -> NoReturn:
    raise _Failure(zh, en)


def _fail_on(error: BaseException) -> NoReturn:
    """End the command with ``error`` explained (Chinese first); no traceback for a user's mistake."""
    raise _Failure(*explain(error)) from None


def _out_outside(out: Path, inputs: list[Path]) -> None:
    """``--out`` checked before any work: a folder can be made there (not a file, not the current folder),
    and it is not inside an input folder (its results would be read as input by the next run)."""
    from ._atomic import check_result_path

    try:
        check_result_path(out)
    except OutputError as e:
        _fail_on(e)
    where = out.resolve()
    for p in inputs:
        p = p.resolve()
        if p.is_dir() and (where == p or p in where.parents):
            _fail(
                message("err_out_inside", out=out, folder=p),
                message("err_out_inside", "en", out=out, folder=p),
            )


class _Command(click.Command):
    """A command whose usage errors know it (click leaves a misused option's error without its command, so
    no usage line could be shown)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            if e.ctx is None:
                e.ctx = ctx
            raise


class _Group(click.Group):
    """Library errors and file-system errors (disk full, permission denied) become one-line messages."""

    command_class = _Command

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as e:
            raise _in_chinese(e) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            raise _in_chinese(e) from None
        except UnionCorpusError as e:
            _fail_on(e)
        except BrokenPipeError:  # `unioncorpus extract … | head`: the reader has all it wanted
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python would complain flushing stdout at exit
            ctx.exit(1)
        except OSError as e:
            _fail_on(e)


# `unioncorpus` alone prints its help through a usage error (click >= 8.2): that one passes as it is
_HELP_ERRORS = tuple(c for c in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if c is not None)


def _in_chinese(error: click.UsageError) -> click.UsageError:
    """Click's English-only usage error made bilingual; ours (already Chinese) and the bare-command help
    pass as they are."""
    if isinstance(error, (_BadValue, _Usage, *_HELP_ERRORS)):
        return error
    return _Usage(error)


class Existing(click.Path):
    """A file or folder that must exist (``click.Path(exists=True)``), refused Chinese first.

    The checks are click's own, made first here so that the message can be ours.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(exists=True, **kwargs)

    def convert(self, value, param: click.Parameter | None, ctx: click.Context | None):
        shown = printable(os.fsdecode(value))
        try:
            st = os.stat(value)
        except OSError:
            self._refuse("err_missing", shown, param, ctx)
        if not self.file_okay and stat.S_ISREG(st.st_mode):
            self._refuse("err_not_folder", shown, param, ctx)
        if not self.dir_okay and stat.S_ISDIR(st.st_mode):
            self._refuse("err_not_file", shown, param, ctx)
        if self.readable and not os.access(value, os.R_OK):
            self._refuse("err_not_readable", shown, param, ctx)
        return super().convert(value, param, ctx)

    @staticmethod
    def _refuse(code: str, path: str, param, ctx) -> NoReturn:
        raise _BadValue(message(code, path=path), message(code, "en", path=path), ctx=ctx, param=param)


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise _BadValue(
                message("err_encoding", value=repr(value)), message("err_encoding", "en", value=repr(value))
            ) from None
    return value


ENCODING = click.option(
    "--encoding",
    default=None,
    callback=_encoding,
    help="Decode text files with this encoding instead of detecting it.",
)


def unreadable_line(failure, lang: str = "zh") -> str:
    """One line for a file that could not be read, control characters in its name made visible."""
    return printable(unreadable(failure, lang))


def _print_rows(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Rows as aligned columns (Chinese characters count two columns wide)."""
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        click.echo("  ".join(pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip())


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
