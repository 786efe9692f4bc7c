"""Where a new line begins inside a line: the cuts that turn a page's lines into the lines a reader sees.

A numbered heading or item counting on (二、 after 一、, 1、 with a 2、 further on), a month heading, a plan
title (…篇2, 【篇二】, 第三篇, with the label the page's titles share), an inline section label (主要目标：),
a salutation, a title glued to its body. In a whole page pasted on one line, also what the line breaks
used to say: sentence ends outside numbered items, months in calendar order, bare section labels.
"""

from __future__ import annotations

import itertools
import re

from .model import Line
from .months import MNUM
from .numbering import CIRCLED, CN, MIDLINE

__all__ = ["PAGE_LINE", "cut_lines", "cut_points", "shared_labels", "starts_structure"]

_OPENERS = "“‘\"'「『《〈〔[【(（第"
_BOUNDARY = set("。！!？?；;：:…”’」』)）】] \t")
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
_ORDINAL_BRACKET = re.compile(rf"[【\[]\s*(?:篇\s*[{CN}\d]{{1,3}}|第\s*[{CN}\d]{{1,3}}\s*篇)\s*[】\]]")
# "…篇2", "…篇三" (but "16篇", "精选三篇": a count; "2024篇三": a year ends the label)
_ORDINAL_PIAN = re.compile(rf"(?<![{CN}]|(?<!\d{{2}})\d)篇\s*(?P<n>[{CN}]{{1,3}}|\d{{1,3}})(?![\d年])")
_ORDINAL_DI = re.compile(rf"第\s*(?P<n>[{CN}]{{1,3}}|\d{{1,3}})\s*篇")
_INLINE_LABEL = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,10})\s*[:：]")
_SALUTATION = re.compile(
    r"(?:尊敬的[\u4e00-\u9fff、]{1,20}|各位[\u4e00-\u9fff、]{1,12}|同志们|老师们|朋友们|同事们)\s*[:：]"
)
_GENRE_END = re.compile(r"(计划|要点|总结|方案|安排|打算|思路|报告|规划)")
_CONTINUES = set("如是的要将由为中和与及以已在等，,。：:；;、")


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


