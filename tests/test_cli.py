from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from unioncorpus import _labels
from unioncorpus.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# The tables of labels.toml whose keys are internal codes: none of them may reach a reader untranslated.
CODE_TABLES = ("verdict", "school_level", "doc_type", "section_kind", "category", "furniture", "genre", "theme",
               "read_error")  # fmt: skip
CJK = re.compile(r"[\u4e00-\u9fff]")


def codes_shown(text: str, names: list[str]) -> set[str]:
    """Internal codes left in ``text`` once the file names, paths and plan ids in ``names`` are taken out."""
    for name in sorted(names, key=len, reverse=True):  # these come from the user
        text = text.replace(name, " ")
    codes = set().union(*(_labels.codes(kind) for kind in CODE_TABLES))
    return set(re.findall(r"[A-Za-z_]+", text)) & codes


def test_codes_shown_finds_codes() -> None:
    assert codes_shown("key_work、小学 school_unspecified plan.txt", ["plan.txt"]) == {
        "key_work",
        "school_unspecified",
    }


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
    assert result.exit_code == 3  # went through, but its output lacks some files: a script can tell
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
    assert "共找到计划15篇" in r1.output
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
    monkeypatch.setattr(viz, "theme_coverage", broken)  # drawn after it, from the second core's results
    out = tmp_path / "a"
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--out", str(out), "-q"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert (out / "documents.parquet").exists() and (out / "plots" / "calendar.png").exists()
    assert not (out / "plots" / "reuse_network.png").exists()
    said = [
        line for line in (out / "summary.txt").read_text(encoding="utf-8").splitlines() if "未生成" in line
    ]
    assert "plots/reuse_network.png" in said[1] and "程序出错" in said[1] and "TypeError" in said[1]
    assert "plots/themes.png" in said[0]  # failures listed in the plots' order, whatever was drawn first


def test_extract_prints_each_file_as_it_is_read(tmp_path: Path, monkeypatch) -> None:
    """A slow file must not hold back the results of the files before it."""
    import unioncorpus.pipeline as corpus_mod

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


def test_analyze_summary_is_chinese_without_codes_and_english_on_request(tmp_path: Path) -> None:
    zh = CliRunner().invoke(main, ["analyze", str(CORPUS), "--out", str(tmp_path / "zh"), "-q", "--no-plots"])
    en = CliRunner().invoke(
        main, ["analyze", str(CORPUS), "--out", str(tmp_path / "en"), "-q", "--no-plots", "--lang", "en"]
    )
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    assert zh.output.startswith("读取文件11个，其中0个无法读取；共找到计划15篇\n")
    rows = [line.split()[0] for line in zh.output.splitlines()[1:7]]
    assert rows == ["文种", "学段", "年份", "章节", "活动", "雷同"]
    assert "工作计划 13" in zh.output and "学校（学段不明） 2" in zh.output and "重点工作 15" in zh.output
    assert not codes_shown(zh.output, [str(CORPUS), str(tmp_path)]), zh.output
    assert len(zh.output.splitlines()) <= 12  # one screen
    assert zh.output.startswith((tmp_path / "zh" / "summary.txt").read_text(encoding="utf-8"))
    assert "已写入" in zh.output.splitlines()[-1]
    assert en.output.startswith("11 files read, 0 unreadable; 15 plans found\n")
    assert "work plan 13" in en.output and "school (level not stated) 2" in en.output
    assert not CJK.search(en.output), en.output
    assert en.output.startswith((tmp_path / "en" / "summary.txt").read_text(encoding="utf-8"))
    for name in ("documents.parquet", "sections.csv"):  # the language is the summary's only
        assert (tmp_path / "zh" / name).read_bytes() == (tmp_path / "en" / name).read_bytes()


