from __future__ import annotations

import pytest

import unioncorpus as uc
from unioncorpus.attributes import (
    congress_refs,
    doc_type,
    document_attributes,
    parse_year,
    school_level,
    year_of,
)
from unioncorpus.model import Document, Line


def doc(body: str, title: str | None = None, *, label: bool = False) -> Document:
    lines = [Line(i, t) for i, t in enumerate(([title] if title else []) + body.split("\n"), 1) if t]
    return Document("d-1", "d.txt", lines, title=title, title_line=1 if title else None, title_is_label=label)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2013年工会工作计划", 2013),
        ("二〇一三年工会工作计划", 2013),
        ("二0一二年工作回顾", 2012),
        ("2017-2018学年第一学期工会工作计划", 2017),
        ("2023—2024学年度", 2023),
        ("2020-2021学年第二学期行事历", 2021),  # the second term falls in the second year
        ("2017-18学年度第二学期", 2018),
        ("2023-2024学年下学期工会工作计划", 2024),
        ("113学年度第1学期行事历", 2024),  # a Taiwan school year, counted from 1912
        ("109学年度第二学期行事历", 2021),  # ... whose second term is in the next calendar year
        ("二零二五至二六年度校历", 2025),  # a Hong Kong school year, in Chinese numerals
        ("二〇二三至二〇二四学年第二学期", 2024),
        ("第113号文件", None),
        ("20xx年工会工作计划", None),
        ("20__年工作要点", None),
        ("____年教职工大会", None),
        ("版权所有 2007-2024", None),
    ],
)
def test_parse_year(text: str, year: int | None) -> None:
    assert parse_year(text) == year


def test_year_order_of_evidence() -> None:
    assert year_of(doc("一、指导思想", "某小学2013年工会工作计划")) == 2013
    # a site label whose year contradicts the compilation's own title is not evidence
    assert (
        year_of(
            doc("一、指导思想", "2021年工会工作篇2", label=True), compilation_titles=["2022年工会工作16篇"]
        )
        is None
    )
    assert (
        year_of(
            doc("一、指导思想", "小学工会2023工作计划篇1", label=True),
            compilation_titles=["小学工会2023工作计划优秀5篇"],
        )
        == 2023
    )
    assert year_of(doc("2018年工会经审工作总体要求是：深入学习。")) == 2018
    assert year_of(doc("20__年是关键的一年，2015年提出的目标")) is None
    assert year_of(doc("回顾过去的二0一二年，我局工会做了大量工作。\n20__年，我们将继续努力。")) == 2013
    assert year_of(doc("九月份\n1.修订计划\n十二月份\n1.联欢会\n18年一月份\n1.慰问")) == 2017
    # a year written with its month far down (an activity's time field) is enough when nothing else says
    late = "\n".join(
        ["一、活动目的", "增进交流。", "二、活动主题", "同心同行", "三、内容", "拔河", "四、时间"]
    )
    assert year_of(doc(late + "\n活动时间：2025年4月—10月")) == 2025
    assert year_of(doc(late + "\n参考2019年的做法")) is None


