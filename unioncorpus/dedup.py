"""Stage 6 — near-duplicate plans: character shingles, MinHash + LSH, exact verification.

Everything is vectorised over whole batches of documents with numpy:

* **Shingling.** Each plan's body is reduced to its characters that carry content (punctuation, spaces, list
  numbering and placeholder noise such as xx, ____, 20xx, *** removed), keeping for every character the raw
  line it came from. Shingles are the k-character substrings, hashed by a rolling polynomial hash finished
  with the splitmix64 mixer (seeded), so a batch of a million shingles costs a few numpy passes. (A
  per-shingle hash library such as xxhash would need one Python call per shingle, which is the cost that
  makes datasketch slow; here nothing runs per shingle in Python.)
* **Signatures.** One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification (Shrivastava
  2017): each shingle hash is split into a bin (its top bits) and a 32-bit value; a signature is the minimum
  value per bin. One hash per shingle instead of one per shingle *and* permutation, with the same estimator
  (share of equal slots) and the same accuracy for plans of hundreds of shingles.
* **LSH.** Signatures are cut into ``bands`` × ``rows`` chosen from the requested Jaccard threshold by
  minimising the weighted false-positive and false-negative areas (as datasketch does); documents sharing a
  band key become candidates.
* **Containment.** A short plan cut out of a long one has a low Jaccard similarity with it, so LSH alone
  misses it. Every plan also keeps the shingles whose hash falls in a fixed 1/``sample_rate`` slice of the
  hash space — the same shingles in every plan — and plans sharing enough of them become candidates too.
* **Verification.** Candidates are checked with the exact Jaccard similarity and the containment in both
  directions of their shingle sets.

The steps live in private modules: cleaning and shingling in ``_dedup_shingles``, signatures, band keys and
samples in ``_dedup_sketches``, candidate pairs in ``_dedup_candidates``, exact verification in
``_dedup_verify``. This module is the public front: :func:`near_duplicates`, :func:`clusters`, and every name of
the steps re-exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

# `name as name`: re-exported, so the steps' names stay importable from this module
from ._dedup_candidates import estimate as estimate
from ._dedup_candidates import estimate_pairs as estimate_pairs
from ._dedup_candidates import exact_copies, sketch_candidates
from ._dedup_shingles import DEFAULT_K, ShingleSet, clean_text, shingle
from ._dedup_shingles import MASK64 as MASK64
from ._dedup_shingles import _splitmix64 as _splitmix64
from ._dedup_shingles import clean_units as clean_units
from ._dedup_shingles import unique_shingles as unique_shingles
from ._dedup_sketches import LSH_WEIGHTS as LSH_WEIGHTS
from ._dedup_sketches import Sketches, lsh_params, signatures, sketch_shingles, sketch_texts
from ._dedup_sketches import band_keys as band_keys
from ._dedup_sketches import sample_mask as sample_mask
from ._dedup_sketches import sample_rates as sample_rates
from ._dedup_verify import verify, verify_texts
from .model import Document

__all__ = [
    "DEFAULT_K",
    "ShingleSet",
    "clean_text",
    "lsh_params",
    "near_duplicates",
    "shingle",
    "signatures",
]


def near_duplicate_pairs(
    texts: Sequence[str],
    *,
    threshold: float = 0.5,
    containment: float = 0.5,
    k: int = DEFAULT_K,
    num_perm: int = 128,
    seed: int = 1,
    min_shingles: int = 20,
    chunk: int = 4096,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Near-duplicate pairs of ``texts`` as arrays: ``pairs`` (i < j, positions in ``texts``) and their
    exact ``(jaccard, a_in_b, b_in_a)``; exact copies come first, listed against their first occurrence.

    Memory holds the sketches (a few hundred bytes per text) and one chunk or block at a time; 1M plans of
    1,500 characters run in a few GB (``scripts/bench_dedup.py`` measures it).
    """
    sk = sketch_texts(texts, k=k, seed=seed, threshold=threshold, num_perm=num_perm, chunk=chunk, jobs=jobs,
                      scheduler=scheduler, show_progress=show_progress)  # fmt: skip

    def check(pairs: np.ndarray) -> np.ndarray:
        return verify_texts(
            texts, pairs, k=k, seed=seed, jobs=jobs, scheduler=scheduler, show_progress=show_progress
        )

    return _search(sk, check, threshold=threshold, containment=containment, min_shingles=min_shingles,
                   scheduler=scheduler)  # fmt: skip


