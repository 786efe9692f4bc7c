from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def data() -> Path:
    return DATA


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not beside the checkout"
    )


def assert_same_results(a: Path, b: Path) -> None:
    """Two result folders hold the same tables byte for byte; their manifests differ only in when they were
    made, not in the files and checksums they list."""
    names = sorted(p.name for p in a.iterdir() if p.name != "manifest.json")
    assert "passages.parquet" in names and "near_duplicates.parquet" in names
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == []
    listed = [json.loads((d / "manifest.json").read_text(encoding="utf-8"))["files"] for d in (a, b)]
    assert listed[0] == listed[1]
