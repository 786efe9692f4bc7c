"""The package's layout promises (issue 11): modules a maintainer can read whole, named after what they do."""

from __future__ import annotations

from .conftest import ROOT

MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "unioncorpus").glob("*.py")
    }
    assert len(sizes) > 40, sizes  # the package is found
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
