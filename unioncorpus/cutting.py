"""Where a new line begins inside a line: the cuts that turn a page's lines into the lines a reader sees.

A numbered heading or item counting on (二、 after 一、, 1、 with a 2、 further on), a month heading, a plan
title (…篇2, 【篇二】, 第三篇, with the label the page's titles share), an inline section label (主要目标：),
a salutation, a title glued to its body. In a whole page pasted on one line, also what the line breaks
used to say: sentence ends outside numbered items, months in calendar order, bare section labels.
Title and label cuts live in :mod:`unioncorpus.title_cuts`.
"""

from __future__ import annotations

import itertools
import re

from .model import Line
from .months import MNUM
from .numbering import CIRCLED, CN, MIDLINE, strip_numbering
from .title_cuts import _boundary, _glued_title_cut, _label_cuts, _title_cuts, shared_labels

__all__ = ["PAGE_LINE", "cut_lines", "cut_points", "shared_labels", "starts_structure"]

_OPENERS = "“‘\"'「『《〈〔[【(（第"
# "一、二年级", "三、四月份", "一、二等奖": numerals listed, not a heading
_CN_LIST = re.compile(
    rf"[{CN}]{{1,3}}\s*(?:[、，,和与及至到]|(?:月|年级|年|个|级|班|季|期|项|条|次|等|类|节))"
)
# At most twelve months listed: an unbounded listing made "一、一、一、…" lines quadratic.
_MONTH_HEAD = re.compile(
    rf"[【\[]?(?:(?:19|20)?\d{{2}}\s*年\s*)?(?:{MNUM}(?:\s*[、,，\-—–~～至到和]+\s*{MNUM}){{0,11}}\s*月份?|寒假|暑假|暑期)[】\]]?"
    rf"(?=\s*[：:]|\s+\S|\s*$|\s*(?:\d{{1,2}}|[（(]\d{{1,2}}[）)])\s*[、.．)）]|\s*[一二三四五六七八九十]、"
    r"|[\u4e00-\u9fff“”]{1,12}?\s*(?:1|[（(]1[）)])\s*[、.．)）])"
)


def _numbered(text: str) -> list[tuple[int, int, str, int]]:
    """``(start, end, style, number)`` of every numbering marker in a line, in order."""
    from .numbering import cn_int as _cn_int

    found: dict[int, tuple[int, int, str, int]] = {}
    for style, rx in MIDLINE:
        for m in rx.finditer(text):
            if m.start() in found:
                continue
            token = m.group("n")
            n = CIRCLED.index(token) + 1 if token in CIRCLED else _cn_int(token)
            if n is None:
                continue
            if style == "arabic" and m.start() > 0 and text[m.start() - 1] in "(（":
                continue
            found[m.start()] = (m.start(), m.end(), style, n)
    return [found[k] for k in sorted(found)]


def _numbered_cuts(text: str, last: dict[str, int]) -> list[int]:
    """Where numbered headings and items begin inside a line.

    A marker counts when it continues its style's count (二、 after 一、, 3、 after 2、: ``last`` carries the
    counts from line to line), or starts a count that the line goes on with (1、 with a 2、 further on), and
    it does not sit inside a quotation or a list of numerals ("“三、八”妇女节", "一、二年级", "第1、2期"). A
    Chinese-numeral heading inside a line must follow a sentence end unless the line goes on counting.
    """
    marks = _numbered(text)
    cuts = []
    for k, (start, end, style, n) in enumerate(marks):
        prev = text[start - 1] if start else ""
        if prev and (prev in _OPENERS or prev in "．.、-—/"):
            continue
        if style in ("arabic", "arabic_paren") and prev.isascii() and prev.isalnum():
            continue  # "A1、", "2021.": part of a word or a number
        if style == "cn_paren" and re.search(r"[\d日号]\s{0,2}$", text[:start]) and n <= 7:
            continue  # "4/16(四)、4/17(五)", "4月16日（四）": a date's weekday, not a heading
        if style == "cn" and _CN_LIST.match(text, end):
            continue
        following = [m for m in marks[k + 1 :] if m[2] == style]
        nxt = following[0][0] if following else len(text)
        if len(text[end:nxt].strip()) < 2:
            continue  # "1、2、3号楼": numbers listed, not items
        goes_on = any(m[3] == n + 1 for m in following)
        continues = last.get(style) == n - 1
        starts = goes_on and (n == 1 or last.get(style) is None)
        if style in ("part", "cn", "cn_paren") and not goes_on and start > 0 and not _boundary(text, start):
            continue
        after_space = start > 0 and text[start - 1].isspace()
        if start == 0 or continues or starts or after_space:
            last[style] = n
            if start > 0:
                cuts.append(start)
    return cuts


