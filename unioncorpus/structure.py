"""Stage 4 — sections and scheduled activities: structure every plan the way a reader sees it.

The numbering ladder of Chinese official writing (一、 / （一） / 1、 / （1） / ①, 第一部分, markdown
``#``), bare headings on their own line, headings written inline with their text, and headings glued to the
end of the previous line are parsed into a heading tree; top-level blocks get a section kind from the
heading lexicon (``data/headings.toml``) or, failing that, from their content. Inside monthly_schedule
sections, month headings in every common form open months, and the lines under them are activities,
categorised by ``data/categories.toml``. Named campaigns in the key-work text are kept apart.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import cn2an

from ._lexicon import load_toml
from .model import Activity, Campaign, Document, Line, Section

__all__ = [
    "Heading",
    "MonthHeading",
    "categories",
    "categorize",
    "extract_campaigns",
    "heading_tree",
    "parse_heading",
    "parse_month",
    "split_items",
    "structure",
]

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Rank of numbering styles, highest first: the ladder of official writing.
STYLES = ("part", "cn", "cn_paren", "arabic", "arabic_paren", "circled")
_NUMBERING = (
    ("part", re.compile(rf"^第\s*(?P<n>[{_CN}\d]{{1,3}})\s*(?:部分|章|节)\s*[、:：.．]?\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[）)]\s*[、:：.．]?\s*")),
    ("cn", re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*(?:[、.．]|[:：](?!\d))\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[）)]\s*[、.．]?\s*")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d)|[)）](?!\d)|:(?!\d))\s*")),
    ("circled", re.compile(r"^(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、.．]?\s*")),
)
_BULLET = re.compile(r"^[•·●○◆◇■□▪▲△▶►☆★◎※➢➤√✓\-—*]+\s*")
_LABEL_END = re.compile(r"[。；;：:！!？?\s]")
_SENTENCE = re.compile(r"[。；;，,！!？?]")
_DATE = r"(?:\d{4}|二[〇○零0一二三四五六七八九]{3})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
_SUBTITLE = re.compile(rf"^(?:[（(][^（）()]{{2,30}}[)）]|[—－\-]{{1,2}}\s*\S.{{0,28}}|{_DATE})$")
_INLINE_KINDS = ("summary", "problems", "measures")
_INLINE_LABEL = re.compile(r"^([^，,。；;：:\s]{2,12})\s*[：:]")
_TRAILING = re.compile(r"[\s。；;，,、：:.．!！?？…]+$")


@dataclass(frozen=True)
class Heading:
    """A parsed line start: numbering style and number, the heading label and the rest of the line.

    Attributes:
        style: one of :data:`STYLES`, ``"md"`` (a markdown heading without numbering) or ``"bare"`` (a short
            unnumbered line).
        number: the number in the numbering (1 for 一、), or ``None``.
        label: the heading proper, up to the first sentence break ("一、指导思想 以…" gives "指导思想").
        text: the line without its numbering.
    """

    style: str
    number: int | None
    label: str
    text: str

    @property
    def rest(self) -> str:
        return self.text[len(self.label) :].lstrip(" ：:")


def _cn_int(token: str) -> int | None:
    if len(token) == 1 and token in _CIRCLED:  # str.isdigit() is True for ①, int() is not
        return _CIRCLED.index(token) + 1
    if token.isascii() and token.isdigit():
        return int(token)
    try:
        return int(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError):
        return None


def strip_numbering(text: str) -> tuple[str | None, int | None, str]:
    """``(style, number, rest)`` of a line's list numbering; style ``None`` when unnumbered.

    >>> strip_numbering("（三）健全制度建设")
    ('cn_paren', 3, '健全制度建设')
    >>> strip_numbering("3.8节庆祝")
    (None, None, '3.8节庆祝')
    """
    for style, rx in _NUMBERING:
        m = rx.match(text)
        if m and m.end() < len(text) + 1:
            return style, _cn_int(m.group("n")), text[m.end() :]
    return None, None, text


@lru_cache(maxsize=1 << 16)
def parse_heading(text: str, *, md_level: int = 0) -> Heading | None:
    """Parse the heading at the start of a line, or ``None`` for a plain sentence.

    >>> parse_heading("一、指导思想 以党的二十大精神为指导").label
    '指导思想'
    >>> parse_heading("附：月份工作安排").label
    '月份工作安排'
    """
    style, number, rest = strip_numbering(text)
    if style is None:
        rest = re.sub(r"^附\s*[:：]?\s*(?=\S)", "", text) if text.startswith("附") else text
        inline = _INLINE_LABEL.match(rest)
        if md_level:
            style = "md"
        elif len(rest) <= 20 and not _SENTENCE.search(rest.rstrip("：:")):
            style = "bare"
        elif inline and heading_kind(inline.group(1)) in _INLINE_KINDS:
            # "存在的不足：工会活动形式单一…": a retrospective heading written inline with its text. An inline
            # "总体要求：…" stays prose (the opening paragraph of the plan).
            style = "bare"
        else:
            return None
    cut = _LABEL_END.search(rest)
    label = rest[: cut.start()] if cut else rest
    return Heading(style, number, label.strip(), rest.strip())


# -- months ---------------------------------------------------------------------------------------
_MNUM = r"(?:十[一二]|1[0-2]|0?[1-9]|[一二三四五六七八九十])"
_MONTH = re.compile(
    rf"^(?:(?P<year>(?:19|20)?\d{{2}}|二[〇○零0一二三四五六七八九]{{3}})\s*年\s*)?"
    rf"(?P<list>{_MNUM}(?:\s*(?:[、,，\-—–~～至到和与及/]\s*)?{_MNUM}){{0,3}})\s*月\s*份?"
    r"(?:[上中下]旬|初|底|末|中)?"
)
_VACATION = re.compile(r"^(?P<v>寒假|暑假|暑期|春节期间|春节前后|假期)(?:期间|里)?\s*(?=$|[：:])")
_VACATION_MONTHS = {
    "寒假": [1, 2],
    "春节期间": [1, 2],
    "春节前后": [1, 2],
    "暑假": [7, 8],
    "暑期": [7, 8],
    "假期": [7, 8],
}
_DECOR = re.compile(r"^[【\[〔◆◇★☆●○■□▲△•·\s]+(?=\S)")
_MONTH_TO = re.compile(rf"^\s*[至到\-—–~～]\s*(?P<to>{_MNUM})\s*月\s*份?")
_MONTH_TOKEN = re.compile(r"十[一二]|1[0-2]|0?[1-9]|[一二三四五六七八九十]")


@dataclass(frozen=True)
class MonthHeading:
    """A month heading: its months, the text after it on the same line, and how sure we are.

    ``strict`` headings (a month alone, a month followed by a colon/space and text, or a month with a short
    theme) open months anywhere; a loose one ("三月份召开家长会。") only inside a schedule.
    """

    months: tuple[int, ...]
    rest: str
    separated: bool
    strict: bool


def _months_of(listing: str) -> tuple[int, ...]:
    tokens = _MONTH_TOKEN.findall(listing)
    values = [v for v in (_cn_int(t.lstrip("0") or t) for t in tokens) if v is not None and 1 <= v <= 12]
    if len(values) == 2 and re.search(r"[\-—–~～至到]", listing):
        a, b = values
        span = list(range(a, b + 1)) if a <= b else [*range(a, 13), *range(1, b + 1)]
        return tuple(span)
    out: list[int] = []
    for v in values:
        if v not in out:
            out.append(v)
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def parse_month(text: str) -> MonthHeading | None:
    """Parse a month heading at the start of a line.

    >>> parse_month("七、八月份").months
    (7, 8)
    >>> parse_month("18年一月份").months
    (1,)
    >>> parse_month("三月:1、庆祝三八节2、开展读书活动").rest
    '1、庆祝三八节2、开展读书活动'
    >>> parse_month("五月份举办家长半日开放活动。").strict
    False
    """
    text = _DECOR.sub("", text)  # "【三月】", "◆九月份", "★ 十月"
    body = text
    style, _, rest = strip_numbering(text)
    if style is not None and style != "cn":
        body = rest  # "（一）九月份" / "1、九月份："
    m = _MONTH.match(body)
    if m:
        listing = m.group("list")
        after = body[m.end() :]
        to = _MONTH_TO.match(after)
        if to:  # "十一月至一月"
            listing, after = f"{listing}至{to.group('to')}", after[to.end() :]
        months = _months_of(listing)
        if not months or re.match(r"\s*\d{1,2}\s*[日号]", after):
            return None  # "9月1日": a date
    else:
        v = _VACATION.match(text)
        if not v:
            return None
        months = tuple(_VACATION_MONTHS[v.group("v")])
        after = text[v.end() :]
    if style is not None and style != "cn" and after.strip() and not re.match(r"\s*[：:]", after):
        return None  # "3、三月份召开家长会": an item that names a month, not a heading
    sep = re.match(r"^\s*[】\]〕]?\s*(?:[：:]|[（(][^）)]{0,12}[）)])?\s*", after)
    separated = bool(after) and (after[0] in " ：:\t】]〕" or after.startswith(("(", "（")))
    rest = after[sep.end() :] if sep else after
    rest = rest.strip()
    if m and after and after[0] in "，,。的日号底":
        return None  # "9月，我校…", "3月的…", "9月1日": a sentence or a date, not a heading
    strict = not rest or separated or (len(rest) <= 16 and not _SENTENCE.search(rest))
    return MonthHeading(months, rest, separated, strict)


# -- items ----------------------------------------------------------------------------------------
_ITEM_MARK = re.compile(r"(?<![\d.．“\"'‘])(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))")
_ITEM_MARK_PAREN = re.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[）)]")


def split_items(text: str) -> list[str]:
    """Split a line holding several numbered items ("1、A2、B") into item texts, numbering removed.

    Only markers counting up from the first one split, so "3.8" or "5.1" inside an item stay.

    >>> split_items("1、庆祝三八节2、开展“3.8”读书活动3.召开会议。")
    ['庆祝三八节', '开展“3.8”读书活动', '召开会议']
    """
    text = _BULLET.sub("", text.strip())
    style, number, rest = strip_numbering(text)
    if style in ("arabic", "arabic_paren") and number is not None:
        rx = _ITEM_MARK if style == "arabic" else _ITEM_MARK_PAREN
        items, expected, pos = [], number + 1, 0
        for m in rx.finditer(rest):
            if int(m.group("n")) == expected and m.start() > pos:
                items.append(rest[pos : m.start()])
                pos = m.end()
                expected += 1
        items.append(rest[pos:])
    else:
        items = [rest]
    out = []
    for item in items:
        item = _TRAILING.sub("", item.strip())
        if item:
            out.append(item)
    return out


@cache
def _category_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["category"], re.compile(r["pattern"])) for r in load_toml("categories.toml")["rule"])


def categories() -> tuple[str, ...]:
    """The activity categories in taxonomy order, ``"other"`` last."""
    return (*dict.fromkeys(c for c, _ in _category_rules()), "other")


def categorize(text: str) -> str:
    """The activity category of ``text`` (rules in ``data/categories.toml``).

    The cue found earliest in the text decides (the activity a line names first is its main one: "庆祝
    教师节，表彰优秀教师" is a celebration); cues at the same place go by rule order.

    >>> categorize("召开工会委员会会议"), categorize("庆祝“三八”国际妇女节"), categorize("组织教师体检")
    ('meeting', 'festival', 'health')
    """
    best: tuple[int, int, str] | None = None
    for order, (category, rx) in enumerate(_category_rules()):
        m = rx.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, category)
    return best[2] if best else "other"


# -- headings lexicon -----------------------------------------------------------------------------
@cache
def _heading_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["kind"], re.compile(r["pattern"])) for r in load_toml("headings.toml")["rule"])


@cache
def _content_rx(name: str) -> re.Pattern[str]:
    return re.compile(load_toml("headings.toml")["content"][name])


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


# -- glued headings -------------------------------------------------------------------------------
_GLUED_MONTH = re.compile(
    rf"^(?P<head>.{{4,}}?[。；;！!）)])\s*(?P<tail>{_MNUM}(?:\s*[、,，]\s*{_MNUM})?\s*月份?\s*[：:]?)$"
)
_GLUED_CN = re.compile(
    rf"^(?P<head>.{{4,}}?[。；;！!])\s*(?P<tail>(?:[{_CN}]{{1,3}}\s*、|[（(][{_CN}]{{1,3}}[）)])[^。；;，,]{{2,20}}[：:]?)$"
)


def _unglue(lines: list[Line]) -> list[Line]:
    """Split a heading glued to the end of the previous line ("…比赛。五月") into its own fragment."""
    out = []
    for ln in lines:
        m = _GLUED_MONTH.match(ln.text) or _GLUED_CN.match(ln.text)
        if m:
            cut = m.start("tail")
            out.append(ln.cut(0, cut))
            out.append(ln.cut(cut))
        else:
            out.append(ln)
    return out


# -- the heading tree -----------------------------------------------------------------------------
@dataclass
class Node:
    """A node of a document's heading tree: a heading line and the lines under it."""

    index: int
    line: int
    heading: Heading
    level: int
    children: list[Node] = field(default_factory=list)


def heading_tree(doc: Document) -> list[Node]:
    """The heading tree of a document: numbered and markdown headings nested by the numbering ladder.

    Levels follow the order in which numbering styles first appear (a plan that starts with （一） has
    （一） at the top), so inconsistent markdown levels do not matter.
    """
    lines = _unglue(doc.body_lines())
    order: list[str] = []
    nodes: list[tuple[int, Heading]] = []
    for i, ln in enumerate(lines):
        if parse_month(ln.text):
            continue
        h = parse_heading(ln.text, md_level=ln.md_level)
        if h is None or (h.style == "bare" and heading_kind(h.label) is None):
            continue
        key = "md" if h.style == "md" else h.style
        if key not in order:
            order.append(key)
        nodes.append((i, h))
    roots: list[Node] = []
    stack: list[Node] = []
    for i, h in nodes:
        level = order.index("md" if h.style == "md" else h.style)
        node = Node(i, lines[i].number, h, level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


# -- sections -------------------------------------------------------------------------------------
@dataclass
class _Block:
    start: int  # index into the body fragments
    kind: str | None
    heading: str | None
    heading_line: int | None


def _top_style(heads: list[Heading | None], months: list[MonthHeading | None]) -> str | None:
    present = {h.style for h, m in zip(heads, months, strict=True) if h is not None and m is None}
    for style in STYLES:
        if style in present:
            return style
    return None


def _content_kind(lines: list[Line], months: list[MonthHeading | None]) -> str:
    strict = sum(1 for m in months if m is not None and m.strict)
    if strict >= 2:
        return "monthly_schedule"
    text = "\n".join(ln.text for ln in lines)
    n_summary = len(_content_rx("summary").findall(text))
    if n_summary >= max(3, len(lines) // 2):
        return "summary"
    return "key_work"


def _month_run_start(months: list[MonthHeading | None], lines: list[Line], lo: int, hi: int) -> int | None:
    """Start of a run of month headings inside [lo, hi), with the short header lines just above it."""
    strict = [i for i in range(lo, hi) if months[i] is not None and months[i].strict]  # type: ignore[union-attr]
    if len(strict) < 2:
        return None
    first = strict[0]
    if first == lo:
        return None
    k = first
    while k - 1 > lo:
        t = lines[k - 1].text
        h = parse_heading(t, md_level=lines[k - 1].md_level)
        if h is None or len(h.label) > 12:
            break
        if h.style != "bare" and heading_kind(h.label) != "monthly_schedule":
            break
        k -= 1
    return k


def _sections(doc: Document, lines: list[Line]) -> list[Section]:
    heads = [parse_heading(ln.text, md_level=ln.md_level) for ln in lines]
    months = [parse_month(ln.text) for ln in lines]
    top = _top_style(heads, months)
    md_levels = [
        ln.md_level
        for ln, h, m in zip(lines, heads, months, strict=True)
        if h and h.style == "md" and m is None
    ]
    top_md = min(md_levels) if md_levels else 0

    blocks: list[_Block] = []
    in_schedule = False
    for i, (ln, h, m) in enumerate(zip(lines, heads, months, strict=True)):
        if m is not None:
            continue
        if h is None:
            # A plan laid out as a table: "指导思想 | 以…为指导" — the first cell names the section.
            rest = _row_rest(ln)
            if rest is not None and not in_schedule:
                cells = _cells(ln) or [""]
                blocks.append(_Block(i, heading_kind(cells[0]), cells[0], ln.number))
                if rest is not None and parse_month(rest) is not None:
                    months[i] = parse_month(rest)  # the row's content cell is organised by month
            continue
        kind = heading_kind(h.label)
        starts = False
        if h.style == top:
            # Inside a schedule, numbered items are activities, not sections, unless the lexicon says so.
            starts = not (in_schedule and h.style in ("arabic", "arabic_paren", "circled") and kind is None)
        elif h.style == "bare":
            starts = kind is not None and not in_schedule
        elif h.style == "md":
            starts = ln.md_level <= top_md or kind is not None
        elif kind == "monthly_schedule":
            starts = any(x is not None and x.strict for x in months[i + 1 : i + 4])
        if starts:
            blocks.append(_Block(i, kind, ln.text, ln.number))
            in_schedule = kind == "monthly_schedule" and any(x is not None for x in months[i + 1 : i + 4])

    # A run of months inside a block that is not a schedule opens a schedule of its own.
    bounds = [b.start for b in blocks] + [len(lines)]
    extra = []
    lo_first = blocks[0].start if blocks else len(lines)
    spans = [(0, lo_first, None), *((b.start, hi, b.kind) for b, hi in zip(blocks, bounds[1:], strict=True))]
    for lo, hi, kind in spans:
        if kind == "monthly_schedule":
            continue
        start = _month_run_start(months, lines, lo, hi)
        if start is not None:
            h = heads[start]
            label_kind = heading_kind(h.label) if h else None
            is_heading = (
                h is not None
                and months[start] is None
                and (h.style == "bare" or label_kind == "monthly_schedule")
            )
            extra.append(_Block(start, "monthly_schedule", lines[start].text if is_heading else None,
                                lines[start].number if is_heading else None))  # fmt: skip
    blocks = sorted(blocks + extra, key=lambda b: b.start)

    # Kinds: lexicon first, content when the lexicon is silent or contradicted by the months. In a summary,
    # unnamed blocks are retrospective until the plan part (a key-work heading) begins.
    retrospective = doc.doc_type in ("summary", "summary_and_plan")
    bounds = [b.start for b in blocks] + [len(lines)]
    for b, hi in zip(blocks, bounds[1:], strict=True):
        if b.kind in ("key_work", "goals", "guiding_ideology", "monthly_schedule"):
            retrospective = False
        if (
            b.kind is None
            and retrospective
            and _content_kind(lines[b.start : hi], months[b.start : hi]) != "monthly_schedule"
        ):
            b.kind = "summary"
            continue
        block_lines, block_months = lines[b.start : hi], months[b.start : hi]
        has_months = sum(1 for m in block_months if m is not None and m.strict) >= 2
        if b.kind == "monthly_schedule" and not has_months and not any(block_months):
            b.kind = "key_work"
        elif b.kind is None:
            b.kind = _content_kind(block_lines, block_months)
        elif has_months and b.kind in ("key_work", "goals", "measures", "guiding_ideology"):
            b.kind = "monthly_schedule"

    # Lines before the first block: a retrospective opening is summary, the rest preamble.
    pre: list[_Block] = []
    first = blocks[0].start if blocks else len(lines)
    for i in range(first):
        if i == 0 and doc.title_line is not None and _SUBTITLE.match(lines[0].text):
            continue  # "（2024年春季学期）", "——城西小学工会": a subtitle belongs to the title
        if not blocks and i > 0:
            break
        kind = (
            "summary"
            if re.match(r"^.{0,6}(回顾|一年来|过去的一年|去年|上一?年度)", lines[i].text)
            else "preamble"
        )
        if not pre or pre[-1].kind != kind:
            pre.append(_Block(i, kind, None, None))
    if not blocks and len(lines) > 1:
        rest_kind = _content_kind(lines[1:], months[1:])
        if pre and pre[-1].kind == "preamble" and len(lines) <= 2:
            rest_kind = "preamble"
        blocks = [_Block(1, rest_kind, None, None)]
    blocks = pre + blocks

    # A concluding paragraph or a signature/date at the end is closing.
    closing_at = None
    for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
        t = lines[i].text
        signature = (
            len(t) <= 30
            and months[i] is None
            and _cells(lines[i]) is None
            and (
                re.fullmatch(_DATE, t)
                or re.fullmatch(r"[^，。,；;]{2,28}(工会|工会委员会|小学|中学|幼儿园|学校|学院)", t)
            )
        )
        concluding = (
            heads[i] is None
            and months[i] is None
            and len(t) > 20
            and _content_rx("closing").search(t) is not None
        )
        if signature or (concluding and closing_at is None and i == len(lines) - 1):
            if any(b.start == i for b in blocks):
                break
            closing_at = i
            continue
        break
    if closing_at is not None and blocks and closing_at > blocks[-1].start:
        blocks.append(_Block(closing_at, "closing", None, None))

    # Merge neighbours of one kind; map fragments to raw lines without gaps or overlaps.
    sections: list[Section] = []
    title_lines = [
        ln.number for ln in doc.lines if doc.title_line is not None and ln.number == doc.title_line
    ]
    if title_lines:
        sections.append(Section("title", doc.start_line, doc.title_line, doc.title, doc.title_line))  # type: ignore[arg-type]
    for b in blocks:
        if b.start >= len(lines):
            continue
        ln = lines[b.start]
        start_line = ln.number + (0 if ln.at_line_start else 1)
        if sections and sections[-1].kind == b.kind:
            continue
        if sections and start_line <= sections[-1].start_line:
            if sections[-1].kind == "title":
                start_line = sections[-1].end_line + 1
            else:
                sections[-1].kind = b.kind  # the earlier block had no line of its own
                continue
        if start_line > doc.end_line:
            continue
        sections.append(Section(b.kind or "other", start_line, start_line, b.heading, b.heading_line))
    if not sections:
        sections.append(Section("other", doc.start_line, doc.end_line))
    sections[0].start_line = doc.start_line
    for a, b in itertools.pairwise(sections):
        a.end_line = b.start_line - 1
    sections[-1].end_line = doc.end_line
    # Neighbours that ended up with one kind (after the fixes above) become one section.
    merged: list[Section] = []
    for s in sections:
        if merged and merged[-1].kind == s.kind:
            merged[-1].end_line = s.end_line
        else:
            merged.append(s)
    return merged


# -- activities and campaigns ---------------------------------------------------------------------
def _cells(ln: Line) -> list[str] | None:
    """The cells of a table row (tab-separated: .docx and .html rows, markdown ``| a | b |`` rows), else ``None``."""
    if "\t" not in ln.text:
        return None
    return [c.strip() for c in ln.text.split("\t") if c.strip()]


_INLINE_MONTH = re.compile(rf"(?<=[；;。，,\s])\s*(?={_MNUM}(?:\s*[、,，]\s*{_MNUM})?\s*月份?\s*[：:])")


def _row_rest(ln: Line) -> str | None:
    """The content cells of a table row whose first cell names a section ("月份安排 | 九月：…")."""
    cells = _cells(ln)
    if cells and len(cells) >= 2 and heading_kind(cells[0]) is not None and parse_month(cells[0]) is None:
        return " ".join(cells[1:])
    return None


def _split_inline_months(lines: list[Line]) -> list[Line]:
    """ "三月：庆祝三八节；四月：春游" → one fragment per month, all on the same raw line."""
    out = []
    for ln in lines:
        cuts = [m.start() for m in _INLINE_MONTH.finditer(ln.text) if m.start() > 0]
        if not cuts or parse_month(ln.text) is None:
            out.append(ln)
            continue
        bounds = [0, *cuts, len(ln.text)]
        for a, b in itertools.pairwise(bounds):
            piece = ln.text[a:b].strip()
            if piece:
                out.append(ln.cut(a, b))
    return out


def _activities(lines: list[Line], sections: list[Section]) -> list[Activity]:
    ranges = [(s.start_line, s.end_line) for s in sections if s.kind == "monthly_schedule"]
    lines = [replace(ln, text=rest, raw=rest) if (rest := _row_rest(ln)) else ln for ln in lines]
    lines = _split_inline_months(lines)
    out: list[Activity] = []
    current: tuple[int, ...] = ()
    in_range = False
    for k, ln in enumerate(lines):
        inside = any(a <= ln.number <= b for a, b in ranges) and not (
            not ln.at_line_start and any(a == ln.number + 1 for a, _ in ranges)
        )
        if not inside:
            if in_range:
                current = ()
            in_range = False
            continue
        in_range = True
        cells = _cells(ln)
        if cells and len(cells) >= 2 and parse_month(cells[0]):
            # A table row: the month cell, then the activity cell; further cells are people/notes.
            current = parse_month(cells[0]).months  # type: ignore[union-attr]
            texts = split_items(cells[1])
            out.extend(Activity(ln.number, list(current), t, categorize(t)) for t in texts)
            continue
        m = parse_month(ln.text)
        if m is not None and (m.strict or current):
            current = m.months
            if not m.rest:
                continue
            rest_items = split_items(m.rest)
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            next_is_month = nxt is None or parse_month(nxt.text) is not None
            numbered = strip_numbering(m.rest)[0] is not None
            colon = re.match(r"^.*?月\s*份?\s*[：:]", ln.text) is not None or ln.text.startswith(
                ("寒假", "暑")
            )
            # "2月 新学期新面貌" over numbered items names the month's theme; "四月：组织…" is an item.
            theme = (
                not numbered
                and not colon
                and not next_is_month
                and len(m.rest) <= 12
                and not _SENTENCE.search(m.rest)
            )
            if not theme:
                out.extend(Activity(ln.number, list(current), t, categorize(t)) for t in rest_items)
            # otherwise the text is the month's theme ("2月 新学期新面貌"), not an activity
            continue
        if not current:
            continue  # the schedule's own heading and table headers
        for t in split_items(ln.text):
            out.append(Activity(ln.number, list(current), t, categorize(t)))
    return out


_CAMPAIGN = re.compile(
    r"(?:开展|组织|举办|实施|推进|深化|创新|启动|参加|继续|坚持)?了?\s*"
    r"(?P<c>[“\"‘「][^”\"’」]{2,30}[”\"’」](?P<mid>[\u4e00-\u9fff]{0,6})(?:活动|行动|工程|竞赛|比赛|评选|评比|教育|宣讲|月|周|年))"
    r"|(?P<d>(?<![\w])\d{2,4}[\u4e00-\u9fff]{2,6}(?:行动|工程))"
)


def extract_campaigns(lines: list[Line], sections: list[Section]) -> list[Campaign]:
    """Named campaigns in the work text ("开展“学师德模范，争做三好教师”主题教育活动", "168爱生行动")."""
    kinds = ("key_work", "goals", "measures", "guiding_ideology", "preamble")
    ranges = [(s.start_line, s.end_line) for s in sections if s.kind in kinds]
    out: list[Campaign] = []
    seen: set[tuple[int, str]] = set()
    for ln in lines:
        if not any(a <= ln.number <= b for a, b in ranges):
            continue
        for m in _CAMPAIGN.finditer(ln.text):
            mid = m.group("mid") or ""
            if "等" in mid or mid == "的" or mid.startswith(("作为", "的教育")):
                continue  # "“重阳节”等活动" lists examples; "“立德树人”作为…" is a slogan, not a campaign
            text = (m.group("c") or m.group("d")).strip()
            if (ln.number, text) not in seen:
                seen.add((ln.number, text))
                out.append(Campaign(ln.number, text))
    return out


def structure(doc: Document) -> Document:
    """Fill ``sections``, ``activities`` and ``campaigns`` of ``doc`` in place."""
    body = _unglue(doc.body_lines())
    if not body:
        doc.sections = [Section("title", doc.start_line, doc.end_line, doc.title, doc.title_line)]
        doc.activities, doc.campaigns = [], []
        return doc
    doc.sections = _sections(doc, body)
    doc.activities = _activities(body, doc.sections)
    doc.campaigns = extract_campaigns(body, doc.sections)
    return doc
