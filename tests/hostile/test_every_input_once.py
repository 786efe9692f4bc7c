"""A folder of hostile files through extract, analyze and classify: every input reported exactly once,
no traceback, every output valid UTF-8 and free of formulas."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from unioncorpus.cli import main

from ..conftest import CORPUS, DATA
from .hostile_files import make_hostile_names
from .test_outputs import _assert_no_live_cells


def _folder(tmp_path: Path) -> Path:
    folder = make_hostile_names(tmp_path)
    body = (CORPUS / "04_vocational_plan.md").read_text(encoding="utf-8")
    (folder / "bell_title.txt").write_text(
        "红星小学\x07\x1b[2J2024年工会工作计划\n" + body.split("\n", 1)[1], encoding="utf-8"
    )
    (folder / "formula.txt").write_text(
        "=1+2红星小学2024年工会工作计划\n" + body.split("\n", 1)[1], encoding="utf-8"
    )
    (folder / "utf16.txt").write_bytes(body.encode("utf-16"))
    (folder / "gbk.txt").write_bytes(body.replace("技术", "技木").encode("gbk"))
    (folder / "title_only.txt").write_text("青山小学2024年工会工作计划\n", encoding="utf-8")
    for name in ("empty.txt", "random.bin.txt", "legacy.doc", "corrupt.docx"):
        shutil.copy(DATA / name, folder / name)
    with open(os.path.join(os.fsencode(folder), "空的".encode("gbk") + b".txt"), "wb"):
        pass
    return folder


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_every_input_reported_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    n_inputs = len(list(folder.iterdir()))
    runner = CliRunner()

    result = runner.invoke(main, ["extract", str(folder), "-q"])
    assert result.exit_code == 3 and "Traceback" not in result.output, result.output  # some unreadable
    result.stdout_bytes.decode("utf-8")
    sources = {json.loads(line)["source"] for line in result.stdout.splitlines()}
    unreadable = [line for line in result.stderr.splitlines() if line.startswith("无法读取：")]
    assert len(sources) + len(unreadable) == n_inputs  # a bare title is a plan with nothing under it

    out = tmp_path / "a"
    result = runner.invoke(main, ["analyze", str(folder), "--out", str(out), "-q"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    inputs = pd.read_parquet(out / "inputs.parquet")
    assert len(inputs) == n_inputs and inputs["source"].is_unique
    reasons = set(inputs.loc[inputs["status"] == "unreadable", "reason"])
    # an old Word file needs LibreOffice: without it on PATH it is needs_converter, with it a fake one fails
    assert reasons >= {"empty", "binary"} and reasons & {"needs_converter", "converter_failed"}

    out = tmp_path / "c"
    result = runner.invoke(main, ["classify", str(folder), "--out", str(out), "-q"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    table = pd.read_csv(out / "triage.csv", encoding="utf-8-sig")
    assert len(table) == n_inputs and table["文件"].is_unique and table["理由"].notna().all()
    for path in [*out.iterdir(), *(tmp_path / "a").rglob("*.csv")]:
        if path.suffix in (".csv", ".html", ".json"):
            path.read_bytes().decode("utf-8")
    _assert_no_live_cells(tmp_path)
    assert "空的.txt" in set(table["文件"]) and "工会计划.txt" in set(table["文件"])
