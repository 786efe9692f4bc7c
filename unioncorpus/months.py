"""Months, dates and weeks: how a plan says when something happens.

Month headings come in many forms (九月份, 9月, 七、八月份, 3-4月份, 三至四月, 1———2月, 【三月】, ◆九月份, 18年一月份,
寒假, 暑期); an item can carry its own date (3月5日, 3.12, 三月上旬) or a week (第1周). A range gives every
month in it; a two-digit year before a month dates the schedule (see ``attributes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numbering import cn_int, strip_numbering

__all__ = [
    "REVIEW_WORDS",
    "SENTENCE",
    "MonthHeading",
    "date_prefix",
    "festival_month",
    "is_month_listing",
    "month_lead",
    "months_of",
    "parse_date",
    "parse_month",
    "parse_week",
]

# 元月 is January ("元月份", "20xx年元月"); 正月 and 腊月 are lunar months and are not read
MNUM = r"(?:十[一二]|1[0-2]|0?[1-9]|[一二三四五六七八九十]|元(?=\s*月))"
_RANGE = r"[\-—–~～至到]+"
_MONTH = re.compile(
    rf"^(?:(?P<year>(?:19|20)?\d{{2}}|1[01]\d|20[xX×＿_]{{2}}|[xX]{{2}}|二[〇○零0一二三四五六七八九]{{3}})\s*年\s*(?:度\s*)?)?"
    rf"(?P<list>{MNUM}(?:\s*(?:{_RANGE}|[、,，和与及/])?\s*{MNUM}){{0,3}})\s*月(?:\s*份)?"
    r"(?:[上中下]旬|初|底|末|中)?"
)
_VACATION = re.compile(r"^(?P<v>寒假|暑假|暑期|春节期间|春节前后|假期)(?:期间|里)?\s*(?=$|[：:])")
_VACATION_MONTHS = {
    "寒假": (1, 2),
    "春节期间": (1, 2),
    "春节前后": (1, 2),
    "暑假": (7, 8),
    "暑期": (7, 8),
    "假期": (7, 8),
}
# a quarter of the year ("第一季度", "二季度", "2024年第3季度"): its three months
_QUARTER = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*(?:度\s*)?)?(?:第\s*)?(?P<q>[一二三四1-4])\s*季\s*度(?:\s*[（(]\s*\d{1,2}\s*[-—–~～至到]+\s*\d{1,2}\s*月(?:\s*份)?\s*[)）])?"
)
_DECOR = re.compile(r"^[【\[〔◆◇★☆●○■□▲△•·\s]+(?=\S)")
_MONTH_TO = re.compile(rf"^\s*{_RANGE}\s*(?P<to>{MNUM})\s*月(?:\s*份)?")
_MONTH_AND = re.compile(rf"^\s*[、,，和及与/]\s*(?P<to>{MNUM})\s*月(?:\s*份)?")
_MONTH_TOKEN = re.compile(r"十[一二]|1[0-2]|0?[1-9]|[一二三四五六七八九十元]")
SENTENCE = re.compile(r"[。；;，,！!？?]")
# what a sentence says was done ("被评为", "获一等奖", "顺利召开了"): a review's dated achievements
_DONE = re.compile(r"了|被评|荣获|获得?|顺利|圆满|取得|成功")
# what a month is reviewed in ("3月份工作总结"), not planned for
REVIEW_WORDS = "总结|小结|回顾|汇报|完成情况"
_REVIEW = re.compile(rf"^\s*(?:的)?(?:工作)?(?:{REVIEW_WORDS})")


@dataclass(frozen=True)
class MonthHeading:
    """A month heading: its months, the text after it on the same line, and how sure we are.

    ``strict`` headings (a month alone, a month followed by a colon/space and text, or a month with a short
    theme) open months anywhere; a loose one ("三月份召开家长会。") only inside a schedule. ``offset`` is
    where ``rest`` starts in the line.
    """

    months: tuple[int, ...]
    rest: str
    separated: bool
    strict: bool
    offset: int = 0
    year: str | None = None
    week: int | None = None  # a school week dated by its days ("第3周 02-22 ~ 02-28")


def months_of(listing: str) -> tuple[int, ...]:
    """The months a listing names: "七、八" → (7, 8); "3-4" / "三至四" → (3, 4); "十一至一" → (11, 12, 1)."""
    tokens = _MONTH_TOKEN.findall(listing)
    values = [
        v
        for v in (1 if t == "元" else cn_int(t.lstrip("0") or t) for t in tokens)
        if v is not None and 1 <= v <= 12
    ]
    if len(values) == 2 and re.search(_RANGE, listing):
        a, b = values
        span = list(range(a, b + 1)) if a <= b else [*range(a, 13), *range(1, b + 1)]
        return tuple(span)
    out: list[int] = []
    for v in values:
        if v not in out:
            out.append(v)
    return tuple(out)


_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_MONTH = re.compile(
    r"^\s{0,4}(?:(?:19|20)\d{2}\s{1,3})?(?P<m>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?(?:\s{1,3}(?:19|20)\d{2})?"
    rf"(?:\s{{0,3}}[-–—]?\s{{0,3}}{MNUM}\s?月份?|\s{{0,3}}[-–—])?\s{{0,4}}$"
)


_TWO = re.compile(rf"^(?P<a>{MNUM})\s*[、,，和与及]\s*(?P<b>{MNUM})(?<!元)\s*月")


def is_month_listing(body: str) -> bool:
    """ "七、八月份", "十一、十二月": two months listed, in calendar order and in one script; "一、九月份",
    "二、4月份" are a heading's number and its month."""
    m = _TWO.match(body)
    if m is None:
        return False
    a, b = m["a"], m["b"]
    if a.isascii() != b.isascii():
        return False
    first, second = (months_of(a) or (0,))[0], (months_of(b) or (0,))[0]
    return second == first % 12 + 1