_FIELD_BEFORE = re.compile(r"(?:时间|日期|时段)\s*[:：]\s*$")
# a month, perhaps its theme ("10月祖国颂活动"), then a count starting at 1: a month heading
_THEMED_RESTART = re.compile(
    r"[ \u4e00-\u9fff“”]{0,12}?\s*(?:1|[（(]1[）)])\s*[、.．)）](?!\s*\d{1,2}\s*[日号])"
)


def _month_cuts(text: str) -> list[int]:
    """Where month headings begin inside a line: after a sentence end or a space; glued to the words
    before it only when a colon or a count starting at 1 follows it, perhaps after the month's theme
    ("…工会小组活动六月1、召开…", "…工会委员会十一月：", "…板报10月祖国颂活动1、爱国主义教育")."""
    from .months import parse_month

    if "月" not in text and "假" not in text and "暑" not in text:  # no month, 寒暑假 or 暑期: no heading
        return []
    cuts = []
    for m in _MONTH_HEAD.finditer(text):
        at = m.start()
        if at == 0:
            continue
        if _FIELD_BEFORE.search(text, 0, at):
            continue  # "时间：5月": the month is a field's value, not a heading
        if text[:at].rstrip().endswith(("年", "年度")):
            continue  # "20xx年3月：": the month of a date whose year is written before it
        style, _, before = strip_numbering(text[:at])
        if style is not None and not before.strip():
            continue  # "2、2009年3月：…": the item's number before its dated month
        if text[:at].rstrip().endswith("十"):
            continue  # "十 一 月": a month spaced out character by character (PDF text)
        if re.search(r"月\s*份?\s*[、,，和与及/]\s*$", text[:at]):
            continue  # "七月、八月：": the second month of a listing
        glued = not _boundary(text, at) and text[at] not in "【["
        colon = text[m.end() : m.end() + 1] in ("：", ":")
        themed = _THEMED_RESTART.match(text, m.end()) is not None
        if glued and not (colon or themed):
            continue
        head = parse_month(text[at : at + 60])
        if head is not None and (head.strict or themed):
            cuts.append(at)
    return cuts


def cut_points(text: str, *, state: dict | None = None) -> list[int]:
    """Offsets in ``text`` where a reader sees a new line begin (see the module docstring).

    ``state`` carries what earlier lines of the file said (numbering counts, plan-title labels).

    >>> cut_points("工作思路: 1、加强学习，提高素质。2、关心教职工生活。")
    [6, 18]
    """
    state = {} if state is None else state
    cuts = set(_numbered_cuts(text, state.setdefault("numbers", {})))
    cuts |= set(_month_cuts(text)) | set(_label_cuts(text))
    cuts |= set(_title_cuts(text, state.setdefault("titles", {}), state.get("labels", ())))
    if not cuts or min(cuts) > 40:
        cuts |= set(_glued_title_cut(text))
    return sorted(c for c in cuts if 0 < c < len(text) and text[:c].strip() and text[c:].strip())


def starts_structure(text: str) -> bool:
    """Whether a line opens something: a numbered heading or item, a month heading, a title, a bullet."""
    from .months import parse_month
    from .numbering import strip_numbering
    from .titles import ordinal_title

    return (
        strip_numbering(text)[0] is not None
        or parse_month(text[:60]) is not None
        or ordinal_title(text[:80]) is not None
        or text[:1] in "•·●○◆◇■□▪▲△▶►☆★◎※➢➤√✓-—*【"
    )


PAGE_LINE = 600  # a raw line this long is a whole page pasted on one line
_SENTENCE_BREAK = re.compile(r"[。！!？?]+[”’」』)）]*")


_MONTH_FEN = re.compile(rf"(?:{MNUM}\s*[、,，和至到\-—~]\s*)?{MNUM}\s*月份")
_BARE_LABEL = re.compile(r"(?<=[。；;！!？?\s])(?P<label>[\u4e00-\u9fff]{2,10})(?=[\s：:]|$)")


