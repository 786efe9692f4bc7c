"""Calendar grids (校历, 行事历): one week per row, a cell per weekday holding its day of the month, the year and
month where they change, and a notes column (备注) that holds the events. Sites paste them with pipes or tabs,
a row per line or flattened one cell per line. The months come from the grid itself: a month cell, or the
day numbers starting again from 1; an event that names its day ("19—21日中秋放假") is in the month that day
has in the rows just read, one that names its month ("1月1日元旦放假") in that month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Line
from .months import parse_month
from .numbering import strip_numbering
from .outline import flattened_cell
from .under_items import WEEKDAYS, cell_months, header_run, rows_follow

__all__ = [
    "GridEvent",
    "cell_events",
    "dated_events",
    "grid_events",
    "is_calendar_grid",
    "loose_table",
    "loose_table_events",
]

_WEEKDAY = re.compile(rf"^{WEEKDAYS}$")
_YEAR = re.compile(r"^(?:19|20)\d\d\s?年?$")
_DAY = re.compile(r"^\d{1,2}$")
# the grid's own words: a week's number, its header cells ("年 月", "周 次", "备 注", "月份"), a term's name
_GRID_WORD = re.compile(
    r"^(?:第?[一二三四五六七八九十廿]{1,3}周?|第?\d{1,2}周|年\s?月|月\s?份?|周\s?次|备\s?注|日\s?期|星\s?期"
    r"|第[一二]学期|[上下]学期)$"  # (the analysis text is in simplified script)
)
# where an event of a notes cell begins: its date ("9月2日", "3日", "19—21日", "14—15"), after a separator
_EVENT_DATE = re.compile(
    r"(?:(?P<m>1[0-2]|0?[1-9])\s?月\s?)?(?P<d>[0-3]?\d)\s?(?:[日号號]|(?:[—\-~～至到]{1,2}\s?[0-3]?\d\s?[日号號]?)"
    r"|(?=[\u4e00-\u9fff]))"  # "10下午学生离校", "10教师节": the day and at once the event
)
_SEPARATORS = "，,；;。"


@dataclass
class GridEvent:
    """One event of a notes cell: its body-line index, where it stands in the line's text, its months."""

    index: int
    start: int
    end: int
    months: tuple[int, ...]


def _cells(lines: list[Line]) -> Iterator[tuple[int, int, int, str, bool]]:
    """``(line index, start, end, text, barred)`` of every cell: a line split at pipes and tabs; ``barred``
    when a pipe stands before the cell."""
    for i, ln in enumerate(lines):
        pos = 0
        for part in re.split(r"([|\t])", ln.text):
            if part in ("|", "\t"):
                pos += 1
                continue
            text = part.strip()
            if text:
                lead = len(part) - len(part.lstrip())
                barred = "|" in ln.text[:pos] or flattened_cell(ln)
                yield i, pos + lead, pos + lead + len(text), text, barred
            pos += len(part)


def is_calendar_grid(lines: list[Line]) -> bool:
    """Whether ``lines`` open with a calendar grid's header (five or more weekday cells, "星期一" … "星期日")
    over rows of the days of the month (a table of what is done on each weekday has no day numbers)."""
    weekdays = sum(1 for _, _, _, text, _ in _cells(lines[:20]) if _WEEKDAY.match(text))
    days = sum(1 for _, _, _, text, _ in _cells(lines[:80]) if _DAY.match(text) and 1 <= int(text) <= 31)
    return weekdays >= 5 and days >= 7