@lru_cache(maxsize=1 << 16)
def parse_month(text: str) -> MonthHeading | None:
    """Parse a month heading at the start of a line.

    >>> parse_month("七、八月份").months
    (7, 8)
    >>> parse_month("18年一月份").months
    (1,)
    >>> parse_month("三月:1、庆祝三八节2、开展读书活动").rest
    '1、庆祝三八节2、开展读书活动'
    >>> parse_month("五月份举办家长半日开放活动。").strict
    False
    >>> parse_month("第二季度：开展职工技能比武").months, parse_month("三季度，工会将做好疗休养")
    ((4, 5, 6), None)
    """
    english = _ENGLISH_MONTH.match(text)
    if english is not None:  # "2022 Oct", "June - 六月", "SEPTEMBER 2024": a bilingual calendar's month
        return MonthHeading((_EN_MONTHS.index(english["m"][:3].lower()) + 1,), "", True, True, len(text))
    decor = _DECOR.match(text)
    lead = decor.end() if decor else 0  # "【三月】", "◆九月份", "★ 十月"
    body = text[lead:]
    dated_week = _week_heading(text, lead)
    if dated_week is not None:
        return dated_week
    style, _, rest = strip_numbering(body)
    if style is not None and style != "cn":
        lead += len(body) - len(rest)
        body = rest  # "（一）九月份" / "1、九月份："
    elif style == "cn" and not is_month_listing(body):
        # "一、1———2月": a numbered heading naming months (but "七、八月份" is a listing); "五、四月…": the
        # number, then the month (read as the unnumbered "四月…" is)
        style = "cn" if _TWO.match(body) else "numbered"
        lead += len(body) - len(rest)
        body = rest
    m = _MONTH.match(body)
    year = None
    if m:
        listing = m.group("list")
        after = body[m.end() :]
        to = _MONTH_TO.match(after)
        if to:  # "十一月至一月"
            listing, after = f"{listing}至{to.group('to')}", after[to.end() :]
        while (more := _MONTH_AND.match(after)) is not None:  # "七月、八月"
            listing, after = f"{listing}、{more.group('to')}", after[more.end() :]
        months = months_of(listing)
        if not months or re.match(r"\s*\d{1,2}\s*[日号]", after):
            return None  # "9月1日": a date
        year = m.group("year")
    elif (v := _VACATION.match(body)) is not None:
        months = _VACATION_MONTHS[v.group("v")]
        after = body[v.end() :]
    elif (q := _QUARTER.match(body)) is not None:
        first = 3 * (cn_int(q["q"]) or 1) - 2
        months, after = (first, first + 1, first + 2), body[q.end() :]
        if after[:1] in ("，", ",", "。", "的", "末", "底"):
            return None  # "一季度，工会将…", "第一季度末": a sentence about the quarter, or its end
    else:
        return None
    if style not in (None, "cn", "numbered") and after.strip() and not re.match(r"\s*[：:]", after):
        return None  # "3、三月份召开家长会": an item that names a month, not a heading
    if style == "numbered" and after.strip() and not re.match(r"\s*[：:（(]|\s*$", after):
        return None  # "一、九月开学工作…": a heading about something else
    sep = re.match(r"^\s*[】\]〕]?\s*(?:[：:]|[（(][^）)]{0,12}[）)])?\s*", after)
    separated = bool(after) and (after[0] in " ：:\t】]〕" or after.startswith(("(", "（")))
    skip = sep.end() if sep else 0
    rest = after[skip:].rstrip()
    if m and _REVIEW.match(after):
        return None  # "3月份工作总结": a month's review, not its schedule
    if m and after and after[0] in "，,。的日号底":
        return None  # "9月，我校…", "3月的…", "9月1日": a sentence or a date, not a heading
    items = re.match(r"(?:\d{1,2}|[（(]\d{1,2}[）)])\s*[、.．)）](?!\d)", rest) is not None
    strict = not rest or separated or items or (len(rest) <= 16 and not SENTENCE.search(rest))
    offset = len(text) - len(after) + skip
    return MonthHeading(months, rest, separated, strict, offset, year)


