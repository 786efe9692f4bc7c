"""Sections on raw lines and columns: the blocks of :mod:`unioncorpus.sections` placed on the source, tiling
each document from its first character to its last (blank lines go to the section before them; inside a
line, the column where a section starts or ends)."""

from __future__ import annotations

import itertools

from .model import Document, Line, Section
from .sections import Block

__all__ = ["to_sections"]


def _position(ln: Line, *, end: bool) -> tuple[int, int | None]:
    """Raw line and column of a line's start (or end); the column only when it is not the raw line's."""
    if end:
        line, col = ln.end
        return line, (None if ln.at_line_end else col)
    line, col = ln.locate(0)
    return line, (None if ln.at_line_start else col)


def to_sections(doc: Document, blocks: list[Block], lines: list[Line]) -> list[Section]:
    """Sections on raw lines and columns, tiling the document from its first line to its last."""
    sections: list[Section] = []
    title = next((ln for ln in doc.lines if doc._is_title(ln)), None)
    if title is not None:
        line, col = _position(title, end=True)
        sections.append(Section("title", doc.start_line, line, doc.title, doc.title_line, None, col))
    inner = sorted(f.line for f in doc.furniture if title is not None and f.line > (title.end_number))
    for b in blocks:
        if b.kind == "title" and sections and sections[-1].kind == "title":
            line, col = _position(lines[b.end - 1], end=True)
            sections[-1].end_line, sections[-1].end_col = line, col
            continue
        start_line, start_col = _position(lines[b.start], end=False)
        end_line, end_col = _position(lines[b.end - 1], end=True)
        if sections and sections[-1].kind == "title" and inner and inner[0] < start_line:
            # a byline or a date between the title and the body ("发布时间：…") is the page's, kept apart
            sections.append(Section("other", inner[0], start_line - 1, None, None))
        heading = b.heading if b.heading_line is not None else None
        sections.append(
            Section(b.kind or "other", start_line, end_line, heading, b.heading_line, start_col, end_col)
        )
    if not sections:
        return [Section("other", doc.start_line, doc.end_line)]
    _tile(doc, sections)
    return sections


def _tile(doc: Document, sections: list[Section]) -> None:
    """Close the gaps between sections (blank lines go to the earlier one) and merge neighbours of a kind."""
    sections[0].start_line, sections[0].start_col = doc.start_line, doc.start_col
    for a, b in itertools.pairwise(sections):
        if b.start_col is None:
            a.end_line, a.end_col = b.start_line - 1, None
        else:
            a.end_line, a.end_col = b.start_line, b.start_col
    last = sections[-1]
    last.end_line, last.end_col = doc.end_line, doc.end_col
    merged: list[Section] = []
    for s in sections:
        if merged and merged[-1].kind == s.kind:
            merged[-1].end_line, merged[-1].end_col = s.end_line, s.end_col
        elif s.end_line < s.start_line or (
            s.end_line == s.start_line
            and s.end_col is not None
            and s.start_col is not None
            and s.end_col <= s.start_col
        ):
            continue
        else:
            merged.append(s)
    sections[:] = merged
