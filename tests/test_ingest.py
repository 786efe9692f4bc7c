from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest

import unioncorpus as uc
from unioncorpus.errors import ReadError, UnionCorpusError
from unioncorpus.model import ReadFailure, SourceText

PLAN = "东湖小学2022年工会工作计划\n\n一、指导思想\n\n以党的二十大精神为指导。\n\n二、月份工作\n九月份\n1、庆祝教师节。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "plan.txt"
    p.write_bytes(PLAN.encode(encoding))
    st = uc.read_file(p)
    assert [ln.text for ln in st.lines][:2] == ["东湖小学2022年工会工作计划", "一、指导思想"]
    assert [ln.number for ln in st.lines] == [1, 3, 5, 7, 8, 9]


def test_encoding_override(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_bytes(PLAN.encode("gb18030"))
    assert uc.read_file(p, encoding="gb18030").encoding == "gb18030"
    with pytest.raises(ReadError, match="utf-8 decode failed at byte"):
        uc.read_file(p, encoding="utf-8")


def test_big5_falls_back_to_detection(tmp_path: Path) -> None:
    text = "臺北市立國民小學教師會工作計畫：召開會員大會，辦理教師節慶祝活動，關懷退休教師。" * 3
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    st = uc.read_file(p)
    assert st.lines[0].text.startswith("臺北市立國民小學")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("random.bin.txt", "binary"),
        ("legacy.doc", "needs_converter"),
        ("corrupt.docx", "corrupt_docx"),
    ],
)
def test_bad_files_give_a_named_reason(
    data: Path, name: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")  # no LibreOffice: the .doc needs a converter
    with pytest.raises(ReadError) as info:
        uc.read_file(data / name)
    assert info.value.reason == reason
    assert name in str(info.value)
    assert isinstance(info.value, UnionCorpusError) and isinstance(info.value, OSError)


def test_too_large_and_unsupported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(ReadError, match="over the 0 MB limit") as info:
        uc.read_file(big, max_bytes=1000)
    assert info.value.reason == "too_large"
    odd = tmp_path / "plan.pages"
    odd.write_bytes(b"PAGES ...")
    assert uc.read([odd])[0].reason == "unsupported"  # type: ignore[union-attr]
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    monkeypatch.setenv("PATH", "")
    assert uc.read([pdf])[0].reason == "needs_converter"  # type: ignore[union-attr]


def test_a_folder_reports_every_file_once_and_never_stops(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    results = uc.read(data)
    names = sorted(Path(r.source).name for r in results)
    on_disk = sorted(p.name for p in data.iterdir() if p.is_file())
    assert names == on_disk
    failures = {Path(r.source).name for r in results if isinstance(r, ReadFailure)}
    assert failures == {"empty.txt", "random.bin.txt", "legacy.doc", "corrupt.docx"}
    assert all(isinstance(r, SourceText) for r in results if Path(r.source).name not in failures)


def test_docx_paragraphs_and_table_rows(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("某小学工会工作计划", level=1)
    d.add_paragraph("一、指导思想")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "九月", "庆祝教师节"
    table.cell(1, 0).text, table.cell(1, 1).text = "十月", "运动会"
    d.add_paragraph("附：落款")
    p = tmp_path / "plan.docx"
    d.save(p)
    st = uc.read_file(p)
    assert st.format == "docx"
    assert [(ln.number, ln.raw) for ln in st.lines] == [
        (1, "某小学工会工作计划"),
        (2, "一、指导思想"),
        (3, "九月\t庆祝教师节"),
        (4, "十月\t运动会"),
        (5, "附：落款"),
    ]
    assert st.lines[0].md_level == 1


def test_docx_merged_cells_appear_once(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    a = table.cell(0, 1).merge(table.cell(0, 2))
    a.text = "合并的内容"
    table.cell(0, 0).text = "九月"
    p = tmp_path / "merged.docx"
    d.save(p)
    assert uc.read_file(p).lines[0].raw == "九月\t合并的内容"


def test_html_visible_text_only(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>站点标题</title><style>p{}</style><script>var a='隐藏';</script></head>\n"
        "<body><!-- 注释 -->\n<h2>某中学工会工作计划</h2>\n<p>一、指导思想</p>\n"
        "<table><tr><td>九月</td><td>庆祝教师节</td></tr></table>\n</body></html>",
        encoding="utf-8",
    )
    st = uc.read_file(p)
    assert [ln.text for ln in st.lines] == ["某中学工会工作计划", "一、指导思想", "九月\t庆祝教师节"]
    assert [ln.number for ln in st.lines] == [1, 2, 3]  # the page's text lines, in reading order
    assert st.lines[0].md_level == 2


def test_html_br_and_source_line_breaks(tmp_path: Path) -> None:
    p = tmp_path / "page.htm"
    p.write_text(
        "<div>一、指导思想<br>以党的二十大精神为指导，\n围绕学校中心工作。<br/>二、月份安排</div>",
        encoding="gbk",
    )
    st = uc.read_file(p)
    assert [(ln.number, ln.text) for ln in st.lines] == [
        (1, "一、指导思想"),
        (2, "以党的二十大精神为指导，围绕学校中心工作。"),
        (3, "二、月份安排"),
    ]


def test_docx_renamed_zip_that_is_not_word(tmp_path: Path) -> None:
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError) as info:
        uc.read_file(p)
    assert info.value.reason == "corrupt_docx"


# -- encodings -----------------------------------------------------------------------------------


def test_a_few_control_characters_do_not_make_gb18030_binary() -> None:
    text = "东湖小学\x07工会工作计划\n一、指\x01导思想\x1b\n以党的二十大精神为指导。\n"
    assert uc.decode_bytes(text.encode("gb18030")) == (text, "gb18030")
    with_nul = "东湖小学\x00工会工作计划\n一、指导思想\n以党的二十大精神为指导，围绕学校中心工作。\n"
    assert uc.decode_bytes(with_nul.encode("gb18030"))[1] == "gb18030"


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-le"])
def test_wide_encodings_without_a_bom_are_read(encoding: str) -> None:
    assert uc.decode_bytes(PLAN.encode(encoding)) == (PLAN, encoding)


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (
            "Plan de travail du syndicat pour l'année 2024 : réunion générale, fête des élèves.\n",
            "latin-1",
            "",
        ),
        ("Arbeitsplan der Gewerkschaft für 2024: Versammlung im März, Ausflug im Mai.\n", "latin-1", ""),
        ("労働組合の年間活動計画です。九月に総会を開きます。\n", "shift_jis", "Japanese"),
        ("組合の計画：総会を開く。\n", "shift_jis", "Japanese"),
        # EUC-KR hangul sits where GB2312 has its commonest characters: it decodes as GB18030 without error
        (
            "2024년 교원노동조합 사업계획\n1. 조합원의 권익을 보호하고 근무 환경을 개선한다.\n"
            "2. 3월에 정기 총회를 열고 5월에는 체육대회를 개최한다.\n3. 신규 교사의 가입을 돕는다.\n",
            "euc-kr",
            "Korean",
        ),
    ],
)
def test_other_languages_are_not_read_as_chinese(text: str, encoding: str, named: str) -> None:
    with pytest.raises(ReadError) as info:
        uc.decode_bytes(text.encode(encoding), source="letter.txt")
    assert info.value.reason == "not_chinese"
    assert named in info.value.detail and "--encoding" in info.value.detail
    assert uc.decode_bytes(text.encode(encoding), encoding=encoding)[0] == text  # the way out it names


def test_a_gb18030_roster_of_names_is_read_as_chinese() -> None:
    """Rare characters of names (few of the commonest Chinese ones) are no sign of Korean: their cp949
    reading is hangul, but not Korean's common syllables."""
    surnames, given = (
        "陈李刘黄郭高何胡林罗梁韩冯邓曹彭蔡潘贾丁崔范陆金姜孔卢吕",
        "丽刚兰婷静佳玲亮建英萍磊娜远兵斌晓杰颖冰枫梅勇凯志明琳晨",
    )
    names = [surnames[k] + given[k] + given[(k * 7 + 3) % len(given)] for k in range(len(surnames))]
    text = "工会小组名册\n" + "\n".join(f"{k} {n}" for k, n in enumerate(names, 1)) + "\n"
    assert uc.decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def test_traditional_script_in_gbk_is_read() -> None:
    """Traditional characters stored in GBK (a Hong Kong or Macau staff association's list) are Chinese."""
    text = (
        "港澳教職員協會年度安排\n婦女節：茶敘\n勞動節：教職員球類比賽\n秋季：教職員旅行\n春節：教職員團拜\n"
    )
    assert uc.decode_bytes(text.encode("gbk")) == (text, "gb18030")


def test_big5_is_not_read_as_gb18030_with_private_use_characters() -> None:
    """Short Big5 lists decode as GB18030 too, into private-use characters: they are read as Big5."""
    for text in (
        "會員名單、聯絡電話\n",
        "教職員旅行、團拜、茶敘\n",
        "港澳教職員協會年度安排\n婦女節、勞動節\n",
    ):
        assert uc.decode_bytes(text.encode("big5")) == (text, "big5"), text


def test_cr_only_and_mixed_line_ends_give_every_line(tmp_path: Path) -> None:
    lines = PLAN.rstrip("\n").split("\n")
    p = tmp_path / "mac.txt"
    p.write_bytes("\r".join(lines).encode("gb18030"))
    assert [ln.number for ln in uc.read_file(p).lines] == [1, 3, 5, 7, 8, 9]
    p.write_bytes("\r\n".join(lines[:4]).encode() + b"\r" + "\n".join(lines[4:]).encode())
    assert [ln.text for ln in uc.read_file(p).lines][-3:] == ["二、月份工作", "九月份", "1、庆祝教师节。"]


def test_characters_and_lines_past_the_limits_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "long.txt"
    p.write_text("工会" * 6000 + "\n" + "一行\n" * 3000, encoding="utf-8")
    for limits, reason in [
        (uc.Limits(max_chars=10_000), "too_many_characters"),
        (uc.Limits(max_lines=1000), "too_many_lines"),
    ]:
        with pytest.raises(ReadError) as info:
            uc.read_file(p, limits=limits)
        assert info.value.reason == reason


# -- special files ------------------------------------------------------------------------------


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(ReadError) as info:
            uc.read_file(path)
        assert info.value.reason == "not_a_file"
    assert [(Path(r.source).name, r.reason) for r in uc.read(tmp_path)] == [("pipe.txt", "not_a_file")]  # type: ignore[union-attr]


def test_links_and_unreadable_folders_are_reported_once_each(tmp_path: Path) -> None:
    root = tmp_path / "submissions"
    root.mkdir()
    (root / "plan.txt").write_text(PLAN, encoding="utf-8")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "folder_link").symlink_to(root)
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "same.txt").symlink_to(root / "plan.txt")
    (root / "gone.txt").symlink_to(root / "nothing.txt")
    locked = root / "locked"
    locked.mkdir()
    (locked / "hidden_plan.txt").write_text(PLAN, encoding="utf-8")
    locked.chmod(0)
    try:
        results = {Path(r.source).name: r for r in uc.read(root)}
        blocked = os.access(locked, os.R_OK) is False
    finally:
        locked.chmod(0o755)
    reasons = {name: getattr(r, "reason", "ok") for name, r in results.items()}
    expected = {"plan.txt": "ok", "same.txt": "ok", "loop.txt": "symlink_loop", "folder_link": "folder_link",
                "passwd.txt": "outside_folder", "gone.txt": "not_found"}  # fmt: skip
    if blocked:  # root reads any folder: then the locked one is simply read
        expected["locked"] = "unreadable"
    else:
        expected["hidden_plan.txt"] = "ok"
    assert reasons == expected
    assert "root:" not in str(results["passwd.txt"])


