"""The month × category table of a corpus's scheduled activities (:func:`calendar`), also made from counts
gathered elsewhere (:func:`calendar_of`: analyze counts them where the files are read)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

__all__ = ["calendar", "calendar_of"]


def calendar(corpus: Corpus, *, normalize: bool = False) -> pd.DataFrame:
    """Month × category table of scheduled activities (an activity spanning 七、八月 counts in both months).

    Args:
        corpus: the corpus to count.
        normalize: give each month's shares instead of counts.

    >>> uc.calendar(uc.load("corpus/")).loc[9]  # doctest: +SKIP
    """
    # from the documents, not from the whole activities table (all its columns) for these two
    pairs = Counter((m, a.category) for d in corpus for a in d.activities for m in a.months)
    return calendar_of(pairs, normalize=normalize)


def calendar_of(pairs: Counter, *, normalize: bool = False) -> pd.DataFrame:
    """:func:`calendar` from the counts of (month, category) pairs of the activities."""
    import numpy as np
    import pandas as pd

    from .schedule import categories

    columns = list(categories())
    where = {c: j for j, c in enumerate(columns)}
    grid = np.zeros((12, len(columns)), dtype=np.int64)
    for (month, category), n in pairs.items():
        if 1 <= month <= 12 and category in where:  # a month or category outside the table: not counted
            grid[int(month) - 1, where[category]] += n
    table = pd.DataFrame(
        grid, index=pd.RangeIndex(1, 13, name="month"), columns=pd.Index(columns, name="category")
    )
    if normalize:
        totals = table.sum(axis=1).replace(0, 1)
        return table.div(totals, axis=0)
    return table
