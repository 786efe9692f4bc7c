"""The end of a page after a plan's body: the site's closing chrome (share buttons, 版权声明 and the
copyright text under it, 联系客服, its subscription account) is furniture, whatever words each line uses.

A page ends the way its site ends every page. Once a line that only a site writes at the end of a page (a
share prompt, a download or copyright heading, 上一篇/下一篇) stands after the body, the short lines that
follow it to the next plan or the page's end belong to that chrome too, even where no rule names them;
a line that reads as a plan's body (a numbered item, a long sentence) stops the run, so nothing of a plan
is set aside.
"""

from __future__ import annotations

import re

from .numbering import numbered_item

__all__ = ["FIGURE_DATE", "TRAILER_KINDS", "closing_date", "is_links_head", "related_links", "trailer"]

# Furniture a site writes at a page's end, after the text (never watermarks injected into it).
TRAILER_KINDS = frozenset({"page_widget", "document_site_chrome", "site_navigation"})
# A heading over the site's list of links: "相关文章", "【推荐阅读】…"
_LINK_HEADS = ("site_navigation", "list_trailer")
_RELATED = re.compile(r"(相关|推荐|热门|精选|延伸|更多)(文章|阅读|推荐|内容|范文|链接|资料)|猜你喜欢|你可能")
# A plan keeps this many body lines before the chrome (a short region is no page end).
_BODY_BEFORE = 3
# What a plan's own lines speak of (a site's "会员" are its members, not the union's)
_PLAN_WORDS = re.compile(r"工会|职工|教工|教师|员工|活动|工作|计划|学校|我校|我院|我们")
# Closing chrome is short: a button, a heading, a sentence of copyright.
_SHORT = 40


def _chrome_like(text: str) -> bool:
    """Short, not an item and not about the plan's matters: a label, a button, a sentence of copyright
    (a plan's lines after a share button pasted into it speak of its union, staff or work, or are its
    months, its signature and date)."""
    from .months import parse_date, parse_month
    from .titles import is_organisation_line

    text = text.strip()
    return (
        len(text) <= _SHORT
        and not numbered_item(text)
        and not _PLAN_WORDS.search(text)
        # a month of the schedule, a signature or its date: the plan goes on after a widget pasted into it
        and parse_month(text) is None
        and parse_date(text) is None
        and not is_organisation_line(text)
    )


def _signature_like(text: str) -> bool:
    """An organisation's name or a date: a signature at a plan's end, a site's address in its footer."""
    from .months import parse_date
    from .titles import is_organisation_line

    text = text.strip()
    return (
        is_organisation_line(text)
        or parse_date(text) is not None
        or re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月", text) is not None
    )


def trailer(texts: list[str], reasons: list[str | None], start: int, end: int) -> tuple[int, list[int]]:
    """The lines of ``texts[start:end]`` (one plan's region of the page) that are the site's closing chrome
    but named by no rule: those after the first end-of-page furniture line that has the body above it,
    when every line from there to ``end`` is furniture or chrome-like. Returns that first line and them
    (``(-1, [])`` when there are none)."""
    body = 0
    for i in range(start, end):
        if reasons[i] is None:
            body += 1
            continue
        if reasons[i] not in TRAILER_KINDS or body < _BODY_BEFORE:
            continue
        rest = [k for k in range(i + 1, end) if reasons[k] is None]
        chrome = [_chrome_like(texts[k]) for k in rest]
        # an organisation or a date with the site's lines after it is the site's footer (东湖区教育局 / 地址：…);
        # at the end, with nothing after it, it is the plan's signature and date
        last = max((n for n, c in enumerate(chrome) if c), default=-1)
        if all(c or (n < last and _signature_like(texts[rest[n]])) for n, c in enumerate(chrome)):
            return i, rest
    return -1, []


# A date in figures ("2021.8.23", "2021-08-23"): alone on its line, a site's byline over the text or a
# plan's own date under it
FIGURE_DATE = r"\d{4}\s?[-./．]\s?\d{1,2}\s?[-./．]\s?\d{1,2}"
_FIGURE_DATE_LINE = re.compile(rf"\s*{FIGURE_DATE}\s*")


def closing_date(texts: list[str], reasons: list[str | None], start: int, end: int) -> int | None:
    """The line of ``texts[start:end]`` (one plan's region of the page) that is the plan's own date in figures
    ("2021.8.23" under its last item or signature), though the byline rule named it: the last line of the
    region that is not furniture, with a line of the plan's body the nearest above it (blank lines aside)."""
    lines = [i for i in range(start, end) if texts[i].strip()]
    tail = [i for i in lines if reasons[i] is None or reasons[i] == "byline"]
    if (
        len(tail) <= _BODY_BEFORE
        or reasons[tail[-1]] != "byline"
        or not _FIGURE_DATE_LINE.fullmatch(texts[tail[-1]])
    ):
        return None
    date = tail[-1]
    above = max(i for i in lines if i < date)
    return date if reasons[above] is None and all(reasons[k] is not None for k in lines if k > date) else None


def is_links_head(text: str, reason: str | None) -> bool:
    """Whether a furniture line heads the site's list of related links ("相关文章", "推荐阅读")."""
    return reason in _LINK_HEADS and _RELATED.search(text) is not None


def related_links(texts: list[str], reasons: list[str | None]) -> list[int]:
    """After the page's first "相关文章" heading, the lines no rule named, when all of them are short and
    link-like (no sentence ends on them): the site's links, however their titles read."""
    heads = [i for i, r in enumerate(reasons) if is_links_head(texts[i], r)]
    if not heads:
        return []
    tail = [i for i in range(heads[0] + 1, len(texts)) if reasons[i] is None]
    if any(len(texts[i]) > 40 or texts[i].rstrip().endswith(("。", "；")) for i in tail):
        return []
    return tail
