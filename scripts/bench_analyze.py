#!/usr/bin/env python3
"""End-to-end throughput of `analyze`: the sample corpus repeated to 10,000 plans.

    python scripts/bench_analyze.py [--docs 10000] [--no-plots]

Copies the files of corpus/ into a temporary folder as many times as needed to reach --docs plans, runs
`unioncorpus.analyze.analyze` on it (every stage, every table, and the plots), and prints plans/s, MB/s and
peak resident memory. Baseline for the ratio: the same run on the corpus itself (one copy).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unioncorpus as uc  # noqa: E402
from unioncorpus.analyze import analyze  # noqa: E402


def build(folder: Path, copies: int) -> int:
    files = [p for p in sorted((ROOT / "corpus").iterdir()) if p.is_file() and p.name != "README.md"]
    size = 0
    for c in range(copies):
        sub = folder / f"copy{c:05d}"
        sub.mkdir()
        for p in files:
            shutil.copy(p, sub / p.name)
            size += p.stat().st_size
    return size


def run(copies: int, plots: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        size = build(src, copies)
        start = time.perf_counter()
        analyze(src, out=Path(tmp) / "out", plots=plots)
        seconds = time.perf_counter() - start
        docs = len(uc.load(src / "copy00000")) * copies
    return seconds, docs, size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)
    per_copy = len(uc.load(ROOT / "corpus"))
    copies = -(-args.docs // per_copy)
    base_s, base_docs, base_size = run(1, not args.no_plots)
    seconds, docs, size = run(copies, not args.no_plots)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"analyze, every stage and table{'' if args.no_plots else ' and the plots'}")
    print(
        f"  baseline: corpus/ once      {base_docs:>7,} plans {base_size / 1e6:7.2f} MB {base_s:8.2f} s {base_docs / base_s:8.1f} plans/s"
    )
    print(
        f"  repeated x{copies:<5}          {docs:>7,} plans {size / 1e6:7.2f} MB {seconds:8.2f} s {docs / seconds:8.1f} plans/s "
        f"{size / 1e6 / seconds:6.2f} MB/s"
    )
    print(f"  throughput ratio repeated/baseline: {(docs / seconds) / (base_docs / base_s):.2f}")
    print(f"  peak resident memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
