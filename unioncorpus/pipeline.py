"""The per-file pipeline: read one file, split it into plans, and give each plan its attributes and
structure; :func:`iter_extract` runs it over many files, in worker processes or on Dask."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ._lexicon import set_lexicons
from ._safe import readable_name
from .attributes import document_attributes
from .errors import ReadError
from .ingest import iter_files, read_file
from .model import Document, Furniture, ReadFailure, SourceText
from .splitting import split
from .structuring import structure

__all__ = ["FileResult", "extract_file", "iter_extract", "process_source"]


@dataclass
class FileResult:
    """Everything one input file gave: its documents and furniture, or the reason it failed."""

    source: str
    text: SourceText | None = None
    failure: ReadFailure | None = None
    documents: list[Document] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)


def extract_file(
    path: str | os.PathLike[str] | ReadFailure, *, encoding: str | None = None, id_prefix: str | None = None
) -> FileResult:
    """Run every per-file stage on one file; a file that cannot be read gives a result with ``failure``
    (also given as such by :func:`iter_files`: a link in a loop, a named pipe, a damaged zip …)."""
    if isinstance(path, ReadFailure):
        shown = readable_name(path.source)[0]
        return FileResult(shown, failure=replace(path, source=shown))
    # A name that is not UTF-8 (from a Windows zip) is shown decoded; every later stage and output gets it.
    name, name_note = readable_name(path)
    try:
        st = read_file(path, encoding=encoding)
    except ReadError as e:
        return FileResult(name, failure=ReadFailure(name, e.reason, e.detail))
    except Exception as e:  # a reader bug must not lose the rest of the batch
        return FileResult(
            name, failure=ReadFailure(name, "unreadable", f"unexpected {type(e).__name__}: {e}")
        )
    if name_note is not None:
        st = replace(st, source=name, warnings=(*st.warnings, name_note))
    return process_source(st, id_prefix=id_prefix)


def process_source(st: SourceText, *, id_prefix: str | None = None) -> FileResult:
    """The per-file stages after reading: split into plans, attributes, structure."""
    parts = split(st, doc_id_prefix=id_prefix)
    documents = []
    for doc in parts.documents:
        doc = document_attributes(doc, compilation_titles=parts.compilation_titles)
        doc = structure(doc)
        documents.append(doc)
    return FileResult(st.source, text=st, documents=documents, furniture=parts.furniture)


def _id_prefixes(paths: list[Path]) -> list[str]:
    """File stems, made unique by their parent folders when two files share a stem."""
    stems = [Path(readable_name(p)[0]).stem for p in paths]
    counts = Counter(stems)  # not stems.count per file: quadratic, half a minute at 100,000 files
    out = []
    for p, stem in zip(paths, stems, strict=True):
        if counts[stem] > 1:
            parents = Path(readable_name(p)[0]).parent.parts[-2:]
            out.append("/".join([*parents, stem]).lstrip("/"))
        else:
            out.append(stem)
    seen: dict[str, int] = {}
    unique = []
    for prefix in out:
        seen[prefix] = seen.get(prefix, 0) + 1
        unique.append(prefix if seen[prefix] == 1 else f"{prefix}~{seen[prefix]}")
    return unique


def iter_extract(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    show_progress: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_inputs: Callable[[list[str]], None] | None = None,
) -> Iterator[FileResult]:
    """Like :func:`extract`, but yields each file's result, in input order, as soon as it is done.

    For long batches: a caller can print or store each file's plans while the next file is read. With
    ``jobs`` above 1 the files are read by worker processes and still yielded in input order; with a Dask
    ``scheduler`` the results come once the whole bag is computed. ``on_inputs``, if given, is called once
    before any file is read with every input's document-id prefix, in order (a plan's id is its file's
    prefix, ``-`` and its number): a caller can size a progress display or a table from it.
    """
    from ._lexicon import active_lexicons
    from .parallel import dask_map, ordered_imap

    folder = active_lexicons()
    files = list(iter_files(paths))
    prefixes = _id_prefixes([Path(f.source) if isinstance(f, ReadFailure) else f for f in files])
    if on_inputs is not None:
        on_inputs(prefixes)
    items = [
        (p, prefix, encoding, False, None if folder is None else str(folder))
        for p, prefix in zip(files, prefixes, strict=True)
    ]
    if scheduler is not None:
        done: Iterable[tuple[FileResult, list | None]] = dask_map(
            _extract_item, items, scheduler=scheduler, per_partition=32
        )
    else:
        done = ordered_imap(_extract_item, items, jobs=jobs, show_progress=show_progress,
                            desc="读取 reading", unit="file", leave=True)  # fmt: skip
    for result, _ in done:
        yield result


def _extract_item(
    item: tuple[Path | ReadFailure, str, str | None, bool, str | None],
) -> tuple[FileResult, list | None]:
    """One file through every per-file stage, in a worker: its result and, when asked, its plans' cleaned
    text (for near-duplicates and reuse), computed where the plans already are. A worker process uses the
    caller's lexicon folder (``lexicons``) as the caller does."""
    path, prefix, encoding, prepare, lexicons = item
    set_lexicons(lexicons)  # a no-op where it is in use already (this process, or a worker used before)
    result = extract_file(path, encoding=encoding, id_prefix=prefix)
    if not prepare:
        return result, None
    from .passages import CleanDoc

    return result, [CleanDoc.of(d) for d in result.documents]
