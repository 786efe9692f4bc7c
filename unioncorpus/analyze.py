"""The main job: every stage over a folder, tables written to disk, and a one-screen summary."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ._atomic import atomic_write, created_at, result_folder
from ._safe import neutralise, safe_table
from .corpus import Corpus, extract
from .parallel import Stages, frozen_heap

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["analyze", "summarize", "write_table"]

TABLES = (
    "documents", "sections", "activities", "campaigns", "furniture", "inputs",
    "near_duplicates", "passages", "families", "boilerplate",
)  # fmt: skip
PLOTS = ("calendar", "themes", "topics", "boilerplate", "reuse_network")
STAGE_NAMES = {  # how the progress bar names each stage
    "documents": "计划 plans", "sections": "章节 sections", "activities": "活动 activities",
    "campaigns": "专项 campaigns", "furniture": "网页杂项 furniture", "inputs": "文件 inputs",
    "near_duplicates": "近似重复 near-duplicates", "passages": "复用段落 reused passages",
    "families": "模板家族 boilerplate families", "boilerplate": "套用比例 boilerplate shares",
    "themes": "主题 themes", "topics": "主题模型 topics",
}  # fmt: skip


def write_table(df: pd.DataFrame, path_stem: Path) -> list[Path]:
    """Write ``df`` as ``.parquet`` and ``.csv`` next to each other, each atomically (temp file + rename)."""
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    # The CSV is for spreadsheet programs: text from submitted files never starts a formula there.
    # The Parquet file keeps the text exactly as found, for analysis.
    csv_df = safe_table(df)
    for col in csv_df.columns:
        if csv_df[col].map(lambda v: isinstance(v, list | tuple)).any():
            csv_df[col] = csv_df[col].map(
                lambda v: neutralise(";".join(map(str, v))) if isinstance(v, list | tuple) else v
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
        nd = corpus.near_duplicates
        share = corpus.boilerplate["boilerplate_share"]
        lines.append(f"  {'copying':13} {len(nd)} near-duplicate pairs, {len(corpus.clusters)} clusters; "
                     f"median boilerplate share {share.median():.0%}, {int((share >= 0.5).sum())} plans over half copied")  # fmt: skip
    for f in corpus.failures:
        lines.append(f"  unreadable: {f}")
    return "\n".join(lines)


def analyze(
    path: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] = "out",
    encoding: str | None = None,
    plots: bool = True,
    show_progress: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> str:
    """Run every stage on ``path`` and write tables (Parquet + CSV) and plots (PNG) under ``out``.

    ``jobs`` and ``scheduler`` are those of :func:`unioncorpus.extract`: every core by default, or a Dask
    scheduler; the tables are the same, byte for byte. Returns the one-screen summary (also written to
    ``out/summary.txt``).
    """
    from . import __version__
    from ._extras import has
    from .themes import theme_table

    corpus = extract(path, encoding=encoding, show_progress=show_progress, jobs=jobs, scheduler=scheduler)
    # topic models and plots are optional extras: without them the tables still come, and the summary says so
    skipped = [f"{what}: pip install \"unioncorpus[{extra}]\"" for what, extra, wanted in
               (("topics", "topics", True), ("plots", "plots", plots)) if wanted and not has(extra)]  # fmt: skip
    steps = [*TABLES, "themes"] + (["topics"] if has("topics") else [])
    steps += [f"plot:{p}" for p in PLOTS] if plots and has("plots") else []
    stage_names = [STAGE_NAMES.get(step, f"绘图 plot: {step.split(':', 1)[-1]}") for step in steps]
    tables = (*TABLES, "themes", *(("topics", "topic_words") if has("topics") else ()))
    names = [f"{t}{ext}" for t in tables for ext in (".parquet", ".csv")]
    info = {"tool": "unioncorpus", "version": __version__, "command": "analyze", "created": created_at(),
            "inputs": {"path": str(path), "encoding": encoding, "plots": plots}}  # fmt: skip
    topics = words = None
    failed: list[str] = []
    # Everything goes to a new folder that replaces ``out`` only when complete: a reader (or a run that
    # is killed) never sees new tables beside old ones.
    with (
        result_folder(out, names=[*names, "plots", "summary.txt"], info=info) as folder,
        frozen_heap(),
        Stages(stage_names, show=show_progress, desc="分析 analysing") as stages,
    ):
        for step, stage in zip(steps, stage_names, strict=True):
            stages.start(stage)
            if step in TABLES:
                write_table(getattr(corpus, step), folder / step)
            elif step == "themes":
                write_table(theme_table(corpus), folder / "themes")
            elif step == "topics":
                from .topic_selection import unit_topics

                topics, words = unit_topics(corpus)
                write_table(topics, folder / "topics")
                write_table(words, folder / "topic_words")
            else:
                name = step.split(":", 1)[1]
                try:
                    _plot(name, corpus, topics, words, folder / "plots")
                except Exception as e:  # a plot that fails (a bug of ours) must not cost the tables
                    failed.append(f"plots/{name}.png: {type(e).__name__}: {e}")
        summary = summarize(corpus) + "".join(f"\n  not made (optional extra missing): {s}" for s in skipped)
        summary += "".join(f"\n  not made (error, please report it): {f}" for f in failed)
        (folder / "summary.txt").write_text(summary + "\n", encoding="utf-8")
    made = (
        "tables (Parquet and CSV) and plots (PNG)"
        if any(s.startswith("plot:") for s in steps)
        else "tables (Parquet and CSV)"
    )
    return summary + f"\n\n{made} written to {out}/"


def _plot(name: str, corpus: Corpus, topics, words, folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from . import viz

    if not len(corpus):
        return
    if name == "calendar":
        ax = viz.calendar_heatmap(corpus)
    elif name == "themes":
        ax = viz.theme_coverage(corpus)
    elif name == "topics":
        if topics is None or not len(topics):
            return
        labels = [
            f"{t}: {' '.join(w.split()[:3])}" for t, w in zip(words["topic"], words["words"], strict=True)
        ]
        ax = viz.topic_prevalence(topics, topic_labels=labels)
    elif name == "boilerplate":
        ax = viz.boilerplate_distribution(corpus)
    else:
        ax = viz.reuse_network(corpus)
    viz.save(ax, folder / f"{name}.png", metadata={"Software": None})
