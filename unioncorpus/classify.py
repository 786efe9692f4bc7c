"""District triage: one row per submitted file with a verdict a union office can act on.

A thin client of the other stages: reading and splitting, sections and activities, themes, near-duplicates
and shared passages (against the other submissions and, optionally, a reference library). The thresholds
and required sections are a TOML rules file (``data/rules.toml`` documents the defaults).
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._lexicon import load_toml
from .corpus import Corpus, FileResult, extract
from .model import Document
from .parallel import Stages

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["VERDICTS", "Triage", "classify", "load_rules"]

VERDICTS = ("ok", "incomplete", "copied", "stale", "not_a_union_plan", "unreadable")
VERDICT_ZH = {
    "ok": "合格",
    "incomplete": "不完整",
    "copied": "抄袭/套用",
    "stale": "内容陈旧",
    "not_a_union_plan": "非工会计划",
    "unreadable": "无法读取",
}
KIND_ZH = {
    "guiding_ideology": "指导思想", "preamble": "前言", "goals": "工作目标", "key_work": "重点工作",
    "monthly_schedule": "月份安排", "measures": "保障措施", "summary": "总结", "problems": "问题",
}  # fmt: skip


COLUMNS = [
    "file", "verdict", "verdict_zh", "reasons_zh", "reasons_en", "documents", "doc_id", "title", "doc_type",
    "school_level", "year", "genre", "genre_evidence", "sections", "missing_sections", "activities",
    "months_covered", "themes", "themes_missing", "boilerplate_share", "near_duplicate_of", "top_sources",
    "stale_flags", "party_congress_refs",
]  # fmt: skip


def load_rules(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The default rules, updated section by section with those in ``path``."""
    rules = copy.deepcopy(load_toml("rules.toml"))
    if path is not None:
        with open(path, "rb") as f:
            user = tomllib.load(f)
        for section, values in user.items():
            if isinstance(values, dict) and isinstance(rules.get(section), dict):
                rules[section].update(values)
            else:
                rules[section] = values
    return rules


@dataclass
class Triage:
    """The result of :func:`classify`: the triage table and everything it was computed from."""

    table: pd.DataFrame
    corpus: Corpus
    rules: dict[str, Any]
    library_matches: pd.DataFrame | None = None
    library_path: str | None = None

    def counts(self) -> dict[str, int]:
        return {v: int((self.table["verdict"] == v).sum()) for v in VERDICTS}

    def summary(self) -> str:
        counts = self.counts()
        lines = [f"{len(self.table)} submissions"]
        lines += [f"  {v:17} {VERDICT_ZH[v]:6} {counts[v]}" for v in VERDICTS if counts[v]]
        return "\n".join(lines)


def _union_genre(doc: Document, rules: dict) -> tuple[str, str]:
    text = doc.text
    cfg = rules["union_plan"]
    union = len(re.findall(cfg["union_cues"], text))
    school = len(re.findall(cfg["school_cues"], text))
    evidence = f"union cues {union}, whole-school cues {school}"
    if school >= cfg["min_union_cues"] and school >= cfg["school_ratio"] * union:
        return "whole_school_plan", evidence
    if doc.doc_type == "other" and union < cfg["min_union_cues"] * 2:
        return "other_genre", evidence + f", doc_type {doc.doc_type}"
    if union < cfg["min_union_cues"]:
        return "other_genre", evidence
    return "union_plan", evidence


