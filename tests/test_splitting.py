from __future__ import annotations

from pathlib import Path

import pytest

import unioncorpus as uc
from unioncorpus.model import Line, SourceText
from unioncorpus.splitting import is_title_like, ordinal_title, split


def source(text: str, name: str = "t.txt") -> SourceText:
    lines = tuple(Line(i, t.strip(), t) for i, t in enumerate(text.split("\n"), 1) if t.strip())
    return SourceText(name, "text", "utf-8", lines, text.count("\n") + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小学工会2023工作计划篇1", ("小学工会2023工作计划", "")),
        ("2021年工会工作篇12", ("2021年工会工作", "")),
        ("幼儿园工会工作计划篇三", ("幼儿园工会工作计划", "")),
        ("篇一：2024年中学工会工作计划", ("", "2024年中学工会工作计划")),
        ("第二篇：实验小学工会工作计划", ("", "实验小学工会工作计划")),
        ("第五篇", ("", "")),
        ("篇二 2024年实验小学工会工作计划", ("", "2024年实验小学工会工作计划")),
        ("【篇二】幼儿园工会工作计划", ("", "幼儿园工会工作计划")),
        ("【第3篇】", ("", "")),
        ("学校工会工作计划（一）", ("学校工会工作计划", "")),
        ("工会工作计划范文2", ("工会工作计划范文", "")),
        ("医院工会工作计划20_3", ("医院工会工作计划", "")),  # a blanked year, then the entry's number
        ("工会工作计划2023", None),  # a year, not an entry number
        ("（一）加强师德建设", None),
        ("2、做好工作计划", None),
        ("小学工会工作计划优秀5篇", None),
        ("共16篇", None),
        ("组织教职工撰写读书心得，每人每学期一篇", None),
    ],
)
def test_ordinal_titles(text: str, expected: tuple[str, str] | None) -> None:
    assert ordinal_title(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("郑陆中心小学2013年工会工作计划", True),
        ("2024年学校工会工作要点", True),
        ("阳光小学工会2023年工作总结及2024年工作打算", True),
        ("主要工作安排", False),
        ("一、2024年工会工作计划", False),
        ("以党的二十大精神为指导，做好工会工作计划", False),
        # plans of other bodies in the same genre
        ("城东社区2025年度工作计划", True),
        ("人民医院护理部2024年工作计划", True),
        ("第一党支部2023年工作要点", True),
        ("2024年春季学期德育处工作计划", True),
        ("数学教研组工作计划", True),
        ("2023学年少先队工作计划", True),
        ("全部工作安排", False),  # names no body
        ("城南小学2024年工会活动计划书", True),
        # the union's women-workers' committee (女工委员会 / 女职工部) writes its own plan
        ("2020年女工工作计划", True),
        ("2023年女职工工作要点", True),
        ("重点工作", False),
        ("各教研组工作计划要求", False),
    ],
)
def test_title_like(text: str, expected: bool) -> None:
    assert is_title_like(text) is expected


def test_compilation_with_furniture_and_glued_title(data: Path) -> None:
    st = uc.read_file(data / "compilation.txt")
    result = split(st)
    assert [(d.title, d.start_line, d.end_line) for d in result.documents] == [
        ("学校工会工作计划篇1", 4, 9),
        ("学校工会工作计划篇2", 10, 13),
        ("学校工会工作计划篇3", 13, 16),  # glued to the end of line 13
    ]
    assert {f.line: f.reason for f in result.furniture} == {
        1: "compilation_title",
        2: "byline",
        3: "site_intro",
        17: "list_trailer",
    }
    doc2, doc3 = result.documents[1], result.documents[2]
    assert doc2.lines[-1].text == "2、开展中考备考教师座谈。"
    assert doc3.lines[0].col == len("2、开展中考备考教师座谈。")
    assert all(d.title_is_label for d in result.documents)


def test_nested_compilation_is_split_and_its_heading_set_aside() -> None:
    text = "\n".join([
        "第一篇：甲小学工会工作计划", "一、指导思想", "以二十大精神为指导。", "二、主要工作", "1、召开教代会。",
        "第二篇：中学工会工作计划", "篇一：2024年乙中学工会工作计划", "一、指导思想", "围绕中心工作。",
        "篇二：2024年乙中学女工工作计划", "一、工作目标", "维护女教职工权益。",
    ])  # fmt: skip
    result = split(source(text))
    assert [d.title for d in result.documents] == [
        "第一篇：甲小学工会工作计划",
        "篇一：2024年乙中学工会工作计划",
        "篇二：2024年乙中学女工工作计划",
    ]
    assert [(f.line, f.reason) for f in result.furniture] == [(6, "nested_compilation_title")]


def test_single_plan_without_numbered_titles() -> None:
    text = "某中学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。\n二、月份安排\n九月：庆祝教师节"
    result = split(source(text))
    assert len(result.documents) == 1
    assert result.documents[0].title == "某中学2024年工会工作计划"
    assert not result.furniture


