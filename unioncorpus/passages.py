"""Shared passages with exact spans, boilerplate families, and each plan's boilerplate share.

Two plans share a passage when a stretch of one reappears in the other, allowing small edits (a school name,
a year, punctuation, a swapped character). Passages are found on the cleaned text of :func:`dedup.clean_text`
(so punctuation and numbering never break them): long exact seeds (``seed_len`` characters) are found by
hashing, merged along their diagonal, chained across small gaps, and the chain is scored with rapidfuzz's
normalised Indel similarity. Every passage is mapped back to raw lines and to offsets in the normalised lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .dedup import _pairs_from_keys, clean_text, shingle
from .model import Document

__all__ = [
    "CleanDoc",
    "Passage",
    "align",
    "boilerplate_share",
    "candidate_pairs_for_passages",
    "families",
    "shared_passages",
]


@dataclass(frozen=True)
class CleanDoc:
    """A document's cleaned text with the raw line and line offset of every character."""

    id: str
    source: str
    text: str
    lines: np.ndarray
    cols: np.ndarray

    @classmethod
    def of(cls, doc: Document) -> CleanDoc:
        text, lines, cols = clean_text(doc)
        return cls(doc.id, doc.source, text, lines, cols)

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


def candidate_pairs_for_passages(
    docs: Sequence[CleanDoc], *, seed_len: int = 10, rate: int = 4, max_bucket: int = 1000
) -> np.ndarray:
    """Pairs of documents that share at least one sampled ``seed_len``-gram (a shared passage of 30 characters
    holds about 20 of them, so sampling one in ``rate`` misses it with probability (1 - 1/rate)^20)."""
    hashes, owners = [], []
    for i, d in enumerate(docs):
        h = np.unique(shingle(d.text, k=seed_len))
        h = h[(h % np.uint64(rate)) == 0]
        hashes.append(h)
        owners.append(np.full(len(h), i, dtype=np.int64))
    if not hashes:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = _pairs_from_keys(np.concatenate(hashes), np.concatenate(owners), max_bucket=max_bucket)
    if not len(pairs):
        return pairs
    n = len(docs)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def shared_passages(docs: Iterable[Document] | Sequence[CleanDoc], **options) -> list[Passage]:
    """All passages shared between any two of ``docs``.

    Exact copies (the same cleaned text) are aligned once: a copy gets one whole-text passage with the first
    plan holding that text, and the text's passages with other plans are found once, from the first plan.
    """
    clean = [d if isinstance(d, CleanDoc) else CleanDoc.of(d) for d in docs]
    seed_len = options.get("seed_len", 10)
    min_len = options.get("min_len", 30)
    first: dict[str, int] = {}
    reps: list[CleanDoc] = []
    out: list[Passage] = []
    for k, d in enumerate(clean):
        if d.text in first and len(d.text) >= min_len:
            rep = clean[first[d.text]]
            n = len(d.text)
            out.append(Passage(rep.id, d.id, rep.span(0, n), d.span(0, n), 1.0, rep.text, d.text))
            continue
        first.setdefault(d.text, k)
        reps.append(d)
    for i, j in candidate_pairs_for_passages(reps, seed_len=seed_len):
        out.extend(align(reps[int(i)], reps[int(j)], **options))
    return out


