"""Forms on which the genre rules must not fire: ordinary plan text that looks like a page's notice, a
disclosure field, a report's opening, a glued title, an addressee list or a two-line title."""

from __future__ import annotations

from pathlib import Path

import pytest

import unioncorpus as uc

H = "东湖中学工会2024年工作计划\n"


def _one(tmp_path: Path, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    corpus = uc.load(path)
    (doc,) = list(corpus)
    return doc, corpus


def test_a_plan_item_about_a_meetings_tasks_leaves_it_a_plan(tmp_path: Path) -> None:
    text = (
        H
        + "一、重点工作\n1.召开教代会。本次会议的主要任务是审议学校绩效工资分配方案。\n二、月份安排\n九月：庆祝教师节\n十月：秋游\n"
    )
    doc, _ = _one(tmp_path, text)
    assert (doc.doc_type, len(doc.activities)) == ("plan", 2)


def test_key_points_that_end_by_asking_units_to_follow_them_stay_key_points(tmp_path: Path) -> None:
    text = (
        "城南区总工会2024年工作要点\n一、加强思想引领\n1.组织职工学习。\n二、维护职工权益\n1.推进集体协商。\n"
        "请各基层工会结合实际参照执行。\n附件：2024年重点工作任务分解表\n"
    )
    doc, _ = _one(tmp_path, text)
    assert doc.doc_type == "key_points"


def test_a_plans_own_disclosure_labels_are_its_text(tmp_path: Path) -> None:
    text = (
        H
        + "一、校务公开\n公开形式：通过校务公开栏公布。\n公开范围：全体教职工。\n主题词：民主管理\n二、文体活动\n1.举办运动会。\n"
    )
    doc, corpus = _one(tmp_path, text)
    assert corpus.furniture.empty and doc.end_line == 7


@pytest.mark.parametrize(
    "line",
    [
        "认真落实学校健身活动安排一、二年级教师每周参加一次健身操。",
        "本学期工会活动安排在校党支部的领导下进行，各小组积极参与。",
    ],
)
def test_sentences_that_run_on_after_a_genre_word_are_not_cut(tmp_path: Path, line: str) -> None:
    doc, _ = _one(tmp_path, H + "一、工作要求\n" + line + "\n二、月份安排\n九月：庆祝教师节\n")
    assert [s.kind for s in doc.sections] == ["title", "measures", "monthly_schedule"]


@pytest.mark.parametrize(
    ("title", "level"),
    [("城西幼儿园女教工委员会2024年工作计划", "kindergarten"), ("城西第一小学2024年工作计划", "primary")],
)
def test_the_several_schools_rule_is_for_education_system_unions_only(
    tmp_path: Path, title: str, level: str
) -> None:
    body = (
        "全体教职工参加培训，关心教师，学校组织活动。幼儿园保教工作。"
        if "幼儿园" in title
        else "小学教师参加培训，关心教师，学校组织活动。"
    )
    doc, _ = _one(tmp_path, f"{title}\n一、工作\n{body}\n")
    assert doc.school_level == level


def test_a_half_year_summary_with_its_second_half_plan_keeps_its_year(tmp_path: Path) -> None:
    text = (
        "东湖街道工会2023年上半年工作总结\n一、主要成效\n上半年走访慰问困难职工10户，开展了技能比武。\n"
        "二、下半年工作打算\n1.开展“金秋助学”。\n2.举办职工运动会。\n"
    )
    doc, _ = _one(tmp_path, text)
    assert (doc.doc_type, doc.year) == ("summary_and_plan", 2023)


def test_unnumbered_activities_after_numbered_ones_are_kept(tmp_path: Path) -> None:
    text = (
        H
        + "一、月份安排\n九月：\n1.庆祝教师节。\n开展新教师入职宣誓活动，增强职业荣誉感。\n十月：\n1.秋游。\n选拔队员集训，参加区运动会。\n"
    )
    doc, _ = _one(tmp_path, text)
    assert [a.text for a in doc.activities] == [
        "庆祝教师节",
        "开展新教师入职宣誓活动，增强职业荣誉感",
        "秋游",
        "选拔队员集训，参加区运动会",
    ]


def test_an_organisation_line_over_a_section_label_is_no_two_line_title(tmp_path: Path) -> None:
    doc, _ = _one(tmp_path, "东湖小学工会\n月份工作安排\n九月：庆祝教师节\n十月：秋游\n")
    assert doc.full_title != "东湖小学工会月份工作安排"
