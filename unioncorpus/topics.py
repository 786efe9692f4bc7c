"""Topic models with the scikit-learn estimator contract, and coherence-checked choice of K.

``TopicModel(engine="lda")`` wraps gensim's ``LdaModel``; ``engine="nmf"`` wraps scikit-learn's ``NMF`` over
TF-IDF. Both take raw texts (segmented by the analysis segmenter) or pre-tokenised lists, are deterministic
for a given ``seed``, and plug into scikit-learn pipelines (``fit`` returns ``self``, ``transform`` gives the
unit × topic matrix, learned attributes end in ``_``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .errors import UnionCorpusError, UnknownOptionError
from .segment import Segmenter

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ModelVersionError", "TopicModel", "corpus_fingerprint", "select_topics", "topic_diversity"]

ENGINES = ("lda", "nmf")


class ModelVersionError(UnionCorpusError, ValueError):
    """A saved model was made with other library versions than the ones installed."""


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    """Analyzer for pre-tokenised input (a module-level function, so fitted vectorizers pickle)."""
    return tokens


def _tokens(docs: Iterable[str | Sequence[str]], tokenizer: Segmenter | None) -> list[list[str]]:
    from .themes import analysis_segmenter

    seg = tokenizer or analysis_segmenter()
    return [list(d) if not isinstance(d, str) else [t for t in seg(d) if len(t) >= 2] for d in docs]


def corpus_fingerprint(token_lists: Sequence[Sequence[str]]) -> str:
    """A short hash of the training units, to tell which corpus a saved model was fitted on."""
    h = hashlib.sha1()
    for toks in token_lists:
        h.update(" ".join(toks).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


class TopicModel(TransformerMixin, BaseEstimator):
    """A topic model over plans, sections or paragraphs.

    Args:
        engine: ``"lda"`` (gensim LdaModel) or ``"nmf"`` (scikit-learn NMF on TF-IDF).
        n_topics: number of topics K.
        seed: random seed; the same data, parameters and seed give the same model.
        min_df: drop terms in fewer units than this.
        max_df: drop terms in more than this share of units.
        passes: LDA passes over the corpus.
        tokenizer: a :class:`Segmenter` for raw texts (default: the analysis segmenter).

    Attributes:
        vocabulary_: the terms, in column order of ``components_``.
        components_: topic × term weights (rows sum to 1 for LDA).
        corpus_fingerprint_: hash of the training units.
        n_units_: number of training units.

    >>> TopicModel(engine="nmf", n_topics=3, seed=0).fit(texts).top_words(5)  # doctest: +SKIP
    """

    def __init__(
        self,
        engine: str = "lda",
        n_topics: int = 10,
        *,
        seed: int = 0,
        min_df: int = 2,
        max_df: float = 0.9,
        passes: int = 10,
        tokenizer: Segmenter | None = None,
    ) -> None:
        self.engine = engine
        self.n_topics = n_topics
        self.seed = seed
        self.min_df = min_df
        self.max_df = max_df
        self.passes = passes
        self.tokenizer = tokenizer

    def _check_params(self) -> None:
        if self.engine not in ENGINES:
            raise UnknownOptionError("engine", self.engine, ENGINES)
        if not isinstance(self.n_topics, int | np.integer) or self.n_topics < 1:
            raise UnknownOptionError("n_topics", self.n_topics, ["an integer >= 1"])

    def fit(self, X: Iterable[str | Sequence[str]], y: Any = None) -> TopicModel:
        self._check_params()
        tokens = _tokens(X, self.tokenizer)
        if not tokens:
            raise UnionCorpusError("TopicModel.fit needs at least one unit")
        self.n_units_ = len(tokens)
        self.corpus_fingerprint_ = corpus_fingerprint(tokens)
        max_df = self.max_df if len(tokens) > 2 else 1.0
        min_df = min(self.min_df, max(1, len(tokens) // 2))
        if self.engine == "lda":
            from gensim.corpora import Dictionary
            from gensim.models import LdaModel

            dictionary = Dictionary(tokens)
            dictionary.filter_extremes(no_below=min_df, no_above=max_df, keep_n=None)
            if len(dictionary) == 0:
                dictionary = Dictionary(tokens)
            bows = [dictionary.doc2bow(t) for t in tokens]
            self.model_ = LdaModel(
                bows,
                id2word=dictionary,
                num_topics=self.n_topics,
                random_state=self.seed,
                passes=self.passes,
                iterations=100,
                alpha="auto",
                eta="auto",
                minimum_probability=0.0,
            )
            self.dictionary_ = dictionary
            self.vocabulary_ = np.array([dictionary[i] for i in range(len(dictionary))], dtype=object)
            self.components_ = self.model_.get_topics()
        else:
            from sklearn.decomposition import NMF
            from sklearn.feature_extraction.text import TfidfVectorizer

            vec = TfidfVectorizer(analyzer=_identity, min_df=min_df, max_df=max_df, sublinear_tf=True)
            try:
                matrix = vec.fit_transform(tokens)
            except ValueError:  # every term pruned: keep them all
                vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
                matrix = vec.fit_transform(tokens)
            k = min(self.n_topics, min(matrix.shape))
            self.model_ = NMF(n_components=k, init="nndsvda", random_state=self.seed, max_iter=500).fit(
                matrix
            )
            self.vectorizer_ = vec
            self.vocabulary_ = vec.get_feature_names_out().astype(object)
            self.components_ = self.model_.components_
        return self

    def transform(self, X: Iterable[str | Sequence[str]]) -> np.ndarray:
        """Unit × topic weights (rows sum to 1)."""
        tokens = _tokens(X, self.tokenizer)
        if self.engine == "lda":
            out = np.zeros((len(tokens), self.model_.num_topics))
            for i, t in enumerate(tokens):
                for k, p in self.model_.get_document_topics(
                    self.dictionary_.doc2bow(t), minimum_probability=0.0
                ):
                    out[i, k] = p
        else:
            out = self.model_.transform(self.vectorizer_.transform(tokens))
        sums = out.sum(axis=1, keepdims=True)
        return np.divide(out, sums, out=np.zeros_like(out), where=sums > 0)

    def top_words(self, n: int = 10) -> list[list[str]]:
        """The ``n`` highest-weighted terms of each topic."""
        order = np.argsort(-self.components_, axis=1, kind="stable")[:, :n]
        return [[str(self.vocabulary_[j]) for j in row] for row in order]

    # -- persistence ----------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Save to a folder: ``model.joblib`` and ``meta.json`` (parameters, lexicon and corpus fingerprints,
        library versions)."""
        import joblib

        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, folder / "model.joblib")
        seg = self.tokenizer or _default_tokenizer()
        meta = {
            "params": {k: v for k, v in self.get_params().items() if k != "tokenizer"},
            "lexicon_fingerprint": seg.fingerprint,
            "corpus_fingerprint": self.corpus_fingerprint_,
            "n_units": self.n_units_,
            "top_words": self.top_words(10),
            "versions": _versions(),
        }
        (folder / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return folder

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TopicModel:
        """Load a saved model; fails clearly when it was made with other library versions."""
        import joblib

        folder = Path(path)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        now = _versions()
        diff = {k: (v, now.get(k)) for k, v in meta["versions"].items() if now.get(k) != v}
        if diff:
            details = ", ".join(f"{k} {a} (now {b})" for k, (a, b) in diff.items())
            raise ModelVersionError(
                f"{folder} was saved with {details}; retrain it with scripts/train_topics.py"
            )
        model = joblib.load(folder / "model.joblib")
        if not isinstance(model, cls):
            raise UnionCorpusError(f"{folder}/model.joblib is not a TopicModel")
        return model


def _default_tokenizer() -> Segmenter:
    from .themes import analysis_segmenter

    return analysis_segmenter()


def check_versions(saved: dict[str, str], what: str, remedy: str) -> None:
    """Raise :class:`ModelVersionError` when ``saved`` library versions differ from the installed ones."""
    now = _versions()
    diff = {k: (v, now.get(k)) for k, v in saved.items() if now.get(k) != v}
    if diff:
        details = ", ".join(f"{k} {a} (now {b})" for k, (a, b) in diff.items())
        raise ModelVersionError(f"{what} {details}; {remedy}")


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    return {name: md.version(name) for name in ("unioncorpus", "gensim", "scikit-learn", "numpy", "jieba")}


def topic_diversity(top_words: Sequence[Sequence[str]]) -> float:
    """Share of distinct words among all topics' top words (1.0: no topic repeats another's words)."""
    words = [w for topic in top_words for w in topic]
    return len(set(words)) / len(words) if words else 0.0


def _stability(runs: Sequence[Sequence[Sequence[str]]]) -> float:
    """Mean over seed pairs of the best-match Jaccard similarity between their topics' top words."""
    scores = []
    for a, b in itertools.combinations(runs, 2):
        sets_b = [set(t) for t in b]
        for topic in a:
            sa = set(topic)
            scores.append(max(len(sa & sb) / len(sa | sb) for sb in sets_b) if sets_b else 0.0)
    return float(np.mean(scores)) if scores else 1.0


def select_topics(
    units: Iterable[str | Sequence[str]],
    *,
    k_range: Iterable[int] = range(3, 11),
    engine: str = "lda",
    seeds: Sequence[int] = (0, 1, 2),
    top_n: int = 10,
    tokenizer: Segmenter | None = None,
    show_progress: bool = False,
) -> pd.DataFrame:
    """Fit each K with several seeds and report coherence, diversity and stability.

    Columns: ``k``, ``npmi`` and ``c_v`` (gensim CoherenceModel over the units, top ``top_n`` words,
    ``processes=1``), ``diversity`` (distinct share of top words), ``stability`` (best-match Jaccard of top
    words across seeds), each averaged over seeds, and ``recommended`` (True on one row): the K with the
    highest NPMI among those whose stability and diversity are at least 0.5, falling back to the highest NPMI.
    """
    import pandas as pd
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    tokens = _tokens(units, tokenizer)
    dictionary = Dictionary(tokens)
    ks = list(k_range)
    iterator: Iterable[int] = ks
    if show_progress:
        from tqdm.auto import tqdm

        iterator = tqdm(ks, desc="choosing K", unit="K")
    rows = []
    for k in iterator:
        runs, npmi, cv = [], [], []
        for seed in seeds:
            model = TopicModel(engine, k, seed=seed, tokenizer=tokenizer).fit(tokens)
            topics = [[w for w in t if w in dictionary.token2id] for t in model.top_words(top_n)]
            topics = [t for t in topics if len(t) >= 2]
            runs.append(topics)
            for measure, sink in (("c_npmi", npmi), ("c_v", cv)):
                cm = CoherenceModel(topics=topics, texts=tokens, dictionary=dictionary, coherence=measure,
                                    topn=top_n, processes=1)  # fmt: skip
                sink.append(float(np.nan_to_num(cm.get_coherence())))
        rows.append({
            "k": k,
            "npmi": round(float(np.mean(npmi)), 4),
            "c_v": round(float(np.mean(cv)), 4),
            "diversity": round(float(np.mean([topic_diversity(r) for r in runs])), 4),
            "stability": round(_stability(runs), 4),
        })  # fmt: skip
    table = pd.DataFrame(rows)
    ok = table[(table["stability"] >= 0.5) & (table["diversity"] >= 0.5)]
    pool = ok if len(ok) else table
    best = pool.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"]
    table["recommended"] = table["k"] == best
    table.attrs["recommended_k"] = int(best)
    return table


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
    k = n_topics or int(min(10, max(2, round(len(us) ** 0.5 / 2))))
    model = TopicModel(engine, k, seed=seed).fit([u.text for u in us])
    theta = model.transform([u.text for u in us])
    rows = [
        {"unit_id": u.id, "doc_id": u.doc_id, "source": u.source, "kind": u.kind, "start_line": u.start_line,
         "end_line": u.end_line, "topic": t, "weight": round(float(theta[i, t]), 6)}
        for i, u in enumerate(us)
        for t in range(theta.shape[1])
    ]  # fmt: skip
    words = pd.DataFrame(
        {"topic": range(len(model.top_words(top_n))), "words": [" ".join(w) for w in model.top_words(top_n)]}
    )
    return pd.DataFrame(rows, columns=cols), words
