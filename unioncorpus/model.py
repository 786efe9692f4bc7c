"""The values that flow between stages: plain dataclasses, each carrying its provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Activity",
    "Campaign",
    "Document",
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


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line (or a fragment of one) with its raw provenance.

    Attributes:
        number: 1-based line of the raw file (for .docx: paragraph/table-row number; for .html: the
            page's text line, in reading order).
        text: the normalised analysis text of this fragment.
        raw: the whole raw line as read (before normalisation).
        col: offset of this fragment in the normalised line; 0 unless the line was split (a title or a
            heading glued to the end of the previous line).
        md_level: markdown heading level (1-6) when the raw line was a ``#`` heading, else 0.
        junk: trailing junk removed from ``text`` but kept here (``??`` from a broken encoding).
    """

    number: int
    text: str
    raw: str = ""
    col: int = 0
    md_level: int = 0
    junk: str = ""


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file that was read: its lines, the encoding used and any warnings."""

    source: str
    format: str
    encoding: str | None
    lines: tuple[Line, ...]
    n_raw_lines: int
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:  # one line, not every Line
        return (f"<SourceText {self.source!r} {self.format}, {self.encoding or '-'}: {len(self.lines)} lines "
                f"of {self.n_raw_lines} raw>")  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read; the batch goes on without it."""

    source: str
    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.source}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line set aside as web-page furniture (never silently dropped)."""

    source: str
    line: int
    text: str
    reason: str


@dataclass(slots=True)
class Section:
    kind: str
    start_line: int
    end_line: int
    heading: str | None = None
    heading_line: int | None = None


@dataclass(slots=True)
class Activity:
    line: int
    months: list[int]
    text: str
    category: str = "other"


@dataclass(slots=True)
class Campaign:
    line: int
    text: str


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
    party_congress_refs: list[str] = field(default_factory=list)
    union_congress_refs: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def start_line(self) -> int:
        return self.lines[0].number

    @property
    def end_line(self) -> int:
        return self.lines[-1].number

    @property
    def text(self) -> str:
        """The normalised text, one line per :class:`Line`."""
        return "\n".join(line.text for line in self.lines)

    def body_lines(self) -> list[Line]:
        """Lines after the title line (the whole document when it has no title)."""
        if self.title_line is None:
            return list(self.lines)
        return [ln for ln in self.lines if not (ln.number == self.title_line and ln.text == self.title)]

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
            "doc_type": self.doc_type,
            "school_level": self.school_level,
            "year": self.year,
            "party_congress_refs": list(self.party_congress_refs),
            "union_congress_refs": list(self.union_congress_refs),
            "sections": [
                {"kind": s.kind, "start_line": s.start_line, "end_line": s.end_line, "heading": s.heading}
                for s in self.sections
            ],
            "activities": [asdict(a) for a in self.activities],
            "campaigns": [asdict(c) for c in self.campaigns],
        }
