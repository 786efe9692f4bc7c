"""District triage end to end: a year's submissions folder with every kind of problem."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from unioncorpus._labels import labels
from unioncorpus.classify import classify, load_rules
from unioncorpus.cli import main

from .conftest import CORPUS, DATA, SHARED

EXPECTED = {
    "a_vocational.md": "ok",
    "b_kindergarten.docx": "ok",
    "c_middle_gbk.txt": "ok",  # a 2023-2024学年度 plan: right for 2024
    "d_copy_one.txt": "copied",
    "e_copy_two_gbk.txt": "copied",
    "f_stale.txt": "copied",  # 小编为大家整理…供大家参考: a template-site plan (also 十七大 and xx学校)
    "g_whole_school.txt": "not_a_union_plan",
    "h_no_schedule.txt": "incomplete",
    "i_empty.txt": "unreadable",
    "j_binary.txt": "unreadable",
    "k_legacy.doc": "unreadable",
    "m_stale_2021.txt": "stale",  # a 2021 plan citing 十九大, submitted for 2024
}


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("district")
    shutil.copy(CORPUS / "04_vocational_plan.md", folder / "a_vocational.md")
    shutil.copy(CORPUS / "05_kindergarten_schedule_table.docx", folder / "b_kindergarten.docx")
    shutil.copy(CORPUS / "03_middle_school_gbk.txt", folder / "c_middle_gbk.txt")
    text = (CORPUS / "09_primary_plan_copy_a.txt").read_text(encoding="utf-8")
    (folder / "d_copy_one.txt").write_text(text, encoding="utf-8")
    (folder / "e_copy_two_gbk.txt").write_bytes(text.replace("红星小学", "光明小学").encode("gbk"))
    shutil.copy(DATA / "stale_plan_2024.txt", folder / "f_stale.txt")
    shutil.copy(DATA / "whole_school_plan.txt", folder / "g_whole_school.txt")
    shutil.copy(CORPUS / "08_enterprise_union_plan.txt", folder / "h_no_schedule.txt")
    shutil.copy(DATA / "empty.txt", folder / "i_empty.txt")
    shutil.copy(DATA / "random.bin.txt", folder / "j_binary.txt")
    shutil.copy(DATA / "legacy.doc", folder / "k_legacy.doc")
    shutil.copy(DATA / "stale_plan_2021.txt", folder / "m_stale_2021.txt")
    if (SHARED / "seeds").is_dir():  # real seed plans, when the shared data sits beside the checkout
        seed = SHARED / "seeds" / "004_acf4c8ccc160b102.txt"
        shutil.copy(seed, folder / "l_seed_2013.txt")
    return folder


def test_every_verdict_and_every_file_once(district: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["classify", str(district), "--out", str(tmp_path), "--year", "2024", "-q"]
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "triage.csv", encoding="utf-8-sig")
    names = table["文件"].map(lambda f: Path(f).name)
    assert sorted(names) == sorted(p.name for p in district.iterdir())
    assert names.is_unique
    code = {words: v for v, words in labels("verdict").items()}
    got = dict(zip(names, table["结论"].map(code), strict=True))
    for name, verdict in EXPECTED.items():
        assert got[name] == verdict, (name, table.loc[names == name, "理由"].tolist())
    if "l_seed_2013.txt" in got:
        assert got["l_seed_2013.txt"] == "stale"  # a 2013 plan citing 十八大, submitted for 2024
    assert table["理由"].notna().all()
    reasons = dict(zip(names, table["理由"], strict=True))
    assert "十七大" in reasons["f_stale.txt"] and "xx学校" in reasons["f_stale.txt"]
    assert reasons["f_stale.txt"].startswith("套用范文")  # the deciding rule comes first
    assert (
        "计划年份为2021年，不是2024年" in reasons["m_stale_2021.txt"]
        and "十九大" in reasons["m_stale_2021.txt"]
    )
    assert "合格" in result.output and "抄袭/套用" in result.output
    xlsx = pd.read_excel(tmp_path / "triage.xlsx", sheet_name=None)
    assert list(xlsx) == ["审核结果", "各篇计划"]
    assert len(xlsx["审核结果"]) == len(table)
    assert not list(tmp_path.glob(".*"))  # atomic writes leave no temporary files


def test_rules_file_overrides_defaults(district: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[required]\nsections = [["key_work"]]\n', encoding="utf-8")
    assert load_rules(rules)["copying"]["boilerplate_share"] == load_rules()["copying"]["boilerplate_share"]
    table = classify(district, year=2024, rules=rules).table
    row = table[table["file"].str.endswith("h_no_schedule.txt")].iloc[0]
    assert row.verdict == "ok"


def test_library_sources_are_named(district: Path, tmp_path: Path) -> None:
    from unioncorpus import load
    from unioncorpus.library import Library

    lib_path = tmp_path / "refs.sqlite"
    with Library(lib_path) as lib:
        lib.add([d for d in load(CORPUS / "01_compilation_site_page.txt")])
    triage = classify(district, year=2024, library=lib_path)
    row = triage.table[triage.table["file"].str.endswith("d_copy_one.txt")].iloc[0]
    assert "library:01_compilation_site_page-1" in row.top_sources


def test_train_and_classify_with_model(district: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    rows = ["path,label"]
    for name in (
        "04_vocational_plan.md",
        "09_primary_plan_copy_a.txt",
        "10_primary_plan_copy_b.txt",
        "06_summary_and_plan_2023.txt",
    ):
        rows.append(f"{CORPUS / name},union")
    rows += [f"{DATA / 'whole_school_plan.txt'},school", f"{DATA / 'schedule_forms.txt'},school"]
    labels.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "genre.npz"
    result = CliRunner().invoke(main, ["train", str(labels), "--out", str(model)])
    assert result.exit_code == 0, result.output
    assert "cross-validation" in result.output and model.exists()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["classify", str(district), "--out", str(out), "--model", str(model), "-q"]
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "triage.csv")
    readable = table[table["结论"] != "无法读取"]
    assert readable["模型判断"].isin(["union", "school"]).all()
    assert readable["模型把握"].between(0, 1).all()


def test_model_from_other_versions_fails_clearly(tmp_path: Path) -> None:
    import joblib

    from unioncorpus.learn import load_model
    from unioncorpus.topics import ModelVersionError

    path = tmp_path / "old.joblib"
    joblib.dump(
        {"kind": "unioncorpus-classifier", "pipeline": None, "versions": {"scikit-learn": "0.1"}}, path
    )
    with pytest.raises(ModelVersionError, match=r"scikit-learn 0\.1"):
        load_model(path, trust_pickle=True)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is installed by .ci/run")
def test_report_renders_in_headless_chromium(clerk_run: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, names = clerk_run
    page = (out / "report.html").resolve()
    assert "http://" not in page.read_text(encoding="utf-8") and "https://" not in page.read_text(
        encoding="utf-8"
    )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    # "#f1": the page's script opens the details a link points at, so the script ran under its CSP.
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", page.as_uri() + "#f1"], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    for name in EXPECTED:
        assert name in dom.stdout
    assert dom.stdout.count("<mark>") >= 2  # copied passages highlighted side by side
    assert re.search(r'<details id="f1" open', dom.stdout), "the inline script did not run"
    text = visible_text(dom.stdout)
    assert "工会工作计划审核报告" in text and "各份提交详情" in text
    assert not codes_in(text, names), "internal codes in the text Chromium rendered"
    shot = tmp_path / "report.png"
    run = subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0 and shot.stat().st_size > 10_000


def test_empty_folder_is_a_clear_error_and_all_unreadable_still_reports(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["classify", str(empty), "--out", str(tmp_path / "o1")])
    assert result.exit_code == 1 and "no files to classify" in result.output
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copy(DATA / "empty.txt", bad / "a.txt")
    result = CliRunner().invoke(main, ["classify", str(bad), "--out", str(tmp_path / "o2"), "-q"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "o2" / "triage.csv")
    assert table["结论"].tolist() == ["无法读取"] and "雷同比例(%)" in table.columns


def _strip(text: str, names: list[str]) -> str:
    for name in sorted(names, key=len, reverse=True):  # file names and ids come from the user
        text = text.replace(name, " ")
    return text


def codes_in(text: str, names: list[str]) -> set[str]:
    """Internal codes that appear as words in ``text`` once file names and plan ids are taken out."""
    from .test_labels import all_codes

    return set(re.findall(r"[A-Za-z_]+", _strip(text, names))) & all_codes()


def visible_text(page: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ")


@pytest.fixture(scope="module")
def clerk_run(district: Path, tmp_path_factory) -> tuple[Path, list[str]]:
    """The district plus a compilation, a bare title and a 20xx template, against a library, in Chinese."""
    from unioncorpus import load
    from unioncorpus.library import Library

    folder = tmp_path_factory.mktemp("clerk")
    for p in district.iterdir():
        shutil.copy(p, folder / p.name)
    shutil.copy(CORPUS / "02_nested_compilation.txt", folder / "n_compilation.txt")
    (folder / "o_title_only.txt").write_text("青山小学2024年工会工作计划\n", encoding="utf-8")
    body = (DATA / "stale_plan_2021.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    (folder / "p_20xx.txt").write_text(
        "20xx年xx学校工会工作计划\n" + body.replace("2021", "20xx"), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("clerk_out") / "out"
    lib = out.parent / "refs.sqlite"
    with Library(lib) as library:
        library.add(list(load(CORPUS / "01_compilation_site_page.txt")))
    result = CliRunner().invoke(main, ["classify", str(folder), "--out", str(out), "--year", "2024",
                                       "--library", str(lib), "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    triage = classify(folder, year=2024)
    names = [str(p) for p in folder.iterdir()] + [p.name for p in folder.iterdir()]
    names += [d.id for d in triage.corpus] + [str(lib), "refs.sqlite", "01_compilation_site_page-1",
                                              "01_compilation_site_page-2", "01_compilation_site_page-3"]  # fmt: skip
    return out, names


def test_no_internal_code_reaches_the_clerk(clerk_run: tuple[Path, list[str]]) -> None:
    out, names = clerk_run
    csv_text = (out / "triage.csv").read_text(encoding="utf-8-sig")
    assert not codes_in(csv_text, names)
    for name, sheet in pd.read_excel(out / "triage.xlsx", sheet_name=None).items():
        text = " ".join(map(str, sheet.columns)) + " " + sheet.astype(str).to_csv(index=False)
        assert not codes_in(text, names), name
    page = (out / "report.html").read_text(encoding="utf-8")
    assert not codes_in(visible_text(page), names)
    assert codes_in("key_work 小学 ok", names) == {"key_work", "ok"}  # the check itself finds codes


def test_reasons_say_which_rule_fired(clerk_run: tuple[Path, list[str]]) -> None:
    out, _ = clerk_run
    table = pd.read_csv(out / "triage.csv", encoding="utf-8-sig")
    reasons = dict(zip(table["文件"].map(lambda f: Path(f).name), table["理由"], strict=True))
    verdicts = dict(zip(table["文件"].map(lambda f: Path(f).name), table["结论"], strict=True))
    assert (
        verdicts["o_title_only.txt"] == "不完整"
        and "只有标题《青山小学2024年工会工作计划》" in reasons["o_title_only.txt"]
    )
    assert verdicts["p_20xx.txt"] != "内容陈旧" and "占位符" in reasons["p_20xx.txt"]
    assert "陈旧" not in reasons["p_20xx.txt"] and "计划年份" not in reasons["p_20xx.txt"]
    assert "文件含3篇计划" in reasons["n_compilation.txt"] and "第2篇《" in reasons["n_compilation.txt"]
    plans = pd.read_excel(out / "triage.xlsx", sheet_name="各篇计划")
    assert (plans["文件"].map(lambda f: Path(f).name) == "n_compilation.txt").sum() == 3
    assert "参考库中的01_compilation_site_page-1" in reasons["d_copy_one.txt"]
    report = (out / "report.html").read_text(encoding="utf-8")
    for key in ("审核年份", "2024", "规则文件", "默认规则", "参考库", "refs.sqlite", "生成时间", "程序版本"):
        assert key in report, key


def test_containment_is_named_when_containment_fired(tmp_path: Path) -> None:
    plan = (DATA / "stale_plan_2021.txt").read_text(encoding="utf-8")
    extra = (CORPUS / "04_vocational_plan.md").read_text(encoding="utf-8").split("\n", 2)[2]
    (tmp_path / "short.txt").write_text(plan, encoding="utf-8")
    (tmp_path / "long.txt").write_text(
        plan + "\n四、其他\n" + extra + extra.replace("职工", "教工"), encoding="utf-8"
    )
    triage = classify(tmp_path, rules={**load_rules(), "copying": {"boilerplate_share": 1.01,
                                                                   "near_duplicate_jaccard": 0.95, "containment": 0.8}})  # fmt: skip
    row = triage.table.set_index(triage.table["file"].map(lambda f: Path(f).name)).loc["short.txt"]
    assert row.verdict == "copied", row.reasons_zh
    assert (
        "高度重合" in row.reasons_zh and "包含在对方中" in row.reasons_zh and "近乎相同" not in row.reasons_zh
    )
    assert "contained" in row.reasons_en


def test_school_year_plans_are_right_for_either_calendar_year(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "03_middle_school_gbk.txt", tmp_path / "p.txt")  # 2023-2024学年度
    for year, stale in ((2023, False), (2024, False), (2025, True)):
        row = classify(tmp_path, year=year).table.iloc[0]
        assert (row.verdict == "stale") == stale, (year, row.reasons_zh)
    assert "2023—2024学年，不含2025年" in classify(tmp_path, year=2025).table.iloc[0].reasons_zh


def test_copied_passages_keep_their_punctuation(clerk_run: tuple[Path, list[str]]) -> None:
    out, _ = clerk_run
    page = (out / "report.html").read_text(encoding="utf-8")
    marks = re.findall(r"<mark>(.*?)</mark>", page, flags=re.S)
    assert marks and any("，" in m or "。" in m for m in marks)


def test_english_report_and_tables(district: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["classify", str(district), "--out", str(tmp_path / "en"), "--year", "2024",
                                       "--lang", "en", "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "en" / "triage.csv", encoding="utf-8-sig")
    assert list(table.columns[:3]) == ["file", "verdict", "reasons"]
    assert "outdated" in set(table["verdict"]) and "not a union plan" in set(table["verdict"])
    page = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert "<html lang='en'>" in page and "Union work plan triage" in page


def test_workbook_is_laid_out_for_a_clerk(clerk_run: tuple[Path, list[str]]) -> None:
    from openpyxl import load_workbook

    from unioncorpus.report import COLOURS

    wb = load_workbook(clerk_run[0] / "triage.xlsx")
    assert wb.sheetnames == ["审核结果", "各篇计划"]
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        assert header[:2] == ["文件", "第几篇"] or header[:3] == ["文件", "结论", "理由"]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws[1][0].font.bold
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(6 <= w <= 60 for w in widths) and len(set(widths)) > 3
    ws = wb["审核结果"]
    verdict_col = [c.value for c in ws[1]].index("结论")
    fills = {row[verdict_col].value: row[verdict_col].fill.fgColor.rgb for row in ws.iter_rows(min_row=2)}
    assert fills["抄袭/套用"].lower().endswith(COLOURS["copied"].lstrip("#"))
    assert fills["合格"].lower().endswith(COLOURS["ok"].lstrip("#"))


def test_a_plan_copied_many_times_names_the_closest_and_counts_the_rest(tmp_path: Path) -> None:
    for i in range(6):
        shutil.copy(DATA / "stale_plan_2021.txt", tmp_path / f"c{i}.txt")
    reasons = classify(tmp_path).table["reasons_zh"][0]
    assert reasons.count("近乎相同：") == 3 and "另有2份计划与本计划近乎相同" in reasons


def test_what_only_template_sites_leave_says_copied(tmp_path: Path) -> None:
    """A collection's title (通用N篇) or a document-sharing site's chrome in a submission is a template site's
    leftover, said as 套用范文 with what was found; a school site's own breadcrumb says nothing of the kind."""
    plan = (CORPUS / "08_enterprise_union_plan.txt").read_text(encoding="utf-8")
    (tmp_path / "collection.txt").write_text("企业工会年度工作计划(通用4篇)\n\n" + plan, encoding="utf-8")
    (tmp_path / "shared_doc.txt").write_text(plan + "\n下载本文档\n第1页 / 共3页\n", encoding="utf-8")
    (tmp_path / "own_site.txt").write_text("首页 > 工会工作 > 正文\n\n" + plan, encoding="utf-8")
    table = classify(tmp_path).table
    rows = table.set_index(table["file"].map(lambda f: Path(f).name))
    assert rows.loc["collection.txt", "verdict"] == "copied"
    assert "套用范文：文件里有范文合集标题" in rows.loc["collection.txt", "reasons_zh"]
    assert rows.loc["shared_doc.txt", "verdict"] == "copied"
    assert "套用范文：文件里有文档分享网站的页面元素" in rows.loc["shared_doc.txt", "reasons_zh"]
    assert "套用范文" not in rows.loc["own_site.txt", "reasons_zh"], rows.loc["own_site.txt", "reasons_zh"]


def test_a_districts_own_collection_and_its_file_names_are_not_template_evidence(tmp_path: Path) -> None:
    """A district's 汇编 of its schools' plans, a file-name line and a product name are no template site's."""
    plan = (CORPUS / "08_enterprise_union_plan.txt").read_text(encoding="utf-8")
    (tmp_path / "own.txt").write_text(
        "宏达公司2024年基层工会工作计划汇编\n\n宏达机械有限公司工会2024年工作计划.docx\n"
        + plan.split("\n", 1)[1]
        + "\n职工可关注工会WeChat公众号。\n",
        encoding="utf-8",
    )
    row = classify(tmp_path).table.iloc[0]
    assert "套用范文" not in row.reasons_zh, row.reasons_zh
