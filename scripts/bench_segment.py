#!/usr/bin/env python3
"""Segmentation throughput and agreement: the rjieba engine against the jieba reference, in one run.

    python scripts/bench_segment.py [--mb 20] [--shared ../shared]

The text is the seed plans (../shared/seeds, or corpus/ when they are absent), repeated to at least --mb
megabytes of UTF-8. Both engines get the same lexicon and HMM setting; prints MB/s for each, the speed ratio,
and token agreement (share of tokens of the jieba output also produced, at the same offsets, by rjieba).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unioncorpus as uc  # noqa: E402


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for t in tokens:
        out.add((pos, pos + len(t)))
        pos += len(t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--hmm", action=argparse.BooleanOptionalAction, default=True)
    args = ap.parse_args(argv)
    seeds = args.shared / "seeds"
    corpus = uc.load(seeds if seeds.is_dir() else ROOT / "corpus")
    lines = [ln.text for d in corpus for ln in d.lines]
    base = "\n".join(lines)
    repeat = max(1, int(args.mb * 1e6 / len(base.encode("utf-8"))) + 1)
    text_lines = lines * repeat
    mb = sum(len(t.encode("utf-8")) + 1 for t in text_lines) / 1e6

    results = {}
    for engine in ("jieba", "rjieba"):
        seg = uc.Segmenter(engine, hmm=args.hmm)  # punct kept: agreement is measured on the raw cut
        seg("预热")  # load the dictionary outside the timing
        t0 = time.perf_counter()
        tokens = [seg(t) for t in text_lines]
        results[engine] = (time.perf_counter() - t0, tokens)

    (tj, tok_j), (tr, tok_r) = results["jieba"], results["rjieba"]
    agree = total = 0
    for a, b in zip(tok_j, tok_r, strict=True):
        sa, sb = spans(a), spans(b)
        agree += len(sa & sb)
        total += len(sa)
    print(f"text: {mb:.1f} MB ({len(text_lines):,} lines, {repeat}x the seed plans), hmm={args.hmm}")
    print(f"{'engine':8} {'seconds':>9} {'MB/s':>8}")
    print(f"{'jieba':8} {tj:9.2f} {mb / tj:8.2f}   (baseline)")
    print(f"{'rjieba':8} {tr:9.2f} {mb / tr:8.2f}")
    print(f"speed ratio rjieba/jieba: {tj / tr:.1f}x   (target >= 10x)")
    print(f"token agreement: {agree / total:.4%}   (target >= 99.5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
