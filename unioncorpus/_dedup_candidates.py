"""Near-duplicate plans, step 3: candidate pairs from the sketches alone (LSH banding and shared samples).

Documents sharing an LSH band key, or enough containment samples, become candidates; a key held by too many
documents pairs each with its first holder only, so the cost stays linear in the bucket. Exact copies (equal
shingle sets) are set aside first and listed against their first occurrence, and candidates whose MinHash
estimate falls well below the threshold are dropped before the exact check. The buckets are paired in one
process, or on Dask after a shuffle of the keys (:func:`_close_pairs_dask`). Re-exported by
:mod:`unioncorpus.dedup`.
"""

from __future__ import annotations

import itertools

import numpy as np

from ._dedup_sketches import Sketches, sample_rates


def _buckets(keys: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Owners sorted by key (one entry per key and owner), the start of each key's bucket and its size."""
    order = np.lexsort((owners, keys))
    k, o = keys[order], owners[order]
    if len(k):
        new = np.r_[True, (k[1:] != k[:-1]) | (o[1:] != o[:-1])]
        k, o = k[new], o[new]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.zeros(0, dtype=np.int64)
    return o.astype(np.int64), starts, np.diff(np.r_[starts, len(k)])


def _bucket_pairs(o: np.ndarray, starts: np.ndarray, sizes: np.ndarray, max_bucket: int) -> np.ndarray:
    """Pairs (i < j) within each bucket of :func:`_buckets`; a bucket of more than ``max_bucket`` owners
    pairs each with its first owner only."""
    out = [np.zeros((0, 2), dtype=np.int64)]
    small = (sizes >= 2) & (sizes <= max_bucket)
    for m in np.unique(sizes[small]).tolist():
        first = starts[small & (sizes == m)]
        i, j = np.triu_indices(m, 1)
        out.append(np.stack([o[(first[:, None] + i).ravel()], o[(first[:, None] + j).ravel()]], axis=1))
    big = sizes > max_bucket
    if big.any():
        owner = np.repeat(starts[big], sizes[big] - 1)
        member = np.concatenate(
            [np.arange(s + 1, s + m) for s, m in zip(starts[big].tolist(), sizes[big].tolist(), strict=True)]
        )
        out.append(np.stack([o[owner], o[member]], axis=1))
    return np.concatenate(out)


def _pairs_from_keys(keys: np.ndarray, owners: np.ndarray, *, max_bucket: int) -> np.ndarray:
    """Pairs (i < j) of owners sharing a key. A bucket of more than ``max_bucket`` owners gives each of them
    paired with its first owner only: linear in the bucket, and :func:`clusters` still joins them all."""
    return _bucket_pairs(*_buckets(keys, owners), max_bucket)


def _close_pairs(
    keys: np.ndarray,
    owners: np.ndarray,
    *,
    max_bucket: int,
    signatures: np.ndarray,
    sizes: np.ndarray,
    containment: bool,
    cutoff: float,
    chunk: int = 1 << 20,
) -> np.ndarray:
    """:func:`_pairs_from_keys` keeping only pairs whose MinHash estimate (of Jaccard similarity, or of
    containment) reaches ``cutoff``, one pair per (key, pair). Buckets are paired about ``chunk`` pairs at a
    time and filtered at once, so the raw pairs of a large corpus never exist all together."""
    o, starts, bsizes = _buckets(keys, owners)
    cost = np.where(bsizes > max_bucket, bsizes - 1, bsizes * (bsizes - 1) // 2)
    cum = np.cumsum(cost)
    cuts = np.unique(
        np.r_[0, np.searchsorted(cum, np.arange(chunk, cum[-1] if len(cum) else 0, chunk)), len(starts)]
    )
    kept = [np.zeros((0, 2), dtype=np.int64)]
    for a, b in itertools.pairwise(cuts):
        pairs = _bucket_pairs(o, starts[a:b], bsizes[a:b], max_bucket)
        jac, con = estimate_pairs(signatures, sizes, pairs)
        kept.append(pairs[(con if containment else jac) >= cutoff])
    return np.concatenate(kept)


def exact_copies(sk: Sketches, *, min_shingles: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """``(reps, copies)``: the first document of each distinct shingle set, and ``(first, copy)`` rows for
    later documents with the same set (sets of at least ``min_shingles``)."""
    n = len(sk)
    order = np.lexsort((np.arange(n), sk.sizes, sk.fingerprints))
    f, z = sk.fingerprints[order], sk.sizes[order]
    new = np.r_[True, (f[1:] != f[:-1]) | (z[1:] != z[:-1])] if n else np.zeros(0, dtype=bool)
    head = order[np.flatnonzero(new)[np.cumsum(new) - 1]] if n else order
    is_copy = np.zeros(n, dtype=bool)
    is_copy[order] = ~new & (z >= min_shingles)
    copies = (
        np.stack([head[np.argsort(order)][is_copy], np.flatnonzero(is_copy)], axis=1)
        if n
        else np.zeros((0, 2), dtype=np.int64)
    )
    return np.flatnonzero(~is_copy), copies


def sketch_candidates(
    sk: Sketches,
    docs: np.ndarray,
    *,
    sample_rate: int = 64,
    min_shared_samples: int = 2,
    min_share: float = 0.3,
    max_bucket: int = 64,
    max_sample_bucket: int = 100,
    threshold: float = 0.5,
    containment: float = 0.5,
    margin: float = 0.1,
    scheduler: str | None = None,
) -> np.ndarray:
    """Candidate pairs (i < j, indices of documents) among ``docs``, from sketches alone: a shared LSH band
    key, or enough shared containment samples. A pair needs at least ``min_shared_samples`` shared samples
    and ``min_share`` of the samples the smaller plan has in the coarser of the two sampling slices (a plan
    half contained in another shares about half). Samples held by more than ``max_sample_bucket`` plans are
    boilerplate every plan has; they say nothing about which plan was copied from which and are skipped.

    LSH candidates whose MinHash estimate of Jaccard similarity falls more than ``margin`` below
    ``threshold``, and sample candidates whose estimate of containment falls more than ``margin`` below
    ``containment``, are dropped before the exact check. (Containment is looked for through the samples
    only: they leave out boilerplate that hundreds of plans share, which would otherwise make most pairs of
    template-built plans half contained in each other.) With 128 slots
    the estimate's standard error at 0.5 is about 0.045 (0.06 for containment between plans of unequal
    length), so a pair right at the threshold is kept with probability 0.95-0.99 and one 0.05 above it
    almost surely, while the many chance candidates of a corpus full of shared templates cost no
    verification (on 10,000 benchmark plans: 27,000 candidates verified instead of 230,000, every true pair
    kept).
    """
    n = len(sk)
    member = np.zeros(n, dtype=bool)
    member[docs] = True
    sel = member[sk.sample_owners]
    owners = docs.astype(np.int64)
    lsh_opts = {"max_bucket": max_bucket, "containment": False, "cutoff": threshold - margin}
    sample_opts = {"max_bucket": max_sample_bucket, "containment": True, "cutoff": containment - margin}
    if scheduler is None:
        lsh = [_close_pairs(sk.keys[docs, b], owners, signatures=sk.signatures, sizes=sk.sizes, **lsh_opts)
               for b in range(sk.keys.shape[1])]  # fmt: skip
        lsh = np.concatenate(lsh) if lsh else np.zeros((0, 2), dtype=np.int64)
        shared = _close_pairs(sk.sample_hashes[sel], sk.sample_owners[sel], signatures=sk.signatures,
                              sizes=sk.sizes, **sample_opts)  # fmt: skip
    else:  # the same buckets, grouped by a shuffle of the keys on the cluster
        bands = np.arange(sk.keys.shape[1], dtype=np.int64)
        band_key = (bands[None, :] << 32) | sk.keys[docs].astype(np.int64)
        lsh, shared = _close_pairs_dask(
            [(band_key.ravel(), np.repeat(owners, len(bands)), lsh_opts),
             (sk.sample_hashes[sel].astype(np.int64), sk.sample_owners[sel], sample_opts)],
            sk, scheduler,
        )  # fmt: skip
    parts = [_distinct_pairs(lsh, n)]
    if len(shared):  # one row per shared sample: count them
        codes, counts = np.unique(shared[:, 0] * n + shared[:, 1], return_counts=True)
        a, b = codes // n, codes % n
        rates = sample_rates(sk.sizes, max_rate=sample_rate)
        expected = np.minimum(sk.sizes[a], sk.sizes[b]) / np.maximum(rates[a], rates[b])
        keep = (counts >= min_shared_samples) & (counts >= min_share * expected)
        parts.append(np.stack([a[keep], b[keep]], axis=1))
    return _distinct_pairs(np.concatenate(parts), n)


def _close_pairs_dask(tables: list[tuple[np.ndarray, np.ndarray, dict]], sk: Sketches, scheduler: str):
    """:func:`_close_pairs` for each ``(keys, owners, options)``, on Dask: each table becomes a
    dask.dataframe shuffled on the key, so every bucket lands whole in one partition and is paired and
    filtered there (the signatures are broadcast to the workers once)."""
    import dask
    import dask.dataframe as dd
    import pandas as pd

    from .parallel import dask_compute

    shared = dask.delayed((sk.signatures, sk.sizes), traverse=False)
    meta = pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")})
    outs = []
    for keys, owners, opts in tables:
        frame = pd.DataFrame({"key": keys, "owner": owners})
        n_parts = max(1, min(64, len(frame) // 500_000 + 1))
        grouped = dd.from_pandas(frame, npartitions=n_parts, sort=False).shuffle("key", npartitions=n_parts)
        outs.append(grouped.map_partitions(_close_pairs_part, shared, opts, meta=meta))
    done = dask_compute(*outs, scheduler=scheduler)
    return [d[["a", "b"]].to_numpy(dtype=np.int64).reshape(-1, 2) for d in done]


def _close_pairs_part(frame, shared, opts: dict):
    import pandas as pd

    signatures, sizes = shared
    pairs = _close_pairs(frame["key"].to_numpy(), frame["owner"].to_numpy(), signatures=signatures, sizes=sizes,
                         **opts)  # fmt: skip
    return pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]})


def _distinct_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    if not len(pairs):
        return pairs.reshape(0, 2).astype(np.int64)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def estimate(sk: Sketches, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """MinHash estimates of each pair's Jaccard similarity and of the larger containment (the smaller plan
    in the larger), from the signatures and the set sizes."""
    return estimate_pairs(sk.signatures, sk.sizes, pairs)


def estimate_pairs(
    signatures: np.ndarray, sizes: np.ndarray, pairs: np.ndarray, *, block: int = 1 << 16
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`estimate` from the arrays themselves; in blocks, to bound the temporaries."""
    jac = np.empty(len(pairs))
    for a in range(0, len(pairs), block):
        p = pairs[a : a + block]
        jac[a : a + block] = (signatures[p[:, 0]] == signatures[p[:, 1]]).mean(axis=1)
    sa, sb = sizes[pairs[:, 0]].astype(np.float64), sizes[pairs[:, 1]].astype(np.float64)
    inter = jac * (sa + sb) / (1 + jac)
    return jac, inter / np.maximum(np.minimum(sa, sb), 1)
