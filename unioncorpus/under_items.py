"""What the unnumbered lines under a schedule's numbered item are: the rest of the item wrapped onto the next
line, or a description of it (a field and its value, a note in brackets, the groups' rosters, its rules),
never an activity of its own; where items typed on one line without punctuation run together; and what the
cells of a table row hold when merged cells have shifted its columns; and a schedule table's header (what its
columns are, and whether a block opens with one). Used by :mod:`unioncorpus.schedule` and :mod:`unioncorpus.sections`."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .model import Line
from .months import MNUM, month_lead, months_of, parse_date, parse_month, parse_week
from .numbering import item_spans, strip_numbering

__all__ = [
    "CLAUSE",
    "MID_CLAUSE",
    "WEEKDAYS",
    "Columns",
    "bare_number",
    "cell_items",
    "cell_months",
    "cell_role",
    "continues",
    "detail",
    "header_role",
    "header_run",
    "heads_over_dates",
    "is_header_row",
    "month_clauses",
    "month_table",
    "named_items",
    "page_line_parts",
    "rows_follow",
    "rules_heading",
    "run_together",
    "settle",
    "table_header",
]

_HEADER_WORDS = {
    "time": re.compile(r"^(时间|月份|月|日期|周次|周|时段|时间安排|具体时间|起止(日期|时间)|星期)$"),
    "content": re.compile(
        r"^(活动)?[及和与]?(内容|项目|工作内容|活动内容|工作要点|活动要点|主要工作|重点工作|工作安排|活动安排|主要内容|工作项目|具体内容|活动名称|工作任务"
        r"|(学校|重要)?行事(纪要|内容)?|(主要|工作)?事项)$"
    ),
    "person": re.compile(
        r"^(负责人|负责部门|责任人|责任部门|部门|(责任)?[处科]室|参加人员|参加对象|参加范围|对象|范围|备注|地点|组织者|牵头部门|承办)$"
    ),
    # what is said of each date: the events when no column names them ("日期 | 说明"), else notes on them
    "note": re.compile(r"^(说明|事项说明|内容说明)$"),
}
# an English gloss after a header cell's Chinese ("日期Date", "說明 Event", "负责人 Person in charge")
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\s?[A-Za-z][A-Za-z .&/()-]{0,30}$")
# an item line that stops inside a clause goes on in the next line; a next line that is a sentence of its
# own ("比赛分组进行，每组前两名进入决赛。") after a complete item describes it
MID_CLAUSE = ("，", ",", "、", "的", "和", "与", "及")
CLAUSE = re.compile(r"[，,；;]")
# a line that describes the item above it: a note in brackets, or a short label and its value (赛制：…,
# 联系人：…), unless the label names a group that does the item (文体组：…, 女工委：…)
_DETAIL_LABEL = re.compile(r"^\s*(?:[（(]|(?P<label>[\u4e00-\u9fff]{1,7})\s*[：:])")
_GROUP = re.compile(r"(?<!分)组$|[部队委室处科]$|分会$|工会$")
# a group's roster ("第一组 组长 孙立 组员 王芳 李强", "初一组：组长：…"): who takes part, no activity
_ROSTER = re.compile(
    r"(?:^|[组队]\s{0,2}[：:]?\s{0,2}|\s)(?:组长|组员|成员|队长|队员|领队)\s{0,2}[：:]?\s{0,2}"
    r"[\u4e00-\u9fff]{2,3}(?:[\s、，,]{1,3}[\u4e00-\u9fff]{2,3}){0,30}\s{0,3}$"
)


# a heading over an event's rules ("★篮球赛规则：", "【报名须知】"): what follows describes the event
_RULES_HEAD = re.compile(
    r"^\s*(?:[★☆●○◆◇■□▲△]\s*)?[^，。；;：:,、]{0,16}(?:规程|规则|细则|办法|须知|注意事项)\s*[:：]\s*$"
    r"|^\s*【[^】]{0,16}(?:规程|规则|细则|办法|须知|注意事项)】\s*$"
)


# a weekday's name, as a calendar's day line or its header cells write it ("Fri", "星期三", "周日", "礼拜天")
WEEKDAYS = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|(?:星期|周|礼拜)\s?[一二三四五六日天])"
_DAY_LINE = re.compile(
    rf"^\s*\d{{1,2}}(?:\s?[-–~]\s?\d{{1,2}})?\s{{0,3}}(?:[日号]\s?)?(?:{WEEKDAYS}(?:\s?[-–~]\s?{WEEKDAYS})?)?\.?\s*$"
)


@dataclass
class Columns:
    """What each column of a schedule's table holds, from its header row (or from where the month sits)."""

    roles: list[str | None] = field(default_factory=list)
    flat: bool = False  # one cell per line
    position: int = 0  # flattened layout: which column the next line is

    def content_cols(self) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == "content"] or [1]


