"""The district triage report: one self-contained HTML page a clerk can act on.

Chinese first (``lang="en"`` for English), every word from ``data/labels.toml``. The page opens with what
it was made from (year, rules, library, model, date, version) and one summary row per submission, worst
verdicts first; each submission's details (its plans, sections, activity calendar, themes and copied
passages with their punctuation) open on demand. A small inline script sorts and filters the table; a
Content-Security-Policy allows that script alone and no network, so nothing from a submitted file can run
even if it were not escaped (it always is). Sizes are budgeted so 2,000 submissions stay a few megabytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import defaultdict
from typing import TYPE_CHECKING

from ._labels import label, ui
from ._safe import printable

if TYPE_CHECKING:
    from ._verdicts import Judgement
    from .classify import Triage
    from .model import Document

__all__ = ["render_report"]

COLOURS = {
    "ok": "#2e7d32", "incomplete": "#ef6c00", "copied": "#c62828", "stale": "#6a1b9a",
    "not_a_union_plan": "#455a64", "unreadable": "#000000",
}  # fmt: skip
# Worst first: the order of the summary table and the details.
ORDER = ("unreadable", "not_a_union_plan", "copied", "incomplete", "stale", "ok")
# Pairs of copied passages shown per copied submission (the evidence for the verdict; the share says the
# rest): 3, fewer when many are copied, so the whole report stays a few megabytes.
MAX_PAIRS, PAIRS_BUDGET = 3, 1500
PASSAGE_CHARS = 120  # characters of each side of a passage shown (the rest: "…")
LIBRARY_MATCHES_SHOWN = 2

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em}table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .45em;
vertical-align:top;font-size:.9em}th{background:#f0f0f0}#t th{cursor:pointer;position:sticky;top:0}
#t th[data-d=a]:after{content:" ▲"}#t th[data-d=d]:after{content:" ▼"}.b{color:#fff;border-radius:.3em;
padding:.05em .45em;white-space:nowrap}.v0{background:#2e7d32}.v1{background:#ef6c00}.v2{background:#c62828}
.v3{background:#6a1b9a}.v4{background:#455a64}.v5{background:#000}details{border:1px solid #ddd;
border-radius:.4em;margin:.4em 0;padding:.3em .7em}summary{cursor:pointer}.k{display:inline-block;
border:1px solid #ccc;border-radius:.3em;padding:0 .35em;margin:.1em}.pair{display:grid;
grid-template-columns:1fr 1fr;gap:.6em;margin:.3em 0}.pair div{background:#fafafa;padding:.35em;
border:1px solid #eee;white-space:pre-wrap}mark{background:#ffcdd2}.m{color:#777}.counts button{margin:0 .5em .3em 0;
border:0;background:none;cursor:pointer;font-size:1em}dl.in{display:grid;grid-template-columns:max-content auto;
gap:.1em 1em}dl.in dt{color:#777}dl.in dd{margin:0}h3{font-size:1em;margin:.6em 0 .2em}
"""

# Sorting (click a header), filtering (text box, verdict menu, verdict counts) and opening the details a
# link points at. Hashed into the Content-Security-Policy: no other script can run on the page.
SCRIPT = """(function(){
var t=document.getElementById('t'),b=t.tBodies[0],q=document.getElementById('q'),v=document.getElementById('v');
function f(){var s=q.value.trim().toLowerCase(),w=v.value;for(var r of b.rows){
r.hidden=(w!==''&&r.dataset.v!==w)||(s!==''&&r.textContent.toLowerCase().indexOf(s)<0);}}
q.addEventListener('input',f);v.addEventListener('change',f);
for(var x of document.querySelectorAll('[data-pick]')){x.addEventListener('click',function(e){
v.value=e.currentTarget.dataset.pick;f();});}
t.tHead.addEventListener('click',function(e){var th=e.target.closest('th');if(!th)return;
var i=th.cellIndex,d=th.dataset.d==='a'?'d':'a';for(var h of t.tHead.rows[0].cells)delete h.dataset.d;th.dataset.d=d;
function k(r){var c=r.cells[i];return c.dataset.n!==undefined?parseFloat(c.dataset.n):c.textContent;}
var rows=Array.from(b.rows);rows.sort(function(x,y){var a=k(x),c=k(y);
var o=(typeof a==='number'&&typeof c==='number')?a-c:String(a).localeCompare(String(c),'zh');return d==='a'?o:-o;});
b.append.apply(b,rows);});
function o(){var d=document.getElementById(location.hash.slice(1));if(d&&d.tagName==='DETAILS')d.open=true;}
window.addEventListener('hashchange',o);o();})();"""
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(SCRIPT.encode('utf-8')).digest()).decode('ascii')}'"
)


