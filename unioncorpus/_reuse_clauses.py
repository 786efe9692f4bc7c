"""Text reuse, step 1: the clause table, every plan's cleaned text cut into hashed clauses.

Each plan's cleaned text is cut into clauses at the punctuation and line ends of its normalised text; a clause
longer than ``max_clause`` characters (text without punctuation, such as PDF extractions) is cut further at
content-defined points, so an insertion moves no cut but its own. Clauses are hashed with a polynomial hash
computed for a whole chunk of documents at once (prefix sums over the code points), and every document also
gets its winnowed k-gram fingerprints, which anchor copies whose clause boundaries moved. The result is one
:class:`ClauseTable` in CSR form. Re-exported by :mod:`unioncorpus.reuse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._dedup_shingles import _splitmix64

if TYPE_CHECKING:
    from .passages import CleanDoc


_BASE = 1_000_003


_BASE_INV = pow(_BASE, -1, 1 << 64)


_M64 = (1 << 64) - 1


KGRAM = 10


WINDOW = 6


@dataclass(frozen=True)
class ClauseTable:
    """The clauses of a batch of cleaned documents, in CSR form.

    Clauses of document ``i`` are ``offsets[i]:offsets[i+1]``; ``start``/``end`` are cleaned-text offsets in
    that document and ``hash`` a 64-bit hash of the clause text (equal text, equal hash, in any document).
    ``fp_*`` are the document's winnowed fingerprints (Schleimer, Wilkerson & Aiken 2003): of every
    :data:`WINDOW` consecutive :data:`KGRAM`-character substrings the one with the smallest hash, so any
    exact stretch of ``KGRAM + WINDOW - 1`` characters shared by two documents shares a fingerprint. They
    anchor copies whose clause boundaries moved (punctuation added or dropped around a renamed unit).
    """

    doc: np.ndarray  # int32
    start: np.ndarray  # int32
    end: np.ndarray  # int32
    hash: np.ndarray  # uint64
    offsets: np.ndarray  # int64
    fp_key: np.ndarray  # uint64
    fp_clause: np.ndarray  # int64: global index of the clause the fingerprint starts in
    fp_start: np.ndarray  # int32: its offset in the document's cleaned text

    def __len__(self) -> int:
        return len(self.doc)

    @property
    def length(self) -> np.ndarray:
        return self.end - self.start


_POW_CACHE: dict[str, np.ndarray] = {}


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``B**i`` and ``B**-i`` modulo 2**64 for i < n (cached, grown by doubling)."""
    have = _POW_CACHE.get("pow")
    if have is None or len(have) < n:
        size = max(n, 1 << 16, 2 * (0 if have is None else len(have)))
        with np.errstate(over="ignore"):
            p = np.full(size, _BASE, dtype=np.uint64)
            p[0] = 1
            q = np.full(size, _BASE_INV, dtype=np.uint64)
            q[0] = 1
            _POW_CACHE["pow"], _POW_CACHE["inv"] = (
                np.cumprod(p, dtype=np.uint64),
                np.cumprod(q, dtype=np.uint64),
            )
    return _POW_CACHE["pow"][:n], _POW_CACHE["inv"][:n]


