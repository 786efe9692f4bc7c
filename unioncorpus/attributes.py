"""Stage 3 — document attributes: year, school level, document type, congress references.

Judged from the body; a title counts only when it is the plan's own title, not a template site's label
(“小学工会2023工作计划篇1” over a kindergarten plan). The cues are package data (``data/attributes.toml``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import cn2an

from ._lexicon import load_toml
from .model import Document
from .segment import Segmenter

__all__ = [
    "congress_refs",
    "doc_type",
    "document_attributes",
    "parse_year",
    "school_level",
    "year_of",
]

_CN_YEAR_DIGITS = "〇○零0一二三四五六七八九"
_YEAR = re.compile(
    rf"(?<![\d.\-/])(?P<y>(?:19|20)\d{{2}}|[二][{_CN_YEAR_DIGITS}]{{3}})\s*(?:[-—~至到/]\s*(?:(?:19|20)?\d{{2}})\s*)?(?P<unit>学年|年度|年)"
)
_BARE_YEAR = re.compile(r"(?<![\d.\-/:])(?:19|20)\d{2}(?![\d.\-/:])")
_PLACEHOLDER_YEAR = re.compile(r"(?:20|二〇|二零)?(?:[xX×*＿_]{1,4}|[_＿]{2,}|_+\s*_+)\s*(?:学年|年度|年)")
_RETRO = re.compile(r"(回顾|过去的|总结)\s*$")
_SHORT_YEAR = re.compile(r"(?<![\d年])(?P<yy>\d{2})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3}|\d{1,2})\s*月")
_AUTUMN = re.compile(r"^(九|十|十一|十二|9|10|11|12)\s*月")


def parse_year(text: str, *, bare: bool = False) -> int | None:
    """The first explicit year written in ``text`` (placeholders give ``None``).

    With ``bare``, a four-digit year without 年 counts too (titles such as "小学工会2023工作计划").

    >>> parse_year("二〇一三年工会工作计划"), parse_year("2017-2018学年"), parse_year("20xx年")
    (2013, 2017, None)
    """
    m = _YEAR.search(text)
    if m:
        return _year_value(m.group("y"))
    if bare:
        m = _BARE_YEAR.search(text)
        if m:
            return _year_value(m.group(0))
    return None


def _year_value(token: str) -> int | None:
    if token.isdigit():
        value = int(token)
    else:
        try:
            value = int(cn2an.cn2an(token.replace("○", "〇"), "smart"))
        except (ValueError, KeyError):
            return None
    return value if 1949 <= value <= 2099 else None


def _years_in(text: str) -> list[tuple[int, int]]:
    """(position, year) of explicit years; a reviewed year ("回顾过去的二0一二年") counts as the next one."""
    out = []
    for m in _YEAR.finditer(text):
        y = _year_value(m.group("y"))
        if y is None:
            continue
        if _RETRO.search(text[max(0, m.start() - 6) : m.start()]):
            y += 1
        out.append((m.start(), y))
    return out


def year_of(doc: Document, *, compilation_titles: list[str] | tuple[str, ...] = ()) -> int | None:
    """The year a plan is for, as stated in its text.

    Order of evidence: the plan's own title; a site label title when the compilation's own title agrees
    with it; the opening lines of the body; a year written repeatedly in the body; a two-digit year in the
    schedule ("18年一月份" after autumn months means the 2017-18 school year). Placeholders give ``None``.
    """
    title = doc.title_text
    if title:
        title_year = parse_year(title, bare=True)
        if title_year is not None:
            if not doc.title_is_label:
                return title_year
            site_years = {y for y in (parse_year(t, bare=True) for t in compilation_titles) if y is not None}
            if not site_years or title_year in site_years:
                return title_year
        elif _PLACEHOLDER_YEAR.search(title) and not doc.title_is_label:
            return None
    body = [ln.text for ln in doc.body_lines()]
    for text in body[:6]:
        years = _years_in(text)
        placeholder = _PLACEHOLDER_YEAR.search(text)
        if years and (
            placeholder is None or years[0][0] < placeholder.start() or _RETRO.search(text[: years[0][0]])
        ):
            return years[0][1]
        if placeholder is not None and not years:
            return None
    counts = Counter(y for text in body for _, y in _years_in(text))
    if counts:
        year, n = counts.most_common(1)[0]
        if n >= 2:
            return year
    seen_autumn = False
    for text in body:
        if _AUTUMN.match(text):
            seen_autumn = True
        m = _SHORT_YEAR.match(text)
        if m:
            month = (
                int(cn2an.cn2an(m.group("m"), "smart")) if not m.group("m").isdigit() else int(m.group("m"))
            )
            y = 2000 + int(m.group("yy"))
            return y - 1 if seen_autumn and month <= 8 else y
    return None


@cache
def _cues() -> tuple[dict[str, dict[str, int]], frozenset[str], frozenset[str]]:
    cfg = load_toml("attributes.toml")["school_level"]
    levels = {
        level: {w: 1 for w in spec.get("weak", [])} | {w: 2 for w in spec.get("strong", [])}
        for level, spec in cfg["cues"].items()
    }
    return levels, frozenset(cfg["school"]["words"]), frozenset(cfg["non_school"]["words"])


@cache
def _cue_segmenter() -> Segmenter:
    levels, school, non_school = _cues()
    words = sorted({w for cues in levels.values() for w in cues} | school | non_school)
    return Segmenter(words=words)


@cache
def _cue_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Every cue word with the (level, weight) pairs it counts for; "school"/"non_school" for the generic sets."""
    levels, school, non_school = _cues()
    index: dict[str, list[tuple[str, int]]] = {}
    for level, cues in levels.items():
        for cue, weight in cues.items():
            index.setdefault(cue, []).append((level, weight))
    for cue in school:
        index.setdefault(cue, []).append(("school", 1))
    for cue in non_school:
        index.setdefault(cue, []).append(("non_school", 1))
    return {k: tuple(v) for k, v in index.items()}


