"""Stage 1b — logical lines: the lines a reader sees, made from the lines a file happens to have.

Real pages rarely keep the plan's own lines. PDF and Word text pasted into a page puts the whole plan on
one line, with its headings (一、 （一） 1、), month headings and titles (篇N, 【篇二】) in mid-line; text copied
from a PDF or an e-mail is hard-wrapped every few dozen characters, breaking sentences and words;
anti-scraping sites append random strings to lines and inject their own sentences. This stage:

1. gives every line an analysis view in simplified script (OpenCC ``t2s``; the text as written is kept, and
   the two have the same length, so offsets found in one cut the other);
2. sets aside what is not text — garbage strings, injected site sentences, forum markup — as furniture with
   its reason and raw columns;
3. joins hard-wrapped lines back into the lines they were;
4. cuts lines where a reader sees a new line begin: a numbered heading or item, a month heading, a plan
   title, an inline section label (``主要目标：``), a salutation, or a title glued to its body.

Every logical line keeps its raw line and column (:meth:`Line.locate`), so later stages cite exact text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from ._lexicon import furniture_rules
from ._offsets import join
from .cutting import PAGE_LINE, cut_lines, starts_structure
from .model import Furniture, Line, SourceText

__all__ = ["PAGE_LINE", "is_garbage", "logical_lines", "simplified"]

# -- script ---------------------------------------------------------------------------------------


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified(line: Line) -> Line:
    """The line with a simplified-script analysis view (OpenCC t2s); the text as written is kept.

    >>> simplified(Line(1, "幼兒園工會工作計劃")).text
    '幼儿园工会工作计划'
    """
    text = line.shown
    try:
        text.encode("gb2312")
        return line  # only characters of the simplified standard set: nothing to convert
    except UnicodeEncodeError:
        pass
    convert = _t2s()
    view = convert(text)
    if view == text:
        return line
    if len(view) != len(text):  # a phrase conversion changed the length: convert character by character
        view = "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in text))
    return replace(line, text=view, written=text)


# -- what is not text -----------------------------------------------------------------------------
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026]")
_LAST_CJK = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026](?=[^\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026]*$)"
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_BBCODE = re.compile(
    r"\[/?(?:table|tr|td|th|b|i|u|s|color|size|font|url|img|quote|code|align|p|list|hr|attach|media|flash|float|indent|backcolor|hide|free|postbg)\b[^\]\n]{0,40}\]",
    re.I,
)


def is_garbage(token: str) -> bool:
    """An anti-scraping string: ASCII that is neither a word, a number, a date nor an abbreviation.

    Sites append strings such as ``Y3(MKq`` or ``w%X@os}E`` to every line so that copies can be traced;
    they mix letter case, digits and symbols as no language does.

    >>> [is_garbage(t) for t in ("Y3(MKq", "w%X@os}E", "1ywdcg", "OK", "PDA", "3.8", "2024", "Word", "A4")]
    [True, True, True, False, False, False, False, False, False]
    >>> is_garbage(" Chinese New Year Holiday |")
    False
    """
    t = token.strip(" \t|")  # a table's cell marks ("Winter vacation ends |") are no part of it
    if len(t) < 3 or len(t) > 40 or not t.isascii() or not any(c.isalnum() for c in t):
        return False
    classes = (
        any(c.isupper() for c in t)
        + any(c.islower() for c in t)
        + any(c.isdigit() for c in t)
        + any(not c.isalnum() and not c.isspace() for c in t)
    )
    if classes >= 3 and any(not c.isalnum() and not c.isspace() and c not in ".,-/:()" for c in t):
        return True
    for w in _WORD.findall(t):
        mixed_digits = len(w) >= 5 and any(c.isdigit() for c in w) and any(c.isalpha() for c in w)
        camel = len(w) >= 4 and re.search(r"[a-z][A-Z]|[A-Z]{2}[a-z]", w) is not None
        if mixed_digits or camel:
            return True
    return classes >= 4


@dataclass(frozen=True)
class _Aside:
    start: int
    end: int
    reason: str


def _not_text(line: Line) -> list[_Aside]:
    """Spans of a line that are not the plan's text: garbage, injected site sentences, forum markup."""
    text = line.text
    out: list[_Aside] = []
    if not _CJK.search(text):
        if is_garbage(text) or _BBCODE.fullmatch(text.replace(" ", "").replace("|", "")):
            return [_Aside(0, len(text), "garbage" if is_garbage(text) else "forum_markup")]
        return []
    out += [_Aside(m.start(), m.end(), "forum_markup") for m in _BBCODE.finditer(text)]
    last = _LAST_CJK.search(text)
    if last is not None:
        tail = text[last.end() :]
        if tail[:1].isspace() and is_garbage(tail):
            out.append(_Aside(last.end(), len(text), "garbage"))
    for rule in furniture_rules():
        if rule.scope == "match":
            out += [
                _Aside(m.start(), m.end(), rule.reason)
                for m in rule.pattern.finditer(text)
                if m.end() > m.start()
            ]
    for start, end in _sentences(text):
        sentence = text[start:end]
        for rule in furniture_rules():
            if rule.scope == "sentence" and rule.matches(sentence):
                out.append(_Aside(start, end, rule.reason))
                break
    return sorted(out, key=lambda a: a.start)


