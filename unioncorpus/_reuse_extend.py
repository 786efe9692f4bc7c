"""Text reuse, step 4: chains grown into passages across edits, and the similarity that decides them.

A chain's ends are extended over equal characters (all spans at once, one vectorised comparison per step),
then over small edits by hops (:data:`HOPS`: a name, a year, a swapped pair replaced, inserted or dropped),
and hits still too short after that get an X-drop walk along a rapidfuzz Levenshtein alignment, as BLAST
gives gapped extension only to the hits that exact extension made long. Passages of one pair a heavy edit
apart are joined when the whole stays similar; similarity is rapidfuzz's normalised Indel similarity. Used by
:func:`unioncorpus.reuse.find_passages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    from .passages import CleanDoc


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