# A school week and the days it spans: "第3周 02-22 ~ 02-28", "第1周（2.17-2.21）", "第一周 3月1日-3月7日"
_DAY = (
    r"(?:(?P<{m}>1[0-2]|0?[1-9])\s*[-./．月]\s*)?(?P<{d}>[0-3]?\d)\s*[日号]?(?:\s*[（(][^）)]{{1,3}}[）)])?"
)
_WEEK_SPAN = re.compile(
    r"^第\s*(?P<w>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[周週][次]?\s*[:：]?\s*[（(【\[]?\s*"
    + _DAY.format(m="m1", d="d1")
    + r"(?:\s*[\-—–~～至到]+\s*"
    + _DAY.format(m="m2", d="d2")
    + r")?\s*[）)】\]]?(?![\d.．])\s*[：:]?\s*"
)


def _week_heading(text: str, at: int) -> MonthHeading | None:
    """A school week with the days it spans ("第3周 02-22 ~ 02-28"): a heading over that week's items, in
    the month(s) its days fall in."""
    m = _WEEK_SPAN.match(text, at)
    if m is None or m.group("m1") is None:
        return None
    if m.end() < len(text) and not re.search(r"[\s：:）)】\]]$", m.group(0)):
        return None  # "第3周 3月3日前完成…": a sentence with a deadline, not a week's heading
    bracketed = re.search(r"[周週]次?\s*[:：]?\s*[（(【\[]", m.group(0)) is not None  # "第3周(03/04)"
    if m.group("d2") is None and not re.search(r"[日号]", m.group(0)) and not bracketed:
        return None  # "第4周 3.8妇女节活动": a single day needs its 日 or brackets ("3.8" names the festival)
    first = int(m.group("m1"))
    last = int(m.group("m2")) if m.group("m2") else first
    days = [int(m.group("d1")), int(m.group("d2") or m.group("d1"))]
    if not all(1 <= d <= 31 for d in days):
        return None
    week = cn_int(m.group("w"))
    return MonthHeading(
        months_of(f"{first}-{last}"), text[m.end() :].rstrip(), True, True, m.end(), None, week
    )


# days that name their festival when written as a number ("3.8妇女节", "5.1福利", "9.10教师节")
_FESTIVAL_DAYS = frozenset({(3, 8), (5, 1), (6, 1), (7, 1), (8, 1), (10, 1), (5, 4), (5, 12), (9, 10)})

_DATE = re.compile(
    rf"^(?:(?:19|20)?\d{{2}}\s*年\s*)?(?P<m>{MNUM})\s*月\s*(?:(?P<d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
    r"|(?:[上中下]旬|初|底|末|中))"
    r"|^(?P<m2>1[0-2]|0?[1-9])[.．/](?P<d2>[0-3]?\d)(?![\d.%])"
)


