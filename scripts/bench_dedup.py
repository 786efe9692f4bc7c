#!/usr/bin/env python3
"""Near-duplicate benchmark: unioncorpus against rensa and datasketch, like for like, and scaling to 1M plans.

    python scripts/bench_dedup.py [--compare 2000 10000] [--sizes 1000 10000 100000] [--million]

Input: the cleaned text (content characters, as ``dedup.clean_text`` gives) of distinct realistic plans from
``make_bench_corpus.py`` — template paragraphs shared at realistic rates, 4% near-copies and 1% cut-outs of
earlier plans, every plan edited. Every side gets the same texts and the same 5-character shingles.

1. **Like for like** (``--compare``), each side timed from text, after a warm-up run on 200 plans:
   * *text → candidate pairs*: unioncorpus (shingle hashing, one-permutation MinHash, 25×5 LSH bands,
     containment samples, exact copies) in one process and in every core's process; rensa 0.5 (R-MinHash,
     Rust) with the same 25×5 banding (125 permutations, as it needs bands to divide them), fed the shingle
     strings through its bulk constructor ``RMinHash.from_token_sets`` and queried with ``query_all``;
     datasketch 2.0 (its documented bulk path ``MinHash.bulk``, which reuses the permutations, and
     ``MinHashLSH`` at threshold 0.5 with its own optimal bands), on the smallest size only (it is slow).
   * *text → verified pairs*: the above plus the same exact verification (``dedup.verify_texts``) of the
     candidates each side found, keeping Jaccard ≥ 0.5 or containment ≥ 0.5.
   * recall against exact Jaccard: every pair with Jaccard ≥ 0.5 (all pairs computed with a sparse product,
     on the smallest size), and for unioncorpus also the pairs with containment ≥ 0.5.
2. **Scaling** (``--sizes``, ``--million``): ``near_duplicate_pairs`` end to end, each size in a fresh
   process reading the texts from disk (written once, outside the timing), with peak memory (PSS of the
   process and its workers) and sketch bytes per plan. Targets (issue 12): 1M plans ≤ 15 min and ≤ 8 GB; text → verified ≥ 2× rensa +
   the same verification, at recall ≥ rensa's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_bench_corpus as grammar  # noqa: E402
from _peak import PeakMemory  # noqa: E402

from unioncorpus import dedup  # noqa: E402
from unioncorpus.parallel import ordered_map, resolve_jobs  # noqa: E402

K = dedup.DEFAULT_K
_DROP = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9\n]")
CACHE = Path(os.environ.get("UNIONCORPUS_BENCH_CACHE", "/tmp/unioncorpus-bench"))


def clean_plan(i: int) -> str:
    """Plan ``i``'s content characters (what ``dedup.clean_text`` keeps of a plan, without its title)."""
    lines = grammar.plan_text(i).splitlines()[1:]
    return _DROP.sub(
        "", "\n".join(re.sub(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.]?)", "", ln) for ln in lines)
    ).replace("\n", "")


def _clean_range(ab: tuple[int, int]) -> list[str]:
    return [clean_plan(i) for i in range(*ab)]


class TextStore:
    """Texts on disk (UTF-16, one file, plus offsets): random access without holding them in memory.

    A slice is a lazy view that a worker process can open on its own; pickling sends only the path.
    """

    def __init__(self, path: Path, lo: int = 0, hi: int | None = None) -> None:
        self.path = Path(path)
        self.lo = lo
        self._offsets: np.ndarray | None = None
        self.hi = len(self.offsets) - 1 if hi is None else hi

    @property
    def offsets(self) -> np.ndarray:
        if self._offsets is None:
            self._offsets = np.load(self.path.with_suffix(".offsets.npy"), mmap_mode="r")
        return self._offsets

    def __getstate__(self):
        return {"path": self.path, "lo": self.lo, "hi": self.hi, "_offsets": None}

    def __len__(self) -> int:
        return self.hi - self.lo

    def _read(self, a: int, b: int) -> list[str]:
        o = self.offsets
        start, end = int(o[a]), int(o[b])
        with open(self.path, "rb") as f:
            f.seek(2 * start)
            data = f.read(2 * (end - start)).decode("utf-16-le")
        return [data[int(o[i]) - start : int(o[i + 1]) - start] for i in range(a, b)]

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b, _ = key.indices(len(self))
            return TextStore(self.path, self.lo + a, self.lo + b)
        return self._read(self.lo + key, self.lo + key + 1)[0]

    def __iter__(self):
        step = 4096
        for a in range(self.lo, self.hi, step):
            yield from self._read(a, min(self.hi, a + step))


