from __future__ import annotations

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
