"""Pickling the pipeline's dataclasses as their field values, for the trip from a worker process back.

A frozen dataclass with ``__slots__`` pickles through the ``__getstate__``/``__setstate__`` that
:mod:`dataclasses` adds, which call :func:`dataclasses.fields` and set each field in a Python loop, for every
object: a file's results (thousands of :class:`~unioncorpus.model.Line` objects) then cost more to pickle and
unpickle than half of the per-file work itself. Reduced to ``(cls, field values)``, an object is rebuilt by
its own ``__init__``: the same value, at about half the cost each way.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T", bound=type)


def pickled_by_fields(cls: T) -> T:
    """Class decorator (outside ``@dataclass``): pickle and copy ``cls`` as ``cls(*field values)``.

    Only for dataclasses whose every field is an ``__init__`` argument and that have no ``__post_init__``.
    """
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: not rebuilt by __init__ from its fields")
    names = [f.name for f in fields]
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
