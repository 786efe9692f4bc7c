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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from .errors import UnknownOptionError
from .model import Document
from .numbering import strip_numbering

__all__ = [
    "DEFAULT_K",
    "ShingleSet",
    "clean_text",
    "lsh_params",
    "near_duplicates",
    "shingle",
    "signatures",
]

DEFAULT_K = 5
MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_PLACEHOLDER = re.compile(r"(?:19|20)?[xX×Ｘ]{2,}|[_＿]{2,}|\*{2,}|[□○〇]{2,}|20[_＿]+|某某")
_HAS_PLACEHOLDER = re.compile(r"[xX×Ｘ_＿*□○〇]|某某").search


# Characters that end a clause in the normalised text (a line end ends one too). Clause starts are kept so
# the reuse index (reuse.py) can hash clauses; they do not change the cleaned text.
_BREAK_CHARS = "，,。.；;！!？?：:、 \t\u3000\n"
_BREAK_TABLE = np.zeros(0x10000, dtype=bool)
for _ch in _BREAK_CHARS:
    _BREAK_TABLE[ord(_ch)] = True


def _is_kept(cps: np.ndarray) -> np.ndarray:
    """Content characters: CJK ideographs (basic block and extension A), ASCII letters and digits."""
    return (
        ((cps >= 0x4E00) & (cps <= 0x9FFF))
        | ((cps >= 0x3400) & (cps <= 0x4DBF))
        | ((cps >= 0x30) & (cps <= 0x39))
        | (((cps | 0x20) >= 0x61) & ((cps | 0x20) <= 0x7A))
    )


@lru_cache(maxsize=1 << 16)
def _head_numbering_length(head: str) -> int:
    return len(head) - len(strip_numbering(head)[2])


def _numbering_length(text: str) -> int:
    """Length of a line's list numbering. Numbering is short, so it is parsed from the first characters,
    which repeat across lines ("（一）", "1、") and are cached; the number itself is not needed here."""
    n = _head_numbering_length(text[:24])
    return n if n < 20 else len(text) - len(strip_numbering(text)[2])


def clean_units(doc: Document) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`clean_text` plus the cleaned offsets where clauses start (after punctuation or a line end).

    One numpy pass over the whole body: the masked lines are joined with newlines and classified by code
    point, so the cost per character is a few vector operations, not a Python step.
    """
    parts: list[str] = []
    numbers: list[int] = []
    bases: list[int] = []
    lengths: list[int] = []
    for ln in doc.body_lines():
        rest = ln.text[_numbering_length(ln.text) :]
        masked = _PLACEHOLDER.sub(lambda m: "\0" * len(m.group(0)), rest) if _HAS_PLACEHOLDER(rest) else rest
        parts.append(masked)
        numbers.append(ln.number)
        bases.append(ln.col + len(ln.text) - len(rest))
        lengths.append(len(masked) + 1)
    if not parts:
        empty = np.zeros(0, dtype=np.int32)
        return "", empty, empty, empty
    joined = "\n".join(parts) + "\n"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    kept = np.flatnonzero(_is_kept(cps))
    line_of = np.repeat(np.arange(len(parts)), lengths)
    line_start = np.cumsum([0, *lengths[:-1]])
    idx = line_of[kept]
    lines = np.asarray(numbers, dtype=np.int32)[idx]
    cols = (np.asarray(bases, dtype=np.int64)[idx] + kept - line_start[idx]).astype(np.int32)
    text = cps[kept].tobytes().decode("utf-32-le")
    # A clause starts at the first kept character and after any break character (or line end).
    is_break = np.zeros(len(cps), dtype=bool)
    small = cps < len(_BREAK_TABLE)
    is_break[small] = _BREAK_TABLE[cps[small]]
    seen = np.cumsum(is_break)
    before = np.r_[0, seen[kept[:-1]]] if len(kept) else np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(seen[kept] - before > 0) if len(kept) else before
    breaks = np.unique(np.r_[0, starts]).astype(np.int32) if len(kept) else np.zeros(0, dtype=np.int32)
    return text, lines, cols, breaks


def clean_text(doc: Document) -> tuple[str, np.ndarray, np.ndarray]:
    """A plan's body reduced to content characters, with the raw line and the offset in that line's
    normalised text of every kept character.

    >>> from unioncorpus.model import Line
    >>> d = Document("d-1", "d.txt", [Line(3, "1、召开 20xx 年教代会。")])
    >>> clean_text(d)[0]
    '召开年教代会'
    """
    return clean_units(doc)[:3]


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle(text: str, *, k: int = DEFAULT_K, seed: int = 1) -> np.ndarray:
    """Hashes (uint64) of every k-character shingle of ``text``, in order (not deduplicated)."""
    n = len(text) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * base + cps[j : j + n]
        return _splitmix64(h ^ np.uint64(seed * 0x2545F4914F6CDD1D & 0xFFFFFFFFFFFFFFFF))


def unique_shingles(text: str, *, k: int = DEFAULT_K, seed: int = 1) -> np.ndarray:
    """The sorted distinct shingle hashes of ``text`` (a sort and a neighbour test: twice as fast as
    ``np.unique``'s hash table on arrays of this size)."""
    h = np.sort(shingle(text, k=k, seed=seed))
    return h[np.r_[True, h[1:] != h[:-1]]] if len(h) else h


@dataclass
class ShingleSet:
    """The shingle hashes of a batch of documents in CSR form: ``values[offsets[i]:offsets[i+1]]`` are the
    sorted unique hashes of document ``i``."""

    ids: list[str]
    values: np.ndarray
    offsets: np.ndarray
    k: int = DEFAULT_K
    seed: int = 1

    @classmethod
    def from_texts(
        cls, ids: Sequence[str], texts: Sequence[str], *, k: int = DEFAULT_K, seed: int = 1
    ) -> ShingleSet:
        parts = [unique_shingles(t, k=k, seed=seed) for t in texts]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(p) for p in parts])
        values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        return cls(list(ids), values, offsets, k, seed)

    @classmethod
    def from_documents(cls, docs: Iterable[Document], *, k: int = DEFAULT_K, seed: int = 1) -> ShingleSet:
        docs = list(docs)
        return cls.from_texts([d.id for d in docs], [clean_text(d)[0] for d in docs], k=k, seed=seed)

    def __len__(self) -> int:
        return len(self.ids)

    def get(self, i: int) -> np.ndarray:
        return self.values[self.offsets[i] : self.offsets[i + 1]]

    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)


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


# -- bounded memory: sketches in chunks, verification from what the candidates need ------------------------
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
