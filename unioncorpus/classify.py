"""District triage: one row per submitted file with a verdict a union office can act on.

A thin client of the other stages: reading and splitting, sections and activities, themes, near-duplicates
and shared passages (against the other submissions and, optionally, a reference library). The thresholds
and required sections are a TOML rules file (``data/rules.toml`` documents the defaults).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._labels import label, ui
from ._verdicts import (
    AnyOf,
    Code,
    Judgement,
    genre_evidence,
    judge_document,
    judge_unreadable,
    judge_without_plans,
    render,
    template_site_reasons,
    with_other_plans,
)
from .corpus import Corpus, extract
from .parallel import Stages
from .pipeline import FileResult
from .rules import load_rules

if TYPE_CHECKING:
    import pandas as pd

    from .model import Document

__all__ = ["VERDICTS", "Triage", "classify", "load_rules", "submission_index"]

VERDICTS = ("ok", "incomplete", "copied", "stale", "not_a_union_plan", "unreadable")


COLUMNS = [
    "file", "verdict", "verdict_zh", "reasons_zh", "reasons_en", "documents", "doc_id", "title", "doc_type",
    "school_level", "year", "genre", "genre_evidence", "sections", "missing_sections", "activities",
    "months_covered", "themes", "themes_missing", "boilerplate_share", "near_duplicate_of", "top_sources",
    "stale_flags", "party_congress_refs",
]  # fmt: skip


@dataclass
class Triage:
    """The result of :func:`classify`: the triage table and everything it was computed from.

    ``table`` is for programs (internal codes, one row per file); :meth:`frame` is what people read (every
    word in Chinese or English, one row per file) and :meth:`plans_frame` lists every plan in every file.
    """

    table: pd.DataFrame
    corpus: Corpus
    rules: dict[str, Any]
    library_matches: pd.DataFrame | None = None
    library_path: str | None = None
    judgements: list[Judgement] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {v: int((self.table["verdict"] == v).sum()) for v in VERDICTS}

    def summary(self, lang: str = "zh") -> str:
        """Counts per verdict, for the terminal."""
        counts = self.counts()
        lines = [ui("submissions", lang, n=len(self.table))]
        lines += [f"  {label('verdict', v, lang)}\t{counts[v]}" for v in VERDICTS if counts[v]]
        return "\n".join(lines)

    def frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per submitted file, headers and values in ``lang``: what triage.csv and .xlsx hold."""
        import pandas as pd

        rows = [_people_row(j, lang) for j in self.judgements]
        extra = [c for c in ("predicted_label", "probability") if c in self.table.columns]
        for row, (_, model_row) in zip(rows, self.table[extra].iterrows(), strict=True):
            for c in extra:
                row[c] = None if pd.isna(model_row[c]) else model_row[c]
        df = pd.DataFrame(rows, columns=[*PEOPLE_COLUMNS, *extra])
        return _localise_columns(_whole_numbers(df), lang)

    def plans_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per plan found (a file with several plans has several rows), in ``lang``."""
        import pandas as pd

        rows = []
        for j in self.judgements:
            for k, plan in enumerate(j.plans or ([j] if j.doc is not None else []), start=1):
                row = _people_row(plan, lang)
                row.update(plan_no=k, doc_id=plan.doc.id if plan.doc else None,
                           lines=f"{plan.doc.start_line}–{plan.doc.end_line}" if plan.doc else None)  # fmt: skip
                rows.append(row)
        return _localise_columns(_whole_numbers(pd.DataFrame(rows, columns=PLAN_COLUMNS)), lang)


# What people see, in this order (column headers from labels.toml [column]).
PEOPLE_COLUMNS = [
    "file", "verdict", "reasons", "documents", "title", "school_level", "year", "doc_type", "genre",
    "genre_evidence", "sections", "missing_sections", "activities", "months_covered", "themes",
    "themes_missing", "boilerplate_share", "near_duplicate_of", "top_sources", "stale_flags",
    "party_congress_refs", "doc_id",
]  # fmt: skip
PLAN_COLUMNS = ["file", "plan_no", "doc_id", "lines", "verdict", "reasons", "title", "school_level", "year",
                "doc_type", "genre", "sections", "missing_sections", "activities", "themes_missing",
                "boilerplate_share", "near_duplicate_of"]  # fmt: skip


def _whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """Counts, years and percentages as integers with blanks (not 2024.0 beside an empty cell)."""
    for col in ("documents", "plan_no", "year", "activities", "boilerplate_share"):
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    return df


def _localise_columns(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.rename(columns={c: label("column", c, lang) for c in df.columns})


def _top_sources(j: Judgement, lang: str) -> str:
    share = j.facts.get("share", {})
    lib = ui("library", lang)
    sources = list(share.get("top_sources", [])) + [
        f"{lib}:{m['library_id']} ({m['copied_share']:.0%})" for m in j.facts.get("library", [])
    ]
    return "；".join(sources[:3]) if lang == "zh" else "; ".join(sources[:3])


def _people_row(j: Judgement, lang: str) -> dict[str, Any]:
    """A judgement in words: labels instead of codes, reasons rendered in ``lang``."""
    row: dict[str, Any] = {"file": j.name, "verdict": label("verdict", j.verdict, lang), "reasons": j.reasons(lang),
                           "documents": len(j.plans) or (1 if j.doc is not None else 0)}  # fmt: skip
    doc = j.doc
    if doc is None:
        return row
    facts = j.facts
    months = sorted({m for a in doc.activities for m in a.months})
    row.update(
        title=doc.title,
        school_level=label("school_level", doc.school_level, lang),
        year=doc.year,
        doc_type=label("doc_type", doc.doc_type, lang),
        genre=label("genre", facts["genre"], lang),
        genre_evidence=genre_evidence(facts["genre_evidence"], lang),
        sections=render([Code("section_kind", k) for k in dict.fromkeys(s.kind for s in doc.sections if s.kind != "title")], lang),
        missing_sections=render([AnyOf("section_kind", tuple(alts)) for alts in facts["missing"]], lang),
        activities=len(doc.activities),
        months_covered=render([ui("month", lang, m=m) for m in months], lang),
        themes=render([Code("theme", t) for t in facts["covered"]], lang),
        themes_missing=render([Code("theme", t) for t in facts["themes_missing"]], lang),
        boilerplate_share=round(100 * float(facts["share"].get("boilerplate_share", 0.0))),
        near_duplicate_of=render([f"{o} ({jac:.2f})" for o, jac, _ in facts["near"]], lang),
        top_sources=_top_sources(j, lang),
        stale_flags=render([p.text(lang) for p in facts["stale"]], lang),
        party_congress_refs=render(list(doc.party_congress_refs), lang),
        doc_id=doc.id,
    )  # fmt: skip
    return row


def _api_row(j: Judgement) -> dict[str, Any]:
    """A judgement for programs: internal codes, and the reasons in both languages."""
    row: dict[str, Any] = {"file": j.file, "verdict": j.verdict, "verdict_zh": label("verdict", j.verdict),
                           "reasons_zh": j.reasons("zh"), "reasons_en": j.reasons("en"),
                           "documents": len(j.plans) or (1 if j.doc is not None else 0)}  # fmt: skip
    doc = j.doc
    if doc is None:
        return row
    facts = j.facts
    share = facts["share"]
    row.update(
        doc_id=doc.id, title=doc.title, doc_type=doc.doc_type, school_level=doc.school_level, year=doc.year,
        genre=facts["genre"], genre_evidence=genre_evidence(facts["genre_evidence"], "en"),
        sections=",".join(s.kind for s in doc.sections if s.kind != "title"),
        missing_sections=";".join("/".join(alts) for alts in facts["missing"]),
        activities=len(doc.activities),
        months_covered=",".join(map(str, sorted({m for a in doc.activities for m in a.months}))),
        themes=",".join(facts["covered"]), themes_missing=",".join(facts["themes_missing"]),
        boilerplate_share=share.get("boilerplate_share", 0.0),
        near_duplicate_of=";".join(f"{o} ({jac:.2f})" for o, jac, _ in facts["near"]),
        top_sources=";".join((list(share.get("top_sources", [])) + [
            f"library:{m['library_id']} ({m['copied_share']:.0%})" for m in facts["library"]])[:3]),
        stale_flags="；".join(p.text("zh") for p in facts["stale"]),
        party_congress_refs=",".join(doc.party_congress_refs),
    )  # fmt: skip
    return row


def _name_relative(judgements: list[Judgement]) -> str | None:
    """Show each file relative to the folder holding them all (the submissions folder); return that folder."""
    files = [j.file for j in judgements]
    try:
        root = os.path.commonpath([os.path.dirname(f) or "." for f in files]) if files else None
    except ValueError:  # absolute and relative paths mixed
        return None
    if not root:
        return None
    for j in judgements:
        # the name as given below the folder ("a.zip/../x.txt" stays as the zip named it: relpath would fold it)
        prefix = root.rstrip(os.sep) + os.sep
        j.shown = j.file[len(prefix) :] if j.file.startswith(prefix) else os.path.relpath(j.file, root)
        for p in j.plans:
            p.shown = j.shown
    return root


def submission_index(documents: list[Document]) -> int:
    """Which of a file's documents is the submission: a submission is one school's plan, and when a file
    holds several documents (a covering notice and the plan it issues, a compilation) the longest, by
    characters of text, is the one the file is judged by."""
    return max(range(len(documents)), key=lambda i: sum(len(ln.text) for ln in documents[i].lines))


def _judge_file(f: FileResult, *, year: int | None, rules: dict, coverage, near, share, library) -> Judgement:
    """Every plan in the file judged; the file takes its longest plan's verdict and names the others."""
    if f.failure is not None:
        return judge_unreadable(f.source, f.failure.reason, f.failure.detail)
    if not f.documents:
        return judge_without_plans(f.source, f.furniture)
    furniture_reasons = template_site_reasons(f.furniture, rules)
    plans = []
    for doc in f.documents:
        cov = coverage.loc[doc.id] if doc.id in coverage.index else None
        covered = [t for t in coverage.columns if cov is not None and bool(cov[t])]
        plans.append(judge_document(
            doc, file=f.source, year=year, rules=rules, furniture_reasons=furniture_reasons, covered=covered,
            share=share.get(doc.id, {"boilerplate_share": 0.0, "top_sources": []}), near=near.get(doc.id, []),
            library=(library or {}).get(doc.id, []),
        ))  # fmt: skip
    longest = submission_index(f.documents)
    if len(plans) == 1:
        return plans[0]
    return with_other_plans(plans[longest], plans, longest + 1)


