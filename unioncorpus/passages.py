"""Shared passages with exact spans, boilerplate families, and each plan's boilerplate share.

Two plans share a passage when a stretch of one reappears in the other, allowing small edits (a school name,
a year, punctuation, a swapped character). Passages are found on the cleaned text of :func:`dedup.clean_text`
(so punctuation and numbering never break them) and mapped back to raw lines and to offsets in the
normalised lines on both sides.

Across a corpus, :func:`shared_passages`, :func:`families` and :func:`boilerplate_share` work from the clause
index of :mod:`unioncorpus.reuse` (cost grows with the text, not with the pairs of plans). :func:`align`
compares two given plans directly: long exact seeds (``seed_len`` characters) found by hashing, merged along
their diagonal, chained across small gaps, and scored with rapidfuzz's normalised Indel similarity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .dedup import clean_units, shingle
from .model import Document

__all__ = [
    "CleanDoc",
    "Passage",
    "align",
    "boilerplate_share",
    "families",
    "passage_spans",
    "passages_table",
    "shared_passages",
]


@dataclass(frozen=True)
class CleanDoc:
    """A document's cleaned text with the raw line and line offset of every character, and the cleaned
    offsets where its clauses start (``None`` when unknown: the whole text is then one clause)."""

    id: str
    source: str
    text: str
    lines: np.ndarray
    cols: np.ndarray
    breaks: np.ndarray | None = None

    @classmethod
    def of(cls, doc: Document) -> CleanDoc:
        text, lines, cols, breaks = clean_units(doc)
        return cls(doc.id, doc.source, text, lines, cols, breaks)

    def span(self, start: int, end: int) -> dict:
        """Raw-line provenance of the cleaned characters ``[start, end)``."""
        return {"start": start, "end": end, "start_line": int(self.lines[start]), "end_line": int(self.lines[end - 1]),
                "start_col": int(self.cols[start]), "end_col": int(self.cols[end - 1]) + 1}  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """A passage shared by two documents: cleaned-text offsets, raw lines and columns on both sides."""

    doc_a: str
    doc_b: str
    a: dict
    b: dict
    similarity: float
    text_a: str
    text_b: str

    @property
    def length(self) -> int:
        return max(self.a["end"] - self.a["start"], self.b["end"] - self.b["start"])


def _runs(ta: str, tb: str, seed_len: int) -> list[tuple[int, int, int, int]]:
    """Maximal exact matches of at least ``seed_len`` characters as ``(a0, a1, b0, b1)``, in b order."""
    ha, hb = shingle(ta, k=seed_len), shingle(tb, k=seed_len)
    if not len(ha) or not len(hb):
        return []
    order = np.argsort(ha, kind="stable")
    sorted_a = ha[order]
    lo = np.searchsorted(sorted_a, hb, side="left")
    hi = np.searchsorted(sorted_a, hb, side="right")
    hits = np.flatnonzero(hi > lo)
    if not len(hits):
        return []
    pa_list, pb_list = [], []
    for pb in hits:
        for pos in order[lo[pb] : min(hi[pb], lo[pb] + 8)]:  # a phrase repeated many times: first 8
            pa_list.append(int(pos))
            pb_list.append(int(pb))
    pa, pb = np.asarray(pa_list), np.asarray(pb_list)
    diag = pa - pb
    idx = np.lexsort((pb, diag))
    diag, pb, pa = diag[idx], pb[idx], pa[idx]
    breaks = np.flatnonzero((np.diff(diag) != 0) | (np.diff(pb) != 1)) + 1
    runs = []
    for seg_a, seg_b in zip(np.split(pa, breaks), np.split(pb, breaks), strict=True):
        runs.append((int(seg_a[0]), int(seg_a[-1]) + seed_len, int(seg_b[0]), int(seg_b[-1]) + seed_len))
    runs.sort(key=lambda r: (r[2], r[0]))
    return runs


def align(
    a: CleanDoc,
    b: CleanDoc,
    *,
    seed_len: int = 10,
    max_gap: int = 24,
    min_len: int = 30,
    min_similarity: float = 0.8,
) -> list[Passage]:
    """Passages shared by ``a`` and ``b`` (at least ``min_len`` cleaned characters, similarity ≥ ``min_similarity``)."""
    runs = _runs(a.text, b.text, seed_len)
    chains: list[list[int]] = []
    used_a: list[tuple[int, int]] = []
    for a0, a1, b0, b1 in runs:
        if chains:
            c = chains[-1]
            gap_a, gap_b = a0 - c[1], b0 - c[3]
            if (
                -seed_len <= gap_a <= max_gap
                and -seed_len <= gap_b <= max_gap
                and abs(gap_a - gap_b) <= max_gap
            ):
                c[1], c[3] = max(c[1], a1), max(c[3], b1)
                continue
        chains.append([a0, a1, b0, b1])
    out = []
    for a0, a1, b0, b1 in chains:
        if max(a1 - a0, b1 - b0) < min_len:
            continue
        if any(x0 <= a0 and a1 <= x1 for x0, x1 in used_a):
            continue  # the same stretch of a, met again through a repeated phrase in b
        sa, sb = a.text[a0:a1], b.text[b0:b1]
        sim = fuzz.ratio(sa, sb) / 100
        if sim < min_similarity:
            continue
        used_a.append((a0, a1))
        out.append(Passage(a.id, b.id, a.span(a0, a1), b.span(b0, b1), round(sim, 4), sa, sb))
    return out


def _exact_copies(clean: Sequence[CleanDoc], min_len: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Positions of the first plan of each distinct cleaned text, and (first, copy) for exact copies."""
    first: dict[str, int] = {}
    reps: list[int] = []
    copies: list[tuple[int, int]] = []
    for k, d in enumerate(clean):
        if d.text in first and len(d.text) >= min_len:
            copies.append((first[d.text], k))
            continue
        first.setdefault(d.text, k)
        reps.append(k)
    return reps, copies


