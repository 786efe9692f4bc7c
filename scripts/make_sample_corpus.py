#!/usr/bin/env python3
"""Rebuild the generated files of the sample corpus in ``corpus/``.

    python scripts/make_sample_corpus.py

Most of ``corpus/`` is plain text written by hand. Two files are generated here because their format is the
point: a GBK-encoded plan (from ``scripts/sample_sources/``) and a .docx whose monthly arrangement is a table.
"""

from __future__ import annotations

from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SOURCES = Path(__file__).resolve().parent / "sample_sources"

KINDERGARTEN = {
    "title": "春苗幼儿园2024年春季学期工会工作计划",
    "paragraphs": [
        ("一、指导思想", True),
        (
            "以党的二十大精神为指导，坚持以人为本，围绕全园保教工作中心，关心教职工身心健康，"
            "努力建设团结和谐的教工之家，为幼儿健康快乐成长提供有力保障。",
            False,
        ),
        ("二、主要工作", True),
        (
            "（一）加强师德建设。组织全园教职工学习幼儿园教师专业标准，开展“爱幼儿、守初心”师德故事分享会。",
            False,
        ),
        ("（二）落实园务公开。每学期召开一次教职工大会，园务重大事项听取教职工意见。", False),
        ("（三）关爱教职工。做好保育员、厨房人员等一线岗位人员的慰问，组织全园教职工体检。", False),
        ("三、月份工作安排", True),
    ],
    "table": [
        ("月份", "工作内容", "负责人"),
        ("二月", "1、制定工会工作计划2、开学前走访慰问困难教职工", "工会主席"),
        ("三月", "1、庆祝“三八”妇女节，开展插花手工活动2、召开工会委员会会议", "女工委员"),
        ("四月", "组织教职工春游踏青", "文体委员"),
        ("五月", "1、庆祝“五一”劳动节2、评选园级优秀教职工", "工会主席"),
        ("六月", "1、协助开展“六一”儿童节亲子活动2、大班毕业典礼教师节目排练", "宣传委员"),
        ("七、八月份", "暑期教职工疗休养", "工会主席"),
    ],
    "closing": ["春苗幼儿园工会", "2024年2月20日"],
}


def make_gbk() -> Path:
    text = (SOURCES / "03_middle_school_gbk.txt").read_text(encoding="utf-8")
    target = CORPUS / "03_middle_school_gbk.txt"
    target.write_bytes(text.encode("gbk"))
    return target


def make_docx() -> Path:
    d = docx.Document()
    d.add_heading(KINDERGARTEN["title"], level=1)
    for text, is_heading in KINDERGARTEN["paragraphs"]:
        if is_heading:
            d.add_heading(text, level=2)
        else:
            d.add_paragraph(text)
    rows = KINDERGARTEN["table"]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for text in KINDERGARTEN["closing"]:
        d.add_paragraph(text)
    target = CORPUS / "05_kindergarten_schedule_table.docx"
    d.save(target)
    return target


if __name__ == "__main__":
    for path in (make_gbk(), make_docx()):
        print(f"wrote {path.relative_to(ROOT)}")
