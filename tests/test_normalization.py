from __future__ import annotations

import pytest

from unioncorpus.normalization import normalize, normalize_line, split_junk


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("（一）加强学习", "（一）加强学习"),  # full-width punctuation carries numbering: kept
        ("一、指导思想\u3000\u3000以", "一、指导思想 以"),
        ("\t九月\xa0份\t", "九月 份"),
        ("## 二、重点工作", "二、重点工作"),
        ("#三、月份安排 ##", "三、月份安排"),
        ("参加\\_读书月\\_活动", "参加_读书月_活动"),
        ("**召开教代会**，审议", "召开教代会，审议"),
        ("- 庆祝教师节", "庆祝教师节"),
        ("> 引用的一段", "引用的一段"),
        ("| 九月 | 庆祝教师节 |", "九月\t庆祝教师节"),  # table cells stay apart
        ("|---|---|", ""),
        ("①召开会议", "①召开会议"),  # NFKC would make this "1召开会议"
        ("a\u200bb", "ab"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_markdown_level_is_reported() -> None:
    assert normalize_line("### 九月") == ("九月", 3)
    assert normalize_line("九月") == ("九月", 0)


@pytest.mark.parametrize(
    ("raw", "text", "junk"),
    [
        ("2、传箴??", "2、传箴", "??"),
        ("召开会议？？", "召开会议", "？？"),
        ("正常一行", "正常一行", ""),
        ("??", "??", ""),
    ],
)
def test_trailing_junk_is_split_off_and_kept(raw: str, text: str, junk: str) -> None:
    assert split_junk(raw) == (text, junk)
