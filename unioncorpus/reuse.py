"""Stage 6b — text reuse from an index of normalised clauses: passages, families and boilerplate shares.

Comparing every pair of plans is quadratic; a template sentence in 5,000 plans alone would make 12 million
pairs. Here everything goes through an index (what passim and BLAST-style aligners do):

1. **Clauses.** Each plan's cleaned text (:func:`dedup.clean_units`: content characters only, raw line and
   column of each kept) is cut into clauses at the punctuation and line ends of the normalised text. A
   clause longer than ``max_clause`` characters (text with no punctuation, such as PDF extractions) is cut
   further at content-defined points, so an insertion shifts no cut but its own. Every clause is hashed with
   a polynomial hash computed for the whole batch at once (prefix sums over the code points).
2. **Anchors.** The keys of the index are clauses of at least ``min_clause`` characters and pairs of
   consecutive clauses (a clause pair is specific even when both clauses are formulaic, "认真履行工会各项职能").
3. **Candidate pairs only where the index proves sharing.** For each key, the plans holding it: when at
   most ``max_df`` plans do, every pair of them is anchored; when more do, the text is boilerplate and each
   plan is anchored to the first plan (in corpus order) holding it, so a key held by *m* plans costs *m*
   anchors, not *m²*. The first holder of a template is the same plan for all of its clauses, so the copies'
   anchors line up into whole passages with it.
4. **Extension around anchors only.** A pair's anchors are chained along diagonals (same clause offset in
   both plans) across gaps of at most ``gap`` clauses (an edited clause between two exact ones), chains on
   neighbouring diagonals merge (a clause split or merged by a punctuation edit shifts the diagonal by one),
   and each chain grows clause by clause over edited neighbours while they stay similar (rapidfuzz). A
   chain becomes a passage when it is at least ``min_len`` characters long and its normalised Indel
   similarity (rapidfuzz) is at least ``min_similarity``.
5. **Families** are built from the copied lines of the passages: each (plan, raw line) stretch is an
   occurrence, and occurrences join the family whose canonical text they match, looked up through the same
   clause keys (never compared with every family). **Boilerplate shares** are unions of passage intervals,
   computed with array operations.

Each step is a function over arrays, so the same code runs in one process, or as Dask tasks after a shuffle
of the keys (see :mod:`unioncorpus.parallel`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .dedup import _splitmix64

if TYPE_CHECKING:
    import pandas as pd

    from .passages import CleanDoc

__all__ = [
    "ClauseTable",
    "anchor_keys",
    "anchor_pairs",
    "boilerplate_table",
    "clause_table",
    "find_passages",
    "passage_families",
]

_BASE = 1_000_003
_BASE_INV = pow(_BASE, -1, 1 << 64)
_M64 = (1 << 64) - 1
AFFIX = 10  # characters two chained runs may overlap by
KGRAM = 10
WINDOW = 6
PASSAGE_COLUMNS = ["a", "b", "a_start", "a_end", "b_start", "b_end", "similarity"]


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
    st, en = table.start.astype(np.int64), table.end.astype(np.int64)
    nf = len(table.fp_key)
    keys = np.r_[table.hash[uni], bi_keys, table.fp_key]
    clause = np.r_[uni, bi, table.fp_clause]
    span = np.r_[np.ones(len(uni)), np.full(len(bi), 2), np.ones(nf)].astype(np.int8)
    start = np.r_[st[uni], st[bi], table.fp_start]
    end = np.r_[en[uni], en[np.minimum(bi + 1, n - 1)], table.fp_start.astype(np.int64) + KGRAM]
    kind = np.r_[np.zeros(len(uni) + len(bi)), np.ones(nf)].astype(np.int8)
    post = Postings(keys, clause, span, start.astype(np.int32), end.astype(np.int32), kind)
    if not len(keys):
        return post
    post = post.take(np.lexsort((post.clause, post.key)))
    docs = table.doc[post.clause]
    new = np.r_[True, (post.key[1:] != post.key[:-1]) | (docs[1:] != docs[:-1])]
    run = np.cumsum(new) - 1
    rank = np.arange(len(post)) - np.flatnonzero(new)[run]
    return post.take(np.flatnonzero(rank < max_per_doc))


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


def _runs_within(runs: np.ndarray, chains: np.ndarray) -> np.ndarray:
    """The runs (``doc_a, doc_b, a_start, a_end, b_start, b_end``) lying inside the a range of one of
    ``chains`` of the same pair."""
    import pandas as pd

    rk = pd.DataFrame(runs, columns=["a", "b", "s", "e", "bs", "be"])
    ck = pd.DataFrame(chains[:, :4], columns=["a", "b", "cs", "ce"])
    m = rk.merge(ck, on=["a", "b"])
    m = m[(m["s"] >= m["cs"]) & (m["e"] <= m["ce"])].drop_duplicates(["a", "b", "s", "e", "bs", "be"])
    return m[["a", "b", "s", "e", "bs", "be"]].to_numpy(dtype=np.int64)


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


@dataclass(frozen=True)
class PassageOptions:
    """The options of :func:`find_passages` (one value to hand to workers)."""

    min_len: int = 40
    min_similarity: float = 0.8
    max_df: int = 16
    reps: int = 1
    gap: int = 3
    min_clause: int = 5
    min_seed: int = 10
    min_gapped: int = 24
    window: int = 64
    max_gap: int = 24


def find_passages(
    docs: Sequence[CleanDoc],
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
    **options,
) -> pd.DataFrame:
    """Passages shared by documents of ``docs``: one row per passage with the documents' positions ``a`` <
    ``b`` in ``docs``, cleaned-text spans on both sides and the similarity, in (a, b, a_start) order.

    A chain is extended when it has two anchors covering at least ``min_seed`` characters, or one covering
    twice as many (two hits, as BLAST asks: a lone short anchor is mostly a chance meeting of set phrases).
    Each chain's ends are extended over equal characters, and then, for hits between ``min_gapped`` and
    ``min_len`` characters, across edits over an alignment of the next ``window`` characters (X-drop: stop
    where the score falls too far below its best); passages of one pair less than ``max_gap`` characters
    apart are joined when the whole stays similar, and passages sharing fewer than ``min_len`` characters
    (the longest common subsequence of the two sides) or less similar than ``min_similarity`` (rapidfuzz's
    normalised Indel similarity) are dropped. Shorter shared stretches are mostly chance meetings of the
    genre's set phrases: on plans written independently, ``scripts/bench_reuse.py`` finds about as many of
    them between 30 and 40 characters as there are planted passages, and almost none above 40.

    The work after the index is done pair by pair, so it is split by the first document of each pair: over
    ``jobs`` processes, or, with a Dask ``scheduler``, as tasks after the index keys are grouped by a
    shuffle of a :mod:`dask.dataframe`. The result is the same, order included.
    """
    from .parallel import map_with_state

    opts = PassageOptions(**options)
    table = clause_table(docs)
    post = anchor_keys(table, min_clause=opts.min_clause)
    if scheduler is not None:
        ia, ib = _anchor_pairs_dask(post, table.doc, opts, scheduler)
    else:
        ia, ib = anchor_pairs(post, table.doc, max_df=opts.max_df, reps=opts.reps)
    parts = _split_by_first_doc(table, post, ia, ib, jobs=jobs, scheduler=scheduler)
    found = map_with_state(_part_passages, (docs, table, post, opts), parts, jobs=jobs, scheduler=scheduler,
                           show_progress=show_progress, desc="复用段落 reused passages")  # fmt: skip
    spans = np.concatenate([f[0] for f in found]) if found else np.zeros((0, 6), dtype=np.int64)
    sim = np.concatenate([f[1] for f in found]) if found else np.zeros(0)
    return _passage_frame(spans, sim)


def _split_by_first_doc(
    table: ClauseTable,
    post: Postings,
    ia: np.ndarray,
    ib: np.ndarray,
    *,
    jobs: int | None,
    scheduler: str | None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Anchors in parts of about equal size, each holding every anchor of its pairs (cut where the first
    document changes); canonical order inside, so the parts do not depend on how the anchors were found."""
    from .parallel import resolve_jobs

    order = np.lexsort((ib, ia))
    ia, ib = ia[order], ib[order]
    da = table.doc[post.clause[ia]]
    order = np.argsort(da, kind="stable")
    ia, ib, da = ia[order], ib[order], da[order]
    if not len(da):
        return [(ia, ib)]
    n_parts = (
        1
        if scheduler is None and resolve_jobs(jobs) == 1
        else 8 * (resolve_jobs(jobs) if scheduler is None else 4)
    )
    cuts = np.searchsorted(da, da[np.linspace(0, len(da), n_parts + 1, dtype=np.int64)[1:-1]], side="left")
    edges = np.unique(np.r_[0, cuts, len(da)])
    return [(ia[a:b], ib[a:b]) for a, b in itertools.pairwise(edges) if b > a] or [(ia, ib)]


