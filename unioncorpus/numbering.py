"""Numbering and headings: the list numbering of Chinese official writing and the section-heading lexicon.

The numbering ladder is 第一部分 / 一、 / （一） / 1、 / （1） / ①, with 一是、二是 for points inside a paragraph;
plans use it loosely (（一） on top of 一、, 1, with a comma), so which style is above which is decided per
document by :mod:`unioncorpus.outline`. A heading's *label* is its text up to the first sentence break
("一、指导思想 以…" gives 指导思想); the lexicon (``data/headings.toml``) maps labels to section kinds.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import cn2an

from ._lexicon import depends_on_lexicons, load_toml

__all__ = [
    "MIDLINE",
    "STYLES",
    "Heading",
    "heading_kind",
    "item_spans",
    "numbered_item",
    "parse_heading",
    "split_items",
    "strip_numbering",
]

CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The financial numerals (大写), in both scripts: "壹、依据 贰、目标" heads the parts above 一、 (Taiwan and
# Hong Kong plans, and formal mainland ones)
UPPER = "壹贰貳叁參参肆伍陆陸柒捌玖拾"
_UPPER = str.maketrans(UPPER, "一二二三三三四五六六七八九十")
# The usual ladder of numbering styles, highest first (a document may order them otherwise).
STYLES = ("part", "upper", "cn", "shi", "cn_paren", "arabic", "arabic_paren", "circled")
_NUMBERING = (
    ("part", re.compile(rf"^第\s*(?P<n>[{CN}\d]{{1,3}})\s*(?:部分|章|节)\s*[、:：.．]?\s*")),
    ("upper", re.compile(rf"^(?P<n>[{UPPER}]{{1,3}})\s*[、.．]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*(?P<n>[{CN}]{{1,3}})\s*[）)]\s*[、:：.．]?\s*")),
    ("cn", re.compile(rf"^(?P<n>[{CN}]{{1,3}})\s*(?:[、.．]|[:：](?!\d)|[,，](?=[\u4e00-\u9fff]{{2}}))\s*")),
    # "一是加强学习，二是…": points counted inside a paragraph
    ("shi", re.compile(rf"^(?P<n>[{CN}]{{1,3}})是(?=[\u4e00-\u9fff])")),
    ("arabic_paren", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[）)]\s*[、.．]?\s*")),
    # "1、" "1." "1．" "1)" and, in careless typing, "1," "1，" before a word or a quoted name
    (
        "arabic",
        re.compile(
            r"^(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d)|[)）](?!\d)|:(?!\d)|[,，]\s*(?=[\u4e00-\u9fff“\"「《]))\s*"
        ),
    ),
    ("circled", re.compile(rf"^(?P<n>[{CIRCLED}])\s*[、.．]?\s*")),
)
# The same styles found inside a line (a page pasted on one line, "1、A2、B"): stricter, since text runs on
# around them — no comma forms, no colon after a digit, and 一是 is read as prose there.
MIDLINE = (
    ("part", re.compile(rf"第(?P<n>[{CN}\d]{{1,3}})(?:部分|章)")),
    ("cn_paren", re.compile(rf"[（(](?P<n>[{CN}]{{1,3}})[）)]")),
    ("cn", re.compile(rf"(?P<n>[{CN}]{{1,3}})(?:[、．]|\.(?!\d)|[:：](?=[\u4e00-\u9fff]))")),
    ("arabic_paren", re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    ("arabic", re.compile(r"(?P<n>\d{1,2})(?:[、．]|\.(?![\d.])|[)）](?!\d))")),
    ("circled", re.compile(rf"(?P<n>[{CIRCLED}])")),
)
_LABEL_END = re.compile(r"[。；;：:！!？?\s]")
_SENTENCE = re.compile(r"[。；;，,！!？?]")
_INLINE_LABEL = re.compile(r"^([^，,。；;：:\s]{2,24})\s*[：:]")
# "20xx年工会工作指导思想是：", "XX年我院工会工作总的指导思想：": a label after the year and the organisation
_LABEL_PREFIX = re.compile(
    r"^(?:(?:19|20)\d{2}|20[xX_＿]{2}|[xX]{2})?\s*(?:学年度?|年度?)?\s*"
    r"(?:我校|我院|我园|我局|我公司|本校|本院|学校|学院|医院|公司|机关)?(?:工会)?(?:的|工作)?(?:总的|的)?"
)
# tried from the start of a run only (a search from every character of a long run is quadratic)
_TRAILING = re.compile(r"(?<![\s。；;，,、：:.．!！?？…])[\s。；;，,、：:.．!！?？…]+$")
_BULLET = re.compile(r"^[•·●○◆◇■□▪▲△▶►☆★◎※➢➤√✓\-—*]+\s*")
# Inline labels that stay prose: an opening "总体要求：…" paragraph is the plan's preamble.
_PROSE_LABELS = re.compile(r"总体要求|总要求|总的要求|总的思路|总体思路|总体目标")
# "主要工作是以下几方面：" introduces a list; it is a sentence, not a heading.
_NOT_LABEL = re.compile(r"是|以下|如下|下列|几方面|几个方面|这样")


def cn_int(token: str) -> int | None:
    """The value of a numeral token: ``"3"``, ``"十二"``, ``"③"``."""
    if len(token) == 1 and token in CIRCLED:  # str.isdigit() is True for ①, int() is not
        return CIRCLED.index(token) + 1
    if token.isascii() and token.isdigit():
        return int(token)
    return _cn_value(token.translate(_UPPER))


@lru_cache(maxsize=4096)
def _cn_value(token: str) -> int | None:
    """cn2an's reading of a numeral token, once per distinct token: the tokens are a small set (一 … 九十九),
    met hundreds of times a plan, and cn2an checks its input at length on every call."""
    try:
        return int(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError):
        return None


_GRADES = re.compile(
    r"\s*(?:[一二三四五六七八九]\s{0,2}[、，,和与及至到]\s{0,2}){1,8}[一二三四五六七八九]\s{0,2}年级"
)


def _grades_listed(text: str) -> bool:
    """Grades counted one after another at a line's start ("一、二年级", "三、四、五、六年级"), not "一、一年级…"."""
    m = _GRADES.match(text)
    if m is None:
        return False
    numbers = [cn_int(c) for c in re.findall(r"[一二三四五六七八九]", m.group(0))]
    return all(b == a + 1 for a, b in itertools.pairwise(numbers))


