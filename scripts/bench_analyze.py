#!/usr/bin/env python3
"""End-to-end throughput of `analyze` on distinct realistic plans, one process against every core.

    python scripts/bench_analyze.py [--sizes 1000 10000] [--no-plots] [--baseline-max 10000]

Input: N distinct plans written by ``make_bench_corpus.py`` (one file per plan, 10% GB18030, 3% compilation
pages of two to four plans; template paragraphs shared at realistic rates, borrowed items, near-copies, every
plan edited), written once per size outside the timing. Each run is a fresh process running
``unioncorpus.analyze.analyze`` — every stage, every table, and the plots unless ``--no-plots`` — and reports
plans/s, peak memory (the proportional set size of the process and its workers, sampled), and the seconds of each
stage: reading (the per-file stages: ingest, split, attributes, structure — rewritten elsewhere, so reported
apart), then each table, themes, topics and plots. Baseline: the same run with ``jobs=1`` (one process), up
to ``--baseline-max`` plans. Targets (issue 12): 10,000 plans at ≥ 200 plans/s and ≤ 4 GB; the cost per plan
at 100,000 at most 1.5x the cost at 10,000.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_bench_corpus as grammar  # noqa: E402
from _peak import PeakMemory, print_stages, record_stages  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "unioncorpus-bench"


def corpus(n: int) -> tuple[Path, int]:
    """The benchmark corpus of ``n`` plans on disk (written once) and its size in bytes."""
    folder = CACHE / f"corpus_{n}"
    done = folder / ".complete"
    if not done.exists():
        t0 = time.perf_counter()
        info = grammar.write_corpus(folder, n)
        done.write_text(json.dumps(info))
        print(
            f"  (wrote {n:,} plans in {info['files']:,} files to {folder} in {time.perf_counter() - t0:.0f} s, not timed)"
        )
    return folder, json.loads(done.read_text())["bytes"]


def one_run(n: int, jobs: int | None, plots: bool) -> dict:
    import unioncorpus.analyze as analyze_module

    stamps = record_stages(analyze_module)
    folder, _ = corpus(n)
    with tempfile.TemporaryDirectory() as out, PeakMemory() as peak:
        t0 = time.perf_counter()
        analyze_module.analyze(folder, out=out, plots=plots, jobs=jobs)
        end = time.perf_counter()
    starts = [("读取 reading (per-file stages)", t0), *stamps, ("end", end)]
    stages = {name: b - a for (name, a), (_, b) in itertools.pairwise(starts)}
    return {"plans": n, "jobs": jobs, "seconds": end - t0, "stages": stages, "peak_mb": peak.mb}


def run(n: int, jobs: int | None, plots: bool) -> dict:
    args = [sys.executable, __file__, "--one", str(n), "--jobs", str(jobs or 0)] + (
        [] if plots else ["--no-plots"]
    )
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--no-plots", action="store_true")
    ap.add_argument("--baseline-max", type=int, default=10000)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    plots = not args.no_plots
    if args.one:
        print(json.dumps(one_run(args.one, args.jobs or None, plots)))
        return 0
    print(f"analyze on distinct benchmark plans, every stage and table{' and the plots' if plots else ''}")
    per_plan = {}
    for n in args.sizes:
        _, size = corpus(n)
        rows = [run(n, None, plots)]
        if n <= args.baseline_max:
            rows.append(run(n, 1, plots))
        for r in rows:
            label = "every core" if r["jobs"] is None else "1 process (baseline)"
            print(f"\n  {n:>7,} plans {size / 1e6:6.1f} MB, {label}: {r['seconds']:7.1f} s  {n / r['seconds']:7.1f} plans/s  "
                  f"peak {r['peak_mb']:,.0f} MB (PSS of the process and its workers)")  # fmt: skip
            print_stages(r["stages"], r["seconds"], indent="      ")
        if len(rows) == 2:
            print(f"  ratio every core / 1 process: {rows[1]['seconds'] / rows[0]['seconds']:.2f}x")
        per_plan[n] = rows[0]["seconds"] / n
    if len(per_plan) > 1:
        sizes = sorted(per_plan)
        for a, b in itertools.pairwise(sizes):
            print(f"  cost per plan at {b:,} / at {a:,}: {per_plan[b] / per_plan[a]:.2f}x")
    print(
        "  targets: 10,000 plans ≥ 200 plans/s and ≤ 4,000 MB; per-plan cost at 100,000 ≤ 1.5x that at 10,000"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
