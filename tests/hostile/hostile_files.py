"""Hostile inputs built at test time (so every run can vary names and sizes), shared by the hostile tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..conftest import CORPUS

# A name from a Windows zip unpacked on Linux: 工会计划 in GBK, not valid UTF-8.
GBK_NAME = "工会计划".encode("gbk") + b".txt"
# Bytes that are neither UTF-8 nor GB18030 nor Big5.
BAD_NAME = b"plan_\xff\xfe.txt"


def make_hostile_names(tmp_path: Path) -> Path:
    """A folder of good plans under names that are not UTF-8 or hold control characters."""
    folder = tmp_path / "names"
    folder.mkdir()
    plan = (CORPUS / "09_primary_plan_copy_a.txt").read_bytes()
    for raw in (GBK_NAME, BAD_NAME, b"bell\x07name.txt", b"esc\x1b[31mred.txt"):
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(plan)
    shutil.copy(CORPUS / "04_vocational_plan.md", folder / "ok.md")
    return folder
