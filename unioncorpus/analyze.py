"""The main job: every stage over a folder, tables written to disk, and a one-screen summary."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ._atomic import atomic_write
from .corpus import Corpus, extract

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["analyze", "summarize", "write_table"]

TABLES = (
    "documents", "sections", "activities", "campaigns", "furniture", "inputs",
    "near_duplicates", "passages", "families", "boilerplate",
)  # fmt: skip


def write_table(df: pd.DataFrame, path_stem: Path) -> list[Path]:
    """Write ``df`` as ``.parquet`` and ``.csv`` next to each other, each atomically (temp file + rename)."""
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    csv_df = df.copy()
    for col in csv_df.columns:
        if csv_df[col].map(lambda v: isinstance(v, list | tuple)).any():
            csv_df[col] = csv_df[col].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    for suffix, writer in (
        (".parquet", lambda p: df.to_parquet(p, index=False)),
        (".csv", lambda p: csv_df.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n")),
    ):
        written.append(atomic_write(path_stem.with_suffix(suffix), writer))
    return written


def summarize(corpus: Corpus) -> str:
    """A one-screen summary of a corpus, for people."""
    docs = corpus.documents
    lines = [
        f"{len(corpus.files)} files read, {len(corpus.failures)} unreadable; {len(docs)} plans found",
    ]
    if len(docs):
        for col in ("doc_type", "school_level"):
            counts = Counter(docs[col])
            lines.append(f"  {col:13} " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
        years = docs["year"].dropna()
        if len(years):
            lines.append(
                f"  {'years':13} {int(years.min())}–{int(years.max())} ({len(years)} plans state one)"
            )
        sec = corpus.sections
        kinds = Counter(sec["kind"])
        lines.append(f"  {'sections':13} " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
        acts = corpus.activities
        if len(acts):
            cats = Counter(acts["category"])
            lines.append(
                f"  {'activities':13} {len(acts)}: " + ", ".join(f"{k} {v}" for k, v in cats.most_common(6))
            )
    for f in corpus.failures:
        lines.append(f"  unreadable: {f}")
    return "\n".join(lines)


def analyze(
    path: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] = "out",
    encoding: str | None = None,
    show_progress: bool = False,
) -> str:
    """Run every stage on ``path`` and write the tables under ``out``; returns the summary text."""
    corpus = extract(path, encoding=encoding, show_progress=show_progress)
    out = Path(out)
    for name in TABLES:
        write_table(getattr(corpus, name), out / name)
    summary = summarize(corpus)
    (out / "summary.txt").write_text(summary + "\n", encoding="utf-8")
    return summary + f"\n\ntables written to {out}/ (Parquet and CSV)"
