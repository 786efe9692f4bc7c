"""Judging one submission: which rules fire, the verdict they give, and the reasons in words.

A :class:`Judgement` holds codes and numbers (for the API table) and :class:`Phrase` objects (for people);
a phrase is rendered in Chinese or English only when an output is written, through ``data/labels.toml``.
Verdicts by precedence: not_a_union_plan, copied, incomplete, stale, ok (unreadable when nothing could be
read). Every finding is kept, so a clerk sees all the problems, the deciding ones first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ._labels import join_reasons, label, reason
from .model import Document

__all__ = ["PRECEDENCE", "AnyOf", "ByLang", "Code", "Judgement", "Phrase", "judge_document", "render"]

PRECEDENCE = ("not_a_union_plan", "copied", "incomplete", "stale")
_LIST_SEPARATOR = {"zh": "、", "en": ", "}
_OR = {"zh": "或", "en": " or "}


@dataclass(frozen=True)
class Code:
    """An internal code, shown through its table in labels.toml."""

    kind: str
    code: str


@dataclass(frozen=True)
class AnyOf:
    """Alternatives (``指导思想或前言``)."""

    kind: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class ByLang:
    """Text that differs by language beyond a code (a reader's English detail of a read error)."""

    zh: str
    en: str


@dataclass(frozen=True)
class Phrase:
    """A reason template of labels.toml ``[reason]`` and the values that go in it."""

    code: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **values: Any) -> Phrase:
        return cls(code, tuple(values.items()))

    def text(self, lang: str = "zh") -> str:
        return reason(self.code, lang, **{k: render(v, lang) for k, v in self.values})


def render(value: Any, lang: str = "zh") -> Any:
    """A value as words: phrases and codes translated, lists joined; numbers stay numbers."""
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, Code):
        return label(value.kind, value.code, lang)
    if isinstance(value, AnyOf):
        return _OR[lang].join(label(value.kind, c, lang) for c in value.codes)
    if isinstance(value, ByLang):
        return getattr(value, lang)
    if isinstance(value, list | tuple):
        return _LIST_SEPARATOR[lang].join(str(render(v, lang)) for v in value)
    return value


@dataclass
class Judgement:
    """One submitted file (or one plan in it): the verdict, every finding, and the facts behind them."""

    file: str
    verdict: str
    findings: list[tuple[str | None, Phrase]]
    doc: Document | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    plans: list[Judgement] = field(default_factory=list)
    shown: str = ""  # the file as people see it: relative to the submissions folder

    @property
    def name(self) -> str:
        return self.shown or self.file

    def reasons(self, lang: str = "zh") -> str:
        """The deciding findings first, then the others after "另：" (also: …)."""
        main = [p.text(lang) for v, p in self.findings if v == self.verdict]
        rest = [p.text(lang) for v, p in self.findings if v not in (self.verdict, None)]
        notes = [p.text(lang) for v, p in self.findings if v is None]
        if rest:
            main.append(reason("also", lang) + join_reasons(rest, lang))
        return join_reasons(main + notes, lang)


# -- the rules, one function each -------------------------------------------------------------------------


def union_genre(doc: Document, rules: dict) -> tuple[str, dict[str, Any]]:
    """The document's genre as the extraction judged it (``Document.genre``, cues in ``attributes.toml``);
    the genres the rules accept ([union_plan] accept) pass as a union plan."""
    counts = doc.evidence.get("genre_counts") or {}
    evidence: dict[str, Any] = {"union": counts.get("union", 0), "school": counts.get("school", 0)}
    if doc.genre in ("union_other", "not_a_plan") or doc.doc_type == "other":
        evidence["doc_type"] = doc.doc_type
    genre = "union_plan" if doc.genre in rules["union_plan"]["accept"] else doc.genre
    return genre, evidence


def _evidence_parts(evidence: dict[str, Any]) -> list[Any]:
    parts: list[Any] = [Phrase.of("genre_counts", union=evidence["union"], school=evidence["school"])]
    if "doc_type" in evidence:
        parts.append(Phrase.of("genre_doc_type", doc_type=Code("doc_type", evidence["doc_type"])))
    return parts


def genre_evidence(evidence: dict[str, Any], lang: str = "zh") -> str:
    """The genre's evidence as words (the cue counts, and the document type when it decided)."""
    return render(_evidence_parts(evidence), lang)


# A school year (2023-2024学年度, 2023～2024学年) or a Shanghai-style 2023学年 (September 2023 to June 2024).
_SCHOOL_YEAR = re.compile(r"(20\d\d)\s{0,3}[-—–~～至到－]{1,2}\s{0,3}(20\d\d)\s{0,3}学年|(20\d\d)\s{0,3}学年")


