"""New-term discovery: frequent character n-grams that behave like words but are missing from the lexicon.

A word holds together inside (high pointwise mutual information between its parts) and is free outside (many
different characters before and after it: high left/right neighbour entropy). Candidates the segmenter's
dictionary or the union lexicon already knows are left out, so the list is what a researcher might add.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .segment import Segmenter

if TYPE_CHECKING:
    import pandas as pd

    from .themes import Analysable

__all__ = ["discover_terms"]

_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Characters that rarely begin or end a term: function words and particles.
_EDGE = set("的了和与及在是对为把被等并或也就都而又将从向于以之其这那个们着过地得所")


def _entropy(neighbours: Counter[str], total: int) -> float:
    """Entropy of the neighbour distribution; a run boundary counts as a neighbour of its own each time."""
    if total == 0:
        return 0.0
    h = -sum((c / total) * math.log(c / total) for c in neighbours.values())
    boundary = total - sum(neighbours.values())
    if boundary > 0:
        h -= boundary * (1 / total) * math.log(1 / total)
    return h


def discover_terms(
    docs: Analysable,
    *,
    min_count: int = 5,
    min_len: int = 2,
    max_len: int = 6,
    top_k: int = 100,
    segmenter: Segmenter | None = None,
) -> pd.DataFrame:
    """Rank candidate terms missing from the lexicon by cohesion (PMI) and freedom (neighbour entropy).

    Args:
        docs: a Corpus, Documents, Units or plain texts (the lines of plan bodies are used).
        min_count: least number of occurrences.
        min_len, max_len: candidate length in characters.
        top_k: rows returned.
        segmenter: whose dictionary and lexicon count as "known" (default: the shipped lexicon).

    Returns:
        DataFrame with ``term``, ``count``, ``pmi`` (the weakest split of the term), ``left_entropy``,
        ``right_entropy``, ``score`` = pmi × min(left, right), best first, and ``segmented_as``: how the
        segmenter cuts the term today (a phrase of two known words, such as 认真 做好, is rarely worth adding).
    """
    import pandas as pd

    from .themes import as_units

    texts = [t for u in as_units([docs] if isinstance(docs, str) else docs) for _, t in u.lines]
    runs = [r for t in texts for r in _RUN.findall(t)]
    counts: Counter[str] = Counter()
    for r in runs:
        n = len(r)
        for size in range(1, max_len + 2):
            for i in range(n - size + 1):
                counts[r[i : i + size]] += 1
    total_chars = sum(len(r) for r in runs) or 1
    candidates = {
        g: c
        for g, c in counts.items()
        if min_len <= len(g) <= max_len and c >= min_count and g[0] not in _EDGE and g[-1] not in _EDGE
    }
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    for g, c in counts.items():
        if len(g) >= min_len + 1:
            if g[1:] in candidates:
                left[g[1:]][g[0]] += c
            if g[:-1] in candidates:
                right[g[:-1]][g[-1]] += c
    seg = segmenter or Segmenter()
    rows = []
    for g, c in candidates.items():
        if seg.knows(g):
            continue
        p = c / total_chars
        pmi = min(
            math.log(p / ((counts[g[:i]] / total_chars) * (counts[g[i:]] / total_chars)))
            for i in range(1, len(g))
        )
        le, re_ = _entropy(left[g], c), _entropy(right[g], c)
        if pmi <= 0 or min(le, re_) <= 0:
            continue
        rows.append({"term": g, "count": c, "pmi": round(pmi, 4), "left_entropy": round(le, 4),
                     "right_entropy": round(re_, 4), "score": round(pmi * min(le, re_), 4),
                     "segmented_as": " ".join(seg(g))})  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["term", "count", "pmi", "left_entropy", "right_entropy", "score", "segmented_as"]
    )
    table = table.sort_values(["score", "count", "term"], ascending=[False, False, True], kind="stable")
    # A candidate that (almost) only occurs inside a longer kept one is a fragment of it.
    kept: list[tuple[str, int]] = []
    for term, count in zip(table["term"], table["count"], strict=True):
        if any(term in longer and longer_count >= 0.9 * count for longer, longer_count in kept):
            continue
        kept.append((term, count))
        if len(kept) >= top_k:
            break
    keep = {t for t, _ in kept}
    return table[table["term"].isin(keep)].reset_index(drop=True)