@pytest.mark.parametrize(
    ("body", "title", "label", "level"),
    [
        (
            "围绕幼儿园工作目标，团结全园教职工，园务公开，园党支部领导。",
            "小学工会2023工作计划篇1",
            True,
            "kindergarten",
        ),
        (
            "我校教师认真学习中小学职业道德规范，教职工积极参与学校管理，师德建设。",
            "小学工会计划篇2",
            True,
            "school_unspecified",
        ),
        ("组织少先队活动，庆六一国际儿童节，关心教职工。", None, False, "primary"),
        ("做好初三、高三毕业班教师关心工作，中考高考期间慰问教职工。", None, False, "middle"),
        ("深化产教融合、校企合作，组织中职技能大赛，关心教职工。", None, False, "vocational"),
        ("围绕学院中心工作，各分工会开展活动，迎评促建。", None, False, "university"),
        ("在各车间开展劳动竞赛，深化厂务公开，召开职代会，公司工会关心职工。", None, False, "non_school"),
        ("提高职工素质，确保教师队伍稳定，放大学校特色，搞好期中考试。", None, False, "school_unspecified"),
        ("今天天气很好。", None, False, "unknown"),
        ("市一中工会组织教职工学习，关心教师，召开教代会。", None, False, "middle"),
        ("村小和完小的教师参加培训，关心教职工。", None, False, "primary"),
        # Taiwan's 国小 / 国中 (國小, 國中, read through the simplified view)
        ("育才国小教师研习，学校办理亲职教育，教职工参加。", None, False, "primary"),
        ("青禾国中教师进修，学校办理校庆，教职工参加。", None, False, "middle"),
        ("其中教职工参加活动，教师学习，学校管理。", None, False, "school_unspecified"),
        # a university's administrative offices have their own union; their 机关 is no government office
        ("校机关工会在机关党委领导下，围绕学校中心工作，关心机关教职工。", None, False, "university"),
        ("后勤集团工会组织职工代表座谈，为学校教职工和学生做好服务。", None, False, "university"),
        ("局机关工会在机关党委领导下开展工作，关心机关干部职工。", None, False, "non_school"),
        # one strong level word and no word of another workplace: that level, not a school of no level
        ("后勤集团工会通知各单位：新年联欢活动于元旦前举行，请做好准备。", None, False, "university"),
        # staff and divisions named with their level: 小学教师, 初中部
        ("畅谈青禾小学教师幸福感，关心教职工，学校组织活动。", None, False, "primary"),
        ("组织初中部教师开展教研活动，教职工参加学校运动会。", None, False, "middle"),
        # the full name of a secondary vocational school, which jieba cuts as 中等职业|学校; its Youth League
        # committee is a vocational school's as much as a middle school's
        (
            "按照青禾县中等职业学校团委的部署，校团委组织共青团员学习，学校教职工参加。",
            None,
            False,
            "vocational",
        ),
        # an education office's addressees list every kind of school at once: no one level is the writer's
        (
            "各中小学、幼儿园工会：现将区教育工会工作要点印发给你们，请各学校认真落实。",
            None,
            False,
            "school_unspecified",
        ),
        ("全区小学、初中和幼儿园教职工参加培训，关心教师，学校组织活动。", None, False, "school_unspecified"),
        # an education system's union serves all its schools: a school its text names does not make it theirs
        (
            "全镇教职工参加培训。组织青禾中心小学教师开展读书活动，关心教师，学校组织活动。",
            "青禾镇教育工会2024年工作要点",
            False,
            "school_unspecified",
        ),
        (
            "青禾中心小学教职工参加培训，关心教师，学校组织活动。",
            "青禾中心小学工会2024年工作要点",
            False,
            "primary",
        ),
        # a list of schools of one level is that level
        ("一中、二中和三中教职工参加联谊，关心教师，学校组织活动。", None, False, "middle"),
    ],
)
def test_school_level_from_the_body(body: str, title: str | None, label: bool, level: str) -> None:
    assert school_level(doc(body, title, label=label))[0] == level


