"""Readers of structured files: ``.docx``, web pages and ``.xlsx``, each giving numbered blocks.

A block is ``(number, raw text, heading level)``: one per paragraph or table row (.docx), per
block-level element or ``<br>`` (web pages), per sheet row (.xlsx), numbered in reading order. Every
reader walks its input iteratively and counts as it goes, so a file past a :class:`Limits` value stops
with a named reason instead of running for minutes or recursing past Python's stack.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from ._archives import Archive
from ._limits import DEFAULT_LIMITS, Limits
from .errors import ReadError

__all__ = ["Block", "docx_blocks", "html_blocks", "xlsx_blocks"]

Block = tuple[int, str, int]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TEXT_TAGS = {_T: None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.I)


class _Counter:
    """Blocks and characters read so far, checked against the limits as they grow."""

    def __init__(self, source: str, limits: Limits, what: str) -> None:
        self.source, self.limits, self.what = source, limits, what
        self.blocks: list[Block] = []
        self.chars = 0

    def add(self, text: str, level: int = 0) -> None:
        self.blocks.append((len(self.blocks) + 1, text, level))
        self.chars += len(text)
        if len(self.blocks) > self.limits.max_lines:
            raise ReadError(
                self.source,
                "too_many_lines",
                f"holds more than {self.limits.max_lines:,} {self.what}; not read",
            )
        if self.chars > self.limits.max_chars:
            raise ReadError(
                self.source,
                "too_many_characters",
                f"holds more than {self.limits.max_chars:,} characters of text; not read",
            )


# -- .docx --------------------------------------------------------------------------------------


def _heading_styles(archive: Archive) -> dict[str, int]:
    """Heading level by paragraph style id, from ``word/styles.xml`` ("heading 1", "标题 2" …)."""
    from lxml import etree

    if "word/styles.xml" not in archive.infos:
        return {}
    levels = {}
    root = etree.fromstring(archive.read("word/styles.xml"))
    for style in root.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        m = _HEADING_STYLE.match(name.get(f"{_W}val", "")) if name is not None else None
        if m:
            levels[style.get(f"{_W}styleId", "")] = int(m.group(1))
    return levels


def _paragraph_text(p) -> str:
    """A paragraph's visible text: runs, hyperlinks, inserted and smart-tag text; not deleted text, field
    codes, or the paragraphs of text boxes drawn over it (they belong to no reading order)."""
    boxes = list(p.iter(f"{_W}txbxContent"))
    out = []
    for el in p.iter(*_TEXT_TAGS):
        if boxes and any(a.tag == f"{_W}txbxContent" for a in el.iterancestors()):
            continue
        out.append(el.text or "" if el.tag == _T else _TEXT_TAGS[el.tag])
    return "".join(out)


def _style_level(p, styles: dict[str, int]) -> int:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return styles.get(style.get(f"{_W}val", ""), 0) if style is not None else 0


def _own(tc) -> list:
    """A cell's own paragraphs and nested tables, in order (also inside content controls, ``w:sdt``), not
    the paragraphs of the tables nested in it."""
    return [el for el in tc.iter(_P, _TBL) if next(el.iterancestors(_TC, _TBL), None) is tc]


def _span(tc) -> int:
    """How many grid columns a cell spans (``w:gridSpan``)."""
    el = tc.find(f"{_W}tcPr/{_W}gridSpan")
    value = el.get(f"{_W}val", "1") if el is not None else "1"
    return max(int(value), 1) if value.isdigit() else 1


def _table(tbl, out: _Counter, styles: dict[str, int], depth: int) -> None:
    """A table row by row. A data row is one line, its cells joined by a tab (a vertically merged cell
    repeats the text above it, as a month column spanning its activities should). A layout row — one
    cell holding several paragraphs, or a cell holding another table — gives its paragraphs as lines in
    reading order, so a plan pasted into a table (or a table in a table) keeps its lines."""
    if depth > out.limits.max_table_depth:
        raise ReadError(
            out.source, "too_deeply_nested", f"has tables nested more than {out.limits.max_table_depth} deep"
        )
    above: dict[int, str] = {}
    for tr in tbl.iter(_TR):
        if next(tr.iterancestors(_TBL), None) is not tbl:
            continue
        cells, row_above, col = [], {}, 0
        for tc in tr.iter(_TC):
            if next(tc.iterancestors(_TR), None) is not tr:
                continue
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            cells.append((tc, above.get(col, "") if continued else None))
            col += _span(tc)
        owned = [_own(tc) for tc, _ in cells]
        layout = any(el.tag == _TBL for els in owned for el in els) or (
            len(cells) == 1 and sum(1 for el in owned[0] if _paragraph_text(el).strip()) > 1
        )
        if layout:
            for els in owned:
                for el in els:
                    if el.tag == _TBL:
                        _table(el, out, styles, depth + 1)
                    else:
                        out.add(_paragraph_text(el), _style_level(el, styles))
            above = {}
            continue
        texts, col = [], 0
        for (tc, inherited), els in zip(cells, owned, strict=True):
            text = (
                inherited
                if inherited is not None
                else " ".join(t.strip() for t in map(_paragraph_text, els) if t.strip())
            )
            texts.append(text)
            span = _span(tc)
            for c in range(col, col + span):
                row_above[c] = text
            col += span
        above = row_above
        out.add("\t".join(texts))


def docx_blocks(data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Paragraphs and table rows of a .docx in document order, read from its XML as it streams (python-docx
    looks up every paragraph's style anew: 116 s for 40,000 paragraphs)."""
    from lxml import etree

    with Archive(data, source, limits=limits, kind="docx") as archive:
        if "word/document.xml" not in archive.infos:
            raise ReadError(source, "corrupt_docx", "the .docx file is damaged (it has no word/document.xml)")
        out = _Counter(source, limits, "paragraphs and table rows")
        try:
            styles = _heading_styles(archive)
            with archive.open("word/document.xml") as stream:
                for _, el in etree.iterparse(stream, events=("end",), tag=(_P, _TBL), resolve_entities=False):
                    if next(el.iterancestors(_TBL, _P), None) is not None:
                        continue  # read with the table or paragraph that holds it
                    if el.tag == _TBL:
                        _table(el, out, styles, 1)
                    else:
                        out.add(_paragraph_text(el), _style_level(el, styles))
                    el.clear()
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as e:
            if "depth" in str(e).lower():
                raise ReadError(
                    source, "too_deeply_nested", f"its XML is nested too deep to read ({e})"
                ) from None
            raise ReadError(source, "corrupt_docx", f"the .docx file is damaged ({e})") from None
        except ReadError:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as e:
            # a damaged member shows only as it streams
            raise ReadError(
                source, "corrupt_docx", f"the .docx file is damaged ({type(e).__name__}: {e})"
            ) from None
    return out.blocks


