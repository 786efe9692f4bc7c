#!/usr/bin/env python3
"""Planted-reuse benchmark: passages pasted between realistic plans with small edits must be found.

    python scripts/bench_reuse.py [--plans 300] [--plants 600] [--seed 0] [--scale 1000 10000]

Background: plans written from the genre grammar of ``make_bench_corpus.py`` (titles, 指导思想, 工作目标 and
重点工作 prose in the officialese of union plans; each plan its own unit and year), without its template
paragraphs and fixed openings, so the only long shared stretches are the planted ones — the background still
shares the genre's formulaic clauses ("切实维护教职工的合法权益") everywhere, which is what makes naive
indexes slow and imprecise. The passages found in the background alone (before planting) are printed too:
they are chance coincidences of formulaic clauses, and they count against precision. Planted passages: 40–240 characters of the same kind of prose, naming the source unit, pasted as
a paragraph into one plan and, with one to three small edits, into another: the unit's name swapped for the
copier's, a year changed, punctuation added or dropped, two neighbouring characters swapped.

A planted passage counts as found when a reported passage between the same two plans covers at least half
of it on the source side; a reported passage is correct when, on one of its sides, at least half of it lies
in a planted passage of that plan whose partner is the other plan. Prints recall and precision (targets:
both >= 0.99), the time, and with ``--scale`` the time of ``shared_passages`` on 1k/10k plans of the
benchmark corpus (realistic template reuse) with the per-plan cost.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_bench_corpus as grammar  # noqa: E402

from unioncorpus.model import Document, Line  # noqa: E402
from unioncorpus.passages import CleanDoc, shared_passages  # noqa: E402

PUNCT = "，。；、"


def background(i: int, seed: int) -> tuple[dict, list[str]]:
    """A plan of the genre with no template text: title, guiding ideology, goals and key-work prose."""
    rng = random.Random(f"bg-{seed}-{i}")
    ctx = grammar.unit(rng)
    guide = "".join(grammar.sentence(rng, ctx) for _ in range(rng.randint(2, 3)))
    lines = [grammar.title(rng, ctx), "一、指导思想", guide, "二、工作目标"]
    lines += [f"{k}、{grammar.sentence(rng, ctx, lo=1, hi=2)}" for k in range(1, rng.randint(3, 5))]
    lines.append("三、重点工作")
    for k in range(rng.randint(4, 7)):
        head, body = grammar.item(rng, ctx)
        lines += [f"（{grammar.CN_NUM[k]}）{head}", body]
    return ctx, lines


def passage(rng: random.Random, ctx: dict, length: int) -> str:
    """At least ``length`` characters of plan prose naming the unit (cut at the first clause end after)."""
    text = f"{ctx['name']}工会" + grammar.sentence(rng, ctx)
    while len(text) < length + 30:
        text += grammar.sentence(rng, ctx)
    cut = min(i for i in (text.find("，", length), text.find("。", length)) if i >= 0)
    return text[:cut] + "。"


def edit(rng: random.Random, text: str, src: dict, dst: dict) -> str:
    """One to three small edits of a copied passage."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(4)
        if kind == 0:  # the copier's own name
            text = text.replace(src["name"], dst["name"], 1) if src["name"] in text else text
        elif kind == 1:  # another year
            i = rng.randrange(1, len(text) - 1)
            text = text[:i] + f"{rng.randint(2015, 2025)}年" + text[i:]
        elif kind == 2:  # punctuation added or dropped
            i = rng.randrange(1, len(text) - 1)
            dropped = text[:i] + text[i + 1 :]
            text = dropped if text[i] in PUNCT else text[:i] + rng.choice(PUNCT) + text[i:]
        else:  # two neighbouring characters swapped
            i = rng.randrange(1, len(text) - 2)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def make(n_plans: int, n_plants: int, seed: int):
    rng = random.Random(f"plants-{seed}")
    plans = [background(i, seed) for i in range(n_plans)]
    plants = []
    for _ in range(n_plants):
        src, dst = rng.sample(range(n_plans), 2)
        text = passage(rng, plans[src][0], rng.randint(40, 240))
        lines_src, lines_dst = plans[src][1], plans[dst][1]
        lines_src.insert(rng.randint(1, len(lines_src)), text)
        lines_dst.insert(rng.randint(1, len(lines_dst)), edit(rng, text, plans[src][0], plans[dst][0]))
        plants.append((src, text, dst))
    docs = [
        Document(
            f"plan{i}",
            f"plan{i}.txt",
            [Line(k + 1, t) for k, t in enumerate(lines)],
            title=lines[0],
            title_line=1,
        )
        for i, (_, lines) in enumerate(plans)
    ]
    return docs, plants


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def score(docs: list[Document], plants, found) -> tuple[float, float]:
    clean = {d.id: CleanDoc.of(d) for d in docs}
    truth: dict[tuple[str, str], list[tuple[int, int]]] = {}
    spans = []
    for src, text, dst in plants:
        probe = CleanDoc.of(Document("p", "p", [Line(1, text)])).text
        s0 = clean[f"plan{src}"].text.find(probe)
        spans.append((f"plan{src}", s0, s0 + len(probe), f"plan{dst}"))
        truth.setdefault((f"plan{src}", f"plan{dst}"), []).append((s0, s0 + len(probe)))
    sides: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p in found:
        sides.setdefault((p.doc_a, p.doc_b), []).append((p.a["start"], p.a["end"]))
        sides.setdefault((p.doc_b, p.doc_a), []).append((p.b["start"], p.b["end"]))
    recalled = sum(
        any(overlap(a0, a1, t0, t1) >= 0.5 * (t1 - t0) for a0, a1 in sides.get((src, dst), []))
        for src, t0, t1, dst in spans
    )
    correct = 0
    for p in found:
        for me, other, span in ((p.doc_a, p.doc_b, p.a), (p.doc_b, p.doc_a, p.b)):
            length = span["end"] - span["start"]
            if any(
                overlap(span["start"], span["end"], t0, t1) >= 0.5 * length
                for t0, t1 in truth.get((me, other), [])
            ):
                correct += 1
                break
    return recalled / len(spans), (correct / len(found) if found else 0.0)


