#!/usr/bin/env python3
"""Topic-model benchmark: tomotopy (the fast engine) against gensim's LdaModel (the baseline).

    python scripts/bench_topics.py [--shared ../shared] [--sizes 1000 10000] [--k 10]

1. The same K sweep on the same real units: ``select_topics(k_range=2..10, seeds=(0, 1, 2))`` over the
   sections (guiding ideology, goals, key work, measures, monthly schedule) of the real plans in
   ../shared/seeds and ../shared/pages/raw (corpus/ when they are absent), once with ``engine="lda"``
   (gensim, passes=10, as TopicModel configures it) and once with ``engine="tomotopy"`` (Gibbs sampling,
   300 sweeps, one worker), after a warm-up fit of each. Prints both times, the ratio, and NPMI, stability
   and the recommended K of each engine.
2. Scaling: one fit (K = --k, seed 0) per engine on N distinct synthetic plans made by recombining the real
   units' paragraphs (seeded: each plan draws its sections' paragraphs from different real plans, so plans
   share paragraphs as real ones do, and no two are the same file), each size in a fresh process: seconds
   and peak resident memory. Segmentation is done once, outside the timing, for both engines.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unioncorpus as uc  # noqa: E402
from unioncorpus.topic_selection import select_topics  # noqa: E402
from unioncorpus.topics import TopicModel, _tokens  # noqa: E402

KINDS = ("guiding_ideology", "goals", "key_work", "measures", "monthly_schedule")


def real_units(shared: Path) -> list[list[str]]:
    paths = [shared / "seeds", shared / "pages" / "raw"]
    corpus = uc.load([p for p in paths if p.is_dir()] or [ROOT / "corpus"])
    return _tokens(uc.units(corpus, unit="section", kinds=KINDS), None)


def sweep(tokens: list[list[str]]) -> dict:
    out = {}
    for engine in ("lda", "tomotopy"):
        TopicModel(engine, 3, seed=0).fit(tokens[:20])  # warm-up: imports, dictionaries, caches
        start = time.perf_counter()
        table = select_topics(tokens, k_range=range(2, 11), engine=engine, seeds=(0, 1, 2))
        out[engine] = (time.perf_counter() - start, table)
    return out


def synthetic(tokens: list[list[str]], n: int, seed: int = 0) -> list[list[str]]:
    """``n`` distinct plans, each five sections drawn from different real sections (seeded)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    paragraphs = [t[i : i + 30] for t in tokens for i in range(0, len(t), 30) if t[i : i + 30]]
    return [
        [
            w
            for j in rng.choice(len(paragraphs), size=int(rng.integers(8, 20)), replace=False)
            for w in paragraphs[j]
        ]
        for _ in range(n)
    ]


def one_fit(engine: str, n: int, k: int, shared: str) -> None:
    """Child process: build N plans, fit once, print seconds and peak memory as JSON."""
    plans = synthetic(real_units(Path(shared)), n)
    start = time.perf_counter()
    TopicModel(engine, k, seed=0).fit(plans)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "tokens": sum(map(len, plans))}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        one_fit(args.child[0], int(args.child[1]), args.k, args.child[2])
        return 0

    tokens = real_units(args.shared)
    print(f"1. K sweep 2..10 × 3 seeds on {len(tokens)} real section units ({sum(map(len, tokens))} tokens)")
    results = sweep(tokens)
    for engine, (seconds, table) in results.items():
        best = table[table["recommended"]].iloc[0]
        print(f"  {engine:9} {seconds:6.2f} s  recommended K={int(best['k'])} (NPMI {best['npmi']:.3f}, "
              f"stability {best['stability']:.3f}, rule met: {table.attrs['rule_met']})")  # fmt: skip
        print(
            "            NPMI per K: "
            + ", ".join(f"{int(k)}: {v:.3f}" for k, v in zip(table["k"], table["npmi"], strict=True))
        )
    ratio = results["lda"][0] / results["tomotopy"][0]
    print(f"  tomotopy is {ratio:.1f}x gensim (baseline) on the same sweep")

    print(f"\n2. one fit, K={args.k}, on N distinct recombined plans (fresh process each)")
    print(f"  {'plans':>7}  {'engine':9} {'seconds':>8}  {'peak MB':>8}")
    for n in args.sizes:
        row = {}
        for engine in ("lda", "tomotopy"):
            out = subprocess.run([sys.executable, __file__, "--k", str(args.k), "--child", engine, str(n), str(args.shared)],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            row[engine] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {n:>7}  {engine:9} {row[engine]['seconds']:8.2f}  {row[engine]['peak_mb']:8.0f}")
        print(f"  {n:>7}  ratio     {row['lda']['seconds'] / row['tomotopy']['seconds']:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