def test_every_reason_raised_is_documented_with_a_chinese_label() -> None:
    import ast

    from unioncorpus.errors import READ_REASONS

    package = Path(uc.__file__).parent
    raised = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                "ReadError",
                "ReadFailure",
            )
            if named and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                raised.add(node.args[1].value)
    raised.discard("unsupported")  # also given for texts that are not strings (from_texts)
    assert raised <= set(READ_REASONS), raised - set(READ_REASONS)
    assert {"zip_bomb", "needs_converter", "not_chinese", "symlink_loop", "too_many_lines"} <= raised
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in zh) for zh, _ in READ_REASONS.values())


def test_nine_thousand_short_gb18030_texts_with_control_characters_are_read_back() -> None:
    """The fuzz that once rejected 3 in 9,000 as binary: plan words, a few control characters, GB18030."""
    import random

    rng = random.Random(5)
    words = [
        "工会",
        "教职工",
        "计划",
        "活动",
        "九月",
        "慰问",
        "学校",
        "民主管理",
        "一、",
        "2024年",
        "，",
        "。",
        "\n",
        "开展",
    ]
    controls = [chr(c) for c in [*range(0, 9), *range(14, 32), 127]]
    wrong = []
    for _ in range(9000):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 60))]
        for _ in range(rng.randint(0, 4)):
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(controls))
        text = "".join(parts)
        if not text.strip(" \t\r\n\x00"):
            continue
        try:
            if uc.decode_bytes(text.encode("gb18030"))[0] != text:
                wrong.append(text)
        except ReadError:
            wrong.append(text)
    assert wrong == []