def passage_spans(
    clean: Sequence[CleanDoc],
    *,
    jobs: int | None = 1,
    scheduler: str | None = None,
    show_progress: bool = False,
    **options,
):
    """Shared passages as a table of positions in ``clean``: columns ``a``, ``b`` (a < b), ``a_start``,
    ``a_end``, ``b_start``, ``b_end`` (cleaned offsets) and ``similarity``, in (a, b, a_start) order.

    Exact copies (the same cleaned text) are aligned once: a copy gets one whole-text passage with the first
    plan holding that text, and the text's passages with other plans are found once, from the first plan.
    ``jobs``, ``scheduler`` and the options are those of :func:`unioncorpus.reuse.find_passages`.
    """
    import pandas as pd

    from .reuse import PASSAGE_COLUMNS, find_passages

    reps, copies = _exact_copies(clean, options.get("min_len", 40))
    found = find_passages([clean[k] for k in reps], jobs=jobs, scheduler=scheduler, show_progress=show_progress,
                          **options)  # fmt: skip
    rep_pos = np.asarray(reps, dtype=np.int64)
    found["a"], found["b"] = rep_pos[found["a"].to_numpy()], rep_pos[found["b"].to_numpy()]
    whole = pd.DataFrame(
        [(a, b, 0, len(clean[a].text), 0, len(clean[b].text), 1.0) for a, b in copies],
        columns=PASSAGE_COLUMNS,
    )
    out = pd.concat([found, whole], ignore_index=True) if len(whole) else found
    out = out.astype({c: "int64" for c in PASSAGE_COLUMNS[:6]})
    return out.sort_values(["a", "b", "a_start", "b_start"], kind="stable").reset_index(drop=True)


