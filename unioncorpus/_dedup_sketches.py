"""Near-duplicate plans, step 2: sketches, the few hundred bytes per plan that the candidate search keeps.

One-permutation MinHash signatures with rotation densification, LSH band keys with ``bands`` x ``rows`` chosen
from the Jaccard threshold by minimising the weighted false-positive and false-negative areas, containment
samples (the shingles in a fixed, nested slice of the hash space) and an order-free fingerprint of each shingle
set, gathered in :class:`Sketches`. :func:`sketch_texts` builds them chunk by chunk (in worker processes or on
Dask through :func:`unioncorpus.parallel.run_map`), so memory does not grow with the batch. Re-exported by
:mod:`unioncorpus.dedup`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from ._dedup_shingles import DEFAULT_K, ShingleSet, _splitmix64
from .errors import UnknownOptionError


def signatures(shingles: ShingleSet, *, num_perm: int = 128) -> np.ndarray:
    """One-permutation MinHash signatures (``n_docs × num_perm``, uint32) of a batch, densified.

    A shingle's bin is the top ``log2(num_perm)`` bits of its hash and its value the next 32 bits. Each
    document's hashes are sorted, so the first hash of every bin is that bin's minimum: the whole batch is
    one vectorised pass, with no per-permutation work. ``num_perm`` must be a power of two; an empty
    document gets the all-ones signature.
    """
    if num_perm & (num_perm - 1) or not 8 <= num_perm <= 4096:
        raise UnknownOptionError("num_perm", num_perm, ["a power of two from 8 to 4096"])
    n = len(shingles)
    bits = num_perm.bit_length() - 1
    empty = np.uint32(0xFFFFFFFF)
    sig = np.full(n * num_perm, empty, dtype=np.uint32)
    v = shingles.values
    if len(v):
        bins = v >> np.uint64(64 - bits)
        first = np.empty(len(v), dtype=bool)
        first[0] = True
        np.not_equal(bins[1:], bins[:-1], out=first[1:])
        starts = shingles.offsets[:-1][shingles.sizes() > 0]
        first[starts] = True  # a new document starts a new run of bins
        idx = np.flatnonzero(first)
        doc = np.searchsorted(shingles.offsets, idx, side="right") - 1
        vals = ((v[idx] >> np.uint64(32 - bits)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        sig[doc * num_perm + bins[idx].astype(np.int64)] = vals
    sig = sig.reshape(n, num_perm)
    # Densification: an empty bin borrows the next non-empty bin's value (circularly), shifted by the
    # distance so that borrowed values stay distinguishable.
    holes = np.flatnonzero((sig == empty).any(axis=1) & (shingles.sizes() > 0))
    for i in holes:
        row = sig[i]
        filled = np.flatnonzero(row != empty)
        pos = np.searchsorted(filled, np.arange(num_perm)) % len(filled)
        src = filled[pos]
        dist = (src - np.arange(num_perm)) % num_perm
        row[:] = np.where(row == empty, row[src] + (dist * 0x9E3779B1).astype(np.uint32), row)
    return sig


@cache
def lsh_params(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """``(bands, rows)`` minimising the weighted false-positive and false-negative probability areas."""
    xs_lo = np.linspace(0.0, threshold, 201)
    xs_hi = np.linspace(threshold, 1.0, 201)
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = np.trapezoid(1 - (1 - xs_lo**r) ** b, xs_lo)
            fn = np.trapezoid((1 - xs_hi**r) ** b, xs_hi)
            err = fp_weight * fp + fn_weight * fn
            if err < best_err - 1e-12:
                best, best_err = (b, r), err
    return best


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint32 key per document and band (``n_docs × bands``); a key is compared only within its band."""
    n = sig.shape[0]
    s = sig[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    mult = _splitmix64(np.arange(1, rows + 1, dtype=np.uint64)) | np.uint64(1)
    with np.errstate(over="ignore"):
        mixed = _splitmix64((s * mult).sum(axis=2, dtype=np.uint64))
    return (mixed >> np.uint64(32)).astype(np.uint32)


def sample_rates(sizes: np.ndarray, *, per_doc: int = 16, max_rate: int = 64) -> np.ndarray:
    """Per-document sampling rate: a power of two giving about ``per_doc`` samples, at most ``max_rate``.

    Rates are powers of two and a shingle is sampled at rate r when its hash is 0 modulo r, so the slices are
    nested: every shingle a long plan samples, a short plan holding it samples too.
    """
    want = np.maximum(sizes // per_doc, 1)
    rates = 2 ** np.floor(np.log2(want)).astype(np.int64)
    return np.clip(rates, 1, max_rate)


def sample_mask(shingles: ShingleSet, *, max_rate: int = 64) -> np.ndarray:
    """Which shingles each document keeps as containment samples (its rate's slice of the hash space)."""
    rates = sample_rates(shingles.sizes(), max_rate=max_rate).astype(np.uint64)
    out = np.empty(len(shingles.values), dtype=bool)
    # In slices of about a million shingles: the temporaries of a 100k-plan batch would take gigabytes.
    starts = np.searchsorted(shingles.offsets, np.arange(0, len(shingles.values) + 1, 1 << 20))
    edges = np.unique(np.r_[0, np.minimum(starts, len(shingles)), len(shingles)])
    for a, b in itertools.pairwise(edges):
        lo, hi = shingles.offsets[a], shingles.offsets[b]
        r = np.repeat(rates[a:b], shingles.sizes()[a:b])
        mixed = _splitmix64(shingles.values[lo:hi] ^ np.uint64(0x632BE59BD9B4E019))
        out[lo:hi] = (mixed % np.maximum(r, np.uint64(1))) == 0
    return out


@dataclass
class Sketches:
    """What the candidate search keeps of a batch of documents: no shingles, a few hundred bytes each.

    ``sizes`` (shingles per document), ``fingerprints`` (a 64-bit hash of the shingle set: equal sets,
    equal fingerprints), ``keys`` (LSH band keys, documents × bands), the containment samples
    (``sample_hashes`` with the index of the document holding each, ``sample_owners``) and the MinHash
    ``signatures`` (documents × slots, to estimate a candidate's similarity before verifying it).
    """

    sizes: np.ndarray
    fingerprints: np.ndarray
    keys: np.ndarray
    sample_hashes: np.ndarray
    sample_owners: np.ndarray
    signatures: np.ndarray

    def __len__(self) -> int:
        return len(self.sizes)

    def nbytes(self) -> int:
        return int(
            sum(
                getattr(self, f).nbytes
                for f in ("sizes", "fingerprints", "keys", "sample_hashes", "sample_owners", "signatures")
            )
        )

    @classmethod
    def concat(cls, parts: Sequence[Sketches]) -> Sketches:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                     ("sizes", "fingerprints", "keys", "sample_hashes", "sample_owners", "signatures")))  # fmt: skip


