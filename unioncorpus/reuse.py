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

The steps live in private modules: the clause table (1) in ``_reuse_clauses``, the index keys and anchors
(2, 3) with their Dask shuffle in ``_reuse_anchors``, chaining (4) in ``_reuse_chains``, extension and
similarity (4) in ``_reuse_extend``, families and boilerplate shares (5) in ``_reuse_families``. This module
is the public front: :func:`find_passages`, which runs the steps, and every public name re-exported.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

# `name as name`: re-exported, so the steps' names stay importable from this module
from ._reuse_anchors import Postings as Postings
from ._reuse_anchors import _anchor_pairs_dask, _two_hits
from ._reuse_anchors import anchor_keys as anchor_keys
from ._reuse_anchors import anchor_pairs as anchor_pairs
from ._reuse_chains import AFFIX as AFFIX
from ._reuse_chains import _merge_runs, _runs, _runs_within
from ._reuse_clauses import KGRAM as KGRAM
from ._reuse_clauses import WINDOW as WINDOW
from ._reuse_clauses import ClauseTable as ClauseTable
from ._reuse_clauses import clause_table as clause_table
from ._reuse_extend import HOP_CHECK as HOP_CHECK
from ._reuse_extend import HOPS as HOPS
from ._reuse_extend import _codepoints, _extend_exact, _gapped, _hop_extend, _join_close, _similarity
from ._reuse_families import boilerplate_table as boilerplate_table
from ._reuse_families import passage_families as passage_families

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


# anchors in one part of the work after the index (see _split_by_first_doc)
PART_ANCHORS = 250_000

PASSAGE_COLUMNS = ["a", "b", "a_start", "a_end", "b_start", "b_end", "similarity"]


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
    del ia, ib  # the parts hold them, sorted: not kept twice while the workers run
    # every text as code points once, shared by the parts (forked workers read it, none copies it)
    cps, base = _codepoints(docs, np.arange(len(docs)))
    found = map_with_state(_part_passages, (docs, table, post, opts, cps, base), parts, jobs=jobs, scheduler=scheduler,
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
    """Anchors in parts of about equal size, each holding every anchor of its pairs (cut where the pair
    changes); canonical order inside, so the parts do not depend on how the anchors were found. Parts hold
    at most :data:`PART_ANCHORS` anchors (unless one pair has more), so the memory a part needs does not
    grow with the corpus (a template's first plan has anchors with thousands of plans: no single part)."""
    from .parallel import resolve_jobs

    pair = table.doc[post.clause[ia]].astype(np.int64) * len(table.offsets) + table.doc[post.clause[ib]]
    order = np.lexsort((ib, ia, pair))
    ia, ib, pair = ia[order], ib[order], pair[order]
    if not len(pair):
        return [(ia, ib)]
    n_parts = (
        1
        if scheduler is None and resolve_jobs(jobs) == 1
        else 8 * (resolve_jobs(jobs) if scheduler is None else 4)
    )
    n_parts = max(n_parts, -(-len(pair) // PART_ANCHORS))
    at = np.linspace(0, len(pair), n_parts + 1, dtype=np.int64)[1:-1]
    edges = np.unique(np.r_[0, np.searchsorted(pair, pair[at], side="left"), len(pair)])
    return [(ia[a:b], ib[a:b]) for a, b in itertools.pairwise(edges) if b > a] or [(ia, ib)]


def _part_passages(state: tuple, part: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Passages from one part of the anchors (every anchor of each of its pairs): spans and similarities."""
    import gc

    docs, table, post, opts, cps, base = state
    # The steps below build millions of short-lived small lists and tuples and no reference cycles; the
    # cyclic collector would re-scan every live object again and again while they are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _passages_from_anchors(docs, table, post, part[0], part[1], opts, cps, base)
    finally:
        if enabled:
            gc.enable()


def _passages_from_anchors(
    docs, table, post, ia, ib, o: PassageOptions, cps, base
) -> tuple[np.ndarray, np.ndarray]:
    ia, ib = _two_hits(table, post, ia, ib, 2 * o.min_seed)
    runs = _runs(table, post, ia, ib, gap=o.gap)
    chains = _merge_runs(runs, o.max_gap)
    # two hits, or one long one: a lone short anchor is a chance meeting of set phrases
    length = np.maximum(chains[:, 3] - chains[:, 2], chains[:, 5] - chains[:, 4])
    seeded = np.flatnonzero(((chains[:, 6] >= 2) & (length >= o.min_seed)) | (length >= 2 * o.min_seed))
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
    grown_sim = sim.copy()  # a passage that did not grow keeps its texts, and so its similarity
    moved = np.flatnonzero((grown != spans).any(axis=1))
    grown_sim[moved] = _similarity(grown[moved], docs)
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
