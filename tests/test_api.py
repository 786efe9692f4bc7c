"""The public API without traps: one file reads as one SourceText, the README's stage chain runs as
written, a missing path is an error, texts and DataFrames load, short reprs, and `python -m unioncorpus`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import unioncorpus as uc

from .conftest import CORPUS, DATA, ROOT


def test_read_of_one_file_is_one_source_text_and_of_a_folder_a_list() -> None:
    st = uc.read(DATA / "plan_simple.txt")
    assert isinstance(st, uc.SourceText) and st.lines[0].text == "东湖小学2022年工会工作计划"
    with pytest.raises(uc.ReadError, match="empty") as info:
        uc.read(DATA / "empty.txt")
    assert info.value.reason == "empty"
    many = uc.read(DATA)
    assert isinstance(many, list) and any(isinstance(r, uc.ReadFailure) for r in many)
    assert len(uc.read([DATA / "plan_simple.txt"])) == 1


def test_the_stage_chain_runs_one_function_after_another() -> None:
    parts = uc.split(uc.read(CORPUS / "01_compilation_site_page.txt"))
    docs = [
        uc.structure(uc.document_attributes(d, compilation_titles=parts.compilation_titles))
        for d in parts.documents
    ]
    whole = uc.load(CORPUS / "01_compilation_site_page.txt")
    assert [d.to_dict() for d in docs] == [d.to_dict() for d in whole]


def test_load_of_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(uc.ReadError, match="no such file or folder") as info:
        uc.load([CORPUS, tmp_path / "nope"])
    assert info.value.reason == "not_found" and isinstance(info.value, FileNotFoundError | OSError)
    assert len(uc.extract(tmp_path / "nope").failures) == 1  # a batch still reports it and goes on


def test_from_texts_and_from_frame_run_every_stage() -> None:
    texts = [
        (CORPUS / name).read_text(encoding="utf-8")
        for name in ("08_enterprise_union_plan.txt", "09_primary_plan_copy_a.txt")
    ]
    corpus = uc.from_texts(texts, ids=["厂工会", "小学"])
    files = uc.load([CORPUS / "08_enterprise_union_plan.txt", CORPUS / "09_primary_plan_copy_a.txt"])
    assert [d.id for d in corpus] == ["厂工会-1", "小学-1"]
    for mine, theirs in zip(corpus, files, strict=True):
        assert (mine.title, mine.year, mine.school_level) == (theirs.title, theirs.year, theirs.school_level)
        assert [(s.kind, s.start_line) for s in mine.sections] == [
            (s.kind, s.start_line) for s in theirs.sections
        ]
    df = pd.DataFrame({"school": ["a", "b", "c"], "plan": [texts[0], "", None]})
    framed = uc.from_frame(df, text="plan", id="school")
    assert [d.id for d in framed] == ["a-1"]
    assert framed.inputs["status"].tolist() == ["ok", "unreadable", "unreadable"]
    assert uc.keywords(framed, top_k=3)["doc_id"].unique().tolist() == ["a-1"]
    with pytest.raises(uc.UnionCorpusError, match="no column 'text'"):
        uc.from_frame(df)
    with pytest.raises(uc.UnionCorpusError, match="unique"):
        uc.from_texts(["甲", "乙"], ids=["x", "x"])


def test_reprs_are_one_short_line() -> None:
    corpus = uc.load(CORPUS)
    doc = corpus["01_compilation_site_page-2"]
    for value in (doc, corpus, uc.read(CORPUS / "08_enterprise_union_plan.txt")):
        text = repr(value)
        assert "\n" not in text and len(text) < 200 and "Line(" not in text
    assert re.match(
        r"<Document '01_compilation_site_page-2' '.+' lines \d+-\d+: plan, kindergarten, 2024;", repr(doc)
    )
    assert "<table" in doc._repr_html_()


def test_docs_is_deprecated_for_list_of_corpus() -> None:
    corpus = uc.load(CORPUS / "08_enterprise_union_plan.txt")
    with pytest.warns(DeprecationWarning, match=r"list\(corpus\)"):
        assert corpus.docs == list(corpus)


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "unioncorpus", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0 and out.stdout.startswith("unioncorpus, version")


def test_readme_tour_runs_as_written(monkeypatch) -> None:
    """Every ```python block of the README, executed in order from the project folder."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.+?)\n```", text, flags=re.S)
    assert blocks and "uc.read(" in "".join(blocks)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)


def test_tables_keep_their_types_with_and_without_rows_and_are_copies() -> None:
    # the tables analyze writes: column types as a table built row by row has them, also with no rows (a
    # Parquet file's schema must not change with the corpus); a caller's change never reaches the next
    # caller, though documents and sections are built once
    corpus = uc.load(CORPUS)
    for c in (corpus, uc.Corpus([])):
        acts = c.activities
        assert list(acts.columns) == ["doc_id", "source", "line", "start_col", "end_col", "months", "week", "date",
                                      "text", "category"]  # fmt: skip
        assert {str(acts[k].dtype) for k in ("start_col", "end_col", "week")} == {"Int64"}
    empty = uc.Corpus([]).activities
    assert all(empty[k].dtype == object for k in ("doc_id", "line", "months", "text"))
    acts = corpus.activities
    assert acts["line"].dtype == "int64" and all(isinstance(m, list) for m in acts["months"])
    docs = corpus.documents
    docs.loc[:, "title"] = "changed"
    del corpus.sections["kind"]
    assert "changed" not in set(corpus.documents["title"]) and "kind" in corpus.sections.columns
