from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import unioncorpus as uc
from unioncorpus.themes import coverage, keywords, textrank, theme_table, theme_terms, units

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus() -> uc.Corpus:
    return uc.load(CORPUS)


def test_taxonomy_has_the_standing_work_areas() -> None:
    themes = theme_terms()
    assert len(themes) >= 10
    for name in ("teacher_ethics", "democratic_management", "rights_and_assistance", "culture_and_sports",
                 "womens_work", "union_self_building", "political_study", "staff_home_and_wellbeing",
                 "retirees", "safety_and_stability"):  # fmt: skip
        assert len(themes[name]["terms"]) >= 10, name


def test_units_keep_provenance(corpus: uc.Corpus) -> None:
    secs = units(corpus, unit="section")
    assert {u.kind for u in secs} >= {"key_work", "monthly_schedule", "guiding_ideology"}
    for u in secs:
        assert all(u.start_line <= n <= u.end_line for n, _ in u.lines)
    paras = units(corpus, unit="paragraph", kinds=["monthly_schedule"])
    assert paras and all(u.start_line == u.end_line and u.kind == "monthly_schedule" for u in paras)


def test_theme_evidence_points_at_lines(corpus: uc.Corpus) -> None:
    table = theme_table(corpus)
    row = table[
        (table.doc_id == "08_enterprise_union_plan-1") & (table.theme == "democratic_management")
    ].iloc[0]
    assert row.hits >= 2
    lines = (CORPUS / "08_enterprise_union_plan.txt").read_text(encoding="utf-8").split("\n")
    for ev in row.evidence:
        term, line = ev.rsplit("@", 1)
        assert term in lines[int(line) - 1]


def test_coverage_table(corpus: uc.Corpus) -> None:
    cov = coverage(corpus)
    assert list(cov.columns) == list(theme_terms())
    assert list(cov.index) == [d.id for d in corpus] and set(cov.dtypes) == {np.dtype(bool)}
    assert bool(cov.loc["02_nested_compilation-3", "womens_work"]) is True
    assert bool(cov.loc["08_enterprise_union_plan-1", "retirees"]) is False
    share = cov.attrs["share"]
    assert share.equals(cov.mean().round(3)) and share.between(0, 1).all()
    assert cov.sum().sum() == int(share.mul(len(cov)).round().sum())  # booleans sum as counts


def test_coverage_from_a_theme_table_made_already(corpus: uc.Corpus) -> None:
    # analyze writes the theme table and plots coverage from it without segmenting every plan again
    pd.testing.assert_frame_equal(coverage(theme_table(corpus)), coverage(corpus))
    with pytest.raises(TypeError, match="theme_table"):
        coverage(pd.DataFrame({"unit_id": ["a"]}))


def test_every_analysis_function_takes_a_corpus_units_or_texts(corpus: uc.Corpus) -> None:
    docs = [corpus["08_enterprise_union_plan-1"], corpus["09_primary_plan_copy_a-1"]]
    sections = uc.units(docs, unit="section")
    texts = [d.text for d in docs]
    for data in (docs, sections, texts, pd.Series(texts, index=["a", "b"])):
        assert len(keywords(data, top_k=3)) and len(theme_table(data)) and len(coverage(data).columns)
        assert len(uc.discover_terms(data, min_count=2)) >= 0
    assert coverage(pd.Series(texts, index=["a", "b"])).index.tolist() == ["a", "b"]
    assert uc.units(sections) == sections
    with pytest.raises(TypeError, match="one string"):
        keywords(texts[0])


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords(corpus: uc.Corpus, method: str) -> None:
    kw = keywords(corpus, method=method, top_k=5)
    assert set(kw.groupby("doc_id").size()) <= {1, 2, 3, 4, 5}
    assert kw["term"].str.len().min() >= 2
    women = kw[kw.doc_id == "02_nested_compilation-3"]["term"].tolist()
    assert "女教职工" in women
    again = keywords(corpus, method=method, top_k=5)
    assert again.equals(kw)


def test_textrank_prefers_the_hub() -> None:
    toks = ["教代会", "提案", "教代会", "校务公开", "提案", "教代会", "民主", "教代会"]
    assert textrank(toks, top_k=1)[0][0] == "教代会"
    assert textrank([]) == []
