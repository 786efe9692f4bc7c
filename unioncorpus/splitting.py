"""Stage 2 — set web furniture aside and split a source file into plans (:class:`Document`).

A compilation from a template site holds plans under numbered titles ("…篇1", "篇一：…", "第二篇"), sometimes
nested in a plan, or a title glued to the previous plan's last line. Every non-blank line ends up in exactly
one document or in the furniture list."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .logical import logical_lines
from .model import Document, Furniture, Line, SourceText
from .page_head import body_line, furniture_reason, issues_document, menu_lines, numbered_item
from .page_tail import closing_date, is_links_head, related_links, trailer
from .titles import (
    article_name,
    collection_entry,
    collection_labels,
    headline_copies,
    is_article_headline,
    is_headline,
    is_organisation_line,
    is_subtitle,
    is_title_like,
    ordinal_title,
    same_title,
    subtitled_headline,
    title_goes_on,
)

__all__ = ["SplitResult", "is_title_like", "ordinal_title", "split"]


@dataclass
class SplitResult:
    documents: list[Document] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    compilation_titles: list[str] = field(default_factory=list)


@dataclass
class _Page:
    """The lines of one file and what each of them is: a document start, furniture (with its reason)."""

    lines: list[Line]
    reasons: list[str | None]
    starts: list[int] = field(default_factory=list)
    ordinal: list[int] = field(default_factory=list)
    compilation: bool = False
    titles: set[int] = field(default_factory=set)  # lines known to be a document's title (said twice)
    labels: set[int] = field(default_factory=set)  # entries named by the collection's title and a number

    def content(self) -> list[int]:
        return [i for i, r in enumerate(self.reasons) if r is None]


def _rule_furniture(page: _Page) -> None:
    """Lines that page-furniture rules recognise wherever they stand, and the site's menu at the page head."""
    page.reasons = [furniture_reason(ln.text, outside=False) for ln in page.lines]
    texts = [ln.text if r is None else None for ln, r in zip(page.lines, page.reasons, strict=True)]
    for i in menu_lines(texts):
        page.reasons[i] = "site_navigation"


def _ordinal_starts(page: _Page, compilation_titles: list[str]) -> None:
    """Numbered plan titles ("…篇1", "篇二：…", "第三篇"), or the collection's own title with a number
    ("学校工会工作计划2024小学2" under "…2024小学15篇", a site's label): each opens a document of a compilation."""
    labels = collection_labels(compilation_titles)
    content = [(i, ln.text) for i, ln in enumerate(page.lines) if page.reasons[i] is None]
    page.labels = {i for i, t in content if collection_entry(t, labels)} if labels else set()
    page.ordinal = [i for i, t in content if i in page.labels or ordinal_title(t) is not None]
    page.starts = list(page.ordinal)
    page.compilation = bool(page.ordinal)  # a numbered entry ("…篇一", "…计划（一）") is one of a series


def _entry_labels(page: _Page) -> dict[int, int]:
    """A site's entry line ("第一篇:2011年交通局工会工作要点") over the document's own title line repeated
    just below it: the entry line is the site's, the document starts after it. Returns start → title."""
    content = page.content()
    titles: dict[int, int] = {}
    for i in list(page.ordinal):
        ot = ordinal_title(page.lines[i].text)
        if ot is None or not ot[1]:
            continue
        after = [j for j in content if j > i][:3]
        for j in after:
            if j in page.ordinal:
                break
            # the document's own title says what the entry says, whether or not it names a plan (a title
            # broken before its genre word: "全市“五一”表彰暨工会工作会议" / "主持词")
            t = page.lines[j].text
            if (is_headline(t) or is_article_headline(t)) and same_title(ot[1], t):
                page.reasons[i] = "entry_label"
                nxt = after[0]
                page.starts[page.starts.index(i)] = nxt
                page.ordinal[page.ordinal.index(i)] = nxt
                titles[nxt] = j
                break
    return titles


_BYLINES = ("byline", "credit_line")
_OPENS_PLAN = re.compile(r"^(一\s*[、.．]|[（(]一[）)]|第一部分|指导思想|总体要求|工作目标)")


