"""A learned classifier of plans: segmenter → TF-IDF → linear model, trained from a labelled CSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OptionFileError, UnionCorpusError
from .segment import Segmenter

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["load_model", "read_labels", "save_model", "train"]


def read_labels(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A labels CSV: a ``label`` column and either ``path`` (a plan file, relative to the CSV) or ``text``.

    The CSV may be UTF-8 or GBK/GB18030 (what spreadsheet programs in China save).

    Raises:
        OptionFileError: the file is not a CSV, lacks the columns, or a row has no label, no text or a
            plan file that cannot be read; the message names the file and the row.
    """
    import io

    import pandas as pd

    from .corpus import extract
    from .errors import ReadError
    from .ingest import decode_bytes

    try:
        data = Path(path).read_bytes()
        text, _ = decode_bytes(data, source=str(path))
    except ReadError as e:
        raise OptionFileError(path, e.detail) from None
    except IsADirectoryError:
        raise OptionFileError(path, "is a folder, not a labels CSV") from None
    except OSError as e:
        raise OptionFileError(path, f"cannot be read ({e.strerror or e})") from None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as e:
        raise OptionFileError(path, f"is not a readable CSV ({str(e).strip()})") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "label" not in table.columns or not ({"path", "text"} & set(table.columns)):
        raise OptionFileError(
            path, f"needs a 'label' column and a 'path' or 'text' column; it has {list(table.columns)}"
        )
    if table.empty:
        raise OptionFileError(path, "has a header but no rows")
    texts = []
    base = Path(path).parent
    for i, row in enumerate(table.to_dict(orient="records"), start=2):  # row 1 is the header
        label = (row.get("label") or "").strip()
        if not label:
            raise OptionFileError(path, "has no label", key=f"row {i}")
        text = (row.get("text") or "").strip()
        if not text:
            name = (row.get("path") or "").strip()
            if not name:
                raise OptionFileError(path, "has neither a text nor a path", key=f"row {i}")
            file = Path(name)
            file = file if file.is_absolute() else base / file
            if not file.is_file():
                raise OptionFileError(path, f"{file}: no such file", key=f"row {i}")
            corpus = extract([file])
            if corpus.failures:
                raise OptionFileError(
                    path, f"cannot read {file}: {corpus.failures[0].detail}", key=f"row {i}"
                )
            text = "\n".join(d.text for d in corpus)
        texts.append(text)
    labels = table["label"].str.strip()
    if labels.nunique() < 2:
        raise OptionFileError(
            path, f"needs at least two different labels to learn from; it has {sorted(set(labels))}"
        )
    return pd.DataFrame({"text": texts, "label": labels})


def _pipeline(seed: int = 0, segmenter: Segmenter | None = None) -> Pipeline:
    """The classifier's steps, unfitted; :func:`train` fits them and :func:`load_model` refills them."""
    from ._extras import require

    require("topics", "a genre classifier")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    seg = segmenter or Segmenter(stopwords="default", punct=False)
    return make_pipeline(
        TfidfVectorizer(tokenizer=seg, token_pattern=None, lowercase=False, sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, random_state=seed, class_weight="balanced"),
    )


def train(texts: list[str], labels: list[str], *, seed: int = 0, folds: int = 5) -> tuple[Pipeline, str]:
    """Fit the pipeline and return it with a cross-validated classification report."""
    from ._extras import require

    require("topics", "training a classifier")
    from sklearn.metrics import classification_report
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    pipe = _pipeline(seed)
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


# A saved classifier is numbers and words only: parameters in JSON, arrays in .npy members of one .npz
# file, read back with allow_pickle=False. Loading it cannot run code, unlike a pickle (joblib), which runs
# whatever the file says while it is read. (skops was considered: its trust lists would have to include
# our own Segmenter class, and its loaders have had code-execution bugs; this pipeline is small enough to
# store as plain arrays.)
FORMAT = "unioncorpus-classifier/npz-1"
_MEMBERS = {"meta_json", "vocabulary", "idf", "coef", "intercept"}
MAX_MODEL_BYTES = 500_000_000  # uncompressed; far above any real model, far below a decompression bomb


def save_model(pipe: Pipeline, path: str | os.PathLike[str]) -> Path:
    """Save a pipeline made by :func:`train` as a safe ``.npz`` file (no pickle inside).

    Raises:
        UnionCorpusError: the pipeline is not the one :func:`train` makes.
    """
    import json

    import numpy as np

    from ._atomic import atomic_write
    from .topics import _versions

    vec, clf = (step for _, step in pipe.steps)
    seg = vec.tokenizer
    if not isinstance(seg, Segmenter) or not hasattr(clf, "coef_"):
        raise UnionCorpusError("only a fitted pipeline made by unioncorpus.learn.train can be saved")
    terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    meta = {
        "format": FORMAT,
        "versions": _versions(),
        "segmenter": {"engine": seg.engine, "hmm": seg.hmm, "fingerprint": seg.fingerprint},
        "classes": [str(c) for c in clf.classes_],
        "random_state": clf.random_state,
    }
    arrays = {
        "meta_json": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        "vocabulary": np.array(terms, dtype=str),
        "idf": np.asarray(vec.idf_, dtype=np.float64),
        "coef": np.asarray(clf.coef_, dtype=np.float64),
        "intercept": np.asarray(clf.intercept_, dtype=np.float64),
    }
    path = Path(path)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:  # a file object: np.savez would otherwise append ".npz" to the name
            np.savez_compressed(f, **arrays)

    return atomic_write(path, write)


