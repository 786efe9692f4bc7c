"""The reference library: ids unique across runs, identical texts added once, schema upgrade, wrong files
refused untouched, a busy library waited for — through the API and the CLI, never a traceback."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import unioncorpus as uc
from unioncorpus import library as library_module
from unioncorpus.cli import main
from unioncorpus.dedup import (
    DEFAULT_K,
    ShingleSet,
    band_keys,
    clean_text,
    lsh_params,
    sample_mask,
    signatures,
)
from unioncorpus.library import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Library,
    LibraryBusyError,
    LibraryError,
    UnknownPlanError,
)

ACTIVITIES = ["召开教代会，审议学校工作报告", "开展教职工趣味运动会", "慰问困难教职工和退休教师", "组织女教职工健康体检",
              "举办青年教师读书沙龙", "评选优秀工会积极分子", "开展师德师风专题学习", "组织教职工春季踏青活动"]  # fmt: skip


def plan(school: str, year: int, variant: int = 0) -> str:
    """A small plan; ``variant`` changes which activities it schedules, so texts differ."""
    acts = [ACTIVITIES[(variant + i) % len(ACTIVITIES)] for i in range(4)]
    return (
        f"{school}{year}年工会工作计划\n\n一、指导思想\n以党的二十大精神为指导，全心全意为教职工服务，"
        f"推进{school}民主管理。\n\n二、重点工作\n1、坚持校务公开，办好教职工之家。\n2、{acts[0]}。\n\n"
        f"三、月份工作安排\n九月份\n1、{acts[1]}。\n十月份\n1、{acts[2]}。\n十一月份\n1、{acts[3]}。\n"
    )


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def cli(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_same_file_names_in_two_folders_keep_every_plan(tmp_path: Path) -> None:
    write(tmp_path / "2023", "红星小学.txt", plan("红星小学", 2023, 0))
    write(tmp_path / "2023", "东湖小学.txt", plan("东湖小学", 2023, 1))
    write(tmp_path / "2024", "红星小学.txt", plan("红星小学", 2024, 2))
    write(tmp_path / "2024", "东湖小学.txt", plan("东湖小学", 2024, 3))
    lib = tmp_path / "refs.sqlite"
    first = cli("library", "add", lib, tmp_path / "2023")
    assert first.exit_code == 0 and "已加入 2 份计划" in first.output
    second = cli("library", "add", lib, tmp_path / "2024")  # a later run, the same file names
    assert second.exit_code == 0 and "已加入 2 份计划" in second.output and "现有 4 份" in second.output
    with Library(lib) as library:
        table = library.list()
    assert len(table) == 4 and table["lib_id"].is_unique
    assert sorted(table["year"].tolist()) == [2023, 2023, 2024, 2024]
    assert sorted(table["title"]) == sorted(
        f"{s}{y}年工会工作计划" for s in ("红星小学", "东湖小学") for y in (2023, 2024)
    )
    # Both folders in one call keep every plan too.
    with Library(tmp_path / "one_call.sqlite") as library:
        report = library.add(uc.load([tmp_path / "2023", tmp_path / "2024"]))
        assert report["status"].tolist() == ["added"] * 4 and len(library) == 4


def test_adding_an_identical_text_again_is_a_no_op_that_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "a", "红星小学.txt", plan("红星小学", 2024))
    write(tmp_path / "b", "红星小学副本.txt", plan("红星小学", 2024))  # the same text under another name
    lib = tmp_path / "refs.sqlite"
    with Library(lib) as library:
        first = library.add(uc.load(path))
        assert first["status"].tolist() == ["added"]
        lib_id = first["lib_id"].iloc[0]
        assert lib_id.startswith("红星小学-1@")
        again = library.add(uc.load([path, tmp_path / "b"]))
        assert again["status"].tolist() == ["identical", "identical"]
        assert again["lib_id"].tolist() == [lib_id, lib_id] and len(library) == 1
    result = cli("library", "add", lib, path)
    assert result.exit_code == 0
    assert "已加入 0 份计划，1 份与库中已有文本相同" in result.output and lib_id in result.output
    assert "相同文本，未加入" in result.output and "identical" not in result.output
    english = cli("library", "add", lib, path, "--lang", "en")
    assert (
        english.output.startswith("added 0 plans, 1 identical")
        and "identical, not added: 红星小学-1" in english.output
    )


def test_ids_are_stable_and_readable(tmp_path: Path) -> None:
    path = write(tmp_path, "红星小学.txt", plan("红星小学", 2024))
    ids = []
    for name in ("one.sqlite", "two.sqlite"):
        with Library(tmp_path / name) as library:
            ids.append(library.add(uc.load(path))["lib_id"].iloc[0])
    assert ids[0] == ids[1]  # same text, path and year: same id in any library


def test_list_shows_title_school_year_source_and_date_in_natural_order(tmp_path: Path) -> None:
    for n in (10, 2, 1):
        write(tmp_path / "plans", f"plan{n}.txt", plan(f"第{n}小学", 2020 + n % 5, n))
    lib = tmp_path / "refs.sqlite"
    cli("library", "add", lib, tmp_path / "plans")
    with Library(lib) as library:
        table = library.list()
    assert [Path(s).name for s in table["source"]] == ["plan1.txt", "plan2.txt", "plan10.txt"]
    assert table["school_level"].tolist() == ["primary"] * 3
    assert table["added_at"].str.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d").all()
    result = cli("library", "list", lib)
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    for word in ("标题", "学段", "年份", "来源", "加入时间"):
        assert word in header
    assert next(r for r in rows if "plan" in r).find("plan1.txt") > 0
    assert "第10小学2020年工会工作计划" in result.output
    assert (
        all("小学" in r for r in rows if "plan" in r) and "primary" not in result.output
    )  # words, not codes
    assert result.output.rstrip().endswith("参考库共 3 份计划")
    english = cli("library", "list", lib, "--lang", "en")
    assert english.output.startswith("library id") and "primary school" in english.output
    assert english.output.rstrip().endswith("3 plans")
    csv = cli("library", "list", lib, "--format", "csv")
    assert csv.output.splitlines()[0] == "lib_id,title,school_level,year,source,added_at"


def test_remove_of_an_unknown_id_is_an_error_and_removes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "红星小学.txt", plan("红星小学", 2024))
    lib = tmp_path / "refs.sqlite"
    with Library(lib) as library:
        lib_id = library.add(uc.load(path))["lib_id"].iloc[0]
        with pytest.raises(UnknownPlanError, match="没有这些 id：红星小学-1") as info:
            library.remove([lib_id, "红星小学-1"])
        assert isinstance(info.value, KeyError) and len(library) == 1
    result = cli("library", "remove", lib, "nope@123")
    assert result.exit_code == 1 and "nope@123" in result.output and "nothing was removed" in result.output
    result = cli("library", "remove", lib, lib_id)
    assert result.exit_code == 0 and "已删除 1 份" in result.output
    with Library(lib) as library:
        assert len(library) == 0


# -- the schema upgrade ------------------------------------------------------------------------------
# Schema 1 exactly as unioncorpus 0.1 wrote it (library.py before the schema was versioned).
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    lib_id TEXT PRIMARY KEY, source TEXT, title TEXT, year INTEGER, n_shingles INTEGER,
    clean_text TEXT, lines BLOB, cols BLOB, shingles BLOB
);
CREATE TABLE IF NOT EXISTS bands (band INTEGER NOT NULL, key INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands (band, key);
CREATE INDEX IF NOT EXISTS bands_doc ON bands (lib_id);
CREATE TABLE IF NOT EXISTS samples (hash INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS samples_hash ON samples (hash);
CREATE INDEX IF NOT EXISTS samples_doc ON samples (lib_id);
"""


