"""The researcher notebooks run top to bottom on corpus/ (so they never rot) and their plots show Chinese."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_five_notebooks_exist() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01_quickstart", "02_sections_and_activities", "03_themes_and_topics", "04_boilerplate", "05_district_triage",
    ]  # fmt: skip


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "outputs must be stripped in git"
    )
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    assert time.perf_counter() - start < 60
    texts = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("missing from font" in t or "Glyph" in t for t in texts), "a plot lost Chinese glyphs"
    assert sum(1 for c in nb.cells if c.cell_type == "markdown") >= 3  # a story in prose, not just code