def bare_number(text: str) -> bool:
    """A list number cut from its item ("3"), or a calendar's day line ("21 Fri", "21-03 Wed-Tue"): no activity."""
    return _DAY_LINE.match(text) is not None


def rules_heading(text: str) -> bool:
    """A heading over an event's rules below a schedule's months: the lines under it describe the event."""
    return _RULES_HEAD.match(text) is not None


def detail(text: str) -> bool:
    """A note in brackets, a particular ("联系人：…", "具体分组：…") or a group's roster under an item, not a
    group's item."""
    if _ROSTER.search(text):
        return True
    m = _DETAIL_LABEL.match(text)
    return m is not None and not (m.group("label") and _GROUP.search(m.group("label")))


def continues(text: str) -> bool:
    """Whether an unnumbered line reads as the rest of the item above it (not an item of its own)."""
    labelled = (
        re.match(r"^[\u4e00-\u9fff]{1,8}[：:]", text) is not None
    )  # "文体组：组织…": an item of its own
    decorated = re.match(r"^\s*[★☆●○◆◇■□▲△【]", text) is not None  # "★比赛规则：": a heading of its own
    return (
        len(text) <= 30
        and not labelled
        and not decorated
        and parse_month(text) is None
        and parse_date(text) is None
    )


# Items of a schedule are verb phrases that end in what is done ("…开学工作", "…庆祝活动", "…例会"): with
# their line breaks deleted, one item's last word runs straight into the next item's first verb
# ("帮困送温暖工作配合行政做好开学工作").
_ITEM_END = "工作|活动|会议|例会|大会|比赛|竞赛|保险|仪式|讲座|培训|联欢会|座谈会|晚会|体检|慰问"
_ITEM_VERB = (
    "组织|开展|召开|举办|举行|配合|协助|办理|做好|参加|慰问|庆祝|评选|启动|制定|布置|检查|筹备|迎接|走访|"
    "推荐|发放|评比|欢送|收缴|表彰|订阅|落实|完成|总结"
)
_RUN_TOGETHER = re.compile(rf"(?:{_ITEM_END})(?=(?:{_ITEM_VERB}))")