def _stale_reasons(
    doc: Document, year: int | None, rules: dict, furniture_reasons: set[str]
) -> list[tuple[str, str]]:
    cfg = rules["staleness"]
    reasons: list[tuple[str, str]] = []
    if year is not None and doc.year is not None and doc.year != year:
        reasons.append((f"计划年份为{doc.year}年，不是{year}年", f"stated year {doc.year}, not {year}"))
    plan_year = year or doc.year
    held = cfg["congresses"]
    if plan_year is not None:
        for ref in doc.party_congress_refs:
            if ref in held:
                newer = [c for c, y in held.items() if y > held[ref] and y < plan_year]
                if newer:
                    reasons.append(
                        (
                            f"引用{ref}，{plan_year}年前已召开{newer[-1]}",
                            f"cites {ref}; {newer[-1]} was held before {plan_year}",
                        )
                    )
    text = doc.text
    found = sorted({m.group(0) for m in re.finditer(cfg["placeholders"], text)})
    if found:
        reasons.append((f"留有占位符：{'、'.join(found[:4])}", f"placeholders left: {', '.join(found[:4])}"))
    leftovers = sorted({m.group(0) for m in re.finditer(cfg["template_leftovers"], text)})
    if leftovers or furniture_reasons & {"site_intro", "site_name_or_url"}:
        what = leftovers[:3] or sorted(furniture_reasons & {"site_intro", "site_name_or_url"})
        reasons.append(
            (f"留有范文网站痕迹：{'、'.join(what)}", f"template-site leftovers: {', '.join(what)}")
        )
    if doc.title and not doc.title_is_label:
        title_levels = {
            "小学": "primary",
            "中学": "middle",
            "幼儿园": "kindergarten",
            "职业": "vocational",
            "学院": "university",
            "大学": "university",
        }
        for word, level in title_levels.items():
            if (
                word in doc.title
                and "中小学" not in doc.title
                and doc.school_level not in (level, "school_unspecified", "unknown")
            ):
                reasons.append(
                    (
                        f"标题写“{word}”，正文却是{doc.school_level}",
                        f"title says {word} but the body reads {doc.school_level}",
                    )
                )
                break
    return reasons


def _file_row(f: FileResult, *, year: int | None, rules: dict, coverage, near, share, library) -> dict:
    row: dict[str, Any] = {"file": f.source}
    if f.failure is not None or not f.documents:
        reason = f.failure.detail if f.failure else "no plan found in the file"
        row.update(verdict="unreadable", verdict_zh=VERDICT_ZH["unreadable"], reasons_zh=f"无法读取：{reason}",
                   reasons_en=f"unreadable: {reason}", documents=0)  # fmt: skip
        return row
    # A submission is one school's plan; when a file holds several, the longest is the submission.
    doc = max(f.documents, key=lambda d: sum(len(ln.text) for ln in d.lines))
    kinds = {s.kind for s in doc.sections}
    months = sorted({m for a in doc.activities for m in a.months})
    genre, genre_evidence = _union_genre(doc, rules)
    req = rules["required"]
    missing = [alts for alts in req["sections"] if not kinds & set(alts)]
    if (
        ["monthly_schedule"] not in missing
        and len(doc.activities) < req["min_activities"]
        and any("monthly_schedule" in alts for alts in req["sections"])
    ):
        missing.append(["monthly_schedule"])
    furniture_reasons = {x.reason for x in f.furniture}
    stale = _stale_reasons(doc, year, rules, furniture_reasons)
    cov = coverage.loc[doc.id] if doc.id in coverage.index else None
    expected = rules["themes"]["expected"]
    covered = [t for t in coverage.columns if cov is not None and bool(cov[t])]
    missing_themes = [t for t in expected if t not in covered]
    sh = share.get(doc.id, {"boilerplate_share": 0.0, "top_sources": []})
    dups = near.get(doc.id, [])
    lib = library.get(doc.id, []) if library is not None else []
    cp = rules["copying"]
    copied_reasons = []
    if sh["boilerplate_share"] >= cp["boilerplate_share"]:
        copied_reasons.append((f"与其他计划相同的文字占{sh['boilerplate_share']:.0%}",
                               f"{sh['boilerplate_share']:.0%} of the text is shared with other plans"))  # fmt: skip
    for other, jac, contained in dups:
        if jac >= cp["near_duplicate_jaccard"] or contained >= cp["containment"]:
            copied_reasons.append(
                (f"与{other}近乎相同（相似度{jac:.2f}）", f"near-duplicate of {other} (Jaccard {jac:.2f})")
            )
    for m in lib:
        if (
            m["jaccard"] >= cp["near_duplicate_jaccard"]
            or m["query_in_library"] >= cp["containment"]
            or m["copied_share"] >= cp["boilerplate_share"]
        ):
            copied_reasons.append((f"与参考库{m['library_id']}雷同（{m['copied_share']:.0%}）",
                                   f"copies library plan {m['library_id']} ({m['copied_share']:.0%})"))  # fmt: skip
    if genre != "union_plan":
        verdict = "not_a_union_plan"
        reasons = [(f"不是工会工作计划（{'学校整体计划' if genre == 'whole_school_plan' else '其他文体'}；{genre_evidence}）",
                    f"not a union plan ({genre.replace('_', ' ')}; {genre_evidence})")]  # fmt: skip
    elif copied_reasons:
        verdict, reasons = "copied", copied_reasons
    elif missing:
        verdict = "incomplete"
        names = [" / ".join(alts) for alts in missing]
        reasons = [
            (
                f"缺少：{'；'.join('/'.join(KIND_ZH.get(k, k) for k in alts) for alts in missing)}",
                f"missing: {'; '.join(names)}",
            )
        ]
    elif stale:
        verdict, reasons = "stale", stale
    else:
        verdict, reasons = "ok", [("各项齐全", "complete")]
    top_sources = list(sh["top_sources"]) + [
        f"library:{m['library_id']} ({m['copied_share']:.0%})" for m in lib
    ]
    row.update(
        verdict=verdict,
        verdict_zh=VERDICT_ZH[verdict],
        reasons_zh="；".join(zh for zh, _ in reasons),
        reasons_en="; ".join(en for _, en in reasons),
        documents=len(f.documents),
        doc_id=doc.id,
        title=doc.title,
        doc_type=doc.doc_type,
        school_level=doc.school_level,
        year=doc.year,
        genre=genre,
        genre_evidence=genre_evidence,
        sections=",".join(s.kind for s in doc.sections if s.kind != "title"),
        missing_sections=";".join("/".join(alts) for alts in missing),
        activities=len(doc.activities),
        months_covered=",".join(map(str, months)),
        themes=",".join(covered),
        themes_missing=",".join(missing_themes),
        boilerplate_share=sh["boilerplate_share"],
        near_duplicate_of=";".join(f"{o} ({j:.2f})" for o, j, _ in dups),
        top_sources=";".join(top_sources[:3]),
        stale_flags="；".join(zh for zh, _ in stale),
        party_congress_refs=",".join(doc.party_congress_refs),
    )
    return row


