"""Rich notebook display of documents and corpora."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Corpus
    from .model import Document

KIND_COLOURS = {
    "title": "#eceff1", "preamble": "#f5f5f5", "guiding_ideology": "#e3f2fd", "goals": "#e8f5e9",
    "key_work": "#fff8e1", "measures": "#f3e5f5", "monthly_schedule": "#e0f7fa", "summary": "#fbe9e7",
    "problems": "#ffebee", "closing": "#eeeeee", "other": "#fafafa",
}  # fmt: skip


def document_html(doc: Document, *, copied: list[tuple[int, int]] | None = None) -> str:
    """Lines coloured by section kind; ``copied`` (raw line ranges) are marked as shared with other plans."""
    kind_of = {}
    for s in doc.sections:
        for n in range(s.start_line, s.end_line + 1):
            kind_of[n] = s.kind
    acts = {a.line for a in doc.activities}
    copied = copied if copied is not None else doc.evidence.get("copied_lines", [])
    head = (f"<b>{html.escape(doc.title or doc.id)}</b> <span style='color:#777'>{html.escape(doc.source)} "
            f"lines {doc.start_line}–{doc.end_line} · {doc.doc_type} · {doc.school_level} · {doc.year or '—'}</span>")  # fmt: skip
    legend = " ".join(
        f"<span style='background:{KIND_COLOURS.get(k, '#fff')};padding:0 .3em'>{k}</span>"
        for k in dict.fromkeys(s.kind for s in doc.sections)
    )
    rows = []
    for ln in doc.lines:
        kind = kind_of.get(ln.number, "other")
        mark = any(a <= ln.number <= b for a, b in copied)
        text = html.escape(ln.text)
        if mark:
            text = f"<mark>{text}</mark>"
        flag = " ◆" if ln.number in acts else ""
        rows.append(f"<tr style='background:{KIND_COLOURS.get(kind, '#fff')}'><td style='color:#999;text-align:right'>"
                    f"{ln.number}</td><td style='color:#777'>{kind}{flag}</td><td style='text-align:left'>{text}</td></tr>")  # fmt: skip
    return f"<div>{head}<br>{legend}<table>{''.join(rows)}</table><small>◆ scheduled activity · <mark>copied</mark></small></div>"


def corpus_html(corpus: Corpus) -> str:
    docs = corpus.documents
    table = docs[
        ["id", "title", "start_line", "end_line", "doc_type", "school_level", "year", "n_activities"]
    ].to_html(index=False, max_rows=30)
    fails = "".join(f"<li>{html.escape(str(f))}</li>" for f in corpus.failures)
    return (f"<div><b>Corpus</b>: {len(corpus)} plans from {len(corpus.files)} files"
            f"{', ' + str(len(corpus.failures)) + ' unreadable' if corpus.failures else ''}{table}"
            f"{'<ul>' + fails + '</ul>' if fails else ''}</div>")  # fmt: skip


class HTMLView(str):
    """HTML that Jupyter displays as such (through ``_repr_html_``), without importing IPython."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<HTML, {len(self)} characters: shown as a page in Jupyter>"
