"""The structured readers: .docx (streamed XML), web pages (iterative walk), .xlsx, .zip, and the external
converters for .doc/.wps/.pdf."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest

import unioncorpus as uc
from unioncorpus import converters
from unioncorpus.errors import ReadError
from unioncorpus.model import ReadFailure, SourceText

PLAN = [
    "东湖小学2024年工会工作计划",
    "一、指导思想",
    "以党的二十大精神为指导，围绕学校中心工作。",
    "二、月份安排",
    "九月：庆祝教师节",
]


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_body(xml_body: str) -> bytes:
    """A .docx whose body is ``xml_body`` (WordprocessingML), built from python-docx's own template."""
    template = zipfile.ZipFile(io.BytesIO(docx_bytes(docx.Document())))
    document = template.read("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    document = document[:start] + xml_body + document[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in template.infolist():
            z.writestr(
                info.filename, document if info.filename == "word/document.xml" else template.read(info)
            )
    return out.getvalue()


def texts(st: SourceText) -> list[str]:
    return [ln.text for ln in st.lines]


# -- .docx ---------------------------------------------------------------------------------------


def test_a_plan_inside_nested_tables_keeps_every_line(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=1, cols=1)
    cell = inner.cell(0, 0)
    cell.text = PLAN[0]
    for line in PLAN[1:]:
        cell.add_paragraph(line)
    schedule = cell.add_table(rows=2, cols=2)
    for r, (month, what) in enumerate([("十月", "运动会"), ("十一月", "读书会")]):
        schedule.cell(r, 0).text, schedule.cell(r, 1).text = month, what
    p = tmp_path / "nested.docx"
    p.write_bytes(docx_bytes(d))
    st = uc.read_file(p)
    assert texts(st) == [*PLAN, "十月\t运动会", "十一月\t读书会"]
    numbers = [ln.number for ln in st.lines]
    assert numbers == sorted(set(numbers))  # paragraph numbers in reading order
    doc = next(iter(uc.extract([p])))
    assert doc.title == PLAN[0] and {s.kind for s in doc.sections} >= {"guiding_ideology", "monthly_schedule"}


def test_a_vertically_merged_month_repeats_on_each_row(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "九月"
    for r, what in enumerate(["庆祝教师节", "慰问新教师", "组织秋游"]):
        table.cell(r, 1).text = what
    p = tmp_path / "merged.docx"
    p.write_bytes(docx_bytes(d))
    assert texts(uc.read_file(p)) == ["九月\t庆祝教师节", "九月\t慰问新教师", "九月\t组织秋游"]


def test_forty_thousand_paragraphs_read_in_well_under_a_second(tmp_path: Path) -> None:
    body = "".join(f"<w:p><w:r><w:t>第{i}段</w:t></w:r></w:p>" for i in range(40_000))
    p = tmp_path / "many.docx"
    p.write_bytes(with_body(body))
    assert p.stat().st_size < 200_000
    start = time.perf_counter()
    st = uc.read_file(p)
    assert time.perf_counter() - start < 5  # python-docx took 116 s on such a file
    assert len(st.lines) == 40_000 and st.lines[-1].text == "第39999段"
    with pytest.raises(ReadError) as info:
        uc.read_file(p, limits=uc.Limits(max_lines=10_000))
    assert info.value.reason == "too_many_lines"


def test_heading_styles_text_boxes_deleted_text_and_line_breaks(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>二、重点工作</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>召开</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>教代会</w:t></w:r></w:ins><w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>右</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    p = tmp_path / "styles.docx"
    p.write_bytes(with_body(body))
    st = uc.read_file(p)
    assert [ln.raw for ln in st.lines] == ["二、重点工作", "召开教代会\n第二行\t右", "内容控件里的段落"]
    assert st.lines[0].md_level == 2


def test_tables_nested_past_the_limit_are_refused(tmp_path: Path) -> None:
    body = "<w:p/>"
    for _ in range(10):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    p = tmp_path / "deep.docx"
    p.write_bytes(with_body(body + "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"))
    assert texts(uc.read_file(p)) == ["正文"]
    with pytest.raises(ReadError) as info:
        uc.read_file(p, limits=uc.Limits(max_table_depth=5))
    assert info.value.reason == "too_deeply_nested"


def test_a_docx_bomb_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * 50_000_000)
    assert p.stat().st_size < 100_000
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        uc.read_file(p)
    assert time.perf_counter() - start < 1
    assert info.value.reason == "zip_bomb" and "expand" in info.value.detail


# -- web pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    ["<p>第{i}段" * 1, "<div>" * 1000 + "深处的文字" + "</div>" * 1000, "<p>段落" * 1000 + "<p>最后"],
    ids=["one", "nested_1000", "unclosed_p_1000"],
)
def test_deep_pages_do_not_recurse(tmp_path: Path, page: str) -> None:
    p = tmp_path / "page.html"
    p.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    st = uc.read_file(p)
    assert st.format == "html" and st.lines


def test_a_page_nested_past_the_limit_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<span>" * 6000 + "字", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        uc.read_file(p)
    assert info.value.reason == "too_deeply_nested"


# -- .xlsx ---------------------------------------------------------------------------------------


def test_an_xlsx_schedule_is_read_as_table_rows_sheet_by_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年工会活动安排"
    sheet.append(["月份", "活动内容", "负责人"])
    sheet.append(["九月", "庆祝教师节", "工会主席"])
    sheet.append(["10月", "教职工运动会", 3.0])
    sheet.append([None, None, None])
    sheet.append(["十一月", "=1+1", None])
    other = book.create_sheet("Sheet2")
    other.append(["十二月", "迎新年联欢会"])
    p = tmp_path / "安排.xlsx"
    book.save(p)
    st = uc.read_file(p)
    assert st.format == "xlsx"
    assert [ln.raw for ln in st.lines] == [
        "2024年工会活动安排",
        "月份\t活动内容\t负责人",
        "九月\t庆祝教师节\t工会主席",
        "10月\t教职工运动会\t3",
        "十一月",  # a formula without a stored value is not run
        "十二月\t迎新年联欢会",
    ]
    assert st.lines[0].md_level == 1
    doc = next(iter(uc.extract([p])))
    assert {tuple(a.months) for a in doc.activities} >= {(9,), (10,), (12,)}


def test_a_damaged_xlsx_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(ReadError) as info:
        uc.read_file(p)
    assert info.value.reason == "corrupt_xlsx"


# -- .zip ----------------------------------------------------------------------------------------


class _GbkName(zipfile.ZipInfo):
    """A member named in GBK without the UTF-8 flag, as zips made on Chinese Windows are."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def plan_docx(title: str) -> bytes:
    d = docx.Document()
    for line in [title, *PLAN[1:]]:
        d.add_paragraph(line)
    return docx_bytes(d)


def test_a_folder_of_zips_is_read_inside_with_gbk_names(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("南湖幼儿园.txt", "南湖幼儿园2024年工会工作计划\n一、指导思想\n")
    with zipfile.ZipFile(tmp_path / "2024年报送.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_GbkName("各校计划/东湖小学.docx"), plan_docx("东湖小学2024年工会工作计划"))
        z.writestr(
            _GbkName("各校计划/西湖中学.txt"), "西湖中学2024年工会工作计划\n一、指导思想\n".encode("gbk")
        )
        z.writestr("__MACOSX/各校计划/._东湖小学.docx", b"\x00\x05")
        z.writestr("../逃出去.txt", "x")
        z.writestr("内层.zip", inner.getvalue())
    results = uc.read(tmp_path)
    names = [r.source.split("2024年报送.zip/")[1] for r in results]
    assert names == [
        "../逃出去.txt",
        "内层.zip/南湖幼儿园.txt",
        "各校计划/东湖小学.docx",
        "各校计划/西湖中学.txt",
    ]
    assert isinstance(results[0], ReadFailure) and results[0].reason == "unsafe_name"
    assert all(isinstance(r, SourceText) for r in results[1:])
    assert texts(results[2])[0] == "东湖小学2024年工会工作计划"  # type: ignore[union-attr]
    member = tmp_path / "2024年报送.zip" / "各校计划" / "西湖中学.txt"
    assert texts(uc.read_file(member))[0] == "西湖中学2024年工会工作计划"
    corpus = uc.extract([tmp_path])
    assert len(corpus.inputs) == 4
    assert sorted(d.title for d in corpus) == [
        "东湖小学2024年工会工作计划", "南湖幼儿园2024年工会工作计划", "西湖中学2024年工会工作计划",
    ]  # fmt: skip


def test_zip_bombs_damaged_zips_and_deep_zips_are_reported(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("plan.txt", b"0" * 30_000_000)
    (tmp_path / "damaged.zip").write_bytes(b"PK\x03\x04 not really")
    level3 = io.BytesIO()
    with zipfile.ZipFile(level3, "w") as z:
        z.writestr("a.txt", "东湖小学工会计划")
    level2 = io.BytesIO()
    with zipfile.ZipFile(level2, "w") as z:
        z.writestr("c.zip", level3.getvalue())
    with zipfile.ZipFile(tmp_path / "deep.zip", "w") as z:
        z.writestr("b.zip", level2.getvalue())
    with zipfile.ZipFile(tmp_path / "empty.zip", "w"):
        pass
    start = time.perf_counter()
    results = {Path(r.source).relative_to(tmp_path).as_posix(): r for r in uc.read(tmp_path)}
    assert time.perf_counter() - start < 2
    assert {k: r.reason for k, r in results.items()} == {  # type: ignore[union-attr]
        "bomb.zip": "zip_bomb",
        "damaged.zip": "corrupt_zip",
        "deep.zip/b.zip/c.zip": "too_deeply_nested",
        "empty.zip": "empty",
    }


def test_member_names_follow_the_utf8_flag_then_gb18030() -> None:
    from unioncorpus._archives import member_name

    flagged = zipfile.ZipInfo("计划.docx")
    flagged.flag_bits |= 0x800
    assert member_name(flagged) == "计划.docx"
    assert member_name(zipfile.ZipInfo("计划.docx".encode().decode("cp437"))) == "计划.docx"  # UTF-8, no flag
    assert member_name(zipfile.ZipInfo("计划.docx".encode("gbk").decode("cp437"))) == "计划.docx"
    assert member_name(zipfile.ZipInfo("plans\\a.txt")) == "plans/a.txt"


# -- converters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".pdf"])
def test_a_missing_converter_says_what_to_install(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    p = tmp_path / f"plan{suffix}"
    p.write_bytes(b"%PDF-1.4 x" if suffix == ".pdf" else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    [failure] = uc.read([p])
    assert isinstance(failure, ReadFailure) and failure.reason == "needs_converter"
    assert ("pdftotext" if suffix == ".pdf" else "LibreOffice") in failure.detail
    assert converters.available()[suffix] is None


def test_a_converter_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "pdftotext"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\n{shutil.which('sleep')} 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    p = tmp_path / "slow.pdf"
    p.write_bytes(b"%PDF-1.4 x")
    start = time.perf_counter()
    with pytest.raises(ReadError) as info:
        uc.read_file(p, limits=uc.Limits(converter_timeout=0.5))
    assert time.perf_counter() - start < 5
    assert info.value.reason == "converter_failed" and "stopped" in info.value.detail


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed"
)


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text (a CJK PDF needs embedded fonts; pdftotext's reading is the same)."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({t}) Tj 0 -16 Td" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@needs_pdftotext
def test_a_pdf_is_read_through_pdftotext(tmp_path: Path) -> None:
    p = tmp_path / "plan.pdf"
    p.write_bytes(_minimal_pdf(["Work plan 2024", "1. Guiding ideas", "September: Teachers Day"]))
    st = uc.read_file(p)
    assert st.format == "pdf"
    assert texts(st)[:3] == ["Work plan 2024", "1. Guiding ideas", "September: Teachers Day"]


@needs_soffice
def test_a_doc_and_a_wps_are_read_through_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(plan_docx(PLAN[0]))
    # LibreOffice writes a legacy .doc from the .docx; reading it back goes the other way.
    import subprocess

    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    legacy = tmp_path / "plan.doc"
    shutil.copy(legacy, tmp_path / "plan.wps")  # a WPS Writer file is a Word 97 file inside
    for p in (legacy, tmp_path / "plan.wps"):
        st = uc.read_file(p)
        assert st.format == "doc" and texts(st) == PLAN


@pytest.mark.parametrize("kind", ["docx", "xlsx", "zip"])
def test_damaged_packages_give_a_reason_never_an_exception(tmp_path: Path, kind: str) -> None:
    """Bytes flipped at random in a .docx, an .xlsx and a .zip: each read ends with its text or a ReadError."""
    import random

    if kind == "docx":
        d = docx.Document()
        for i in range(200):
            d.add_paragraph(f"第{i}项工会工作")
        good = docx_bytes(d)
    elif kind == "xlsx":
        from datetime import datetime

        from unioncorpus._sheets import _fix_dates

        book = openpyxl.Workbook()
        for i in range(200):
            book.active.append([f"{i % 12 + 1}月", f"第{i}项活动"])
        book.save(tmp_path / "good.xlsx")
        # openpyxl stamps the time of saving into the package, which moves every byte after it: one fixed
        # date, so that the same bytes are flipped on every run
        _fix_dates(tmp_path / "good.xlsx", datetime(2024, 1, 1))
        good = (tmp_path / "good.xlsx").read_bytes()
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(5):
                z.writestr(f"计划{i}.txt", PLAN[0] + "\n" + "\n".join(PLAN[1:]) * 20)
        good = buffer.getvalue()
    rng = random.Random(3)
    p = tmp_path / f"damaged.{kind}"
    reasons, details = Counter(), {}
    for _ in range(150):
        data = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        p.write_bytes(bytes(data))
        for result in uc.read([p]):
            reasons[getattr(result, "reason", "read")] += 1
            details.setdefault(getattr(result, "reason", "read"), getattr(result, "detail", ""))
    allowed = {"read", f"corrupt_{kind}", "corrupt_zip", "zip_bomb", "encrypted", "empty", "too_many_files",
               "binary", "undecodable", "not_chinese", "unsafe_name"}  # fmt: skip
    # "unreadable" is "unexpected …" from a reader bug
    assert set(reasons) <= allowed, {r: details[r] for r in set(reasons) - allowed}
