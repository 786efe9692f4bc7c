"""A district's year: 2,000 submissions give a report a clerk can open (summary first, under 5 MB)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from unioncorpus.classify import classify, write_outputs

from .conftest import ROOT


@pytest.fixture(scope="module")
def year_of_submissions(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_submissions import make_submissions

    folder = tmp_path_factory.mktemp("district_2000")
    # No phrase shared by hundreds of plans: shared-passage search would take minutes (a known cost of the
    # passages stage), and what is measured here is the report, whose copied passages are budgeted anyway.
    make_submissions(folder, 2000, seed=7, common_phrases=False)
    return folder


def test_two_thousand_submissions_give_a_report_under_5_mb(year_of_submissions: Path, tmp_path: Path) -> None:
    triage = classify(year_of_submissions, year=2024)
    write_outputs(triage, tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    size = len(page.encode("utf-8"))
    counts = triage.counts()
    print(f"report: {size / 1e6:.2f} MB for {len(triage.table)} submissions, {counts}")
    assert size < 5_000_000
    assert len(triage.table) == 2000 and counts["copied"] > 100 and all(counts.values())
    # The summary comes first, one row per submission, before any details.
    summary, details = page.split("<h2>", 1)
    assert len(re.findall(r"<tr data-v=", summary)) == 2000
    assert len(re.findall(r"<details id='f\d+'>", details)) == 2000  # closed: opened on demand
    assert "<details id='f0' open" not in page
    # Copied submissions show their evidence; the budget keeps it to a few pairs each.
    assert page.count("<div class='pair'>") >= counts["copied"]
