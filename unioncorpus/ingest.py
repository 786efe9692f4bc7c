"""Stage 1 — read raw files into :class:`SourceText` with per-line provenance.

Text files are decoded without options (BOM, UTF-8, GB18030, then charset-normalizer); ``.docx`` paragraphs
and tables are read in document order, one line per paragraph or table row; ``.html`` keeps the visible text
only. Anything that cannot be read becomes a :class:`ReadFailure` naming the file and the reason, and reading
a folder never stops because of one bad file.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import overload

from ._offsets import physical_line
from .errors import ReadError
from .model import Line, ReadFailure, SourceText
from .normalization import normalize_spans, split_junk

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "decode_bytes", "iter_files", "read", "read_file"]

MAX_BYTES = 20_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".docx", *HTML_SUFFIXES)
# Files a folder scan passes over: notes about the folder, not submissions.
_SKIP_NAMES = re.compile(r"^(readme|license|licence|changelog)(\.[a-z]+)?$", re.I)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "legacy_doc",
        "is a legacy Office (.doc/.xls) file; save it as .docx",
    ),
    (b"%PDF", "unsupported", "is a PDF; convert it to .docx or .txt first"),
    (b"\x89PNG", "binary", "is a PNG image, not text"),
    (b"\xff\xd8\xff", "binary", "is a JPEG image, not text"),
    (b"GIF8", "binary", "is a GIF image, not text"),
    (b"{\\rtf", "unsupported", "is an RTF file; save it as .docx"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _plausible(text: str, *, simplified: bool = True) -> bool:
    """Whether decoded text looks like real (Chinese) writing rather than bytes decoded by luck.

    With ``simplified``, the Chinese characters must be mostly GB2312 ones (the test for GB18030 noise).
    """
    if not text.strip():
        return False
    if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        return False
    cjk = _CJK.findall(text)
    if not cjk or not simplified:
        return True
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    # Real modern Chinese is ~99% GB2312 characters; GB18030-decoded noise is ~30%.
    return common / len(cjk) >= 0.9


def decode_bytes(data: bytes, *, source: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file, returning ``(text, encoding_used)``.

    Raises:
        ReadError: empty, binary or undecodable input, naming ``source`` and the failing byte.

    >>> decode_bytes("工会".encode("gb18030"))
    ('工会', 'gb18030')
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ReadError(source, "undecodable", f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise ReadError(
                source, "undecodable", f"{encoding} decode failed at byte {e.start}; try another --encoding"
            ) from None
    if not data.strip(b" \t\r\n\x00"):
        raise ReadError(source, "empty", "the file is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise ReadError(
                    source, "undecodable", f"{name} (from its BOM) decode failed at byte {e.start}"
                ) from None
    for magic, reason, detail in _MAGIC:
        if data.startswith(magic):
            raise ReadError(source, reason, f"the file {detail}")
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte is NUL in Latin text, rarely in Chinese; try both.
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and _CJK.search(text):
                return text, name
        raise ReadError(source, "binary", "the file is binary (it contains NUL bytes), not text")
    utf8_error = None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
        if _plausible(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.2:
        text = str(best)
        if _plausible(text, simplified=False):
            return text, best.encoding
    # Mostly UTF-8 with a few broken bytes: keep the text, mark the damage.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 2000) and _plausible(text.replace("\ufffd", "")):
        return text, "utf-8 (with replaced bytes)"
    if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise ReadError(source, "binary", "the file is binary (control bytes), not text")
    raise ReadError(
        source,
        "undecodable",
        f"neither UTF-8 (fails at byte {utf8_error.start}) nor GB18030 nor any detected encoding "
        "gives readable text; pass --encoding",
    )


def _lines_from_text(text: str) -> tuple[list[Line], int]:
    # Old Mac files end lines with CR alone: without this their whole text would be one line.
    raw_lines = text.split("\n") if "\n" in text or "\r" not in text else text.split("\r")
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        raw = raw.rstrip("\r")
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


def _docx_blocks(data: bytes, source: str) -> tuple[list[tuple[int, str, int]], int]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types for a damaged package
        raise ReadError(
            source, "corrupt_docx", f"the .docx file is damaged ({type(e).__name__}: {e})"
        ) from None
    blocks: list[tuple[int, str, int]] = []
    number = 0

    def add_table(table: Table) -> None:
        nonlocal number
        for row in table.rows:
            number += 1
            cells, seen = [], set()
            for cell in row.cells:
                # A merged cell appears once per grid column it spans: keep it once.
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
            blocks.append((number, "\t".join(cells), 0))

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            add_table(item)
            continue
        number += 1
        style = (item.style.name if item.style is not None else "") or ""
        m = re.match(r"(?:Heading|标题)\s*(\d)", style)
        blocks.append((number, item.text, int(m.group(1)) if m else 0))
    return blocks, number


_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
    "ul", "ol", "dd", "dt", "blockquote", "pre", "header", "footer", "title", "hr",
}  # fmt: skip
_INVISIBLE = ("script", "style", "noscript", "template", "head", "iframe", "svg")


def _html_blocks(text: str) -> list[tuple[int, str, int]]:
    """Visible text of an HTML page as the browser lays it out: a line per block-level element or ``<br>``,
    numbered in reading order (the page's text lines, as .docx paragraphs are numbered)."""
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import PreformattedString

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    blocks: list[tuple[int, str, int]] = []
    buffer: list[str] = []
    state: dict[str, int | bool] = {"level": 0, "pre": False}

    def flush() -> None:
        joined = "".join(buffer)
        if state.get("pre"):
            parts = joined.split("\n")
        else:  # a line break in the source is not one on the page; Chinese text joins without a space
            parts = [
                re.sub(r"(?<=[^\x00-\x7f\s])[^\S\n]*+\n\s*(?=[^\x00-\x7f])", "", joined).replace("\n", " ")
            ]
        for part in parts:
            if part.strip():
                blocks.append((len(blocks) + 1, part, state["level"]))
        buffer.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, PreformattedString):  # comments, doctype, CDATA: not visible
                continue
            if isinstance(child, NavigableString):
                if not buffer:
                    state["level"] = int(node.name[1]) if re.fullmatch(r"h[1-6]", node.name or "") else 0
                    state["pre"] = node.name == "pre"
                buffer.append(str(child).replace("\r", ""))
            elif isinstance(child, Tag):
                if child.name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
                    if child.name in ("td", "th"):
                        buffer.append("\t")  # a table row is one line, its cells joined by a tab
        return None

    walk(soup)
    flush()
    return blocks