def passage_objects(spans, clean: Sequence[CleanDoc]) -> list[Passage]:
    """:class:`Passage` values (both sides with raw lines, columns and texts) from :func:`passage_spans`."""
    out = []
    for a, b, a0, a1, b0, b1, sim in spans[PASSAGE_TABLE_SOURCE].itertuples(index=False, name=None):
        da, db = clean[a], clean[b]
        out.append(
            Passage(
                da.id, db.id, da.span(a0, a1), db.span(b0, b1), float(sim), da.text[a0:a1], db.text[b0:b1]
            )
        )
    return out


PASSAGE_TABLE_SOURCE = ["a", "b", "a_start", "a_end", "b_start", "b_end", "similarity"]


def shared_passages(docs: Iterable[Document] | Sequence[CleanDoc], **options) -> list[Passage]:
    """All passages shared between any two of ``docs``, found through the clause index (:mod:`.reuse`).

    Exact copies (the same cleaned text) are aligned once: a copy gets one whole-text passage with the first
    plan holding that text, and the text's passages with other plans are found once, from the first plan.
    """
    clean = [d if isinstance(d, CleanDoc) else CleanDoc.of(d) for d in docs]
    return passage_objects(passage_spans(clean, **options), clean)


PASSAGE_TABLE_COLUMNS = [
    "doc_a", "a_start_line", "a_end_line", "a_start_col", "a_end_col", "a_start", "a_end", "doc_b", "b_start_line",
    "b_end_line", "b_start_col", "b_end_col", "b_start", "b_end", "chars", "similarity", "text_a", "text_b",
]  # fmt: skip


def passages_table(passages, clean: Sequence[CleanDoc] | None = None):
    """The passages as a DataFrame: both sides with raw lines, columns, cleaned offsets and texts.

    ``passages`` is a list of :class:`Passage`, or the position table of :func:`passage_spans` together
    with ``clean`` (then the raw lines and columns are looked up for all rows at once).
    """
    import pandas as pd

    if clean is None:
        rows = []
        for p in passages:
            rows.append({
                "doc_a": p.doc_a, "a_start_line": p.a["start_line"], "a_end_line": p.a["end_line"],
                "a_start_col": p.a["start_col"], "a_end_col": p.a["end_col"], "a_start": p.a["start"], "a_end": p.a["end"],
                "doc_b": p.doc_b, "b_start_line": p.b["start_line"], "b_end_line": p.b["end_line"],
                "b_start_col": p.b["start_col"], "b_end_col": p.b["end_col"], "b_start": p.b["start"], "b_end": p.b["end"],
                "chars": p.length, "similarity": p.similarity, "text_a": p.text_a, "text_b": p.text_b,
            })  # fmt: skip
        return pd.DataFrame(rows, columns=PASSAGE_TABLE_COLUMNS)
    spans = passages
    base = np.zeros(len(clean) + 1, dtype=np.int64)
    base[1:] = np.cumsum([len(d.text) for d in clean])
    lines = np.concatenate([d.lines for d in clean]) if clean else np.zeros(0, dtype=np.int32)
    cols = np.concatenate([d.cols for d in clean]) if clean else np.zeros(0, dtype=np.int32)
    out: dict[str, object] = {}
    ids = np.array([d.id for d in clean], dtype=object)
    for side in ("a", "b"):
        doc = spans[side].to_numpy()
        s, e = spans[f"{side}_start"].to_numpy(), spans[f"{side}_end"].to_numpy()
        out[f"doc_{side}"] = ids[doc] if len(doc) else []
        out[f"{side}_start_line"] = lines[base[doc] + s]
        out[f"{side}_end_line"] = lines[base[doc] + e - 1]
        out[f"{side}_start_col"] = cols[base[doc] + s]
        out[f"{side}_end_col"] = cols[base[doc] + e - 1] + 1
        out[f"{side}_start"], out[f"{side}_end"] = s, e
        out[f"text_{side}"] = [
            clean[d].text[x:y] for d, x, y in zip(doc.tolist(), s.tolist(), e.tolist(), strict=True)
        ]
    out["chars"] = np.maximum(out["a_end"] - out["a_start"], out["b_end"] - out["b_start"])
    out["similarity"] = spans["similarity"].to_numpy()
    return pd.DataFrame(out, columns=PASSAGE_TABLE_COLUMNS).astype(
        {
            c: "int64"
            for c in PASSAGE_TABLE_COLUMNS
            if c.endswith(("_line", "_col", "_start", "_end")) or c == "chars"
        }
    )


