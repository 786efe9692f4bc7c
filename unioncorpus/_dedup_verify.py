"""Near-duplicate plans, step 4: exact verification of candidate pairs.

Each candidate gets its exact Jaccard similarity and the containment in both directions of the two shingle
sets: :func:`verify` from a :class:`ShingleSet` at hand, :func:`verify_texts` by rebuilding the sets from the
texts a block of pairs at a time (only the documents some candidate needs), with the blocks spread over worker
processes or Dask by :func:`unioncorpus.parallel.run_map`. Re-exported by :mod:`unioncorpus.dedup`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._dedup_shingles import DEFAULT_K, ShingleSet, unique_shingles


def verify(shingles: ShingleSet, pairs: np.ndarray) -> np.ndarray:
    """Exact ``(jaccard, a_in_b, b_in_a)`` for each pair."""
    out = np.zeros((len(pairs), 3))
    for row, (i, j) in enumerate(pairs):
        a, b = shingles.get(int(i)), shingles.get(int(j))
        if not len(a) or not len(b):
            continue
        inter = len(np.intersect1d(a, b, assume_unique=True))
        out[row] = (inter / (len(a) + len(b) - inter), inter / len(a), inter / len(b))
    return out


def _verify_chunk(item: tuple) -> np.ndarray:
    texts, docs, pairs, k, seed = item
    pos = {d: i for i, d in enumerate(docs.tolist())}
    sets = [unique_shingles(t, k=k, seed=seed) for t in texts]
    out = np.zeros((len(pairs), 3))
    for row, (i, j) in enumerate(pairs.tolist()):
        a, b = sets[pos[i]], sets[pos[j]]
        if len(a) and len(b):
            at = np.searchsorted(b, a)  # both sorted: count a's members found in b
            at[at == len(b)] = 0
            inter = int(np.count_nonzero(b[at] == a))
            out[row] = (inter / (len(a) + len(b) - inter), inter / len(a), inter / len(b))
    return out


def verify_texts(
    texts: Sequence[str],
    pairs: np.ndarray,
    *,
    k: int = DEFAULT_K,
    seed: int = 1,
    block: int = 20000,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
) -> np.ndarray:
    """Exact ``(jaccard, a_in_b, b_in_a)`` for each pair, the shingle sets rebuilt from the texts ``block``
    pairs at a time: only the documents some candidate needs, and only a block's worth at once."""
    from .parallel import resolve_jobs, run_map

    block = max(1000, min(block, -(-len(pairs) // (4 * resolve_jobs(jobs))) or 1))
    items = []
    for a in range(0, len(pairs), block):
        blk = pairs[a : a + block]
        docs = np.unique(blk)
        items.append(([texts[int(d)] for d in docs], docs, blk, k, seed))
    parts = run_map(_verify_chunk, items, jobs=jobs, scheduler=scheduler, show_progress=show_progress,
                    desc="近似重复 near-duplicates: verifying", unit="block")  # fmt: skip
    return np.concatenate(parts) if parts else np.zeros((0, 3))
