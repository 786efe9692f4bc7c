"""Peak memory of a process and its workers, and stage timings, for the benchmarks (Linux).

``ru_maxrss`` misleads here twice: it survives ``exec`` (a fresh benchmark process inherits its parent's peak)
and it counts a forked worker's pages shared with its parent again. :class:`PeakMemory` samples the
proportional set size (PSS: each shared page split between the processes sharing it) of this process and
all its descendants, so the sum is the memory the whole run really holds.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path


def record_stages(module) -> list[tuple[str, float]]:
    """Make ``module.Stages`` (the CLI's stage bar) record when each stage starts, and show nothing; returns
    the list it appends ``(stage, time.perf_counter())`` to."""
    stamps: list[tuple[str, float]] = []

    class Timed(module.Stages):
        def __init__(self, names, *, show, desc):
            super().__init__(names, show=False, desc=desc)

        def start(self, name):
            stamps.append((name, time.perf_counter()))

    module.Stages = Timed
    return stamps


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mb(pid: int | None = None) -> float:
    """PSS of ``pid`` (default: this process) and all its descendants, in MB."""
    todo, total = [pid or os.getpid()], 0
    while todo:
        p = todo.pop()
        total += _pss_kb(p)
        todo += _children(p)
    return total / 1024


class PeakMemory:
    """``with PeakMemory() as peak: ...`` then ``peak.mb``: the largest PSS of the process tree, sampled."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        # Reading PSS makes the kernel walk every page table of the tree: about 20 ms per GB held, so at a
        # fixed 0.2 s a run of 10 GB would spend a core on being measured. Waiting ten times as long as a
        # sample took keeps the sampler under a tenth of a core at any size (0.2 s at the least).
        wait = self.every
        while not self._stop.wait(wait):
            t0 = time.perf_counter()
            self.mb = max(self.mb, tree_pss_mb())
            wait = max(self.every, 10 * (time.perf_counter() - t0))

    def __enter__(self) -> PeakMemory:
        self.mb = tree_pss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.mb = max(self.mb, tree_pss_mb())


def print_stages(stages: dict[str, float], total: float, indent: str = "    ") -> None:
    """One line per stage: seconds and share of the run."""
    for name, sec in stages.items():
        print(f"{indent}{name:34} {sec:8.2f} s  {100 * sec / total:5.1f}%")
