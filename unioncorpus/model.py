"""The values that flow between stages: plain dataclasses, each carrying its provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ._fields_pickle import pickled_by_fields
from .titles import continues_title

__all__ = [
    "Activity",
    "Campaign",
    "Document",
    "Evidence",
    "Furniture",
    "Line",
    "ReadFailure",
    "Section",
    "SourceText",
]

SECTION_KINDS = (
    "title",
    "preamble",
    "guiding_ideology",
    "goals",
    "key_work",
    "measures",
    "monthly_schedule",
    "summary",
    "problems",
    "closing",
    "other",
)
DOC_TYPES = ("plan", "summary", "summary_and_plan", "key_points", "other")
GENRES = ("union_plan", "union_summary", "union_other", "school_plan", "other_plan", "not_a_plan")
SCHOOL_LEVELS = (
    "kindergarten",
    "primary",
    "middle",
    "vocational",
    "university",
    "school_unspecified",
    "non_school",
    "unknown",
)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Line:
    """One logical line (a line as a reader sees it) with its raw provenance.

    A logical line is usually one raw line, but it can be a fragment of one (a heading or a title in the
    middle of a page whose whole text sits on one line) or several raw lines joined (hard-wrapped text).
    ``text`` is the analysis view every rule reads: normalised (half-width letters and digits, one space,
    markdown markup removed) and in simplified script. ``written`` is the same text as written (traditional
    script stays traditional), character for character, so an offset found in ``text`` cuts ``written``
    at the same place and :meth:`locate` gives its raw line and column.

    Attributes:
        number: 1-based raw line of the first character (for .docx: paragraph/table-row number; for .html:
            the page's text line, in reading order).
        text: the analysis text of this logical line.
        raw: the raw line the fragment starts in, as read (before normalisation).
        col: 0-based column of the first character in that raw line.
        md_level: markdown heading level (1-6) when the raw line was a ``#`` heading, else 0.
        junk: trailing junk removed from ``text`` but kept here (``??`` from a broken encoding).
        written: the text as written when it differs from ``text`` (traditional script), else "".
        marks: where the raw position does not advance with the text (characters removed by
            normalisation, a join of two raw lines): flattened ``(text_index, raw_line, raw_col)`` triples.
        at_line_start: nothing but spaces precedes the fragment in its first raw line.
        at_line_end: nothing but spaces follows the fragment in its last raw line.
    """

    number: int
    text: str
    raw: str = ""
    col: int = 0
    md_level: int = 0
    junk: str = ""
    written: str = ""
    marks: tuple[int, ...] = ()
    at_line_start: bool = True
    at_line_end: bool = True

    @property
    def shown(self) -> str:
        """The text as written (the script of the source), for output."""
        return self.written or self.text

    def locate(self, i: int) -> tuple[int, int]:
        """Raw ``(line, column)`` of character ``i`` of the text (``len(text)`` gives the end position)."""
        from ._offsets import locate

        return locate(self, i)

    @property
    def end(self) -> tuple[int, int]:
        """Raw ``(line, column)`` just after the last character."""
        return self.locate(len(self.text))

    @property
    def end_number(self) -> int:
        """1-based raw line of the last character."""
        return self.locate(max(0, len(self.text) - 1))[0]

    def cut(self, start: int, end: int | None = None, *, strip: bool = True) -> Line:
        """The fragment ``text[start:end]`` as a Line of its own, provenance kept."""
        from ._offsets import cut

        return cut(self, start, len(self.text) if end is None else end, strip=strip)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceText:
    """A file that was read: its lines, the encoding used and any warnings.

    As read, ``lines`` are the file's raw lines (normalised); :func:`unioncorpus.logical_lines` turns them
    into the lines a reader sees (``logical`` is then true) and sets aside what is not text (``furniture``).
    """

    source: str
    format: str
    encoding: str | None
    lines: tuple[Line, ...]
    n_raw_lines: int
    warnings: tuple[str, ...] = ()
    logical: bool = False
    script: str = "simplified"
    furniture: tuple[Furniture, ...] = ()

    def __repr__(self) -> str:  # one line, not every Line
        return (f"<SourceText {self.source!r} {self.format}, {self.encoding or '-'}: {len(self.lines)} lines "
                f"of {self.n_raw_lines} raw>")  # fmt: skip


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read; the batch goes on without it."""

    source: str
    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.source}: {self.detail}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Furniture:
    """Text set aside as web-page furniture (never silently dropped), with the reason.

    ``col``/``end_col`` (0-based, in the raw line) say where it sits when it is part of a line (a garbage
    string appended to a line, a sentence a site injected); a whole line has ``col`` 0 and ``end_col`` None.
    ``end_line`` is the raw line it ends on when it runs over several (hard-wrapped lines joined into one),
    else ``None``; ``end_col`` is a column of that line.
    """

    source: str
    line: int
    text: str
    reason: str
    col: int = 0
    end_col: int | None = None
    end_line: int | None = None

    @property
    def lines(self) -> range:
        """The raw lines it covers."""
        return range(self.line, (self.end_line or self.line) + 1)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue behind a judgement: what it speaks for, the cue as found, its raw line and its weight."""

    value: Any
    cue: str
    line: int | None
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "cue": self.cue, "line": self.line, "weight": round(self.weight, 2)}


@pickled_by_fields
@dataclass(slots=True)
class Section:
    """A section of a plan: its kind and its raw lines (columns where it starts or ends inside a line)."""

    kind: str
    start_line: int
    end_line: int
    heading: str | None = None
    heading_line: int | None = None
    start_col: int | None = None
    end_col: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "heading": self.heading,
        }
        if self.start_col is not None:
            out["start_col"] = self.start_col
        if self.end_col is not None:
            out["end_col"] = self.end_col
        return out


@pickled_by_fields
@dataclass(slots=True)
class Activity:
    """A scheduled activity: its raw line (columns when it does not fill the line), months, text as written,
    category, the school week when the plan dates it by week, and the dates written apart before its words."""

    line: int
    months: list[int]
    text: str
    category: str = "other"
    start_col: int | None = None
    end_col: int | None = None
    week: int | None = None
    date: str | None = None  # "10/13(一)~10/15(三)", as written

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "line": self.line,
            "months": list(self.months),
            "text": self.text,
            "category": self.category,
        }
        for key in ("start_col", "end_col", "week", "date"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@pickled_by_fields
@dataclass(slots=True)
class Campaign:
    """A named campaign ("“暖心工程”慰问活动") with its raw line and columns."""

    line: int
    text: str
    start_col: int | None = None
    end_col: int | None = None


@pickled_by_fields
@dataclass(slots=True)
class Document:
    """One plan found in a source file."""

    id: str
    source: str
    lines: list[Line]
    title: str | None = None
    title_line: int | None = None
    title_is_label: bool = False
    doc_type: str = "plan"
    school_level: str = "unknown"
    year: int | None = None
    genre: str = "union_plan"
    party_congress_refs: list[str] = field(default_factory=list)
    union_congress_refs: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    furniture: list[Furniture] = field(default_factory=list)

    @property
    def start_line(self) -> int:
        return self.lines[0].number

    @property
    def end_line(self) -> int:
        return self.lines[-1].end_number

    @property
    def start_col(self) -> int | None:
        """Column of the first character when the document starts inside a raw line, else ``None``."""
        first = self.lines[0]
        return None if first.at_line_start else first.col

    @property
    def end_col(self) -> int | None:
        """Column after the last character when the document ends inside a raw line, else ``None``."""
        last = self.lines[-1]
        return None if last.at_line_end else last.end[1]

    @property
    def text(self) -> str:
        """The normalised text, one line per :class:`Line`."""
        return "\n".join(line.text for line in self.lines)

    def body_lines(self) -> list[Line]:
        """Lines after the title line (the whole document when it has no title)."""
        if self.title_line is None:
            return list(self.lines)
        return [ln for ln in self.lines if not self._is_title(ln)]

    def _is_title(self, ln: Line) -> bool:
        return ln.number == self.title_line and ln.shown == self.title

    @property
    def full_title(self) -> str | None:
        """The title in the analysis view with the line that goes on with it ("…2006年工作总结" /
        "及2007年工作计划")."""
        title = self.title_text
        if title is None:
            return None
        body = self.body_lines()
        goes_on = (
            body and body[0].number <= (self.title_line or 0) + 2 and continues_title(title, body[0].text)
        )
        return title + body[0].text if goes_on else title

    @property
    def title_below_label(self) -> Line | None:
        """Under a site's entry label ("工会工作计划 篇1"), the document's own title on the next line
        ("xx学校工会2023年工作要点"), if it has one."""
        if not self.title_is_label or self.title_line is None:
            return None
        body = self.body_lines()
        if not body or body[0].number > self.title_line + 2:
            return None
        from .titles import is_headline

        return body[0] if is_headline(body[0].text) else None

    @property
    def own_title(self) -> tuple[str, int | None] | None:
        """The document's own title in the analysis view and its line: its title (with the line that goes on
        with it), or the title below a site's entry label; ``None`` when only a site's label names it."""
        if self.title is None:
            return None
        if not self.title_is_label:
            return self.full_title or "", self.title_line
        below = self.title_below_label
        return (below.text, below.number) if below is not None else None

    @property
    def title_text(self) -> str | None:
        """The title in the analysis view (simplified script); :attr:`title` is as written."""
        if self.title is None:
            return None
        return next((ln.text for ln in self.lines if self._is_title(ln)), self.title)

    def __repr__(self) -> str:  # one line outside Jupyter, not every Line (the notebook uses _repr_html_)
        title = self.title if self.title is None or len(self.title) <= 30 else self.title[:29] + "…"
        return (f"<Document {self.id!r} {title!r} lines {self.start_line}-{self.end_line}: {self.doc_type}, "
                f"{self.school_level}, {self.year if self.year is not None else '-'}; {len(self.sections)} sections, "
                f"{len(self.activities)} activities>")  # fmt: skip

    def _repr_html_(self) -> str:
        """The plan as a notebook shows it: lines coloured by section kind, raw line numbers, activities marked."""
        from ._html import document_html

        return document_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The extraction contract of DESIGN.md, as a JSON-ready dict."""
        return {
            "source": self.source,
            "id": self.id,
            "title": self.title,
            "start_line": self.start_line,
            "end_line": self.end_line,
            **({"start_col": self.start_col} if self.start_col is not None else {}),
            **({"end_col": self.end_col} if self.end_col is not None else {}),
            "doc_type": self.doc_type,
            "school_level": self.school_level,
            "year": self.year,
            "genre": self.genre,
            "party_congress_refs": list(self.party_congress_refs),
            "union_congress_refs": list(self.union_congress_refs),
            "sections": [s.to_dict() for s in self.sections],
            "activities": [a.to_dict() for a in self.activities],
            "campaigns": [asdict(c) for c in self.campaigns],
            "evidence": {
                key: [e.to_dict() for e in value]
                for key, value in self.evidence.items()
                if isinstance(value, list | tuple) and all(isinstance(e, Evidence) for e in value)
            },
        }
