from __future__ import annotations

from pathlib import Path

import pytest

import unioncorpus as uc
from unioncorpus.model import Document, Line, SourceText
from unioncorpus.months import parse_month
from unioncorpus.numbering import heading_kind, parse_heading, split_items, strip_numbering
from unioncorpus.schedule import categorize
from unioncorpus.structuring import structure


@pytest.mark.parametrize(
    ("text", "md_level", "style", "number", "label"),
    [
        ("一、指导思想", 0, "cn", 1, "指导思想"),
        ("二、重点工作", 0, "cn", 2, "重点工作"),
        ("十一、其他工作", 0, "cn", 11, "其他工作"),
        ("二:工作目标:", 0, "cn", 2, "工作目标"),
        ("（一）加强师德建设", 0, "cn_paren", 1, "加强师德建设"),
        ("(三)健全制度建设，提高教代会质量。", 0, "cn_paren", 3, "健全制度建设，提高教代会质量"),
        ("1、召开工会委员会会议", 0, "arabic", 1, "召开工会委员会会议"),
        ("2.新会员入会", 0, "arabic", 2, "新会员入会"),
        ("3．学习工会法", 0, "arabic", 3, "学习工会法"),
        ("（1）定期进行师德讲座", 0, "arabic_paren", 1, "定期进行师德讲座"),
        ("(2)坚持爱心妈妈活动", 0, "arabic_paren", 2, "坚持爱心妈妈活动"),
        ("①召开教代会", 0, "circled", 1, "召开教代会"),
        ("第一部分 工作回顾", 0, "part", 1, "工作回顾"),
        ("第二部分：工作计划", 0, "part", 2, "工作计划"),
        ("工作目标", 3, "md", None, "工作目标"),
        ("指导思想", 0, "bare", None, "指导思想"),
        ("工作目标：", 0, "bare", None, "工作目标"),
        ("附：月份工作安排", 0, "bare", None, "月份工作安排"),
        ("一、指导思想 以党的二十大精神为指导", 0, "cn", 1, "指导思想"),
        ("一、指导思想：以党的二十大精神为指导", 0, "cn", 1, "指导思想"),
        ("壹、指導思想", 0, "upper", 1, "指導思想"),
        ("參、實施策略", 0, "upper", 3, "實施策略"),
        ("拾贰、附则", 0, "upper", 12, "附则"),
    ],
)
def test_heading_forms(text: str, md_level: int, style: str, number: int | None, label: str) -> None:
    h = parse_heading(text, md_level=md_level)
    assert h is not None
    assert (h.style, h.number, h.label) == (style, number, label)


def test_sentences_are_not_headings() -> None:
    assert parse_heading("以党的二十大精神为指导，围绕学校中心工作，全心全意为教职工服务。") is None
    assert strip_numbering("3.8节庆祝活动") == (None, None, "3.8节庆祝活动")


def test_careless_comma_numbers_before_a_word_or_a_quoted_name() -> None:
    assert strip_numbering('1,"金秋"书画展') == ("arabic", 1, '"金秋"书画展')
    assert strip_numbering("2,“三八”节活动") == ("arabic", 2, "“三八”节活动")
    assert strip_numbering("2，组织春游") == ("arabic", 2, "组织春游")
    # a number's thousands group or a count is no item number
    assert strip_numbering("1,000元慰问金") == (None, None, "1,000元慰问金")
    assert strip_numbering("3,50岁以上职工") == (None, None, "3,50岁以上职工")