def _cn_item_month(rest: str) -> bool:
    """Under 一、, an item's month is written as one ("一、3月份完成…", "三、4、5月份…", "二、9月：…", "三、4月底…");
    "一、九月开学工作" is a section heading about September's work."""
    m = _MONTH.match(rest)
    return m is not None and (
        m.group(0).endswith(("份", "旬", "初", "底", "末"))
        or rest.startswith(("：", ":", "，", ","), m.end())
    )


@lru_cache(maxsize=1 << 16)
def month_lead(text: str) -> tuple[tuple[int, ...], int] | None:
    """``(months, start)`` when an item starts by saying its month, however it is written ("1、一月份举办元旦活动",
    "9月份,大一新生入校…", "3月份，组织体检", "五月中旬：运动会"): the months and where the item's text
    begins — after the month and its colon or comma, or at the month where it is a word of the item's
    sentence ("一月份举办元旦活动", written so). A date ("3月5日") is :func:`parse_date`'s; a sentence about a
    month ("3月的工作…") is not an item's month.

    >>> month_lead("1、一月份举办元旦活动"), month_lead("9月份,大一新生入校")
    (((1,), 2), ((9,), 4))
    """
    decor = _DECOR.match(text)
    at = decor.end() if decor else 0
    style, _, rest = strip_numbering(text[at:])
    if style == "cn" and is_month_listing(text[at:]):
        style = None  # "七、八月份举办…": the months listed, not a number and a month
    elif style == "cn" and not _cn_item_month(rest):
        return None  # "一、九月开学工作": a section heading (parse_month reads those that name months)
    if style is not None:
        at = len(text) - len(rest)
    m = _MONTH.match(text[at:])
    if m is None:
        return None  # a year is part of the date ("2、20xx年3月：…", "20xx年元月卡拉OK舞会")
    end = at + m.end()
    after = text[end:]
    if not after.strip() or re.match(r"\s*(\d{1,2}\s*[日号]|[的日号底])", after):
        return None
    months = months_of(m.group("list"))
    if m.group("year") and re.match(r"\s*[，,]", after) and _DONE.search(after.split("。")[0]):
        return None  # "2023年3月，我校工会被评为…": a dated sentence of what was done then, not an item
    sep = re.match(r"\s*[：:，,、]?\s*", after)
    # the month stays a word of the item's sentence, except after 一、 ("一、3月份举办…": the month, its item)
    start = end + sep.end() if (sep and sep.end()) or style == "cn" else at
    return (months, start) if months else None


def parse_date(text: str) -> tuple[int, int] | None:
    """``(month, end)`` when a line starts with a date ("3月5日", "3.12", "三月上旬"), else ``None``.

    >>> parse_date("3月5日 学雷锋志愿服务"), parse_date("3.12 植树活动"), parse_date("3.8妇女节")
    ((3, 4), (3, 4), None)
    >>> parse_date("5/1(五)劳动节休假")
    (5, 3)
    """
    m = _DATE.match(text)
    if not m:
        return None
    if m.group("m2"):
        day = int(m.group("d2"))
        month = int(m.group("m2"))
        # "3.8妇女节", "5.1福利": a festival's date names the festival, the item is not dated by it
        weekday = re.match(r"\s*[（(][一二三四五六日天][）)]", text[m.end() :]) is not None
        if not weekday and (month, day) in _FESTIVAL_DAYS:
            return None  # (a weekday after it, "5/1(五)", makes it a date)
        return (month, m.end()) if 1 <= day <= 31 else None
    month = cn_int(m.group("m").lstrip("0") or m.group("m"))
    return (month, m.end()) if month and 1 <= month <= 12 else None


# "第3周", "第1-2周", "第一、二周", "第三至四周", "第1周-第2周": a school week, or a run of them (the first is kept)
_WEEK = re.compile(
    r"^第\s*(?P<w>\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"(?:\s*[-—~～至到、]\s*第?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?=\s*[周週]))?"
    r"\s*(?:周|週)(?:\s*[-—~～至到]\s*第?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[周週])?"
)