def _not_a_model(path: object, why: str) -> OptionFileError:
    return OptionFileError(path, f"is not a classifier saved by `unioncorpus train` ({why})")


def _read_safe(path: Path) -> dict:
    """The arrays of a saved classifier, checked before anything is built from them."""
    import json
    import zipfile

    import numpy as np

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise _not_a_model(path, "not an .npz file") from None
    names = {i.filename.removesuffix(".npy") for i in infos}
    if names != _MEMBERS:
        raise _not_a_model(path, f"holds {sorted(names)}, expected {sorted(_MEMBERS)}")
    if sum(i.file_size for i in infos) > MAX_MODEL_BYTES:
        raise _not_a_model(path, f"its arrays would take more than {MAX_MODEL_BYTES / 1e6:.0f} MB")
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {name: z[name] for name in _MEMBERS}
        meta = json.loads(arrays.pop("meta_json").tobytes().decode("utf-8"))
    except (ValueError, OSError, UnicodeDecodeError, zipfile.BadZipFile) as e:
        raise _not_a_model(path, f"{type(e).__name__}: {e}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _not_a_model(
            path, f"format {meta.get('format') if isinstance(meta, dict) else None!r}, expected {FORMAT!r}"
        )
    classes, seg = meta.get("classes"), meta.get("segmenter")
    vocab, idf, coef, intercept = (arrays[k] for k in ("vocabulary", "idf", "coef", "intercept"))
    n_rows = 1 if isinstance(classes, list) and len(classes) == 2 else len(classes or [])
    checks = [
        (isinstance(classes, list) and len(classes) >= 2 and all(isinstance(c, str) for c in classes), "classes"),
        (isinstance(seg, dict) and isinstance(seg.get("engine"), str) and isinstance(seg.get("hmm"), bool), "segmenter"),
        (vocab.dtype.kind == "U" and vocab.ndim == 1, "vocabulary"),
        (idf.dtype == np.float64 and idf.shape == vocab.shape, "idf"),
        (coef.dtype == np.float64 and coef.shape == (n_rows, len(vocab)), "coef"),
        (intercept.dtype == np.float64 and intercept.shape == (n_rows,), "intercept"),
    ]  # fmt: skip
    bad = [name for ok, name in checks if not ok]
    if bad:
        raise _not_a_model(path, f"malformed {', '.join(bad)}")
    return {"meta": meta, "vocabulary": vocab, "idf": idf, "coef": coef, "intercept": intercept}


def load_model(path: str | os.PathLike[str], *, trust_pickle: bool = False) -> Pipeline:
    """Load a classifier saved by :func:`save_model`.

    Args:
        path: the ``.npz`` file.
        trust_pickle: also load an older pickled (``.joblib``) model. A pickle runs code while it is
            read: only for files you made yourself.

    Raises:
        OptionFileError: the file is not a saved classifier, or is a pickle and ``trust_pickle`` is off.
        ModelVersionError: it was made with another lexicon or segmenter than the installed one.
    """
    import numpy as np

    from .topics import ModelVersionError

    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except FileNotFoundError:
        raise UnionCorpusError(f"{path}: no such model file") from None
    except OSError as e:
        raise OptionFileError(path, f"cannot be read ({e.strerror or e})") from None
    if not head.startswith(b"PK"):
        if trust_pickle:
            return _load_pickle(path)
        raise OptionFileError(
            path,
            "is not a safe model file: it looks like a pickle (.joblib), and loading a pickle runs any "
            "code inside it. Retrain with `unioncorpus train` (which saves a safe .npz), or, only if you "
            "made this file yourself, pass --trust-model",
        )
    parts = _read_safe(path)
    meta = parts["meta"]
    seg_meta = meta["segmenter"]
    seg = Segmenter(seg_meta["engine"], hmm=seg_meta["hmm"], stopwords="default", punct=False)
    if seg.fingerprint != seg_meta.get("fingerprint"):
        saved = meta.get("versions", {}).get("unioncorpus", "another version")
        raise ModelVersionError(
            f"{path} was trained with another lexicon or stopword list (unioncorpus {saved}); the words would "
            "be cut differently now: retrain it with `unioncorpus train`"
        )
    pipe = _pipeline(int(meta.get("random_state") or 0), segmenter=seg)
    vec, clf = (step for _, step in pipe.steps)
    vec.vocabulary_ = {str(t): i for i, t in enumerate(parts["vocabulary"])}
    vec.idf_ = parts["idf"]
    clf.classes_ = np.array(meta["classes"])
    clf.coef_ = parts["coef"]
    clf.intercept_ = parts["intercept"]
    clf.n_features_in_ = parts["coef"].shape[1]
    return pipe


def _load_pickle(path: Path) -> Pipeline:
    """An older model saved with joblib; the caller has said the file is trusted."""
    import joblib

    from .topics import ModelVersionError, check_versions

    try:
        bundle = joblib.load(path)
    except Exception as e:  # unpickling across versions fails in many ways
        raise ModelVersionError(
            f"{path} cannot be loaded with the installed libraries ({type(e).__name__}: {e}); retrain it"
        ) from None
    if not isinstance(bundle, dict) or bundle.get("kind") != "unioncorpus-classifier":
        raise UnionCorpusError(f"{path} is not a unioncorpus classifier (made by `unioncorpus train`)")
    check_versions(bundle["versions"], f"{path} was trained with", "retrain it with `unioncorpus train`")
    return bundle["pipeline"]
