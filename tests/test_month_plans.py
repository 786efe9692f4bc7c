"""The month a one-month plan's title names (``month_plans.title_month``)."""

from __future__ import annotations

import pytest

from unioncorpus.month_plans import title_month


@pytest.mark.parametrize(
    ("title", "month"),
    [
        ("城东小学5月份工作计划", 5),
        ("2024年三月份工会工作安排", 3),
        ("实验幼儿园十二月份园务计划", 12),
        ("2023年10月工作要点", 10),
        ("九月份开学工作计划", 9),
        ("十月份月计划", 10),
        ("文化站3月份工作总结和4月份工作计划", 4),
        # not one month's plan: a year, a range, a list, a date, a week, a review, a scheme
        ("城东小学2024年工会工作计划", None),
        ("2023年1-6月工作计划", None),
        ("三、四月工作计划", None),
        ("3月和4月工作计划", None),
        ("2024年3月5日工作安排", None),
        ("第4周园务计划(3月6日——3月10日)", None),
        ("五月份工作总结", None),
        ("3月学雷锋活动方案", None),
        (None, None),
    ],
)
def test_title_month(title: str | None, month: int | None) -> None:
    assert title_month(title) == month