def classify(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    year: int | None = None,
    library: str | os.PathLike[str] | None = None,
    rules: str | os.PathLike[str] | dict | None = None,
    model: str | os.PathLike[str] | None = None,
    trust_model: bool = False,
    encoding: str | None = None,
    show_progress: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Triage:
    """Triage a year's submissions: one row per input file, unreadable files included.

    Args:
        paths: the submissions folder (or files).
        year: the year the plans are for; other stated years are flagged stale.
        library: a reference library (:class:`unioncorpus.library.Library` file) to check copying against.
        rules: a rules TOML file (or dict) overriding ``data/rules.toml``.
        model: a classifier trained with ``unioncorpus train``; adds ``predicted_label`` and ``probability``.
        trust_model: also load a pickled (.joblib) model, which runs any code inside it while it is read.
        jobs, scheduler: as for :func:`unioncorpus.extract` (every core by default; or Dask).
    """
    import pandas as pd

    from .themes import coverage

    rules_ = rules if isinstance(rules, dict) else load_rules(rules)
    clf = None
    if model is not None:  # before the batch: a bad model file should fail in a second, not after an hour
        from .learn import load_model

        clf = load_model(model, trust_pickle=trust_model)
    corpus = extract(paths, encoding=encoding, show_progress=show_progress, jobs=jobs, scheduler=scheduler)
    if not corpus.files:
        from .errors import UnionCorpusError

        raise UnionCorpusError(
            f"没有可审核的文件：{paths}（文件夹会逐层读取，README和隐藏文件不读）({paths}: no files to classify; "
            "folders are read recursively, READMEs and hidden files are skipped)"
        )
    docs = list(corpus)
    stages = Stages(["主题 themes", "近似重复 near-duplicates", "套用比例 boilerplate", "参考库 library",
                     "逐份判定 triage", "分类模型 model"], show=show_progress, desc="分类 classifying")  # fmt: skip
    stages.start("主题 themes")
    cov = coverage(docs) if docs else pd.DataFrame()
    cov = cov.drop(index="share", errors="ignore")
    stages.start("近似重复 near-duplicates")
    nd = corpus.near_duplicates  # cached on the corpus: its cleaned text is shared with the passage stage
    near: dict[str, list[tuple[str, float, float]]] = {}
    for r in nd.itertuples():
        near.setdefault(r.doc_a, []).append((r.doc_b, r.jaccard, r.a_in_b))
        near.setdefault(r.doc_b, []).append((r.doc_a, r.jaccard, r.b_in_a))
    stages.start("套用比例 boilerplate")
    boiler = (
        corpus.boilerplate if docs else pd.DataFrame(columns=["doc_id", "boilerplate_share", "top_sources"])
    )
    share = {
        r.doc_id: {"boilerplate_share": r.boilerplate_share, "top_sources": r.top_sources}
        for r in boiler.itertuples()
    }
    stages.start("参考库 library")
    lib_matches = None
    by_doc_lib: dict[str, list[dict]] | None = None
    if library is not None:
        from .library import Library

        with Library(library, create=False) as lib:
            lib_matches = lib.query(docs) if docs else None
        by_doc_lib = {}
        if lib_matches is not None:
            for m in lib_matches.to_dict(orient="records"):
                by_doc_lib.setdefault(m["doc_id"], []).append(m)
    stages.start("逐份判定 triage")
    judgements = [
        _judge_file(f, year=year, rules=rules_, coverage=cov, near=near, share=share, library=by_doc_lib)
        for f in corpus.files
    ]
    folder = _name_relative(judgements)
    rows = [_api_row(j) for j in judgements]
    table = pd.DataFrame(rows).reindex(columns=COLUMNS)
    for col in ("year", "activities", "documents"):
        if col in table.columns:
            table[col] = table[col].astype("Int64")
    stages.start("分类模型 model")
    if clf is not None:
        texts = [corpus[r["doc_id"]].text if r.get("doc_id") else "" for r in rows]
        readable = [i for i, r in enumerate(rows) if r.get("doc_id")]
        table["predicted_label"] = None
        table["probability"] = None
        if readable:
            proba = clf.predict_proba([texts[i] for i in readable])
            labels = clf.classes_[proba.argmax(axis=1)]
            table.loc[readable, "predicted_label"] = labels
            table.loc[readable, "probability"] = proba.max(axis=1).round(4)
    stages.close()
    from . import __version__
    from ._atomic import created_at

    inputs = {"folder": folder, "year": year, "rules": None if rules is None or isinstance(rules, dict) else str(rules),
              "library": None if library is None else str(library), "model": None if model is None else str(model),
              "created": created_at(), "version": __version__}  # fmt: skip
    return Triage(table, corpus, rules_, lib_matches, str(library) if library is not None else None, judgements,
                  inputs)  # fmt: skip


OUTPUT_NAMES = ("triage.csv", "triage.xlsx", "report.html")


def write_outputs(triage: Triage, out: str | os.PathLike[str], *, lang: str = "zh") -> list[Path]:
    """Write triage.csv, triage.xlsx and report.html under ``out``, all or nothing, in ``lang``.

    The files are written to a new folder that replaces ``out`` only when all three are complete, so a
    reader never sees a new table beside an old report. triage.xlsx has a second sheet listing every plan.
    """
    from ._atomic import result_folder
    from ._labels import check_lang
    from ._sheets import write_csv, write_xlsx
    from .report import COLOURS, render_report

    check_lang(lang)
    info = {"tool": "unioncorpus", "command": "classify", "lang": lang, **triage.inputs}
    html = render_report(triage, lang=lang)
    files = triage.frame(lang)
    fills = {label("verdict", v, lang): c.lstrip("#") for v, c in COLOURS.items()}
    created = datetime.fromisoformat(triage.inputs["created"]).astimezone(UTC).replace(tzinfo=None)
    sheets = {ui("sheet_files", lang): files, ui("sheet_plans", lang): triage.plans_frame(lang)}
    with result_folder(out, names=OUTPUT_NAMES, info=info) as folder:
        write_csv(files, folder / "triage.csv")
        write_xlsx(
            sheets, folder / "triage.xlsx", fill_by=(label("column", "verdict", lang), fills), created=created
        )
        (folder / "report.html").write_text(html, encoding="utf-8")
    return [Path(out) / name for name in OUTPUT_NAMES]
