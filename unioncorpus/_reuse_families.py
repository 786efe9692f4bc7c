"""Text reuse, step 5: boilerplate families and per-plan boilerplate shares, from the passages found.

Each (plan, raw line) stretch the passages cover is an occurrence; occurrences, longest first, join the family
whose canonical text they match (rapidfuzz), looked up through keys of the text (exact text, sampled 6-gram
hashes) and never compared with every family, so the cost grows with the occurrences. A plan's boilerplate
share is the union of its passage intervals over its cleaned length, computed with array operations, with
the plans it shares most with. Re-exported by :mod:`unioncorpus.reuse`.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from ._reuse_clauses import _substring_hashes

if TYPE_CHECKING:
    import pandas as pd

    from .passages import CleanDoc


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
    texts = [docs[d].text[s:e] for d, s, e in occ]
    distinct = list(dict.fromkeys(texts))
    keys_of = dict(zip(distinct, _keys_of_texts(distinct), strict=True))
    by_text: dict[str, int] = {}
    by_key: dict[int, list[int]] = {}
    canon: list[str] = []
    members: list[list[tuple[int, int, int]]] = []
    for (d, s, e), text in zip(occ, texts, strict=True):
        fam = by_text.get(text)
        if fam is None:
            keys = keys_of[text]
            counts = Counter(itertools.chain.from_iterable(by_key.get(k, ()) for k in keys))
            best, best_score = None, 0.0
            for f in _most_shared(counts, max_candidates):
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
            for k in keys_of[text]:
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


def _most_shared(counts: dict[int, int], n: int) -> list[int]:
    """The ``n`` families sharing the most keys, ties to the older family: ``sorted(counts, key=lambda f:
    (-counts[f], f))[:n]`` without a Python key call for each of the hundreds of families a common key
    reaches (only those with at least the n-th highest count are sorted)."""
    if len(counts) > n:
        floor = heapq.nlargest(n, counts.values())[-1]
        counts = {f: c for f, c in counts.items() if c >= floor}
    return sorted(counts, key=lambda f: (-counts[f], f))[:n]


def _keys_of_texts(texts: list[str]) -> list[list[int]]:
    """Lookup keys of each occurrence's text: its 6-grams whose hash is 0 mod 4 (two texts 85% alike share
    some), sorted, or its least 6-gram hash when none is; a text under six characters has its own hash. All
    texts at once: one hashing pass over their characters (a numpy pass per text costs more in calls than in
    work for texts of a few dozen characters)."""
    if not texts:
        return []
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    cps = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    base = np.r_[0, np.cumsum(lens)]
    long = lens >= 6
    grams = np.where(long, lens - 5, 1)  # a text under six characters is one key: its own hash
    owner = np.repeat(np.arange(len(texts)), grams)
    first = np.r_[0, np.cumsum(grams)[:-1]]
    starts = base[owner] + np.arange(len(owner)) - first[owner]
    h = _substring_hashes(cps, starts, np.where(long[owner], starts + 6, base[owner + 1]))
    sel = np.flatnonzero(~long[owner] | ((h & np.uint64(3)) == 0))
    o, hv = owner[sel], h[sel]
    order = np.lexsort((hv, o))
    o, hv = o[order], hv[order]
    fresh = np.ones(len(o), dtype=bool)
    fresh[1:] = (o[1:] != o[:-1]) | (hv[1:] != hv[:-1])
    o, hv = o[fresh], hv[fresh]
    parts = np.split(hv, np.cumsum(np.bincount(o, minlength=len(texts)))[:-1])
    least = np.minimum.reduceat(h, first)  # a text with no sampled 6-gram keeps its least one
    return [part.tolist() or [int(least[i])] for i, part in enumerate(parts)]


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