def _part_passages(state: tuple, part: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Passages from one part of the anchors (every anchor of each of its pairs): spans and similarities."""
    import gc

    docs, table, post, opts = state
    # The steps below build millions of short-lived small lists and tuples and no reference cycles; the
    # cyclic collector would re-scan every live object again and again while they are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _passages_from_anchors(docs, table, post, part[0], part[1], opts)
    finally:
        if enabled:
            gc.enable()


def _passages_from_anchors(docs, table, post, ia, ib, o: PassageOptions) -> tuple[np.ndarray, np.ndarray]:
    ia, ib = _two_hits(table, post, ia, ib, 2 * o.min_seed)
    runs = _runs(table, post, ia, ib, gap=o.gap)
    chains = _merge_runs(runs, o.max_gap)
    # two hits, or one long one: a lone short anchor is a chance meeting of set phrases
    length = np.maximum(chains[:, 3] - chains[:, 2], chains[:, 5] - chains[:, 4])
    seeded = np.flatnonzero(((chains[:, 6] >= 2) & (length >= o.min_seed)) | (length >= 2 * o.min_seed))
    cps, base = _codepoints(docs, np.unique(chains[seeded, :2]))
    spans = _extend_gapped(chains[seeded, :6], docs, cps, base, o)
    sim = _similarity(spans, docs)
    # a chain of several runs that is not similar as a whole: its runs on their own
    failed = chains[seeded[(sim < o.min_similarity) & (chains[seeded, 6] > 1)]]
    if len(failed):
        pieces = _runs_within(runs[:, [0, 1, 6, 7, 8, 9]], failed)
        pieces = _extend_gapped(pieces, docs, cps, base, o)
        spans = np.concatenate([spans[sim >= o.min_similarity], pieces])
    spans = _join_close(spans, docs, o.max_gap, o.min_similarity)
    sim = _similarity(spans, docs)
    shared = sim * ((spans[:, 3] - spans[:, 2]) + (spans[:, 5] - spans[:, 4])) / 2  # = LCS length
    keep = (sim >= o.min_similarity) & (shared >= o.min_len - 1e-9)
    spans, sim = spans[keep], sim[keep]
    # the passages found: their edges too are grown across edits (an edited last clause is still copied)
    length = np.maximum(spans[:, 3] - spans[:, 2], spans[:, 5] - spans[:, 4])
    grown = _hop_extend(spans, cps, base, o.window, o.min_len, int(length.max(initial=0)) + 1)
    grown_sim = _similarity(grown, docs)
    better = grown_sim >= o.min_similarity
    spans[better], sim[better] = grown[better], grown_sim[better]
    return spans, sim


def _extend_gapped(
    spans: np.ndarray, docs, cps: np.ndarray, base: np.ndarray, o: PassageOptions
) -> np.ndarray:
    """Exact extension, then hops over small edits (vectorised); hits still too short to count after that
    get an X-drop alignment of their ends (a Python step each, for the few that need it)."""
    spans = _hop_extend(
        _extend_exact(spans, cps, base, o.window), cps, base, o.window, o.min_gapped, o.min_len
    )
    return _gapped(spans, docs, o.window, (o.min_gapped + o.min_len) // 2, o.min_len)


def _passage_frame(spans: np.ndarray, sim: np.ndarray) -> pd.DataFrame:
    """The passages table in (a, b, a_start) order; a stretch of a met again through a repeated phrase in b
    (inside an earlier passage of the same pair) is left out."""
    import pandas as pd

    out = pd.DataFrame(spans.reshape(-1, 6), columns=PASSAGE_COLUMNS[:6]).astype("int64")
    out["similarity"] = np.round(sim, 4)
    out = out.sort_values(["a", "b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
    if len(out):
        prev_end = out.groupby(["a", "b"], sort=False)["a_end"].cummax().shift(1)
        same_pair = (out["a"] == out["a"].shift(1)) & (out["b"] == out["b"].shift(1))
        out = out[~(same_pair & (out["a_end"] <= prev_end))].reset_index(drop=True)
    return out


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


def _xdrop(a: str, b: str, x: int = 6) -> tuple[int, int]:
    """How far ``a`` and ``b`` stay aligned from their starts: walk a Levenshtein alignment scoring +1 per
    equal character and -1 per edited one, stop once the score falls ``x`` below its best, and return the
    lengths at the best score."""
    score = best = 0
    best_at = (0, 0)
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(a, b):
        if tag == "equal":
            score += a1 - a0
            if score > best:
                best, best_at = score, (a1, b1)
        else:
            score -= max(a1 - a0, b1 - b0)
            if score < best - x:
                break
    return best_at


# Edits a copy crosses at a passage's edge: a few characters replaced (a name, a year, a swapped pair), or
# inserted or dropped on one side. Tried in this order; a hop is taken when the next HOP_CHECK characters
# after it are equal on both sides (or at least two are, and then a plan ends).
HOPS = ((1, 1), (2, 2), (1, 0), (0, 1), (2, 0), (0, 2), (3, 3), (4, 4), (5, 5), (3, 0), (0, 3), (4, 0), (0, 4),
        (5, 0), (0, 5), (2, 3), (3, 2), (3, 4), (4, 3), (4, 5), (5, 4), (6, 6))  # fmt: skip
HOP_CHECK = 6


def _hop_extend(
    spans: np.ndarray, cps: np.ndarray, base: np.ndarray, window: int, lo: int, hi: int, rounds: int = 3
) -> np.ndarray:
    """Grow spans of ``lo`` to ``hi`` characters across small edits at both ends, all spans at once: where
    exact extension stopped, hop over an edit (:data:`HOPS`) when :data:`HOP_CHECK` equal characters
    follow, extend exactly again, up to ``rounds`` hops and ``window`` characters a side. (A vectorised
    stand-in for a gapped X-drop alignment: the same edits crossed, without a Python step per span.)"""
    out = spans.copy()
    length = np.maximum(spans[:, 3] - spans[:, 2], spans[:, 5] - spans[:, 4])
    todo = np.flatnonzero((length >= lo) & (length < hi))
    if not len(todo):
        return out
    da, db = out[todo, 0], out[todo, 1]
    lo_a, lo_b, hi_a, hi_b = base[0, da], base[0, db], base[1, da], base[1, db]
    for side in (-1, 1):
        ca, cb = (2, 4) if side < 0 else (3, 5)
        start_a = out[todo, ca].copy()
        act = np.arange(len(todo))
        for _ in range(rounds):
            pa, pb = lo_a[act] + out[todo[act], ca], lo_b[act] + out[todo[act], cb]
            hop = np.full(len(act), -1)
            matched = np.zeros(len(act), dtype=np.int64)
            for h, (ha, hb) in enumerate(HOPS):
                free = np.flatnonzero(hop < 0)
                if not len(free):
                    break
                ok = np.ones(len(free), dtype=bool)
                ended = np.zeros(len(free), dtype=bool)  # a plan ended: the characters before it decide
                count = np.zeros(len(free), dtype=np.int64)
                for j in range(HOP_CHECK):
                    qa = pa[free] - 1 - ha - j if side < 0 else pa[free] + ha + j
                    qb = pb[free] - 1 - hb - j if side < 0 else pb[free] + hb + j
                    f = act[free]
                    inside = (qa >= lo_a[f]) & (qa < hi_a[f]) & (qb >= lo_b[f]) & (qb < hi_b[f])
                    ended |= ~inside & ok & (j >= 2)
                    ok &= inside | ended
                    test = ok & ~ended
                    ok[test] = cps[qa[test]] == cps[qb[test]]
                    count[ok & ~ended] += 1
                hop[free[ok]] = h
                matched[free[ok]] = count[ok]
            moved = np.flatnonzero(hop >= 0)
            if not len(moved):
                break
            ha = np.array([HOPS[h][0] for h in hop[moved]]) + matched[moved]
            hb = np.array([HOPS[h][1] for h in hop[moved]]) + matched[moved]
            rows = todo[act[moved]]
            out[rows, ca] += side * ha
            out[rows, cb] += side * hb
            out[rows] = _extend_exact_side(out[rows], cps, base, window, side)
            act = act[moved][np.abs(out[rows, ca] - start_a[act[moved]]) < window]
            if not len(act):
                break
    return out


def _gapped(spans: np.ndarray, docs: Sequence[CleanDoc], window: int, lo: int, hi: int) -> np.ndarray:
    """Grow spans of ``lo`` to ``hi`` characters across edits at both ends (X-drop over ``window``
    characters). As in BLAST, only hits that exact extension made long get the costlier gapped extension;
    hits already ``hi`` long need none to count, and their edges are left as exact extension found them."""
    out = spans.copy()
    length = np.maximum(spans[:, 3] - spans[:, 2], spans[:, 5] - spans[:, 4])
    big = np.flatnonzero((length >= lo) & (length < hi))
    for k, (da, db, s_a, e_a, s_b, e_b) in zip(big.tolist(), spans[big].tolist(), strict=True):
        ta, tb = docs[da].text, docs[db].text
        left_a = ta[max(0, s_a - window) : s_a][::-1]
        left_b = tb[max(0, s_b - window) : s_b][::-1]
        if left_a and left_b:
            na, nb = _xdrop(left_a, left_b)
            out[k, 2] -= na
            out[k, 4] -= nb
        right_a, right_b = ta[e_a : e_a + window], tb[e_b : e_b + window]
        if right_a and right_b:
            na, nb = _xdrop(right_a, right_b)
            out[k, 3] += na
            out[k, 5] += nb
    return out


def _codepoints(docs: Sequence[CleanDoc], which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cleaned texts of documents ``which`` as one uint16 array (cleaned text is CJK and ASCII only: one
    UTF-16 unit per character) and where each document starts in it (indexed by document, -1 elsewhere)."""
    lens = np.zeros(len(docs) + 1, dtype=np.int64)
    lens[which] = [len(docs[d].text) for d in which.tolist()]
    base = np.full(len(docs) + 1, -1, dtype=np.int64)
    starts = np.cumsum(np.r_[0, lens[which]])
    base[which] = starts[:-1]
    # a document's end is the next start: give the entry after each listed document its end
    ends = np.full(len(docs) + 1, -1, dtype=np.int64)
    ends[which] = starts[1:]
    text = "".join(docs[d].text for d in which.tolist())
    return np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16), np.stack([base, ends])


