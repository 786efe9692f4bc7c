#!/usr/bin/env python3
"""Score unioncorpus's extraction against the hand-made gold annotations.

    python scripts/evaluate.py [--shared ../shared] [--heldout DIR] [--json]

Two sets side by side, each scored with the shared scorer (``eval/score.py``):

- **seeds** — ``gold/*.json`` over ``seeds/``: one column per gold file and the minimum;
- **pages** — ``pages/gold/*.json`` over ``pages/raw/``: real pages from 26 sites, figures pooled over
  pages (documents F1 from summed counts; boundaries, attributes and section lines over all gold documents;
  section lines over multi-line documents only, since a one-line document's gold is one raw line), plus
  union plan vs look-alike at page level (balanced accuracy of ``is_union_plan_page``).

``--heldout DIR`` scores another folder laid out like ``pages/`` (``raw/`` and ``gold/``) the same way.
``evaluation_sets.tsv`` beside this script lists the pages of the sets built so far (set, role, URL, a hash of
the raw text), so that a new held-out set can keep clear of every page and domain already used.
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
from unioncorpus.classify import submission_index  # noqa: E402

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
UNION_GENRES = ("union_plan",)


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _extract(raw_path: Path) -> tuple[list[dict], list[str], int]:
    """The predictions for one file, its raw lines, and which prediction is the file's submission (the
    document ``classify`` judges the file by)."""
    docs = list(uc.extract([raw_path]))
    first = submission_index(docs) if docs else -1
    return [d.to_dict() for d in docs], raw_path.read_text(encoding="utf-8").split("\n"), first


def evaluate(shared: Path) -> dict[str, dict]:
    """Seed files: the shared scorer's result per gold file."""
    scorer = load_scorer(shared)
    results = {}
    for gold_path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        preds, raw, _ = _extract(shared / "seeds" / gold["source"])
        results[gold_path.name] = scorer.score(gold, preds, raw)
    return results


def _prf(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def page_is_union_plan(docs: list[dict], submission: int) -> bool:
    """Whether ``classify`` keeps the page as a union plan: its submission is one (the test behind the
    verdict ``not_a_union_plan``, without the rest of classify's work)."""
    return bool(docs) and docs[submission].get("genre") in UNION_GENRES


def evaluate_pages(folder: Path, shared: Path) -> dict:
    """Pooled figures over a folder of pages (``raw/NNN.txt`` + ``gold/NNN.json``), and per-page rows."""
    scorer = load_scorer(shared)
    n = {k: 0 for k in ("doc_tp", "doc_pred", "doc_gold", "exact", "year", "doc_type", "school_level",
                        "sec_total", "sec_ok", "act_tp", "act_pred", "act_gold")}  # fmt: skip
    pages = {}
    confusion = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        preds, raw, submission = _extract(folder / "raw" / gold["source"])
        r = scorer.score(gold, preds, raw)
        gold_docs = gold["documents"]
        pairs = scorer.match_documents(gold_docs, preds, raw)
        n["doc_tp"] += len(pairs)
        n["doc_pred"] += len(preds)
        n["doc_gold"] += len(gold_docs)
        for key in ("year", "doc_type", "school_level"):
            n[key] += round(r[f"{key}_accuracy"] * len(gold_docs))
        n["exact"] += round(r["document_boundaries_exact"] * len(gold_docs))
        for g, p, _ in pairs:
            gk = scorer.line_kinds(g, raw)
            if len(gk) < 2:
                continue  # a one-line document: its gold is the whole raw line
            pk = scorer.line_kinds(p, raw)
            n["sec_total"] += len(gk)
            n["sec_ok"] += sum(pk.get(k) == v for k, v in gk.items())
        for g in gold_docs:
            ga = g.get("monthly_activities", [])
            pa = next((p.get("activities", []) for gg, p, _ in pairs if gg is g), [])
            n["act_tp"] += scorer.match_activities(ga, pa)
            n["act_pred"] += len(pa)
            n["act_gold"] += len(ga)
        truth = bool(gold.get("is_union_plan_page"))
        guess = page_is_union_plan(preds, submission)
        confusion[truth, guess] += 1
        pages[gold_path.stem] = {"scores": r, "union_page": truth, "predicted_union_page": guess}
    pos = confusion[True, True] + confusion[True, False]
    neg = confusion[False, True] + confusion[False, False]
    tpr = confusion[True, True] / pos if pos else 1.0
    tnr = confusion[False, False] / neg if neg else 1.0
    docs = n["doc_gold"] or 1
    pooled = {
        "documents.f1": _prf(n["doc_tp"], n["doc_pred"], n["doc_gold"]),
        "document_boundaries_exact": round(n["exact"] / docs, 4),
        "year_accuracy": round(n["year"] / docs, 4),
        "doc_type_accuracy": round(n["doc_type"] / docs, 4),
        "school_level_accuracy": round(n["school_level"] / docs, 4),
        "section_line_accuracy": round(n["sec_ok"] / n["sec_total"], 4) if n["sec_total"] else 1.0,
        "activities.f1": _prf(n["act_tp"], n["act_pred"], n["act_gold"]),
        "activities.precision": round(n["act_tp"] / n["act_pred"], 4) if n["act_pred"] else 1.0,
        "activities.recall": round(n["act_tp"] / n["act_gold"], 4) if n["act_gold"] else 1.0,
        "union_plan_balanced_accuracy": round((tpr + tnr) / 2, 4),
        "union_plans_kept": f"{confusion[True, True]}/{pos}",
        "look_alikes_rejected": f"{confusion[False, False]}/{neg}",
    }
    return {"pooled": pooled, "pages": pages, "counts": n}


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


def print_seeds(results: dict[str, dict]) -> None:
    names = list(results)
    print("seeds (one column per gold file)")
    print(f"{'measure':34}" + "".join(f"{n:>10}" for n in names) + f"{'min':>10}")
    for key, sub in HEADLINE:
        vals = [value(results[n], key, sub) for n in names]
        label = f"{key}{'.' + sub if sub else ''}"
        print(f"{label:34}" + "".join(f"{v:>10.4f}" for v in vals) + f"{min(vals):>10.4f}")


def print_pooled(sets: dict[str, dict]) -> None:
    names = list(sets)
    print(f"\n{'pooled over pages':34}" + "".join(f"{n:>14}" for n in names))
    for key in sets[names[0]]["pooled"]:
        vals = [sets[n]["pooled"][key] for n in names]
        print(f"{key:34}" + "".join(f"{v:>14.4f}" if isinstance(v, float) else f"{v:>14}" for v in vals))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--heldout", type=Path, action="append", default=[], help="another folder like pages/")
    ap.add_argument("--json", action="store_true", help="print the full scores as JSON")
    args = ap.parse_args(argv)
    if not (args.shared / "gold").is_dir():
        print(f"no gold annotations under {args.shared}/gold", file=sys.stderr)
        return 2
    seeds = evaluate(args.shared)
    sets = {}
    if (args.shared / "pages" / "gold").is_dir():
        sets["pages"] = evaluate_pages(args.shared / "pages", args.shared)
    for folder in args.heldout:
        sets[folder.name] = evaluate_pages(folder, args.shared)
    if args.json:
        print(json.dumps({"seeds": seeds, **sets}, ensure_ascii=False, indent=2))
        return 0
    print_seeds(seeds)
    if sets:
        print_pooled(sets)
    gold, found = near_duplicate_check(args.shared)
    print(
        f"\nnear-duplicate pairs (all seed files together, default thresholds): gold {len(gold)}, "
        f"found {len(found & gold)}, missed {sorted(gold - found)}, extra {sorted(found - gold)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
