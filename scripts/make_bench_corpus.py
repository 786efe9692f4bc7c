#!/usr/bin/env python3
"""Build a benchmark corpus of N distinct, realistic trade-union work plans.

    python scripts/make_bench_corpus.py OUT --plans 10000 [--seed 0]

Every plan is assembled from a grammar of the genre written for this project: a title naming the unit and
the year, 指导思想, sometimes 工作目标, 重点工作 items under (一)(二)… headings, a 月份工作安排 with two to four
activities per month, sometimes 保障措施, and a signature. Sentences are built from clause templates (what
union plans say: 履行职能, 校务公开, 教代会, 师德师风, 送温暖, 文体活动 …) with slots filled from word lists, so
two plans written independently share phrases but almost never whole sentences.

Reuse is planted at rates like those of real plans copied from template sites and from each other:

* template paragraphs: pools of 指导思想 paragraphs and 重点工作 items that many plans take over, with
  Zipf-like popularity (the most popular are in a few per cent of all plans), each copy edited a little
  (the unit's own name for 我校, a synonym, a clause dropped, punctuation changed);
* borrowed items: 10% of plans take one to three of their own-text items from an earlier plan;
* near-copies: 4% of plans are an earlier plan with the unit, the year and a few sentences changed, and 1%
  are cut-outs (an earlier plan's key work and schedule under a new title).

Every plan has its own unit, year and edits, so no two plans are the same text. Files: one plan per file,
10% of them in GB18030, and 3% compilation pages holding two to four plans under "篇N" titles, as template
sites publish them. ``.manifest.jsonl`` (hidden, so readers skip it) lists every plan with its file, kind and the plan it copies.

The module is also imported by the benchmarks: ``plan_text(i, seed)`` gives plan ``i`` without writing
anything, and every plan can be made on its own (its random stream depends on ``seed`` and ``i`` only).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

# -- word lists ---------------------------------------------------------------------------------------
PLACES = ["城关", "东城", "西湖", "南山", "北苑", "河西", "江北", "青山", "白云", "红星", "新华", "解放路", "人民路",
          "光明", "育才", "实验", "朝阳", "滨江", "东风", "长安", "建设路", "文昌", "凤凰", "桃源", "金山", "龙泉",
          "清河", "高新区", "开发区", "柳林", "花园", "石桥", "平安", "兴华", "春晖", "明德", "启智", "前进", "和平",
          "胜利", "团结", "友谊", "湖滨", "梅园", "松林", "天河", "晨光", "阳光", "博文", "崇文"]  # fmt: skip
COUNTIES = ["", "", "", "县", "区", "市", "镇", "乡"]
UNITS = [  # (suffix, short self-reference, level word, unit kind)
    ("小学", "我校", "小学", "school"), ("第一小学", "我校", "小学", "school"), ("中心小学", "我校", "小学", "school"),
    ("实验小学", "我校", "小学", "school"), ("中学", "我校", "中学", "school"), ("第二中学", "我校", "中学", "school"),
    ("初级中学", "我校", "中学", "school"), ("高级中学", "我校", "高中", "school"), ("九年一贯制学校", "我校", "学校", "school"),
    ("幼儿园", "我园", "幼儿园", "kindergarten"), ("中心幼儿园", "我园", "幼儿园", "kindergarten"),
    ("职业技术学校", "我校", "职校", "school"), ("职业技术学院", "我院", "学院", "college"),
    ("人民医院", "我院", "医院", "hospital"), ("卫生院", "我院", "卫生院", "hospital"),
    ("供电公司", "公司", "公司", "company"), ("机械制造有限公司", "公司", "公司", "company"),
    ("街道办事处", "机关", "机关", "agency"), ("市场监督管理局", "机关", "机关", "agency"),
]  # fmt: skip
STAFF = {"school": "教职工", "kindergarten": "教职工", "college": "教职工", "hospital": "医务职工",
         "company": "职工", "agency": "干部职工"}  # fmt: skip
CENTRE = {
    "school": ["学校教育教学中心工作", "立德树人根本任务", "学校改革发展大局", "办人民满意教育的目标"],
    "kindergarten": ["园所保教工作中心", "幼儿健康成长的目标", "园所内涵发展"],
    "college": ["学院人才培养中心工作", "学院高质量发展目标", "产教融合办学方向"],
    "hospital": ["医院改革发展大局", "健康服务中心任务", "医疗质量提升工作"],
    "company": ["公司生产经营目标", "企业改革发展大局", "安全生产中心工作"],
    "agency": ["机关中心工作", "优化营商环境的目标", "为民服务中心任务"],
}
IDEOLOGY = ["党的二十大精神", "习近平新时代中国特色社会主义思想", "党的十九大精神", "党的二十届三中全会精神",
            "上级工会工作会议精神", "中国工会十八大精神", "省总工会全委会精神"]  # fmt: skip
PRINCIPLE = ["全心全意依靠职工群众的方针", "以职工为中心的工作理念", "服务大局、服务职工的工作思路",
             "“组织起来、切实维权”的工作方针", "围绕中心、服务大局的原则", "民主办学、依法治校的方向"]  # fmt: skip
ADV = ["认真", "切实", "积极", "进一步", "扎实", "全面", "不断", "努力", "大力", "着力", "持续", "深入", "主动", "继续",
       "务实"]  # fmt: skip
VERB_OBJECTS = {  # what union plans do ({s}: the staff, with a scope word)
    "履行": ["工会各项职能", "维护、建设、参与、教育四项职能", "工会组织的基本职责"],
    "加强": ["师德师风建设", "工会自身建设", "{s}思想政治工作", "工会干部队伍建设", "女职工组织建设", "工会宣传阵地建设",
           "对{s}的人文关怀", "工会财务监督"],
    "推进": ["校务公开工作", "民主管理制度化建设", "职工之家规范化建设", "工会工作创新", "和谐劳动关系建设", "智慧工会建设"],
    "完善": ["教职工代表大会制度", "困难职工帮扶档案", "{s}意见征集机制", "工会小组活动制度", "提案办理反馈机制"],
    "维护": ["{s}的合法权益", "{s}的劳动经济权益", "女职工的特殊权益", "{s}的民主政治权利"],
    "开展": ["群众性文体活动", "“师徒结对”传帮带活动", "岗位练兵和技能比武", "读书征文活动", "心理健康辅导",
           "“最美教师”评选活动", "志愿服务活动", "健康知识讲座", "法律知识竞赛"],
    "落实": ["困难职工帮扶机制", "{s}年度健康体检", "带薪休假制度", "绩效分配方案的民主评议", "“五必访”制度"],
    "提升": ["工会干部的业务能力", "{s}的职业幸福感", "工会服务的精准度", "{s}的信息化教学水平"],
    "建设": ["温馨和谐的职工之家", "“教工小家”", "母婴关爱室", "职工书屋"],
    "组织": ["{s}政治理论学习", "{s}参加区级文艺汇演", "新入职教师岗前培训", "{s}外出参观学习", "退休教职工座谈会"],
    "关心": ["{s}的身心健康", "青年教师的成长", "单身青年的婚恋问题", "困难家庭子女的就学"],
    "发挥": ["工会的桥梁纽带作用", "教代会的民主监督作用", "工会小组长的骨干作用", "劳动模范的示范引领作用"],
    "营造": ["团结和谐的工作氛围", "尊师重教的良好风气", "风清气正的校园环境"],
    "提高": ["{s}的主人翁意识", "教代会提案的质量", "工会经费的使用效益", "{s}参与民主管理的能力"],
    "丰富": ["{s}的业余文化生活", "工会活动的内容和形式", "职工书屋的藏书"],
    "健全": ["民主管理制度", "工会经费审查制度", "劳动争议调解机制", "{s}诉求表达机制"],
    "做好": ["送温暖工作", "会员发展和会籍管理", "工会档案的整理归档", "金秋助学工作", "节日慰问工作", "工会换届选举准备"],
    "深化": ["劳动和技能竞赛", "师德师风专项整治", "“创先争优”活动", "校务公开的内容"],
    "抓好": ["女职工特殊权益保护", "工会经费的收缴", "安全生产监督"],
    "规范": ["工会经费的使用管理", "工会小组的日常活动", "教代会的召开程序"],
    "增强": ["工会组织的凝聚力", "{s}的集体荣誉感", "工会干部的服务意识"],
    "推动": ["民主管理向纵深发展", "{s}专业成长", "各项工作再上新台阶"],
    "保障": ["{s}的知情权和参与权", "{s}的休息休假权利", "一线岗位人员的劳动保护"],
    "畅通": ["{s}诉求表达渠道", "领导接待日沟通渠道"],
    "引导": ["{s}爱岗敬业", "{s}立足本职建功立业", "青年教师扎根教学一线"],
    "筑牢": ["安全生产防线", "意识形态阵地"],
    "加大": ["普法宣传力度", "困难帮扶力度", "先进典型宣传力度"],
}  # fmt: skip
VO = [(v, o) for v, objs in VERB_OBJECTS.items() for o in objs]
SCOPE = ["{s}", "{s}", "全体{s}", "广大{s}", "一线{s}", "青年{s}"]
GOALS = ["推动{c}", "建设高素质{s}队伍", "构建和谐单位", "办好人民满意的事业", "促进单位高质量发展", "实现年度工作目标",
         "服务{c}"]  # fmt: skip
CONTRIB = ["作出积极贡献", "提供有力保障", "营造良好氛围", "贡献工会力量", "凝聚强大合力"]
PURPOSE = ["为{g}{k}", "为{g}{k}", "为{g}{k}", "为{g}{k}", "不断增强{s}的获得感和幸福感", "努力把工会建设成为{s}信赖的温暖之家",
           "充分调动{s}的积极性和创造性", "团结动员{s}建功立业", "让{s}切实感受到组织的温暖"]  # fmt: skip
QUALIFIERS = {  # optional words before an object, by how the object ends
    "活动": ["", "", "丰富多彩的", "形式多样的", "健康向上的", "特色", "主题", "常态化"],
    "制度": ["", "", "各项", "相关", "配套"],
    "机制": ["", "", "长效", "常态化", "规范化"],
    "工作": ["", "", "各项", "日常", "年度", "基础"],
    "建设": ["", "", "规范化", "标准化", "常态化"],
}
SPECIFIC = [  # clauses with the particulars every real plan has: numbers, months, places
    "确保{n}项重点工作落到实处", "全年组织不少于{n}次集体活动", "{m}底前完成{task}", "组织{n}名青年教师参加{train}",
    "走访慰问困难职工{n}户", "力争教代会提案办理率达到{p}%", "每{period}召开一次工会委员会会议", "组织教职工赴{place}开展{trip}",
    "新发展会员{n}名", "安排{n}万元专项经费用于{use}", "建立{n}个工会活动小组", "对{n}名生病住院职工进行慰问",
]  # fmt: skip
SLOTS = {
    "task": [
        "工会经费预算编制",
        "会员信息核对",
        "困难职工建档",
        "教代会提案答复",
        "职工之家自评",
        "工会小组长培训",
    ],
    "train": ["区级业务培训", "心理健康培训", "工会干部轮训", "师德专题培训", "教学技能大赛"],
    "period": ["月", "季度", "学期", "两个月"],
    "place": PLACES,
    "trip": ["红色教育活动", "疗休养活动", "参观学习", "登山健身活动", "文化采风活动"],
    "use": ["职工之家建设", "困难职工帮扶", "文体活动", "女职工关爱", "职工体检"],
}
MEANS = ["通过座谈会、问卷调查等形式", "以教代会为载体", "依托职工之家阵地", "结合上级工会部署", "利用节假日",
         "在党支部的领导下", "按照上级工会的统一安排", "以各工会小组为单位", "坚持每学期一次", "借助微信公众号",
         "联合团支部和妇委会", "围绕年度重点任务", "采取线上线下相结合的方式", "以“我为群众办实事”为抓手",
         "结合教育教学实际"]  # fmt: skip
MONTH_NAMES = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
]
MONTH_FORMS = ["{m}份", "{m}", "{m}份：", "{m}："]
EVENTS = {  # month -> activities, each written as a union office would list it
    1: ["召开工会委员会会议，总结本学期工会工作", "举办元旦迎新联欢会", "走访慰问困难职工和离退休职工", "做好年度工会经费决算",
        "组织教职工参加年终考核民主测评"],
    2: ["制定新学期工会工作计划", "开学前走访慰问生病住院职工", "开展元宵节猜灯谜活动", "组织教职工参加开学前培训"],
    3: ["庆祝“三八”国际妇女节，开展女职工插花活动", "举办女职工健康知识讲座", "组织植树节义务劳动",
        "开展学雷锋志愿服务活动", "召开工会委员会会议，研究本学期工作"],
    4: ["组织教职工春季健步走", "开展清明节缅怀先烈活动", "举办教职工读书分享会", "配合学校举办春季运动会",
        "组织教职工开展踏青活动"],
    5: ["开展“五一”劳动节表彰活动", "召开劳动模范座谈会", "举办教职工书法比赛", "开展教职工心理健康讲座",
        "组织参加区教育系统歌咏比赛"],
    6: ["开展端午节包粽子活动", "举办教职工羽毛球比赛", "做好学期工会工作小结", "配合学校开展“六一”亲子活动",
        "组织教职工参加防溺水安全培训"],
    7: ["组织优秀教职工暑期疗休养", "开展高温慰问一线职工活动", "配合党支部开展建党节主题党日活动", "做好工会档案整理"],
    8: ["组织教职工参加暑期业务培训", "做好新学期准备工作", "走访慰问退役军人职工"],
    9: ["召开工会委员会会议，制定本学期工作计划", "庆祝教师节，表彰优秀教职工", "发展新会员入会", "召开新教师欢迎会",
        "调整工会小组和工会小组长"],
    10: ["庆祝国庆节，举办文艺汇演", "举办教职工趣味运动会", "重阳节慰问退休教职工", "组织教职工秋季登山活动",
         "做好教代会提案征集工作"],
    11: ["召开教职工代表大会", "配合学校开展消防安全演练", "举办教职工乒乓球比赛", "开展冬季长跑活动",
         "组织女职工参加“两癌”筛查"],
    12: ["做好年终工会工作总结", "举办迎新年文艺演出", "开展职工之家建设自查", "摸底困难职工情况，建立帮扶档案",
         "组织教职工参加年度健康体检"],
}  # fmt: skip
HEADINGS = [  # key-work item headings: (verb, object)
    ("加强", "思想政治引领"), ("深化", "民主管理"), ("推进", "校务公开"), ("关爱", "职工生活"), ("丰富", "文体活动"),
    ("加强", "师德师风建设"), ("做好", "女职工工作"), ("抓好", "工会自身建设"), ("开展", "建功立业活动"),
    ("落实", "送温暖工程"), ("维护", "职工合法权益"), ("推动", "教职工专业发展"), ("建设", "职工之家"),
    ("加强", "工会经费管理"), ("做好", "安全稳定工作"), ("提升", "服务能力"),
]  # fmt: skip
HEAD_TAIL = ["，凝聚发展合力", "，促进和谐发展", "，增强组织活力", "", "", "，提升服务水平", "，营造良好氛围"]
SYNONYMS = [("开展", "组织"), ("加强", "强化"), ("认真", "切实"), ("积极", "主动"), ("进一步", "更加"), ("努力", "力争"),
            ("完善", "健全"), ("提高", "提升"), ("广大", "全体"), ("不断", "持续")]  # fmt: skip
CN_NUM = "一二三四五六七八九十"


def _fill(text: str, ctx: dict, rng: random.Random | None = None) -> str:
    if rng is not None:
        text = text.replace("{g}", rng.choice(GOALS)).replace("{k}", rng.choice(CONTRIB))
        text = text.replace("{s}", rng.choice(SCOPE), 1)
    return text.replace("{s}", ctx["staff"]).replace("{c}", ctx["centre"]).replace("{我}", ctx["self"])


def _object(rng: random.Random) -> tuple[str, str]:
    verb, obj = rng.choice(VO)
    for end, quals in QUALIFIERS.items():
        if obj.endswith(end) and "{s}" not in obj and not obj.startswith("“"):
            return verb, rng.choice(quals) + obj
    return verb, obj


def _specific(rng: random.Random) -> str:
    text = rng.choice(SPECIFIC)
    text = text.replace("{n}", str(rng.randint(2, 30))).replace("{p}", str(rng.choice([80, 85, 90, 95, 100])))
    text = text.replace("{m}", rng.choice(MONTH_NAMES))
    for slot, words in SLOTS.items():
        text = text.replace("{" + slot + "}", rng.choice(words))
    return text


def clause(rng: random.Random, ctx: dict) -> str:
    """One clause of the genre: an action with an adverb, a purpose, a means, a particular or a principle."""
    kind = rng.random()
    if kind < 0.5:
        verb, obj = _object(rng)
        return _fill(rng.choice(ADV) + verb + obj, ctx, rng)
    if kind < 0.6:
        purpose = rng.choice(PURPOSE)
        used = ctx.setdefault("used", set())
        if "{g}" not in purpose:  # a set phrase: a plan says it once
            if purpose in used:
                purpose = PURPOSE[0]
            used.add(purpose)
        return _fill(purpose, ctx, rng)
    if kind < 0.8:
        verb, obj = _object(rng)
        return _fill(rng.choice(MEANS) + verb + obj, ctx, rng)
    if kind < 0.96:
        return _specific(rng)
    principle = rng.choice(PRINCIPLE)
    used = ctx.setdefault("used", set())
    if principle in used:
        verb, obj = _object(rng)
        return _fill(rng.choice(ADV) + verb + obj, ctx, rng)
    used.add(principle)
    return "坚持" + principle


def sentence(rng: random.Random, ctx: dict, *, lo: int = 2, hi: int = 4) -> str:
    parts = [clause(rng, ctx) for _ in range(rng.randint(lo, hi))]
    for k in range(1, len(parts)):  # a principle is stated once, not twice in a row
        if parts[k].startswith("坚持") and parts[k - 1].startswith("坚持"):
            verb, obj = rng.choice(VO)
            parts[k] = _fill(rng.choice(ADV) + verb + obj, ctx, rng)
    if rng.random() < 0.3:
        parts[0] = _fill(rng.choice(["{我}工会", "各工会小组", "工会委员会", "全体工会干部"]), ctx) + parts[0]
    return "，".join(parts) + "。"


def guiding(rng: random.Random, ctx: dict) -> str:
    first = (f"以{rng.choice(IDEOLOGY)}为指导，{'坚持' + rng.choice(PRINCIPLE) + '，' if rng.random() < 0.7 else ''}"
             f"围绕{ctx['centre']}，")  # fmt: skip
    return (
        first + sentence(rng, ctx, lo=2, hi=3) + "".join(sentence(rng, ctx) for _ in range(rng.randint(0, 2)))
    )


def item(rng: random.Random, ctx: dict) -> tuple[str, str]:
    verb, obj = rng.choice(HEADINGS)
    head = verb + obj + rng.choice(HEAD_TAIL)
    body = "".join(sentence(rng, ctx) for _ in range(rng.randint(1, 3)))
    return head, body


def activities(rng: random.Random, month: int, ctx: dict) -> list[str]:
    """Two to four activities of a month, in the unit's own words."""
    out = []
    for event in rng.sample(EVENTS[month], min(len(EVENTS[month]), rng.randint(2, 4))):
        event = event.replace("教职工", ctx["staff"])
        if rng.random() < 0.2:
            event = rng.choice(["认真", "积极", "及时", "精心"]) + event
        if rng.random() < 0.15:
            event += rng.choice(["（工会主席负责）", "（各工会小组）", "（文体委员）", "（女工委员）"])
        out.append(event)
    return out


