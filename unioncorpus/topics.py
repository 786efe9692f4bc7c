"""Topic models with the scikit-learn estimator contract, and coherence-checked choice of K.

``TopicModel(engine=...)``: ``"lda"`` wraps gensim's ``LdaModel`` (the reference), ``"tomotopy"`` tomotopy's
Gibbs-sampling ``LDAModel`` (the fast engine, an optional extra: ``pip install "unioncorpus[fast]"``),
``"nmf"`` scikit-learn's ``NMF`` over TF-IDF, and ``"auto"`` tomotopy when installed, else gensim. Every
engine takes a :class:`~unioncorpus.Corpus`, Documents, Units, raw texts (segmented by the analysis
segmenter) or pre-tokenised lists, is deterministic for a given ``seed``, and plugs into scikit-learn
pipelines (``fit`` returns ``self``, ``transform`` gives the unit × topic matrix, learned values end in ``_``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._extras import require

require("topics", "topic models")

from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin  # noqa: E402
from sklearn.utils.validation import check_is_fitted  # noqa: E402

from .errors import UnionCorpusError, UnknownOptionError  # noqa: E402
from .segment import Segmenter  # noqa: E402

if TYPE_CHECKING:
    from .themes import Analysable

__all__ = ["ModelVersionError", "TopicModel", "corpus_fingerprint"]

ENGINES = ("lda", "tomotopy", "nmf")


class ModelVersionError(UnionCorpusError, ValueError):
    """A saved model was made with other library versions than the ones installed."""


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    """Analyzer for pre-tokenised input (a module-level function, so fitted vectorizers pickle)."""
    return tokens


def _tokens(
    docs: Analysable | Iterable[Sequence[str]], tokenizer: Segmenter | None, unit: str = "document"
) -> list[list[str]]:
    """Token lists of anything the analysis functions take; pre-tokenised lists pass through."""
    from .themes import analysis_segmenter, as_units

    if isinstance(docs, str | bytes):
        raise TypeError("got one string; pass a list of texts (or a Corpus, Documents or Units)")
    items = docs if isinstance(docs, list) else list(docs) if not hasattr(docs, "tolist") else docs.tolist()
    if items and all(isinstance(d, list | tuple) for d in items):
        return [list(map(str, d)) for d in items]
    seg = tokenizer or analysis_segmenter()
    # one string object per distinct token: the engine gives a new one for every occurrence, and at 10,000
    # plans three million of them held 500 MB
    same: dict[str, str] = {}
    return [[same.setdefault(t, t) for t in seg(u.text) if len(t) >= 2] for u in as_units(items, unit=unit)]


def corpus_fingerprint(token_lists: Sequence[Sequence[str]]) -> str:
    """A short hash of the training units, to tell which corpus a saved model was fitted on."""
    h = hashlib.sha1()
    for toks in token_lists:
        h.update(" ".join(toks).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def resolve_engine(engine: str) -> str:
    """``"auto"``: tomotopy when installed, else gensim's LDA; other names are checked and returned."""
    if engine == "auto":
        return "tomotopy" if importlib.util.find_spec("tomotopy") else "lda"
    if engine not in ENGINES:
        raise UnknownOptionError("engine", engine, ("auto", *ENGINES))
    if engine == "tomotopy" and importlib.util.find_spec("tomotopy") is None:
        require("fast", 'engine="tomotopy"')
    return engine


def _prune(tokens: list[list[str]], min_df: int, max_df: float) -> list[list[str]]:
    """Keep terms in at least ``min_df`` units and at most ``max_df`` (share) of them — the same
    vocabulary for every engine."""
    df = Counter(t for toks in tokens for t in set(toks))
    limit = max_df * len(tokens)
    keep = {t for t, n in df.items() if n >= min_df and n <= limit}
    return [[t for t in toks if t in keep] for toks in tokens]


def _shares(weights: np.ndarray) -> np.ndarray:
    """Each row divided by its sum (a row of zeros stays zeros)."""
    sums = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, sums, out=np.zeros_like(weights, dtype=np.float64), where=sums > 0)