def test_two_unnumbered_plans_in_one_file() -> None:
    plan = "一、指导思想\n以二十大精神为指导。\n二、主要工作\n1、召开教代会。\n2、慰问困难教职工。\n3、举办运动会。"
    text = f"甲小学2024年工会工作计划\n{plan}\n乙中学2024年工会工作计划\n{plan}"
    docs = split(source(text)).documents
    assert [d.title for d in docs] == ["甲小学2024年工会工作计划", "乙中学2024年工会工作计划"]


def test_next_years_plan_inside_a_summary_stays_in_it() -> None:
    text = (
        "某小学工会2023年工作总结\n一年来，工会做了大量工作。\n一、主要成绩\n召开了教代会。\n举办了运动会。\n"
        "慰问了困难教职工。\n开展了读书活动。\n2024年工会工作计划\n一、继续开好教代会。"
    )
    docs = split(source(text)).documents
    assert len(docs) == 1


def test_bracketed_headings_are_not_site_furniture() -> None:
    text = (
        "某小学工会工作计划\n【指导思想】\n以二十大精神为指导。\n【三月】\n1、庆祝三八节。\n[相关推荐](共3篇)"
    )
    result = split(source(text))
    assert [f.reason for f in result.furniture] == ["list_trailer"]
    assert [ln.text for ln in result.documents[0].lines][1:4] == [
        "【指导思想】",
        "以二十大精神为指导。",
        "【三月】",
    ]


def test_table_of_contents_and_related_links(data: Path) -> None:
    result = split(uc.read_file(data / "toc_page.txt"))
    assert [(d.title, d.start_line, d.end_line) for d in result.documents] == [
        ("学校工会工作计划1", 6, 14),
        ("学校工会工作计划2", 15, 20),
    ]
    reasons = {f.line: f.reason for f in result.furniture}
    assert reasons[1] == "compilation_title"  # "(通用8篇)"
    assert reasons[4] == reasons[5] == "table_of_contents"
    assert reasons[21] == "site_navigation" and reasons[23] == "related_links"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "《某中学工会工作计划》由会员上传分享，免费在线阅读，更多相关内容在应用文档。",
            "document_site_chrome",
        ),
        ("大小:16.88 KB", "document_site_chrome"),
        ("页数:3页", "document_site_chrome"),
        ("格式:docx", "document_site_chrome"),
        ("大小:493.2KB 12页 发布时间: 2024-03-08 11:24:35 7.23k", "document_site_chrome"),
        ("（未完，全文共1560字，当前显示420字）", "document_site_chrome"),
        ("全文共1,204字，已阅读300字", "document_site_chrome"),
        ("大小不一的奖品由工会统一采购", None),
        ("希望这篇文章符合您的需求！如果还有其他问题或需要修改，请随时告诉我。", "site_intro"),
        ("如果您有其他需要，欢迎随时告诉我。", "site_intro"),
        ("如有其他问题，请及时与校工会联系。", None),
        ("如果有其他需求，可随时联系工会主席。", None),
        ("征文全文共3000字左右，当前显示优秀作品", None),
        ("2024年某企业工会工作计划.docx", "file_name"),
        # a sentence pointing to an attachment is the text's own
        ("详细办法请见附件：分会活动经费申请原则.doc", None),
        ("页数较多的材料请分册装订", None),
    ],
)
def test_line_furniture(text: str, reason: str | None) -> None:
    from unioncorpus.page_head import furniture_reason as _furniture_reason

    assert _furniture_reason(text, outside=True) == reason


@pytest.mark.parametrize(
    ("page", "start", "title"),
    [
        # a report's headline over its dash subtitle, under a breadcrumb: the headline starts the text
        (
            "首页 > 学习资料 > 凝心聚力 建功新时代\n\n凝心聚力 建功新时代\n\n——在市教育工会三届二次全委会议上的工作报告\n\n"
            "各位委员：\n现在，我代表市教育工会常委会作工作报告，请予审议。",
            3,
            "凝心聚力 建功新时代",
        ),
        # a news headline that names no organisation or genre, made a title by its dash subtitle
        (
            "履职尽责 做好职工代言人\n——我院召开年度首次职工代表大会\n2月21日下午，院工会主持召开职代会。",
            1,
            "履职尽责 做好职工代言人",
        ),
    ],
)
def test_a_headline_over_a_dash_subtitle_is_the_title(page: str, start: int, title: str) -> None:
    result = split(source(page))
    assert [(d.start_line, d.title) for d in result.documents][:1] == [(start, title)]


