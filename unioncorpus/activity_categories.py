"""Activity categories: what kind of thing a scheduled activity is (a meeting, a festival, sports …), by
the rules of ``data/categories.toml`` (which a user's lexicon folder may extend)."""

from __future__ import annotations

import re
from functools import cache

from ._lexicon import depends_on_lexicons, load_toml

__all__ = ["categories", "categorize"]


@depends_on_lexicons
@cache
def _category_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["category"], re.compile(r["pattern"])) for r in load_toml("categories.toml")["rule"])


def categories() -> tuple[str, ...]:
    """The activity categories in taxonomy order, ``"other"`` last."""
    return (*dict.fromkeys(c for c, _ in _category_rules()), "other")


def categorize(text: str) -> str:
    """The activity category of ``text`` (rules in ``data/categories.toml``).

    The cue found earliest in the text decides (the activity a line names first is its main one: "庆祝
    教师节，表彰优秀教师" is a celebration); cues at the same place go by rule order.

    >>> categorize("召开工会委员会会议"), categorize("庆祝“三八”国际妇女节"), categorize("组织教师体检")
    ('meeting', 'festival', 'health')
    """
    best: tuple[int, int, str] | None = None
    for order, (category, rx) in enumerate(_category_rules()):
        m = rx.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, category)
    return best[2] if best else "other"