def read_file(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> SourceText:
    """Read one file.

    Raises:
        ReadError: the file cannot be read as a plan; the message names the file and the reason.
    """
    source = str(path)
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ReadError(
                source,
                "too_large",
                f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(source, "not_found", "no such file") from None
    except IsADirectoryError:
        raise ReadError(source, "unreadable", "is a folder, not a file") from None
    except PermissionError:
        raise ReadError(source, "unreadable", "permission denied") from None
    except OSError as e:
        if isinstance(e, ReadError):
            raise
        raise ReadError(source, "unreadable", f"cannot be read ({e.strerror or e})") from None
    if not data.strip():
        raise ReadError(source, "empty", "the file is empty")
    if suffix in (".docx", ".doc") and data.startswith(b"PK"):
        try:
            blocks, n = _docx_blocks(data, source)
        except zipfile.BadZipFile:
            raise ReadError(source, "corrupt_docx", "the .docx file is damaged (not a valid zip)") from None
        lines = _lines_from_blocks(blocks)
        if sum(len(ln.text) for ln in lines) > max_bytes:
            raise ReadError(
                source, "too_large", f"the document holds more than {max_bytes / 1e6:.0f} MB of text"
            )
        if not lines:
            raise ReadError(source, "empty", "the .docx file holds no text")
        return SourceText(source, "docx", None, tuple(lines), n)
    if suffix == ".docx":
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(
                source, "legacy_doc", "is a legacy Word .doc file renamed .docx; save it as .docx"
            )
        raise ReadError(source, "corrupt_docx", "the .docx file is damaged (not a valid zip)")
    if suffix == ".doc" and data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(source, "legacy_doc", "legacy Word .doc files are not supported; save it as .docx")
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".doc"):
        raise ReadError(
            source,
            "unsupported",
            f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    text, used = decode_bytes(data, source=source, encoding=encoding)
    warnings = (f"{used}: some bytes could not be decoded and were replaced",) if "replaced" in used else ()
    looks_html = suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:200], re.I)
    if looks_html:
        lines = _lines_from_blocks(_html_blocks(text))
        fmt = "html"
    else:
        lines, _ = _lines_from_text(text)
        fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    if not lines:
        raise ReadError(source, "empty", "the file holds no text (only whitespace)")
    return SourceText(source, fmt, used, tuple(lines), text.count("\n") + 1, warnings)


def iter_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted, hidden files and READMEs skipped), in input order."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
                and not _SKIP_NAMES.match(q.name)
            )
            yield from found
        else:
            yield p


@overload
def read(
    paths: str | os.PathLike[str], *, encoding: str | None = ..., max_bytes: int = ...
) -> SourceText: ...
@overload
def read(
    paths: Iterable[str | os.PathLike[str]], *, encoding: str | None = ..., max_bytes: int = ...
) -> list[SourceText | ReadFailure]: ...
def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> SourceText | list[SourceText | ReadFailure]:
    """Read one file, or files and folders.

    One file (a path that is not a folder) gives its :class:`SourceText` and raises :class:`ReadError` when
    it cannot be read, so ``uc.split(uc.read("plan.txt"))`` works. A folder or a list gives a list in which
    every file found is exactly one SourceText or ReadFailure (a batch never stops at a bad file).

    >>> [type(r).__name__ for r in read([])]
    []
    """
    if isinstance(paths, str | os.PathLike) and not Path(paths).is_dir():
        return read_file(paths, encoding=encoding, max_bytes=max_bytes)
    out: list[SourceText | ReadFailure] = []
    for path in iter_files(paths):
        try:
            out.append(read_file(path, encoding=encoding, max_bytes=max_bytes))
        except ReadError as e:
            out.append(ReadFailure(e.source, e.reason, e.detail))
        except Exception as e:  # a reader bug must not lose the rest of the batch
            out.append(ReadFailure(str(path), "unreadable", f"unexpected {type(e).__name__}: {e}"))
    return out