def passages_table(passages: Sequence[Passage]):
    import pandas as pd

    rows = []
    for p in passages:
        rows.append({
            "doc_a": p.doc_a, "a_start_line": p.a["start_line"], "a_end_line": p.a["end_line"],
            "a_start_col": p.a["start_col"], "a_end_col": p.a["end_col"], "a_start": p.a["start"], "a_end": p.a["end"],
            "doc_b": p.doc_b, "b_start_line": p.b["start_line"], "b_end_line": p.b["end_line"],
            "b_start_col": p.b["start_col"], "b_end_col": p.b["end_col"], "b_start": p.b["start"], "b_end": p.b["end"],
            "chars": p.length, "similarity": p.similarity, "text_a": p.text_a, "text_b": p.text_b,
        })  # fmt: skip
    cols = ["doc_a", "a_start_line", "a_end_line", "a_start_col", "a_end_col", "a_start", "a_end", "doc_b",
            "b_start_line", "b_end_line", "b_start_col", "b_end_col", "b_start", "b_end", "chars", "similarity",
            "text_a", "text_b"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def families(
    passages: Sequence[Passage],
    docs: Sequence[CleanDoc],
    *,
    min_docs: int = 3,
    min_similarity: float = 0.85,
    min_chars: int = 20,
) -> list[dict]:
    """Boilerplate families: copied text that recurs across at least ``min_docs`` plans.

    Passages between different pairs cover a recurring text to different extents, so families are built
    from the raw lines inside passages: each (document, line) stretch of at least ``min_chars`` cleaned
    characters is an occurrence. Occurrences are taken longest first; each joins the family whose
    *canonical* text (its first occurrence) it matches with similarity ≥ ``min_similarity`` and a length
    within 20%, or founds a new family. Comparing with the canonical text only — never with other members —
    keeps unrelated passages from chaining into one giant cluster.
    """
    by_id = {d.id: d for d in docs}
    stretches: dict[tuple[str, int], tuple[int, int]] = {}
    for p in passages:
        for doc_id, span in ((p.doc_a, p.a), (p.doc_b, p.b)):
            d = by_id.get(doc_id)
            if d is None:
                continue
            lines = d.lines[span["start"] : span["end"]]
            for line in np.unique(lines):
                idx = np.flatnonzero(lines == line) + span["start"]
                s, e = int(idx[0]), int(idx[-1]) + 1
                old = stretches.get((doc_id, int(line)))
                stretches[(doc_id, int(line))] = (min(s, old[0]), max(e, old[1])) if old else (s, e)
    occurrences = [
        (doc_id, line, s, e, by_id[doc_id].text[s:e])
        for (doc_id, line), (s, e) in stretches.items()
        if e - s >= min_chars
    ]
    occurrences.sort(key=lambda o: (-(o[3] - o[2]), o[0], o[1]))
    canon: list[str] = []
    members: list[list[dict]] = []
    for doc_id, _line, s, e, text in occurrences:
        fam = None
        if canon:
            match = process.extractOne(text, canon, scorer=fuzz.ratio, score_cutoff=100 * min_similarity)
            if match is not None and 0.8 <= len(text) / len(canon[match[2]]) <= 1.25:
                fam = match[2]
        if fam is None:
            canon.append(text)
            members.append([])
            fam = len(canon) - 1
        members[fam].append({"doc_id": doc_id, **by_id[doc_id].span(s, e)})
    out = []
    for text, mem in zip(canon, members, strict=True):
        n_docs = len({m["doc_id"] for m in mem})
        if n_docs >= min_docs:
            out.append({"canonical": text, "chars": len(text), "n_docs": n_docs, "members": mem})
    out.sort(key=lambda f: (-f["n_docs"], -f["chars"], f["canonical"]))
    for k, f in enumerate(out, 1):
        f["family"] = k
    return out


def boilerplate_share(
    docs: Sequence[CleanDoc] | Iterable[Document], passages: Sequence[Passage], *, top: int = 3
):
    """Per document: the share of its cleaned characters covered by passages shared with other plans, and
    the top sources (the plans covering most of it)."""
    import pandas as pd

    clean = [d if isinstance(d, CleanDoc) else CleanDoc.of(d) for d in docs]
    cover: dict[str, np.ndarray] = {d.id: np.zeros(len(d.text), dtype=bool) for d in clean}
    by_source: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
    for p in passages:
        for me, other, span in ((p.doc_a, p.doc_b, p.a), (p.doc_b, p.doc_a, p.b)):
            if me not in cover:
                continue
            cover[me][span["start"] : span["end"]] = True
            mask = by_source[me].setdefault(other, np.zeros(len(cover[me]), dtype=bool))
            mask[span["start"] : span["end"]] = True
    rows = []
    for d in clean:
        n = len(d.text)
        sources = sorted(((o, int(m.sum())) for o, m in by_source[d.id].items()), key=lambda x: (-x[1], x[0]))
        rows.append({
            "doc_id": d.id, "source": d.source, "chars": n, "copied_chars": int(cover[d.id].sum()),
            "boilerplate_share": round(float(cover[d.id].sum()) / n, 4) if n else 0.0,
            "top_sources": [f"{o} ({c / n:.0%})" for o, c in sources[:top]] if n else [],
        })  # fmt: skip
    return pd.DataFrame(
        rows, columns=["doc_id", "source", "chars", "copied_chars", "boilerplate_share", "top_sources"]
    )