@pytest.mark.parametrize("tail", ['"', "【公", "……"])
def test_what_a_cut_page_leaves_after_the_plan_is_furniture(tail: str) -> None:
    text = (
        f"某小学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。\n二、主要工作\n1、召开教代会。\n{tail}"
    )
    result = split(source(text))
    assert [(d.start_line, d.end_line) for d in result.documents] == [(1, 5)]
    assert [(f.line, f.reason) for f in result.furniture] == [(6, "fragment")]


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (
            "以下是一份小学工会工作计划，结合本学期特点整理而成，供参考：",
            "site_intro",
        ),  # an AI answer's opening
        # a rule for text outside plans applies at a single plan's head too
        ("工会是职工自愿结合的工人阶级的群众组织。", "encyclopedic_preamble"),
        ("【公", "fragment"),
    ],
)
def test_what_a_site_puts_above_a_single_plan_is_furniture(head: str, reason: str) -> None:
    text = f"{head}\n某小学工会召开2024年工作会议\n3月5日，工会召开会议，部署全年工作。\n会议强调，要关心教职工。"
    result = split(source(text))
    assert [(d.start_line, d.end_line) for d in result.documents] == [(2, 4)]
    assert [(f.line, f.reason) for f in result.furniture] == [(1, reason)]


def test_a_bracket_that_closes_at_the_end_is_the_plans() -> None:
    text = "某小学2024年工会工作计划\n一、主要工作\n1、召开教代会。\n（完）"
    result = split(source(text))
    assert [(d.start_line, d.end_line) for d in result.documents] == [(1, 4)]
    assert result.furniture == []


def test_no_title_cut_inside_book_title_marks() -> None:
    from unioncorpus.cutting import cut_points

    line = "《某卫生院工会工作计划》由会员上传分享，免费在线阅读，更多相关内容在应用文档，欢迎下载阅读。"
    assert cut_points(line) == []


@pytest.mark.parametrize(
    "text",
    [
        # the page title and the heading, the same words twice, with no organisation named
        "“三八”妇女节活动计划\n“三八”妇女节活动计划\n一、指导思想\n以人为本。\n二、活动内容\n1、慰问女教工。",
        # once, over the plan's first heading
        "“三八”妇女节活动计划\n一、指导思想\n以人为本。\n二、活动内容\n1、慰问女教工。",
    ],
)
def test_title_without_an_organisation(text: str) -> None:
    result = split(source(text))
    (doc,) = result.documents
    assert doc.title == "“三八”妇女节活动计划" and doc.body_lines()[0].text == "一、指导思想"


def test_the_documents_own_title_under_a_site_label_is_its_title() -> None:
    """A template site's generic entry label ("工会工作计划 篇1") over the plan's own title line: the own
    title says what the document is (要点, its year) and belongs to the title section, not the outline."""
    text = "\n".join(
        [
            "工会工作计划 篇1",
            "青禾小学工会2025年工作要点",
            "一、加强思想建设",
            "组织教职工学习，开展师德教育。",
            "二、关心教职工生活",
            "走访慰问困难教职工。",
            "工会工作计划 篇2",
            "一、区级活动",
            "参加区教育工会组织的比赛。",
        ]
    )
    first, second = list(uc.from_texts([text], ids=["site"]))
    assert first.title == "工会工作计划 篇1" and first.title_is_label
    assert first.doc_type == "key_points" and first.year == 2025
    assert [(s.kind, s.start_line, s.end_line) for s in first.sections] == [
        ("title", 1, 2),
        ("key_work", 3, 6),
    ]
    assert any(e.line == 2 for e in first.evidence["doc_type"])
    # a label with no title of the document's own under it names nothing: the outline starts at once
    assert second.title_below_label is None and second.sections[1].start_line == 8


@pytest.mark.parametrize(
    "menu",
    [
        "学校首页\n\n新闻中心\n学校新闻\n通知公告\n党建工作",  # a school site's menu, one link a line
        "• 网上预约\n  • 微信公众号",  # bulleted links of a hospital site
        "会员中心\n首页 工作文档",  # a doc-sharing site's header links
        "首页 | 工会动态 | 通知公告 | 职工之家",  # one row of links
    ],
)
def test_a_sites_menu_above_the_text_is_navigation(menu: str) -> None:
    n = menu.count("\n") + 1
    text = f"{menu}\n您现在的位置: 首页 > 工会动态\n红星小学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。"
    result = split(source(text))
    assert [(d.start_line, d.title) for d in result.documents] == [(n + 2, "红星小学2024年工会工作计划")]
    assert {f.reason for f in result.furniture} == {"site_navigation"}
    assert {f.line for f in result.furniture} == {i + 1 for i, t in enumerate(menu.split("\n")) if t} | {
        n + 1
    }


@pytest.mark.parametrize(
    "head",
    [
        "工会工作计划\n指导思想\n以二十大精神为指导。",  # a title and a bare heading: short, but the text's
        "红星小学工会\n二〇二四年三月\n一、指导思想\n以二十大精神为指导。",  # organisation and date
        "学习\n宣传\n以二十大精神为指导，开展学习。",  # two short words are no menu
        "月份 | 活动内容 | 负责人\n九月 | 庆祝教师节 | 工会\n十月 | 运动会 | 工会",  # a schedule table's rows
        "东湖小学 教工工会 春季学期 工作计划",  # a title spaced out
        "活动名称 参加对象 组织部门\n教师节庆祝 全体教师 工会\n拔河比赛 全体教职工 体育组",  # a table of cells
        "教职工之家建设\n东湖小学 教师工会",  # a heading and the organisation
    ],
)
def test_short_lines_of_the_text_are_no_menu(head: str) -> None:
    result = split(source(head + "\n二、主要工作\n开好教代会。"))
    assert not result.furniture
    assert result.documents[0].start_line == 1