def strip_numbering(text: str) -> tuple[str | None, int | None, str]:
    """``(style, number, rest)`` of a line's list numbering; style ``None`` when unnumbered.

    >>> strip_numbering("（三）健全制度建设")
    ('cn_paren', 3, '健全制度建设')
    >>> strip_numbering("3.8节庆祝")
    (None, None, '3.8节庆祝')
    """
    for style, rx in _NUMBERING:
        m = rx.match(text)
        if m:
            if style == "cn" and _grades_listed(text):
                break  # "三、四、五、六年级广播操比赛": grades listed, no numbering
            return style, cn_int(m.group("n")), text[m.end() :]
    return None, None, text


def numbered_item(text: str) -> bool:
    """Whether a line opens with an item number ("3、", "四、", "（2）")."""
    return strip_numbering(text.strip())[0] is not None


@dataclass(frozen=True)
class Heading:
    """A parsed line start: numbering style and number, the heading label and the rest of the line.

    Attributes:
        style: one of :data:`STYLES`, ``"md"`` (a markdown heading without numbering) or ``"bare"`` (a short
            unnumbered line, or a label with a colon such as "指导思想：以…").
        number: the number in the numbering (1 for 一、), or ``None``.
        label: the heading proper, up to the first sentence break ("一、指导思想 以…" gives "指导思想").
        text: the line without its numbering.
        offset: where ``text`` starts in the line.
    """

    style: str
    number: int | None
    label: str
    text: str
    offset: int = 0

    @property
    def rest(self) -> str:
        return self.text[len(self.label) :].lstrip(" ：:")


def is_label(text: str) -> bool:
    """Whether ``text`` (the words before a colon) is a section label written inline ("工作目标：…",
    "20xx年工会工作指导思想是：")."""
    if _PROSE_LABELS.search(text):
        return False
    core = _LABEL_PREFIX.sub("", text.removesuffix("是")) or text
    return len(core) <= 12 and heading_kind(core) is not None and not _NOT_LABEL.search(core)


