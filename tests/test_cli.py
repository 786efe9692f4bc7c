from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from unioncorpus.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def commands() -> list[tuple[str, ...]]:
    sys.path.insert(0, str(CORPUS.parent / "scripts"))
    import make_cli_docs

    return make_cli_docs.walk(main)


@pytest.mark.parametrize("command", commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"unioncorpus {' '.join(command)}" in result.output


def test_extract_jsonl_is_the_contract(data: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(data / "compilation.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["id"] for d in docs] == ["compilation-1", "compilation-2", "compilation-3"]
    required = {"source", "id", "title", "start_line", "end_line", "doc_type", "school_level", "year",
                "party_congress_refs", "sections", "activities"}  # fmt: skip
    for d in docs:
        assert required <= set(d)
        assert d["source"].endswith("compilation.txt")
        for s in d["sections"]:
            base = {"kind", "start_line", "end_line", "heading"}
            assert base <= set(s) <= base | {"start_col", "end_col"}
    assert docs[1]["party_congress_refs"] == ["十八大"]


def test_extract_reports_unreadable_files_on_stderr_and_goes_on(data: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(data), "--format", "table"])
    assert result.exit_code == 0
    for name in ("empty.txt", "random.bin.txt", "legacy.doc", "corrupt.docx"):
        assert result.stderr.count(name) == 1
    assert "compilation-3" in result.stdout


def test_extract_encoding_override(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes("某小学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。".encode("gbk"))
    result = CliRunner().invoke(main, ["extract", str(p), "--encoding", "gbk"])
    assert json.loads(result.output)["year"] == 2024
    bad = CliRunner().invoke(main, ["extract", str(p), "--encoding", "utf-8"])
    assert "utf-8 decode failed" in bad.stderr


def test_analyze_writes_tables_and_is_deterministic(tmp_path: Path) -> None:
    runner = CliRunner()
    out1, out2 = tmp_path / "a", tmp_path / "b"
    r1 = runner.invoke(main, ["analyze", str(CORPUS), "--out", str(out1), "-q"])
    r2 = runner.invoke(main, ["analyze", str(CORPUS), "--out", str(out2), "-q", "--no-plots"])
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output
    assert "15 plans found" in r1.output
    tables = sorted(p.name for p in out1.iterdir() if p.suffix in (".parquet", ".csv"))
    for name in ("documents", "sections", "activities", "campaigns", "themes", "topics", "near_duplicates",
                 "passages", "families", "boilerplate", "furniture", "inputs"):  # fmt: skip
        assert f"{name}.parquet" in tables and f"{name}.csv" in tables, name
    for name in tables:
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name  # byte-identical re-run
    assert sorted(p.name for p in (out1 / "plots").iterdir()) == [
        "boilerplate.png",
        "calendar.png",
        "reuse_network.png",
        "themes.png",
        "topics.png",
    ]
    assert not (out2 / "plots").exists()
    docs = pd.read_parquet(out1 / "documents.parquet")
    assert len(docs) == 15
    assert not list(out1.glob(".*"))  # no temporary files left behind


def test_a_failing_plot_does_not_cost_the_tables(tmp_path: Path, monkeypatch) -> None:
    from unioncorpus import viz

    def broken(*args, **kwargs):
        raise TypeError("object of type 'float' has no len()")

    monkeypatch.setattr(viz, "reuse_network", broken)
    out = tmp_path / "a"
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--out", str(out), "-q"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert (out / "documents.parquet").exists() and (out / "plots" / "calendar.png").exists()
    assert not (out / "plots" / "reuse_network.png").exists()
    assert "plots/reuse_network.png: TypeError" in (out / "summary.txt").read_text(encoding="utf-8")


def test_extract_prints_each_file_as_it_is_read(tmp_path: Path, monkeypatch) -> None:
    """A slow file must not hold back the results of the files before it."""
    import unioncorpus.corpus as corpus_mod

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "红星小学2024年工会工作计划\n一、指导思想\n认真学习。\n", encoding="utf-8"
        )
    seen: list[str] = []
    real = corpus_mod.extract_file

    def spy(path, **kw):
        seen.append(f"read {Path(path).name}")
        return real(path, **kw)

    monkeypatch.setattr(corpus_mod, "extract_file", spy)
    import click

    real_echo = click.echo

    def echo(message=None, **kw):
        if message and message.startswith("{"):
            seen.append(f"print {json.loads(message)['source'].rsplit('/', 1)[-1]}")
        return real_echo(message, **kw)

    monkeypatch.setattr(click, "echo", echo)
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen == ["read a.txt", "print a.txt", "read b.txt", "print b.txt"]
