"""Golden table: every section and schedule form of the genre, one hand-written plan per row.

Each row is a small plan written for the project in one form real plans use; the expected value is the
document's section kinds (title excluded) and its activities as (months, text) — or (months, text, week).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import unioncorpus as uc
from unioncorpus.outline import heading_tree

T = "城南小学2024年工会工作计划"
FORMS = [
    (
        "financial numerals (壹、贰、叁) on top, 一、 and （一） beneath them",
        "城南中學2024學年工會工作計劃\n壹、指導思想\n以服務教職工為宗旨。\n貳、本學年工會工作的幾點思考\n"
        "一、教職工之家建設\n（一）完善活動室。\n二、關心教職工身心健康\n（一）組織體檢。\n參、保障措施\n加強組織領導。",
        ["guiding_ideology", "key_work", "measures"],
        [],
    ),
    (
        "stages dated by their period (第一阶段：…（2024年3月份）), the work under or after each; a deadline's month",
        f"{T}\n一、指导思想\n服务教职工。\n二、实施步骤\n第一阶段：宣传发动（2024年3月份）\n召开工会委员会议，部署读书活动。\n"
        "第二阶段：组织实施(4月1日—5月20日)各工会小组开展读书交流。\n第三阶段：总结表彰（6月30日前）\n评选书香教师。",
        ["guiding_ideology", "monthly_schedule"],
        [
            ((3,), "召开工会委员会议，部署读书活动"),
            ((4, 5), "各工会小组开展读书交流"),
            ((6,), "评选书香教师"),
        ],
    ),
    (
        "stages dated by their months straight after them (第一阶段:20xx年元月份, 第二阶段：3-4月份)",
        f"{T}\n一、指导思想\n服务教职工。\n二、实施步骤\n第一阶段:20xx年元月份\n1.举行授书仪式。\n2.召开读书动员大会。\n"
        "第二阶段：3-4月份\n1.撰写读书心得。",
        ["guiding_ideology", "monthly_schedule"],
        [((1,), "举行授书仪式"), ((1,), "召开读书动员大会"), ((3, 4), "撰写读书心得")],
    ),
    (
        "（一） on top, 一、 beneath it",
        f"{T}\n（一）指导思想\n以二十大精神为指导。\n（二）重点工作\n一、加强师德建设\n开展师德讲座。\n二、关心教职工\n慰问困难教职工。\n（三）月份安排\n三月：庆祝三八节\n四月：春游",
        ["guiding_ideology", "key_work", "monthly_schedule"],
        [((3,), "庆祝三八节"), ((4,), "春游")],
    ),
    (
        "two-month blocks as top headings (一、1———2月, 五、9—10月)",
        f"{T}\n一、1———2月\n1、迎新春联欢会。\n2、走访慰问。\n二、3———4月\n1、庆祝三八节。\n三、9—10月\n1、教师节表彰。\n四、备注\n积极完成上级布置的任务。",
        ["monthly_schedule", "other"],
        [((1, 2), "迎新春联欢会"), ((1, 2), "走访慰问"), ((3, 4), "庆祝三八节"), ((9, 10), "教师节表彰")],
    ),
    (
        "month ranges (3-4月份, 三至四月)",
        f"{T}\n一、月份安排\n3-4月份：教职工春季运动会\n五至六月：教职工体检\n九月：庆祝教师节",
        ["monthly_schedule"],
        [((3, 4), "教职工春季运动会"), ((5, 6), "教职工体检"), ((9,), "庆祝教师节")],
    ),
    (
        "the month on the heading's own line",
        f"{T}\n一、重点工作\n开好教代会。\n二、活动安排 一、二月：\n1、春节慰问退休教师。\n三月：\n1、庆祝三八节。",
        ["key_work", "monthly_schedule"],
        [((1, 2), "春节慰问退休教师"), ((3,), "庆祝三八节")],
    ),
    (
        "items dated by day (3月5日, 3.12): the dates set apart before the words are the item's time, not its text",
        f"{T}\n一、工作行事历\n3月5日 学雷锋志愿服务活动\n3.12 植树活动\n4月20日 教职工趣味运动会",
        ["monthly_schedule"],
        [((3,), "学雷锋志愿服务活动"), ((3,), "植树活动"), ((4,), "教职工趣味运动会")],
    ),
    (
        "weeks (第1周…) under a month, and weeks alone",
        f"{T}\n一、工作行事历\n九月\n第1周 开学工会例会\n第3周 庆祝教师节\n第十周 期中慰问",
        ["monthly_schedule"],
        [((9,), "第1周 开学工会例会", 1), ((9,), "第3周 庆祝教师节", 3), ((9,), "第十周 期中慰问", 10)],
    ),
    (
        "weeks dated by their days over numbered items dated M/D (a week over two months gives both)",
        f"{T}\n一、工会行事历\n第1周 02-17 ~ 02-23\n  1. 2/19(三)工会委员会议\n  2. 慰问困难教职工\n"
        "第2周 02-24 ~ 03-02\n第3周（3.3-3.9）\n  1. 3/7(五)庆祝三八节\n第9周 04-28 ~ 05-04\n  1. 教职工趣味运动会\n"
        "  2. 5/1(四)、5/2(五)劳动节休假",
        ["monthly_schedule"],
        [
            ((2,), "2/19(三)工会委员会议", 1),
            ((2,), "慰问困难教职工", 1),
            ((3,), "3/7(五)庆祝三八节", 3),
            ((4, 5), "教职工趣味运动会", 9),
            ((5,), "5/1(四)、5/2(五)劳动节休假", 9),  # a weekday makes 5/1 a date, and is no heading
        ],
    ),
    (
        "a week and its days on the item's own line (第一周 3月1日-3月7日 …)",
        f"{T}\n一、月份安排\n第一周 3月1日-3月7日 开学工会例会\n第二周 3月8日-3月14日：庆祝三八节",
        ["monthly_schedule"],
        [((3,), "开学工会例会", 1), ((3,), "庆祝三八节", 2)],
    ),
    (
        "a 工作月历: days under month headings, a weekday in brackets, a dotted span, a week of the month",
        "城南小学工会2025年春季工作月历\n二月\n17日 开学工会例会\n三月\n3月5日（星期三） 学雷锋志愿服务\n"
        "3.10-3.14 教职工体检\n四月\n4月第二周 春游",
        ["monthly_schedule"],
        [
            ((2,), "17日 开学工会例会"),
            ((3,), "学雷锋志愿服务"),
            ((3,), "教职工体检"),
            ((4,), "第二周 春游", 2),
        ],
    ),
    (
        "a record's 活动内容： field under sub-headed months is the item, not a section (review 8)",
        f"{T}\n一、月份安排\n（一）三月\n活动内容：庆祝三八节\n（二）四月\n活动内容：教职工健步走\n二、保障措施\n经费保障。",
        ["monthly_schedule", "measures"],
        [((3,), "活动内容：庆祝三八节"), ((4,), "活动内容：教职工健步走")],
    ),
    (
        "fractions are no dates, a weekday after 日 or a space is part of the date, a bare week heads its items",
        f"{T}\n一、月份安排\n三月：\n1. 1/3以上教职工参加健步走\n2. 3月16日（日）、3月17日（一）春季踏青\n"
        "3. 3/20 (四) 工会小组长会议\n第4周\n1. 教职工体检",
        ["monthly_schedule"],
        [
            ((3,), "1/3以上教职工参加健步走"),
            ((3,), "3月16日（日）、3月17日（一）春季踏青"),
            ((3,), "工会小组长会议"),
            ((3,), "教职工体检", 4),
        ],
    ),
    (
        "a pipe table with a time, a content and a person column",
        f"{T}\n一、月份安排\n| 月份 | 工作内容 | 负责人 |\n|---|---|---|\n| 三月 | 1. 庆祝三八节 2. 女工座谈 | 王老师 |\n| 四月 | 春季运动会 | 李老师 |",
        ["monthly_schedule"],
        [((3,), "庆祝三八节"), ((3,), "女工座谈"), ((4,), "春季运动会")],
    ),
    (
        "a tab-separated table whose time column comes second",
        f"{T}\n一、月份安排\n工作内容\t时间\t负责人\n庆祝三八节\t三月\t工会主席\n春季运动会\t四月\t体育组",
        ["monthly_schedule"],
        [((3,), "庆祝三八节"), ((4,), "春季运动会")],
    ),
    (
        "a table flattened to one cell per line",
        f"{T}\n具体工作：\n时间 |\n活动内容 |\n参加范围 |\n一月 |\n春节联欢会 新春慰问 |\n全体教职工 退休教师 |\n二月 |\n元宵猜谜 |\n全体教职工 |",
        ["monthly_schedule"],
        [((1,), "春节联欢会"), ((1,), "新春慰问"), ((2,), "元宵猜谜")],
    ),
    (
        "a month number glued to the first item's number (11、 = January, item 1)",
        f"{T}\n月份活动要点\n11、慰问离退休教师\n2、召开教代会\n21、艺术团报名\n2、迎新会\n31、庆祝三八节",
        ["monthly_schedule"],
        [
            ((1,), "慰问离退休教师"),
            ((1,), "召开教代会"),
            ((2,), "艺术团报名"),
            ((2,), "迎新会"),
            ((3,), "庆祝三八节"),
        ],
    ),
    (
        "months 10-12 glued to item 1 (101、 = October, item 1), an unfinished item before them",
        f"{T}\n月份活动要点\n91、庆祝教师节\n2、上交教育论文\n\n101、参加区工会论坛\n111、 参加职工运动会\n2、走访困难教职工\n121、工会主席例会",
        ["monthly_schedule"],
        [
            ((9,), "庆祝教师节"),
            ((9,), "上交教育论文"),
            ((10,), "参加区工会论坛"),
            ((11,), "参加职工运动会"),
            ((11,), "走访困难教职工"),
            ((12,), "工会主席例会"),
        ],
    ),
    (
        "activities named over sentences that open with their months (一、迎新活动 / 9月份，…)",
        "团委学生会本学期工作计划\n一、新生见面会\n9月份，新生报到后，各班推选代表参加见面会。\n"
        "二、社团招新\n9月底，各社团在操场设点招收新成员。\n三、秋季远足\n10月中旬，组织学生到郊外远足。\n"
        "四、其他工作\n办好校园广播站，做好宣传。",
        ["monthly_schedule"],
        [((9,), "新生见面会"), ((9,), "社团招新"), ((10,), "秋季远足")],
    ),
    (
        "a week table pasted with pipes, spaced header cells, works parted by '; ', a week across two months",
        "城南小学工会2024年春季工作行事历\n周次 | 日 期 | 内 容 |\n1 | 2. 19—2.25 | 开学工会例会; 教职工返校体检 |\n"
        "2 | 2.26—3.3 | 三八节女教工座谈; 工会小组长 会议 |\n3 | 3.4—3.10 | 学雷锋志愿服务 |",
        ["monthly_schedule"],
        [
            ((2,), "开学工会例会"),
            ((2,), "教职工返校体检"),
            ((2, 3), "三八节女教工座谈"),
            ((2, 3), "工会小组长 会议"),
            ((3,), "学雷锋志愿服务"),
        ],
    ),
    (
        "a calendar grid (校历) flattened one cell per line: month cells, day numbers, events in the notes column",
        "城南中学2024学年第一学期校历\n年 月\n| 周 次\n| 星期一\n| 星期二\n| 星期三\n| 星期四\n| 星期五\n"
        "| 星期六\n| 星期日\n| 备 注\n|\n2024\n9\n| 一\n| 2\n| 3\n| 4\n| 5\n| 6\n| 7\n| 8\n"
        "| 2日教职工报到,3日开学典礼;8日工会例会。\n|\n二\n| 9\n| 10\n| 11\n| 12\n| 13\n| 14\n| 15\n"
        "| 10教师节表彰\n|\n五\n| 30\n| 1\n| 2\n| 3\n| 4\n| 5\n| 6\n| 1—6日国庆放假\n|\n六\n| 7\n| 8\n"
        "| 9\n| 10\n| 11\n| 12\n| 13\n| 期中教学检查\n|",
        ["monthly_schedule"],
        [
            ((9,), "2日教职工报到"),
            ((9,), "3日开学典礼"),
            ((9,), "8日工会例会"),
            ((9,), "10教师节表彰"),
            ((10,), "1—6日国庆放假"),
            ((10,), "期中教学检查"),
        ],
    ),
    (
        "a schedule table flattened one cell per line: header cells under the table's name, months with several items",
        f"{T}\n二○二四年二月\n月份工作安排\n时间\n重点工作\n3月份\n庆祝三八节\n女教工健康讲座\n4月份\n春季健步走",
        ["monthly_schedule"],
        [((3,), "庆祝三八节"), ((3,), "女教工健康讲座"), ((4,), "春季健步走")],
    ),
    (
        "an item number alone on its line, grades listed ('三、四年级') that are no numbering, items run on one line",
        f"{T}\n一、月份安排\n十一月：\n1、\n三、四年级教职工子女亲子跳绳;2、一、二年级家长开放日\n十二月：\n1、教职工元旦联欢",
        ["monthly_schedule"],
        [((11,), "三、四年级教职工子女亲子跳绳"), ((11,), "一、二年级家长开放日"), ((12,), "教职工元旦联欢")],
    ),
    (
        "a week table flattened one cell per line whose rows lost its columns (several content cells, themes, remarks)",
        f"{T}\n周次\n时间\n活动内容\n备注\n周主题\n1\n3.4-3.10\n春风行动\n组织教职工参加学雷锋志愿服务活动;\n"
        "召开工会小组长会议,布置本学期工作;\n3.5学雷锋日\n2\n3.11-3.17\n巾帼风采\n举办女教职工健康知识讲座;\n"
        "开展三八节女教职工趣味运动会\n上3天",
        ["monthly_schedule"],
        [
            ((3,), "组织教职工参加学雷锋志愿服务活动"),
            ((3,), "召开工会小组长会议,布置本学期工作"),
            ((3,), "举办女教职工健康知识讲座"),
            ((3,), "开展三八节女教职工趣味运动会"),
        ],
    ),
    (
        "category headings over items that say their months are neither activities nor named activities (review 9)",
        f"{T}\n一、具体安排\n（一）民主管理\n3月份召开教代会；\n6月份开展校务公开检查。\n（二）文体活动\n"
        "4月份举办气排球比赛；\n5月份参加合唱比赛。\n（三）关爱服务\n9月份开展教师节慰问。",
        ["monthly_schedule"],
        [
            ((3,), "召开教代会"),
            ((6,), "开展校务公开检查"),
            ((4,), "举办气排球比赛"),
            ((5,), "参加合唱比赛"),
            ((9,), "开展教师节慰问"),
        ],
    ),
    (
        "a table of weekday activities inside the schedule is no calendar grid (review 9)",
        f"{T}\n一、月份工作安排\n星期一 | 星期二 | 星期三 | 星期四 | 星期五\n健身操 | 小组学习 | 羽毛球 | 读书沙龙 | 瑜伽\n"
        "九月份：\n1、召开工会委员会议。\n十月份：\n1、组织秋季登山活动。",
        ["monthly_schedule"],
        [((9,), "召开工会委员会议"), ((10,), "组织秋季登山活动")],
    ),
    (
        "a week table flattened one cell per line that keeps its columns (周次 / 起止时间 / 工作内容)",
        f"{T}\n周次\n起止时间\n工作内容\n第1周\n2.19-2.25\n召开工会委员会议\n第2周\n2.26-3.3\n教职工返校体检\n"
        "第3周\n3.4-3.10\n三八节女教工活动",
        ["monthly_schedule"],
        [((2,), "召开工会委员会议"), ((2, 3), "教职工返校体检"), ((3,), "三八节女教工活动")],
    ),
    (
        "several events on one line, each set apart by its day ('3-10日：…，12日：…')",
        f"{T}\n一、工作月历\n六月\n6月3-10日：教职工体检，12日：工会小组长会议，14日：退休教师座谈",
        ["monthly_schedule"],
        [((6,), "教职工体检"), ((6,), "工会小组长会议"), ((6,), "退休教师座谈")],
    ),
    (
        "an item that ends with the span of days it runs (in brackets) is in every month of the span",
        f"{T}\n一、工作月历\n十月\n教职工秋季健步走报名(10/20~11/05)\n重阳节慰问退休教师",
        ["monthly_schedule"],
        [((10, 11), "教职工秋季健步走报名(10/20~11/05)"), ((10,), "重阳节慰问退休教师")],
    ),
    (
        "a bilingual calendar: English month headers ('2024 Oct', 'June - 六月') and day lines ('21 Fri') over events",
        f"{T}\n一、工作月历\n2024 Oct\n21 Fri\n教职工秋季健步走\n25-28 Fri-Mon\n工会小组长培训\nJune - 六月\n"
        "03 Tue\n端午节慰问",
        ["monthly_schedule"],
        [((10,), "教职工秋季健步走"), ((10,), "工会小组长培训"), ((6,), "端午节慰问")],
    ),
    (
        "months listed (七月、八月：) — both months, the second no heading of its own",
        f"{T}\n一、月份安排\n六月：\n1、端午节慰问。\n七月、八月:\n1、暑期疗休养。\n2、场地设施维修。\n九、十月：\n1、高温慰问。",
        ["monthly_schedule"],
        [((6,), "端午节慰问"), ((7, 8), "暑期疗休养"), ((7, 8), "场地设施维修"), ((9, 10), "高温慰问")],
    ),
    (
        "an event's rules below the months (★…规则：, label: value lines, a cut list number) are no activities",
        f"{T}\n一、活动安排\n三月份：拔河比赛\n\n五月份：教职工篮球赛\n\n★篮球赛规则：\n\n1、比赛对象：各年级组代表队\n\n2、比赛时间：5月10日—5月12日\n\n3\n十月份：登山活动",
        ["monthly_schedule"],
        [((3,), "拔河比赛"), ((5,), "教职工篮球赛"), ((10,), "登山活动")],
    ),
    (
        "rules under a numbered item: the month's next item goes on",
        f"{T}\n一、月份安排\n三月：\n1、评选师德标兵\n评比办法：\n各组推荐一名，教代会投票。\n2、庆祝三八节\n四月：\n1、春游",
        ["monthly_schedule"],
        [((3,), "评选师德标兵"), ((3,), "庆祝三八节"), ((4,), "春游")],
    ),
    (
        "a calendar table pasted with pipes inside only: a date column, merged cells shifting the columns",
        "城南中学2024学年第二学期校历\n日期 | 主要工作 | 责任处室 | |\n开学前 | 2月24日 | 行政会 | 办公室 |\n"
        "2月26日 | 教职工大会;新教师培训 | 教科室 | |\n第一周 | 3月1日-3月7日 | 开学典礼 | 教育处、团委 |\n"
        "学雷锋活动 | 团委 | ||\n第二周 | 3月8日-3月14日 | 三八节慰问 | 工会 |\n召开工会委员会议 | 工会主席 | ||\n"
        "增补工会委员 | 工会 | ||",
        ["monthly_schedule"],
        [
            ((2,), "行政会"),
            ((2,), "教职工大会"),
            ((2,), "新教师培训"),
            ((3,), "开学典礼"),
            ((3,), "学雷锋活动"),
            ((3,), "三八节慰问"),
            ((3,), "召开工会委员会议"),  # the officer in charge is no activity
            ((3,), "增补工会委员"),  # ... but work on an officer is
        ],
    ),
    (
        "a calendar table one cell per line, its header spaced out (日 期 | / 星 期 |), dates over two months",
        "城南小学2024学年第一学期行事历\n日 期 |\n星 期 |\n学 校 行 事 |\n备 注 |\n8月30日 |\n五 |\n开学典礼 |\n"
        "操场 |\n9月10日 |\n二 |\n教师节表彰 |\n礼堂 |\n11月25日~12月6日 |\n一~五 |\n教职工运动会 |\n田径场 |",
        ["monthly_schedule"],
        [((8,), "开学典礼"), ((9,), "教师节表彰"), ((11, 12), "教职工运动会")],
    ),
    (
        "a header's cells one per line over month headings (月份 / 内 容 / 备 注, then 三月 and its items)",
        f"{T}\n三、活动安排\n月份\n内    容\n备 注\n三月\n1、庆祝三八节。\n2、教职工春游。\n四月\n1、教职工运动会。",
        ["monthly_schedule"],
        [((3,), "庆祝三八节"), ((3,), "教职工春游"), ((4,), "教职工运动会")],
    ),
    (
        "an item's own date beats the month above it",
        f"{T}\n一、活动安排\n一月：\n- 1月10日：教职工迎新年联欢会。\n- 1月29日-2月6日：寒假值班。\n"
        "- 2月7日：开学工作会议。\n三月：组织春游\n四月：\n1、教职工趣味运动会。",
        ["monthly_schedule"],
        [
            ((1,), "教职工迎新年联欢会"),
            ((1, 2), "寒假值班"),
            ((2,), "开学工作会议"),
            ((3,), "组织春游"),
            ((4,), "教职工趣味运动会"),
        ],
    ),
    (
        "a numbered item ending with a colon is an item, not a label over the items below it",
        f"{T}\n一、活动安排\n三月\n1. 家长会：\n2. 全体职工大会。\n四月\n1. 春游。",
        ["monthly_schedule"],
        [((3,), "家长会"), ((3,), "全体职工大会"), ((4,), "春游")],
    ),
    (
        "a table row written out with a comma around every cell (,一月,)",
        f"{T}\n,一月,\n,1、慰问退休教师。,2、召开教代会。,\n,二月,\n,1、庆祝元宵节。,",
        ["monthly_schedule"],
        [((1,), "慰问退休教师"), ((1,), "召开教代会"), ((2,), "庆祝元宵节")],
    ),
    (
        "month themes are not activities; numbering runs on across months",
        f"{T}\n一、月份安排\n二月主题：新学期新面貌\n1、开学工会例会\n2、教师体检\n三月主题：巾帼建功\n3、庆祝三八节\n4、女工座谈",
        ["monthly_schedule"],
        [((2,), "开学工会例会"), ((2,), "教师体检"), ((3,), "庆祝三八节"), ((3,), "女工座谈")],
    ),
    (
        "a signature dated with a placeholder is the closing, not an activity",
        f"{T}\n一、月份安排\n三月：庆祝三八节\n四月：春游\n城南小学工会\n20__年3月14日",
        ["monthly_schedule", "closing"],
        [((3,), "庆祝三八节"), ((4,), "春游")],
    ),
    (
        "several items on one line, one item wrapped over two lines",
        f"{T}\n一、月份安排\n九月\n1、庆祝教师节2、新会员入会\n3、组织班主任调查家庭经济困难学生，建立新的《城南小学困\n难学生信息库》。\n十月\n1、秋游",
        ["monthly_schedule"],
        [
            ((9,), "庆祝教师节"),
            ((9,), "新会员入会"),
            ((9,), "组织班主任调查家庭经济困难学生，建立新的《城南小学困难学生信息库》"),
            ((10,), "秋游"),
        ],
    ),
    (
        "a 工作月历 with the month and its items on one line",
        f"{T}\n三、工作月历\n九月：教师节慰问；新会员入会\n十月：秋季运动会",
        ["monthly_schedule"],
        [((9,), "教师节慰问；新会员入会"), ((10,), "秋季运动会")],
    ),
    (
        "activities written as records (活动名称： / 时间：) under quarter headings",
        f"{T}\n二、活动安排\n1. 第一季度：迎新\n- 活动名称：新年联欢会\n- 时间：1月上旬\n- 组织文艺表演。\n"
        "2. 第二季度：健康\n- 活动名称：春季运动会\n- 时间：4月中旬\n- 设置拔河、接力赛。",
        ["monthly_schedule"],
        [((1,), "新年联欢会"), ((4,), "春季运动会")],
    ),
    (
        "a themed month, a theme field and a bare 活动： label over the month's activities",
        f"{T}\n三、每月安排\n三月：文明礼仪月\n主题：学雷锋\n活动：\n3月5日学雷锋日：志愿服务\n黑板报主题：文明伴我行\n"
        "四月：读书月\n活动：\n世界读书日：经典诵读\n工会小组活动月",
        ["monthly_schedule"],
        [((3,), "3月5日学雷锋日：志愿服务"), ((4,), "世界读书日：经典诵读"), ((4,), "工会小组活动月")],
    ),
    (
        "numbered items that start with their month, no colon (1、一月份举办…): the month is a word of the item",
        f"{T}\n一、指导思想\n服务职工。\n二、月份安排\n1、一月份举办元旦活动\n2、二月份走访慰问困难职工\n"
        "3、五月份举办趣味运动会\n4、十一月份开展维权知识培训",
        ["guiding_ideology", "monthly_schedule"],
        [
            ((1,), "一月份举办元旦活动"),
            ((2,), "二月份走访慰问困难职工"),
            ((5,), "五月份举办趣味运动会"),
            ((11,), "十一月份开展维权知识培训"),
        ],
    ),
    (
        "numbered items dated with a placeholder year (1、20xx年元月…, 2、20xx年3月：…), details under them",
        f"{T}\n1、20xx年元月迎新春联欢会。\n2、20xx年3月：教职工气排球赛\n具体分组：文科、理科、后勤\n"
        "3、20xx年4月：教职工趣味运动会。\n（与学生运动会错开，项目另定。）\n4、20xx年5月举办读书分享会。",
        ["monthly_schedule"],
        [
            ((1,), "20xx年元月迎新春联欢会"),
            ((3,), "教职工气排球赛"),
            ((4,), "教职工趣味运动会"),
            ((5,), "20xx年5月举办读书分享会"),
        ],
    ),
    (
        "a month-led list with an undated item for a later festival (3、“三八”妇女节…)",
        f"{T}\n一、月份安排\n1、一月份举办迎新年联欢会\n2、二月份走访慰问困难教职工\n3、“三八”妇女节组织女教工踏青\n"
        "4、五月份举办教职工趣味运动会\n5、开展读书沙龙活动",
        ["monthly_schedule"],
        [
            ((1,), "一月份举办迎新年联欢会"),
            ((2,), "二月份走访慰问困难教职工"),
            ((3,), "“三八”妇女节组织女教工踏青"),
            ((5,), "五月份举办教职工趣味运动会"),
            ((5,), "开展读书沙龙活动"),
        ],
    ),
    (
        "a month-led list with items for the half-year, the whole year or every month (3、上半年…, 5、全年…)",
        f"{T}\n一、月份安排\n1、3月份召开教代会\n2、4月份组织春游活动\n3、上半年完成会员信息登记\n4、5月份举办趣味运动会\n"
        "5、全年做好困难职工帮扶\n6、每月开展一次读书活动\n7、6月份组织教职工体检",
        ["monthly_schedule"],
        [
            ((3,), "3月份召开教代会"),
            ((4,), "4月份组织春游活动"),
            ((), "上半年完成会员信息登记"),
            ((5,), "5月份举办趣味运动会"),
            ((), "全年做好困难职工帮扶"),
            ((), "每月开展一次读书活动"),
            ((6,), "6月份组织教职工体检"),
        ],
    ),
    (
        "items numbered before a dated month (2、2009年3月：…), each with its details on unnumbered lines",
        f"{T}\n1、2009年元月卡拉OK舞会。\n2、2009年3月:全院教职工毽球赛\n具体分组:文科、理科、机关后勤\n"
        "4、2009年4月:教职工田径、趣味性运动会。\n学生田径运动会后一天举行,项目另定。\n5、2009年5月:教职工乒乓球比赛。",
        ["monthly_schedule"],
        [
            ((1,), "2009年元月卡拉OK舞会"),
            ((3,), "全院教职工毽球赛"),
            ((4,), "教职工田径、趣味性运动会"),
            ((5,), "教职工乒乓球比赛"),
        ],
    ),
    (
        "a holiday under its months ('1-2月' / '寒 假'): a time, no activity",
        f"{T}\n一、活动安排\n1-2月\n  寒 假\n3月\n1、庆祝三八节\n7-8月\n暑假\n9月\n1、庆祝教师节",
        ["monthly_schedule"],
        [((3,), "庆祝三八节"), ((9,), "庆祝教师节")],
    ),
    (
        "details under a numbered item (地点：…, a note in brackets) and plain items after them",
        f"{T}\n一、月份安排\n十月份\n1、组织教职工秋季登山活动。\n地点：西山公园\n开展工会会员信息核对。\n十一月份\n"
        "1、举办教职工羽毛球比赛。\n（具体时间另行通知）\n做好教职工体检工作。\n文体组：组织教职工观看电影。",
        ["monthly_schedule"],
        [
            ((10,), "组织教职工秋季登山活动"),
            ((10,), "开展工会会员信息核对"),
            ((11,), "举办教职工羽毛球比赛"),
            ((11,), "做好教职工体检工作"),
            ((11,), "文体组：组织教职工观看电影"),
        ],
    ),
    (
        "a month-led list to its last item (4、2024年6月…)",
        f"{T}\n1、2024年1月卡拉OK舞会\n2、2024年3月三八节健步走\n3、2024年5月乒乓球比赛\n4、2024年6月趣味运动会",
        ["monthly_schedule"],
        [
            ((1,), "2024年1月卡拉OK舞会"),
            ((3,), "2024年3月三八节健步走"),
            ((5,), "2024年5月乒乓球比赛"),
            ((6,), "2024年6月趣味运动会"),
        ],
    ),
    (
        "a signature and its month-shaped date under the last month (城东医院工会 / 2024年1月)",
        f"{T}\n一、月份安排\n九月：中秋慰问\n十月：国庆登山\n城东医院工会\n2024年1月",
        ["monthly_schedule", "closing"],
        [((9,), "中秋慰问"), ((10,), "国庆登山")],
    ),
    (
        "dated achievements in a review ('1、2023年3月，我校工会被评为…') are no month-led schedule",
        f"{T}\n一、主要工作\n（一）回顾去年\n1、2023年3月，我校工会被评为先进职工之家。\n"
        "2、2023年6月，女教工委员会获巾帼文明岗称号。\n3、2023年9月，我校教师获演讲比赛一等奖。\n（二）今年重点\n"
        "1、加强师德师风建设。\n二、月份安排\n三月份：召开教代会。\n四月份：组织春游。",
        ["key_work", "monthly_schedule"],
        [((3,), "召开教代会"), ((4,), "组织春游")],
    ),
    (
        "a schedule of dated paragraphs ('2024年3月，开展…'): what will be done, not what was",
        f"{T}\n一、月份工作安排\n2024年2月，召开工会委员会会议，制定本学期计划。\n2024年3月，开展庆祝三八妇女节活动。\n"
        "2024年9月，开展教师节慰问活动。",
        ["monthly_schedule"],
        [
            ((2,), "召开工会委员会会议，制定本学期计划"),
            ((3,), "开展庆祝三八妇女节活动"),
            ((9,), "开展教师节慰问活动"),
        ],
    ),
    (
        "particulars of any name under an item (联系人：, 主讲人：, 路线：) are no activities",
        f"{T}\n一、月份安排\n三月份：\n1、开展学雷锋志愿服务活动\n内容：到社区开展义诊\n联系人：工会办公室\n"
        "2、组织女职工健康讲座\n主讲人：妇产科主任\n3、组织职工春季健步走\n路线：滨江公园至市民广场",
        ["monthly_schedule"],
        [((3,), "开展学雷锋志愿服务活动"), ((3,), "组织女职工健康讲座"), ((3,), "组织职工春季健步走")],
    ),
    (
        "an event's theme written inline under an item (活动主题：…) is no section and no activity",
        f"{T}\n一、月份安排\n三月份\n1、庆祝三八妇女节\n活动主题：巾帼心向党\n2、组织女教职工健康体检\n四月份\n"
        "1、举办教职工春季运动会",
        ["monthly_schedule"],
        [((3,), "庆祝三八妇女节"), ((3,), "组织女教职工健康体检"), ((4,), "举办教职工春季运动会")],
    ),
    (
        "month-led paragraphs with a comma, no heading (9月份,…)",
        f"{T}\n9月份,新学期开学,开展迎新活动。\n10月份，组织教职工秋游。\n12月份,举办迎新年联欢会。",
        ["monthly_schedule"],
        [((9,), "新学期开学,开展迎新活动"), ((10,), "组织教职工秋游"), ((12,), "举办迎新年联欢会")],
    ),
    (
        "item numbers a site deleted (三月:、A。、B。)",
        f"{T}\n一、月份工作安排\n三月:、组织三八节趣味活动。、收缴会费。\n四月、参加区教工羽毛球比赛、做好体检工作\n"
        "五月:、开展读书、征文活动。、劳保用品发放",
        ["monthly_schedule"],
        [
            ((3,), "组织三八节趣味活动"),
            ((3,), "收缴会费"),
            ((4,), "参加区教工羽毛球比赛、做好体检工作"),
            ((5,), "开展读书、征文活动"),
            ((5,), "劳保用品发放"),
        ],
    ),
    (
        "首先…其次…再者…最后… paragraphs with no heading (as machine-written plans put them)",
        f"{T}\n新学年，学校工会将围绕学校中心工作，服务全体教职工。\n首先，关心教职工生活，做好送温暖工作。\n"
        "其次，组织教职工参加业务培训，提升专业能力。\n再者，开展丰富多彩的文体活动。\n最后，加强与学校行政的沟通。",
        ["preamble", "key_work"],
        [],
    ),
    (
        "一是、二是 points on top",
        f"{T}\n一是加强学习，提高素质。\n二是关心教职工，办好实事。\n三是开展活动，凝聚人心。",
        ["key_work"],
        [],
    ),
    (
        "particulars, rules and group rosters under each activity; a signature dated with blanks (20__年__月__日)",
        f"{T}\n一、活动安排\n三月份：\n1.女教职工趣味投篮\n时间：3月8日下午\n比赛规则：每人投三次，投中多者胜。\n分组进行\n"
        "四月份：\n2.教职工羽毛球赛\n赛制：分组循环，每组前两名进入决赛。\n附：分组名单\n第一组 组长 孙立 组员 王芳 李强\n"
        "第二组 组长 陈刚 组员 周丽 吴涛\n城南小学工会\n20__年__月__日",
        ["monthly_schedule", "closing"],
        [((3,), "女教职工趣味投篮"), ((4,), "教职工羽毛球赛")],
    ),
    (
        "an item ending in '；' goes on with an unnumbered item; an item cut mid-clause goes on in the next line",
        f"{T}\n一、月份安排\n三月：\n1.庆祝三八节，关心女教工；\n参加区工会长跑比赛。\n2.组织教职工参加区工会举办的\n羽毛球比赛。",
        ["monthly_schedule"],
        [
            ((3,), "庆祝三八节，关心女教工"),
            ((3,), "参加区工会长跑比赛"),
            ((3,), "组织教职工参加区工会举办的羽毛球比赛"),
        ],
    ),
    (
        "lexicon headings alone on their lines over a paragraph each, then the plan's sections counted 一、二、",
        f"{T}\n总体思路：\n以服务教职工为中心，推进工会各项工作。\n目标要求：\n建成模范职工之家，会员满意率达到九成。\n"
        "一、思想建设方面\n组织教职工学习工会法。\n二、组织建设方面\n1、按期召开教代会。\n2、做好会员发展工作。",
        ["guiding_ideology", "goals", "key_work"],
        [],
    ),
    (
        "a lexicon heading over a sentence announcing the list below it keeps the list as its parts",
        f"{T}\n保障措施\n为完成上述目标，采取以下措施：\n一、健全制度\n完善工会议事规则。\n二、加强队伍\n培训工会干部。",
        ["measures"],
        [],
    ),
    (
        "a weekly report: last week's work summed up, this week's plan under a heading the lexicon knows",
        "城南街道工会周工作报告\n上周工作总结\n1、召开了工会小组长会议。\n2、走访慰问了困难职工三户。\n本周计划\n"
        "1、组织职工健步走活动。\n2、筹备女职工健康讲座。",
        ["summary", "key_work"],
        [],
    ),
    (
        "a calendar grid whose weekday header is a character a cell ('日 | 一 | 二 | … | 六'), its month cell with a "
        "Taiwan year ('113年 9月')",
        "城南中学113学年度第一学期校历\n月份 | 日 | 一 | 二 | 三 | 四 | 五 | 六 | 备注 |\n113年 9月 | 1 | 2 | 3 | 4 | 5 | "
        "6 | 7 | "
        "2日开学典礼 |\n| 8 | 9 | 10 | 11 | 12 | 13 | 14 | 10日教师节表彰 |\n| 15 | 16 | 17 | 18 | 19 | 20 | 21 | |",
        ["monthly_schedule"],
        [((9,), "2日开学典礼"), ((9,), "10日教师节表彰")],
    ),
    (
        "week rows dated in brackets, the week's work on the same line ('第03周(03/04) …')",
        f"{T}\n第01周(02/26) 召开工会委员会，制定学期计划\n第02周(03/04) 庆祝三八妇女节；女教职工健康讲座\n"
        "第03周(03/11) 教职工植树活动\n第04周(03/18) 工会小组长培训",
        ["monthly_schedule"],
        [
            ((2,), "召开工会委员会，制定学期计划", 1),
            ((3,), "庆祝三八妇女节；女教职工健康讲座", 2),
            ((3,), "教职工植树活动", 3),
            ((3,), "工会小组长培训", 4),
        ],
    ),
    (
        "paragraphs led by their months ('7月，', '8—9月，'), one announcing a list run into it ('其任务为：①…；②…'), "
        "an office's signature",
        "城南区文化局争创文明城市工作方案\n今年5—12月是我区争创文明城市的时间，各部门要行动起来。\n"
        "7月，召开争创文明城市动员会，成立领导小组。\n8—9月，搞好机关内部的文明创建，其任务为：①保持环境整洁；"
        "②保持秩序良好。\n10—11月，配合社区搞好创建工作，帮助解决一两个难题。\n城南区文化局",
        ["preamble", "monthly_schedule", "closing"],
        [
            ((7,), "召开争创文明城市动员会，成立领导小组"),
            ((8, 9), "搞好机关内部的文明创建，其任务为：①保持环境整洁；②保持秩序良好"),
            ((10, 11), "配合社区搞好创建工作，帮助解决一两个难题"),
        ],
    ),
    (
        "a term calendar pasted without its weekday header: month cells alone on a line, rows of days behind a week's "
        "label, events led by their days in brackets ('(1)' is a date here, not an item's number)",
        "城南学院2024学年第一学期行事历\n周次 办理事项\n113\n8\n暑假 26 27 28 29 30 31 (26)教职工返校报到。\n"
        "(28-30)新生选课。\n9\n1 2 3 4 5 6 7 (1)开学典礼。\n(9/20-10/4)工会秋季健步走。\n8 9 10 11 12 13 14\n"
        "15 16 17 18 19 20 21\n22 23 24 25 26 27 28\n(24)教师节补假;(27)工会例会。\n29 30\n10\n1 2 3 4 5\n"
        "十一 6 7 8 9 10 11 12 (10)国庆日放假。",
        ["monthly_schedule"],
        [
            ((8,), "教职工返校报到"),
            ((8,), "新生选课"),
            ((9,), "开学典礼"),
            ((9, 10), "工会秋季健步走"),
            ((9,), "教师节补假"),
            ((9,), "工会例会"),
            ((10,), "国庆日放假"),
        ],
    ),
    (
        "a calendar pasted on one line (PDF text): month names spaced out ('十 一 月'), days and events run together",
        "城南小学工会2024学年活动行事历\n九 月 1 2 3 4 5 6 7 8 9 10 10日教师节表彰 11 12 13 14 15 16 17 18 19 20 21 22 "
        "23 24 25 26 27 28 29 30 十 月 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 "
        "30 31 十 一 月 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 "
        "12~14日教职工篮球赛",
        ["monthly_schedule"],
        [((9,), "10日教师节表彰"), ((11,), "12~14日教职工篮球赛")],
    ),
    (
        "a bilingual table flattened one cell per line: glossed header cells (日期Date, 说明Event) and English "
        "glosses after each event, which are part of it and no activities of their own",
        f"{T}\n一、工作行事历\n日期Date |\n说明Event |\n3.5 |\n学雷锋志愿服务 Volunteer Day |\n"
        "4.20 |\n教职工运动会 Staff sports meeting (all day) 工会委员会议 Union committee meeting |",
        ["monthly_schedule"],
        [
            ((3,), "学雷锋志愿服务 Volunteer Day"),
            ((4,), "教职工运动会 Staff sports meeting (all day)"),
            ((4,), "工会委员会议 Union committee meeting"),
        ],
    ),
    (
        "quarters as schedule headings (第一季度：, 二季度): each item is in its quarter's three months",
        f"{T}\n一、重点工作\n开好教代会。\n二、工作安排\n第一季度：\n1、召开教代会。\n2、慶祝三八节。\n"
        "二季度（4-6月）：\n1、职工技能比武。",
        ["key_work", "monthly_schedule"],
        [
            ((1, 2, 3), "召开教代会"),
            ((1, 2, 3), "慶祝三八节"),
            ((4, 5, 6), "职工技能比武"),
        ],
    ),
    (
        "runs of school weeks (第1-2周, 第三、四周): an item under one is in its first week",
        f"{T}\n一、工作安排\n第1-2周：\n1、开学工作检查。\n第三、四周：\n1、教职工篮球赛。",
        ["monthly_schedule"],
        [((), "开学工作检查", 1), ((), "教职工篮球赛", 3)],
    ),
    (
        "a 说明 column beside a content column holds notes, not activities",
        f"{T}\n一、月份安排\n月份 | 工作内容 | 说明\n3月 | 庆祝三八妇女节 | 全体女教职工参加\n4月 | 教职工春游 | 自愿报名",
        ["monthly_schedule"],
        [((3,), "庆祝三八妇女节"), ((4,), "教职工春游")],
    ),
    (
        "a one-month plan: the title's month is the items' month; category headings are no activities",
        "城南小学2024年5月份工会工作计划\n根据学校安排，本月工会工作如下。\n一、本月工作重点\n"
        "1、组织教职工观看劳模事迹展。\n2、举办教职工羽毛球比赛。\n二、其他工作\n（一）会员服务\n"
        "1、走访慰问生病教职工。\n三、工作要求\n各工会小组按时完成。",
        ["preamble", "monthly_schedule", "measures"],
        [((5,), "组织教职工观看劳模事迹展"), ((5,), "举办教职工羽毛球比赛"), ((5,), "走访慰问生病教职工")],
    ),
    (
        "a one-month plan by weeks: the weeks are in the title's month",
        "城南小学三月份工会工作安排\n第一周：召开工会委员会议。\n第二周：庆祝三八妇女节。\n第四周：教职工健步走。",
        ["monthly_schedule"],
        [
            ((3,), "第一周：召开工会委员会议", 1),
            ((3,), "第二周：庆祝三八妇女节", 2),
            ((3,), "第四周：教职工健步走", 4),
        ],
    ),
    (
        "a review of one month and a plan for the next: the plan's month, not the review's",
        "城南小学工会3月份工作总结和4月份工作计划\n一、3月份工作总结\n3月8日，组织女教职工参加健步走活动。\n"
        "二、4月份工作计划\n1、开展教职工读书分享会。\n2、组织春季踏青活动。",
        ["summary", "monthly_schedule"],
        [((4,), "开展教职工读书分享会"), ((4,), "组织春季踏青活动")],
    ),
    (
        "a part headed as one month's plan (二、4月份工作计划) in a review-and-plan without a month in its title",
        "城南小学工会工作总结与计划\n一、3月份工作总结\n3月8日，组织女教职工参加健步走活动。\n"
        "二、4月份工作计划\n1、开展教职工读书分享会。\n2、组织春季踏青活动。",
        ["summary", "monthly_schedule"],
        [((4,), "开展教职工读书分享会"), ((4,), "组织春季踏青活动")],
    ),
    (
        "numbered month headings (一、九月份： 二、十月份：): the number is no month",
        f"{T}\n一、指导思想\n服务教职工。\n二、月份安排\n一、九月份：\n1、庆祝教师节。\n二、十一月份：\n1、教职工运动会。",
        ["guiding_ideology", "monthly_schedule"],
        [((9,), "庆祝教师节"), ((11,), "教职工运动会")],
    ),
    (
        "a day grid's events dated M/D (2/19家长日, ▲2/27~3/1 旅游; a date after the words gives its month too)",
        "城南小学113学年度第二学期工会行事历\n周次 日 一 二 三 四 五 六 重要行事\n"
        "一 11 12 13 14 15 16 17 开学日2/16(五)\n二 18 19 20 21 22 23 24 2/19工会会员大会\n2/22教职工研习\n"
        "三 25 26 27 28 29 1 2 ▲2/27~3/1 教职工旅游\n3/1教职工体检",
        ["monthly_schedule"],
        [
            ((2,), "开学日2/16(五)"),
            ((2,), "工会会员大会"),
            ((2,), "教职工研习"),
            ((2, 3), "教职工旅游"),
            ((3,), "教职工体检"),
        ],
    ),
    (
        "items under 一、 that open with their months, under a bare 具体安排 heading after the work items",
        f"{T}\n一、关心教职工生活\n做好慰问工作。\n工会工作具体安排：\n一、3月份举办三八节健步走。\n"
        "二、4、5月份开展教职工羽毛球赛。\n三、6月底评选优秀工会小组。",
        ["key_work", "monthly_schedule"],
        [((3,), "举办三八节健步走"), ((4, 5), "开展教职工羽毛球赛"), ((6,), "评选优秀工会小组")],
    ),
    (
        "an item that chains clauses each in its own month (3、4月份…，5月份…; 4月底…，4月初…，5月份…)",
        f"{T}\n一、工作安排\n1、3、4月份完成教职工体检，5月份完成体检报告的分析。\n"
        "2、4月底召开教代会，4月初征集提案，5月份总结。\n3、6月份组织教职工疗休养。",
        ["monthly_schedule"],
        [
            ((3, 4), "完成教职工体检"),
            ((5,), "完成体检报告的分析"),
            ((4,), "召开教代会"),
            ((4,), "征集提案"),
            ((5,), "总结"),
            ((6,), "6月份组织教职工疗休养"),
        ],
    ),
]


@pytest.mark.parametrize(("form", "text", "kinds", "acts"), FORMS, ids=[f[0] for f in FORMS])
def test_schedule_and_section_forms(
    tmp_path: Path, form: str, text: str, kinds: list[str], acts: list
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = list(uc.extract([path]))
    assert [s.kind for s in doc.sections if s.kind != "title"] == kinds
    got = [
        (tuple(a.months), a.text, a.week) if a.week is not None else (tuple(a.months), a.text)
        for a in doc.activities
    ]
    assert got == acts


@pytest.mark.parametrize(("form", "text", "kinds", "acts"), FORMS, ids=[f[0] for f in FORMS])
def test_the_tree_and_the_sections_agree(
    tmp_path: Path, form: str, text: str, kinds: list[str], acts: list
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = list(uc.extract([path]))
    roots = heading_tree(doc)
    starts = {(n.line, n.index) for r in roots for n in r.walk()}
    node_lines = {line for line, _ in starts}
    for s in doc.sections:
        if s.heading_line is not None and s.kind != "title":
            assert s.heading_line in node_lines, (s, "a section heading is a node of the tree")
    # every top-level node lies inside one section, and a named top-level node starts one
    for r in roots:
        holders = [s for s in doc.sections if s.start_line <= r.line <= s.end_line]
        assert holders, r


def test_the_dates_set_apart_before_an_item_are_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        f"{T}\n一、工作月历\n3月5日（星期三） 学雷锋志愿服务\n3月24日世界结核病防治日宣传", encoding="utf-8"
    )
    (doc,) = list(uc.extract([path]))
    first, second = doc.activities
    assert (first.text, first.date, first.start_col) == ("学雷锋志愿服务", "3月5日（星期三）", 10)
    assert first.to_dict()["date"] == "3月5日（星期三）"
    assert (second.text, second.date) == (
        "3月24日世界结核病防治日宣传",
        None,
    )  # a date run into the words names it


def test_a_bracketed_day_before_an_event_of_a_day_grid_is_its_date(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "城南学院行事历\n9\n1 2 3 4 5 6 7 (3-5)新生始业辅导。\n8 9 10 11 12 13 14\n15 16 17 18 19 20 21\n"
        "22 23 24 25 26 27 28",
        encoding="utf-8",
    )
    (doc,) = list(uc.extract([path]))
    (act,) = doc.activities
    assert (act.text, act.date, act.months, act.line, act.start_col) == ("新生始业辅导", "(3-5)", [9], 3, 19)


def test_a_digit_that_is_no_ascii_digit_is_no_day_of_a_grid(tmp_path: Path) -> None:
    """ "²" is a digit to ``str.isdigit`` but no day of the month (found by the property test)."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "行事历\n9\n1 2 3 4 5 6 ² (3)开学典礼。\n7 8 9 10 11 12 13\n14 15 16 17 18 19 20\n²", encoding="utf-8"
    )
    (doc,) = list(uc.extract([path]))
    assert [(a.text, a.months) for a in doc.activities] == [("开学典礼", [9])]