def passage_pairs(spans, clean: Sequence[CleanDoc]) -> tuple[list[str], list[str], list[int]]:
    """The ``doc_a``, ``doc_b`` and ``chars`` columns of :func:`passages_table`, row for row, without the
    texts (what the reuse network needs)."""
    ids = [d.id for d in clean]
    a, b = spans["a"].tolist(), spans["b"].tolist()
    chars = np.maximum(spans["a_end"] - spans["a_start"], spans["b_end"] - spans["b_start"])
    return [ids[i] for i in a], [ids[i] for i in b], chars.tolist()


def copied_lines(spans, clean: Sequence[CleanDoc]) -> dict[str, list[tuple[int, int]]]:
    """For each document, the (first, last) raw lines of every passage it shares, as notebooks mark them."""
    out: dict[str, list[tuple[int, int]]] = {}
    for side in ("a", "b"):
        for d, s, e in spans[[side, f"{side}_start", f"{side}_end"]].itertuples(index=False, name=None):
            lines = clean[d].lines
            out.setdefault(clean[d].id, []).append((int(lines[s]), int(lines[e - 1])))
    return out


def _spans_of(passages: Sequence[Passage], clean: Sequence[CleanDoc]):
    """The position table of :func:`passage_spans` for passages given as :class:`Passage` values."""
    import pandas as pd

    pos = {d.id: i for i, d in enumerate(clean)}
    rows = [
        (pos[p.doc_a], pos[p.doc_b], p.a["start"], p.a["end"], p.b["start"], p.b["end"], p.similarity)
        for p in passages
        if p.doc_a in pos and p.doc_b in pos
    ]
    return pd.DataFrame(rows, columns=PASSAGE_TABLE_SOURCE).astype(
        {c: "int64" for c in PASSAGE_TABLE_SOURCE[:6]}
    )


def families(
    passages: Sequence[Passage],
    docs: Sequence[CleanDoc],
    *,
    min_docs: int = 3,
    min_similarity: float = 0.85,
    min_chars: int = 20,
):
    """Boilerplate families: copied text that recurs across at least ``min_docs`` plans.

    Passages between different pairs cover a recurring text to different extents, so families are built
    from the raw lines inside passages: each (document, line) stretch of at least ``min_chars`` cleaned
    characters is an occurrence. Occurrences are taken longest first; each joins the family whose
    *canonical* text (its first occurrence) it matches with similarity ≥ ``min_similarity`` and a length
    within 20%, or founds a new family. Comparing with the canonical text only — never with other members —
    keeps unrelated passages from chaining into one giant cluster; candidate families are looked up through
    an index of the occurrences' keys (:func:`unioncorpus.reuse.passage_families`).
    """
    from .reuse import passage_families

    return passage_families(
        _spans_of(passages, docs), docs, min_docs=min_docs, min_similarity=min_similarity, min_chars=min_chars
    )


def boilerplate_share(
    docs: Sequence[CleanDoc] | Iterable[Document], passages: Sequence[Passage], *, top: int = 3
):
    """Per document: the share of its cleaned characters covered by passages shared with other plans, and
    the top sources (the plans covering most of it)."""
    from .reuse import boilerplate_table

    clean = [d if isinstance(d, CleanDoc) else CleanDoc.of(d) for d in docs]
    return boilerplate_table(_spans_of(passages, clean), clean, top=top)