# -- templates: the text that sites publish and units copy ------------------------------------------
TEMPLATE_CTX = {"staff": "教职工", "centre": "学校中心工作", "self": "我校"}


@cache
def templates(seed: int) -> tuple[list[str], list[tuple[str, str]], list[float], list[float]]:
    """Pools of template 指导思想 paragraphs and 重点工作 items, and their Zipf-like popularity weights."""
    rng = random.Random(f"templates-{seed}")
    guides = [guiding(rng, TEMPLATE_CTX) for _ in range(120)]
    items = [item(rng, TEMPLATE_CTX) for _ in range(600)]
    gw = [1 / (r + 1) ** 1.1 for r in range(len(guides))]
    iw = [1 / (r + 1) ** 1.0 for r in range(len(items))]
    return guides, items, gw, iw


def edit_template(rng: random.Random, text: str, ctx: dict) -> str:
    """A unit's copy of a template: its own name and staff word, and zero to three small edits."""
    text = (
        text.replace("我校", ctx["self"])
        .replace("教职工", ctx["staff"])
        .replace("学校中心工作", ctx["centre"])
    )
    if rng.random() < 0.3:
        text = text.replace(ctx["self"], ctx["short"], 1)
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        kind = rng.random()
        if kind < 0.4:
            a, b = rng.choice(SYNONYMS)
            text = text.replace(a, b, 1) if a in text else text.replace(b, a, 1)
        elif kind < 0.6:
            parts = text.split("，")
            if len(parts) > 2:
                del parts[rng.randrange(1, len(parts) - 1)]
                text = "，".join(parts)
        elif kind < 0.85:
            text = text.replace("，", "；", 1) if rng.random() < 0.5 else text.replace("，", "", 1)
        elif len(text) > 4:  # a typo: two neighbouring characters swapped
            i = rng.randrange(1, len(text) - 2)
            if "\u4e00" <= text[i] <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff":
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


