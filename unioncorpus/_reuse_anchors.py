"""Text reuse, step 2: the index keys and the anchors between plans that share them.

The keys (:class:`Postings`) are clauses of at least ``min_clause`` characters, pairs of consecutive clauses
and the winnowed fingerprints, sorted so that each key's holders sit together. :func:`anchor_pairs` pairs the
holders of each key: every pair when at most ``max_df`` plans hold it, each holder with the first ones only when
more do (boilerplate), so a key held by *m* plans costs *m* anchors, not *m* squared. On Dask the postings are
grouped by a shuffle of a :mod:`dask.dataframe` on the key and paired partition by partition
(:func:`_anchor_pairs_dask`). :func:`_two_hits` then drops the pairs a single short anchor joins. Re-exported
by :mod:`unioncorpus.reuse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._dedup_shingles import _splitmix64
from ._reuse_clauses import KGRAM, ClauseTable

if TYPE_CHECKING:
    from .reuse import PassageOptions


@dataclass(frozen=True)
class Postings:
    """Index keys with where they occur, sorted by (key, document, clause): ``key`` (uint64), ``clause``
    (global clause index, for chaining), ``span`` (clauses covered, 1 or 2) and ``start``/``end`` (the
    characters the key covers, cleaned offsets in its document)."""

    key: np.ndarray
    clause: np.ndarray
    span: np.ndarray
    start: np.ndarray
    end: np.ndarray
    fingerprint: np.ndarray  # int8: 1 for a winnowed fingerprint, 0 for a clause or clause pair

    def __len__(self) -> int:
        return len(self.key)

    def take(self, idx: np.ndarray) -> Postings:
        return Postings(self.key[idx], self.clause[idx], self.span[idx], self.start[idx], self.end[idx],
                        self.fingerprint[idx])  # fmt: skip


def anchor_keys(table: ClauseTable, *, min_clause: int = 5, max_per_doc: int = 4) -> Postings:
    """The index: clauses of at least ``min_clause`` characters, pairs of consecutive clauses of one document
    (keyed on both hashes: specific even when both clauses are formulaic), and the winnowed fingerprints. A
    key repeated in a document is kept there at most ``max_per_doc`` times."""
    n = len(table)
    g = np.arange(n, dtype=np.int64)
    length = table.length
    uni = g[length >= min_clause]
    same = np.zeros(n, dtype=bool)
    if n > 1:
        same[:-1] = table.doc[1:] == table.doc[:-1]
    bi = g[same & ((length + np.r_[length[1:], 0]) >= 2 * min_clause)]
    with np.errstate(over="ignore"):
        bi_keys = _splitmix64(
            table.hash[bi] * np.uint64(0xD6E8FEB86659FD93) ^ table.hash[np.minimum(bi + 1, n - 1)]
        )
    nu, nb = len(uni), len(bi)
    keys = np.concatenate([table.hash[uni], bi_keys, table.fp_key])
    clause = np.concatenate([uni, bi, table.fp_clause])
    # sorted by (key, clause), a key's postings in one document kept at most max_per_doc times; the other
    # columns are gathered for the kept postings only, one at a time (at 100,000 plans the index has some
    # 80 million postings: whole temporary columns would cost gigabytes)
    order = np.lexsort((clause, keys))
    keys, clause = keys[order], clause[order]
    docs = table.doc[clause]
    new = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    new[1:] |= docs[1:] != docs[:-1]
    del docs
    first = np.flatnonzero(new)
    del new
    nxt = np.r_[first[1:], len(keys)] if len(first) else first
    keep = np.zeros(len(keys), dtype=bool)
    for k in range(max_per_doc):
        at = first + k
        keep[at[at < nxt]] = True
    del first, nxt
    keys, clause, src = keys[keep], clause[keep], order[keep]
    del order, keep
    span = np.ones(len(src), dtype=np.int8)
    span[(src >= nu) & (src < nu + nb)] = 2
    start = np.concatenate([table.start[uni], table.start[bi], table.fp_start])[src].astype(
        np.int32, copy=False
    )
    ends = table.end[np.minimum(bi + 1, n - 1)]
    end = np.concatenate([table.end[uni], ends, table.fp_start + KGRAM])[src].astype(np.int32, copy=False)
    return Postings(keys, clause, span, start, end, (src >= nu + nb).astype(np.int8))


def anchor_pairs(
    post: Postings, doc: np.ndarray, *, max_df: int = 16, reps: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Anchors between documents sharing a key: positions ``(ia, ib)`` in ``post``, document of a < of b.

    ``post`` must hold each key's postings together, in (document, clause) order — as :func:`anchor_keys`
    gives them, or as a Dask shuffle on the key followed by the same sort. A key held by at most ``max_df``
    documents anchors every pair of them; a more common clause key anchors each holder to its first ``reps``
    holders only (with more than one, the later holders also cover what the first one's own copy left out),
    and a more common
    fingerprint (a stock phrase) anchors nothing.
    """
    keys = post.key
    z = np.zeros(0, dtype=np.int64)
    if len(keys) < 2:
        return z, z
    d = doc[post.clause]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    new_doc = np.r_[True, (keys[1:] != keys[:-1]) | (d[1:] != d[:-1])]
    df = np.add.reduceat(new_doc.astype(np.int64), starts)
    out_a, out_b = [], []
    clique = (df >= 2) & (df <= max_df)
    for m in np.unique(sizes[clique]).tolist():
        first = starts[clique & (sizes == m)]
        i, j = np.triu_indices(m, 1)
        a = (first[:, None] + i[None, :]).ravel()
        b = (first[:, None] + j[None, :]).ravel()
        ok = d[a] != d[b]
        out_a.append(a[ok])
        out_b.append(b[ok])
    star = (df > max_df) & (post.fingerprint[starts] == 0)
    if star.any():
        # rank of each posting's document among the key's holders (0 for the first holder)
        group = np.repeat(np.arange(len(starts)), sizes)
        rank = np.cumsum(new_doc) - 1
        rank -= rank[starts][group]
        members = np.flatnonzero(star[group])
        for k in range(reps):
            holder = np.flatnonzero(new_doc & (rank == k) & star[group])  # k-th holder's first posting
            at = np.full(len(starts), -1)
            at[group[holder]] = holder
            m = members[(rank[members] > k) & (at[group[members]] >= 0)]
            out_a.append(at[group[m]])
            out_b.append(m)
    if not out_a:
        return z, z
    return np.concatenate(out_a), np.concatenate(out_b)