# a run of spaces is tried from its first character only (from every one it is quadratic)
_SENTENCE_END = re.compile(r"[。！!？?]+[”’」』)）]*|(?<!\s)\s+(?=\S)")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a line (a space also ends one: pasted text lost its line breaks there)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group(0).isspace() else m.start()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_CHUNK = re.compile(r"^(?P<n>\d{1,3})、")
_CHUNK_SIZE = 200  # viewers cut a page into chunks of a few hundred characters
_SENTENCE_ENDS = tuple("。！？!?；;…”")


def _chunk_markers(lines: list[Line]) -> set[int]:
    """``id()`` of the lines that open with a document viewer's chunk number, not a list number: a page shown
    in chunks of a fixed number of characters, one raw line each, numbered "1、", "2、", "3、"… in turn. Every
    chunk but the last has the same length and the text runs on from one into the next (a word or a
    sentence cut at the chunk's end); a plan's own numbered paragraphs differ in length and end sentences."""
    texts = [ln for ln in lines if ln.text.strip()]
    first = next((k for k, ln in enumerate(texts) if ln.text.startswith("1、")), None)
    if first is None:
        return set()
    run: list[Line] = []
    for ln in texts[first:]:
        m = _CHUNK.match(ln.text)
        if m is None or int(m.group("n")) != len(run) + 1:
            break
        run.append(ln)
    full = [len(ln.text) for ln in run[:-1]]
    if len(run) < 2 or min(full) < _CHUNK_SIZE or max(full) - min(full) > 2:
        return set()
    runs_on = any(not ln.text.rstrip().endswith(_SENTENCE_ENDS) for ln in run[:-1])
    return {id(ln) for ln in run} if runs_on else set()


def _set_aside(lines: list[Line], source: str) -> tuple[list[Line], list[Furniture]]:
    kept: list[Line] = []
    furniture: list[Furniture] = []
    chunks = _chunk_markers(lines)
    for line in lines:
        asides = _not_text(line)
        if id(line) in chunks:
            asides = [_Aside(0, _CHUNK.match(line.text).end(), "viewer_chunk_number"), *asides]
        if not asides:
            kept.append(line)
            continue
        pos = 0
        for a in asides:
            if a.start < pos:
                continue
            if a.start > pos:
                kept.append(line.cut(pos, a.start))
            piece = line.cut(a.start, a.end)
            number, col = piece.locate(0)
            end_col = piece.end[1]
            whole = piece.at_line_start and piece.at_line_end
            furniture.append(
                Furniture(
                    source, number, piece.shown, a.reason, 0 if whole else col, None if whole else end_col
                )
            )
            pos = a.end
        if pos < len(line.text):
            kept.append(line.cut(pos))
    return [ln for ln in kept if ln.text], furniture


