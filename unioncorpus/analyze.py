"""The main job: every stage over a folder, tables written to disk, and a one-screen summary."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._atomic import atomic_write, created_at, result_folder
from ._background import forks, in_background
from ._calendar import calendar_of
from ._labels import check_lang, counts, message, pad, unreadable, width
from ._packed import extract_packed
from ._safe import neutralise, safe_table
from ._tables import PLAN_TABLES, PlanRows
from .corpus import Corpus, extract
from .errors import UnionCorpusError
from .parallel import Stages, frozen_heap

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["analyze", "summarize", "write_table"]

# The tables made from each plan alone (PLAN_TABLES), and those of text shared between plans (made together).
REUSE_TABLES = ("near_duplicates", "passages", "families", "boilerplate")
TABLES = PLAN_TABLES + REUSE_TABLES
PLOTS = ("calendar", "themes", "topics", "boilerplate", "reuse_network")
PLOTS_OF_PLANS = ("themes", "topics")  # drawn from what the second core makes (the others: see analyze)
STAGE_NAMES = {  # how the progress bar names each stage
    "near_duplicates": "近似重复 near-duplicates", "passages": "复用段落 reused passages",
    "families": "模板家族 boilerplate families", "boilerplate": "套用比例 boilerplate shares",
    "plans": "计划、章节、活动、主题与主题模型 plans, sections, activities, themes, topics",
}  # fmt: skip


def write_table(df: pd.DataFrame, path_stem: Path) -> list[Path]:
    """Write ``df`` as ``.parquet`` and ``.csv`` next to each other, each atomically (temp file + rename)."""
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    # The CSV is for spreadsheet programs: text from submitted files never starts a formula there.
    # The Parquet file keeps the text exactly as found, for analysis.
    csv_df = safe_table(df)
    for col in csv_df.columns:
        # only an object column holds lists (the test stops at the first one)
        if csv_df[col].dtype == object and any(isinstance(v, list | tuple) for v in csv_df[col]):
            csv_df[col] = csv_df[col].map(
                lambda v: neutralise(";".join(map(str, v))) if isinstance(v, list | tuple) else v
            )
    for suffix, writer in (
        (".parquet", lambda p: df.to_parquet(p, index=False)),
        (".csv", lambda p: csv_df.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n")),
    ):
        written.append(atomic_write(path_stem.with_suffix(suffix), writer))
    return written


def summarize(corpus: Corpus, *, lang: str = "zh") -> str:
    """A one-screen summary of a corpus, for people: in Chinese (``lang="zh"``) or English, no internal codes."""
    check_lang(lang)
    return _summary(PlanFacts.of(corpus), corpus, lang)


@dataclass(frozen=True)
class PlanFacts:
    """What the summary and the plots of the reuse tables read of the plans themselves, taken in one pass.
    ``calendar`` and ``labels`` (the columns of the documents table the reuse network names plans with) are
    made only when ``plots``."""

    files: int
    failures: list
    ids: list[str]
    doc_types: Counter
    levels: Counter
    years: list[int]
    kinds: Counter
    categories: Counter
    calendar: pd.DataFrame | None = None
    labels: pd.DataFrame | None = None

    @classmethod
    def of(cls, corpus: Corpus, *, plots: bool = False) -> PlanFacts:
        facts = corpus._file_facts()  # a corpus whose plans are kept pickled (analyze's): none unpickled
        plans = [p for f in facts for p in f.plans]
        kinds, categories, months = Counter(), Counter(), Counter()
        for f in facts:  # in file order: each count's first key is the first plan's, as over the plans
            kinds.update(f.kinds)
            categories.update(f.categories)
            months.update(f.months if plots else ())
        calendar = labels = None
        if plots:
            import pandas as pd

            calendar = calendar_of(months)
            labels = pd.DataFrame([(p.id, p.school_level, p.year, p.title) for p in plans],
                                  columns=["id", "school_level", "year", "title"]).astype({"year": "Int64"})  # fmt: skip
        return cls(len(facts), [f.failure for f in facts if f.failure is not None], [p.id for p in plans],
                   Counter(p.doc_type for p in plans), Counter(p.school_level for p in plans),
                   [p.year for p in plans if p.year is not None], kinds, categories, calendar, labels)  # fmt: skip


def _summary(plans: PlanFacts, corpus: Corpus, lang: str) -> str:
    """:func:`summarize` from the facts of the plans and the reuse tables of ``corpus``."""
    from .dedup import clusters

    lines = [message("files_read", lang, files=plans.files, failed=len(plans.failures), plans=len(plans.ids))]
    rows: list[tuple[str, str]] = []
    if plans.ids:
        for col, counter in (("doc_type", plans.doc_types), ("school_level", plans.levels)):
            rows.append((f"row_{col}", counts(col, counter.most_common(), lang)))
        years = plans.years
        if years:
            rows.append(
                ("row_years", message("years", lang, first=min(years), last=max(years), n=len(years)))
            )
        rows.append(("row_sections", counts("section_kind", plans.kinds.most_common(), lang)))
        categories = plans.categories
        if categories:
            top = counts("category", categories.most_common(6), lang)
            rows.append(("row_activities", message("activities", lang, n=categories.total(), top=top)))
        share = corpus.boilerplate["boilerplate_share"]
        near = corpus.near_duplicates
        rows.append(("row_copying", message("copying", lang, pairs=len(near),
                                            clusters=len(clusters(near, plans.ids)), median=share.median(),
                                            over=int((share >= 0.5).sum()))))  # fmt: skip
    names = [message(code, lang) for code, _ in rows]
    column = max(map(width, names), default=0) + 2
    lines += [f"  {pad(name, column)}{text}" for name, (_, text) in zip(names, rows, strict=True)]
    lines += ["  " + unreadable(f, lang) for f in plans.failures]
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
    lang: str = "zh",
) -> str:
    """Run every stage on ``path`` and write tables (Parquet + CSV) and plots (PNG) under ``out``.

    ``jobs`` and ``scheduler`` are those of :func:`unioncorpus.extract`: every core by default, or a Dask
    scheduler; the tables are the same, byte for byte. Returns the one-screen summary in ``lang`` (Chinese
    or English; also written to ``out/summary.txt``).
    """
    from . import __version__
    from ._extras import has

    check_lang(lang)
    # Where the second core's process is forked, the plans stay pickled here and are unpickled there only
    # (see _packed): read across the fork, they would be copied into it.
    if scheduler is None and forks(jobs):
        corpus = extract_packed(path, encoding=encoding, show_progress=show_progress, jobs=jobs)
    else:
        corpus = extract(path, encoding=encoding, show_progress=show_progress, jobs=jobs, scheduler=scheduler)
    drawn = PLOTS if plots and has("plots") else ()
    # what the summary and the plots of this process read of the plans, in one pass (the plans are read
    # again on the second core: the full documents table is made only there)
    plans = PlanFacts.of(corpus, plots=bool(drawn))
    if not plans.files:  # nothing to analyse: say so rather than write empty tables over a folder
        raise UnionCorpusError(
            f"没有可分析的文件：{path}（文件夹会逐层读取，README和隐藏文件不读）({path}: no files to analyse; "
            "folders are read recursively, READMEs and hidden files are skipped)"
        )
    # topic models and plots are optional extras: without them the tables still come, and the summary says so
    skipped = [message("not_made_extra", lang, what=message(f"part_{extra}", lang), extra=extra)
               for extra, wanted in (("topics", True), ("plots", plots)) if wanted and not has(extra)]  # fmt: skip
    # the reuse tables and the plots of them here while a second core makes the tables of the plans alone,
    # themes and topics; then the plots of those
    steps = [*REUSE_TABLES, *(f"plot:{p}" for p in drawn if p not in PLOTS_OF_PLANS), "plans",
             *(f"plot:{p}" for p in drawn if p in PLOTS_OF_PLANS)]  # fmt: skip
    stage_names = [STAGE_NAMES.get(step, f"绘图 plot: {step.split(':', 1)[-1]}") for step in steps]
    tables = (*TABLES, "themes", *(("topics", "topic_words") if has("topics") else ()))
    names = [f"{t}{ext}" for t in tables for ext in (".parquet", ".csv")]
    info = {"tool": "unioncorpus", "version": __version__, "command": "analyze", "created": created_at(),
            "inputs": {"path": str(path), "encoding": encoding, "plots": plots, "lang": lang}}  # fmt: skip
    failed: dict[str, str] = {}
    covered = topics = words = None
    # Everything goes to a new folder that replaces ``out`` only when complete: a reader (or a run that
    # is killed) never sees new tables beside old ones.
    with (
        result_folder(out, names=[*names, "plots", "summary.txt"], info=info) as folder,
        frozen_heap(),
        Stages(stage_names, show=show_progress, desc="分析 analysing") as stages,
    ):
        # The tables of the plans alone, themes and topics read nothing else: on a second core they are made
        # while this process makes the reuse tables (with jobs=1, here, at their turn); the same either way.
        side = in_background(
            _plan_tables, corpus, folder, has("topics"), jobs=jobs if scheduler is None else 1
        )
        try:
            for step, stage in zip(steps, stage_names, strict=True):
                stages.start(stage)
                if step in REUSE_TABLES:
                    write_table(getattr(corpus, step), folder / step)
                    # both texts of every passage: not read again here (the plots read positions)
                    corpus._cache.pop("passages_table", None)
                elif step == "plans":
                    covered, topics, words = side.result()
                else:
                    name = step.split(":", 1)[1]
                    try:
                        _plot(name, corpus, plans, topics, words, covered, folder / "plots")
                    except Exception as e:  # a plot that fails (a bug of ours) must not cost the tables
                        failed[name] = message("not_made_error", lang, what=f"plots/{name}.png",
                                               error=f"{type(e).__name__}: {e}")  # fmt: skip
        finally:
            side.close()
        failures = [failed[p] for p in PLOTS if p in failed]  # in the plots' order, whatever drew them first
        summary = "\n  ".join([_summary(plans, corpus, lang), *skipped, *failures])
        (folder / "summary.txt").write_text(summary + "\n", encoding="utf-8")
    made = "written_tables_plots" if any(s.startswith("plot:") for s in steps) else "written_tables"
    return summary + "\n\n" + message(made, lang, out=f"{out}{os.sep}")


def _plan_tables(corpus: Corpus, folder: Path, topics: bool) -> tuple:
    """The tables of the plans alone, the theme table and (``topics``) the topic tables written to
    ``folder``; returns what the plots need of them: the theme coverage (not the theme table), the topic
    weights and topic words.

    The plans are read once, file by file: the rows of the tables and the units of the themes and topics
    are taken from each file, and nothing else of it is kept. (On the forked second core the files are
    unpickled here one at a time, see :mod:`unioncorpus._packed`: the plans of all of them at once would
    be the largest thing this process holds.)"""
    from .parallel import _collector_paused
    from .themes import coverage, theme_table, units

    rows, documents, sections = PlanRows(PLAN_TABLES), [], []
    with _collector_paused():  # rows and units: plain data, no reference cycles
        for f in corpus._each_file():
            rows.add(f)
            documents += units(f.documents, unit="document")
            if topics:
                sections += units(f.documents, unit="section")
    for name in PLAN_TABLES:
        write_table(rows.frame(name), folder / name)
    themes = theme_table(documents, unit="document")
    del documents
    write_table(themes, folder / "themes")
    covered = coverage(themes)
    del themes
    if not topics:
        return covered, None, None
    from .topic_selection import unit_topics

    weights, words = unit_topics(sections, unit="section")
    write_table(weights, folder / "topics")
    write_table(words, folder / "topic_words")
    return covered, weights, words


def _plot(name: str, corpus: Corpus, plans: PlanFacts, topics, words, covered, folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from . import viz

    if not plans.ids:
        return
    if name == "calendar":
        ax = viz.calendar_heatmap(plans.calendar)
    elif name == "themes":
        ax = viz.theme_coverage(coverage=covered)
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
        ax = viz.reuse_network(corpus, documents=plans.labels)
    viz.save(ax, folder / f"{name}.png", metadata={"Software": None})
