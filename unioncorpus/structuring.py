"""Stage 4 — the structure of a plan: its sections, its scheduled activities and its named campaigns.

The parts live in their own modules: :mod:`~unioncorpus.numbering` (list numbering and the heading
lexicon), :mod:`~unioncorpus.months` (months, dates, weeks), :mod:`~unioncorpus.outline` (the heading tree),
:mod:`~unioncorpus.sections` (top-level blocks and their kinds), :mod:`~unioncorpus.text_kinds` (blocks of
texts that are not plans), :mod:`~unioncorpus.section_spans` (blocks placed on raw lines and columns),
:mod:`~unioncorpus.schedule` (activities and categories) and :mod:`~unioncorpus.campaigns`.
"""

from __future__ import annotations

from dataclasses import replace

from .campaigns import extract_campaigns
from .model import Document, Section
from .month_plans import schedule_ranges
from .outline import line_info
from .schedule import activities
from .section_spans import to_sections
from .sections import build_blocks
from .text_kinds import by_text_kind

__all__ = ["structure"]

_WORK = ("key_work", "goals", "measures", "guiding_ideology", "preamble")


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
    by_text_kind(doc, blocks, body)
    schedule = schedule_ranges(doc.title, blocks, body, infos)  # one-month plans made schedules here
    sections = to_sections(doc, blocks, body)
    work = [ln for b in blocks if b.kind in _WORK for ln in body[b.start : b.end]]
    return replace(
        doc,
        sections=sections,
        activities=activities(body, infos, schedule),
        campaigns=extract_campaigns(work),
    )