@depends_on_lexicons
@lru_cache(maxsize=1 << 16)
def parse_heading(text: str, *, md_level: int = 0) -> Heading | None:
    """Parse the heading at the start of a line, or ``None`` for a plain sentence.

    >>> parse_heading("一、指导思想 以党的二十大精神为指导").label
    '指导思想'
    >>> parse_heading("附：月份工作安排").label
    '月份工作安排'
    """
    style, number, rest = strip_numbering(text)
    offset = len(text) - len(rest)
    if style is None:
        if text.startswith("附"):
            rest = re.sub(r"^附\s*[:：]?\s*(?=\S)", "", text)
            offset = len(text) - len(rest)
        inline = _INLINE_LABEL.match(rest)
        if md_level:
            style = "md"
        elif len(rest) <= 20 and not _SENTENCE.search(rest.rstrip("：:")):
            style = "bare"
        elif inline and is_label(inline.group(1)):
            style = "bare"  # "指导思想：以…", "存在的不足：…": a heading written inline with its text
        else:
            return None
    cut = _LABEL_END.search(rest)
    label = rest[: cut.start()] if cut else rest
    if len(label) > 12:
        label = _known_label(label)  # "指导思想以党的二十大…": a heading run on into its text
    stripped = rest.strip()
    return Heading(style, number, label.strip(), stripped, offset + (len(rest) - len(rest.lstrip())))


@depends_on_lexicons
@cache
def headings_rx(table: str, key: str) -> re.Pattern[str]:
    """A pattern of the heading lexicon, compiled once: ``headings_rx("content", "summary")``."""
    return re.compile(load_toml("headings.toml")[table][key])


@depends_on_lexicons
@cache
def _heading_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["kind"], re.compile(r["pattern"])) for r in load_toml("headings.toml")["rule"])


def _known_label(label: str) -> str:
    """A lexicon label at the start of a long label ("指导思想以…" → "指导思想"), else the label itself."""
    for _, rx in _heading_rules():
        m = rx.match(label)
        if m and m.end() >= 4:
            return label[: m.end()]
    return label


@depends_on_lexicons
@lru_cache(maxsize=1 << 14)
def heading_kind(label: str) -> str | None:
    """The section kind a heading label names, from the lexicon, or ``None``.

    >>> heading_kind("工作目标和措施"), heading_kind("附：月份工作安排"), heading_kind("加强师德建设")
    ('key_work', 'monthly_schedule', None)
    """
    label = label.strip().rstrip("：:")
    if not label or len(label) > 20:
        return None
    for kind, rx in _heading_rules():
        if rx.search(label):
            return kind
    return None


_ITEM_MARK = re.compile(r"(?<![\d.．“\"'‘第])(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))")
_ITEM_MARK_PAREN = re.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[）)]")
# An item whose number the page lost (sites that strip every digit leave "、会费收缴。、劳保用品发放。"): a
# line opening with a bare 、, and the next item where a sentence ends on another bare 、.
_LOST_NUMBER = re.compile(r"^、\s*(?=[\u4e00-\u9fff“‘《（(])")
_LOST_NEXT = re.compile(r"(?<=[。；;])\s*、\s*(?=[\u4e00-\u9fff“‘《（(])")


def item_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each item of a line ("1、A2、B"), numbering, bullets and end punctuation left out.

    Only markers counting up from the first one split, so "3.8" or "5.1" inside an item stay. Items whose
    numbers a site deleted ("、A。、B。") split where a sentence ends on the bare 、.
    """
    bullet = _BULLET.match(text)
    base = bullet.end() if bullet else 0
    style, number, rest = strip_numbering(text[base:])
    base += len(text) - base - len(rest)
    bounds: list[tuple[int, int]] = []
    lost = _LOST_NUMBER.match(rest) if style is None else None
    if lost:
        pos = lost.end()
        for m in _LOST_NEXT.finditer(rest, pos):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(rest)))
    elif style in ("arabic", "arabic_paren") and number is not None:
        rx = _ITEM_MARK if style == "arabic" else _ITEM_MARK_PAREN
        expected, pos = number + 1, 0
        for m in rx.finditer(rest):
            if int(m.group("n")) == expected and m.start() > pos:
                bounds.append((pos, m.start()))
                pos = m.end()
                expected += 1
        bounds.append((pos, len(rest)))
    else:
        bounds.append((0, len(rest)))
    out = []
    for a, b in bounds:
        piece = rest[a:b]
        lead = len(piece) - len(piece.lstrip())
        tail = _TRAILING.search(piece[lead:])
        end = a + lead + tail.start() if tail else b
        if end > a + lead:
            out.append((base + a + lead, base + end))
    return out


def split_items(text: str) -> list[str]:
    """Split a line holding several numbered items ("1、A2、B") into item texts, numbering removed.

    >>> split_items("1、庆祝三八节2、开展“3.8”读书活动3.召开会议。")
    ['庆祝三八节', '开展“3.8”读书活动', '召开会议']
    """
    return [text[a:b] for a, b in item_spans(text.strip())]