# -- plans --------------------------------------------------------------------------------------------
def unit(rng: random.Random) -> dict:
    suffix, self_ref, level, kind = rng.choice(UNITS)
    place = rng.choice(PLACES)
    county = rng.choice(PLACES) + rng.choice(COUNTIES[3:]) if rng.random() < 0.4 else ""
    name = county + place + suffix
    return {"name": name, "short": place + level if kind in ("school", "kindergarten") else name, "self": self_ref,
            "staff": STAFF[kind], "centre": rng.choice(CENTRE[kind]), "kind": kind,
            "year": rng.randint(2015, 2025), "school_year": kind in ("school", "kindergarten", "college") and rng.random() < 0.6}  # fmt: skip


def title(rng: random.Random, ctx: dict) -> str:
    y = ctx["year"]
    forms = [f"{ctx['name']}{y}年工会工作计划", f"{y}年{ctx['name']}工会工作计划", f"{ctx['name']}工会{y}年工作计划",
             f"{ctx['name']}{y}-{y + 1}学年度工会工作计划", f"{ctx['name']}工会工作计划（{y}年）"]  # fmt: skip
    return forms[
        rng.randrange(3) if not ctx["school_year"] else 3 if rng.random() < 0.7 else rng.randrange(5)
    ]


def original(i: int, seed: int) -> dict:
    """Plan ``i`` written from the grammar: ``{"unit": ctx, "blocks": [(kind, lines)]}``."""
    rng = random.Random(f"plan-{seed}-{i}")
    ctx = unit(rng)
    guides, items, gw, iw = templates(seed)
    blocks: list[tuple[str, list[str]]] = [("title", [title(rng, ctx)])]
    if rng.random() < 0.4:
        blocks.append(("preamble", [_fill(f"为切实做好{ctx['year']}年{{我}}工会工作，" + sentence(rng, ctx, lo=1, hi=2)[:-1]
                                          + "，结合{我}实际，特制定本计划。", ctx)]))  # fmt: skip
    n = 1
    guide = [edit_template(rng, rng.choices(guides, gw)[0], ctx) if rng.random() < 0.6 else guiding(rng, ctx)]
    if rng.random() < 0.3:
        guide.append(sentence(rng, ctx))
    blocks.append(("guiding", [f"{CN_NUM[n - 1]}、指导思想", *guide]))
    n += 1
    if rng.random() < 0.5:
        goals = [f"{k}、{sentence(rng, ctx, lo=1, hi=2)}" for k in range(1, rng.randint(3, 5))]
        blocks.append(("goals", [f"{CN_NUM[n - 1]}、工作目标", *goals]))
        n += 1
    key = [f"{CN_NUM[n - 1]}、{rng.choice(['重点工作', '主要工作', '工作措施', '具体工作'])}"]
    n += 1
    own_items = []
    for k in range(rng.randint(5, 8)):
        if rng.random() < 0.35:
            head, body = rng.choices(items, iw)[0]
            head, body = edit_template(rng, head, ctx), edit_template(rng, body, ctx)
        else:
            head, body = item(rng, ctx)
            own_items.append(len(key))
        key += [f"（{CN_NUM[k]}）{head}", body] if rng.random() < 0.7 else [f"{k + 1}、{head}。{body}"]
    blocks.append(("key_work", key))
    months = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7] if ctx["school_year"] else list(range(1, 13))
    if rng.random() < 0.3:
        months = months[: rng.randint(5, len(months))]
    form = rng.choice(MONTH_FORMS)
    sched = [f"{CN_NUM[n - 1]}、{rng.choice(['月份工作安排', '具体工作安排', '工作行事历', '每月工作安排'])}"]
    n += 1
    for m in months:
        sched.append(form.format(m=MONTH_NAMES[m - 1]))
        sched += [f"{k}、{a}" for k, a in enumerate(activities(rng, m, ctx), 1)]
    blocks.append(("schedule", sched))
    if rng.random() < 0.4:
        blocks.append(
            (
                "measures",
                [f"{CN_NUM[n - 1]}、保障措施", *(sentence(rng, ctx) for _ in range(rng.randint(1, 3)))],
            )
        )
    blocks.append(
        (
            "closing",
            [f"{ctx['name']}工会", f"{ctx['year']}年{rng.choice([2, 3, 8, 9])}月{rng.randint(1, 28)}日"],
        )
    )
    return {"unit": ctx, "blocks": blocks, "own_items": own_items}