def test_title_counts_when_it_is_the_plans_own() -> None:
    assert (
        school_level(doc("教职工积极参与学校民主管理，教师师德建设。", "郑陆中心小学2013年工会工作计划"))[0]
        == "primary"
    )


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("某小学2024年工会工作计划", "一、指导思想", "plan"),
        ("某小学工会2023年工作总结", "一年来，工会取得了显著成绩。", "summary"),
        (
            "某小学工会2023年工作总结",
            "一年来取得了成绩。\n问题\n问题\n2024年工作打算\n1、开好教代会",
            "summary_and_plan",
        ),
        ("某小学工会2023年工作总结及2024年工作计划", "一年来", "summary_and_plan"),
        ("市教育工会2024年工作要点", "一、加强思想引领", "key_points"),
        # a calendar of work names what is to come: its year-end item "期末工会工作总结" is planned work
        ("城南小学工会2024学年第一学期行事历", "十二月\n1. 工会委员会议\n一月\n1. 期末工会工作总结", "plan"),
        # ... but a review of one is a summary (review 9)
        (
            "实验中学工会2023学年第一学期行事历执行情况总结",
            "一、主要工作完成情况\n开展了教师节慰问。",
            "summary",
        ),
        # a page title's navigation after an underscore names the site's category, not the text's genre
        ("幼儿园卫生保健工作计划_计划总结", "一、本年度工作\n1、做好年终总结。", "plan"),
        ("某中学2024年学生会工作计划", "一、组织学生活动", "plan"),  # a plan, if not the union's (genre)
        (None, "各位领导、同志们：回顾过去一年。", "other"),
        (None, "各基层工会组织要认真落实。", "key_points"),
        # a large union's own plan names its units below once in passing: still its plan
        (
            None,
            "一、加强教职工队伍建设\n"
            + "组织教职工开展岗位练兵和教学技能比赛，提升业务能力。" * 30
            + "\n二、鼓励各基层工会开展文体活动。",
            "plan",
        ),
    ],
)
def test_doc_type(title: str | None, body: str, expected: str) -> None:
    assert doc_type(doc(body, title)) == expected


@pytest.mark.parametrize(
    ("text", "party", "union"),
    [
        ("以党的十八大精神为指导", ["十八大"], []),
        ("学习十八大六中和十九大精神", ["十八大", "十九大"], []),
        ("学习党的二十大精神", ["二十大"], []),
        ("围绕学习十x大精神", ["十x大"], []),
        ("组织学习“xx大”精神，学习全总xx大精神", ["xx大"], ["全总xx大"]),
        ("贯彻中国工会xx大精神", [], ["中国工会xx大"]),
        ("贯彻落实工会十四大的精神", [], ["工会十四大"]),
        ("学习十八届六中全会和十九大、全总十六大精神", ["十九大"], ["全总十六大"]),
        ("深入学习党的十八精神", ["十八"], []),
        ("党的十八届四中全会", [], []),
        ("评选十大杰出青年", [], []),
    ],
)
def test_congress_refs(text: str, party: list[str], union: list[str]) -> None:
    assert congress_refs(text) == (party, union)


def test_the_dates_of_a_calendar_do_not_outvote_its_title() -> None:
    """A school year's calendar writes more dates in its second year than in its first; years merely written
    add up to little, and full dates are no month headings of a schedule."""
    body = "\n".join(
        [f"二零二五年{m}月一日(星期一) 活动" for m in ("九", "十")]
        + [f"二零二六年{m}月{d}日(星期一) 活动" for m in ("一", "三", "四", "五", "六") for d in ("二", "九")]
    )
    assert year_of(doc(body, "二零二五至二六年度校历")) == 2025
    assert year_of(doc(body)) == 2025  # with no title, the dates still say something: a tie, the first year
    events = "\n".join(f"第{k}次活动：2026年{m}月{k}日" for k, m in enumerate((1, 3, 4, 5, 6, 6, 7), 1))
    assert year_of(doc(events, "城南小学2025学年工会活动安排")) == 2025


def test_year_of_a_review_then_a_plan() -> None:
    # the year a sentence tells what was done in is looked back on; the year the union "will" work in is planned
    text = "2019年某支行工会紧紧围绕中心工作，为全行作出了应有贡献。\n2020年某支行工会将继续关心职工。"
    assert year_of(doc(text)) == 2020


def test_the_year_a_summary_looks_back_on_is_its_own() -> None:
    """ "一、2023年工作回顾" in a plan says the plan is for 2024; in a summary (no title says so) it is the
    year summed up."""
    text = "一年来，工会取得了显著成绩，开展了多项活动。\n一、2023年工作回顾\n组织了教职工运动会，慰问了困难职工。"
    d = document_attributes(doc(text))
    assert (d.doc_type, d.year) == ("summary", 2023)


