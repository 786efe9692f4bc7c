"""Plan titles: numbered entries of a compilation (…篇1, 篇二：…, 第三篇, …计划（一）), headlines and
title-like lines, and when two titles say the same thing (a page title repeated as the article's heading)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache

__all__ = [
    "article_name",
    "continues_title",
    "headline_copies",
    "is_article_headline",
    "is_headline",
    "is_organisation_line",
    "is_subtitle",
    "is_title_like",
    "ordinal_title",
    "same_title",
    "subtitled_headline",
    "title_goes_on",
    "title_key",
]

CN_DIGITS = "一二三四五六七八九十百零〇两"
_NUM = rf"(?:\d{{1,3}}|[{CN_DIGITS}]{{1,4}})"
# "…篇1", "…篇一", "篇一：2024年中学工会工作计划", "第二篇：…", "第五篇"
_ORDINAL_TAIL = re.compile(
    rf"^[【\[]?(?P<label>.{{0,50}}?)篇\s*(?P<n>{_NUM})\s*"
    rf"(?:[】\]]\s*(?P<rest2>.{{0,60}})|(?:[:：、.．]|\s)\s*(?P<rest>.{{0,60}}))?$"
)
# "2022机关工会工作计划 第1篇": a site label, then the ordinal
_ORDINAL_LABEL_DI = re.compile(
    rf"^(?P<label>.{{2,50}}?)\s*第\s*(?P<n>{_NUM})\s*篇\s*(?:[:：、.．]\s*(?P<rest>.{{0,60}}))?$"
)
_ORDINAL_HEAD = re.compile(
    rf"^[【\[]?第\s*(?P<n>{_NUM})\s*篇\s*[】\]]?\s*(?:[:：、.．]?\s*(?P<rest>.{{0,60}}))?$"
)
# "学校工会工作计划（一）", "工会工作计划范文2", "卫健工会工作计划20_1" (a blanked year, then the entry's
# number): a numbered entry of a compilation
_ORDINAL_PAREN = re.compile(
    rf"^(?P<label>.{{2,50}}?(?:计划|要点|总结|安排|方案|范文|精选))\s*(?:20[_xX＿]{{1,2}}\s*)?"
    rf"(?:[（(]\s*(?P<n>{_NUM})\s*[）)]|(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}))$"
)
_NUMBERED = re.compile(
    rf"^\s*(?:[{CN_DIGITS}]+\s*[、.．]|[（(]\s*[{CN_DIGITS}\d]+\s*[）)]|\d+\s*[、.．)）]|第[{CN_DIGITS}\d]+[部分章节条])"
)
_TITLE_END = re.compile(
    r"(计划书?|要点|总结|安排|方案|规划|打算|思路|意见|工作|报告|[校行]事历|工作月?历|校历|日程表?)\s*+(?:范文|范本|模板|样本|全文)?"
    r"\s*+(?:[(（][^()（）]{0,20}[)）])?\s*+$"
)
# A title names a document; it does not talk to the reader or tell what happened.
_NOT_TITLE = re.compile(r"[了吗呢吧你您]|我们|准备|希望|欢迎|下面|以下|如何|怎么|为大家")
# The bodies whose plans the genre holds: unions first, then schools, companies and agencies, and the
# plans of other bodies written in the same form (社区妇联, 护理部, 德育处/教研组/少先队工作计划).
_ORG = re.compile(
    r"工会|女工|女职工|教代会|学校|小学|中学|高中|初中|国小|国中|幼儿园|学院|大学|职校|公司|局|委|园|校"
    r"|医院|卫生院|社区|街道|[乡镇]政府|支部|妇联|中心|护理部|[科处室组队站所院]工作"
)
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")
# What a document's headline names: its genre (a plan, or what a page shows in a plan's place).
_GENRE = re.compile(
    r"计划|要点|总结|安排|方案|规划|打算|思路|报告|范文|职责|制度|章程|办法|规定|细则|通知|讲话|发言|致辞"
    r"|[校行]事历|工作月?历|校历|日程"
)


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
    m = _ORDINAL_LABEL_DI.match(text)
    if m and not _SENTENCE_PUNCT.search(m.group("label")) and _GENRE.search(m.group("label")):
        return m.group("label").strip(), (m.group("rest") or "").strip()
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


def _headline_shape(t: str, shortest: int) -> bool:
    """Short, no sentence punctuation, no item number: the shape every kind of title shares."""
    return shortest <= len(t) <= 45 and not _SENTENCE_PUNCT.search(t) and not _NUMBERED.match(t)


@lru_cache(maxsize=1 << 16)
def is_headline(text: str) -> bool:
    """A page's headline for a plan: title-like, or a short line naming the genre and the organisation
    with a tagline after it ("幼儿园工会2023工作计划为幼儿和家庭创造更多美好").

    >>> is_headline("幼儿园工会2023工作计划为幼儿和家庭创造更多美好")
    True
    """
    t = text.strip()
    return is_title_like(t) or (
        _headline_shape(t, 6)
        and _GENRE.search(t) is not None
        and _ORG.search(t) is not None
        and _NOT_TITLE.search(t) is None
    )


def is_article_headline(text: str) -> bool:
    """A web article's headline, whatever it names ("特产集团工会召开2021年度工作会议"): the shape of a title
    with no colon at its end and no dash of a subtitle at its start. Said of the line above a byline only."""
    t = text.strip()
    return _headline_shape(t, 6) and not t.endswith((":", "：")) and not t.startswith(("—", "－", "-"))


# A subtitle ("（2023—2024学年）", "——为职工办实事"), or the rest of a title broken over two lines: its second
# part ("及2007年工作计划", "和2025年工作打算") or its genre word alone ("主持词").
_SUBTITLE = re.compile(
    r"^(?:[（(][^（）()]{2,30}[)）]|[—－\-]{1,2}\s*\S.{0,28}"
    r"|(?:及|暨|(?:和|与)(?=\d|20|明年|下|新|今))[^，。,；;：:]{0,24}(?:计划|总结|要点|安排|打算|方案)"
    r"|(?:主持词|主持稿|讲话稿?|发言稿?|致辞|工作计划|工作总结|工作要点|工作报告|活动方案|实施方案))$"
)


def is_subtitle(text: str) -> bool:
    """A line under a title that belongs to it: a subtitle, or the title's second part."""
    return _SUBTITLE.match(text.strip()) is not None