def _rename(lines: list[str], old: dict, new: dict) -> list[str]:
    out = []
    for line in lines:
        line = line.replace(old["name"], new["name"]).replace(old["short"], new["short"])
        line = line.replace(str(old["year"] + 1), str(new["year"] + 1)).replace(
            str(old["year"]), str(new["year"])
        )
        out.append(line)
    return out


def kind_of(i: int, seed: int) -> tuple[str, int | None]:
    """Whether plan ``i`` is an original, a near-copy or a cut-out, and of which earlier plan."""
    rng = random.Random(f"kind-{seed}-{i}")
    r = rng.random()
    if i < 20 or r >= 0.05:
        return ("borrower" if r < 0.15 and i >= 20 else "original"), (rng.randrange(i) if i else None)
    return ("near_copy" if r < 0.04 else "cut_out"), rng.randrange(i)


def plan_blocks(i: int, seed: int = 0) -> tuple[str, int | None, list[tuple[str, list[str]]]]:
    kind, src = kind_of(i, seed)
    plan = original(i, seed)
    rng = random.Random(f"edit-{seed}-{i}")
    if kind == "borrower" and src is not None:
        other = original(src, seed)
        key = dict(plan["blocks"])["key_work"]
        theirs = dict(other["blocks"])["key_work"]
        for _ in range(rng.randint(1, 3)):
            if other["own_items"] and plan["own_items"]:
                at = rng.choice(other["own_items"])
                body = _rename([theirs[at]], other["unit"], plan["unit"])[0]
                mine = rng.choice(plan["own_items"])
                key[mine] = edit_template(rng, body, plan["unit"]) if rng.random() < 0.5 else body
        return kind, src, plan["blocks"]
    if kind == "original":
        return kind, None, plan["blocks"]
    other = original(src, seed)  # type: ignore[arg-type]
    blocks = [(k, _rename(lines, other["unit"], plan["unit"])) for k, lines in other["blocks"]]
    blocks[0] = ("title", [title(rng, plan["unit"])])
    if kind == "cut_out":
        blocks = [b for b in blocks if b[0] in ("title", "key_work", "schedule")]
    for _ in range(rng.randint(1, 5)):  # a few sentences of the copier's own
        k = rng.randrange(1, len(blocks))
        lines = blocks[k][1]
        j = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        lines[j] = (
            edit_template(rng, lines[j], plan["unit"]) if rng.random() < 0.6 else sentence(rng, plan["unit"])
        )
    return kind, src, blocks