def _substring_hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hashes of ``cps[s:e]`` for every (s, e), independent of where the substring sits.

    With S[i] = sum_{j<i} c_j B^-j, the hash sum_{s<=j<e} c_j B^(e-1-j) is (S[e] - S[s]) B^(e-1): one cumulative
    sum for the whole batch instead of a loop per clause. Arithmetic is modulo 2**64 (numpy wraps).
    """
    pw, inv = _powers(len(cps) + 1)
    with np.errstate(over="ignore"):
        pref = np.zeros(len(cps) + 1, dtype=np.uint64)
        np.cumsum((cps.astype(np.uint64) + np.uint64(1)) * inv[: len(cps)], out=pref[1:])
        raw = (pref[ends] - pref[starts]) * pw[np.maximum(ends - 1, 0)]
        lengths = (ends - starts).astype(np.uint64)
        return _splitmix64(raw ^ (lengths * np.uint64(0x9E3779B97F4A7C15)))


def clause_table(
    docs: Sequence[CleanDoc], *, max_clause: int = 32, chunk_chars: int = 1 << 22
) -> ClauseTable:
    """Clauses of every document, hashed (in chunks of about ``chunk_chars`` characters)."""
    parts: list[tuple[np.ndarray, ...]] = []
    counts = np.zeros(len(docs), dtype=np.int64)
    i = 0
    while i < len(docs):
        j, chars = i, 0
        while j < len(docs) and (chars == 0 or chars + len(docs[j].text) <= chunk_chars):
            chars += len(docs[j].text)
            j += 1
        part = _chunk_clauses(docs[i:j], i, max_clause)
        counts[i:j] = np.bincount(part[0] - i, minlength=j - i)
        parts.append(part)
        i = j
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(counts)
    if not parts:
        z, u = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint64)
        return ClauseTable(z, z, z, u, offsets, u, z.astype(np.int64), z)
    # fingerprints carry their clause's index within the chunk: shift to global indices
    fp_clause = [p[6] + (int(offsets[p[0][0]]) if len(p[0]) else 0) for p in parts]
    doc, start, end, h, fp_key = (np.concatenate([p[i] for p in parts]) for i in (0, 1, 2, 3, 5))
    fp_start = np.concatenate([p[7] for p in parts])
    return ClauseTable(doc, start, end, h, offsets, fp_key, np.concatenate(fp_clause), fp_start)


def _chunk_clauses(docs: Sequence[CleanDoc], first: int, max_clause: int) -> tuple[np.ndarray, ...]:
    texts = [d.text for d in docs]
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    base = np.zeros(len(texts) + 1, dtype=np.int64)
    base[1:] = np.cumsum(lens)
    cps = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    starts_l, docs_l = [], []
    for k, d in enumerate(docs):
        if not len(d.text):
            continue
        br = d.breaks if d.breaks is not None and len(d.breaks) else np.zeros(1, dtype=np.int32)
        starts_l.append(br.astype(np.int64) + base[k])
        docs_l.append(np.full(len(br), k, dtype=np.int64))
    if not starts_l:
        z, u = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint64)
        return z, z, z, u, z, u, z.astype(np.int64), z
    starts = np.concatenate(starts_l)
    owner = np.concatenate(docs_l)
    ends = np.r_[starts[1:], 0]
    last = np.r_[owner[1:] != owner[:-1], True]
    ends[last] = base[owner[last] + 1]
    starts, owner, ends = _cut_long(cps, starts, ends, owner, max_clause)
    h = _substring_hashes(cps, starts, ends)
    fp_pos = _winnow(cps, base)
    fp_owner = np.searchsorted(base, fp_pos, side="right") - 1
    fp_key = _substring_hashes(cps, fp_pos, fp_pos + KGRAM) ^ np.uint64(0x2545F4914F6CDD1D)
    local = base[owner]
    return (
        (owner + first).astype(np.int32),
        (starts - local).astype(np.int32),
        (ends - local).astype(np.int32),
        h,
        None,
        fp_key,
        np.searchsorted(starts, fp_pos, side="right") - 1,  # clause index within this chunk
        (fp_pos - base[fp_owner]).astype(np.int32),
    )


def _winnow(cps: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Positions of the winnowed fingerprints of every document of a chunk (``base``: document starts)."""
    n = len(cps) - KGRAM + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    pos = np.arange(n)
    h = _substring_hashes(cps, pos, pos + KGRAM)
    doc_end = base[np.searchsorted(base, pos, side="right")]  # end of the document each k-gram starts in
    h[pos + KGRAM > doc_end] = np.uint64(0xFFFFFFFFFFFFFFFF)  # k-grams across documents never win
    if n < WINDOW:
        picks = np.array([int(np.argmin(h))])
    else:
        picks = np.arange(n - WINDOW + 1) + np.lib.stride_tricks.sliding_window_view(h, WINDOW).argmin(axis=1)
    # a window's minimum never lies left of the previous window's, so picks only need consecutive dedup
    picks = picks[np.r_[True, picks[1:] != picks[:-1]]]
    return picks[h[picks] != np.uint64(0xFFFFFFFFFFFFFFFF)]


def _cut_long(
    cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, owner: np.ndarray, max_clause: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut clauses longer than ``max_clause`` where the hash of the preceding 4 characters is 0 mod 16, at
    least 8 characters from either end: cut points depend on the text only, so an edit moves none but its
    own."""
    long = np.flatnonzero(ends - starts > max_clause)
    if not len(long):
        return starts, owner, ends
    cut_pos = []
    cut_owner = []
    for k in long:  # long clauses are rare in punctuated plans; the work inside each is vectorised
        s, e = int(starts[k]), int(ends[k])
        pos = np.arange(s + 8, e - 7)
        if not len(pos):
            continue
        win = _substring_hashes(cps[s:e], pos - 4 - s, pos - s)
        cuts = pos[(win & np.uint64(15)) == 0]
        if len(cuts):
            keep = np.r_[True, np.diff(cuts) >= 8]
            cut_pos.append(cuts[keep])
            cut_owner.append(np.full(int(keep.sum()), owner[k]))
    if not cut_pos:
        return starts, owner, ends
    all_starts = np.r_[starts, np.concatenate(cut_pos)]
    all_owner = np.r_[owner, np.concatenate(cut_owner)]
    order = np.argsort(all_starts, kind="stable")
    all_starts, all_owner = all_starts[order], all_owner[order]
    # every piece ends where the next begins, except the last of each document, which ends with it
    doc_last = np.r_[owner[1:] != owner[:-1], True]
    doc_end = dict(zip(owner[doc_last].tolist(), ends[doc_last].tolist(), strict=True))
    new_ends = np.r_[all_starts[1:], 0]
    last = np.r_[all_owner[1:] != all_owner[:-1], True]
    new_ends[last] = [doc_end[o] for o in all_owner[last].tolist()]
    return all_starts, all_owner, new_ends