def run_together(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut where one unpunctuated item's last word meets the next item's first verb."""
    if re.search(r"[，,。；;]", text[start:end]):
        return [(start, end)]  # a sentence: its own punctuation tells its parts
    cuts = [start + m.end() for m in _RUN_TOGETHER.finditer(text[start:end]) if m.end() >= 4]
    bounds = [start, *[c for c in cuts if end - c >= 4], end]
    return list(itertools.pairwise(bounds))


def page_line_parts(text: str, offset: int, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The items of one item span of a page pasted on one line (``span`` relative to ``offset``): its line
    breaks were lost after a clause end ("…生活；参加…"), or became spaces between unnumbered items."""
    a, b = span
    piece = text[offset + a : offset + b]
    unnumbered = strip_numbering(text[offset:])[0] is None
    rx = r"(?:[^；;\s]|[。](?!\s))+[；;。]?" if unnumbered else r"(?:[^；;。]|。(?!\s+\S))+[；;。]?"
    parts = [(a + m.start(), a + m.end()) for m in re.finditer(rx, piece) if m.group(0).strip()]
    if unnumbered:
        parts = [q for s, e in parts for q in run_together(text, offset + s, offset + e)]
        parts = [(s - offset, e - offset) for s, e in parts]
    if len(parts) > 1 and all(e - s >= 4 for s, e in parts):
        return [(s, e - (1 if text[offset + e - 1] in "；;。" else 0)) for s, e in parts]
    return [span]


# a table cell that names a time without a month ("开学前", "期末") or who does the work ("教育处、团委")
TIME_CELL = re.compile(r"^(开学前|开学初|学期初|期初|期中|期末|学期末|寒假|暑假|假期|全学期|每周|每月)$")
# … or an officer ("工会主席", "工会委员", "王老师")
_UNIT = (
    r"(?:[\u4e00-\u9fff]{0,8}(?:处|室|科|部|组|委|办|中心|工会)"
    r"|(?:工会|副|[\u4e00-\u9fff])?(?:主席|委员|组长|校长|书记|主任|干事)|[\u4e00-\u9fff]老师)"
)
_PERSON_CELL = re.compile(
    rf"^(?!.*(?:开展|组织|召开|举办|举行|成立|建立|参加|评选|检查|选举|慰问|表彰|培训|学习|推选|换届))"
    rf"{_UNIT}(?:\s*[、,，/]\s*{_UNIT})*$"
)


_DAY = re.compile(r"(\d{1,2})\s*月\s*\d{1,2}\s*[日号]")
# "2.24—3.2", "2/27~3/1", "2. 10—2.16" (a stray space after the dot): a span of days written with dots or slashes
_DOTTED_SPAN = re.compile(
    r"^\s*(?P<a>1[0-2]|0?[1-9])[./．]\s?[0-3]?\d\s{0,2}[—\-~～至到]{1,2}\s{0,2}(?P<b>1[0-2]|0?[1-9])[./．][0-3]?\d(?!\d)"
)


def cell_items(text: str) -> list[tuple[int, int]]:
    """Spans of the activities a table cell lists: numbered items, or (unnumbered) one per space ("春节送温暖工程
    春节联欢会 第八届职代会") — unless semicolons part them ("…活动; 学校财务检查; 三爱三立 孝行校园之学雷锋活动")."""
    spans = item_spans(text)
    if len(spans) == 1 and strip_numbering(text)[0] is None:
        rx = r"[^；;]+" if re.search(r"[；;]\s*\S", text) else r"[^\s；;]+"
        spans = []
        for m in re.finditer(rx, text):
            if not m[0].strip():
                continue
            span = (m.start() + len(m[0]) - len(m[0].lstrip()), m.start() + len(m[0].rstrip()))
            if spans and _goes_on(text[spans[-1][0] : spans[-1][1]], text[span[0] : span[1]]):
                spans[-1] = (spans[-1][0], span[1])
            else:
                spans.append(span)
    return spans


def _goes_on(before: str, piece: str) -> bool:
    """Whether a piece after a space goes on with the item before it: an English gloss of it ("寒假結束 Winter
    vacation ends") or the rest of an English phrase ("(ends on Feb. 15)"). A space inside brackets
    ("补行上班(2.8 除夕前一日放假)") still parts the pieces: on real pages it parts items as often as not."""
    return re.match(r"[A-Za-z]", piece) is not None or (
        piece[:1].isascii() and re.search(r"[A-Za-z.,;:)]$", before) is not None
    )


# A clause's own month, before its words: "5月份完成…", "4月底…", "3、4月份…", "6—7月：…"
_CLAUSE_MONTH = re.compile(
    rf"(?P<list>{MNUM}(?:\s?(?:[\-—–~～至到]+|[、和与及])\s?{MNUM}){{0,2}})\s?月\s?(?:份|[上中下]旬|底|初|末)?"
    r"(?![\d日号的])[，,：:]?\s?"
)


def month_clauses(
    text: str, led: tuple[int, ...] | None = None
) -> list[tuple[int, int, int, tuple[int, ...]]] | None:
    """An item that is a chain of clauses each opening with its own month ("3、4月份完成测试，5月份完成登记
    和分析", "4月底召开运动会，4月初编写秩序册，5月份总结"): ``(start, words, end, months)`` per clause, its
    words after its month; ``None`` unless the item opens with a month and another clause does too. ``led``:
    the months of a month already read before ``text`` (the rest of "4月底召开运动会，…")."""
    starts = [0] if led or _CLAUSE_MONTH.match(text) else []
    starts += [m.end() for m in re.finditer(r"[，,；;]\s?", text) if _CLAUSE_MONTH.match(text, m.end())]
    if len(starts) < 2 or starts[0] != 0:
        return None
    out = []
    for a, b in itertools.pairwise([*starts, len(text) + 1]):
        m = _CLAUSE_MONTH.match(text, a)
        end = len(text[: b - 1].rstrip("，,；;。 ")) if b <= len(text) else len(text.rstrip("，,；;。 "))
        # in a chain, every clause's month is its time, the first's too
        months, words = (months_of(m["list"]), m.end()) if m is not None else (led, a)
        if not months or words >= end:
            return None
        out.append((a, words, end, months))
    return out


def cell_months(cell: str) -> tuple[int, ...] | None:
    """The months a time cell names: a month ("三月", "3-4月") or a date ("2月25日", "3月1日-3月7日")."""
    m = parse_month(cell)
    if m is not None:
        return m.months
    span = _DOTTED_SPAN.match(cell)
    if span is not None:
        return (
            months_of(f"{int(span['a'])}至{int(span['b'])}") if span["a"] != span["b"] else (int(span["a"]),)
        )
    dated = parse_date(cell)
    if dated is None:
        return None
    # "11月25日~12月6日": a span of days over the turn of a month is in every month it touches
    ends = [int(m) for m in _DAY.findall(cell)[:2] if 1 <= int(m) <= 12]
    if len(ends) == 2 and ends[0] != ends[1]:
        return months_of(f"{ends[0]}至{ends[1]}")
    return (dated[0],)


_TAIL_SPAN = re.compile(r"[(（]\s?(\d{1,2}/\d{1,2}\s?[~～\-—至]\s?\d{1,2}/\d{1,2})\s?[)）][。；;]?\s*$")


def own_date_months(body: str) -> tuple[int, ...] | None:
    """The months of an item that opens with its date ("2月7日：正式开学", "1月29日-2月6日：寒假", "2/23(一)开学");
    a fraction ("1/3以上教职工") is no date."""
    if re.match(r"\s*\d{1,2}/\d{1,2}(?![\d\s（(\-~～、])", body):
        return None
    tail = _TAIL_SPAN.search(body)  # "…网路申请(08/01~09/30)": the span in brackets after the item
    if tail is not None and parse_date(body) is None:
        return cell_months(tail.group(1))
    return cell_months(body) if parse_date(body) is not None else None


# an item for a span longer than a month or for every month ("3、全年做好帮扶", "上半年完成登记", "每月一次读书")
_PERIOD_LEAD = re.compile(r"^\s?(?:上半年|下半年|全年|常年|长期|平时|日常|每月|每周|每学期|全学期|本学期)")


def period_lead(body: str) -> bool:
    """Whether an item opens with a period that is no month: in a month-led list, it is in no one month."""
    return _PERIOD_LEAD.match(body) is not None


def header_role(cell: str) -> str | None:
    """The role a table header cell names: ``time`` (月份), ``content`` (工作内容), ``person`` (负责人),
    ``note`` (说明: see :func:`settle`); an English gloss after the Chinese is left out ("日期Date")."""
    cell = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", cell.strip(" |:："))  # "日 期"
    cell = _GLOSS.sub("", cell)
    return next((role for role, rx in _HEADER_WORDS.items() if rx.match(cell)), None)


def settle(roles: list[str | None]) -> list[str | None]:
    """A header's roles with its ``note`` column settled: the events when no column is ``content``
    ("日期 | 说明"), else notes on them, read as a person column is (never activity text)."""
    return [("person" if "content" in roles else "content") if r == "note" else r for r in roles]


def header_run(texts: list[str], k: int) -> list[str]:
    """The roles of the header cells laid out one per line from ``texts[k]`` on ("周次" / "时间" / "内容")."""
    roles: list[str] = []
    while k + len(roles) < len(texts) and (role := header_role(texts[k + len(roles)])) is not None:
        roles.append(role)
    return settle(roles)


def is_header_row(cells: list[str] | tuple[str, ...]) -> bool:
    """A table's header row: (nearly) every cell names a column ("月份 | 工作内容 | 负责人")."""
    return len(cells) >= 2 and sum(header_role(c) is not None for c in cells) >= max(2, len(cells) - 1)


def named_items(texts: list[str], heads: set[int] | None = None) -> dict[int, tuple[int, ...]]:
    """Numbered short names, each over a sentence that opens with its month ("一、迎新活动" over "9月份，大一
    新生入校，…"): the names are the activities, in the months of the sentences under them, which describe
    them. Three or more in calendar order make the form, and no name has a second dated line under it (then
    the names are categories over dated items: "（一）民主管理" over "3月份…" and "6月份…"); the result maps a
    name's index to its months."""
    heads = heads_over_dates(texts) if heads is None else heads  # (the caller may have them already)
    out: dict[int, tuple[int, ...]] = {}
    numbered = [k for k, t in enumerate(texts) if strip_numbering(t)[0] is not None]
    for k, nxt in itertools.pairwise([*numbered, len(texts)]):
        if k in heads:
            if any(month_lead(t) for t in texts[k + 2 : nxt]):
                return {}
            out[k] = month_lead(texts[k + 1])[0]  # type: ignore[index]
    firsts = [m[0] for m in out.values()]
    return out if len(out) >= 3 and firsts == sorted(firsts) else {}


def heads_over_dates(texts: list[str]) -> set[int]:
    """Numbered short names right over an unnumbered line that opens with its month: the activity's name
    (:func:`named_items`) or a category over items that say their months ("（一）民主管理" / "3月份召开…")."""
    out = set()
    for k in range(len(texts) - 1):
        style, _, name = strip_numbering(texts[k])
        name = name.strip()
        if style is None or not 2 <= len(name) <= 16 or CLAUSE.search(name) or name[-1] in "。：:":
            continue
        if strip_numbering(texts[k + 1])[0] is None and month_lead(texts[k + 1]) is not None:
            out.add(k)
    return out


def cell_role(cell: str) -> str:
    """What a cell of a row whose columns shifted holds: ``time``, ``person`` or ``content``."""
    if cell_months(cell) or parse_week(cell) or TIME_CELL.match(cell):
        return "time"
    return "person" if _PERSON_CELL.match(cell) else "content"


_WEEK_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十廿]{1,3}|预备周)$")  # a 周次 cell: "3", "十二"