def _month_sequence_cuts(text: str) -> list[int]:
    """A schedule flattened into a page line: "X月份" after "X月份" in calendar order (three or more),
    each opens its month even where no punctuation or space is left before it."""
    from .months import months_of

    found = [(m.start(), months_of(m.group(0))) for m in _MONTH_FEN.finditer(text)]
    found = [(at, ms) for at, ms in found if ms]
    run: list[int] = []
    best: list[int] = []
    prev: int | None = None
    for at, ms in found:
        step = None if prev is None else (ms[0] - prev) % 12
        if prev is None or step in (1, 2, 3):
            run.append(at)
        else:
            run = [at]
        prev = ms[-1]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 3 else []


# "…工会工作计划3、协助学校…": an item number glued to the words before it, followed by the item's words
_GLUED_ITEM = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第共约近达前后每])(?:[1-9]|1\d|20)、(?=[\u4e00-\u9fff]{2})"
)


def _glued_item_cuts(text: str) -> list[int]:
    """In a page line, a numbered item whose line break was deleted, even where its count does not go on
    (an item numbered 3 among unnumbered ones): "N、" between words reads as nothing else."""
    return [m.start() for m in _GLUED_ITEM.finditer(text)]


def _bare_label_cuts(text: str) -> list[int]:
    """In a page line, a section label standing between sentences ("…的重要部分。  主要工作安排  九月份")."""
    from .numbering import is_label

    return [m.start() for m in _BARE_LABEL.finditer(text) if is_label(m.group("label"))]


def _sentence_cuts(text: str, cuts: list[int]) -> list[int]:
    """In a page pasted on one line, its lost line breaks: sentence ends outside numbered items (an
    unnumbered item or paragraph was a line of its own; a numbered item's sentences stay together)."""
    from .numbering import strip_numbering

    bounds = [0, *cuts, len(text)]
    out = set(cuts)
    for a, b in itertools.pairwise(bounds):
        if strip_numbering(text[a:b].lstrip())[0] in ("arabic", "arabic_paren", "circled"):
            continue
        for m in _SENTENCE_BREAK.finditer(text, a, b):
            if a < m.end() < b and text[m.end() : b].strip():
                out.add(m.end())
    return sorted(out)


def _section_cell(text: str) -> int | None:
    """Where the content starts in a table row whose first cell names a section ("指导思想\t以…")."""
    from .months import parse_month
    from .numbering import heading_kind
    from .schedule import is_header_row

    first, _, rest = text.partition("\t")
    if is_header_row([c.strip() for c in text.split("\t") if c.strip()]):
        return None  # a table's header row ("月份 | 工作内容 | 负责人")
    if rest.strip() and heading_kind(first.strip()) is not None and parse_month(first.strip()) is None:
        return len(first) + 1
    return None


def cut_lines(lines: list[Line]) -> list[Line]:
    """Cut every line where a reader sees a new line begin (the state of a file's counts and labels
    carried from line to line)."""
    out: list[Line] = []
    state: dict = {"labels": shared_labels([ln.text for ln in lines])}
    rows = [ln.text.count("|") >= 2 and len(ln.text) < PAGE_LINE for ln in lines]  # rows of a pipe table
    for i, ln in enumerate(lines):
        if "\t" in ln.text:
            head = _section_cell(ln.text)
            if head is None:
                out.append(ln)  # a table row: its cells are read by the structure stage
                continue
            # a plan laid out as a table: "月份安排 | 九月：…；十月：…" is a heading and its text
            out.append(ln.cut(0, head))
            rest = ln.cut(head)
            cuts = cut_points(rest.text, state=state)
            bounds = [0, *cuts, len(rest.text)]
            out += [p for a, b in itertools.pairwise(bounds) if (p := rest.cut(a, b)).text]
            continue
        if rows[i] and ((i > 0 and rows[i - 1]) or (i + 1 < len(rows) and rows[i + 1])):
            out.append(ln)  # a row of a table pasted with pipes (rows come in runs): its cells are read later
            continue
        cuts = cut_points(ln.text, state=state)
        if len(ln.text) >= PAGE_LINE:
            cuts = sorted(
                set(cuts)
                | set(_month_sequence_cuts(ln.text))
                | set(_bare_label_cuts(ln.text))
                | set(_glued_item_cuts(ln.text))
            )
            cuts = _sentence_cuts(ln.text, cuts)
        if not cuts:
            out.append(ln)
            continue
        bounds = [0, *cuts, len(ln.text)]
        for a, b in itertools.pairwise(bounds):
            piece = ln.cut(a, b)
            if piece.text:
                out.append(piece)
    return out