def test_extract_table_is_chinese_without_codes_and_english_on_request(data: Path) -> None:
    args = ["extract", str(data / "compilation.txt"), str(data / "empty.txt"), "--format", "table"]
    zh = CliRunner().invoke(main, args)
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 3, zh.output + en.output  # empty.txt could not be read
    names = [str(data / "empty.txt"), "compilation-1", "compilation-2", "compilation-3"]
    header, *rows, _, footer = zh.stdout.splitlines()
    assert header.split() == ["计划编号", "起止行", "文种", "学段", "年份", "活动数", "标题", "已有部分"]
    assert len(rows) == 3 and all("工作计划" in r for r in rows) and "指导思想、重点工作" in rows[0]
    assert footer == "共3篇计划，来自2个文件，其中1个无法读取"
    assert zh.stderr.startswith("无法读取：") and "文件是空的" in zh.stderr
    assert not codes_shown(zh.stdout, names), zh.stdout
    # the reader's English detail follows the Chinese, in brackets: "the file is empty" is prose, not a code
    assert not codes_shown(zh.stderr.split("（")[0], names), zh.stderr
    header, *rows, _, footer = en.stdout.splitlines()
    assert header.startswith("plan id") and "document type" in header and "work plan" in rows[0]
    assert "guiding principles, main tasks" in rows[0]
    assert footer == "3 documents from 2 files, 1 unreadable"
    assert en.stderr.startswith("unreadable: ") and "the file is empty" in en.stderr
    assert not CJK.search(en.stderr + header + footer)
    jsonl = CliRunner().invoke(main, ["extract", str(data / "compilation.txt")])  # the contract keeps codes
    assert json.loads(jsonl.stdout.splitlines()[0])["sections"][0]["kind"] in _labels.codes("section_kind")