def _extend_exact(spans: np.ndarray, cps: np.ndarray, base: np.ndarray, window: int) -> np.ndarray:
    """Grow each span at both ends over characters equal on both sides (at most ``window``), all spans at
    once: one vectorised comparison per step."""
    return _extend_exact_side(_extend_exact_side(spans, cps, base, window, -1), cps, base, window, 1)


def _extend_exact_side(
    spans: np.ndarray, cps: np.ndarray, base: np.ndarray, window: int, side: int
) -> np.ndarray:
    """:func:`_extend_exact` at the start (``side`` -1) or the end (1) only."""
    out = spans.copy()
    if not len(spans):
        return out
    da, db = spans[:, 0], spans[:, 1]
    lo_a, lo_b, hi_a, hi_b = base[0, da], base[0, db], base[1, da], base[1, db]
    pa = lo_a + (spans[:, 2] if side < 0 else spans[:, 3])
    pb = lo_b + (spans[:, 4] if side < 0 else spans[:, 5])
    ca, cb = (2, 4) if side < 0 else (3, 5)
    act = np.arange(len(spans))
    for step in range(window):
        qa = pa[act] - step - 1 if side < 0 else pa[act] + step
        qb = pb[act] - step - 1 if side < 0 else pb[act] + step
        ok = (qa >= lo_a[act]) & (qb >= lo_b[act]) & (qa < hi_a[act]) & (qb < hi_b[act])
        ok[ok] = cps[qa[ok]] == cps[qb[ok]]
        act = act[ok]
        if not len(act):
            break
        out[act, ca] += side
        out[act, cb] += side
    return out