def make_v1_library(path: Path, docs) -> None:
    """A library file built the way unioncorpus 0.1's ``Library(path).add(docs)`` built it."""
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("k", str(DEFAULT_K)), ("num_perm", "128"),
                   ("threshold", "0.5"), ("seed", "1"), ("format", "1")])  # fmt: skip
    db.commit()
    bands, rows = lsh_params(0.5, 128)
    cleaned = [clean_text(d) for d in docs]
    shingles = ShingleSet.from_texts(
        [str(i) for i in range(len(docs))], [c[0] for c in cleaned], k=DEFAULT_K, seed=1
    )
    keys = band_keys(signatures(shingles, num_perm=128), bands, rows)
    sel = sample_mask(shingles)
    with db:
        for i, (d, (text, lines, cols)) in enumerate(zip(docs, cleaned, strict=True)):
            samples = (
                shingles.get(i)[sel[shingles.offsets[i] : shingles.offsets[i + 1]]] >> np.uint64(32)
            ).astype(np.int64)
            db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (d.id, d.source, d.title, d.year, int(shingles.sizes()[i]), text,
                        lines.astype(np.int32).tobytes(), cols.astype(np.int32).tobytes(), shingles.get(i).tobytes()))  # fmt: skip
            db.executemany(
                "INSERT INTO bands VALUES (?, ?, ?)", [(b, int(key), d.id) for b, key in enumerate(keys[i])]
            )
            db.executemany("INSERT INTO samples VALUES (?, ?)", [(int(h), d.id) for h in samples])
    db.close()


