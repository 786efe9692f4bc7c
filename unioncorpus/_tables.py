"""The tables of the plans alone (documents, sections, activities, campaigns, furniture, inputs), made file by
file: a :class:`~unioncorpus.Corpus` makes one of them from all its files (:func:`plan_table`); analyze's
second core makes all six in one pass over files it unpickles one at a time (:class:`PlanRows`), so that no
file's plans are kept there (see :mod:`unioncorpus._packed`). The same rows either way, so the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import FileResult

__all__ = ["PLAN_TABLES", "PlanRows", "plan_table"]

PLAN_TABLES = ("documents", "sections", "activities", "campaigns", "furniture", "inputs")

DOCUMENT_COLUMNS = [
    "id", "source", "title", "title_line", "start_line", "start_col", "end_line", "end_col", "doc_type",
    "genre", "school_level", "year", "party_congress_refs", "union_congress_refs", "n_sections",
    "n_activities", "n_chars",
]  # fmt: skip
SECTION_COLUMNS = ["doc_id", "source", "kind", "start_line", "start_col", "end_line", "end_col", "heading",
                   "heading_line"]  # fmt: skip
ACTIVITY_COLUMNS = [
    "doc_id",
    "source",
    "line",
    "start_col",
    "end_col",
    "months",
    "week",
    "date",
    "text",
    "category",
]


def _documents(f: FileResult, rows: list) -> None:
    """The documents table's rows of one file: a plan's attributes, where it is, and its sizes."""
    for d in f.documents:
        row = d.to_dict()
        for key in ("sections", "activities", "campaigns", "evidence"):  # not columns of this table
            del row[key]
        row["title_line"] = d.title_line
        row["n_sections"] = len(d.sections)
        row["n_activities"] = len(d.activities)
        row["n_chars"] = sum(len(ln.text) for ln in d.lines)
        rows.append(row)


def _documents_frame(rows: list) -> pd.DataFrame:
    """The documents table of its rows."""
    import pandas as pd

    ints = {"year": "Int64", "title_line": "Int64", "start_col": "Int64", "end_col": "Int64"}
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS).astype(ints)


def _sections(f: FileResult, rows: list) -> None:
    """The sections table's rows of one file: one per section of each plan."""
    rows += [{"doc_id": d.id, "source": d.source, **asdict(s)} for d in f.documents for s in d.sections]


def _sections_frame(rows: list) -> pd.DataFrame:
    """The sections table of its rows."""
    import pandas as pd

    ints = {"start_col": "Int64", "end_col": "Int64", "heading_line": "Int64"}
    return pd.DataFrame(rows, columns=SECTION_COLUMNS).astype(ints)


def _activities(f: FileResult, cols: dict[str, list]) -> None:
    """The activities table's rows of one file, added column by column (at 10,000 plans the table is
    300,000 rows)."""
    for d in f.documents:
        acts = d.activities
        cols["doc_id"] += [d.id] * len(acts)
        cols["source"] += [d.source] * len(acts)
        for a in acts:
            cols["line"].append(a.line)
            cols["start_col"].append(a.start_col)
            cols["end_col"].append(a.end_col)
            cols["months"].append(list(a.months))
            cols["week"].append(a.week)
            cols["date"].append(a.date)
            cols["text"].append(a.text)
            cols["category"].append(a.category)


def _activities_frame(cols: dict[str, list]) -> pd.DataFrame:
    """The activities table of its columns."""
    import pandas as pd

    ints = {"start_col": "Int64", "end_col": "Int64", "week": "Int64"}
    # no rows: columns of no type, as a table built from rows has them
    return pd.DataFrame(cols if cols["doc_id"] else [], columns=ACTIVITY_COLUMNS).astype(ints)


def _campaigns(f: FileResult, rows: list) -> None:
    """The campaigns table's rows of one file."""
    rows += [{"doc_id": d.id, "source": d.source, "line": c.line, "start_col": c.start_col, "text": c.text}
             for d in f.documents for c in d.campaigns]  # fmt: skip


def _campaigns_frame(rows: list) -> pd.DataFrame:
    """The campaigns table of its rows."""
    import pandas as pd

    columns = ["doc_id", "source", "line", "start_col", "text"]
    return pd.DataFrame(rows, columns=columns).astype({"start_col": "Int64"})


def _furniture(f: FileResult, rows: list) -> None:
    """The furniture table's rows of one file: the lines set aside as page furniture."""
    rows += [asdict(x) for x in f.furniture]


def _furniture_frame(rows: list) -> pd.DataFrame:
    """The furniture table of its rows."""
    import pandas as pd

    return pd.DataFrame(rows, columns=["source", "line", "text", "reason"])


def _inputs(f: FileResult, rows: list) -> None:
    """The inputs table's row of one file: read or not, how, and what it gave."""
    rows.append({
        "source": f.source,
        "status": "ok" if f.failure is None else "unreadable",
        "format": f.text.format if f.text else None,
        "encoding": f.text.encoding if f.text else None,
        "n_documents": len(f.documents),
        "n_furniture_lines": len(f.furniture),
        "reason": f.failure.reason if f.failure else None,
        "detail": f.failure.detail if f.failure else None,
    })  # fmt: skip


def _inputs_frame(rows: list) -> pd.DataFrame:
    """The inputs table of its rows."""
    import pandas as pd

    return pd.DataFrame(rows)


# each table: what gathers its rows, the rows of one file added, the table made of them
_TABLES = {
    "documents": (list, _documents, _documents_frame),
    "sections": (list, _sections, _sections_frame),
    "activities": (lambda: {c: [] for c in ACTIVITY_COLUMNS}, _activities, _activities_frame),
    "campaigns": (list, _campaigns, _campaigns_frame),
    "furniture": (list, _furniture, _furniture_frame),
    "inputs": (list, _inputs, _inputs_frame),
}


class PlanRows:
    """The rows of some of the tables of the plans alone, gathered file by file (:meth:`add`, in input
    order); :meth:`frame` makes a table of them and lets its rows go."""

    def __init__(self, names: Iterable[str] = PLAN_TABLES) -> None:
        self._rows = {name: _TABLES[name][0]() for name in names}

    def add(self, f: FileResult) -> None:
        """Gather the rows of one more file."""
        for name, rows in self._rows.items():
            _TABLES[name][1](f, rows)

    def frame(self, name: str) -> pd.DataFrame:
        """The table ``name`` of the rows gathered; they are not kept."""
        return _TABLES[name][2](self._rows.pop(name))


def plan_table(name: str, files: Iterable[FileResult]) -> pd.DataFrame:
    """The table ``name`` (one of :data:`PLAN_TABLES`) of ``files``."""
    rows = PlanRows((name,))
    for f in files:
        rows.add(f)
    return rows.frame(name)