def store(n: int) -> TextStore:
    """The first ``n`` benchmark plans' cleaned texts on disk (made once, in every core's process)."""
    path = CACHE / f"plans_{n}.u16"
    if not path.with_suffix(".offsets.npy").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        step = 2000
        chunks = ordered_map(_clean_range, [(a, min(n, a + step)) for a in range(0, n, step)], jobs=None)
        offsets = [0]
        with open(path, "wb") as f:
            for texts in chunks:
                for t in texts:
                    f.write(t.encode("utf-16-le"))
                    offsets.append(offsets[-1] + len(t))
        np.save(path.with_suffix(".offsets.npy"), np.asarray(offsets, dtype=np.int64))
        print(
            f"  (wrote {n:,} plans' texts to {path} in {time.perf_counter() - t0:.0f} s, not timed)",
            flush=True,
        )
    return TextStore(path)


# -- like for like ----------------------------------------------------------------------------------------
def ours_candidates(texts: list[str], jobs: int) -> np.ndarray:
    sk = dedup.sketch_texts(texts, jobs=jobs)
    reps, copies = dedup.exact_copies(sk)
    pairs = dedup.sketch_candidates(sk, reps)
    pairs = pairs[(sk.sizes[pairs[:, 0]] >= 20) & (sk.sizes[pairs[:, 1]] >= 20)]
    return np.concatenate([copies, pairs])


def rensa_candidates(texts: list[str]) -> np.ndarray:
    from rensa import RMinHash, RMinHashLSH

    tokens = [[t[i : i + K] for i in range(len(t) - K + 1)] for t in texts]
    mh = RMinHash.from_token_sets(tokens, 125, 1)
    lsh = RMinHashLSH(0.5, 125, 25)
    lsh.insert_many(mh)
    found = lsh.query_all(mh)
    pairs = [(min(i, j), max(i, j)) for i, cands in enumerate(found) for j in cands if j != i]
    return np.unique(np.array(pairs, dtype=np.int64).reshape(-1, 2), axis=0)


def datasketch_candidates(texts: list[str]) -> np.ndarray:
    from datasketch import MinHash, MinHashLSH

    tokens = [[t[i : i + K].encode("utf-8") for i in range(len(t) - K + 1)] for t in texts]
    mhs = MinHash.bulk(tokens, num_perm=128, seed=1)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            session.insert(i, m)
    pairs = [(min(i, j), max(i, j)) for i, m in enumerate(mhs) for j in lsh.query(m) if j != i]
    return np.unique(np.array(pairs, dtype=np.int64).reshape(-1, 2), axis=0)


def verified(texts: list[str], pairs: np.ndarray, jobs: int) -> np.ndarray:
    scores = dedup.verify_texts(texts, pairs, jobs=jobs)
    keep = (scores[:, 0] >= 0.5) | (np.maximum(scores[:, 1], scores[:, 2]) >= 0.5)
    return pairs[keep]


def exact_truth(texts: list[str]) -> tuple[set, set]:
    """All pairs with Jaccard ≥ 0.5, and all with containment ≥ 0.5, from a sparse product."""
    from scipy.sparse import csr_matrix

    sets = [np.unique(dedup.shingle(t)) for t in texts]
    vocab, inv = np.unique(np.concatenate(sets), return_inverse=True)
    indptr = np.r_[0, np.cumsum([len(s) for s in sets])]
    x = csr_matrix((np.ones(len(inv), dtype=np.float32), inv, indptr), shape=(len(sets), len(vocab)))
    inter = (x @ x.T).tocoo()
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    a, b, c = inter.row, inter.col, inter.data
    up = (a < b) & (sizes[a] >= 20) & (sizes[b] >= 20)
    a, b, c = a[up], b[up], c[up]
    jac = c / (sizes[a] + sizes[b] - c)
    con = c / np.minimum(sizes[a], sizes[b])
    return set(zip(a[jac >= 0.5].tolist(), b[jac >= 0.5].tolist(), strict=True)), set(
        zip(a[con >= 0.5].tolist(), b[con >= 0.5].tolist(), strict=True)
    )


