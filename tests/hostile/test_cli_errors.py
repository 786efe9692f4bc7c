"""Every command, given a user's mistake (bad option, bad file), answers with a message, never a traceback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from unioncorpus.cli import main

from ..conftest import CORPUS, DATA, ROOT

PLAN = CORPUS / "04_vocational_plan.md"

RULES = {
    "string_for_list": ('[required]\nsections = "key_work"\n', "required.sections"),
    "inner_string": ('[required]\nsections = ["key_work"]\n', "required.sections[1]"),
    "unknown_kind": ('[required]\nsections = [["key_wrok"]]\n', "did you mean 'key_work'"),
    "unknown_key": ("[copying]\ncontainmnet = 0.5\n", "did you mean 'containment'"),
    "unknown_table": ("[bogus]\nx = 1\n", "unknown key 'bogus'"),
    "bool_for_int": ("[required]\nmin_activities = true\n", "required.min_activities"),
    "negative": ("[required]\nmin_activities = -1\n", "required.min_activities"),
    "share_over_1": ("[copying]\nboilerplate_share = 60\n", "copying.boilerplate_share"),
    "string_for_number": ('[copying]\ncontainment = "0.8"\n', "copying.containment"),
    "table_for_value": ("[copying]\ncontainment = {a = 1}\n", "copying.containment"),
    "value_for_table": ("copying = 0.5\n", "copying"),
    "year_as_text": ('[staleness]\ncongresses = { "二十大" = "2022" }\n', "staleness.congresses.二十大"),
    "bad_regex": ("[staleness]\nplaceholders = '(工会'\n", "staleness.placeholders"),
    "regex_not_text": ("[staleness]\nplaceholders = 3\n", "staleness.placeholders"),
    "unknown_genre": ('[union_plan]\naccept = ["union_plans"]\n', "union_plan.accept"),
    "unknown_theme": ('[themes]\nexpected = ["womens_wrk"]\n', "did you mean 'womens_work'"),
    "empty_requirements": ("[required]\nsections = []\n", "required.sections"),
    "not_toml": ("[required\nsections = \n", "not valid TOML"),
    "duplicate_key": ("[copying]\ncontainment = 0.5\ncontainment = 0.6\n", "not valid TOML"),
    "gbk": ("[copying]\n# 抄袭\ncontainment = 0.5\n".encode("gbk"), "not UTF-8"),
    "binary": (b"\x00\x01\x02\xff", "rules.toml"),
}


@pytest.mark.parametrize("case", sorted(RULES))
def test_malformed_rules_name_the_file_and_key(case: str, tmp_path: Path) -> None:
    text, says = RULES[case]
    rules = tmp_path / "rules.toml"
    rules.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = CliRunner().invoke(
        main, ["classify", str(PLAN), "--out", str(tmp_path / "o"), "--rules", str(rules)]
    )
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1 and "rules.toml" in result.output and says in result.output, result.output
    assert not (tmp_path / "o").exists()


def test_a_valid_partial_rules_file_still_works(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[copying]\ncontainment = 0.9\n[themes]\nexpected = ["womens_work"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["classify", str(PLAN), "--out", str(tmp_path / "o"), "--rules", str(rules), "-q"]
    )
    assert result.exit_code == 0, result.output


LABELS = {
    "empty": (b"", "empty"),
    "binary": (b"\x00\x01\x02\x03" * 100, "binary"),
    "no_label_column": ("text,kind\n工会工作计划,union\n", "needs a 'label' column"),
    "header_only": ("text,label\n", "no rows"),
    "missing_label": ("text,label\n工会工作计划,\n学校计划,school\n", "row 2"),
    "missing_file": ("path,label\nnope.txt,union\nnope2.txt,school\n", "nope.txt: no such file"),
    "neither": ("path,text,label\n,,union\n", "neither a text nor a path"),
    "one_label": ("text,label\n工会工作计划,union\n工会计划二,union\n", "two different labels"),
    "ragged": ('text,label\n"工会,union\n', "labels.csv"),
    "unreadable_plan": ("path,label\n{empty},union\n{plan},school\n", "cannot read"),
    "gbk_ok": (
        "text,label\n工会工作计划，慰问教职工,union\n学校教学计划，抓好考试,school\n".encode("gbk"),
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(LABELS))
def test_malformed_label_files_are_clear_errors(case: str, tmp_path: Path) -> None:
    text, says = LABELS[case]
    labels = tmp_path / "labels.csv"
    if isinstance(text, str):
        text = text.format(empty=DATA / "empty.txt", plan=PLAN).encode("utf-8")
    labels.write_bytes(text)
    result = CliRunner().invoke(main, ["train", str(labels), "--out", str(tmp_path / "m.npz")])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if says is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1 and "labels.csv" in result.output and says in result.output, result.output


def _commands() -> list[tuple[str, ...]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_cli_docs

    return [c for c in make_cli_docs.walk(main) if c and c != ("library",)]


def _bad_invocations(tmp: Path) -> list[list[str]]:
    """User mistakes for every command: missing and wrong arguments, unknown options, wrong kinds of file."""
    folder = tmp / "plans"
    folder.mkdir()
    shutil.copy(PLAN, folder / "a.md")
    a_file = tmp / "file.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    lib = tmp / "lib.sqlite"
    assert CliRunner().invoke(main, ["library", "add", str(lib), str(folder), "-q"]).exit_code == 0
    missing = str(tmp / "missing")
    return [
        ["extract"], ["extract", missing], ["extract", str(folder), "--format", "xml"],
        ["extract", str(folder), "--encoding", "klingon"], ["extract", str(folder), "--bogus"],
        ["analyze", missing], ["analyze", str(folder), "--out", str(a_file)],
        ["analyze", str(folder), "--out", str(a_file / "x")], ["analyze", str(folder), "--encoding", "nope"],
        ["classify", str(folder)], ["classify", missing, "--out", str(tmp / "o")],
        ["classify", str(folder), "--out", str(a_file)], ["classify", str(folder), "--out", str(tmp / "o"), "--year", "24"],
        ["classify", str(folder), "--out", str(tmp / "o"), "--year", "二〇二四"],
        ["classify", str(folder), "--out", str(tmp / "o"), "--rules", str(folder)],
        ["classify", str(folder), "--out", str(tmp / "o"), "--rules", str(a_file)],
        ["classify", str(folder), "--out", str(tmp / "o"), "--model", str(a_file)],
        ["classify", str(folder), "--out", str(tmp / "o"), "--model", str(folder)],
        ["classify", str(folder), "--out", str(tmp / "o"), "--library", missing],
        ["classify", str(folder), "--out", str(folder / "inside")],
        ["classify", str(tmp / "empty_dir_that_is_missing")],
        ["train", missing, "--out", str(tmp / "m.npz")], ["train", str(a_file), "--out", str(tmp / "m.npz")],
        ["train", str(folder), "--out", str(tmp / "m.npz")],
        ["library", "add", str(lib)], ["library", "add", str(folder), str(folder)],
        ["library", "add", str(lib), missing], ["library", "remove", str(lib)],
        ["library", "remove", missing, "x"], ["library", "list", missing], ["library", "list", str(folder)],
        ["library", "query", str(lib), missing], ["library", "query", str(lib), str(folder), "--format", "xml"],
        ["library", "query", str(folder), str(folder)], ["library", "bogus"], ["bogus"],
    ]  # fmt: skip


def test_every_command_answers_user_mistakes_without_a_traceback(tmp_path: Path) -> None:
    cases = _bad_invocations(tmp_path)
    assert {tuple(c[:2]) if c[0] == "library" else (c[0],) for c in cases} >= set(_commands())
    for args in cases:
        result = CliRunner().invoke(main, args)
        assert "Traceback" not in result.output, (args, result.output)
        assert isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert result.exit_code != 0, args
        assert result.output.strip(), args
