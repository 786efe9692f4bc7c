"""The district triage report: one self-contained HTML page (inline CSS, no scripts, no network)."""

from __future__ import annotations

import html
from collections import defaultdict
from typing import TYPE_CHECKING

from ._safe import printable

if TYPE_CHECKING:
    from .classify import Triage

__all__ = ["render_report"]

COLOURS = {
    "ok": "#2e7d32", "incomplete": "#ef6c00", "copied": "#c62828", "stale": "#6a1b9a",
    "not_a_union_plan": "#455a64", "unreadable": "#000000",
}  # fmt: skip
KIND_COLOURS = {
    "title": "#eceff1", "preamble": "#f5f5f5", "guiding_ideology": "#e3f2fd", "goals": "#e8f5e9",
    "key_work": "#fff8e1", "measures": "#f3e5f5", "monthly_schedule": "#e0f7fa", "summary": "#fbe9e7",
    "problems": "#ffebee", "closing": "#eeeeee", "other": "#fafafa",
}  # fmt: skip

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em} table{border-collapse:collapse;margin:.5em 0} th,td{border:1px solid #ccc;padding:.25em .5em;
vertical-align:top;font-size:.9em} th{background:#f0f0f0} .badge{color:#fff;border-radius:.3em;padding:.1em .5em;
white-space:nowrap} details{border:1px solid #ddd;border-radius:.4em;margin:.6em 0;padding:.4em .8em}
summary{cursor:pointer;font-weight:bold} .kind{display:inline-block;border-radius:.3em;padding:.1em .4em;margin:.1em;
border:1px solid #ccc} .pair{display:grid;grid-template-columns:1fr 1fr;gap:1em} .pair div{background:#fafafa;
padding:.5em;border:1px solid #eee} mark{background:#ffcdd2} .muted{color:#777} .counts span{margin-right:1.2em}
"""


def _e(x: object) -> str:
    return html.escape(printable("" if x is None else str(x)))


def _int(x: object) -> str:
    """An integer cell, blank for missing values (pandas gives NA or NaN)."""
    try:
        return str(int(x))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""


def _badge(verdict: str, label: str) -> str:
    return f'<span class="badge" style="background:{COLOURS.get(verdict, "#555")}">{_e(label)}</span>'


def _calendar(doc) -> str:
    grid: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for a in doc.activities:
        for m in a.months:
            grid[a.category][m] += 1
    if not grid:
        return '<p class="muted">没有月份安排 / no scheduled activities</p>'
    head = "".join(f"<th>{m}月</th>" for m in range(1, 13))
    rows = "".join(
        f"<tr><th>{_e(cat)}</th>" + "".join(f"<td>{grid[cat][m] or ''}</td>" for m in range(1, 13)) + "</tr>"
        for cat in sorted(grid)
    )
    return f"<table><tr><th>类别</th>{head}</tr>{rows}</table>"


def _passage_html(text: str, line_a: int, line_b: int, source: str) -> str:
    return f'<div><div class="muted">{_e(source)} 第{line_a}–{line_b}行</div><mark>{_e(text)}</mark></div>'


def render_report(triage: Triage) -> str:
    """The whole report page as a string."""
    from .classify import VERDICT_ZH, VERDICTS

    t = triage.table
    corpus = triage.corpus
    counts = triage.counts()
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        "<title>工会工作计划审核报告 · Union plan triage</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>工会工作计划审核报告 <span class='muted'>Union plan triage</span></h1>",
        "<p class='counts'>"
        + "".join(f"<span>{_badge(v, VERDICT_ZH[v])} {v}: <b>{counts[v]}</b></span>" for v in VERDICTS)
        + f"</p><p>共 {len(t)} 份提交 / {len(t)} submissions</p>",
        "<table><tr><th>文件 file</th><th>结论 verdict</th><th>理由</th><th>reasons</th><th>学段</th><th>年份</th>"
        "<th>活动</th><th>雷同比例</th></tr>",
    ]
    records = t.to_dict(orient="records")
    for i, r in enumerate(records):
        share = r.get("boilerplate_share")
        parts.append(
            f"<tr><td><a href='#f{i}'>{_e(r['file'])}</a></td><td>{_badge(r['verdict'], r['verdict_zh'])}</td>"
            f"<td>{_e(r.get('reasons_zh'))}</td><td>{_e(r.get('reasons_en'))}</td><td>{_e(r.get('school_level'))}</td>"
            f"<td>{_e(_int(r.get('year')))}</td><td>{_e(_int(r.get('activities')))}</td>"
            f"<td>{'' if share is None or share != share else f'{share:.0%}'}</td></tr>"
        )
    parts.append("</table>")

    passages = corpus._passages() if len(corpus) else []
    by_doc = defaultdict(list)
    for p in passages:
        by_doc[p.doc_a].append((p.text_a, p.a, p.doc_b, p.text_b, p.b))
        by_doc[p.doc_b].append((p.text_b, p.b, p.doc_a, p.text_a, p.a))
    sources = {d.id: d.source for d in corpus}
    lib_by_doc = defaultdict(list)
    library = None
    if triage.library_matches is not None and len(triage.library_matches):
        for m in triage.library_matches.to_dict(orient="records"):
            lib_by_doc[m["doc_id"]].append(m)
        if triage.library_path is not None:
            from .library import Library

            library = Library(triage.library_path)

    for i, r in enumerate(records):
        parts.append(f"<details id='f{i}' {'open' if r['verdict'] not in ('ok',) else ''}>")
        parts.append(
            f"<summary>{_badge(r['verdict'], r['verdict_zh'])} {_e(r['file'])} — {_e(r.get('title') or '')}</summary>"
        )
        parts.append(
            f"<p>{_e(r.get('reasons_zh'))}<br><span class='muted'>{_e(r.get('reasons_en'))}</span></p>"
        )
        doc_id = r.get("doc_id")
        if not isinstance(doc_id, str):
            parts.append("</details>")
            continue
        doc = corpus[doc_id]
        parts.append("<h3>结构 / sections</h3><p>" + "".join(
            f"<span class='kind' style='background:{KIND_COLOURS.get(s.kind, '#fff')}'>{_e(s.kind)} "
            f"<span class='muted'>{s.start_line}–{s.end_line}</span></span>" for s in doc.sections
        ) + "</p>")  # fmt: skip
        if r.get("missing_sections"):
            parts.append(f"<p>缺少 / missing: <b>{_e(r['missing_sections'])}</b></p>")
        parts.append("<h3>活动日历 / activity calendar</h3>" + _calendar(doc))
        parts.append(
            f"<h3>主题 / themes</h3><p>覆盖 covered: {_e(r.get('themes'))}<br>缺少 missing: {_e(r.get('themes_missing'))}</p>"
        )
        shared = sorted(by_doc.get(doc_id, []), key=lambda x: -(x[1]["end"] - x[1]["start"]))[:8]
        if shared or lib_by_doc.get(doc_id):
            parts.append(
                f"<h3>雷同段落 / copied passages <span class='muted'>({r.get('boilerplate_share', 0):.0%} of the text)</span></h3>"
            )
        for mine, span, other, theirs, ospan in shared:
            parts.append("<div class='pair'>" + _passage_html(mine, span["start_line"], span["end_line"], sources.get(doc_id, doc_id))
                         + _passage_html(theirs, ospan["start_line"], ospan["end_line"], f"{other} ({sources.get(other, '')})") + "</div>")  # fmt: skip
        for m in lib_by_doc.get(doc_id, []):
            parts.append(f"<p>参考库 library: <b>{_e(m['library_id'])}</b> ({_e(m['library_source'])}) — "
                         f"Jaccard {m['jaccard']:.2f}, {m.get('copied_share', 0):.0%} copied</p>")  # fmt: skip
            if library is not None:
                for p in sorted(library.passages(doc, m["library_id"]), key=lambda p: -p.length)[:5]:
                    parts.append("<div class='pair'>"
                                 + _passage_html(p.text_a, p.a["start_line"], p.a["end_line"], sources.get(doc_id, doc_id))
                                 + _passage_html(p.text_b, p.b["start_line"], p.b["end_line"], f"library:{m['library_id']} ({m['library_source']})")
                                 + "</div>")  # fmt: skip
        parts.append("</details>")
    if library is not None:
        library.close()
    parts.append(
        "<p class='muted'>unioncorpus · every number traces to a file and raw line</p></body></html>"
    )
    return "\n".join(parts)