def _events(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the events of a notes cell: a separator parts two events when a date follows it."""
    starts = [0]
    for m in re.finditer(rf"[{_SEPARATORS}]\s?", text):
        if m.end() < len(text) and _EVENT_DATE.match(text, m.end()):
            starts.append(m.end())
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = text[a:b].rstrip(_SEPARATORS + " ")
        if piece.strip():
            yield a, a + len(piece)


class _Calendar:
    """The month in force and the days of the rows just read."""

    def __init__(self) -> None:
        self.month: int | None = None
        self.last_day = 0
        self.recent: list[tuple[int, int]] = []  # (day, month) of the last weekday cells
        self.after_year = False

    def day(self, d: int) -> None:
        if self.month is not None and self.last_day == 0 and d >= 22:
            # "1 | 30 | 31 | 1 …": the month's row opens with last month's days
            self.month = (self.month - 2) % 12 + 1
        elif self.month is not None and d < self.last_day - 20:
            self.month = self.month % 12 + 1  # the days start again: the next month
        self.last_day = d
        if self.month is not None:
            self.recent = [*self.recent[-13:], (d, self.month)]

    def set_month(self, m: int) -> None:
        self.month, self.last_day = m, 0

    def month_of(self, d: int) -> int | None:
        return next((m for day, m in reversed(self.recent) if day == d), self.month)


def grid_events(lines: list[Line]) -> list[GridEvent]:
    """The events of a calendar grid's notes cells, each with its months."""
    cal = _Calendar()
    uses_bars = sum(1 for ln in lines if ln.text.lstrip().startswith("|")) * 2 >= len(lines)
    out: list[GridEvent] = []
    for i, start, _end, text, barred in _cells(lines):
        if _YEAR.match(text):
            cal.after_year = True
            continue
        named_month = parse_month(text)
        if named_month is not None and named_month.strict and not named_month.rest:
            cal.set_month(named_month.months[0])  # a month cell written out ("九月", "10月")
            continue
        if _DAY.match(text):
            n = int(text)
            # a month cell: right after the year, or the first cell of a row where the days stand behind pipes
            if 1 <= n <= 12 and (cal.after_year or (uses_bars and not barred)):
                cal.set_month(n)
            elif 1 <= n <= 31:
                cal.day(n)
            cal.after_year = False
            continue
        cal.after_year = False
        if _WEEKDAY.match(text) or _GRID_WORD.match(text) or (uses_bars and not barred):
            continue  # a header, a week's number, or a line outside the grid (a footer, a term's title)
        own: int | None = None  # a month written in the cell goes on for the days after it
        for a, b in _events(text):
            date = _EVENT_DATE.match(text, a)
            if date is not None and date["m"]:
                own = int(date["m"])
            month = own or (cal.month_of(int(date["d"])) if date is not None else cal.month)
            out.append(GridEvent(i, start + a, start + b, (month,) if month else ()))
    return out


def _plan_line(text: str) -> bool:
    """A month heading ("三月") or a numbered item: what a plan's schedule, not a table's row, is made of."""
    month = parse_month(text)
    return (month is not None and month.strict) or strip_numbering(text)[0] is not None


def loose_table(lines: list[Line]) -> int | None:
    """Where the rows begin under a table header flattened one cell per line ("周次" / "时间" / "活动及内容" /
    "备注" / "月主题" …) when the rows below do not keep its columns (a week's several content lines, a theme
    printed one character per line): ``None`` when there is no such header or the rows keep it."""
    texts = [ln.text for ln in lines]
    for k in range(min(4, len(lines))):
        roles = header_run(texts, k)
        j = k + len(roles)
        if len(roles) >= 3 and {"time", "content"} <= set(roles):
            # the header may go on with cells the vocabulary lacks ("月主题", "周主题") before the first date
            below = [ln.text for ln in lines[j : j + 2 * len(roles)]]
            if rows_follow(below, roles) or any(_plan_line(ln.text) for ln in lines[j : j + 40]):
                return None  # the table keeps its columns, or month headings and numbered items follow it
            return j
    return None


def loose_table_events(lines: list[Line], start: int) -> list[GridEvent]:
    """The content cells of a loose table: sentences (a clause end, or twelve characters and more) in the
    months of the last time cell above them; short cells (a week's number or theme, a remark, one character of
    a theme printed downwards) are none."""
    months: tuple[int, ...] = ()
    out: list[GridEvent] = []
    for i in range(start, len(lines)):
        text = lines[i].text  # (a logical line's text has no spaces around it)
        if len(text) <= 15 and (found := cell_months(text)):
            months = found
            continue
        if months and (len(text) >= 12 or text.endswith(("；", ";"))):
            out.append(GridEvent(i, 0, len(text.rstrip("；;。 ")), months))
    return out


def cell_events(lines: list[Line]) -> list[GridEvent] | None:
    """The events of a schedule laid out as a calendar grid or as a loose table, ``None`` for any other."""
    loose = loose_table(lines)
    if loose is not None:
        return loose_table_events(lines, loose)
    return grid_events(lines) if is_calendar_grid(lines) else None


def dated_events(text: str) -> list[tuple[int, int]] | None:
    """Spans of the events of an item that lists several, each set apart by its date ("3-10日：期末试，12日：放榜，
    14日：补考"); ``None`` for an item that is one event."""
    from .months import date_prefix

    spans = list(_events(text))
    if len(spans) < 2 or not all(date_prefix(text, a) > a for a, _ in spans):
        return None
    return spans
