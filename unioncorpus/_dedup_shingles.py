"""Near-duplicate plans, step 1: the cleaned text of a plan and its character shingles.

A plan's body is reduced to the characters that carry content (punctuation, spaces, list numbering and
placeholder noise such as xx, ____, 20xx, *** removed), keeping for every character the raw line and column it
came from and the offsets where clauses start (for the reuse index); shingles are its k-character substrings,
hashed by a rolling polynomial hash finished with the seeded splitmix64 mixer, a few numpy passes per batch with
nothing run per shingle in Python. :class:`ShingleSet` holds a batch's sorted distinct shingle hashes in CSR
form. Everything here is re-exported by :mod:`unioncorpus.dedup`, the public front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model import Document
from .numbering import strip_numbering

DEFAULT_K = 5


MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


_PLACEHOLDER = re.compile(r"(?:19|20)?[xX×Ｘ]{2,}|[_＿]{2,}|\*{2,}|[□○〇]{2,}|20[_＿]+|某某")


_HAS_PLACEHOLDER = re.compile(r"[xX×Ｘ_＿*□○〇]|某某").search


# Characters that end a clause in the normalised text (a line end ends one too). Clause starts are kept so
# the reuse index (_reuse_clauses.py) can hash clauses; they do not change the cleaned text.
_BREAK_CHARS = "，,。.；;！!？?：:、 \t\u3000\n"


_BREAK_TABLE = np.zeros(0x10000, dtype=bool)


for _ch in _BREAK_CHARS:
    _BREAK_TABLE[ord(_ch)] = True


def _is_kept(cps: np.ndarray) -> np.ndarray:
    """Content characters: CJK ideographs (basic block and extension A), ASCII letters and digits."""
    return (
        ((cps >= 0x4E00) & (cps <= 0x9FFF))
        | ((cps >= 0x3400) & (cps <= 0x4DBF))
        | ((cps >= 0x30) & (cps <= 0x39))
        | (((cps | 0x20) >= 0x61) & ((cps | 0x20) <= 0x7A))
    )


@lru_cache(maxsize=1 << 16)
def _head_numbering_length(head: str) -> int:
    return len(head) - len(strip_numbering(head)[2])


def _numbering_length(text: str) -> int:
    """Length of a line's list numbering. Numbering is short, so it is parsed from the first characters,
    which repeat across lines ("（一）", "1、") and are cached; the number itself is not needed here."""
    n = _head_numbering_length(text[:24])
    return n if n < 20 else len(text) - len(strip_numbering(text)[2])


def clean_units(doc: Document) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`clean_text` plus the cleaned offsets where clauses start (after punctuation or a line end).

    One numpy pass over the whole body: the masked lines are joined with newlines and classified by code
    point, so the cost per character is a few vector operations, not a Python step.
    """
    parts: list[str] = []
    numbers: list[int] = []
    bases: list[int] = []
    lengths: list[int] = []
    for ln in doc.body_lines():
        rest = ln.text[_numbering_length(ln.text) :]
        masked = _PLACEHOLDER.sub(lambda m: "\0" * len(m.group(0)), rest) if _HAS_PLACEHOLDER(rest) else rest
        parts.append(masked)
        numbers.append(ln.number)
        bases.append(ln.col + len(ln.text) - len(rest))
        lengths.append(len(masked) + 1)
    if not parts:
        empty = np.zeros(0, dtype=np.int32)
        return "", empty, empty, empty
    joined = "\n".join(parts) + "\n"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    kept = np.flatnonzero(_is_kept(cps))
    line_of = np.repeat(np.arange(len(parts)), lengths)
    line_start = np.cumsum([0, *lengths[:-1]])
    idx = line_of[kept]
    lines = np.asarray(numbers, dtype=np.int32)[idx]
    cols = (np.asarray(bases, dtype=np.int64)[idx] + kept - line_start[idx]).astype(np.int32)
    text = cps[kept].tobytes().decode("utf-32-le")
    # A clause starts at the first kept character and after any break character (or line end).
    is_break = np.zeros(len(cps), dtype=bool)
    small = cps < len(_BREAK_TABLE)
    is_break[small] = _BREAK_TABLE[cps[small]]
    seen = np.cumsum(is_break)
    before = np.r_[0, seen[kept[:-1]]] if len(kept) else np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(seen[kept] - before > 0) if len(kept) else before
    breaks = np.unique(np.r_[0, starts]).astype(np.int32) if len(kept) else np.zeros(0, dtype=np.int32)
    return text, lines, cols, breaks


def clean_text(doc: Document) -> tuple[str, np.ndarray, np.ndarray]:
    """A plan's body reduced to content characters, with the raw line and the offset in that line's
    normalised text of every kept character.

    >>> from unioncorpus.model import Line
    >>> d = Document("d-1", "d.txt", [Line(3, "1、召开 20xx 年教代会。")])
    >>> clean_text(d)[0]
    '召开年教代会'
    """
    return clean_units(doc)[:3]


def _splitmix64(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle(text: str, *, k: int = DEFAULT_K, seed: int = 1) -> np.ndarray:
    """Hashes (uint64) of every k-character shingle of ``text``, in order (not deduplicated)."""
    n = len(text) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * base + cps[j : j + n]
        return _splitmix64(h ^ np.uint64(seed * 0x2545F4914F6CDD1D & 0xFFFFFFFFFFFFFFFF))


def unique_shingles(text: str, *, k: int = DEFAULT_K, seed: int = 1) -> np.ndarray:
    """The sorted distinct shingle hashes of ``text`` (a sort and a neighbour test: twice as fast as
    ``np.unique``'s hash table on arrays of this size)."""
    h = np.sort(shingle(text, k=k, seed=seed))
    return h[np.r_[True, h[1:] != h[:-1]]] if len(h) else h


@dataclass
class ShingleSet:
    """The shingle hashes of a batch of documents in CSR form: ``values[offsets[i]:offsets[i+1]]`` are the
    sorted unique hashes of document ``i``."""

    ids: list[str]
    values: np.ndarray
    offsets: np.ndarray
    k: int = DEFAULT_K
    seed: int = 1

    @classmethod
    def from_texts(
        cls, ids: Sequence[str], texts: Sequence[str], *, k: int = DEFAULT_K, seed: int = 1
    ) -> ShingleSet:
        parts = [unique_shingles(t, k=k, seed=seed) for t in texts]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(p) for p in parts])
        values = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        return cls(list(ids), values, offsets, k, seed)

    @classmethod
    def from_documents(cls, docs: Iterable[Document], *, k: int = DEFAULT_K, seed: int = 1) -> ShingleSet:
        docs = list(docs)
        return cls.from_texts([d.id for d in docs], [clean_text(d)[0] for d in docs], k=k, seed=seed)

    def __len__(self) -> int:
        return len(self.ids)

    def get(self, i: int) -> np.ndarray:
        return self.values[self.offsets[i] : self.offsets[i + 1]]

    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)
