"""Named campaigns in the work text: "开展“学师德模范，争做三好教师”主题教育活动", "168爱生行动"."""

from __future__ import annotations

import re

from .model import Campaign, Line

__all__ = ["extract_campaigns"]

# The first branch starts at a run of spaces' first character only: from each of them it is quadratic.
_CAMPAIGN = re.compile(
    r"(?!(?<=\s)\s)(?:开展|组织|举办|实施|推进|深化|创新|启动|参加|继续|坚持)?了?\s*"
    r"(?P<c>[“\"‘「][^”\"’」]{2,30}[”\"’」](?P<mid>[\u4e00-\u9fff]{0,6})(?:活动|行动|工程|竞赛|比赛|评选|评比|教育|宣讲|月|周|年))"
    r"|(?P<d>(?<![\w])\d{2,4}[\u4e00-\u9fff]{2,6}(?:行动|工程))"
)


def extract_campaigns(lines: list[Line]) -> list[Campaign]:
    """Named campaigns in ``lines`` (the work sections' lines), each once per raw line, with its columns.

    >>> [c.text for c in extract_campaigns([Line(1, "深入开展“学师德模范”主题教育活动。")])]
    ['“学师德模范”主题教育活动']
    """
    out: list[Campaign] = []
    seen: set[tuple[int, str]] = set()
    for ln in lines:
        t = ln.text
        # every campaign is quoted or a numbered 行动/工程: a line with neither is not scanned (the pattern
        # opens with optional verbs and is tried at every position)
        if not ("“" in t or '"' in t or "‘" in t or "「" in t or "行动" in t or "工程" in t):
            continue
        for m in _CAMPAIGN.finditer(t):
            mid = m.group("mid") or ""
            if "等" in mid or mid == "的" or mid.startswith(("作为", "的教育")):
                continue  # "“重阳节”等活动" lists examples; "“立德树人”作为…" is a slogan, not a campaign
            group = "c" if m.group("c") else "d"
            start, end = m.span(group)
            text = ln.shown[start:end].strip()
            line, col = ln.locate(start)
            if (line, text) in seen:
                continue
            seen.add((line, text))
            end_col = ln.locate(end)[1]
            out.append(
                Campaign(
                    line,
                    text,
                    None if start == 0 and ln.at_line_start else col,
                    None if end == len(ln.text) and ln.at_line_end else end_col,
                )
            )
    return out
