"""A site's menu at the head of a page: runs of short link labels above the text ("新闻中心 / 学校新闻 /
通知公告", "• 预约挂号 / • 官方微信", "订单查询 / 首页 工作文档"), set aside as site navigation.

A menu label is a few characters with no punctuation and no digits; one label alone could be a heading or an
organisation's name, so only a run of them counts, and never a line that a plan opens with (a title naming
its kind, a section heading such as 指导思想).
"""

from __future__ import annotations

import re

__all__ = ["menu_lines"]

_BULLET = re.compile(r"^\s*[•·▪●◆■□○◇►▶>»*]+\s*")
_SEPARATORS = re.compile(r"\s*[|｜│]\s*|\s+")
_LABEL = re.compile(r"^[\u3400-\u9fffA-Za-z]{2,8}$")
# what a document's title or a plan's heading says; a line saying it is the text's, not a menu's
_TEXT_WORDS = re.compile(r"计划|总结|方案|要点|安排|规划|报告|通知|工会|指导思想|工作目标|主要工作|重点工作")
# a schedule table's header or rows ("月份 | 活动内容 | 负责人", "九月 庆祝教师节"): cells, not links
_TABLE_WORDS = re.compile(r"[月周]|日期|时间|内容|负责|项目|备注")
# an organisation's name ("东湖小学 教师工会"): the text's own header, never a link of a menu row
_ORGANISATION = re.compile(r"小学|中学|幼儿园|学院|大学|学校|公司|医院|[^首]局$")
_TITLE_END = re.compile(r"(计划|总结|方案|要点|安排|打算)$")
# the head ends at the first sentence: punctuation, or a line longer than any menu row
_SENTENCE = re.compile(r"[，,。；;：:！!？?、]")
_MAX_ROW = 40


def _labels(text: str) -> tuple[list[str], bool] | None:
    """The link labels a line is made of and whether it has a bullet, or None when it is not a menu row."""
    if "\t" in text:
        return None  # cells of a table
    bullet = _BULLET.match(text) is not None
    row = _BULLET.sub("", text).strip().strip("|｜│").strip()
    if not row or len(row) > _MAX_ROW:
        return None
    labels = [x for x in _SEPARATORS.split(row) if x]
    if not labels or not all(_LABEL.match(x) for x in labels) or any(_TABLE_WORDS.search(x) for x in labels):
        return None
    if len(labels) == 1 and len(row) >= 6 and _TEXT_WORDS.search(row):
        return None  # "工会工作计划", "学校工会工作总结": a title, not a link
    if len(labels) > 1 and (any(_ORGANISATION.search(x) for x in labels) or _TITLE_END.search(labels[-1])):
        return None  # "东湖小学 教工工会 春季学期 工作计划": a title spaced out, not a row of links
    if len(labels) == 1 and _TEXT_WORDS.fullmatch(row):
        return None  # a bare section heading
    return labels, bullet


def menu_lines(texts: list[str | None]) -> list[int]:
    """Indices of the page-head lines that are a site's menu. ``texts`` are the page's lines from the top
    (None for a line already set aside, which neither starts nor breaks a run); the head ends at the first
    line that is a sentence."""
    found: list[int] = []
    run: list[int] = []
    widths: list[int] = []  # labels per row
    labels = bullets = 0

    def close() -> None:
        # several rows with three labels or more between them, bulleted rows, or one row of four links; not
        # rows of as many cells each (a table: "活动名称 参加对象 组织部门" over "拔河比赛 全体教职工 工会")
        table = len(run) >= 2 and len(set(widths)) == 1 and widths[0] >= 2
        if not table and (
            (len(run) >= 2 and (labels >= 3 or bullets >= 2)) or (len(run) == 1 and labels >= 4)
        ):
            found.extend(run)

    for i, text in enumerate(texts):
        if text is None:
            continue
        row = _labels(text)
        if row is None:
            close()
            run, widths, labels, bullets = [], [], 0, 0
            if _SENTENCE.search(text) or len(text) > _MAX_ROW:
                break
            continue
        run.append(i)
        widths.append(len(row[0]))
        labels += len(row[0])
        bullets += row[1]
    else:
        close()
    return found
