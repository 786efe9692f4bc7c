"""Words and themes: analysis units, TF-IDF and TextRank keywords, and the theme taxonomy of union work.

Every unit (a document, a section or a paragraph) keeps its document id, source file and raw lines; every
theme score carries the evidence terms and the lines they were found on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ._lexicon import depends_on_lexicons, load_toml
from .errors import UnknownOptionError
from .model import Document
from .segment import Segmenter

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

__all__ = [
    "UNITS",
    "Unit",
    "analysis_segmenter",
    "as_units",
    "coverage",
    "keywords",
    "textrank",
    "theme_table",
    "theme_terms",
    "themes_of",
    "units",
]

UNITS = ("document", "section", "paragraph")


@dataclass(frozen=True)
class Unit:
    """A piece of a document analysed as one text, with its provenance."""

    id: str
    doc_id: str
    source: str
    kind: str
    start_line: int
    end_line: int
    text: str
    lines: tuple[tuple[int, str], ...]


if TYPE_CHECKING:
    from typing import TypeAlias

    # What the analysis functions take: a Corpus, Documents, Units, or plain texts (list or Series of str).
    Analysable: TypeAlias = "Corpus | Iterable[Document] | Iterable[Unit] | Iterable[str] | pd.Series"


def _iter_units(doc: Document, unit: str) -> Iterable[Unit]:
    body = [(ln.number, ln.text) for ln in doc.body_lines()]
    if not body:
        return
    if unit == "document":
        yield Unit(
            doc.id,
            doc.id,
            doc.source,
            "document",
            body[0][0],
            body[-1][0],
            "\n".join(t for _, t in body),
            tuple(body),
        )
        return
    for k, s in enumerate(doc.sections):
        if s.kind == "title":
            continue
        lines = tuple((n, t) for n, t in body if s.start_line <= n <= s.end_line)
        if not lines:
            continue
        if unit == "section":
            yield Unit(
                f"{doc.id}#s{k}",
                doc.id,
                doc.source,
                s.kind,
                lines[0][0],
                lines[-1][0],
                "\n".join(t for _, t in lines),
                lines,
            )
        else:
            for n, t in lines:
                yield Unit(f"{doc.id}#L{n}", doc.id, doc.source, s.kind, n, n, t, ((n, t),))


def units(data: Analysable, *, unit: str = "document", kinds: Sequence[str] | None = None) -> list[Unit]:
    """Documents, sections or paragraphs (lines) as analysis units, optionally only some section kinds.

    ``data`` is anything the analysis functions take (see :func:`as_units`).

    >>> [u.kind for u in units(uc.load("corpus/"), unit="section")][:3]  # doctest: +SKIP
    ['guiding_ideology', 'key_work', 'monthly_schedule']
    """
    return as_units(data, unit=unit, kinds=kinds)


def as_units(data: Analysable, *, unit: str = "document", kinds: Sequence[str] | None = None) -> list[Unit]:
    """What every analysis function does with its input: a :class:`~unioncorpus.Corpus`, Documents, Units
    (kept as they are), or plain texts (a list or pandas Series of str; each one unit of kind ``"text"`` with
    id ``text-1``, ``text-2`` … or the Series' index).

    Raises:
        TypeError: a bare string (pass a list of texts), or items of another type.

    >>> [u.id for u in as_units(["召开教代会", "开展送温暖活动"])]
    ['text-1', 'text-2']
    """
    if unit not in UNITS:
        raise UnknownOptionError("unit", unit, UNITS)
    if isinstance(data, str | bytes):
        raise TypeError("got one string; pass a list of texts (or a Corpus, Documents or Units)")
    labels = None
    if hasattr(data, "index") and hasattr(data, "tolist") and not isinstance(data, list):  # a pandas Series
        labels, data = [str(i) for i in data.index], data.tolist()
    out: list[Unit] = []
    for i, item in enumerate(data):
        if isinstance(item, Document):
            out.extend(_iter_units(item, unit))
        elif isinstance(item, Unit):
            out.append(item)
        elif isinstance(item, str):
            name = labels[i] if labels else f"text-{i + 1}"
            lines = tuple((n, t) for n, t in enumerate(item.splitlines() or [""], 1))
            out.append(Unit(name, name, "<text>", "text", 1, len(lines), item, lines))
        else:
            raise TypeError(
                f"item {i} is a {type(item).__name__}; pass a Corpus, Documents, Units or texts (str)"
            )
    if kinds is not None:
        out = [u for u in out if u.kind in kinds]
    return out


@depends_on_lexicons
@cache
def analysis_segmenter(engine: str = "auto") -> Segmenter:
    """The segmenter used for keywords and topics: union lexicon, theme terms kept whole; stopwords,
    punctuation and counting tokens (numerals, months, ordinals, list words: ``data/token_filter.toml``)
    dropped."""
    return Segmenter(engine, words=sorted(theme_terms_all()), stopwords="default", punct=False, numeric=False)


# -- keywords -------------------------------------------------------------------------------------
def keywords(
    docs: Analysable,
    *,
    unit: str = "document",
    method: str = "tfidf",
    top_k: int = 10,
    segmenter: Segmenter | None = None,
) -> pd.DataFrame:
    """Keywords per unit: TF-IDF with IDF learned from these units, or TextRank.

    Returns one row per (unit, rank) with the term, its score and the unit's provenance.
    """
    import pandas as pd

    if method not in ("tfidf", "textrank"):
        raise UnknownOptionError("method", method, ("tfidf", "textrank"))
    seg = segmenter or analysis_segmenter()
    us = units(docs, unit=unit)
    tokens = [[t for t in seg(u.text) if len(t) >= 2] for u in us]
    rows = []
    if method == "tfidf" and us:
        from ._extras import require

        require("topics", 'keywords(method="tfidf")')
        from sklearn.feature_extraction.text import TfidfVectorizer

        from .topics import _identity

        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        matrix = vec.fit_transform(tokens)
        vocab = vec.get_feature_names_out()
        for i, u in enumerate(us):
            row = matrix.getrow(i)
            pairs = sorted(zip(row.data, row.indices, strict=True), key=lambda p: (-p[0], vocab[p[1]]))[
                :top_k
            ]
            rows.extend(_kw_row(u, r, str(vocab[j]), float(score)) for r, (score, j) in enumerate(pairs, 1))
    else:
        for u, toks in zip(us, tokens, strict=True):
            for r, (term, score) in enumerate(textrank(toks, top_k=top_k), 1):
                rows.append(_kw_row(u, r, term, score))
    return pd.DataFrame(
        rows,
        columns=["unit_id", "doc_id", "source", "kind", "start_line", "end_line", "rank", "term", "score"],
    )


def _kw_row(u: Unit, rank: int, term: str, score: float) -> dict:
    return {"unit_id": u.id, "doc_id": u.doc_id, "source": u.source, "kind": u.kind, "start_line": u.start_line,
            "end_line": u.end_line, "rank": rank, "term": term, "score": round(score, 6)}  # fmt: skip


def textrank(
    tokens: Sequence[str], *, top_k: int = 10, window: int = 5, damping: float = 0.85
) -> list[tuple[str, float]]:
    """TextRank keywords of a token sequence: PageRank over the co-occurrence graph within ``window``.

    >>> textrank(["教代会", "提案", "教代会", "校务公开", "提案", "教代会"], top_k=2)[0][0]
    '教代会'
    """
    import networkx as nx

    graph = nx.Graph()
    for i, a in enumerate(tokens):
        for b in tokens[i + 1 : i + window]:
            if a != b:
                w = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                graph.add_edge(a, b, weight=w + 1)
    if not graph:
        return []
    ranks = nx.pagerank(graph, alpha=damping, weight="weight")
    return sorted(((t, float(s)) for t, s in ranks.items()), key=lambda p: (-p[1], p[0]))[:top_k]


# -- themes ---------------------------------------------------------------------------------------
@depends_on_lexicons
@cache
def theme_terms() -> dict[str, dict]:
    """The theme taxonomy: ``{theme: {"label": …, "label_en": …, "terms": [...]}}`` from ``data/themes.toml``."""
    return {k: dict(v) for k, v in load_toml("themes.toml").items()}


@depends_on_lexicons
@cache
def theme_terms_all() -> frozenset[str]:
    return frozenset(t for spec in theme_terms().values() for t in spec["terms"])


@depends_on_lexicons
@cache
def _term_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for theme, spec in theme_terms().items():
        for term in spec["terms"]:
            index[term].append(theme)
    return dict(index)


@depends_on_lexicons
@cache
def _theme_segmenter() -> Segmenter:
    return Segmenter(words=sorted(theme_terms_all()))


def themes_of(unit: Unit, *, segmenter: Segmenter | None = None) -> list[dict]:
    """Theme evidence of one unit: per theme, the hits, a density score and the (term, line) evidence."""
    seg = segmenter or _theme_segmenter()
    index = _term_index()
    evidence: dict[str, list[tuple[str, int]]] = defaultdict(list)
    n_tokens = 0
    texts = [t for _, t in unit.lines]
    cut = getattr(seg, "cut_lines", None)  # a Segmenter cuts a unit's lines in one engine call
    for (number, _), toks in zip(unit.lines, cut(texts) if cut else [seg(t) for t in texts], strict=True):
        n_tokens += len(toks)
        if index.keys().isdisjoint(toks):
            continue  # most lines name no theme term (tested at C speed)
        for tok in [t for t in toks if t in index]:  # the line's theme terms, in order (a C-speed filter)
            for theme in index[tok]:
                evidence[theme].append((tok, number))
    rows = []
    for theme in theme_terms():
        ev = evidence.get(theme, [])
        rows.append({
            "theme": theme,
            "hits": len(ev),
            "distinct_terms": len({t for t, _ in ev}),
            # hits per 100 tokens, damped so one long section does not swamp the corpus
            "score": round(100 * len(ev) / max(n_tokens, 1), 4),
            "evidence": [f"{t}@{n}" for t, n in ev],
        })  # fmt: skip
    return rows


def theme_table(docs: Analysable, *, unit: str = "document") -> pd.DataFrame:
    """Long table: one row per (unit, theme) with hits, score and evidence terms with their raw lines."""
    import pandas as pd

    cols = ["unit_id", "doc_id", "source", "kind", "start_line", "end_line", "theme", "label", "hits",
            "distinct_terms", "score", "evidence"]  # fmt: skip
    table: dict[str, list] = {c: [] for c in cols}  # column by column: 100,000 rows at 10,000 plans
    labels = {theme: spec["label"] for theme, spec in theme_terms().items()}
    for u in units(docs, unit=unit):
        rows = themes_of(u)
        for c, v in zip(cols[:6], (u.id, u.doc_id, u.source, u.kind, u.start_line, u.end_line), strict=True):
            table[c] += [v] * len(rows)
        for r in rows:
            table["label"].append(labels[r["theme"]])
            for c in ("theme", "hits", "distinct_terms", "score", "evidence"):
                table[c].append(r[c])
    return pd.DataFrame(table if table["unit_id"] else [], columns=cols)


def coverage(docs: Analysable | pd.DataFrame, *, min_hits: int = 2, min_terms: int = 1) -> pd.DataFrame:
    """Document × theme table of booleans: ``True`` where the document covers the theme (``min_hits``
    seed-term hits from at least ``min_terms`` distinct terms). Given units or texts, one row per unit;
    given a table :func:`theme_table` made already, one row per unit of that table (nothing is segmented
    again).

    Each theme's share of documents is ``table.mean()``, also kept as ``table.attrs["share"]``.

    >>> cov = uc.coverage(uc.load("corpus/"))   # doctest: +SKIP
    >>> cov.mean().sort_values()                 # doctest: +SKIP
    """
    import pandas as pd

    if isinstance(docs, pd.DataFrame):
        missing = {"unit_id", "theme", "hits", "distinct_terms"} - set(docs.columns)
        if missing:
            raise TypeError(
                f"a DataFrame given to coverage must be a theme_table; it lacks {sorted(missing)}"
            )
        table = docs
    else:
        table = theme_table(docs, unit="document")
    themes = list(theme_terms())
    if table.empty:
        wide = pd.DataFrame(columns=themes, dtype=bool)
    else:
        covered = (table["hits"] >= min_hits) & (table["distinct_terms"] >= min_terms)
        wide = table.assign(covered=covered).pivot(index="unit_id", columns="theme", values="covered")
        wide = wide.reindex(columns=themes).loc[list(dict.fromkeys(table["unit_id"]))].astype(bool)
    wide.columns.name = "theme"
    wide.attrs["share"] = (
        wide.mean(axis=0).astype(float).round(3) if len(wide) else pd.Series(0.0, index=themes)
    )
    return wide
