"""The pipeline over many files (:func:`extract`, :func:`load`), and :class:`Corpus`, which holds its results as
DataFrames; the per-file stages are in :mod:`unioncorpus.pipeline`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._lexicon import set_lexicons
from ._packed import FileFacts, Packed, file_facts
from ._safe import json_line
from ._scan import split_member
from ._tables import plan_table
from .errors import ReadError
from .ingest import iter_files
from .model import Document, ReadFailure
from .pipeline import FileResult, _extract_item, _id_prefixes, extract_file, iter_extract

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Corpus", "extract", "extract_file", "iter_extract", "load"]


def extract(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    show_progress: bool = False,
    lexicons: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Corpus:
    """Read files and folders and run every stage; every input file is reported exactly once.

    Args:
        paths: files or folders (read recursively).
        encoding: decode text files with this encoding instead of detecting it.
        show_progress: show a progress bar (the CLI does; the library does not by default).
        lexicons: a folder of your own lexicon files that extend the shipped ones (see
            :func:`unioncorpus.set_lexicons`); it stays in use for the later analyses of this process.
        jobs: worker processes for the per-file stages; ``None`` (default) uses every core, ``1`` runs in
            this process. The result is the same, order included.
        scheduler: run on Dask instead: ``"processes"``, ``"threads"``, ``"synchronous"`` or the address of
            a Dask scheduler (``"tcp://host:8786"``; every worker must see the files at the same paths).
            Near-duplicates and reuse are then computed on Dask too (``pip install unioncorpus[dask]``).

    >>> corpus = extract("corpus/")  # doctest: +SKIP
    >>> corpus.documents[["id", "title", "year", "school_level"]]  # doctest: +SKIP
    """
    if lexicons is not None:
        set_lexicons(lexicons)
    done, parallel = read_files(paths, _extract_item, encoding=encoding, show_progress=show_progress, jobs=jobs,
                                scheduler=scheduler)  # fmt: skip
    results = [r for r, _ in done]
    clean = [c for _, cs in done for c in cs] if parallel else None
    return Corpus(results, clean=clean, scheduler=scheduler, jobs=jobs, show_progress=show_progress)


def read_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    worker: Callable[[tuple], tuple],
    *,
    encoding: str | None,
    show_progress: bool,
    jobs: int | None,
    scheduler: str | None,
) -> tuple[list, bool]:
    """``worker`` (:func:`pipeline._extract_item` or one that takes the same items) on every input file, in
    input order, and whether it ran in other processes (it is then asked for the plans' cleaned text too)."""
    from ._lexicon import active_lexicons
    from .parallel import resolve_jobs, run_map

    folder = active_lexicons()
    files = list(iter_files(paths))
    prefixes = _id_prefixes([Path(f.source) if isinstance(f, ReadFailure) else f for f in files])
    parallel = scheduler is not None or (resolve_jobs(jobs) > 1 and len(files) > 1)
    items = [
        (p, prefix, encoding, parallel, None if folder is None else str(folder))
        for p, prefix in zip(files, prefixes, strict=True)
    ]
    done = run_map(worker, items, jobs=jobs, scheduler=scheduler, show_progress=show_progress,
                   desc="读取 reading", unit="file", per_partition=32, leave=True)  # fmt: skip
    return done, parallel


def load(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    show_progress: bool = False,
    lexicons: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Corpus:
    """:func:`extract` for notebooks and scripts, where a path that does not exist is a mistake to report
    at once (ReadError, reason ``not_found``) rather than an empty corpus.

    >>> corpus = uc.load("corpus/")  # doctest: +SKIP
    """
    paths = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    for p in paths:
        if not os.path.lexists(p) and split_member(str(p)) is None:  # a.zip/b.docx is a file too
            raise ReadError(str(p), "not_found", "no such file or folder")
    return extract(paths, encoding=encoding, show_progress=show_progress, lexicons=lexicons, jobs=jobs,
                   scheduler=scheduler)  # fmt: skip


class Corpus:
    """The results of the pipeline; tables are pandas DataFrames with provenance on every row."""

    def __init__(
        self,
        files: list[FileResult] | Packed,
        *,
        clean: list | None = None,
        scheduler: str | None = None,
        jobs: int | None = None,
        show_progress: bool = False,
    ) -> None:
        # results kept pickled (analyze's, see _packed) are unpickled where first read
        self._packed, self._files = (files, None) if isinstance(files, Packed) else (None, files)
        self.scheduler = scheduler
        self.jobs = jobs
        self.show_progress = show_progress  # for the long stages computed on first use
        self._cache: dict[str, object] = {}
        if clean is not None:  # cleaned text computed by the extraction workers, in document order
            self._cache["clean"] = clean

    # -- boilerplate (computed once, on first use) ----------------------------------------------
    def _clean(self) -> list:
        from .passages import CleanDoc

        if "clean" not in self._cache:
            self._cache["clean"] = [CleanDoc.of(d) for d in self]
        return self._cache["clean"]  # type: ignore[return-value]

    def _passage_spans(self):
        """Shared passages as positions in :meth:`_clean` (computed once: :func:`passages.passage_spans`)."""
        from .passages import passage_spans

        if "passage_spans" not in self._cache:
            self._cache["passage_spans"] = passage_spans(
                self._clean(), jobs=self.jobs, scheduler=self.scheduler, show_progress=self.show_progress
            )
        return self._cache["passage_spans"]

    def _passages(self) -> list:
        """Shared passages as :class:`passages.Passage` values."""
        from .passages import passage_objects

        if "passages" not in self._cache:
            self._cache["passages"] = passage_objects(self._passage_spans(), self._clean())
        return self._cache["passages"]  # type: ignore[return-value]

    @property
    def near_duplicates(self) -> pd.DataFrame:
        """Pairs of near-duplicate plans (Jaccard ≥ 0.5 or containment ≥ 0.5 of 5-character shingles)."""
        from .dedup import near_duplicates

        if "near_duplicates" not in self._cache:
            clean = self._clean()
            self._cache["near_duplicates"] = near_duplicates(
                [c.text for c in clean],
                ids=[c.id for c in clean],
                jobs=self.jobs,
                scheduler=self.scheduler,
                show_progress=self.show_progress,
            )
        return self._cache["near_duplicates"]  # type: ignore[return-value]

    @property
    def clusters(self) -> list[list[str]]:
        """Groups of near-identical plans (connected near-duplicate pairs)."""
        from .dedup import clusters

        return clusters(self.near_duplicates, [d.id for d in self])

    @property
    def passages(self) -> pd.DataFrame:
        """Passages shared between plans, with raw lines and offsets on both sides and a similarity."""
        from .passages import passages_table

        if "passages_table" not in self._cache:  # the plots and the report read it again
            self._cache["passages_table"] = passages_table(self._passage_spans(), self._clean())
        return self._cache["passages_table"]  # type: ignore[return-value]

    @property
    def families(self) -> pd.DataFrame:
        """Boilerplate families: copied text recurring in three or more plans, one row per member."""
        import pandas as pd

        from .reuse import passage_families

        rows = [
            {"family": f["family"], "n_docs": f["n_docs"], "canonical": f["canonical"], **m}
            for f in passage_families(self._passage_spans(), self._clean())
            for m in f["members"]
        ]
        cols = ["family", "n_docs", "canonical", "doc_id", "start_line", "end_line", "start_col", "end_col", "start",
                "end"]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    @property
    def boilerplate(self) -> pd.DataFrame:
        """Per plan: share of its text covered by passages shared with other plans, and the top sources."""
        from .reuse import boilerplate_table

        if "boilerplate" not in self._cache:
            self._cache["boilerplate"] = boilerplate_table(self._passage_spans(), self._clean())
        return self._cache["boilerplate"].copy()  # type: ignore[union-attr]

    # -- plain values -------------------------------------------------------------------------------
    @property
    def docs(self) -> list[Document]:
        """Deprecated: ``list(corpus)`` gives the Document objects; ``corpus.documents`` is the table."""
        import warnings

        warnings.warn(
            "Corpus.docs is deprecated: use list(corpus) for the Document objects (corpus.documents is the "
            "table of documents)",
            DeprecationWarning,
            stacklevel=2,
        )
        return list(self)

    @property
    def files(self) -> list[FileResult]:
        """What each input file gave (documents, furniture, or why it could not be read), in input order."""
        if self._files is None:
            self._files = self._packed.unpack()  # type: ignore[union-attr]
        return self._files

    def _each_file(self) -> Iterator[FileResult]:
        """:attr:`files` one at a time: packed results are unpickled as reached, and not kept."""
        return self._packed.each() if self._files is None else iter(self._files)  # type: ignore[union-attr]

    def _file_facts(self) -> list[FileFacts]:
        """What analyze reads of each file's plans besides the tables; of packed results, the workers'
        (nothing is unpickled)."""
        return self._packed.facts if self._packed is not None else [file_facts(f) for f in self.files]

    @property
    def failures(self) -> list[ReadFailure]:
        return [f.failure for f in self.files if f.failure is not None]

    def __iter__(self) -> Iterator[Document]:
        return (d for f in self.files for d in f.documents)

    def __len__(self) -> int:
        return sum(len(f.documents) for f in self.files)

    def __getitem__(self, doc_id: str) -> Document:
        index = self._cache.get("by_id")
        if index is None:
            index = self._cache["by_id"] = {d.id: d for d in self}
        try:
            doc = index[doc_id]  # type: ignore[index]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in this corpus") from None
        if "passage_spans" not in self._cache:
            return doc
        if "copied" not in self._cache:  # the copied lines of each plan, for its display (made on first use)
            from .passages import copied_lines

            self._cache["copied"] = copied_lines(self._cache["passage_spans"], self._clean())
        copied = self._cache["copied"]
        # once passages are known, the plan comes with its copied lines (a new value: the stored one stays)
        return replace(doc, evidence={**doc.evidence, "copied_lines": copied.get(doc_id, [])})  # type: ignore[union-attr]

    def _repr_html_(self) -> str:
        from ._html import corpus_html

        return corpus_html(self)

    def show(self, doc_id: str):
        """A document with its sections coloured and the lines it shares with other plans marked."""
        from ._html import HTMLView, document_html

        self._passage_spans()
        return HTMLView(document_html(self[doc_id]))

    def __repr__(self) -> str:
        return (
            f"<Corpus: {len(self)} documents from {len(self.files)} files, {len(self.failures)} unreadable>"
        )

    # -- tables -------------------------------------------------------------------------------------
    def _table(self, name: str, build) -> pd.DataFrame:
        """The table ``name``, built once (analyze writes it, summarises it and plots it) and given as a copy,
        so a caller's changes never reach the next caller."""
        key = f"{name}_table"
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key].copy()  # type: ignore[union-attr]

    @property
    def documents(self) -> pd.DataFrame:
        """One row per plan (the table); iterate the corpus, or ``corpus[id]``, for Document objects."""
        return self._table("documents", lambda: plan_table("documents", self.files))

    @property
    def sections(self) -> pd.DataFrame:
        return self._table("sections", lambda: plan_table("sections", self.files))

    @property
    def activities(self) -> pd.DataFrame:
        # Not kept like documents and sections: at 10,000 plans it is 300,000 rows (100 MB) that analyze's
        # worker processes would hold on to as well, and column by column it is quick to make again.
        return plan_table("activities", self.files)

    @property
    def campaigns(self) -> pd.DataFrame:
        return plan_table("campaigns", self.files)

    @property
    def furniture(self) -> pd.DataFrame:
        return plan_table("furniture", self.files)

    @property
    def inputs(self) -> pd.DataFrame:
        """One row per input file: readable or not, encoding, documents found, and the reason if not."""
        return plan_table("inputs", self.files)

    def to_jsonl(self) -> Iterator[str]:
        """The extraction contract: one JSON object per document, in input order."""
        for d in self:
            yield json_line(d.to_dict())
