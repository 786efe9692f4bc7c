"""Stateless text normalisation for analysis; raw text is never changed, only its analysis copy."""

from __future__ import annotations

import re

__all__ = ["normalize", "normalize_line", "split_junk"]

# Full-width ASCII letters and digits only: full-width punctuation carries meaning in Chinese
# numbering ("（一）", "1．") and stays as written. NFKC would also turn ① into 1, which we must not.
_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_HALF |= {cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)}
_HALF |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}
_SPACES = {cp: " " for cp in (0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x3000, 0x202F, 0x205F)}
_SPACES |= {cp: " " for cp in range(0x2000, 0x200B)}
_ZERO_WIDTH = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
_TABLE = _HALF | _SPACES | _ZERO_WIDTH

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|(?=[^\s#]))(.*?)(?:\s+#+\s*)?$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MULTISPACE = re.compile(r" {2,}")
# "??" or replacement characters at the end of a line: the trace of a broken encoding upstream.
_JUNK = re.compile(r"(?:\?{2,}|？{2,}|\ufffd+)\s*$")


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
    space, zero-width characters go, and (with ``markdown``) heading markers, escapes, emphasis, quote
    and bullet markers are removed.

    >>> normalize("## 二、重点工作　\\\\_ＡＢ１２")
    '二、重点工作 _AB12'
    """
    return normalize_line(text, markdown=markdown)[0]


def normalize_line(text: str, *, markdown: bool = True) -> tuple[str, int]:
    """Like :func:`normalize`, also returning the markdown heading level (0 if none)."""
    s = text.translate(_TABLE)
    level = 0
    if markdown:
        m = _MD_HEADING.match(s)
        if m:
            level, s = len(m.group(1)), m.group(2)
        if _MD_TABLE_RULE.match(s) and "-" in s:
            return "", 0
        s = _MD_QUOTE.sub("", s)
        s = _MD_BULLET.sub("", s)
        s = _MD_EMPHASIS.sub(r"\2", s)
        s = _MD_ESCAPE.sub(r"\1", s)
        if s.lstrip().startswith("|") and s.rstrip().endswith("|"):
            s = " ".join(cell.strip() for cell in s.strip().strip("|").split("|"))
    s = _MULTISPACE.sub(" ", s).strip()
    return s, level