@pytest.mark.parametrize(
    "byline", ["发布时间：2024-03-06 09:30", "来源：校工会 浏览次数：215", "（供稿：校工会 王明）"]
)
def test_an_articles_headline_over_its_byline_is_its_title(byline: str) -> None:
    """A news page's headline names no plan, but the byline under it says it is the article's title."""
    text = f"校园新闻\n红星小学工会召开第三届教代会\n{byline}\n3月5日下午，学校工会召开会议。\n会议审议通过了工作报告。"
    result = split(source(text))
    assert [(d.start_line, d.title) for d in result.documents] == [(2, "红星小学工会召开第三届教代会")]
    assert [f.line for f in result.furniture] == [1, 3]
    # a sentence above a byline is no headline
    text = "工会召开会议，部署全年工作。\n发布时间：2024-03-06\n会议要求各小组认真落实。"
    assert split(source(text)).documents[0].title is None


def test_an_entry_under_a_how_to_title_is_an_entry_not_an_intro() -> None:
    """A site that titles its collection "…怎么写" names each entry the same way ("…怎么写 篇1"): the entries
    still open the collection's documents."""
    body = "一、指导思想\n以二十大精神为指导。\n二、主要工作\n开好教代会。"
    text = f"社区工会工作计划怎么写 篇1\n{body}\n社区工会工作计划怎么写 篇2\n{body}"
    result = split(source(text))
    assert [(d.start_line, d.title) for d in result.documents] == [
        (1, "社区工会工作计划怎么写 篇1"),
        (6, "社区工会工作计划怎么写 篇2"),
    ]


def test_an_entrys_own_title_broken_before_its_genre_word_is_its_title() -> None:
    """ "第一篇:…会议主持词" over the text's own title in two lines ("…工作会议" / "主持词"): the entry line is
    the site's, the document starts at its own title."""
    text = "第一篇:全区工会工作会议主持词\n全区工会工作会议\n主持词\n各位领导、同志们：\n今天我们召开会议。"
    (doc,) = split(source(text)).documents
    assert (doc.start_line, doc.title) == (2, "全区工会工作会议")


@pytest.mark.parametrize(
    ("text", "start", "title"),
    [
        # an organisation's name over the headline opens the title
        ("东湖小学工会\n2024年工作打算\n作者：王老师\n一、指导思想\n以二十大精神为指导。", 1, "东湖小学工会"),
        # a subtitle between headline and byline stays under the headline
        (
            "工会召开2024年工作会议\n——东湖小学第五届教代会侧记\n发布时间：2024-03-01\n3月1日，学校工会召开会议。",
            1,
            "工会召开2024年工作会议",
        ),
    ],
)
def test_what_stands_above_a_byline(text: str, start: int, title: str) -> None:
    (doc,) = split(source(text)).documents
    assert (doc.start_line, doc.title) == (start, title)


def test_a_sites_intro_worded_as_an_entry_is_still_its_intro() -> None:
    text = "学校工会工作计划怎么写\n篇1：学校工会工作计划怎么写？下面是小编整理的范文，供参考。\n一、指导思想\n以二十大精神为指导。"
    result = split(source(text))
    assert (2, "site_intro") in [(f.line, f.reason) for f in result.furniture]
    assert all(d.title is None or "小编" not in d.title for d in result.documents)


@pytest.mark.parametrize("number", ["2", "（2）", "二"])
def test_a_collections_entries_named_by_its_title_and_the_end_of_a_cut_plan(number: str) -> None:
    """Page 2 of a collection "…小学15篇": the end of the plan page 1 began (sentences and items, no title) is
    a document of its own, and "…小学2" (the collection's title with a number) opens the next."""
    text = "\n".join(
        [
            "首页 工作文档",
            "学校工会工作计划2024小学15篇",
            "3、组织教职工参加全县教师运动会。",
            "4、做好困难教职工的走访慰问工作，把温暖送到家。",
            "5、开展教职工读书活动，每学期评选读书之星。",
            "四、加强自身建设",
            "工会委员要加强学习，提高服务水平。",
            "健全工会财务制度，做好经费审查。",
            f"学校工会工作计划2024小学{number}",
            "一、指导思想",
            "以党的二十大精神为指导，服务教职工。",
        ]
    )
    result = split(source(text))
    assert [(d.start_line, d.end_line, d.title, d.title_is_label) for d in result.documents] == [
        (3, 8, None, False),
        (9, 11, f"学校工会工作计划2024小学{number}", True),
    ]
    assert [(f.line, f.reason) for f in result.furniture] == [(1, "site_header"), (2, "compilation_title")]


