#!/usr/bin/env python3
"""Near-duplicate index benchmark: unioncorpus's MinHash against datasketch, and end-to-end scaling.

    python scripts/bench_dedup.py [--sizes 1000 10000 100000] [--compare 1000]

1. On the same synthetic plans and the same 5-character shingles: signature throughput of
   ``unioncorpus.dedup.signatures`` (one-permutation MinHash, numpy) against datasketch's
   ``MinHash.update_batch`` (the baseline), both with 128 slots, and the mean absolute error of each one's
   Jaccard estimate against the exact Jaccard over pairs spanning the whole similarity range.
2. End to end for each size (shingling from text, signatures, LSH and containment candidates, exact
   verification), each size in a fresh process: seconds, peak resident memory, and bytes of index per plan.

Synthetic plans (seeded): sentences of common Chinese characters, 10% drawn from a pool of shared
boilerplate sentences; 5% of plans are edited copies of an earlier plan (a few characters changed, a
stretch cut), some of them cut-outs contained in their source.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unioncorpus import dedup  # noqa: E402

CJK = np.arange(0x4E00, 0x9FA6, dtype=np.uint32)


def synthetic_plans(n: int, *, seed: int = 0, mean_len: int = 1200) -> list[str]:
    rng = np.random.default_rng(seed)
    common = CJK[rng.choice(len(CJK), 3000, replace=False)]  # a realistic working vocabulary
    pool = [common[rng.integers(0, len(common), rng.integers(20, 60))] for _ in range(max(50, n // 20))]
    plans: list[str] = []
    for i in range(n):
        if i > 10 and rng.random() < 0.05:
            src = np.frombuffer(plans[int(rng.integers(0, i))].encode("utf-32-le"), dtype=np.uint32).copy()
            if rng.random() < 0.3:  # a cut-out: a contiguous half of the source
                start = int(rng.integers(0, len(src) // 2))
                src = src[start : start + len(src) // 2]
            edits = rng.integers(0, len(src), max(1, len(src) // 100))
            src[edits] = common[rng.integers(0, len(common), len(edits))]
            plans.append(src.tobytes().decode("utf-32-le"))
            continue
        parts, length = [], 0
        target = max(200, int(rng.normal(mean_len, mean_len / 4)))
        while length < target:
            s = (
                pool[int(rng.integers(0, len(pool)))]
                if rng.random() < 0.1
                else common[rng.integers(0, len(common), rng.integers(15, 50))]
            )
            parts.append(s)
            length += len(s)
        plans.append(np.concatenate(parts).tobytes().decode("utf-32-le"))
    return plans


def compare(n: int, num_perm: int = 128) -> dict:
    from datasketch import MinHash

    texts = synthetic_plans(n, seed=1)
    k = dedup.DEFAULT_K
    t0 = time.perf_counter()
    shingles = dedup.ShingleSet.from_texts([str(i) for i in range(n)], texts, k=k)
    t_shingle = time.perf_counter() - t0
    t0 = time.perf_counter()
    sig = dedup.signatures(shingles, num_perm=num_perm)
    t_sig = time.perf_counter() - t0

    grams = [[t[i : i + k].encode("utf-8") for i in range(len(t) - k + 1)] for t in texts]  # same shingles
    t0 = time.perf_counter()
    ds = []
    for g in grams:
        m = MinHash(num_perm=num_perm, seed=1)
        m.update_batch(g)
        ds.append(m)
    t_ds = time.perf_counter() - t0

    # pairs spanning the similarity range: edited copies (high), shared boilerplate (low), random (zero)
    rng = np.random.default_rng(2)
    pairs = {(i, j) for i in range(n) for j in range(max(0, i - 3), i)}
    pairs |= {tuple(sorted(map(int, rng.integers(0, n, 2)))) for _ in range(2000)}
    exact_pairs = []
    sets = [shingles.get(i) for i in range(n)]
    for i, j in sorted(p for p in pairs if p[0] != p[1]):
        inter = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
        exact_pairs.append((i, j, inter / (len(sets[i]) + len(sets[j]) - inter)))
    # make sure the high range is represented: the copies found by the index
    nd = dedup.near_duplicates(shingles, threshold=0.3)
    pos = {s: i for i, s in enumerate(shingles.ids)}
    for a, b, jac in zip(nd["doc_a"], nd["doc_b"], nd["jaccard"], strict=True):
        exact_pairs.append((pos[a], pos[b], jac))
    err_ours, err_ds, exact_vals = [], [], []
    for i, j, jac in exact_pairs:
        err_ours.append(abs(float(np.mean(sig[i] == sig[j])) - jac))
        err_ds.append(abs(ds[i].jaccard(ds[j]) - jac))
        exact_vals.append(jac)
    ev = np.array(exact_vals)
    return {
        "docs": n, "shingles": int(shingles.values.size), "ours_signature_s": t_sig, "ours_shingle_s": t_shingle,
        "datasketch_s": t_ds, "pairs": len(exact_pairs), "pairs_jaccard_ge_0.3": int((ev >= 0.3).sum()),
        "mae_ours": float(np.mean(err_ours)), "mae_datasketch": float(np.mean(err_ds)),
        "mae_ours_ge_0.3": float(np.mean(np.array(err_ours)[ev >= 0.3])) if (ev >= 0.3).any() else float("nan"),
        "mae_datasketch_ge_0.3": float(np.mean(np.array(err_ds)[ev >= 0.3])) if (ev >= 0.3).any() else float("nan"),
    }  # fmt: skip


def end_to_end(n: int) -> dict:
    texts = synthetic_plans(n, seed=3)
    t0 = time.perf_counter()
    shingles = dedup.ShingleSet.from_texts([str(i) for i in range(n)], texts)
    index = dedup.build_index(shingles)
    pairs = dedup.candidate_pairs(index)
    scores = dedup.verify(shingles, pairs)
    found = (
        int(((scores[:, 0] >= 0.5) | (np.maximum(scores[:, 1], scores[:, 2]) >= 0.5)).sum())
        if len(pairs)
        else 0
    )
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": n, "seconds": seconds, "peak_mb": peak_mb, "index_bytes_per_doc": index.index_bytes() / n,
            "candidates": len(pairs), "near_duplicate_pairs": found, "chars": sum(map(len, texts))}  # fmt: skip


def library_add_cost(sizes: list[int], batch: int = 100) -> list[tuple[int, float]]:
    """Seconds per plan to add ``batch`` more plans to a library already holding N plans."""
    import tempfile

    from unioncorpus.library import Library
    from unioncorpus.model import Document, Line

    out = []
    for n in sizes:
        texts = synthetic_plans(n + batch, seed=5)
        docs = [Document(f"p{i}", f"p{i}.txt", [Line(1, t)]) for i, t in enumerate(texts)]
        with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "lib.sqlite") as lib:
            lib.add(docs[:n])
            start = time.perf_counter()
            lib.add(docs[n:])
            out.append((n, (time.perf_counter() - start) / batch))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--compare", type=int, default=1000, help="plans for the datasketch comparison")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(end_to_end(args.one)))
        return 0

    c = compare(args.compare)
    ratio = c["datasketch_s"] / c["ours_signature_s"]
    ratio_text = c["datasketch_s"] / (c["ours_signature_s"] + c["ours_shingle_s"])
    print(
        f"signatures, {c['docs']} plans, {c['shingles']:,} shingles, 128 slots (baseline: datasketch update_batch)"
    )
    print(
        f"  datasketch MinHash.update_batch   {c['datasketch_s']:8.3f} s   {c['shingles'] / c['datasketch_s'] / 1e6:7.2f} M shingles/s"
    )
    print(
        f"  unioncorpus signatures            {c['ours_signature_s']:8.3f} s   {c['shingles'] / c['ours_signature_s'] / 1e6:7.2f} M shingles/s   {ratio:6.1f}x"
    )
    print(
        f"  unioncorpus text→shingles→sigs    {c['ours_signature_s'] + c['ours_shingle_s']:8.3f} s   {'':>20}{ratio_text:6.1f}x  (includes hashing the text)"
    )
    print(
        f"  Jaccard estimate MAE over {c['pairs']} pairs ({c['pairs_jaccard_ge_0.3']} with J>=0.3): "
        f"unioncorpus {c['mae_ours']:.4f} (J>=0.3: {c['mae_ours_ge_0.3']:.4f}), "
        f"datasketch {c['mae_datasketch']:.4f} (J>=0.3: {c['mae_datasketch_ge_0.3']:.4f})   (target <= 0.03)"
    )
    print()
    print("end to end (shingling, signatures, LSH + containment candidates, exact verification)")
    print(
        f"  {'plans':>8} {'seconds':>9} {'plans/s':>9} {'peak MB':>9} {'index B/plan':>13} {'candidates':>11} {'near-dups':>10}"
    )
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"  {r['docs']:>8,} {r['seconds']:>9.2f} {r['docs'] / r['seconds']:>9,.0f} {r['peak_mb']:>9.0f} "
            f"{r['index_bytes_per_doc']:>13.0f} {r['candidates']:>11,} {r['near_duplicate_pairs']:>10,}"
        )
    print("  targets: 100k plans < 120 s on 2 cores, near-linear growth, <= 300 index bytes per plan")
    print()
    print("reference library (SQLite): cost of adding 100 plans to a library of N")
    for n, per in library_add_cost([1000, 10000]):
        print(f"  N = {n:>7,}   {per * 1000:7.2f} ms per plan added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