def subtitled_headline(texts: list[str], head: int | None) -> int | None:
    """The index of a headline over a dash subtitle ("——在…全委会议上的工作报告", "——我院召开职代会") among a page's
    first lines ``texts``: the line above ``head`` when the title found is that subtitle, or the first line when
    no title was found and the second is one. Speeches, reports and news are headed so, whatever the headline says."""
    k = head - 1 if head is not None else 0
    if k < 0 or k + 1 >= len(texts):
        return None
    title, subtitle = texts[k].strip(), texts[k + 1]
    # a subtitle naming the plan itself ("——2024年工作要点") is the title's genre: not this rule's
    dash = re.match(r"^\s*[—－]", subtitle) is not None and not re.search(
        r"计划|要点|总结|打算|安排|方案", subtitle
    )
    return k if dash and is_subtitle(subtitle) and _headline_shape(title, 4) else None


def is_organisation_line(text: str) -> bool:
    """A short line naming an organisation and nothing else ("东湖小学工会"): the first line of a title written
    over two lines."""
    t = text.strip()
    return _headline_shape(t, 2) and len(t) <= 20 and _ORG_NAME.search(t) is not None


# the plan's name under its owner: a plan's genre word at its end (not 安排 or 工作: section labels end so)
_NAME_END = re.compile(r"(计划|计画|要点|规划|打算|方案|总结)$")


def title_goes_on(title: str, text: str) -> bool:
    """Whether ``text``, the line under ``title``, is the title's second half: a title written over two lines,
    its owner first (an organisation, perhaps with the year or term: "东湖小学2017学年第一学期第5工会小组") and
    the plan's name under it ("创建文明组室计划"). A title that names its genre itself has no second half.

    >>> title_goes_on("东湖小学2024学年第一学期第3工会小组", "创建文明组室计划")
    True
    >>> title_goes_on("东湖小学工会2024年工作计划", "主要工作安排")
    False
    """
    owner, name = title.strip(), text.strip()
    return (
        _headline_shape(owner, 4)
        and len(owner) <= 32
        and _ORG_NAME.search(owner.replace(" ", "")) is not None
        and _headline_shape(name, 4)
        and len(name) <= 20
        and _NAME_END.search(name) is not None
        and _TITLE_END.search(owner) is None
    )


def headline_copies(rows: list[tuple[int, str]]) -> tuple[list[int], dict[int, str]]:
    """The headlines among a page's first lines ``(index, text)``, and the text each says. A later copy of
    the title broken over two lines, its owner over the plan's name ("2022年秋幼儿园" / "工会工作方案" under
    the page title "2022年秋幼儿园工会工作方案范文"), is one headline saying both lines."""
    head = [i for i, t in rows if is_headline(t)]
    text = dict(rows)
    for (a, ta), (b, tb) in itertools.pairwise(rows):
        if not head or a <= head[0] or tb.strip().startswith(ta.strip()) or not title_goes_on(ta, tb):
            continue  # ("城北幼儿园" over the whole title again is a site's name over the copy)
        joined, page = ta + tb.strip(), text[head[0]]
        # the copy says what the page title says, and names the same genre (an issuer over "2024年工作总结"
        # under a plan's title is no copy)
        ends = [m.group(1) if (m := _TITLE_END.search(t.strip())) else None for t in (joined, page)]
        if same_title(joined, page) and ends[0] == ends[1]:
            text[a] = joined
            head = sorted({*head, a} - {b})
    return head, text


