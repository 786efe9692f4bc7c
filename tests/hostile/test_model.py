"""--model never runs code: a saved classifier is arrays and JSON; a pickle is refused unless trusted."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from unioncorpus.cli import main
from unioncorpus.errors import OptionFileError
from unioncorpus.learn import load_model, save_model, train

from ..conftest import CORPUS, DATA

TEXTS = [
    (CORPUS / "04_vocational_plan.md").read_text(encoding="utf-8"),
    (CORPUS / "09_primary_plan_copy_a.txt").read_text(encoding="utf-8"),
    (CORPUS / "08_enterprise_union_plan.txt").read_text(encoding="utf-8"),
    (DATA / "whole_school_plan.txt").read_text(encoding="utf-8"),
    (DATA / "schedule_forms.txt").read_text(encoding="utf-8"),
    "学校教学工作计划：抓好课堂教学，提高教学质量，做好期中考试和家长会。",
]
LABELS = ["union", "union", "union", "school", "school", "school"]


class _Payload:
    """What an attacker puts in a pickle: code that runs while the file is read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    pipe, _ = train(TEXTS, LABELS)
    path = save_model(pipe, tmp_path_factory.mktemp("m") / "genre.npz")
    return path


def test_round_trip_gives_the_same_probabilities(model: Path) -> None:
    pipe, _ = train(TEXTS, LABELS)
    loaded = load_model(model)
    assert list(loaded.classes_) == ["school", "union"]
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), pipe.predict_proba(TEXTS))
    with np.load(model, allow_pickle=False) as z:  # nothing in the file needs pickle
        assert sorted(z.files) == ["coef", "idf", "intercept", "meta_json", "vocabulary"]


def test_three_classes_round_trip(tmp_path: Path) -> None:
    labels = ["a", "a", "b", "b", "c", "c"]
    pipe, _ = train(TEXTS, labels)
    loaded = load_model(save_model(pipe, tmp_path / "m.npz"))
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), pipe.predict_proba(TEXTS))


def test_a_pickle_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    evil = tmp_path / "genre.joblib"
    evil.write_bytes(pickle.dumps({"kind": "unioncorpus-classifier", "x": _Payload(marker)}))
    with pytest.raises(OptionFileError, match="--trust-model"):
        load_model(evil)
    result = CliRunner().invoke(
        main, ["classify", str(CORPUS), "--out", str(tmp_path / "o"), "--model", str(evil)]
    )
    assert result.exit_code == 1 and "runs any code" in result.output and "Traceback" not in result.output
    assert not marker.exists() and not (tmp_path / "o").exists()
    # The user's explicit trust loads the pickle (and so runs it): that is what the flag says.
    with pytest.raises(Exception):  # noqa: B017 - the payload is not a pipeline
        load_model(evil, trust_pickle=True)
    assert marker.exists()


def _npz(path: Path, **arrays) -> Path:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize(
    "case",
    [
        "object_array",
        "missing_member",
        "extra_member",
        "bad_json",
        "wrong_format",
        "shapes",
        "not_zip",
        "bomb",
    ],
)
def test_malformed_model_files_are_clear_errors(case: str, model: Path, tmp_path: Path, monkeypatch) -> None:
    with np.load(model, allow_pickle=False) as z:
        parts = {k: z[k] for k in z.files}
    meta = json.loads(parts["meta_json"].tobytes())
    path = tmp_path / "bad.npz"
    if case == "object_array":
        _npz(path, **{**parts, "vocabulary": np.array([_Payload(tmp_path / "m")], dtype=object)})
    elif case == "missing_member":
        _npz(path, **{k: v for k, v in parts.items() if k != "idf"})
    elif case == "extra_member":
        _npz(path, **parts, extra=np.zeros(1))
    elif case == "bad_json":
        _npz(path, **{**parts, "meta_json": np.frombuffer(b"{not json", dtype=np.uint8)})
    elif case == "wrong_format":
        meta["format"] = "something-else"
        _npz(path, **{**parts, "meta_json": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)})
    elif case == "shapes":
        _npz(path, **{**parts, "idf": parts["idf"][:-1]})
    elif case == "not_zip":
        path.write_bytes(b"PK\x03\x04 truncated")
    else:  # members that expand far beyond what a model needs (here: beyond a lowered limit)
        import unioncorpus.learn as learn

        monkeypatch.setattr(learn, "MAX_MODEL_BYTES", 1000)
        _npz(path, **parts)
    with pytest.raises(OptionFileError, match=r"bad\.npz.*not a classifier"):
        load_model(path)
    assert not (tmp_path / "m").exists()
    result = CliRunner().invoke(
        main, ["classify", str(CORPUS), "--out", str(tmp_path / "o"), "--model", str(path)]
    )
    assert result.exit_code == 1 and "bad.npz" in result.output and "Traceback" not in result.output
