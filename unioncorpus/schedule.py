"""Scheduled activities: what a plan's monthly schedule says will happen, and when.

Inside each monthly_schedule section, month headings open months and the items under them are
activities: numbered or bulleted items, several on one line, one item wrapped over two lines, a month and
its item on one line, items dated by day (3月5日…) or week (第3周…), and tables — real ones (.docx, .html,
markdown) and flattened ones (cells joined by tabs or pipes, one cell per line, a month number glued to
the first item's number). Table columns are recognised by their header (时间/月份, 内容/项目, 负责人/部门);
person and time columns never become activity text. Month themes (二月主题：…) and table headers are not
activities. Each activity keeps its raw line, and its columns when it does not fill the line.
"""

from __future__ import annotations

import re

from . import under_items as _u
from .activity_categories import categories, categorize
from .cutting import PAGE_LINE
from .grid import cell_events, dated_events
from .model import Activity, Line
from .month_plans import category_lines
from .months import TIME_FIELD as _TIME_FIELD
from .months import date_prefix, festival_month, month_lead, parse_week, time_field_months
from .numbering import item_spans, strip_numbering
from .outline import LineInfo, inline_items
from .under_items import header_role, is_header_row

__all__ = ["activities", "categories", "categorize", "header_role", "is_header_row", "time_field_months"]

_TERMINAL = ("。", "；", ";", "！", "!", "？", "?")
_LATE_GLUED = re.compile(r"^\s*(?P<m>1[0-2])1\s*[、．.]\s*")  # "101、"…"121、": months 10–12 glued to item 1
_NAME_FIELD = re.compile(r"^(?:活动)?(?:名称|项目名称|项目)\s*[:：]\s*(?P<v>\S)")
# A month's theme, not an activity: "主题：…", "黑板报主题：…", "“诚信”"; a bare field label ("活动：",
# "具体内容：") heads the activities below it.
_THEME = re.compile(r"^(?:本月)?主题\s*[:：]?|^[\u4e00-\u9fff]{1,6}主题\s*[:：]|^[“\"].{2,20}[”\"]$")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[:：]$")  # unnumbered: "1. 家长会：" is an item
# On the month's own line, a themed month names the month ("三月：文明礼仪月", "九月：安全教育月")
_THEMED_MONTH = re.compile(r"^[^，,。；;：:]{2,10}(?<![本每个年])月$")
_Int = int | None


