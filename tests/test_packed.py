"""analyze keeps the plans pickled where it forks its second core (unioncorpus._packed): the same facts and
tables as from the plans themselves, and the process that forks never unpickles them."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pandas as pd

import unioncorpus as uc
import unioncorpus.analyze as analyze_module
from unioncorpus._packed import Packed, extract_packed
from unioncorpus._tables import PLAN_TABLES, PlanRows
from unioncorpus.analyze import PlanFacts
from unioncorpus.schedule import categories

from .conftest import CORPUS, DATA

# the sample corpus and two files that cannot be read
INPUTS = [CORPUS, DATA / "corrupt.docx", DATA / "empty.txt"]


def _packed() -> uc.Corpus:
    return extract_packed(INPUTS, encoding=None, show_progress=False, jobs=2)


def test_facts_of_packed_plans_are_those_of_the_plans() -> None:
    plain, packed = uc.load(INPUTS, jobs=1), _packed()
    a, b = PlanFacts.of(plain, plots=True), PlanFacts.of(packed, plots=True)
    assert packed._files is None  # taken from the workers' facts, nothing unpickled
    assert a.failures and b.failures == a.failures and b.files == a.files > len(a.failures)
    assert b.ids == a.ids and b.years == a.years
    for name in ("doc_types", "levels", "kinds", "categories"):  # counts, and ties in the same order
        assert list(getattr(b, name).items()) == list(getattr(a, name).items()), name
    pd.testing.assert_frame_equal(b.labels, a.labels)
    pd.testing.assert_frame_equal(b.calendar, a.calendar)


def test_calendar_counts_as_a_crosstab_of_the_activities() -> None:
    corpus = uc.load(CORPUS, jobs=1)
    pairs = pd.DataFrame([(m, a.category) for d in corpus for a in d.activities for m in a.months])
    expected = pd.crosstab(pairs[0].astype("Int64"), pairs[1])
    expected = expected.reindex(index=range(1, 13), columns=list(categories()), fill_value=0).astype(int)
    expected.index.name, expected.columns.name = "month", "category"
    got = uc.calendar(corpus)
    pd.testing.assert_frame_equal(got, expected)
    assert got.to_numpy().sum() == sum(len(a.months) for d in corpus for a in d.activities)
    assert (uc.calendar(uc.Corpus([])).to_numpy() == 0).all()
    assert uc.calendar(corpus, normalize=True).sum(axis=1).round(9).isin([0.0, 1.0]).all()


def test_tables_made_file_by_file_are_the_corpus_tables() -> None:
    plain, packed = uc.load(INPUTS, jobs=1), _packed()
    rows = PlanRows(PLAN_TABLES)
    for f in packed._each_file():  # unpickled one at a time, kept by no one
        rows.add(f)
    assert packed._files is None
    for name in PLAN_TABLES:
        pd.testing.assert_frame_equal(rows.frame(name), getattr(plain, name), obj=name)
    assert packed.files == plain.files  # and read as a corpus: the same results
    assert len(uc.Corpus([]).inputs) == 0 and list(uc.Corpus([]).documents.columns)[:2] == ["id", "source"]


def test_analyze_never_unpickles_the_plans_where_it_forks(tmp_path: Path, monkeypatch) -> None:
    parent, made = os.getpid(), []
    unpack, each = Packed.unpack, Packed.each

    def not_here(read):
        def guarded(self):
            assert os.getpid() != parent, "the plans were unpickled in the process that forks"
            return read(self)

        return guarded

    def kept(*args, **kwargs):
        made.append(extract_packed(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(Packed, "unpack", not_here(unpack))
    monkeypatch.setattr(Packed, "each", not_here(each))
    monkeypatch.setattr(analyze_module, "extract_packed", kept)
    # with the plots: those drawn here (calendar, boilerplate, reuse network) read no plan either
    analyze_module.analyze(CORPUS, out=tmp_path / "two", plots=True, jobs=2)
    if multiprocessing.get_start_method() == "fork":
        assert len(made) == 1 and made[0]._files is None
    monkeypatch.undo()
    analyze_module.analyze(CORPUS, out=tmp_path / "one", plots=True, jobs=1)
    for table in PLAN_TABLES:
        for ext in (".parquet", ".csv"):
            name = table + ext
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    summary = (tmp_path / "one" / "summary.txt").read_text(encoding="utf-8")
    assert summary.strip() and summary == (tmp_path / "two" / "summary.txt").read_text(encoding="utf-8")
