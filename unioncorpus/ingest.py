"""Stage 1 — read raw files into :class:`SourceText` with per-line provenance.

Text files are decoded without options (BOM, UTF-8, GB18030, then guesses that must read as Chinese);
``.docx`` paragraphs and tables are read in document order, one line per paragraph or table row;
``.html`` keeps the visible text only; ``.xlsx`` sheets give a line per row; ``.doc``/``.wps``/``.pdf``
go through an external converter when one is installed (:mod:`unioncorpus.converters`); a ``.zip`` is
read inside, each member reported as ``archive.zip/member.docx``. Anything that cannot be read becomes
a :class:`ReadFailure` naming the file and the reason (see :class:`~unioncorpus.errors.ReadError`), and
reading a folder never stops because of one bad file. Every file is read within :class:`Limits`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import overload

from . import _readers, converters
from ._archives import ZIP_SUFFIXES, Archive, is_zip
from ._decode import decode_bytes
from ._limits import DEFAULT_LIMITS, Limits
from ._offsets import physical_line
from ._scan import file_bytes, iter_files, split_member
from .errors import ReadError
from .model import Line, ReadFailure, SourceText
from .normalization import normalize_spans, split_junk

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "Limits", "decode_bytes", "iter_files", "read", "read_file"]

MAX_BYTES = DEFAULT_LIMITS.max_bytes
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SUPPORTED_SUFFIXES = (
    *TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES, *XLSX_SUFFIXES, *converters.CONVERTERS, *ZIP_SUFFIXES,
)  # fmt: skip
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOOKS_HTML = re.compile(r"(?i)<!doctype html|<html")


def _split_raw(text: str) -> list[str]:
    """Raw lines, whatever ends them: CRLF, LF, or CR alone (old Mac files, and mixes of all three)."""
    return re.split(r"\r\n|\r|\n", text)


def _lines_from_text(text: str) -> tuple[list[Line], int]:
    raw_lines = _split_raw(text)
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        line = _physical(number, raw, markdown=True)
        if line is not None:
            lines.append(line)
    return lines, len(raw_lines)


def _physical(number: int, raw: str, *, markdown: bool, level: int = 0) -> Line | None:
    """The normalised Line of one raw line (``None`` when nothing is left), raw columns kept."""
    norm, md_level, columns = normalize_spans(raw, markdown=markdown)
    if not norm:
        return None
    text, junk = split_junk(norm)
    if not text:
        return None
    return physical_line(number, raw, text, columns, md_level=level or md_level, junk=junk)


def _lines_from_blocks(blocks: Iterable[tuple[int, str, int]]) -> list[Line]:
    lines = []
    for number, raw, level in blocks:
        line = _physical(number, raw, markdown=False, level=level)
        if line is not None:
            lines.append(line)
    return lines


def _kind(data: bytes, suffix: str) -> str:
    """What to read the bytes as: by their content first (files people send are often misnamed), then by
    the extension."""
    if is_zip(data):
        if suffix in ZIP_SUFFIXES:
            return "zip"
        # the zip's directory, at its end, names its parts: a workbook has xl/workbook.xml
        if suffix in XLSX_SUFFIXES or (suffix not in DOCX_SUFFIXES and b"xl/workbook" in data[-65536:]):
            return "xlsx"
        return suffix if suffix in (".odt", ".ods") else "docx"
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(_OLE):
        return suffix if suffix in converters.CONVERTERS else ".doc"
    if data.lstrip()[:5] == b"{\\rtf":
        return ".rtf"
    if suffix in converters.CONVERTERS and suffix not in (".pdf",):
        return suffix  # an OpenDocument file or a WPS file of its own format: the converter knows
    if suffix in DOCX_SUFFIXES:
        return "not_docx"
    return "text"


def read_bytes(
    data: bytes, *, source: str, suffix: str, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> SourceText:
    """Read the bytes of one file (or zip member) named ``source`` with extension ``suffix``."""
    if not data.strip():
        raise ReadError(source, "empty", "the file is empty")
    kind = _kind(data, suffix)
    if kind == "zip":
        raise ReadError(
            source, "unsupported", "is a .zip archive: read() and the command line read the files in it"
        )
    if kind == "not_docx":
        raise ReadError(source, "corrupt_docx", "the .docx file is damaged (not a valid zip)")
    if kind in converters.CONVERTERS:
        kind, data = converters.convert(data, source=source, suffix=kind, timeout=limits.converter_timeout)
        if len(data) > limits.max_unpacked:
            raise ReadError(source, "too_many_characters", "its converted text is too large; not read")
        if kind == "txt":
            text = data.decode("utf-8", errors="replace")
            lines, n = _lines_from_text(text)
            if not lines:
                raise ReadError(source, "empty", "the PDF holds no text (a scan? run OCR on it first)")
            return _checked(SourceText(source, "pdf", None, tuple(lines), n), limits)
        fmt = "doc" if kind == "docx" else "xls"
    else:
        fmt = kind
    if kind in ("docx", "xlsx"):
        reader = _readers.docx_blocks if kind == "docx" else _readers.xlsx_blocks
        lines = _lines_from_blocks(reader(data, source, limits=limits))
        if not lines:
            raise ReadError(source, "empty", f"the {suffix or fmt} file holds no text")
        return _checked(SourceText(source, fmt, None, tuple(lines), len(lines) and lines[-1].number), limits)
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, ""):
        raise ReadError(
            source,
            "unsupported",
            f"unsupported file type {suffix}; supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    text, used = decode_bytes(data, source=source, encoding=encoding)
    if len(text) > limits.max_chars:
        raise ReadError(
            source, "too_many_characters", f"holds more than {limits.max_chars:,} characters; not read"
        )
    warnings = (f"{used}: some bytes could not be decoded and were replaced",) if "replaced" in used else ()
    if suffix in HTML_SUFFIXES or _LOOKS_HTML.match(text.lstrip()[:200]):
        lines = _lines_from_blocks(_readers.html_blocks(text, source, limits=limits))
        fmt, n_raw = "html", text.count("\n") + 1
    else:
        if text.count("\n") + text.count("\r") > limits.max_lines:
            raise ReadError(source, "too_many_lines", f"holds more than {limits.max_lines:,} lines; not read")
        lines, n_raw = _lines_from_text(text)
        fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    if not lines:
        raise ReadError(source, "empty", "the file holds no text (only whitespace)")
    return SourceText(source, fmt, used, tuple(lines), n_raw, warnings)


def _checked(st: SourceText, limits: Limits) -> SourceText:
    if sum(len(ln.raw) for ln in st.lines) > limits.max_chars:
        raise ReadError(st.source, "too_many_characters", f"holds more than {limits.max_chars:,} characters")
    return st


def _member(path: str, source: str, *, encoding: str | None, limits: Limits) -> SourceText | None:
    """A file inside a .zip, named by its path through the archive (``folder/a.zip/plans/b.docx``, also
    through a zip inside a zip); ``None`` when no part of the path is a zip file."""
    found = split_member(path)
    if found is None:
        return None
    archive_path, inner = found
    data = file_bytes(archive_path, archive_path, limits.max_bytes)
    where, depth = archive_path, 0
    while True:
        depth += 1
        if depth > limits.max_archive_depth:
            raise ReadError(
                source,
                "too_deeply_nested",
                f"is inside zips nested more than {limits.max_archive_depth} deep",
            )
        with Archive(data, where, limits=limits) as archive:
            name = inner if inner in archive.infos else None
            if name is None:  # through a zip inside this one: the longest member name that is a zip
                parts = inner.split("/")
                for k in range(len(parts) - 1, 0, -1):
                    head = "/".join(parts[:k])
                    if head in archive.infos and head.lower().endswith(ZIP_SUFFIXES):
                        data, where, inner = (
                            archive.read(head, max_bytes=limits.max_bytes),
                            f"{where}/{head}",
                            "/".join(parts[k:]),
                        )
                        break
                else:
                    raise ReadError(source, "not_found", f"no such file in {where}")
                continue
            if archive.unsafe(name):
                raise ReadError(source, "unsafe_name", "its name leads out of the archive's folder; not read")
            data = archive.read(name, max_bytes=limits.max_bytes)
        return read_bytes(
            data, source=source, suffix=Path(name).suffix.lower(), encoding=encoding, limits=limits
        )


def read_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    limits: Limits | None = None,
) -> SourceText:
    """Read one file, or one file inside a .zip (``submissions.zip/东湖小学.docx``).

    Raises:
        ReadError: the file cannot be read as a plan; the message names the file and the reason.
    """
    limits = limits or (DEFAULT_LIMITS if max_bytes == MAX_BYTES else Limits(max_bytes=max_bytes))
    source = str(path)
    if not os.path.lexists(source):
        member = _member(source, source, encoding=encoding, limits=limits)
        if member is not None:
            return member
    data = file_bytes(source, source, limits.max_bytes)
    return read_bytes(
        data, source=source, suffix=Path(source).suffix.lower(), encoding=encoding, limits=limits
    )


@overload
def read(
    paths: str | os.PathLike[str],
    *,
    encoding: str | None = ...,
    max_bytes: int = ...,
    limits: Limits | None = ...,
) -> SourceText: ...
@overload
def read(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = ...,
    max_bytes: int = ...,
    limits: Limits | None = ...,
) -> list[SourceText | ReadFailure]: ...
def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    limits: Limits | None = None,
) -> SourceText | list[SourceText | ReadFailure]:
    """Read one file, or files, folders and .zip archives.

    One file (a path that is neither a folder nor a .zip) gives its :class:`SourceText` and raises
    :class:`ReadError` when it cannot be read, so ``uc.split(uc.read("plan.txt"))`` works. A folder, a
    .zip or a list gives a list in which every file found is exactly one SourceText or ReadFailure (a
    batch never stops at a bad file; links, pipes and unreadable folders are reported too).

    >>> [type(r).__name__ for r in read([])]
    []
    """
    if isinstance(paths, str | os.PathLike):
        p = Path(paths)
        if not p.is_dir() and p.suffix.lower() not in ZIP_SUFFIXES:
            return read_file(paths, encoding=encoding, max_bytes=max_bytes, limits=limits)
    out: list[SourceText | ReadFailure] = []
    for path in iter_files(paths, limits=limits or DEFAULT_LIMITS):
        if isinstance(path, ReadFailure):
            out.append(path)
            continue
        try:
            out.append(read_file(path, encoding=encoding, max_bytes=max_bytes, limits=limits))
        except ReadError as e:
            out.append(ReadFailure(e.source, e.reason, e.detail))
        except Exception as e:  # a reader bug must not lose the rest of the batch
            out.append(ReadFailure(str(path), "unreadable", f"unexpected {type(e).__name__}: {e}"))
    return out
