from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.utils import estimator_checks as checks

import unioncorpus as uc
from unioncorpus.errors import UnionCorpusError, UnknownOptionError
from unioncorpus.themes import units
from unioncorpus.topic_selection import npmi, select_topics, topic_diversity, topic_stability
from unioncorpus.topics import ModelVersionError, TopicModel, _tokens

from .conftest import SHARED, needs_shared

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ENGINES = ["lda", "tomotopy", "nmf"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [
        u.text for u in units(uc.load(CORPUS), unit="section") if u.kind in ("key_work", "monthly_schedule")
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_estimator_contract_and_determinism(texts: list[str], engine: str) -> None:
    model = TopicModel(engine, 4, seed=3)
    assert model.fit(texts) is model
    assert model.components_.shape[0] == 4 and model.components_.shape[1] == len(model.vocabulary_)
    theta = model.transform(texts)
    assert theta.shape == (len(texts), 4)
    assert np.allclose(theta.sum(axis=1)[theta.sum(axis=1) > 0], 1)
    again = TopicModel(engine, 4, seed=3).fit(texts)
    assert again.top_words(10) == model.top_words(10)
    assert np.array_equal(again.transform(texts), theta)
    assert clone(model).get_params() == model.get_params()
    assert model.engine_ == engine
    assert list(model.get_feature_names_out()) == [f"topicmodel{k}" for k in range(4)]
    restored = pickle.loads(pickle.dumps(model))
    assert np.array_equal(restored.transform(texts), theta)
    # fit_transform (NMF: the fitted TF-IDF matrix used again) is fit then transform, to the bit
    fitted = TopicModel(engine, 4, seed=3)
    assert np.array_equal(fitted.fit_transform(texts), theta)
    assert fitted.top_words(10) == model.top_words(10)


def test_check_estimator_passes() -> None:
    """scikit-learn's own checks: text input is declared with tags, so the numeric-matrix checks are skipped
    and the API checks that need no data run here one by one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", checks.SkipTestWarning)
        checks.check_estimator(TopicModel("nmf", 3))
    tags = TopicModel().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array and tags.requires_fit
    name = "TopicModel"
    for check in (checks.check_estimator_cloneable, checks.check_estimator_repr, checks.check_no_attributes_set_in_init,
                  checks.check_get_params_invariance, checks.check_set_params, checks.check_mixin_order,
                  checks.check_parameters_default_constructible, checks.check_do_not_raise_errors_in_init_or_set_params,
                  checks.check_valid_tag_types, checks.check_estimator_tags_renamed):  # fmt: skip
        check(name, TopicModel("nmf", 3))


def test_the_estimator_contract_on_text(texts: list[str]) -> None:
    model = TopicModel("nmf", 3, seed=0)
    with pytest.raises(NotFittedError):
        model.transform(texts)
    with pytest.raises(NotFittedError):
        model.top_words()
    params = model.get_params()
    model.fit(texts)
    assert model.get_params() == params  # nothing overridden
    assert not [k for k in vars(model) if k.endswith("_") and k in params]
    with pytest.raises(TypeError, match="one string"):
        model.transform(texts[0])
    with pytest.raises(UnionCorpusError, match="at most"):
        TopicModel("nmf", 50).fit(texts[:4])
    with pytest.raises(UnionCorpusError, match="leave no term"):
        TopicModel("nmf", 2, min_df=50).fit(texts)
    with pytest.raises(UnknownOptionError, match="max_df"):
        TopicModel("nmf", 2, max_df=0).fit(texts)


def test_fit_takes_a_corpus_units_or_texts() -> None:
    corpus = uc.load(CORPUS)
    docs = units(corpus)
    a = TopicModel("nmf", 3, seed=0).fit(corpus)
    for data in (list(corpus), docs, [u.text for u in docs]):
        b = TopicModel("nmf", 3, seed=0).fit(data)
        assert b.top_words(5) == a.top_words(5) and b.corpus_fingerprint_ == a.corpus_fingerprint_
    sections = TopicModel("nmf", 3, seed=0, unit="section").fit(corpus)
    assert sections.n_units_ == len(units(corpus, unit="section"))
    assert TopicModel("nmf", 3, seed=0).fit(corpus).transform(docs[:2]).shape == (2, 3)


def test_in_a_pipeline(texts: list[str]) -> None:
    pipe = make_pipeline(TopicModel("nmf", 3, seed=0))
    assert pipe.fit_transform(texts).shape == (len(texts), 3)


def test_parameters_checked_at_fit() -> None:
    with pytest.raises(UnknownOptionError, match="engine"):
        TopicModel("plsa").fit(["教代会"])


def test_save_and_load(tmp_path: Path, texts: list[str]) -> None:
    model = TopicModel("lda", 3, seed=0).fit(texts)
    folder = model.save(tmp_path / "lda")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["params"]["n_topics"] == 3 and meta["corpus_fingerprint"] == model.corpus_fingerprint_
    assert len(meta["lexicon_fingerprint"]) == 12
    loaded = TopicModel.load(folder)
    assert np.array_equal(loaded.transform(texts[:3]), model.transform(texts[:3]))
    meta["versions"]["gensim"] = "0.0.1"
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelVersionError, match=r"gensim 0\.0\.1"):
        TopicModel.load(folder)


def test_select_topics(texts: list[str]) -> None:
    table = select_topics(texts, k_range=[2, 3, 4], engine="nmf", seeds=(0, 1))
    assert list(table["k"]) == [2, 3, 4]
    assert {"npmi", "diversity", "stability", "recommended"} <= set(table.columns)
    assert table["recommended"].sum() == 1
    assert table.attrs["recommended_k"] in (2, 3, 4) and table.attrs["engine"] == "nmf"
    assert table["npmi"].between(-1, 1).all()
    # NMF does not depend on the seed: stability comes from the subsamples, so it is not trivially 1.0
    assert (table["stability"] < 1).any()
    assert select_topics(uc.load(CORPUS), k_range=[2], engine="nmf", seeds=(0, 1)).attrs["recommended_k"] == 2


def test_npmi_is_gensims_c_npmi_over_whole_units(texts: list[str]) -> None:
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    tokens = _tokens(texts, None)
    topics = [["教代会", "校务公开", "民主管理", "提案"], ["慰问", "困难", "帮扶"], ["教代会", "慰问"]]
    gensim = CoherenceModel(topics=topics, texts=tokens, dictionary=Dictionary(tokens), coherence="c_npmi",
                            window_size=max(map(len, tokens)) + 1, processes=1).get_coherence()  # fmt: skip
    assert npmi(topics, tokens) == pytest.approx(gensim, abs=1e-9)


def test_topic_stability() -> None:
    a = [["教代会", "提案", "民主"], ["慰问", "帮扶", "困难"]]
    assert topic_stability([a, a[::-1]]) == 1.0  # matched one to one, whatever the order
    assert topic_stability([a, [a[0], a[0]]]) == pytest.approx(0.5)  # one topic cannot match two


@needs_shared()
def test_select_topics_on_real_plans_recommends_a_coherent_stable_k() -> None:
    corpus = uc.load([SHARED / "seeds", SHARED / "pages" / "raw"])
    kinds = ("key_work", "monthly_schedule", "guiding_ideology", "measures", "goals")
    table = select_topics(uc.units(corpus, unit="section", kinds=kinds), k_range=range(2, 9))
    best = table[table["recommended"]].iloc[0]
    assert table.attrs["rule_met"] and best["stability"] >= 0.4 and best["diversity"] >= 0.5
    assert best["npmi"] > 0
    words = {
        w
        for r in TopicModel(n_topics=int(best["k"]))
        .fit(uc.units(corpus, unit="section", kinds=kinds))
        .top_words(10)
        for w in r
    }
    assert not {w for w in words if w in ("以党", "一是", "二月份", "一次", "三个")}


def test_topic_diversity() -> None:
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert topic_diversity([["a", "b"], ["a", "b"]]) == 0.5


@pytest.mark.parametrize("engine", ["lda", "nmf"])
def test_shipped_models_are_what_the_script_builds(tmp_path: Path, engine: str) -> None:
    import sys

    root = CORPUS.parent
    shipped = root / "models" / f"topics_{engine}_key_work"
    meta = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))
    from unioncorpus.topics import _versions

    if meta["versions"] != _versions():
        pytest.skip(f"shipped model made with {meta['versions']}; rebuild with scripts/train_topics.py")
    sys.path.insert(0, str(root / "scripts"))
    import train_topics

    train_topics.train(CORPUS, tmp_path, k=meta["params"]["n_topics"])
    rebuilt = json.loads((tmp_path / f"topics_{engine}_key_work" / "meta.json").read_text(encoding="utf-8"))
    assert rebuilt["corpus_fingerprint"] == meta["corpus_fingerprint"]
    ours, theirs = TopicModel.load(tmp_path / f"topics_{engine}_key_work"), TopicModel.load(shipped)
    assert np.array_equal(ours.vocabulary_, theirs.vocabulary_)
    # OpenBLAS picks its kernels by CPU, so float32 weights differ in the last bits between machines (3e-8 seen
    # between an Intel and an AMD host): the weights agree to 1e-6, and the top words are the same words but
    # for the order of those whose weights tie
    np.testing.assert_allclose(ours.components_, theirs.components_, rtol=0, atol=1e-6)
    column = {w: j for j, w in enumerate(theirs.vocabulary_)}
    for row, got, want in zip(theirs.components_, rebuilt["top_words"], meta["top_words"], strict=True):
        np.testing.assert_allclose([row[column[w]] for w in got], [row[column[w]] for w in want], atol=1e-6)
    assert TopicModel.load(shipped).top_words(10) == meta["top_words"]
