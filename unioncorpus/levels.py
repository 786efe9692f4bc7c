"""School level by weight of evidence: which kind of school (or not a school) a plan is written for.

Cue words (``data/attributes.toml`` [school_level]) are matched against jieba tokens of the body, so
提高职工 never counts as 高职; the plan's own title counts, and weighs more, only when it names the
organisation ("紫石中学…", not a template site's "中学工会工作计划"). A workplace's words with no word of
school life outweigh a school named in passing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from ._lexicon import depends_on_lexicons, load_toml
from .model import Document, Evidence
from .segment import Segmenter

__all__ = ["school_level", "school_level_evidence"]


@depends_on_lexicons
@cache
def _cues() -> tuple[dict[str, dict[str, int]], frozenset[str], frozenset[str]]:
    cfg = load_toml("attributes.toml")["school_level"]
    levels = {
        level: {w: 1 for w in spec.get("weak", [])} | {w: 2 for w in spec.get("strong", [])}
        for level, spec in cfg["cues"].items()
    }
    return levels, frozenset(cfg["school"]["words"]), frozenset(cfg["non_school"]["words"])


@depends_on_lexicons
@cache
def _cue_segmenter() -> Segmenter:
    levels, school, non_school = _cues()
    words = sorted({w for cues in levels.values() for w in cues} | school | non_school)
    return Segmenter(words=words)


@depends_on_lexicons
@cache
def _cue_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Every cue word with the (level, weight) pairs it counts for; "school"/"non_school" for the generic sets."""
    levels, school, non_school = _cues()
    index: dict[str, list[tuple[str, int]]] = {}
    for level, cues in levels.items():
        for cue, weight in cues.items():
            index.setdefault(cue, []).append((level, weight))
    for cue in school:
        index.setdefault(cue, []).append(("school", 1))
    for cue in non_school:
        index.setdefault(cue, []).append(("non_school", 1))
    return {k: tuple(v) for k, v in index.items()}


def _cues_of(
    token: str, index: dict[str, tuple[tuple[str, int], ...]]
) -> tuple[str, tuple[tuple[str, int], ...]] | None:
    """The longest cue a token stands for: itself or a suffix of two characters or more (中心小学 -> 小学)."""
    # a school's staff or division named with its level ("小学教师", "初中部", "中学校长"): the level
    stem = _ROLE.sub("", token)
    if stem != token and len(stem) >= 2:
        found = _cues_of(stem, index)
        if found is not None:
            return found
    for k in range(len(token) - 1):
        hit = index.get(token[k:])
        if hit:
            return token[k:], hit
    return None


_ROLE = re.compile(r"(?:教师|老师|校长|教工|部|段)$")


@depends_on_lexicons
@lru_cache(maxsize=1 << 16)
def _token_cue(token: str) -> tuple[str, tuple[tuple[str, int], ...]] | None:
    """:func:`_cues_of` with the lexicons' cue index, remembered per token: a plan's vocabulary is mostly the
    genre's, so most of its tokens were judged in earlier plans already."""
    return _cues_of(token, _cue_index())


# What may stand before a level word in a generic title: a year, a school year, a term ("2016中学…",
# "2023-2024学年度第一学期小学…"). Anything else ("紫石中学", "xx中心小学") is the organisation's name.
_YEAR_PREFIX = re.compile(
    r"^\s*(?:(?:(?:19|20)\d{2}|20[xX_＿]{2}|[xX]{2,4}|[〇○零一二三四五六七八九]{2,4})\s*(?:学年度?|年度?)|(?:19|20)\d{2})?"
    r"\s*(?:[-—~至到/]\s*(?:(?:19|20)?\d{2})\s*(?:学年度?|年度?)?)?"
    r"\s*(?:第?[一二两上下]学期|春季|秋季|暑期|寒假|学期)?\s*"
)


def _names_organisation(title: str, cue: str) -> bool:
    """Whether a level word in a title is part of an organisation's name ("紫石中学", "xx中心小学") rather
    than the genre label of a template site ("中学工会工作计划", "2016中学工会工作计划")."""
    at = title.find(cue)
    return at > 0 and bool(_YEAR_PREFIX.sub("", title[:at]).strip())


def _read_with_before(rx: re.Pattern[str], before: str, tok: str) -> bool:
    """Whether the characters before a token make it part of a longer word that is no cue (校|机关: the
    offices of a school); a cue that is itself that word (校机关) still counts."""
    m = rx.search(before + tok)
    return m is not None and m.start() < len(before)


_LIST_JOINER = re.compile(r"[、/]|和|及|与|以及")