# a conjoined title names a year or ends as titles do ("及2025年工作谋划会"; not "及时了解…", "与会代表合影")
_CONJOINED = re.compile(r"(?:19|20)\d\d|年|(?:计划|总结|要点|打算|安排|方案|会议?)$")


def continues_title(title: str, text: str) -> bool:
    """Whether ``text``, the line under ``title``, is the rest of it: its second half (:func:`title_goes_on`)
    or a conjoined genre ("市总工会2024年工作总结" / "及2025年工作谋划")."""
    t = text.strip()
    return (
        len(t) <= 24
        and not t.endswith(("。", "；"))
        and ((t[:1] in "及暨和与并" and _CONJOINED.search(t) is not None) or title_goes_on(title, t))
    )


# how an organisation's name ends ("东湖小学工会", "宏达机械有限公司"), unlike a site's column ("校园新闻")
_ORG_NAME = re.compile(r"(工会|工会小组|委员会|小学|中学|幼儿园|学校|学院|大学|公司|医院|[^首布]局|中心)$")


@lru_cache(maxsize=1 << 16)
def is_title_like(text: str, *, organisation: bool = True) -> bool:
    """A plan title written without a number: short, no sentence punctuation, ends like a plan name, and
    (unless ``organisation=False``) names an organisation.

    >>> is_title_like("郑陆中心小学2013年工会工作计划")
    True
    >>> is_title_like("主要工作安排")
    False
    """
    t = text.strip()
    return (
        _headline_shape(t, 4)
        and not t.endswith((":", "："))
        and _TITLE_END.search(t) is not None
        and (not organisation or _ORG.search(t) is not None)
        and _NOT_TITLE.search(t) is None
    )


_TITLE_MASK = re.compile(
    r"[\dxX×_＿〇○零一二三四五六七八九]{2,4}\s*(?:学年度?|年度?)|[\s\[\]【】“”\"'：:，,。.·\-—]"
)


# A page title's navigation after the article's name ("…工作计划_幼儿园计划总结", "…工作计划_第2页",
# "…计划 - 范文网"): a web page names its category, its site or its page after an underscore or a dash.
_SITE_TAIL = re.compile(r"^(?P<name>.{4,60}?)\s{0,2}(?:_|\s[-|｜]\s|｜)\s{0,2}(?P<tail>[^_]{1,24})$")


def article_name(title: str) -> str:
    """A page title without the site's navigation after it, when what remains ends as titles do.

    >>> article_name("幼儿园卫生保健工作计划_幼儿园计划总结")
    '幼儿园卫生保健工作计划'
    >>> article_name("2019年度中学工会工作计划_第2页")
    '2019年度中学工会工作计划'
    >>> article_name("工会工作计划_20xx")
    '工会工作计划_20xx'
    """
    m = _SITE_TAIL.match(title.strip())
    if m is None or not _TITLE_END.search(m["name"]) or re.search(r"\d{4}|[xX_＿]{2}", m["tail"]):
        return title
    return m["name"]


def title_key(text: str) -> str:
    return _TITLE_MASK.sub("", text)


def same_title(a: str, b: str) -> bool:
    """Whether ``b`` says what ``a`` says: its characters (punctuation aside) are almost all in ``a``."""
    ka, kb = Counter(title_key(a)), Counter(title_key(b))
    return sum(kb.values()) >= 4 and sum((ka & kb).values()) >= 0.8 * sum(kb.values())


# A collection's title and how many it holds ("学校工会工作计划2024小学15篇", "中学工会的工作总结(精选6篇)")
_COLLECTION = re.compile(
    r"^(?P<label>.{4,40}?)\s{0,2}[(（【]?\s{0,2}(?:精选|通用|最新|实用|优秀|热门|推荐)?\s{0,2}\d{1,3}\s{0,2}篇\s{0,2}[)）】]?$"
)


def collection_labels(titles: list[str]) -> tuple[str, ...]:
    """What a collection's entries are called, from its titles ("…2024小学15篇" -> "…2024小学")."""
    return tuple(m.group("label") for t in titles if (m := _COLLECTION.match(t.strip())))


def collection_entry(text: str, labels: tuple[str, ...]) -> bool:
    """Whether a line is an entry of a collection named by its label and a number ("…2024小学2")."""
    t = text.strip()
    return any(t.startswith(lab) and _ENTRY_NUMBER.fullmatch(t[len(lab) :] or "-") for lab in labels)


# the number after a collection's label: "2", "（2）", "二"
_ENTRY_NUMBER = re.compile(
    rf"\s{{0,2}}(?:\d{{1,3}}|[（(]\s{{0,2}}(?:\d{{1,3}}|[{CN_DIGITS}]{{1,3}})\s{{0,2}}[)）]|[{CN_DIGITS}]{{1,3}})"
)
