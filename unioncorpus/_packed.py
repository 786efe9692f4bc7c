"""A corpus whose plans stay pickled, one block of bytes per file, until a process reads them: analyze's.

``analyze`` makes the tables of the plans alone on a second core, in a process forked while this one makes
the reuse tables (:func:`unioncorpus._background.in_background`). Forked, the two share memory until one of
them writes to it, and CPython writes to every object it reads (its reference count): a plan read by the
second process is copied into it, page by page. The plans of 40,000 files are millions of small objects,
and the second process copied 1.5 GB of them while this one, holding them too, never read them again.

So here the workers that read the files send each file's result as one pickled block (:func:`pack_item`),
with the few facts this process needs of its plans for the summary and the plots (:class:`FileFacts`) and
the cleaned texts the reuse tables are made of. This process keeps the blocks, a few large objects that
no one writes to, and the second process unpickles them itself (:meth:`Packed.unpack`), into its own memory.
Nothing this process holds as many small objects is read across the fork.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import os

    from .corpus import Corpus
    from .model import ReadFailure
    from .pipeline import FileResult

__all__ = ["FileFacts", "Packed", "PlanLabel", "extract_packed", "file_facts", "pack_item"]


class PlanLabel(NamedTuple):
    """The attributes of one plan that the summary counts and the reuse network names it by."""

    id: str
    doc_type: str
    school_level: str
    year: int | None
    title: str


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What ``analyze`` reads of one file's plans besides the tables: the read failure, each plan's
    :class:`PlanLabel`, and counts of its section kinds, its activities' categories and their (month,
    category) pairs (the counts of :func:`unioncorpus.calendar`)."""

    failure: ReadFailure | None
    plans: tuple[PlanLabel, ...]
    kinds: Counter
    categories: Counter
    months: Counter


def file_facts(result: FileResult) -> FileFacts:
    """The :class:`FileFacts` of one file's result."""
    docs = result.documents
    return FileFacts(
        result.failure,
        tuple(PlanLabel(d.id, d.doc_type, d.school_level, d.year, d.title) for d in docs),
        Counter(s.kind for d in docs for s in d.sections),
        Counter(a.category for d in docs for a in d.activities),
        Counter((m, a.category) for d in docs for a in d.activities for m in a.months),
    )


class Packed:
    """Files' results as pickled blocks, in input order, with their :class:`FileFacts`."""

    def __init__(self, blocks: list[bytes], facts: list[FileFacts]) -> None:
        self.blocks, self.facts = blocks, facts

    def each(self) -> Iterator[FileResult]:
        """The results one at a time, each unpickled when reached and kept by no one here."""
        for block in self.blocks:
            yield pickle.loads(block)

    def unpack(self) -> list[FileResult]:
        """The results, unpickled here (the cyclic collector paused meanwhile: plain data, no cycles)."""
        from .parallel import _collector_paused

        with _collector_paused():
            return [pickle.loads(b) for b in self.blocks]


def pack_item(item: tuple) -> tuple[bytes, FileFacts, list]:
    """:func:`unioncorpus.pipeline._extract_item` in a worker, its result given back as one pickled block
    with its facts, and its plans' cleaned text always made (the reuse tables read it)."""
    from .pipeline import _extract_item

    path, prefix, encoding, _, lexicons = item  # as read_files makes them; the cleaned text is wanted here
    result, clean = _extract_item((path, prefix, encoding, True, lexicons))
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), file_facts(result), clean


def extract_packed(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None,
    show_progress: bool,
    jobs: int | None,
) -> Corpus:
    """:func:`unioncorpus.extract` with the results kept packed (:class:`Packed`) and the cleaned texts made
    by the workers, for a job that forks (local processes, no Dask)."""
    from .corpus import Corpus, read_files

    done, _ = read_files(paths, pack_item, encoding=encoding, show_progress=show_progress, jobs=jobs,
                         scheduler=None)  # fmt: skip
    packed = Packed([b for b, _, _ in done], [f for _, f, _ in done])
    clean = [c for _, _, cs in done for c in cs]
    return Corpus(packed, clean=clean, jobs=jobs, show_progress=show_progress)