@pytest.mark.parametrize(
    "head",
    [
        "工会工作计划",  # a short header
        # a site's numbered tips, and its contents, above the first entry (review reproducers)
        "时间飞逝，新的一年又要开始了。\n写好一份工作计划要注意以下几点：\n1、目标要明确，任务要具体。\n"
        "2、措施要可行，分工要清楚。\n3、时间安排要合理。",
        "目录\n1.小学工会工作计划\n2.中学工会工作计划\n3.医院工会工作计划\n4.公司工会工作计划\n5.机关工会工作计划\n"
        "6.社区工会工作计划",
    ],
)
def test_a_collections_header_stays_the_sites(head: str) -> None:
    text = f"工会工作计划精选6篇\n{head}\n工会工作计划 篇1\n一、指导思想\n以二十大精神为指导。"
    n = 2 + head.count("\n") + 1
    result = split(source(text))
    assert [(d.start_line, d.title) for d in result.documents] == [(n, "工会工作计划 篇1")]


def test_titles_that_share_their_last_words_keep_their_first() -> None:
    """ "小学工会工作计划 篇1" and "中学工会工作计划 篇2" share "学工会工作计划": no site label, and no title cut
    after its first character (second review)."""
    body = "一、指导思想\n以二十大精神为指导。\n二、主要工作\n1、开展教职工读书活动。"
    text = f"工会工作计划精选3篇\n1.小学工会工作计划\n2.中学工会工作计划\n小学工会工作计划 篇1\n{body}\n中学工会工作计划 篇2\n{body}"
    titles = [d.title for d in split(source(text)).documents]
    assert titles == ["小学工会工作计划 篇1", "中学工会工作计划 篇2"]


PLAN_BODY = (
    "城西中学2024年工会工作计划\n一、指导思想\n以二十大精神为指导，全心全意为教职工服务。\n"
    "二、重点工作\n1、开好教代会，推进校务公开。\n2、组织教职工开展文体活动。\n"
)


def test_the_sites_closing_chrome_after_a_plan_is_set_aside() -> None:
    """After a share prompt below the body, the site's closing lines that no rule names (a copyright
    sentence, its account name, a help-desk button) are furniture; the plan ends at its last item."""
    text = PLAN_BODY + "扫一扫在手机上阅读本文\n本站原创内容，转发须标明来源。\n官方公众号\n在线帮助\n"
    result = split(source(text))
    (doc,) = result.documents
    assert doc.end_line == 6
    assert [(f.line, f.reason) for f in result.furniture] == [
        (7, "site_navigation"),
        (8, "page_trailer"),
        (9, "page_trailer"),
        (10, "page_trailer"),
    ]


@pytest.mark.parametrize("date", ["2021.8.23", "2021-08-23", "2021/8/23", "2021．8．23"])
def test_a_date_in_figures_under_a_plan_is_its_own(date: str) -> None:
    """A date in figures alone on the plan's last line (under its last item or its signature) is the plan's
    date, with the section kind ``closing``; the same date over the text is the page's."""
    for signature in ("", "城西中学工会\n"):
        result = split(source(PLAN_BODY + signature + date + "\n扫一扫在手机上阅读本文\n"))
        (doc,) = result.documents
        assert doc.lines[-1].text == date and doc.end_line == 7 + bool(signature)
        assert [f.reason for f in result.furniture] == ["site_navigation"]
        assert uc.structure(doc).sections[-1].kind == "closing"
    result = split(source(date + "\n" + PLAN_BODY))
    assert [f.line for f in result.furniture] == [1]  # the byline (or the site's header line)
    assert result.documents[0].start_line == 2


def test_a_plan_line_after_a_share_prompt_keeps_the_plan_going() -> None:
    """A widget line inside the text (a share prompt pasted between two items) is no page end: a numbered
    item or a long sentence after it belongs to the plan."""
    for after in (
        "3、做好困难教职工帮扶工作。",
        "学校工会将继续做好困难教职工的帮扶工作，让每一位教职工都感受到组织的温暖和关怀。",
    ):
        result = split(source(PLAN_BODY + "扫一扫在手机上阅读本文\n" + after + "\n"))
        (doc,) = result.documents
        assert doc.end_line == 8, after
        assert [f.reason for f in result.furniture] == ["site_navigation"]


def test_a_doc_sharing_pages_counters_above_the_title_are_its_header() -> None:
    """Bulleted counters and an upload line above a plan's own title (a doc-sharing page) are the page's
    header, not the plan's opening lines, however many there are."""
    head = "  • 12\n  • 0\n  • 约3.5千字\n  • 约 6页\n  • 2024-03-01 发布于浙江\n  • 5.0\n  • 1280\n"
    result = split(source(head + PLAN_BODY))
    (doc,) = result.documents
    assert (doc.start_line, doc.title) == (8, "城西中学2024年工会工作计划")
    assert [f.line for f in result.furniture] == [1, 2, 3, 4, 5, 6, 7]


