"""Choosing K for a topic model: coherence (NPMI, c_v), topic diversity and stability across seeds, and
the topics of a corpus's units with their provenance."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import UnknownOptionError
from .segment import Segmenter
from .topics import TopicModel, _tokens, resolve_engine

if TYPE_CHECKING:
    import pandas as pd

    from .themes import Analysable

__all__ = ["npmi", "select_topics", "topic_diversity", "topic_stability", "unit_topics"]


def topic_diversity(top_words: Sequence[Sequence[str]]) -> float:
    """Share of distinct words among all topics' top words (1.0: no topic repeats another's words)."""
    words = [w for topic in top_words for w in topic]
    return len(set(words)) / len(words) if words else 0.0


def _average_jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """Greene et al.'s ranked-list agreement: mean Jaccard of the top-d words over depths d = 1..t."""
    depth = min(len(a), len(b))
    if depth == 0:
        return 0.0
    return (
        sum(len(set(a[:d]) & set(b[:d])) / len(set(a[:d]) | set(b[:d])) for d in range(1, depth + 1)) / depth
    )


def topic_stability(runs: Sequence[Sequence[Sequence[str]]]) -> float:
    """Agreement of runs (Greene, O'Callaghan & Cunningham 2014, "How many topics? Stability analysis for
    topic models"): the topics of two runs matched one to one (Hungarian) by the average Jaccard of their
    ranked top words, the mean over matched topics, averaged over pairs of runs (1.0: the same topics)."""
    from scipy.optimize import linear_sum_assignment

    scores = []
    for a, b in itertools.combinations(runs, 2):
        if not a or not b:
            scores.append(0.0)
            continue
        sim = np.array([[_average_jaccard(x, y) for y in b] for x in a])
        rows, cols = linear_sum_assignment(-sim)
        scores.append(float(sim[rows, cols].sum() / max(len(a), len(b))))
    return float(np.mean(scores)) if scores else 1.0


class _Cooccurrence:
    """Which units each term occurs in (a sparse boolean unit × term matrix), for NPMI of any top words."""

    def __init__(self, tokens: Sequence[Sequence[str]]) -> None:
        from scipy import sparse

        self.index = {t: i for i, t in enumerate(sorted({t for toks in tokens for t in toks}))}
        rows = [r for r, toks in enumerate(tokens) for _ in set(toks)]
        cols = [self.index[t] for toks in tokens for t in set(toks)]
        self.matrix = sparse.csc_matrix(
            (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(tokens), len(self.index))
        )
        self.n = max(len(tokens), 1)

    def npmi(self, topic: Sequence[str]) -> float:
        ids = [self.index[w] for w in topic if w in self.index]
        if len(ids) < 2:
            return 0.0
        sub = self.matrix[:, ids]
        joint = (sub.T @ sub).toarray() / self.n
        single = np.diag(joint)
        eps = 1e-12  # gensim's epsilon, so the values agree with its c_npmi
        pmi = np.log((joint + eps) / np.outer(single, single))
        norm = pmi / -np.log(joint + eps)
        off = ~np.eye(len(ids), dtype=bool)
        return float(norm[off].mean())


def npmi(topics: Sequence[Sequence[str]], tokens: Sequence[Sequence[str]]) -> float:
    """Mean NPMI of the topics' top words, with co-occurrence counted within units (each unit one
    context). Equal to gensim's ``CoherenceModel(coherence="c_npmi")`` with a window as long as the
    longest unit, without re-counting the corpus for every topic set."""
    co = _Cooccurrence(tokens)
    scores = [co.npmi(t) for t in topics if len(t) >= 2]
    return float(np.mean(scores)) if scores else 0.0