def _cues_of(
    token: str, index: dict[str, tuple[tuple[str, int], ...]]
) -> tuple[str, tuple[tuple[str, int], ...]] | None:
    """The longest cue a token stands for: itself or a suffix of two characters or more (中心小学 -> 小学)."""
    for k in range(len(token) - 1):
        hit = index.get(token[k:])
        if hit:
            return token[k:], hit
    return None


def school_level(doc: Document, *, tokens: list[str] | None = None) -> tuple[str, dict[str, int]]:
    """The kind of school a plan belongs to, judged from its body, with the cue scores as evidence."""
    cfg = load_toml("attributes.toml")["school_level"]
    levels, _, _ = _cues()
    if tokens is None:
        text = "\n".join(ln.text for ln in doc.body_lines())
        if doc.title_text and not doc.title_is_label:
            text = doc.title_text + "\n" + text
        tokens = _cue_segmenter()(text)
    index = _cue_index()
    ignore = frozenset(cfg["ignore"])
    scores = dict.fromkeys(levels, 0)
    hits: Counter[tuple[str, str]] = Counter()
    generic = {"school": 0, "non_school": 0}
    for tok in tokens:
        if tok in ignore or len(tok) < 2:
            continue
        found = _cues_of(tok, index)
        if found is None:
            continue
        cue, pairs = found
        for level, weight in pairs:
            if level in generic:
                generic[level] += 1
            elif hits[level, cue] < 5:  # one repeated word cannot decide alone
                hits[level, cue] += 1
                scores[level] += weight
    school, non_school = generic["school"], generic["non_school"]
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    evidence = {**scores, "school": school, "non_school": non_school}
    if non_school >= cfg["non_school"]["min_count"] and non_school > 2 * school:
        return "non_school", evidence
    if top >= cfg["min_score"] and top >= cfg["min_margin"] * second and school + top >= 3:
        return best, evidence
    if school >= cfg["school"]["min_count"] and school >= non_school:
        return "school_unspecified", evidence
    if non_school >= 1 and non_school >= school:
        return "non_school", evidence
    if school >= 1 or top >= 1:
        return "school_unspecified", evidence
    return "unknown", evidence


def doc_type(doc: Document) -> str:
    """plan | summary | summary_and_plan | key_points | other."""
    cfg = load_toml("attributes.toml")["doc_type"]
    body = [ln.text for ln in doc.body_lines()]
    text = "\n".join(body)
    if doc.title_text and not doc.title_is_label:
        title = doc.title_text
        has_summary = re.search(cfg["summary_title"], title) is not None
        has_plan = re.search(cfg["plan_title"], title) is not None
        if has_summary and has_plan:
            return "summary_and_plan"
        if has_summary:
            return "summary_and_plan" if _has_plan_part(body, cfg) else "summary"
        if re.search(cfg["key_points_title"], title):
            return "key_points"
        if "工会" not in title and re.search(cfg["other_title"], title):
            return "other"
    if any(re.search(p, text) for p in cfg["other_body"]):
        return "other"
    summary_hits = sum(len(re.findall(p, text)) for p in cfg["summary_body"])
    plan_hits = sum(len(re.findall(p, text)) for p in cfg["plan_body"])
    if summary_hits >= 3 and summary_hits > 2 * plan_hits:
        return "summary_and_plan" if _has_plan_part(body, cfg) else "summary"
    if any(re.search(p, text) for p in cfg["key_points_body"]):
        return "key_points"
    return "plan"


def _has_plan_part(body: list[str], cfg: dict) -> bool:
    half = len(body) // 3
    return any(
        len(t) <= 40
        and re.search(r"(明年|下一?年|新的一年|20\d\d|20[xX_]+).{0,8}(计划|打算|思路|设想|安排|要点)", t)
        for t in body[half:]
    )


_PARTY = re.compile(
    r"(?<![工总会届\d])(?P<ref>(?:十[一二三四五六七八九xX]|二十|[xX]{2}|十)大)(?![会学厅队赛奖项])"
)
_PARTY_NO_DA = re.compile(r"党的(?P<ref>十[一二三四五六七八九])(?=精神|会议|报告|提出)")
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
        + [(m.start("ref"), m.group("ref")) for m in _PARTY_NO_DA.finditer(text)]
    )
    for start, ref in found:
        if ref == "十大" or any(a <= start < b for a, b in spans):
            continue
        if ref not in party:
            party.append(ref)
    return party, union


def document_attributes(doc: Document, *, compilation_titles: list[str] | tuple[str, ...] = ()) -> Document:
    """Fill ``year``, ``school_level``, ``doc_type`` and the congress references of ``doc`` in place."""
    doc.year = year_of(doc, compilation_titles=compilation_titles)
    doc.school_level, doc.evidence["school_level"] = school_level(doc)
    doc.doc_type = doc_type(doc)
    body = "\n".join(ln.text for ln in doc.body_lines())
    doc.party_congress_refs, doc.union_congress_refs = congress_refs(body)
    return doc