@pytest.mark.parametrize(
    ("text", "months", "rest", "strict"),
    [
        ("九月份", (9,), "", True),
        ("9月", (9,), "", True),
        ("十二月份：", (12,), "", True),
        ("2月 新学期新面貌", (2,), "新学期新面貌", True),
        ("9月铸师魂树师德扬师风强师能", (9,), "铸师魂树师德扬师风强师能", True),
        ("七、八月份", (7, 8), "", True),
        ("七八月份", (7, 8), "", True),
        ("一、二月", (1, 2), "", True),
        ("八、九月:1、开学准备工作", (8, 9), "1、开学准备工作", True),
        ("十一、十二月", (11, 12), "", True),
        ("9-10月", (9, 10), "", True),
        ("十一月至一月", (11, 12, 1), "", True),
        ("18年一月份", (1,), "", True),
        ("2024年3月", (3,), "", True),
        ("寒假", (1, 2), "", True),
        ("暑假：", (7, 8), "", True),
        ("暑期", (7, 8), "", True),
        ("三月:1、庆祝三八节2、开展读书活动", (3,), "1、庆祝三八节2、开展读书活动", True),
        ("四月 组织教师体育活动", (4,), "组织教师体育活动", True),
        ("五月份举办家长半日开放活动。", (5,), "举办家长半日开放活动。", False),
        ("（一）九月份", (9,), "", True),
        ("三月上旬", (3,), "", True),
        ("【三月】", (3,), "", True),
        ("◆九月份：庆祝教师节", (9,), "庆祝教师节", True),
        ("三月份（3月1日—3月31日）", (3,), "", True),
        ("七月、八月:", (7, 8), "", True),
        ("十一月、十二月份：1、慰问", (11, 12), "1、慰问", True),
        ("1、9月份：", (9,), "", True),
        ("2、3月份：", (3,), "", True),  # numbered month headings, not a listing
    ],
)
def test_month_forms(text: str, months: tuple[int, ...], rest: str, strict: bool) -> None:
    m = parse_month(text)
    assert m is not None
    assert (m.months, m.rest, m.strict) == (months, rest, strict)


@pytest.mark.parametrize(
    "text",
    [
        "9月1日开学",
        "3月，我校召开教代会",
        "暑期学习安排",
        "暑期送凉风帮困活动",
        "3、三月份召开家长会",
        "5、6月份举办家长会",
        "4月、9月,根据校内安排",
        "一、指导思想",
        "一是学习",
    ],
)
def test_not_month_headings(text: str) -> None:
    assert parse_month(text) is None


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1、召开工会委员会会议。", ["召开工会委员会会议"]),
        ("1、A活动2、B活动3、C活动", ["A活动", "B活动", "C活动"]),
        ("1.开展“3.8”节庆祝活动2.迎“5.1”运动会", ["开展“3.8”节庆祝活动", "迎“5.1”运动会"]),
        ("（1）读书（2）观影", ["读书", "观影"]),
        ("帮困送温暖工作", ["帮困送温暖工作"]),
        ("• 庆祝教师节；", ["庆祝教师节"]),
        ("▲召开第二届教代会第三次会议", ["召开第二届教代会第三次会议"]),
        ("2、配合学校做好第2、3项工作", ["配合学校做好第2、3项工作"]),
    ],
)
def test_split_items(text: str, items: list[str]) -> None:
    assert split_items(text) == items


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("指导思想", "guiding_ideology"),
        ("工作思路", "guiding_ideology"),
        ("工作目标", "goals"),
        ("活动目的", "goals"),
        ("活动目标", "goals"),
        ("服务学校发展目标", None),  # work for the school's goals
        ("创建目标", "goals"),  # a short name of the plan's aims
        ("年度目标", "goals"),
        ("实现两个目标", "goals"),  # a short heading naming the aims (an annotated page has it so)
        ("目标与措施", "key_work"),
        ("总的要求", "guiding_ideology"),
        ("工作目标和措施", "key_work"),
        ("主要工作", "key_work"),
        ("重点工作", "key_work"),
        ("具体工作", "key_work"),
        ("工作措施", "key_work"),
        ("工作要点", "key_work"),
        ("主要活动安排", "monthly_schedule"),
        ("月份工作", "monthly_schedule"),
        ("行事历", "monthly_schedule"),
        ("具体工作安排", "monthly_schedule"),
        ("附：月份工作安排", "monthly_schedule"),
        ("保障措施", "measures"),
        ("主要成绩", "summary"),
        ("存在的问题", "problems"),
        ("加强师德建设", None),
    ],
)
def test_heading_lexicon(label: str, kind: str | None) -> None:
    assert heading_kind(label) == kind


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("召开工会委员会会议", "meeting"),
        ("召开教代会", "meeting"),
        ("庆祝“三八”国际妇女节", "festival"),
        ("庆祝教师节，表彰优秀教师", "festival"),
        ("重阳节慰问退休教师", "festival"),
        ("走访慰问困难教职工", "care_visit"),
        ("组织教职工体检", "health"),
        ("举办教职工趣味运动会", "sports"),
        ("开展读书沙龙活动", "culture_arts"),
        ("组织教师参加业务培训", "study_training"),
        ("评选优秀工会积极分子", "appraisal"),
        ("召开女工委会议", "meeting"),
        ("关心女教职工身心健康", "womens_work"),
        ("做好退休教师联系工作", "retirees"),
        ("工会工作总结", "planning_admin"),
        ("大家一起出发", "other"),
    ],
)
def test_categories(text: str, category: str) -> None:
    assert categorize(text) == category