# -- web pages ----------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
    "ul", "ol", "dd", "dt", "blockquote", "pre", "header", "footer", "title", "hr",
}  # fmt: skip
_INVISIBLE = ("script", "style", "noscript", "template", "head", "iframe", "svg")
_HEADING_TAG = re.compile(r"h[1-6]")
# A line break in the source between two Chinese characters is not one on the page: they join without
# a space (tried from the first space of a run only: from each one it is quadratic).
_SOURCE_BREAK = re.compile(r"(?<=[^\x00-\x7f\s])[^\S\n]*+\n\s*(?=[^\x00-\x7f])")


def html_blocks(text: str, source: str = "<html>", *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Visible text of an HTML page as the browser lays it out: a line per block-level element or ``<br>``,
    numbered in reading order (the page's text lines, as .docx paragraphs are numbered). The tree is
    walked with an explicit stack: 1,000 unclosed ``<p>`` nest 1,000 deep."""
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import PreformattedString

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    out = _Counter(source, limits, "blocks of text")
    buffer: list[str] = []
    state = {"level": 0, "pre": False}

    def flush() -> None:
        joined = "".join(buffer)
        parts = joined.split("\n") if state["pre"] else [_SOURCE_BREAK.sub("", joined).replace("\n", " ")]
        for part in parts:
            if part.strip():
                out.add(part, int(state["level"]))
        buffer.clear()

    stack: list[tuple[Tag, Iterator]] = [(soup, iter(soup.children))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node.name in _BLOCK_TAGS:
                flush()
            elif node.name in ("td", "th"):
                buffer.append("\t")  # a table row is one line, its cells joined by a tab
            continue
        if isinstance(child, PreformattedString):  # comments, doctype, CDATA: not visible
            continue
        if isinstance(child, NavigableString):
            if not buffer:
                state["level"] = int(node.name[1]) if _HEADING_TAG.fullmatch(node.name or "") else 0
                state["pre"] = node.name == "pre"
            buffer.append(str(child).replace("\r", ""))
        elif isinstance(child, Tag):
            if len(stack) >= limits.max_html_depth:
                raise ReadError(
                    source,
                    "too_deeply_nested",
                    f"the page nests elements more than {limits.max_html_depth:,} deep",
                )
            if child.name in _BLOCK_TAGS:
                flush()
            stack.append((child, iter(child.children)))
    flush()
    return out.blocks


# -- .xlsx --------------------------------------------------------------------------------------

_DEFAULT_SHEET = re.compile(r"(?i)(sheet|工作表|表)\s*\d*")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).replace("\r\n", " ").replace("\n", " ").strip()


def xlsx_blocks(data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Rows of every sheet in order, each one line of tab-joined cells (as .docx table rows); a sheet with
    a name of its own ("2024年工会活动安排") gives that name as a line first. Values, not formulas."""
    import openpyxl

    with Archive(data, source, limits=limits, kind="xlsx"):
        pass  # the size and ratio checks, before openpyxl unpacks anything
    out = _Counter(source, limits, "rows")
    cells = 0
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged package
        raise ReadError(
            source, "corrupt_xlsx", f"the .xlsx file is damaged ({type(e).__name__}: {e})"
        ) from None
    try:
        for sheet in book.worksheets:
            if not _DEFAULT_SHEET.fullmatch(sheet.title.strip()):
                out.add(sheet.title, 1)
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > limits.max_chars:
                    raise ReadError(
                        source, "too_many_characters", f"holds more than {limits.max_chars:,} cells"
                    )
                texts = [_cell(v) for v in row]
                while texts and not texts[-1]:
                    texts.pop()
                out.add("\t".join(texts))
    except ReadError:
        raise
    except Exception as e:  # a damaged sheet shows only while it is read
        raise ReadError(
            source, "corrupt_xlsx", f"the .xlsx file is damaged ({type(e).__name__}: {e})"
        ) from None
    finally:
        book.close()
    return out.blocks
