"""The clause index: reuse found in linear work, with exact spans on both sides."""

from __future__ import annotations

import numpy as np

from unioncorpus import dedup, reuse
from unioncorpus.model import Document, Line
from unioncorpus.passages import CleanDoc, families, passage_spans, shared_passages

TEMPLATE = (
    "以党的二十大精神为指导，坚持全心全意依靠教职工办学的方针，围绕学校教育教学中心工作，"
    "切实履行维护、建设、参与、教育四项职能，努力把工会建设成为教职工信赖的温暖之家。"
)
SCHOOLS = [
    "红星",
    "新华",
    "育才",
    "实验",
    "朝阳",
    "光明",
    "东城",
    "西湖",
    "南山",
    "北苑",
    "河西",
    "江北",
    "青山",
    "白云",
    "文昌",
    "凤凰",
]
OWN = [  # sentences only one plan has
    "三月初带新教师走进老城区的非遗工坊，学做剪纸。",
    "食堂窗口延长到晚上七点，方便晚自习值班的老师。",
    "校门口那段坡道冬天结冰，工会请后勤铺了防滑垫。",
    "退休的王老师每周四回来给青年教师讲板书。",
    "羽毛球馆周末向教职工家属开放，需提前登记。",
    "给两位产假归来的老师调整了课表和值周。",
    "暑假里组织十二名骨干去乡村学校送教三天。",
    "图书角新添了一批心理健康和育儿类的书。",
    "为长期病假的李老师募集了医疗互助金。",
    "教代会提案里关于停车位的那条已经落实。",
    "体检结果异常的同事由校医逐一电话回访。",
    "趣味运动会增设了拔河和跳长绳两个集体项目。",
]


