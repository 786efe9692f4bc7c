"""Document type and genre by weight of evidence: what kind of text a document is, and whose.

doc_type describes the text whoever wrote it (plan, summary, summary_and_plan, key_points, other: a report
or speech, news, an activity scheme, a notice, rules, an explainer); genre says whether it is a union's
(union_plan, union_summary, union_other) or another body's (school_plan, other_plan, not_a_plan). Cues are
in ``data/attributes.toml`` [doc_type] and [genre]; each judgement keeps the cues it rests on.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from ._lexicon import depends_on_lexicons, load_toml
from .model import Document, Evidence, Line
from .months import parse_date, parse_week
from .numbering import heading_kind, numbered_item, parse_heading, strip_numbering
from .titles import article_name, ordinal_title

__all__ = ["doc_type", "doc_type_evidence", "genre", "page_headline"]


# What a pattern sees around a line may differ once the lines are joined: a lookaround looks past the line's
# ends, \A and \Z mean the text's ends. Other patterns match a line alone only if they match the joined text.
_LOOKS_PAST_LINE = re.compile(r"\(\?<?[=!]|\\[AZ]")


@depends_on_lexicons
@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """Each pattern, and the same pattern over a document's lines joined by newlines (``^`` and ``$`` at
    every line) when a miss there proves a miss in every line, else None."""
    return tuple(
        (re.compile(p), None if _LOOKS_PAST_LINE.search(p) else re.compile(p, re.MULTILINE)) for p in patterns
    )


def _count(
    patterns: Iterable[str], lines: list[Line], value: str, *, cap: int = 2, per_line: int | None = None
) -> list[Evidence]:
    """One Evidence per hit of each pattern in the lines: at most ``cap`` per pattern, and ``per_line`` in one
    raw line (the logical lines cut from one paragraph count as that paragraph: the same text gives the same
    count whatever its layout)."""
    out: list[Evidence] = []
    if not lines:
        return out
    joined = "\n".join(ln.text for ln in lines)
    starts = list(itertools.accumulate((len(ln.text) + 1 for ln in lines[:-1]), initial=0))
    for rx, whole in _compiled(tuple(patterns)):
        # most patterns are absent from most documents, and from most lines of the others: searches of the
        # whole text find the lines to read (one search says a pattern is absent), where a search of each
        # line costs a call per line
        hits = 0
        in_line: Counter[int] = Counter()
        for k in range(len(lines)) if whole is None else _lines_matching(whole, joined, starts):
            ln = lines[k]
            for m in rx.finditer(ln.text):
                if per_line is not None and in_line[ln.number] >= per_line:
                    break
                in_line[ln.number] += 1
                if hits < cap:
                    out.append(Evidence(value, m.group(0), ln.number, 1.0))
                hits += 1
    return out


def _lines_matching(whole: re.Pattern[str], joined: str, starts: list[int]) -> Iterator[int]:
    """Indices of the lines (joined by newlines, starting at ``starts``) where ``whole`` may match, in order:
    every line where it matches, perhaps a few more (a match across lines). The leftmost match from a line's
    start lies in the first line after it that holds one, so the lines before that need no look."""
    pos = 0
    while (m := whole.search(joined, pos)) is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        yield k
        if k + 1 == len(starts):
            return
        pos = starts[k + 1]


def _dated_lines(body: list[Line]) -> int:
    """How many lines open with a date or a school week, after any list number ("9月1日上午 开学典礼",
    "1、3.12 植树", "第3周 …"): the items of a calendar or schedule."""
    n = 0
    for ln in body:
        rest = strip_numbering(ln.text.lstrip())[2].lstrip()
        n += parse_date(rest) is not None or parse_week(rest) is not None
    return n


# A title naming a work plan ("…工会2024年工作计划", "…工作要点"), not one event's (活动计划, 活动方案)
_PLAN_NAMED = re.compile(r"工作(?:计划|计画|要点|打算|规划|安排|思路)")
# ... unless the title names one event ("…趣味运动会活动工作安排", "…健身活动工作计划")
_EVENT = re.compile(r"活动|运动会|比赛|竞赛|联欢|晚会|节日|游园")


def _other_kind(doc: Document, body: list[Line]) -> tuple[str | None, list[Evidence]]:
    """The kind of non-plan text (speech or report, news, scheme, notice, rules, explainer) the document is,
    if its cues say so."""
    cfg = load_toml("attributes.toml")["doc_type"]["other"]
    own = doc.own_title
    title, title_line = own if own is not None else (page_headline(body), doc.title_line)
    label = doc.full_title if doc.title_is_label else None
    best: tuple[float, str | None, list[Evidence]] = (0.0, None, [])
    for kind, spec in cfg.items():
        if not isinstance(spec, dict):
            continue
        votes = _count(spec["body"], body, kind)
        if spec.get("dated_lead") and _dated_lines(body) < cfg["dated_list"]:
            votes += _count([spec["dated_lead"]], body, kind)
        if spec.get("byline"):
            # a page's byline inside the document (发布时间…, 来源…): it was published as an article
            votes += [
                Evidence(kind, f.text[:30], f.line, 1.0) for f in doc.furniture if f.reason == "byline"
            ][:1]
        named = bool(title and re.search(spec["title"], title))
        if (
            kind in ("scheme", "notice", "speech")
            and not named
            and title
            and _PLAN_NAMED.search(title)
            and not _EVENT.search(title)
        ):
            continue  # a work plan's own activities have their times and places too ("活动时间：6月中旬")
        if named:
            votes.append(Evidence(kind, title, title_line, cfg["title_weight"]))
        elif label and votes and re.search(spec["title"], label):
            # a site's entry label naming the kind ("…活动方案 篇2") is the site's word for a whole series:
            # it backs a cue of the text's own, never stands alone
            votes.append(Evidence(kind, label, doc.title_line, 1.0))
        weight = sum(e.weight for e in votes)
        distinct = len({e.cue for e in votes})
        # its own title naming the genre ("…工作报告", "关于…的通知", "…活动方案") is enough alone
        enough = distinct >= 2 or (named and spec.get("title_alone", False))
        opener = (
            bool(spec.get("opener")) and bool(body) and re.search(spec["opener"], body[0].text) is not None
        )
        strong = _count([spec["strong"]], body, kind) if spec.get("strong") else []
        for e in ([Evidence(kind, body[0].text[:30], body[0].number, 1.0)] if opener else []) + strong[:1]:
            votes.append(replace(e, weight=cfg["title_weight"]))
            weight += cfg["title_weight"]
        enough = enough or bool(strong)  # what no plan says ("特制定本制度") is enough alone
        enough = enough or (opener and spec.get("opener_alone", False))
        # cues such texts share with plans ("首先", "每月召开") count only under such a title, after such an
        # opening ("工会工作计划是指…"), or beside a cue no plan has ("特制定本制度", "第三条")
        if spec.get("title_required", False) and not (named or opener or strong):
            continue
        if weight >= cfg["min_weight"] and enough and weight > best[0]:
            best = (weight, kind, votes)
    return best[1], best[2]


# A template site's name for a text: a year and a kind of workplace before 工会, no one's name
# ("2020中学工会工作总结及计划", "学校工会工作总结和计划"); "城南中学工会…" names its school.
_GENRE_LABEL = re.compile(
    r"^\s{0,4}(?:(?:19|20)\d{2}|20[xX_＿]{2})?\s{0,2}(?:学年度?|年度?)?\s{0,2}"
    r"(?:中小学|小学|中学|初中|高中|学校|幼儿园|医院|卫生院|公司|企业|机关|单位|社区|街道|乡镇|学院|大学|高校)?"
    r"\s{0,2}(?:(?:19|20)\d{2}\s{0,2}年度?)?\s{0,2}工会"
)
_HEADLINE_PUNCT = re.compile(r"[。；;，,：:！!]")


def page_headline(body: list[Line]) -> str | None:
    """A text with no plan title may still open with its own headline ("【工会什么意思】", "女职工委员会职责"):
    a short first line that is no sentence, numbered item or section heading."""
    if len(body) < 2:
        return None
    text = body[0].text.strip().strip("【】[]")
    if not 2 <= len(text) <= 30 or _HEADLINE_PUNCT.search(text):
        return None
    heading = parse_heading(text)
    if heading is None or heading.style != "bare" or heading_kind(heading.label) is not None:
        return None
    return text


def doc_type(doc: Document) -> str:
    """plan | summary | summary_and_plan | key_points | other."""
    return doc_type_evidence(doc)[0]


# A review tells what was done line after line; a plan's one line of hoped-for results ("使教职工有了…，调动了…")
# reads like it: a line counts for at most two retrospective cues of each kind.
SUMMARY_PER_LINE = 2


def doc_type_evidence(doc: Document) -> tuple[str, list[Evidence]]:
    """The document type and the cues it rests on."""
    cfg = load_toml("attributes.toml")["doc_type"]
    body = doc.body_lines()
    texts = [ln.text for ln in body]
    other, evidence = _other_kind(doc, body)
    if other is not None:
        return "other", evidence  # each cue's value names the kind: speech, news, scheme, notice …
    title, title_line = doc.own_title or (None, None)
    if title:
        title = article_name(title)
        title_ev = [Evidence("title", title, title_line, 1.0)]
        has_summary = re.search(cfg["summary_title"], title) is not None
        has_plan = re.search(cfg["plan_title"], title) is not None
        if has_summary and has_plan:
            if (ordinal_title(title) is not None or _GENRE_LABEL.match(title)) and not _has_plan_part(texts):
                # a compilation's entry ("第一篇:…工作总结和工作计划") or a template site's genre label
                # ("2020中学工会工作总结及计划", no one's name) is the site's name for it: over a text that
                # only looks back, with no part for the next year, it is a summary
                summary = _count(cfg["summary_body"], body, "summary", cap=99, per_line=SUMMARY_PER_LINE)
                plan = _count(cfg["plan_body"], body, "plan", cap=99)
                if summary and len(summary) > len(plan):
                    return "summary", title_ev + summary[:5]
            return "summary_and_plan", title_ev
        if has_summary:
            return ("summary_and_plan" if _has_plan_part(texts) else "summary"), title_ev
        if re.search(cfg["key_points_title"], title):
            return "key_points", title_ev
    both = _count(cfg["summary_and_plan_body"], body, "summary_and_plan")
    if both:
        return "summary_and_plan", both[:1]
    summary = _count(cfg["summary_body"], body, "summary", cap=99, per_line=SUMMARY_PER_LINE)
    plan = _count(cfg["plan_body"], body, "plan", cap=99)
    size = sum(len(t) for t in texts)
    needed = max(1, min(3, size // 150))
    ratio = 2  # retrospective cues must outnumber planning ones twice over ...
    if doc.title_is_label and re.search(cfg["summary_title"], doc.full_title or ""):
        # ... unless a site's entry label says 总结: one retrospective cue more than planning ones confirms it
        needed, ratio = 1, 1
    # under a plan's own title, one retrospective word ("做好年度工会工作总结", an item of December) is
    # not a review; two or more are the review of the year before, in a summary_and_plan
    planned = bool(title) and re.search(f"{cfg['plan_title']}|{cfg['calendar_title']}", title) is not None
    if planned:
        needed = max(needed, 2)
    if len(summary) >= needed and len(summary) > ratio * len(plan):
        kind = "summary_and_plan" if planned or _has_plan_part(texts) else "summary"
        return kind, summary[:6]
    key_points = _count(cfg["key_points_body"], body, "key_points")
    # key points issued downward address the units below throughout; a large union's own plan (a university's,
    # a bureau's) names its 基层工会 in passing: past a short text, one address is not enough
    if len(key_points) >= (1 if size < cfg["key_points_short"] else 2):
        return "key_points", key_points
    return "plan", plan[:6]


_PLAN_PART = re.compile(
    r"(明年|下一?年度?|新的一年|20\d\d\s*年|20[xX_＿]+\s*年|今后|下一步|下一?阶段|下半年|下学期|新学期)(?:度)?"
    r".{0,12}(计划|打算|思路|设想|安排|要点|任务|重点)"
)


def _has_plan_part(body: list[str]) -> bool:
    """Whether a retrospective document also plans ahead: a heading for next year's plan in its later part,
    or a sentence announcing it ("并对2026年重点任务作出安排")."""
    half = len(body) // 3
    # a heading: numbered, or a short line that ends no sentence ("下半年，我们按照年初计划组织了秋游。" is none)
    heading = any(
        len(t) <= 40
        and _PLAN_PART.search(t)
        and (numbered_item(t) or not re.search(r"[。；;！!]\s*$|，|,", t))
        for t in body[half:]
    )
    announced = any(re.search(r"(对|就|提出|作出|部署).{0,4}" + _PLAN_PART.pattern, t) for t in body[:6])
    return heading or announced


def genre(doc: Document, *, kind: str | None = None) -> tuple[str, list[Evidence], dict[str, int]]:
    """Whose text and what kind: union_plan (plans, key points, summary-and-plan of a union),
    union_summary, union_other (a union's report, news, scheme or notice), school_plan (a school's
    plan that is not the union's), other_plan (another body's plan), not_a_plan; with the cues it rests on
    and how many union, school-work and business cues the text has."""
    cfg = load_toml("attributes.toml")["genre"]
    kind = kind or doc.doc_type
    lines = doc.body_lines()
    union = []
    if doc.title and "工会" in (doc.full_title or ""):
        # the title names the union: its own title counts twice, a site's entry label once
        weight = 1 if doc.title_is_label else 2
        union = [Evidence("union", doc.title, doc.title_line, 1.0)] * weight
    in_body = _count(cfg["union"], lines, "union", cap=cfg["cap"])
    union += in_body
    school = _count(cfg["school"], lines, "school", cap=cfg["cap"])
    business = _count(cfg["business"], lines, "business", cap=cfg["cap"])
    # a workplace union's plan talks about its workplace's business: that counts for less than school work
    others = len(school) + cfg["business_weight"] * len(business)
    # a union named only in a site's entry label is the site's filing, not the text's author
    is_union = (
        (bool(in_body) or not doc.title_is_label)
        and len(union) >= cfg["min_union"]
        and len(union) >= cfg["min_share"] * (len(union) + others)
    )
    counts = {"union": len(union), "school": len(school), "business": len(business)}
    if is_union:
        value = {"summary": "union_summary", "other": "union_other"}.get(kind, "union_plan")
        return value, union[:8], counts
    if kind == "other" or kind == "summary":
        return "not_a_plan", (union + school + business)[:8], counts
    value = "school_plan" if len(school) >= len(business) and school else "other_plan"
    return value, (school if value == "school_plan" else business)[:8] + union[:3], counts
