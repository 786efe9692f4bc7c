#!/usr/bin/env python3
"""Planted-reuse benchmark: passages pasted between synthetic plans with small edits must be found.

    python scripts/bench_reuse.py [--plans 300] [--plants 600] [--seed 0]

Plans are lines of common Chinese characters with punctuation. Known passages (40–240 characters) are copied
from one plan into another, each with one to three small edits: a school name swapped (3–5 characters), a
year changed, punctuation added or dropped, two neighbouring characters swapped. ``shared_passages`` is run
on all plans; a planted passage counts as found when a reported passage between the same two plans covers at
least half of it on both sides, and a reported passage is correct when it covers at least half of a planted
one. Prints recall and precision (targets: both >= 0.95) and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unioncorpus.model import Document, Line  # noqa: E402
from unioncorpus.passages import CleanDoc, shared_passages  # noqa: E402

CJK = np.arange(0x4E00, 0x9FA6, dtype=np.uint32)
PUNCT = "，。；、"


def chars(rng: np.random.Generator, vocab: np.ndarray, n: int) -> str:
    return vocab[rng.integers(0, len(vocab), n)].tobytes().decode("utf-32-le")


def edit(rng: np.random.Generator, vocab: np.ndarray, text: str) -> str:
    t = list(text)
    for _ in range(int(rng.integers(1, 4))):
        kind = int(rng.integers(0, 4))
        i = int(rng.integers(1, max(2, len(t) - 6)))
        if kind == 0:  # another school's name
            t[i : i + int(rng.integers(3, 6))] = list(chars(rng, vocab, int(rng.integers(3, 6))))
        elif kind == 1:  # another year
            t[i:i] = list(f"{int(rng.integers(2015, 2026))}年")
        elif kind == 2:  # punctuation
            t[i:i] = [PUNCT[int(rng.integers(0, len(PUNCT)))]]
        else:  # two characters swapped
            t[i], t[i + 1] = t[i + 1], t[i]
    return "".join(t)


def make(n_plans: int, n_plants: int, seed: int) -> tuple[list[Document], list[tuple[int, int, int, int]]]:
    rng = np.random.default_rng(seed)
    vocab = CJK[rng.choice(len(CJK), 3000, replace=False)]
    bodies = [
        [chars(rng, vocab, int(rng.integers(30, 80))) + "。" for _ in range(int(rng.integers(15, 30)))]
        for _ in range(n_plans)
    ]
    plants = []  # (src plan, src line index, dst plan, dst line index) — one pasted passage per new line
    for _ in range(n_plants):
        src, dst = (int(x) for x in rng.choice(n_plans, 2, replace=False))
        length = int(rng.integers(40, 240))
        passage = chars(rng, vocab, length)
        src_at = int(rng.integers(0, len(bodies[src]) + 1))
        bodies[src].insert(src_at, passage + "。")
        dst_at = int(rng.integers(0, len(bodies[dst]) + 1))
        bodies[dst].insert(dst_at, edit(rng, vocab, passage) + "。")
        plants.append((src, passage, dst))
    docs = []
    for i, body in enumerate(bodies):
        lines = [Line(k + 1, t) for k, t in enumerate(body)]
        docs.append(Document(f"plan{i}", f"plan{i}.txt", lines))
    return docs, plants


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--plants", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    docs, plants = make(args.plans, args.plants, args.seed)
    clean = [CleanDoc.of(d) for d in docs]
    # ground truth spans in cleaned text: the planted passage's characters on each side
    truth = []
    for src, passage, dst in plants:
        s0 = clean[src].text.find(passage)
        truth.append((f"plan{src}", s0, s0 + len(passage), f"plan{dst}"))
    t0 = time.perf_counter()
    found = shared_passages(clean)
    seconds = time.perf_counter() - t0

    def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
        return max(0, min(a1, b1) - max(a0, b0))

    spans = []
    for p in found:
        spans.append((p.doc_a, p.a["start"], p.a["end"], p.doc_b, p.b["start"], p.b["end"]))
        spans.append((p.doc_b, p.b["start"], p.b["end"], p.doc_a, p.a["start"], p.a["end"]))
    recalled = 0
    for src, t0_, t1_, dst in truth:
        if any(
            s == src and d == dst and overlap(a0, a1, t0_, t1_) >= 0.5 * (t1_ - t0_)
            for s, a0, a1, d, _, _ in spans
        ):
            recalled += 1
    correct = 0
    for p in found:
        for side, start, end, other in (
            (p.doc_a, p.a["start"], p.a["end"], p.doc_b),
            (p.doc_b, p.b["start"], p.b["end"], p.doc_a),
        ):
            if any(
                src == side and dst == other and overlap(start, end, t0_, t1_) >= 0.5 * (end - start)
                for src, t0_, t1_, dst in truth
            ):
                correct += 1
                break
    recall = recalled / len(truth)
    precision = correct / len(found) if found else 0.0
    print(
        f"{args.plans} plans, {len(truth)} planted passages (40-240 chars, 1-3 small edits each), seed {args.seed}"
    )
    print(f"found {len(found)} passages in {seconds:.2f} s")
    print(f"passage recall    {recall:.4f}   (target >= 0.95)")
    print(f"passage precision {precision:.4f}   (target >= 0.95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