def _similarity(spans: np.ndarray, docs: Sequence[CleanDoc]) -> np.ndarray:
    """Normalised Indel similarity (0–1) of each span's two texts, in one rapidfuzz call."""
    from rapidfuzz import process

    if not len(spans):
        return np.zeros(0)
    ta = [docs[d].text[s:e] for d, s, e in spans[:, [0, 2, 3]].tolist()]
    tb = [docs[d].text[s:e] for d, s, e in spans[:, [1, 4, 5]].tolist()]
    return process.cpdist(ta, tb, scorer=fuzz.ratio, dtype=np.float64) / 100


def _join_close(
    spans: np.ndarray, docs: Sequence[CleanDoc], max_gap: int, min_similarity: float
) -> np.ndarray:
    """Join consecutive spans of one pair less than ``max_gap`` characters apart on both sides (an edit too
    heavy for the X-drop to cross) when the joined span stays at least ``min_similarity`` alike. All
    candidate joins are scored in one call; a group of joins that fails as a whole stays apart."""
    if len(spans) < 2:
        return spans
    spans = spans[np.lexsort((spans[:, 4], spans[:, 2], spans[:, 1], spans[:, 0]))]
    ga, gb = spans[1:, 2] - spans[:-1, 3], spans[1:, 4] - spans[:-1, 5]
    cand = np.flatnonzero(
        (spans[1:, 0] == spans[:-1, 0]) & (spans[1:, 1] == spans[:-1, 1])
        & (np.abs(ga) <= max_gap) & (np.abs(gb) <= max_gap)
    ) + 1  # fmt: skip
    if not len(cand):
        return spans
    pairwise = np.c_[spans[cand, :2], np.minimum(spans[cand - 1, 2], spans[cand, 2]),
                     np.maximum(spans[cand - 1, 3], spans[cand, 3]), np.minimum(spans[cand - 1, 4], spans[cand, 4]),
                     np.maximum(spans[cand - 1, 5], spans[cand, 5])]  # fmt: skip
    link = np.zeros(len(spans), dtype=bool)
    link[cand[_similarity(pairwise, docs) >= min_similarity]] = True
    group = np.cumsum(~link) - 1
    first = np.flatnonzero(~link)
    joined = np.c_[spans[first, :2], np.minimum.reduceat(spans[:, 2], first), np.maximum.reduceat(spans[:, 3], first),
                   np.minimum.reduceat(spans[:, 4], first), np.maximum.reduceat(spans[:, 5], first)]  # fmt: skip
    size = np.diff(np.r_[first, len(spans)])
    big = np.flatnonzero(size > 2)  # groups of two were scored above
    bad = big[_similarity(joined[big], docs) < min_similarity] if len(big) else big
    if not len(bad):
        return joined
    apart = np.isin(group, bad)
    return np.concatenate([joined[~np.isin(np.arange(len(joined)), bad)], spans[apart]])