def school_year(doc: Document) -> tuple[int, int] | None:
    """The school year a plan states in its title or first lines, as ``(first, second)`` calendar years."""
    head = [doc.title or ""] + [ln.text for ln in doc.lines[:3]]
    for text in head:
        m = _SCHOOL_YEAR.search(text)
        if m:
            if m.group(1):
                first, second = int(m.group(1)), int(m.group(2))
                if second in (first, first + 1):
                    return first, second
            else:
                first = int(m.group(3))
                return first, first + 1
    return None


def _year_findings(doc: Document, year: int | None) -> list[Phrase]:
    if year is None or doc.year is None:
        return []
    span = school_year(doc)
    if span is not None:
        return (
            [] if year in span else [Phrase.of("school_year", first=span[0], second=span[1], expected=year)]
        )
    return [] if doc.year == year else [Phrase.of("year", year=doc.year, expected=year)]


def _congress_findings(doc: Document, year: int | None, rules: dict) -> list[Phrase]:
    held = rules["staleness"]["congresses"]
    plan_year = year or doc.year
    out = []
    if plan_year is None:
        return out
    for ref in doc.party_congress_refs:
        if ref in held:
            newer = [c for c, y in held.items() if held[ref] < y < plan_year]
            if newer:
                out.append(Phrase.of("congress", ref=ref, year=plan_year, newer=newer[-1]))
    return out


_TITLE_LEVELS = {"小学": "primary", "中学": "middle", "幼儿园": "kindergarten", "职业": "vocational",
                 "学院": "university", "大学": "university"}  # fmt: skip


def _title_level_findings(doc: Document) -> list[Phrase]:
    if not doc.title or doc.title_is_label or "中小学" in doc.title:
        return []
    for word, level in _TITLE_LEVELS.items():
        if word in doc.title and doc.school_level not in (level, "school_unspecified", "unknown"):
            return [Phrase.of("title_level", word=word, level=Code("school_level", doc.school_level))]
    return []


def _copy_findings(doc: Document, rules: dict, share: dict, near: list, library: list) -> list[Phrase]:
    cp = rules["copying"]
    out = []
    if share["boilerplate_share"] >= cp["boilerplate_share"]:
        out.append(Phrase.of("boilerplate", share=share["boilerplate_share"], limit=cp["boilerplate_share"]))
    fired = []
    for other, jac, contained in sorted(near, key=lambda x: (-max(x[1], x[2]), x[0])):
        if jac >= cp["near_duplicate_jaccard"]:
            fired.append(
                Phrase.of("near_jaccard", other=other, jaccard=jac, limit=cp["near_duplicate_jaccard"])
            )
        elif contained >= cp["containment"]:
            fired.append(Phrase.of("near_containment", other=other, contained=contained, jaccard=jac,
                                   limit=cp["containment"]))  # fmt: skip
    out += fired[:NEAR_SHOWN]
    if len(fired) > NEAR_SHOWN:  # a template copied by fifty schools: name the closest, count the rest
        out.append(Phrase.of("more_near", n=len(fired) - NEAR_SHOWN))
    for m in library:
        other = m["library_id"]
        if m["jaccard"] >= cp["near_duplicate_jaccard"]:
            out.append(
                Phrase.of(
                    "library_jaccard", other=other, jaccard=m["jaccard"], limit=cp["near_duplicate_jaccard"]
                )
            )
        elif m["query_in_library"] >= cp["containment"]:
            out.append(
                Phrase.of(
                    "library_containment",
                    other=other,
                    contained=m["query_in_library"],
                    limit=cp["containment"],
                )
            )
        elif m["copied_share"] >= cp["boilerplate_share"]:
            out.append(
                Phrase.of(
                    "library_share", other=other, share=m["copied_share"], limit=cp["boilerplate_share"]
                )
            )
    return out


# What only a template or document-sharing site puts into a page: a file holding any of it was taken from
# such a site (a school's or union's own site has menus, breadcrumbs and related links too, so those say
# nothing here): the site's intro and name, a doc-sharing site's chrome, sentences the site injects, an
# encyclopedic preamble, and a collection title in a template site's words (通用3篇, 精选N篇, 范文) — a
# district's own 汇编 of its schools' plans is a collection too, and says nothing.
_SITE_FURNITURE = (
    "site_intro",
    "site_name_or_url",
    "document_site_chrome",
    "injected_site_text",
    "hidden_text_notice",
    "encyclopedic_preamble",
)


def template_site_reasons(furniture: list, rules: dict) -> set[str]:
    """The furniture reasons in a file that only a template or document-sharing site leaves."""
    collection = re.compile(rules["staleness"]["template_collection"])
    return {
        f.reason
        for f in furniture
        if f.reason in _SITE_FURNITURE or (f.reason == "compilation_title" and collection.search(f.text))
    }


NEAR_SHOWN = 3


