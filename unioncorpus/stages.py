"""Stages of a timetable dated by their period: "第一阶段：活动动员（2017年3月份）", "第二阶段：宣传发动
（3月1日—3月15日）". Plans and activity schemes lay out their 实施步骤 so; a stage is a heading over its work
in the months of its period, like a month heading. A stage due by a date ("（6月30日前）") is in that
date's month: the work due then is done in it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .months import MNUM, MonthHeading, months_of, parse_month

__all__ = ["stage_heading"]

_LABEL = r"^第\s?(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s?[阶階]段\s?[:：]?\s?"
_STAGE = re.compile(
    _LABEL + r"(?P<name>[^（()）:：，,。；;]{0,20}?)\s?[（(](?P<when>[^（()）]{2,30})[）)]\s?[:：。]?\s?"
)
# ... or by its months straight after it ("第一阶段:20xx年元月份", "第三阶段：3-4月份")
_BARE_STAGE = re.compile(_LABEL)
_MONTH_IN = re.compile(rf"(?P<m>{MNUM})\s?月")


@lru_cache(maxsize=1 << 14)
def stage_heading(text: str) -> MonthHeading | None:
    """The months of a stage heading dated by its period (every month from its first to its last), as a
    month heading whose ``rest`` is the stage's work written on its line.

    >>> stage_heading("第一阶段：活动动员（2017年3月份）").months
    (3,)
    >>> stage_heading("第二阶段:宣传发动(3月20日—4月10日)各科室组织学习").rest
    '各科室组织学习'
    >>> stage_heading("第三阶段：总结表彰（6月30日前）").months
    (6,)
    >>> stage_heading("第三阶段:20xx年3-4月份").months
    (3, 4)
    """
    m = _STAGE.match(text)
    if m is None:
        bare = _BARE_STAGE.match(text)
        month = parse_month(text[bare.end() :]) if bare is not None else None
        if month is None:
            return None
        return MonthHeading(month.months, month.rest, True, True, bare.end() + month.offset)
    found = [f for x in _MONTH_IN.finditer(m["when"]) if (f := months_of(x["m"]))]
    if not found:
        return None
    return MonthHeading(
        months_of(f"{found[0][0]}-{found[-1][-1]}"), text[m.end() :].rstrip(), True, True, m.end()
    )
