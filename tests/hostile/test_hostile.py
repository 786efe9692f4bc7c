"""A batch over a folder of hostile files (made at test time, see build.py) through the command line:
``extract``, ``analyze`` and ``classify`` each report every input exactly once with its reason, show no
traceback, finish within a time bound that grows with the input's size, and stay within a memory bound.

``HOSTILE_SEED=n`` makes the folder afresh with other names and sizes.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from unioncorpus._labels import labels
from unioncorpus.cli import main

from .build import build

SEED = int(os.environ.get("HOSTILE_SEED", "2024"))
# Non-UTF-8 and control-character names and titles break the output writers until their safe versions
# (unioncorpus._safe, on main with the hostile-output work) are in: only then are they in the folder.
OUTPUT_SAFE = importlib.util.find_spec("unioncorpus._safe") is not None
PEAK_MB = 1500  # RSS growth allowed for one run (the folder is 60 MB on disk, bombs included)


def _tree_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _time_bound(folder: Path) -> float:
    """Seconds one command may take: a fixed start (imports, the topic model) plus 2 s per MB read; files
    refused by a limit cost next to nothing, whatever their size."""
    return 60 + 2 * _tree_bytes(folder) / 1e6


class _PeakRss:
    """The growth of this process' resident memory while a command runs, sampled every 20 ms."""

    def __init__(self) -> None:
        self.peak = self.base = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.base) / 1e6


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str | None]]]:
    folder = tmp_path_factory.mktemp("hostile") / "submissions"
    folder.mkdir()
    expect = build(folder, SEED, raw_names=OUTPUT_SAFE)
    if not OUTPUT_SAFE:
        for name in [n for n in expect if "\x07" in n or n.startswith("controls_")]:
            (folder / name).unlink()
            del expect[name]
    # No converters here (LibreOffice takes seconds a file): .doc and .pdf get needs_converter.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", str(tmp_path_factory.mktemp("empty-path")))
        yield folder, expect


def run(args: list[str], folder: Path) -> tuple[Result, float, float]:
    start = time.perf_counter()
    with _PeakRss() as rss:
        result = CliRunner().invoke(main, args, catch_exceptions=True)
    seconds = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert seconds < _time_bound(folder), f"{args[0]} took {seconds:.0f} s"
    assert rss.growth_mb < PEAK_MB, f"{args[0]} grew by {rss.growth_mb:.0f} MB"
    print(f"{args[0]}: {seconds:.1f} s, +{rss.growth_mb:.0f} MB resident")
    return result, seconds, rss.growth_mb


def _pictures(text: str) -> str:
    """Control characters as Unicode control pictures (BEL -> ␇): outputs may show them either way."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else c for c in text)


def relative(source: str, folder: Path) -> str:
    """An input as an output names it, relative to the folder (outputs show it whole or relative)."""
    prefix = str(folder) + os.sep
    return _pictures(source[len(prefix) :] if source.startswith(prefix) else source)


def _readable(name: str) -> str:
    """A name as the outputs show it: not-UTF-8 bytes decoded (GB18030) once the safe writers are in."""
    if OUTPUT_SAFE:
        from unioncorpus._safe import readable_name

        name = readable_name(name)[0]
    return _pictures(name)


def _column(row: dict[str, str], *names: str) -> str:
    """The first of ``names`` the table has (triage.csv has English or, for a clerk, Chinese headers)."""
    return next(row[n] for n in names if n in row)


def unreadable_sources(stderr: str) -> list[str]:
    """The files named by the lines ``无法读取：<file>：<reason>（<English detail>）``, in order."""
    reasons = "|".join(map(re.escape, labels("read_error").values()))
    return re.findall(rf"^无法读取：(.*)：(?:{reasons})（", stderr, flags=re.M)


def test_extract_reports_every_input_once(hostile: tuple[Path, dict[str, str | None]]) -> None:
    folder, expect = hostile
    result, _, _ = run(["extract", str(folder), "--quiet"], folder)
    assert result.exit_code == 3  # done, but some inputs could not be read
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    unreadable = Counter(relative(source, folder) for source in unreadable_sources(result.stderr))
    refused = {_readable(n) for n, reason in expect.items() if reason}
    assert set(unreadable) == refused and set(unreadable.values()) == {1}
    sources = {relative(d["source"], folder) for d in documents}
    assert sources <= {_readable(n) for n, reason in expect.items() if reason is None}
    assert sum(1 for s in sources if s.startswith("submissions_")) == 3  # the zip's members, one by one


def test_analyze_writes_one_input_row_per_input_with_its_reason(
    hostile: tuple[Path, dict[str, str | None]], tmp_path: Path
) -> None:
    folder, expect = hostile
    result, _, _ = run(["analyze", str(folder), "--out", str(tmp_path / "out"), "--quiet"], folder)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / "inputs.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    names = Counter(relative(r["source"], folder) for r in rows)
    assert set(names.values()) == {1}
    reasons = {relative(r["source"], folder): (r["reason"] or None) for r in rows}
    assert reasons == {_readable(n): reason for n, reason in expect.items()}
    assert all(r["detail"] for r in rows if r["reason"])  # every refusal says why


def test_classify_gives_every_input_a_verdict(
    hostile: tuple[Path, dict[str, str | None]], tmp_path: Path
) -> None:
    folder, expect = hostile
    out = tmp_path / "triage"
    result, _, _ = run(["classify", str(folder), "--out", str(out), "--year", "2024", "--quiet"], folder)
    assert result.exit_code == 0, result.output
    with open(out / "triage.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    files = Counter(relative(_column(r, "file", "文件"), folder) for r in rows)
    assert set(files) == {_readable(n) for n in expect}
    refused = {_readable(n) for n, reason in expect.items() if reason}
    assert all(files[n] == 1 for n in refused)
    unreadable = {relative(_column(r, "file", "文件"), folder) for r in rows
                  if _column(r, "verdict", "结论") in ("unreadable", "无法读取")}  # fmt: skip
    assert unreadable >= refused
    assert (out / "triage.xlsx").stat().st_size > 0 and (out / "report.html").stat().st_size > 0
    if OUTPUT_SAFE:  # nothing that came from a file becomes a live formula
        for r in rows:
            assert not any(v.startswith(("=", "+", "@")) for v in r.values() if v), r


def test_special_paths_given_on_the_command_line(hostile: tuple[Path, dict[str, str | None]]) -> None:
    """/dev/zero and a FIFO named as files: refused at once, not read until memory runs out or forever."""
    folder, _ = hostile
    pipe = next(folder.glob("pipe_*"))
    result, seconds, _ = run(["extract", "/dev/zero", str(pipe), "--quiet"], folder)
    assert seconds < 10
    said = [line for line in result.stderr.splitlines() if line.startswith("无法读取：")]
    assert len(said) == 2 and all("不是普通文件" in line and "not a regular file" in line for line in said)
