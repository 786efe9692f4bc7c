"""Stage 4 — the structure of a plan: its sections, its scheduled activities and its named campaigns.

The parts live in their own modules: :mod:`~unioncorpus.numbering` (list numbering and the heading
lexicon), :mod:`~unioncorpus.months` (months, dates, weeks), :mod:`~unioncorpus.outline` (the heading tree),
:mod:`~unioncorpus.sections` (top-level blocks and their kinds), :mod:`~unioncorpus.section_spans` (blocks
placed on raw lines and columns), :mod:`~unioncorpus.schedule` (activities and
categories) and :mod:`~unioncorpus.campaigns`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ._lexicon import load_toml
from .campaigns import extract_campaigns
from .model import Document, Section
from .outline import line_info
from .schedule import activities
from .section_spans import to_sections
from .sections import build_blocks

__all__ = ["structure"]

_WORK = ("key_work", "goals", "measures", "guiding_ideology", "preamble")
_RETROSPECTIVE = ("key_work", "goals", "measures", "guiding_ideology", "monthly_schedule")


_UNSECTIONED = ("news", "notice", "rules", "explainer")


def _not_sectioned(doc: Document) -> bool:
    kinds = {e.value for e in doc.evidence.get("doc_type", []) if hasattr(e, "value")}
    return doc.doc_type == "other" and bool(kinds & set(_UNSECTIONED))


_SPEECH_PARTS = ("key_work", "goals", "measures", "guiding_ideology", "monthly_schedule")


def _speech(doc: Document) -> bool:
    first = next((e.value for e in doc.evidence.get("doc_type", []) if hasattr(e, "value")), None)
    return doc.doc_type == "other" and first == "speech"


def _planned(lines: list, forward: re.Pattern[str]) -> bool:
    """Whether a block says what is to be done: forward-looking wording at least once in three lines."""
    hits = sum(len(forward.findall(ln.text)) for ln in lines)
    return hits >= max(1, len(lines) // 3)


def structure(doc: Document) -> Document:
    """A new Document with ``sections``, ``activities`` and ``campaigns`` filled in."""
    body = doc.body_lines()
    if not body:
        title = Section(
            "title", doc.start_line, doc.end_line, doc.title, doc.title_line, doc.start_col, doc.end_col
        )
        return replace(doc, sections=[title], activities=[], campaigns=[])
    infos = [line_info(ln) for ln in body]
    blocks = build_blocks(doc, body, infos)
    if _not_sectioned(doc):
        # a news report, a notice, rules, an explainer: no plan sections, the body is one "other" block
        for b in blocks:
            if b.kind not in ("title", "closing"):
                b.kind = "other"
    elif _speech(doc):
        # a speech or a chair's script says what was done and what is called for, in its own order: its
        # numbered parts are the speech's ("第三项议程：…"), not work planned; what it looks back on stays summary
        forward = re.compile(load_toml("headings.toml")["content"]["plan"])
        for b in blocks:
            if b.kind in _SPEECH_PARTS and not _planned(body[b.start : b.end], forward):
                b.kind = "other"
    elif doc.doc_type == "summary":
        # a retrospective tells what was done: its work items and months ("五月份：…组织了…") are the
        # summary, not work planned or a schedule of activities
        for b in blocks:
            if b.kind in _RETROSPECTIVE:
                b.kind = "summary"
    sections = to_sections(doc, blocks, body)
    schedule = [(b.start, b.end) for b in blocks if b.kind == "monthly_schedule"]
    work = [ln for b in blocks if b.kind in _WORK for ln in body[b.start : b.end]]
    return replace(
        doc,
        sections=sections,
        activities=activities(body, infos, schedule),
        campaigns=extract_campaigns(work),
    )