def _doc(text: str) -> Document:
    """A document of these lines, made logical as the pipeline makes them (structure reads logical lines)."""
    raw = [Line(i, t.strip(), t) for i, t in enumerate(text.split("\n"), 1) if t.strip()]
    st = uc.logical_lines(SourceText("d.txt", "text", "utf-8", tuple(raw), len(raw)))
    lines = list(st.lines)
    return Document("d-1", "d.txt", lines, title=lines[0].text, title_line=1)


def kinds(doc: Document) -> list[tuple[str, int, int]]:
    return [(s.kind, s.start_line, s.end_line) for s in doc.sections]


def test_plan_with_umbrella_headings(data: Path) -> None:
    doc = next(iter(uc.extract([data / "plan_simple.txt"])))
    assert kinds(doc) == [
        ("title", 1, 2),
        ("guiding_ideology", 3, 6),
        ("key_work", 7, 14),
        ("monthly_schedule", 15, 21),
    ]
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (18, [9], "庆祝教师节"),
        (19, [9], "召开工会委员会会议"),
        (21, [10], "举办教职工运动会"),
    ]
    assert [(c.line, c.text) for c in doc.campaigns] == [(13, "“暖心工程”慰问活动")]


def test_top_level_work_items_without_umbrella_are_one_key_work() -> None:
    doc = structure(
        _doc(
            "某校工会计划\n本年度工会将做好以下工作。\n一、加强师德建设\n学习。\n二、推进民主管理\n开好教代会。\n三、关心教职工\n慰问。"
        )
    )
    assert kinds(doc) == [("title", 1, 1), ("preamble", 2, 2), ("key_work", 3, 8)]


def test_months_under_a_sub_heading_open_a_schedule() -> None:
    text = "计划\n一、指导思想\n以…为指导。\n二、工作思路和措施\n（一）加强师德\n1.学习。\n（二）活动安排：\n三月：\n1.庆祝三八节。\n四月：\n1.春游。"
    doc = structure(_doc(text))
    assert kinds(doc) == [
        ("title", 1, 1),
        ("guiding_ideology", 2, 3),
        ("key_work", 4, 6),
        ("monthly_schedule", 7, 11),
    ]
    assert [(a.line, a.months) for a in doc.activities] == [(9, [3]), (11, [4])]


def test_month_block_without_heading_and_table_header_lines() -> None:
    text = "计划\n一、提高素养\n学习。\n二、开展活动\n比赛。\n活动主题\n具体内容\n2月新学期新面貌\n1.读书活动\n3月争创活动\n1.三八节庆祝"
    doc = structure(_doc(text))
    assert kinds(doc) == [("title", 1, 1), ("key_work", 2, 5), ("monthly_schedule", 6, 11)]
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (9, [2], "读书活动"),
        (11, [3], "三八节庆祝"),
    ]