def _two_hits(table: ClauseTable, post: Postings, ia: np.ndarray, ib: np.ndarray, long: int):
    """Drop the anchors of pairs that have only one, unless it covers ``long`` characters: a lone short hit
    is a chance meeting of set phrases (most pairs of plans have one), and dropping it here spares the sort
    of every later step."""
    da = table.doc[post.clause[ia]].astype(np.int64)
    db = table.doc[post.clause[ib]].astype(np.int64)
    _, inv, counts = np.unique(
        da * (int(db.max(initial=0)) + 1) + db, return_inverse=True, return_counts=True
    )
    keep = (counts[inv] >= 2) | ((post.end[ia] - post.start[ia]) >= long)
    return ia[keep], ib[keep]


def _anchor_pairs_dask(post: Postings, doc: np.ndarray, o: PassageOptions, scheduler: str):
    """:func:`anchor_pairs` on Dask: the postings grouped by key through a shuffle of a dask.dataframe,
    each partition's keys paired where they are, the anchors gathered back."""
    import dask.dataframe as dd
    import pandas as pd

    from .parallel import dask_compute

    frame = pd.DataFrame({"key": post.key.view(np.int64), "pid": np.arange(len(post), dtype=np.int64),
                          "doc": doc[post.clause].astype(np.int64), "clause": post.clause.astype(np.int64),
                          "fingerprint": post.fingerprint})  # fmt: skip
    n_parts = max(1, min(64, len(frame) // 200_000 + 1))
    grouped = dd.from_pandas(frame, npartitions=n_parts, sort=False).shuffle("key", npartitions=n_parts)
    meta = pd.DataFrame({"ia": pd.Series(dtype="int64"), "ib": pd.Series(dtype="int64")})
    pairs = grouped.map_partitions(_anchor_pairs_part, max_df=o.max_df, reps=o.reps, meta=meta)
    (out,) = dask_compute(pairs, scheduler=scheduler)
    return out["ia"].to_numpy(dtype=np.int64), out["ib"].to_numpy(dtype=np.int64)


def _anchor_pairs_part(frame, *, max_df: int, reps: int):
    """:func:`anchor_pairs` on one partition of a key shuffle (every posting of its keys is here)."""
    import pandas as pd

    frame = frame.sort_values(["key", "clause"], kind="stable")
    z = np.zeros(len(frame), dtype=np.int32)
    post = Postings(frame["key"].to_numpy().view(np.uint64), np.arange(len(frame)), z, z, z,
                    frame["fingerprint"].to_numpy())  # fmt: skip
    ia, ib = anchor_pairs(post, frame["doc"].to_numpy(), max_df=max_df, reps=reps)
    pid = frame["pid"].to_numpy()
    return pd.DataFrame({"ia": pid[ia], "ib": pid[ib]})