def _enumerated(text: str, hits: list) -> set[int]:
    """Indices of level words listed together with a word of another level ("各中小学、幼儿园工会",
    "小学、初中和幼儿园"): the addressees of an education office, all schools at once, not the one the
    text is written for. A list of schools of one level ("一中、二中") keeps its words."""
    school_levels = _cues()[0]
    kinds = {}  # the levels each level word stands for (a word naming several levels stands for all)
    for k, (_, _, _, found) in enumerate(hits):
        named = (
            frozenset(school_levels)
            if found is None
            else frozenset(lv for lv, _ in found[1] if lv in school_levels)
        )
        if named:
            kinds[k] = named
    out: set[int] = set()
    run: list[int] = []
    for k in [*kinds, None]:
        if k is not None and run and _LIST_JOINER.fullmatch(text[hits[run[-1]][1] : hits[k][0]]):
            run.append(k)
            continue
        if len(run) >= 2 and len({kinds[i] for i in run}) >= 2:
            out.update(run)
        run = [k] if k is not None else []
    return out


def school_level_evidence(doc: Document) -> list[Evidence]:
    """Cue words for each school level and for school / non-school generally, one Evidence per hit."""
    cfg = load_toml("attributes.toml")["school_level"]
    segment = _cue_segmenter()
    ignore = frozenset(cfg["ignore"])
    votes: list[Evidence] = []
    seen: dict[tuple[str, str], int] = defaultdict(int)
    # a site's entry label counts like a title when it names the organisation ("XX小学工会工作计划(一)"):
    # a generic one ("小学工会工作计划篇1") says nothing, as _names_organisation tells below
    below = doc.title_below_label  # the document's own title under the label counts instead of it
    title = below.text if below is not None else (doc.full_title if doc.title else None)
    title_line = below.number if below is not None else doc.title_line
    lines: list[tuple[str, int | None, bool]] = [(title, title_line, True)] if title else []
    lines += [(ln.text, ln.number, False) for ln in doc.body_lines() if ln is not below]
    after_rx = re.compile(cfg["ignore_followed_by"])
    before_rx = re.compile(cfg["ignore_when"]) if cfg.get("ignore_when") else None
    for (text, number, is_title), tokens in zip(
        lines, segment.cut_lines([t for t, _, _ in lines]), strict=True
    ):
        hits: list[tuple[int, int, str, tuple[str, tuple[tuple[str, int], ...]] | None]] = []
        pos = 0
        for tok in tokens:
            at, pos = pos, pos + len(tok)
            if len(tok) < 2:
                continue
            if tok in ignore:
                hits.append((at, pos, tok, None))
                continue
            found = _token_cue(tok)  # most tokens are no cue: that test first, the context tests after it
            if found is None or after_rx.match(text, pos):
                continue
            if before_rx is not None and _read_with_before(before_rx, text[max(0, at - 2) : at], tok):
                continue
            hits.append((at, pos, tok, found))
        listed = _enumerated(text, hits)
        for k, (_, _, tok, found) in enumerate(hits):
            if found is None or k in listed:  # several levels at once: a school of some kind
                cue, pairs = tok, (("school", 1),)
            else:
                cue, pairs = found
            if is_title and not _names_organisation(text, tok):
                continue
            for level, weight in pairs:
                seen[level, cue] += 1
                if seen[level, cue] > cfg["max_hits_per_cue"]:
                    continue  # one repeated word cannot decide alone
                w = weight * (cfg["title_weight"] if is_title else 1)
                votes.append(Evidence(level, tok, number, w))
    return votes


def school_level(doc: Document, *, evidence: list[Evidence] | None = None) -> tuple[str, dict[str, float]]:
    """The kind of school a plan belongs to, judged from its body, with the score of each level."""
    cfg = load_toml("attributes.toml")["school_level"]
    levels, _, _ = _cues()
    votes = school_level_evidence(doc) if evidence is None else evidence
    scores: dict[str, float] = dict.fromkeys([*levels, "school", "non_school"], 0.0)
    for e in votes:
        scores[e.value] += e.weight
    school, non_school = scores["school"], scores["non_school"]
    ranked = sorted(((lv, scores[lv]) for lv in levels), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    size = sum(len(ln.text) for ln in doc.body_lines())
    if non_school >= cfg["non_school"]["min_count"] and (non_school > 2 * (school + top) or school == 0):
        return (
            "non_school",
            scores,
        )  # a workplace's words and no word of school life: a school named in passing
    title, title_line = doc.own_title or (None, None)
    if title and re.search(cfg["several_schools_title"], title):
        named = [e for e in votes if e.line == title_line and e.value in levels]
        if not named:
            return "school_unspecified", scores  # an education system's union: all its schools at once
    ahead = top >= cfg["min_margin"] * second or top - second >= cfg["min_lead"]
    if top >= cfg["min_score"] and ahead and (school + top >= 3 or non_school == 0):
        return best, scores
    if school >= cfg["school"]["min_count"] and school >= non_school:
        return "school_unspecified", scores
    if non_school >= 1 and non_school >= school:
        return "non_school", scores
    if school >= 1 or top >= cfg["min_score"]:
        return "school_unspecified", scores
    if size >= cfg["non_school"]["silent_min_chars"]:
        return "non_school", scores  # a long text with no word of any school: another workplace's
    return ("school_unspecified" if top >= 1 else "unknown"), scores
