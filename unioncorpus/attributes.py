"""Stage 3 — document attributes by weight of evidence: year, school level, document type, genre, and
congress references.

Every judgement adds up cues found in the document, each with a weight and its raw line, and keeps them
(``doc.evidence``, and ``evidence`` in the JSON contract) so a reader can see why. Judged from the body;
the title counts when it is the plan's own title, and for the school level only when it names the
organisation ("紫石中学…工作计划", not a template site's "中学工会工作计划"). The cues are package data
(``data/attributes.toml``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

import cn2an

from ._lexicon import load_toml
from .genres import doc_type, doc_type_evidence, genre, page_headline
from .levels import school_level, school_level_evidence
from .model import Document, Evidence, Line

__all__ = [
    "congress_refs",
    "doc_type",
    "document_attributes",
    "genre",
    "parse_year",
    "school_level",
    "year_of",
]

_CN_YEAR_DIGITS = "〇○零0一二三四五六七八九"
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# a year, a school year ("2020-2021学年"), or a Taiwan school year counted from 1912 ("113学年度" = 2024)
_YEAR = re.compile(
    rf"(?<![\d.\-/])(?:(?P<y>(?:19|20)\d{{2}}|[二][{_CN_YEAR_DIGITS}]{{3}})\s*"
    rf"(?:[-—~至到/]\s*(?P<y2>(?:19|20)?\d{{2}}|(?:二[〇○零])?[{_CN_YEAR_DIGITS}]{{2}})\s*)?(?P<unit>学年|年度|年)"
    r"|(?P<roc>9\d|1[0-4]\d)\s*学年)"
)
# the second term of a school year, which falls in its second calendar year
_SECOND_TERM = re.compile(r"\s{0,3}度?\s{0,3}(?:第\s{0,2}[二2]\s{0,2}学期|下学期|春季学期)")
_BARE_YEAR = re.compile(r"(?<![\d.\-/:])(?:19|20)\d{2}(?![\d.\-/:])")
# "20xx年", "20__年", "XX年", "____年": a year left blank. Bounded runs: no backtracking on long underscores.
_PLACEHOLDER_YEAR = re.compile(r"(?:20|二〇|二零)?\s?(?:[xX×*＿_]{1,4})\s?(?:学年|年度|年)")
# What follows a year that the plan is for, and what surrounds a year it looks back on.
_PROSPECTIVE = re.compile(
    r"^\s*(?:度)?(?:的|全年)?(?:(?!提出|取得|完成|开展|的)[\u4e00-\u9fff]){0,8}?(?:工作)?(?:计划|要点|打算|思路|安排|任务|目标|总体要求)"
    r"|^\s*(?:度)?是.{0,30}(?:之年|一年|关键)|^\s*(?:度)?[，,]\s*(?:我们|工会|我校|学校|我园|全校|我局).{0,8}将"
    # "2022年县支行工会将继续…": the subject, then what it will do
    r"|^\s*(?:度)?(?:[，,]\s*)?[\u4e00-\u9fff]{0,10}?将(?:继续|进一步|着力|重点|紧紧|围绕|坚持|全面|认真|努力|大力|切实|深入)"
)
# a sentence that tells what was done in the year it names ("2021年县支行工会紧紧围绕…作出了应有贡献。")
_DONE_IN_SENTENCE = re.compile(r"^[^。！；;]{0,120}?(?:作出|取得|完成|实现|开展|举办|召开|组织|获得|圆满)了")
_FUTURE_IN_SENTENCE = re.compile(r"^[^。！；;]{0,120}?(?:将|要|拟|计划|力争|争取)")
_WITH_MONTH = re.compile(r"^\s*(?:[01]?\d|[一二三四五六七八九十]{1,2})\s*月")
_RETRO_BEFORE = re.compile(r"(回顾|过去的?|去年|上一?年度?|一年来|总结)\s*$")
_RETRO_AFTER = re.compile(r"^\s*(?:度)?(?:的|全年)?(?:工作|工会工作)?(?:总结|回顾|以来|取得)")


def parse_year(text: str, *, bare: bool = False) -> int | None:
    """The first explicit year written in ``text`` (placeholders give ``None``).

    With ``bare``, a four-digit year without 年 counts too (titles such as "小学工会2023工作计划").

    >>> parse_year("二〇一三年工会工作计划"), parse_year("2017-2018学年"), parse_year("20xx年")
    (2013, 2017, None)
    >>> parse_year("2020-2021学年第二学期行事历"), parse_year("114学年度第1学期"), parse_year("2025-2026年第二学期")
    (2021, 2025, 2026)
    >>> parse_year("二零二五至二六年度校历"), parse_year("二〇二三至二〇二四学年第二学期"), parse_year("112学年度 第2学期")
    (2025, 2024, 2024)
    """
    m = _YEAR.search(text)
    if m:
        return _match_year(m, text)
    if bare:
        m = _BARE_YEAR.search(text)
        if m:
            return _year_value(m.group(0))
    return None


def _match_year(m: re.Match[str], text: str) -> int | None:
    """The year a match of ``_YEAR`` names: "2020-2021学年第二学期" is in 2021, "113学年度" is 2024."""
    if m.group(
        "roc"
    ):  # its second term is in the year after the one it starts in ("109学年度第二学期": 2021)
        return 1911 + int(m.group("roc")) + (_SECOND_TERM.match(text, m.end()) is not None)
    y, y2 = _year_value(m.group("y")), (m.group("y2") or "").translate(_CN_DIGITS)  # "二零二五至二六年度"
    if y is not None and y2 and _SECOND_TERM.match(text, m.end()):
        # "2020-2021学年第二学期", "2025-2026年第二学期": a school year's second term, whatever the unit
        second = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
        return second if m.group("unit") == "学年" or second == y + 1 else y
    return y


def _unit(m: re.Match[str]) -> str:
    return m.group("unit") or "学年"


def _year_value(token: str) -> int | None:
    if token.isdigit():
        value = int(token)
    else:
        try:
            value = int(cn2an.cn2an(token.replace("○", "〇"), "smart"))
        except (ValueError, KeyError):
            return None
    return value if 1949 <= value <= 2099 else None


def _decide(votes: Iterable[Evidence], *, minimum: float = 1.0) -> tuple[object, float]:
    """The value with the most weight behind it (``None`` when nothing reaches ``minimum``)."""
    totals: dict[object, float] = defaultdict(float)
    first: dict[object, int] = {}
    for k, e in enumerate(votes):
        totals[e.value] += e.weight
        first.setdefault(e.value, k)
    if not totals:
        return None, 0.0
    value, weight = max(totals.items(), key=lambda kv: (kv[1], -first[kv[0]]))
    return (value, weight) if weight >= minimum else (None, weight)


# -- year -----------------------------------------------------------------------------------------
# a summary of part of a year ("上半年工作总结", "第一学期"): its plan part is for the same year
_PART_OF_YEAR = re.compile(r"半年|学期|季度|[一二三四五六七八九十\d]{1,2}\s*月")


def _looks_back(doc: Document) -> bool:
    """Whether the document reports on a past year rather than planning one (then a year it reviews is
    its own year, not the one before its plan)."""
    title = (doc.own_title or (doc.title_text or "", None))[0]
    return bool(re.search("总结|回顾|述职", title)) and not re.search("计划|打算|思路|要点|安排", title)


def year_evidence(
    doc: Document,
    *,
    compilation_titles: Iterable[str] = (),
    looks_back: bool = False,
    plan_inside: bool = False,
) -> list[Evidence]:
    """Every cue to the year a document is for, weighted (see ``data/attributes.toml`` [year]).

    - the plan's own title (a placeholder there says the year was left blank);
    - a template site's item title, when the compilation's own title agrees with it;
    - a year the text plans for ("2024年工作要点", "2023年是…之年", "2017-2018学年");
    - a year it looks back on ("回顾过去的二0一二年" in a plan: the plan is for the year after; in a
      summary, ``looks_back`` or a title that says so, the year itself); a summary with a plan inside
      (``plan_inside``) under a title that only looks back ("2020…工会工作总结") is for the year its plan
      part writes, not the title's;
    - a dated month of the schedule ("18年一月份" after 九月…十二月: the plan began the year before);
    - any other year near the top of the body, weakly.
    """
    cfg = load_toml("attributes.toml")["year"]
    votes: list[Evidence] = []
    below = doc.title_below_label  # the document's own title under a site's entry label
    title, label = (below.text, False) if below is not None else (doc.full_title, doc.title_is_label)
    title_line = below.number if below is not None else doc.title_line
    if title:
        title_year = _title_year(title)
        if title_year is not None and plan_inside and _looks_back(doc) and not _PART_OF_YEAR.search(title):
            pass  # the year summed up; the plan part says its own year, or none ("明年")
        elif title_year is not None:
            if not label:
                votes.append(Evidence(title_year, title, title_line, cfg["title"]))
            else:
                site = {y for y in (parse_year(t, bare=True) for t in compilation_titles) if y is not None}
                if not site or title_year in site:
                    votes.append(Evidence(title_year, title, doc.title_line, cfg["site_title"]))
        elif _PLACEHOLDER_YEAR.search(title) and not label:
            votes.append(Evidence(None, title, title_line, cfg["title"]))
    back = looks_back or _looks_back(doc)
    body = [ln for ln in doc.body_lines() if ln is not below]
    placeholder_seen = False
    weak: set[int] = set()  # the votes of years merely written
    for k, ln in enumerate(body):
        text = ln.text
        if "年" not in text:  # every year cue and placeholder ends in 年 (学年, 年度)
            continue
        opening = k < cfg["opening_lines"]
        for m in _YEAR.finditer(text):
            y = _match_year(m, text)
            if y is None:
                continue
            after, before = text[m.end() :], text[max(0, m.start() - 8) : m.start()]
            cue = text[max(0, m.start() - 6) : m.end() + 8]
            if _unit(m) == "学年" or _PROSPECTIVE.match(after):
                votes.append(Evidence(y, cue, ln.number, cfg["planned"]))
            elif (
                _RETRO_BEFORE.search(before)
                or _RETRO_AFTER.match(after)
                or (_DONE_IN_SENTENCE.match(after) and not _FUTURE_IN_SENTENCE.match(after))
            ):
                votes.append(Evidence(y if back else y + 1, cue, ln.number, cfg["reviewed"]))
            else:
                weight = cfg["opening"] if opening else cfg["mention"]
                if _WITH_MONTH.match(after):
                    weight = max(weight, cfg["dated"])  # "活动时间：2025年4月": a date the text works to
                weak.add(len(votes))
                votes.append(Evidence(y, cue, ln.number, weight))
        blank = _PLACEHOLDER_YEAR.search(text)
        if k < cfg["placeholder_lines"] and blank and not placeholder_seen:
            placeholder_seen = True  # one blank year says it; a second says nothing more
            votes.append(Evidence(None, blank.group(0), ln.number, cfg["placeholder"]))
    votes += _schedule_years(body, cfg["schedule"])
    return _cap_weak(votes, weak, cfg["weak_cap"])


def _cap_weak(votes: list[Evidence], weak: set[int], cap: float) -> list[Evidence]:
    """The years merely written (``weak``: the dates of a calendar running over two years) add up to ``cap`` at
    most for each year: many dates say when things happen, not which year the plan is for."""
    spent: dict[object, float] = defaultdict(float)
    out = []
    for k, e in enumerate(votes):
        if k in weak:
            weight = min(e.weight, cap - spent[e.value])
            spent[e.value] += weight
            if weight <= 0:
                continue
            e = Evidence(e.value, e.cue, e.line, weight)
        out.append(e)
    return out


def _title_year(title: str) -> int | None:
    """The year a title says the plan is for: of two ("2006年…工作总结及2007年工作计划") the planned one;
    one year before "工作总结和计划" is the year summed up, so its plan is for the next."""
    years = [(m, _match_year(m, title)) for m in _YEAR.finditer(title)]
    years = [(m, y) for m, y in years if y is not None]
    if len(years) >= 2:
        planned = [y for m, y in years if _PROSPECTIVE.match(title[m.end() :])]
        if planned:
            return planned[-1]
    if len(years) == 1:
        m, y = years[0]
        after = title[m.end() :]
        if _RETRO_AFTER.match(after) and re.search("计划|打算|思路|安排|要点", after):
            return y + 1  # type: ignore[operator]
    return years[0][1] if years else parse_year(title, bare=True)


def _schedule_years(body: list[Line], weight: float) -> list[Evidence]:
    """The year a schedule starts in, from its dated month headings ("18年一月份", "2024年3月")."""
    from .months import parse_month

    months: list[tuple[Line, int, int | None]] = []
    for ln in body:
        m = parse_month(ln.text)
        if m is None or not m.strict or re.match(r"\s?[\d一二三四五六七八九十]{1,3}\s?[日号]", m.rest):
            continue  # (a full date, "二零二六年一月二日", is a day's, not a month heading)
        y = re.match(r"^\s*(?:(?P<y>(?:19|20)?\d{2}|二[〇○零0一二三四五六七八九]{3})\s*年)", ln.text)
        year = None
        if y:
            token = y.group("y")
            year = 2000 + int(token) if token.isdigit() and len(token) == 2 else _year_value(token)
        months.append((ln, m.months[0], year))
    if len(months) < 3:
        return []
    first_month = months[0][1]
    out = []
    for ln, month, year in months:
        if year is not None:
            start = year if first_month <= month else year - 1
            out.append(Evidence(start, ln.text, ln.number, weight))
    return out


def year_of(doc: Document, *, compilation_titles: Iterable[str] = ()) -> int | None:
    """The year a plan is for, as stated in its text; placeholders give ``None``.

    >>> from unioncorpus.model import Line
    >>> year_of(Document("d", "d.txt", [Line(1, "2024年工会工作要点")]))
    2024
    """
    value, _ = _decide(year_evidence(doc, compilation_titles=compilation_titles))
    return value  # type: ignore[return-value]


# -- congress references --------------------------------------------------------------------------
_N = r"(?:十\s?[一二三四五六七八九xX]|二\s?十|[xX]{2}|十)"
_PARTY = re.compile(rf"(?<![工总会届\d])(?P<ref>{_N}\s?大)(?![会学厅队赛奖项])")
# "党的十八精神": a congress named by its ordinal after 党的, the 大 left out; 届 would make it a plenum.
_PARTY_ORDINAL = re.compile(
    r"党的\s?(?P<ref>十\s?[一二三四五六七八九]|二\s?十)(?![届大\d一二三四五六七八九])"
)
_UNION = re.compile(
    r"(?P<ref>(?:中国工会|全国总工会|全总|工会)(?:第)?(?:十[一二三四五六七八九xX]|二十|[xX]{2})(?:次代表)?大)"
)


def congress_refs(text: str) -> tuple[list[str], list[str]]:
    """Party-congress and union-congress references as written, each once, in order of appearance.

    >>> congress_refs("学习党的十九大、全总十六大精神和“xx大”精神")
    (['十九大', 'xx大'], ['全总十六大'])
    """
    union: list[str] = []
    spans = []
    for m in _UNION.finditer(text):
        spans.append(m.span())
        if m.group("ref") not in union:
            union.append(m.group("ref"))
    party: list[str] = []
    found = sorted(
        [(m.start("ref"), m.group("ref")) for m in _PARTY.finditer(text)]
        + [(m.start("ref"), m.group("ref")) for m in _PARTY_ORDINAL.finditer(text)]
    )
    for start, ref in found:
        if ref == "十大" or any(a <= start < b for a, b in spans):
            continue
        if ref not in party:
            party.append(ref)
    return party, union


def document_attributes(doc: Document, *, compilation_titles: Iterable[str] = ()) -> Document:
    """A new Document with ``year``, ``school_level``, ``doc_type``, ``genre`` and the congress references
    filled in, and the evidence of each judgement in ``evidence``."""
    kind, kind_evidence = doc_type_evidence(doc)
    years = year_evidence(doc, compilation_titles=compilation_titles, looks_back=kind == "summary",
                          plan_inside=kind == "summary_and_plan")  # fmt: skip
    year, _ = _decide(years)
    level_votes = school_level_evidence(doc)
    level, scores = school_level(doc, evidence=level_votes)
    if kind == "other" and doc.title is None:
        # no plan title, but a text of another kind may open with its own headline ("【工会什么意思】")
        body_lines = doc.body_lines()
        if page_headline(body_lines) is not None:
            doc = replace(doc, title=body_lines[0].shown, title_line=body_lines[0].number)
    who, genre_evidence, genre_counts = genre(doc, kind=kind)
    body = "\n".join(ln.text for ln in doc.body_lines())
    party, union = congress_refs(body)
    evidence = {
        **doc.evidence,
        "year": sorted(years, key=lambda e: -e.weight)[:8],
        "school_level": sorted((e for e in level_votes if e.value == level), key=lambda e: -e.weight)[:8],
        "school_level_scores": scores,
        "doc_type": kind_evidence[:8],
        "genre": genre_evidence[:8],
        "genre_counts": genre_counts,
    }
    return replace(
        doc,
        year=year,  # type: ignore[arg-type]
        school_level=level,
        doc_type=kind,
        genre=who,
        party_congress_refs=party,
        union_congress_refs=union,
        evidence=evidence,
    )
