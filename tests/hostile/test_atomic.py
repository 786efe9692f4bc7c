"""Results are all or nothing: kill -9, a full disk or a bad --out never leaves a half-written folder."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from unioncorpus.cli import main

from ..conftest import CORPUS

INPUT_A = ("04_vocational_plan.md", "09_primary_plan_copy_a.txt", "10_primary_plan_copy_b.txt")
INPUT_B = ("03_middle_school_gbk.txt", "08_enterprise_union_plan.txt", "09_primary_plan_copy_a.txt")


def _folder(root: Path, name: str, files: tuple[str, ...]) -> Path:
    folder = root / name
    folder.mkdir()
    for f in files:
        shutil.copy(CORPUS / f, folder / f)
    return folder


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every file under ``folder`` with its bytes (None when there is no folder)."""
    if not folder.is_dir():
        return None
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


COMMANDS = {
    "analyze": lambda src, out: ["analyze", str(src), "--out", str(out), "-q"],
    "classify": lambda src, out: ["classify", str(src), "--out", str(out), "-q", "--year", "2024"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_kill_9_leaves_the_old_or_the_new_complete_result(command: str, tmp_path: Path, monkeypatch) -> None:
    """SIGKILL at random moments of a run: the folder is always the previous complete result or the new one."""
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", "1700000000"
    )  # the manifest and workbook dates, made reproducible
    runner = [sys.executable, "-c", "from unioncorpus.cli import main; main()"]
    inputs = [_folder(tmp_path, "a", INPUT_A), _folder(tmp_path, "b", INPUT_B)]
    expected = []
    durations = []
    for i, src in enumerate(inputs):  # the complete result of each input, made undisturbed
        start = time.perf_counter()
        subprocess.run(
            [*runner, *COMMANDS[command](src, tmp_path / f"ref{i}")], check=True, capture_output=True
        )
        durations.append(time.perf_counter() - start)
        expected.append(snapshot(tmp_path / f"ref{i}"))
    assert expected[0] != expected[1]
    duration = max(durations)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, COMMANDS[command](inputs[0], out)).exit_code == 0
    assert snapshot(out) == expected[0]  # the same bytes in this process and in another
    current = 0
    rng = random.Random(13)
    outcomes = []
    for _ in range(int(os.environ.get("UNIONCORPUS_KILLS", "3"))):  # UNIONCORPUS_KILLS=20 for the full check
        target = 1 - current
        proc = subprocess.Popen([*runner, *COMMANDS[command](inputs[target], out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        # Most of a run is start-up and reading; kill in its second half, where the results are written.
        time.sleep(rng.uniform(0.55, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = snapshot(out)
        assert got in (expected[current], expected[target]), f"kill #{len(outcomes) + 1}: a mixed result"
        outcomes.append("new" if got == expected[target] else "old")
        current = target if got == expected[target] else current
    # Nothing of a killed run goes on: its workers end with it (they used to wait on their pipe for ever).
    assert _still_running(str(out)) == [], "workers of a killed run are still running"
    # A run after the kills finishes, and removes what the killed runs left beside the folder.
    assert CliRunner().invoke(main, COMMANDS[command](inputs[1 - current], out)).exit_code == 0
    assert snapshot(out) == expected[1 - current]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "out", "ref0", "ref1"]
    print(f"{command}: after each kill the folder held the {outcomes} complete result")


def _still_running(marker: str, wait: float = 5.0) -> list[int]:
    """Processes whose command line names ``marker`` (Linux /proc), after waiting up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if marker in cmdline.read_bytes().decode("utf-8", "replace"):
                    found.append(int(cmdline.parent.name))
            except OSError:
                pass
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return _folder(tmp_path, "plans", INPUT_A)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_out_is_a_file_or_under_a_file(command: str, plans: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "results"
    a_file.write_text("mine", encoding="utf-8")
    for out, says in ((a_file, "is a file"), (a_file / "sub", "is a file, not a folder")):
        result = CliRunner().invoke(main, COMMANDS[command](plans, out))
        _no_traceback(result)
        assert result.exit_code == 1 and says in result.output, result.output
    assert a_file.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_with_other_files_is_never_replaced(command: str, plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("do not lose me", encoding="utf-8")
    result = CliRunner().invoke(main, COMMANDS[command](plans, out))
    _no_traceback(result)
    assert result.exit_code == 1 and "notes.txt" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    "fault, says",
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission denied")],
)
def test_write_faults_are_clear_errors_and_keep_the_old_result(
    command: str, fault: int, says: str, plans: Path, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, COMMANDS[command](plans, out)).exit_code == 0
    before = snapshot(out)
    import pandas as pd

    import unioncorpus._sheets as sheets

    def fail(*args, **kwargs):
        raise OSError(fault, os.strerror(fault), "x")

    # The fault strikes in the middle of the run: after some files were written, before the rest.
    monkeypatch.setattr(pd.DataFrame, "to_parquet" if command == "analyze" else "to_csv", fail)
    monkeypatch.setattr(sheets, "write_xlsx", fail)
    result = CliRunner().invoke(main, COMMANDS[command](plans, out))
    _no_traceback(result)
    assert result.exit_code == 1 and says in result.output and str(out) in result.output, result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plans"]  # nothing left behind


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unwritable_parent_is_a_clear_error(
    command: str, plans: Path, tmp_path: Path, monkeypatch
) -> None:
    import unioncorpus._atomic as atomic

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(atomic.tempfile, "mkdtemp", refuse)
    result = CliRunner().invoke(main, COMMANDS[command](plans, tmp_path / "out"))
    _no_traceback(result)
    assert result.exit_code == 1 and "permission denied" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(plans: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = CliRunner().invoke(main, COMMANDS["classify"](plans, locked / "out"))
        _no_traceback(result)
        assert result.exit_code == 1 and "permission denied" in result.output
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_results_get_the_umask_mode(mask: int, plans: Path, tmp_path: Path) -> None:
    old = os.umask(mask)
    try:
        for command in COMMANDS:
            out = tmp_path / command
            assert CliRunner().invoke(main, COMMANDS[command](plans, out)).exit_code == 0
            assert out.stat().st_mode & 0o777 == 0o777 & ~mask
            for p in out.rglob("*"):
                want = (0o777 if p.is_dir() else 0o666) & ~mask
                assert p.stat().st_mode & 0o777 == want, (p, oct(p.stat().st_mode))
    finally:
        os.umask(old)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_out_inside_the_input_folder_is_refused(command: str, plans: Path) -> None:
    result = CliRunner().invoke(main, COMMANDS[command](plans, plans / "results"))
    _no_traceback(result)
    assert result.exit_code == 1 and "inside the input folder" in result.output
    assert not (plans / "results").exists()