def test_level_from_a_site_label_that_names_the_organisation() -> None:
    body = "一、指导思想\n关心教职工，开好教代会，教师学习。"
    assert school_level(doc(body, "XX小学工会工作计划(一)", label=True))[0] == "primary"
    # a generic label names no organisation and says nothing of the level
    assert school_level(doc(body, "小学工会工作计划(一)", label=True))[0] == "school_unspecified"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a compilation's entry naming summary and plan over a text that only looks back
        (
            "第二篇：某中学工会工作总结和工作计划",
            "一年来，工会开展了丰富的活动，取得了一定的成绩，具体总结如下：\n一、加强教师队伍建设\n组织了学习。",
            "summary",
        ),
        # a template site's genre label naming both ("2020中学…", no one's name) over a text that only looks back
        (
            "2020中学工会工作总结及计划",
            "一年来，工会开展了丰富的活动，取得了一定的成绩，总结如下：\n一、抓好换届选举工作\n拟订了选举方案。",
            "summary",
        ),
        # ... but one with a part for what comes next ("三、今后工作打算") is both
        (
            "学校工会工作总结及计划",
            "一年来，工会开展了丰富的活动，取得了一定的成绩，总结如下：\n一、加强学习\n组织了学习。\n"
            "二、关心职工\n慰问了教职工。\n三、今后工作打算\n1、继续加强学习。\n2、做好帮扶工作。",
            "summary_and_plan",
        ),
        # a plan's own title over a review of the year before and the work ahead: both, not a summary
        (
            "城南中学工会2024年工作计划",
            "一、指导思想\n以二十大精神为指导。\n二、过去一年的主要成绩\n1、2023年3月，我校工会被评为先进职工之家。\n"
            "2、2023年6月，我校女教工获巾帼文明岗称号。\n三、主要工作\n1、加强师德建设。\n2、关心教职工生活。",
            "summary_and_plan",
        ),
        # a work plan whose activities have their times and places ("活动时间：6月中旬") is no activity scheme
        (
            "城东实验小学工会2024年工作计划",
            "一、指导思想\n团结全体教职工。\n二、月份工作安排\n六月份\n1、开展职工读书交流活动：\n"
            "活动时间：6月中旬\n活动地点：学校图书馆\n2、做好学期工会工作总结。",
            "plan",
        ),
        # ... but one event's arrangements under a 工作安排 title are an activity scheme all the same
        (
            "南湾街道总工会2024年迎新春职工趣味运动会活动工作安排",
            "一、活动时间：1月20日上午\n二、活动地点：街道文体中心\n三、参加对象：辖区企业职工\n四、比赛项目\n"
            "1、拔河\n2、跳绳\n五、报名方式：各单位于1月10日前报名\n六、工作要求\n注意安全。",
            "other",
        ),
        # a year summary with one sentence of what was done "按照年初计划" is no summary_and_plan
        (
            "柳溪小学工会2023年工作总结",
            "一年来，工会开展了丰富的活动，取得了成绩。\n一、加强学习\n组织了学习。\n二、关心职工\n慰问了教职工。\n"
            "下半年，我们按照年初计划组织了秋游。\n三、存在的不足\n活动形式还比较单一。",
            "summary",
        ),
        # an untitled page of a plan: what was built last year, then what this year will do ("今年…将")
        (
            None,
            "三、改善办学条件\n去年学校修建了篮球场，配备了专人管理；今年学校将为图书室添置一批新书。\n"
            "具体安排：\n一、3月份完成教师基本功测试。\n二、5月份举办读书节。",
            "plan",
        ),
        # the plan's own title naming both is believed even when the excerpt stops in the summary
        (
            "某局工会2019年工作总结及2020年工作计划",
            "一年来，工会开展了活动，取得了成绩。",
            "summary_and_plan",
        ),
        # a call for applications is a notice
        (
            None,
            "欢迎各分会申请活动经费。\n申请方式：每年三月提出。\n附件：活动经费申请表",
            "other",
        ),
        # a plan quotes its sources ("《纲要》指出：", "总书记强调，"): they are no speakers of a news report ...
        (
            None,
            "一、指导思想\n《幼儿园教育指导纲要》指出：家庭是幼儿园重要的合作伙伴。习近平总书记强调，要办好人民满意的教育。\n"
            "二、工作目标\n家园共育。\n三、工作措施\n1、办好家长学校。",
            "plan",
        ),
        # ... but a meeting's speakers are
        (None, "会议指出，过去一年工会工作成效明显。\n王主席强调，2024年要抓好职工之家建设。", "other"),
        # a speech thinks aloud and asks the hall
        (None, "工会工作有没有缺点呢？缺点是有的。\n我想首先是立场问题。", "other"),
        # an explainer under a question as its headline
        ("", "【工会是什么】\n工会是指职工自愿组成的群众组织。\n一、工会的职能", "other"),
    ],
)
def test_doc_type_of_look_alikes(title: str | None, body: str, expected: str) -> None:
    assert doc_type(doc(body, title or None)) == expected