def test_month_heading_glued_to_the_end_of_a_line(data: Path) -> None:
    doc = next(iter(uc.extract([data / ".." / ".." / "corpus" / "11_school_plan_glued_headings.txt"])))
    acts = [(a.line, a.months, a.text) for a in doc.activities]
    assert (17, [3], "组织女教职工参加“三八”健步走比赛") in acts
    assert (18, [4], "教职工春季踏青活动") in acts


def test_schedule_forms(data: Path) -> None:
    doc = next(iter(uc.extract([data / "schedule_forms.txt"])))
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (6, [2], "开展读书活动"),
        (7, [2], "教师体检"),
        (8, [3], "庆祝三八节"),
        (8, [3], "开展“3.8”知识竞赛"),
        (9, [4], "组织教师春季登山活动"),
        (11, [7, 8], "暑期教师疗休养"),
        (13, [1], "春节慰问困难教职工"),
        (14, [1, 2], "走访退休教师"),
    ]


def test_markdown_headings_at_wrong_levels(data: Path) -> None:
    doc = next(iter(uc.extract([data / "markdown_levels.md"])))
    assert kinds(doc) == [("title", 1, 2), ("goals", 3, 6), ("key_work", 7, 11), ("monthly_schedule", 12, 17)]
    assert [(a.months, a.text) for a in doc.activities] == [([9], "庆祝教师节"), ([10], "秋季运动会")]


def test_summary_problems_and_closing() -> None:
    text = (
        "某小学工会2023年工作总结\n2023年，工会做了很多工作。\n一、主要成绩\n召开了教代会。\n二、存在的不足\n宣传薄弱。\n"
        "三、2024年工作打算\n1、开好教代会。\n某小学工会\n2024年1月10日"
    )
    doc = structure(_doc(text))
    assert [k for k, _, _ in kinds(doc)] == [
        "title",
        "preamble",
        "summary",
        "problems",
        "key_work",
        "closing",
    ]


def test_unheaded_blocks_judged_by_content() -> None:
    text = "计划\n一、回顾\n一年来开展了活动，取得了成绩，组织了比赛，举办了联欢会。\n二、九月到十二月\n九月\n1.教师节\n十月\n1.运动会"
    doc = structure(_doc(text))
    assert [k for k, _, _ in kinds(doc)] == ["title", "summary", "monthly_schedule"]


def test_heading_tree_follows_the_ladder() -> None:
    text = "计划\n一、重点工作\n（一）师德\n1、学习\n2、讨论\n（二）民主\n二、月份安排\n九月"
    roots = uc.heading_tree(_doc(text))
    assert [r.heading.label for r in roots] == ["重点工作", "月份安排"]
    assert [c.heading.label for c in roots[0].children] == ["师德", "民主"]
    assert [c.heading.label for c in roots[0].children[0].children] == ["学习", "讨论"]


def test_summary_followed_by_next_years_plan(data: Path) -> None:
    (doc,) = list(uc.extract([data / "summary_then_plan.txt"]))
    assert doc.doc_type == "summary_and_plan" and doc.year == 2024  # the year its plan part is for
    assert kinds(doc) == [
        ("title", 1, 2),
        ("preamble", 3, 4),
        ("summary", 5, 11),
        ("problems", 12, 13),
        ("key_work", 14, 17),
    ]
    assert doc.sections[-1].heading == "2024年工作思路"


def test_markdown_table_schedule(data: Path) -> None:
    (doc,) = list(uc.extract([data / "markdown_table_schedule.md"]))
    assert [k for k, _, _ in kinds(doc)] == ["title", "guiding_ideology", "key_work", "monthly_schedule"]
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (16, [3], "庆祝三八节"),
        (16, [3], "召开工会委员会会议"),
        (17, [4], "春季运动会"),  # the person column is not part of the activity
        (18, [5, 6], "教职工体检"),
    ]


