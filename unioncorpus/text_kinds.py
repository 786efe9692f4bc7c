"""Sections of texts that are not plans, whose blocks the plan outline would misname: a news report,
notice, rules or explainer is one 'other' block; a speech's own parts are 'other' unless they plan work; an
activity scheme's particulars and budget are 'other'; a summary's work items are its summary."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Document, Line
from .numbering import headings_rx, parse_heading

if TYPE_CHECKING:
    from .sections import Block

__all__ = ["by_text_kind", "scheme_particulars"]

# The blocks of a plan's own work, which a summary or a speech names otherwise.
_PLAN_PARTS = ("key_work", "goals", "measures", "guiding_ideology", "monthly_schedule")
_UNSECTIONED = frozenset({"news", "notice", "rules", "explainer"})


def _cues(doc: Document) -> list[str]:
    """The kinds of text the doc_type cues point to (speech, scheme, notice …), first cue first."""
    return [e.value for e in doc.evidence.get("doc_type", []) if hasattr(e, "value")]


def _not_sectioned(doc: Document) -> bool:
    return doc.doc_type == "other" and not _UNSECTIONED.isdisjoint(_cues(doc))


def _first_cue(doc: Document) -> str | None:
    return next(iter(_cues(doc)), None)


def _speech(doc: Document) -> bool:
    return doc.doc_type == "other" and _first_cue(doc) == "speech"


def scheme_particulars(doc: Document, blocks: list[Block], body: list[Line]) -> None:
    """An activity scheme's particulars (name, time, place, host, participants) before its work begins,
    and its budget anywhere, are 'other' sections; a particular heading inside a run of work continues it."""
    if doc.doc_type != "other" or _first_cue(doc) != "scheme":
        return
    particular, budget = headings_rx("scheme", "particulars"), headings_rx("scheme", "budget")
    programme = headings_rx("scheme", "programme")
    headed = [
        b
        for b in blocks
        if b.heading_line is not None and b.kind not in ("title", "closing", "preamble", None)
    ]
    labels = []
    for b in headed:
        h = parse_heading(body[b.start].text)
        labels.append(h.label.strip().rstrip("：:") if h is not None else "")
    before_work = True
    for k, (b, label) in enumerate(zip(headed, labels, strict=True)):
        if programme.search(label) and b.kind in ("key_work", "other", None):
            b.kind, before_work = "key_work", False
        elif budget.search(label) or (
            particular.search(label) and (before_work or headed[k - 1].kind == "other")
        ):
            b.kind = "other"
        elif (
            before_work
            and not b.named
            and b.kind == "key_work"
            and k > 0
            and headed[k - 1].kind == "other"
            and k + 1 < len(headed)
            and particular.search(labels[k + 1])
        ):
            b.kind = "other"  # "四、悬挂条幅" between "三、主持人" and "五、参加人员"
        elif b.kind in ("key_work", "monthly_schedule"):
            before_work = False


def _planned(lines: list, forward: re.Pattern[str]) -> bool:
    """Whether a block says what is to be done: forward-looking wording at least once in three lines."""
    hits = sum(len(forward.findall(ln.text)) for ln in lines)
    return hits >= max(1, len(lines) // 3)


def by_text_kind(doc: Document, blocks: list[Block], body: list[Line]) -> None:
    """Blocks renamed for the kind of text the document is (the outline's blocks, merged)."""
    if _not_sectioned(doc):
        # a news report, a notice, rules, an explainer: no plan sections, the body is one "other" block
        for b in blocks:
            if b.kind not in ("title", "closing"):
                b.kind = "other"
    elif _speech(doc):
        # a speech or a chair's script says what was done and what is called for, in its own order: its
        # numbered parts are the speech's ("第三项议程：…"), not work planned; what it looks back on stays summary
        forward = headings_rx("content", "plan")
        for b in blocks:
            if b.kind in _PLAN_PARTS and not _planned(body[b.start : b.end], forward):
                b.kind = "other"
    elif doc.doc_type == "summary":
        # a retrospective tells what was done: its work items and months ("五月份：…组织了…") are the
        # summary, not work planned or a schedule of activities
        unheaded = all(b.heading_line is None for b in blocks)
        for b in blocks:
            if b.kind in _PLAN_PARTS or (unheaded and b.kind == "preamble"):
                b.kind = "summary"