# Candidates are verified exactly, so a false candidate costs a little time and a missed one loses a result:
# the bands weigh missing a pair four times as much as a false candidate (30 bands of 4 rows for 0.5, which
# catch a pair at Jaccard 0.5 with probability 0.86 instead of 0.55 with the even weighting's 25 of 5).
LSH_WEIGHTS = (0.2, 0.8)


def sketch_shingles(
    shingles: ShingleSet,
    *,
    first: int = 0,
    threshold: float = 0.5,
    num_perm: int = 128,
    sample_rate: int = 64,
) -> Sketches:
    """The :class:`Sketches` of a batch whose shingles are at hand (``first``: index of its first document)."""
    bands, rows = lsh_params(threshold, num_perm, *LSH_WEIGHTS)
    sig = signatures(shingles, num_perm=num_perm)
    keys = band_keys(sig, bands, rows)
    sel = sample_mask(shingles, max_rate=sample_rate)
    sizes = shingles.sizes()
    owner = np.repeat(np.arange(len(shingles), dtype=np.int64), sizes) + first
    # an order-free hash of each set: the sum of its mixed members, then mixed with the size
    with np.errstate(over="ignore"):
        mixed = _splitmix64(shingles.values ^ np.uint64(0xA0761D6478BD642F))
        sums = np.zeros(len(shingles), dtype=np.uint64)
        nonempty = sizes > 0
        if nonempty.any():
            sums[nonempty] = np.add.reduceat(mixed, shingles.offsets[:-1][nonempty], dtype=np.uint64)
        fps = _splitmix64(sums ^ sizes.astype(np.uint64))
    return Sketches(
        sizes.astype(np.int64),
        fps,
        keys,
        (shingles.values[sel] >> np.uint64(32)).astype(np.uint32),
        owner[sel],
        sig,
    )


def _sketch_chunk(item: tuple) -> Sketches:
    texts, first, k, seed, threshold, num_perm, sample_rate = item
    texts = list(texts)
    sh = ShingleSet.from_texts([str(i) for i in range(len(texts))], texts, k=k, seed=seed)
    return sketch_shingles(sh, first=first, threshold=threshold, num_perm=num_perm, sample_rate=sample_rate)


def sketch_texts(
    texts: Sequence[str],
    *,
    k: int = DEFAULT_K,
    seed: int = 1,
    threshold: float = 0.5,
    num_perm: int = 128,
    sample_rate: int = 64,
    chunk: int = 4096,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
) -> Sketches:
    """:class:`Sketches` of ``texts``, ``chunk`` texts at a time (in ``jobs`` processes): the shingles of one
    chunk are hashed, signed and dropped before the next, so memory does not grow with the batch.

    ``texts`` is any sequence whose slices can be sent to a worker (a list, or a lazy view of texts on disk).
    """
    from .parallel import resolve_jobs, run_map

    n = len(texts)
    # at least four chunks per worker, so that every core has work and uneven chunks even out
    chunk = max(256, min(chunk, -(-n // (4 * resolve_jobs(jobs))) or 1))
    items = [
        (texts[a : min(n, a + chunk)], a, k, seed, threshold, num_perm, sample_rate)
        for a in range(0, n, chunk)
    ]
    parts = run_map(_sketch_chunk, items, jobs=jobs, scheduler=scheduler, show_progress=show_progress,
                    desc="近似重复 near-duplicates: signatures", unit="chunk")  # fmt: skip
    if not parts:
        bands, _ = lsh_params(threshold, num_perm, *LSH_WEIGHTS)
        z = np.zeros(0, dtype=np.int64)
        return Sketches(z, z.astype(np.uint64), np.zeros((0, bands), dtype=np.uint32), z.astype(np.uint32), z,
                        np.zeros((0, num_perm), dtype=np.uint32))  # fmt: skip
    return Sketches.concat(parts)
