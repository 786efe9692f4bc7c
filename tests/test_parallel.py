"""Every core gives what one process gives: the same tables, byte for byte, in the same order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import unioncorpus as uc
from unioncorpus.analyze import analyze
from unioncorpus.errors import UnknownOptionError
from unioncorpus.parallel import map_with_state, ordered_map, resolve_jobs

from .conftest import CORPUS, assert_same_results

TABLES = ("documents", "sections", "activities", "inputs", "furniture", "near_duplicates", "passages",
          "families", "boilerplate")  # fmt: skip


def _square(x: int) -> int:
    return x * x


def _offset(state: int, x: int) -> int:
    return state + x


def test_ordered_map_keeps_input_order() -> None:
    items = list(range(50))
    assert ordered_map(_square, items, jobs=2) == [x * x for x in items]
    assert map_with_state(_offset, 1000, items, jobs=2) == [1000 + x for x in items]
    assert ordered_map(_square, [], jobs=2) == []


def test_jobs_are_checked() -> None:
    assert resolve_jobs(None) >= 1 and resolve_jobs(3) == 3
    with pytest.raises(UnknownOptionError, match="jobs"):
        resolve_jobs(-2)


def test_parallel_corpus_equals_one_process() -> None:
    one = uc.load(CORPUS, jobs=1)
    two = uc.load(CORPUS, jobs=2)
    assert [f.source for f in one.files] == [f.source for f in two.files]
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name), obj=name)


def test_parallel_analyze_tables_are_byte_identical(tmp_path: Path) -> None:
    analyze(CORPUS, out=tmp_path / "one", plots=False, jobs=1)
    analyze(CORPUS, out=tmp_path / "two", plots=False, jobs=2)
    assert_same_results(tmp_path / "one", tmp_path / "two")


def test_parallel_with_nothing_shared(tmp_path: Path) -> None:
    assert len(uc.load(tmp_path, jobs=2)) == 0
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"第{i}校工会召开教代会", encoding="utf-8")
    corpus = uc.load(tmp_path, jobs=2)
    assert len(corpus) == 5 and corpus.passages.empty and corpus.near_duplicates.empty
    assert len(corpus.boilerplate) == 5


def test_results_come_back_from_a_worker_unchanged() -> None:
    # the pipeline's dataclasses travel as their field values (model.py, _fields_pickle.py): what a worker
    # sends is what it computed, a traditional-script file's written text and column marks included
    import copy
    import pickle

    from unioncorpus._fields_pickle import pickled_by_fields
    from unioncorpus.model import Line

    files = uc.load(CORPUS, jobs=1).files
    assert any(ln.written or ln.marks for f in files for ln in f.text.lines)
    for f in files:
        assert pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)) == f
        assert copy.deepcopy(f) == f
    line = Line(3, "二、工作要点", raw="二、工作要点", col=2, marks=(0, 3, 2))
    assert line.__reduce__() == (
        Line,
        (3, "二、工作要点", "二、工作要点", 2, 0, "", "", (0, 3, 2), True, True),
    )

    class Later:  # a field left out of __init__ cannot be rebuilt from the fields: refused
        __post_init__ = None

    with pytest.raises(TypeError):
        pickled_by_fields(__import__("dataclasses").dataclass(Later))


def _pid_and_sum(values: list[int]) -> tuple[int, int]:
    import os

    if not values:
        raise ValueError("nothing to add")
    return os.getpid(), sum(values)


def test_in_background_gives_the_same_value_on_another_core() -> None:
    import multiprocessing
    import os

    from unioncorpus._background import in_background

    big = list(range(100_000))
    here = in_background(_pid_and_sum, big, jobs=1)
    there = in_background(_pid_and_sum, big, jobs=2)
    assert here.result() == (os.getpid(), sum(big))
    pid, total = there.result()
    assert total == sum(big)
    assert (pid != os.getpid()) == (multiprocessing.get_start_method() == "fork")
    for jobs in (1, 2):  # a failure is raised where the result is asked for, as in this process
        with pytest.raises(ValueError, match="nothing to add"):
            in_background(_pid_and_sum, [], jobs=jobs).result()


def test_a_background_stage_dies_with_its_parent(tmp_path: Path) -> None:
    # analyze's second core writes into the result folder: killed with analyze (kill -9), it must stop
    # there, not write on into a folder the next run has removed
    import subprocess
    import sys
    import time

    flag = tmp_path / "written"
    code = (
        "import os, signal, time\n"
        "from pathlib import Path\n"
        "from unioncorpus._background import in_background\n"
        "def late(path):\n"
        "    time.sleep(1.5)\n"
        "    Path(path).write_text('x')\n"
        f"later = in_background(late, {str(flag)!r}, jobs=2)\n"
        "time.sleep(0.5)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], cwd=root, check=False)
    time.sleep(2.0)
    assert not flag.exists()
    # and a job that fails before asking for the result ends it too
    from unioncorpus._background import in_background

    later = in_background(_write_late, str(flag), jobs=2)
    later.close()
    time.sleep(2.0)
    assert not flag.exists()


def _write_late(path: str) -> None:
    import time

    time.sleep(1.5)
    Path(path).write_text("x")


_KILLED_RUN = """
import sys, time
from unioncorpus.parallel import ordered_imap
for _ in ordered_imap(time.sleep, [30.0] * 40, jobs=2):
    pass
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux: a process's parent in /proc")
def test_workers_end_when_their_run_is_killed(tmp_path: Path) -> None:
    """kill -9 of a batch run takes its worker processes with it; they used to wait for work for ever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    run = subprocess.Popen([sys.executable, "-c", _KILLED_RUN])

    def children() -> list[int]:
        out = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(ln.split(":\t", 1) for ln in status.read_text().splitlines() if ":\t" in ln)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(run.pid):
                out.append(int(status.parent.name))
        return out

    deadline = time.monotonic() + 20
    while len(workers := children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2, "the run started no workers"
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 5
    while (alive := [p for p in workers if Path(f"/proc/{p}").exists()]) and time.monotonic() < deadline:
        time.sleep(0.1)
    for p in alive:  # leave nothing running, whatever the outcome
        os.kill(p, signal.SIGKILL)
    assert alive == [], "workers outlived their run"


def test_workers_under_forkserver_and_spawn(tmp_path: Path) -> None:
    """Python 3.14 starts workers from a forkserver on Linux: their parent is not the run, and they work."""
    import subprocess
    import sys

    names = ("09_primary_plan_copy_a.txt", "10_primary_plan_copy_b.txt", "04_vocational_plan.md")
    for k in range(24):  # enough files for a pool (a few run in the calling process)
        (tmp_path / f"{k:02d}_{names[k % 3]}").write_bytes((CORPUS / names[k % 3]).read_bytes())
    for method in ("forkserver", "spawn"):
        code = (
            "import multiprocessing as mp\n"
            "if __name__ == '__main__':\n"
            f"    mp.set_start_method({method!r})\n"
            "    import unioncorpus as uc\n"
            f"    print(len(uc.load({str(tmp_path)!r}, jobs=2, show_progress=False)))\n"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0 and run.stdout.strip() == "24", (method, run.stderr[-2000:])
