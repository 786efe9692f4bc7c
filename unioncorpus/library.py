"""A persistent reference library of known plans (template-site texts, earlier years) in one SQLite file.

New submissions are checked against it without rebuilding anything: adding a plan inserts its LSH band keys,
containment samples and shingles into indexed tables (cost independent of the library's size up to a B-tree
lookup), removing deletes them, and a query looks up candidates by index and verifies them exactly.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .dedup import (
    DEFAULT_K,
    ShingleSet,
    band_keys,
    clean_text,
    lsh_params,
    sample_mask,
    signatures,
)
from .errors import UnionCorpusError
from .model import Document
from .passages import CleanDoc, align

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Library"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    lib_id TEXT PRIMARY KEY, source TEXT, title TEXT, year INTEGER, n_shingles INTEGER,
    clean_text TEXT, lines BLOB, cols BLOB, shingles BLOB
);
CREATE TABLE IF NOT EXISTS bands (band INTEGER NOT NULL, key INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands (band, key);
CREATE INDEX IF NOT EXISTS bands_doc ON bands (lib_id);
CREATE TABLE IF NOT EXISTS samples (hash INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS samples_hash ON samples (hash);
CREATE INDEX IF NOT EXISTS samples_doc ON samples (lib_id);
"""


class Library:
    """A reference library on disk.

    Args:
        path: the library file (created if missing; conventionally ``*.sqlite``).
        threshold: Jaccard threshold the LSH bands are tuned for (fixed when the library is created).
        num_perm: MinHash slots per signature (fixed when created).
        k: shingle length (fixed when created).

    >>> lib = Library("refs.sqlite")                      # doctest: +SKIP
    >>> lib.add(uc.load("template_sites/"))                # doctest: +SKIP
    >>> lib.query(uc.load("submissions/"))                 # doctest: +SKIP
    """

    def __init__(
        self, path: str | os.PathLike[str], *, threshold: float = 0.5, num_perm: int = 128, k: int = DEFAULT_K
    ) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise UnionCorpusError(
                f"{self.path} is a folder; a library is one file, e.g. {self.path / 'library.sqlite'}"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.executescript(SCHEMA)
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if meta:
            self.k, self.num_perm, self.threshold = (
                int(meta["k"]),
                int(meta["num_perm"]),
                float(meta["threshold"]),
            )
            self.seed = int(meta["seed"])
        else:
            self.k, self.num_perm, self.threshold, self.seed = k, num_perm, threshold, 1
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("k", str(k)),
                    ("num_perm", str(num_perm)),
                    ("threshold", str(threshold)),
                    ("seed", "1"),
                    ("format", "1"),
                ],
            )
            self._db.commit()
        self.bands, self.rows = lsh_params(self.threshold, self.num_perm)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT lib_id FROM docs ORDER BY lib_id")]

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

    def add(self, docs: Iterable[Document]) -> list[str]:
        """Add plans (a plan whose id is already in the library replaces it); returns the ids added."""
        docs = list(docs)
        cleaned = [clean_text(d) for d in docs]
        shingles, keys, samples = self._index_rows([c[0] for c in cleaned])
        added = []
        with self._db:
            for i, (d, (text, lines, cols)) in enumerate(zip(docs, cleaned, strict=True)):
                self._delete(d.id)
                self._db.execute(
                    "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        d.id,
                        d.source,
                        d.title,
                        d.year,
                        int(shingles.sizes()[i]),
                        text,
                        lines.astype(np.int32).tobytes(),
                        cols.astype(np.int32).tobytes(),
                        shingles.get(i).tobytes(),
                    ),
                )
                self._db.executemany(
                    "INSERT INTO bands VALUES (?, ?, ?)",
                    [(b, int(key), d.id) for b, key in enumerate(keys[i])],
                )
                self._db.executemany(
                    "INSERT INTO samples VALUES (?, ?)", [(int(h), d.id) for h in samples[i]]
                )
                added.append(d.id)
        return added

    def _delete(self, lib_id: str) -> int:
        n = self._db.execute("DELETE FROM docs WHERE lib_id = ?", (lib_id,)).rowcount
        self._db.execute("DELETE FROM bands WHERE lib_id = ?", (lib_id,))
        self._db.execute("DELETE FROM samples WHERE lib_id = ?", (lib_id,))
        return n

    def remove(self, ids: Iterable[str]) -> int:
        """Remove plans by id; returns how many were in the library."""
        with self._db:
            return sum(self._delete(i) for i in ids)

    # -- querying ---------------------------------------------------------------------------------
    def _clean_doc(self, lib_id: str) -> CleanDoc:
        source, text, lines, cols = self._db.execute(
            "SELECT source, clean_text, lines, cols FROM docs WHERE lib_id = ?", (lib_id,)
        ).fetchone()
        return CleanDoc(
            lib_id, source, text, np.frombuffer(lines, dtype=np.int32), np.frombuffer(cols, dtype=np.int32)
        )

    def candidates(
        self, keys_row: np.ndarray, samples: np.ndarray, *, min_shared_samples: int = 2
    ) -> list[str]:
        found: set[str] = set()
        for b, key in enumerate(keys_row):
            found.update(
                r[0]
                for r in self._db.execute(
                    "SELECT lib_id FROM bands WHERE band = ? AND key = ?", (b, int(key))
                )
            )
        if len(samples):
            marks = ",".join("?" * len(samples))
            found.update(
                r[0]
                for r in self._db.execute(
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
                source, blob = self._db.execute(
                    "SELECT source, shingles FROM docs WHERE lib_id = ?", (lib_id,)
                ).fetchone()
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
                row = {"doc_id": d.id, "source": d.source, "library_id": lib_id, "library_source": source,
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