def _e(x: object) -> str:
    return html.escape(printable("" if x is None else str(x)))


def _badge(verdict: str, lang: str) -> str:
    from .classify import VERDICTS

    return f'<span class="b v{VERDICTS.index(verdict)}">{_e(label("verdict", verdict, lang))}</span>'


def _inputs(triage: Triage, lang: str) -> str:
    inp = triage.inputs
    items = [
        (ui("folder", lang), inp.get("folder") or ""),
        (ui("year", lang), inp.get("year") or ui("any_year", lang)),
        (ui("rules", lang), inp.get("rules") or ui("default_rules", lang)),
        (ui("library", lang), inp.get("library") or ui("none", lang)),
        (ui("model", lang), inp.get("model") or ui("none", lang)),
        (ui("created", lang), inp.get("created", "")),
        (ui("version", lang), f"unioncorpus {inp.get('version', '')}"),
    ]
    return "<dl class='in'>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items) + "</dl>"


def _summary_table(rows: list[tuple[int, Judgement]], lang: str) -> str:
    from .classify import VERDICTS

    heads = [
        label("column", c, lang) for c in ("file", "verdict", "reasons", "school_level", "year", "activities")
    ]
    heads.append(label("column", "boilerplate_share", lang))
    out = ["<table id='t'><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr></thead><tbody>"]
    for i, j in rows:
        doc = j.doc
        share = j.facts.get("share", {}).get("boilerplate_share") if doc is not None else None
        level = label("school_level", doc.school_level, lang) if doc is not None else ""
        year = doc.year if doc is not None and doc.year is not None else ""
        acts = len(doc.activities) if doc is not None else ""
        out.append(
            f"<tr data-v='{VERDICTS.index(j.verdict)}'><td><a href='#f{i}'>{_e(j.name)}</a></td>"
            f"<td data-n='{ORDER.index(j.verdict)}'>{_badge(j.verdict, lang)}</td><td>{_e(j.reasons(lang))}</td>"
            f"<td>{_e(level)}</td><td data-n='{year or 0}'>{year}</td><td data-n='{acts or 0}'>{acts}</td>"
            f"<td data-n='{share or 0}'>{'' if share is None else f'{share:.0%}'}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _calendar(doc: Document, lang: str) -> str:
    """Month by month, the categories of the activities planned (a line per month, not a 12-column grid)."""
    months: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in doc.activities:
        for m in a.months:
            months[m][a.category] += 1
    if not months:
        return f"<p class='m'>{_e(ui('no_activities', lang))}</p>"
    sep = "、" if lang == "zh" else ", "
    lines = []
    for m in sorted(months):
        cats = sep.join(
            f"{label('category', c, lang)}{'×' + str(n) if n > 1 else ''}"
            for c, n in sorted(months[m].items())
        )
        lines.append(f"<b>{_e(ui('month', lang, m=m))}</b> {_e(cats)}")
    return "<p>" + "<br>".join(lines) + "</p>"


def span_text(doc: Document, span: dict, *, limit: int | None = None) -> str:
    """The text of a passage's span as written (punctuation kept), from the plan's lines and columns."""
    pieces = []
    a_line, b_line = span["start_line"], span["end_line"]
    a_col, b_col = span.get("start_col", 0), span.get("end_col")
    for ln in doc.lines:
        if not a_line <= ln.number <= b_line:
            continue
        lo, hi = ln.col, ln.col + len(ln.text)
        start = a_col if ln.number == a_line else 0
        end = b_col if ln.number == b_line and b_col is not None else hi
        s, t = max(lo, start), min(hi, end)
        if s < t:
            pieces.append(ln.text[s - lo : t - lo])
    text = "\n".join(pieces)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return text


def _passage(text: str, where: str) -> str:
    return f"<div><span class='m'>{_e(where)}</span>\n<mark>{_e(text)}</mark></div>"


def _details(i: int, j: Judgement, ctx: dict, lang: str) -> str:
    doc = j.doc
    head = f"<details id='f{i}'><summary>{_badge(j.verdict, lang)} {_e(j.name)}"
    if doc is None:
        return head + f"</summary><p>{_e(j.reasons(lang))}</p></details>"
    parts = [head + (f" — {_e(doc.title)}" if doc.title else "") + "</summary>"]
    if len(j.plans) > 1:
        parts.append(f"<h3>{_e(ui('plans', lang))}</h3><table>")
        for k, p in enumerate(j.plans, start=1):
            lines = ui("lines", lang, a=p.doc.start_line, b=p.doc.end_line) if p.doc else ""
            title = p.doc.title if p.doc and p.doc.title else "—"
            parts.append(f"<tr><td>{k}</td><td>{_e(title)}</td><td class='m'>{_e(lines)}</td><td>{_badge(p.verdict, lang)}</td></tr>")  # fmt: skip
        parts.append("</table>")
    sections = "".join(
        f"<span class='k'>{_e(label('section_kind', s.kind, lang))} "
        f"<span class='m'>{_e(ui('lines', lang, a=s.start_line, b=s.end_line))}</span></span>"
        for s in doc.sections
    )
    parts.append(f"<h3>{_e(ui('structure', lang))}</h3><p>{sections}</p>")
    parts.append(f"<h3>{_e(ui('calendar', lang))}</h3>{_calendar(doc, lang)}")
    covered = [label("theme", t, lang) for t in j.facts.get("covered", [])]
    missing = [label("theme", t, lang) for t in j.facts.get("themes_missing", [])]
    sep = "、" if lang == "zh" else ", "
    parts.append(f"<h3>{_e(ui('themes', lang))}</h3><p>{_e(ui('covered', lang))}: {_e(sep.join(covered))}<br>"
                 f"{_e(ui('not_covered', lang))}: {_e(sep.join(missing))}</p>")  # fmt: skip
    parts.append(_copied(j, ctx, lang))
    parts.append("</details>")
    return "".join(parts)


def _copied(j: Judgement, ctx: dict, lang: str) -> str:
    """The longest passages this plan shares with other plans and with the library, as written."""
    doc = j.doc
    assert doc is not None
    shared = sorted(ctx["by_doc"].get(doc.id, []), key=lambda x: (-(x[0]["end"] - x[0]["start"]), x[1]))
    matches = j.facts.get("library", [])[:LIBRARY_MATCHES_SHOWN]
    if not shared and not matches:
        return ""
    share = j.facts.get("share", {}).get("boilerplate_share", 0.0)
    out = [
        f"<h3>{_e(ui('copied', lang))} <span class='m'>{_e(ui('copied_share', lang, share=share))}</span></h3>"
    ]
    n = ctx["pairs"] if j.verdict == "copied" else 0
    for mine, other_id, theirs in shared[:n]:
        other = ctx["docs"].get(other_id)
        mine_where = f"{doc.source} {ui('lines', lang, a=mine['start_line'], b=mine['end_line'])}"
        out.append("<div class='pair'>" + _passage(span_text(doc, mine, limit=PASSAGE_CHARS), mine_where))
        their_text = span_text(other, theirs, limit=PASSAGE_CHARS) if other is not None else ""
        their_where = f"{other.source if other else other_id} {ui('lines', lang, a=theirs['start_line'], b=theirs['end_line'])}"
        out.append(_passage(their_text, their_where) + "</div>")
    if len(shared) > n:
        out.append(f"<p class='m'>{_e(ui('more_passages', lang, n=len(shared) - n))}</p>")
    library = ctx.get("library")
    for m in matches:
        out.append(f"<p>{_e(ui('library_match', lang, other=m['library_id'], source=m['library_source'], jaccard=m['jaccard'], share=m.get('copied_share', 0)))}</p>")  # fmt: skip
        if library is None:
            continue
        for p in sorted(library.passages(doc, m["library_id"]), key=lambda p: -p.length)[:n]:
            mine_where = f"{doc.source} {ui('lines', lang, a=p.a['start_line'], b=p.a['end_line'])}"
            lib_where = f"{ui('library', lang)}:{m['library_id']} {ui('lines', lang, a=p.b['start_line'], b=p.b['end_line'])}"
            # The library keeps plans' cleaned text only, so its side is shown without punctuation.
            theirs = p.text_b if len(p.text_b) <= PASSAGE_CHARS else p.text_b[:PASSAGE_CHARS] + "…"
            out.append("<div class='pair'>" + _passage(span_text(doc, p.a, limit=PASSAGE_CHARS), mine_where)
                       + _passage(theirs, lib_where) + "</div>")  # fmt: skip
    return "".join(out)


def render_report(triage: Triage, *, lang: str = "zh") -> str:
    """The whole report page as a string, in ``lang`` (``"zh"`` or ``"en"``)."""
    from ._labels import check_lang
    from .classify import VERDICTS

    check_lang(lang)
    corpus = triage.corpus
    order = sorted(
        range(len(triage.judgements)), key=lambda i: (ORDER.index(triage.judgements[i].verdict), i)
    )
    rows = [(i, triage.judgements[i]) for i in order]
    counts = triage.counts()
    title = ui("report_title", lang)
    parts = [
        f"<!DOCTYPE html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<h3>{_e(ui('made_with', lang))}</h3>{_inputs(triage, lang)}",
        f"<p>{_e(ui('submissions', lang, n=len(triage.table)))}</p><p class='counts'>"
        + "".join(
            f"<button type='button' data-pick='{VERDICTS.index(v)}'>{_badge(v, lang)} <b>{counts[v]}</b></button>"
            for v in ORDER
            if counts[v]
        )
        + "</p>",
        f"<p><input id='q' type='search' placeholder='{_e(ui('filter', lang))}' size='30'> <select id='v'>"
        f"<option value=''>{_e(ui('all', lang))}</option>"
        + "".join(
            f"<option value='{VERDICTS.index(v)}'>{_e(label('verdict', v, lang))}</option>" for v in ORDER
        )
        + f"</select> <span class='m'>{_e(ui('sort_hint', lang))}</span></p>",
        _summary_table(rows, lang),
        f"<h2>{_e(ui('details', lang))}</h2>",
    ]
    passages = corpus._passages() if len(corpus) else []
    by_doc: dict[str, list] = defaultdict(list)
    for p in passages:
        by_doc[p.doc_a].append((p.a, p.doc_b, p.b))
        by_doc[p.doc_b].append((p.b, p.doc_a, p.a))
    n_copied = sum(j.verdict == "copied" for j in triage.judgements)
    pairs = max(1, min(MAX_PAIRS, PAIRS_BUDGET // max(1, n_copied)))
    ctx: dict = {"by_doc": by_doc, "docs": {d.id: d for d in corpus}, "library": None, "pairs": pairs}
    if triage.library_path is not None and triage.library_matches is not None and len(triage.library_matches):
        from .library import Library

        ctx["library"] = Library(triage.library_path)
    try:
        parts += [_details(i, j, ctx, lang) for i, j in rows]
    finally:
        if ctx["library"] is not None:
            ctx["library"].close()
    parts.append(f"<p class='m'>{_e(ui('footer', lang))}</p><script>{SCRIPT}</script></body></html>")
    return "\n".join(parts)
