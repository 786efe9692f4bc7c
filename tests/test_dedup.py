from __future__ import annotations

import numpy as np
import pytest

import unioncorpus as uc
from unioncorpus import dedup
from unioncorpus.errors import UnknownOptionError
from unioncorpus.model import Document, Line

from .conftest import CORPUS, SHARED, needs_shared


def doc(doc_id: str, *lines: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", [Line(i, t) for i, t in enumerate(lines, 1)])


def test_clean_text_drops_punctuation_numbering_and_placeholders() -> None:
    text, lines, cols = dedup.clean_text(
        doc("a", "一、指导思想", "1、召开 20xx 年____学校教代会。", "（2）评选***先进")
    )
    assert text == "指导思想召开年学校教代会评选先进"
    assert lines.tolist()[:4] == [1, 1, 1, 1] and lines.tolist()[-1] == 3
    assert cols[4] == 2  # "召" sits after "1、" in line 2


def test_shingles_ignore_edits_that_do_not_matter() -> None:
    a = dedup.clean_text(doc("a", "1、以党的二十大精神为指导，全心全意依靠教职工。"))[0]
    b = dedup.clean_text(doc("b", "（一）以党的二十大精神为指导 全心全意依靠教职工"))[0]
    assert np.array_equal(np.unique(dedup.shingle(a)), np.unique(dedup.shingle(b)))
    assert len(dedup.shingle("短")) == 0


def test_signature_estimates_jaccard() -> None:
    rng = np.random.default_rng(0)
    chars = np.arange(0x4E00, 0x4E00 + 3000, dtype=np.uint32)
    base = chars[rng.integers(0, 3000, 3000)].tobytes().decode("utf-32-le")
    texts = [
        base,
        base[:2000] + chars[rng.integers(0, 3000, 1000)].tobytes().decode("utf-32-le"),
        base[1000:],
    ]
    sh = dedup.ShingleSet.from_texts(["a", "b", "c"], texts)
    sig = dedup.signatures(sh, num_perm=256)
    for i, j in [(0, 1), (0, 2), (1, 2)]:
        a, b = sh.get(i), sh.get(j)
        inter = len(np.intersect1d(a, b))
        exact = inter / (len(a) + len(b) - inter)
        assert abs(np.mean(sig[i] == sig[j]) - exact) < 0.08
    assert sig.dtype == np.uint32 and sig.shape == (3, 256)
    assert np.array_equal(dedup.signatures(sh, num_perm=256), sig)  # deterministic


def test_num_perm_must_be_a_power_of_two() -> None:
    sh = dedup.ShingleSet.from_texts(["a"], ["召开教代会审议学校工作报告"])
    with pytest.raises(UnknownOptionError, match="power of two"):
        dedup.signatures(sh, num_perm=100)


def test_lsh_params_follow_the_threshold() -> None:
    b5, r5 = dedup.lsh_params(0.5, 128)
    b8, r8 = dedup.lsh_params(0.8, 128)
    assert b5 * r5 <= 128 and b8 * r8 <= 128
    assert r8 > r5  # a stricter threshold needs longer bands
    # the S-curve crosses near the threshold
    assert 0.3 < (1 / b5) ** (1 / r5) < 0.7


def test_sample_corpus_copies() -> None:
    corpus = uc.load(CORPUS)
    pairs = {
        (a, b) for a, b in zip(corpus.near_duplicates["doc_a"], corpus.near_duplicates["doc_b"], strict=True)
    }
    assert ("01_compilation_site_page-1", "09_primary_plan_copy_a-1") in pairs
    assert corpus.clusters == [
        ["01_compilation_site_page-1", "09_primary_plan_copy_a-1", "10_primary_plan_copy_b-1"]
    ]


def test_containment_of_a_cut_out_plan() -> None:
    long_lines = [
        f"第{i}条工作要求：认真组织全体教职工开展师德师风学习和业务培训活动，做好记录第{i}项。"
        for i in range(40)
    ]
    short = long_lines[5:14]
    other = [f"其他单位的第{i}条内容完全不同，讲述食堂管理和后勤保障的各项安排第{i}次。" for i in range(30)]
    nd = dedup.near_duplicates([doc("long", *long_lines), doc("short", *short), doc("other", *other)])
    assert len(nd) == 1
    row = nd.iloc[0]
    assert {row.doc_a, row.doc_b} == {"long", "short"}
    assert row.jaccard < 0.5 and max(row.a_in_b, row.b_in_a) > 0.9


@needs_shared()
def test_gold_near_duplicates_are_exactly_the_reported_pairs() -> None:
    import json

    corpus = uc.load(SHARED / "seeds")
    ids = {}
    for d in corpus:
        stem, n = d.id.rsplit("-", 1)
        ids[d.id] = f"{stem[:3]}-{n}"
    found = {
        tuple(sorted((ids[a], ids[b])))
        for a, b in zip(corpus.near_duplicates.doc_a, corpus.near_duplicates.doc_b, strict=True)
    }
    gold = set()
    for path in sorted((SHARED / "gold").glob("*.json")):
        for d in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            gold |= {tuple(sorted((d["id"], other))) for other in d["near_duplicate_of"]}
    assert found == gold
