"""What the sample corpus is there to show, checked end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

import unioncorpus as uc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus() -> uc.Corpus:
    return uc.load(CORPUS)


def by_title(corpus: uc.Corpus, fragment: str) -> uc.Document:
    (doc,) = [d for d in corpus if d.title and fragment in d.title]
    return doc


def test_every_file_read_and_readme_skipped(corpus: uc.Corpus) -> None:
    inputs = corpus.inputs
    assert len(inputs) == 11
    assert (inputs["status"] == "ok").all()
    assert not inputs["source"].str.endswith("README.md").any()
    assert (
        dict(zip(inputs["source"].map(lambda s: Path(s).name), inputs["encoding"], strict=True))[
            "03_middle_school_gbk.txt"
        ]
        == "gb18030"
    )


def test_compilation_page(corpus: uc.Corpus) -> None:
    docs = [d for d in corpus if d.source.endswith("01_compilation_site_page.txt")]
    assert [d.title for d in docs] == [
        "小学工会工作计划2024篇一",
        "小学工会工作计划2024篇二",
        "小学工会工作计划2024篇三",
    ]
    assert [d.school_level for d in docs] == [
        "primary",
        "kindergarten",
        "school_unspecified",
    ]  # 篇二: 小学 title, 幼儿园 body
    reasons = {f.reason for f in corpus.files[0].furniture}
    assert {"compilation_title", "byline", "site_intro", "site_name_or_url", "site_navigation"} <= reasons
    assert docs[1].end_line == docs[2].start_line  # the glued title shares a raw line


def test_formats_and_attributes(corpus: uc.Corpus) -> None:
    expected = {
        "城东中学": ("plan", "middle", 2023, 17),
        "职业技术学校": ("plan", "vocational", 2024, 10),
        "春苗幼儿园": ("plan", "kindergarten", 2024, 10),
        "阳光小学": ("summary_and_plan", "primary", 2024, 0),  # the year of its plan part
        "滨江学院": ("key_points", "university", 2024, 0),
        "宏达机械": ("plan", "non_school", 2024, 0),
        "20xx年学校": ("plan", "school_unspecified", None, 5),
    }
    for fragment, (doc_type, level, year, n_acts) in expected.items():
        d = by_title(corpus, fragment)
        assert (d.doc_type, d.school_level, d.year, len(d.activities)) == (doc_type, level, year, n_acts), (
            fragment
        )


def test_docx_table_schedule(corpus: uc.Corpus) -> None:
    d = by_title(corpus, "春苗幼儿园")
    assert [s.kind for s in d.sections] == [
        "title",
        "guiding_ideology",
        "key_work",
        "monthly_schedule",
        "closing",
    ]
    assert (d.activities[0].line, d.activities[0].months, d.activities[0].text) == (
        10,
        [2],
        "制定工会工作计划",
    )
    assert d.activities[-1].months == [7, 8]


def test_tables_carry_provenance(corpus: uc.Corpus) -> None:
    for name in ("sections", "activities", "campaigns"):
        df = getattr(corpus, name)
        assert len(df) > 0
        assert {"doc_id", "source"} <= set(df.columns)
        assert df["source"].notna().all()
    acts = corpus.activities
    assert {"line", "months", "text", "category"} <= set(acts.columns)


def test_calendar_counts_every_activity_month(corpus: uc.Corpus) -> None:
    table = uc.calendar(corpus)
    assert list(table.index) == list(range(1, 13))
    assert list(table.columns) == list(uc.categories())
    assert table.to_numpy().sum() == sum(len(a.months) for d in corpus for a in d.activities)
    shares = uc.calendar(corpus, normalize=True)
    nonempty = table.sum(axis=1) > 0
    assert (shares[nonempty].sum(axis=1).round(6) == 1).all()