# -- families ---------------------------------------------------------------------------------------------
def passage_families(
    passages: pd.DataFrame,
    docs: Sequence[CleanDoc],
    *,
    min_docs: int = 3,
    min_similarity: float = 0.85,
    min_chars: int = 20,
    max_candidates: int = 8,
) -> list[dict]:
    """Boilerplate families from the copied lines of ``passages`` (columns of :func:`find_passages`).

    Each (document, raw line) stretch covered by passages and at least ``min_chars`` long is an occurrence.
    Occurrences, longest first, join the family whose canonical text (its first occurrence) they match with
    similarity ≥ ``min_similarity`` and a length within 20% — or found a new family. Candidate families are
    looked up through the occurrence's keys (exact text, clause hashes, sampled 6-grams), never by comparing
    with every family, so the cost grows with the occurrences, and comparing with the canonical text only
    keeps unrelated passages from chaining.
    """
    occ = _occurrences(passages, docs, min_chars)
    by_text: dict[str, int] = {}
    by_key: dict[int, list[int]] = {}
    canon: list[str] = []
    members: list[list[tuple[int, int, int]]] = []
    for d, s, e in occ:
        text = docs[d].text[s:e]
        fam = by_text.get(text)
        keys = None
        if fam is None:
            keys = _text_keys(text)
            counts = Counter(itertools.chain.from_iterable(by_key.get(k, ()) for k in keys))
            best, best_score = None, 0.0
            for f in sorted(counts, key=lambda f: (-counts[f], f))[:max_candidates]:
                c = canon[f]
                if not 0.8 <= len(text) / len(c) <= 1.25:
                    continue
                score = fuzz.ratio(text, c, score_cutoff=100 * min_similarity)
                if score > best_score:
                    best, best_score = f, score
            fam = best
        if fam is None:
            fam = len(canon)
            canon.append(text)
            members.append([])
            by_text[text] = fam
            for k in keys if keys is not None else _text_keys(text):
                lst = by_key.setdefault(k, [])
                if len(lst) < 64:  # a key in more families than that is a set phrase: it says little
                    lst.append(fam)
        members[fam].append((d, s, e))
    out = []
    for text, mem in zip(canon, members, strict=True):
        n_docs = len({m[0] for m in mem})
        if n_docs >= min_docs:
            out.append({"canonical": text, "chars": len(text), "n_docs": n_docs,
                        "members": [{"doc_id": docs[d].id, **docs[d].span(s, e)} for d, s, e in mem]})  # fmt: skip
    out.sort(key=lambda f: (-f["n_docs"], -f["chars"], f["canonical"]))
    for k, f in enumerate(out, 1):
        f["family"] = k
    return out


