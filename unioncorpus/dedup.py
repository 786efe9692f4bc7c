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
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

from .errors import UnknownOptionError
from .model import Document
from .structure import strip_numbering

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
        parts = [np.unique(shingle(t, k=k, seed=seed)) for t in texts]
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


def _pairs_from_keys(keys: np.ndarray, owners: np.ndarray, *, max_bucket: int) -> np.ndarray:
    """Pairs (i < j) of owners sharing a key; buckets larger than ``max_bucket`` are skipped."""
    order = np.lexsort((owners, keys))
    k, o = keys[order], owners[order]
    if len(k) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)]
    sizes = ends - starts
    out = []
    for s, e in zip(
        starts[(sizes >= 2) & (sizes <= max_bucket)], ends[(sizes >= 2) & (sizes <= max_bucket)], strict=True
    ):
        members = np.unique(o[s:e])
        if len(members) >= 2:
            a, b = np.triu_indices(len(members), 1)
            out.append(np.stack([members[a], members[b]], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


@dataclass
class NearDuplicateIndex:
    """MinHash-LSH and containment index of a batch of documents (built by :func:`build_index`)."""

    shingles: ShingleSet
    num_perm: int
    bands: int
    rows: int
    sample_rate: int
    signatures: np.ndarray = field(repr=False)
    keys: np.ndarray = field(repr=False)  # n_docs × bands, uint32; the row is the owner
    sample_hashes: np.ndarray = field(repr=False)  # uint32
    sample_owners: np.ndarray = field(repr=False)  # int32
    seed: int = 1

    def index_bytes(self) -> int:
        """Bytes of the candidate index (band keys and containment samples; signatures are not kept)."""
        return int(self.keys.nbytes + self.sample_hashes.nbytes + self.sample_owners.nbytes)


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


def build_index(
    shingles: ShingleSet, *, threshold: float = 0.5, num_perm: int = 128, sample_rate: int = 64
) -> NearDuplicateIndex:
    bands, rows = lsh_params(threshold, num_perm)
    sig = signatures(shingles, num_perm=num_perm)
    keys = band_keys(sig, bands, rows)
    sel = sample_mask(shingles, max_rate=sample_rate)
    owner = np.repeat(np.arange(len(shingles), dtype=np.int32), shingles.sizes())
    sample_hashes = (shingles.values[sel] >> np.uint64(32)).astype(np.uint32)
    return NearDuplicateIndex(
        shingles, num_perm, bands, rows, sample_rate, sig, keys, sample_hashes, owner[sel], shingles.seed
    )


def candidate_pairs(
    index: NearDuplicateIndex,
    *,
    min_shared_samples: int = 2,
    min_share: float = 0.3,
    max_bucket: int = 5000,
    max_sample_bucket: int = 100,
) -> np.ndarray:
    """Candidate pairs (i < j): a shared LSH band key, or enough shared containment samples.

    A pair needs at least ``min_shared_samples`` shared samples and ``min_share`` of the samples the smaller
    plan has in the coarser of the two sampling slices (a plan half contained in another shares about half).
    Samples held by more than ``max_sample_bucket`` plans are boilerplate every plan has; they say nothing
    about which plan was copied from which and are skipped.
    """
    n, bands = index.keys.shape
    owners = np.arange(n, dtype=np.int64)
    parts = [_pairs_from_keys(index.keys[:, b], owners, max_bucket=max_bucket) for b in range(bands)]
    lsh = np.concatenate(parts) if parts else np.zeros((0, 2), dtype=np.int64)
    owners_s = index.sample_owners.astype(np.int64)
    shared = _pairs_from_keys(index.sample_hashes, owners_s, max_bucket=max_sample_bucket)
    if len(shared):
        codes, counts = np.unique(shared[:, 0] * n + shared[:, 1], return_counts=True)
        a, b = codes // n, codes % n
        sizes = index.shingles.sizes()
        rates = sample_rates(sizes, max_rate=index.sample_rate)
        expected = np.minimum(sizes[a], sizes[b]) / np.maximum(rates[a], rates[b])
        keep = (counts >= min_shared_samples) & (counts >= min_share * expected)
        shared = np.stack([a[keep], b[keep]], axis=1)
    pairs = np.concatenate([lsh, shared]) if len(shared) else lsh
    if not len(pairs):
        return pairs
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


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


def near_duplicates(
    docs: Iterable[Document] | ShingleSet,
    *,
    threshold: float = 0.5,
    containment: float = 0.5,
    k: int = DEFAULT_K,
    num_perm: int = 128,
    seed: int = 1,
    min_shingles: int = 20,
):
    """Pairs of near-duplicate plans: Jaccard ≥ ``threshold`` or one contained in the other ≥ ``containment``.

    Returns a DataFrame with ``doc_a``, ``doc_b``, ``jaccard``, ``a_in_b``, ``b_in_a`` (exact values), sorted
    by Jaccard. Plans with fewer than ``min_shingles`` shingles are too short to call copies and are skipped.
    """
    import pandas as pd

    shingles = docs if isinstance(docs, ShingleSet) else ShingleSet.from_documents(docs, k=k, seed=seed)
    cols = ["doc_a", "doc_b", "jaccard", "a_in_b", "b_in_a"]
    # Exact copies (identical shingle sets) are common — one template sent in by many schools. They are
    # indexed once and listed against their first occurrence, so the table grows with the copies, not with
    # their square; `clusters` still gathers them all.
    first: dict[bytes, int] = {}
    reps, copies = [], []
    for i in range(len(shingles)):
        key = shingles.get(i).tobytes()
        if key in first and len(key) >= 8 * min_shingles:
            copies.append((first[key], i))
        else:
            first.setdefault(key, i)
            reps.append(i)
    rows = [
        {"doc_a": shingles.ids[a], "doc_b": shingles.ids[b], "jaccard": 1.0, "a_in_b": 1.0, "b_in_a": 1.0}
        for a, b in copies
    ]
    if len(reps) >= 2:
        sub = _subset(shingles, reps)
        index = build_index(sub, threshold=threshold, num_perm=num_perm)
        pairs = candidate_pairs(index)
        if len(pairs):
            sizes = sub.sizes()
            pairs = pairs[(sizes[pairs[:, 0]] >= min_shingles) & (sizes[pairs[:, 1]] >= min_shingles)]
            scores = verify(sub, pairs)
            keep = (scores[:, 0] >= threshold) | (np.maximum(scores[:, 1], scores[:, 2]) >= containment)
            rows += [
                {"doc_a": sub.ids[int(i)], "doc_b": sub.ids[int(j)], "jaccard": round(float(sc[0]), 4),
                 "a_in_b": round(float(sc[1]), 4), "b_in_a": round(float(sc[2]), 4)}
                for (i, j), sc in zip(pairs[keep], scores[keep], strict=True)
            ]  # fmt: skip
    table = pd.DataFrame(rows, columns=cols)
    order = {d: i for i, d in enumerate(shingles.ids)}
    table["_a"], table["_b"] = table["doc_a"].map(order), table["doc_b"].map(order)
    table = table.sort_values(["jaccard", "_a", "_b"], ascending=[False, True, True], kind="stable")
    return table.drop(columns=["_a", "_b"]).reset_index(drop=True)


def _subset(shingles: ShingleSet, idx: list[int]) -> ShingleSet:
    parts = [shingles.get(i) for i in idx]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in parts])
    values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return ShingleSet([shingles.ids[i] for i in idx], values, offsets, shingles.k, shingles.seed)


def clusters(pairs, ids: Sequence[str]) -> list[list[str]]:
    """Groups of near-identical plans: connected components of the near-duplicate pairs (size ≥ 2)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pos = {d: i for i, d in enumerate(ids)}
    if len(pairs) == 0:
        return []
    a = np.array([pos[x] for x in pairs["doc_a"]])
    b = np.array([pos[x] for x in pairs["doc_b"]])
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[str]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(ids[i])
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: (-len(g), g[0]))
