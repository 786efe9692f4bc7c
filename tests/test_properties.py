"""Invariants that hold for any input: never crash, every line accounted for exactly once."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unioncorpus as uc
from unioncorpus.errors import ReadError
from unioncorpus.model import SourceText

# Text that looks like the genre: headings, months, numbering, titles and furniture mixed with noise.
PIECES = [
    "一、指导思想", "二、重点工作", "三、月份工作安排", "（一）加强师德", "1、召开教代会。", "2.慰问", "九月份", "七、八月份",
    "三月:1、庆祝2、开展", "寒假", "小学工会工作计划篇1", "篇二：2024年中学工会工作计划", "第三篇", "优秀5篇",
    "时间:2023-03-24 作者:某", "以下是小编整理的，供大家参考。", "Powered by X", "工会，或称工人联合会。",
    "…比赛。五月", "…工作。小学工会工作计划篇4", "## 二、要点", "\\_", "??", "\t", "\u3000", "2024年", "20xx年", "十八大",
    "本文目录", "【学校工会工作计划】相关文章：", "1.学校工会工作总结", "【三月】", "| 九月 | 1. 庆祝 | 王 |", "（二）加强",
    "2023年秋季学期学校工会工作计划", "（2024年春季学期）", "存在的不足：活动少。", "学校工会工作计划（一）",
]  # fmt: skip
lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40)


def check_accounting(result_docs, furniture, st_: SourceText) -> None:
    seen: dict[int, int] = {}
    for d in result_docs:
        for ln in d.lines:
            for n in range(ln.number, ln.end_number + 1):  # a hard-wrapped line joins several raw lines
                seen[n] = seen.get(n, 0) + len(ln.text)
        # sections: in order, without gaps or overlaps, covering the document
        assert d.sections[0].start_line == d.start_line
        assert d.sections[-1].end_line == d.end_line
        for a, b in zip(d.sections, d.sections[1:], strict=False):
            # the next section starts on the next raw line, or in the same line where this one ends
            if b.start_col is None:
                assert a.end_line + 1 == b.start_line and a.end_col is None
            else:
                assert (a.end_line, a.end_col) == (b.start_line, b.start_col)
            assert a.start_line <= a.end_line
        sched = [(s.start_line, s.end_line) for s in d.sections if s.kind == "monthly_schedule"]
        for act in d.activities:
            assert any(lo <= act.line <= hi for lo, hi in sched)
            assert all(1 <= m <= 12 for m in act.months)
    for f in furniture:
        for n in f.lines:
            seen[n] = seen.get(n, 0) + len(f.text)
    for ln in st_.lines:
        # every non-blank line lands somewhere; split lines are shared by fragments but never lost
        assert ln.number in seen
    in_docs = [(ln.number, ln.col) for d in result_docs for ln in d.lines]
    assert len(in_docs) == len(set(in_docs)), "a fragment is in two documents"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_any_text_is_read_split_and_structured(tmp_path_factory, parts: list[str]) -> None:
    path: Path = tmp_path_factory.mktemp("h") / "x.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    try:
        source = uc.read_file(path)
    except ReadError:
        return
    result = uc.split(source)
    result.documents = [uc.structure(uc.document_attributes(d)) for d in result.documents]
    check_accounting(result.documents, result.furniture, source)
    numbers = {ln.number for ln in source.lines}
    in_furniture = {n for f in result.furniture for n in f.lines}
    in_docs = {n for d in result.documents for ln in d.lines for n in range(ln.number, ln.end_number + 1)}
    assert numbers == in_furniture | in_docs
    # a whole line (not split) is in exactly one place
    split_lines = {
        ln.number for d in result.documents for ln in d.lines if not (ln.at_line_start and ln.at_line_end)
    }
    split_lines |= {n for f in result.furniture if f.end_col is not None for n in f.lines}
    for n in numbers - split_lines:
        assert (n in in_furniture) + sum(
            1 for d in result.documents if any(ln.number <= n <= ln.end_number for ln in d.lines)
        ) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_escape_as_exceptions(tmp_path_factory, data: bytes) -> None:
    path: Path = tmp_path_factory.mktemp("b") / "x.txt"
    path.write_bytes(data)
    corpus = uc.extract([path])
    assert len(corpus.files) == 1
    f = corpus.files[0]
    assert (f.failure is None) != (f.text is None)


_PIECES = st.sampled_from(
    ["工会", "一、", "计划", "第3条", "各单位", "各位", "总结", "。", " ", "，", "活动", "\u3000"]
)


@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=8))
@settings(max_examples=300, deadline=None)
def test_cue_counts_found_through_the_joined_text_are_those_of_each_line(texts: list[str]) -> None:
    # genres._count finds the lines to read by searching the lines joined (a match may even cross lines):
    # the evidence is exactly what searching each line gives, in order, capped per pattern
    import re

    from unioncorpus.genres import _count
    from unioncorpus.model import Line

    patterns = [r"工会", r"^一、", r"计划$", r"\s*第\d+条", r"各(?!位)[^，]{0,4}单位", r"[^。]{2}总结", r"x*"]
    lines = [Line(i + 1, t) for i, t in enumerate(texts)]
    expected = []
    for p in patterns:
        found = [(m.group(0), ln.number) for ln in lines for m in re.finditer(p, ln.text)]
        expected += found[:3]
    assert [(e.cue, e.line) for e in _count(patterns, lines, "v", cap=3)] == expected