def _unnumbered_starts(page: _Page) -> None:
    """Without numbered titles: the plan's title near the top (the copy nearest the body when the page
    repeats it as page title and heading), and a later title-like line when a fresh numbered structure
    restarts right after it (two plans in one file)."""
    content = page.content()
    lines = page.lines
    head, text = headline_copies([(i, lines[i].text) for i in content[:6]])
    if not head and len(content) >= 3:
        # the page title and the article's heading, the same words at the top, name it without an organisation
        a, b = content[0], content[1]
        copies = [k for k in content[:4] if lines[k].text == lines[a].text]  # twice, or thrice
        if len(copies) >= 2 and is_title_like(lines[a].text, organisation=False):
            head = copies
            page.titles.add(copies[-1])
        elif is_title_like(lines[a].text, organisation=False) and _OPENS_PLAN.match(lines[b].text):
            head = [a]  # "“三八”妇女节活动计划" over "一、指导思想"
            page.titles.add(a)
    if not head and len(content) >= 3 and title_goes_on(lines[content[0]].text, lines[content[1]].text):
        head = [content[0]]  # a title over two lines: its owner, then the plan's name
        page.titles.add(content[0])
    if not head:
        head = _headline_over_byline(page, content)
        page.titles.update(head)
    k = subtitled_headline([lines[i].text for i in content], content.index(head[0]) if head else None)
    if k is not None:  # a news or speech headline over its dash subtitle
        head = [content[k], *head[1:]]
        page.titles.add(content[k])
    first = None
    if head:
        first = head[0]
        # "学校工会工作计划范文" twice, or "2018年校工会工作要点" then "XX年校工会工作要点": the page title and the
        # article's heading. The last copy before the body is the document's title.
        for j in head[1:]:
            # the earlier says nothing the later does not (its navigation "_…" aside): a page title, cover pieces
            if same_title(text[j], article_name(text[first])):
                for k in range(first, j):
                    if page.reasons[k] is None:
                        page.reasons[k] = "page_title"
                first = j
                if text[j] != lines[j].text:
                    page.titles.add(j)  # the copy over two lines
        page.starts.append(first)
        lead = content[: content.index(first)]
        opens = next((k for k in lead if furniture_reason(lines[k].text, outside=True) is None), None)
        if opens is not None and any(issues_document(lines[k].text) for k in lead if k >= opens):
            page.starts.append(opens)  # the covering notice of the document below: a document of its own
            lead = lead[: lead.index(opens)]
        for k in lead:  # a page's header above the plan's title, with a rule's reason where one names it
            page.reasons[k] = (
                page.reasons[k] or furniture_reason(lines[k].text, outside=True) or "site_header"
            )
    for pos, i in enumerate(content):
        if (first is not None and i <= first) or not is_title_like(lines[i].text):
            continue
        if page.starts and "总结" in lines[page.starts[-1]].text and "总结" not in lines[i].text:
            continue  # "next year's plan" inside a summary stays in the summary's document
        prev_content = [j for j in content if (page.starts[-1] if page.starts else -1) <= j < i]
        following = [lines[j].text for j in content[pos + 1 : pos + 3]]
        restarts = any(re.match(r"^(一\s*[、.．]|[（(]一[）)]|1\s*[、.．]|指导思想)", t) for t in following)
        if restarts and len(prev_content) >= 5:
            page.starts.append(i)


def _headline_over_byline(page: _Page, content: list[int]) -> list[int]:
    """A web article's headline right above its byline ("…工会召开2021年度工作会议" / "发布时间：…"), or above
    its subtitle and byline ("——…侧记"); an organisation's name on the line before it opens the title."""
    lines = page.lines
    for pos, i in enumerate(content[:8]):
        if i + 1 >= len(lines) or page.reasons[i + 1] not in _BYLINES:
            continue
        if pos > 0 and content[pos - 1] == i - 1 and is_subtitle(lines[i].text):
            pos, i = pos - 1, i - 1
        if not is_article_headline(lines[i].text):
            return []
        if pos > 0 and content[pos - 1] == i - 1 and is_organisation_line(lines[i - 1].text):
            return [i - 1]  # "东湖小学工会" over "2024年工作打算"
        return [i]
    return []


_TERMINAL = ("。", "！", "!", "？", "?", "；", ";", "”", "’", "）", ")")


