"""File names that are not UTF-8 or hold control characters: every command goes on and shows them readably."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from unioncorpus._safe import printable, readable_name
from unioncorpus.cli import main

from .hostile_files import BAD_NAME, GBK_NAME, make_hostile_names


@pytest.fixture
def hostile_names(tmp_path: Path) -> Path:
    return make_hostile_names(tmp_path)


def _run(args: list[str]):
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_readable_name_decodes_gbk_and_escapes_the_rest() -> None:
    name, note = readable_name(os.fsdecode(b"/tmp/\xe5\x8c\xba/" + GBK_NAME))
    assert name == "/tmp/区/工会计划.txt" and "GB18030" in (note or "")
    name, note = readable_name(os.fsdecode(BAD_NAME))
    assert name == "plan_\\xff\\xfe.txt" and "escape" in (note or "")
    assert readable_name("普通.txt") == ("普通.txt", None)
    assert printable("a\x07b\x1b[31m\u202e") == "a␇b␛[31m\\u202e"


def test_extract_jsonl_is_valid_utf8_and_names_are_readable(hostile_names: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(hostile_names)])
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    raw.decode("utf-8")  # strict: no surrogates, no stray bytes
    docs = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    sources = {Path(d["source"]).name for d in docs}
    assert {"工会计划.txt", "plan_\\xff\\xfe.txt", "bell\x07name.txt", "ok.md"} <= sources
    assert "工会计划-1" in {d["id"] for d in docs}


def test_extract_table_prints_no_control_characters(hostile_names: Path) -> None:
    result = _run(["extract", str(hostile_names), "--format", "table"])
    assert result.exit_code == 0
    assert not any(ch in result.output for ch in "\x07\x1b")
    assert "bell␇name-1" in result.output and "工会计划-1" in result.output


def test_analyze_writes_every_file(hostile_names: Path, tmp_path: Path) -> None:
    result = _run(["analyze", str(hostile_names), "--out", str(tmp_path / "a"), "-q", "--no-plots"])
    assert result.exit_code == 0
    inputs = pd.read_parquet(tmp_path / "a" / "inputs.parquet")
    assert len(inputs) == 5 and (inputs["status"] == "ok").all()
    assert "工会计划.txt" in "".join(inputs["source"])


def test_classify_writes_every_file(hostile_names: Path, tmp_path: Path) -> None:
    result = _run(["classify", str(hostile_names), "--out", str(tmp_path / "c"), "-q"])
    assert result.exit_code == 0
    html = (tmp_path / "c" / "report.html").read_text(encoding="utf-8")
    assert "工会计划.txt" in html and "\x07" not in html and "\x1b" not in html
    assert len(pd.read_excel(tmp_path / "c" / "triage.xlsx")) == 5