class TopicModel(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """A topic model over plans, sections or paragraphs.

    Args:
        engine: ``"auto"`` (tomotopy when installed, else gensim), ``"lda"`` (gensim LdaModel),
            ``"tomotopy"`` (tomotopy LDAModel, Gibbs sampling) or ``"nmf"`` (scikit-learn NMF on TF-IDF).
        n_topics: number of topics K.
        seed: random seed; the same data, parameters and seed give the same model.
        min_df: drop terms in fewer units than this.
        max_df: drop terms in more than this share of units.
        passes: gensim LDA: passes over the corpus.
        sweeps: tomotopy: Gibbs-sampling sweeps over the corpus.
        tokenizer: a :class:`Segmenter` for raw texts (default: the analysis segmenter).
        unit: how a Corpus or Documents given to ``fit``/``transform`` are cut: ``"document"``, ``"section"``
            or ``"paragraph"``.

    Parameters are checked at ``fit`` and never changed: when ``min_df``/``max_df`` leave no term, or NMF is
    asked for more topics than the data has units or terms, ``fit`` says so instead of quietly using others.

    Attributes:
        engine_: the engine used (``"auto"`` resolved).
        vocabulary_: the terms, in column order of ``components_``.
        components_: topic × term weights (rows sum to 1 for LDA).
        corpus_fingerprint_: hash of the training units.
        n_units_: number of training units.

    >>> TopicModel(engine="nmf", n_topics=3, seed=0).fit(texts).top_words(5)  # doctest: +SKIP
    """

    def __init__(
        self,
        engine: str = "auto",
        n_topics: int = 10,
        *,
        seed: int = 0,
        min_df: int = 2,
        max_df: float = 0.9,
        passes: int = 10,
        sweeps: int = 300,
        tokenizer: Segmenter | None = None,
        unit: str = "document",
    ) -> None:
        self.engine = engine
        self.n_topics = n_topics
        self.seed = seed
        self.min_df = min_df
        self.max_df = max_df
        self.passes = passes
        self.sweeps = sweeps
        self.tokenizer = tokenizer
        self.unit = unit

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Input is text: a list of strings (or token lists, Documents, Units), never a numeric matrix.
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags

    def _check_params(self) -> str:
        engine = resolve_engine(self.engine)
        if not isinstance(self.n_topics, int | np.integer) or self.n_topics < 1:
            raise UnknownOptionError("n_topics", self.n_topics, ["an integer >= 1"])
        if not isinstance(self.min_df, int | np.integer) or self.min_df < 1:
            raise UnknownOptionError("min_df", self.min_df, ["an integer >= 1"])
        if not 0 < self.max_df <= 1:
            raise UnknownOptionError("max_df", self.max_df, ["a share in (0, 1]"])
        return engine

    def fit(self, X: Analysable | Iterable[Sequence[str]], y: Any = None) -> TopicModel:
        self._fit(X)
        return self

    def fit_transform(
        self, X: Analysable | Iterable[Sequence[str]], y: Any = None, **params: Any
    ) -> np.ndarray:
        """``fit(X).transform(X)``, the units segmented once and (NMF) their TF-IDF matrix made once: over a
        fixed vocabulary it is the fitted matrix, terms outside it not counted either way."""
        tokens, matrix = self._fit(X)
        if matrix is None:
            return self.transform(tokens)
        return _shares(self.model_.transform(matrix))

    def _fit(self, X: Analysable | Iterable[Sequence[str]]) -> tuple[list[list[str]], Any]:
        """Fit; return the units' tokens and the matrix the engine was fitted on (NMF; else None)."""
        engine = self._check_params()
        tokens = _tokens(X, self.tokenizer, self.unit)
        if not tokens:
            raise UnionCorpusError("TopicModel.fit needs at least one unit")
        pruned = _prune(tokens, self.min_df, self.max_df)
        vocab = sorted({t for toks in pruned for t in toks})
        if not vocab:
            raise UnionCorpusError(
                f"min_df={self.min_df} and max_df={self.max_df} leave no term in these {len(tokens)} units; "
                "lower min_df or raise max_df"
            )
        self.engine_ = engine
        self.n_units_ = len(tokens)
        self.corpus_fingerprint_ = corpus_fingerprint(tokens)
        matrix = getattr(self, f"_fit_{engine}")(pruned, vocab)
        self._n_features_out = self.components_.shape[0]
        return tokens, matrix

    def _fit_lda(self, pruned: list[list[str]], vocab: list[str]) -> None:
        from gensim.corpora import Dictionary
        from gensim.models import LdaModel

        dictionary = Dictionary([vocab])  # ids in sorted order: the same columns on every run
        bows = [dictionary.doc2bow(t) for t in pruned]
        self.model_ = LdaModel(bows, id2word=dictionary, num_topics=self.n_topics, random_state=self.seed,
                               passes=self.passes, iterations=100, alpha="auto", eta="auto",
                               minimum_probability=0.0)  # fmt: skip
        self.dictionary_ = dictionary
        self.vocabulary_ = np.array(vocab, dtype=object)
        self.components_ = self.model_.get_topics()

    def _fit_tomotopy(self, pruned: list[list[str]], vocab: list[str]) -> None:
        import tomotopy as tp

        # Priors of Gibbs-sampling LDA as MALLET sets them (document-topic prior summing to 5, optimised
        # every 10 sweeps) and Griffiths & Steyvers' topic-word prior 0.1: smoother topics, which agree
        # better between subsamples of a small corpus than tomotopy's defaults (0.1 / 0.01).
        model = tp.LDAModel(k=self.n_topics, seed=self.seed, alpha=5.0 / self.n_topics, eta=0.1)
        for toks in pruned:
            if toks:  # tomotopy rejects empty documents
                model.add_doc(toks)
        # one worker: tomotopy's parallel samplers do not give the same model twice
        model.train(self.sweeps, workers=1)
        used = list(model.used_vocabs)
        order = np.argsort(np.array(used, dtype=object), kind="stable")
        dist = np.array([model.get_topic_word_dist(k) for k in range(model.k)], dtype=np.float64)
        self.model_ = model
        self.vocabulary_ = np.array(used, dtype=object)[order]
        self.components_ = dist[:, order]

    def _fit_nmf(self, pruned: list[list[str]], vocab: list[str]) -> Any:
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer=_identity, vocabulary=vocab, sublinear_tf=True)
        matrix = vec.fit_transform(pruned)
        if self.n_topics > min(matrix.shape):
            raise UnionCorpusError(
                f"NMF cannot find n_topics={self.n_topics} topics in {matrix.shape[0]} units with "
                f"{matrix.shape[1]} terms; ask for at most {min(matrix.shape)}"
            )
        self.model_ = NMF(n_components=self.n_topics, init="nndsvda", random_state=self.seed, max_iter=500)
        self.model_.fit(matrix)
        self.vectorizer_ = vec
        self.vocabulary_ = np.array(vocab, dtype=object)
        self.components_ = self.model_.components_
        return matrix

    def transform(self, X: Analysable | Iterable[Sequence[str]]) -> np.ndarray:
        """Unit × topic weights (rows sum to 1; a unit with no known term gets a row of zeros)."""
        check_is_fitted(self, "components_")
        tokens = _tokens(X, self.tokenizer, self.unit)
        k = self.components_.shape[0]
        if self.engine_ == "nmf":
            out = self.model_.transform(self.vectorizer_.transform(tokens)) if tokens else np.zeros((0, k))
        else:
            out = np.zeros((len(tokens), k))
            known = set(self.vocabulary_.tolist())
            if self.engine_ == "lda":
                # gensim starts each document's inference from its random state: reset it, so the same
                # input gives the same output on every call (and after pickling)
                self.model_.random_state = np.random.RandomState(self.seed)
            for i, toks in enumerate(tokens):
                toks = [t for t in toks if t in known]
                if not toks:
                    continue
                if self.engine_ == "lda":
                    for t, p in self.model_.get_document_topics(
                        self.dictionary_.doc2bow(toks), minimum_probability=0.0
                    ):
                        out[i, t] = p
                else:
                    out[i] = self.model_.infer(self.model_.make_doc(toks), workers=1)[0]
        return _shares(out)

    def top_words(self, n: int = 10) -> list[list[str]]:
        """The ``n`` highest-weighted terms of each topic."""
        check_is_fitted(self, "components_")
        order = np.argsort(-self.components_, axis=1, kind="stable")[:, :n]
        return [[str(self.vocabulary_[j]) for j in row] for row in order]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state.get("engine_") == "tomotopy" and "model_" in state:
            state["model_"] = state["model_"].saves(full=True)  # tomotopy models pickle as their own bytes
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("engine_") == "tomotopy" and isinstance(state.get("model_"), bytes):
            import tomotopy as tp

            state = {**state, "model_": tp.LDAModel.loads(state["model_"])}
        self.__dict__.update(state)

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
            "versions": _versions(("tomotopy",) if self.engine_ == "tomotopy" else ()),
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
        check_versions(
            meta["versions"], f"{folder} was saved with", "retrain it with scripts/train_topics.py"
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
    now = _versions(tuple(saved))
    diff = {k: (v, now.get(k)) for k, v in saved.items() if now.get(k) != v}
    if diff:
        details = ", ".join(f"{k} {a} (now {b})" for k, (a, b) in diff.items())
        raise ModelVersionError(f"{what} {details}; {remedy}")


def _versions(extra: Sequence[str] = ()) -> dict[str, str | None]:
    """Installed versions of the libraries a saved model depends on (None: not installed)."""
    import importlib.metadata as md

    names = dict.fromkeys(["unioncorpus", "gensim", "scikit-learn", "numpy", "jieba", *extra])
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = None
    return out


def __getattr__(name: str):
    # select_topics and its measures live in topic_selection; they stay reachable from here
    if name in ("npmi", "select_topics", "topic_diversity", "topic_stability", "unit_topics"):
        from . import topic_selection

        return getattr(topic_selection, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