def test_a_schema_1_library_is_upgraded_in_place(tmp_path: Path) -> None:
    src = write(tmp_path / "refs", "红星小学.txt", plan("红星小学", 2023))
    other = write(tmp_path / "refs", "东湖小学.txt", plan("东湖小学", 2023, 4))
    lib = tmp_path / "old.sqlite"
    make_v1_library(lib, list(uc.load([src, other])))
    with Library(lib) as library:
        table = library.list()
        assert table["doc_id"].tolist() == ["东湖小学-1", "红星小学-1"]
        assert all(i.startswith(d + "@") for i, d in zip(table["lib_id"], table["doc_id"], strict=True))
        assert table["title"].tolist() == ["东湖小学2023年工会工作计划", "红星小学2023年工会工作计划"]
        assert table["added_at"].isna().all()  # 0.1 did not record it
        # the migrated index still finds copies, under the new ids
        copy = write(tmp_path / "new", "复制.txt", plan("红星小学", 2023).replace("2023年", "2024年", 1))
        matches = library.query(uc.load(copy))
        assert matches["library_id"].iloc[0] == table["lib_id"].iloc[1] and matches["near_duplicate"].iloc[0]
        # re-adding a file that was in the old library is recognised as identical
        assert library.add(uc.load(src))["status"].tolist() == ["identical"]
        bands = library._read("SELECT COUNT(DISTINCT lib_id) FROM bands")[0][0]
        assert (
            bands == 2 and library._read("SELECT COUNT(*) FROM bands WHERE lib_id NOT LIKE '%@%'")[0][0] == 0
        )
    db = sqlite3.connect(lib)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
    result = cli("library", "list", lib)  # and the CLI reads the upgraded file
    assert result.exit_code == 0 and "红星小学2023年工会工作计划" in result.output


# -- wrong files and busy libraries --------------------------------------------------------------------
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.sqlite", "这不是数据库\n" * 50)
    before = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(LibraryError, match="不是 SQLite 文件"):
        Library(path)
    plans = write(tmp_path / "plans", "红星小学.txt", plan("红星小学", 2024))
    for args in (("library", "add", path, plans), ("library", "list", path), ("library", "query", path, plans),
                 ("classify", plans, "--out", tmp_path / "out", "--library", path)):  # fmt: skip
        result = cli(*args)
        assert result.exit_code == 1 and "not a unioncorpus library" in result.output, args
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE users (name TEXT)")
    db.execute("INSERT INTO users VALUES ('张老师')")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="其他程序的 SQLite 数据库") as info:
        Library(path)
    assert "users" in str(info.value)
    plans = write(tmp_path / "plans", "红星小学.txt", plan("红星小学", 2024))
    result = cli("library", "add", path, plans)
    assert result.exit_code == 1 and "another program" in result.output
    assert path.read_bytes() == before