def _snippet_starts(page: _Page) -> None:
    """A listing page of excerpts (a site's tag or search page): every raw line is the opening of a
    different document, cut at the same length and in mid-sentence. Each becomes a document of its own."""
    content = page.content()
    by_raw: dict[int, list[int]] = {}
    for i in content:
        by_raw.setdefault(page.lines[i].number, []).append(i)
    if len(by_raw) < 3:
        return  # two lines of a size are as likely two pages of one text (a viewer's chunks) as a listing
    sizes = [sum(len(page.lines[i].text) for i in idx) for idx in by_raw.values()]
    median = sorted(sizes)[len(sizes) // 2]
    ends = [page.lines[idx[-1]].text.rstrip() for idx in by_raw.values()]
    cut_off = sum(1 for e in ends[:-1] if not e.endswith(_TERMINAL))
    if min(sizes) >= 60 and all(abs(s - median) <= 0.2 * median for s in sizes) and cut_off == len(ends) - 1:
        page.starts = [idx[0] for idx in by_raw.values()]
        page.compilation = True


def _lead(page: _Page, compilation_titles: list[str]) -> None:
    """Lines before the first document: furniture where a rule says so; in a compilation the rest is the
    site's header, unless it is the end of a plan the page cut (page 2 of an article: six lines or more of
    sentences and numbered items, not a site's short intro or contents), which is a document of its own."""
    first = page.starts[0] if page.starts else None
    for i in range(first or 0):
        page.reasons[i] = page.reasons[i] or furniture_reason(page.lines[i].text, outside=True)
    if page.compilation or compilation_titles:
        body = [i for i in range(first or 0) if page.reasons[i] is None and body_line(page.lines[i].text)]
        cut = (
            body[0] if len(body) >= 6 and any(numbered_item(page.lines[i].text) for i in body) else first or 0
        )
        page.starts[:0] = [cut] if cut != (first or 0) else []
        for i in range(cut):
            page.reasons[i] = page.reasons[i] or "site_header"
    if first is None:  # a single plan with no start found: its opening lines, while a rule says so
        _outside_while(page, range(len(page.lines)))


def _tails(page: _Page) -> None:
    """The last lines (three at most) before each next document and at the page's end: furniture where a
    rule for text outside plans says so (a fragment a cut page leaves, '"' or '【公'); the site's closing
    chrome after a plan's body (:func:`~unioncorpus.page_tail.trailer`); the plan's own date in figures."""
    texts = [ln.text for ln in page.lines]
    for start, end in itertools.pairwise([0, *sorted(set(page.starts)), len(page.lines)]):
        if end > 0:
            _outside_while(page, range(end - 1, max(start, end - 3) - 1, -1))
            head, rest = trailer(texts, page.reasons, start, end)
            links = bool(rest) and is_links_head(texts[head], page.reasons[head])
            for i in rest:
                page.reasons[i] = "related_links" if links else "page_trailer"
            if (date := closing_date(texts, page.reasons, start, end)) is not None:
                page.reasons[date] = None


def _outside_while(page: _Page, order: range) -> None:
    """Lines in this order set aside while a rule for text outside plans names them (lines set aside
    already are passed over)."""
    for i in order:
        if page.reasons[i] is None:
            page.reasons[i] = furniture_reason(page.lines[i].text, outside=True)
            if page.reasons[i] is None:
                return


def _groups(page: _Page) -> list[list[int]]:
    """The content lines of each document, in order (a lead group of a single plan joins that plan)."""
    starts = sorted(set(page.starts))
    page.starts = starts
    first = starts[0] if starts else None
    lead_end = first if first is not None else 0
    bounds = [*starts, len(page.lines)]
    groups: list[list[int]] = []
    if first is None or first > 0:
        head = [
            i for i in range(lead_end if first is not None else len(page.lines)) if page.reasons[i] is None
        ]
        if head:
            groups.append(head)
    for a, b in itertools.pairwise(bounds):
        groups.append([i for i in range(a, b) if page.reasons[i] is None])
    if len(groups) >= 2 and first is not None and groups[0] and groups[0][-1] < first:
        if is_title_like(page.lines[first].text):
            # above a plan's own title: what is no sentence is the page's header (counters, a page title)
            for i in groups[0]:
                if not body_line(page.lines[i].text):
                    page.reasons[i] = "site_header"
            groups[0] = [i for i in groups[0] if page.reasons[i] is None]
        groups[1] = groups[0] + groups[1]
        groups.pop(0)
    return groups


def _documents(
    page: _Page, groups: list[list[int]], source: str, prefix: str, entry_titles: dict[int, int] | None = None
) -> list[Document]:
    """One Document per group; a title with nothing under it is a table-of-contents entry, the heading
    of a nested compilation, or an empty entry at the end of the page."""
    lines, starts = page.lines, page.starts
    docs: list[Document] = []
    for gi, group in enumerate(groups):
        if not group:
            continue
        title_idx = next((i for i in group if i in starts), None)
        body = [i for i in group if i != title_idx]
        if title_idx is not None and not body and ordinal_title(lines[title_idx].text) is not None:
            later = {lines[i].text for g in groups[gi + 1 :] for i in g[:1]}
            if lines[title_idx].text in later:
                page.reasons[title_idx] = "table_of_contents"
            else:
                page.reasons[title_idx] = (
                    "nested_compilation_title" if gi + 1 < len(groups) else "title_without_text"
                )
            continue
        title = None
        title_is_label = False
        if title_idx is not None and entry_titles and title_idx in entry_titles:
            title_idx = entry_titles[title_idx]  # the document's own title, under the site's entry line
            title = lines[title_idx].shown
        elif title_idx is not None and (
            ordinal_title(lines[title_idx].text) is not None
            or is_headline(lines[title_idx].text)
            or title_idx in page.titles
        ):
            title = lines[title_idx].shown
            ot = ordinal_title(lines[title_idx].text)
            # "…篇1", "…范文第1篇": the site names its entries; only a title after the ordinal is the plan's own
            title_is_label = (ot is not None and not ot[1]) or title_idx in page.labels
        elif is_headline(lines[group[0]].text):
            title_idx = group[0]
            title = lines[title_idx].shown
        else:
            title_idx = None
        docs.append(
            Document(
                id=f"{prefix}-{len(docs) + 1}",
                source=source,
                lines=[lines[i] for i in group],
                title=title,
                title_line=lines[title_idx].number if title_idx is not None else None,
                title_is_label=title_is_label,
            )
        )
    return docs


def _related_links_tail(page: _Page, docs: list[Document]) -> None:
    """Site links after a "相关文章" heading (:func:`unioncorpus.page_tail.related_links`) were taken into
    the last plan when it was built; they are moved to the furniture list here."""
    moved = set()
    for i in related_links([ln.text for ln in page.lines], page.reasons):
        page.reasons[i] = "related_links"
        moved.add((page.lines[i].number, page.lines[i].col))
    for d in docs:
        d.lines = [ln for ln in d.lines if (ln.number, ln.col) not in moved]
    docs[:] = [d for d in docs if d.lines]


def _inner_furniture(docs: list[Document], furniture: list[Furniture]) -> None:
    """Each document lists the furniture inside its span (a byline between its title and its body)."""
    for d in docs:
        d.furniture = [f for f in furniture if d.start_line <= f.line <= d.end_line and f.end_col is None]


def split(st: SourceText, *, doc_id_prefix: str | None = None) -> SplitResult:
    """Split one read file into documents and furniture.

    The file's lines are first made logical (:func:`unioncorpus.logical_lines`) unless they are already.

    Args:
        st: the file as read by :func:`unioncorpus.read`.
        doc_id_prefix: the part of document ids before ``-N`` (default: the file's stem).
    """
    result = SplitResult()
    st = logical_lines(st)
    page = _Page(list(st.lines), [])
    _rule_furniture(page)
    result.compilation_titles = [
        ln.text for ln, r in zip(page.lines, page.reasons, strict=True) if r == "compilation_title"
    ]
    _ordinal_starts(page, result.compilation_titles)
    entry_titles = _entry_labels(page)
    if not page.ordinal:
        _snippet_starts(page)
        if not page.starts:
            _unnumbered_starts(page)
    _lead(page, result.compilation_titles)
    _tails(page)
    prefix = doc_id_prefix or Path(st.source).stem
    result.documents = _documents(page, _groups(page), st.source, prefix, entry_titles)
    _related_links_tail(page, result.documents)
    result.furniture = list(st.furniture)
    for ln, reason in zip(page.lines, page.reasons, strict=True):
        if reason is not None:
            whole = ln.at_line_start and ln.at_line_end
            end = ln.end[1]
            result.furniture.append(
                Furniture(
                    st.source,
                    ln.number,
                    ln.shown,
                    reason,
                    0 if whole else ln.col,
                    None if whole else end,
                    ln.end_number if ln.end_number != ln.number else None,
                )
            )
    result.furniture.sort(key=lambda f: (f.line, f.col))
    _inner_furniture(result.documents, result.furniture)
    return result
