#!/usr/bin/env python3
"""Rebuild the shipped topic models in models/ from a corpus (default: the sample corpus).

    python scripts/train_topics.py [--corpus corpus/] [--out models/] [--k 6]

Trains an LDA (gensim) and an NMF (scikit-learn) model on the key-work sections of every plan, with fixed
seeds, and saves each to models/topics_<engine>_key_work/ (model.joblib + meta.json with parameters,
lexicon and corpus fingerprints, library versions and the top words).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unioncorpus as uc  # noqa: E402
from unioncorpus.themes import units  # noqa: E402
from unioncorpus.topics import TopicModel  # noqa: E402


def train(corpus_path: Path, out: Path, k: int) -> list[Path]:
    corpus = uc.load(corpus_path)
    texts = [u.text for u in units(corpus, unit="section", kinds=["key_work"])]
    written = []
    for engine in ("lda", "nmf"):
        model = TopicModel(engine, k, seed=0).fit(texts)
        written.append(model.save(out / f"topics_{engine}_key_work"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--k", type=int, default=6)
    args = ap.parse_args(argv)
    for folder in train(args.corpus, args.out, args.k):
        print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
