"""Text reuse, step 3: anchors chained into runs and runs into chains, pair by pair.

The anchors of a pair of plans are grouped along diagonals (the same clause offset in both plans) across gaps
of at most ``gap`` clauses (:func:`_runs`), and runs that follow each other in both plans, within ``max_gap``
characters, are linked into chains by pointer jumping (:func:`_merge_runs`), so a clause split, merged or
edited between two exact stretches does not break a passage. Every step is a few array operations over all
pairs at once. Used by :func:`unioncorpus.reuse.find_passages`.
"""

from __future__ import annotations

import numpy as np

from ._reuse_anchors import Postings
from ._reuse_clauses import ClauseTable

AFFIX = 10  # characters two chained runs may overlap by


def _runs(table: ClauseTable, post: Postings, ia: np.ndarray, ib: np.ndarray, *, gap: int) -> np.ndarray:
    """Runs of anchors along a diagonal (same clause offset in both documents), across gaps of at most
    ``gap`` clauses. Rows ``(doc_a, doc_b, a0, a1, b0, b1, a_start, a_end, b_start, b_end, anchors)``:
    clause indices in each document, the characters the run's anchors cover and how many anchors it has;
    sorted by pair, a0, b0."""
    ca, cb = post.clause[ia], post.clause[ib]
    da = table.doc[ca].astype(np.int64)
    db = table.doc[cb].astype(np.int64)
    la = ca - table.offsets[da]
    lb = cb - table.offsets[db]
    diag = la - lb
    # one int64 key instead of four: pair, then diagonal, then position (clause indices stay below 2**15)
    _, pair = np.unique(da * (int(db.max(initial=0)) + 1) + db, return_inverse=True)
    big = (la >= 1 << 15) | (np.abs(diag) >= 1 << 15)
    if big.any():
        order = np.lexsort((la, diag, db, da))
    else:
        order = np.argsort((pair.astype(np.int64) << 32) | ((diag + (1 << 15)) << 16) | la, kind="stable")
    da, db, la, diag, sp = da[order], db[order], la[order], diag[order], post.span[ia][order].astype(np.int64)
    sa, ea = post.start[ia][order].astype(np.int64), post.end[ia][order].astype(np.int64)
    sb, eb = post.start[ib][order].astype(np.int64), post.end[ib][order].astype(np.int64)
    if not len(da):
        return np.zeros((0, 11), dtype=np.int64)
    same = np.r_[False, (da[1:] == da[:-1]) & (db[1:] == db[:-1]) & (diag[1:] == diag[:-1])]
    end = la + sp
    group = np.cumsum(~same).astype(np.int64)
    shift = np.int64(1) << np.int64(32)
    furthest = np.maximum.accumulate(group * shift + end) - group * shift
    brk = ~same
    brk[1:] |= la[1:] > furthest[:-1] + gap
    first = np.flatnonzero(brk)
    a0 = la[first]
    runs = np.stack(
        [da[first], db[first], a0, np.maximum.reduceat(end, first), a0 - diag[first],
         np.maximum.reduceat(end, first) - diag[first], np.minimum.reduceat(sa, first),
         np.maximum.reduceat(ea, first), np.minimum.reduceat(sb, first), np.maximum.reduceat(eb, first),
         np.diff(np.r_[first, len(da)])],
        axis=1,
    )  # fmt: skip
    return runs[np.lexsort((runs[:, 4], runs[:, 2], runs[:, 1], runs[:, 0]))]


def _merge_runs(runs: np.ndarray, max_gap: int, lookback: int = 8) -> np.ndarray:
    """Chains of runs of one pair that follow each other in both documents.

    ``runs`` are sorted by (pair, a0, b0). Each run continues the nearest of the ``lookback`` runs before it
    that it starts at most ``max_gap`` characters after, in both documents (overlapping by at most
    :data:`AFFIX`), with the two gaps differing by at most ``max_gap`` — as an edit between two exact
    stretches leaves them. A repeated clause met elsewhere makes a run off the chain, which the chain
    skips. Chains are the paths ending in runs that nothing continues; their extents are gathered by
    pointer jumping, so the whole step is a few array operations per doubling.

    Returns ``(doc_a, doc_b, a_start, a_end, b_start, b_end, anchors)`` per chain: the characters covered
    by its runs' anchors, and their number.
    """
    if not len(runs):
        return np.zeros((0, 7), dtype=np.int64)
    r = runs[:, [0, 1, 6, 7, 8, 9, 10]]
    n = len(r)
    prev = np.full(n, -1, dtype=np.int64)
    for h in range(1, lookback + 1):
        i = np.arange(h, n)
        j = i - h
        ga, gb = r[i, 2] - r[j, 3], r[i, 4] - r[j, 5]
        ok = ((prev[i] < 0) & (r[i, 0] == r[j, 0]) & (r[i, 1] == r[j, 1]) & (r[i, 3] > r[j, 3]) & (r[i, 5] > r[j, 5])
              & (ga >= -AFFIX) & (ga <= max_gap) & (gb >= -AFFIX) & (gb <= max_gap) & (np.abs(ga - gb) <= max_gap))  # fmt: skip
        prev[i[ok]] = j[ok]
    continued = np.zeros(n, dtype=bool)
    continued[prev[prev >= 0]] = True
    lo_a, hi_a, lo_b, hi_b, count = (
        r[:, 2].copy(),
        r[:, 3].copy(),
        r[:, 4].copy(),
        r[:, 5].copy(),
        r[:, 6].copy(),
    )
    jump = prev.copy()
    while True:
        v = np.flatnonzero(jump >= 0)
        if not len(v):
            break
        u = jump[v]
        lo_a[v], hi_a[v] = np.minimum(lo_a[v], lo_a[u]), np.maximum(hi_a[v], hi_a[u])
        lo_b[v], hi_b[v] = np.minimum(lo_b[v], lo_b[u]), np.maximum(hi_b[v], hi_b[u])
        count[v] = count[v] + count[u]
        jump[v] = jump[u]
    ends = ~continued
    return np.stack(
        [r[ends, 0], r[ends, 1], lo_a[ends], hi_a[ends], lo_b[ends], hi_b[ends], count[ends]], axis=1
    )


def _runs_within(runs: np.ndarray, chains: np.ndarray) -> np.ndarray:
    """The runs (``doc_a, doc_b, a_start, a_end, b_start, b_end``) lying inside the a range of one of
    ``chains`` of the same pair."""
    import pandas as pd

    rk = pd.DataFrame(runs, columns=["a", "b", "s", "e", "bs", "be"])
    ck = pd.DataFrame(chains[:, :4], columns=["a", "b", "cs", "ce"])
    m = rk.merge(ck, on=["a", "b"])
    m = m[(m["s"] >= m["cs"]) & (m["e"] <= m["ce"])].drop_duplicates(["a", "b", "s", "e", "bs", "be"])
    return m[["a", "b", "s", "e", "bs", "be"]].to_numpy(dtype=np.int64)
