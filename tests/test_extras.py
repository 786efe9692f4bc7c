"""A plain `pip install unioncorpus` (no extras) runs extract, classify and analyze: the optional packages
are made unimportable in a fresh interpreter, and the three commands still work and say what was left out."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from unioncorpus._extras import MissingExtraError, require
from unioncorpus.errors import UnionCorpusError

from .conftest import CORPUS

BLOCKED = (
    "sklearn",
    "scipy",
    "gensim",
    "tomotopy",
    "matplotlib",
    "mplfonts",
    "pyarrow",
    "IPython",
    "jupyter",
)

SCRIPT = """
import importlib.abc, sys
BLOCKED = {blocked!r}

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: not in a plain install)")
        return None

sys.meta_path.insert(0, Block())
import importlib.util
_find = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in BLOCKED else _find(name, *a)

from click.testing import CliRunner
from unioncorpus.cli import main

runner = CliRunner()
for args in (["extract", {corpus!r}, "--format", "table"],
             ["classify", {corpus!r}, "--out", {out!r} + "/triage", "--year", "2024", "-q"],
             ["analyze", {corpus!r}, "--out", {out!r} + "/out", "-q"],
             ["library", "add", {out!r} + "/refs.sqlite", {corpus!r}, "-q"]):
    result = runner.invoke(main, args)
    print("EXIT", args[0], result.exit_code)
    print(result.output)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
print("LOADED", sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED))
"""


def test_a_plain_install_runs_extract_classify_and_analyze(tmp_path: Path) -> None:
    script = SCRIPT.format(blocked=BLOCKED, corpus=str(CORPUS), out=str(tmp_path))
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    for command in ("extract", "classify", "analyze", "library"):
        assert f"EXIT {command} 0" in run.stdout, run.stdout[-3000:]
    assert '未生成主题模型（缺少可选组件）：pip install "unioncorpus[topics]"' in run.stdout
    assert "LOADED []" in run.stdout
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"documents.parquet", "themes.csv", "near_duplicates.parquet", "summary.txt"} <= written
    assert not (tmp_path / "out" / "plots").exists() and "topics.csv" not in written
    assert {"triage.csv", "triage.xlsx", "report.html"} <= {p.name for p in (tmp_path / "triage").iterdir()}


def test_a_missing_extra_names_the_pip_command(monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gensim" else real(name, *a)
    )
    with pytest.raises(MissingExtraError, match=r'pip install "unioncorpus\[topics\]"') as info:
        require("topics", "topic models")
    assert isinstance(info.value, UnionCorpusError) and isinstance(info.value, ImportError)