def plan_text(i: int, seed: int = 0) -> str:
    """The text of plan ``i`` (lines joined by newlines, a blank line between sections)."""
    return "\n\n".join("\n".join(lines) for _, lines in plan_blocks(i, seed)[2]) + "\n"


def plan_texts(n: int, seed: int = 0, start: int = 0) -> Iterator[str]:
    for i in range(start, start + n):
        yield plan_text(i, seed)


# -- files --------------------------------------------------------------------------------------------
def write_corpus(out: Path, plans: int, seed: int = 0) -> dict:
    """Write the corpus under ``out`` (folders of at most 1,000 files) and its manifest."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"files-{seed}")
    manifest = out / ".manifest.jsonl"  # hidden: readers skip it
    n_files = 0
    size = 0
    i = 0
    with manifest.open("w", encoding="utf-8") as man:
        while i < plans:
            folder = out / f"d{n_files // 1000:04d}"
            folder.mkdir(exist_ok=True)
            per_file = rng.randint(2, 4) if rng.random() < 0.03 else 1
            ids = list(range(i, min(plans, i + per_file)))
            texts = [plan_text(j, seed) for j in ids]
            if len(ids) > 1:
                site = f"{rng.choice(['小学', '中学', '幼儿园', '学校'])}工会工作计划"
                body = f"{site}（精选{len(ids)}篇）\n\n" + "".join(
                    f"{site}篇{k}\n\n{t}\n" for k, t in enumerate(texts, 1)
                )
            else:
                body = texts[0]
            encoding = "gb18030" if rng.random() < 0.1 else "utf-8"
            path = folder / f"plan{i:07d}.txt"
            data = body.encode(encoding)
            path.write_bytes(data)
            size += len(data)
            for j in ids:
                kind, src, _ = plan_blocks(j, seed)
                man.write(json.dumps({"plan": j, "file": str(path.relative_to(out)), "kind": kind, "source": src,
                                      "encoding": encoding}, ensure_ascii=False) + "\n")  # fmt: skip
            n_files += 1
            i += len(ids)
    return {"plans": plans, "files": n_files, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    info = write_corpus(args.out, args.plans, args.seed)
    print(
        f"wrote {info['plans']:,} plans in {info['files']:,} files ({info['bytes'] / 1e6:.1f} MB) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