def test_doc_type_from_a_site_label_and_an_address() -> None:
    # a notice to the units below, whatever they are called, and an event's scheme "as follows"
    notice = "各工会小组：\n为庆祝妇女节，工会将组织春游。\n请于三月五日前报名。\n联系人：王老师"
    assert doc_type(doc(notice)) == "other"
    assert doc_type(doc("为庆祝妇女节，工会决定开展活动，具体方案如下：\n一、活动时间：三月上旬")) == "other"
    assert doc_type(doc("各位代表：\n一、指导思想\n围绕中心工作。\n二、主要工作\n开好教代会。")) == "plan"
    # a site's entry label naming the kind backs one cue of the text's own, never decides alone
    scheme = "一、活动目的\n增进交流。\n二、行程安排\n周五下午出发。"
    assert doc_type(doc(scheme, "职工活动方案 篇2", label=True)) == "other"
    assert doc_type(doc("一、内容\n评选好教师。", "职工活动方案 篇2", label=True)) == "plan"
    # an event's parts as numbered headings (活动目标, 活动准备, 活动内容) are a scheme's
    outing = "一、活动目标\n让孩子认识秋天。\n二、活动准备\n请家长准备水壶。\n三、活动过程\n上午九点出发。"
    assert doc_type(doc(outing)) == "other"
    assert doc_type(doc("一、活动内容：\n评选好教师。", "职工活动方案 篇2", label=True)) == "other"
    # ... not a schedule table's column or a plan's sentence about its activities
    table = "一、主要工作\n开好教代会。\n二、活动安排\n月份 活动内容 负责人\n三月 三八节活动 工会"
    assert doc_type(doc(table + "\n活动内容丰富多彩。")) == "plan"
    # a label saying 总结: one retrospective cue more than planning ones is enough
    review = "工会开展了各项活动，完成了本年度工作计划，特作以下总结：\n一、注重学习"
    assert doc_type(doc(review, "小学学校工会工作总结 篇一", label=True)) == "summary"
    assert doc_type(doc(review, "小学学校工会工作计划 篇一", label=True)) == "plan"


def test_a_regulation_announcing_itself_is_enough() -> None:
    rules = (
        "为加强活动室管理，营造良好氛围，特制定本制度。\n六、参加活动的教职工服从管理。\n开放时间：周五晚上。"
    )
    assert doc_type(doc(rules, "职工之家工作计划篇二", label=True)) == "other"
    # a plan citing an article of a regulation is still a plan
    cites = "《教代会条例》第二条中指出，教代会是教职工行使民主权利的基本形式。\n一、主要工作\n开好教代会。"
    assert doc_type(doc(cites, "幼儿园工会工作计划")) == "plan"