def classify(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    year: int | None = None,
    library: str | os.PathLike[str] | None = None,
    rules: str | os.PathLike[str] | dict | None = None,
    model: str | os.PathLike[str] | None = None,
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
        jobs, scheduler: as for :func:`unioncorpus.extract` (every core by default; or Dask).
    """
    import pandas as pd

    from .themes import coverage

    rules_ = rules if isinstance(rules, dict) else load_rules(rules)
    corpus = extract(paths, encoding=encoding, show_progress=show_progress, jobs=jobs, scheduler=scheduler)
    if not corpus.files:
        from .errors import UnionCorpusError

        raise UnionCorpusError(
            f"{paths}: no files to classify (folders are read recursively; READMEs and hidden files are skipped)"
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

        with Library(library) as lib:
            lib_matches = lib.query(docs) if docs else None
        by_doc_lib = {}
        if lib_matches is not None:
            for m in lib_matches.to_dict(orient="records"):
                by_doc_lib.setdefault(m["doc_id"], []).append(m)
    stages.start("逐份判定 triage")
    rows = [
        _file_row(f, year=year, rules=rules_, coverage=cov, near=near, share=share, library=by_doc_lib)
        for f in corpus.files
    ]
    table = pd.DataFrame(rows).reindex(columns=COLUMNS)
    for col in ("year", "activities", "documents"):
        if col in table.columns:
            table[col] = table[col].astype("Int64")
    stages.start("分类模型 model")
    if model is not None:
        from .learn import load_model

        clf = load_model(model)
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
    return Triage(table, corpus, rules_, lib_matches, str(library) if library is not None else None)


def write_outputs(triage: Triage, out: str | os.PathLike[str]) -> list[Path]:
    """Write triage.csv, triage.xlsx and report.html under ``out``, each atomically."""
    from ._atomic import atomic_write
    from .report import render_report

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    written.append(
        atomic_write(
            out / "triage.csv",
            lambda p: triage.table.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n"),
        )
    )
    written.append(
        atomic_write(
            out / "triage.xlsx",
            lambda p: triage.table.to_excel(p, index=False, sheet_name="triage", engine="openpyxl"),
        )
    )
    html = render_report(triage)
    written.append(atomic_write(out / "report.html", lambda p: Path(p).write_text(html, encoding="utf-8")))
    return written
