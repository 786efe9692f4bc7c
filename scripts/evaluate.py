#!/usr/bin/env python3
"""Score unioncorpus's extraction against the hand-made gold annotations.

    python scripts/evaluate.py [--shared ../shared] [--json]

For every ``GOLD/*.json`` the matching seed file is extracted and scored with the shared scorer
(``eval/score.py``); one block of figures per gold file is printed, then the minimum over files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unioncorpus as uc  # noqa: E402

HEADLINE = (
    ("documents", "f1"),
    ("document_boundaries_exact", None),
    ("section_line_accuracy", None),
    ("section_kinds_present", "f1"),
    ("activities", "f1"),
    ("year_accuracy", None),
    ("doc_type_accuracy", None),
    ("school_level_accuracy", None),
    ("party_congress_refs", "f1"),
)


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def evaluate(shared: Path) -> dict[str, dict]:
    scorer = load_scorer(shared)
    results = {}
    for gold_path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw_path = shared / "seeds" / gold["source"]
        corpus = uc.extract([raw_path])
        preds = [d.to_dict() for d in corpus]
        raw = raw_path.read_text(encoding="utf-8").split("\n")
        results[gold_path.name] = scorer.score(gold, preds, raw)
    return results


def near_duplicate_check(shared: Path) -> tuple[set, set]:
    """(gold pairs, reported pairs) of near-duplicate documents over all seed files together, gold ids."""
    corpus = uc.extract(sorted((shared / "seeds").iterdir()))
    short = {}
    for d in corpus:
        stem, n = d.id.rsplit("-", 1)
        short[d.id] = f"{stem[:3]}-{n}"
    nd = corpus.near_duplicates
    found = {tuple(sorted((short[a], short[b]))) for a, b in zip(nd["doc_a"], nd["doc_b"], strict=True)}
    gold = set()
    for path in sorted((shared / "gold").glob("*.json")):
        for d in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            gold |= {tuple(sorted((d["id"], o))) for o in d["near_duplicate_of"]}
    return gold, found


def value(result: dict, key: str, sub: str | None) -> float:
    v = result[key]
    return v[sub] if sub else v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true", help="print the full scores as JSON")
    args = ap.parse_args(argv)
    if not (args.shared / "gold").is_dir():
        print(f"no gold annotations under {args.shared}/gold", file=sys.stderr)
        return 2
    results = evaluate(args.shared)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    names = list(results)
    print(f"{'measure':34}" + "".join(f"{n:>10}" for n in names) + f"{'min':>10}")
    for key, sub in HEADLINE:
        vals = [value(results[n], key, sub) for n in names]
        label = f"{key}{'.' + sub if sub else ''}"
        print(f"{label:34}" + "".join(f"{v:>10.4f}" for v in vals) + f"{min(vals):>10.4f}")
    gold, found = near_duplicate_check(args.shared)
    print(
        f"\nnear-duplicate pairs (all seed files together, default thresholds): gold {len(gold)}, "
        f"found {len(found & gold)}, missed {sorted(gold - found)}, extra {sorted(found - gold)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