def test_union_named_only_in_a_site_label() -> None:
    from unioncorpus.genres import genre

    other = doc("面向高端患者成立健康俱乐部，开展免费普检。", "卫健工会工作计划20_1", label=True)
    assert genre(other, kind="plan")[0] == "other_plan"
    # the plan's own title naming the union is enough when its body is a bare list of activities
    own = doc("三月 登山比赛\n五月 歌咏比赛", "校工会2012年主要文体活动计划")
    assert genre(own, kind="plan")[0] == "union_plan"
    # a member card is a shop's, not a union's member
    shop = doc("发放会员卡，会员卡打折，会员卡积分。", "卫健工会工作计划20_2", label=True)
    assert genre(shop, kind="plan")[0] == "other_plan"


def test_family_planning_is_no_plan_cue() -> None:
    from unioncorpus.genres import doc_type_evidence

    # two retrospective cues outweigh no plan cue, but not a real one
    kind, evidence = doc_type_evidence(doc("一年来，工会举办了比赛。\n做好计划生育宣传。"))
    assert (kind, {e.value for e in evidence}) == ("summary", {"summary"})
    assert doc_type(doc("一年来，工会举办了比赛。\n拟召开教代会。")) == "plan"


def test_an_article_with_a_byline_and_a_news_headline_is_news() -> None:
    """A published article's byline counts beside a news cue (召开 in its headline); a plan posted with a
    byline stays a plan."""
    news = "医院工会召开2024年工作务虚会\n来源：院工会 浏览量：352\n2月16日，院工会回顾了去年的工作，提出了今年的目标。"
    plan = "红星医院工会2024年工作计划\n发布时间：2024-02-16\n一、指导思想\n以二十大精神为指导。\n二、主要工作\n开好职代会。"
    kinds = [d.doc_type for d in uc.from_texts([news, plan], ids=["news", "plan"])]
    assert kinds == ["other", "plan"]


def test_what_was_done_line_after_line_is_a_review() -> None:
    """The aspect marker 了 on line after line tells what was done, whatever the verb; a plan's one line of
    hoped-for results ("使…有了…，调动了…，增强了…") does not make it a review."""
    review = doc(
        "工会围绕学校中心工作，带领教职工完成各项任务。\n"
        "春季，工会组织教职工去郊外踏青，大家放松了心情。\n"
        "五月，教职工排球队在区比赛中拿到了第二名。\n"
        "秋季，工会走访慰问困难教职工，送去了节日的问候。"
    )
    assert doc_type(review) == "summary"
    plan = doc(
        "一、指导思想\n以二十大精神为指导，围绕学校中心工作开展工会工作。\n二、主要工作\n"
        "1、坚持校务公开，使教职工对学校发展有了全面的了解，调动了积极性，增强了主人翁意识。\n"
        "2、将进一步开展教职工文体活动，丰富业余生活。\n3、做好困难教职工帮扶工作。",
        "某小学工会工作计划",
    )
    assert doc_type(plan) == "plan"


def test_a_report_naming_the_union_from_outside_is_news() -> None:
    """A reporter writes '本报讯' and '该县总工会'; a union's own plan says 我会 or 县总工会."""
    news = "县总工会开展职工文体活动\n本报讯 近日，县总工会组织职工开展文体活动。该县总工会今年还将举办职工运动会。"
    plan = "县总工会2024年工作计划\n一、主要工作\n县总工会今年将举办职工运动会，开展职工文体活动。"
    kinds = [d.doc_type for d in uc.from_texts([news, plan], ids=["news", "plan"])]
    assert kinds == ["other", "plan"]


@pytest.mark.parametrize(
    "text",
    [
        # a salutation to parents opens a school's notice, whatever its title
        "国庆节放假安排\n亲爱的家长朋友们：\n根据上级安排，我园10月1日至7日放假，10月8日正常入园。",
        # no title cue, no salutation: it asks the parents and says when school resumes
        "春节假期安排\n本校安排如下：\n1. 1月26日至2月15日放假。\n2. 家长请依时出席家长日。\n2月18日照常上课。",
        "关于期末家长会的通告\n本周五下午召开家长会。",
    ],
)
def test_a_notice_to_parents_is_other(text: str) -> None:
    assert doc_type(doc(text)) == "other"