def _chunked(text: str, size: int = 240) -> str:
    """``text`` as a document viewer shows it: fixed-size chunks, one per line, each numbered 1、 2、 3、…"""
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    return "\n".join(f"{k}、{c}" for k, c in enumerate(chunks, 1))


def test_a_document_viewers_chunk_numbers_are_not_list_numbers() -> None:
    """A viewer's chunk numbers (1、 2、 at the start of equal chunks whose text runs on) are set aside with
    their columns, so the title after the first one is the plan's title; a plan's own numbered paragraphs
    (sentences of different lengths) keep their numbers."""
    body = (
        "城东小学2024年工会工作计划 一、指导思想 "
        + "认真贯彻落实上级工会的工作部署，全心全意为教职工服务，" * 12
    )
    body += "二、重点工作 " + "组织教职工开展丰富多彩的文体活动，关心教职工的生活，" * 12
    result = split(source(_chunked(body)))
    (doc,) = result.documents
    assert doc.title.startswith("城东小学2024年工会工作计划")
    numbers = [(f.line, f.col, f.end_col, f.reason) for f in result.furniture]
    assert numbers[:2] == [(1, 0, 2, "viewer_chunk_number"), (2, 0, 2, "viewer_chunk_number")]
    own = "城东小学2024年工会工作计划\n" + "\n".join(
        f"{k}、" + "认真做好教职工的思想政治工作，关心教职工生活。" * (9 + k) for k in (1, 2, 3)
    )
    assert [f.reason for f in split(source(own)).furniture] == []


def test_a_share_prompt_inside_a_plan_does_not_end_it() -> None:
    """A QR or share line pasted into a plan: the months after it, the signature and its date are the plan's."""
    text = (
        "城东医院工会2024年工作计划\n一、指导思想\n全心全意为职工服务。\n二、月份安排\n三月：女职工健步走\n"
        "四月：职工运动会\n扫一扫上方二维码报名\n七月：夏季送清凉\n八月：暑期疗休养\n城东人民医院\n2024年1月\n"
    )
    result = split(source(text))
    (doc,) = result.documents
    assert doc.end_line == 11
    assert [f.line for f in result.furniture] == [7]


def test_a_widgets_words_in_a_plans_numbered_sentence_leave_it_the_plans() -> None:
    """ "扫一扫" or "手机阅读" in a numbered item of the plan is what the plan says, not a share button."""
    text = (
        PLAN_BODY
        + "3、开展教职工健步走活动，扫一扫下方二维码即可报名。\n4、鼓励教职工利用手机阅读学习，每月交流一次。\n"
    )
    result = split(source(text))
    (doc,) = result.documents
    assert (doc.end_line, result.furniture) == (8, [])


def test_a_sites_footer_after_a_share_prompt_is_furniture_and_a_signature_is_not() -> None:
    """An office's name with the site's address and phone after it is the site's footer; an organisation
    and a date at the very end are the plan's signature."""
    footer = "分享到：\n东湖区教育局\n地址：东湖区光明路18号\n电话：0571-88886666\n"
    result = split(source(PLAN_BODY + footer))
    assert (result.documents[0].end_line, [f.line for f in result.furniture]) == (6, [7, 8, 9, 10])
    signed = "分享到：\n东湖区第一小学\n2024年2月20日\n"
    assert split(source(PLAN_BODY + signed)).documents[0].end_line == 9


@pytest.mark.parametrize(
    "notice",
    [
        "……此处隐藏2680个字……",
        "此处隐藏：1,532字，全部文档内容请下载后查看。喜欢就下载吧 ……",
        "（此处已隐藏906字，请下载查看）",
    ],
)
def test_a_sites_hidden_text_notice_is_set_aside_and_cuts_the_line(notice: str) -> None:
    """A doc-sharing site withholds part of a plan and says so in mid-line; the notice is furniture with its
    columns, and the text after it (where the page resumes, often in another part) is a line of its own."""
    text = (
        "城北中学2024年工会工作计划\n一、指导思想\n坚持服务教职工的方向。"
        + notice
        + "三、活动安排\n九月：教师节慰问\n"
    )
    result = split(source(text))
    (doc,) = result.documents
    (f,) = result.furniture
    start = len("坚持服务教职工的方向。")
    assert (f.line, f.col, f.end_col, f.reason, f.text) == (
        3,
        start,
        start + len(notice),
        "hidden_text_notice",
        notice,
    )
    last = uc.structure(doc).sections[-1]
    assert (last.kind, last.start_line, last.start_col) == ("monthly_schedule", 3, start + len(notice))
    plain = "城北中学2024年工会工作计划\n一、指导思想\n此处不隐藏任何问题，查看下载的文件共30个字。\n"
    assert split(source(plain)).furniture == []


