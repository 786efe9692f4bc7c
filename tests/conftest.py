from __future__ import annotations

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
