"""One-month plans: a plan whose title names the one month it is for ("社区5月份工作计划", "三月份工作安排").

The genre writes monthly plans as well as yearly ones. A monthly plan has no month headings: its title
says the month, and its work items are that month's activities. So its work sections are its schedule,
and a week or an undated item in it falls in the title's month. A category heading over the items
("一、德育工作" over "1、…") and a section's own heading are no activities.
"""

from __future__ import annotations

import re

from .model import Line
from .months import MNUM, REVIEW_WORDS, SENTENCE, is_month_listing, months_of
from .numbering import strip_numbering
from .outline import LineInfo
from .sections import Block, dated

__all__ = ["category_lines", "schedule_ranges", "title_month"]

_RANGE_CHARS = r"\-—–~～至到、,，/"
# a month written as a period: no day after it (3月5日), no range or list around it (3-4月, 三、四月, 3月和4月)
_MONTH = re.compile(
    rf"(?<![\d一二三四五六七八九十{_RANGE_CHARS}])(?P<m>{MNUM})\s?月\s?份?(?![\d一二三四五六七八九十日号和及与{_RANGE_CHARS}])"
)
_ANY_MONTH = re.compile(rf"{MNUM}\s?月")
# what the month is the period of: a plan ("工作计划", "园务计划", "活动安排", "工作要点", "月计划")
_PLAN_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:计划|安排|要点|打算)")
_SUMMARY_AFTER = re.compile(rf"^[\u4e00-\u9fff]{{0,8}}?(?:{REVIEW_WORDS})")
_WEEK = re.compile(r"周|週|星期")


def title_month(title: str | None) -> int | None:
    """The one month a plan's title (or a part's heading) names as its period, or None ("4月份工作计划" and
    "二、4月份工作计划" give 4; "3月份工作总结及4月份工作计划" gives 4; a week plan, a range "3-4月", a date
    "3月5日" or two planned months give None)."""
    if not title or _WEEK.search(title):
        return None
    if not is_month_listing(title):
        title = strip_numbering(title)[2]  # a part headed as a month's plan: "二、4月份工作计划"
    planned: set[int] = set()
    periods = list(_MONTH.finditer(title))
    if len(periods) != len(_ANY_MONTH.findall(title)):
        return None  # a range, a list or a date among the months
    for m in periods:
        after = title[m.end() :]
        if _PLAN_AFTER.match(after):
            planned.update(months_of(m.group("m")))
        elif not _SUMMARY_AFTER.match(after):
            return None  # a month that is neither the plan's nor a reviewed one: not a one-month title
    return planned.pop() if len(planned) == 1 else None


def category_lines(texts: list[str], infos: list[LineInfo]) -> set[int]:
    """Lines that head other lines rather than say what is done: a section's heading ("二、本月工作重点"),
    and a short numbered label over numbered items of another style ("（一）德育工作" over "1、…")."""
    out: set[int] = set()
    for k, inf in enumerate(infos):
        h = inf.heading
        if h is None or inf.cells:
            continue
        if inf.kind is not None and not SENTENCE.search(texts[k]):
            out.add(k)
            continue
        nxt = infos[k + 1].heading if k + 1 < len(infos) else None
        short = len(texts[k]) <= 20 and not SENTENCE.search(texts[k].rstrip("：: "))
        if short and nxt is not None and nxt.style != h.style and nxt.style != "bare":
            out.add(k)
    return out


def schedule_ranges(
    title: str | None, blocks: list[Block], lines: list[Line], infos: list[LineInfo]
) -> list[tuple[int, int, tuple[int, ...]]]:
    """The schedule blocks' line ranges, each with the month in force in it before any month heading: a part
    headed as one month's plan ("二、4月份工作计划") is that month's schedule, and a one-month plan's work
    blocks are its schedule (when it has no schedule block of its own), as is an unheaded run of lines most of
    which are dated by day or week ("第一周：…")."""
    month = title_month(title)
    for b in blocks:
        if b.kind == "key_work" and title_month(b.heading) is not None:
            b.kind = "monthly_schedule"
    if month is not None and not any(b.kind == "monthly_schedule" for b in blocks):
        for b in blocks:
            if b.kind == "key_work" or (b.kind == "preamble" and _mostly_dated(b, lines, infos)):
                b.kind = "monthly_schedule"
    return [
        (b.start, b.end, (m,) if (m := title_month(b.heading)) else (month,) if month else ())
        for b in blocks
        if b.kind == "monthly_schedule"
    ]


def _mostly_dated(b: Block, lines: list[Line], infos: list[LineInfo]) -> bool:
    n = dated(lines[b.start : b.end], infos[b.start : b.end])
    return n >= 2 and 2 * n >= b.end - b.start