def _boundary(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _BOUNDARY


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

    cuts = []
    for m in _MONTH_HEAD.finditer(text):
        at = m.start()
        if at == 0:
            continue
        if _FIELD_BEFORE.search(text, 0, at):
            continue  # "时间：5月": the month is a field's value, not a heading
        glued = not _boundary(text, at) and text[at] not in "【["
        colon = text[m.end() : m.end() + 1] in ("：", ":")
        themed = _THEMED_RESTART.match(text, m.end()) is not None
        if glued and not (colon or themed):
            continue
        head = parse_month(text[at : at + 60])
        if head is not None and (head.strict or themed):
            cuts.append(at)
    return cuts


def _title_start(text: str, at: int, labels: tuple[str, ...] = ()) -> int:
    """Where a plan title that ends in an ordinal at ``at`` begins: its site label ("小学工会工作计划篇2",
    "2022机关工会工作计划 第1篇") — the label the page's titles share when it has several, else the words
    back to the previous sentence end; without a label, at ``at``."""
    head = text[max(0, at - 40) : at]
    for label in labels:
        if head.rstrip().endswith(label):
            return at - (len(head) - len(head.rstrip())) - len(label)
    lo = max(0, at - 40)
    stop = max((i for i, c in enumerate(head) if c in _BOUNDARY - {" "} or c in "，,、"), default=-1)
    label = head[stop + 1 :].strip()
    if len(label) >= 4 and (_GENRE_END.search(label) or "工会" in label):
        return lo + stop + 1 + (len(head[stop + 1 :]) - len(head[stop + 1 :].lstrip()))
    return at


def shared_labels(texts: list[str]) -> tuple[str, ...]:
    """The site labels a page's numbered titles share ("小学工会2023工作计划" before 篇1, 篇2, …): the
    longest ending the words before two or more ordinals have in common, from its last sentence break."""
    windows = [
        t[max(0, m.start() - 40) : m.start()].rstrip()
        for t in texts
        for rx in (_ORDINAL_DI, _ORDINAL_PIAN)
        for m in rx.finditer(t)
    ]
    found: dict[str, int] = {}
    for i, a in enumerate(windows):
        for b in windows[i + 1 :]:
            n = 0
            while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
                n += 1
            label = a[len(a) - n :]
            cut = max((k for k, c in enumerate(label) if c in _BOUNDARY or c in "，,、"), default=-1)
            label = label[cut + 1 :].strip()
            if len(label) >= 4 and (_GENRE_END.search(label) or "工会" in label):
                found[label] = found.get(label, 0) + 1
    return tuple(sorted(found, key=lambda lab: (-found[lab], -len(lab))))


def _title_cuts(text: str, expected: dict[str, int], labels: tuple[str, ...] = ()) -> list[int]:
    """Cuts around plan titles inside a line: before the title (its label included) and after its
    ordinal ("…篇2", "第三篇", "【篇二】")."""
    cuts: list[int] = []
    taken: list[tuple[int, int]] = []
    for rx in (_ORDINAL_BRACKET, _ORDINAL_DI, _ORDINAL_PIAN):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if rx is _ORDINAL_PIAN and text[m.start() - 1 : m.start()] in (
                "第",
                "每",
                "这",
                "该",
                "本",
                "一",
                "两",
                "几",
            ):
                continue
            start = _title_start(text, m.start(), labels)
            if rx is _ORDINAL_PIAN and start == m.start():
                continue  # "篇二" needs its label to be a title
            end = m.end()
            label = text[start : m.start()].strip()
            if rx is _ORDINAL_PIAN:
                number = m.group("n")
                want = expected.get(label)
                if (
                    want is not None
                    and number.isdigit()
                    and len(number) > len(str(want))
                    and number.startswith(str(want))
                ):
                    end = m.start("n") + len(str(want))  # "篇220_年": the second plan, then "20_年"
                digits = text[m.start("n") : end]
                expected[label] = (int(digits) if digits.isdigit() else 0) + 1
            taken.append((m.start(), m.end()))
            cuts.append(start)
            if not re.match(r"\s*[:：]", text[end:]):
                cuts.append(end)  # "篇一：2024年…工作计划" keeps its own title after the colon
    return cuts


def _label_cuts(text: str) -> list[int]:

    cuts = []
    from .numbering import is_label, strip_numbering

    for m in _INLINE_LABEL.finditer(text):
        if m.start() > 0 and _boundary(text, m.start()) and is_label(m.group("label")):
            if (
                strip_numbering(text[: m.start()])[0] is not None
                and not strip_numbering(text[: m.start()])[2].strip()
            ):
                continue  # "（二）活动安排：": the label of a numbered heading
            cuts.append(m.start())
    for m in _SALUTATION.finditer(text):
        if m.start() > 0 and _boundary(text, m.start()):
            cuts.append(m.start())
    return cuts


_QUESTION = re.compile(r"什么|怎么|怎样|如何|为何|吗$|[?？]$")


def _glued_title_cut(text: str) -> list[int]:
    """A plan title at the start of a line that runs straight on into its body."""
    from .titles import is_title_like

    if len(text) < 40:
        return []
    bracket = re.match(r"^【?([^【】\s]{4,40})】", text)
    if bracket and text[bracket.end() :].strip():
        from .titles import is_headline

        # a page's headline in brackets: a plan title, or a question the page answers ("【工会什么意思】")
        if is_headline(bracket.group(1)) or (text[0] == "【" and _QUESTION.search(bracket.group(1))):
            return [bracket.end()]  # "【工会工作总结范文】在过去的一年中…", "工会年度活动计划表】为丰富…"
    for m in _GENRE_END.finditer(text, 4, 60):
        title = text[: m.end()]
        rest = text[m.end() :].lstrip()
        if not rest or len(rest) < 20 or rest[0] in _CONTINUES:
            continue
        if title.count("《") > title.count("》") or title.count("“") > title.count("”"):
            continue  # inside a book title or a quotation ("《…工作计划》由会员上传…")
        if is_title_like(title.strip()):
            return [m.end()]
    return []


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
    for ln in lines:
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