def _text_keys(text: str) -> list[int]:
    """Lookup keys of an occurrence: its 6-grams whose hash is 0 mod 4 (two texts 85% alike share some)."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(text) < 6:
        return _substring_hashes(cps, np.zeros(1, dtype=np.int64), np.full(1, len(cps))).tolist()
    pos = np.arange(6, len(cps) + 1)
    h = _substring_hashes(cps, pos - 6, pos)
    return np.unique(h[(h & np.uint64(3)) == 0]).tolist() or [int(h.min())]


def _occurrences(
    passages: pd.DataFrame, docs: Sequence[CleanDoc], min_chars: int
) -> list[tuple[int, int, int]]:
    """(document, start, end) of every raw-line stretch inside passages, longest first.

    A stretch runs from the first to the last character of one raw line that some passage covers (as
    passages join them); all passage sides are cut at line ends at once.
    """
    import pandas as pd

    if not len(passages):
        return []
    side_doc = np.r_[passages["a"].to_numpy(), passages["b"].to_numpy()].astype(np.int64)
    side_s = np.r_[passages["a_start"].to_numpy(), passages["b_start"].to_numpy()].astype(np.int64)
    side_e = np.r_[passages["a_end"].to_numpy(), passages["b_end"].to_numpy()].astype(np.int64)
    used = np.unique(side_doc)
    # the runs of equal raw line in each used document's cleaned text: (doc, line, first char, end char)
    run_doc, run_line, run_s, run_e = [], [], [], []
    for d in used.tolist():
        ln = docs[d].lines
        if not len(ln):
            continue
        starts = np.flatnonzero(np.r_[True, ln[1:] != ln[:-1]])
        run_doc.append(np.full(len(starts), d))
        run_line.append(ln[starts])
        run_s.append(starts)
        run_e.append(np.r_[starts[1:], len(ln)])
    run_doc, run_line, run_s, run_e = (
        np.concatenate(x).astype(np.int64) for x in (run_doc, run_line, run_s, run_e)
    )
    # each side covers the runs from the one holding its first character to the one holding its last
    key = run_doc * (1 << 32) + run_s
    first = np.searchsorted(key, side_doc * (1 << 32) + side_s, side="right") - 1
    last = np.searchsorted(key, side_doc * (1 << 32) + side_e - 1, side="right") - 1
    count = last - first + 1
    run = np.repeat(first, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
    piece_s = np.maximum(np.repeat(side_s, count), run_s[run])
    piece_e = np.minimum(np.repeat(side_e, count), run_e[run])
    # one stretch per (document, raw line): the first to the last covered character
    frame = pd.DataFrame({"doc": run_doc[run], "line": run_line[run], "s": piece_s, "e": piece_e})
    st = frame.groupby(["doc", "line"], sort=True).agg(s=("s", "min"), e=("e", "max")).reset_index()
    st = st[st["e"] - st["s"] >= min_chars]
    st = st.assign(length=st["e"] - st["s"]).sort_values(["length", "doc", "line"], ascending=[False, True, True],
                                                         kind="stable")  # fmt: skip
    return list(zip(st["doc"].tolist(), st["s"].tolist(), st["e"].tolist(), strict=True))


# -- boilerplate shares ------------------------------------------------------------------------------------
def _union_length(group: np.ndarray, s: np.ndarray, e: np.ndarray, n_groups: int) -> np.ndarray:
    """Total length of the union of intervals [s, e) per group (intervals sorted by group, then start)."""
    if not len(group):
        return np.zeros(n_groups, dtype=np.int64)
    shift = np.int64(1) << np.int64(32)
    keyed_end = group.astype(np.int64) * shift + e
    prev_end = np.r_[np.int64(-1), np.maximum.accumulate(keyed_end)[:-1]]
    same = np.r_[False, group[1:] == group[:-1]]
    prev_end = np.where(same, prev_end - group.astype(np.int64) * shift, s)
    add = np.maximum(0, e - np.maximum(s, prev_end))
    return np.bincount(group, weights=add, minlength=n_groups).astype(np.int64)


def boilerplate_table(passages: pd.DataFrame, docs: Sequence[CleanDoc], *, top: int = 3) -> pd.DataFrame:
    """Per document: cleaned characters, those covered by passages, the share, and the top sources."""
    import pandas as pd

    n = len(docs)
    lens = np.fromiter((len(d.text) for d in docs), dtype=np.int64, count=n)
    me = np.r_[passages["a"].to_numpy(), passages["b"].to_numpy()].astype(np.int64)
    other = np.r_[passages["b"].to_numpy(), passages["a"].to_numpy()].astype(np.int64)
    s = np.r_[passages["a_start"].to_numpy(), passages["b_start"].to_numpy()].astype(np.int64)
    e = np.r_[passages["a_end"].to_numpy(), passages["b_end"].to_numpy()].astype(np.int64)
    order = np.lexsort((s, me))
    copied = _union_length(me[order], s[order], e[order], n)
    pair = me * max(n, 1) + other
    order = np.lexsort((s, pair))
    upair = np.unique(pair)
    group = np.cumsum(np.r_[True, pair[order][1:] != pair[order][:-1]]) - 1 if len(order) else order
    by_pair = _union_length(group, s[order], e[order], len(upair))
    p_me, p_other = upair // max(n, 1), upair % max(n, 1)
    rank = np.lexsort((p_other, -by_pair, p_me))
    top_sources: list[list[str]] = [[] for _ in range(n)]
    for k in rank.tolist():
        i = int(p_me[k])
        if len(top_sources[i]) < top and lens[i]:
            top_sources[i].append(f"{docs[int(p_other[k])].id} ({by_pair[k] / lens[i]:.0%})")
    share = np.where(lens > 0, copied / np.maximum(lens, 1), 0.0)
    return pd.DataFrame(
        {
            "doc_id": [d.id for d in docs],
            "source": [d.source for d in docs],
            "chars": lens,
            "copied_chars": copied,
            "boilerplate_share": np.round(share, 4),
            "top_sources": top_sources,
        }
    )
