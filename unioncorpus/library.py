"""A persistent reference library of known plans (template-site texts, earlier years) in one SQLite file.

New submissions are checked against it without rebuilding anything: adding a plan inserts its LSH band keys,
containment samples and shingles into indexed tables (cost independent of the library's size up to a B-tree
lookup), removing deletes them, and a query looks up candidates by index and verifies them exactly.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from ._library_db import (
    APPLICATION_ID,
    DEFAULT_WAIT,
    SCHEMA,
    SCHEMA_VERSION,
    LibraryBusyError,
    LibraryError,
    Store,
    UnknownPlanError,
    _log_wait,
    _natural_key,
    _safe,
    content_hash,
    library_id,
)
from .dedup import (
    DEFAULT_K,
    ShingleSet,
    band_keys,
    clean_text,
    lsh_params,
    sample_mask,
    signatures,
)
from .model import Document
from .passages import CleanDoc, align

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "APPLICATION_ID",
    "SCHEMA",
    "SCHEMA_VERSION",
    "Library",
    "LibraryBusyError",
    "LibraryError",
    "UnknownPlanError",
    "content_hash",
    "library_id",
]

T = TypeVar("T")
_log = logging.getLogger(__name__)


class Library(Store):
    """A reference library on disk.

    Args:
        path: the library file (created if missing and ``create``; conventionally ``*.sqlite``).
        threshold: Jaccard threshold the LSH bands are tuned for (fixed when the library is created).
        num_perm: MinHash slots per signature (fixed when created).
        k: shingle length (fixed when created).
        create: make a new library when ``path`` does not exist (else :class:`LibraryError`).
        wait: seconds to wait for a library another process is writing before :class:`LibraryBusyError`.
        on_wait: called with a message (Chinese, then English) when the library is busy and we start to wait;
            default: a warning on the ``unioncorpus.library`` logger, which Python prints on stderr.

    A file that is not a unioncorpus library (not SQLite, or another program's SQLite database) is refused and
    left untouched; a library made by unioncorpus 0.1 is upgraded in place (one transaction).

    >>> lib = Library("refs.sqlite")                      # doctest: +SKIP
    >>> lib.add(uc.load("template_sites/"))                # doctest: +SKIP
    >>> lib.query(uc.load("submissions/"))                 # doctest: +SKIP
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        threshold: float = 0.5,
        num_perm: int = 128,
        k: int = DEFAULT_K,
        create: bool = True,
        wait: float | None = None,
        on_wait: Callable[[str], object] | None = None,
    ) -> None:
        self.path = Path(path)
        self.wait = DEFAULT_WAIT if wait is None else float(wait)
        self._on_wait = on_wait or _log_wait
        self._db: sqlite3.Connection | None = None
        self._defaults_for_create = (k, num_perm, threshold)
        if self.path.is_dir():
            raise LibraryError(
                f"参考库是一个文件，而 {self.path} 是文件夹；请写出文件名，如 {self.path / 'library.sqlite'} "
                f"({self.path} is a folder; a library is one file, e.g. {self.path / 'library.sqlite'})"
            )
        exists = self.path.exists()
        if not exists and not create:
            raise LibraryError(
                f"参考库 {_safe(str(self.path))} 不存在 (no library at {_safe(str(self.path))}; "
                "create one with `unioncorpus library add`)"
            )
        if exists:
            self._check_header()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), so a writer takes the write
            # lock before it reads, and two writers queue instead of deadlocking on a lock upgrade.
            self._db = sqlite3.connect(self.path, timeout=min(self.wait, 0.2), isolation_level=None)
            self._retry(self._open)
        except BaseException:
            self.close()
            raise
        self.bands, self.rows = lsh_params(self.threshold, self.num_perm)

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        assert self._db is not None, "the library is closed"
        return self._retry(lambda: self._db.execute(sql, params).fetchall())  # type: ignore[union-attr]

    def __len__(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM docs")[0][0])

    def ids(self) -> list[str]:
        """Library ids in the order of :meth:`list`."""
        return self.list()["lib_id"].tolist()

    def list(self) -> pd.DataFrame:
        """One row per plan: ``lib_id``, ``title``, ``school_level``, ``year``, ``source``, ``added_at``,
        ``doc_id`` (the plan's id in the run that added it), ``start_line``; in natural order of source file
        and position (篇2 before 篇10)."""
        import pandas as pd

        cols = ["lib_id", "title", "school_level", "year", "source", "added_at", "doc_id", "start_line"]
        rows = self._read(f"SELECT {', '.join(cols)} FROM docs")
        rows.sort(key=lambda r: (_natural_key(r[4] or ""), r[7] or 0, _natural_key(r[6] or ""), r[0]))
        table = pd.DataFrame(rows, columns=cols)
        return table.astype({"year": "Int64", "start_line": "Int64"})

    # -- building ---------------------------------------------------------------------------------
    def _index_rows(self, clean: Sequence[str]) -> tuple[ShingleSet, np.ndarray, list[np.ndarray]]:
        shingles = ShingleSet.from_texts([str(i) for i in range(len(clean))], clean, k=self.k, seed=self.seed)
        keys = band_keys(signatures(shingles, num_perm=self.num_perm), self.bands, self.rows)
        sel = sample_mask(shingles)
        samples = [
            (shingles.get(i)[sel[shingles.offsets[i] : shingles.offsets[i + 1]]] >> np.uint64(32)).astype(
                np.int64
            )
            for i in range(len(shingles))
        ]
        return shingles, keys, samples

    def add(self, docs: Iterable[Document]) -> pd.DataFrame:
        """Add plans; a plan whose text (title and body) is already in the library is left out and said so.

        Returns one row per plan given: ``doc_id``, ``source``, ``lib_id`` (its id in the library) and
        ``status``: ``added``, or ``identical`` when the same text was already there (``lib_id`` then names the
        plan already in the library).
        """
        import pandas as pd

        docs = list(docs)
        cleaned = [clean_text(d) for d in docs]
        shingles, keys, samples = self._index_rows([c[0] for c in cleaned])
        digests = [content_hash(d.title, c[0]) for d, c in zip(docs, cleaned, strict=True)]
        added_at = datetime.now().astimezone().isoformat(timespec="seconds")

        def step() -> list[dict]:
            db = self._db
            assert db is not None, "the library is closed"
            db.execute("BEGIN IMMEDIATE")
            try:
                out = [self._add_one(db, d, c, digest, shingles, i, keys[i], samples[i], added_at)
                       for i, (d, c, digest) in enumerate(zip(docs, cleaned, digests, strict=True))]  # fmt: skip
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return out

        rows = self._retry(step)
        return pd.DataFrame(rows, columns=["doc_id", "source", "lib_id", "status"])

    def _add_one(self, db: sqlite3.Connection, d: Document, cleaned: tuple, digest: str, shingles: ShingleSet,
                 i: int, keys_row: np.ndarray, samples_row: np.ndarray, added_at: str) -> dict:  # fmt: skip
        row = {"doc_id": d.id, "source": _safe(d.source)}
        same = db.execute("SELECT lib_id FROM docs WHERE content_hash = ? LIMIT 1", (digest,)).fetchone()
        if same is not None:
            return {**row, "lib_id": same[0], "status": "identical"}
        source_path = _safe(os.path.abspath(d.source)) or ""
        lib_id = library_id(d.id, digest, source_path, d.year)
        if db.execute("SELECT 1 FROM docs WHERE lib_id = ?", (lib_id,)).fetchone():  # a hash-prefix clash
            lib_id = library_id(d.id, digest, source_path, d.year, length=32)
        text, lines, cols = cleaned
        db.execute(
            "INSERT INTO docs (lib_id, source, title, year, n_shingles, clean_text, lines, cols, shingles, doc_id, "
            "source_path, school_level, start_line, content_hash, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (lib_id, _safe(d.source), d.title, d.year, int(shingles.sizes()[i]), text,
             lines.astype(np.int32).tobytes(), cols.astype(np.int32).tobytes(), shingles.get(i).tobytes(),
             d.id, source_path, d.school_level, d.start_line, digest, added_at),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO bands VALUES (?, ?, ?)", [(b, int(key), lib_id) for b, key in enumerate(keys_row)]
        )
        db.executemany("INSERT INTO samples VALUES (?, ?)", [(int(h), lib_id) for h in samples_row])
        return {**row, "lib_id": lib_id, "status": "added"}

    def remove(self, ids: Iterable[str]) -> int:
        """Remove plans by library id (see :meth:`list`); returns how many were removed.

        Raises:
            UnknownPlanError: an id is not in the library; nothing is removed then.
        """
        ids = list(dict.fromkeys(ids))

        def step() -> int:
            db = self._db
            assert db is not None, "the library is closed"
            db.execute("BEGIN IMMEDIATE")
            try:
                known = {
                    r[0] for i in ids for r in db.execute("SELECT lib_id FROM docs WHERE lib_id = ?", (i,))
                }
                unknown = [i for i in ids if i not in known]
                if unknown:
                    raise UnknownPlanError(
                        f"参考库中没有这些 id：{', '.join(unknown)}；未删除任何计划 (not in the library: "
                        f"{', '.join(unknown)}; nothing was removed. `unioncorpus library list` shows the ids)"
                    )
                for lib_id in ids:
                    for table in ("docs", "bands", "samples"):
                        db.execute(f"DELETE FROM {table} WHERE lib_id = ?", (lib_id,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return len(ids)

        return self._retry(step)

    # -- querying ---------------------------------------------------------------------------------
    def _clean_doc(self, lib_id: str) -> CleanDoc:
        source, text, lines, cols = self._read(
            "SELECT source, clean_text, lines, cols FROM docs WHERE lib_id = ?", (lib_id,)
        )[0]
        return CleanDoc(
            lib_id, source, text, np.frombuffer(lines, dtype=np.int32), np.frombuffer(cols, dtype=np.int32)
        )

    def candidates(
        self, keys_row: np.ndarray, samples: np.ndarray, *, min_shared_samples: int = 2
    ) -> list[str]:
        found: set[str] = set()
        for b, key in enumerate(keys_row):
            found.update(
                r[0] for r in self._read("SELECT lib_id FROM bands WHERE band = ? AND key = ?", (b, int(key)))
            )
        if len(samples):
            marks = ",".join("?" * len(samples))
            found.update(
                r[0]
                for r in self._read(
                    f"SELECT lib_id FROM samples WHERE hash IN ({marks}) GROUP BY lib_id HAVING COUNT(*) >= ?",
                    [int(h) for h in samples] + [min_shared_samples],
                )
            )
        return sorted(found)

    def query(
        self,
        docs: Iterable[Document],
        *,
        threshold: float | None = None,
        containment: float = 0.5,
        passages: bool = True,
    ) -> pd.DataFrame:
        """Library plans each query plan copies: one row per (query plan, library plan) match.

        Columns: ``doc_id``, ``library_id``, ``library_source``, ``jaccard``, ``query_in_library``,
        ``library_in_query`` (exact, over shingles), ``near_duplicate`` (Jaccard ≥ threshold or either
        containment ≥ ``containment``), and with ``passages`` the number of shared passages and the share of
        the query plan they cover (``copied_share``). Matches sharing no passage and under both thresholds are
        dropped.
        """
        import pandas as pd

        threshold = self.threshold if threshold is None else threshold
        docs = list(docs)
        cleaned = [CleanDoc.of(d) for d in docs]
        shingles, keys, samples = self._index_rows([c.text for c in cleaned])
        rows = []
        for i, (d, c) in enumerate(zip(docs, cleaned, strict=True)):
            mine = shingles.get(i)
            for lib_id in self.candidates(keys[i], samples[i]):
                source, blob = self._read("SELECT source, shingles FROM docs WHERE lib_id = ?", (lib_id,))[0]
                theirs = np.frombuffer(blob, dtype=np.uint64)
                if not len(mine) or not len(theirs):
                    continue
                inter = len(np.intersect1d(mine, theirs, assume_unique=True))
                jac, q_in, l_in = (
                    inter / (len(mine) + len(theirs) - inter),
                    inter / len(mine),
                    inter / len(theirs),
                )
                near = jac >= threshold or max(q_in, l_in) >= containment
                row = {"doc_id": d.id, "source": _safe(d.source), "library_id": lib_id, "library_source": source,
                       "jaccard": round(jac, 4), "query_in_library": round(q_in, 4), "library_in_query": round(l_in, 4),
                       "near_duplicate": near}  # fmt: skip
                if passages:
                    found = align(c, self._clean_doc(lib_id))
                    covered = np.zeros(len(c.text), dtype=bool)
                    for p in found:
                        covered[p.a["start"] : p.a["end"]] = True
                    row["passages"] = len(found)
                    row["copied_share"] = round(float(covered.mean()) if len(covered) else 0.0, 4)
                    if not found and not near:
                        continue
                elif not near:
                    continue
                rows.append(row)
        cols = ["doc_id", "source", "library_id", "library_source", "jaccard", "query_in_library", "library_in_query",
                "near_duplicate"] + (["passages", "copied_share"] if passages else [])  # fmt: skip
        table = pd.DataFrame(rows, columns=cols)
        return table.sort_values(["doc_id", "jaccard"], ascending=[True, False], kind="stable").reset_index(
            drop=True
        )

    def passages(self, doc: Document, lib_id: str) -> list:
        """The passages ``doc`` shares with library plan ``lib_id`` (both sides with raw lines)."""
        return align(CleanDoc.of(doc), self._clean_doc(lib_id))

    def info(self) -> dict:
        return {"path": str(self.path), "documents": len(self), "k": self.k, "num_perm": self.num_perm,
                "threshold": self.threshold, "bands": self.bands, "rows": self.rows}  # fmt: skip

    def __repr__(self) -> str:
        return f"Library({json.dumps(self.info(), ensure_ascii=False)})"
