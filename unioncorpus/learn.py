"""A learned classifier of plans: segmenter → TF-IDF → linear model, trained from a labelled CSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnionCorpusError
from .segment import Segmenter

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["load_model", "read_labels", "save_model", "train"]


def read_labels(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A labels CSV: a ``label`` column and either ``path`` (a plan file, relative to the CSV) or ``text``."""
    import pandas as pd

    from .corpus import extract

    table = pd.read_csv(path, encoding="utf-8-sig")
    if "label" not in table.columns or not ({"path", "text"} & set(table.columns)):
        raise UnionCorpusError(
            f"{path}: needs a 'label' column and a 'path' or 'text' column; has {list(table.columns)}"
        )
    texts = []
    base = Path(path).parent
    for row in table.itertuples():
        text = getattr(row, "text", None)
        if not isinstance(text, str) or not text.strip():
            file = Path(str(row.path))
            file = file if file.is_absolute() else base / file
            corpus = extract([file])
            if corpus.failures:
                raise UnionCorpusError(f"{path}: cannot read {file}: {corpus.failures[0].detail}")
            text = "\n".join(d.text for d in corpus)
        texts.append(text)
    return pd.DataFrame({"text": texts, "label": table["label"].astype(str)})


def train(texts: list[str], labels: list[str], *, seed: int = 0, folds: int = 5) -> tuple[Pipeline, str]:
    """Fit the pipeline and return it with a cross-validated classification report."""
    from ._extras import require

    require("topics", "training a classifier")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import classification_report
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    seg = Segmenter(stopwords="default", punct=False)
    pipe = make_pipeline(
        TfidfVectorizer(tokenizer=seg, token_pattern=None, lowercase=False, sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, random_state=seed, class_weight="balanced"),
    )
    smallest = min(labels.count(c) for c in set(labels))
    k = min(folds, smallest)
    if k >= 2:
        cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        predicted = cross_val_predict(pipe, texts, labels, cv=cv)
        report = f"{k}-fold cross-validation\n" + classification_report(labels, predicted, zero_division=0)
    else:
        report = "too few examples per label for cross-validation (need 2 of each)"
    pipe.fit(texts, labels)
    return pipe, report


def save_model(pipe: Pipeline, path: str | os.PathLike[str]) -> Path:
    import joblib

    from .topics import _versions

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": pipe, "versions": _versions(), "kind": "unioncorpus-classifier"}, path)
    return path


def load_model(path: str | os.PathLike[str]) -> Pipeline:
    """Load a classifier saved by :func:`save_model`; fails clearly on other library versions."""
    import joblib

    from .topics import ModelVersionError, check_versions

    try:
        bundle = joblib.load(path)
    except FileNotFoundError:
        raise UnionCorpusError(f"{path}: no such model file") from None
    except Exception as e:  # unpickling across versions fails in many ways
        raise ModelVersionError(
            f"{path} cannot be loaded with the installed libraries ({type(e).__name__}: {e}); retrain it"
        ) from None
    if not isinstance(bundle, dict) or bundle.get("kind") != "unioncorpus-classifier":
        raise UnionCorpusError(f"{path} is not a unioncorpus classifier (made by `unioncorpus train`)")
    check_versions(bundle["versions"], f"{path} was trained with", "retrain it with `unioncorpus train`")
    return bundle["pipeline"]
