"""The dev-set figures the issues promise, measured with the shared scorer (skipped without ../shared)."""

from __future__ import annotations

import sys

import pytest

from .conftest import ROOT, SHARED, needs_shared

sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    import evaluate

    return evaluate.evaluate(SHARED)


@needs_shared()
@pytest.mark.parametrize(
    ("key", "sub", "minimum"),
    [
        ("documents", "f1", 1.0),
        ("document_boundaries_exact", None, 0.95),
        ("year_accuracy", None, 0.9),
        ("doc_type_accuracy", None, 0.9),
        ("school_level_accuracy", None, 0.9),
        ("party_congress_refs", "f1", 0.95),
        ("section_line_accuracy", None, 0.95),
        ("section_kinds_present", "f1", 0.95),
        ("activities", "f1", 0.95),
    ],
)
def test_dev_gold_thresholds(results: dict[str, dict], key: str, sub: str | None, minimum: float) -> None:
    assert results, "no gold files found"
    for name, result in results.items():
        value = result[key][sub] if sub else result[key]
        assert value >= minimum, f"{name}: {key} = {value}"