def rows_follow(texts: list[str], roles: list[str | None]) -> bool:
    """Whether ``texts``, the lines under a header laid out one cell per line, are that table's cells: in its
    first two rows the time cells hold months or dates and no person cell is a numbered item (a page of month
    headings and their items under a 月份 / 内容 / 备注 header is no such table)."""
    first_time = roles.index("time")
    for i, raw in enumerate(texts):
        text, col = raw.rstrip(" |"), i % len(roles)
        if col == first_time and not (cell_months(text) or parse_week(text) or _WEEK_NUMBER.match(text)):
            return False  # the row's date or month is not where the header puts it
        if roles[col] == "person" and strip_numbering(text)[0] is not None:
            return False  # an item where the person in charge should be
    return True


def table_header(ln: Line) -> bool:
    """A schedule table's header row, whole or one cell per line ("月份 | 工作内容 | 负责人", "时间 |")."""
    fused = re.fullmatch(r"(月份|时间)\s*(活动|工作)?(要点|内容|安排|项目)", ln.text.strip(" |"))
    if fused is not None:
        return True
    # cells between pipes or tabs may be spaced out inside ("周次 | 日 期 | 内 容"); without them, spaces part cells
    for rx in (r"[\t|]", r"[\t|]|\s{1,}"):
        cells = [c for c in re.split(rx, ln.text) if c.strip()]
        if len(cells) >= (2 if rx == r"[\t|]" else 1) and all(header_role(c) is not None for c in cells):
            return True
    return False


def month_table(lines: list[Line]) -> bool:
    """Whether a block opens with a table whose header has a month column ("月份 | 活动要点"), as one row or
    one cell per line ("日 期 |" / "星 期 |" / "学校行事纪要 |")."""
    from .grid import is_calendar_grid, is_day_grid

    head = next((ln for ln in lines[:3] if table_header(ln)), None)
    if head is not None:
        cells = [c for c in re.split(r"[\t|]|\s{2,}", head.text) if c.strip()]  # "周次 | 日 期 | 内 容"
        return (
            any(header_role(c) == "time" for c in cells) or re.match(r"\s*(月份|时间)", head.text) is not None
        )
    if is_calendar_grid(lines) or is_day_grid(lines):
        return True  # a 校历 / 行事历: weekday columns, or rows of days
    roles = settle(
        list(itertools.takewhile(lambda r: r is not None, (header_role(ln.text) for ln in lines[:8])))
    )
    return len(roles) >= 2 and roles[0] == "time" and "content" in roles