def doc(doc_id: str, *lines: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", [Line(i, t) for i, t in enumerate(lines, 1)])


def own(i: int) -> str:
    return OWN[i % len(OWN)]


def test_a_template_in_many_plans_is_one_family_not_all_pairs() -> None:
    n = 12
    docs = [doc(f"p{i}", f"{SCHOOLS[i]}小学工会计划", own(i), TEMPLATE) for i in range(n)]
    clean = [CleanDoc.of(d) for d in docs]
    spans = passage_spans(clean, max_df=4)  # held by more than 4 plans: boilerplate
    # every copy is aligned with the first plan holding the template: n - 1 passages, not n(n-1)/2
    assert len(spans) == n - 1
    assert set(spans["a"]) == {0} and sorted(spans["b"]) == list(range(1, n))
    fams = families(shared_passages(clean, max_df=4), clean)
    assert len(fams) == 1 and fams[0]["n_docs"] == n
    assert {m["start_line"] for m in fams[0]["members"]} == {3}
    # held by few plans, the text is compared between every pair of them
    assert len(passage_spans(clean[:4], max_df=4)) == 6


def test_edited_copy_keeps_spans_lines_and_columns_on_both_sides() -> None:
    copied = "各工会小组通过座谈会、问卷调查等形式广泛征集教职工意见，及时向行政反馈，切实维护教职工的合法权益，做好困难教职工帮扶工作。"
    edited = copied.replace("广泛", "广泛地").replace("，及时", "；及时").replace("帮扶", "扶帮")
    a = doc("a", own(1), own(2), "（一）" + copied, own(3))
    b = doc("b", own(4), own(5), own(6), "前言文字。" + edited)
    (p,) = shared_passages([CleanDoc.of(a), CleanDoc.of(b)])
    assert (p.a["start_line"], p.a["end_line"], p.b["start_line"], p.b["end_line"]) == (3, 3, 4, 4)
    assert a.lines[2].text[p.a["start_col"] : p.a["end_col"]].startswith("各工会小组")
    assert b.lines[3].text[p.b["start_col"] : p.b["end_col"]].endswith("工作")
    assert p.b["start_col"] == len("前言文字。") and p.similarity >= 0.9


def test_unpunctuated_text_is_still_anchored() -> None:
    # a one-line PDF extraction: no punctuation to cut clauses at; fingerprints anchor it
    text = TEMPLATE.replace("，", "").replace("、", "").replace("。", "")
    a = doc("a", own(5), text)
    b = doc("b", own(6), "xx" + text[:20] + "认真" + text[20:])
    (p,) = shared_passages([CleanDoc.of(a), CleanDoc.of(b)])
    assert p.a["end"] - p.a["start"] >= len(text) - 2


def test_chance_meetings_of_set_phrases_are_not_passages() -> None:
    a = doc("a", "切实维护教职工的合法权益，组织教职工开展健步走活动。", own(7))
    b = doc("b", "切实维护教职工的合法权益，组织教职工参加读书分享会。", own(8))
    assert shared_passages([CleanDoc.of(a), CleanDoc.of(b)]) == []


def test_anchor_pairs_clique_for_rare_keys_star_for_common() -> None:
    key = np.array([7, 7, 7, 9, 9, 9, 9, 9], dtype=np.uint64)
    clause = np.arange(8)
    z = np.zeros(8, dtype=np.int32)
    post = reuse.Postings(key, clause, z.astype(np.int8), z, z, np.zeros(8, dtype=np.int8))
    doc_of = np.array([0, 1, 2, 0, 1, 2, 3, 4])
    ia, ib = reuse.anchor_pairs(post, doc_of, max_df=3)
    pairs = {(int(doc_of[i]), int(doc_of[j])) for i, j in zip(ia, ib, strict=True)}
    # key 7 (3 plans): every pair; key 9 (5 plans): each to the first holder
    assert pairs == {(0, 1), (0, 2), (1, 2), (0, 3), (0, 4)}


def test_clause_hashes_do_not_depend_on_position() -> None:
    a = CleanDoc.of(doc("a", "召开工会委员会会议，审议年度工作计划。"))
    b = CleanDoc.of(doc("b", "第一项安排：召开工会委员会会议，审议年度工作计划"))
    ta, tb = reuse.clause_table([a]), reuse.clause_table([b])
    assert set(ta.hash.tolist()) <= set(tb.hash.tolist())


def test_sketches_do_not_depend_on_chunking() -> None:
    texts = [dedup.clean_text(doc(f"p{i}", own(i), TEMPLATE, own(i + 5)))[0] for i in range(30)]
    one = dedup.sketch_texts(texts, chunk=256)
    many = dedup.Sketches.concat(
        [dedup.sketch_texts(texts[a : a + 7]) for a in range(0, 30, 7)]
    )  # the same sketches, computed 7 texts at a time
    assert np.array_equal(one.keys, many.keys) and np.array_equal(one.fingerprints, many.fingerprints)
    assert np.array_equal(one.signatures, many.signatures)


def test_family_keys_of_many_texts_are_each_texts_own() -> None:
    # the keys are hashed for all occurrences at once; each text's are what hashing it alone gives
    import random

    from unioncorpus._reuse_clauses import _substring_hashes
    from unioncorpus._reuse_families import _keys_of_texts

    def alone(text: str) -> list[int]:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        if len(text) < 6:
            return _substring_hashes(cps, np.zeros(1, dtype=np.int64), np.full(1, len(cps))).tolist()
        pos = np.arange(6, len(cps) + 1)
        h = _substring_hashes(cps, pos - 6, pos)
        return np.unique(h[(h & np.uint64(3)) == 0]).tolist() or [int(h.min())]

    rng = random.Random(3)
    for _ in range(200):
        texts = ["".join(rng.choice("工会教师活动计划总结学习一二三。，ab1") for _ in range(rng.choice([0, 1, 5, 6, 7, 30, 80])))
                 for _ in range(rng.randrange(1, 20))]  # fmt: skip
        assert _keys_of_texts(texts) == [alone(t) for t in texts]
    assert _keys_of_texts([]) == []