class _Walker:
    """Walks one schedule section line by line, carrying the months in force and the table layout."""

    def __init__(self, lines: list[Line], infos: list[LineInfo], months: tuple[int, ...] = ()) -> None:
        self.lines, self.infos = lines, infos
        self.inline = inline_items(lines, infos)
        self.out: list[Activity] = []
        self.months: tuple[int, ...] = ()
        self.columns: _u.Columns | None = None
        self.header_end = 0  # lines before it are a table's header cells
        self.numbered = sum(1 for inf in infos if inf.heading is not None and inf.heading.style == "arabic")
        self.month_nodes = sum(1 for inf in infos if inf.month is not None and inf.month.strict)
        self.last_number: int | None = None
        self.open_item = False  # the last activity may go on on the next line
        self.mid_clause = False  # ... and its line stopped inside a clause: it surely does
        self.records = False  # activities written as records (活动名称： / 时间：)
        self.pending: tuple[Line, int, int] | None = None
        self.in_item = False  # a numbered item holds: unnumbered lines under it may describe it
        self.detail = False  # the lines under the item describe it (a label and its value came)
        self.led = False  # the items say their own months (a month-led list, no month headings)
        self.rules = False  # under an event's rules ("★篮球赛规则："), until the next month
        self.week: int | None = None  # the school week in force ("第3周 02-22 ~ 02-28" over its items)
        # activities named over sentences that give their months ("一、迎新活动" / "9月份，…"), no month headings
        texts = [ln.text for ln in lines]
        self.heads = _u.heads_over_dates(texts) if not self.month_nodes else set()
        self.named = _u.named_items(texts, self.heads) if self.heads else {}
        # a one-month plan's month is in force from the start, over items under category headings
        preset = bool(months) and not self.month_nodes
        self.skip = category_lines(texts, infos) if preset else set()
        self.months = months if preset else ()

    # -- emitting ---------------------------------------------------------------------------------
    def emit(
        self, ln: Line, start: int, end: int, months: tuple[int, ...], week: _Int = None, words: _Int = None
    ) -> None:
        # "09/08(三) 游泳课": the dates set apart are the item's time (``words``: where a grid says they end)
        words = date_prefix(ln.text[:end], start) if words is None else words
        date, start = (ln.shown[start:words].strip(" ：:") or None), words
        text = ln.shown[start:end].strip()
        rest = ln.text[start:].strip()
        label = _LABEL.match(rest) is not None and strip_numbering(ln.text)[0] is None
        label = label or _u.TIME_CELL.match("".join(text.split())) is not None  # "寒 假": a time, no activity
        if not text or _THEME.match(text) or _THEME.match(rest) or label:
            return
        line, col = ln.locate(start)
        end_col = ln.locate(end)[1]
        starts_line = start == 0 and ln.at_line_start
        ends_line = end == len(ln.text) and ln.at_line_end
        self.out.append(
            Activity(
                line,
                list(months),
                text,
                categorize(ln.text[start:end]),
                None if starts_line else col,
                None if ends_line else end_col,
                week,
                date,
            )
        )
        self.open_item = not ln.text.rstrip().endswith(_TERMINAL)

    def items(
        self, ln: Line, offset: int, months: tuple[int, ...], *, week: _Int = None, led: bool = False
    ) -> None:
        """The items of ``ln.text[offset:]``, numbered or not ("1、A2、B" gives two). In a page pasted on
        one line, unnumbered items that stood on lines of their own are now separated by spaces. ``led``:
        the line's month stands just before ``offset``."""
        if (clauses := _u.month_clauses(ln.text[offset:], months if led else None)) is not None:
            for a, words, b, own in clauses:  # "3、4月份完成测试，5月份完成登记": each clause in its month
                self.emit(ln, offset + a, offset + b, own, week, offset + words)
            return
        spans = item_spans(ln.text[offset:])
        if len(spans) == 1 and (dated := dated_events(ln.text[offset:])) is not None:
            spans = dated  # "3-10日：期末试，12日：放榜": one activity per dated event
        if len(ln.raw) >= PAGE_LINE and len(spans) == 1:
            spans = _u.page_line_parts(ln.text, offset, spans[0])
        for a, b in spans:
            self.emit(ln, offset + a, offset + b, months, week)

    # -- line kinds -------------------------------------------------------------------------------
    def header(self, k: int) -> bool:
        """A table header row (月份 | 工作内容 | 负责人), as one row or one cell per line."""
        inf, ln = self.infos[k], self.lines[k]
        cells = list(inf.cells) if inf.cells else ln.text.replace("|", " ").split()
        if is_header_row(cells):
            self.columns = _u.Columns(_u.settle([header_role(c) for c in cells]))
            return True
        fused = re.fullmatch(r"(月份|时间)\s*\|?\s*(活动|工作)?(要点|内容|安排|项目)", ln.text.strip(" |"))
        if fused:  # "月份活动要点": a two-column header fused into one cell (header cells may follow it)
            self.columns = _u.Columns(["time", "content"])
            self.header_end = k + 1 + len(_u.header_run([ln.text for ln in self.lines], k + 1))
            return True
        roles = _u.header_run([ln.text for ln in self.lines[k : k + 12]], 0)
        if len(roles) >= 2:
            j = k + len(roles)
            # "周次" over "起止日期" (no column of what is done), or rows that do not keep it: no header
            below = [ln.text for ln in self.lines[j : j + 2 * len(roles)]]
            if not {"time", "content"} <= set(roles) or not _u.rows_follow(below, roles):
                return False
            self.columns = _u.Columns(roles, flat=True, position=-(j - k - 1))
            return True
        return False

    def glued_month(self, ln: Line) -> tuple[int, int] | None:
        """ "11、慰问" under a 月份 column: month 1, item 1 — the table's month cell fused with the number."""
        if self.month_nodes or self.columns is None:
            return None
        late = _LATE_GLUED.match(ln.text)
        if late is not None:  # "101、" "121、": months 10–12 glued to item 1 (three digits, no item number)
            return int(late.group("m")), late.end()
        style, number, rest = strip_numbering(ln.text)
        if style != "arabic" or number is None:
            return None
        if self.last_number is not None and number == self.last_number + 1:
            return None
        digits = str(number)
        if len(digits) >= 2 and digits.endswith("1") and 1 <= int(digits[:-1]) <= 12:
            return int(digits[:-1]), len(ln.text) - len(rest)
        return None

    def row(self, ln: Line, cells: tuple[str, ...]) -> bool:
        """A table row: its time cell gives the months, its content cell(s) the activities; person and
        time columns are left out. Without a header, the month is the first cell."""
        roles = self.columns.roles if self.columns else ["time", "content"]
        if self.columns is not None and len(cells) != len(roles):
            # merged cells (a date over several rows, an empty person cell) shift the columns: each cell
            # then says what it is
            roles = [_u.cell_role(c) for c in cells]
        time_col = roles.index("time") if "time" in roles else 0
        dated = [
            _u.cell_months(c) for i, c in enumerate(cells) if roles[i : i + 1] == ["time"] or i == time_col
        ]
        when = next((m for m in dated if m), None)
        if when is None and not self.months:
            return False
        if when is not None:
            self.months = when
        pos = 0
        for i, cell in enumerate(cells):
            at = ln.text.find(cell, pos)
            pos = at + len(cell)
            role = roles[i] if i < len(roles) else None
            if (i == time_col and when is not None) or role in ("time", "person"):
                continue
            if role == "content" or (
                role is None and self.columns is None and i == (time_col + 1 if when else 0)
            ):
                self.cell(ln, at, at + len(cell))
        return True

    def cell(self, ln: Line, start: int, end: int) -> None:
        spans = _u.cell_items(ln.cut(start, end, strip=False).text)
        for a, b in spans:
            self.emit(ln, start + a, start + b, self.months)

    def flat_cell(self, ln: Line) -> bool:
        """One cell of a table flattened to one cell per line."""
        cols = self.columns
        if cols is None or not cols.flat:
            return False
        cols.position += 1
        if cols.position <= 0:
            return True  # still in the header
        col = (cols.position - 1) % len(cols.roles)
        role = cols.roles[col]
        text = ln.text.rstrip(" |")
        if role == "time":
            # a month, or a date ("8月30日"); a weekday none
            self.months = _u.cell_months(text) or self.months
            return True
        if role == "content" and self.months:
            self.cell(ln, 0, len(text))
        return True

    # -- the walk ---------------------------------------------------------------------------------
    def walk(self) -> list[Activity]:
        for k, (ln, inf) in enumerate(zip(self.lines, self.infos, strict=True)):
            if k < self.header_end or (self.columns is None and k < 4 and self.header(k)):
                continue
            if self.flat_cell(ln):
                continue
            if inf.cells and len(inf.cells) >= 2 and (self.header(k) or self.row(ln, inf.cells)):
                continue
            if self.named:
                if k in self.named:  # the rest of the section describes the named activities
                    self.items(ln, 0, self.named[k])
                continue
            if k in self.heads or k in self.skip:
                continue  # a category over items that say their months ("（一）民主管理" / "3月份召开…")
            m = inf.month
            if m is not None and (m.strict or self.months or self._opens_a_run(k)):
                self.month_line(k, ln, m)
                continue
            if _u.rules_heading(ln.text) or _u.bare_number(ln.text):
                # an event's rules below the months describe it (地点、时间、报名办法); a bare number is a
                # list number cut from its item: neither is an activity or the rest of the one above
                self.rules = self.rules or not _u.bare_number(ln.text)
                self.open_item = False
                continue
            glued = self.glued_month(ln)
            if glued is not None:
                self.months = (glued[0],)
                self.last_number = 1
                self.items(ln, glued[1], self.months)
                continue
            if k in self.inline and self.out and self.out[-1].line == ln.number:
                self.run_on(self.lines[k - 1].shown, ln)
                continue
            self.item_line(ln, inf)
        return self.out

    def run_on(self, before: str, ln: Line) -> None:
        """A list run into the activity's sentence ("其工作任务为：①…；②…"): the activity goes on with it."""
        last, sep = self.out[-1], before.rstrip()[-1:]
        last.text += (sep if sep in "：:；;，,、" else "") + ln.shown.strip().rstrip("。；;，,")
        last.end_col = None

    def _opens_a_run(self, k: int) -> bool:
        """A month written straight into its first item ("二月份帮困送温暖工作") opens the schedule when the
        next month line goes on in calendar order (三月份…), as months do in a schedule and not in items."""
        m = self.infos[k].month
        nxt = next((inf.month for inf in self.infos[k + 1 :] if inf.month is not None), None)
        return m is not None and nxt is not None and (nxt.months[0] - m.months[-1]) % 12 in (1, 2, 3)

    def month_line(self, k: int, ln: Line, m) -> None:
        self.months, self.week = m.months, m.week
        self.rules = False
        self.last_number = None
        self.open_item = self.detail = False
        # "2、20xx年3月：毽球赛" is a numbered item that says its month; "1、九月份：" a month's heading
        self.in_item = bool(m.rest) and strip_numbering(ln.text)[0] is not None
        if not m.rest:
            return
        nxt = self.infos[k + 1] if k + 1 < len(self.infos) else None
        next_is_month = nxt is None or nxt.month is not None
        numbered = strip_numbering(m.rest)[0] is not None
        # "四月份组织春游活动" / "2、开展…": the next item is the second, so the month's text was the first
        second_next = nxt is not None and nxt.heading is not None and nxt.heading.number == 2
        colon = re.match(r"^.*?月\s*份?\s*[：:]", ln.text) is not None or ln.text.startswith(("寒假", "暑"))
        # "4月第二周 春游": a week of the month, then its item
        week = m.week if m.week is not None else (w[0] if (w := parse_week(m.rest)) else None)
        # "2月 新学期新面貌" over numbered items names the month's theme; "四月：组织…" is an item.
        theme = (
            (
                week is None
                and not numbered
                and not second_next
                and not colon
                and not next_is_month
                and len(m.rest) <= 12
                and not re.search(r"[。；;，,！!？?]", m.rest)
            )
            or _THEME.match(m.rest) is not None
            or _THEMED_MONTH.match(m.rest.strip()) is not None
        )
        if not theme:
            self.items(ln, m.offset, self.months, week=week, led=True)

    def record(self, ln: Line) -> bool:
        """An activity written as a record ("活动名称：新年联欢会" / "时间：1月上旬" / what is done): the name
        is the activity, on its own line; the time field gives its months; the rest describes it."""
        name = _NAME_FIELD.match(ln.text)
        if name is not None:
            self.pending = (ln, name.start("v"), len(ln.text))
            return True
        if _TIME_FIELD.match(ln.text) and self.pending is not None:
            months = time_field_months(ln.text) or self.months
            if months:
                self.emit(*self.pending, months)
            self.pending = None
            return True
        return self.pending is not None or self.records  # in a schedule of records, the rest describes

    def item_line(self, ln: Line, inf: LineInfo) -> None:
        if self.rules:
            number = strip_numbering(ln.text)[1]
            if self.last_number is None or number != self.last_number + 1:
                return
            self.rules = False  # the month's own items go on ("评比办法：" was under the item before)
        if _NAME_FIELD.match(ln.text) or self.records:
            self.records = True
            if self.record(ln):
                return
        text = ln.text
        style, number, _ = strip_numbering(text)
        lead = month_lead(text)
        if lead is not None and inf.month is None:
            # "1、一月份举办元旦活动", "9月份,大一新生入校…": the item says its month; what follows is the item
            self.months, self.last_number, self.open_item = lead[0], number, False
            self.in_item, self.detail, self.led = style is not None, False, True
            self.items(ln, lead[1], lead[0], led=True)
            return
        festival = festival_month(text) if self.led and style is not None else None
        if festival is not None and self.months and self.months[-1] < festival:
            # in a list whose items say their months, an undated item for a later festival ("“三八”妇女节
            # 活动…" after "二月份…") is in the festival's month, not the month before it
            self.months = (festival,)
        wk = parse_week(text)
        if wk is not None and not text[wk[1] :].strip(" ：:"):
            self.week, self.open_item = wk[0], False  # "第4周" alone: the next week's heading, no dates
            return
        week = wk[0] if wk is not None else self.week  # "第3周 …": the week, in the month in force if any
        # an item that opens with its date is in that date's month(s), whatever month heading is above it;
        # in a month-led list, "3、全年做好…" is in no one month
        body = strip_numbering(text)[2] if style is not None else text
        unmonthed = self.led and style is not None and _u.period_lead(body)
        months = () if unmonthed else (_u.own_date_months(body) or self.months)
        if not months and week is None and not unmonthed:
            return  # the schedule's own heading, an introduction, a table header
        under = style is None and self.in_item and self.numbered >= 2 and self.out and wk is None
        fragment = len(text) <= 20 and not text.rstrip().endswith(_TERMINAL)
        sentence = _u.CLAUSE.search(text.rstrip("。；;")) is not None  # a sentence of more than one clause
        wraps = (
            style is None
            and wk is None
            and self.open_item
            and self.numbered >= 2
            and self.out
            and _u.continues(text)
        ) and (self.mid_clause or not sentence)
        if under and not wraps and (self.led or _u.detail(text) or (self.detail and fragment)):
            # under a numbered item, what it involves (地点：…, a note in brackets, a roster, the fragments after
            # such a label; any unnumbered line in a month-led list) is no activity of its own
            self.detail, self.open_item = True, False
            return
        if wraps:
            self.extend(ln)
            return
        self.in_item, self.detail = style is not None, False
        if style == "arabic":
            self.last_number = number
        self.items(ln, 0, months, week=week)
        self.mid_clause = text.rstrip().endswith(_u.MID_CLAUSE)

    def extend(self, ln: Line) -> None:
        """An item wrapped onto the next line: its text goes on; its line stays the first."""
        last = self.out[-1]
        last.text += ln.shown.strip().rstrip("。；;，,")
        if last.end_col is not None:
            last.end_col = None
        self.open_item = not ln.text.endswith(_TERMINAL)
        self.mid_clause = ln.text.rstrip().endswith(_u.MID_CLAUSE)


def activities(
    lines: list[Line], infos: list[LineInfo], ranges: list[tuple[int, int, tuple[int, ...]]]
) -> list[Activity]:
    """The activities of the schedule sections ``ranges`` (body-line index ranges, each with the month a
    one-month plan is for, in force in a section without month headings)."""
    out: list[Activity] = []
    for lo, hi, months in ranges:
        walker = _Walker(lines[lo:hi], infos[lo:hi], months)
        events = cell_events(lines[lo:hi])  # a 校历 grid, a table whose rows lost its columns
        for ev in events or ():
            walker.emit(lines[lo + ev.index], ev.start, ev.end, ev.months, words=ev.words)
        out += walker.out if events is not None else walker.walk()
    return out