def test_extract_table_columns_do_not_shift_between_files(tmp_path: Path) -> None:
    """A long file name after a short one, a long title and many sections: every column starts at the same
    terminal column in every row (the table is printed row by row, so it cannot be measured afterwards)."""
    body = "一、指导思想\n认真贯彻落实上级工会的部署。\n二、重点工作\n开展教职工文体活动。\n"
    (tmp_path / "a.txt").write_text("红星小学2024年工会工作计划\n" + body, encoding="utf-8")
    long_title = "滨江区实验小学教育集团东校区2024学年第一学期工会工作计划"
    (tmp_path / "一个名字很长很长的学校工会提交文件.txt").write_text(
        long_title + "\n" + body + "三、月份安排\n三月：三八妇女节活动。\n四、保障措施\n加强工会自身建设。\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "table"])
    assert out.exit_code == 0, out.output
    header, *rows, _, _ = out.stdout.splitlines()
    assert len(rows) == 2

    def starts(line: str) -> list[int]:  # terminal columns where each cell starts
        cols, at, gap = [], 0, True
        for ch in line:
            if ch != " " and gap:
                cols.append(at)
            gap = ch == " "
            at += _labels.width(ch)
        return cols

    assert starts(rows[0])[:7] == starts(rows[1])[:7] == starts(header)[:7]
    assert long_title[:23] + "…" in rows[1]


def test_classify_prints_chinese_without_codes_and_english_on_request(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("04_vocational_plan.md", "09_primary_plan_copy_a.txt", "10_primary_plan_copy_b.txt"):
        (plans / name).write_bytes((CORPUS / name).read_bytes())
    zh = CliRunner().invoke(main, ["classify", str(plans), "--out", str(tmp_path / "zh"), "-q"])
    en = CliRunner().invoke(
        main, ["classify", str(plans), "--out", str(tmp_path / "en"), "-q", "--lang", "en"]
    )
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    assert zh.output.startswith("共3份提交\n") and "已写入：" in zh.output and "triage.xlsx、" in zh.output
    assert not codes_shown(zh.output, [str(tmp_path)]), zh.output
    assert en.output.startswith("3 submissions\n") and "\nwrote " in en.output
    assert not CJK.search(en.output), en.output


def test_errors_are_chinese_first(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["extract", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    said = missing.stderr.splitlines()
    assert f"错误：'PATHS...'：找不到文件或文件夹 {tmp_path / 'nope'}" in said
    assert said.index(next(s for s in said if s.startswith("错误："))) < said.index(
        next(s for s in said if s.startswith("Error: "))
    )
    rules = CliRunner().invoke(
        main, ["classify", str(CORPUS), "--out", str(tmp_path / "o"), "--rules", str(CORPUS)]
    )
    assert rules.exit_code == 2 and f"{CORPUS} 是文件夹，这里要的是文件" in rules.stderr
    bad = tmp_path / "rules.toml"
    bad.write_text("[copying]\ncontainmnet = 0.5\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["classify", str(CORPUS), "--out", str(tmp_path / "o"), "--rules", str(bad)]
    )
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith("错误：文件 ") and "有误" in first and second.startswith("Error: ")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["classify", str(empty), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1 and result.stderr.startswith("错误：没有可审核的文件")
    result = CliRunner().invoke(main, ["analyze", str(empty), "--out", str(tmp_path / "a"), "-q"])
    assert result.exit_code == 1 and result.stderr.startswith("错误：没有可分析的文件")
    assert not (tmp_path / "a").exists()  # no empty tables written
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--out", str(CORPUS / "out")])
    assert result.stderr.startswith("错误：结果文件夹") and "inside the input folder" in result.stderr


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (["extract", "--fromat", "x"], "错误：没有 --fromat 这个选项；是不是：--format"),
        (["extract", str(CORPUS), "--format", "csv"], "错误：'--format'：只能是下列之一：jsonl、table"),
        (["classify", str(CORPUS), "--year", "24"], "错误：'--year'：要写 1949 到 2100 之间的整数"),
        (["extract", str(CORPUS), "--jobs", "-1"], "错误：'--jobs' / '-j'：要写不小于 0 的整数"),
        (["extract"], "错误：缺少参数 'PATHS...'"),
        (["classify", str(CORPUS), "--out"], "错误：选项 --out 后面要写它的值"),
        (["extract", str(CORPUS), "--quiet=1"], "错误：选项 --quiet 是开关，后面不带值（直接写 --quiet）"),
        (
            ["classify", str(CORPUS), str(CORPUS), "--out", "o"],
            f"错误：多余的参数：{CORPUS}（这个命令能收的文件或文件夹个数见 --help）",
        ),
        (
            ["library", "list", str(CORPUS), "--format", "x"],
            "错误：'--format'：只能是下列之一：table、csv、jsonl",
        ),
        (["--bogus"], "错误：没有 --bogus 这个选项"),
    ],
)
def test_usage_mistakes_are_chinese_first(args: list[str], zh: str) -> None:
    """click's own usage errors (English only) reach a union office Chinese first, click's English after."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    said = result.stderr.splitlines()
    assert said[0].startswith("Usage: ") and said[1].startswith("查看帮助："), said  # where help is, always
    assert zh in said, said
    english = said[said.index(zh) + 1]
    assert english.startswith("Error: ") and not CJK.search(english.replace("'PATHS...'", "")), said
    assert "Traceback" not in result.output


def test_unknown_command_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["clasify"])
    assert result.exit_code == 2
    first = next(s for s in result.stderr.splitlines() if s.startswith("错误："))
    assert first.startswith("错误：没有 clasify 这个命令；可用的命令：analyze、classify、extract")
    assert first.endswith("是不是：classify")


@pytest.mark.parametrize("command", ["analyze", "classify"])
def test_out_that_is_a_file_is_refused_before_reading(tmp_path: Path, command: str) -> None:
    """A mistyped --out is said at once: no file is read, no progress bar drawn, nothing written."""
    a_file = tmp_path / "triage.csv"
    a_file.write_text("x", encoding="utf-8")
    for out in (a_file, a_file / "sub"):
        result = CliRunner().invoke(main, [command, str(CORPUS), "--out", str(out)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"错误：无法把结果写入 {out}：这是文件，不是文件夹"), result.stderr
        assert "读取" not in result.stderr and "reading" not in result.stderr
    assert a_file.read_text(encoding="utf-8") == "x"