def test_list_of_a_missing_library_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="不存在"):
        Library(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def locked_library(tmp_path: Path, seconds: float) -> tuple[Path, threading.Thread]:
    """A new library, and a thread that holds it locked (as another process writing) for ``seconds``."""
    lib = tmp_path / "refs.sqlite"
    Library(lib).close()
    ready = threading.Event()

    def hold() -> None:
        db = sqlite3.connect(lib, isolation_level=None)
        db.execute("BEGIN EXCLUSIVE")
        ready.set()
        time.sleep(seconds)
        db.execute("COMMIT")
        db.close()

    holder = threading.Thread(target=hold)
    holder.start()
    ready.wait()
    return lib, holder


def test_a_busy_library_is_waited_for_then_used(tmp_path: Path) -> None:
    lib, holder = locked_library(tmp_path, 0.6)
    messages: list[str] = []
    path = write(tmp_path, "红星小学.txt", plan("红星小学", 2024))
    with Library(lib, wait=10, on_wait=messages.append) as library:
        assert library.add(uc.load(path))["status"].tolist() == ["added"]
    holder.join()
    assert len(messages) == 1 and "正被其他程序写入" in messages[0]


def test_a_library_locked_too_long_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    lib, holder = locked_library(tmp_path, 2.5)
    start = time.monotonic()
    with pytest.raises(LibraryBusyError, match="等待 1 秒后仍未释放"):
        Library(lib, wait=1, on_wait=lambda m: None)
    assert time.monotonic() - start < 2.4
    monkeypatch.setattr(library_module, "DEFAULT_WAIT", 0.5)
    result = cli("library", "list", lib)
    holder.join()
    assert result.exit_code == 1
    assert "正被其他程序写入" in result.output and "stayed locked by another process" in result.output


def test_concurrent_adds_lose_nothing(tmp_path: Path) -> None:
    lib = tmp_path / "refs.sqlite"
    for n in range(6):
        write(tmp_path / f"p{n}", "学校.txt", plan(f"第{n}中学", 2024, n))
    errors: list[BaseException] = []

    def add(n: int) -> None:
        try:
            with Library(lib, on_wait=lambda m: None) as library:
                library.add(uc.load(tmp_path / f"p{n}"))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Library(lib) as library:
        assert len(library) == 6


def test_query_prints_a_table_for_reading_and_the_data_on_request(tmp_path: Path) -> None:
    write(tmp_path / "refs", "红星小学.txt", plan("红星小学", 2023))
    write(tmp_path / "new", "东湖小学.txt", plan("红星小学", 2023).replace("红星小学", "东湖小学"))
    write(
        tmp_path / "other",
        "青山小学.txt",
        "青山小学2024年工会工作计划\n\n一、重点工作\n开展教职工羽毛球比赛。\n",
    )
    lib = tmp_path / "refs.sqlite"
    cli("library", "add", lib, tmp_path / "refs")
    result = cli("library", "query", lib, tmp_path / "new")
    header, row = result.output.splitlines()
    assert header.split() == ["计划编号", "参考库计划", "相似度", "本计划被包含的比例", "对方被包含的比例", "近乎相同",
                              "雷同段落", "雷同比例"]  # fmt: skip
    assert row.split()[0] == "东湖小学-1" and "是" in row.split() and "%" in row
    english = cli("library", "query", lib, tmp_path / "new", "--lang", "en")
    assert english.output.startswith("plan id") and " yes " in english.output
    data = cli("library", "query", lib, tmp_path / "new", "--format", "csv")
    assert data.output.startswith("doc_id,source,library_id,") and ",True," in data.output
    nothing = cli("library", "query", lib, tmp_path / "other")
    assert nothing.output.strip() == "参考库中没有与之相同或相近的计划"