def select_topics(
    units: Analysable | Iterable[Sequence[str]],
    *,
    k_range: Iterable[int] = range(3, 11),
    engine: str = "auto",
    seeds: Sequence[int] = (0, 1, 2),
    sample: float = 0.8,
    top_n: int = 10,
    min_stability: float = 0.4,
    min_diversity: float = 0.5,
    c_v: bool = False,
    unit: str = "document",
    tokenizer: Segmenter | None = None,
    show_progress: bool = False,
) -> pd.DataFrame:
    """Fit each K on several seeded subsamples of the units and report coherence, diversity and stability.

    Each seed draws ``sample`` of the units (without replacement) and fits a model on them, so stability
    measures what changes with the data, also for engines that do not depend on the seed (NMF).

    Columns: ``k``; ``npmi`` (mean NPMI of each topic's top ``top_n`` words, co-occurrence within units over
    all units, see :func:`npmi`), ``diversity`` (distinct share of top words), ``stability``
    (:func:`topic_stability` across the seeds' runs), ``c_v`` with ``c_v=True`` (gensim, slow); and
    ``recommended`` (True on one row): the K with the highest NPMI among those whose stability and diversity
    reach ``min_stability`` and ``min_diversity``; when no K does, the highest NPMI, and
    ``table.attrs["rule_met"]`` is False. ``table.attrs`` also holds ``recommended_k`` and ``engine``.
    """
    import pandas as pd

    engine = resolve_engine(engine)
    tokens = _tokens(units, tokenizer, unit)
    if not 0 < sample <= 1:
        raise UnknownOptionError("sample", sample, ["a share in (0, 1]"])
    ks = list(k_range)
    subsets = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        size = max(1, round(sample * len(tokens)))
        subsets.append(sorted(rng.choice(len(tokens), size=size, replace=False).tolist()))
    co = _Cooccurrence(tokens)
    iterator: Iterable[int] = ks
    if show_progress:
        from tqdm.auto import tqdm

        iterator = tqdm(ks, desc="choosing K", unit="K")
    rows = []
    for k in iterator:
        runs = []
        for seed, subset in zip(seeds, subsets, strict=True):
            model = TopicModel(engine, k, seed=seed, tokenizer=tokenizer).fit([tokens[i] for i in subset])
            runs.append([t for t in model.top_words(top_n) if len(t) >= 2])
        row = {
            "k": k,
            "npmi": round(float(np.mean([np.mean([co.npmi(t) for t in r]) if r else 0.0 for r in runs])), 4),
            "diversity": round(float(np.mean([topic_diversity(r) for r in runs])), 4),
            "stability": round(topic_stability(runs), 4),
        }
        if c_v:
            row["c_v"] = round(float(np.mean([_c_v(r, tokens, top_n) for r in runs])), 4)
        rows.append(row)
    table = pd.DataFrame(rows)
    ok = table[(table["stability"] >= min_stability) & (table["diversity"] >= min_diversity)]
    pool = ok if len(ok) else table
    best = pool.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"]
    table["recommended"] = table["k"] == best
    table.attrs.update(recommended_k=int(best), rule_met=bool(len(ok)), engine=engine)
    return table


def _c_v(topics: list[list[str]], tokens: list[list[str]], top_n: int) -> float:
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    cm = CoherenceModel(topics=topics, texts=tokens, dictionary=Dictionary(tokens), coherence="c_v", topn=top_n,
                        processes=1)  # fmt: skip
    return float(np.nan_to_num(cm.get_coherence()))


def unit_topics(
    docs,
    *,
    unit: str = "section",
    engine: str = "nmf",
    n_topics: int | None = None,
    seed: int = 0,
    top_n: int = 8,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fit a topic model on the units of ``docs`` and return ``(unit_topics, topic_words)``.

    ``unit_topics`` has one row per (unit, topic) with the unit's provenance and the topic weight;
    ``topic_words`` one row per topic with its top words. ``n_topics`` defaults to a size-dependent K
    (between 2 and 10); choose it properly with :func:`select_topics`.
    """
    import pandas as pd

    from .themes import units as make_units

    us = [u for u in make_units(docs, unit=unit) if u.kind not in ("title",)]
    cols = ["unit_id", "doc_id", "source", "kind", "start_line", "end_line", "topic", "weight"]
    if len(us) < 2:
        return pd.DataFrame(columns=cols), pd.DataFrame(columns=["topic", "words"])
    k = n_topics or int(min(10, len(us), max(2, round(len(us) ** 0.5 / 2))))
    # a handful of units: a term in one unit is already a shared one
    tokens = _tokens([u.text for u in us], None)  # segmented once, for fitting and for the weights
    model = TopicModel(engine, k, seed=seed, min_df=2 if len(us) >= 10 else 1)
    theta = model.fit_transform(tokens)
    del tokens
    # column by column, one row per (unit, topic): at 10,000 plans half a million rows, which as dicts
    # held a gigabyte at once
    k = theta.shape[1]
    table = {c: [getattr(u, c) for u in us for _ in range(k)] for c in ("id", "doc_id", "source", "kind",
                                                                         "start_line", "end_line")}  # fmt: skip
    table["unit_id"] = table.pop("id")
    table["topic"] = list(range(k)) * len(us)
    table["weight"] = [round(w, 6) for w in theta.ravel().tolist()]
    words = pd.DataFrame(
        {"topic": range(len(model.top_words(top_n))), "words": [" ".join(w) for w in model.top_words(top_n)]}
    )
    return pd.DataFrame(table, columns=cols), words
