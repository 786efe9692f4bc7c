"""Safe outputs: readable file names, visible control characters, and spreadsheet cells that cannot run.

Everything a submitted file controls (its name, its title, its text) reaches CSV, XLSX, HTML and the
terminal. These helpers are the one place that decides how such text is shown:

- a file name that is not valid UTF-8 (a GBK name from a Windows zip unpacked on Linux) is decoded as
  GB18030 or Big5 when that gives plausible Chinese, else its bad bytes are shown as ``\\xb9`` escapes;
- control characters become visible (``␇`` for BEL) instead of ringing, moving the cursor or breaking XML;
- a spreadsheet cell that begins with ``= + - @``, tab or CR is prefixed with ``'`` (CSV) or stored as
  quote-prefixed text (XLSX), as OWASP's CSV-injection guidance recommends, so no cell is ever a formula.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_START", "json_line", "neutralise", "printable", "readable_name", "safe_table"]

# OWASP "CSV Injection": = + - @ tab CR start a formula in Excel, LibreOffice or Google Sheets. The
# full-width forms are added because Chinese input methods produce them and some spreadsheet programs
# fold them to ASCII when a cell is edited.
FORMULA_START = tuple("=+-@\t\r＝＋－＠")

# C0 controls (but not line feed, which a multi-line cell may hold), DEL, C1 controls, and the bidi
# overrides that make a name display in another order than it is stored ("Trojan source"). Written with
# the characters themselves, not escapes, so pandas can hand the pattern to pyarrow's regex engine (RE2) as
# well as to Python's and test a whole column at once (safe_table).
_CONTROLS = "".join(f"{chr(a)}-{chr(b)}" for a, b in ((0x00, 0x09), (0x0B, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E),
                                                       (0x2066, 0x2069)))  # fmt: skip
_UNPRINTABLE = re.compile(f"[{_CONTROLS}]")
# What neutralise changes in a cell: such a character anywhere, or a formula character first (tab and CR
# are controls already).
_NEEDS_CARE = f"[{_CONTROLS}]|^[{''.join(re.escape(c) for c in FORMULA_START if not _UNPRINTABLE.match(c))}]"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _visible(m: re.Match[str]) -> str:
    cp = ord(m.group(0))
    if cp < 0x20:
        return chr(0x2400 + cp)  # Unicode "control pictures": ␀ … ␟
    if cp == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{cp:04x}" if cp > 0xFF else f"\\x{cp:02x}"


def printable(text: str) -> str:
    """``text`` with control and bidi-override characters made visible; other text unchanged.

    >>> printable("计划\\x07.txt")
    '计划␇.txt'
    """
    return _UNPRINTABLE.sub(_visible, text) if _UNPRINTABLE.search(text) else text


def _plausible_chinese(text: str, encoding: str) -> bool:
    """Whether a name decoded with ``encoding`` reads as Chinese rather than bytes decoded by luck."""
    if _UNPRINTABLE.search(text):
        return False
    cjk = _CJK.findall(text)
    if not cjk:
        return False
    if encoding != "gb18030":
        return True
    # Real simplified names are (almost) all GB2312 characters; UTF-8 or Big5 bytes read as GB18030 are not.
    common = sum(1 for ch in cjk if _encodes(ch, "gb2312"))
    return common / len(cjk) >= 0.9


def _encodes(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _decode_component(raw: bytes) -> tuple[str, str]:
    """One path component as text, and how it was decoded (``utf-8``, ``GB18030``, ``Big5``, ``escaped``)."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding, label in (("gb18030", "GB18030"), ("big5", "Big5")):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_chinese(text, encoding):
            return text, label
    return raw.decode("utf-8", errors="backslashreplace"), "escaped"


def readable_name(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """A file name fit to show and to write as UTF-8, and a note when it had to be decoded.

    Python gives names that are not valid UTF-8 as "surrogate-escaped" strings, which cannot be written to
    UTF-8 output (JSON, Parquet, XLSX). Each path component is decoded on its own (the folders a user typed
    are UTF-8 even when the file names from a zip are GBK).

    >>> readable_name(os.fsdecode(b"plans/\\xb9\\xa4\\xbb\\xe1.txt"))
    ('plans/工会.txt', 'the file name is not UTF-8; shown decoded as GB18030')
    >>> readable_name(os.fsdecode(b"plans/\\xff.txt"))[0]
    'plans/\\\\xff.txt'
    """
    name = os.fspath(path)
    if isinstance(name, str):
        try:
            name.encode("utf-8")
            return name, None
        except UnicodeEncodeError:
            name = os.fsencode(name)
    decoded = [_decode_component(part) for part in name.split(b"/")]
    shown = "/".join(text for text, _ in decoded)
    how = sorted({label for _, label in decoded} - {"utf-8"})
    if "escaped" in how:
        return shown, "the file name is not UTF-8, GB18030 or Big5; its bad bytes are shown as \\x escapes"
    if not how:
        return shown, None
    return shown, f"the file name is not UTF-8; shown decoded as {' and '.join(how)}"


def json_line(record: dict) -> str:
    """``record`` as one line of JSON that is always valid UTF-8 (a lone surrogate becomes a ``\\u`` escape)."""
    import json

    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True)
    return line


def neutralise(value: object) -> object:
    """A spreadsheet cell that cannot be a formula: text starting with a formula character gets a ``'``.

    Control characters are made visible too (they are illegal in XLSX and confusing in CSV). Values
    that are not text pass unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise(-3)
    -3
    """
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are :func:`neutralise`\\ d (for CSV written from submitted text)."""
    out = df.copy()
    for col in out.columns:
        column = out[col]
        if column.dtype == object:
            out[col] = column.map(neutralise)
        elif str(column.dtype) in ("string", "str"):
            # only the cells neutralise would change go through it (few, and a column can hold millions)
            needs = column.str.contains(_NEEDS_CARE, regex=True, na=False).to_numpy(dtype=bool)
            if needs.any():
                column = column.copy()
                column[needs] = [neutralise(v) for v in column[needs]]
                out[col] = column
    out.columns = [neutralise(c) for c in out.columns]
    return out