def test_a_disclosure_pages_catalogue_fields_are_furniture_and_the_notice_and_its_attachment_are_two() -> (
    None
):
    """A government disclosure page: its catalogue fields (索引号, 发布机构, 主题分类, 文号…) are the page's, the
    covering notice is one document and the key points after 附件1： another, each with its own title."""
    text = (
        "索引号：11330106MB0000000X/2024-00031\n发布机构：青禾区教育工会\n生成日期：2024-03-06\n"
        "公开方式：主动公开\n主题分类：工会工作\n文号：青教工〔2024〕3号\n"
        "关于印发《青禾区教育工会2024年工作要点》的通知\n各中小学、幼儿园工会：\n"
        "现将《青禾区教育工会2024年工作要点》印发给你们，请结合实际认真贯彻落实。\n"
        "附件：青禾区教育工会2024年工作要点\n青禾区教育工会\n2024年3月5日\n附件1：\n"
        "青禾区教育工会2024年工作要点\n2024年，区教育工会以服务教职工为中心，团结全区教职工建功立业。\n"
        "一、加强思想引领\n1.组织教职工学习党的创新理论。\n二、维护合法权益\n1.坚持和完善教职工代表大会制度。\n"
    )
    result = split(source(text))
    assert [(f.line, f.reason) for f in result.furniture] == [(n, "disclosure_metadata") for n in range(1, 7)]
    notice, points = (uc.document_attributes(d) for d in result.documents)
    assert (notice.start_line, notice.title, notice.doc_type) == (
        7,
        "关于印发《青禾区教育工会2024年工作要点》的通知",
        "other",
    )
    assert (points.start_line, points.title, points.doc_type) == (
        14,
        "青禾区教育工会2024年工作要点",
        "key_points",
    )
    assert notice.school_level == points.school_level == "school_unspecified"


def test_a_covering_notice_without_a_title_above_the_document_it_issues_is_a_document() -> None:
    """Addressees, "现将《…》印发给你们，请参照执行。", signature and date above the issued key points: the notice
    (type other) is a document of its own, not the page's header."""
    text = (
        "各区县总工会，各产业工会：\n现将《青禾市总工会女职工部2024年工作要点》印发给你们，请参照执行。\n"
        "青禾市总工会女职工部\n2024年2月20日\n青禾市总工会女职工部2024年工作要点\n"
        "2024年，女职工工作以服务女职工为中心，团结引导广大女职工建功立业。\n"
        "一、加强思想引领\n1.组织女职工学习党的创新理论。\n二、维护合法权益\n1.推动女职工专项集体合同全覆盖。\n"
    )
    result = split(source(text))
    assert result.furniture == []
    notice, points = (uc.document_attributes(d) for d in result.documents)
    assert (notice.start_line, notice.end_line, notice.title, notice.doc_type) == (1, 4, None, "other")
    assert (points.start_line, points.title, points.doc_type) == (
        5,
        "青禾市总工会女职工部2024年工作要点",
        "key_points",
    )
    assert notice.school_level == points.school_level == "non_school"


@pytest.mark.parametrize(
    ("line", "title"),
    [("2024年社区工作计划1一、加强组织建设，发挥党建引领作用", "2024年社区工作计划1"),
     ("城南小学工会2024年工作要点一、指导思想：以服务教职工为中心", "城南小学工会2024年工作要点")],
)  # fmt: skip
def test_an_item_title_glued_to_its_first_heading_is_cut_off(line: str, title: str) -> None:
    """A compilation item's title (with the site's item number) run on into its first heading; a title with a
    bare ordinal after it ("…工作计划(一)") is an item label, not a heading."""
    text = f"{line}\n1.完善组织网络，健全工作制度，定期召开会议。\n2.开展志愿服务，关心困难群众生活。\n"
    (doc,) = split(source(text)).documents
    assert (doc.title, doc.start_line) == (title, 1)
    (label,) = split(source("学校工会年度工作计划(一)\n一、指导思想\n以服务教职工为中心。\n")).documents
    assert label.title == "学校工会年度工作计划(一)"


def test_a_title_written_over_two_lines_owner_then_name() -> None:
    """ "青禾小学2024学年第一学期第3工会小组" over "创建文明组室计划": one title over two lines (its owner, then the
    plan's name); the title section spans both and the plan is judged by the whole title."""
    text = (
        "青禾小学2024学年第一学期第3工会小组\n创建文明组室计划\n一、创建目标\n1.组内教职工团结互助，积极参与学校民主管理。\n"
        "二、主要任务与措施\n1.认真学习，关心组内教职工生活。\n2.开展读书交流活动。\n"
    )
    (doc,) = split(source(text)).documents
    doc = uc.structure(uc.document_attributes(doc))
    assert (doc.title, doc.full_title, doc.doc_type) == (
        "青禾小学2024学年第一学期第3工会小组",
        "青禾小学2024学年第一学期第3工会小组创建文明组室计划",
        "plan",
    )
    assert [(s.kind, s.start_line, s.end_line) for s in doc.sections] == [
        ("title", 1, 2),
        ("goals", 3, 4),
        ("key_work", 5, 7),
    ]
    # a title that names its genre has no second half: the label under it is a section
    (plain,) = split(
        source("东湖小学工会2024年工作计划\n主要工作安排\n1.召开教代会。\n2.开展文体活动。\n")
    ).documents
    assert uc.structure(plain).sections[0].end_line == 1