def test_html_page_with_br_lines(data: Path) -> None:
    (doc,) = list(uc.extract([data / "br_page.html"]))
    assert doc.school_level == "kindergarten" and doc.year == 2024
    assert kinds(doc) == [("title", 1, 1), ("guiding_ideology", 2, 3), ("monthly_schedule", 4, 9)]
    assert [(a.line, a.months) for a in doc.activities] == [(6, [9]), (7, [9]), (9, [10])]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("（2024年春季学期）", [("title", 1, 2), ("guiding_ideology", 3, 4)]),
        ("——城西小学工会", [("title", 1, 2), ("guiding_ideology", 3, 4)]),
        # a title broken over two lines: its second part, or its genre word alone
        ("及2025年工作计划", [("title", 1, 2), ("guiding_ideology", 3, 4)]),
        ("主持词", [("title", 1, 2), ("guiding_ideology", 3, 4)]),
        (
            "以党的二十大精神为指导，做好工作。",
            [("title", 1, 1), ("preamble", 2, 2), ("guiding_ideology", 3, 4)],
        ),
    ],
)
def test_subtitle_belongs_to_the_title(second: str, expected: list) -> None:
    doc = structure(_doc(f"某校工会计划\n{second}\n一、指导思想\n以二十大为指导。"))
    assert kinds(doc) == expected


def test_several_months_on_one_line() -> None:
    doc = structure(
        _doc(
            "某校工会计划\n一、月份安排\n三月：庆祝三八节；四月：春游，参加9月开学准备；五月：1、庆五一2、体检\n六月：总结"
        )
    )
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (3, [3], "庆祝三八节"),
        (3, [4], "春游，参加9月开学准备"),  # "9月" inside an item is not a heading
        (3, [5], "庆五一"),
        (3, [5], "体检"),
        (4, [6], "总结"),
    ]


def test_plan_laid_out_as_a_word_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某中学2024年工会工作计划")
    rows = [
        ("指导思想", "以党的二十大精神为指导，全心全意依靠教职工办好学校。"),
        ("重点工作", "召开教代会，深化校务公开，开展送温暖活动。"),
        ("月份安排", "九月：庆祝教师节；十月：运动会"),
        ("保障措施", "工会委员分工负责，经费专款专用。"),
    ]
    table = d.add_table(rows=len(rows), cols=2)
    for r, (a, b) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.save(tmp_path / "plan.docx")
    (doc,) = list(uc.extract([tmp_path / "plan.docx"]))
    assert kinds(doc) == [
        ("title", 1, 1),
        ("guiding_ideology", 2, 2),
        ("key_work", 3, 3),
        ("monthly_schedule", 4, 4),
        ("measures", 5, 5),
    ]
    assert [(a.line, a.months, a.text) for a in doc.activities] == [
        (4, [9], "庆祝教师节"),
        (4, [10], "运动会"),
    ]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # a page's headline in brackets runs on into the answer: a plan title, or the question asked
        (
            "【学校工会工作总结范文】在过去的一年中，工会在上级工会的领导下做了大量工作，积极履行维护职工权益的职责。",
            12,
        ),
        ("【工会是什么意思】“工会”是一个常见的社会术语，在劳动关系和企业组织中频繁出现。", 9),
        # a bracketed label inside a plan is not a headline
        ("【活动目的】通过开展丰富多彩的文体活动，增强教职工的凝聚力和向心力，促进身心健康。", 6),
    ],
)
def test_bracketed_headline_glued_to_its_text(text: str, cut: int) -> None:
    from unioncorpus.cutting import cut_points

    headline = text.startswith(("【学校", "【工会"))
    assert (cut in cut_points(text)) is headline


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # a title with no bracket runs on into a body that opens as plans do (为了…, 以习近平…, 在…领导下)
        ("青禾幼儿园工会教师节活动方案为了庆祝第四十个教师节，增强教职工的凝聚力，特制定本方案。", 14),
        ("城东小学工会2025年工作计划以习近平新时代中国特色社会主义思想为指导，团结全校教职工。", 15),
        # a sentence that goes on after a genre word is no title ("…方案为全体教职工…")
        ("本次工会活动的实施方案为全体教职工提供了参与的机会，大家积极报名参加各项比赛。", None),
    ],
)
def test_title_glued_to_a_body_that_opens_as_plans_do(text: str, cut: int | None) -> None:
    from unioncorpus.cutting import cut_points

    assert (cut in cut_points(text)) if cut is not None else not cut_points(text)


