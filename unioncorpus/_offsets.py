"""Raw provenance of logical lines: where each character of an analysis text came from.

A :class:`~unioncorpus.model.Line` stores its first character's raw ``(number, col)`` and, only where the
raw position does not advance one column per character, *marks*: flattened ``(text_index, raw_line,
raw_col)`` triples. Most lines have none; a line with removed markup or collapsed spaces has a few; a
hard-wrapped paragraph joined from several raw lines has one per join.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from .model import Line

__all__ = ["compress", "cut", "join", "locate", "physical_line"]


def compress(columns: Sequence[int], line: int) -> tuple[int, tuple[int, ...]]:
    """``(first_col, marks)`` for a text whose characters sit at ``columns`` of raw ``line``."""
    if not columns:
        return 0, ()
    marks: list[int] = []
    prev = columns[0]
    for i in range(1, len(columns)):
        c = columns[i]
        if c != prev + 1:
            marks += (i, line, c)
        prev = c
    return columns[0], tuple(marks)


def physical_line(
    number: int, raw: str, text: str, columns: list[int] | int, *, md_level: int = 0, junk: str = ""
) -> Line:
    """A Line for one raw line, from its normalised text and the raw column of each character.

    It starts and ends its raw line: what normalisation removed around it (spaces, markdown markers,
    trailing junk) is not text of its own.
    """
    if isinstance(columns, int):
        col, marks = columns, ()
    else:
        col, marks = compress(columns[: len(text)], number)
    return Line(
        number=number,
        text=text,
        raw=raw,
        col=col,
        md_level=md_level,
        junk=junk,
        marks=marks,
    )


def _key(marks: tuple[int, ...]):
    return lambda k: marks[3 * k]


def _find(marks: tuple[int, ...], i: int) -> int:
    """Index (into the triples) of the last mark at or before text index ``i``, or -1 (a bisection over the
    triples in place: a one-line page of 1 MB has tens of thousands of marks and is cut thousands of times)."""
    return bisect_right(range(len(marks) // 3), i, key=_key(marks)) - 1


def _joined_at(line: Line, i: int) -> bool:
    """Whether a mark at text index ``i`` starts another raw line than the text before it (a join)."""
    marks = line.marks
    k = bisect_left(range(len(marks) // 3), i, key=_key(marks))
    while 3 * k < len(marks) and marks[3 * k] == i:
        if marks[3 * k + 1] != (marks[3 * k - 2] if k else line.number):
            return True
        k += 1
    return False


def locate(line: Line, i: int) -> tuple[int, int]:
    """Raw ``(line, column)`` of text index ``i``; ``len(text)`` gives the position after the end."""
    n = len(line.text)
    if i >= n and n:
        last_line, last_col = locate(line, n - 1)
        return last_line, last_col + 1 + (i - n)
    k = _find(line.marks, i) if line.marks else -1
    if k < 0:
        return line.number, line.col + i
    ti, number, col = line.marks[3 * k : 3 * k + 3]
    return number, col + (i - ti)


def cut(line: Line, start: int, end: int, *, strip: bool = True) -> Line:
    """The fragment ``line.text[start:end]`` as a Line, with its own raw provenance."""
    text = line.text
    start, end = max(0, start), min(len(text), end)
    if strip:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    number, col = locate(line, start)
    marks: list[int] = []
    count = len(line.marks) // 3
    first = bisect_right(range(count), start, key=_key(line.marks))
    last = bisect_left(range(count), end, key=_key(line.marks))
    for k in range(3 * first, 3 * last, 3):  # the marks inside the fragment only
        ti, mline, mcol = line.marks[k : k + 3]
        marks += (ti - start, mline, mcol)
    same_line = number == line.number
    at_start = (
        line.at_line_start
        if start == 0
        else (not line.raw[:col].strip() if same_line else _joined_at(line, start))
    )
    end_number, end_col = locate(line, end)
    if end == len(text):
        at_end = line.at_line_end
    elif end_number == line.number:
        at_end = not line.raw[end_col:].strip()
    else:
        at_end = _joined_at(line, end)
    return replace(
        line,
        number=number,
        text=text[start:end],
        raw=line.raw if same_line else "",
        col=col,
        written=line.written[start:end] if line.written else "",
        marks=tuple(marks),
        md_level=line.md_level if start == 0 else 0,
        junk=line.junk if end == len(text) else "",
        at_line_start=at_start,
        at_line_end=at_end,
    )


def join(lines: Sequence[Line], separators: Sequence[str]) -> Line:
    """Join consecutive logical lines (a hard-wrapped paragraph) into one; ``separators`` go between."""
    first = lines[0]
    text = [first.text]
    written = [first.shown]
    marks = list(first.marks)
    n = len(first.text)
    for sep, ln in zip(separators, lines[1:], strict=True):
        if sep:
            text.append(sep)
            written.append(sep)
            n += len(sep)
        marks += (n, ln.number, ln.col)
        for k in range(0, len(ln.marks), 3):
            ti, mline, mcol = ln.marks[k : k + 3]
            marks += (ti + n, mline, mcol)
        text.append(ln.text)
        written.append(ln.shown)
        n += len(ln.text)
    joined = "".join(text)
    shown = "".join(written)
    return replace(
        first,
        text=joined,
        written=shown if shown != joined else "",
        marks=tuple(marks),
        junk=lines[-1].junk,
        at_line_end=lines[-1].at_line_end,
    )