def _search(
    sk: Sketches,
    check,
    *,
    threshold: float,
    containment: float,
    min_shingles: int,
    scheduler: str | None = None,
):
    """Exact copies, candidates and their exact check (``check(pairs)`` gives the scores): the pairs kept
    and their ``(jaccard, a_in_b, b_in_a)``, copies first."""
    reps, copies = exact_copies(sk, min_shingles=min_shingles)
    pairs = sketch_candidates(sk, reps, threshold=threshold, containment=containment, scheduler=scheduler)
    if len(pairs):
        pairs = pairs[(sk.sizes[pairs[:, 0]] >= min_shingles) & (sk.sizes[pairs[:, 1]] >= min_shingles)]
    scores = check(pairs)
    keep = (scores[:, 0] >= threshold) | (np.maximum(scores[:, 1], scores[:, 2]) >= containment)
    return np.concatenate([copies, pairs[keep]]), np.concatenate([np.ones((len(copies), 3)), scores[keep]])


def near_duplicates(
    docs: Iterable[Document] | ShingleSet | Sequence[str],
    *,
    ids: Sequence[str] | None = None,
    threshold: float = 0.5,
    containment: float = 0.5,
    k: int = DEFAULT_K,
    num_perm: int = 128,
    seed: int = 1,
    min_shingles: int = 20,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
):
    """Pairs of near-duplicate plans: Jaccard ≥ ``threshold`` or one contained in the other ≥ ``containment``.

    ``docs`` are documents, their :class:`ShingleSet`, or cleaned texts (with ``ids``). Returns a DataFrame
    with ``doc_a``, ``doc_b``, ``jaccard``, ``a_in_b``, ``b_in_a`` (exact values), sorted by Jaccard, then
    by document order. Plans with fewer than ``min_shingles`` shingles are too short to call copies and are
    skipped. Exact copies (identical shingle sets) are common — one template sent in by many schools: they
    are indexed once and listed against their first occurrence, so the table grows with the copies, not with
    their square; :func:`clusters` still gathers them all.
    """
    if isinstance(docs, ShingleSet):
        ids = docs.ids
        sk = sketch_shingles(docs, threshold=threshold, num_perm=num_perm)
        shingles = docs
        pairs, scores = _search(sk, lambda p: verify(shingles, p), threshold=threshold, containment=containment,
                                min_shingles=min_shingles)  # fmt: skip
    else:
        docs = list(docs)
        if docs and not isinstance(docs[0], str):
            ids = [d.id for d in docs]
            docs = [clean_text(d)[0] for d in docs]
        elif ids is None:
            ids = [str(i) for i in range(len(docs))]
        pairs, scores = near_duplicate_pairs(docs, threshold=threshold, containment=containment, k=k, num_perm=num_perm,
                                             seed=seed, min_shingles=min_shingles, jobs=jobs, scheduler=scheduler,
                                             show_progress=show_progress)  # fmt: skip
    return _pairs_table(pairs, scores, ids)


def _pairs_table(pairs: np.ndarray, scores: np.ndarray, ids: Sequence[str]):
    import pandas as pd

    cols = ["doc_a", "doc_b", "jaccard", "a_in_b", "b_in_a"]
    sc = np.round(scores, 4)
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -sc[:, 0])) if len(pairs) else np.zeros(0, dtype=np.int64)
    ids_arr = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {"doc_a": ids_arr[pairs[order, 0]] if len(order) else [], "doc_b": ids_arr[pairs[order, 1]] if len(order) else [],
         "jaccard": sc[order, 0], "a_in_b": sc[order, 1], "b_in_a": sc[order, 2]},
        columns=cols,
    )  # fmt: skip


def _subset(shingles: ShingleSet, idx: list[int]) -> ShingleSet:
    parts = [shingles.get(i) for i in idx]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in parts])
    values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return ShingleSet([shingles.ids[i] for i in idx], values, offsets, shingles.k, shingles.seed)


def clusters(pairs, ids: Sequence[str]) -> list[list[str]]:
    """Groups of near-identical plans: connected components of the near-duplicate pairs (size ≥ 2)."""
    import networkx as nx  # a core dependency; scipy is only in the [topics] extra

    pos = {d: i for i, d in enumerate(ids)}
    if len(pairs) == 0:
        return []
    graph = nx.Graph()
    graph.add_edges_from(zip(pairs["doc_a"], pairs["doc_b"], strict=True))
    groups = [sorted(component, key=pos.__getitem__) for component in nx.connected_components(graph)]
    return sorted((g for g in groups if len(g) >= 2), key=lambda g: (-len(g), g[0]))
