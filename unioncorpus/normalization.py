"""Stateless text normalisation for analysis; raw text is never changed, only its analysis copy.

Every step only removes characters or replaces one character with one other, so the analysis text keeps
a map back to the raw columns (:func:`normalize_spans`): that is how a value found in a normalised line is
still cited at its raw line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["normalize", "normalize_line", "normalize_spans", "split_junk"]

# Full-width ASCII letters and digits only: full-width punctuation carries meaning in Chinese
# numbering ("（一）", "1．") and stays as written. NFKC would also turn ① into 1, which we must not.
_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_HALF |= {cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)}
_HALF |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}
# A tab stays: it separates the cells of a table row (.docx and .html rows are tab-joined, and so are
# tables pasted from Word). Other odd spaces become one plain space.
_SPACES = {cp: " " for cp in (0x0B, 0x0C, 0xA0, 0x1680, 0x3000, 0x202F, 0x205F)}
_SPACES |= {cp: " " for cp in range(0x2000, 0x200B)}
_ZERO_WIDTH = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
_TABLE = _HALF | _SPACES | _ZERO_WIDTH
_CHANGED = re.compile("[" + "".join(map(chr, sorted(_TABLE))) + "]")

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|(?=[^\s#]))(.*?)(?:\s+#+\s*)?$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
# "__" between letters (Han included) is no emphasis, as in CommonMark: "20__年__月__日" is a date left blank
_MD_EMPHASIS = re.compile(r"\*\*(?=\S)([^*_\n]+?)(?<=\S)\*\*|(?<!\w)__(?=\S)([^*_\n]+?)(?<=\S)__(?!\w)")
_MD_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)")
# Possessive runs (``\s*+``): a line of spaces must not be split every way between the ``\s*`` in turn.
_MD_TABLE_RULE = re.compile(r"^\s*+\|?\s*+:?-{3,}:?\s*+(?:\|\s*+:?-{3,}:?\s*+)*+\|?\s*+$")
_MD_MARKUP = re.compile(r"^\s{0,3}#|[\\*_>|]|^\s*[-+]\s")
_GAPS = re.compile(r"[ \t]{2,}")
# Pinyin in brackets after a character ("規(guī)劃", "節(jié)"): the trace of a converter that annotated
# polyphonic characters; it is not part of the text.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
# "??" or replacement characters at the end of a line: the trace of a broken encoding upstream.
# Each run is tried from its first character only: from every "?" of a long run it would be quadratic.
_JUNK = re.compile(r"(?:(?<!\?)\?{2,}|(?<!？)？{2,}|(?<!\ufffd)\ufffd+)\s*$")

# a line that opens and closes with a comma: the cells of a table row, each written between commas
_COMMA_ROW = re.compile(r"^\s*[,，].*[,，]\s*$")

Edit = Callable[[re.Match[str]], list[int]]


def split_junk(text: str) -> tuple[str, str]:
    """Split trailing encoding junk off ``text``.

    >>> split_junk("2、传箴??")
    ('2、传箴', '??')
    """
    m = _JUNK.search(text)
    if not m or m.start() == 0:
        return text, ""
    return text[: m.start()].rstrip(), m.group(0).strip()


def normalize(text: str, *, markdown: bool = True) -> str:
    """Normalise one line of text for analysis.

    Full-width letters and digits become half-width, ideographic and other odd spaces become one plain
    space (a run holding a tab becomes one tab: a cell boundary), zero-width characters go, and (with
    ``markdown``) heading markers, escapes, emphasis, quote and bullet markers are removed, and a
    ``| a | b |`` table row becomes tab-separated cells.

    >>> normalize("## 二、重点工作　\\\\_ＡＢ１２")
    '二、重点工作 _AB12'
    """
    return normalize_spans(text, markdown=markdown)[0]


def normalize_line(text: str, *, markdown: bool = True) -> tuple[str, int]:
    """Like :func:`normalize`, also returning the markdown heading level (0 if none)."""
    s, level, _ = normalize_spans(text, markdown=markdown)
    return s, level


def _keep(
    s: str, pos: list[int], rx: re.Pattern[str], edit: Edit, *, count: int = 0
) -> tuple[str, list[int]]:
    """Apply ``rx`` to ``s``; each match keeps the characters at the indices ``edit`` returns."""
    out: list[int] = []
    last = 0
    for n, m in enumerate(rx.finditer(s)):
        if count and n >= count:
            break
        out.extend(range(last, m.start()))
        out.extend(edit(m))
        last = m.end()
    if last == 0 and not out:
        return s, pos
    out.extend(range(last, len(s)))
    return "".join(s[i] for i in out), [pos[i] for i in out]


def _group(*names: int) -> Edit:
    return lambda m: [i for g in names for i in range(m.start(g), m.end(g))]


def _gap(m: re.Match[str]) -> list[int]:
    """A run of spaces keeps one character: its tab if it holds one (a cell boundary), else a space."""
    tab = m.group(0).find("\t")
    return [m.start() + (tab if tab >= 0 else 0)]


def normalize_spans(text: str, *, markdown: bool = True) -> tuple[str, int, list[int] | int]:
    """Normalise a raw line; return ``(text, markdown_level, columns)``.

    ``columns`` maps each character of the normalised text to its raw column: a list, or a single int
    ``k`` when the text is the raw line's ``text[k:k+len]`` unchanged (the common case, kept cheap).

    >>> normalize_spans("  一、  指导思想")
    ('一、 指导思想', 0, [2, 3, 6, 7, 8, 9, 10])
    """
    plain = (
        not _CHANGED.search(text)
        and not _GAPS.search(text)
        and not _PINYIN.search(text)
        and not _COMMA_ROW.match(text)
    )
    if plain and (not markdown or not _MD_MARKUP.search(text)):
        stripped = text.strip()
        return stripped, 0, len(text) - len(text.lstrip())
    pos = [i for i, ch in enumerate(text) if ord(ch) not in _ZERO_WIDTH]
    s = text.translate(_TABLE)
    level = 0
    if markdown:
        m = _MD_HEADING.match(s)
        if m:
            level = len(m.group(1))
            s, pos = _keep(s, pos, _MD_HEADING, _group(2), count=1)
        if _MD_TABLE_RULE.match(s) and "-" in s:
            return "", 0, []
        s, pos = _keep(s, pos, _MD_QUOTE, lambda m: [], count=1)
        s, pos = _keep(s, pos, _MD_BULLET, lambda m: [], count=1)
        s, pos = _keep(s, pos, _MD_EMPHASIS, _group(1, 2))
        s, pos = _keep(s, pos, _MD_ESCAPE, _group(1))
        body = s.strip()
        if body.startswith("|") and body.endswith("|") and len(body) > 1:
            # "| 九月 | 庆祝教师节 |": cells separated by a tab, as Word and HTML rows are
            lead = s.index("|")
            tail = s.rindex("|")
            s, pos = s[lead + 1 : tail], pos[lead + 1 : tail]
            s = s.replace("|", "\t")
    s, pos = _keep(s, pos, _PINYIN, lambda m: [])
    s, pos = _keep(s, pos, _GAPS, _gap)
    a, b = _trimmed(s, 0, len(s))
    if b - a >= 2 and s[a] in ",，" and s[b - 1] in ",，":
        # ",一月," ",1、学期尾声,…。,": a table row written out with a comma around every cell; the
        # commas at its ends are no text (a line never opens with a comma), those inside may be
        a, b = _trimmed(s, a + 1, b - 1)
    return s[a:b], level, pos[a:b]


def _trimmed(s: str, a: int, b: int) -> tuple[int, int]:
    """``s[a:b]`` without the spaces at its ends, as bounds."""
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b
