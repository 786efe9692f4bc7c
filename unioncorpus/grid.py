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
from .months import months_of, parse_month
from .numbering import strip_numbering
from .outline import flattened_cell
from .under_items import WEEKDAYS, cell_months, header_run, rows_follow

__all__ = [
    "GridEvent",
    "bracket_dated",
    "cell_events",
    "dated_events",
    "day_grid_events",
    "day_grid_start",
    "grid_events",
    "is_calendar_grid",
    "is_day_grid",
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
    words: int | None = None  # where the words begin after a date set apart in brackets ("(22-26)选课")


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
    return (weekdays >= 5 or _one_character_header(lines[:20])) and days >= 7


_ONE_CHARACTER_DAYS = "日一二三四五六"


def _one_character_header(lines: list[Line]) -> bool:
    """Whether the weekday header is written a character a cell ("日 | 一 | 二 | … | 六"): six or more cells in
    a row, each a different weekday."""
    run: list[str] = []
    for _, _, _, text, _ in _cells(lines):
        run = (
            [*run, text]
            if text in _ONE_CHARACTER_DAYS and text not in run
            else [text] * (text in _ONE_CHARACTER_DAYS)
        )
        if len(run) >= 6:
            return True
    return False


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
        if _WEEKDAY.match(text) or _GRID_WORD.match(text) or text == "日" or (uses_bars and not barred):
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
    if is_calendar_grid(lines):
        return grid_events(lines)
    return day_grid_events(lines) if is_day_grid(lines) else None


def _number(token: str) -> int:
    """A day's number written in ASCII digits ("7", "31"), else 0 ("²" is a digit to Python, not a day)."""
    return int(token) if re.fullmatch(r"[0-9]{1,2}", token) else 0


def _day_runs(text: str) -> Iterator[int]:
    """The lengths of the runs of consecutive days of the month in ``text`` ("7 8 9 10 11 12 13" is one of 7)."""
    run, prev = 0, -1
    for token in text.split():
        n = _number(token) or -1
        if n > 0 and n == prev + 1:
            run += 1
        else:
            if run:
                yield run
            run = int(n > 0)
        prev = n
    if run:
        yield run


def day_grid_start(lines: list[Line]) -> int | None:
    """Where a calendar pasted without its weekday header begins: at the first of three or more rows of five or
    more consecutive days of the month (the weeks of a 行事历 whose events stand beside them); ``None`` when
    there is none."""
    rows = [i for i, ln in enumerate(lines) for n in _day_runs(ln.text) if n >= 5]
    return rows[0] if len(rows) >= 3 else None


def is_day_grid(lines: list[Line]) -> bool:
    """Whether ``lines`` hold a calendar pasted without its weekday header (see :func:`day_grid_start`)."""
    return day_grid_start(lines) is not None


def bracket_dated(text: str) -> bool:
    """Whether ``text`` opens with its days in brackets ("(5)开始上课", "(22-26)选课"): in a day grid, a date,
    not an item's number."""
    return _BRACKET_DAYS.match(text) is not None


# a date set apart in brackets before an event: "(5)", "(22-26)", "(26)、(28)", "(25,26,29,30)", "(8/19-9/5)"
_DAY_GROUP = r"[(（]\d{1,2}(?:/\d{1,2})?(?:\s?[-~～—,，、]\s?\d{1,2}(?:/\d{1,2})?){0,6}[)）]"
_BRACKET_DAYS = re.compile(rf"{_DAY_GROUP}(?:\s?[、,，]\s?{_DAY_GROUP}){{0,4}}\s?(?=\S)")
_MONTH_DAY = re.compile(r"(1[0-2]|0?[1-9])/[0-3]?\d")
# where one of several events on a line begins: after a semicolon or a space, at its date
_NEXT_EVENT = re.compile(r"(?:[;；]|(?<![-~～—∼至到、,，])\s)\s?(?=[(（]\d|[0-3]?\d\s?[日号號])")


# an event led by its date written M/D, perhaps after a mark and before its weekday: "2/19家长日", "★8/26 开学",
# "▲8/25-8/29 教师培训", "2/27~3/1校外教学"
_WD = r"(?:\s?[(（][一二三四五六日天][)）])?"
_MD_LEAD = re.compile(
    rf"^[★▲●◎☆■◆※△▼]?\s?(?P<m>1[0-2]|0?[1-9])/[0-3]?\d(?!\d){_WD}"
    rf"(?:\s?[~～\-—至到]\s?(?:(?P<m2>1[0-2]|0?[1-9])/)?[0-3]?\d(?!\d){_WD})?\s?(?=[^\d\s%％])"
)


def _event_months(text: str, cal: _Calendar) -> tuple[tuple[int, ...], int | None]:
    """The months of an event of a day grid and where its words begin when a date set apart leads it (a
    bracketed one, or one written M/D); M/D dates after the words ("开学日2/16(五)") give their months."""
    md = _MD_LEAD.match(text)
    if md is not None:
        return months_of(f"{md['m']}-{md['m2'] or md['m']}"), md.end()
    lead = _BRACKET_DAYS.match(text)
    named_after = sorted({int(m) for m in _MONTH_DAY.findall(text[:80])})
    if named_after and lead is None:
        return tuple(named_after), None
    if lead is not None:
        named = [int(m) for m in _MONTH_DAY.findall(lead.group(0))]
        if named:
            return months_of(f"{named[0]}-{named[-1]}"), lead.end()
        month = cal.month_of(int(re.search(r"\d{1,2}", lead.group(0)).group(0)))
        return ((month,) if month else ()), lead.end()
    date = _EVENT_DATE.match(text)
    if date is not None and date["m"]:
        return (int(date["m"]),), None
    month = cal.month_of(int(date["d"])) if date is not None else cal.month
    return ((month,) if month else ()), None


def day_grid_events(lines: list[Line]) -> list[GridEvent]:
    """The events of a calendar pasted without its weekday header: month cells ("8" alone on a line, "九 月"),
    rows of days (behind a week's label: "十一 13 14 …", "暑假"), and the events between and beside them, each
    usually led by its days ("(22-26)第二阶段选课", "8日赏月活动")."""
    cal = _Calendar()
    out: list[GridEvent] = []

    def month_cell(m: int) -> None:
        cal.set_month(m)
        cal.recent = []  # the month's events are under its cell: a day they name is this month's

    def chunk(i: int, a: int, b: int) -> None:
        text = lines[i].text[a:b]
        compact = text.replace(" ", "")
        named = parse_month(compact)
        if named is not None and named.strict and not named.rest and "月" in compact:
            month_cell(named.months[0])  # "九 月" ("暑假" is a week's label)
            return
        if cal.month is None and not cal.last_day:
            return  # above the grid: its header ("周次 办理事项"), a note on its approval
        if len(compact) <= 4 and _BRACKET_DAYS.match(text) is None and _EVENT_DATE.match(text) is None:
            return  # a week's label ("十一", "暑假"), a stray mark
        starts = [0, *(m.end() for m in _NEXT_EVENT.finditer(text))]
        for s, e in zip(starts, [*starts[1:], len(text)], strict=True):
            piece = text[s:e].rstrip(_SEPARATORS + " .")
            if len(piece.strip()) >= 2:
                months, words = _event_months(piece, cal)
                out.append(
                    GridEvent(i, a + s, a + s + len(piece), months, None if words is None else a + s + words)
                )

    for i, ln in enumerate(lines):
        tokens = list(re.finditer(r"\S+", ln.text))
        if len(tokens) == 1 and tokens[0].group(0).isascii() and tokens[0].group(0).isdigit():
            n = int(tokens[0].group(0))
            if 1 <= n <= 12 and n != cal.last_day + 1:
                month_cell(n)  # on its own line
            elif 1 <= n <= 31:
                cal.day(n)
            continue  # (or the year: "111", "2022")
        a = b = None
        numbers = [_number(t.group(0)) for t in tokens]
        for k, t in enumerate(tokens):
            n = numbers[k]
            follows = n == cal.last_day + 1 or (n == 1 and (cal.last_day == 0 or cal.last_day >= 28))
            if 0 < n <= 31 and (follows or numbers[k + 1 : k + 2] == [n + 1]):  # a day, or a row's first
                if a is not None:
                    chunk(i, a, b)
                a = b = None
                cal.last_day = cal.last_day or n - 1  # under its month cell the month's first row is its own
                cal.day(n)
                continue
            a, b = (t.start() if a is None else a), t.end()
        if a is not None:
            chunk(i, a, b)
    return out


def dated_events(text: str) -> list[tuple[int, int]] | None:
    """Spans of the events of an item that lists several, each set apart by its date ("3-10日：期末试，12日：放榜，
    14日：补考"); ``None`` for an item that is one event."""
    from .months import date_prefix

    spans = list(_events(text))
    if len(spans) < 2 or not all(date_prefix(text, a) > a for a, _ in spans):
        return None
    return spans
