"""The same plans laid out as real pages lay them out give the same extraction (issue: logical lines).

Each seed file is rewritten three ways — its line breaks deleted, replaced by spaces (as PDF text pasted
into a page shows them), and hard-wrapped every 20 characters — and converted to traditional script. The
documents and their titles must be the same; section kinds (compared character by character, through the
raw columns) must agree with the original's for at least 95% of the characters, and activities for at
least 95% of them, also where the line breaks are deleted outright and unnumbered items that stood on
lines of their own run together ("帮困送温暖工作配合行政做好开学工作").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import unioncorpus as uc

from .conftest import SHARED, needs_shared

SEEDS = sorted(p.name for p in (SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
WRAP = 20


def _layout(text: str, variant: str) -> tuple[str, list[tuple[int, int]]]:
    """The text laid out as ``variant`` and, for every non-newline character of the original, its raw
    ``(line, col)`` in the new layout."""
    lines = text.split("\n")
    where: list[tuple[int, int]] = []
    if variant in ("one_line", "one_line_spaced"):
        sep = "" if variant == "one_line" else " "
        col = 0
        for k, ln in enumerate(lines):
            where += [(1, col + i) for i in range(len(ln))]
            col += len(ln) + (len(sep) if k + 1 < len(lines) else 0)
        return sep.join(lines), where
    out: list[str] = []
    for ln in lines:
        chunks = [ln[i : i + WRAP] for i in range(0, len(ln), WRAP)] or [""]
        for chunk in chunks:
            where += [(len(out) + 1, i) for i in range(len(chunk))]
            out.append(chunk)
    return "\n".join(out), where


def _kind_at(docs: list[uc.Document], line: int, col: int) -> str | None:
    for d in docs:
        for s in d.sections:
            start = (s.start_line, s.start_col or 0)
            end = (s.end_line, s.end_col if s.end_col is not None else 10**9)
            if start <= (line, col) < end:
                return s.kind
    return None


def _original_positions(text: str) -> list[tuple[int, int]]:
    return [(n, i) for n, ln in enumerate(text.split("\n"), 1) for i in range(len(ln))]


def _extract(path: Path) -> list[uc.Document]:
    return list(uc.extract([path]))


@needs_shared()
@pytest.mark.parametrize("variant", ["one_line", "one_line_spaced", "wrapped"])
@pytest.mark.parametrize("seed", SEEDS)
def test_layout_variants_give_the_same_extraction(tmp_path: Path, seed: str, variant: str) -> None:
    text = (SHARED / "seeds" / seed).read_text(encoding="utf-8")
    original = _extract(SHARED / "seeds" / seed)
    laid_out, where = _layout(text, variant)
    path = tmp_path / seed
    path.write_text(laid_out, encoding="utf-8")
    changed = _extract(path)

    assert [d.title for d in changed] == [d.title for d in original]

    positions = _original_positions(text)
    raw = text.split("\n")
    agree = total = 0
    for (line, col), (new_line, new_col) in zip(positions, where, strict=True):
        if raw[line - 1][col].isspace():
            continue
        kind = _kind_at(original, line, col)
        if kind is None:
            continue  # page furniture outside every plan
        total += 1
        agree += _kind_at(changed, new_line, new_col) == kind
    assert agree / total >= 0.95, f"section kinds agree on {agree}/{total} characters"

    before = Counter((tuple(a.months), a.text) for d in original for a in d.activities)
    after = Counter((tuple(a.months), a.text) for d in changed for a in d.activities)
    common = sum((before & after).values())
    need = 0.95
    if before:
        assert common / sum(before.values()) >= need, f"{common}/{sum(before.values())} activities kept"
        assert common / max(1, sum(after.values())) >= need, (
            f"{common}/{sum(after.values())} activities right"
        )


@needs_shared()
@pytest.mark.parametrize("seed", SEEDS)
def test_traditional_script_gives_the_same_documents_and_attributes(tmp_path: Path, seed: str) -> None:
    import opencc

    text = (SHARED / "seeds" / seed).read_text(encoding="utf-8")
    path = tmp_path / seed
    path.write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    fields = ("start_line", "end_line", "doc_type", "school_level", "year", "genre")
    original = [[getattr(d, f) for f in fields] for d in _extract(SHARED / "seeds" / seed)]
    converted = _extract(path)
    assert [[getattr(d, f) for f in fields] for d in converted] == original
    assert any(d.title and d.title != d.title_text for d in converted), "titles are kept as written"
