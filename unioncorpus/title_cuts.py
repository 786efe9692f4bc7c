"""Plan titles and section labels inside a line: where a compilation's next plan title (…篇2, 【篇二】,
第三篇, with the label the page's titles share), an inline section label (主要目标：) or a salutation begins,
and a title glued to its body. Used by :mod:`unioncorpus.cutting`."""

from __future__ import annotations

import re

from .numbering import CN

__all__ = ["shared_labels"]

_BOUNDARY = set("。！!？?；;：:…”’」』)）】] \t")

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
# ... unless the body opens as plans do ("为了…", "为进一步…", "以习近平…为指导"), which a title
# never goes on with ("…活动方案为了庆祝教师节，…")
_OPENS_BODY = re.compile(
    r"为了|为(?:进一步|深入|全面|更好|切实|认真|丰富|庆祝|贯彻|加强|推动|促进|弘扬|营造|活跃|增强|提高|做好|迎接|纪念)"
    r"|以习近平"
)


def _boundary(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _BOUNDARY


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


def _ends_with_word(window: str, label: str) -> bool:
    """Whether ``window`` ends with ``label`` as a whole: at its start, after a break, or after a collection's
    title ("…优秀5篇小学工会2023工作计划" on a one-line page)."""
    before = window[: len(window) - len(label)]
    return not before or before[-1] in _BOUNDARY or before[-1] in "，,、篇"


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
            # a whole label in both, not the end two titles' words share ("学工会工作计划" of 小学… and 中学…)
            whole = bool(label) and all(_ends_with_word(w, label) for w in (a, b))
            if whole and len(label) >= 4 and (_GENRE_END.search(label) or "工会" in label):
                found[label] = found.get(label, 0) + 1
    return tuple(sorted(found, key=lambda lab: (-found[lab], -len(lab))))


def _title_cuts(text: str, expected: dict[str, int], labels: tuple[str, ...] = ()) -> list[int]:
    """Cuts around plan titles inside a line: before the title (its label included) and after its
    ordinal ("…篇2", "第三篇", "【篇二】")."""
    if "篇" not in text:  # every ordinal has it: most lines are ruled out without a scan
        return []
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
    """Where an inline section label ("主要目标：") or a salutation ("各位老师：") begins inside a line."""
    if ":" not in text and "：" not in text:  # both end in a colon: most lines have none
        return []
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


# a plan title, perhaps with the item number a template site gives it ("…工作计划1"), glued to its first heading
# (not "…工作计划(一)": that is the item's ordinal)
_ITEM_TITLE = re.compile(
    r"^(?P<t>[^，,。；;！!？?]{4,40}?(?:计划|要点|总结|方案|安排|规划|打算))\s*(?P<n>\d{1,2}|[（(]\d{1,2}[)）])?"
    r"\s*(?=(?:一\s*[、.．]|第一部分)\s*[^\s\d一二三四五六七八九十])"
)
_QUESTION = re.compile(r"什么|怎么|怎样|如何|为何|吗$|[?？]$")


def _glued_title_cut(text: str) -> list[int]:
    """A plan title at the start of a line that runs straight on into its body."""
    from .titles import is_title_like

    item = _ITEM_TITLE.match(text)
    dated = item is not None and (item.group("n") or re.search(r"(?:19|20)\d{2}|20[xX]{2}", item.group("t")))
    if item and dated and is_title_like(item.group("t"), organisation=False):
        return [item.end()]  # "2022年…工作计划1一、…": a compilation item's title, then its first heading
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
        if not rest or len(rest) < 20 or (rest[0] in _CONTINUES and not _OPENS_BODY.match(rest)):
            continue
        if title.count("《") > title.count("》") or title.count("“") > title.count("”"):
            continue  # inside a book title or a quotation ("《…工作计划》由会员上传…")
        if is_title_like(title.strip()):
            return [m.end()]
    return []