# -- hard-wrapped text ----------------------------------------------------------------------------
_TERMINAL = tuple("。！？!?；;：:…")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap_width(lines: list[Line]) -> tuple[str, int, int] | None:
    """``(metric, width, tolerance)`` when the lines were hard-wrapped at a fixed width, else ``None``.

    A wrapped text has many lines exactly (or nearly) as long as the widest one and almost none longer,
    and those full lines run on into the next one (no sentence end, no heading after them); a plan's own
    lines vary with their sentences.
    """
    if len(lines) < 8:
        return None
    for metric, measure, tol in (("chars", len, 1), ("columns", _width, 2)):
        sizes = [measure(_physical(ln)) for ln in lines]
        # at most 5% of the lines are longer than the width: only the top sizes can be it
        floor = sorted(sizes)[len(sizes) - int(0.05 * len(sizes)) - 1]
        if sum(1 for s in sizes if s >= floor - tol) < max(6, 0.4 * len(sizes)):
            continue
        best = None
        for w in sorted({s for s in sizes if s >= floor}):
            if w < 16 or w > 160:
                continue
            band = [i for i, s in enumerate(sizes) if w - tol <= s <= w]
            over = sum(1 for s in sizes if s > w)
            if over > 0.05 * len(sizes) or len(band) < max(6, 0.4 * len(sizes)):
                continue
            runs_on = sum(
                1
                for i in band[:-1]
                if not lines[i].text.endswith(_TERMINAL) and not starts_structure(lines[i + 1].text)
            )
            if runs_on >= 0.6 * len(band) and (best is None or len(band) > best[0]):
                best = (len(band), w)
        if best is not None:
            return metric, best[1], tol
    return None


def _physical(ln: Line) -> str:
    """The raw line as it was laid out (leading spaces count: a wrapper counted them too)."""
    return ln.raw.rstrip() if ln.raw else ln.text


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Join the lines of a hard-wrapped text back into the lines they were broken from."""
    wrap = _wrap_width(lines)
    if wrap is None:
        return lines
    metric, width, tol = wrap
    measure = len if metric == "chars" else _width
    out: list[Line] = []
    run: list[Line] = []
    for ln in lines:
        if run:
            prev = run[-1]
            full = measure(_physical(prev)) >= width - tol
            adjacent = ln.number == prev.end_number + 1
            if full and adjacent and not starts_structure(ln.text):
                run.append(ln)
                continue
            out.append(_joined(run))
        run = [ln]
    if run:
        out.append(_joined(run))
    return out


def _joined(run: list[Line]) -> Line:
    if len(run) == 1:
        return run[0]
    seps = [
        "" if _CJK.match(b.text[:1]) or _CJK.match(a.text[-1:]) else " " for a, b in itertools.pairwise(run)
    ]
    return join(run, seps)


def _join_lone_numbers(lines: list[Line]) -> list[Line]:
    """An item number alone on its line ("1、") goes with the text on the next line, which is its item."""
    from .numbering import strip_numbering

    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        style, _, rest = strip_numbering(prev.text) if prev is not None else (None, None, "")
        lone = style is not None and not rest
        if (
            lone
            and prev is not None
            and ln.number == prev.end_number + 1
            and strip_numbering(ln.text)[0] is None
            and ln.text
        ):
            out[-1] = join([prev, ln], [""])
        else:
            out.append(ln)
    return out


def logical_lines(st: SourceText) -> SourceText:
    """Turn a file's raw lines into the lines a reader sees; what is not text goes to ``furniture``.

    Idempotent: a SourceText that is already logical is returned as it is.
    """
    if st.logical:
        return st
    lines = [simplified(ln) for ln in st.lines]
    script = "traditional" if sum(1 for ln in lines if ln.written) * 5 >= max(1, len(lines)) else "simplified"
    lines, furniture = _set_aside(lines, st.source)
    lines = _join_lone_numbers(_join_wrapped(lines))
    lines = cut_lines(lines)
    return replace(
        st,
        lines=tuple(lines),
        logical=True,
        script=script,
        furniture=(*st.furniture, *furniture),
    )