def parse_week(text: str) -> tuple[int, int] | None:
    """``(week, end)`` when a line starts with a school week ("第3周", "第十周", "第1-2周": its first), else ``None``.

    >>> parse_week("第1-2周 开学工作"), parse_week("第一、二周:"), parse_week("第三至四周：")
    ((1, 5), (1, 5), (3, 5))
    """
    m = _WEEK.match(text)
    if not m:
        return None
    w = cn_int(m.group("w"))
    return (w, m.end()) if w else None


# Festivals on a fixed day of the (solar) year, and their month
_FESTIVALS = (
    (re.compile(r"元旦"), 1),
    (re.compile(r"三八|3[.．]8|妇女节|植树节"), 3),
    (re.compile(r"五一|5[.．]1(?!\d)|劳动节|五四|青年节"), 5),
    (re.compile(r"六一|儿童节"), 6),
    (re.compile(r"七一|建党"), 7),
    (re.compile(r"八一|建军节"), 8),
    (re.compile(r"教师节"), 9),
    (re.compile(r"国庆"), 10),
)


def festival_month(text: str) -> int | None:
    """The month of the fixed-day festival an item names first ("三八妇女节" → 3), if any."""
    found = [(m.start(), month) for rx, month in _FESTIVALS if (m := rx.search(text))]
    return min(found)[1] if found else None


# a record's time field ("时间：4月中旬", "活动日期：…")
TIME_FIELD = re.compile(r"^(?:活动)?(?:时间|日期)\s*[:：]\s*(?P<v>\S)")


def time_field_months(text: str) -> tuple[int, ...]:
    """The months a record's time field gives ("时间：4月中旬" → (4,)), else ()."""
    field = TIME_FIELD.match(text)
    if field is None:
        return ()
    value = re.sub(r"^(?:\d{4}|\d{2})\s*年\s*", "", text[field.start("v") :])
    head = parse_month(value)
    if head is not None:
        return head.months
    dated = parse_date(value)
    return (dated[0],) if dated else ()


_WEEKDAY = r"(?:\s?[（(](?:星期|周|週)?[一二三四五六日天][）)])?"
_DAY_DATE = (
    r"(?:(?:19|20)\d{2}\s?[年./-]\s?)?(?:\d{1,2}\s?月\s?\d{1,2}(?:\s?[日号]|(?=\s?[-—~～至到]))"
    r"|\d{1,2}\s?[/.]\s?\d{1,2}(?![\d%]))"
)
# the dates after the first: a range or a listing ("~10/15(三)", "、11/07(五)", "-29日、7月1-2日")
_MORE_DATES = rf"(?:\s?[~～\-—至到、,，]{{1,2}}\s?(?:{_DAY_DATE}|\d{{1,2}}\s?[日号]?){_WEEKDAY}){{0,3}}"
# "12日：放榜", "3-10日：期末试": a day of the month in force, set apart by a colon
_DAY_ONLY_PREFIX = re.compile(
    rf"\s?\d{{1,2}}\s?[日号]?{_WEEKDAY}{_MORE_DATES}" r"(?<=[日号)）])\s?[：:]\s?(?=\S)"
)
# "09/08(三) 游泳课", "10/13(一)~10/15(三) 收件", "11/06(四)、11/07(五) 期中评量", "1月10日：联欢会": the dates
# of an item set apart from its words by a space or a colon (a date run into them, "3月24日世界结核病防治日…",
# is part of the item's name)
_DATE_PREFIX = re.compile(rf"\s?{_DAY_DATE}{_WEEKDAY}{_MORE_DATES}" r"(?:\s?[：:]\s?|\s+)(?=\S)")


def date_prefix(text: str, start: int = 0) -> int:
    """Where an item's words begin after the dates set apart before them (``start`` when there are none).

    >>> t = "10/13(一)~10/15(三) 美术创作展收件"; t[date_prefix(t):]
    '美术创作展收件'
    >>> date_prefix("3月24日世界结核病防治日宣传"), date_prefix("3.8妇女节")
    (0, 0)
    """
    m = _DATE_PREFIX.match(text, start)
    if m is not None and ("月" in m.group(0) or parse_date(text[start:].lstrip()) is not None):
        return m.end()
    day = _DAY_ONLY_PREFIX.match(text, start)
    return day.end() if day is not None else start