def test_activity_scheme_sections() -> None:
    # an activity's purpose is its goal; its particulars before the work begins (time and place) are
    # neither goal nor work; inside an item ("- 时间：5月中旬") they are that item's fields
    text = (
        "某公司工会文体活动方案\n一、活动目的\n增进交流。\n二、活动时间与地点\n- 活动时间：5月\n- 活动地点：礼堂\n"
        "三、活动内容\n1. 歌咏比赛\n- 时间：第一个周末\n2. 趣味运动会\n- 时间：第二个周末"
    )
    doc = _from_text(text)
    assert doc.doc_type == "other"
    assert kinds(doc) == [("title", 1, 1), ("goals", 2, 3), ("other", 4, 6), ("key_work", 7, 11)]


def test_scheme_particulars_before_the_work_and_its_budget_are_other() -> None:
    # time, place, host, a banner between them and participants, then purpose and programme, then the cost
    text = (
        "某酒店工会母亲节活动方案\n一、时间：5月10日上午\n二、地点：二楼会议厅\n三、主持人：工会主席\n"
        "四、悬挂条幅：感恩母亲\n五、参加人员：各部门员工\n六、活动目的：感谢母亲。\n七、活动内容：\n"
        "1、工会主席致辞。\n2、员工演唱歌曲。\n八、经费预算\n约三千元。"
    )
    doc = _from_text(text)
    assert kinds(doc) == [
        ("title", 1, 1),
        ("other", 2, 6),
        ("goals", 7, 7),
        ("key_work", 8, 10),
        ("other", 11, 12),
    ]


def test_a_particular_inside_the_work_of_a_scheme_continues_it() -> None:
    text = (
        "某局工会登山比赛活动方案\n一、活动标题：职工登山比赛\n二、活动意义：增强体质。\n三、活动前期准备\n"
        "由工会办公室负责组织。\n四、活动所需物品\n队旗两面。\n五、活动时间\n11月上旬。\n六、比赛办法\n分组进行。"
    )
    doc = _from_text(text)
    assert kinds(doc) == [("title", 1, 1), ("other", 2, 2), ("goals", 3, 3), ("key_work", 4, 11)]


def test_unnumbered_markdown_heading_stands_beside_numbered_ones(tmp_path: Path) -> None:
    # "#### 引言" at the level of "#### 一、…": its sibling, not their umbrella
    text = (
        "#### 引言\n新的一年里，社区工会将围绕中心，服务职工。\n#### 一、强化组织建设\n1. **完善架构**：明确职责。\n"
        "2. **加强培训**：定期学习。\n#### 二、维护职工权益\n1. **合同审查**：定期审查。\n"
    )
    path = tmp_path / "md.md"
    path.write_text(text, encoding="utf-8")
    doc = next(iter(uc.extract([path])))
    assert kinds(doc) == [("preamble", 1, 2), ("key_work", 3, 7)]


