#!/usr/bin/env python3
"""The triage report at district scale: its size and how long Chromium takes to show it.

    python scripts/bench_report.py [--sizes 500 1000 2000] [--repeat 3]

For each size, a year of synthetic submissions (scripts/make_submissions.py, without the phrases nearly
every plan shares, so shared-passage search stays fast; see that script) is classified and written. Then
headless Chromium (Debian's ``chromium``) loads, lays out and screenshots each page, warm-up first, median of
``--repeat`` runs:

- ``report.html``, the clerk's report (summary table, details on demand, inline sort/filter script);
- the baseline: the same triage rows as one plain table, ``pandas.DataFrame.to_html`` of ``Triage.frame()``
  (what a minimal tool would write; no details, no script), rendered by the same Chromium.

Printed per size: submissions, classify seconds, report MB, baseline MB, render seconds of each and the
ratio report/baseline; Chromium's start-up is inside both figures.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_submissions import make_submissions  # noqa: E402

from unioncorpus.classify import classify, write_outputs  # noqa: E402


def render_seconds(page: Path, profile: Path, repeat: int) -> float:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,2000"]  # fmt: skip
    times = []
    for i in range(repeat + 1):  # the first run warms the disk cache and Chromium's profile
        shot = profile / "shot.png"
        start = time.perf_counter()
        subprocess.run(["chromium", *flags, f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True,
                       timeout=300)  # fmt: skip
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        print("needs Debian's chromium: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1
    print(
        f"{'submissions':>11} {'classify s':>10} {'report MB':>9} {'baseline MB':>11} {'report s':>8} {'baseline s':>10} {'ratio':>6}"
    )
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            make_submissions(tmp_path / "in", n, seed=1, common_phrases=False)
            start = time.perf_counter()
            triage = classify(tmp_path / "in", year=2024)
            classify_s = time.perf_counter() - start
            write_outputs(triage, tmp_path / "out")
            report = tmp_path / "out" / "report.html"
            baseline = tmp_path / "baseline.html"
            table = triage.frame("zh").to_html(index=False)
            baseline.write_text(f"<!DOCTYPE html><html lang='zh-CN'><meta charset='utf-8'><body>{table}</body></html>",
                                encoding="utf-8")  # fmt: skip
            (tmp_path / "profile").mkdir()
            ours = render_seconds(report, tmp_path / "profile", args.repeat)
            base = render_seconds(baseline, tmp_path / "profile", args.repeat)
            print(f"{n:>11} {classify_s:>10.1f} {report.stat().st_size / 1e6:>9.2f} {baseline.stat().st_size / 1e6:>11.2f} "
                  f"{ours:>8.2f} {base:>10.2f} {ours / base:>6.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
