"""District triage end to end: a year's submissions folder with every kind of problem."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from unioncorpus.classify import classify, load_rules
from unioncorpus.cli import main

from .conftest import CORPUS, DATA, SHARED

EXPECTED = {
    "a_vocational.md": "ok",
    "b_kindergarten.docx": "ok",
    "c_middle_gbk.txt": "stale",  # a 2023 plan submitted for 2024
    "d_copy_one.txt": "copied",
    "e_copy_two_gbk.txt": "copied",
    "f_stale.txt": "stale",
    "g_whole_school.txt": "not_a_union_plan",
    "h_no_schedule.txt": "incomplete",
    "i_empty.txt": "unreadable",
    "j_binary.txt": "unreadable",
    "k_legacy.doc": "unreadable",
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
    names = table["file"].map(lambda f: Path(f).name)
    assert sorted(names) == sorted(p.name for p in district.iterdir())
    assert names.is_unique
    got = dict(zip(names, table["verdict"], strict=True))
    for name, verdict in EXPECTED.items():
        assert got[name] == verdict, (name, table.loc[names == name, "reasons_en"].tolist())
    if "l_seed_2013.txt" in got:
        assert got["l_seed_2013.txt"] == "stale"  # a 2013 plan citing 十八大, submitted for 2024
    for col in ("reasons_zh", "reasons_en"):
        assert table[col].notna().all()
    stale = table.loc[names == "f_stale.txt"].iloc[0]
    assert "十七大" in stale.reasons_zh and "xx学校" in stale.reasons_zh
    assert "ok" in result.output and "copied" in result.output
    xlsx = pd.read_excel(tmp_path / "triage.xlsx")
    assert len(xlsx) == len(table)
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
    readable = table[table.verdict != "unreadable"]
    assert readable["predicted_label"].isin(["union", "school"]).all()
    assert readable["probability"].between(0, 1).all()


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
def test_report_renders_in_headless_chromium(district: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["classify", str(district), "--out", str(out), "--year", "2024", "-q"])
    assert result.exit_code == 0
    page = (out / "report.html").resolve()
    assert "http://" not in page.read_text(encoding="utf-8") and "https://" not in page.read_text(
        encoding="utf-8"
    )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run(
        ["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    for name in EXPECTED:
        assert name in dom.stdout
    assert dom.stdout.count("<mark>") >= 2  # copied passages highlighted side by side
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
    assert table["verdict"].tolist() == ["unreadable"] and "boilerplate_share" in table.columns