def test_schedule_whose_line_breaks_were_deleted(tmp_path: Path) -> None:
    # a month written straight into its first item, items run together, an item number glued to the words
    filler = "工会坚持以人为本，关心教职工的工作和生活，努力建设职工之家。" * 20
    text = (
        "某幼儿园工会工作计划 一、指导思想 " + filler + "二、具体工作安排"
        "二月份慰问退休教职工召开工会委员会议三月份庆“三八”活动办理教职工的各类保险"
        "四月份组织春游活动2、开展读书征文活动五月份组织参加各级“五一”庆祝活动"
    )
    path = tmp_path / "one_line.txt"
    path.write_text(text, encoding="utf-8")
    doc = next(iter(uc.extract([path])))
    assert [(a.months, a.text) for a in doc.activities] == [
        ([2], "慰问退休教职工召开工会委员会议"),
        ([3], "庆“三八”活动"),
        ([3], "办理教职工的各类保险"),
        ([4], "组织春游活动"),
        ([4], "开展读书征文活动"),
        ([5], "组织参加各级“五一”庆祝活动"),
    ]


@pytest.mark.parametrize(
    "note",
    [
        "| 来源:网友投稿",
        "作者：佚名  发布时间：2023-03-01",
        "……(开头部分已省略512字)",
        "以下是小编为大家整理的学校工会工作计划，供大家参考。",
        "时间: 03-12 作者:张三 栏目:计划",  # several labelled fields of a byline, the first not a full date
    ],
)
def test_site_note_between_title_and_text_is_other(note: str) -> None:
    text = f"某中学工会工作计划\n{note}\n一、指导思想\n以人为本。\n二、主要工作\n1、开好教代会。"
    assert kinds(structure(_doc(text))) == [
        ("title", 1, 1),
        ("other", 2, 2),
        ("guiding_ideology", 3, 4),
        ("key_work", 5, 6),
    ]


def test_a_retrospective_by_month_is_a_summary_with_no_activities() -> None:
    """A year summary told month by month ("五月份：…组织了…") reads like a schedule but reports what was
    done: its blocks are the summary and it schedules nothing."""
    text = "\n".join(
        [
            "青禾幼儿园工会2024年工作总结",
            "一年来，园工会在园党支部领导下开展了各项工作，取得了一定成绩。",
            "五月份：组织职工制作演出服装，28日举行了建园庆典。",
            "六月份：4日组织全体职工参加了庆祝大会，13日组织教职工学习了法律知识。",
            "七月份：为每位教职工发放了防暑降温用品，中旬进行了游泳比赛。",
            "八月份：21日对一线教师进行了岗位练兵，保育员进行了演讲比赛。",
        ]
    )
    (doc,) = list(uc.from_texts([text], ids=["summary"]))
    assert doc.doc_type == "summary"
    assert {s.kind for s in doc.sections} <= {"title", "preamble", "summary"}
    assert "monthly_schedule" not in {s.kind for s in doc.sections} and doc.activities == []


def _from_text(text: str) -> Document:
    """The one document the pipeline makes of a text."""
    from unioncorpus import from_texts

    return next(iter(from_texts([text])))


def test_a_chairs_script_has_no_plan_sections() -> None:
    """A speech's numbered parts are its own (the agenda of a meeting), not work planned."""
    doc = _from_text(
        "全区工会工作会议主持词\n各位领导、同志们：\n今天会议的议程共三项。\n"
        "一、请区总工会主席作工作报告。\n大家欢迎！\n二、宣读表彰决定。\n请获奖代表上台领奖。\n"
        "三、请区委领导讲话。\n让我们以热烈的掌声表示感谢。"
    )
    assert doc.doc_type == "other"
    assert {s.kind for s in doc.sections} <= {"title", "preamble", "other", "closing"}
    assert "other" in {s.kind for s in doc.sections}


def test_the_work_a_speech_plans_stays_key_work() -> None:
    """A union work report read to a meeting: the points for the coming year are key work."""
    doc = _from_text(
        "局工会年度工作报告\n各位领导、同志们：\n受局工会委员会委托，我向大会报告工作，请予审议。\n"
        "一、进一步加强工会自身建设。\n要切实提高工会干部素质，将进一步完善制度。\n"
        "二、做好女职工工作。\n要继续开展三八节活动，确保女职工权益。\n谢谢大家！"
    )
    assert doc.doc_type == "other"
    shown = [s.kind for s in doc.sections]
    assert "key_work" in shown and "other" not in shown


