"""Sections: a plan's top-level blocks, each with its kind (placed on raw lines and columns by
:mod:`unioncorpus.section_spans`).

The outline (:mod:`unioncorpus.outline`) gives the top-level nodes; each opens a block. Kinds come from
the heading lexicon, or from the content when the lexicon is silent (months make a schedule, a
retrospective makes a summary, anything else is key work); a run of unnamed work-item headings is one
key_work section, as plans are read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from .model import Document, Line
from .numbering import headings_rx
from .outline import LineInfo, Node, outline
from .page_head import PAGE_NOTE
from .page_tail import FIGURE_DATE
from .text_kinds import scheme_particulars
from .titles import continues_title, is_subtitle
from .under_items import month_table, named_items, table_header

__all__ = ["Block", "build_blocks", "dated"]

# a date, perhaps with blanks left for it ("20__年__月__日", "____年__月__日")
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[xX_＿]{1,4})"
_DATE = (
    rf"(?:\d{{4}}|20[xX_＿]{{2}}|[xX_＿]{{4}}|二[〇○零0一二三四五六七八九]{{3}})\s*年\s*{_DAY}\s*月(?:\s*{_DAY}\s*日)?"
    rf"|{FIGURE_DATE}"
)
_PERIOD = re.compile(r"[\d\s年月日号\-—~～至到./:：()（）xX_＿]{4,40}")
_SIGNATURE = re.compile(
    r"[^，。,；;：:]{2,28}(工会|委员会|小学|中学|幼儿园|学校|学院|公司|医院|卫生院|局|办公室|办事处|中心|社区|支部|党委|总支|团委|妇联|协会)"
)
_ADVERB = re.compile(r"^\s*(?:首先|其次|再次|再者|此外|另外|最后)\s*[,，、]")
_RETRO_OPENING = re.compile(r"^.{0,6}(回顾|一年来|过去的一年|去年|上一?年度)")
_ENUMERATION = re.compile(
    r"(^|[。；;])\s*(一是|二是|[（(]?[一二三四五六七八九十][)）、])|^\s*[“\"].{2,12}[”\"][。．]"
)
_MEASURES = re.compile(r"措施|保障|举措")


@dataclass
class Block:
    """A run of body lines ``[start, end)`` that becomes one section."""

    start: int
    end: int
    kind: str | None = None
    heading: str | None = None
    heading_line: int | None = None
    named: bool = False  # the kind comes from the heading lexicon
    months: int = 0  # strict month headings in the block
    node: Node | None = None


def _heading_text(shown: str, h) -> str:
    """A section's heading as written: the whole heading line ("二、重点工作", "一、指导思想 以…"), or an
    inline label with its colon ("指导思想：" of "指导思想：以…为指导")."""
    if h.style == "bare" and h.rest and len(h.label) + 1 < len(h.text):
        colon = re.search(r"[：:]", shown)
        if colon:
            return shown[: colon.end()].strip()
    return shown.strip()


def _top_blocks(lines: list[Line], infos: list[LineInfo], roots: list[Node]) -> list[Block]:
    """One block per top-level node of the outline; the lines before the first are the lead block."""
    blocks: list[Block] = []
    first = roots[0].index if roots else len(lines)
    if first > 0:
        blocks.append(Block(0, first))
    for node in roots:
        h = node.heading
        shown = lines[node.index].shown
        blocks.append(
            Block(
                node.index,
                node.end,
                kind="monthly_schedule" if node.info.month is not None and node.info.month.strict else None,
                heading=None if node.key == "month" else _heading_text(shown, h),
                heading_line=None if node.key == "month" else node.line,
                node=node,
            )
        )
    for b in blocks:
        b.months = dated(lines[b.start : b.end], infos[b.start : b.end])
    return blocks


def dated(lines: list[Line], infos: list[LineInfo]) -> int:
    """How many lines of a block say when: month headings, and items dated by day or week."""
    from .months import parse_date, parse_week
    from .schedule import time_field_months

    dated = sum(
        1
        for ln, inf in zip(lines, infos, strict=True)
        if (inf.month is not None and inf.month.strict)
        or parse_date(ln.text)
        or parse_week(ln.text)
        or time_field_months(ln.text)
    )
    return dated + _month_led(lines, infos)


def _month_led(lines: list[Line], infos: list[LineInfo]) -> int:
    """Items that start by naming their month ("1、一月份举办…", "9月份,…", "2、20xx年3月：…"), when three or
    more go through the calendar in order (counting items whose month reads as a heading): a schedule
    written as a list. The count is of the items that are not month headings (those count already)."""
    from .months import month_lead

    seq: list[tuple[tuple[int, ...], bool]] = []
    for ln, inf in zip(lines, infos, strict=True):
        if inf.month is not None and inf.month.strict:
            if month_lead(ln.text) is not None:
                seq.append((inf.month.months, True))
        elif (lead := month_lead(ln.text)) is not None:
            seq.append((lead[0], False))
    led = sum(1 for _, heading in seq if not heading)
    ordered = sum(1 for (a, _), (b, _) in itertools.pairwise(seq) if b[0] < a[-1]) <= 1  # a year wraps once
    return led if len(seq) >= 3 and ordered else 0


def _name_blocks(blocks: list[Block], infos: list[LineInfo]) -> None:
    """Kinds from the heading lexicon ("二、重点工作" → key_work); month nodes are schedule already."""
    for b in blocks[1 if blocks and blocks[0].heading_line is None and blocks[0].kind is None else 0 :]:
        if b.kind is None and b.heading is not None:
            kind = infos[b.start].kind
            if kind is not None:
                b.kind, b.named = kind, True


def _content_kind(lines: list[Line], infos: list[LineInfo]) -> str:
    """The kind of a block its heading does not name: months make a schedule (and so does a table whose
    header has a month column), a retrospective a summary."""
    strict = sum(1 for inf in infos if inf.month is not None and inf.month.strict)
    if strict >= 2:
        return "monthly_schedule"
    if month_table(lines):
        return "monthly_schedule"
    text = "\n".join(ln.text for ln in lines)
    n_summary = len(headings_rx("content", "summary").findall(text))
    if n_summary >= max(3, len(lines) // 2):
        return "summary"
    return "key_work"


def _judge_unnamed(
    doc: Document, blocks: list[Block], lines: list[Line], infos: list[LineInfo], lead: bool
) -> None:
    """Unnamed headed blocks by content. In a summary, unnamed blocks are retrospective until the plan
    part (a key-work, goals, guiding-ideology or schedule heading) begins."""
    retrospective = doc.doc_type in ("summary", "summary_and_plan")
    for k, b in enumerate(blocks):
        if lead and k == 0:
            continue
        if doc.doc_type == "summary" and b.kind == "key_work":
            b.kind = "summary"  # "一、主要工作情况" in a summary tells what was done
            continue
        if b.kind in ("key_work", "goals", "guiding_ideology", "monthly_schedule"):
            retrospective = False
        if b.kind is not None:
            continue
        content = _content_kind(lines[b.start : b.end], infos[b.start : b.end])
        b.kind = "summary" if retrospective and content != "monthly_schedule" else content


def _month_led_items(blocks: list[Block], lines: list[Line], infos: list[LineInfo]) -> None:
    """Top-level items that each open with their month ("1、20xx年元月…", "2、3月：…", "4、五月份…"), three
    or more in calendar order, are a schedule written as a list: the run of unnamed items that holds
    them (an item between them without a month included) becomes one."""
    k = 0
    while k < len(blocks):
        run = k
        while run < len(blocks) and blocks[run].node is not None and not blocks[run].named:
            run += 1
        if run - k >= 3:
            heads = [b.start for b in blocks[k:run]]
            # the month opens the item's line, or the first line under a short name ("一、迎新活动" over "9月份,…")
            named = named_items([ln.text for ln in lines[blocks[k].start : blocks[run - 1].end]])
            if named or _month_led([lines[i] for i in heads], [infos[i] for i in heads]):
                for b in blocks[k:run]:
                    # its month is the item's own (or the one before it): not a schedule heading over
                    # work items, which _fix_contradictions demotes
                    b.kind, b.months = "monthly_schedule", max(b.months, 1)
        k = run + 1


def _split_month_runs(blocks: list[Block], lines: list[Line], infos: list[LineInfo]) -> list[Block]:
    """A run of months deep inside a block that is not a schedule ("二、工作思路和措施 … （二）活动安排：
    三月：…四月：…") opens a schedule of its own, from the sub-heading that holds the run."""
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        if b.node is None or b.kind == "monthly_schedule" or b.months < 2:
            continue
        strict = [
            i for i in range(b.start + 1, b.end) if infos[i].month is not None and infos[i].month.strict
        ]
        if not strict:
            continue  # dated or month-led items, not month headings: the block's kind decides
        child = next((c for c in b.node.children if c.index <= strict[0] < c.end), None)
        at = child.index if child is not None else strict[0]
        first_content = b.start + 1
        while first_content < at and table_header(lines[first_content]):
            first_content += 1  # "时间 | 活动内容 | 参加范围" between the heading and the months
        if at <= first_content or sum(1 for i in strict if i >= at) < 2:
            continue  # months right under the heading: the whole block is organised by month
        named = child is not None and child.key != "month"
        tail = Block(at, b.end, "monthly_schedule", node=child)
        if named:
            tail.heading, tail.heading_line = lines[at].shown.strip(), lines[at].number
        tail.months = sum(1 for i in strict if i >= at)
        b.end, b.months = at, b.months - tail.months
        out.append(tail)
    return out


def _fix_contradictions(blocks: list[Block], lines: list[Line]) -> None:
    """A schedule heading over a block without months is work items (unless a schedule follows it: a
    table's header lines); a work heading over a block organised by months is a schedule; "措施" after the
    work items are the measures that carry them out."""
    seen_work = False
    for k, b in enumerate(blocks):
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        header = following is not None and following.kind == "monthly_schedule" and b.end - b.start <= 2
        if (
            b.kind == "monthly_schedule"
            and b.months == 0
            and not header
            and not month_table(lines[b.start : b.end])
        ):
            b.kind = "key_work"
        elif b.months >= 2 and b.kind in ("key_work", "goals", "measures", "guiding_ideology"):
            b.kind = "monthly_schedule"
        if b.kind == "key_work" and b.named and seen_work and b.heading and _MEASURES.search(b.heading[:12]):
            b.kind = "measures"
        seen_work = seen_work or b.kind == "key_work"


def _judge_lead(doc: Document, blocks: list[Block], lines: list[Line], infos: list[LineInfo]) -> None:
    """Lines before the first heading: a subtitle stays with the title; a retrospective opening is a
    summary; a list of work points with no heading above it is key work; the rest is the preamble."""
    if not blocks or blocks[0].heading_line is not None or blocks[0].kind is not None:
        return
    lead = blocks[0]
    parts: list[Block] = []
    following = blocks[1] if len(blocks) > 1 else None
    mid_list = (
        following is not None
        and following.node is not None
        and following.node.key in ("arabic", "arabic_paren", "circled")
        and (following.node.heading.number or 1) > 1
    )
    # items that name their months in calendar order ("9月份,…" "10月份,…"): the rest of the lead is a schedule
    schedule_at = lead.end
    starts = range(lead.start, min(lead.start + 3, lead.end))
    header = next((i for i in starts if month_table(lines[i : lead.end])), None)
    if header is not None:
        schedule_at = header  # a calendar laid out as a table under the title ("日期 | 主要工作 | 责任处室")
    elif _month_led(lines[lead.start : lead.end], infos[lead.start : lead.end]):
        from .months import month_lead

        schedule_at = next(i for i in range(lead.start, lead.end) if month_lead(lines[i].text) is not None)
    # "首先，… 其次，… 最后，…": paragraphs counted by adverbs, three or more, are points like 一是/二是
    adverbs = sum(1 for i in range(lead.start, schedule_at) if _ADVERB.match(lines[i].text)) >= 3
    for i in range(lead.start, schedule_at):
        t = lines[i].text
        if (
            i == lead.start
            and doc.title_line is not None
            and (is_subtitle(t) or continues_title(doc.title, t))
        ):
            parts.append(Block(i, i + 1, "title"))
            continue
        if i == lead.start and doc.title_line is not None and _PERIOD.fullmatch(t):
            parts.append(Block(i, i + 1, "other"))  # "20111——201112": the period the plan covers
            continue
        if parts and not re.search(r"\w", t):
            parts[-1].end = (
                i + 1
            )  # a line of bare markup ("|" between forum table rows) goes with the text above
            continue
        if PAGE_NOTE.search(t):
            kind = "other"  # the site's words between title and text: byline, source, elision note, blurb
        elif mid_list:
            kind = "key_work"  # the page starts inside a list ("…工作。" then "4、…"): the rest of a section
        elif _RETRO_OPENING.match(t):
            kind = "summary"
        elif len(blocks) == 1 and (
            _ENUMERATION.search(t) or infos[i].heading is not None or (adverbs and _ADVERB.match(t))
        ):
            kind = "key_work"  # no heading anywhere: numbered or enumerated points are the work items
        else:
            kind = "preamble"
        if parts and parts[-1].kind == kind:
            parts[-1].end = i + 1
        else:
            parts.append(Block(i, i + 1, kind))
    if len(blocks) == 1 and len(parts) > 1 and parts[-1].kind == "preamble" and lead.end - lead.start > 2:
        parts[-1].kind = _content_kind(lines[parts[-1].start : lead.end], infos[parts[-1].start : lead.end])
    if schedule_at < lead.end:
        parts.append(Block(schedule_at, lead.end, "monthly_schedule"))
    blocks[:1] = parts


def _closing(blocks: list[Block], lines: list[Line], infos: list[LineInfo]) -> None:
    """A signature, a date or a concluding paragraph at the very end is the closing."""
    closing_at = None
    n = len(lines)
    for i in range(n - 1, max(-1, n - 4), -1):
        t, inf = lines[i].text, infos[i]
        # "2024年1月" under a signature is its date, though it reads as a month heading too
        dated_signature = (
            i == n - 1
            and i > 0
            and re.fullmatch(_DATE, t) is not None
            and _SIGNATURE.fullmatch(lines[i - 1].text)
        )
        signature = (
            len(t) <= 30
            and (inf.month is None or dated_signature)
            and inf.cells is None
            and (re.fullmatch(_DATE, t) is not None or _SIGNATURE.fullmatch(t) is not None)
        )
        concluding = (
            inf.heading is None
            and inf.month is None
            and len(t) > 20
            and headings_rx("content", "closing").search(t) is not None
            and i == n - 1
            and closing_at is None
        )
        if not (signature or concluding) or any(b.start == i for b in blocks):
            break
        closing_at = i
    if closing_at is None or not blocks or closing_at <= blocks[-1].start:
        return
    blocks[-1].end = closing_at
    blocks.append(Block(closing_at, n, "closing"))


def _merge(blocks: list[Block]) -> list[Block]:
    """Neighbours of one kind become one block (a run of unnamed work-item headings is one key_work)."""
    out: list[Block] = []
    for b in blocks:
        if b.start >= b.end and b.kind != "title":
            continue
        if out and out[-1].kind == b.kind:
            out[-1].end = b.end
            continue
        out.append(b)
    return out


def build_blocks(doc: Document, lines: list[Line], infos: list[LineInfo]) -> list[Block]:
    """The body's blocks in order, each with its kind (phases above)."""
    below = doc.title_below_label
    if below is not None and lines and lines[0] is below:
        # the document's own title under a site's entry label belongs with the title, not the outline
        rest = build_blocks(replace(doc, title_is_label=False), lines[1:], infos[1:])
        for b in rest:
            b.start, b.end = b.start + 1, b.end + 1
        return [Block(0, 1, "title"), *rest]
    roots = outline(lines, infos)
    blocks = _top_blocks(lines, infos, roots)
    lead = (
        bool(blocks)
        and blocks[0].heading_line is None
        and blocks[0].kind is None
        and (not roots or blocks[0].end == roots[0].index)
    )
    _name_blocks(blocks, infos)
    _judge_unnamed(doc, blocks, lines, infos, lead)
    _month_led_items(blocks, lines, infos)
    blocks = _split_month_runs(blocks, lines, infos)
    _fix_contradictions(blocks, lines)
    if lead:
        _judge_lead(doc, blocks, lines, infos)
    _closing(blocks, lines, infos)
    scheme_particulars(doc, blocks, lines)
    return _merge(blocks)
