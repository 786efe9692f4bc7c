"""The head of a page: the furniture rule a line answers to (:func:`furniture_reason`), and a site's menu:
runs of short link labels above the text ("新闻中心 / 学校新闻 / 通知公告", "• 预约挂号 / • 官方微信",
"订单查询 / 首页 工作文档"), set aside as site navigation.

A menu label is a few characters with no punctuation and no digits; one label alone could be a heading or an
organisation's name, so only a run of them counts, and never a line that a plan opens with (a title naming
its kind, a section heading such as 指导思想).
"""

from __future__ import annotations

import re
from functools import cache

from ._lexicon import depends_on_lexicons, furniture_rules, load_toml
from .numbering import numbered_item, strip_numbering
from .titles import is_article_headline, is_title_like, ordinal_title

__all__ = ["PAGE_NOTE", "body_line", "furniture_reason", "menu_lines", "numbered_item"]

_BULLET = re.compile(r"^\s*[•·▪●◆■□○◇►▶>»*]+\s*")
_SEPARATORS = re.compile(r"\s*[|｜│]\s*|\s+")
_LABEL = re.compile(r"^[\u3400-\u9fffA-Za-z]{2,8}$")


@depends_on_lexicons
@cache
def _words() -> tuple[re.Pattern[str], ...]:
    """What no menu label says (furniture.toml [menu]): the text's words, a table's, an organisation's name,
    a title's last word."""
    menu = load_toml("furniture.toml")["menu"]
    return tuple(re.compile(menu[k]) for k in ("text_words", "table_words", "organisation", "title_end"))


# the head ends at the first sentence: punctuation, or a line longer than any menu row
_SENTENCE = re.compile(r"[，,。；;：:！!？?、]")
_MAX_ROW = 40


def _labels(text: str) -> tuple[list[str], bool] | None:
    """The link labels a line is made of and whether it has a bullet, or None when it is not a menu row."""
    if "\t" in text:
        return None  # cells of a table
    bullet = _BULLET.match(text) is not None
    row = _BULLET.sub("", text).strip().strip("|｜│").strip()
    if not row or len(row) > _MAX_ROW:
        return None
    text_words, table_words, organisation, title_end = _words()
    labels = [x for x in _SEPARATORS.split(row) if x]
    if not labels or not all(_LABEL.match(x) for x in labels) or any(table_words.search(x) for x in labels):
        return None
    if len(labels) == 1 and len(row) >= 6 and text_words.search(row):
        return None  # "工会工作计划", "学校工会工作总结": a title, not a link
    if len(labels) > 1 and (any(organisation.search(x) for x in labels) or title_end.search(labels[-1])):
        return None  # "东湖小学 教工工会 春季学期 工作计划": a title spaced out, not a row of links
    if len(labels) == 1 and text_words.fullmatch(row):
        return None  # a bare section heading
    return labels, bullet


def menu_lines(texts: list[str | None]) -> list[int]:
    """Indices of the page-head lines that are a site's menu. ``texts`` are the page's lines from the top
    (None for a line already set aside, which neither starts nor breaks a run); the head ends at the first
    line that is a sentence."""
    found: list[int] = []
    run: list[int] = []
    widths: list[int] = []  # labels per row
    labels = bullets = 0

    def close() -> None:
        # several rows with three labels or more between them, bulleted rows, or one row of four links; not
        # rows of as many cells each (a table: "活动名称 参加对象 组织部门" over "拔河比赛 全体教职工 工会")
        table = len(run) >= 2 and len(set(widths)) == 1 and widths[0] >= 2
        if not table and (
            (len(run) >= 2 and (labels >= 3 or bullets >= 2)) or (len(run) == 1 and labels >= 4)
        ):
            found.extend(run)

    for i, text in enumerate(texts):
        if text is None:
            continue
        row = _labels(text)
        if row is None:
            close()
            run, widths, labels, bullets = [], [], 0, 0
            if _SENTENCE.search(text) or len(text) > _MAX_ROW:
                break
            continue
        run.append(i)
        widths.append(len(row[0]))
        labels += len(row[0])
        bullets += row[1]
    else:
        close()
    return found


# the covering notice of an issued document ("现将《…2022年工作要点》印发给你们，请参照执行。"), which stands
# above the document it issues, often without a title of its own (a disclosure page shows its title apart)
_ISSUES = re.compile(
    r"(?:印发|转发|下发)给你们|现将.{0,40}(?:印发|转发|下发)|请.{0,8}(?:参照|遵照|贯彻)执行|特此通知"
)


def issues_document(text: str) -> bool:
    """Whether a line is a covering notice's: it issues or forwards the document below it."""
    return _ISSUES.search(text) is not None


# a line of a plan's body: a sentence, or an item with its number (numbering.strip_numbering)
_SENTENCE_BREAK = re.compile(r"[。；;，,]")


def body_line(text: str) -> bool:
    """A sentence or numbered item of a plan (above a compilation's first entry: the end of a plan the page
    cut), not a contents line naming one ("1.小学工会工作计划")."""
    style, _, rest = strip_numbering(text.strip())
    return (style is not None or _SENTENCE_BREAK.search(text) is not None) and not is_title_like(
        rest, organisation=False
    )


# A widget's words inside a plan's own numbered sentence ("3、…，扫一扫下方二维码报名。") leave it the plan's.
_IN_ITEM = frozenset({"page_widget", "site_navigation"})


def furniture_reason(text: str, *, outside: bool) -> str | None:
    """The reason the first line rule of furniture.toml gives for ``text`` (``outside``: the line is outside
    any plan, where rules for such lines also apply), or ``None``."""
    for rule in furniture_rules():
        if rule.scope != "line" or (rule.where == "outside" and not outside) or not rule.matches(text):
            continue
        if rule.reason in _IN_ITEM and numbered_item(text) and re.search(r"[，,。；;]", text):
            continue  # the plan's own numbered sentence
        # "街道工会工作总结怎么写 篇1": a site's entry under its how-to title, not its intro
        entry = rule.reason == "site_intro" and ordinal_title(text) is not None and is_article_headline(text)
        return None if entry else rule.reason
    return None


# What a site writes between a plan's title and its text: a byline or source ("| 来源:网友投稿", "作者：…",
# several labelled fields on one line: "时间: 04-26 作者:… 栏目:…"),
# an elision note ("……(开头部分已省略664字)"), the template site's blurb ("以下是…为大家整理的…，供大家参考",
# "工作计划是行政活动中使用范围很广的重要公文…").
PAGE_NOTE = re.compile(
    r"^[|｜\s]*(来源|作者|发布(时间|日期|者)?|发稿时间|浏览(次数)?|点击(数|量)?)\s*[:：]"
    r"|^.{0,30}(时间|日期|作者|来源|栏目)\s*[:：].{0,40}(作者|来源|栏目|编辑|点击|浏览(次数)?)\s*[:：]"
    r"|省略\s*\d+\s*字"
    r"|^以下是.{0,40}(整理|收集|分享|精选|推荐).{0,40}(供|希望|欢迎)"
    r"|^(工作)?计划是.{0,40}(公文|文书|应用文|预先|事先)"
)