def scale(sizes: list[int]) -> None:
    print("\nshared_passages on the benchmark corpus (template reuse at realistic rates)")
    print(f"  {'plans':>8} {'seconds':>9} {'ms/plan':>9} {'passages':>10}")
    per_plan = {}
    for n in sizes:
        docs = []
        for i in range(n):
            lines = [Line(k + 1, t) for k, t in enumerate(grammar.plan_text(i).splitlines()) if t]
            docs.append(Document(f"p{i}", f"p{i}.txt", lines, title=lines[0].text, title_line=1))
        clean = [CleanDoc.of(d) for d in docs]
        t0 = time.perf_counter()
        found = shared_passages(clean)
        seconds = time.perf_counter() - t0
        per_plan[n] = seconds / n
        print(f"  {n:>8,} {seconds:>9.2f} {seconds / n * 1000:>9.3f} {len(found):>10,}")
    if len(per_plan) > 1:
        lo, hi = min(per_plan), max(per_plan)
        print(f"  cost per plan at {hi:,} / at {lo:,}: {per_plan[hi] / per_plan[lo]:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--plants", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scale", type=int, nargs="*", default=[])
    args = ap.parse_args(argv)
    docs, plants = make(args.plans, args.plants, args.seed)
    clean = [CleanDoc.of(d) for d in docs]
    t0 = time.perf_counter()
    found = shared_passages(clean)
    seconds = time.perf_counter() - t0
    recall, precision = score(docs, plants, found)
    alone = shared_passages([CleanDoc.of(d) for d in make(args.plans, 0, args.seed)[0]])
    print(
        f"{args.plans} realistic plans, {len(plants)} planted passages (40-240 chars, 1-3 small edits), seed {args.seed}"
    )
    print(
        f"found {len(found)} passages in {seconds:.2f} s ({len(alone)} in the background alone, before planting)"
    )
    print(f"passage recall    {recall:.4f}   (target >= 0.99)")
    print(f"passage precision {precision:.4f}   (target >= 0.99)")
    if args.scale:
        scale(args.scale)
        print(f"  peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
