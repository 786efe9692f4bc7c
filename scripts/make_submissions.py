#!/usr/bin/env python3
"""A district's year of submissions, synthetic but shaped like real ones, for tests and benchmarks.

    python scripts/make_submissions.py OUT_FOLDER [--n 2000] [--seed 0]

Every plan is distinct: its school, its own sentences built from a work vocabulary, its number of tasks and
months. Reuse is realistic: guiding-principle paragraphs and task sentences come from shared pools (as
plans copy template sites and each other), 8% of files are edited copies of an earlier plan, and the rest of
the year's problems appear at their usual rates: whole-school plans, plans for another year, plans without
a schedule, a bare title, a compilation of three plans, empty and binary files, a GBK-encoded file.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PLACES = [*"东西南北中", "城关", "河口", "青山", "石桥", "新华", "红旗", "解放", "滨江", "长安", "永安", "柳林", "桃源",
                               "凤凰", "金水", "白云", "龙泉", "建设", "胜利", "人民", "光明", "育才", "实验", "朝阳", "向阳"]  # fmt: skip
KINDS = ["小学", "中心小学", "中学", "初级中学", "幼儿园", "中心幼儿园", "职业学校", "实验学校"]
TOPICS = ["教代会", "校务公开", "师德师风", "送温暖", "困难帮扶", "女教职工", "健康体检", "运动会", "读书", "青年教师", "退休教师",
          "工会经费", "会员档案", "职工之家", "心理健康", "三八节", "教师节", "迎新年", "羽毛球", "合唱", "摄影", "民主评议",
          "集体生日", "劳动竞赛", "技能比武", "家访", "安全教育", "法律知识", "乒乓球", "拔河", "书法", "插花", "烘焙", "登山",
          "健步走", "志愿服务", "结对帮扶", "班主任", "后勤职工", "新入职教师"]  # fmt: skip
FORMS = [
    "活动",
    "工作",
    "座谈会",
    "培训",
    "比赛",
    "讲座",
    "评比",
    "调研",
    "交流会",
    "展示",
    "慰问",
    "制度建设",
]
VERBS = [
    "组织",
    "开展",
    "做好",
    "推进",
    "落实",
    "举办",
    "完善",
    "加强",
    "坚持",
    "筹备",
    "召开",
    "参与",
    "规范",
    "深化",
]
ADVERBS = ["认真", "扎实", "积极", "切实", "有序", "及时", "广泛", "深入", "持续", "精心"]
PURPOSES = ["增强凝聚力", "维护合法权益", "提升幸福感", "促进专业成长", "营造和谐氛围", "丰富业余生活", "推进民主管理", "关心身心健康",
            "激发工作热情", "服务学校发展"]  # fmt: skip
IDEALS = ["以党的二十大精神为指导", "以习近平新时代中国特色社会主义思想为指导", "在学校党支部的领导下", "在上级工会的指导下",
          "围绕学校中心工作", "坚持全心全意依靠教职工办学的方针"]  # fmt: skip
# Template paragraphs that plans copy, as they copy template sites: each is shared by a few dozen plans.
GUIDING = [
    f"{a}，{b}，切实履行工会维护、建设、参与、教育职能，{c}，为办好人民满意的教育贡献力量。"
    for a in IDEALS
    for b in IDEALS
    for c in PURPOSES
    if a != b
][::3]
# The same paragraphs without the phrases nearly every real plan shares ("以党的二十大精神为指导"): each
# paragraph is still shared by a few dozen plans, but no passage by hundreds (see make_submissions).
_POOL = random.Random(1)
LOCAL_GUIDING = [
    "，".join(f"{_POOL.choice(VERBS)}{_POOL.choice(TOPICS)}{_POOL.choice(FORMS)}" for _ in range(4)) + "。"
    for _ in range(100)
]
SCHEDULE_HEADINGS = [
    "月份工作安排",
    "月份工作",
    "每月工作安排",
    "工作行事历",
    "具体安排",
    "逐月安排",
    "活动安排",
]
MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
SCHOOL_WORK = ["抓好课堂教学，提高教学质量。", "加强德育工作和少先队建设。", "做好期中考试和期末考试组织工作。", "开好家长会，推进家校合作。",
               "推进课题研究和教研活动。", "做好招生和升学指导工作。", "规范学生行为习惯养成教育。"]  # fmt: skip


def _thing(rng: random.Random) -> str:
    return rng.choice(TOPICS) + rng.choice(FORMS)


def _sentence(rng: random.Random) -> str:
    purpose = f"，{rng.choice(PURPOSES)}" if rng.random() < 0.3 else ""
    return (
        f"{rng.choice(ADVERBS)}{rng.choice(VERBS)}{_thing(rng)}，{rng.choice(VERBS)}{_thing(rng)}{purpose}。"
    )


def plan(rng: random.Random, school: str, year: int, *, schedule: bool = True, common: bool = True) -> str:
    """One union plan: title, guiding principles, tasks, and a month-by-month schedule.

    With ``common=False`` no passage is shared by hundreds of plans: the guiding paragraph comes from a
    pool of a hundred, each section ends with a sentence naming the school, and schedule lines name a place.
    """
    own = f"{school}工会{rng.choice(ADVERBS)}{rng.choice(VERBS)}{_thing(rng)}。"
    guiding = rng.choice(GUIDING) if common else rng.choice(LOCAL_GUIDING) + own
    lines = [
        f"{school}{year}年工会工作计划",
        "",
        "一、指导思想",
        guiding + _sentence(rng),
        "",
        "二、重点工作",
    ]
    for i in range(rng.randint(4, 8)):
        lines.append(f"{i + 1}、{_sentence(rng)}{_sentence(rng) if rng.random() < 0.5 else ''}")
    if not common:
        lines.append(f"{rng.choice(VERBS)}{_thing(rng)}，{school}{rng.choice(ADVERBS)}落实。")
    if schedule:
        heading = "月份工作安排" if common else rng.choice(SCHEDULE_HEADINGS)
        lines += ["", f"三、{heading}"]
        month_form = "{}月份" if common else rng.choice(["{}月份", "{}月", "{}月："])
        for m in sorted(rng.sample(range(12), rng.randint(6, 10))):
            lines.append(month_form.format(MONTHS[m] if common or rng.random() < 0.5 else m + 1))
            for k in range(rng.randint(1, 3)):
                where = "" if common else f"在{rng.choice(PLACES)}{rng.choice(PLACES)}"
                lines.append(f"{k + 1}、{where}{rng.choice(VERBS)}{_thing(rng)}。")
    return "\n".join(lines) + "\n"


def whole_school_plan(rng: random.Random, school: str, year: int) -> str:
    work = "\n".join(f"{i + 1}、{rng.choice(SCHOOL_WORK)}" for i in range(rng.randint(6, 10)))
    return f"{school}{year}年学校工作计划\n\n一、指导思想\n全面提高教学质量。\n\n二、主要工作\n{work}\n"


def make_submissions(
    folder: Path, n: int = 2000, *, seed: int = 0, year: int = 2024, common_phrases: bool = True
) -> list[Path]:
    """Write ``n`` submission files into ``folder``; returns their paths.

    With ``common_phrases=False`` the guiding paragraphs leave out the phrases nearly all real plans share,
    so no passage is shared by hundreds of plans: shared-passage search then costs seconds instead of
    minutes (it aligns every pair of plans sharing a phrase), for tests of what comes after it.
    """
    rng = random.Random(seed)

    def plan(*args, **kwargs) -> str:
        return globals()["plan"](*args, common=common_phrases, **kwargs)

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    texts: list[str] = []
    for i in range(n):
        school = f"{rng.choice(PLACES)}{rng.choice(PLACES)}{rng.choice(KINDS)}"
        name = f"{i:04d}_{school}"
        roll = rng.random()
        data: bytes | None = None
        if roll < 0.08 and texts:  # an edited copy of an earlier plan, its school name changed
            source = rng.choice(texts)
            text = source.split("\n", 1)[1]
            text = f"{school}{year}年工会工作计划\n" + text.replace("认真", "切实", 1)
        elif roll < 0.12:
            text = whole_school_plan(rng, school, year)
        elif roll < 0.17:
            text = plan(rng, school, rng.choice([2019, 2021, 2022, 2023]))
        elif roll < 0.22:
            text = plan(rng, school, year, schedule=False)
        elif roll < 0.23:
            text = f"{school}{year}年工会工作计划\n"
        elif roll < 0.24:
            text = "\n".join(plan(rng, f"{rng.choice(PLACES)}{k}{rng.choice(KINDS)}", year) for k in "一二三")
        elif roll < 0.25:
            text, data = "", b""
        elif roll < 0.26:
            text, data = "", bytes(rng.randrange(256) for _ in range(2000))
        elif roll < 0.30:
            text = plan(rng, school, year)
            data = text.encode("gbk")
        else:
            text = plan(rng, school, year)
        path = folder / f"{name}.txt"
        path.write_bytes(data if data is not None else text.encode("utf-8"))
        if text:
            texts.append(text)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-common-phrases", action="store_true", help="no passage shared by hundreds of plans"
    )
    args = parser.parse_args(argv)
    files = make_submissions(args.out, args.n, seed=args.seed, common_phrases=not args.no_common_phrases)
    print(f"wrote {len(files)} submissions to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
