from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.pipeline import make_pipeline

import unioncorpus as uc
from unioncorpus.errors import UnknownOptionError
from unioncorpus.themes import units
from unioncorpus.topics import ModelVersionError, TopicModel, select_topics, topic_diversity

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [
        u.text for u in units(uc.load(CORPUS), unit="section") if u.kind in ("key_work", "monthly_schedule")
    ]


@pytest.mark.parametrize("engine", ["lda", "nmf"])
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
    assert {"npmi", "c_v", "diversity", "stability", "recommended"} <= set(table.columns)
    assert table["recommended"].sum() == 1
    assert table.attrs["recommended_k"] in (2, 3, 4)
    assert table["npmi"].between(-1, 1).all()


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
    assert rebuilt["top_words"] == meta["top_words"]
    assert rebuilt["corpus_fingerprint"] == meta["corpus_fingerprint"]
    assert TopicModel.load(shipped).top_words(10) == meta["top_words"]