def test_a_summary_without_headings_is_all_summary() -> None:
    """A retrospective told in paragraphs with no heading is the summary from its first line; a plan's
    unheaded opening stays its preamble."""
    summary = "\n".join(
        [
            "东湖社区工会2024年工作总结",
            "2024年，社区工会在街道党工委的领导下，认真履行职责。",
            "全年发展会员三十五人，组织了职工运动会和读书会。",
            "开展了困难职工走访慰问，发放了慰问金两万元。",
        ]
    )
    (doc,) = list(uc.from_texts([summary], ids=["s"]))
    assert doc.doc_type == "summary"
    assert kinds(doc) == [("title", 1, 1), ("summary", 2, 4)]
    plan = summary.replace("工作总结", "工作计划").replace("了", "")
    (doc,) = list(uc.from_texts([plan], ids=["p"]))
    assert doc.doc_type == "plan" and "summary" not in {s.kind for s in doc.sections}


def test_a_schemes_organising_committee_is_a_particular() -> None:
    """ "一、领导小组" (who organises the event) is one of its particulars, not work."""
    text = (
        "某小学工会趣味运动会活动方案\n一、领导小组\n组长：王校长\n成员：各年级组长\n二、参加人员\n全体教职工\n"
        "三、活动内容\n1、拔河比赛。\n2、跳绳比赛。"
    )
    assert kinds(_from_text(text)) == [("title", 1, 1), ("other", 2, 6), ("key_work", 7, 9)]


def test_a_schemes_hosts_are_particulars_and_its_rules_are_not_a_summary() -> None:
    """ "主办单位"/"承办单位" name who hosts; rules saying what a winner 获得 are not a retrospective."""
    text = (
        "某中学工会教职工趣味运动会方案\n一、主办单位：校工会\n二、承办单位：体育组\n三、活动时间：4月下旬\n"
        "四、活动内容\n1、拔河比赛。\n2、托球跑。\n五、比赛规则\n1、拔河三局两胜，胜队获得奖品。\n"
        "2、托球跑用时最少者获得一等奖。\n3、掉球者重新开始，完成后获得纪念品。"
    )
    assert kinds(_from_text(text)) == [("title", 1, 1), ("other", 2, 4), ("key_work", 5, 11)]


def test_honours_won_are_a_summary_without_了() -> None:
    """ "获得…称号", "获得…一等奖" tell what was won, a retrospective, though written without 了."""
    text = (
        "青禾小学工会2025年工作计划\n一、指导思想\n服务教职工。\n二、2024年荣誉榜\n学校工会获得区“模范职工之家”称号。\n"
        "获得市教职工合唱比赛一等奖。\n三名教师获得区“师德标兵”称号。\n三、重点工作\n1. 开好教代会。\n2. 开展文体活动。"
    )
    assert [k for k, _, _ in kinds(_from_text(text))] == ["title", "guiding_ideology", "summary", "key_work"]


def test_financial_numerals_head_the_parts_above_cn_numbers() -> None:
    """ "壹、…貳、…參、" (大写 numerals, both scripts) are the top level: the 一、 items under 貳 are its."""
    text = (
        "城南中學2024學年工會工作計劃\n壹、指導思想\n以服務教職工為宗旨。\n貳、本學年工會工作的幾點思考\n"
        "一、教職工之家建設\n（一）完善活動室。\n二、關心教職工身心健康\n（一）組織體檢。\n參、保障措施\n加強組織領導。"
    )
    (doc,) = list(uc.from_texts([text]))
    got = [(s.kind, s.start_line, s.end_line, s.heading) for s in doc.sections if s.kind != "title"]
    assert got == [
        ("guiding_ideology", 2, 3, "壹、指導思想"),
        ("key_work", 4, 8, "貳、本學年工會工作的幾點思考"),
        ("measures", 9, 10, "參、保障措施"),
    ]
