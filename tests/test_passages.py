from __future__ import annotations

import uuid

import unioncorpus as uc
from unioncorpus.library import Library
from unioncorpus.model import Document, Line
from unioncorpus.passages import CleanDoc, align, boilerplate_share, families, shared_passages

from .conftest import CORPUS

BOILER = "以党的二十大精神为指导，坚持全心全意依靠教职工办学的方针，围绕学校中心工作，切实履行工会各项职能。"


def doc(doc_id: str, *lines: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", [Line(i, t) for i, t in enumerate(lines, 1)])


def test_small_edits_do_not_break_a_passage() -> None:
    a = doc("a", "一、指导思想", "红星小学2023年工会工作，" + BOILER, "二、其他")
    b = doc("b", "甲", "乙", "新华路小学2024年工会工作" + BOILER.replace("，", " ").replace("围绕", "围饶"))
    (p,) = align(CleanDoc.of(a), CleanDoc.of(b))
    assert p.similarity >= 0.9
    assert (p.a["start_line"], p.a["end_line"], p.b["start_line"], p.b["end_line"]) == (2, 2, 3, 3)
    assert "二十大" in p.text_a and "二十大" in p.text_b
    assert a.lines[1].text[p.a["start_col"] : p.a["end_col"]].endswith("职能")


def test_unrelated_texts_share_nothing() -> None:
    a = doc("a", "学校工会组织教职工开展健步走活动，丰富业余生活。")
    b = doc("b", "公司车间开展安全生产劳动竞赛，评选季度生产标兵。")
    assert align(CleanDoc.of(a), CleanDoc.of(b)) == []


def test_families_group_recurring_text_without_chaining() -> None:
    other = "组织教职工参加区教育系统羽毛球团体赛和广播操比赛，举办教职工迎新年文艺演出，丰富教职工的业余文化生活。"
    docs = [
        doc("a", BOILER, other),
        doc("b", "甲校独有的一句话写在这里", BOILER),
        doc("c", BOILER.replace("教职工", "教工"), other),
        doc("d", "丁校独有的内容", other),
    ]
    clean = [CleanDoc.of(d) for d in docs]
    fams = families(shared_passages(clean), clean)
    assert [f["n_docs"] for f in fams] == [3, 3]
    assert {m["doc_id"] for m in fams[0]["members"]} in ({"a", "b", "c"}, {"a", "c", "d"})
    assert all(len({m["doc_id"] for m in f["members"]}) == f["n_docs"] for f in fams)


def test_boilerplate_share_and_sources() -> None:
    docs = [doc("a", BOILER, "甲校独有的一段很长很长的内容写在这里，共有二十多个字呢"), doc("b", BOILER)]
    clean = [CleanDoc.of(d) for d in docs]
    share = boilerplate_share(clean, shared_passages(clean)).set_index("doc_id")
    assert share.loc["b", "boilerplate_share"] == 1.0
    assert 0.4 < share.loc["a", "boilerplate_share"] < 0.8
    assert share.loc["a", "top_sources"][0].startswith("b (")


def test_corpus_tables() -> None:
    corpus = uc.load(CORPUS)
    p = corpus.passages
    assert len(p) and {"doc_a", "a_start_line", "b_start_line", "similarity", "text_a"} <= set(p.columns)
    assert (p["similarity"] >= 0.8).all()
    fams = corpus.families
    assert fams["n_docs"].min() >= 3
    share = corpus.boilerplate.set_index("doc_id")
    assert share.loc["09_primary_plan_copy_a-1", "boilerplate_share"] > 0.5
    assert share.loc["08_enterprise_union_plan-1", "boilerplate_share"] == 0


def test_library_add_query_remove(tmp_path) -> None:
    corpus = uc.load(CORPUS)
    path = tmp_path / f"{uuid.uuid4().hex}.sqlite"
    refs = [d for d in corpus if d.id == "01_compilation_site_page-1"]
    with Library(path) as lib:
        added = lib.add(refs)
        assert added["status"].tolist() == ["added"] and len(lib) == 1
        lib_id = added["lib_id"].iloc[0]
        assert lib_id.startswith("01_compilation_site_page-1@")
    with Library(path) as lib:  # reopened from disk, settings kept
        assert (lib.k, lib.num_perm) == (5, 128)
        subs = [d for d in corpus if d.id in ("09_primary_plan_copy_a-1", "08_enterprise_union_plan-1")]
        q = lib.query(subs)
        assert q["doc_id"].tolist() == ["09_primary_plan_copy_a-1"]
        row = q.iloc[0]
        assert row.near_duplicate and row.passages >= 1 and row.copied_share > 0.5
        assert q["library_id"].tolist() == [lib_id]
        assert lib.remove([lib_id]) == 1
        assert len(lib) == 0 and lib.query(subs).empty


def test_document_display_marks_copied_lines() -> None:
    corpus = uc.load(CORPUS)
    corpus.passages  # noqa: B018 - computing passages records each plan's copied lines
    html = corpus["09_primary_plan_copy_a-1"]._repr_html_()
    assert html.count("<mark>") >= 5 and "guiding_ideology" in html
    assert "<mark>" not in corpus["08_enterprise_union_plan-1"]._repr_html_().split("<small>")[0]
    assert "<table" in corpus._repr_html_() and "15 plans" in corpus._repr_html_()
