"""Stage 2 — set web furniture aside and split a source file into plans (:class:`Document`).

A compilation from a template site holds several plans under numbered titles ("…篇1", "篇一：…",
"第二篇"), sometimes a compilation nested inside a plan, and sometimes a title glued to the end of the
previous plan's last line. Every non-blank line ends up in exactly one document or in the furniture list.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ._lexicon import furniture_rules
from .logical import logical_lines
from .model import Document, Furniture, Line, SourceText

__all__ = ["SplitResult", "is_title_like", "ordinal_title", "split"]

CN_DIGITS = "一二三四五六七八九十百零〇两"
_NUM = rf"(?:\d{{1,3}}|[{CN_DIGITS}]{{1,4}})"
# "…篇1", "…篇一", "篇一：2024年中学工会工作计划", "第二篇：…", "第五篇"
_ORDINAL_TAIL = re.compile(
    rf"^[【\[]?(?P<label>.{{0,50}}?)篇\s*(?P<n>{_NUM})\s*"
    rf"(?:[】\]]\s*(?P<rest2>.{{0,60}})|(?:[:：、.．]|\s)\s*(?P<rest>.{{0,60}}))?$"
)
_ORDINAL_HEAD = re.compile(
    rf"^[【\[]?第\s*(?P<n>{_NUM})\s*篇\s*[】\]]?\s*(?:[:：、.．]?\s*(?P<rest>.{{0,60}}))?$"
)
# "学校工会工作计划（一）", "工会工作计划范文2": a numbered entry of a compilation
_ORDINAL_PAREN = re.compile(
    rf"^(?P<label>.{{2,50}}?(?:计划|要点|总结|安排|方案|范文|精选))\s*"
    rf"(?:[（(]\s*(?P<n>{_NUM})\s*[）)]|(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}))$"
)
# A title glued to the end of the previous line, after the end of a sentence.
_GLUED = re.compile(
    rf"^(?P<head>.*?[。；;！!？?）)”\"])\s*(?P<title>(?:\S.{{0,50}}?篇\s*{_NUM}|第\s*{_NUM}\s*篇.{{0,50}}))$"
)
_NUMBERED = re.compile(
    rf"^\s*(?:[{CN_DIGITS}]+\s*[、.．]|[（(]\s*[{CN_DIGITS}\d]+\s*[）)]|\d+\s*[、.．)）]|第[{CN_DIGITS}\d]+[部分章节条])"
)
_TITLE_END = re.compile(
    r"(计划|要点|总结|安排|方案|规划|打算|思路|意见|工作)\s*(?:[(（][^()（）]{0,20}[)）])?\s*$"
)
_ORG = re.compile(r"工会|教代会|学校|小学|中学|高中|初中|幼儿园|学院|大学|职校|公司|局|委|园|校")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")


@lru_cache(maxsize=1 << 16)
def ordinal_title(text: str) -> tuple[str, str] | None:
    """If ``text`` is a numbered plan title, return ``(label, rest)``: the site label before 篇N (or "")
    and the real title written after it (or "").

    >>> ordinal_title("小学工会2023工作计划篇1")
    ('小学工会2023工作计划', '')
    >>> ordinal_title("篇一：2024年中学工会工作计划")
    ('', '2024年中学工会工作计划')
    >>> ordinal_title("第二篇")
    ('', '')
    """
    text = text.strip()
    if len(text) > 80:
        return None
    m = _ORDINAL_HEAD.match(text)
    if m:
        return "", (m.group("rest") or "").strip()
    m = _ORDINAL_TAIL.match(text)
    if m and not _SENTENCE_PUNCT.search(m.group("label")):
        label = m.group("label").strip()
        if label.endswith(("第", "共", "每", "这", "该", "本")):
            return None  # "共16篇", "这篇…" inside a sentence: not a plan title
        return label, (m.group("rest") or m.group("rest2") or "").strip()
    m = _ORDINAL_PAREN.match(text)
    if m and not _SENTENCE_PUNCT.search(m.group("label")) and not _NUMBERED.match(text):
        return m.group("label").strip(), ""
    return None


@lru_cache(maxsize=1 << 16)
def is_title_like(text: str) -> bool:
    """A plan title written without a number: short, no sentence punctuation, ends like a plan name.

    >>> is_title_like("郑陆中心小学2013年工会工作计划")
    True
    >>> is_title_like("主要工作安排")
    False
    """
    t = text.strip()
    return (
        4 <= len(t) <= 45
        and not _SENTENCE_PUNCT.search(t)
        and not _NUMBERED.match(t)
        and not t.endswith((":", "："))
        and _TITLE_END.search(t) is not None
        and _ORG.search(t) is not None
    )


@dataclass
class SplitResult:
    documents: list[Document] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    compilation_titles: list[str] = field(default_factory=list)


def _unglue(lines: list[Line]) -> list[Line]:
    """Split a line whose end is the title of the next plan into two fragments of the same raw line."""
    out: list[Line] = []
    for ln in lines:
        m = _GLUED.match(ln.text)
        if m and ordinal_title(m.group("title")) is not None and len(m.group("head")) >= 6:
            cut = m.start("title")
            out.append(ln.cut(0, cut))
            out.append(ln.cut(cut))
            continue
        out.append(ln)
    return out


def _furniture_reason(text: str, *, outside: bool) -> str | None:
    for rule in furniture_rules():
        if rule.scope != "line" or (rule.where == "outside" and not outside):
            continue
        if rule.matches(text):
            return rule.reason
    return None


_LINK_HEADS = ("site_navigation", "list_trailer")


def _related_links_tail(lines: list[Line], reasons: list[str | None], docs: list[Document]) -> None:
    """After a "相关文章" heading of the site, short link-like lines to the end of the page are site links too.

    They were taken into the last plan when it was built; they are moved to the furniture list here.
    """
    start = next(
        (
            i
            for i, r in enumerate(reasons)
            if r in _LINK_HEADS and re.search(r"相关|推荐|阅读|热门", lines[i].text)
        ),
        None,
    )
    if start is None:
        return
    tail = [i for i in range(start + 1, len(lines)) if reasons[i] is None]
    if not tail or any(
        len(lines[i].text) > 40 or lines[i].text.rstrip().endswith(("。", "；")) for i in tail
    ):
        return
    moved = set()
    for i in tail:
        reasons[i] = "related_links"
        moved.add((lines[i].number, lines[i].col))
    for d in docs:
        d.lines = [ln for ln in d.lines if (ln.number, ln.col) not in moved]
    docs[:] = [d for d in docs if d.lines]


def split(st: SourceText, *, doc_id_prefix: str | None = None) -> SplitResult:
    """Split one read file into documents and furniture.

    Args:
        st: the file as read by :func:`unioncorpus.read`.
        doc_id_prefix: the part of document ids before ``-N`` (default: the file's stem).
    """
    result = SplitResult()
    st = logical_lines(st)
    lines = list(st.lines)
    result.furniture.extend(st.furniture)
    reasons: list[str | None] = [_furniture_reason(ln.text, outside=False) for ln in lines]
    for ln, reason in zip(lines, reasons, strict=True):
        if reason == "compilation_title":
            result.compilation_titles.append(ln.text)

    ordinal = [i for i, ln in enumerate(lines) if reasons[i] is None and ordinal_title(ln.text) is not None]
    starts: list[int] = list(ordinal)
    if not ordinal:
        # No numbered titles: the first title-like line opens the plan; a later title-like line opens
        # another plan only when a fresh numbered structure restarts right after it.
        content = [i for i in range(len(lines)) if reasons[i] is None]
        first = next((i for i in content[:4] if is_title_like(lines[i].text)), None)
        if first is not None:
            starts.append(first)
        for pos, i in enumerate(content):
            if (first is not None and i <= first) or not is_title_like(lines[i].text):
                continue
            if starts and "总结" in lines[starts[-1]].text and "总结" not in lines[i].text:
                continue  # "next year's plan" inside a summary stays in the summary's document
            prev_content = [j for j in content if (starts[-1] if starts else -1) <= j < i]
            following = [lines[j].text for j in content[pos + 1 : pos + 3]]
            restarts = any(
                re.match(r"^(一\s*[、.．]|[（(]一[）)]|1\s*[、.．]|指导思想)", t) for t in following
            )
            if restarts and len(prev_content) >= 5:
                starts.append(i)
    starts = sorted(set(starts))
    is_compilation = len(ordinal) >= 2 or bool(result.compilation_titles)

    # Lines before the first plan: site header in a compilation; in a single plan, furniture only by rule.
    first_start = starts[0] if starts else None
    lead_end = first_start if first_start is not None else 0
    for i in range(lead_end):
        if reasons[i] is None:
            reasons[i] = _furniture_reason(lines[i].text, outside=True) or (
                "site_header" if is_compilation else None
            )

    # Ordinal titles that share one label ("小学工会2023工作计划篇1", "…篇2") are site labels, not titles.
    labels = [ordinal_title(lines[i].text)[0] for i in ordinal]  # type: ignore[index]
    shared_labels = {lab for lab in labels if lab and labels.count(lab) >= 2}

    bounds = [*starts, len(lines)]
    groups: list[list[int]] = []
    if first_start is None or first_start > 0:
        head = [i for i in range(lead_end if first_start is not None else len(lines)) if reasons[i] is None]
        if head:
            groups.append(head)
    for a, b in itertools.pairwise(bounds):
        groups.append([i for i in range(a, b) if reasons[i] is None])
    # A lead group in a single-plan file is the beginning of that plan, not a plan of its own.
    if len(groups) >= 2 and first_start is not None and groups[0] and groups[0][-1] < first_start:
        groups[1] = groups[0] + groups[1]
        groups.pop(0)

    prefix = doc_id_prefix or Path(st.source).stem
    k = 0
    for gi, group in enumerate(groups):
        if not group:
            continue
        first_line = lines[group[0]]
        title_idx = next((i for i in group if i in starts), None)
        body = [i for i in group if i != title_idx]
        if title_idx is not None and not body:
            # A title with nothing under it: an entry of the page's table of contents (the same title
            # comes again later), the heading of a compilation nested in the previous plan, or an empty
            # entry at the end of a page.
            later = {lines[i].text for g in groups[gi + 1 :] for i in g[:1]}
            if lines[title_idx].text in later:
                reasons[title_idx] = "table_of_contents"
            else:
                reasons[title_idx] = (
                    "nested_compilation_title" if gi + 1 < len(groups) else "title_without_text"
                )
            continue
        k += 1
        title = title_is_label = None
        if title_idx is not None:
            title = lines[title_idx].text
            ot = ordinal_title(title)
            title_is_label = ot is not None and not ot[1] and (ot[0] in shared_labels or not ot[0])
        elif is_title_like(first_line.text):
            title_idx = group[0]
            title = first_line.text
        doc = Document(
            id=f"{prefix}-{k}",
            source=st.source,
            lines=[lines[i] for i in group],
            title=title,
            title_line=lines[title_idx].number if title_idx is not None else None,
            title_is_label=bool(title_is_label),
        )
        result.documents.append(doc)

    _related_links_tail(lines, reasons, result.documents)
    for i, reason in enumerate(reasons):
        if reason is not None:
            result.furniture.append(Furniture(st.source, lines[i].number, lines[i].text, reason))
    result.furniture.sort(key=lambda f: f.line)
    return result
