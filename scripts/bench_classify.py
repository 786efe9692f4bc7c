#!/usr/bin/env python3
"""Time of `classify` (with its CSV, XLSX and HTML outputs) on a year's submissions.

    python scripts/bench_classify.py [--submissions 2000]

Input: the benchmark corpus of ``make_bench_corpus.py`` (distinct realistic plans, one file each, some in
GB18030, a few compilation pages; template reuse, borrowed items and near-copies at realistic rates),
written once outside the timing. Each run is a fresh process timing ``classify`` and ``write_outputs``
with every core, and the same with ``jobs=1`` as the baseline; it prints the seconds of each stage (reading
is the per-file stages, rewritten elsewhere), peak memory (PSS of the process and its workers) and the
ratio. Target (issue 12): 2,000 submissions in ≤ 30 s.
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

from _peak import PeakMemory, print_stages, record_stages  # noqa: E402
from bench_analyze import corpus  # noqa: E402


def one_run(n: int, jobs: int | None) -> dict:
    import unioncorpus.classify as classify_module

    stamps = record_stages(classify_module)
    folder, _ = corpus(n)
    with tempfile.TemporaryDirectory() as out, PeakMemory() as peak:
        t0 = time.perf_counter()
        triage = classify_module.classify(folder, year=2024, jobs=jobs)
        stamps.append(("输出 outputs (CSV, XLSX, HTML)", time.perf_counter()))
        classify_module.write_outputs(triage, out)
        end = time.perf_counter()
    starts = [("读取 reading (per-file stages)", t0), *stamps, ("end", end)]
    stages = {name: b - a for (name, a), (_, b) in itertools.pairwise(starts)}
    return {"files": len(triage.table), "jobs": jobs, "seconds": end - t0, "stages": stages, "peak_mb": peak.mb,
            "verdicts": triage.counts()}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--submissions", type=int, default=2000)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(args.one, args.jobs or None), ensure_ascii=False))
        return 0
    corpus(args.submissions)
    rows = []
    for jobs in (0, 1):
        cmd = [sys.executable, __file__, "--one", str(args.submissions), "--jobs", str(jobs)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for r in rows:
        label = "every core" if r["jobs"] is None else "1 process (baseline)"
        print(f"classify {r['files']:,} files, {label}: {r['seconds']:.1f} s, peak {r['peak_mb']:,.0f} MB; "
              f"verdicts {r['verdicts']}")  # fmt: skip
        print_stages(r["stages"], r["seconds"])
    print(
        f"ratio every core / 1 process: {rows[1]['seconds'] / rows[0]['seconds']:.2f}x   (target: 2,000 in ≤ 30 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
