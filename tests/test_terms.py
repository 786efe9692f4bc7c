from __future__ import annotations

from unioncorpus.terms import discover_terms


def test_new_terms_surface_with_scores() -> None:
    # "暖心驿站" is a made-up name unknown to jieba and the lexicon, used in varied contexts.
    texts = [
        "学校建成暖心驿站。", "教职工常去暖心驿站休息。", "暖心驿站开放时间延长。", "在暖心驿站举办读书会。",
        "工会维护暖心驿站设施。", "新建的暖心驿站很受欢迎！", "每周在暖心驿站值班。",
    ]  # fmt: skip
    table = discover_terms(texts, min_count=5, top_k=10)
    assert "暖心驿站" in set(table["term"])
    row = table[table["term"] == "暖心驿站"].iloc[0]
    assert row["count"] == 7 and row["pmi"] > 0 and row["left_entropy"] > 0 and row["right_entropy"] > 0
    # its fragments are not listed separately
    assert "暖心驿" not in set(table["term"]) and "心驿站" not in set(table["term"])


def test_known_words_are_left_out() -> None:
    texts = ["召开教代会。"] * 6 + ["学校教代会。"] * 6
    assert "教代会" not in set(discover_terms(texts, min_count=3)["term"])


def test_empty_input() -> None:
    assert discover_terms([]).empty