def _template_findings(
    doc: Document, rules: dict, furniture_reasons: set[str]
) -> tuple[list[Phrase], list[Phrase]]:
    """Template-site leftovers (copied) and unfilled placeholders (incomplete)."""
    cfg = rules["staleness"]
    text = doc.text
    copied, incomplete = [], []
    leftovers = sorted({m.group(0) for m in re.finditer(cfg["template_leftovers"], text)})
    site = sorted(furniture_reasons)
    if leftovers:
        copied.append(Phrase.of("template_leftovers", found=leftovers[:3]))
    elif site:
        copied.append(Phrase.of("template_site", what=[Code("furniture", r) for r in site]))
    placeholders = sorted({m.group(0) for m in re.finditer(cfg["placeholders"], text)})
    if placeholders:
        incomplete.append(Phrase.of("placeholders", found=placeholders[:4]))
    return copied, incomplete


def _structure_findings(doc: Document, rules: dict) -> tuple[list[list[str]], list[Phrase]]:
    """The required sections a plan lacks, and a schedule with too few activities."""
    req = rules["required"]
    kinds = {s.kind for s in doc.sections}
    missing = [list(alts) for alts in req["sections"] if not kinds & set(alts)]
    out = []
    if doc.title and not doc.body_lines():
        out.append(Phrase.of("title_only", title=doc.title))  # a title with nothing under it
    elif missing:
        out.append(Phrase.of("missing", sections=[AnyOf("section_kind", tuple(alts)) for alts in missing]))
    schedule_required = any("monthly_schedule" in alts for alts in req["sections"])
    if schedule_required and "monthly_schedule" in kinds and len(doc.activities) < req["min_activities"]:
        out.append(Phrase.of("few_activities", n=len(doc.activities), min=req["min_activities"]))
    return missing, out


def judge_document(
    doc: Document, *, file: str, year: int | None, rules: dict, furniture_reasons: set[str],
    covered: list[str], share: dict, near: list, library: list,
) -> Judgement:  # fmt: skip
    """Every rule on one plan; the verdict is the first of :data:`PRECEDENCE` with a finding."""
    genre, evidence = union_genre(doc, rules)
    findings: list[tuple[str | None, Phrase]] = []
    if genre != "union_plan":
        phrase = Phrase.of("not_union", genre=Code("genre", genre), evidence=_evidence_parts(evidence))
        findings.append(("not_a_union_plan", phrase))
    templated, placeholders = _template_findings(doc, rules, furniture_reasons)
    findings += [("copied", p) for p in _copy_findings(doc, rules, share, near, library) + templated]
    missing, structure = _structure_findings(doc, rules)
    findings += [("incomplete", p) for p in structure + placeholders]
    stale = _year_findings(doc, year) + _congress_findings(doc, year, rules) + _title_level_findings(doc)
    findings += [("stale", p) for p in stale]
    verdict = next((v for v in PRECEDENCE if any(f == v for f, _ in findings)), "ok")
    if verdict == "ok":
        findings.insert(0, ("ok", Phrase.of("complete")))
    expected = rules["themes"]["expected"]
    facts = {
        "genre": genre, "genre_evidence": evidence, "missing": missing, "covered": covered,
        "themes_missing": [t for t in expected if t not in covered], "share": share, "near": near,
        "library": library, "stale": stale,
    }  # fmt: skip
    return Judgement(file, verdict, findings, doc, facts)


def judge_unreadable(file: str, reason_code: str, detail: str) -> Judgement:
    why = ByLang(label("read_error", reason_code, "zh"), detail)
    return Judgement(file, "unreadable", [("unreadable", Phrase.of("unreadable", why=why))])


def judge_without_plans(file: str, furniture: list) -> Judgement:
    """A file that was read but holds no plan: a bare title is incomplete, page furniture is not a plan."""
    titles = [x.text for x in furniture if x.reason == "title_without_text"]
    if titles:
        return Judgement(file, "incomplete", [("incomplete", Phrase.of("title_only", title=titles[0]))])
    if furniture:
        kinds = [Code("furniture", r) for r in dict.fromkeys(x.reason for x in furniture)]
        phrase = Phrase.of("no_plan", n=len(furniture), what=kinds)
        return Judgement(file, "not_a_union_plan", [("not_a_union_plan", phrase)])
    return judge_unreadable(file, "empty", "no plan text in the file")


def with_other_plans(main: Judgement, plans: list[Judgement], k: int) -> Judgement:
    """The file's judgement (its longest plan's) naming every plan it holds and each one's verdict."""
    shown = plans[:8]
    each: list[Any] = [
        Phrase.of("plan_verdict", k=i, title=(p.doc.title if p.doc and p.doc.title else "—"), verdict=Code("verdict", p.verdict))
        for i, p in enumerate(shown, start=1)
    ]  # fmt: skip
    if len(plans) > len(shown):
        each.append("…")
    findings = [*main.findings, (None, Phrase.of("several_plans", n=len(plans), k=k, each=each))]
    return Judgement(main.file, main.verdict, findings, main.doc, main.facts, plans)
