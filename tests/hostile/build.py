"""The hostile folder, made afresh for each run (names and sizes vary with the seed).

:func:`build` writes every kind of file a batch must survive and returns, for each input the batch must
report, its name relative to the folder (a zip member as ``archive.zip/member``) and what the reader
should say about it (``None``: read; else a ReadError reason).
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

PLAN = """{school}{year}年工会工作计划

一、指导思想
以党的二十大精神为指导，围绕学校中心工作，切实维护教职工合法权益。

二、重点工作
1、加强民主管理，开好教代会。
2、关心教职工生活，做好送温暖工作。

三、月份工作安排
九月份
1、庆祝教师节。
2、慰问新教师。
十月份
1、组织教职工运动会。
十一月份
1、开展读书交流活动。
十二月份
1、迎新年联欢会。
"""

SCHOOLS = [
    "东湖小学",
    "西湖中学",
    "南山幼儿园",
    "北岭职业学校",
    "青石实验小学",
    "红星中学",
    "白沙小学",
    "金桥幼儿园",
]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}


def plan(rng: random.Random, **changes: str) -> str:
    fields = {"school": rng.choice(SCHOOLS), "year": str(rng.choice([2023, 2024, 2025]))} | changes
    return PLAN.format(**fields)


def docx(body: str, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx whose body is ``body`` (WordprocessingML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, text in _DOCX_PARTS.items():
            z.writestr(name, text)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)


def nested_tables(lines: list[str], depth: int) -> str:
    body = paragraphs(lines)
    for _ in range(depth):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    return body


class _GbkName(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def build(folder: Path, seed: int, *, raw_names: bool = True) -> dict[str, str | None]:
    """Write the hostile folder; return ``{relative name: expected reason or None}``. ``raw_names``: also a
    file whose name is not valid UTF-8 (GBK bytes)."""
    rng = random.Random(seed)
    expect: dict[str, str | None] = {}
    tag = f"{seed % 1000:03d}"

    def write(name: str, data: bytes | str, reason: str | None = None, encoding: str = "utf-8") -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
        expect[name] = reason

    # plain and oddly made text
    write(f"ok_{tag}.txt", plan(rng))
    write(f"gb18030_{tag}.txt", plan(rng), encoding="gb18030")
    write(f"controls_{tag}.txt", plan(rng, school="东湖\x07小学\x1b"), encoding="gb18030")
    write(f"cr_only_{tag}.txt", plan(rng).replace("\n", "\r"))
    write(f"utf32_{tag}.txt", plan(rng), encoding="utf-32-le")
    write(f"empty_{tag}.txt", b"", "empty")
    write(f"blank_{tag}.txt", " \n\t\r\n" * rng.randint(1, 50), "empty")
    write(f"binary_{tag}.txt", bytes(rng.randrange(256) for _ in range(rng.randint(2000, 9000))), "binary")
    write(f"latin1_{tag}.txt", "Plan de travail du syndicat pour l'année : réunion, fête des élèves.\n" * 5,
          "not_chinese", encoding="latin-1")  # fmt: skip
    write(
        f"sjis_{tag}.txt",
        "労働組合の年間活動計画です。九月に総会を開きます。\n" * 5,
        "not_chinese",
        encoding="shift_jis",
    )
    write(f"huge_{tag}.txt", b"a" * (20_000_000 + rng.randint(1, 1000)), "too_large")
    write(f"formulas_{tag}.txt", plan(rng, school='=HYPERLINK("http://x","点我")') + "\n+1+1\n-2\n@SUM(A1)\n")
    for kind, piece in [("spaces", " "), ("underscores", "_"), ("questions", "?"), ("bold", "**b ")]:
        write(f"line_of_{kind}_{tag}.txt", plan(rng) + piece * (50_000 // len(piece)) + "\n")
    # Word files
    write(f"many_paragraphs_{tag}.docx", docx(paragraphs([f"第{i}段" for i in range(40_000)])))
    write(f"nested_tables_{tag}.docx", docx(nested_tables(plan(rng).splitlines(), rng.randint(2, 4))))
    write(f"bomb_{tag}.docx", docx(f"<w:p><w:r><w:t>{' ' * 60_000_000}</w:t></w:r></w:p>"), "zip_bomb")
    write(f"not_a_zip_{tag}.docx", b"this is not a Word file", "corrupt_docx")
    write(f"legacy_{tag}.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "needs_converter")
    write(f"scan_{tag}.pdf", b"%PDF-1.4\n%%EOF\n", "needs_converter")
    # web pages
    write(f"unclosed_p_{tag}.html", "<html><body>" + "<p>段落" * 1000 + "</body></html>")
    write(f"deep_{tag}.html", "<div>" * 1000 + plan(rng) + "</div>" * 1000)
    write(f"too_deep_{tag}.html", "<span>" * 6000 + "字", "too_deeply_nested")
    # spreadsheets
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = f"{rng.choice(SCHOOLS)}工会活动安排"
    for row in [("月份", "活动"), ("九月", "庆祝教师节"), ("十月", "=1+1"), ("十一月", "读书会")]:
        book.active.append(row)
    book.save(folder / f"schedule_{tag}.xlsx")
    expect[f"schedule_{tag}.xlsx"] = None
    write(f"damaged_{tag}.xlsx", b"PK\x03\x04broken", "corrupt_xlsx")
    # archives
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for school in rng.sample(SCHOOLS, 3):
            z.writestr(_GbkName(f"报送/{school}.txt"), plan(rng, school=school).encode("gbk"))
            expect[f"submissions_{tag}.zip/报送/{school}.txt"] = None
        z.writestr("../outside.txt", "x")
        expect[f"submissions_{tag}.zip/../outside.txt"] = "unsafe_name"
    (folder / f"submissions_{tag}.zip").write_bytes(archive.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("plan.txt", b"0" * 40_000_000)
    write(f"bomb_{tag}.zip", bomb.getvalue(), "zip_bomb")
    write(f"damaged_{tag}.zip", b"PK\x03\x04 damaged", "corrupt_zip")
    # names
    write(f"bell\x07name_{tag}.txt", plan(rng))
    if raw_names:
        raw_name = f"东湖小学_{tag}.txt".encode("gbk")  # as unzipping a Windows zip on Linux leaves it
        with open(os.path.join(os.fsencode(folder), raw_name), "wb") as f:
            f.write(plan(rng).encode("gbk"))
        expect[os.fsdecode(raw_name)] = None
    # things that are not files
    os.mkfifo(folder / f"pipe_{tag}.txt")
    expect[f"pipe_{tag}.txt"] = "not_a_file"
    (folder / f"loop_{tag}.txt").symlink_to(folder / f"loop_{tag}.txt")
    expect[f"loop_{tag}.txt"] = "symlink_loop"
    (folder / f"folder_link_{tag}").symlink_to(folder)
    expect[f"folder_link_{tag}"] = "folder_link"
    (folder / f"passwd_{tag}.txt").symlink_to("/etc/passwd")
    expect[f"passwd_{tag}.txt"] = "outside_folder"
    (folder / f"dangling_{tag}.txt").symlink_to(folder / "nothing")
    expect[f"dangling_{tag}.txt"] = "not_found"
    return expect