def compare(n: int, with_datasketch: bool) -> None:
    texts = list(store(n))
    warm = texts[:200]
    jobs = resolve_jobs(None)
    sides = {
        "unioncorpus, 1 process": lambda t: ours_candidates(t, 1),
        f"unioncorpus, {jobs} processes": lambda t: ours_candidates(t, jobs),
        "rensa (Rust)": rensa_candidates,
    }
    if with_datasketch:
        sides["datasketch"] = datasketch_candidates
    truth_j = truth_c = None
    if with_datasketch:
        truth_j, truth_c = exact_truth(texts)
    print(f"\n{n:,} plans, {sum(map(len, texts)) / n:.0f} content characters each on average")
    print(
        f"  {'':28} {'text→candidates':>16} {'candidates':>11} {'text→verified':>14} {'pairs':>7} {'recall J≥0.5':>13}"
    )
    results = {}
    for name, fn in sides.items():
        fn(warm)
        t0 = time.perf_counter()
        cands = fn(texts)
        t_cand = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = verified(texts, cands, 1 if "1 process" in name or "unioncorpus" not in name else jobs)
        t_ver = time.perf_counter() - t0
        results[name] = (t_cand, t_cand + t_ver, found)
        got = set(zip(found[:, 0].tolist(), found[:, 1].tolist(), strict=True))
        rec = f"{len(got & truth_j) / len(truth_j):.4f}" if truth_j else "-"
        print(
            f"  {name:28} {t_cand:>14.2f} s {len(cands):>11,} {t_cand + t_ver:>12.2f} s {len(found):>7,} {rec:>13}"
        )
    if truth_j is None:  # too many pairs for the exact product: pool what every side verified
        pooled = np.unique(np.concatenate([r[2] for r in results.values()]), axis=0)
        sc = dedup.verify_texts(texts, pooled)
        pool = set(map(tuple, pooled[sc[:, 0] >= 0.5].tolist()))
        for name, (_, _, found) in results.items():
            got = set(map(tuple, found.tolist()))
            print(
                f"  pooled recall J≥0.5 (of {len(pool)} pairs any side verified): {name} {len(got & pool) / len(pool):.4f}"
            )
    if truth_c:
        got = set(zip(*(results["unioncorpus, 1 process"][2].T.tolist()), strict=True))
        print(f"  exact truth: {len(truth_j):,} pairs with Jaccard ≥ 0.5, {len(truth_c):,} with containment ≥ 0.5; "
              f"unioncorpus finds {len(got & truth_c) / len(truth_c):.4f} of the containment pairs")  # fmt: skip
    r = results["rensa (Rust)"]
    for name in (n for n in results if n.startswith("unioncorpus")):
        o = results[name]
        print(f"  ratio rensa / {name}: text→candidates {r[0] / o[0]:.2f}x, text→verified {r[1] / o[1]:.2f}x")
    if "datasketch" in results:
        d, o = results["datasketch"], results["unioncorpus, 1 process"]
        print(
            f"  ratio datasketch / unioncorpus, 1 process: text→candidates {d[0] / o[0]:.2f}x, text→verified {d[1] / o[1]:.2f}x"
        )


# -- scaling ----------------------------------------------------------------------------------------------
def one_size(n: int) -> dict:
    texts = store(n)
    with PeakMemory() as peak:
        t0 = time.perf_counter()
        pairs, _ = dedup.near_duplicate_pairs(texts, jobs=None)
        seconds = time.perf_counter() - t0
    sk_bytes = dedup.sketch_texts(texts[: min(n, 20000)], jobs=1).nbytes() / min(n, 20000)
    return {
        "plans": n,
        "seconds": seconds,
        "pairs": len(pairs),
        "peak_mb": peak.mb,
        "sketch_bytes_per_plan": sk_bytes,
    }


def scaling(sizes: list[int]) -> None:
    print("\nnear_duplicate_pairs end to end (texts read from disk; each size in a fresh process)")
    print(f"  {'plans':>9} {'seconds':>9} {'µs/plan':>9} {'pairs':>9} {'peak MB':>9} {'sketch B/plan':>14}")
    for n in sizes:
        store(n)
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  {r['plans']:>9,} {r['seconds']:>9.1f} {r['seconds'] / r['plans'] * 1e6:>9.0f} {r['pairs']:>9,} "
              f"{r['peak_mb']:>9.0f} {r['sketch_bytes_per_plan']:>14.0f}", flush=True)  # fmt: skip
    print("  peak MB: proportional set size of the process and its workers together, sampled every 0.2 s")
    print("  targets: 1,000,000 plans in ≤ 900 s and ≤ 8,000 MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", type=int, nargs="*", default=[2000, 10000])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--million", action="store_true", help="also run 1,000,000 plans")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one)))
        return 0
    for k, n in enumerate(args.compare):
        compare(n, with_datasketch=k == 0)
    scaling(args.sizes + ([1_000_000] if args.million else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