def test_a_plan_that_invites_parents_is_still_a_plan() -> None:
    """'邀请家长' in a kindergarten's plan is an activity, not a request to parents."""
    plan = doc(
        "一、指导思想\n以幼儿发展为本。\n二、月份安排\n九月：新生入园适应，邀请家长参加开放日。\n"
        "十月：秋季亲子运动会，请家长协助组织。",
        "阳光幼儿园2024学年第一学期工作计划",
    )
    assert doc_type(plan) == "plan"


def test_a_calendar_dated_to_the_half_day_is_not_news() -> None:
    """'9月1日上午' leads a news report's sentence and a calendar's items alike: in a text whose lines open
    with dates it is the items' date, and a byline beside it does not make the calendar a news report."""
    calendar = (
        "实验小学2024学年第一学期工作日程\n发布时间：2024-08-28\n"
        "8月30日上午全体教师大会\n9月1日上午开学典礼\n9月10日下午庆祝教师节\n"
        "9月20日组织秋季运动会\n10月12日下午家长开放日\n11月5日期中质量检测"
    )
    news = (
        "县总工会召开职工运动会\n发布时间：2024-05-06\n"
        "5月5日上午在县体育馆举行全县职工运动会，各基层工会组队参加。5月6日下午进行了颁奖。"
    )
    kinds = [d.doc_type for d in uc.from_texts([calendar, news], ids=["calendar", "news"])]
    assert kinds == ["plan", "other"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "现对一年来的工作进行总结，并对明年的工作进行安排：\n一、主要成绩\n二、明年打算",
            "summary_and_plan",
        ),
        ("一年来的工作总结如下，并对新一年重点任务作出安排。\n一、工作回顾", "summary_and_plan"),
        # a plan's December item names a summary and the next plan: no announcement
        ("一、主要工作\n开好教代会。\n二、月份安排\n十二月：做好全年工作总结和新年计划", "plan"),
        (
            "一、主要工作\n开好教代会。\n二、月份安排\n十二月：现对全年工作进行总结，并做好明年工作计划。",
            "plan",
        ),
        # a plan's stock opening looks back to plan ahead
        ("在认真总结上年度工作的基础上，并结合我校实际，制定本年度工作计划如下。\n一、主要工作", "plan"),
    ],
)
def test_a_sentence_announcing_a_summary_and_a_plan(body: str, expected: str) -> None:
    assert doc_type(doc(body, "某公司工会2024年工作计划")) == expected


@pytest.mark.parametrize(
    ("plan_heading", "year"),
    [("三、明年工作设想", None), ("三、2021年工作打算", 2021)],
)
def test_a_summary_with_a_plan_inside_is_for_the_year_its_plan_part_writes(plan_heading: str, year) -> None:
    """Under a title that only looks back ("2020年…工会工作总结") the title's year is the year summed up; the
    plan part says the year the document plans for, or none ("明年")."""
    body = (
        "一、主要成效\n一年来，局工会组织职工开展劳动竞赛，走访慰问困难职工。\n二、存在问题\n工会活动形式较单一。\n"
        f"{plan_heading}\n1.深化职工之家建设。\n2.开展职工技能比武。"
    )
    d = document_attributes(doc(body, "2020年青禾县商务局工会工作总结"))
    assert (d.doc_type, d.year) == ("summary_and_plan", year)


def test_a_report_to_a_meeting_says_what_the_meeting_is_for() -> None:
    """ "这次执委会议的主要任务是，…总结…部署…": a report to a meeting (other), whatever it plans; no plan opens so."""
    body = (
        "这次执委会议的主要任务是，深入学习贯彻会议精神，总结2024年工会工作，部署2025年工作任务。\n"
        "2024年，各级工会团结引导广大职工建功立业，推动工会工作取得新进展。\n一、2025年工作任务\n1.深化职工思想政治引领。"
    )
    assert document_attributes(doc(body)).doc_type == "other"