def test_a_page_titles_copy_over_two_lines_is_the_documents_title() -> None:
    """The page title, then the article's own copy of it broken into owner and name: the copy nearest the
    body is the title (both its lines), the page title is the site's."""
    text = (
        "2023年春青禾幼儿园工会工作方案范文\n2023年春青禾幼儿园\n工会工作方案\n一、指导思想\n以人为本，服务教职工。\n"
        "二、主要工作\n1.开好教代会。\n2.开展文体活动。\n"
    )
    (doc,) = split(source(text)).documents
    doc = uc.structure(uc.document_attributes(doc))
    assert (doc.start_line, doc.full_title) == (2, "2023年春青禾幼儿园工会工作方案")
    assert [(s.kind, s.start_line, s.end_line) for s in doc.sections][:2] == [
        ("title", 2, 3),
        ("guiding_ideology", 4, 5),
    ]


def test_a_page_title_with_the_sites_navigation_after_it_is_the_sites() -> None:
    """ "…卫生工作计划_学校年度卫生工作计划" (the article's name, then the site's category) over the site's blurb
    and the article's own title: the document starts at its own title."""
    text = (
        "青禾小学卫生工作计划_学校年度卫生工作计划\n青禾小学卫生工作计划由本站小编整理，希望给你带来方便\n"
        "青禾小学卫生工作计划\n一、指导思想\n建设卫生校园。\n二、工作目标\n1、做好健康体检。\n"
    )
    result = split(source(text))
    (doc,) = result.documents
    assert (doc.start_line, doc.full_title) == (3, "青禾小学卫生工作计划")
    assert {f.line: f.reason for f in result.furniture} == {1: "page_title", 2: "site_intro"}


def test_the_last_of_three_copies_of_a_title_at_the_top_is_the_documents() -> None:
    """The page title, the site's byline, then the article's heading written twice: the copy nearest the body
    is the title, whatever names the group ("老年人娱乐小组…" names no organisation the titles know)."""
    text = (
        "老年人娱乐小组活动计划书\n小编原创 模板网 2023-11-04 15:39:08\n老年人娱乐小组活动计划书\n"
        "老年人娱乐小组活动计划书\n一、活动目的\n1.丰富晚年生活。\n二、活动内容\n1.每周一次文艺活动。\n"
    )
    (doc,) = split(source(text)).documents
    assert (doc.start_line, doc.full_title) == (4, "老年人娱乐小组活动计划书")


def test_a_title_going_on_with_a_conjoined_genre_spans_both_lines() -> None:
    """ "…2024年工作总结" over "及2025年工作计划": one title over two lines, both in the title section."""
    text = (
        "青禾镇工会召开2024年工作总结\n及2025年工作谋划会\n12月27日，镇工会召开会议，总结一年工作。\n"
        "一年来，镇工会开展了各项活动，取得了好成绩。\n"
    )
    (doc,) = split(source(text)).documents
    doc = uc.structure(uc.document_attributes(doc))
    assert doc.full_title == "青禾镇工会召开2024年工作总结及2025年工作谋划会"
    assert (doc.sections[0].kind, doc.sections[0].start_line, doc.sections[0].end_line) == ("title", 1, 2)


@pytest.mark.parametrize(
    ("text", "start", "full_title"),
    [
        # an issuer over a section label is no copy of the title (review 8)
        (
            "青禾中学工会2025年工作计划\n青禾中学工会委员会\n2024年工作总结\n去年开展了运动会。\n2025年工作要点\n1. 开好教代会。",
            1,
            "青禾中学工会2025年工作计划",
        ),
        # a site's name over the whole title again: the copy alone is the title
        (
            "青禾幼儿园工会2024年工作计划\n青禾幼儿园\n青禾幼儿园工会2024年工作计划\n一、指导思想\n服务教职工。\n二、主要工作\n1. 开好教代会。",
            3,
            "青禾幼儿园工会2024年工作计划",
        ),
        # a body line that happens to open with 及 is no conjoined title
        (
            "青禾小学工会2025年工作计划\n及时了解教职工思想动态\n一、指导思想\n服务教职工。\n二、重点工作\n1. 开好教代会。",
            1,
            "青禾小学工会2025年工作计划",
        ),
    ],
)
def test_lines_under_a_title_that_are_not_its_copy_or_its_rest(
    text: str, start: int, full_title: str
) -> None:
    (doc,) = split(source(text)).documents
    doc = uc.structure(uc.document_attributes(doc))
    assert (doc.start_line, doc.full_title) == (start, full_title)
