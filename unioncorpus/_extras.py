"""Optional parts of unioncorpus and the extra that installs each (a plain `pip install unioncorpus` stays
small enough for a district office's machine: extract, classify and analyze's tables need none of them)."""

from __future__ import annotations

import importlib.util

from .errors import UnionCorpusError

__all__ = ["EXTRAS", "MissingExtraError", "has", "require"]


class MissingExtraError(UnionCorpusError, ImportError):
    """A feature needs an optional extra that is not installed; the message names the pip command."""


# extra -> the import names it provides
EXTRAS = {
    "plots": ("matplotlib", "mplfonts"),
    "topics": ("sklearn", "scipy", "gensim"),
    "fast": ("tomotopy",),
}


def has(extra: str) -> bool:
    """Whether every package of ``extra`` is installed."""
    return all(importlib.util.find_spec(name) is not None for name in EXTRAS[extra])


def require(extra: str, what: str) -> None:
    """Raise :class:`MissingExtraError` (an ImportError) naming the extra to install when it is missing."""
    if not has(extra):
        missing = [n for n in EXTRAS[extra] if importlib.util.find_spec(n) is None]
        raise MissingExtraError(
            f'需要先安装可选组件 unioncorpus[{extra}]：pip install "unioncorpus[{extra}]" '
            f"({what} needs {', '.join(missing)})"
        )
